/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arm SMMUv3 driver: hardware definitions and the types shared between the
 * driver's files.
 *
 * Field positions follow the Arm System Memory Management Unit Architecture
 * Specification, SMMU architecture version 3 (IHI0070); the section cited
 * above each group is where the layout is defined.
 *
 * Files and roles:
 *   arm-smmu-v3.c        probe, queues, stream table, domains, iommu_ops
 *   arm-smmu-v3-entry.c  STE/CD builders, used-bit rules, the hitless writer
 *   arm-smmu-v3-pasid.c  attaching paging domains to (device, PASID)
 *   arm-smmu-v3-sva.c    SVA domains backed by an mm
 *   arm-smmu-v3-test.c   KUnit suites
 *
 * Lock order (Documentation/locking.rst is the full description):
 *   iommu group mutex -> ASID lock -> domain devices lock -> command queue
 */
#ifndef _ARM_SMMU_V3_H
#define _ARM_SMMU_V3_H

#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/types.h>

/* ------------------------------------------------------------------------
 * Stream table entry (IHI0070 5.2). 64 bytes, eight little-endian qwords.
 */
#define ARM_SMMU_ENTRY_QWORDS		8

#define STE_0_V				BIT_ULL(0)
#define STE_0_CFG			GENMASK_ULL(3, 1)
#define  STE_CFG_ABORT			0x0
#define  STE_CFG_BYPASS			0x4
#define  STE_CFG_S1_TRANS		0x5
#define  STE_CFG_S2_TRANS		0x6
#define  STE_CFG_NESTED			0x7
#define STE_0_S1FMT			GENMASK_ULL(5, 4)
#define  STE_S1FMT_LINEAR		0x0
#define  STE_S1FMT_64K_L2		0x2	/* two-level, 4KB leaf tables are 0x1 */
#define STE_0_S1CTXPTR			GENMASK_ULL(51, 6)
#define STE_0_S1CDMAX			GENMASK_ULL(63, 59)

#define STE_1_S1DSS			GENMASK_ULL(1, 0)
#define  STE_S1DSS_TERMINATE		0x0
#define  STE_S1DSS_BYPASS		0x1
#define  STE_S1DSS_SSID0		0x2
#define STE_1_S1CIR			GENMASK_ULL(3, 2)
#define STE_1_S1COR			GENMASK_ULL(5, 4)
#define STE_1_S1CSH			GENMASK_ULL(7, 6)
#define STE_1_MEV			BIT_ULL(19)
#define STE_1_S2FWB			BIT_ULL(25)
#define STE_1_S1STALLD			BIT_ULL(27)
#define STE_1_EATS			GENMASK_ULL(29, 28)
#define  STE_EATS_ABORT			0x0
#define  STE_EATS_TRANS			0x1
#define  STE_EATS_S1CHK			0x2
#define STE_1_STRW			GENMASK_ULL(31, 30)
#define  STE_STRW_NSEL1			0x0
#define  STE_STRW_EL2			0x2
#define STE_1_SHCFG			GENMASK_ULL(45, 44)
#define  STE_SHCFG_INCOMING		0x1

#define STE_2_S2VMID			GENMASK_ULL(15, 0)
#define STE_2_VTCR			GENMASK_ULL(50, 32)
#define STE_2_S2AA64			BIT_ULL(51)
#define STE_2_S2ENDI			BIT_ULL(52)
#define STE_2_S2PTW			BIT_ULL(54)
#define STE_2_S2S			BIT_ULL(57)
#define STE_2_S2R			BIT_ULL(58)

/* Fields of STE_2_VTCR, in the layout of VTCR_EL2 */
#define STE_VTCR_S2T0SZ			GENMASK_ULL(5, 0)
#define STE_VTCR_S2SL0			GENMASK_ULL(7, 6)
#define STE_VTCR_S2IR0			GENMASK_ULL(9, 8)
#define STE_VTCR_S2OR0			GENMASK_ULL(11, 10)
#define STE_VTCR_S2SH0			GENMASK_ULL(13, 12)
#define STE_VTCR_S2TG			GENMASK_ULL(15, 14)
#define STE_VTCR_S2PS			GENMASK_ULL(18, 16)

#define STE_3_S2TTB			GENMASK_ULL(51, 4)

/* ------------------------------------------------------------------------
 * Context descriptor (IHI0070 5.4). 64 bytes, eight little-endian qwords.
 */
#define CD_0_T0SZ			GENMASK_ULL(5, 0)
#define CD_0_TG0			GENMASK_ULL(7, 6)
#define CD_0_IR0			GENMASK_ULL(9, 8)
#define CD_0_OR0			GENMASK_ULL(11, 10)
#define CD_0_SH0			GENMASK_ULL(13, 12)
#define CD_0_EPD0			BIT_ULL(14)
#define CD_0_ENDI			BIT_ULL(15)
#define CD_0_EPD1			BIT_ULL(30)
#define CD_0_V				BIT_ULL(31)
#define CD_0_IPS			GENMASK_ULL(34, 32)
#define CD_0_AFFD			BIT_ULL(35)
#define CD_0_TBI0			BIT_ULL(38)
#define CD_0_AA64			BIT_ULL(41)
#define CD_0_HD				BIT_ULL(42)
#define CD_0_HA				BIT_ULL(43)
#define CD_0_S				BIT_ULL(44)
#define CD_0_R				BIT_ULL(45)
#define CD_0_A				BIT_ULL(46)
#define CD_0_ASET			BIT_ULL(47)
#define CD_0_ASID			GENMASK_ULL(63, 48)

#define CD_1_TTB0			GENMASK_ULL(51, 4)
#define CD_3_MAIR			GENMASK_ULL(63, 0)

/* Level-1 descriptors of the two-level tables (IHI0070 5.1, 5.4.1) */
#define STRTAB_L1_SPAN			GENMASK_ULL(4, 0)
#define STRTAB_L1_L2PTR			GENMASK_ULL(51, 6)
#define CDTAB_L1_V			BIT_ULL(0)
#define CDTAB_L1_L2PTR			GENMASK_ULL(51, 12)

struct arm_smmu_ste {
	__le64 data[ARM_SMMU_ENTRY_QWORDS];
};

struct arm_smmu_cd {
	__le64 data[ARM_SMMU_ENTRY_QWORDS];
};

/* ------------------------------------------------------------------------
 * Pure builders (arm-smmu-v3-entry.c). Each fills a whole entry from plain
 * parameters and touches nothing else, so the same value can be written by
 * the driver and compared by the tests.
 */

/* Parameters of an STE that points at a CD table (Config = S1 translate). */
struct arm_smmu_ste_cdtab_cfg {
	dma_addr_t	cdtab_dma;	/* CD table or its level-1 table */
	u8		s1fmt;		/* STE_S1FMT_* */
	u8		s1cdmax;	/* log2 of the number of CDs, 0 = one CD */
	u8		s1dss;		/* STE_S1DSS_*, used when s1cdmax != 0 */
	bool		ats;		/* EATS = translate */
	bool		stall;		/* stalls allowed: S1STALLD clear */
	bool		coherent;	/* table walks are cacheable, inner shareable */
	bool		el2;		/* StreamWorld EL2 (E2H host), else NS-EL1 */
};

/* Parameters of a stage-2 STE (Config = S2 translate). */
struct arm_smmu_ste_s2_cfg {
	u16		vmid;
	u64		vttbr;		/* table base, already aligned */
	u32		vtcr;		/* packed with STE_VTCR_* */
	bool		ats;
	bool		stall;		/* S2S: stall faults instead of terminating */
	bool		coherent;
};

/* Parameters of a stage-1 CD. */
struct arm_smmu_cd_s1_cfg {
	u16		asid;
	u64		ttbr;		/* TTB0, already aligned */
	u64		tcr;		/* packed with CD_0_{T0SZ,TG0,IR0,OR0,SH0,IPS} */
	u64		mair;
	bool		stall;		/* CD.S: stall faults (needs a stalling STE) */
	bool		hw_dirty;	/* CD.HD + CD.HA */
	bool		hw_access;	/* CD.HA */
};

void arm_smmu_ste_make_abort(struct arm_smmu_ste *ste);
void arm_smmu_ste_make_bypass(struct arm_smmu_ste *ste);
void arm_smmu_ste_make_cdtab(struct arm_smmu_ste *ste,
			     const struct arm_smmu_ste_cdtab_cfg *cfg);
void arm_smmu_ste_make_s2(struct arm_smmu_ste *ste,
			  const struct arm_smmu_ste_s2_cfg *cfg);
void arm_smmu_cd_make_s1(struct arm_smmu_cd *cd,
			 const struct arm_smmu_cd_s1_cfg *cfg);
/* A CD whose ASID stays valid but which translates nothing (EPD0 set). */
void arm_smmu_cd_make_released(struct arm_smmu_cd *cd,
			       const struct arm_smmu_cd *from);

/* ------------------------------------------------------------------------
 * The hitless entry writer (arm-smmu-v3-entry.c, Documentation/hitless.rst).
 *
 * An entry is moved from its current value to a target value by a sequence
 * of single-qword stores separated by syncs. The writer decides the
 * sequence; the caller supplies, through the ops, what "store" and "sync"
 * mean. In the driver a store is WRITE_ONCE() to the table in memory and a
 * sync is CFGI_STE/CFGI_CD + CMD_SYNC; in the tests both are recorded and
 * checked against a software model of what the SMMU may observe.
 */
struct arm_smmu_entry_writer;

struct arm_smmu_entry_ops {
	/* Bits of @entry the SMMU reads, given @entry's own value. */
	void (*used_bits)(const __le64 *entry, __le64 *used);
	/* Make the SMMU forget any cached copy of the entry; may sleep: no. */
	void (*sync)(struct arm_smmu_entry_writer *writer);
	/* One single-copy-atomic store of qword @idx; NULL means WRITE_ONCE. */
	void (*store)(struct arm_smmu_entry_writer *writer, __le64 *entry,
		      unsigned int idx, __le64 val);
};

struct arm_smmu_entry_writer {
	const struct arm_smmu_entry_ops *ops;
};

void arm_smmu_ste_used_bits(const __le64 *ste, __le64 *used);
void arm_smmu_cd_used_bits(const __le64 *cd, __le64 *used);

/**
 * arm_smmu_write_entry() - move an entry to a new value, hitlessly if possible
 * @writer: how to store and sync (see struct arm_smmu_entry_ops)
 * @entry: the live entry, ARM_SMMU_ENTRY_QWORDS qwords
 * @target: the value it must end with
 *
 * Context: any; never sleeps unless @writer->ops->sync does.
 * Return: the number of syncs issued.
 */
unsigned int arm_smmu_write_entry(struct arm_smmu_entry_writer *writer,
				  __le64 *entry, const __le64 *target);

/* ------------------------------------------------------------------------
 * Registers, queues, commands, driver state: arm-smmu-v3.c owns these.
 */

#endif /* _ARM_SMMU_V3_H */
