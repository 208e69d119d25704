/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software SMMUv3 model (test code): the architecture as the model reads it.
 *
 * Everything the model SMMU reads from or writes to memory is interpreted
 * here: Stream Table Entries and level-1 stream table descriptors (IHI0070
 * 5.1, 5.2), Context Descriptors and level-1 CD descriptors (5.3, 5.4), the
 * VMSAv8-64 translation table walk of stage 1 and stage 2 with permissions
 * and hardware access/dirty updates (Arm ARM D8, IHI0070 3.13), commands
 * (IHI0070 4), event records (7.3) and PRI queue entries (8).
 *
 * Written from the specifications alone, as a second reading beside the
 * driver's: nothing here includes arm-smmu-v3.h or uses its field
 * definitions, so a field the driver misreads is not misread here too.
 *
 * Pure: memory is reached only through struct smmu_model_mem, no locks, no
 * allocation, callable in any context (the model calls it from hard IRQ
 * context and under its own raw spinlock).
 */
#ifndef _ARM_SMMU_V3_MODEL_SPEC_H
#define _ARM_SMMU_V3_MODEL_SPEC_H

#include <linux/bits.h>
#include <linux/types.h>

/* ------------------------------------------------------------------------
 * Event record types (IHI0070 7.3) the model produces
 */
#define SMMU_MODEL_EVT_F_UUT			0x01
#define SMMU_MODEL_EVT_C_BAD_STREAMID		0x02
#define SMMU_MODEL_EVT_F_STE_FETCH		0x03
#define SMMU_MODEL_EVT_C_BAD_STE		0x04
#define SMMU_MODEL_EVT_F_BAD_ATS_TREQ		0x05
#define SMMU_MODEL_EVT_F_STREAM_DISABLED	0x06
#define SMMU_MODEL_EVT_F_TRANSL_FORBIDDEN	0x07
#define SMMU_MODEL_EVT_C_BAD_SUBSTREAMID	0x08
#define SMMU_MODEL_EVT_F_CD_FETCH		0x09
#define SMMU_MODEL_EVT_C_BAD_CD			0x0a
#define SMMU_MODEL_EVT_F_WALK_EABT		0x0b
#define SMMU_MODEL_EVT_F_TRANSLATION		0x10
#define SMMU_MODEL_EVT_F_ADDR_SIZE		0x11
#define SMMU_MODEL_EVT_F_ACCESS			0x12
#define SMMU_MODEL_EVT_F_PERMISSION		0x13
#define SMMU_MODEL_EVT_F_TLB_CONFLICT		0x20
#define SMMU_MODEL_EVT_F_CFG_CONFLICT		0x21
#define SMMU_MODEL_EVT_E_PAGE_REQUEST		0x24

/* Command errors (SMMU_CMDQ_CONS.ERR, IHI0070 4.6 / 7.1) */
#define SMMU_MODEL_CERROR_NONE			0x0
#define SMMU_MODEL_CERROR_ILL			0x1
#define SMMU_MODEL_CERROR_ABT			0x2
#define SMMU_MODEL_CERROR_ATC_INV_SYNC		0x3

/* ------------------------------------------------------------------------
 * ID registers, decoded by the model for its own use (IHI0070 6.3.1-6.3.6)
 */
struct smmu_model_idr {
	bool	s1p, s2p;
	bool	aa32;		/* TTF includes AArch32 (VMSAv8-32 LPAE) */
	bool	cohacc, btm, ats, pri, msi, sev, hyp, cd2l;
	bool	asid16, vmid16;
	u8	httu;		/* 0 none, 1 access flag, 2 access + dirty */
	u8	stall_model;	/* 0 stall+terminate, 1 terminate only, 2 stall forced */
	u8	term_model;
	u8	st_level;	/* 0 linear only, 1 two-level supported */
	u8	sidsize, ssidsize, priqs, evtqs, cmdqs;
	bool	ril;
	u8	bbml;
	u8	oas_bits;	/* IDR5.OAS decoded to bits (32..52) */
	bool	gran4k, gran16k, gran64k;
	u8	vax;
	/* Fields the ILLEGAL rules and the walk need beyond the above */
	bool	aa64;		/* TTF includes VMSAv8-64 */
	bool	ns1ats;		/* IDR0.NS1ATS: split-stage ATS NOT supported */
	u8	ttendian;	/* IDR0.TTENDIAN: 0 mixed, 2 LE only, 3 BE only */
	bool	stt, xnx, had, mpam;	/* IDR3 */
	bool	atsrecerr;	/* IDR0.ATSRECERR: CR2.REC_CFG_ATS exists */
	bool	pps;		/* IDR3.PPS: overflow auto-responses keep the PASID */
	bool	dpt;		/* IDR3.DPT: EATS 0b11 (DPT checks) exists */
	u8	ias_bits;	/* IAS (IHI0070 3.4), derived from TTF and OAS */
	/*
	 * Not an ID register field: SMMU_CR2.E2H as programmed, which turns
	 * STRW == EL2 into the EL2-E2H StreamWorld. The caller sets it;
	 * smmu_model_idr_decode() leaves it false.
	 */
	bool	e2h;
};

/**
 * smmu_model_idr_decode() - decode SMMU_IDR0..IDR5 (IDR2, IDR4 unused)
 * @idr: the six registers, IDR0 first
 * @out: decoded fields
 */
void smmu_model_idr_decode(const u32 *idr, struct smmu_model_idr *out);

/* ------------------------------------------------------------------------
 * Memory as the SMMU sees it: physical (bus) addresses, little-endian.
 */
struct smmu_model_mem {
	/* Read @len bytes at @pa. 0, or -EFAULT for an external abort. */
	int (*read)(struct smmu_model_mem *mem, u64 pa, void *buf, size_t len);
	/*
	 * Atomically replace the 64-bit descriptor at @pa by @new if it still
	 * holds *@old (HTTU updates). 0 when replaced; -EAGAIN with *@old set
	 * to the current value when not; -EFAULT for an external abort.
	 */
	int (*cmpxchg64)(struct smmu_model_mem *mem, u64 pa, u64 *old, u64 new);
	/* Write @len bytes at @pa (queues, MSIs). 0 or -EFAULT. */
	int (*write)(struct smmu_model_mem *mem, u64 pa, const void *buf,
		     size_t len);
};

/* ------------------------------------------------------------------------
 * Stream Table Entry (IHI0070 5.2), every field the model acts on
 */
struct smmu_model_ste {
	bool	v;
	u8	config;		/* STE.Config, 3 bits */
	/* Stage 1 */
	u8	s1fmt;
	u64	s1ctxptr;	/* already shifted: the address of the CD/L1 table */
	u8	s1cdmax;
	u8	s1dss;
	u8	s1cir, s1cor, s1csh;
	bool	s1stalld;
	/* Stream attributes */
	u8	eats;
	u8	strw;
	bool	mev, s2fwb, dcp, ppar;
	u8	memattr, alloccfg, shcfg, nscfg, privcfg, instcfg;
	bool	mtcfg;
	u8	cont;
	/* Stage 2 */
	u16	s2vmid;
	u8	s2t0sz, s2sl0, s2ir0, s2or0, s2sh0, s2tg, s2ps;
	bool	s2aa64, s2endi, s2affd, s2ptw, s2hd, s2ha, s2s, s2r;
	u64	s2ttb;		/* already shifted: the table address */
	bool	s2haft;
};

/**
 * smmu_model_ste_decode() - decode and check an STE
 * @idr: the SMMU's features
 * @raw: the eight qwords as stored in memory
 * @ste: decoded fields (filled even when the STE is ILLEGAL)
 *
 * Return: 0 when the STE is valid and not ILLEGAL by any rule of IHI0070
 * 5.2 that concerns this SMMU's features; SMMU_MODEL_EVT_C_BAD_STE for
 * V == 0 or an ILLEGAL configuration.
 */
int smmu_model_ste_decode(const struct smmu_model_idr *idr,
			  const __le64 *raw, struct smmu_model_ste *ste);

/**
 * smmu_model_fetch_ste() - locate and read the STE of a StreamID
 * @mem: memory
 * @idr: the SMMU's features
 * @strtab_base: SMMU_STRTAB_BASE as programmed
 * @strtab_base_cfg: SMMU_STRTAB_BASE_CFG as programmed
 * @sid: the StreamID
 * @raw: output, the eight qwords of the STE
 * @ste_pa: output, where the STE lives (for reports), may be NULL
 *
 * Follows IHI0070 5.1 (linear or two-level, SPLIT, LOG2SIZE, L1STD.Span
 * and L2Ptr). Does not decode the STE.
 *
 * Return: 0; SMMU_MODEL_EVT_C_BAD_STREAMID for a StreamID beyond the
 * table or behind an L1 descriptor with Span 0; SMMU_MODEL_EVT_F_STE_FETCH
 * for an external abort reading the L1 descriptor or the STE.
 */
int smmu_model_fetch_ste(struct smmu_model_mem *mem,
			 const struct smmu_model_idr *idr, u64 strtab_base,
			 u32 strtab_base_cfg, u32 sid, __le64 *raw, u64 *ste_pa);

/* ------------------------------------------------------------------------
 * Context Descriptor (IHI0070 5.4)
 */
struct smmu_model_cd {
	bool	v;
	u8	t0sz, tg0, ir0, or0, sh0;
	bool	epd0, endi;
	u8	t1sz, tg1, ir1, or1, sh1;
	bool	epd1;
	u8	ips;
	bool	affd, wxn, uwxn;
	u8	tbi;
	bool	pan, aa64, hd, ha, s, r, a, aset;
	u16	asid;
	bool	nscfg0, had0, nscfg1, had1;
	u64	ttb0, ttb1;	/* table addresses */
	u64	mair, amair;
	bool	haft;
	u8	sw;		/* SMMU_MODEL_SW_*: StreamWorld of the STE used */
};

/* StreamWorld (IHI0070 5.2 STRW) of the STE, set by smmu_model_cd_decode() */
#define SMMU_MODEL_SW_NS_EL1	0
#define SMMU_MODEL_SW_EL2	1	/* one VA range, no EL0, no ASID */
#define SMMU_MODEL_SW_EL2_E2H	2

/**
 * smmu_model_cd_decode() - decode and check a CD
 * @idr: the SMMU's features
 * @ste: the STE that led to it (STALL rules, stage 2 present, STRW)
 * @raw: the eight qwords as stored in memory
 * @cd: decoded fields (filled even when ILLEGAL)
 *
 * Return: 0; SMMU_MODEL_EVT_C_BAD_CD for V == 0 or an ILLEGAL CD (IHI0070
 * 5.4: e.g. AA64 == 0 without AArch32 support, HA/HD without HTTU, S == 1
 * where stalls cannot be used, an unsupported TG, T0SZ out of range,
 * ASID[15:8] != 0 without 16-bit ASIDs).
 */
int smmu_model_cd_decode(const struct smmu_model_idr *idr,
			 const struct smmu_model_ste *ste, const __le64 *raw,
			 struct smmu_model_cd *cd);

/*
 * How the SMMU turns an IPA into a PA for its own fetches when stage 2 is
 * enabled (the CD table and stage 1 tables of a nested STE). Returns 0 and
 * sets *@pa, or the stage-2 fault's event type; @priv is the caller's.
 */
typedef int (*smmu_model_ipa_to_pa_fn)(void *priv, u64 ipa, u64 *pa);

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
 * @cd_pa: output, where the CD lives, may be NULL
 *
 * Without a SubstreamID on an STE with S1CDMax != 0, the caller applies
 * S1DSS first; this function is then called with @ssid = 0, @ssv = true
 * for S1DSS == SSID0.
 *
 * Return: 0; SMMU_MODEL_EVT_C_BAD_SUBSTREAMID (SSV with S1CDMax == 0,
 * SSID out of range, an invalid L1CD); SMMU_MODEL_EVT_F_CD_FETCH; or the
 * stage-2 fault from @s2.
 */
int smmu_model_fetch_cd(struct smmu_model_mem *mem,
			const struct smmu_model_idr *idr,
			const struct smmu_model_ste *ste, u32 ssid, bool ssv,
			smmu_model_ipa_to_pa_fn s2, void *s2_priv,
			__le64 *raw, u64 *cd_pa);

/* ------------------------------------------------------------------------
 * Translation table walk (VMSAv8-64, Arm ARM D8; IHI0070 3.4, 3.13, 5.2, 5.4)
 */

/* Access attributes of a transaction */
#define SMMU_MODEL_ACC_WRITE	BIT(0)
#define SMMU_MODEL_ACC_EXEC	BIT(1)	/* instruction fetch */
#define SMMU_MODEL_ACC_PRIV	BIT(2)

/* Permissions a translation grants (for TLB entries) */
#define SMMU_MODEL_PERM_R	BIT(0)
#define SMMU_MODEL_PERM_W	BIT(1)
#define SMMU_MODEL_PERM_X	BIT(2)	/* unprivileged execute */
#define SMMU_MODEL_PERM_PR	BIT(3)	/* privileged read */
#define SMMU_MODEL_PERM_PW	BIT(4)
#define SMMU_MODEL_PERM_PX	BIT(5)

/* One stage's walk, built by smmu_model_walk_cfg_s1() or _s2() */
struct smmu_model_walk_cfg {
	u8	stage;		/* 1 or 2 */
	u64	ttb;		/* table base */
	u8	granule_shift;	/* 12, 14, 16 */
	u8	ia_bits;	/* 64 - TxSZ */
	u8	start_level;	/* derived from ia_bits (stage 1) or SL0 (stage 2) */
	u8	concat;		/* stage 2: log2 of concatenated start tables */
	u8	oa_bits;	/* IPS/S2PS capped at the SMMU's OAS */
	bool	ha, hd;		/* hardware access flag / dirty state */
	bool	affd;		/* access flag faults disabled (ha == false) */
	bool	wxn, uwxn, pan;	/* stage 1 */
	bool	s2ptw;		/* stage 2: protected table walk */
	bool	big_endian;
	bool	el2;		/* stage 1, StreamWorld EL2: AP[1] as 1, bit 54 is XN */
	bool	had;		/* stage 1: hierarchical attributes disabled */
	bool	xnx;		/* stage 2: XN[1:0] distinguishes EL0/EL1 (IDR3.XNX) */
};

/**
 * smmu_model_walk_cfg_s1() - the stage 1 walk for a VA through a CD
 * @idr: the SMMU's features
 * @cd: the decoded CD
 * @va: the input address (selects TTB0 or TTB1 by its top bits, TBI)
 * @cfg: output
 *
 * Return: 0; SMMU_MODEL_EVT_F_TRANSLATION when the VA is outside both
 * ranges or its half is disabled (EPDx); SMMU_MODEL_EVT_C_BAD_CD for a
 * configuration the CD decoder let through but the walk cannot use.
 */
int smmu_model_walk_cfg_s1(const struct smmu_model_idr *idr,
			   const struct smmu_model_cd *cd, u64 va,
			   struct smmu_model_walk_cfg *cfg);

/**
 * smmu_model_walk_cfg_s2() - the stage 2 walk of an STE
 * @idr: the SMMU's features
 * @ste: the decoded STE (stage 2 enabled)
 * @cfg: output
 *
 * Return: 0 or SMMU_MODEL_EVT_C_BAD_STE (S2T0SZ/S2SL0 inconsistent).
 */
int smmu_model_walk_cfg_s2(const struct smmu_model_idr *idr,
			   const struct smmu_model_ste *ste,
			   struct smmu_model_walk_cfg *cfg);

/*
 * The outcome of a walk. With both stages, level, leaf_pa, leaf, memattr
 * and sh describe the stage 1 leaf, s2_* the stage 2 leaf of the output
 * IPA, size_shift is the smaller of the two mappings and dirty holds when
 * both leaves are writable-dirty.
 */
struct smmu_model_walk_res {
	/* Success */
	u64	oa;		/* output address of @ia */
	u8	level;		/* level of the leaf descriptor */
	u8	size_shift;	/* log2 of the block or page it maps */
	u8	perms;		/* SMMU_MODEL_PERM_* granted */
	u64	leaf_pa;	/* where the leaf descriptor lives */
	u64	leaf;		/* its value after any HTTU update */
	u8	memattr;	/* stage 1: AttrIndx; stage 2: MemAttr */
	u8	sh;
	bool	dirty;		/* the leaf is writable-dirty (not RO) */
	/* Fault */
	u8	fault;		/* SMMU_MODEL_EVT_*, 0 on success */
	u8	fault_level;
	bool	fault_s2;	/* fault taken by the stage 2 of a nested walk */
	u64	fault_ipa;	/* stage 2 faults: the IPA */
	u8	fault_class;	/* 0 CD fetch, 1 stage 1 table walk, 2 input */
	u64	fault_fetch_pa;	/* F_WALK_EABT: the descriptor address that aborted */
	bool	fault_ttrnw;	/* class 1 faults: 1 the table read, 0 its HTTU write */
	/* Success with stage 2: the stage 2 leaf mapping the output IPA */
	u64	s2_leaf_pa;
	u64	s2_leaf;
	u8	s2_level;
	u8	s2_memattr;
	u8	s2_sh;
};

/**
 * smmu_model_walk() - translate one address through one or two stages
 * @mem: memory
 * @s1: stage 1 walk, or NULL (stage 1 bypass)
 * @s2: stage 2 walk, or NULL (stage 2 bypass); when both are given, the
 *      stage 1 table fetches and the stage 1 output go through @s2
 * @ia: input address
 * @access: SMMU_MODEL_ACC_*
 * @res: outcome; @res->perms are those of the combined stages
 *
 * Checks every descriptor as VMSAv8-64 does (valid bit, table/block/page
 * per level and granule, output address size, AF, AP/UXN/PXN, S2AP, XN),
 * and updates AF and the dirty state through @mem->cmpxchg64 when @s1/@s2
 * enable HTTU. Does not cache anything.
 *
 * Return: 0 or the fault's event type (also in @res->fault):
 * SMMU_MODEL_EVT_F_TRANSLATION, _F_ADDR_SIZE, _F_ACCESS, _F_PERMISSION,
 * _F_WALK_EABT.
 */
int smmu_model_walk(struct smmu_model_mem *mem,
		    const struct smmu_model_walk_cfg *s1,
		    const struct smmu_model_walk_cfg *s2, u64 ia,
		    unsigned int access, struct smmu_model_walk_res *res);

/* ------------------------------------------------------------------------
 * Commands (IHI0070 4)
 */
#define SMMU_MODEL_OP_PREFETCH_CONFIG	0x01
#define SMMU_MODEL_OP_PREFETCH_ADDR	0x02
#define SMMU_MODEL_OP_CFGI_STE		0x03
#define SMMU_MODEL_OP_CFGI_STE_RANGE	0x04
#define SMMU_MODEL_OP_CFGI_CD		0x05
#define SMMU_MODEL_OP_CFGI_CD_ALL	0x06
#define SMMU_MODEL_OP_CFGI_VMS_PIDM	0x07
#define SMMU_MODEL_OP_TLBI_NH_ALL	0x10
#define SMMU_MODEL_OP_TLBI_NH_ASID	0x11
#define SMMU_MODEL_OP_TLBI_NH_VA	0x12
#define SMMU_MODEL_OP_TLBI_NH_VAA	0x13
#define SMMU_MODEL_OP_TLBI_EL3_ALL	0x18
#define SMMU_MODEL_OP_TLBI_EL3_VA	0x1a
#define SMMU_MODEL_OP_TLBI_EL2_ALL	0x20
#define SMMU_MODEL_OP_TLBI_EL2_ASID	0x21
#define SMMU_MODEL_OP_TLBI_EL2_VA	0x22
#define SMMU_MODEL_OP_TLBI_EL2_VAA	0x23
#define SMMU_MODEL_OP_TLBI_S12_VMALL	0x28
#define SMMU_MODEL_OP_TLBI_S2_IPA	0x2a
#define SMMU_MODEL_OP_TLBI_NSNH_ALL	0x30
#define SMMU_MODEL_OP_ATC_INV		0x40
#define SMMU_MODEL_OP_PRI_RESP		0x41
#define SMMU_MODEL_OP_RESUME		0x44
#define SMMU_MODEL_OP_STALL_TERM	0x45
#define SMMU_MODEL_OP_SYNC		0x46

/* A decoded command: the fields of its opcode, the others zero */
struct smmu_model_cmd {
	u8	op;
	u32	sid;
	u32	ssid;
	bool	ssv;
	bool	leaf;		/* CFGI_STE, CFGI_CD, TLBI_*_VA, TLBI_S2_IPA */
	u8	range;		/* CFGI_STE_RANGE: log2 of StreamIDs, 31 = all */
	u16	asid;
	u16	vmid;
	u64	addr;		/* TLBI VA/IPA, ATC_INV address, PREFETCH */
	u8	tg, ttl, num, scale;	/* TLBI range fields */
	u8	size;		/* ATC_INV */
	bool	global;		/* ATC_INV G */
	u16	stag;		/* RESUME */
	u8	action;		/* RESUME: 1 retry, 0 terminate */
	bool	abort;		/* RESUME Ab */
	u16	grpid;		/* PRI_RESP PRGI */
	u8	resp;		/* PRI_RESP */
	u8	cs;		/* SYNC: 0 none, 1 IRQ, 2 SEV */
	u8	msh, msiattr;
	u32	msidata;
	u64	msiaddr;
};

/**
 * smmu_model_cmd_decode() - decode and check one command
 * @idr: the SMMU's features (commands for absent features are illegal)
 * @raw: the two qwords
 * @cmd: decoded fields
 *
 * Return: SMMU_MODEL_CERROR_NONE, or SMMU_MODEL_CERROR_ILL for an unknown
 * opcode, a command the SMMU's features make illegal (IHI0070 4: e.g.
 * TLBI_S2_IPA without stage 2, RESUME/STALL_TERM with STALL_MODEL 0b01,
 * ATC_INV without ATS, PRI_RESP without PRI, a range TLBI (TG != 0) without
 * RIL, TG naming an unsupported granule, SSV == 1 without substreams,
 * TLBI_EL2_* without IDR0.HYP) or non-zero reserved fields where the
 * architecture makes them CERROR_ILL.
 */
u8 smmu_model_cmd_decode(const struct smmu_model_idr *idr, const __le64 *raw,
			 struct smmu_model_cmd *cmd);

/**
 * smmu_model_tlbi_range() - the address range a TLBI VA/IPA command covers
 * @cmd: a decoded TLBI_NH_VA, TLBI_NH_VAA, TLBI_EL2_VA(A) or TLBI_S2_IPA
 * @start: output, first address
 * @end: output, one past the last address; a single-address form (TG == 0)
 *       covers the address's whole entry of any size: @end = @start + 1 and
 *       the caller matches entries containing @start
 *
 * IHI0070 4.4.1: range = (NUM + 1) * 2^SCALE granules of size TG from ADDR.
 */
void smmu_model_tlbi_range(const struct smmu_model_cmd *cmd, u64 *start,
			   u64 *end);

/**
 * smmu_model_atc_inv_span() - the addresses a CMD_ATC_INV covers
 * @cmd: a decoded CMD_ATC_INV
 * @start: output, first address
 * @last: output, last address (inclusive: Size 52 spans all of 2^64)
 *
 * IHI0070 4.5.1: 4096 * 2^Size bytes from Address, aligned to their size.
 */
void smmu_model_atc_inv_span(const struct smmu_model_cmd *cmd, u64 *start,
			     u64 *last);

/* ------------------------------------------------------------------------
 * ATS and PRI (IHI0070 3.9.1, 5.2 EATS, 8, 13.7)
 */

/**
 * smmu_model_ste_eats() - the effective value of STE.EATS
 * @idr: the SMMU's features
 * @ste: a decoded, valid STE
 * @atschk: SMMU_CR0.ATSCHK
 *
 * Return: 0 (ATS disabled), 1 (Full ATS) or 2 (Split-stage ATS).
 */
u8 smmu_model_ste_eats(const struct smmu_model_idr *idr,
		       const struct smmu_model_ste *ste, bool atschk);

/* Permissions an ATS Translation Completion grants (PCIe ATS, IHI0070 13.7) */
#define SMMU_MODEL_ATS_R	BIT(0)
#define SMMU_MODEL_ATS_W	BIT(1)
#define SMMU_MODEL_ATS_X	BIT(2)	/* Execute_Permitted */

/**
 * smmu_model_ats_grant() - what an ATS Translation Completion grants
 * @perms: SMMU_MODEL_PERM_* of the translation (all stages, after HTTU)
 * @priv: the request's Priv (false without a PASID)
 * @exe: the request's Exe (false without a PASID)
 *
 * Return: SMMU_MODEL_ATS_* bits, as IHI0070 13.7.1 computes them.
 */
u8 smmu_model_ats_grant(u8 perms, bool priv, bool exe);

/* PRG Response Message codes (IHI0070 8.3) */
#define SMMU_MODEL_PRG_SUCCESS	0x0
#define SMMU_MODEL_PRG_INVALID	0x1
#define SMMU_MODEL_PRG_FAILURE	0xf

/**
 * smmu_model_prg_code() - the PRG Response Message code of a CMD_PRI_RESP
 * @resp: the command's Resp field
 *
 * Return: SMMU_MODEL_PRG_* (IHI0070 4.5.2, 8.3).
 */
u8 smmu_model_prg_code(u8 resp);

/* ------------------------------------------------------------------------
 * Records the model writes (IHI0070 7.3, 8)
 */
struct smmu_model_event {
	u8	type;		/* SMMU_MODEL_EVT_* */
	u32	sid;
	u32	ssid;
	bool	ssv;
	/* Translation faults and friends */
	u16	stag;
	bool	stall;
	bool	pnu;		/* privileged */
	bool	ind;		/* instruction */
	bool	rnw;		/* read */
	bool	s2;
	u8	class;
	bool	nsipa;
	u64	input_addr;
	u64	ipa;
	/* F_*_FETCH: the fetch address */
	u64	fetch_addr;
	/* C_BAD_STREAMID etc. carry only the stream */
	bool	ttrnw;		/* F_PERMISSION with class TT: 1 read, 0 write */
	u8	span;		/* E_PAGE_REQUEST: span in 4KB pages */
	u8	preq;		/* E_PAGE_REQUEST: SMMU_MODEL_PREQ_* */
};

/* E_PAGE_REQUEST access hints */
#define SMMU_MODEL_PREQ_UX	BIT(0)
#define SMMU_MODEL_PREQ_UW	BIT(1)
#define SMMU_MODEL_PREQ_UR	BIT(2)
#define SMMU_MODEL_PREQ_PX	BIT(3)
#define SMMU_MODEL_PREQ_PW	BIT(4)
#define SMMU_MODEL_PREQ_PR	BIT(5)

/**
 * smmu_model_event_encode() - the 32-byte record of an event
 * @evt: the event
 * @rec: output, four little-endian qwords, laid out for @evt->type as
 *       IHI0070 7.3 gives it (fields the type does not have stay zero)
 */
void smmu_model_event_encode(const struct smmu_model_event *evt,
			     __le64 *rec);

struct smmu_model_ppr {		/* a PCIe page request */
	u32	sid;
	u32	ssid;
	bool	ssv;
	u16	grpid;		/* Page Request Group Index */
	bool	last;
	bool	priv;
	bool	exec;
	bool	read, write;
	u64	addr;		/* page address */
};

/**
 * smmu_model_ppr_encode() - the 16-byte PRI queue entry (IHI0070 8.1)
 * @ppr: the request
 * @rec: output, two little-endian qwords
 */
void smmu_model_ppr_encode(const struct smmu_model_ppr *ppr, __le64 *rec);

/**
 * smmu_model_ppr_decode() - read a PRI queue entry (IHI0070 8)
 * @rec: the two little-endian qwords
 * @ppr: output; SubstreamID, Priv and Exec are 0 when SSV == 0
 */
void smmu_model_ppr_decode(const __le64 *rec, struct smmu_model_ppr *ppr);

#endif /* _ARM_SMMU_V3_MODEL_SPEC_H */
