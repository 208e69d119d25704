// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites for the software SMMU model's specification library,
 * arm-smmu-v3-model-spec.c.
 *
 * Expected values are written out from IHI0070 and the Arm ARM field by
 * field, with the bit numbers the specification gives ("S1DSS, bits
 * [65:64]" is 2ULL << (65 - 64) in qword 1), never from the library's own
 * definitions. The translation table walk is checked against tables that
 * the kernel's io-pgtable-arm builds (an independent writer of VMSAv8-64
 * tables) and against its iova_to_phys(); tables io-pgtable cannot make
 * (HTTU states, nesting, TTB1, EL2, out-of-range addresses, big-endian)
 * are built by hand here.
 *
 * The memory of the walks is the kernel's: physical addresses are read
 * through phys_to_virt(), so every table lives in zeroed kernel pages
 * that the test allocates or io-pgtable allocated.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "arm-smmu-v3-model-spec.h"

/* ------------------------------------------------------------------------
 * Memory as the model sees it, with injected aborts and races
 */
struct tmem {
	struct smmu_model_mem mem;
	u64 abort_lo, abort_hi;	/* accesses touching [lo, hi) abort */
	bool abort_updates;	/* every cmpxchg64 aborts */
	bool race;		/* the next cmpxchg64 meets a racing write */
	u64 race_pa;
	unsigned int reads, updates;
};

/* A software bit of descriptors (Arm ARM: bits [58:55] IGNORED) */
#define DESC_SW55		BIT_ULL(55)

static bool tmem_aborts(struct tmem *t, u64 pa, size_t len)
{
	if (pa < t->abort_hi && pa + len > t->abort_lo)
		return true;
	return !pfn_valid(PHYS_PFN(pa)) || !pfn_valid(PHYS_PFN(pa + len - 1));
}

static int tmem_read(struct smmu_model_mem *mem, u64 pa, void *buf,
		     size_t len)
{
	struct tmem *t = container_of(mem, struct tmem, mem);

	t->reads++;
	if (tmem_aborts(t, pa, len))
		return -EFAULT;
	memcpy(buf, phys_to_virt(pa), len);
	return 0;
}

static int tmem_cmpxchg64(struct smmu_model_mem *mem, u64 pa, u64 *old,
			  u64 new)
{
	struct tmem *t = container_of(mem, struct tmem, mem);
	u64 *p, cur;

	t->updates++;
	if (t->abort_updates || tmem_aborts(t, pa, 8))
		return -EFAULT;
	p = phys_to_virt(pa);
	if (t->race && t->race_pa == pa) {
		/* Another agent writes the descriptor first */
		t->race = false;
		WRITE_ONCE(*p, READ_ONCE(*p) ^ DESC_SW55);
	}
	cur = cmpxchg64(p, *old, new);
	if (cur != *old) {
		*old = cur;
		return -EAGAIN;
	}
	return 0;
}

static int tmem_write(struct smmu_model_mem *mem, u64 pa, const void *buf,
		      size_t len)
{
	struct tmem *t = container_of(mem, struct tmem, mem);

	if (tmem_aborts(t, pa, len))
		return -EFAULT;
	memcpy(phys_to_virt(pa), buf, len);
	return 0;
}

static void tmem_init(struct tmem *t)
{
	memset(t, 0, sizeof(*t));
	t->mem.read = tmem_read;
	t->mem.cmpxchg64 = tmem_cmpxchg64;
	t->mem.write = tmem_write;
}

/* Sixteen zeroed 4KB pages in one naturally aligned 64KB block */
struct pages {
	u64 *va[16];
	u64 pa[16];
};

static void pages_alloc(struct kunit *test, struct pages *p)
{
	u8 *va = kunit_kzalloc(test, SZ_64K, GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, va);
	KUNIT_ASSERT_TRUE(test, IS_ALIGNED(virt_to_phys(va), SZ_64K));
	for (i = 0; i < 16; i++) {
		p->va[i] = (u64 *)(va + i * SZ_4K);
		p->pa[i] = virt_to_phys(p->va[i]);
	}
}

/* ------------------------------------------------------------------------
 * An SMMU with everything the rules talk about, from its ID registers
 */
static void full_idr(struct smmu_model_idr *idr)
{
	u32 regs[6] = {
		/* IDR0: S2P, S1P, TTF both, COHACC, HTTU 0b10, Hyp, ATS,
		 * ASID16, MSI, SEV, PRI, VMID16, CD2L, TTENDIAN mixed,
		 * STALL_MODEL 0b00, TERM_MODEL 0, ST_LEVEL 2-level
		 */
		BIT(0) | BIT(1) | (3 << 2) | BIT(4) | (2 << 6) | BIT(9) |
		BIT(10) | BIT(12) | BIT(13) | BIT(14) | BIT(16) | BIT(18) |
		BIT(19) | (1 << 27),
		/* IDR1: SIDSIZE 16, SSIDSIZE 20, queues 2^8 */
		16 | (20 << 6) | (8 << 11) | (8 << 16) | (8 << 21),
		0,
		/* IDR3: HAD, XNX, RIL */
		BIT(2) | BIT(4) | BIT(10),
		0,
		/* IDR5: OAS 48 bits, 4KB, 16KB and 64KB granules */
		5 | BIT(4) | BIT(5) | BIT(6),
	};

	smmu_model_idr_decode(regs, idr);
}

static void raw_from(__le64 *raw, const u64 *q, int n)
{
	int i;

	for (i = 0; i < n; i++)
		raw[i] = cpu_to_le64(q[i]);
}

/* ------------------------------------------------------------------------
 * Entries written out from IHI0070 5.2 and 5.4
 */

/* STE qword 0 */
#define STE0_V			BIT_ULL(0)
#define STE0_CONFIG(c)		((u64)(c) << 1)		/* [3:1] */
#define STE0_S1FMT(f)		((u64)(f) << 4)		/* [5:4] */
#define STE0_S1CDMAX(n)		((u64)(n) << 59)	/* [63:59] */
/* STE qword 1: bit 64 + n is bit n */
#define STE1_S1DSS(v)		((u64)(v) << 0)		/* [65:64] */
#define STE1_S1STALLD		BIT_ULL(91 - 64)
#define STE1_EATS(v)		((u64)(v) << (92 - 64))	/* [93:92] */
#define STE1_STRW(v)		((u64)(v) << (94 - 64))	/* [95:94] */
#define STE1_S2FWB		BIT_ULL(89 - 64)
/* STE qword 2: bit 128 + n */
#define STE2_S2VMID(v)		((u64)(v) << 0)		/* [143:128] */
#define STE2_S2T0SZ(v)		((u64)(v) << (160 - 128))
#define STE2_S2SL0(v)		((u64)(v) << (166 - 128))
#define STE2_S2TG(v)		((u64)(v) << (174 - 128))
#define STE2_S2PS(v)		((u64)(v) << (176 - 128))
#define STE2_S2AA64		BIT_ULL(179 - 128)
#define STE2_S2ENDI		BIT_ULL(180 - 128)
#define STE2_S2AFFD		BIT_ULL(181 - 128)
#define STE2_S2PTW		BIT_ULL(182 - 128)
#define STE2_S2HD		BIT_ULL(183 - 128)
#define STE2_S2HA		BIT_ULL(184 - 128)
#define STE2_S2S		BIT_ULL(185 - 128)
#define STE2_S2R		BIT_ULL(186 - 128)
#define STE2_S2HAFT		BIT_ULL(187 - 128)

/* CD qword 0 */
#define CD0_T0SZ(v)		((u64)(v) << 0)
#define CD0_TG0(v)		((u64)(v) << 6)
#define CD0_EPD0		BIT_ULL(14)
#define CD0_ENDI		BIT_ULL(15)
#define CD0_T1SZ(v)		((u64)(v) << 16)
#define CD0_TG1(v)		((u64)(v) << 22)
#define CD0_EPD1		BIT_ULL(30)
#define CD0_V			BIT_ULL(31)
#define CD0_IPS(v)		((u64)(v) << 32)
#define CD0_AFFD		BIT_ULL(35)
#define CD0_WXN			BIT_ULL(36)
#define CD0_TBI0		BIT_ULL(38)
#define CD0_TBI1		BIT_ULL(39)
#define CD0_PAN			BIT_ULL(40)
#define CD0_AA64		BIT_ULL(41)
#define CD0_HD			BIT_ULL(42)
#define CD0_HA			BIT_ULL(43)
#define CD0_S			BIT_ULL(44)
#define CD0_R			BIT_ULL(45)
#define CD0_A			BIT_ULL(46)
#define CD0_ASET		BIT_ULL(47)
#define CD0_ASID(v)		((u64)(v) << 48)
/* CD qword 1: bit 64 + n */
#define CD1_HAD0		BIT_ULL(65 - 64)
#define CD1_HAFT		BIT_ULL(67 - 64)

/* VMSAv8-64 descriptors (Arm ARM D8.3) */
#define TD_TABLE		(BIT_ULL(0) | BIT_ULL(1))
#define TD_PAGE		(BIT_ULL(0) | BIT_ULL(1))
#define TD_BLOCK		BIT_ULL(0)
#define TD_AP_EL0		BIT_ULL(6)	/* AP[1] */
#define TD_AP_RO		BIT_ULL(7)	/* AP[2] */
#define TD_S2AP_R		BIT_ULL(6)
#define TD_S2AP_W		BIT_ULL(7)
#define TD_SH_IS		(3ULL << 8)
#define TD_AF			BIT_ULL(10)
#define TD_DBM			BIT_ULL(51)
#define TD_PXN			BIT_ULL(53)
#define TD_UXN			BIT_ULL(54)
#define TD_S2_NORMAL_WB	(0xfULL << 2)	/* MemAttr 0b1111 */
#define TD_S2_DEVICE		(0x1ULL << 2)	/* MemAttr 0b0001 */
#define TBL_APTABLE_NOEL0	BIT_ULL(61)
#define TBL_APTABLE_RO		BIT_ULL(62)

#define ACC_R			0
#define ACC_W			SMMU_MODEL_ACC_WRITE
#define ACC_X			SMMU_MODEL_ACC_EXEC
#define ACC_P			SMMU_MODEL_ACC_PRIV

/* ------------------------------------------------------------------------
 * io-pgtable-arm as the independent source of tables
 */
static void noop_flush_all(void *cookie)
{
}

static void noop_flush_walk(unsigned long iova, size_t size, size_t granule,
			    void *cookie)
{
}

static const struct iommu_flush_ops noop_flush_ops = {
	.tlb_flush_all	= noop_flush_all,
	.tlb_flush_walk	= noop_flush_walk,
};

KUNIT_DEFINE_ACTION_WRAPPER(free_pgtable_action, free_io_pgtable_ops,
			    struct io_pgtable_ops *);

static unsigned long granule_pgsizes(unsigned long granule)
{
	switch (granule) {
	case SZ_4K:
		return SZ_4K | SZ_2M | SZ_1G;
	case SZ_16K:
		return SZ_16K | SZ_32M;
	default:
		return SZ_64K | SZ_512M;
	}
}

static struct io_pgtable_ops *pgt_alloc(struct kunit *test,
					enum io_pgtable_fmt fmt,
					unsigned long granule, unsigned int ias,
					struct io_pgtable_cfg *cfg)
{
	struct io_pgtable_ops *ops;

	*cfg = (struct io_pgtable_cfg) {
		.pgsize_bitmap	= granule_pgsizes(granule),
		.ias		= ias,
		.oas		= 48,
		.coherent_walk	= true,
		.tlb		= &noop_flush_ops,
		.iommu_dev	= kunit_device_register(test, "smmu-model-spec"),
	};
	KUNIT_ASSERT_FALSE(test, IS_ERR(cfg->iommu_dev));
	ops = alloc_io_pgtable_ops(fmt, cfg, NULL);
	KUNIT_ASSERT_NOT_NULL(test, ops);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, free_pgtable_action,
						  ops));
	return ops;
}

static void pgt_map(struct kunit *test, struct io_pgtable_ops *ops,
		    unsigned long iova, phys_addr_t pa, size_t size, int prot)
{
	size_t mapped = 0;
	int ret;

	ret = ops->map_pages(ops, iova, pa, size, 1, prot, GFP_KERNEL, &mapped);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, mapped, size);
}

/* A CD for io-pgtable's stage 1: TCR fields as TCR_EL1, which CD.* are */
static void cd_from_pgtable(const struct io_pgtable_cfg *cfg, __le64 *raw)
{
	u64 q[8] = {
		CD0_T0SZ(cfg->arm_lpae_s1_cfg.tcr.tsz) |
		CD0_TG0(cfg->arm_lpae_s1_cfg.tcr.tg) | CD0_EPD1 | CD0_V |
		CD0_IPS(cfg->arm_lpae_s1_cfg.tcr.ips) | CD0_AA64 | CD0_R |
		CD0_A | CD0_ASID(1),
		cfg->arm_lpae_s1_cfg.ttbr,	/* TTB0 bits [115:68] */
		0,
		cfg->arm_lpae_s1_cfg.mair,	/* MAIR bits [255:192] */
	};

	raw_from(raw, q, 8);
}

/* A stage-2-only STE for io-pgtable's stage 2: VTCR fields are S2* */
static void ste_from_pgtable(const struct io_pgtable_cfg *cfg, __le64 *raw)
{
	u64 q[8] = {
		STE0_V | STE0_CONFIG(6),
		0,
		STE2_S2VMID(1) | STE2_S2T0SZ(cfg->arm_lpae_s2_cfg.vtcr.tsz) |
		STE2_S2SL0(cfg->arm_lpae_s2_cfg.vtcr.sl) |
		STE2_S2TG(cfg->arm_lpae_s2_cfg.vtcr.tg) |
		STE2_S2PS(cfg->arm_lpae_s2_cfg.vtcr.ps) | STE2_S2AA64 |
		STE2_S2R,
		cfg->arm_lpae_s2_cfg.vttbr,	/* S2TTB bits [243:196] */
	};

	raw_from(raw, q, 8);
}

/* Stage 1 walk configuration of an io-pgtable table, through CD decode */
static void pgt_s1_walk_cfg(struct kunit *test,
			    const struct smmu_model_idr *idr,
			    const struct io_pgtable_cfg *pcfg, u64 va,
			    struct smmu_model_walk_cfg *wc)
{
	struct smmu_model_ste ste = { .v = true, .config = 5 };
	struct smmu_model_cd cd;
	__le64 raw[8];

	cd_from_pgtable(pcfg, raw);
	KUNIT_ASSERT_EQ(test, 0, smmu_model_cd_decode(idr, &ste, raw, &cd));
	KUNIT_ASSERT_EQ(test, 0, smmu_model_walk_cfg_s1(idr, &cd, va, wc));
}

static void pgt_s2_walk_cfg(struct kunit *test,
			    const struct smmu_model_idr *idr,
			    const struct io_pgtable_cfg *pcfg,
			    struct smmu_model_walk_cfg *wc)
{
	struct smmu_model_ste ste;
	__le64 raw[8];

	ste_from_pgtable(pcfg, raw);
	KUNIT_ASSERT_EQ(test, 0, smmu_model_ste_decode(idr, raw, &ste));
	KUNIT_ASSERT_EQ(test, 0, smmu_model_walk_cfg_s2(idr, &ste, wc));
}

/* ------------------------------------------------------------------------
 * smmu_model_idr_decode (IHI0070 6.3.1 - 6.3.6)
 */
static void idr_full_featured_smmu_every_field(struct kunit *test)
{
	struct smmu_model_idr idr;

	full_idr(&idr);
	KUNIT_EXPECT_TRUE(test, idr.s2p && idr.s1p && idr.aa32 && idr.aa64);
	KUNIT_EXPECT_TRUE(test, idr.cohacc && idr.hyp && idr.ats && idr.pri);
	KUNIT_EXPECT_TRUE(test, idr.asid16 && idr.vmid16 && idr.cd2l);
	KUNIT_EXPECT_TRUE(test, idr.msi && idr.sev);
	KUNIT_EXPECT_FALSE(test, idr.btm || idr.ns1ats);
	KUNIT_EXPECT_EQ(test, idr.httu, 2);
	KUNIT_EXPECT_EQ(test, idr.ttendian, 0);
	KUNIT_EXPECT_EQ(test, idr.stall_model, 0);
	KUNIT_EXPECT_EQ(test, idr.term_model, 0);
	KUNIT_EXPECT_EQ(test, idr.st_level, 1);
	KUNIT_EXPECT_EQ(test, idr.sidsize, 16);
	KUNIT_EXPECT_EQ(test, idr.ssidsize, 20);
	KUNIT_EXPECT_EQ(test, idr.priqs, 8);
	KUNIT_EXPECT_EQ(test, idr.evtqs, 8);
	KUNIT_EXPECT_EQ(test, idr.cmdqs, 8);
	KUNIT_EXPECT_TRUE(test, idr.had && idr.xnx && idr.ril);
	KUNIT_EXPECT_FALSE(test, idr.stt || idr.mpam || idr.e2h);
	KUNIT_EXPECT_EQ(test, idr.oas_bits, 48);
	KUNIT_EXPECT_TRUE(test, idr.gran4k && idr.gran16k && idr.gran64k);
	KUNIT_EXPECT_EQ(test, idr.vax, 0);
	KUNIT_EXPECT_EQ(test, idr.ias_bits, 48);
}

static void idr_complementary_bits_every_field(struct kunit *test)
{
	/*
	 * IDR0: TTF 0b01, BTM [5], HTTU 0b01, NS1ATS [11], TTENDIAN 0b11,
	 * STALL_MODEL 0b10, TERM_MODEL [26]. IDR1: CMDQS 19 [25:21],
	 * EVENTQS 17, PRIQS 3, SSIDSIZE 0, SIDSIZE 32. IDR3: MPAM [7], STT
	 * [9], BBML 0b10 [12:11]. IDR5: OAS 0b110, VAX 0b01, GRAN16K only.
	 */
	u32 regs[6] = {
		(1 << 2) | BIT(5) | (1 << 6) | BIT(11) | (3 << 21) |
		(2 << 24) | BIT(26),
		32 | (3 << 11) | (17 << 16) | (19 << 21),
		0,
		BIT(7) | BIT(9) | (2 << 11),
		0,
		6 | BIT(5) | (1 << 10),
	};
	struct smmu_model_idr idr;

	smmu_model_idr_decode(regs, &idr);
	KUNIT_EXPECT_FALSE(test, idr.s1p || idr.s2p || idr.aa64 || idr.hyp);
	KUNIT_EXPECT_TRUE(test, idr.aa32 && idr.btm && idr.ns1ats);
	KUNIT_EXPECT_EQ(test, idr.httu, 1);
	KUNIT_EXPECT_EQ(test, idr.ttendian, 3);
	KUNIT_EXPECT_EQ(test, idr.stall_model, 2);
	KUNIT_EXPECT_EQ(test, idr.term_model, 1);
	KUNIT_EXPECT_EQ(test, idr.st_level, 0);
	KUNIT_EXPECT_EQ(test, idr.sidsize, 32);
	KUNIT_EXPECT_EQ(test, idr.ssidsize, 0);
	KUNIT_EXPECT_EQ(test, idr.priqs, 3);
	KUNIT_EXPECT_EQ(test, idr.evtqs, 17);
	KUNIT_EXPECT_EQ(test, idr.cmdqs, 19);
	KUNIT_EXPECT_TRUE(test, idr.mpam && idr.stt);
	KUNIT_EXPECT_FALSE(test, idr.had || idr.xnx || idr.ril);
	KUNIT_EXPECT_EQ(test, idr.bbml, 2);
	KUNIT_EXPECT_EQ(test, idr.oas_bits, 52);
	KUNIT_EXPECT_EQ(test, idr.vax, 1);
	KUNIT_EXPECT_TRUE(test, idr.gran16k && !idr.gran4k && !idr.gran64k);
	/* 3.4: IAS = MAX(TTF[0] ? 40 : 0, TTF[1] ? OAS : 0) */
	KUNIT_EXPECT_EQ(test, idr.ias_bits, 40);
}

static void idr_ias_is_oas_without_aarch32(struct kunit *test)
{
	u32 regs[6] = { (2 << 2), 0, 0, 0, 0, 1 /* 36 bits */ };
	struct smmu_model_idr idr;

	smmu_model_idr_decode(regs, &idr);
	KUNIT_EXPECT_EQ(test, idr.oas_bits, 36);
	KUNIT_EXPECT_EQ(test, idr.ias_bits, 36);
	regs[0] = 3 << 2;
	smmu_model_idr_decode(regs, &idr);
	KUNIT_EXPECT_EQ(test, idr.ias_bits, 40);
}

static struct kunit_case smmu_model_idr_cases[] = {
	KUNIT_CASE(idr_full_featured_smmu_every_field),
	KUNIT_CASE(idr_complementary_bits_every_field),
	KUNIT_CASE(idr_ias_is_oas_without_aarch32),
	{}
};

static struct kunit_suite smmu_model_idr_suite = {
	.name = "smmu_model_idr_decode",
	.test_cases = smmu_model_idr_cases,
};

/* ------------------------------------------------------------------------
 * smmu_model_fetch_ste (IHI0070 5.1, 6.3.24, 6.3.25)
 */
#define CFG_LOG2SIZE(n)		((u32)(n))		/* [5:0] */
#define CFG_SPLIT(n)		((u32)(n) << 6)		/* [10:6] */
#define CFG_FMT_2LVL		BIT(16)			/* [17:16] = 1 */
#define L1STD(l2pa, span)	((u64)(l2pa) | (span))	/* L2Ptr [55:6] */

struct strtab_fixture {
	struct smmu_model_idr idr;
	struct tmem t;
	struct pages p;
	__le64 raw[8];
	u64 pa;
};

static void strtab_setup(struct kunit *test, struct strtab_fixture *f)
{
	full_idr(&f->idr);
	tmem_init(&f->t);
	pages_alloc(test, &f->p);
}

/* Marks the STE at @va + @index with a first qword of its own */
static u64 ste_mark(u64 *va, unsigned int index)
{
	u64 mark = 0x5a5a000000000000ULL | index;

	va[index * 8] = mark;
	return mark;
}

static void strtab_linear_sid_reads_its_ste(struct kunit *test)
{
	struct strtab_fixture f;
	u64 mark;
	int ret;

	strtab_setup(test, &f);
	mark = ste_mark(f.p.va[0], 5);
	ret = smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
				   CFG_LOG2SIZE(8), 5, f.raw, &f.pa);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
	KUNIT_EXPECT_EQ(test, f.pa, f.p.pa[0] + 5 * 64);
}

static void strtab_linear_base_aligned_to_table_size(struct kunit *test)
{
	struct strtab_fixture f;
	u64 mark;

	/* 6.3.24: ADDR[LOG2SIZE + 5:0] are zero: 4 STEs, 256 bytes */
	strtab_setup(test, &f);
	mark = ste_mark(f.p.va[0], 3);
	KUNIT_EXPECT_EQ(test, 0,
			smmu_model_fetch_ste(&f.t.mem, &f.idr,
					     f.p.pa[0] | 0xc0, CFG_LOG2SIZE(2),
					     3, f.raw, &f.pa));
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
}

static void strtab_linear_sid_beyond_log2size_is_bad_streamid(struct kunit *test)
{
	struct strtab_fixture f;

	strtab_setup(test, &f);
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_C_BAD_STREAMID,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_LOG2SIZE(4), 16, f.raw, &f.pa));
	KUNIT_EXPECT_EQ(test, f.t.reads, 0);
}

static void strtab_log2size_above_sidsize_is_capped(struct kunit *test)
{
	struct strtab_fixture f;

	/* 6.3.25: the effective LOG2SIZE is MIN(LOG2SIZE, SIDSIZE) */
	strtab_setup(test, &f);
	f.idr.sidsize = 3;
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_C_BAD_STREAMID,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_LOG2SIZE(8), 8, f.raw, &f.pa));
	KUNIT_EXPECT_EQ(test, 0,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_LOG2SIZE(8), 7, f.raw, &f.pa));
}

static void strtab_linear_ste_abort_is_ste_fetch(struct kunit *test)
{
	struct strtab_fixture f;

	strtab_setup(test, &f);
	f.t.abort_lo = f.p.pa[0] + 2 * 64;
	f.t.abort_hi = f.t.abort_lo + 8;
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_F_STE_FETCH,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_LOG2SIZE(8), 2, f.raw, &f.pa));
	KUNIT_EXPECT_EQ(test, f.pa, f.p.pa[0] + 2 * 64);
}

static void strtab_2lvl_split8_sid_reads_level2_ste(struct kunit *test)
{
	struct strtab_fixture f;
	u64 *l1, mark;

	/* SPLIT 8: StreamID[15:8] indexes the L1STDs, [7:0] the STEs */
	strtab_setup(test, &f);
	l1 = f.p.va[0];
	l1[1] = L1STD(f.p.pa[4], 9);	/* 2^(9 - 1) STEs, 16KB aligned */
	mark = ste_mark(f.p.va[4], 0x25);
	KUNIT_EXPECT_EQ(test, 0,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_FMT_2LVL | CFG_SPLIT(8) |
					     CFG_LOG2SIZE(16), 0x125, f.raw,
					     &f.pa));
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
	KUNIT_EXPECT_EQ(test, f.pa, f.p.pa[4] + 0x25 * 64);
}

static void strtab_2lvl_reserved_split_behaves_as_6(struct kunit *test)
{
	struct strtab_fixture f;
	u64 *l1, mark;

	/* 6.3.25: Reserved SPLIT values behave as 6; SID 0x85 is L1 2, STE 5 */
	strtab_setup(test, &f);
	l1 = f.p.va[0];
	l1[2] = L1STD(f.p.pa[1], 7);
	mark = ste_mark(f.p.va[1], 5);
	KUNIT_EXPECT_EQ(test, 0,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_FMT_2LVL | CFG_SPLIT(9) |
					     CFG_LOG2SIZE(16), 0x85, f.raw,
					     &f.pa));
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
}

static void strtab_2lvl_span_0_is_bad_streamid(struct kunit *test)
{
	struct strtab_fixture f;

	strtab_setup(test, &f);
	f.p.va[0][1] = L1STD(f.p.pa[4], 0);
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_C_BAD_STREAMID,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_FMT_2LVL | CFG_SPLIT(8) |
					     CFG_LOG2SIZE(16), 0x100, f.raw,
					     &f.pa));
}

static void strtab_2lvl_sid_beyond_span_is_bad_streamid(struct kunit *test)
{
	struct strtab_fixture f;
	u32 cfg = CFG_FMT_2LVL | CFG_SPLIT(8) | CFG_LOG2SIZE(16);

	/* 7.3.3: StreamID[SPLIT - 1:0] >= 2^(Span - 1); Span 2: 2 STEs */
	strtab_setup(test, &f);
	f.p.va[0][1] = L1STD(f.p.pa[4], 2);
	KUNIT_EXPECT_EQ(test, 0,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0], cfg,
					     0x101, f.raw, &f.pa));
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_C_BAD_STREAMID,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0], cfg,
					     0x102, f.raw, &f.pa));
}

static void strtab_2lvl_span_above_split_plus_1_is_bad_streamid(struct kunit *test)
{
	struct strtab_fixture f;

	/* 7.3.3 c): Span > SPLIT + 1 */
	strtab_setup(test, &f);
	f.p.va[0][0] = L1STD(f.p.pa[4], 8);
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_C_BAD_STREAMID,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_FMT_2LVL | CFG_SPLIT(6) |
					     CFG_LOG2SIZE(16), 1, f.raw, &f.pa));
}

static void strtab_2lvl_l1std_abort_is_ste_fetch(struct kunit *test)
{
	struct strtab_fixture f;

	strtab_setup(test, &f);
	f.t.abort_lo = f.p.pa[0] + 3 * 8;
	f.t.abort_hi = f.t.abort_lo + 8;
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_F_STE_FETCH,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_FMT_2LVL | CFG_SPLIT(8) |
					     CFG_LOG2SIZE(16), 0x312, f.raw,
					     &f.pa));
	KUNIT_EXPECT_EQ(test, f.pa, f.p.pa[0] + 3 * 8);
}

static void strtab_2lvl_without_st_level_is_linear(struct kunit *test)
{
	struct strtab_fixture f;
	u64 mark;

	/* 6.3.25: FMT is RES0 when IDR0.ST_LEVEL == 0b00 */
	strtab_setup(test, &f);
	f.idr.st_level = 0;
	mark = ste_mark(f.p.va[0], 9);
	KUNIT_EXPECT_EQ(test, 0,
			smmu_model_fetch_ste(&f.t.mem, &f.idr, f.p.pa[0],
					     CFG_FMT_2LVL | CFG_SPLIT(8) |
					     CFG_LOG2SIZE(8), 9, f.raw, &f.pa));
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
}

static struct kunit_case smmu_model_strtab_cases[] = {
	KUNIT_CASE(strtab_linear_sid_reads_its_ste),
	KUNIT_CASE(strtab_linear_base_aligned_to_table_size),
	KUNIT_CASE(strtab_linear_sid_beyond_log2size_is_bad_streamid),
	KUNIT_CASE(strtab_log2size_above_sidsize_is_capped),
	KUNIT_CASE(strtab_linear_ste_abort_is_ste_fetch),
	KUNIT_CASE(strtab_2lvl_split8_sid_reads_level2_ste),
	KUNIT_CASE(strtab_2lvl_reserved_split_behaves_as_6),
	KUNIT_CASE(strtab_2lvl_span_0_is_bad_streamid),
	KUNIT_CASE(strtab_2lvl_sid_beyond_span_is_bad_streamid),
	KUNIT_CASE(strtab_2lvl_span_above_split_plus_1_is_bad_streamid),
	KUNIT_CASE(strtab_2lvl_l1std_abort_is_ste_fetch),
	KUNIT_CASE(strtab_2lvl_without_st_level_is_linear),
	{}
};

static struct kunit_suite smmu_model_strtab_suite = {
	.name = "smmu_model_fetch_ste",
	.test_cases = smmu_model_strtab_cases,
};

/* ------------------------------------------------------------------------
 * smmu_model_ste_decode (IHI0070 5.2, 5.2.2)
 */
struct ste_fixture {
	struct smmu_model_idr idr;
	u64 q[8];
	struct smmu_model_ste ste;
};

#define BAD_STE			SMMU_MODEL_EVT_C_BAD_STE
#define S1CTXPTR		0x812345640ULL	/* bits [55:6] */
#define S2TTB			0x812346000ULL	/* two 4KB tables, 8KB aligned */

/*
 * A valid nested STE: S1Fmt 0b01, S1CDMax 5, S1DSS 0b10, S1CIR 0b01,
 * S1COR 0b11, S1CSH 0b11, CONT 3, DCP, PPAR, MEV, S1STALLD, EATS 0b01,
 * MemAttr 0xf, MTCFG, ALLOCCFG 0xe, SHCFG 0b01, NSCFG 0b10, PRIVCFG 0b11,
 * INSTCFG 0b10; S2VMID 0x1234, S2T0SZ 24, S2SL0 1 (level 1, two tables
 * concatenated), S2IR0 1, S2OR0 2, S2SH0 3, 4KB, S2PS 48 bits, S2AA64,
 * S2AFFD, S2PTW, S2HD, S2HA, S2R.
 */
static void ste_nested(struct ste_fixture *f)
{
	full_idr(&f->idr);
	memset(f->q, 0, sizeof(f->q));
	f->q[0] = STE0_V | STE0_CONFIG(7) | STE0_S1FMT(1) | S1CTXPTR |
		  STE0_S1CDMAX(5);
	f->q[1] = STE1_S1DSS(2) | (1ULL << (66 - 64)) | (3ULL << (68 - 64)) |
		  (3ULL << (70 - 64)) | (3ULL << (77 - 64)) |
		  BIT_ULL(81 - 64) | BIT_ULL(82 - 64) | BIT_ULL(83 - 64) |
		  STE1_S1STALLD | STE1_EATS(1) | (0xfULL << (96 - 64)) |
		  BIT_ULL(100 - 64) | (0xeULL << (101 - 64)) |
		  (1ULL << (108 - 64)) | (2ULL << (110 - 64)) |
		  (3ULL << (112 - 64)) | (2ULL << (114 - 64));
	f->q[2] = STE2_S2VMID(0x1234) | STE2_S2T0SZ(24) | STE2_S2SL0(1) |
		  (1ULL << (168 - 128)) | (2ULL << (170 - 128)) |
		  (3ULL << (172 - 128)) | STE2_S2TG(0) | STE2_S2PS(5) |
		  STE2_S2AA64 | STE2_S2AFFD | STE2_S2PTW | STE2_S2HD |
		  STE2_S2HA | STE2_S2R;
	f->q[3] = S2TTB;
}

static int ste_check(struct ste_fixture *f)
{
	__le64 raw[8];

	raw_from(raw, f->q, 8);
	return smmu_model_ste_decode(&f->idr, raw, &f->ste);
}

/* Replace bits [hi:lo] of qword @i */
static void q_set(u64 *q, int i, int hi, int lo, u64 v)
{
	q[i] = (q[i] & ~GENMASK_ULL(hi, lo)) | (v << lo);
}

static void ste_nested_every_field(struct kunit *test)
{
	struct ste_fixture f;
	struct smmu_model_ste *s = &f.ste;

	ste_nested(&f);
	KUNIT_ASSERT_EQ(test, ste_check(&f), 0);
	KUNIT_EXPECT_TRUE(test, s->v);
	KUNIT_EXPECT_EQ(test, s->config, 7);
	KUNIT_EXPECT_EQ(test, s->s1fmt, 1);
	KUNIT_EXPECT_EQ(test, s->s1ctxptr, S1CTXPTR);
	KUNIT_EXPECT_EQ(test, s->s1cdmax, 5);
	KUNIT_EXPECT_EQ(test, s->s1dss, 2);
	KUNIT_EXPECT_EQ(test, s->s1cir, 1);
	KUNIT_EXPECT_EQ(test, s->s1cor, 3);
	KUNIT_EXPECT_EQ(test, s->s1csh, 3);
	KUNIT_EXPECT_EQ(test, s->cont, 3);
	KUNIT_EXPECT_TRUE(test, s->dcp && s->ppar && s->mev && s->s1stalld);
	KUNIT_EXPECT_EQ(test, s->eats, 1);
	KUNIT_EXPECT_EQ(test, s->strw, 0);
	KUNIT_EXPECT_EQ(test, s->memattr, 0xf);
	KUNIT_EXPECT_TRUE(test, s->mtcfg);
	KUNIT_EXPECT_EQ(test, s->alloccfg, 0xe);
	KUNIT_EXPECT_EQ(test, s->shcfg, 1);
	KUNIT_EXPECT_EQ(test, s->nscfg, 2);
	KUNIT_EXPECT_EQ(test, s->privcfg, 3);
	KUNIT_EXPECT_EQ(test, s->instcfg, 2);
	KUNIT_EXPECT_EQ(test, s->s2vmid, 0x1234);
	KUNIT_EXPECT_EQ(test, s->s2t0sz, 24);
	KUNIT_EXPECT_EQ(test, s->s2sl0, 1);
	KUNIT_EXPECT_EQ(test, s->s2ir0, 1);
	KUNIT_EXPECT_EQ(test, s->s2or0, 2);
	KUNIT_EXPECT_EQ(test, s->s2sh0, 3);
	KUNIT_EXPECT_EQ(test, s->s2tg, 0);
	KUNIT_EXPECT_EQ(test, s->s2ps, 5);
	KUNIT_EXPECT_TRUE(test, s->s2aa64 && s->s2affd && s->s2ptw);
	KUNIT_EXPECT_TRUE(test, s->s2hd && s->s2ha && s->s2r);
	KUNIT_EXPECT_FALSE(test, s->s2endi || s->s2s || s->s2fwb);
	KUNIT_EXPECT_EQ(test, s->s2ttb, S2TTB);
}

static void ste_single_bits_s2endi_s2s_s2fwb_s2haft(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.httu = 3;
	f.q[1] |= STE1_S2FWB;
	f.q[1] &= ~STE1_EATS(3);
	f.q[2] |= STE2_S2ENDI | STE2_S2S | STE2_S2HAFT;
	KUNIT_ASSERT_EQ(test, ste_check(&f), 0);
	KUNIT_EXPECT_TRUE(test, f.ste.s2endi && f.ste.s2s && f.ste.s2fwb);
	KUNIT_EXPECT_TRUE(test, f.ste.s2haft);
}

static void ste_v_clear_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.q[0] &= ~STE0_V;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_config_abort_is_not_checked(struct kunit *test)
{
	struct ste_fixture f;

	/* 5.2 Config 0b0xx: abort without an event, S1P irrelevant */
	ste_nested(&f);
	f.idr.s1p = false;
	q_set(f.q, 0, 3, 1, 1);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s1_config_without_s1p_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.s1p = false;
	q_set(f.q, 0, 3, 1, 5);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2_config_without_s2p_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.s2p = false;
	q_set(f.q, 0, 3, 1, 6);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_split_ats_on_s1_only_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 0, 3, 1, 5);
	q_set(f.q, 1, 93 - 64, 92 - 64, 2);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	/* EATS is RES0 without IDR0.ATS: not checked (5.2.2) */
	f.idr.ats = false;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_split_ats_with_ns1ats_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 1, 93 - 64, 92 - 64, 2);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
	f.idr.ns1ats = true;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_full_ats_with_s2s_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.q[2] |= STE2_S2S;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_strw_reserved_with_hyp_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 0, 3, 1, 5);
	q_set(f.q, 1, 95 - 64, 94 - 64, 1);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	/* STRW is RES0 without IDR0.Hyp and IGNORED with stage 2 */
	f.idr.hyp = false;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
	f.idr.hyp = true;
	q_set(f.q, 0, 3, 1, 7);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s1stalld_with_stall_model_none_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.stall_model = 1;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.q[1] &= ~STE1_S1STALLD;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s1cdmax_above_ssidsize_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.ssidsize = 4;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.idr.ssidsize = 5;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s1fmt_2lvl_without_cd2l_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.cd2l = false;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	/* S1Fmt 0b11 is Reserved and behaves as 0b00 (linear) */
	q_set(f.q, 0, 5, 4, 3);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s1contextptr_beyond_ias_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.q[0] |= BIT_ULL(48);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s1contextptr_beyond_oas_on_s1_only_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	/* 3.4.3: a PA when stage 2 is off, checked against the OAS */
	ste_nested(&f);
	f.idr.oas_bits = 36;
	f.q[0] = STE0_V | STE0_CONFIG(5) | 0x1000000000ULL;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.q[0] = STE0_V | STE0_CONFIG(5) | 0xfffffffc0ULL;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2s_with_stall_model_none_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.stall_model = 1;
	f.q[1] &= ~(STE1_S1STALLD | STE1_EATS(3));
	f.q[2] |= STE2_S2S;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2s_clear_with_stall_forced_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.stall_model = 2;
	f.q[1] &= ~(STE1_S1STALLD | STE1_EATS(3));
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.q[2] |= STE2_S2S;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2aa64_without_ttf_aa64_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.aa64 = false;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2aa32_without_ttf_aa32_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.q[2] &= ~(STE2_S2AA64 | STE2_S2HA | STE2_S2HD);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
	f.idr.aa32 = false;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2fwb_with_s2aa32_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.q[1] |= STE1_S2FWB;
	f.q[2] &= ~(STE2_S2AA64 | STE2_S2HA | STE2_S2HD);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2ha_without_httu_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.httu = 0;
	f.q[2] &= ~STE2_S2HD;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2hd_with_httu_access_only_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.httu = 1;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.q[2] &= ~STE2_S2HD;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2ha_with_s2aa32_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.q[2] &= ~(STE2_S2AA64 | STE2_S2HD);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2haft_without_s2ha_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.httu = 3;
	f.q[2] &= ~(STE2_S2HA | STE2_S2HD);
	f.q[2] |= STE2_S2HAFT;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2tg_4k_without_gran4k_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.gran4k = false;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2tg_reserved_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 2, 175 - 128, 174 - 128, 3);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2ttb_beyond_s2ps_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 2, 178 - 128, 176 - 128, 2);	/* 40 bits */
	f.q[3] = BIT_ULL(40);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.q[3] = BIT_ULL(40) - SZ_8K;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2ttb_beyond_48_bits_with_4k_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	/* 5.2 S2TTB: 52-bit S2PS, but a 4KB granule without S2DS */
	ste_nested(&f);
	f.idr.oas_bits = 52;
	f.idr.ias_bits = 52;
	q_set(f.q, 2, 178 - 128, 176 - 128, 6);
	f.q[3] = BIT_ULL(48);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	/* 64KB granule, S2SL0 1: level 2 resolves IPA[39:29] */
	q_set(f.q, 2, 175 - 128, 174 - 128, 1);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2t0sz_15_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 2, 165 - 128, 160 - 128, 15);
	q_set(f.q, 2, 167 - 128, 166 - 128, 2);	/* level 0 */
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	q_set(f.q, 2, 165 - 128, 160 - 128, 16);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2t0sz_40_without_stt_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 2, 165 - 128, 160 - 128, 40);
	q_set(f.q, 2, 167 - 128, 166 - 128, 0);	/* level 2 */
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.idr.stt = true;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2t0sz_below_64_minus_ias_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.aa32 = false;
	f.idr.oas_bits = 40;
	f.idr.ias_bits = 40;
	q_set(f.q, 2, 165 - 128, 160 - 128, 23);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	q_set(f.q, 2, 165 - 128, 160 - 128, 24);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2sl0_level2_for_48_bits_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	/* Level 2 start resolves at most 21 + 9 + 4 bits: not 48 */
	ste_nested(&f);
	q_set(f.q, 2, 165 - 128, 160 - 128, 16);
	q_set(f.q, 2, 167 - 128, 166 - 128, 0);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2sl0_level0_with_oas_42_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	/* Arm ARM S2InvalidSL: 4KB SL0 0b10 needs PAMax >= 44 */
	ste_nested(&f);
	f.idr.oas_bits = 42;
	q_set(f.q, 2, 167 - 128, 166 - 128, 2);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.idr.oas_bits = 44;
	f.idr.ias_bits = 44;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2sl0_level3_4k_without_stt_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 2, 165 - 128, 160 - 128, 39);	/* 25 bits */
	q_set(f.q, 2, 167 - 128, 166 - 128, 3);
	f.q[3] = S2TTB;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.idr.stt = true;
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2sl0_3_with_64k_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 2, 175 - 128, 174 - 128, 1);
	q_set(f.q, 2, 167 - 128, 166 - 128, 3);
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2endi_against_ttendian_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.ttendian = 2;	/* little-endian only */
	f.q[2] |= STE2_S2ENDI;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	f.idr.ttendian = 3;	/* big-endian only */
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
	f.q[2] &= ~STE2_S2ENDI;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
}

static void ste_s2vmid_16_bits_without_vmid16_is_bad_ste(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	f.idr.vmid16 = false;
	KUNIT_EXPECT_EQ(test, ste_check(&f), BAD_STE);
	q_set(f.q, 2, 15, 0, 0x34);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2vmid_ignored_for_el2_stream(struct kunit *test)
{
	struct ste_fixture f;

	/* 5.2 S2VMID: IGNORED when StreamWorld is not NS-EL1 */
	ste_nested(&f);
	f.idr.vmid16 = false;
	q_set(f.q, 0, 3, 1, 5);
	q_set(f.q, 1, 95 - 64, 94 - 64, 2);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static void ste_s2_fields_ignored_on_s1_only(struct kunit *test)
{
	struct ste_fixture f;

	ste_nested(&f);
	q_set(f.q, 0, 3, 1, 5);
	q_set(f.q, 2, 175 - 128, 174 - 128, 3);
	q_set(f.q, 2, 165 - 128, 160 - 128, 0);
	f.q[3] = BIT_ULL(60);
	KUNIT_EXPECT_EQ(test, ste_check(&f), 0);
}

static struct kunit_case smmu_model_ste_cases[] = {
	KUNIT_CASE(ste_nested_every_field),
	KUNIT_CASE(ste_single_bits_s2endi_s2s_s2fwb_s2haft),
	KUNIT_CASE(ste_v_clear_is_bad_ste),
	KUNIT_CASE(ste_config_abort_is_not_checked),
	KUNIT_CASE(ste_s1_config_without_s1p_is_bad_ste),
	KUNIT_CASE(ste_s2_config_without_s2p_is_bad_ste),
	KUNIT_CASE(ste_split_ats_on_s1_only_is_bad_ste),
	KUNIT_CASE(ste_split_ats_with_ns1ats_is_bad_ste),
	KUNIT_CASE(ste_full_ats_with_s2s_is_bad_ste),
	KUNIT_CASE(ste_strw_reserved_with_hyp_is_bad_ste),
	KUNIT_CASE(ste_s1stalld_with_stall_model_none_is_bad_ste),
	KUNIT_CASE(ste_s1cdmax_above_ssidsize_is_bad_ste),
	KUNIT_CASE(ste_s1fmt_2lvl_without_cd2l_is_bad_ste),
	KUNIT_CASE(ste_s1contextptr_beyond_ias_is_bad_ste),
	KUNIT_CASE(ste_s1contextptr_beyond_oas_on_s1_only_is_bad_ste),
	KUNIT_CASE(ste_s2s_with_stall_model_none_is_bad_ste),
	KUNIT_CASE(ste_s2s_clear_with_stall_forced_is_bad_ste),
	KUNIT_CASE(ste_s2aa64_without_ttf_aa64_is_bad_ste),
	KUNIT_CASE(ste_s2aa32_without_ttf_aa32_is_bad_ste),
	KUNIT_CASE(ste_s2fwb_with_s2aa32_is_bad_ste),
	KUNIT_CASE(ste_s2ha_without_httu_is_bad_ste),
	KUNIT_CASE(ste_s2hd_with_httu_access_only_is_bad_ste),
	KUNIT_CASE(ste_s2ha_with_s2aa32_is_bad_ste),
	KUNIT_CASE(ste_s2haft_without_s2ha_is_bad_ste),
	KUNIT_CASE(ste_s2tg_4k_without_gran4k_is_bad_ste),
	KUNIT_CASE(ste_s2tg_reserved_is_bad_ste),
	KUNIT_CASE(ste_s2ttb_beyond_s2ps_is_bad_ste),
	KUNIT_CASE(ste_s2ttb_beyond_48_bits_with_4k_is_bad_ste),
	KUNIT_CASE(ste_s2t0sz_15_is_bad_ste),
	KUNIT_CASE(ste_s2t0sz_40_without_stt_is_bad_ste),
	KUNIT_CASE(ste_s2t0sz_below_64_minus_ias_is_bad_ste),
	KUNIT_CASE(ste_s2sl0_level2_for_48_bits_is_bad_ste),
	KUNIT_CASE(ste_s2sl0_level0_with_oas_42_is_bad_ste),
	KUNIT_CASE(ste_s2sl0_level3_4k_without_stt_is_bad_ste),
	KUNIT_CASE(ste_s2sl0_3_with_64k_is_bad_ste),
	KUNIT_CASE(ste_s2endi_against_ttendian_is_bad_ste),
	KUNIT_CASE(ste_s2vmid_16_bits_without_vmid16_is_bad_ste),
	KUNIT_CASE(ste_s2vmid_ignored_for_el2_stream),
	KUNIT_CASE(ste_s2_fields_ignored_on_s1_only),
	{}
};

static struct kunit_suite smmu_model_ste_suite = {
	.name = "smmu_model_ste_decode",
	.test_cases = smmu_model_ste_cases,
};

/* ------------------------------------------------------------------------
 * smmu_model_cd_decode (IHI0070 5.4, 5.4.2)
 */
struct cd_fixture {
	struct smmu_model_idr idr;
	struct smmu_model_ste ste;	/* the STE that led to the CD */
	u64 q[8];
	struct smmu_model_cd cd;
};

#define BAD_CD			SMMU_MODEL_EVT_C_BAD_CD
#define CD_TTB0			0x812341000ULL
#define CD_TTB1			0x812342000ULL

/*
 * A valid CD of an NS-EL1 stage-1-only stream: T0SZ 16, TG0 4KB, IR0 1,
 * OR0 1, SH0 3, T1SZ 25, TG1 4KB (0b10), IR1 1, OR1 2, SH1 2, IPS 48 bits,
 * AFFD, WXN, UWXN, TBI0, PAN, AA64, HD, HA, R, A, ASET, ASID 0xbeef;
 * NSCFG0, HAD0, TTB0; NSCFG1, HAD1, TTB1; MAIR, AMAIR.
 */
static void cd_el1(struct cd_fixture *f)
{
	full_idr(&f->idr);
	memset(&f->ste, 0, sizeof(f->ste));
	f->ste.v = true;
	f->ste.config = 5;
	memset(f->q, 0, sizeof(f->q));
	f->q[0] = CD0_T0SZ(16) | CD0_TG0(0) | (1ULL << 8) | (1ULL << 10) |
		  (3ULL << 12) | CD0_T1SZ(25) | CD0_TG1(2) | (1ULL << 24) |
		  (2ULL << 26) | (2ULL << 28) | CD0_V | CD0_IPS(5) |
		  CD0_AFFD | CD0_WXN | BIT_ULL(37) | CD0_TBI0 | CD0_PAN |
		  CD0_AA64 | CD0_HD | CD0_HA | CD0_R | CD0_A | CD0_ASET |
		  CD0_ASID(0xbeef);
	f->q[1] = BIT_ULL(64 - 64) | CD1_HAD0 | CD_TTB0;
	f->q[2] = BIT_ULL(128 - 128) | BIT_ULL(129 - 128) | CD_TTB1;
	f->q[3] = 0x0044ff0400ff44aaULL;
	f->q[4] = 0x1122334455667788ULL;
}

static int cd_check(struct cd_fixture *f)
{
	__le64 raw[8];

	raw_from(raw, f->q, 8);
	return smmu_model_cd_decode(&f->idr, &f->ste, raw, &f->cd);
}

static void cd_el1_every_field(struct kunit *test)
{
	struct cd_fixture f;
	struct smmu_model_cd *c = &f.cd;

	cd_el1(&f);
	KUNIT_ASSERT_EQ(test, cd_check(&f), 0);
	KUNIT_EXPECT_TRUE(test, c->v);
	KUNIT_EXPECT_EQ(test, c->t0sz, 16);
	KUNIT_EXPECT_EQ(test, c->tg0, 0);
	KUNIT_EXPECT_EQ(test, c->ir0, 1);
	KUNIT_EXPECT_EQ(test, c->or0, 1);
	KUNIT_EXPECT_EQ(test, c->sh0, 3);
	KUNIT_EXPECT_EQ(test, c->t1sz, 25);
	KUNIT_EXPECT_EQ(test, c->tg1, 2);
	KUNIT_EXPECT_EQ(test, c->ir1, 1);
	KUNIT_EXPECT_EQ(test, c->or1, 2);
	KUNIT_EXPECT_EQ(test, c->sh1, 2);
	KUNIT_EXPECT_FALSE(test, c->epd0 || c->epd1 || c->endi || c->s);
	KUNIT_EXPECT_EQ(test, c->ips, 5);
	KUNIT_EXPECT_TRUE(test, c->affd && c->wxn && c->uwxn && c->pan);
	KUNIT_EXPECT_EQ(test, c->tbi, 1);
	KUNIT_EXPECT_TRUE(test, c->aa64 && c->hd && c->ha && c->r && c->a);
	KUNIT_EXPECT_TRUE(test, c->aset);
	KUNIT_EXPECT_EQ(test, c->asid, 0xbeef);
	KUNIT_EXPECT_TRUE(test, c->nscfg0 && c->had0 && c->nscfg1 && c->had1);
	KUNIT_EXPECT_FALSE(test, c->haft);
	KUNIT_EXPECT_EQ(test, c->ttb0, CD_TTB0);
	KUNIT_EXPECT_EQ(test, c->ttb1, CD_TTB1);
	KUNIT_EXPECT_EQ(test, c->mair, 0x0044ff0400ff44aaULL);
	KUNIT_EXPECT_EQ(test, c->amair, 0x1122334455667788ULL);
	KUNIT_EXPECT_EQ(test, c->sw, SMMU_MODEL_SW_NS_EL1);
}

static void cd_single_bits_epd_endi_s_tbi1_haft(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.httu = 3;
	f.q[0] |= CD0_EPD0 | CD0_EPD1 | CD0_ENDI | CD0_S | CD0_TBI1;
	f.q[0] &= ~CD0_TBI0;
	f.q[1] |= CD1_HAFT;
	KUNIT_ASSERT_EQ(test, cd_check(&f), 0);
	KUNIT_EXPECT_TRUE(test, f.cd.epd0 && f.cd.epd1 && f.cd.endi);
	KUNIT_EXPECT_TRUE(test, f.cd.s && f.cd.haft);
	KUNIT_EXPECT_EQ(test, f.cd.tbi, 2);
}

static void cd_v_clear_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.q[0] &= ~CD0_V;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_s_through_s1stalld_ste_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.q[0] |= CD0_S;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
	f.ste.s1stalld = true;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_a_clear_with_term_model_abort_only_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.q[0] &= ~CD0_A;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
	f.idr.term_model = 1;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_s_with_stall_model_none_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.stall_model = 1;
	f.q[0] |= CD0_S;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_s_clear_with_stall_forced_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.stall_model = 2;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	f.q[0] |= CD0_S;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
}

static void cd_endi_against_ttendian_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.ttendian = 2;
	f.q[0] |= CD0_ENDI;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	/* ENDI is IGNORED when both halves are disabled */
	f.q[0] |= CD0_EPD0 | CD0_EPD1;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
	f.idr.ttendian = 3;
	f.q[0] &= ~(CD0_ENDI | CD0_EPD1);
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_aa32_without_ttf_aa32_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.q[0] &= ~CD0_AA64;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
	f.idr.aa32 = false;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_aa32_in_el2_e2h_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.q[0] &= ~CD0_AA64;
	f.ste.strw = 2;
	f.idr.e2h = true;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	KUNIT_EXPECT_EQ(test, f.cd.sw, SMMU_MODEL_SW_EL2_E2H);
}

static void cd_aa64_on_aa32_stage2_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.ste.config = 7;
	f.ste.s2aa64 = true;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
	f.ste.s2aa64 = false;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_aa64_without_ttf_aa64_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.aa64 = false;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_ha_without_httu_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.httu = 0;
	f.q[0] &= ~CD0_HD;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_hd_with_httu_access_only_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.httu = 1;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	f.q[0] &= ~CD0_HD;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
}

static void cd_haft_without_ha_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.httu = 3;
	f.q[0] &= ~(CD0_HA | CD0_HD);
	f.q[1] |= CD1_HAFT;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_asid_16_bits_without_asid16_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.asid16 = false;
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	q_set(f.q, 0, 63, 48, 0xef);
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
}

static void cd_asid_ignored_in_el2(struct kunit *test)
{
	struct cd_fixture f;

	/* 5.4 ASID: IGNORED in StreamWorld any-EL2; one VA range (5.4.1) */
	cd_el1(&f);
	f.idr.asid16 = false;
	f.ste.strw = 2;
	q_set(f.q, 0, 21, 16, 0);	/* T1SZ is RES0 */
	f.q[0] |= CD0_EPD0;		/* IGNORED in EL2 */
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
	KUNIT_EXPECT_EQ(test, f.cd.sw, SMMU_MODEL_SW_EL2);
}

static void cd_t0sz_15_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	q_set(f.q, 0, 5, 0, 15);
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	/* the whole TTB0 half disabled: its fields are not checked */
	f.q[0] |= CD0_EPD0;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
}

static void cd_t1sz_40_without_stt_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	q_set(f.q, 0, 21, 16, 40);
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	f.idr.stt = true;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
	f.idr.stt = false;
	f.q[0] |= CD0_EPD1;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
}

static void cd_t0sz_12_with_64k_needs_vax(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	q_set(f.q, 0, 7, 6, 1);		/* TG0 64KB */
	q_set(f.q, 0, 5, 0, 12);
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	f.idr.vax = 1;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
}

static void cd_tg0_64k_without_gran64k_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.gran64k = false;
	q_set(f.q, 0, 7, 6, 1);
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
}

static void cd_tg1_reserved_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	q_set(f.q, 0, 23, 22, 0);
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	q_set(f.q, 0, 23, 22, 3);	/* 64KB */
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
}

static void cd_ttb0_beyond_ips_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	q_set(f.q, 0, 34, 32, 2);	/* 40 bits */
	f.q[1] = BIT_ULL(40);
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	f.q[1] = BIT_ULL(40) - SZ_4K;
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
}

static void cd_ttb1_beyond_48_bits_with_4k_is_bad_cd(struct kunit *test)
{
	struct cd_fixture f;

	cd_el1(&f);
	f.idr.oas_bits = 52;
	q_set(f.q, 0, 34, 32, 6);	/* 52 bits */
	f.q[2] = BIT_ULL(48);
	KUNIT_EXPECT_EQ(test, cd_check(&f), BAD_CD);
	q_set(f.q, 0, 23, 22, 3);	/* TG1 64KB */
	KUNIT_EXPECT_EQ(test, cd_check(&f), 0);
}

static struct kunit_case smmu_model_cd_cases[] = {
	KUNIT_CASE(cd_el1_every_field),
	KUNIT_CASE(cd_single_bits_epd_endi_s_tbi1_haft),
	KUNIT_CASE(cd_v_clear_is_bad_cd),
	KUNIT_CASE(cd_s_through_s1stalld_ste_is_bad_cd),
	KUNIT_CASE(cd_a_clear_with_term_model_abort_only_is_bad_cd),
	KUNIT_CASE(cd_s_with_stall_model_none_is_bad_cd),
	KUNIT_CASE(cd_s_clear_with_stall_forced_is_bad_cd),
	KUNIT_CASE(cd_endi_against_ttendian_is_bad_cd),
	KUNIT_CASE(cd_aa32_without_ttf_aa32_is_bad_cd),
	KUNIT_CASE(cd_aa32_in_el2_e2h_is_bad_cd),
	KUNIT_CASE(cd_aa64_on_aa32_stage2_is_bad_cd),
	KUNIT_CASE(cd_aa64_without_ttf_aa64_is_bad_cd),
	KUNIT_CASE(cd_ha_without_httu_is_bad_cd),
	KUNIT_CASE(cd_hd_with_httu_access_only_is_bad_cd),
	KUNIT_CASE(cd_haft_without_ha_is_bad_cd),
	KUNIT_CASE(cd_asid_16_bits_without_asid16_is_bad_cd),
	KUNIT_CASE(cd_asid_ignored_in_el2),
	KUNIT_CASE(cd_t0sz_15_is_bad_cd),
	KUNIT_CASE(cd_t1sz_40_without_stt_is_bad_cd),
	KUNIT_CASE(cd_t0sz_12_with_64k_needs_vax),
	KUNIT_CASE(cd_tg0_64k_without_gran64k_is_bad_cd),
	KUNIT_CASE(cd_tg1_reserved_is_bad_cd),
	KUNIT_CASE(cd_ttb0_beyond_ips_is_bad_cd),
	KUNIT_CASE(cd_ttb1_beyond_48_bits_with_4k_is_bad_cd),
	{}
};

static struct kunit_suite smmu_model_cd_suite = {
	.name = "smmu_model_cd_decode",
	.test_cases = smmu_model_cd_cases,
};

/* ------------------------------------------------------------------------
 * smmu_model_fetch_cd (IHI0070 5.2 S1Fmt/S1CDMax, 5.3)
 */
#define L1CD(l2pa)		((u64)(l2pa) | 1)	/* V [0], L2Ptr [55:12] */

struct cdtab_fixture {
	struct smmu_model_idr idr;
	struct smmu_model_ste ste;
	struct tmem t;
	struct pages p;
	__le64 raw[8];
	u64 pa;
};

static void cdtab_setup(struct kunit *test, struct cdtab_fixture *f,
			u8 s1fmt, u8 s1cdmax)
{
	full_idr(&f->idr);
	tmem_init(&f->t);
	pages_alloc(test, &f->p);
	memset(&f->ste, 0, sizeof(f->ste));
	f->ste.v = true;
	f->ste.config = 5;
	f->ste.s1fmt = s1fmt;
	f->ste.s1cdmax = s1cdmax;
	f->ste.s1ctxptr = f->p.pa[0];
}

static int cdtab_fetch(struct cdtab_fixture *f, u32 ssid, bool ssv)
{
	return smmu_model_fetch_cd(&f->t.mem, &f->idr, &f->ste, ssid, ssv,
				   NULL, NULL, f->raw, &f->pa);
}

/* Marks the CD at @va + @index */
static u64 cd_mark(u64 *va, unsigned int index)
{
	u64 mark = 0xc0de000000000000ULL | index;

	va[index * 8] = mark;
	return mark;
}

static void cd_fetch_single_cd_without_substreams(struct kunit *test)
{
	struct cdtab_fixture f;
	u64 mark;

	cdtab_setup(test, &f, 0, 0);
	mark = cd_mark(f.p.va[0], 0);
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 0, false), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
	KUNIT_EXPECT_EQ(test, f.pa, f.p.pa[0]);
}

static void cd_fetch_ssv_without_substreams_is_bad_substreamid(struct kunit *test)
{
	struct cdtab_fixture f;

	cdtab_setup(test, &f, 0, 0);
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 0, true),
			SMMU_MODEL_EVT_C_BAD_SUBSTREAMID);
	/* IDR1.SSIDSIZE == 0: no SubstreamID whatever S1CDMax says */
	f.ste.s1cdmax = 4;
	f.idr.ssidsize = 0;
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 0, true),
			SMMU_MODEL_EVT_C_BAD_SUBSTREAMID);
}

static void cd_fetch_linear_ssid_9_of_16(struct kunit *test)
{
	struct cdtab_fixture f;
	u64 mark;

	cdtab_setup(test, &f, 0, 4);
	mark = cd_mark(f.p.va[0], 9);
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 9, true), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
	KUNIT_EXPECT_EQ(test, f.pa, f.p.pa[0] + 9 * 64);
}

static void cd_fetch_ssid_16_of_16_is_bad_substreamid(struct kunit *test)
{
	struct cdtab_fixture f;

	cdtab_setup(test, &f, 0, 4);
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 16, true),
			SMMU_MODEL_EVT_C_BAD_SUBSTREAMID);
	KUNIT_EXPECT_EQ(test, f.t.reads, 0);
}

static void cd_fetch_no_ssv_with_substreams_reads_cd0(struct kunit *test)
{
	struct cdtab_fixture f;
	u64 mark;

	cdtab_setup(test, &f, 0, 4);
	mark = cd_mark(f.p.va[0], 0);
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 7, false), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
}

static void cd_fetch_2lvl_4k_ssid_0x85(struct kunit *test)
{
	struct cdtab_fixture f;
	u64 mark;

	/* S1Fmt 0b01: L1 by SubstreamID[9:6], 4KB L2 by SubstreamID[5:0] */
	cdtab_setup(test, &f, 1, 10);
	f.p.va[0][2] = L1CD(f.p.pa[3]);
	mark = cd_mark(f.p.va[3], 5);
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 0x85, true), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
	KUNIT_EXPECT_EQ(test, f.pa, f.p.pa[3] + 5 * 64);
}

static void cd_fetch_2lvl_64k_ssid_0x805(struct kunit *test)
{
	struct cdtab_fixture f;
	struct pages l2;
	u64 mark;

	/* S1Fmt 0b10: L1 by SubstreamID[11:10], 64KB L2 by [9:0] */
	cdtab_setup(test, &f, 2, 12);
	pages_alloc(test, &l2);
	f.p.va[0][2] = L1CD(l2.pa[0]);
	mark = cd_mark(l2.va[0], 5);
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 0x805, true), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
	KUNIT_EXPECT_EQ(test, f.pa, l2.pa[0] + 5 * 64);
}

static void cd_fetch_l1cd_v_clear_is_bad_substreamid(struct kunit *test)
{
	struct cdtab_fixture f;

	cdtab_setup(test, &f, 1, 10);
	f.p.va[0][2] = f.p.pa[3];	/* V == 0 */
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 0x85, true),
			SMMU_MODEL_EVT_C_BAD_SUBSTREAMID);
}

static void cd_fetch_l1cd_beyond_oas_is_bad_substreamid(struct kunit *test)
{
	struct cdtab_fixture f;

	/* 3.4.3 (3): SMMUv3.1 generates C_BAD_SUBSTREAMID */
	cdtab_setup(test, &f, 1, 10);
	f.p.va[0][2] = L1CD(BIT_ULL(48));
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 0x85, true),
			SMMU_MODEL_EVT_C_BAD_SUBSTREAMID);
}

static void cd_fetch_cd_abort_is_cd_fetch(struct kunit *test)
{
	struct cdtab_fixture f;

	cdtab_setup(test, &f, 0, 4);
	f.t.abort_lo = f.p.pa[0] + 3 * 64;
	f.t.abort_hi = f.t.abort_lo + 64;
	KUNIT_EXPECT_EQ(test, cdtab_fetch(&f, 3, true),
			SMMU_MODEL_EVT_F_CD_FETCH);
	KUNIT_EXPECT_EQ(test, f.pa, f.p.pa[0] + 3 * 64);
}

/* A stage 2 for CD fetches: IPA 0x40000000 + n is PA @base + n */
struct cd_s2 {
	u64 base;
	unsigned int calls;
};

#define CD_IPA			0x40000000ULL

static int cd_s2_translate(void *priv, u64 ipa, u64 *pa)
{
	struct cd_s2 *s = priv;

	s->calls++;
	if (ipa < CD_IPA || ipa - CD_IPA >= SZ_64K)
		return SMMU_MODEL_EVT_F_TRANSLATION;
	*pa = s->base + ipa - CD_IPA;
	return 0;
}

static void cd_fetch_2lvl_through_stage2(struct kunit *test)
{
	struct cdtab_fixture f;
	struct cd_s2 s2;
	u64 mark;

	/* 5.2 S1Fmt note: with stage 2 the L1CD pointers are IPAs too */
	cdtab_setup(test, &f, 1, 10);
	s2.base = f.p.pa[0];
	s2.calls = 0;
	f.ste.config = 7;
	f.ste.s1ctxptr = CD_IPA;
	f.p.va[0][2] = L1CD(CD_IPA + 3 * SZ_4K);
	mark = cd_mark(f.p.va[3], 5);
	KUNIT_EXPECT_EQ(test, 0,
			smmu_model_fetch_cd(&f.t.mem, &f.idr, &f.ste, 0x85, true,
					    cd_s2_translate, &s2, f.raw, &f.pa));
	KUNIT_EXPECT_EQ(test, le64_to_cpu(f.raw[0]), mark);
	KUNIT_EXPECT_EQ(test, f.pa, f.p.pa[3] + 5 * 64);
	KUNIT_EXPECT_EQ(test, s2.calls, 2);

	/* A stage 2 fault of the L2 fetch is the function's event */
	f.p.va[0][2] = L1CD(CD_IPA + SZ_1M);
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_F_TRANSLATION,
			smmu_model_fetch_cd(&f.t.mem, &f.idr, &f.ste, 0x85, true,
					    cd_s2_translate, &s2, f.raw, &f.pa));
	KUNIT_EXPECT_EQ(test, f.pa, CD_IPA + SZ_1M + 5 * 64);
}

static struct kunit_case smmu_model_cdtab_cases[] = {
	KUNIT_CASE(cd_fetch_single_cd_without_substreams),
	KUNIT_CASE(cd_fetch_ssv_without_substreams_is_bad_substreamid),
	KUNIT_CASE(cd_fetch_linear_ssid_9_of_16),
	KUNIT_CASE(cd_fetch_ssid_16_of_16_is_bad_substreamid),
	KUNIT_CASE(cd_fetch_no_ssv_with_substreams_reads_cd0),
	KUNIT_CASE(cd_fetch_2lvl_4k_ssid_0x85),
	KUNIT_CASE(cd_fetch_2lvl_64k_ssid_0x805),
	KUNIT_CASE(cd_fetch_l1cd_v_clear_is_bad_substreamid),
	KUNIT_CASE(cd_fetch_l1cd_beyond_oas_is_bad_substreamid),
	KUNIT_CASE(cd_fetch_cd_abort_is_cd_fetch),
	KUNIT_CASE(cd_fetch_2lvl_through_stage2),
	{}
};

static struct kunit_suite smmu_model_cdtab_suite = {
	.name = "smmu_model_fetch_cd",
	.test_cases = smmu_model_cdtab_cases,
};

/* ------------------------------------------------------------------------
 * smmu_model_walk_cfg_s1 / _s2 (IHI0070 3.4.1, 5.4.1.1; Arm ARM D8.1)
 */

/* A decoded VMSAv8-64 CD: 39-bit halves with 4KB granules */
static void cd_struct_el1(struct smmu_model_cd *cd)
{
	memset(cd, 0, sizeof(*cd));
	cd->v = true;
	cd->aa64 = true;
	cd->t0sz = 25;
	cd->tg0 = 0;		/* 4KB */
	cd->t1sz = 25;
	cd->tg1 = 2;		/* 4KB */
	cd->ips = 5;
	cd->ttb0 = 0x81234000ULL;
	cd->ttb1 = 0x81235000ULL;
}

static void walk_cfg_s1_low_va_uses_ttb0(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;

	full_idr(&idr);
	cd_struct_el1(&cd);
	cd.ha = true;
	cd.hd = true;
	cd.affd = true;
	cd.wxn = true;
	cd.pan = true;
	cd.endi = true;
	KUNIT_ASSERT_EQ(test, 0,
			smmu_model_walk_cfg_s1(&idr, &cd, 0x7fffffffffULL, &c));
	KUNIT_EXPECT_EQ(test, c.stage, 1);
	KUNIT_EXPECT_EQ(test, c.ttb, 0x81234000ULL);
	KUNIT_EXPECT_EQ(test, c.granule_shift, 12);
	KUNIT_EXPECT_EQ(test, c.ia_bits, 39);
	KUNIT_EXPECT_EQ(test, c.start_level, 1);
	KUNIT_EXPECT_EQ(test, c.concat, 0);
	KUNIT_EXPECT_EQ(test, c.oa_bits, 48);
	KUNIT_EXPECT_TRUE(test, c.ha && c.hd && c.wxn && c.pan);
	KUNIT_EXPECT_TRUE(test, c.big_endian);
	/* 5.4 AFFD: IGNORED with HA; UWXN: IGNORED with VMSAv8-64 */
	KUNIT_EXPECT_FALSE(test, c.affd || c.uwxn || c.el2);
}

static void walk_cfg_s1_va_bit55_uses_ttb1(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;

	full_idr(&idr);
	cd_struct_el1(&cd);
	cd.tg1 = 3;		/* 64KB: level 2 starts 39-bit */
	cd.had1 = true;
	KUNIT_ASSERT_EQ(test, 0,
			smmu_model_walk_cfg_s1(&idr, &cd, 0xffffff8000000000ULL,
					       &c));
	KUNIT_EXPECT_EQ(test, c.ttb, 0x81235000ULL & ~GENMASK_ULL(12, 0));
	KUNIT_EXPECT_EQ(test, c.granule_shift, 16);
	KUNIT_EXPECT_EQ(test, c.start_level, 2);
	KUNIT_EXPECT_TRUE(test, c.had);
}

static void walk_cfg_s1_ttb1_va_not_sign_extended_faults(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;

	full_idr(&idr);
	cd_struct_el1(&cd);
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_F_TRANSLATION,
			smmu_model_walk_cfg_s1(&idr, &cd, 0xfff0008000000000ULL,
					       &c));
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_F_TRANSLATION,
			smmu_model_walk_cfg_s1(&idr, &cd, 0x8000000000ULL, &c));
}

static void walk_cfg_s1_tbi0_ignores_top_byte(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;
	u64 va = 0x5a00001234567000ULL;

	full_idr(&idr);
	cd_struct_el1(&cd);
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_F_TRANSLATION,
			smmu_model_walk_cfg_s1(&idr, &cd, va, &c));
	cd.tbi = 1;
	KUNIT_EXPECT_EQ(test, 0, smmu_model_walk_cfg_s1(&idr, &cd, va, &c));
	/* TBI1 only: VA[55] == 0 still selects TTB0 without TBI */
	cd.tbi = 2;
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_F_TRANSLATION,
			smmu_model_walk_cfg_s1(&idr, &cd, va, &c));
}

static void walk_cfg_s1_epd0_faults_ttb0_half_only(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;

	full_idr(&idr);
	cd_struct_el1(&cd);
	cd.epd0 = true;
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_F_TRANSLATION,
			smmu_model_walk_cfg_s1(&idr, &cd, 0x1000, &c));
	KUNIT_EXPECT_EQ(test, 0,
			smmu_model_walk_cfg_s1(&idr, &cd, 0xffffffffffff0000ULL,
					       &c));
}

static void walk_cfg_s1_el2_has_no_ttb1_nor_epd(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;

	full_idr(&idr);
	cd_struct_el1(&cd);
	cd.sw = SMMU_MODEL_SW_EL2;
	cd.epd0 = true;
	cd.pan = true;
	KUNIT_EXPECT_EQ(test, 0, smmu_model_walk_cfg_s1(&idr, &cd, 0x1000, &c));
	KUNIT_EXPECT_TRUE(test, c.el2);
	KUNIT_EXPECT_FALSE(test, c.pan);
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_F_TRANSLATION,
			smmu_model_walk_cfg_s1(&idr, &cd, 0xffffffffffff0000ULL,
					       &c));
}

static void walk_cfg_s1_start_level_per_granule_and_size(struct kunit *test)
{
	static const struct { u8 tg0, t0sz, level; } t[] = {
		{ 0, 16, 0 }, { 0, 25, 1 }, { 0, 34, 2 },	/* 4KB */
		{ 2, 17, 1 }, { 2, 28, 2 },			/* 16KB */
		{ 1, 16, 1 }, { 1, 22, 2 }, { 1, 36, 3 },	/* 64KB */
	};
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;
	int i;

	full_idr(&idr);
	cd_struct_el1(&cd);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		cd.tg0 = t[i].tg0;
		cd.t0sz = t[i].t0sz;
		KUNIT_ASSERT_EQ(test, 0,
				smmu_model_walk_cfg_s1(&idr, &cd, 0, &c));
		KUNIT_EXPECT_EQ_MSG(test, c.start_level, t[i].level,
				    "TG0 %u T0SZ %u", t[i].tg0, t[i].t0sz);
	}
}

static void walk_cfg_s1_ips_capped_to_oas(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;

	full_idr(&idr);
	cd_struct_el1(&cd);
	cd.ips = 6;
	KUNIT_ASSERT_EQ(test, 0, smmu_model_walk_cfg_s1(&idr, &cd, 0, &c));
	KUNIT_EXPECT_EQ(test, c.oa_bits, 48);
	cd.ips = 2;
	KUNIT_ASSERT_EQ(test, 0, smmu_model_walk_cfg_s1(&idr, &cd, 0, &c));
	KUNIT_EXPECT_EQ(test, c.oa_bits, 40);
}

static void walk_cfg_s1_hd_without_ha_disables_httu(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;

	/* 5.4 HA/HD: {HD, HA} == 0b10 behaves as 0b00 */
	full_idr(&idr);
	cd_struct_el1(&cd);
	cd.hd = true;
	cd.affd = true;
	KUNIT_ASSERT_EQ(test, 0, smmu_model_walk_cfg_s1(&idr, &cd, 0, &c));
	KUNIT_EXPECT_FALSE(test, c.ha || c.hd);
	KUNIT_EXPECT_TRUE(test, c.affd);
}

static void walk_cfg_s1_aa32_cd_is_bad_cd(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_cd cd;

	full_idr(&idr);
	cd_struct_el1(&cd);
	cd.aa64 = false;
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_C_BAD_CD,
			smmu_model_walk_cfg_s1(&idr, &cd, 0, &c));
}

static void ste_struct_s2(struct smmu_model_ste *ste, u8 tg, u8 sl0, u8 t0sz)
{
	memset(ste, 0, sizeof(*ste));
	ste->v = true;
	ste->config = 6;
	ste->s2aa64 = true;
	ste->s2tg = tg;
	ste->s2sl0 = sl0;
	ste->s2t0sz = t0sz;
	ste->s2ps = 5;
	ste->s2ttb = 0x81230000ULL;
}

static void walk_cfg_s2_sl0_1_t0sz_24_concatenates_2_tables(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_ste ste;

	full_idr(&idr);
	ste_struct_s2(&ste, 0, 1, 24);
	ste.s2ttb |= 0x1000;	/* below the 8KB of two tables: zero */
	ste.s2ha = true;
	ste.s2hd = true;
	ste.s2affd = true;
	ste.s2ptw = true;
	KUNIT_ASSERT_EQ(test, 0, smmu_model_walk_cfg_s2(&idr, &ste, &c));
	KUNIT_EXPECT_EQ(test, c.stage, 2);
	KUNIT_EXPECT_EQ(test, c.start_level, 1);
	KUNIT_EXPECT_EQ(test, c.concat, 1);
	KUNIT_EXPECT_EQ(test, c.ia_bits, 40);
	KUNIT_EXPECT_EQ(test, c.ttb, 0x81230000ULL);
	KUNIT_EXPECT_EQ(test, c.oa_bits, 48);
	KUNIT_EXPECT_TRUE(test, c.ha && c.hd && c.s2ptw && c.xnx);
	KUNIT_EXPECT_FALSE(test, c.affd);
}

static void walk_cfg_s2_sl0_per_granule(struct kunit *test)
{
	static const struct { u8 tg, sl0, t0sz, level, concat; } t[] = {
		{ 0, 0, 32, 2, 2 },	/* 4KB level 2, 4 tables */
		{ 0, 2, 16, 0, 0 },	/* 4KB level 0 */
		{ 2, 2, 24, 1, 0 },	/* 16KB level 1 */
		{ 2, 1, 27, 2, 1 },	/* 16KB level 2, 2 tables */
		{ 1, 1, 22, 2, 0 },	/* 64KB level 2 */
		{ 1, 1, 19, 2, 3 },	/* 64KB level 2, 8 tables */
	};
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_ste ste;
	int i;

	full_idr(&idr);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		ste_struct_s2(&ste, t[i].tg, t[i].sl0, t[i].t0sz);
		KUNIT_ASSERT_EQ(test, 0, smmu_model_walk_cfg_s2(&idr, &ste, &c));
		KUNIT_EXPECT_EQ_MSG(test, c.start_level, t[i].level,
				    "TG %u SL0 %u", t[i].tg, t[i].sl0);
		KUNIT_EXPECT_EQ_MSG(test, c.concat, t[i].concat,
				    "TG %u SL0 %u", t[i].tg, t[i].sl0);
	}
}

static void walk_cfg_s2_17_concatenated_tables_is_bad_ste(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_ste ste;

	/* 4KB level 1 resolves at most 9 + 4 bits: 44 bits is too many */
	full_idr(&idr);
	ste_struct_s2(&ste, 0, 1, 20);
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_C_BAD_STE,
			smmu_model_walk_cfg_s2(&idr, &ste, &c));
	ste.s2t0sz = 21;
	KUNIT_EXPECT_EQ(test, 0, smmu_model_walk_cfg_s2(&idr, &ste, &c));
	KUNIT_EXPECT_EQ(test, c.concat, 4);
}

static void walk_cfg_s2_aa32_is_bad_ste(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_ste ste;

	full_idr(&idr);
	ste_struct_s2(&ste, 0, 1, 24);
	ste.s2aa64 = false;
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_EVT_C_BAD_STE,
			smmu_model_walk_cfg_s2(&idr, &ste, &c));
}

static void walk_cfg_s2_s2ps_capped_to_oas(struct kunit *test)
{
	struct smmu_model_walk_cfg c;
	struct smmu_model_idr idr;
	struct smmu_model_ste ste;

	full_idr(&idr);
	ste_struct_s2(&ste, 0, 1, 24);
	ste.s2ps = 7;
	KUNIT_ASSERT_EQ(test, 0, smmu_model_walk_cfg_s2(&idr, &ste, &c));
	KUNIT_EXPECT_EQ(test, c.oa_bits, 48);
	ste.s2ps = 1;
	KUNIT_ASSERT_EQ(test, 0, smmu_model_walk_cfg_s2(&idr, &ste, &c));
	KUNIT_EXPECT_EQ(test, c.oa_bits, 36);
}

static struct kunit_case smmu_model_walk_cfg_cases[] = {
	KUNIT_CASE(walk_cfg_s1_low_va_uses_ttb0),
	KUNIT_CASE(walk_cfg_s1_va_bit55_uses_ttb1),
	KUNIT_CASE(walk_cfg_s1_ttb1_va_not_sign_extended_faults),
	KUNIT_CASE(walk_cfg_s1_tbi0_ignores_top_byte),
	KUNIT_CASE(walk_cfg_s1_epd0_faults_ttb0_half_only),
	KUNIT_CASE(walk_cfg_s1_el2_has_no_ttb1_nor_epd),
	KUNIT_CASE(walk_cfg_s1_start_level_per_granule_and_size),
	KUNIT_CASE(walk_cfg_s1_ips_capped_to_oas),
	KUNIT_CASE(walk_cfg_s1_hd_without_ha_disables_httu),
	KUNIT_CASE(walk_cfg_s1_aa32_cd_is_bad_cd),
	KUNIT_CASE(walk_cfg_s2_sl0_1_t0sz_24_concatenates_2_tables),
	KUNIT_CASE(walk_cfg_s2_sl0_per_granule),
	KUNIT_CASE(walk_cfg_s2_17_concatenated_tables_is_bad_ste),
	KUNIT_CASE(walk_cfg_s2_aa32_is_bad_ste),
	KUNIT_CASE(walk_cfg_s2_s2ps_capped_to_oas),
	{}
};

static struct kunit_suite smmu_model_walk_cfg_suite = {
	.name = "smmu_model_walk_cfg",
	.test_cases = smmu_model_walk_cfg_cases,
};

/* ------------------------------------------------------------------------
 * smmu_model_walk against io-pgtable-arm (Arm ARM D8; IHI0070 3.4)
 */
struct walk_fixture {
	struct smmu_model_idr idr;
	struct tmem t;
	struct smmu_model_walk_res res;
	struct smmu_model_walk_cfg s1, s2;
	struct io_pgtable_cfg pcfg;
	struct io_pgtable_ops *ops;
};

#define PERM_RW_EL0		(SMMU_MODEL_PERM_R | SMMU_MODEL_PERM_W | \
				 SMMU_MODEL_PERM_PR | SMMU_MODEL_PERM_PW)
#define F_TRANSLATION		SMMU_MODEL_EVT_F_TRANSLATION
#define F_ADDR_SIZE		SMMU_MODEL_EVT_F_ADDR_SIZE
#define F_ACCESS		SMMU_MODEL_EVT_F_ACCESS
#define F_PERMISSION		SMMU_MODEL_EVT_F_PERMISSION
#define F_WALK_EABT		SMMU_MODEL_EVT_F_WALK_EABT
#define CLASS_TT		1
#define CLASS_IN		2

static void walk_setup(struct walk_fixture *f)
{
	memset(f, 0, sizeof(*f));
	full_idr(&f->idr);
	tmem_init(&f->t);
}

static int walk_s1(struct walk_fixture *f, u64 ia, unsigned int acc)
{
	return smmu_model_walk(&f->t.mem, &f->s1, NULL, ia, acc, &f->res);
}

static int walk_s2(struct walk_fixture *f, u64 ia, unsigned int acc)
{
	return smmu_model_walk(&f->t.mem, NULL, &f->s2, ia, acc, &f->res);
}

static int walk_nested(struct walk_fixture *f, u64 ia, unsigned int acc)
{
	return smmu_model_walk(&f->t.mem, &f->s1, &f->s2, ia, acc, &f->res);
}

/* io-pgtable stage 1 with one mapping, and the model's walk for @iova */
static void pgt_s1_one(struct kunit *test, struct walk_fixture *f,
		       unsigned long granule, u64 iova, u64 pa, size_t size,
		       int prot)
{
	walk_setup(f);
	f->ops = pgt_alloc(test, ARM_64_LPAE_S1, granule, 48, &f->pcfg);
	pgt_map(test, f->ops, iova, pa, size, prot);
	pgt_s1_walk_cfg(test, &f->idr, &f->pcfg, iova, &f->s1);
}

static void pgt_s2_one(struct kunit *test, struct walk_fixture *f,
		       unsigned long granule, unsigned int ias, u64 ipa, u64 pa,
		       size_t size, int prot)
{
	walk_setup(f);
	f->ops = pgt_alloc(test, ARM_64_LPAE_S2, granule, ias, &f->pcfg);
	pgt_map(test, f->ops, ipa, pa, size, prot);
	pgt_s2_walk_cfg(test, &f->idr, &f->pcfg, &f->s2);
}

/* The walk's output equals io-pgtable's own translation at @iova */
static void expect_oa_as_iova_to_phys(struct kunit *test,
				      struct walk_fixture *f, u64 iova,
				      u8 level, u8 size_shift)
{
	KUNIT_EXPECT_EQ(test, f->res.fault, 0);
	KUNIT_EXPECT_EQ(test, f->res.oa,
			(u64)f->ops->iova_to_phys(f->ops, iova));
	KUNIT_EXPECT_EQ(test, f->res.level, level);
	KUNIT_EXPECT_EQ(test, f->res.size_shift, size_shift);
}

static void s1_4k_level3_page_readwrite(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x123456789000ULL;

	pgt_s1_one(test, &f, SZ_4K, iova, 0x80abcd000ULL, SZ_4K,
		   IOMMU_READ | IOMMU_WRITE);
	KUNIT_ASSERT_EQ(test, f.s1.start_level, 0);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + 0x123, ACC_R), 0);
	expect_oa_as_iova_to_phys(test, &f, iova + 0x123, 3, 12);
	KUNIT_EXPECT_EQ(test, f.res.oa, 0x80abcd123ULL);
	/* Unprivileged RW (AP 0b01): privileged execute never, Arm ARM */
	KUNIT_EXPECT_EQ(test, f.res.perms, PERM_RW_EL0 | SMMU_MODEL_PERM_X);
	KUNIT_EXPECT_TRUE(test, f.res.dirty);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + 0xffc, ACC_W), 0);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_W | ACC_P), 0);
}

static void s1_4k_level2_block_2m(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x40200000ULL;

	pgt_s1_one(test, &f, SZ_4K, iova, 0x100200000ULL, SZ_2M,
		   IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + 0x12345, ACC_R), 0);
	expect_oa_as_iova_to_phys(test, &f, iova + 0x12345, 2, 21);
	/* io-pgtable's IOMMU_CACHE: AttrIndx 1, Inner Shareable */
	KUNIT_EXPECT_EQ(test, f.res.memattr, 1);
	KUNIT_EXPECT_EQ(test, f.res.sh, 3);
}

static void s1_4k_level1_block_1g(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x80000000ULL;

	pgt_s1_one(test, &f, SZ_4K, iova, 0x140000000ULL, SZ_1G, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + 0x3fedcba9, ACC_R), 0);
	expect_oa_as_iova_to_phys(test, &f, iova + 0x3fedcba9, 1, 30);
}

static void s1_16k_level3_page(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x7654321c000ULL;

	pgt_s1_one(test, &f, SZ_16K, iova, 0x4567c000ULL, SZ_16K,
		   IOMMU_READ | IOMMU_WRITE);
	KUNIT_ASSERT_EQ(test, f.s1.granule_shift, 14);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + 0x3abc, ACC_W), 0);
	expect_oa_as_iova_to_phys(test, &f, iova + 0x3abc, 3, 14);
}

static void s1_16k_level2_block_32m(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x7656000000ULL;

	pgt_s1_one(test, &f, SZ_16K, iova, 0x2000000ULL * 9, SZ_32M,
		   IOMMU_READ);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + 0x1234567, ACC_R), 0);
	expect_oa_as_iova_to_phys(test, &f, iova + 0x1234567, 2, 25);
}

static void s1_64k_level3_page(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0xabcdef0000ULL;

	pgt_s1_one(test, &f, SZ_64K, iova, 0x1230000ULL, SZ_64K,
		   IOMMU_READ | IOMMU_WRITE);
	KUNIT_ASSERT_EQ(test, f.s1.start_level, 1);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + 0xfedc, ACC_R), 0);
	expect_oa_as_iova_to_phys(test, &f, iova + 0xfedc, 3, 16);
}

static void s1_64k_level2_block_512m(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x1220000000ULL;

	pgt_s1_one(test, &f, SZ_64K, iova, 0x60000000ULL, SZ_512M,
		   IOMMU_READ);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + 0x1fffffff, ACC_R), 0);
	expect_oa_as_iova_to_phys(test, &f, iova + 0x1fffffff, 2, 29);
}

static void s1_4k_level3_page_readonly_write_faults(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x5000;

	pgt_s1_one(test, &f, SZ_4K, iova, 0x9000, SZ_4K, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, f.res.perms & (SMMU_MODEL_PERM_W |
					     SMMU_MODEL_PERM_PW), 0);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_W), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, f.res.fault, F_PERMISSION);
	KUNIT_EXPECT_EQ(test, f.res.fault_level, 3);
	KUNIT_EXPECT_FALSE(test, f.res.fault_s2);
	KUNIT_EXPECT_EQ(test, f.res.fault_class, CLASS_IN);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_W | ACC_P), F_PERMISSION);
}

static void s1_4k_noexec_page_instruction_read_faults(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x200000;

	pgt_s1_one(test, &f, SZ_4K, iova, 0xa000, SZ_4K,
		   IOMMU_READ | IOMMU_NOEXEC);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_X), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_X | ACC_P), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_R), 0);
	/* A write is data even when marked instruction (13.1.2) */
	pgt_map(test, f.ops, iova + SZ_4K, 0xb000, SZ_4K,
		IOMMU_READ | IOMMU_WRITE | IOMMU_NOEXEC);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + SZ_4K, ACC_W | ACC_X), 0);
}

static void s1_4k_priv_page_unprivileged_read_faults(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x3000;

	pgt_s1_one(test, &f, SZ_4K, iova, 0xc000, SZ_4K,
		   IOMMU_READ | IOMMU_WRITE | IOMMU_PRIV);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_R), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_R | ACC_P), 0);
	/*
	 * AP 0b00: no EL0 data access, so privileged execute is allowed;
	 * UXN is clear, so EL0 may still execute (execute-only, Arm ARM).
	 */
	KUNIT_EXPECT_EQ(test, f.res.perms, SMMU_MODEL_PERM_PR |
			SMMU_MODEL_PERM_PW | SMMU_MODEL_PERM_PX |
			SMMU_MODEL_PERM_X);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_X), 0);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova, ACC_X | ACC_P), 0);
}

static void s1_4k_unmapped_iova_is_translation_fault(struct kunit *test)
{
	struct walk_fixture f;
	u64 iova = 0x1234000;

	pgt_s1_one(test, &f, SZ_4K, iova, 0xd000, SZ_4K, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + SZ_4K, ACC_R), F_TRANSLATION);
	KUNIT_EXPECT_EQ(test, f.res.fault_level, 3);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, iova + SZ_1G, ACC_R), F_TRANSLATION);
	KUNIT_EXPECT_EQ(test, f.res.fault_level, 1);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, BIT_ULL(47), ACC_R), F_TRANSLATION);
	KUNIT_EXPECT_EQ(test, f.res.fault_level, 0);
}

static void s2_4k_ias40_concatenated_level1_page(struct kunit *test)
{
	struct walk_fixture f;
	u64 ipa = 0x8123456000ULL;	/* in the second level 1 table */

	pgt_s2_one(test, &f, SZ_4K, 40, ipa, 0x7654000ULL, SZ_4K,
		   IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE);
	KUNIT_ASSERT_EQ(test, f.s2.start_level, 1);
	KUNIT_ASSERT_EQ(test, f.s2.concat, 1);
	KUNIT_EXPECT_EQ(test, walk_s2(&f, ipa + 0x777, ACC_W), 0);
	expect_oa_as_iova_to_phys(test, &f, ipa + 0x777, 3, 12);
	/* io-pgtable's IOMMU_CACHE at stage 2: MemAttr 0b1111 */
	KUNIT_EXPECT_EQ(test, f.res.memattr, 0xf);
	KUNIT_EXPECT_EQ(test, f.res.s2_memattr, 0xf);
	KUNIT_EXPECT_EQ(test, f.res.s2_level, 3);
}

static void s2_4k_ias48_level0_start_block_1g(struct kunit *test)
{
	struct walk_fixture f;
	u64 ipa = 0xffffc0000000ULL;

	pgt_s2_one(test, &f, SZ_4K, 48, ipa, 0x40000000ULL, SZ_1G,
		   IOMMU_READ);
	KUNIT_ASSERT_EQ(test, f.s2.start_level, 0);
	KUNIT_EXPECT_EQ(test, walk_s2(&f, ipa + 0x12345678, ACC_R), 0);
	expect_oa_as_iova_to_phys(test, &f, ipa + 0x12345678, 1, 30);
}

static void s2_16k_level3_page(struct kunit *test)
{
	struct walk_fixture f;
	u64 ipa = 0x9876544000ULL;

	pgt_s2_one(test, &f, SZ_16K, 40, ipa, 0x44000ULL, SZ_16K,
		   IOMMU_READ | IOMMU_WRITE);
	KUNIT_EXPECT_EQ(test, walk_s2(&f, ipa + 0x1234, ACC_R), 0);
	expect_oa_as_iova_to_phys(test, &f, ipa + 0x1234, 3, 14);
}

static void s2_64k_level2_block_512m(struct kunit *test)
{
	struct walk_fixture f;
	u64 ipa = 0x3e0000000ULL;

	pgt_s2_one(test, &f, SZ_64K, 42, ipa, 0x20000000ULL, SZ_512M,
		   IOMMU_READ);
	KUNIT_ASSERT_EQ(test, f.s2.start_level, 2);
	KUNIT_EXPECT_EQ(test, walk_s2(&f, ipa + 0x1abcdef, ACC_R), 0);
	expect_oa_as_iova_to_phys(test, &f, ipa + 0x1abcdef, 2, 29);
}

static void s2_4k_readonly_page_write_faults(struct kunit *test)
{
	struct walk_fixture f;
	u64 ipa = 0x10000;

	pgt_s2_one(test, &f, SZ_4K, 40, ipa, 0x20000, SZ_4K, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, walk_s2(&f, ipa + 8, ACC_W), F_PERMISSION);
	KUNIT_EXPECT_TRUE(test, f.res.fault_s2);
	KUNIT_EXPECT_EQ(test, f.res.fault_ipa, ipa + 8);
	KUNIT_EXPECT_EQ(test, f.res.fault_class, CLASS_IN);
	KUNIT_EXPECT_EQ(test, f.res.fault_level, 3);
	KUNIT_EXPECT_EQ(test, walk_s2(&f, ipa + 8, ACC_R), 0);
}

static void s2_4k_noexec_page_xnx_forbids_el0_only(struct kunit *test)
{
	struct walk_fixture f;
	u64 ipa = 0x30000;

	/* io-pgtable's NOEXEC sets XN[1:0] = 0b11: with XNX, EL1 may run */
	pgt_s2_one(test, &f, SZ_4K, 40, ipa, 0x40000, SZ_4K,
		   IOMMU_READ | IOMMU_NOEXEC);
	KUNIT_EXPECT_EQ(test, walk_s2(&f, ipa, ACC_X), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, walk_s2(&f, ipa, ACC_X | ACC_P), 0);
	/* Without IDR3.XNX only XN[1] counts: no execute at all */
	f.s2.xnx = false;
	KUNIT_EXPECT_EQ(test, walk_s2(&f, ipa, ACC_X | ACC_P), F_PERMISSION);
}

static void s2_ipa_beyond_s2t0sz_is_translation_fault(struct kunit *test)
{
	struct walk_fixture f;

	pgt_s2_one(test, &f, SZ_4K, 40, 0x1000, 0x2000, SZ_4K, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, walk_s2(&f, BIT_ULL(40), ACC_R), F_TRANSLATION);
	KUNIT_EXPECT_TRUE(test, f.res.fault_s2);
	KUNIT_EXPECT_EQ(test, f.res.fault_ipa, BIT_ULL(40));
	KUNIT_EXPECT_EQ(test, f.t.reads, 0);
}

/* ------------------------------------------------------------------------
 * smmu_model_walk on hand-built tables (HTTU, permissions, sizes, aborts)
 */
#define HAND_VA			0x4012345000ULL	/* 39-bit VA */
#define HAND_OA			0x876543000ULL

/* A 4KB granule, 39-bit, level 1 start walk of either stage */
static void hand_cfg(struct smmu_model_walk_cfg *c, u8 stage, u64 ttb)
{
	memset(c, 0, sizeof(*c));
	c->stage = stage;
	c->ttb = ttb;
	c->granule_shift = 12;
	c->ia_bits = 39;
	c->start_level = 1;
	c->oa_bits = 48;
	c->xnx = stage == 2;
}

/*
 * Level 1 in page 0 -> level 2 in page 1 -> level 3 in page 2 for @va,
 * the tables being at @base (a PA, or an IPA for a nested stage 1) plus
 * their page offset. Returns the level 3 slot.
 */
static u64 *hand_chain(struct pages *p, u64 va, u64 base, u64 l1_attrs)
{
	p->va[0][(va >> 30) & 511] = (base + SZ_4K) | TD_TABLE | l1_attrs;
	p->va[1][(va >> 21) & 511] = (base + 2 * SZ_4K) | TD_TABLE;
	return &p->va[2][(va >> 12) & 511];
}

static u64 hand_slot_pa(struct pages *p, u64 va)
{
	return p->pa[2] + ((va >> 12) & 511) * 8;
}

struct hand_fixture {
	struct walk_fixture w;
	struct pages p;
	u64 *leaf;
};

static void hand_setup(struct kunit *test, struct hand_fixture *h, u8 stage,
		       u64 leaf)
{
	walk_setup(&h->w);
	pages_alloc(test, &h->p);
	hand_cfg(stage == 1 ? &h->w.s1 : &h->w.s2, stage, h->p.pa[0]);
	h->leaf = hand_chain(&h->p, HAND_VA, h->p.pa[0], 0);
	*h->leaf = leaf;
}

static int hand_walk(struct hand_fixture *h, unsigned int acc)
{
	if (h->w.s1.stage)
		return walk_s1(&h->w, HAND_VA + 0x10, acc);
	return walk_s2(&h->w, HAND_VA + 0x10, acc);
}

#define S1_RW_EL0		(TD_PAGE | TD_AF | TD_AP_EL0 | HAND_OA)
#define S1_CLEAN_EL0		(S1_RW_EL0 | TD_AP_RO | TD_DBM)
#define S2_CLEAN		(TD_PAGE | TD_AF | TD_S2AP_R | TD_DBM | \
				 TD_S2_NORMAL_WB | HAND_OA)

static void s1_af_clear_without_ha_is_access_fault(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0 & ~TD_AF);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_ACCESS);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_level, 3);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_class, CLASS_IN);
}

static void s1_af_clear_with_affd_translates_unchanged(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0 & ~TD_AF);
	h.w.s1.affd = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, h.w.res.oa, HAND_OA + 0x10);
	KUNIT_EXPECT_EQ(test, *h.leaf, S1_RW_EL0 & ~TD_AF);
	KUNIT_EXPECT_EQ(test, h.w.t.updates, 0);
}

static void s1_af_clear_with_ha_sets_af(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0 & ~TD_AF);
	h.w.s1.ha = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, *h.leaf, S1_RW_EL0);
	KUNIT_EXPECT_EQ(test, h.w.res.leaf, S1_RW_EL0);
	KUNIT_EXPECT_EQ(test, h.w.res.leaf_pa, hand_slot_pa(&h.p, HAND_VA));
	KUNIT_EXPECT_EQ(test, h.w.t.updates, 1);
}

static void s1_writable_clean_write_with_hd_clears_ap2(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_CLEAN_EL0);
	h.w.s1.ha = true;
	h.w.s1.hd = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), 0);
	KUNIT_EXPECT_EQ(test, *h.leaf, S1_CLEAN_EL0 & ~TD_AP_RO);
	KUNIT_EXPECT_TRUE(test, h.w.res.dirty);
	KUNIT_EXPECT_TRUE(test, h.w.res.perms & SMMU_MODEL_PERM_W);
}

static void s1_writable_clean_write_without_hd_is_permission_fault(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_CLEAN_EL0);
	h.w.s1.ha = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, *h.leaf, S1_CLEAN_EL0);
}

static void s1_writable_clean_read_with_hd_stays_clean(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_CLEAN_EL0);
	h.w.s1.ha = true;
	h.w.s1.hd = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, h.w.t.updates, 0);
	KUNIT_EXPECT_FALSE(test, h.w.res.dirty);
	KUNIT_EXPECT_FALSE(test, h.w.res.perms & SMMU_MODEL_PERM_W);
}

static void s1_readonly_without_dbm_write_with_hd_faults(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_CLEAN_EL0 & ~TD_DBM);
	h.w.s1.ha = true;
	h.w.s1.hd = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, h.w.t.updates, 0);
}

static void s1_af_clear_writable_clean_write_one_update(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_CLEAN_EL0 & ~TD_AF);
	h.w.s1.ha = true;
	h.w.s1.hd = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), 0);
	KUNIT_EXPECT_EQ(test, *h.leaf, S1_CLEAN_EL0 & ~TD_AP_RO);
	KUNIT_EXPECT_EQ(test, h.w.t.updates, 1);
}

static void s1_update_racing_write_walks_again(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0 & ~TD_AF);
	h.w.s1.ha = true;
	h.w.t.race = true;
	h.w.t.race_pa = hand_slot_pa(&h.p, HAND_VA);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, h.w.t.updates, 2);
	KUNIT_EXPECT_EQ(test, *h.leaf, S1_RW_EL0 | DESC_SW55);
	KUNIT_EXPECT_EQ(test, h.w.res.leaf, S1_RW_EL0 | DESC_SW55);
}

static void s1_update_abort_is_walk_eabt(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0 & ~TD_AF);
	h.w.s1.ha = true;
	h.w.t.abort_updates = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_WALK_EABT);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_fetch_pa,
			hand_slot_pa(&h.p, HAND_VA));
}

static void s1_table_read_abort_is_walk_eabt_class_tt(struct kunit *test)
{
	struct hand_fixture h;
	u64 l2_slot;

	hand_setup(test, &h, 1, S1_RW_EL0);
	l2_slot = h.p.pa[1] + ((HAND_VA >> 21) & 511) * 8;
	h.w.t.abort_lo = l2_slot;
	h.w.t.abort_hi = l2_slot + 8;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_WALK_EABT);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_fetch_pa, l2_slot);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_level, 2);
	KUNIT_EXPECT_FALSE(test, h.w.res.fault_s2);
	/* 7.3.12: a stage 1 walk abort is S2 == 0, CLASS == TT */
	KUNIT_EXPECT_EQ(test, h.w.res.fault_class, CLASS_TT);
}

static void s1_aptable_readonly_forbids_write_and_dirty(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0);
	h.p.va[0][(HAND_VA >> 30) & 511] |= TBL_APTABLE_RO;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), 0);
	/* 3.13.3: no dirty update where APTable removed write access */
	*h.leaf = S1_CLEAN_EL0;
	h.w.s1.ha = true;
	h.w.s1.hd = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, *h.leaf, S1_CLEAN_EL0);
	/* HAD: table attributes IGNORED */
	h.w.s1.had = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), 0);
}

static void s1_aptable_no_el0_forbids_unprivileged(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0);
	h.p.va[0][(HAND_VA >> 30) & 511] |= TBL_APTABLE_NOEL0;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R | ACC_P), 0);
}

static void s1_pan_privileged_read_of_el0_page_faults(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0);
	h.w.s1.pan = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R | ACC_P), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W | ACC_P), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), 0);
	/* Not an EL0 page: PAN does not apply */
	*h.leaf &= ~TD_AP_EL0;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R | ACC_P), 0);
}

static void s1_el0_writable_page_privileged_execute_faults(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X | ACC_P), F_PERMISSION);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X), 0);
	*h.leaf |= TD_AP_RO;	/* EL0 read-only: EL1 may execute */
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X | ACC_P), 0);
	*h.leaf |= TD_PXN;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X | ACC_P), F_PERMISSION);
	*h.leaf |= TD_UXN;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X), F_PERMISSION);
}

static void s1_wxn_writable_page_execute_faults(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0 & ~TD_AP_EL0);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X | ACC_P), 0);
	h.w.s1.wxn = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X | ACC_P), F_PERMISSION);
	*h.leaf |= TD_AP_EL0;	/* EL0 writable: EL0 cannot execute either */
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X), F_PERMISSION);
	*h.leaf |= TD_AP_RO;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X), 0);
}

static void s1_wxn_writable_clean_with_hd_counts_as_writable(struct kunit *test)
{
	struct hand_fixture h;

	/* 3.13.8 note: with HTTU a writable-clean page is writable for XN */
	hand_setup(test, &h, 1, (S1_CLEAN_EL0 & ~TD_AP_EL0));
	h.w.s1.wxn = true;
	h.w.s1.ha = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X | ACC_P), 0);
	h.w.s1.hd = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X | ACC_P), F_PERMISSION);
}

static void s1_el2_checks_every_access_as_privileged(struct kunit *test)
{
	struct hand_fixture h;

	/* 13.4.1: AP[1] is ignored and treated as 1; bit 54 is XN */
	hand_setup(test, &h, 1, S1_RW_EL0 & ~TD_AP_EL0);
	h.w.s1.el2 = true;
	h.w.s1.pan = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), 0);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X | ACC_P), 0);
	*h.leaf |= TD_PXN;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X), 0);
	*h.leaf |= TD_UXN;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_X | ACC_P), F_PERMISSION);
}

static void s1_page_oa_beyond_ips_is_addr_size_fault(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, TD_PAGE | TD_AF | BIT_ULL(40));
	h.w.s1.oa_bits = 40;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_ADDR_SIZE);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_level, 3);
	h.w.s1.oa_bits = 41;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R | ACC_P), 0);
	KUNIT_EXPECT_EQ(test, h.w.res.oa, BIT_ULL(40) + 0x10);
}

static void s1_table_address_beyond_ips_is_addr_size_fault(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, S1_RW_EL0);
	h.p.va[0][(HAND_VA >> 30) & 511] = BIT_ULL(44) | TD_TABLE;
	h.w.s1.oa_bits = 44;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_ADDR_SIZE);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_level, 1);
	KUNIT_EXPECT_EQ(test, h.w.t.reads, 1);
}

static void s1_level3_block_encoding_is_translation_fault(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 1, (S1_RW_EL0 & ~TD_PAGE) | TD_BLOCK);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_TRANSLATION);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_level, 3);
}

static void s1_4k_level0_block_is_translation_fault(struct kunit *test)
{
	struct hand_fixture h;

	/* 48-bit VA from level 0: a 512GB block does not exist with 4KB */
	hand_setup(test, &h, 1, S1_RW_EL0);
	h.w.s1.ia_bits = 48;
	h.w.s1.start_level = 0;
	h.p.va[0][0] = TD_BLOCK | TD_AF | TD_AP_EL0;
	KUNIT_EXPECT_EQ(test, walk_s1(&h.w, 0x1000, ACC_R), F_TRANSLATION);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_level, 0);
}

static void s1_ttb1_va_walks_ttb1_tables(struct kunit *test)
{
	struct hand_fixture h;
	struct smmu_model_cd cd;
	u64 va = 0xffffffc012345000ULL;

	hand_setup(test, &h, 1, 0);
	cd_struct_el1(&cd);
	cd.ttb0 = 0;
	cd.ttb1 = h.p.pa[0];
	KUNIT_ASSERT_EQ(test, 0,
			smmu_model_walk_cfg_s1(&h.w.idr, &cd, va, &h.w.s1));
	*hand_chain(&h.p, va, h.p.pa[0], 0) = S1_RW_EL0;
	KUNIT_EXPECT_EQ(test, walk_s1(&h.w, va + 0xabc, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, h.w.res.oa, HAND_OA + 0xabc);
}

static void s1_big_endian_tables_are_walked_and_updated(struct kunit *test)
{
	struct hand_fixture h;
	__be64 *slot;
	int i;

	hand_setup(test, &h, 1, S1_RW_EL0 & ~TD_AF);
	for (i = 0; i < 3; i++) {
		u64 *t = h.p.va[i];
		int j;

		for (j = 0; j < 512; j++)
			((__be64 *)t)[j] = cpu_to_be64(t[j]);
	}
	h.w.s1.big_endian = true;
	h.w.s1.ha = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, h.w.res.oa, HAND_OA + 0x10);
	slot = (__be64 *)h.leaf;
	KUNIT_EXPECT_EQ(test, be64_to_cpu(*slot), S1_RW_EL0);
	/* Read as little-endian, the same tables are garbage */
	h.w.s1.big_endian = false;
	KUNIT_EXPECT_NE(test, hand_walk(&h, ACC_R), 0);
}

static void s1_64k_oa_51_48_from_bits_15_12(struct kunit *test)
{
	struct walk_fixture f;
	struct pages l2, l3;
	u64 va = 0x2a5a50000ULL, *slot;

	/* FEAT_LPA: a 64KB descriptor holds OA[51:48] in bits [15:12] */
	walk_setup(&f);
	pages_alloc(test, &l2);
	pages_alloc(test, &l3);
	memset(&f.s1, 0, sizeof(f.s1));
	f.s1.stage = 1;
	f.s1.ttb = l2.pa[0];
	f.s1.granule_shift = 16;
	f.s1.ia_bits = 42;
	f.s1.start_level = 2;
	f.s1.oa_bits = 52;
	l2.va[0][(va >> 29) & 8191] = l3.pa[0] | TD_TABLE;
	slot = &l3.va[0][(va >> 16) & 8191];
	*slot = TD_PAGE | TD_AF | TD_AP_EL0 | 0x123450000ULL | (3ULL << 12);
	KUNIT_EXPECT_EQ(test, walk_s1(&f, va + 0x1234, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, f.res.oa, 0x3000123451234ULL);
	KUNIT_EXPECT_EQ(test, f.res.size_shift, 16);
	f.s1.oa_bits = 48;
	KUNIT_EXPECT_EQ(test, walk_s1(&f, va, ACC_R), F_ADDR_SIZE);
}

static void s2_writable_clean_write_with_hd_sets_s2ap_w(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 2, S2_CLEAN);
	h.w.s2.ha = true;
	h.w.s2.hd = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, h.w.t.updates, 0);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), 0);
	KUNIT_EXPECT_EQ(test, *h.leaf, S2_CLEAN | TD_S2AP_W);
	KUNIT_EXPECT_TRUE(test, h.w.res.dirty);
	h.w.s2.hd = false;
	*h.leaf = S2_CLEAN;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_W), F_PERMISSION);
}

static void s2_af_clear_with_ha_sets_af(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 2, S2_CLEAN & ~TD_AF);
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_ACCESS);
	KUNIT_EXPECT_TRUE(test, h.w.res.fault_s2);
	h.w.s2.ha = true;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, *h.leaf, S2_CLEAN);
}

static void s2_block_oa_beyond_s2ps_is_addr_size_fault(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 2, 0);
	h.p.va[1][(HAND_VA >> 21) & 511] = TD_BLOCK | TD_AF | TD_S2AP_R |
					   BIT_ULL(42);
	h.w.s2.oa_bits = 42;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_ADDR_SIZE);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_level, 2);
	KUNIT_EXPECT_TRUE(test, h.w.res.fault_s2);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_ipa, HAND_VA + 0x10);
}

static void s2_table_read_abort_is_walk_eabt_class_in(struct kunit *test)
{
	struct hand_fixture h;

	hand_setup(test, &h, 2, S2_CLEAN);
	h.w.t.abort_lo = h.p.pa[2];
	h.w.t.abort_hi = h.p.pa[2] + SZ_4K;
	KUNIT_EXPECT_EQ(test, hand_walk(&h, ACC_R), F_WALK_EABT);
	KUNIT_EXPECT_TRUE(test, h.w.res.fault_s2);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_class, CLASS_IN);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_fetch_pa,
			hand_slot_pa(&h.p, HAND_VA));
}

/* ------------------------------------------------------------------------
 * Nested walks: hand-built stage 1 at IPAs, io-pgtable stage 2
 */
#define NEST_IPA_TABLES		0x8000000000ULL	/* second concatenated table */
#define NEST_IPA_OUT		0x9000000000ULL
#define NEST_PA_OUT		0x123456000ULL

static void nest_setup(struct kunit *test, struct hand_fixture *h,
		       int table_prot)
{
	int i;

	walk_setup(&h->w);
	pages_alloc(test, &h->p);
	hand_cfg(&h->w.s1, 1, NEST_IPA_TABLES);
	h->leaf = hand_chain(&h->p, HAND_VA, NEST_IPA_TABLES, 0);
	*h->leaf = TD_PAGE | TD_AF | TD_AP_EL0 | NEST_IPA_OUT;

	h->w.ops = pgt_alloc(test, ARM_64_LPAE_S2, SZ_4K, 40, &h->w.pcfg);
	for (i = 0; i < 3; i++)
		pgt_map(test, h->w.ops, NEST_IPA_TABLES + i * SZ_4K,
			h->p.pa[i], SZ_4K, table_prot);
	pgt_map(test, h->w.ops, NEST_IPA_OUT, NEST_PA_OUT, SZ_4K,
		IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE);
	pgt_s2_walk_cfg(test, &h->w.idr, &h->w.pcfg, &h->w.s2);
}

#define TABLE_PROT		(IOMMU_READ | IOMMU_WRITE | IOMMU_CACHE)

static void nested_walk_translates_tables_and_output(struct kunit *test)
{
	struct hand_fixture h;

	nest_setup(test, &h, TABLE_PROT);
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA + 0x42, ACC_W), 0);
	KUNIT_EXPECT_EQ(test, h.w.res.oa, NEST_PA_OUT + 0x42);
	KUNIT_EXPECT_EQ(test, h.w.res.level, 3);
	KUNIT_EXPECT_EQ(test, h.w.res.leaf_pa, hand_slot_pa(&h.p, HAND_VA));
	KUNIT_EXPECT_EQ(test, h.w.res.s2_level, 3);
	KUNIT_EXPECT_EQ(test, h.w.res.s2_memattr, 0xf);
	KUNIT_EXPECT_EQ(test, h.w.res.size_shift, 12);
	KUNIT_EXPECT_TRUE(test, h.w.res.perms & SMMU_MODEL_PERM_W);
}

static void nested_s1_block_2m_over_s2_page_is_page_sized(struct kunit *test)
{
	struct hand_fixture h;
	u64 va = HAND_VA & ~(u64)(SZ_2M - 1);

	nest_setup(test, &h, TABLE_PROT);
	h.p.va[1][(va >> 21) & 511] = TD_BLOCK | TD_AF | TD_AP_EL0 |
				      NEST_IPA_OUT;
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, va + 0x42, ACC_R), 0);
	KUNIT_EXPECT_EQ(test, h.w.res.oa, NEST_PA_OUT + 0x42);
	KUNIT_EXPECT_EQ(test, h.w.res.level, 2);
	KUNIT_EXPECT_EQ(test, h.w.res.s2_level, 3);
	KUNIT_EXPECT_EQ(test, h.w.res.size_shift, 12);
	/* The next 4KB of the block: its IPA has no stage 2 mapping */
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, va + SZ_4K, ACC_R),
			F_TRANSLATION);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_ipa, NEST_IPA_OUT | SZ_4K);
}

static void nested_s1_table_ipa_unmapped_is_s2_fault_class_tt(struct kunit *test)
{
	struct hand_fixture h;
	u64 l2_ipa = NEST_IPA_TABLES + 8 * SZ_4K;

	nest_setup(test, &h, TABLE_PROT);
	h.p.va[0][(HAND_VA >> 30) & 511] = l2_ipa | TD_TABLE;
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA, ACC_R),
			F_TRANSLATION);
	KUNIT_EXPECT_TRUE(test, h.w.res.fault_s2);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_class, CLASS_TT);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_ipa,
			l2_ipa + ((HAND_VA >> 21) & 511) * 8);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_level, 3);
}

static void nested_output_ipa_unmapped_is_s2_fault_class_in(struct kunit *test)
{
	struct hand_fixture h;

	nest_setup(test, &h, TABLE_PROT);
	*h.leaf += SZ_64K;
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA + 0x42, ACC_R),
			F_TRANSLATION);
	KUNIT_EXPECT_TRUE(test, h.w.res.fault_s2);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_class, CLASS_IN);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_ipa, NEST_IPA_OUT | SZ_64K | 0x42);
}

static void nested_s2ptw_table_in_device_memory_faults(struct kunit *test)
{
	struct hand_fixture h;

	nest_setup(test, &h, IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO);
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA, ACC_R), 0);
	/* 5.2 S2PTW: stage 1 walks to stage 2 Device memory fault */
	h.w.s2.s2ptw = true;
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA, ACC_R), F_PERMISSION);
	KUNIT_EXPECT_TRUE(test, h.w.res.fault_s2);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_class, CLASS_TT);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_ipa,
			NEST_IPA_TABLES + ((HAND_VA >> 30) & 511) * 8);
	KUNIT_EXPECT_TRUE(test, h.w.res.fault_ttrnw);
}

static void nested_s1_af_update_needs_s2_write(struct kunit *test)
{
	struct hand_fixture h;

	/* 3.13.5: a stage 1 HTTU write goes through stage 2 as a write */
	nest_setup(test, &h, IOMMU_READ | IOMMU_CACHE);
	*h.leaf &= ~TD_AF;
	h.w.s1.ha = true;
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA, ACC_R), F_PERMISSION);
	KUNIT_EXPECT_TRUE(test, h.w.res.fault_s2);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_class, CLASS_TT);
	KUNIT_EXPECT_FALSE(test, h.w.res.fault_ttrnw);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_ipa,
			NEST_IPA_TABLES + 2 * SZ_4K +
			((HAND_VA >> 12) & 511) * 8);
	KUNIT_EXPECT_FALSE(test, *h.leaf & TD_AF);
}

static void nested_s1_af_update_through_writable_s2(struct kunit *test)
{
	struct hand_fixture h;

	nest_setup(test, &h, TABLE_PROT);
	*h.leaf &= ~TD_AF;
	h.w.s1.ha = true;
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA, ACC_R), 0);
	KUNIT_EXPECT_TRUE(test, *h.leaf & TD_AF);
}

static void nested_s2_readonly_output_write_faults_class_in(struct kunit *test)
{
	struct hand_fixture h;
	size_t unmapped;

	nest_setup(test, &h, TABLE_PROT);
	unmapped = h.w.ops->unmap_pages(h.w.ops, NEST_IPA_OUT, SZ_4K, 1, NULL);
	KUNIT_ASSERT_EQ(test, unmapped, SZ_4K);
	pgt_map(test, h.w.ops, NEST_IPA_OUT, NEST_PA_OUT, SZ_4K, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA, ACC_R), 0);
	KUNIT_EXPECT_FALSE(test, h.w.res.perms & SMMU_MODEL_PERM_W);
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA, ACC_W), F_PERMISSION);
	KUNIT_EXPECT_TRUE(test, h.w.res.fault_s2);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_class, CLASS_IN);
}

static void nested_s1_table_abort_is_s1_walk_eabt(struct kunit *test)
{
	struct hand_fixture h;

	nest_setup(test, &h, TABLE_PROT);
	h.w.t.abort_lo = h.p.pa[1];
	h.w.t.abort_hi = h.p.pa[1] + SZ_4K;
	KUNIT_EXPECT_EQ(test, walk_nested(&h.w, HAND_VA, ACC_R), F_WALK_EABT);
	KUNIT_EXPECT_FALSE(test, h.w.res.fault_s2);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_class, CLASS_TT);
	KUNIT_EXPECT_EQ(test, h.w.res.fault_fetch_pa,
			h.p.pa[1] + ((HAND_VA >> 21) & 511) * 8);
}

static void walk_bypass_both_stages_is_identity(struct kunit *test)
{
	struct walk_fixture f;

	walk_setup(&f);
	KUNIT_EXPECT_EQ(test, smmu_model_walk(&f.t.mem, NULL, NULL, 0x1234567,
					      ACC_W, &f.res), 0);
	KUNIT_EXPECT_EQ(test, f.res.oa, 0x1234567);
	KUNIT_EXPECT_EQ(test, f.res.perms, 0x3f);
	KUNIT_EXPECT_EQ(test, f.res.size_shift, 12);
	KUNIT_EXPECT_EQ(test, f.t.reads, 0);
}

static struct kunit_case smmu_model_walk_cases[] = {
	KUNIT_CASE(s1_4k_level3_page_readwrite),
	KUNIT_CASE(s1_4k_level2_block_2m),
	KUNIT_CASE(s1_4k_level1_block_1g),
	KUNIT_CASE(s1_16k_level3_page),
	KUNIT_CASE(s1_16k_level2_block_32m),
	KUNIT_CASE(s1_64k_level3_page),
	KUNIT_CASE(s1_64k_level2_block_512m),
	KUNIT_CASE(s1_4k_level3_page_readonly_write_faults),
	KUNIT_CASE(s1_4k_noexec_page_instruction_read_faults),
	KUNIT_CASE(s1_4k_priv_page_unprivileged_read_faults),
	KUNIT_CASE(s1_4k_unmapped_iova_is_translation_fault),
	KUNIT_CASE(s2_4k_ias40_concatenated_level1_page),
	KUNIT_CASE(s2_4k_ias48_level0_start_block_1g),
	KUNIT_CASE(s2_16k_level3_page),
	KUNIT_CASE(s2_64k_level2_block_512m),
	KUNIT_CASE(s2_4k_readonly_page_write_faults),
	KUNIT_CASE(s2_4k_noexec_page_xnx_forbids_el0_only),
	KUNIT_CASE(s2_ipa_beyond_s2t0sz_is_translation_fault),
	KUNIT_CASE(s1_af_clear_without_ha_is_access_fault),
	KUNIT_CASE(s1_af_clear_with_affd_translates_unchanged),
	KUNIT_CASE(s1_af_clear_with_ha_sets_af),
	KUNIT_CASE(s1_writable_clean_write_with_hd_clears_ap2),
	KUNIT_CASE(s1_writable_clean_write_without_hd_is_permission_fault),
	KUNIT_CASE(s1_writable_clean_read_with_hd_stays_clean),
	KUNIT_CASE(s1_readonly_without_dbm_write_with_hd_faults),
	KUNIT_CASE(s1_af_clear_writable_clean_write_one_update),
	KUNIT_CASE(s1_update_racing_write_walks_again),
	KUNIT_CASE(s1_update_abort_is_walk_eabt),
	KUNIT_CASE(s1_table_read_abort_is_walk_eabt_class_tt),
	KUNIT_CASE(s1_aptable_readonly_forbids_write_and_dirty),
	KUNIT_CASE(s1_aptable_no_el0_forbids_unprivileged),
	KUNIT_CASE(s1_pan_privileged_read_of_el0_page_faults),
	KUNIT_CASE(s1_el0_writable_page_privileged_execute_faults),
	KUNIT_CASE(s1_wxn_writable_page_execute_faults),
	KUNIT_CASE(s1_wxn_writable_clean_with_hd_counts_as_writable),
	KUNIT_CASE(s1_el2_checks_every_access_as_privileged),
	KUNIT_CASE(s1_page_oa_beyond_ips_is_addr_size_fault),
	KUNIT_CASE(s1_table_address_beyond_ips_is_addr_size_fault),
	KUNIT_CASE(s1_level3_block_encoding_is_translation_fault),
	KUNIT_CASE(s1_4k_level0_block_is_translation_fault),
	KUNIT_CASE(s1_ttb1_va_walks_ttb1_tables),
	KUNIT_CASE(s1_big_endian_tables_are_walked_and_updated),
	KUNIT_CASE(s1_64k_oa_51_48_from_bits_15_12),
	KUNIT_CASE(s2_writable_clean_write_with_hd_sets_s2ap_w),
	KUNIT_CASE(s2_af_clear_with_ha_sets_af),
	KUNIT_CASE(s2_block_oa_beyond_s2ps_is_addr_size_fault),
	KUNIT_CASE(s2_table_read_abort_is_walk_eabt_class_in),
	KUNIT_CASE(nested_walk_translates_tables_and_output),
	KUNIT_CASE(nested_s1_block_2m_over_s2_page_is_page_sized),
	KUNIT_CASE(nested_s1_table_ipa_unmapped_is_s2_fault_class_tt),
	KUNIT_CASE(nested_output_ipa_unmapped_is_s2_fault_class_in),
	KUNIT_CASE(nested_s2ptw_table_in_device_memory_faults),
	KUNIT_CASE(nested_s1_af_update_needs_s2_write),
	KUNIT_CASE(nested_s1_af_update_through_writable_s2),
	KUNIT_CASE(nested_s2_readonly_output_write_faults_class_in),
	KUNIT_CASE(nested_s1_table_abort_is_s1_walk_eabt),
	KUNIT_CASE(walk_bypass_both_stages_is_identity),
	{}
};

static struct kunit_suite smmu_model_walk_suite = {
	.name = "smmu_model_walk",
	.test_cases = smmu_model_walk_cases,
};

/* ------------------------------------------------------------------------
 * smmu_model_cmd_decode, smmu_model_tlbi_range (IHI0070 4)
 *
 * Command qwords written from the fields of chapter 4: opcode [7:0], SSec
 * [10], SSV [11], SubstreamID [31:12], StreamID [63:32], NUM [16:12],
 * SCALE [25:20], VMID [47:32], ASID [63:48]; qword 1 = bits [127:64]:
 * Leaf [64], Range [68:64], TTL [73:72], TG [75:74], Address [127:76].
 */
struct cmd_fixture {
	struct smmu_model_idr idr;
	struct smmu_model_cmd cmd;
};

#define ILL			SMMU_MODEL_CERROR_ILL

static u8 cmd_check(struct cmd_fixture *f, u64 q0, u64 q1)
{
	__le64 raw[2] = { cpu_to_le64(q0), cpu_to_le64(q1) };

	return smmu_model_cmd_decode(&f->idr, raw, &f->cmd);
}

static void cmd_cfgi_ste_sid_0x12345678_leaf(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x1234567800000003ULL, 1), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.op, SMMU_MODEL_OP_CFGI_STE);
	KUNIT_EXPECT_EQ(test, f.cmd.sid, 0x12345678);
	KUNIT_EXPECT_TRUE(test, f.cmd.leaf);
	/* SSec == 1 on the Non-secure Command queue (4.1.6) */
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x1234567800000403ULL, 1), ILL);
}

static void cmd_cfgi_all_is_ste_range_31(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x04, 31), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.op, SMMU_MODEL_OP_CFGI_STE_RANGE);
	KUNIT_EXPECT_EQ(test, f.cmd.range, 31);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000010000000004ULL, 7), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.sid, 0x100);
	KUNIT_EXPECT_EQ(test, f.cmd.range, 7);
}

static void cmd_cfgi_cd_ssid_0xfffff(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x00000010fffff005ULL, 1), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.sid, 0x10);
	KUNIT_EXPECT_EQ(test, f.cmd.ssid, 0xfffff);
	KUNIT_EXPECT_TRUE(test, f.cmd.leaf);
	/* 4.3.3, 4.3.4: CERROR_ILL when stage 1 is not implemented */
	f.idr.s1p = false;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x00000010fffff005ULL, 1), ILL);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000001000000006ULL, 0), ILL);
	f.idr.s1p = true;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000001000000006ULL, 0), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.sid, 0x10);
}

static void cmd_cfgi_vms_pidm_without_mpam_is_ill(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000000500000007ULL, 0), ILL);
	f.idr.mpam = true;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000000500000007ULL, 0), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.vmid, 5);
}

static void cmd_prefetch_config_and_addr(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x00000007abcde801ULL, 0), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.sid, 7);
	KUNIT_EXPECT_EQ(test, f.cmd.ssid, 0xabcde);
	KUNIT_EXPECT_TRUE(test, f.cmd.ssv);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000000700000002ULL,
					0xffff800012345000ULL | 9), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.addr, 0xffff800012345000ULL);
	KUNIT_EXPECT_EQ(test, f.cmd.size, 9);
	/* SSV without substreams: the model's choice is CERROR_ILL */
	f.idr.ssidsize = 0;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x00000007abcde801ULL, 0), ILL);
}

static void cmd_tlbi_nh_asid_beef_vmid_0102(struct kunit *test)
{
	struct cmd_fixture f;

	/* The CMD_TLBI_NH_ASID table of 4.4.2.2 */
	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0xbeef010200000011ULL, 0), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.op, SMMU_MODEL_OP_TLBI_NH_ASID);
	KUNIT_EXPECT_EQ(test, f.cmd.asid, 0xbeef);
	KUNIT_EXPECT_EQ(test, f.cmd.vmid, 0x0102);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000000300000010ULL, 0), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.vmid, 3);
	KUNIT_EXPECT_EQ(test, f.cmd.asid, 0);
}

static void cmd_tlbi_nh_va_range_4k_num7_scale3_ttl3(struct kunit *test)
{
	struct cmd_fixture f;
	u64 start, end;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0xbeef000700307012ULL,
					0xffff000012345000ULL | (1 << 10) |
					(3 << 8) | 1), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.asid, 0xbeef);
	KUNIT_EXPECT_EQ(test, f.cmd.vmid, 7);
	KUNIT_EXPECT_EQ(test, f.cmd.num, 7);
	KUNIT_EXPECT_EQ(test, f.cmd.scale, 3);
	KUNIT_EXPECT_EQ(test, f.cmd.tg, 1);
	KUNIT_EXPECT_EQ(test, f.cmd.ttl, 3);
	KUNIT_EXPECT_TRUE(test, f.cmd.leaf);
	KUNIT_EXPECT_EQ(test, f.cmd.addr, 0xffff000012345000ULL);
	/* 4.4.1.1: (7 + 1) * 2^3 granules of 4KB */
	smmu_model_tlbi_range(&f.cmd, &start, &end);
	KUNIT_EXPECT_EQ(test, start, 0xffff000012345000ULL);
	KUNIT_EXPECT_EQ(test, end, 0xffff000012345000ULL + 64 * SZ_4K);
}

static void cmd_tlbi_nh_va_single_address_covers_one_entry(struct kunit *test)
{
	struct cmd_fixture f;
	u64 start, end;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0001000000000012ULL,
					0x7654321000ULL), 0);
	KUNIT_EXPECT_FALSE(test, f.cmd.leaf);
	smmu_model_tlbi_range(&f.cmd, &start, &end);
	KUNIT_EXPECT_EQ(test, start, 0x7654321000ULL);
	KUNIT_EXPECT_EQ(test, end, 0x7654321001ULL);
}

static void cmd_tlbi_nh_vaa_64k_scale1(struct kunit *test)
{
	struct cmd_fixture f;
	u64 start, end;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0xffff000200100013ULL,
					0x40000000ULL | (3 << 10)), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.op, SMMU_MODEL_OP_TLBI_NH_VAA);
	KUNIT_EXPECT_EQ(test, f.cmd.vmid, 2);
	KUNIT_EXPECT_EQ(test, f.cmd.asid, 0);	/* VAA has no ASID */
	smmu_model_tlbi_range(&f.cmd, &start, &end);
	KUNIT_EXPECT_EQ(test, end - start, 2 * SZ_64K);
}

static void cmd_tlbi_range_end_saturates(struct kunit *test)
{
	struct smmu_model_cmd cmd = {
		.op = SMMU_MODEL_OP_TLBI_NH_VA, .addr = 0xfffffffffff00000ULL,
		.tg = 3, .num = 31, .scale = 31,
	};
	u64 start, end;

	smmu_model_tlbi_range(&cmd, &start, &end);
	KUNIT_EXPECT_EQ(test, end, U64_MAX);
}

static void cmd_tlbi_range_fields_illegal_combinations(struct kunit *test)
{
	struct cmd_fixture f;
	u64 va = 0x12345000ULL;

	full_idr(&f.idr);
	/* TG == 0: NUM, SCALE, TTL are RES0 (detected, 4.1.5) */
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x1000 | 0x12, va), ILL);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x12, va | (1 << 8)), ILL);
	/* TG != 0 with NUM == SCALE == TTL == 0 is Reserved (4.4.1.1) */
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x12, va | (1 << 10)), ILL);
	/* 16KB TTL 0b01 needs DS (4.4.1.1 note) */
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x12, va | (2 << 10) | (1 << 8)),
			ILL);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x12, va | (2 << 10) | (2 << 8)),
			0);
	/* SCALE[5] needs DS; TTL128 needs D128 */
	KUNIT_EXPECT_EQ(test, cmd_check(&f, BIT_ULL(25) | 0x12,
					va | (1 << 10)), ILL);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x12, va | (1 << 10) | (1 << 8) |
					BIT_ULL(71 - 64)), ILL);
	/* A granule the SMMU lacks; TG without IDR3.RIL */
	f.idr.gran16k = false;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x12, va | (2 << 10) | (2 << 8)),
			ILL);
	f.idr.ril = false;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x12, va | (1 << 10) | (3 << 8)),
			ILL);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x12, va), 0);
}

static void cmd_tlbi_el2_needs_hyp(struct kunit *test)
{
	static const u8 ops[] = { 0x20, 0x21, 0x22, 0x23 };
	struct cmd_fixture f;
	int i;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x1234000000000021ULL, 0), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.asid, 0x1234);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x1234000000000022ULL,
					0x5000 | 1), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.addr, 0x5000);
	KUNIT_EXPECT_EQ(test, f.cmd.asid, 0x1234);
	f.idr.hyp = false;
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		KUNIT_EXPECT_EQ(test, cmd_check(&f, ops[i], 0), ILL);
}

static void cmd_tlbi_el3_on_non_secure_queue_is_ill(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x18, 0), ILL);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x1a, 0x5000), ILL);
}

static void cmd_tlbi_s2_ipa_is_address_55_12(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x000000090000002aULL,
					0xff00001234567000ULL | 1), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.vmid, 9);
	KUNIT_EXPECT_EQ(test, f.cmd.addr, 0x0000001234567000ULL);
	KUNIT_EXPECT_TRUE(test, f.cmd.leaf);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000000900000028ULL, 0), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.vmid, 9);
	/* 4.4.3: CERROR_ILL without stage 2 */
	f.idr.s2p = false;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x2a, 0x1000), ILL);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x28, 0), ILL);
}

static void cmd_tlbi_stage1_on_stage2_only_smmu_is_ill(struct kunit *test)
{
	static const u8 ops[] = { 0x10, 0x11, 0x12, 0x13 };
	struct cmd_fixture f;
	int i;

	full_idr(&f.idr);
	f.idr.s1p = false;
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		KUNIT_EXPECT_EQ(test, cmd_check(&f, ops[i], 0x1000), ILL);
	/* 4.4.4.1: valid whatever the stages */
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x30, 0), 0);
}

static void cmd_atc_inv_global_size_52(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x00000008000ab840ULL | BIT(9),
					0xfffff00000000000ULL | 52), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.sid, 8);
	KUNIT_EXPECT_EQ(test, f.cmd.ssid, 0xab);
	KUNIT_EXPECT_TRUE(test, f.cmd.ssv && f.cmd.global);
	KUNIT_EXPECT_EQ(test, f.cmd.size, 52);
	KUNIT_EXPECT_EQ(test, f.cmd.addr, 0xfffff00000000000ULL);
	/* Size > 52 is permitted to raise CERROR_ILL (4.5.1) */
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x40, 53), ILL);
	f.idr.ats = false;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x40, 52), ILL);
}

static void cmd_pri_resp_prgi_0x1ff_success(struct kunit *test)
{
	struct cmd_fixture f;

	/* 4.5.2: PRGIndex [72:64], Resp [77:76] */
	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000000300001841ULL,
					0x1ff | (2 << 12)), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.sid, 3);
	KUNIT_EXPECT_EQ(test, f.cmd.ssid, 1);
	KUNIT_EXPECT_TRUE(test, f.cmd.ssv);
	KUNIT_EXPECT_EQ(test, f.cmd.grpid, 0x1ff);
	KUNIT_EXPECT_EQ(test, f.cmd.resp, 2);
	/* Resp 0b11 is Reserved: ILLEGAL */
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x41, 3 << 12), ILL);
	f.idr.pri = false;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x41, 2 << 12), ILL);
}

static void cmd_resume_ac1_is_retry(struct kunit *test)
{
	struct cmd_fixture f;

	/* 4.7.1: Ac (bit 12) 1 = Retry, 0 = Terminate; Ab (bit 13) abort */
	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000004200001044ULL, 0xbeef), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.op, SMMU_MODEL_OP_RESUME);
	KUNIT_EXPECT_EQ(test, f.cmd.sid, 0x42);
	KUNIT_EXPECT_EQ(test, f.cmd.stag, 0xbeef);
	KUNIT_EXPECT_EQ(test, f.cmd.action, 1);
	KUNIT_EXPECT_FALSE(test, f.cmd.abort);
}

static void cmd_resume_ac0_ab1_is_terminate_with_abort(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000004200002044ULL, 7), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.action, 0);
	KUNIT_EXPECT_TRUE(test, f.cmd.abort);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000004200000044ULL, 7), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.action, 0);
	KUNIT_EXPECT_FALSE(test, f.cmd.abort);	/* RAZ/WI termination */
}

static void cmd_resume_and_stall_term_without_stall_are_ill(struct kunit *test)
{
	struct cmd_fixture f;

	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000004200000045ULL, 0), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.sid, 0x42);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000004200000445ULL, 0), ILL);
	f.idr.stall_model = 1;
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000004200001044ULL, 0), ILL);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x0000004200000045ULL, 0), ILL);
}

static void cmd_sync_irq_with_msi(struct kunit *test)
{
	struct cmd_fixture f;

	/* CS [13:12], MSH [23:22], MSIAttr [27:24], MSIData [63:32] */
	full_idr(&f.idr);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0xdeadbeef0fc01046ULL,
					0x0080001234567ffcULL), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.cs, 1);
	KUNIT_EXPECT_EQ(test, f.cmd.msh, 3);
	KUNIT_EXPECT_EQ(test, f.cmd.msiattr, 0xf);
	KUNIT_EXPECT_EQ(test, f.cmd.msidata, 0xdeadbeef);
	KUNIT_EXPECT_EQ(test, f.cmd.msiaddr, 0x0080001234567ffcULL);
	/* MSIAddress is [55:2]: bits 1:0 and 63:56 are not an address */
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x2046, 0xff00000000001003ULL), 0);
	KUNIT_EXPECT_EQ(test, f.cmd.cs, 2);
	KUNIT_EXPECT_EQ(test, f.cmd.msiaddr, 0x1000);
	KUNIT_EXPECT_EQ(test, cmd_check(&f, 0x3046, 0), ILL);
}

static void cmd_reserved_opcodes_are_ill(struct kunit *test)
{
	static const u8 ops[] = { 0x00, 0x08, 0x14, 0x19, 0x42, 0x47, 0x50,
				  0x60, 0x70, 0x80, 0xff };
	struct cmd_fixture f;
	int i;

	full_idr(&f.idr);
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		KUNIT_EXPECT_EQ_MSG(test, cmd_check(&f, ops[i], 0), ILL,
				    "opcode 0x%02x", ops[i]);
}

static struct kunit_case smmu_model_cmd_cases[] = {
	KUNIT_CASE(cmd_cfgi_ste_sid_0x12345678_leaf),
	KUNIT_CASE(cmd_cfgi_all_is_ste_range_31),
	KUNIT_CASE(cmd_cfgi_cd_ssid_0xfffff),
	KUNIT_CASE(cmd_cfgi_vms_pidm_without_mpam_is_ill),
	KUNIT_CASE(cmd_prefetch_config_and_addr),
	KUNIT_CASE(cmd_tlbi_nh_asid_beef_vmid_0102),
	KUNIT_CASE(cmd_tlbi_nh_va_range_4k_num7_scale3_ttl3),
	KUNIT_CASE(cmd_tlbi_nh_va_single_address_covers_one_entry),
	KUNIT_CASE(cmd_tlbi_nh_vaa_64k_scale1),
	KUNIT_CASE(cmd_tlbi_range_end_saturates),
	KUNIT_CASE(cmd_tlbi_range_fields_illegal_combinations),
	KUNIT_CASE(cmd_tlbi_el2_needs_hyp),
	KUNIT_CASE(cmd_tlbi_el3_on_non_secure_queue_is_ill),
	KUNIT_CASE(cmd_tlbi_s2_ipa_is_address_55_12),
	KUNIT_CASE(cmd_tlbi_stage1_on_stage2_only_smmu_is_ill),
	KUNIT_CASE(cmd_atc_inv_global_size_52),
	KUNIT_CASE(cmd_pri_resp_prgi_0x1ff_success),
	KUNIT_CASE(cmd_resume_ac1_is_retry),
	KUNIT_CASE(cmd_resume_ac0_ab1_is_terminate_with_abort),
	KUNIT_CASE(cmd_resume_and_stall_term_without_stall_are_ill),
	KUNIT_CASE(cmd_sync_irq_with_msi),
	KUNIT_CASE(cmd_reserved_opcodes_are_ill),
	{}
};

static struct kunit_suite smmu_model_cmd_suite = {
	.name = "smmu_model_cmd_decode",
	.test_cases = smmu_model_cmd_cases,
};

/* ------------------------------------------------------------------------
 * smmu_model_event_encode, smmu_model_ppr_encode (IHI0070 7.3, 8)
 *
 * Expected records from the 7.3 tables: type [7:0], SSV [11], SubstreamID
 * [31:12], StreamID [63:32]; STAG [79:64], Stall [95], PnU [97], InD [98],
 * RnW [99], S2 [103], CLASS [105:104], TTRnW [108]; InputAddr [191:128];
 * NSIPA [192], IPA[55:12] at [247:204], FetchAddr[55:3] at [247:195].
 */
static void expect_rec(struct kunit *test, const struct smmu_model_event *evt,
		       u64 q0, u64 q1, u64 q2, u64 q3)
{
	__le64 rec[4];

	memset(rec, 0xa5, sizeof(rec));
	smmu_model_event_encode(evt, rec);
	KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(rec[0]), q0, "type 0x%x", evt->type);
	KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(rec[1]), q1, "type 0x%x", evt->type);
	KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(rec[2]), q2, "type 0x%x", evt->type);
	KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(rec[3]), q3, "type 0x%x", evt->type);
}

/* An event with every field set, to see which ones a type keeps */
static struct smmu_model_event evt_all(u8 type)
{
	return (struct smmu_model_event) {
		.type = type, .sid = 0x12345678, .ssid = 0xabcde, .ssv = true,
		.stag = 0xbeef, .stall = true, .pnu = true, .ind = true,
		.rnw = true, .s2 = true, .class = 1, .nsipa = true,
		.input_addr = 0xfedcba9876543210ULL,
		.ipa = 0xff00123456789abcULL,
		.fetch_addr = 0xff00987654321fffULL, .ttrnw = true,
		.span = 0x42, .preq = 0x3f,
	};
}

static void evt_c_bad_ste_stream_fields_only(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_C_BAD_STE);

	expect_rec(test, &e, 0x12345678abcde804ULL, 0, 0, 0);
	e = evt_all(SMMU_MODEL_EVT_C_BAD_STREAMID);
	expect_rec(test, &e, 0x12345678abcde802ULL, 0, 0, 0);
	e = evt_all(SMMU_MODEL_EVT_C_BAD_CD);
	expect_rec(test, &e, 0x12345678abcde80aULL, 0, 0, 0);
	e = evt_all(SMMU_MODEL_EVT_F_CFG_CONFLICT);
	expect_rec(test, &e, 0x12345678abcde821ULL, 0, 0, 0);
}

static void evt_c_bad_substreamid_has_no_ssv(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_C_BAD_SUBSTREAMID);

	expect_rec(test, &e, 0x12345678abcde008ULL, 0, 0, 0);
}

static void evt_f_stream_disabled_streamid_only(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_F_STREAM_DISABLED);

	expect_rec(test, &e, 0x1234567800000006ULL, 0, 0, 0);
}

static void evt_f_ste_fetch_and_cd_fetch_fetch_addr(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_F_STE_FETCH);

	expect_rec(test, &e, 0x12345678abcde803ULL, 0, 0,
		   0x0000987654321ff8ULL);
	e = evt_all(SMMU_MODEL_EVT_F_CD_FETCH);
	expect_rec(test, &e, 0x12345678abcde809ULL, 0, 0,
		   0x0000987654321ff8ULL);
}

static void evt_f_uut_access_and_input(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_F_UUT);

	expect_rec(test, &e, 0x12345678abcde801ULL, 0x0000000e00000000ULL,
		   0xfedcba9876543210ULL, 0);
}

static void evt_f_transl_forbidden_rnw_and_input(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_F_TRANSL_FORBIDDEN);

	expect_rec(test, &e, 0x1234567800000007ULL, 0x0000000800000000ULL,
		   0xfedcba9876543210ULL, 0);
}

static void evt_f_walk_eabt_class_tt_fetch_addr(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_F_WALK_EABT);

	/* No STAG/Stall: not a stall-able fault (7.3.21) */
	expect_rec(test, &e, 0x12345678abcde80bULL, 0x0000018e00000000ULL,
		   0xfedcba9876543210ULL, 0x0000987654321ff8ULL);
}

static void evt_f_translation_stage2_stall(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_F_TRANSLATION);

	e.class = 2;
	expect_rec(test, &e, 0x12345678abcde810ULL, 0x0000028e8000beefULL,
		   0xfedcba9876543210ULL, 0x0000123456789001ULL);
}

static void evt_f_addr_size_stage1_has_no_ipa(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_F_ADDR_SIZE);

	e.s2 = false;
	e.stall = false;
	e.class = 2;
	expect_rec(test, &e, 0x12345678abcde811ULL, 0x0000020e0000beefULL,
		   0xfedcba9876543210ULL, 0);
}

static void evt_f_permission_class_tt_ttrnw(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_F_PERMISSION);

	expect_rec(test, &e, 0x12345678abcde813ULL, 0x0000118e8000beefULL,
		   0xfedcba9876543210ULL, 0x0000123456789001ULL);
	/* TTRnW only with CLASS == TT */
	e.class = 2;
	expect_rec(test, &e, 0x12345678abcde813ULL, 0x0000028e8000beefULL,
		   0xfedcba9876543210ULL, 0x0000123456789001ULL);
	e = evt_all(SMMU_MODEL_EVT_F_ACCESS);
	expect_rec(test, &e, 0x12345678abcde812ULL, 0x0000018e8000beefULL,
		   0xfedcba9876543210ULL, 0x0000123456789001ULL);
}

static void evt_f_tlb_conflict_no_stall(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_F_TLB_CONFLICT);

	expect_rec(test, &e, 0x12345678abcde820ULL, 0x0000018e00000000ULL,
		   0xfedcba9876543210ULL, 0x0000123456789001ULL);
}

static void evt_e_page_request_hints_span_addr(struct kunit *test)
{
	struct smmu_model_event e = evt_all(SMMU_MODEL_EVT_E_PAGE_REQUEST);

	/* Span [115:108]; pR 103, pW 102, pX 101, uR 99, uW 98, uX 97 */
	expect_rec(test, &e, 0x12345678abcde824ULL, 0x000420ee00000000ULL,
		   0xfedcba9876543000ULL, 0);
	e.preq = SMMU_MODEL_PREQ_PR | SMMU_MODEL_PREQ_UX;
	expect_rec(test, &e, 0x12345678abcde824ULL, 0x0004208200000000ULL,
		   0xfedcba9876543000ULL, 0);
}

static void ppr_every_field(struct kunit *test)
{
	struct smmu_model_ppr ppr = {
		.sid = 0x87654321, .ssid = 0xfffff, .ssv = true,
		.grpid = 0x1ab, .last = true, .priv = true, .exec = true,
		.read = true, .write = true, .addr = 0xfedcba9876543fffULL,
	};
	__le64 rec[2];

	/* SID [31:0], SSID [51:32], Priv 58, Exec 59, R 60, W 61, Last 62,
	 * SSV 63; PRGIndex [72:64], Page address [127:76]
	 */
	smmu_model_ppr_encode(&ppr, rec);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(rec[0]), 0xfc0fffff87654321ULL);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(rec[1]), 0xfedcba98765431abULL);
	/* Chapter 8: without SSV, X and Priv are 0 (and SSID UNKNOWN) */
	ppr.ssv = false;
	ppr.write = false;
	smmu_model_ppr_encode(&ppr, rec);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(rec[0]), 0x5000000087654321ULL);
	/* Each flag at its own bit: Exec 59, Write 61, SSV 63 */
	ppr.ssv = true;
	ppr.priv = false;
	ppr.read = false;
	ppr.write = true;
	ppr.last = false;
	smmu_model_ppr_encode(&ppr, rec);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(rec[0]), 0xa80fffff87654321ULL);
}

/* The decoder reads the figure's positions, not the encoder's */
static void ppr_decode_every_field(struct kunit *test)
{
	/* SID 0x87654321, SSID 0xfffff, Priv Exec R W L SSV, PRGI 0x1ab */
	__le64 rec[2] = { cpu_to_le64(0xfc0fffff87654321ULL),
			  cpu_to_le64(0xfedcba98765431abULL) };
	struct smmu_model_ppr ppr;

	smmu_model_ppr_decode(rec, &ppr);
	KUNIT_EXPECT_EQ(test, ppr.sid, 0x87654321);
	KUNIT_EXPECT_EQ(test, ppr.ssid, 0xfffff);
	KUNIT_EXPECT_TRUE(test, ppr.ssv && ppr.priv && ppr.exec && ppr.read &&
			  ppr.write && ppr.last);
	KUNIT_EXPECT_EQ(test, ppr.grpid, 0x1ab);
	KUNIT_EXPECT_EQ(test, ppr.addr, 0xfedcba9876543000ULL);
	/* W 61 alone, no SSV: SSID, Priv and Exec read as 0 (chapter 8) */
	rec[0] = cpu_to_le64(0x2c0fffff00000042ULL);
	rec[1] = cpu_to_le64(0x1e00);	/* [75:73] reserved, address bit 12 */
	smmu_model_ppr_decode(rec, &ppr);
	KUNIT_EXPECT_EQ(test, ppr.sid, 0x42);
	KUNIT_EXPECT_FALSE(test, ppr.ssv || ppr.priv || ppr.exec || ppr.read ||
			   ppr.last);
	KUNIT_EXPECT_TRUE(test, ppr.write);
	KUNIT_EXPECT_EQ(test, ppr.ssid, 0);
	KUNIT_EXPECT_EQ(test, ppr.addr, 0x1000);
	KUNIT_EXPECT_EQ(test, ppr.grpid, 0);
}

static struct kunit_case smmu_model_event_cases[] = {
	KUNIT_CASE(evt_c_bad_ste_stream_fields_only),
	KUNIT_CASE(evt_c_bad_substreamid_has_no_ssv),
	KUNIT_CASE(evt_f_stream_disabled_streamid_only),
	KUNIT_CASE(evt_f_ste_fetch_and_cd_fetch_fetch_addr),
	KUNIT_CASE(evt_f_uut_access_and_input),
	KUNIT_CASE(evt_f_transl_forbidden_rnw_and_input),
	KUNIT_CASE(evt_f_walk_eabt_class_tt_fetch_addr),
	KUNIT_CASE(evt_f_translation_stage2_stall),
	KUNIT_CASE(evt_f_addr_size_stage1_has_no_ipa),
	KUNIT_CASE(evt_f_permission_class_tt_ttrnw),
	KUNIT_CASE(evt_f_tlb_conflict_no_stall),
	KUNIT_CASE(evt_e_page_request_hints_span_addr),
	KUNIT_CASE(ppr_every_field),
	KUNIT_CASE(ppr_decode_every_field),
	{}
};

static struct kunit_suite smmu_model_event_suite = {
	.name = "smmu_model_event_encode",
	.test_cases = smmu_model_event_cases,
};

/* ------------------------------------------------------------------------
 * ATS and PRI rules (IHI0070 3.9.1, 4.5, 5.2 EATS, 6.3.1, 8.3, 13.7)
 */

static void idr_ats_pri_fields(struct kunit *test)
{
	struct smmu_model_idr idr;
	/* IDR0.ATSRECERR bit 23; IDR3.PPS bit 5, IDR3.DPT bit 15 */
	u32 regs[6] = { BIT(10) | BIT(16) | BIT(23), 0, 0, BIT(5) | BIT(15) };

	smmu_model_idr_decode(regs, &idr);
	KUNIT_EXPECT_TRUE(test, idr.ats && idr.pri && idr.atsrecerr);
	KUNIT_EXPECT_TRUE(test, idr.pps && idr.dpt);
	regs[0] = BIT(10);
	regs[3] = 0;
	smmu_model_idr_decode(regs, &idr);
	KUNIT_EXPECT_FALSE(test, idr.atsrecerr || idr.pps || idr.dpt);
}

static u8 eats_of(const struct smmu_model_idr *idr, u8 config, u8 eats,
		  bool atschk)
{
	struct smmu_model_ste ste = { .v = true, .config = config,
				      .eats = eats };

	return smmu_model_ste_eats(idr, &ste, atschk);
}

/* 5.2 EATS: when the field is IGNORED, and what 0b10 and 0b11 behave as */
static void ste_eats_effective_values(struct kunit *test)
{
	struct smmu_model_idr idr;

	full_idr(&idr);
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x5, 1, false), 1);
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x6, 1, true), 1);
	/* Config[1:0] == 0b00: IGNORED, effectively 0b00 */
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x4, 1, true), 0);
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x0, 1, true), 0);
	/* Split-stage needs ATSCHK, else it behaves as 0b00 */
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x7, 2, true), 2);
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x7, 2, false), 0);
	/* 0b11 without IDR3.DPT is Reserved and behaves as 0b00 */
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x5, 3, true), 0);
	idr.dpt = true;
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x5, 3, true), 1);
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x5, 3, false), 0);
	/* Without IDR0.ATS the field is IGNORED */
	idr.ats = false;
	KUNIT_EXPECT_EQ(test, eats_of(&idr, 0x5, 1, true), 0);
}

#define P_R		SMMU_MODEL_PERM_R
#define P_W		SMMU_MODEL_PERM_W
#define P_X		SMMU_MODEL_PERM_X
#define P_PR		SMMU_MODEL_PERM_PR
#define P_PW		SMMU_MODEL_PERM_PW
#define P_PX		SMMU_MODEL_PERM_PX
#define A_R		SMMU_MODEL_ATS_R
#define A_W		SMMU_MODEL_ATS_W
#define A_X		SMMU_MODEL_ATS_X

/* The example requests of the table in IHI0070 13.7, row by row */
static void ats_grant_follows_13_7_examples(struct kunit *test)
{
	const u8 uro_prw = P_R | P_X | P_PR | P_PW | P_PX;
	const u8 urw_prw = P_R | P_W | P_X | P_PR | P_PW | P_PX;
	const u8 urw_prw_xn = P_R | P_W | P_PR | P_PW;
	const u8 ux_prw = P_X | P_PR | P_PW;

	/* NW == 1 or 0, Exe == 0, Priv == 0, User-RO, Priv-RW: R only */
	KUNIT_EXPECT_EQ(test, smmu_model_ats_grant(uro_prw, false, false), A_R);
	/* NW == 0, Exe == 0, Priv == 0, User-RW, Priv-RW: R and W */
	KUNIT_EXPECT_EQ(test, smmu_model_ats_grant(urw_prw, false, false),
			A_R | A_W);
	/* NW == 0, Exe == 0, Priv == 1, User-RO, Priv-RW: R and W */
	KUNIT_EXPECT_EQ(test, smmu_model_ats_grant(uro_prw, true, false),
			A_R | A_W);
	/* Exe == 1 to an XN page: R (W permitted), no Exe */
	KUNIT_EXPECT_EQ(test, smmu_model_ats_grant(urw_prw_xn, false, true),
			A_R | A_W);
	/* NW == 0, Exe == 1, User-RW, Priv-RW, XN == 0: R, W and Exe */
	KUNIT_EXPECT_EQ(test, smmu_model_ats_grant(urw_prw, false, true),
			A_R | A_W | A_X);
	/* NW == 0, Exe == 1, Priv == 0, User-X (execute-only): nothing */
	KUNIT_EXPECT_EQ(test, smmu_model_ats_grant(ux_prw, false, true), 0);
	/* Exe is granted only when asked for */
	KUNIT_EXPECT_EQ(test, smmu_model_ats_grant(urw_prw, true, false),
			A_R | A_W);
}

static void atc_inv_span(struct kunit *test, u64 addr, u8 size, u64 start,
			 u64 last)
{
	struct cmd_fixture f;
	u64 s, l;

	/* 4.5.1: Size [69:64], Address[63:12] at [127:76] */
	full_idr(&f.idr);
	KUNIT_ASSERT_EQ(test, cmd_check(&f, 0x0000004200000040ULL,
					(addr & ~0xfffULL) | size), 0);
	smmu_model_atc_inv_span(&f.cmd, &s, &l);
	KUNIT_EXPECT_EQ(test, s, start);
	KUNIT_EXPECT_EQ(test, l, last);
}

static void atc_inv_size_0_is_one_page(struct kunit *test)
{
	atc_inv_span(test, 0x12345000, 0, 0x12345000, 0x12345fff);
}

/* 4.5.1: Address[11 + Size:0] is taken as zero */
static void atc_inv_span_aligned_to_its_size(struct kunit *test)
{
	atc_inv_span(test, 0x12345000, 1, 0x12344000, 0x12345fff);
	atc_inv_span(test, 0x12345000, 9, 0x12200000, 0x123fffff);
}

static void atc_inv_size_52_is_everything(struct kunit *test)
{
	atc_inv_span(test, 0xfffff00000000000ULL, 52, 0, U64_MAX);
}

/* 4.5.2, 8.3: Resp of CMD_PRI_RESP to the PRG Response Message code */
static void pri_resp_codes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, smmu_model_prg_code(2), SMMU_MODEL_PRG_SUCCESS);
	KUNIT_EXPECT_EQ(test, smmu_model_prg_code(1), SMMU_MODEL_PRG_INVALID);
	KUNIT_EXPECT_EQ(test, smmu_model_prg_code(0), SMMU_MODEL_PRG_FAILURE);
	KUNIT_EXPECT_EQ(test, SMMU_MODEL_PRG_FAILURE, 0xf);
}

static struct kunit_case smmu_model_ats_cases[] = {
	KUNIT_CASE(idr_ats_pri_fields),
	KUNIT_CASE(ste_eats_effective_values),
	KUNIT_CASE(ats_grant_follows_13_7_examples),
	KUNIT_CASE(atc_inv_size_0_is_one_page),
	KUNIT_CASE(atc_inv_span_aligned_to_its_size),
	KUNIT_CASE(atc_inv_size_52_is_everything),
	KUNIT_CASE(pri_resp_codes),
	{}
};

static struct kunit_suite smmu_model_ats_suite = {
	.name = "smmu_model_ats_rules",
	.test_cases = smmu_model_ats_cases,
};

kunit_test_suites(&smmu_model_idr_suite, &smmu_model_strtab_suite,
		  &smmu_model_ste_suite, &smmu_model_cd_suite,
		  &smmu_model_cdtab_suite, &smmu_model_walk_cfg_suite,
		  &smmu_model_walk_suite, &smmu_model_cmd_suite,
		  &smmu_model_event_suite, &smmu_model_ats_suite);
