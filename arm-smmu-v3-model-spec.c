// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software SMMUv3 model (test code): the specification library.
 *
 * Theory of operation
 * ===================
 *
 * Everything the model SMMU reads from or writes to memory is interpreted
 * here, from IHI0070 (SMMUv3) and the Arm ARM (VMSAv8-64) alone. A field
 * is named as the specification names it and located by the bit positions
 * the specification gives, counted from bit 0 of the whole structure, so
 * that "S1DSS, bits [65:64]" becomes STE_S1DSS = FLD(65, 64) and
 * ent_get(raw, STE_S1DSS) reads it from the little-endian qwords as they
 * are stored. Nothing here includes the driver's header or uses its
 * definitions: this is a second reading of the architecture.
 *
 * Configuration. smmu_model_fetch_ste() and smmu_model_fetch_cd() locate
 * an entry (5.1, 5.3, STE.S1Fmt); smmu_model_ste_decode() and
 * smmu_model_cd_decode() fill a struct with every field and then apply the
 * ILLEGAL rules of 5.2.2 SteIllegal() and 5.4.2 CdIllegal() that depend on
 * the SMMU's features or on the consistency of fields; the list of rules
 * precedes each checker.
 *
 * Translation. smmu_model_walk_cfg_s1() selects TTB0 or TTB1 for a VA and
 * checks its range (TBI, EPDx); smmu_model_walk_cfg_s2() derives the start
 * level and the number of concatenated tables from S2SL0, S2T0SZ and S2TG.
 * smmu_model_walk() runs one stage after the other. A stage walk reads one
 * descriptor per level through struct smmu_model_mem; in a nested walk
 * each stage 1 descriptor address is an IPA, translated first by a stage 2
 * walk of its own (fault CLASS TT), and the stage 1 output IPA is then
 * translated by stage 2 (CLASS IN). At the leaf the walk checks AF, then
 * permissions, then performs the hardware update (AF and, through DBM,
 * the dirty state) with one cmpxchg64; when that loses a race the stage is
 * walked again from its start. Faults come in the order of 7.3.22.
 *
 * Commands and records. smmu_model_cmd_decode() decodes each opcode of the
 * header into the fields that opcode has and refuses what the SMMU cannot
 * execute. smmu_model_event_encode() and smmu_model_ppr_encode() lay
 * records out as 7.3 and 8 give them. Where the specification shows a
 * layout only as a figure, the comment at that definition names the
 * sources followed and any disagreement between them.
 *
 * Scope. Non-secure streams and the Non-secure command queue. Where
 * SMMUv3.0 was CONSTRAINED UNPREDICTABLE, the SMMUv3.1 behaviour. Walks of
 * VMSAv8-64 tables only: a VMSAv8-32 LPAE CD or stage 2 passes the
 * decoders when the SMMU supports it and is then refused by the walk
 * configuration (C_BAD_CD/C_BAD_STE). IDR5.DS and D128 are taken as 0, so
 * CD.DS and STE.S2DS are RES0 and ignored. Not modelled: permission
 * indirection and overlays, HAFT (table descriptor AF), PBHA, S2FWB
 * attribute effects, MPAM, DPT. Big-endian tables are walked as such.
 *
 * Everything is pure: no locks, no allocation, no sleeping; memory only
 * through struct smmu_model_mem. Callable from hard IRQ context.
 */
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/swab.h>
#include <linux/types.h>
#include <asm/byteorder.h>

#include "arm-smmu-v3-model-spec.h"

/* ------------------------------------------------------------------------
 * Fields of structures made of little-endian qwords
 */

/* Bits [hi:lo] of a structure, numbered as IHI0070 numbers them */
#define FLD(hi, lo)		(((hi) << 9) | (lo))

static u64 ent_get(const __le64 *raw, u32 fld)
{
	unsigned int lo = fld & 511, hi = fld >> 9;

	return (le64_to_cpu(raw[lo / 64]) >> (lo % 64)) &
	       GENMASK_ULL(hi - lo, 0);
}

static void ent_put(__le64 *raw, u32 fld, u64 val)
{
	unsigned int lo = fld & 511, hi = fld >> 9;
	u64 mask = GENMASK_ULL(hi - lo, 0) << (lo % 64);
	u64 q = le64_to_cpu(raw[lo / 64]);

	q = (q & ~mask) | ((val << (lo % 64)) & mask);
	raw[lo / 64] = cpu_to_le64(q);
}

/* Address bits [hi:lo] held in a field at the same bit positions mod 64 */
static u64 ent_addr(const __le64 *raw, u32 fld)
{
	return ent_get(raw, fld) << ((fld & 511) % 64);
}

/* Bits [63:n] of x are all zero; n may be 64 */
static bool fits(u64 x, unsigned int n)
{
	return n >= 64 || !(x >> n);
}

/* ------------------------------------------------------------------------
 * ID registers (IHI0070 6.3.1 - 6.3.6)
 */
#define IDR0_S2P		BIT(0)
#define IDR0_S1P		BIT(1)
#define IDR0_TTF_AA32		BIT(2)
#define IDR0_TTF_AA64		BIT(3)
#define IDR0_COHACC		BIT(4)
#define IDR0_BTM		BIT(5)
#define IDR0_HTTU		GENMASK(7, 6)
#define IDR0_HYP		BIT(9)
#define IDR0_ATS		BIT(10)
#define IDR0_NS1ATS		BIT(11)
#define IDR0_ASID16		BIT(12)
#define IDR0_MSI		BIT(13)
#define IDR0_SEV		BIT(14)
#define IDR0_PRI		BIT(16)
#define IDR0_VMID16		BIT(18)
#define IDR0_CD2L		BIT(19)
#define IDR0_TTENDIAN		GENMASK(22, 21)
#define IDR0_ATSRECERR		BIT(23)
#define IDR0_STALL_MODEL	GENMASK(25, 24)
#define IDR0_TERM_MODEL		BIT(26)
#define IDR0_ST_LEVEL		GENMASK(28, 27)

#define IDR1_SIDSIZE		GENMASK(5, 0)
#define IDR1_SSIDSIZE		GENMASK(10, 6)
#define IDR1_PRIQS		GENMASK(15, 11)
#define IDR1_EVENTQS		GENMASK(20, 16)
#define IDR1_CMDQS		GENMASK(25, 21)

#define IDR3_HAD		BIT(2)
#define IDR3_XNX		BIT(4)
#define IDR3_PPS		BIT(5)
#define IDR3_MPAM		BIT(7)
#define IDR3_STT		BIT(9)
#define IDR3_RIL		BIT(10)
#define IDR3_BBML		GENMASK(12, 11)
#define IDR3_DPT		BIT(15)

#define IDR5_OAS		GENMASK(2, 0)
#define IDR5_GRAN4K		BIT(4)
#define IDR5_GRAN16K		BIT(5)
#define IDR5_GRAN64K		BIT(6)
#define IDR5_VAX		GENMASK(11, 10)

#define TTENDIAN_LE		2
#define TTENDIAN_BE		3
#define STALL_MODEL_NONE	1	/* stall not supported */
#define STALL_MODEL_FORCED	2

/* IDR5.OAS; 0b111 (56 bits) is Reserved before SMMUv3.4 */
static const u8 oas_to_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 56 };

/*
 * CD.IPS and STE.S2PS (5.4, 5.2): 0b111 is Reserved in SMMUv3.1 to v3.3
 * and behaves as 0b110; the cap to the OAS is applied by the callers.
 */
static const u8 ps_to_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

/**
 * smmu_model_idr_decode() - decode SMMU_IDR0..IDR5 (IDR2, IDR4 unused)
 * @idr: the six registers, IDR0 first
 * @out: decoded fields; @out->e2h is left false for the caller to set
 */
void smmu_model_idr_decode(const u32 *idr, struct smmu_model_idr *out)
{
	u32 i0 = idr[0], i1 = idr[1], i3 = idr[3], i5 = idr[5];

	memset(out, 0, sizeof(*out));
	out->s2p = i0 & IDR0_S2P;
	out->s1p = i0 & IDR0_S1P;
	out->aa32 = i0 & IDR0_TTF_AA32;
	out->aa64 = i0 & IDR0_TTF_AA64;
	out->cohacc = i0 & IDR0_COHACC;
	out->btm = i0 & IDR0_BTM;
	out->httu = FIELD_GET(IDR0_HTTU, i0);
	out->hyp = i0 & IDR0_HYP;
	out->ats = i0 & IDR0_ATS;
	out->ns1ats = i0 & IDR0_NS1ATS;
	out->asid16 = i0 & IDR0_ASID16;
	out->msi = i0 & IDR0_MSI;
	out->sev = i0 & IDR0_SEV;
	out->pri = i0 & IDR0_PRI;
	out->vmid16 = i0 & IDR0_VMID16;
	out->cd2l = i0 & IDR0_CD2L;
	out->ttendian = FIELD_GET(IDR0_TTENDIAN, i0);
	out->stall_model = FIELD_GET(IDR0_STALL_MODEL, i0);
	out->term_model = FIELD_GET(IDR0_TERM_MODEL, i0);
	out->st_level = FIELD_GET(IDR0_ST_LEVEL, i0);
	out->atsrecerr = i0 & IDR0_ATSRECERR;

	out->sidsize = FIELD_GET(IDR1_SIDSIZE, i1);
	out->ssidsize = FIELD_GET(IDR1_SSIDSIZE, i1);
	out->priqs = FIELD_GET(IDR1_PRIQS, i1);
	out->evtqs = FIELD_GET(IDR1_EVENTQS, i1);
	out->cmdqs = FIELD_GET(IDR1_CMDQS, i1);

	out->had = i3 & IDR3_HAD;
	out->xnx = i3 & IDR3_XNX;
	out->mpam = i3 & IDR3_MPAM;
	out->stt = i3 & IDR3_STT;
	out->ril = i3 & IDR3_RIL;
	out->bbml = FIELD_GET(IDR3_BBML, i3);
	out->pps = i3 & IDR3_PPS;
	out->dpt = i3 & IDR3_DPT;

	out->oas_bits = oas_to_bits[FIELD_GET(IDR5_OAS, i5)];
	out->gran4k = i5 & IDR5_GRAN4K;
	out->gran16k = i5 & IDR5_GRAN16K;
	out->gran64k = i5 & IDR5_GRAN64K;
	out->vax = FIELD_GET(IDR5_VAX, i5);

	/* IHI0070 3.4: IAS = MAX(TTF[0] ? 40 : 0, TTF[1] ? OAS : 0) */
	out->ias_bits = max_t(u8, out->aa32 ? 40 : 0,
			      out->aa64 ? out->oas_bits : 0);
}

/* Granule size from log2; false for a granule the SMMU does not have */
static bool granule_ok(const struct smmu_model_idr *idr, unsigned int g)
{
	return (g == 12 && idr->gran4k) || (g == 14 && idr->gran16k) ||
	       (g == 16 && idr->gran64k);
}

/* STE.S2TG and CD.TG0 encode the granule one way, CD.TG1 another (5.4) */
static const u8 tg0_to_shift[4] = { 12, 16, 14, 0 };
static const u8 tg1_to_shift[4] = { 0, 14, 12, 16 };

/* ------------------------------------------------------------------------
 * Stream table (IHI0070 5.1, 6.3.24, 6.3.25)
 */
#define STRTAB_BASE_ADDR	GENMASK_ULL(55, 6)
#define STRTAB_CFG_LOG2SIZE	GENMASK(5, 0)
#define STRTAB_CFG_SPLIT	GENMASK(10, 6)
#define STRTAB_CFG_FMT		GENMASK(17, 16)
#define STRTAB_FMT_2LVL		1

#define L1STD_SPAN		FLD(4, 0)
#define L1STD_L2PTR		FLD(55, 6)

#define STE_SIZE		64

/* 5.1: the STE address of @sid behind a level 1 descriptor, or an event */
static int l1std_lookup(struct smmu_model_mem *mem,
			const struct smmu_model_idr *idr, u64 base,
			unsigned int log2size, unsigned int split, u32 sid,
			u64 *pa)
{
	unsigned int span, align;
	__le64 desc;
	u32 low;

	/* 6.3.25: Reserved SPLIT values behave as 6 */
	if (split != 6 && split != 8 && split != 10)
		split = 6;
	/* 6.3.24: ADDR[MAX(5, LOG2SIZE - SPLIT - 1 + 3):0] are zero */
	align = log2size > split + 3 ? log2size - split + 2 : 5;
	base &= ~GENMASK_ULL(min(align, 63U), 0);

	*pa = base + (u64)(sid >> split) * 8;
	if (!fits(*pa, idr->oas_bits) || mem->read(mem, *pa, &desc, 8))
		return SMMU_MODEL_EVT_F_STE_FETCH;

	/* 5.1.1, 7.3.3: Span 0, Reserved (12-31) or beyond SPLIT + 1 */
	span = ent_get(&desc, L1STD_SPAN);
	if (!span || span > 11 || span > split + 1)
		return SMMU_MODEL_EVT_C_BAD_STREAMID;
	low = sid & GENMASK(split - 1, 0);
	if (low >> (span - 1))
		return SMMU_MODEL_EVT_C_BAD_STREAMID;

	/* 5.1: L2Ptr[5 + (Span - 1):0] are treated as zero */
	*pa = ent_addr(&desc, L1STD_L2PTR) & ~GENMASK_ULL(5 + span - 1, 0);
	*pa += (u64)low * STE_SIZE;
	return 0;
}

/**
 * smmu_model_fetch_ste() - locate and read the STE of a StreamID
 * @mem: memory
 * @idr: the SMMU's features
 * @strtab_base: SMMU_STRTAB_BASE as programmed
 * @strtab_base_cfg: SMMU_STRTAB_BASE_CFG as programmed
 * @sid: the StreamID
 * @raw: output, the eight qwords of the STE
 * @ste_pa: output, where the STE lives (for reports), may be NULL; after
 *	    F_STE_FETCH the address whose fetch failed (L1STD or STE)
 *
 * IHI0070 6.3.25: the effective LOG2SIZE is MIN(LOG2SIZE, IDR1.SIDSIZE);
 * FMT other than 2-level (or no 2-level support) is linear. A fetch
 * address beyond the OAS is reported as F_STE_FETCH (3.4.3 permits it).
 *
 * Return: 0; SMMU_MODEL_EVT_C_BAD_STREAMID; SMMU_MODEL_EVT_F_STE_FETCH.
 */
int smmu_model_fetch_ste(struct smmu_model_mem *mem,
			 const struct smmu_model_idr *idr, u64 strtab_base,
			 u32 strtab_base_cfg, u32 sid, __le64 *raw, u64 *ste_pa)
{
	unsigned int log2size = FIELD_GET(STRTAB_CFG_LOG2SIZE, strtab_base_cfg);
	unsigned int split = FIELD_GET(STRTAB_CFG_SPLIT, strtab_base_cfg);
	u64 base = strtab_base & STRTAB_BASE_ADDR, pa;
	int ret = 0;

	if (!fits(sid, min_t(unsigned int, log2size, idr->sidsize)))
		return SMMU_MODEL_EVT_C_BAD_STREAMID;

	if (idr->st_level == 1 &&
	    FIELD_GET(STRTAB_CFG_FMT, strtab_base_cfg) == STRTAB_FMT_2LVL) {
		ret = l1std_lookup(mem, idr, base, log2size, split, sid, &pa);
	} else {
		/* 6.3.24: ADDR[LOG2SIZE + 5:0] are zero (literal LOG2SIZE) */
		base &= ~GENMASK_ULL(min(log2size + 5, 63U), 0);
		pa = base + (u64)sid * STE_SIZE;
	}
	if (ste_pa)
		*ste_pa = pa;
	if (ret)
		return ret;
	if (!fits(pa + STE_SIZE - 1, idr->oas_bits) ||
	    mem->read(mem, pa, raw, STE_SIZE))
		return SMMU_MODEL_EVT_F_STE_FETCH;
	return 0;
}

/* ------------------------------------------------------------------------
 * Stream Table Entry (IHI0070 5.2)
 */
#define STE_V			FLD(0, 0)
#define STE_CONFIG		FLD(3, 1)
#define STE_S1FMT		FLD(5, 4)
#define STE_S1CONTEXTPTR	FLD(55, 6)
#define STE_S1CDMAX		FLD(63, 59)
#define STE_S1DSS		FLD(65, 64)
#define STE_S1CIR		FLD(67, 66)
#define STE_S1COR		FLD(69, 68)
#define STE_S1CSH		FLD(71, 70)
#define STE_CONT		FLD(80, 77)
#define STE_DCP			FLD(81, 81)
#define STE_PPAR		FLD(82, 82)
#define STE_MEV			FLD(83, 83)
#define STE_S2FWB		FLD(89, 89)
#define STE_S1STALLD		FLD(91, 91)
#define STE_EATS		FLD(93, 92)
#define STE_STRW		FLD(95, 94)
#define STE_MEMATTR		FLD(99, 96)
#define STE_MTCFG		FLD(100, 100)
#define STE_ALLOCCFG		FLD(104, 101)
#define STE_SHCFG		FLD(109, 108)
#define STE_NSCFG		FLD(111, 110)
#define STE_PRIVCFG		FLD(113, 112)
#define STE_INSTCFG		FLD(115, 114)
#define STE_S2VMID		FLD(143, 128)
#define STE_S2T0SZ		FLD(165, 160)
#define STE_S2SL0		FLD(167, 166)
#define STE_S2IR0		FLD(169, 168)
#define STE_S2OR0		FLD(171, 170)
#define STE_S2SH0		FLD(173, 172)
#define STE_S2TG		FLD(175, 174)
#define STE_S2PS		FLD(178, 176)
#define STE_S2AA64		FLD(179, 179)
#define STE_S2ENDI		FLD(180, 180)
#define STE_S2AFFD		FLD(181, 181)
#define STE_S2PTW		FLD(182, 182)
#define STE_S2HD		FLD(183, 183)
#define STE_S2HA		FLD(184, 184)
#define STE_S2S			FLD(185, 185)
#define STE_S2R			FLD(186, 186)
#define STE_S2HAFT		FLD(187, 187)
/* SMMUv3.1: bits [243:196] are S2TTB[51:4], bits [247:244] RES0 */
#define STE_S2TTB		FLD(243, 196)

/* STE.Config */
#define CFG_PASS		BIT(2)	/* 0b1xx: traffic can pass */
#define CFG_S2			BIT(1)
#define CFG_S1			BIT(0)
#define CFG_BYPASS		0x4
#define CFG_S1_ONLY		0x5
#define CFG_NESTED		0x7

#define STRW_NS_EL1		0
#define STRW_EL2		2

#define EATS_FULL		1
#define EATS_SPLIT		2

static void ste_fill(const __le64 *raw, struct smmu_model_ste *ste)
{
	memset(ste, 0, sizeof(*ste));
	ste->v = ent_get(raw, STE_V);
	ste->config = ent_get(raw, STE_CONFIG);
	ste->s1fmt = ent_get(raw, STE_S1FMT);
	ste->s1ctxptr = ent_addr(raw, STE_S1CONTEXTPTR);
	ste->s1cdmax = ent_get(raw, STE_S1CDMAX);
	ste->s1dss = ent_get(raw, STE_S1DSS);
	ste->s1cir = ent_get(raw, STE_S1CIR);
	ste->s1cor = ent_get(raw, STE_S1COR);
	ste->s1csh = ent_get(raw, STE_S1CSH);
	ste->cont = ent_get(raw, STE_CONT);
	ste->dcp = ent_get(raw, STE_DCP);
	ste->ppar = ent_get(raw, STE_PPAR);
	ste->mev = ent_get(raw, STE_MEV);
	ste->s2fwb = ent_get(raw, STE_S2FWB);
	ste->s1stalld = ent_get(raw, STE_S1STALLD);
	ste->eats = ent_get(raw, STE_EATS);
	ste->strw = ent_get(raw, STE_STRW);
	ste->memattr = ent_get(raw, STE_MEMATTR);
	ste->mtcfg = ent_get(raw, STE_MTCFG);
	ste->alloccfg = ent_get(raw, STE_ALLOCCFG);
	ste->shcfg = ent_get(raw, STE_SHCFG);
	ste->nscfg = ent_get(raw, STE_NSCFG);
	ste->privcfg = ent_get(raw, STE_PRIVCFG);
	ste->instcfg = ent_get(raw, STE_INSTCFG);
	ste->s2vmid = ent_get(raw, STE_S2VMID);
	ste->s2t0sz = ent_get(raw, STE_S2T0SZ);
	ste->s2sl0 = ent_get(raw, STE_S2SL0);
	ste->s2ir0 = ent_get(raw, STE_S2IR0);
	ste->s2or0 = ent_get(raw, STE_S2OR0);
	ste->s2sh0 = ent_get(raw, STE_S2SH0);
	ste->s2tg = ent_get(raw, STE_S2TG);
	ste->s2ps = ent_get(raw, STE_S2PS);
	ste->s2aa64 = ent_get(raw, STE_S2AA64);
	ste->s2endi = ent_get(raw, STE_S2ENDI);
	ste->s2affd = ent_get(raw, STE_S2AFFD);
	ste->s2ptw = ent_get(raw, STE_S2PTW);
	ste->s2hd = ent_get(raw, STE_S2HD);
	ste->s2ha = ent_get(raw, STE_S2HA);
	ste->s2s = ent_get(raw, STE_S2S);
	ste->s2r = ent_get(raw, STE_S2R);
	ste->s2haft = ent_get(raw, STE_S2HAFT);
	ste->s2ttb = ent_addr(raw, STE_S2TTB);
}

/*
 * Stage 2 start level and concatenation: Arm ARM AArch64.S2StartLevel(),
 * AArch64.S2InvalidSL() and AArch64.S2InconsistentSL() for VMSAv8-64 with
 * SL2 == 0 and DS == 0, PAMax being the SMMU's OAS (IHI0070 5.2 S2SL0:
 * "the same as for the VTCR_EL2.{SL2, SL0} fields").
 */
static int s2_start_level(const struct smmu_model_idr *idr, unsigned int g,
			  unsigned int sl0, unsigned int t0sz, u8 *start,
			  u8 *concat)
{
	unsigned int stride = g - 3, ia_bits = 64 - t0sz, lvl, min_bits;

	switch (g) {
	case 12:
		if ((sl0 == 2 && idr->oas_bits < 44) || (sl0 == 3 && !idr->stt))
			return -EINVAL;
		lvl = sl0 == 3 ? 3 : 2 - sl0;
		break;
	case 14:
		/* SL0 == 0b11 (level 0) needs DS */
		if (sl0 == 3 || (sl0 == 2 && idr->oas_bits < 42))
			return -EINVAL;
		lvl = 3 - sl0;
		break;
	case 16:
		if (sl0 == 3 || (sl0 == 2 && idr->oas_bits < 44))
			return -EINVAL;
		lvl = 3 - sl0;
		break;
	default:
		return -EINVAL;
	}
	/*
	 * The start level resolves at least one bit and at most a full
	 * stride plus four more, up to 16 concatenated tables.
	 */
	min_bits = (3 - lvl) * stride + g + 1;
	if (ia_bits < min_bits || ia_bits > min_bits + stride - 1 + 4)
		return -EINVAL;
	*start = lvl;
	*concat = ia_bits > min_bits + stride - 1 ?
		  ia_bits - (min_bits + stride - 1) : 0;
	return 0;
}

/* 5.2 S2T0SZ (STES2T0SZInvalid() in 5.2.2), VMSAv8-64, S2DS == 0 */
static bool s2t0sz_invalid(const struct smmu_model_idr *idr, unsigned int g,
			   unsigned int t0sz)
{
	unsigned int max = idr->stt ? (g == 16 ? 47 : 48) : 39;
	unsigned int min = max_t(unsigned int, g == 16 ? 12 : 16,
				 64 - idr->ias_bits);

	return t0sz < min || t0sz > max;
}

static unsigned int s2_oa_bits(const struct smmu_model_idr *idr,
			       const struct smmu_model_ste *ste)
{
	/* 5.2 S2PS: 40 bits for VMSAv8-32, else MIN(S2PS, OAS) */
	if (!ste->s2aa64)
		return 40;
	return min(ps_to_bits[ste->s2ps], idr->oas_bits);
}

/*
 * ILLEGAL rules of IHI0070 5.2 for any STE that lets traffic pass:
 *  - Config 0b1x1 without IDR0.S1P; Config 0b11x without IDR0.S2P (Config)
 *  - with IDR0.ATS and a translating Config: EATS == 0b10 unless Config ==
 *    0b111, S2S == 0 and IDR0.NS1ATS == 0; EATS == 0b01 with S2S == 1 and
 *    stage 2 enabled (EATS, SMMUv3.1 rule)
 *  - STRW == 0bx1 where STRW is used: Config 0b101 with S1P and Hyp (STRW)
 *  - S2VMID[15:8] != 0 without IDR0.VMID16 where S2VMID is not IGNORED
 *    (S2VMID; IGNORED for bypass, without S2P, or StreamWorld not NS-EL1)
 */
static bool ste_illegal_common(const struct smmu_model_idr *idr,
			       const struct smmu_model_ste *ste)
{
	bool strw_used = ste->config == CFG_S1_ONLY && idr->s1p && idr->hyp;
	bool vmid_used = idr->s2p && ste->config != CFG_BYPASS &&
			 (!strw_used || ste->strw == STRW_NS_EL1);

	if ((ste->config & CFG_S1) && !idr->s1p)
		return true;
	if ((ste->config & CFG_S2) && !idr->s2p)
		return true;
	if (idr->ats && ste->config != CFG_BYPASS) {
		if (ste->eats == EATS_SPLIT &&
		    (ste->config != CFG_NESTED || ste->s2s || idr->ns1ats))
			return true;
		if (ste->eats == EATS_FULL && ste->s2s &&
		    (ste->config & CFG_S2))
			return true;
	}
	if (strw_used && (ste->strw & 1))
		return true;
	return vmid_used && !idr->vmid16 && (ste->s2vmid >> 8);
}

/*
 * ILLEGAL rules of IHI0070 5.2 when stage 1 translates (Config 0b1x1):
 *  - S1STALLD == 1 with IDR0.STALL_MODEL != 0b00 (S1STALLD, 5.5)
 *  - S1CDMax > IDR1.SSIDSIZE when substreams are supported (S1CDMax)
 *  - S1Fmt 0b01/0b10 with substreams enabled and no IDR0.CD2L (S1Fmt)
 *  - S1ContextPtr beyond the IAS (stage 2 enabled) or the OAS: C_BAD_STE
 *    in SMMUv3.1 (S1ContextPtr, 3.4.3)
 */
static bool ste_illegal_s1(const struct smmu_model_idr *idr,
			   const struct smmu_model_ste *ste)
{
	unsigned int range = ste->config & CFG_S2 ? idr->ias_bits :
						    idr->oas_bits;

	if (ste->s1stalld && idr->stall_model)
		return true;
	if (idr->ssidsize && ste->s1cdmax > idr->ssidsize)
		return true;
	if (idr->ssidsize && ste->s1cdmax && !idr->cd2l &&
	    (ste->s1fmt == 1 || ste->s1fmt == 2))
		return true;
	return !fits(ste->s1ctxptr, range);
}

/*
 * ILLEGAL rules of IHI0070 5.2 when stage 2 translates (Config 0b11x):
 *  - S2FWB == 1 with VMSAv8-32 (S2FWB)
 *  - S2S == 1 with STALL_MODEL 0b01; S2S == 0 with STALL_MODEL 0b10 (5.5)
 *  - S2AA64 selecting a format absent from IDR0.TTF (S2AA64)
 *  - S2HA or S2HD with VMSAv8-32 or HTTU == 0b00; S2HD with HTTU == 0b01;
 *    S2HAFT without S2HA with HTTU == 0b11 (S2HA, S2HAFT)
 *  - VMSAv8-64: S2TG Reserved or not in IDR5 (S2TG); S2T0SZ outside
 *    [MAX(16 or 12 for 64KB, 64 - IAS), 39 or 48/47 with STT] (S2T0SZ);
 *    S2SL0 inconsistent with S2T0SZ and S2TG (S2SL0, S2TG)
 *  - S2TTB beyond the effective S2PS, or beyond 48 bits with a 4KB or
 *    16KB granule (S2TTB, 5.2.1)
 *  - S2ENDI selecting an endianness IDR0.TTENDIAN excludes (S2ENDI)
 * The VMSAv8-32 S2SL0/S2T0SZ consistency rule is not checked: the model
 * does not walk such tables (smmu_model_walk_cfg_s2() refuses them).
 */
static bool ste_illegal_s2(const struct smmu_model_idr *idr,
			   const struct smmu_model_ste *ste)
{
	bool aa32 = !ste->s2aa64;
	unsigned int g = tg0_to_shift[ste->s2tg];
	u8 start, concat;

	if (aa32 && ste->s2fwb)
		return true;
	if ((ste->s2s && idr->stall_model == STALL_MODEL_NONE) ||
	    (!ste->s2s && idr->stall_model == STALL_MODEL_FORCED))
		return true;
	if ((aa32 && !idr->aa32) || (!aa32 && !idr->aa64))
		return true;
	if ((ste->s2ha || ste->s2hd) && (aa32 || !idr->httu))
		return true;
	if ((ste->s2hd && idr->httu == 1) ||
	    (ste->s2haft && !ste->s2ha && idr->httu == 3))
		return true;
	if (!fits(ste->s2ttb, s2_oa_bits(idr, ste)))
		return true;
	if (!aa32) {
		if (!granule_ok(idr, g) || s2t0sz_invalid(idr, g, ste->s2t0sz))
			return true;
		if (g != 16 && !fits(ste->s2ttb, 48))
			return true;
		if (s2_start_level(idr, g, ste->s2sl0, ste->s2t0sz, &start,
				   &concat))
			return true;
	}
	return (idr->ttendian == TTENDIAN_LE && ste->s2endi) ||
	       (idr->ttendian == TTENDIAN_BE && !ste->s2endi);
}

/**
 * smmu_model_ste_decode() - decode and check an STE
 * @idr: the SMMU's features
 * @raw: the eight qwords as stored in memory
 * @ste: decoded fields (filled even when the STE is ILLEGAL)
 *
 * Config 0b0xx aborts without an event (5.2 Config) and is therefore not
 * checked further. Fields of a disabled stage are IGNORED (5.2 V).
 *
 * Return: 0, or SMMU_MODEL_EVT_C_BAD_STE for V == 0 or an ILLEGAL STE.
 */
int smmu_model_ste_decode(const struct smmu_model_idr *idr,
			  const __le64 *raw, struct smmu_model_ste *ste)
{
	ste_fill(raw, ste);
	if (!ste->v)
		return SMMU_MODEL_EVT_C_BAD_STE;
	if (!(ste->config & CFG_PASS))
		return 0;
	if (ste_illegal_common(idr, ste) ||
	    ((ste->config & CFG_S1) && ste_illegal_s1(idr, ste)) ||
	    ((ste->config & CFG_S2) && ste_illegal_s2(idr, ste)))
		return SMMU_MODEL_EVT_C_BAD_STE;
	return 0;
}

/* ------------------------------------------------------------------------
 * Context Descriptor (IHI0070 5.4) and its tables (5.3, 5.2 S1Fmt)
 */
#define CD_T0SZ			FLD(5, 0)
#define CD_TG0			FLD(7, 6)
#define CD_IR0			FLD(9, 8)
#define CD_OR0			FLD(11, 10)
#define CD_SH0			FLD(13, 12)
#define CD_EPD0			FLD(14, 14)
#define CD_ENDI			FLD(15, 15)
#define CD_T1SZ			FLD(21, 16)
#define CD_TG1			FLD(23, 22)
#define CD_IR1			FLD(25, 24)
#define CD_OR1			FLD(27, 26)
#define CD_SH1			FLD(29, 28)
#define CD_EPD1			FLD(30, 30)
#define CD_V			FLD(31, 31)
#define CD_IPS			FLD(34, 32)
#define CD_AFFD			FLD(35, 35)
#define CD_WXN			FLD(36, 36)
#define CD_UWXN			FLD(37, 37)
#define CD_TBI0			FLD(38, 38)
#define CD_TBI1			FLD(39, 39)
#define CD_PAN			FLD(40, 40)
#define CD_AA64			FLD(41, 41)
#define CD_HD			FLD(42, 42)
#define CD_HA			FLD(43, 43)
#define CD_S			FLD(44, 44)
#define CD_R			FLD(45, 45)
#define CD_A			FLD(46, 46)
#define CD_ASET			FLD(47, 47)
#define CD_ASID			FLD(63, 48)
#define CD_NSCFG0		FLD(64, 64)
#define CD_HAD0			FLD(65, 65)
#define CD_HAFT			FLD(67, 67)
/* SMMUv3.1: bits [115:68] are TTB0[51:4], [119:116] RES0; TTB1 alike */
#define CD_TTB0			FLD(115, 68)
#define CD_NSCFG1		FLD(128, 128)
#define CD_HAD1			FLD(129, 129)
#define CD_TTB1			FLD(179, 132)
#define CD_MAIR			FLD(255, 192)	/* MAIR1:MAIR0 */
#define CD_AMAIR		FLD(319, 256)	/* AMAIR1:AMAIR0 */

#define L1CD_V			FLD(0, 0)
#define L1CD_L2PTR		FLD(55, 12)

#define CD_SIZE			64

static void cd_fill(const __le64 *raw, struct smmu_model_cd *cd)
{
	memset(cd, 0, sizeof(*cd));
	cd->t0sz = ent_get(raw, CD_T0SZ);
	cd->tg0 = ent_get(raw, CD_TG0);
	cd->ir0 = ent_get(raw, CD_IR0);
	cd->or0 = ent_get(raw, CD_OR0);
	cd->sh0 = ent_get(raw, CD_SH0);
	cd->epd0 = ent_get(raw, CD_EPD0);
	cd->endi = ent_get(raw, CD_ENDI);
	cd->t1sz = ent_get(raw, CD_T1SZ);
	cd->tg1 = ent_get(raw, CD_TG1);
	cd->ir1 = ent_get(raw, CD_IR1);
	cd->or1 = ent_get(raw, CD_OR1);
	cd->sh1 = ent_get(raw, CD_SH1);
	cd->epd1 = ent_get(raw, CD_EPD1);
	cd->v = ent_get(raw, CD_V);
	cd->ips = ent_get(raw, CD_IPS);
	cd->affd = ent_get(raw, CD_AFFD);
	cd->wxn = ent_get(raw, CD_WXN);
	cd->uwxn = ent_get(raw, CD_UWXN);
	cd->tbi = ent_get(raw, CD_TBI0) | ent_get(raw, CD_TBI1) << 1;
	cd->pan = ent_get(raw, CD_PAN);
	cd->aa64 = ent_get(raw, CD_AA64);
	cd->hd = ent_get(raw, CD_HD);
	cd->ha = ent_get(raw, CD_HA);
	cd->s = ent_get(raw, CD_S);
	cd->r = ent_get(raw, CD_R);
	cd->a = ent_get(raw, CD_A);
	cd->aset = ent_get(raw, CD_ASET);
	cd->asid = ent_get(raw, CD_ASID);
	cd->nscfg0 = ent_get(raw, CD_NSCFG0);
	cd->had0 = ent_get(raw, CD_HAD0);
	cd->haft = ent_get(raw, CD_HAFT);
	cd->ttb0 = ent_addr(raw, CD_TTB0);
	cd->nscfg1 = ent_get(raw, CD_NSCFG1);
	cd->had1 = ent_get(raw, CD_HAD1);
	cd->ttb1 = ent_addr(raw, CD_TTB1);
	cd->mair = ent_get(raw, CD_MAIR);
	cd->amair = ent_get(raw, CD_AMAIR);
}

/* 5.2 STRW: NS-EL2 or NS-EL2-E2H only for stage-1-only STEs with Hyp */
static u8 stream_world(const struct smmu_model_idr *idr,
		       const struct smmu_model_ste *ste)
{
	if (ste->config == CFG_S1_ONLY && idr->s1p && idr->hyp &&
	    ste->strw == STRW_EL2)
		return idr->e2h ? SMMU_MODEL_SW_EL2_E2H : SMMU_MODEL_SW_EL2;
	return SMMU_MODEL_SW_NS_EL1;
}

/* 5.4 T0SZ (CDTxSZInvalid() in 5.4.2), VMSAv8-64 with CD.DS == 0 */
static bool txsz_invalid(const struct smmu_model_idr *idr, unsigned int g,
			 unsigned int txsz)
{
	unsigned int max = idr->stt ? (g == 16 ? 47 : 48) : 39;
	unsigned int min = idr->vax && g == 16 ? 12 : 16;

	return txsz < min || txsz > max;
}

static unsigned int cd_oa_bits(const struct smmu_model_idr *idr,
			       const struct smmu_model_cd *cd)
{
	/* 5.4 IPS: 40 bits for VMSAv8-32, else MIN(IPS, OAS) */
	if (!cd->aa64)
		return 40;
	return min(ps_to_bits[cd->ips], idr->oas_bits);
}

/* The checks of one enabled TTBx: TxSZ, TGx and the TTBx range (5.4) */
static bool ttbx_illegal(const struct smmu_model_idr *idr,
			 const struct smmu_model_cd *cd, unsigned int g,
			 unsigned int txsz, u64 ttb)
{
	if (!fits(ttb, cd_oa_bits(idr, cd)))
		return true;
	if (!cd->aa64)
		return false;
	return !granule_ok(idr, g) || txsz_invalid(idr, g, txsz) ||
	       (g != 16 && !fits(ttb, 48));
}

/*
 * ILLEGAL rules of IHI0070 5.4 (5.4.2 CdIllegal()), Non-secure stream:
 *  - CD.S == 1 through an STE with S1STALLD == 1 (5.5)
 *  - CD.A == 0 with IDR0.TERM_MODEL == 1 (5.5, 6.3.1)
 *  - CD.S == 1 with STALL_MODEL 0b01, CD.S == 0 with 0b10 (5.5)
 *  - ENDI selecting an endianness IDR0.TTENDIAN excludes, unless both
 *    halves are disabled (ENDI)
 *  - AA64 == 0 without IDR0.TTF[0] or in StreamWorld EL2-E2H; AA64 == 1
 *    without TTF[1] or on a VMSAv8-32 stage 2 (AA64)
 *  - VMSAv8-64: HA or HD with HTTU == 0b00, HD with HTTU == 0b01, HAFT
 *    without HA with HTTU == 0b11 (HA, HAFT)
 *  - ASID[15:8] != 0 without IDR0.ASID16 where the ASID is used, that is
 *    in NS-EL1 and EL2-E2H (ASID)
 *  - for each half not disabled by EPDx (EPDx is IGNORED in StreamWorld
 *    EL2, which has no TTB1): TxSZ out of range, TGx Reserved or not in
 *    IDR5, TTBx beyond the effective IPS or beyond 48 bits with a 4KB or
 *    16KB granule (T0SZ, TG0, TG1, TTB0, TTB1)
 */
static bool cd_illegal(const struct smmu_model_idr *idr,
		       const struct smmu_model_ste *ste,
		       const struct smmu_model_cd *cd)
{
	bool el2 = cd->sw == SMMU_MODEL_SW_EL2;
	bool use0 = el2 || !cd->epd0, use1 = !el2 && !cd->epd1;

	if (ste->s1stalld && cd->s)
		return true;
	if (idr->term_model && !cd->a)
		return true;
	if ((idr->stall_model == STALL_MODEL_NONE && cd->s) ||
	    (idr->stall_model == STALL_MODEL_FORCED && !cd->s))
		return true;
	if ((use0 || use1) &&
	    ((idr->ttendian == TTENDIAN_LE && cd->endi) ||
	     (idr->ttendian == TTENDIAN_BE && !cd->endi)))
		return true;
	if (!cd->aa64 && (!idr->aa32 || cd->sw == SMMU_MODEL_SW_EL2_E2H))
		return true;
	if (cd->aa64 && (!idr->aa64 ||
			 ((ste->config & CFG_S2) && !ste->s2aa64)))
		return true;
	if (cd->aa64 && (((cd->ha || cd->hd) && !idr->httu) ||
			 (cd->hd && idr->httu == 1) ||
			 (cd->haft && !cd->ha && idr->httu == 3)))
		return true;
	if (!el2 && !idr->asid16 && (cd->asid >> 8))
		return true;
	if (use0 && ttbx_illegal(idr, cd, tg0_to_shift[cd->tg0], cd->t0sz,
				 cd->ttb0))
		return true;
	return use1 && ttbx_illegal(idr, cd, tg1_to_shift[cd->tg1], cd->t1sz,
				    cd->ttb1);
}

/**
 * smmu_model_cd_decode() - decode and check a CD
 * @idr: the SMMU's features
 * @ste: the STE that led to it (STALL rules, stage 2 present, STRW)
 * @raw: the eight qwords as stored in memory
 * @cd: decoded fields (filled even when ILLEGAL), @cd->sw included
 *
 * Return: 0, or SMMU_MODEL_EVT_C_BAD_CD for V == 0 or an ILLEGAL CD.
 */
int smmu_model_cd_decode(const struct smmu_model_idr *idr,
			 const struct smmu_model_ste *ste, const __le64 *raw,
			 struct smmu_model_cd *cd)
{
	cd_fill(raw, cd);
	cd->sw = stream_world(idr, ste);
	if (!cd->v || cd_illegal(idr, ste, cd))
		return SMMU_MODEL_EVT_C_BAD_CD;
	return 0;
}

/* Read @len bytes at @addr, an IPA when @s2 is given */
static int cd_read(struct smmu_model_mem *mem,
		   const struct smmu_model_idr *idr, smmu_model_ipa_to_pa_fn s2,
		   void *s2_priv, u64 addr, void *buf, size_t len, u64 *pa)
{
	int ret;

	*pa = addr;
	if (s2) {
		ret = s2(s2_priv, addr, pa);
		if (ret)
			return ret;
	}
	if (!fits(*pa + len - 1, idr->oas_bits) ||
	    mem->read(mem, *pa, buf, len))
		return SMMU_MODEL_EVT_F_CD_FETCH;
	return 0;
}

/* 5.2 S1Fmt 0b01/0b10, 5.3: the CD address behind a level 1 descriptor */
static int l1cd_lookup(struct smmu_model_mem *mem,
		       const struct smmu_model_idr *idr,
		       const struct smmu_model_ste *ste, u32 ssid,
		       smmu_model_ipa_to_pa_fn s2, void *s2_priv, u64 *addr)
{
	unsigned int l2bits = ste->s1fmt == 1 ? 6 : 10;	/* 4KB or 64KB L2 */
	unsigned int l1bits = ste->s1cdmax > l2bits ? ste->s1cdmax - l2bits : 0;
	unsigned int range = s2 ? idr->ias_bits : idr->oas_bits;
	u64 base = ste->s1ctxptr, l2, pa;
	__le64 desc;
	int ret;

	/* Aligned to its size or 64 bytes, whichever is greater */
	base &= ~GENMASK_ULL(max(l1bits + 3, 6U) - 1, 0);
	ret = cd_read(mem, idr, s2, s2_priv, base + (u64)(ssid >> l2bits) * 8,
		      &desc, 8, &pa);
	if (ret) {
		*addr = pa;
		return ret;
	}
	/* 5.3.1: V == 0; 3.4.3 (3), (4): L2Ptr out of range (SMMUv3.1) */
	l2 = ent_addr(&desc, L1CD_L2PTR);
	if (ste->s1fmt == 2)
		l2 &= ~GENMASK_ULL(15, 12);	/* L2Ptr[15:12] RES0 */
	if (!ent_get(&desc, L1CD_V) || !fits(l2, range))
		return SMMU_MODEL_EVT_C_BAD_SUBSTREAMID;
	*addr = l2 + (u64)(ssid & GENMASK(l2bits - 1, 0)) * CD_SIZE;
	return 0;
}

/**
 * smmu_model_fetch_cd() - locate and read the CD for a SubstreamID
 * @mem: memory
 * @idr: the SMMU's features
 * @ste: the decoded STE (stage 1 enabled)
 * @ssid: SubstreamID, used when @ssv
 * @ssv: the transaction carries a SubstreamID
 * @s2: translates table addresses when the STE enables stage 2, else NULL
 * @s2_priv: passed to @s2
 * @raw: output, the eight qwords of the CD
 * @cd_pa: output, where the CD lives, may be NULL; after a failure the
 *	   address that failed (an IPA for a fault from @s2)
 *
 * Without @ssv, CD 0 is read: the caller has applied S1DSS already, and
 * the F_STREAM_DISABLED cases of S1DSS (including SubstreamID 0 with
 * S1DSS == 0b10) are the caller's to check. The linear table is aligned to
 * its size (5.2 S1Fmt: the RES0 bits of S1ContextPtr are taken as zero).
 *
 * Return: 0; SMMU_MODEL_EVT_C_BAD_SUBSTREAMID; SMMU_MODEL_EVT_F_CD_FETCH
 * (external abort, or an address beyond the OAS); or the fault of @s2.
 */
int smmu_model_fetch_cd(struct smmu_model_mem *mem,
			const struct smmu_model_idr *idr,
			const struct smmu_model_ste *ste, u32 ssid, bool ssv,
			smmu_model_ipa_to_pa_fn s2, void *s2_priv,
			__le64 *raw, u64 *cd_pa)
{
	bool substreams = idr->ssidsize && ste->s1cdmax;
	u64 addr = ste->s1ctxptr, pa;
	int ret = 0;

	/* 5.2 S1CDMax, 7.3.9 */
	if (ssv && (!substreams || !fits(ssid, ste->s1cdmax)))
		return SMMU_MODEL_EVT_C_BAD_SUBSTREAMID;
	if (!ssv)
		ssid = 0;

	if (substreams && (ste->s1fmt == 1 || ste->s1fmt == 2)) {
		ret = l1cd_lookup(mem, idr, ste, ssid, s2, s2_priv, &addr);
	} else if (substreams) {
		/* S1Fmt 0b00, and 0b11 which behaves as 0b00 */
		addr &= ~GENMASK_ULL(ste->s1cdmax + 5, 0);
		addr += (u64)ssid * CD_SIZE;
	}
	pa = addr;
	if (!ret)
		ret = cd_read(mem, idr, s2, s2_priv, addr, raw, CD_SIZE, &pa);
	if (cd_pa)
		*cd_pa = pa;
	return ret;
}

/* ------------------------------------------------------------------------
 * Walk configuration (IHI0070 3.4, 5.2, 5.4; Arm ARM D8.1, D8.2)
 */

/* Bits [63:ia_bits] resolved from start level @lvl: log2 of its entries */
static unsigned int start_bits(unsigned int g, unsigned int ia_bits,
			       unsigned int lvl)
{
	return ia_bits - (g + (3 - lvl) * (g - 3));
}

/* TTB bits below the size of the start-level table(s) are taken as zero */
static u64 ttb_align(u64 ttb, unsigned int g, unsigned int ia_bits,
		     unsigned int lvl, unsigned int oa_bits)
{
	unsigned int size_log2 = start_bits(g, ia_bits, lvl) + 3;

	/* 5.2 S2TTB, 5.4 TTB0: 64-byte minimum alignment with 52-bit output */
	if (oa_bits >= 52)
		size_log2 = max(size_log2, 6U);
	return ttb & ~GENMASK_ULL(size_log2 - 1, 0);
}

/**
 * smmu_model_walk_cfg_s1() - the stage 1 walk for a VA through a CD
 * @idr: the SMMU's features
 * @cd: the decoded CD
 * @va: the input address (selects TTB0 or TTB1 by its top bits, TBI)
 * @cfg: output
 *
 * IHI0070 3.4.1: VA[55] selects TTB1 (StreamWorld EL2 has TTB0 only); VA
 * bits [AddrTop:64 - TxSZ] must be all zeros (TTB0) or all ones (TTB1),
 * AddrTop being 55 with TBIx and 63 without. 5.4.1.1: a VA in a half
 * disabled by EPDx (IGNORED in EL2) takes a Translation fault. UWXN is
 * IGNORED with VMSAv8-64 (5.4), so @cfg->uwxn is false.
 *
 * Return: 0; SMMU_MODEL_EVT_F_TRANSLATION; SMMU_MODEL_EVT_C_BAD_CD for a
 * VMSAv8-32 CD (not modelled) or a half that smmu_model_cd_decode() would
 * have refused.
 */
int smmu_model_walk_cfg_s1(const struct smmu_model_idr *idr,
			   const struct smmu_model_cd *cd, u64 va,
			   struct smmu_model_walk_cfg *cfg)
{
	bool el2 = cd->sw == SMMU_MODEL_SW_EL2;
	bool ttb1 = !el2 && (va & BIT_ULL(55));
	unsigned int g = ttb1 ? tg1_to_shift[cd->tg1] : tg0_to_shift[cd->tg0];
	unsigned int txsz = ttb1 ? cd->t1sz : cd->t0sz;
	unsigned int top = (cd->tbi >> ttb1) & 1 ? 55 : 63;
	unsigned int ia_bits, lvl;
	u64 upper;

	memset(cfg, 0, sizeof(*cfg));
	if (!cd->aa64)
		return SMMU_MODEL_EVT_C_BAD_CD;
	if (!el2 && (ttb1 ? cd->epd1 : cd->epd0))
		return SMMU_MODEL_EVT_F_TRANSLATION;
	if (!granule_ok(idr, g) || txsz_invalid(idr, g, txsz))
		return SMMU_MODEL_EVT_C_BAD_CD;

	ia_bits = 64 - txsz;
	upper = (va & GENMASK_ULL(top, 0)) >> ia_bits;
	if (upper != (ttb1 ? GENMASK_ULL(top - ia_bits, 0) : 0))
		return SMMU_MODEL_EVT_F_TRANSLATION;

	/* Arm ARM: the start level resolves the remaining top bits */
	lvl = 3 - (ia_bits - 1 - g) / (g - 3);
	cfg->stage = 1;
	cfg->granule_shift = g;
	cfg->ia_bits = ia_bits;
	cfg->start_level = lvl;
	cfg->oa_bits = cd_oa_bits(idr, cd);
	cfg->ttb = ttb_align(ttb1 ? cd->ttb1 : cd->ttb0, g, ia_bits, lvl,
			     cfg->oa_bits);
	/* 5.4 HA/HD: {HD, HA} == 0b10 behaves as 0b00 */
	cfg->ha = cd->ha;
	cfg->hd = cd->ha && cd->hd;
	cfg->affd = !cd->ha && cd->affd;
	cfg->wxn = cd->wxn;
	cfg->pan = !el2 && cd->pan;
	cfg->big_endian = cd->endi;
	cfg->el2 = el2;
	cfg->had = idr->had && (ttb1 ? cd->had1 : cd->had0);
	return 0;
}

/**
 * smmu_model_walk_cfg_s2() - the stage 2 walk of an STE
 * @idr: the SMMU's features
 * @ste: the decoded STE (stage 2 enabled)
 * @cfg: output
 *
 * Return: 0 or SMMU_MODEL_EVT_C_BAD_STE (S2T0SZ/S2SL0/S2TG inconsistent
 * or unsupported, or VMSAv8-32 tables, which the model does not walk).
 */
int smmu_model_walk_cfg_s2(const struct smmu_model_idr *idr,
			   const struct smmu_model_ste *ste,
			   struct smmu_model_walk_cfg *cfg)
{
	unsigned int g = tg0_to_shift[ste->s2tg];
	u8 lvl, concat;

	memset(cfg, 0, sizeof(*cfg));
	if (!ste->s2aa64 || !granule_ok(idr, g) ||
	    s2t0sz_invalid(idr, g, ste->s2t0sz) ||
	    s2_start_level(idr, g, ste->s2sl0, ste->s2t0sz, &lvl, &concat))
		return SMMU_MODEL_EVT_C_BAD_STE;

	cfg->stage = 2;
	cfg->granule_shift = g;
	cfg->ia_bits = 64 - ste->s2t0sz;
	cfg->start_level = lvl;
	cfg->concat = concat;
	cfg->oa_bits = s2_oa_bits(idr, ste);
	cfg->ttb = ttb_align(ste->s2ttb, g, cfg->ia_bits, lvl, cfg->oa_bits);
	/* 5.2 S2HA/S2HD: {S2HA, S2HD} == 0b01 behaves as 0b00 */
	cfg->ha = ste->s2ha;
	cfg->hd = ste->s2ha && ste->s2hd;
	cfg->affd = !ste->s2ha && ste->s2affd;
	cfg->s2ptw = ste->s2ptw;
	cfg->big_endian = ste->s2endi;
	cfg->xnx = idr->xnx;
	return 0;
}

/* ------------------------------------------------------------------------
 * VMSAv8-64 descriptors (Arm ARM D8.3), 64-bit, DS == 0
 */
#define D_VALID			BIT_ULL(0)
#define D_TABLE			BIT_ULL(1)	/* table, or page at level 3 */
#define D_ATTRINDX		GENMASK_ULL(4, 2)	/* stage 1 */
#define D_S2MEMATTR		GENMASK_ULL(5, 2)	/* stage 2 */
#define D_AP1			BIT_ULL(6)	/* stage 1 AP[1]: EL0 access */
#define D_AP2			BIT_ULL(7)	/* stage 1 AP[2]: read-only */
#define D_S2AP_R		BIT_ULL(6)	/* stage 2 S2AP[0] */
#define D_S2AP_W		BIT_ULL(7)	/* stage 2 S2AP[1] */
#define D_SH			GENMASK_ULL(9, 8)
#define D_AF			BIT_ULL(10)
#define D_OA_51_48		GENMASK_ULL(15, 12)	/* 64KB granule */
#define D_DBM			BIT_ULL(51)
#define D_PXN			BIT_ULL(53)
#define D_UXN			BIT_ULL(54)	/* XN in EL2; S2 XN[1] */
#define D_S2XN			GENMASK_ULL(54, 53)
#define T_PXNTABLE		BIT_ULL(59)
#define T_UXNTABLE		BIT_ULL(60)	/* XNTable in EL2 */
#define T_APTABLE_NOEL0		BIT_ULL(61)	/* APTable[0] */
#define T_APTABLE_RO		BIT_ULL(62)	/* APTable[1] */

/* S2 MemAttr[3:2] == 0b00: any Device type (S2FWB not modelled) */
#define S2_MEMATTR_DEVICE(a)	(((a) & 0xc) == 0)

#define CLASS_CD		0
#define CLASS_TT		1
#define CLASS_IN		2

#define PERM_ALL		GENMASK(5, 0)
#define WALK_TRIES		64

/* A walk in progress */
struct walk {
	struct smmu_model_mem *mem;
	const struct smmu_model_walk_cfg *s2;	/* for stage 1 table fetches */
	struct smmu_model_walk_res *res;
	u8 class;				/* of stage 2 faults now */
};

/* The descriptor a stage walk has reached */
struct step {
	const struct smmu_model_walk_cfg *c;
	u64 ia;			/* the input address of this stage */
	unsigned int acc;
	unsigned int lvl, shift;
	u64 dpa;		/* its address: an IPA in a nested stage 1 */
	u64 pa;			/* where it was read */
	u64 d;
};

/* Hierarchical attributes collected from table descriptors (stage 1) */
struct hier {
	bool ro, noel0, pxn, uxn;
};

/* What a stage produced */
struct stage_out {
	u64 oa, leaf, leaf_pa;
	u8 level, size_shift, perms, attr, sh;
	bool dirty;
};

static int stage_walk(struct walk *w, const struct smmu_model_walk_cfg *c,
		      u64 ia, unsigned int acc, struct stage_out *o);

static int walk_fault(struct walk *w, const struct step *st, u8 type)
{
	struct smmu_model_walk_res *r = w->res;

	r->fault = type;
	r->fault_level = st->lvl;
	r->fault_s2 = st->c->stage == 2;
	r->fault_ipa = r->fault_s2 ? st->ia : 0;
	/* 7.3.12-7.3.16: a stage 1 walk abort is CLASS TT, other faults IN */
	if (r->fault_s2)
		r->fault_class = w->class;
	else
		r->fault_class = type == SMMU_MODEL_EVT_F_WALK_EABT ? CLASS_TT :
								      CLASS_IN;
	r->fault_ttrnw = !(st->acc & SMMU_MODEL_ACC_WRITE);
	return type;
}

/* The address a table or leaf descriptor holds, from bit @shift up */
static u64 desc_addr(unsigned int g, u64 d, unsigned int shift)
{
	u64 oa = d & GENMASK_ULL(47, shift);

	/* FEAT_LPA: OA[51:48] in bits [15:12] with the 64KB granule */
	if (g == 16)
		oa |= (d & D_OA_51_48) << 36;
	return oa;
}

/* Descriptors in the table's endianness, as 64-bit little-endian memory */
static u64 to_mem(const struct smmu_model_walk_cfg *c, u64 d)
{
	return c->big_endian ? swab64(d) : d;
}

/* Stage 2 translation of a stage 1 descriptor address (CLASS TT) */
static int table_ipa_to_pa(struct walk *w, const struct step *st,
			   unsigned int acc, u64 *pa)
{
	struct step s2st = { .c = w->s2, .ia = st->dpa, .acc = acc };
	struct stage_out o = {};
	u8 class = w->class;
	int ret;

	w->class = CLASS_TT;
	ret = stage_walk(w, w->s2, st->dpa, acc, &o);
	/* 5.2 S2PTW: a table walk to stage 2 Device memory faults */
	if (!ret && w->s2->s2ptw && S2_MEMATTR_DEVICE(o.attr)) {
		s2st.lvl = o.level;
		ret = walk_fault(w, &s2st, SMMU_MODEL_EVT_F_PERMISSION);
	}
	w->class = class;
	*pa = o.oa;
	return ret;
}

static int fetch_desc(struct walk *w, struct step *st)
{
	const struct smmu_model_walk_cfg *c = st->c;
	union {
		__le64 le;
		__be64 be;
	} raw;
	int ret;

	st->pa = st->dpa;
	if (c->stage == 1 && w->s2) {
		ret = table_ipa_to_pa(w, st, 0, &st->pa);
		if (ret)
			return ret;
	}
	if (w->mem->read(w->mem, st->pa, &raw, sizeof(raw))) {
		w->res->fault_fetch_pa = st->pa;
		return walk_fault(w, st, SMMU_MODEL_EVT_F_WALK_EABT);
	}
	st->d = c->big_endian ? be64_to_cpu(raw.be) : le64_to_cpu(raw.le);
	return 0;
}

/* 3.13: the HTTU update of the leaf; -EAGAIN when it lost a race */
static int update_desc(struct walk *w, struct step *st, u64 new)
{
	const struct smmu_model_walk_cfg *c = st->c;
	u64 old = to_mem(c, st->d);
	int ret;

	/* 3.13.5: the stage 2 mapping of a stage 1 descriptor must allow writes */
	if (c->stage == 1 && w->s2) {
		ret = table_ipa_to_pa(w, st, SMMU_MODEL_ACC_WRITE, &st->pa);
		if (ret)
			return ret;
	}
	ret = w->mem->cmpxchg64(w->mem, st->pa, &old, to_mem(c, new));
	if (ret == -EAGAIN)
		return -EAGAIN;
	if (ret) {
		w->res->fault_fetch_pa = st->pa;
		return walk_fault(w, st, SMMU_MODEL_EVT_F_WALK_EABT);
	}
	st->d = new;
	return 0;
}

/* ------------------------------------------------------------------------
 * Permissions (Arm ARM D8.4; IHI0070 13.4, 3.13.3)
 */
static u8 perm_bits(bool ur, bool uw, bool ux, bool pr, bool pw, bool px)
{
	return (ur ? SMMU_MODEL_PERM_R : 0) | (uw ? SMMU_MODEL_PERM_W : 0) |
	       (ux ? SMMU_MODEL_PERM_X : 0) | (pr ? SMMU_MODEL_PERM_PR : 0) |
	       (pw ? SMMU_MODEL_PERM_PW : 0) | (px ? SMMU_MODEL_PERM_PX : 0);
}

/*
 * Stage 1, direct permissions, as Arm ARM AArch64.S1DirectBasePermissions():
 * AP[2:1] then APTable; privileged execute never where EL0 can write;
 * WXN; PAN for privileged data accesses to EL0-readable pages. With
 * @dirty the descriptor is evaluated as if AP[2] were already clear.
 * IHI0070 3.13.8: with HD and DBM a writable-clean page counts as
 * writable for execute permission. In StreamWorld EL2 (13.4.1) AP[1] is
 * taken as 1 and every access is checked as privileged: the unprivileged
 * bits equal the privileged ones; bit 54 is XN and PXNTable is ignored.
 */
static u8 s1_perms(const struct smmu_model_walk_cfg *c, u64 d,
		   const struct hier *h, bool dirty)
{
	bool ro = (d & D_AP2) && !dirty;
	bool xro = ro && !(c->hd && (d & D_DBM));
	bool pw = !ro && !h->ro, xpw = !xro && !h->ro;
	bool ur, uw, xuw, ux, px, pan;

	if (c->el2) {
		px = !(d & D_UXN) && !h->uxn && !(c->wxn && xpw);
		return perm_bits(true, pw, px, true, pw, px);
	}
	ur = (d & D_AP1) && !h->noel0;
	uw = ur && pw;
	xuw = ur && xpw;
	px = !(d & D_PXN) && !h->pxn && !xuw && !(c->wxn && xpw);
	ux = !(d & D_UXN) && !h->uxn && !(c->wxn && xuw);
	pan = c->pan && ur;
	return perm_bits(ur, uw, ux, !pan, pw && !pan, px);
}

/*
 * Stage 2: S2AP[0] read, S2AP[1] write; XN[1:0] with IDR3.XNX (0b01 no
 * EL1 execute, 0b10 none, 0b11 no EL0 execute), else XN[1] alone.
 */
static u8 s2_perms(const struct smmu_model_walk_cfg *c, u64 d, bool dirty)
{
	bool r = d & D_S2AP_R, w = (d & D_S2AP_W) || dirty;
	unsigned int xn = FIELD_GET(D_S2XN, d);

	if (!c->xnx)
		xn &= 2;
	return perm_bits(r, w, xn <= 1, r, w, xn == 0 || xn == 3);
}

static u8 stage_perms(const struct smmu_model_walk_cfg *c, u64 d,
		      const struct hier *h, bool dirty)
{
	return c->stage == 1 ? s1_perms(c, d, h, dirty) : s2_perms(c, d, dirty);
}

/* IHI0070 13.1.2: writes are data; an instruction read needs X only */
static bool perm_allows(u8 perms, unsigned int acc)
{
	bool priv = acc & SMMU_MODEL_ACC_PRIV;
	u8 need;

	if (acc & SMMU_MODEL_ACC_WRITE)
		need = priv ? SMMU_MODEL_PERM_PW : SMMU_MODEL_PERM_W;
	else if (acc & SMMU_MODEL_ACC_EXEC)
		need = priv ? SMMU_MODEL_PERM_PX : SMMU_MODEL_PERM_X;
	else
		need = priv ? SMMU_MODEL_PERM_PR : SMMU_MODEL_PERM_R;
	return perms & need;
}

/* ------------------------------------------------------------------------
 * The walk of one stage
 */

/* Arm ARM: which levels hold blocks (FEAT_LPA for 64KB level 1) */
static bool block_ok(const struct smmu_model_walk_cfg *c, unsigned int lvl)
{
	switch (c->granule_shift) {
	case 12:
		return lvl == 1 || lvl == 2;
	case 16:
		return lvl == 2 || (lvl == 1 && c->oa_bits >= 52);
	default:
		return lvl == 2;
	}
}

static void hier_add(struct hier *h, u64 d)
{
	h->ro |= !!(d & T_APTABLE_RO);
	h->noel0 |= !!(d & T_APTABLE_NOEL0);
	h->pxn |= !!(d & T_PXNTABLE);
	h->uxn |= !!(d & T_UXNTABLE);
}

/*
 * 7.3.22: at the leaf F_TRANSLATION (type), F_ADDR_SIZE (output), then
 * F_ACCESS, then F_PERMISSION; then the hardware update (3.13.2, 3.13.3:
 * AF, and AP[2] cleared or S2AP[1] set for a write to a writable-clean
 * descriptor with DBM) if the access can proceed.
 */
static int leaf(struct walk *w, struct step *st, const struct hier *h,
		struct stage_out *o)
{
	const struct smmu_model_walk_cfg *c = st->c;
	u64 d = st->d, want = d, oa;
	u8 perms;
	int ret;

	if (!(d & D_VALID) || (st->lvl == 3 && !(d & D_TABLE)) ||
	    (st->lvl < 3 && !block_ok(c, st->lvl)))
		return walk_fault(w, st, SMMU_MODEL_EVT_F_TRANSLATION);
	oa = desc_addr(c->granule_shift, d, st->shift);
	if (!fits(oa, c->oa_bits))
		return walk_fault(w, st, SMMU_MODEL_EVT_F_ADDR_SIZE);
	if (!(d & D_AF)) {
		if (c->ha)
			want |= D_AF;
		else if (!c->affd)
			return walk_fault(w, st, SMMU_MODEL_EVT_F_ACCESS);
	}
	perms = stage_perms(c, d, h, false);
	if (!perm_allows(perms, st->acc)) {
		if (!(st->acc & SMMU_MODEL_ACC_WRITE) || !c->hd ||
		    !(d & D_DBM) ||
		    !perm_allows(stage_perms(c, d, h, true), st->acc))
			return walk_fault(w, st, SMMU_MODEL_EVT_F_PERMISSION);
		want = c->stage == 1 ? want & ~D_AP2 : want | D_S2AP_W;
		perms = stage_perms(c, want, h, false);
	}
	if (want != d) {
		ret = update_desc(w, st, want);
		if (ret)
			return ret;
	}
	o->oa = oa | (st->ia & GENMASK_ULL(st->shift - 1, 0));
	o->leaf = want;
	o->leaf_pa = st->pa;
	o->level = st->lvl;
	o->size_shift = st->shift;
	o->perms = perms;
	if (c->stage == 1)
		o->attr = FIELD_GET(D_ATTRINDX, want);
	else
		o->attr = FIELD_GET(D_S2MEMATTR, want);
	o->sh = FIELD_GET(D_SH, want);
	o->dirty = c->stage == 1 ? !(want & D_AP2) : !!(want & D_S2AP_W);
	return 0;
}

static int stage_walk_once(struct walk *w, const struct smmu_model_walk_cfg *c,
			   u64 ia, unsigned int acc, struct stage_out *o)
{
	unsigned int g = c->granule_shift, bits;
	struct step st = { .c = c, .ia = ia, .acc = acc,
			   .lvl = c->start_level };
	struct hier h = {};
	u64 table = c->ttb;
	int ret;

	/* 3.4: an IPA beyond the stage 2 input range is a Translation fault */
	if (c->stage == 2 && !fits(ia, c->ia_bits))
		return walk_fault(w, &st, SMMU_MODEL_EVT_F_TRANSLATION);

	for (;; st.lvl++) {
		st.shift = g + (3 - st.lvl) * (g - 3);
		bits = st.lvl == c->start_level ? c->ia_bits - st.shift : g - 3;
		st.dpa = table + ((ia >> st.shift) & GENMASK_ULL(bits - 1, 0)) * 8;
		ret = fetch_desc(w, &st);
		if (ret)
			return ret;
		if (st.lvl == 3 || (st.d & (D_VALID | D_TABLE)) !=
				   (D_VALID | D_TABLE))
			return leaf(w, &st, &h, o);
		/* A table: its address is checked like an output address */
		table = desc_addr(g, st.d, g);
		if (!fits(table, c->oa_bits))
			return walk_fault(w, &st, SMMU_MODEL_EVT_F_ADDR_SIZE);
		if (c->stage == 1 && !c->had)
			hier_add(&h, st.d);
	}
}

/* A configuration smmu_model_walk_cfg_s1()/_s2() would not have built */
static bool cfg_bad(const struct smmu_model_walk_cfg *c)
{
	unsigned int g = c->granule_shift, min_bits;

	if ((g != 12 && g != 14 && g != 16) || c->start_level > 3 ||
	    (c->stage != 1 && c->stage != 2))
		return true;
	min_bits = g + (3 - c->start_level) * (g - 3) + 1;
	return c->ia_bits < min_bits || c->ia_bits > min_bits + (g - 3) + 3;
}

static int stage_walk(struct walk *w, const struct smmu_model_walk_cfg *c,
		      u64 ia, unsigned int acc, struct stage_out *o)
{
	struct step st = { .c = c, .ia = ia, .acc = acc,
			   .lvl = c->start_level };
	int ret, tries = 0;

	if (cfg_bad(c))
		return walk_fault(w, &st, SMMU_MODEL_EVT_F_TRANSLATION);
	/* 3.13: a racing update changes the tables, walk them again */
	do {
		ret = stage_walk_once(w, c, ia, acc, o);
	} while (ret == -EAGAIN && ++tries < WALK_TRIES);
	if (ret == -EAGAIN) {
		/* Livelock guard: reported as an abort of the update */
		return walk_fault(w, &st, SMMU_MODEL_EVT_F_WALK_EABT);
	}
	return ret;
}

/**
 * smmu_model_walk() - translate one address through one or two stages
 * @mem: memory
 * @s1: stage 1 walk, or NULL (stage 1 bypass)
 * @s2: stage 2 walk, or NULL (stage 2 bypass); when both are given, the
 *      stage 1 table fetches and the stage 1 output go through @s2
 * @ia: input address
 * @access: SMMU_MODEL_ACC_*; WRITE with EXEC is a data write (13.1.2)
 * @res: outcome
 *
 * With both stages, @res->leaf, leaf_pa, level, memattr and sh describe
 * the stage 1 leaf and @res->s2_* the stage 2 leaf of the output IPA;
 * size_shift is the smaller mapping and dirty holds when both leaves are
 * writable-dirty. With stage 2 only, both sets describe the stage 2 leaf.
 * With neither stage the output is the input, with every permission and a
 * size_shift of 12. The stage 1 bypass IAS check (3.4) is the caller's.
 *
 * Return: 0 or the fault's event type (also in @res->fault):
 * SMMU_MODEL_EVT_F_TRANSLATION, _F_ADDR_SIZE, _F_ACCESS, _F_PERMISSION,
 * _F_WALK_EABT.
 */
int smmu_model_walk(struct smmu_model_mem *mem,
		    const struct smmu_model_walk_cfg *s1,
		    const struct smmu_model_walk_cfg *s2, u64 ia,
		    unsigned int access, struct smmu_model_walk_res *res)
{
	struct walk w = { .mem = mem, .s2 = s2, .res = res,
			  .class = CLASS_IN };
	/* A bypassed stage: identity, every permission, no size limit */
	struct stage_out o1 = { .oa = ia, .size_shift = 64,
				.perms = PERM_ALL, .dirty = true };
	struct stage_out o2 = o1;
	int ret;

	memset(res, 0, sizeof(*res));
	if (access & SMMU_MODEL_ACC_WRITE)
		access &= ~SMMU_MODEL_ACC_EXEC;
	if (s1) {
		ret = stage_walk(&w, s1, ia, access, &o1);
		if (ret)
			return ret;
	}
	o2.oa = o1.oa;
	if (s2) {
		ret = stage_walk(&w, s2, o1.oa, access, &o2);
		if (ret)
			return ret;
		if (!s1)
			o1 = o2;
	}
	res->oa = o2.oa;
	res->level = o1.level;
	res->size_shift = s1 || s2 ? min(o1.size_shift, o2.size_shift) : 12;
	res->perms = o1.perms & o2.perms;
	res->leaf_pa = o1.leaf_pa;
	res->leaf = o1.leaf;
	res->memattr = o1.attr;
	res->sh = o1.sh;
	res->dirty = o1.dirty && o2.dirty;
	res->s2_leaf_pa = o2.leaf_pa;
	res->s2_leaf = o2.leaf;
	res->s2_level = o2.level;
	res->s2_memattr = o2.attr;
	res->s2_sh = o2.sh;
	return 0;
}

/* ------------------------------------------------------------------------
 * Commands (IHI0070 4)
 *
 * Positions in the 128-bit command. The command layouts are figures in
 * the Markdown text of IHI0070; the fields below were read from the text
 * where it states them (4.4.1.1: SCALE [25:20], NUM [16:12], TG [75:74],
 * TTL [73:72], TTL128 [71]; the CMD_TLBI_NH_ASID table in 4.4.2.2: ASID
 * [63:48], VMID [47:32]; 4.1.6: addresses are Address[63:12] or [55:12],
 * MSIAddress[55:2]) and otherwise from two second sources, QEMU's
 * hw/arm/smmuv3-internal.h (CMD_* macros) and Linux 6.12's in-tree
 * arm-smmu-v3.h (CMDQ_* macros):
 *  - SSec bit [10], SSV [11], SubstreamID [31:12], StreamID [63:32]:
 *    QEMU (SSec, SSV, SSID, SID), Linux (SSV, SSID, SID) agree.
 *  - Leaf [64], Range [68:64], STAG [79:64]: both agree.
 *  - RESUME Ac [12], Ab [13]: QEMU CMD_RESUME_AC bit 12, CMD_RESUME_AB
 *    bit 13; Linux a 2-bit field [13:12] with RETRY 1, ABORT 2, TERM 0,
 *    that is the same two bits. 4.7.1: Ac 1 = Retry (Ab IGNORED), Ac 0 =
 *    Terminate, Ab 1 abort, Ab 0 RAZ/WI.
 *  - SYNC CS [13:12] (both), MSH [23:22], MSIAttr [27:24], MSIData
 *    [63:32] (Linux); MSIAddress [119:66] = MSIAddress[55:2] (4.1.6; Linux
 *    has [51:2], the SMMUv3.1 width).
 *  - ATC_INV Global [9], Size [69:64], Address [127:76] (Linux).
 *  - PRI_RESP PRGIndex [72:64], Resp [77:76]: Linux. QEMU's CMD_RESP is
 *    bits [76:75] (word 2 [12:11]) but QEMU never decodes PRI_RESP; the
 *    model follows Linux, whose field is the one drivers are tested by.
 *  - PREFETCH_ADDR Size [68:64], Addr [127:76] (Linux); its Stride and NS
 *    fields are not decoded (no second source for their position).
 *  - CFGI_VMS_PIDM VMID: no second source; taken at [47:32] as in the
 *    TLBI commands. Only reachable with IDR3.MPAM.
 *  - TLBI_S2_IPA address [119:76] = IPA[55:12] (4.1.6; Linux [51:12]).
 */
#define CMD_OP			FLD(7, 0)
#define CMD_ATC_G		FLD(9, 9)
#define CMD_SSEC		FLD(10, 10)
#define CMD_SSV			FLD(11, 11)
#define CMD_SSID		FLD(31, 12)
#define CMD_SID			FLD(63, 32)
#define CMD_NUM			FLD(16, 12)
#define CMD_SCALE		FLD(25, 20)
#define CMD_VMID		FLD(47, 32)
#define CMD_ASID		FLD(63, 48)
#define CMD_LEAF		FLD(64, 64)
#define CMD_RANGE		FLD(68, 64)
#define CMD_TTL128		FLD(71, 71)
#define CMD_TTL			FLD(73, 72)
#define CMD_TG			FLD(75, 74)
#define CMD_VA			FLD(127, 76)	/* Address[63:12] */
#define CMD_IPA			FLD(119, 76)	/* Address[55:12] */
#define CMD_PF_SIZE		FLD(68, 64)
#define CMD_ATC_SIZE		FLD(69, 64)
#define CMD_PRI_PRGI		FLD(72, 64)
#define CMD_PRI_RESP		FLD(77, 76)
#define CMD_RESUME_AC		FLD(12, 12)
#define CMD_RESUME_AB		FLD(13, 13)
#define CMD_STAG		FLD(79, 64)
#define CMD_SYNC_CS		FLD(13, 12)
#define CMD_SYNC_MSH		FLD(23, 22)
#define CMD_SYNC_MSIATTR	FLD(27, 24)
#define CMD_SYNC_MSIDATA	FLD(63, 32)
#define CMD_SYNC_MSIADDR	FLD(119, 66)	/* MSIAddress[55:2] */

#define ILL			SMMU_MODEL_CERROR_ILL
#define PRI_RESP_RESERVED	3
#define SYNC_CS_RESERVED	3
#define ATC_SIZE_ALL		52

/* 4.1.6: SSec must be 0 on the Non-secure queue; SSV needs substreams */
static u8 cmd_stream(const struct smmu_model_idr *idr, const __le64 *raw,
		     struct smmu_model_cmd *cmd, bool ssid, bool ssv)
{
	cmd->sid = ent_get(raw, CMD_SID);
	if (ssid)
		cmd->ssid = ent_get(raw, CMD_SSID);
	if (ssv)
		cmd->ssv = ent_get(raw, CMD_SSV);
	/*
	 * SSV == 1 without substreams is CONSTRAINED UNPREDICTABLE for
	 * PREFETCH_*, ATC_INV and PRI_RESP (4.2, 4.5); the model takes the
	 * loudest permitted reading of a driver error and raises CERROR_ILL.
	 */
	if (cmd->ssv && !idr->ssidsize)
		return ILL;
	return 0;
}

static u8 cmd_ssec(const __le64 *raw)
{
	return ent_get(raw, CMD_SSEC) ? ILL : 0;
}

static u8 cmd_prefetch(const struct smmu_model_idr *idr, const __le64 *raw,
		       struct smmu_model_cmd *cmd)
{
	if (cmd->op == SMMU_MODEL_OP_PREFETCH_ADDR) {
		cmd->size = ent_get(raw, CMD_PF_SIZE);
		cmd->addr = ent_addr(raw, CMD_VA);
	}
	return cmd_ssec(raw) ?: cmd_stream(idr, raw, cmd, true, true);
}

/* 4.3: CFGI_CD and CFGI_CD_ALL need stage 1, CFGI_VMS_PIDM needs MPAM */
static u8 cmd_cfgi(const struct smmu_model_idr *idr, const __le64 *raw,
		   struct smmu_model_cmd *cmd)
{
	switch (cmd->op) {
	case SMMU_MODEL_OP_CFGI_STE:
		cmd->leaf = ent_get(raw, CMD_LEAF);
		break;
	case SMMU_MODEL_OP_CFGI_STE_RANGE:
		cmd->range = ent_get(raw, CMD_RANGE);
		break;
	case SMMU_MODEL_OP_CFGI_CD:
		cmd->ssid = ent_get(raw, CMD_SSID);
		cmd->leaf = ent_get(raw, CMD_LEAF);
		fallthrough;
	case SMMU_MODEL_OP_CFGI_CD_ALL:
		if (!idr->s1p)
			return ILL;
		break;
	case SMMU_MODEL_OP_CFGI_VMS_PIDM:
		cmd->vmid = ent_get(raw, CMD_VMID);
		return idr->mpam ? cmd_ssec(raw) : ILL;
	}
	cmd->sid = ent_get(raw, CMD_SID);
	return cmd_ssec(raw);
}

/*
 * 4.4.1.1, address-based TLBI: with TG == 0 the range fields are RES0;
 * TG != 0 needs IDR3.RIL (else RES0) and, by the header's contract, a
 * granule in IDR5; NUM == SCALE == TTL == 0 with TG != 0 is Reserved and
 * TTL 0b01 with the 16KB granule needs DS: both CERROR_ILL. SCALE[5]
 * (DS == 0) and TTL128 (no D128) are RES0. The model detects these RES0
 * fields (4.1.5 permits it): each is a driver error.
 */
static u8 cmd_tlbi_range(const struct smmu_model_idr *idr,
			 const __le64 *raw, struct smmu_model_cmd *cmd)
{
	static const u8 tg_to_shift[4] = { 0, 12, 14, 16 };

	cmd->leaf = ent_get(raw, CMD_LEAF);
	cmd->tg = ent_get(raw, CMD_TG);
	cmd->ttl = ent_get(raw, CMD_TTL);
	cmd->num = ent_get(raw, CMD_NUM);
	cmd->scale = ent_get(raw, CMD_SCALE);
	if (cmd->op == SMMU_MODEL_OP_TLBI_S2_IPA)
		cmd->addr = ent_addr(raw, CMD_IPA);
	else
		cmd->addr = ent_addr(raw, CMD_VA);

	if (ent_get(raw, CMD_TTL128) || (cmd->scale >> 5))
		return ILL;
	if (!cmd->tg)
		return cmd->num || cmd->scale || cmd->ttl ? ILL : 0;
	if (!idr->ril || !granule_ok(idr, tg_to_shift[cmd->tg]))
		return ILL;
	if (!cmd->num && !cmd->scale && !cmd->ttl)
		return ILL;
	return cmd->tg == 2 && cmd->ttl == 1 ? ILL : 0;
}

/* 4.4: which TLBI carries which fields, and what it needs (4.4.2, 4.4.3) */
static u8 cmd_tlbi(const struct smmu_model_idr *idr, const __le64 *raw,
		   struct smmu_model_cmd *cmd)
{
	bool vmid = false, asid = false, addr = false, ok;

	switch (cmd->op) {
	case SMMU_MODEL_OP_TLBI_NH_VA:
		addr = true;
		fallthrough;
	case SMMU_MODEL_OP_TLBI_NH_ASID:
		asid = true;
		fallthrough;
	case SMMU_MODEL_OP_TLBI_NH_ALL:
		vmid = true;
		ok = idr->s1p;
		break;
	case SMMU_MODEL_OP_TLBI_NH_VAA:
		vmid = true;
		addr = true;
		ok = idr->s1p;
		break;
	case SMMU_MODEL_OP_TLBI_EL2_VA:
		addr = true;
		fallthrough;
	case SMMU_MODEL_OP_TLBI_EL2_ASID:
		asid = true;
		fallthrough;
	case SMMU_MODEL_OP_TLBI_EL2_ALL:
		ok = idr->s1p && idr->hyp;
		break;
	case SMMU_MODEL_OP_TLBI_EL2_VAA:
		addr = true;
		ok = idr->s1p && idr->hyp;
		break;
	case SMMU_MODEL_OP_TLBI_S2_IPA:
		addr = true;
		fallthrough;
	case SMMU_MODEL_OP_TLBI_S12_VMALL:
		vmid = true;
		ok = idr->s2p;
		break;
	case SMMU_MODEL_OP_TLBI_NSNH_ALL:
		ok = true;
		break;
	default:	/* TLBI_EL3_*: Secure Command queue only (4.4.2.5) */
		ok = false;
		break;
	}
	if (vmid)
		cmd->vmid = ent_get(raw, CMD_VMID);
	if (asid)
		cmd->asid = ent_get(raw, CMD_ASID);
	if (!ok)
		return ILL;
	return addr ? cmd_tlbi_range(idr, raw, cmd) : 0;
}

/* 4.5.1 CMD_ATC_INV needs IDR0.ATS; 4.5.2 CMD_PRI_RESP needs IDR0.PRI */
static u8 cmd_ats(const struct smmu_model_idr *idr, const __le64 *raw,
		  struct smmu_model_cmd *cmd)
{
	if (cmd->op == SMMU_MODEL_OP_ATC_INV) {
		cmd->global = ent_get(raw, CMD_ATC_G);
		cmd->size = ent_get(raw, CMD_ATC_SIZE);
		cmd->addr = ent_addr(raw, CMD_VA);
		/* Size > 52 is permitted to raise CERROR_ILL (4.5.1) */
		if (!idr->ats || cmd->size > ATC_SIZE_ALL)
			return ILL;
	} else {
		cmd->grpid = ent_get(raw, CMD_PRI_PRGI);
		cmd->resp = ent_get(raw, CMD_PRI_RESP);
		if (!idr->pri || cmd->resp == PRI_RESP_RESERVED)
			return ILL;
	}
	return cmd_stream(idr, raw, cmd, true, true);
}

/* 4.7.1, 4.7.2: not available with STALL_MODEL 0b01 */
static u8 cmd_stall(const struct smmu_model_idr *idr, const __le64 *raw,
		    struct smmu_model_cmd *cmd)
{
	cmd->sid = ent_get(raw, CMD_SID);
	if (cmd->op == SMMU_MODEL_OP_RESUME) {
		cmd->action = ent_get(raw, CMD_RESUME_AC);
		cmd->abort = ent_get(raw, CMD_RESUME_AB);
		cmd->stag = ent_get(raw, CMD_STAG);
	}
	if (idr->stall_model == STALL_MODEL_NONE)
		return ILL;
	return cmd_ssec(raw);
}

/* 4.7.3: ComplSignal 0b11 is Reserved and causes CERROR_ILL */
static u8 cmd_sync(const __le64 *raw, struct smmu_model_cmd *cmd)
{
	cmd->cs = ent_get(raw, CMD_SYNC_CS);
	cmd->msh = ent_get(raw, CMD_SYNC_MSH);
	cmd->msiattr = ent_get(raw, CMD_SYNC_MSIATTR);
	cmd->msidata = ent_get(raw, CMD_SYNC_MSIDATA);
	cmd->msiaddr = ent_addr(raw, CMD_SYNC_MSIADDR);
	return cmd->cs == SYNC_CS_RESERVED ? ILL : 0;
}

/**
 * smmu_model_cmd_decode() - decode and check one command
 * @idr: the SMMU's features (commands for absent features are illegal)
 * @raw: the two qwords
 * @cmd: decoded fields; the fields of the opcode are filled even when the
 *	 command is illegal
 *
 * The model is a Non-secure Command queue: SSec == 1 and TLBI_EL3_* are
 * CERROR_ILL (4.1.6, 4.4.2.5), as are the Secure-only opcodes, which the
 * header does not list and which decode as unknown.
 *
 * Return: SMMU_MODEL_CERROR_NONE or SMMU_MODEL_CERROR_ILL.
 */
u8 smmu_model_cmd_decode(const struct smmu_model_idr *idr, const __le64 *raw,
			 struct smmu_model_cmd *cmd)
{
	memset(cmd, 0, sizeof(*cmd));
	cmd->op = ent_get(raw, CMD_OP);

	switch (cmd->op) {
	case SMMU_MODEL_OP_PREFETCH_CONFIG:
	case SMMU_MODEL_OP_PREFETCH_ADDR:
		return cmd_prefetch(idr, raw, cmd);
	case SMMU_MODEL_OP_CFGI_STE:
	case SMMU_MODEL_OP_CFGI_STE_RANGE:
	case SMMU_MODEL_OP_CFGI_CD:
	case SMMU_MODEL_OP_CFGI_CD_ALL:
	case SMMU_MODEL_OP_CFGI_VMS_PIDM:
		return cmd_cfgi(idr, raw, cmd);
	case SMMU_MODEL_OP_TLBI_NH_ALL:
	case SMMU_MODEL_OP_TLBI_NH_ASID:
	case SMMU_MODEL_OP_TLBI_NH_VA:
	case SMMU_MODEL_OP_TLBI_NH_VAA:
	case SMMU_MODEL_OP_TLBI_EL3_ALL:
	case SMMU_MODEL_OP_TLBI_EL3_VA:
	case SMMU_MODEL_OP_TLBI_EL2_ALL:
	case SMMU_MODEL_OP_TLBI_EL2_ASID:
	case SMMU_MODEL_OP_TLBI_EL2_VA:
	case SMMU_MODEL_OP_TLBI_EL2_VAA:
	case SMMU_MODEL_OP_TLBI_S12_VMALL:
	case SMMU_MODEL_OP_TLBI_S2_IPA:
	case SMMU_MODEL_OP_TLBI_NSNH_ALL:
		return cmd_tlbi(idr, raw, cmd);
	case SMMU_MODEL_OP_ATC_INV:
	case SMMU_MODEL_OP_PRI_RESP:
		return cmd_ats(idr, raw, cmd);
	case SMMU_MODEL_OP_RESUME:
	case SMMU_MODEL_OP_STALL_TERM:
		return cmd_stall(idr, raw, cmd);
	case SMMU_MODEL_OP_SYNC:
		return cmd_sync(raw, cmd);
	default:
		return ILL;
	}
}

/**
 * smmu_model_tlbi_range() - the address range a TLBI VA/IPA command covers
 * @cmd: a decoded TLBI_NH_VA, TLBI_NH_VAA, TLBI_EL2_VA(A) or TLBI_S2_IPA
 * @start: output, first address
 * @end: output, one past the last address; a single-address form (TG == 0)
 *       covers the address's whole entry of any size: @end = @start + 1 and
 *       the caller matches entries containing @start
 *
 * IHI0070 4.4.1.1: Range = ((NUM + 1) * 2^SCALE) * granule from Address.
 * The range does not wrap: an end beyond 2^64 is returned as U64_MAX.
 */
void smmu_model_tlbi_range(const struct smmu_model_cmd *cmd, u64 *start,
			   u64 *end)
{
	static const u8 tg_to_shift[4] = { 0, 12, 14, 16 };
	unsigned int shift = tg_to_shift[cmd->tg & 3] + min_t(u8, cmd->scale, 39);
	u64 num = (u64)cmd->num + 1;

	*start = cmd->addr;
	if (!cmd->tg) {
		*end = cmd->addr + 1;
		return;
	}
	/* num < 2^6 and shift <= 55: the range fits in 61 bits */
	*end = cmd->addr + (num << shift);
	if (*end < cmd->addr)
		*end = U64_MAX;
}

/**
 * smmu_model_atc_inv_span() - the addresses a CMD_ATC_INV covers
 * @cmd: a decoded CMD_ATC_INV
 * @start: output, first address
 * @last: output, last address (inclusive: Size 52 spans all of 2^64)
 *
 * IHI0070 4.5.1: the span is 4096 * 2^Size bytes from Address, aligned to
 * its size (Address[11 + Size:0] is taken as zero).
 */
void smmu_model_atc_inv_span(const struct smmu_model_cmd *cmd, u64 *start,
			     u64 *last)
{
	u64 mask = cmd->size >= ATC_SIZE_ALL ? U64_MAX :
		   GENMASK_ULL(11 + cmd->size, 0);

	*start = cmd->addr & ~mask;
	*last = *start | mask;
}

/* ------------------------------------------------------------------------
 * ATS and PRI (IHI0070 3.9.1, 5.2 EATS, 8.3, 13.7)
 */

/**
 * smmu_model_ste_eats() - the effective value of STE.EATS
 * @idr: the SMMU's features
 * @ste: a decoded, valid STE
 * @atschk: SMMU_CR0.ATSCHK
 *
 * IHI0070 5.2 EATS: IGNORED without IDR0.ATS or with Config[1:0] == 0b00
 * (abort and bypass STEs: 0b00); Split-stage (0b10) behaves as 0b00 when
 * ATSCHK == 0; 0b11 is Reserved without IDR3.DPT and behaves as 0b00, and
 * as 0b00 too when ATSCHK == 0. With DPT, 0b11 is Full ATS plus checks
 * the model does not make: it is returned as 0b01. The ILLEGAL encodings
 * are the decoder's business.
 *
 * Return: 0 (ATS disabled), 1 (Full ATS) or 2 (Split-stage ATS).
 */
u8 smmu_model_ste_eats(const struct smmu_model_idr *idr,
		       const struct smmu_model_ste *ste, bool atschk)
{
	if (!idr->ats || !(ste->config & (CFG_S1 | CFG_S2)))
		return 0;
	switch (ste->eats) {
	case EATS_FULL:
		return 1;
	case EATS_SPLIT:
		return atschk ? 2 : 0;
	case EATS_SPLIT | EATS_FULL:
		return idr->dpt && atschk ? 1 : 0;
	default:
		return 0;
	}
}

/**
 * smmu_model_ats_grant() - what an ATS Translation Completion grants
 * @perms: SMMU_MODEL_PERM_* of the translation of the page, all enabled
 *         stages combined, after the HTTU update the request made
 * @priv: the request's Priv (false without a PASID)
 * @exe: the request's Exe (false without a PASID)
 *
 * IHI0070 13.7.1 with STE.INSTCFG and PRIVCFG taken as "use incoming"
 * (no IDR1.ATTR_PERMS_OVR): R and W are the page's at the request's
 * privilege, Exe only when asked for and the page is both readable and
 * executable (an execute-only page grants nothing through ATS).
 *
 * Return: SMMU_MODEL_ATS_R, _W and _X bits.
 */
u8 smmu_model_ats_grant(u8 perms, bool priv, bool exe)
{
	bool r = perms & (priv ? SMMU_MODEL_PERM_PR : SMMU_MODEL_PERM_R);
	bool w = perms & (priv ? SMMU_MODEL_PERM_PW : SMMU_MODEL_PERM_W);
	bool x = perms & (priv ? SMMU_MODEL_PERM_PX : SMMU_MODEL_PERM_X);

	return (r ? SMMU_MODEL_ATS_R : 0) | (w ? SMMU_MODEL_ATS_W : 0) |
	       (exe && r && x ? SMMU_MODEL_ATS_X : 0);
}

/**
 * smmu_model_prg_code() - the PRG Response Message code of a CMD_PRI_RESP
 * @resp: the command's Resp field (0b00 to 0b10)
 *
 * IHI0070 4.5.2 and 8.3: ResponseFailure 0b00 is code 0b1111,
 * InvalidRequest 0b01 is 0b0001, Success 0b10 is 0b0000.
 *
 * Return: SMMU_MODEL_PRG_*.
 */
u8 smmu_model_prg_code(u8 resp)
{
	switch (resp) {
	case 2:
		return SMMU_MODEL_PRG_SUCCESS;
	case 1:
		return SMMU_MODEL_PRG_INVALID;
	default:
		return SMMU_MODEL_PRG_FAILURE;
	}
}

/* ------------------------------------------------------------------------
 * Event records (IHI0070 7.3) and PRI queue entries (8)
 *
 * Positions in the 256-bit record. From the record tables of 7.3 text:
 * type [7:0], SSV [11], SubstreamID [31:12], StreamID [63:32] (C_BAD_STE,
 * C_BAD_STREAMID, C_BAD_SUBSTREAMID without SSV, F_CFG_CONFLICT); RnW
 * [99], InD [98], PnU [97], InputAddr [191:128] (F_UUT, F_TRANSL_FORBIDDEN);
 * FetchAddr[55:3] at [247:195] (F_STE_FETCH, F_VMS_FETCH); E_PAGE_REQUEST
 * (InputAddr[63:12] at [191:140], Span [115:108], pR [103], pW [102],
 * pX [101], uR [99], uW [98], uX [97], as the flattened figure lists
 * them). The F_WALK_EABT, F_TRANSLATION, F_ADDR_SIZE, F_ACCESS,
 * F_PERMISSION, F_TLB_CONFLICT and F_CD_FETCH layouts are figures only:
 *  - STAG [79:64], Stall [95], S2 [103], CLASS [105:104], TTRnW [108],
 *    IPA[55:12] at [247:204]: QEMU (EVT_SET_*) and Linux (EVTQ_*) agree,
 *    Linux limiting IPA to [51:12]; QEMU writes the whole IPA as qword 3,
 *    Linux and the 7.3.13 text ("IPA bits [55:OAS] are RES0") make it an
 *    address from bit 12.
 *  - NSIPA [192]: no second source; always 0 on the Non-secure queue.
 *  - F_CD_FETCH and F_WALK_EABT FetchAddr: QEMU puts the F_CD_FETCH
 *    address in qword 2; the model follows the F_STE_FETCH/F_VMS_FETCH
 *    figures (qword 3, [55:3]) which the 7.3.10/7.3.12 text describes
 *    the same way ("FetchAddr bits [55:OAS] are RES0").
 */
#define EVT_TYPE		FLD(7, 0)
#define EVT_SSV			FLD(11, 11)
#define EVT_SSID		FLD(31, 12)
#define EVT_SID			FLD(63, 32)
#define EVT_STAG		FLD(79, 64)
#define EVT_STALL		FLD(95, 95)
#define EVT_PNU			FLD(97, 97)
#define EVT_IND			FLD(98, 98)
#define EVT_RNW			FLD(99, 99)
#define EVT_S2			FLD(103, 103)
#define EVT_CLASS		FLD(105, 104)
#define EVT_TTRNW		FLD(108, 108)
#define EVT_INPUTADDR		FLD(191, 128)
#define EVT_NSIPA		FLD(192, 192)
#define EVT_IPA			FLD(247, 204)	/* IPA[55:12] */
#define EVT_FETCHADDR		FLD(247, 195)	/* FetchAddr[55:3] */
#define EVT_PR_SPAN		FLD(115, 108)
#define EVT_PR_PR		FLD(103, 103)
#define EVT_PR_PW		FLD(102, 102)
#define EVT_PR_PX		FLD(101, 101)
#define EVT_PR_UR		FLD(99, 99)
#define EVT_PR_UW		FLD(98, 98)
#define EVT_PR_UX		FLD(97, 97)
#define EVT_PR_ADDR		FLD(191, 140)	/* InputAddr[63:12] */

static void evt_stream(const struct smmu_model_event *evt, __le64 *rec)
{
	ent_put(rec, EVT_SSV, evt->ssv);
	ent_put(rec, EVT_SSID, evt->ssid);
}

static void evt_access(const struct smmu_model_event *evt, __le64 *rec)
{
	ent_put(rec, EVT_PNU, evt->pnu);
	ent_put(rec, EVT_IND, evt->ind);
	ent_put(rec, EVT_RNW, evt->rnw);
	ent_put(rec, EVT_INPUTADDR, evt->input_addr);
}

/* F_TRANSLATION, F_ADDR_SIZE, F_ACCESS, F_PERMISSION, F_TLB_CONFLICT */
static void evt_translation(const struct smmu_model_event *evt, __le64 *rec)
{
	evt_stream(evt, rec);
	evt_access(evt, rec);
	ent_put(rec, EVT_S2, evt->s2);
	ent_put(rec, EVT_CLASS, evt->class);
	if (evt->type != SMMU_MODEL_EVT_F_TLB_CONFLICT) {
		ent_put(rec, EVT_STAG, evt->stag);
		ent_put(rec, EVT_STALL, evt->stall);
	}
	/* 7.3.16: TTRnW is valid for CLASS == TT */
	if (evt->type == SMMU_MODEL_EVT_F_PERMISSION && evt->class == CLASS_TT)
		ent_put(rec, EVT_TTRNW, evt->ttrnw);
	/* 7.3.13: the IPA is valid for stage 2 faults only */
	if (evt->s2) {
		ent_put(rec, EVT_IPA, evt->ipa >> 12);
		ent_put(rec, EVT_NSIPA, evt->nsipa);
	}
}

static void evt_page_request(const struct smmu_model_event *evt, __le64 *rec)
{
	evt_stream(evt, rec);
	ent_put(rec, EVT_PR_SPAN, evt->span);
	ent_put(rec, EVT_PR_PR, !!(evt->preq & SMMU_MODEL_PREQ_PR));
	ent_put(rec, EVT_PR_PW, !!(evt->preq & SMMU_MODEL_PREQ_PW));
	ent_put(rec, EVT_PR_PX, !!(evt->preq & SMMU_MODEL_PREQ_PX));
	ent_put(rec, EVT_PR_UR, !!(evt->preq & SMMU_MODEL_PREQ_UR));
	ent_put(rec, EVT_PR_UW, !!(evt->preq & SMMU_MODEL_PREQ_UW));
	ent_put(rec, EVT_PR_UX, !!(evt->preq & SMMU_MODEL_PREQ_UX));
	ent_put(rec, EVT_PR_ADDR, evt->input_addr >> 12);
}

/**
 * smmu_model_event_encode() - the 32-byte record of an event
 * @evt: the event
 * @rec: output, four little-endian qwords, laid out for @evt->type as
 *       IHI0070 7.3 gives it (fields the type does not have stay zero)
 *
 * F_BAD_ATS_TREQ carries its stream fields only: the request fields 7.3.6
 * lists (R/W/X/Priv, Span, the address) are placed only by a figure, for
 * which there is no second source. An unknown type is written with its
 * number and StreamID.
 */
void smmu_model_event_encode(const struct smmu_model_event *evt,
			     __le64 *rec)
{
	memset(rec, 0, 32);
	ent_put(rec, EVT_TYPE, evt->type);
	ent_put(rec, EVT_SID, evt->sid);

	switch (evt->type) {
	case SMMU_MODEL_EVT_F_UUT:
		evt_stream(evt, rec);
		evt_access(evt, rec);
		break;
	case SMMU_MODEL_EVT_F_STE_FETCH:
	case SMMU_MODEL_EVT_F_CD_FETCH:
		evt_stream(evt, rec);
		ent_put(rec, EVT_FETCHADDR, evt->fetch_addr >> 3);
		break;
	case SMMU_MODEL_EVT_C_BAD_STREAMID:
	case SMMU_MODEL_EVT_C_BAD_STE:
	case SMMU_MODEL_EVT_F_BAD_ATS_TREQ:
	case SMMU_MODEL_EVT_C_BAD_CD:
	case SMMU_MODEL_EVT_F_CFG_CONFLICT:
		evt_stream(evt, rec);
		break;
	case SMMU_MODEL_EVT_C_BAD_SUBSTREAMID:
		/* 7.3.9: SubstreamID always valid, no SSV */
		ent_put(rec, EVT_SSID, evt->ssid);
		break;
	case SMMU_MODEL_EVT_F_TRANSL_FORBIDDEN:
		ent_put(rec, EVT_RNW, evt->rnw);
		ent_put(rec, EVT_INPUTADDR, evt->input_addr);
		break;
	case SMMU_MODEL_EVT_F_WALK_EABT:
		evt_stream(evt, rec);
		evt_access(evt, rec);
		ent_put(rec, EVT_S2, evt->s2);
		ent_put(rec, EVT_CLASS, evt->class);
		ent_put(rec, EVT_FETCHADDR, evt->fetch_addr >> 3);
		break;
	case SMMU_MODEL_EVT_F_TRANSLATION:
	case SMMU_MODEL_EVT_F_ADDR_SIZE:
	case SMMU_MODEL_EVT_F_ACCESS:
	case SMMU_MODEL_EVT_F_PERMISSION:
	case SMMU_MODEL_EVT_F_TLB_CONFLICT:
		evt_translation(evt, rec);
		break;
	case SMMU_MODEL_EVT_E_PAGE_REQUEST:
		evt_page_request(evt, rec);
		break;
	default:	/* F_STREAM_DISABLED: StreamID only (7.3.7) */
		break;
	}
}

/*
 * 8: PRI queue entry. The layout is a figure; Linux 6.12's PRIQ_* macros
 * are the second source (QEMU has no PRI queue): StreamID [31:0],
 * SubstreamID [51:32], Priv [58], Exec [59], Read [60], Write [61], Last
 * [62], SSV [63], PRGIndex [72:64], Page address [127:76]. The chapter 8
 * text lists the flags in the same order: Last, W, R, X, Priv.
 */
#define PPR_SID			FLD(31, 0)
#define PPR_SSID		FLD(51, 32)
#define PPR_PRIV		FLD(58, 58)
#define PPR_EXEC		FLD(59, 59)
#define PPR_READ		FLD(60, 60)
#define PPR_WRITE		FLD(61, 61)
#define PPR_LAST		FLD(62, 62)
#define PPR_SSV			FLD(63, 63)
#define PPR_PRGI		FLD(72, 64)
#define PPR_ADDR		FLD(127, 76)	/* Page address[63:12] */

/**
 * smmu_model_ppr_encode() - the 16-byte PRI queue entry (IHI0070 8.1)
 * @ppr: the request
 * @rec: output, two little-endian qwords
 *
 * Chapter 8: with SSV == 0 the X and Priv bits are 0 and the SubstreamID
 * is UNKNOWN, written as 0.
 */
void smmu_model_ppr_encode(const struct smmu_model_ppr *ppr, __le64 *rec)
{
	memset(rec, 0, 16);
	ent_put(rec, PPR_SID, ppr->sid);
	ent_put(rec, PPR_SSV, ppr->ssv);
	if (ppr->ssv) {
		ent_put(rec, PPR_SSID, ppr->ssid);
		ent_put(rec, PPR_PRIV, ppr->priv);
		ent_put(rec, PPR_EXEC, ppr->exec);
	}
	ent_put(rec, PPR_READ, ppr->read);
	ent_put(rec, PPR_WRITE, ppr->write);
	ent_put(rec, PPR_LAST, ppr->last);
	ent_put(rec, PPR_PRGI, ppr->grpid);
	ent_put(rec, PPR_ADDR, ppr->addr >> 12);
}

/**
 * smmu_model_ppr_decode() - read a PRI queue entry (IHI0070 8)
 * @rec: the two little-endian qwords
 * @ppr: output
 *
 * Chapter 8: with SSV == 0 the SubstreamID is UNKNOWN and X and Priv are
 * 0; all three read as 0 then.
 */
void smmu_model_ppr_decode(const __le64 *rec, struct smmu_model_ppr *ppr)
{
	memset(ppr, 0, sizeof(*ppr));
	ppr->sid = ent_get(rec, PPR_SID);
	ppr->ssv = ent_get(rec, PPR_SSV);
	if (ppr->ssv) {
		ppr->ssid = ent_get(rec, PPR_SSID);
		ppr->priv = ent_get(rec, PPR_PRIV);
		ppr->exec = ent_get(rec, PPR_EXEC);
	}
	ppr->read = ent_get(rec, PPR_READ);
	ppr->write = ent_get(rec, PPR_WRITE);
	ppr->last = ent_get(rec, PPR_LAST);
	ppr->grpid = ent_get(rec, PPR_PRGI);
	ppr->addr = ent_get(rec, PPR_ADDR) << 12;
}
