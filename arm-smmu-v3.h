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
 *   arm-smmu-v3.c        the SMMU: features, events, GERROR, reset, IRQs, probe
 *   arm-smmu-v3-tables.c stream table, CD tables, the STE/CD writers' syncs
 *   arm-smmu-v3-domain.c domains, invalidation, attach, masters, iommu_ops
 *   arm-smmu-v3-pasid.c  paging domains at a (master, PASID)
 *   arm-smmu-v3-ats.c    a master's PCIe ATS
 *   arm-smmu-v3-iopf.c   I/O page faults: stalls, the PRI queue, PCIe PRI
 *                        (CONFIG_IOMMU_IOPF only)
 *   arm-smmu-v3-cmdq.c   command encoding and the command queue
 *   arm-smmu-v3-entry.c  STE/CD builders, used-bit rules, the hitless writer
 *   arm-smmu-v3-test*.c  KUnit suites; arm-smmu-v3-model*.c the software
 *                        SMMU they run the driver against (test code only)
 *
 * Lock order (Documentation/locking.rst is the full description):
 *   iommu group mutex -> SMMU iopf lock -> domain init lock -> ASID lock
 *   -> domain devices lock -> command queue
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
#define  STE_S1FMT_4K_L2			0x1	/* two-level, 4KB leaves */
#define  STE_S1FMT_64K_L2		0x2	/* two-level, 64KB leaves */
#define STE_0_S1CTXPTR			GENMASK_ULL(51, 6)
#define STE_0_S1CDMAX			GENMASK_ULL(63, 59)

#define STE_1_S1DSS			GENMASK_ULL(1, 0)
#define  STE_S1DSS_TERMINATE		0x0
#define  STE_S1DSS_BYPASS		0x1
#define  STE_S1DSS_SSID0		0x2
#define STE_1_S1CIR			GENMASK_ULL(3, 2)
#define STE_1_S1COR			GENMASK_ULL(5, 4)
#define STE_1_S1CSH			GENMASK_ULL(7, 6)
/* IHI0070 8.1: PRI overflow auto-responses carry the request's PASID */
#define STE_1_PPAR			BIT_ULL(18)
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
#define STE_1_MEMATTR			GENMASK_ULL(35, 32)
#define STE_1_MTCFG			BIT_ULL(36)
#define STE_1_ALLOCCFG			GENMASK_ULL(40, 37)
#define STE_1_SHCFG			GENMASK_ULL(45, 44)
#define  STE_SHCFG_INCOMING		0x1
#define STE_1_PRIVCFG			GENMASK_ULL(49, 48)
#define STE_1_INSTCFG			GENMASK_ULL(51, 50)
/*
 * IHI0070 13.5: the incoming-attribute overrides, applied to any traffic that
 * bypasses stage 1 (NSCFG is left out: it is IGNORED in the Non-secure table).
 */
#define STE_1_ATTR_OVERRIDES		(STE_1_MEMATTR | STE_1_MTCFG | \
					 STE_1_ALLOCCFG | STE_1_SHCFG | \
					 STE_1_PRIVCFG | STE_1_INSTCFG)

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
#define CD_0_T1SZ			GENMASK_ULL(21, 16)
#define CD_0_TG1			GENMASK_ULL(23, 22)
#define CD_0_IR1			GENMASK_ULL(25, 24)
#define CD_0_OR1			GENMASK_ULL(27, 26)
#define CD_0_SH1			GENMASK_ULL(29, 28)
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
#define CD_2_TTB1			GENMASK_ULL(51, 4)
/* IHI0070 5.4: what EPDx = 1 makes IGNORED, besides TTBx itself */
#define CD_0_TCR0			(CD_0_T0SZ | CD_0_TG0 | CD_0_IR0 | \
					 CD_0_OR0 | CD_0_SH0)
#define CD_0_TCR1			(CD_0_T1SZ | CD_0_TG1 | CD_0_IR1 | \
					 CD_0_OR1 | CD_0_SH1)
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
	bool		ppar;		/* PRI auto-responses keep the PASID */
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
	/* Make the SMMU forget any cached copy of the entry; never sleeps. */
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

/*
 * The writer's decision, computed without touching the entry: a list of
 * whole-entry values to store one after the other, each optionally followed
 * by a sync. arm_smmu_write_entry() carries it out.
 */
#define ARM_SMMU_ENTRY_MAX_STEPS	3

struct arm_smmu_entry_step {
	__le64	val[ARM_SMMU_ENTRY_QWORDS];	/* the entry after this step */
	bool	sync;				/* sync once it is stored */
};

struct arm_smmu_entry_plan {
	unsigned int		nr_steps;
	bool			breaking;	/* passes through V = 0 */
	struct arm_smmu_entry_step step[ARM_SMMU_ENTRY_MAX_STEPS];
};

#if IS_ENABLED(CONFIG_KUNIT)
/* Only the KUnit suites look at a plan directly. */
void arm_smmu_entry_plan(const struct arm_smmu_entry_ops *ops,
			 const __le64 *cur, const __le64 *target,
			 struct arm_smmu_entry_plan *plan);
#endif

/* ------------------------------------------------------------------------
 * Registers, commands, queues and driver state. arm-smmu-v3-cmdq.c owns the
 * command encoding and the command queue; the files above, the rest.
 */

#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/iommu.h>
#include <linux/idr.h>
#include <linux/irqreturn.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/ratelimit_types.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

struct io_pgtable_ops;
struct platform_device;

/* MMIO register map (IHI0070 6.3). Page 1 starts at ARM_SMMU_PAGE1. */
#define ARM_SMMU_IDR0			0x0
#define IDR0_S2P			BIT(0)
#define IDR0_S1P			BIT(1)
#define IDR0_TTF			GENMASK(3, 2)
#define  IDR0_TTF_AARCH64		0x2
#define  IDR0_TTF_AARCH32_64		0x3
#define IDR0_COHACC			BIT(4)
#define IDR0_BTM			BIT(5)
#define IDR0_HTTU			GENMASK(7, 6)
#define  IDR0_HTTU_ACCESS		0x1
#define  IDR0_HTTU_ACCESS_DIRTY		0x2
#define IDR0_HYP			BIT(9)
#define IDR0_ATS			BIT(10)
#define IDR0_ASID16			BIT(12)
#define IDR0_MSI			BIT(13)
#define IDR0_SEV			BIT(14)
#define IDR0_PRI			BIT(16)
#define IDR0_VMID16			BIT(18)
#define IDR0_CD2L			BIT(19)
#define IDR0_TTENDIAN			GENMASK(22, 21)
#define  IDR0_TTENDIAN_MIXED		0x0
#define  IDR0_TTENDIAN_LE		0x2
#define  IDR0_TTENDIAN_BE		0x3
#define IDR0_STALL_MODEL		GENMASK(25, 24)
#define  IDR0_STALL_MODEL_STALL		0x0
#define  IDR0_STALL_MODEL_NONE		0x1
#define  IDR0_STALL_MODEL_FORCE		0x2
#define IDR0_ST_LEVEL			GENMASK(28, 27)
#define  IDR0_ST_LEVEL_LINEAR		0x0
#define  IDR0_ST_LEVEL_2LVL		0x1

#define ARM_SMMU_IDR1			0x4
#define IDR1_SIDSIZE			GENMASK(5, 0)
#define IDR1_SSIDSIZE			GENMASK(10, 6)
#define IDR1_PRIQS			GENMASK(15, 11)
#define IDR1_EVTQS			GENMASK(20, 16)
#define IDR1_CMDQS			GENMASK(25, 21)
#define IDR1_REL			BIT(28)
#define IDR1_QUEUES_PRESET		BIT(29)
#define IDR1_TABLES_PRESET		BIT(30)

#define ARM_SMMU_IDR3			0xc
#define IDR3_RIL			BIT(10)

#define ARM_SMMU_IDR5			0x14
#define IDR5_OAS			GENMASK(2, 0)
#define IDR5_GRAN4K			BIT(4)
#define IDR5_GRAN16K			BIT(5)
#define IDR5_GRAN64K			BIT(6)
#define IDR5_VAX			GENMASK(11, 10)

#define ARM_SMMU_IIDR			0x18
#define IIDR_IMPLEMENTER		GENMASK(11, 0)
#define IIDR_REVISION			GENMASK(15, 12)
#define IIDR_VARIANT			GENMASK(19, 16)
#define IIDR_PRODUCTID			GENMASK(31, 20)
#define  IIDR_IMPLEMENTER_ARM		0x43b
#define  IIDR_PRODUCTID_ARM_MMU_700	0x487

#define ARM_SMMU_AIDR			0x1c

#define ARM_SMMU_CR0			0x20
#define CR0_SMMUEN			BIT(0)
#define CR0_PRIQEN			BIT(1)
#define CR0_EVTQEN			BIT(2)
#define CR0_CMDQEN			BIT(3)
#define CR0_ATSCHK			BIT(4)
#define ARM_SMMU_CR0ACK			0x24

#define ARM_SMMU_CR1			0x28
#define CR1_QUEUE_IC			GENMASK(1, 0)
#define CR1_QUEUE_OC			GENMASK(3, 2)
#define CR1_QUEUE_SH			GENMASK(5, 4)
#define CR1_TABLE_IC			GENMASK(7, 6)
#define CR1_TABLE_OC			GENMASK(9, 8)
#define CR1_TABLE_SH			GENMASK(11, 10)
#define  CR1_CACHE_NC			0x0
#define  CR1_CACHE_WB			0x1
#define  CR1_SH_NSH			0x0
#define  CR1_SH_OSH			0x2
#define  CR1_SH_ISH			0x3

#define ARM_SMMU_CR2			0x2c
#define CR2_E2H				BIT(0)
#define CR2_RECINVSID			BIT(1)
#define CR2_PTM				BIT(2)

#define ARM_SMMU_GBPA			0x44
#define GBPA_UPDATE			BIT(31)
#define GBPA_ABORT			BIT(20)

#define ARM_SMMU_IRQ_CTRL		0x50
#define IRQ_CTRL_GERROR_IRQEN		BIT(0)
#define IRQ_CTRL_PRIQ_IRQEN		BIT(1)
#define IRQ_CTRL_EVTQ_IRQEN		BIT(2)
#define ARM_SMMU_IRQ_CTRLACK		0x54

#define ARM_SMMU_GERROR			0x60
#define GERROR_CMDQ_ERR			BIT(0)
#define GERROR_EVTQ_ABT_ERR		BIT(2)
#define GERROR_PRIQ_ABT_ERR		BIT(3)
#define GERROR_MSI_CMDQ_ABT_ERR		BIT(4)
#define GERROR_MSI_EVTQ_ABT_ERR		BIT(5)
#define GERROR_MSI_PRIQ_ABT_ERR		BIT(6)
#define GERROR_MSI_GERROR_ABT_ERR	BIT(7)
#define GERROR_SFM_ERR			BIT(8)
#define GERROR_MSI_ABT_ALL		GENMASK(7, 4)
#define GERROR_ALL			(GENMASK(8, 2) | GERROR_CMDQ_ERR)	/* bit 1 RES0 */
#define ARM_SMMU_GERRORN		0x64
#define ARM_SMMU_GERROR_IRQ_CFG0	0x68

/*
 * MSI configuration (IHI0070 6.3.16-6.3.18, 6.3.27-6.3.29): one triple per
 * interrupt source, CFG1 at CFG0 + 8 and CFG2 at CFG0 + 12. ADDR == 0
 * disables the MSI; the wired interrupt (if any) is used instead.
 */
#define ARM_SMMU_EVTQ_IRQ_CFG0		0xb0
#define ARM_SMMU_PRIQ_IRQ_CFG0		0xd0
#define ARM_SMMU_IRQ_CFG1(cfg0)		((cfg0) + 0x8)
#define ARM_SMMU_IRQ_CFG2(cfg0)		((cfg0) + 0xc)
#define IRQ_CFG0_ADDR			GENMASK_ULL(51, 2)
#define IRQ_CFG2_SH			GENMASK(5, 4)
#define IRQ_CFG2_MEMATTR		GENMASK(3, 0)
#define  IRQ_CFG2_MEMATTR_DEVICE_NGNRE	0x1

#define ARM_SMMU_STRTAB_BASE		0x80
#define STRTAB_BASE_RA			BIT_ULL(62)
#define STRTAB_BASE_ADDR		GENMASK_ULL(51, 6)
#define ARM_SMMU_STRTAB_BASE_CFG	0x88
#define STRTAB_BASE_CFG_LOG2SIZE	GENMASK(5, 0)
#define STRTAB_BASE_CFG_SPLIT		GENMASK(10, 6)
#define STRTAB_BASE_CFG_FMT		GENMASK(17, 16)
#define  STRTAB_BASE_CFG_FMT_LINEAR	0x0
#define  STRTAB_BASE_CFG_FMT_2LVL	0x1

/* Queue base registers share one layout (IHI0070 6.3.20) */
#define Q_BASE_RWA			BIT_ULL(62)
#define Q_BASE_ADDR			GENMASK_ULL(51, 5)
#define Q_BASE_LOG2SIZE			GENMASK_ULL(4, 0)

#define ARM_SMMU_CMDQ_BASE		0x90
#define ARM_SMMU_CMDQ_PROD		0x98
#define ARM_SMMU_CMDQ_CONS		0x9c
#define CMDQ_CONS_ERR			GENMASK(30, 24)
#define  CMDQ_ERR_NONE			0x0
#define  CMDQ_ERR_CERROR_ILL		0x1
#define  CMDQ_ERR_CERROR_ABT		0x2
#define  CMDQ_ERR_CERROR_ATC_INV_SYNC	0x3

#define ARM_SMMU_EVTQ_BASE		0xa0
#define ARM_SMMU_EVTQ_PROD		0xa8	/* page 1 */
#define ARM_SMMU_EVTQ_CONS		0xac	/* page 1 */
#define ARM_SMMU_PRIQ_BASE		0xc0
#define ARM_SMMU_PRIQ_PROD		0xc8	/* page 1 */
#define ARM_SMMU_PRIQ_CONS		0xcc	/* page 1 */

#define ARM_SMMU_PAGE1			0x10000
/* IHI0070 6.1: the architected registers of a page end before 0xe00 */
#define ARM_SMMU_REG_WINDOW		0xe00

/* PROD.OVFLG / CONS.OVACKFLG of the output queues */
#define Q_OVERFLOW_FLAG			BIT(31)

/* IHI0070 5.1: a level-2 stream table holds 2^SPLIT entries; we use 8. */
#define ARM_SMMU_STRTAB_SPLIT		8
#define ARM_SMMU_STRTAB_L1_MAX_BITS	16	/* at most 64K level-1 descriptors */
#define ARM_SMMU_STRTAB_LINEAR_MAX_BITS	16

/* IHI0070 5.4.1: two-level CD tables with 4KB leaves (64 CDs each) */
#define ARM_SMMU_CD_L2_BITS		6
#define ARM_SMMU_CD_LINEAR_MAX_BITS	6

/* Commands (IHI0070 4). Two qwords each. */
#define CMDQ_ENT_DWORDS			2
#define EVTQ_ENT_DWORDS			4

#define CMD_0_OP			GENMASK_ULL(7, 0)
#define  CMDQ_OP_CFGI_STE		0x03
#define  CMDQ_OP_CFGI_STE_RANGE		0x04	/* Range 31: CFGI_ALL */
#define  CMDQ_OP_CFGI_CD		0x05
#define  CMDQ_OP_TLBI_NH_ASID		0x11
#define  CMDQ_OP_TLBI_NH_VA		0x12
#define  CMDQ_OP_TLBI_EL2_ALL		0x20
#define  CMDQ_OP_TLBI_S12_VMALL		0x28
#define  CMDQ_OP_TLBI_S2_IPA		0x2a
#define  CMDQ_OP_TLBI_NSNH_ALL		0x30
#define  CMDQ_OP_ATC_INV		0x40
#define  CMDQ_OP_PRI_RESP		0x41
#define  CMDQ_OP_RESUME			0x44
#define  CMDQ_OP_CMD_SYNC		0x46
#define CMD_0_SSV			BIT_ULL(11)
#define CMD_0_SSID			GENMASK_ULL(31, 12)
#define CMD_0_SID			GENMASK_ULL(63, 32)
#define CMD_1_LEAF			BIT_ULL(0)
#define CMD_1_CFGI_RANGE		GENMASK_ULL(4, 0)
#define CMD_0_TLBI_NUM			GENMASK_ULL(16, 12)
#define CMD_0_TLBI_SCALE		GENMASK_ULL(24, 20)
#define CMD_0_TLBI_VMID			GENMASK_ULL(47, 32)
#define CMD_0_TLBI_ASID			GENMASK_ULL(63, 48)
#define CMD_1_TLBI_TTL			GENMASK_ULL(9, 8)
#define CMD_1_TLBI_TG			GENMASK_ULL(11, 10)
#define CMD_1_TLBI_VA			GENMASK_ULL(63, 12)
#define CMD_1_TLBI_IPA			GENMASK_ULL(51, 12)
#define CMD_1_ATC_SIZE			GENMASK_ULL(5, 0)
#define  ATC_SIZE_ALL			52
#define CMD_1_ATC_ADDR			GENMASK_ULL(63, 12)
/* IHI0070 4.7.1: Action 1 retries; Action 0 terminates, aborting if Abort */
#define CMD_0_RESUME_ACTION		BIT_ULL(12)
#define CMD_0_RESUME_ABORT		BIT_ULL(13)
#define CMD_1_RESUME_STAG		GENMASK_ULL(15, 0)
/* IHI0070 4.5.2 CMD_PRI_RESP; Resp codes become PRG codes as 8.3 lists */
#define CMD_1_PRI_PRGI			GENMASK_ULL(8, 0)
#define CMD_1_PRI_RESP			GENMASK_ULL(13, 12)
#define  PRI_RESP_FAILURE		0x0	/* Response Failure, 0b1111 */
#define  PRI_RESP_INVALID		0x1	/* Invalid Request, 0b0001 */
#define  PRI_RESP_SUCCESS		0x2	/* Success, 0b0000 */
#define CMD_0_SYNC_CS			GENMASK_ULL(13, 12)
#define  SYNC_CS_NONE			0x0
#define  SYNC_CS_IRQ			0x1
#define CMD_0_SYNC_MSH			GENMASK_ULL(23, 22)
#define CMD_0_SYNC_MSIATTR		GENMASK_ULL(27, 24)
#define  SYNC_MSIATTR_WB		0xf	/* Inner+Outer write-back, RW-allocate */
#define CMD_0_SYNC_MSIDATA		GENMASK_ULL(63, 32)
#define CMD_1_SYNC_MSIADDR		GENMASK_ULL(51, 2)

/* Event records (IHI0070 7.3) */
#define EVT_0_ID			GENMASK_ULL(7, 0)
#define EVT_0_SSV			BIT_ULL(11)
#define EVT_0_SSID			GENMASK_ULL(31, 12)
#define EVT_0_SID			GENMASK_ULL(63, 32)
#define EVT_1_STAG			GENMASK_ULL(15, 0)
#define EVT_1_STALL			BIT_ULL(31)
#define EVT_1_PNU			BIT_ULL(33)
#define EVT_1_IND			BIT_ULL(34)
#define EVT_1_RNW			BIT_ULL(35)
#define EVT_1_S2			BIT_ULL(39)
#define EVT_1_CLASS			GENMASK_ULL(41, 40)
#define EVT_3_FETCH_ADDR		GENMASK_ULL(51, 3)

/*
 * PRI queue entries (IHI0070 8). The layout is a figure in the
 * specification; the chapter 8 text names the fields, Linux 6.12's PRIQ_*
 * definitions and the software model's reading place them.
 */
#define PRIQ_ENT_DWORDS			2
#define PRIQ_0_SID			GENMASK_ULL(31, 0)
#define PRIQ_0_SSID			GENMASK_ULL(51, 32)
#define PRIQ_0_PRIV			BIT_ULL(58)
#define PRIQ_0_EXEC			BIT_ULL(59)
#define PRIQ_0_READ			BIT_ULL(60)
#define PRIQ_0_WRITE			BIT_ULL(61)
#define PRIQ_0_LAST			BIT_ULL(62)
#define PRIQ_0_SSV			BIT_ULL(63)
#define PRIQ_1_PRGI			GENMASK_ULL(8, 0)
#define PRIQ_1_ADDR			GENMASK_ULL(63, 12)

#define EVT_ID_F_UUT			0x01
#define EVT_ID_C_BAD_STREAMID		0x02
#define EVT_ID_F_STE_FETCH		0x03
#define EVT_ID_C_BAD_STE		0x04
#define EVT_ID_F_BAD_ATS_TREQ		0x05
#define EVT_ID_F_STREAM_DISABLED	0x06
#define EVT_ID_F_TRANSL_FORBIDDEN	0x07
#define EVT_ID_C_BAD_SUBSTREAMID	0x08
#define EVT_ID_F_CD_FETCH		0x09
#define EVT_ID_C_BAD_CD			0x0a
#define EVT_ID_F_WALK_EABT		0x0b
#define EVT_ID_F_TRANSLATION		0x10
#define EVT_ID_F_ADDR_SIZE		0x11
#define EVT_ID_F_ACCESS			0x12
#define EVT_ID_F_PERMISSION		0x13
#define EVT_ID_F_TLB_CONFLICT		0x20
#define EVT_ID_F_CFG_CONFLICT		0x21
#define EVT_ID_E_PAGE_REQUEST		0x24
#define EVT_ID_F_VMS_FETCH		0x25

/**
 * struct arm_smmu_cmd - one command, already encoded
 * @data: the two little-endian qwords as the SMMU reads them
 */
struct arm_smmu_cmd {
	__le64 data[CMDQ_ENT_DWORDS];
};

/* Pure command encoders (arm-smmu-v3-cmdq.c) */
void arm_smmu_cmd_cfgi_ste(struct arm_smmu_cmd *cmd, u32 sid);
void arm_smmu_cmd_cfgi_all(struct arm_smmu_cmd *cmd);
void arm_smmu_cmd_cfgi_cd(struct arm_smmu_cmd *cmd, u32 sid, u32 ssid);
void arm_smmu_cmd_tlbi_nh_asid(struct arm_smmu_cmd *cmd, u16 asid);
void arm_smmu_cmd_tlbi_s12_vmall(struct arm_smmu_cmd *cmd, u16 vmid);
void arm_smmu_cmd_tlbi_nsnh_all(struct arm_smmu_cmd *cmd);
void arm_smmu_cmd_tlbi_el2_all(struct arm_smmu_cmd *cmd);
void arm_smmu_cmd_tlbi_nh_va(struct arm_smmu_cmd *cmd, u16 asid, u64 va,
			     bool leaf, u8 tg, u8 num, u8 scale, u8 ttl);
void arm_smmu_cmd_tlbi_s2_ipa(struct arm_smmu_cmd *cmd, u16 vmid, u64 ipa,
			      bool leaf, u8 tg, u8 num, u8 scale, u8 ttl);
void arm_smmu_cmd_resume(struct arm_smmu_cmd *cmd, u32 sid, u16 stag,
			 bool terminate);
void arm_smmu_cmd_atc_inv(struct arm_smmu_cmd *cmd, u32 sid, u32 ssid,
			  bool ssv, u64 addr, u8 size);
void arm_smmu_cmd_pri_resp(struct arm_smmu_cmd *cmd, u32 sid, u32 ssid,
			   bool ssv, u16 prgi, u8 resp);
void arm_smmu_cmd_atc_inv_all(struct arm_smmu_cmd *cmd, u32 sid, u32 ssid,
			      bool ssv);
void arm_smmu_cmd_sync(struct arm_smmu_cmd *cmd, dma_addr_t msi_addr,
		       u32 msi_data);

/*
 * Queue positions. The SMMU sees an index and a wrap bit (the bit just above
 * the index) in PROD/CONS; the driver counts commands in a u64 that never
 * wraps and derives the register value from it.
 */
static inline u32 arm_smmu_q_reg(u32 shift, u64 pos)
{
	return pos & GENMASK(shift, 0);
}

static inline u32 arm_smmu_q_idx(u32 shift, u32 reg)
{
	return reg & GENMASK(shift - 1, 0);
}

/* Entries between @cons and @prod, both as register values. */
static inline u32 arm_smmu_q_used(u32 shift, u32 prod, u32 cons)
{
	return (prod - cons) & GENMASK(shift, 0);
}

u64 arm_smmu_q_cons_pos(u32 shift, u64 prod_pos, u32 cons_reg);

/**
 * struct arm_smmu_tlbi_range - one range invalidation command's span
 * @num: NUM field (number of blocks minus one)
 * @scale: SCALE field (blocks are 2^SCALE granules)
 * @pages: granules covered
 */
struct arm_smmu_tlbi_range {
	u8	num;
	u8	scale;
	u64	pages;
};

u8 arm_smmu_tlbi_ttl(unsigned int tg_shift, unsigned int size_shift, bool leaf);
unsigned int arm_smmu_tlbi_split(u64 pages, struct arm_smmu_tlbi_range *out,
				 unsigned int max);

/**
 * struct arm_smmu_queue - a circular queue in memory shared with the SMMU
 * @base: the entries
 * @base_dma: their bus address
 * @shift: log2 of the number of entries
 * @ent_dwords: qwords per entry
 * @prod_reg: PROD register
 * @cons_reg: CONS register
 * @base_reg: value programmed into the queue's BASE register
 */
struct arm_smmu_queue {
	__le64		*base;
	dma_addr_t	base_dma;
	u32		shift;
	u32		ent_dwords;
	u32 __iomem	*prod_reg;
	u32 __iomem	*cons_reg;
	u64		base_reg;
};

/**
 * struct arm_smmu_cmdq - the command queue, written without a lock
 * @q: the queue
 * @reserved: positions below are claimed by a submitter (cmpxchg)
 * @published: positions below have been written to PROD; advanced only by
 *	       the submitter whose batch starts at it (release/acquire)
 * @cons_seen: a consumer position the SMMU has reached (only grows)
 * @batch_end: per slot, the end position of the batch that starts there,
 *	       stored once the batch's commands are in the queue
 * @sync_word: where CMD_SYNC writes its MSI data when @use_msi
 * @sync_word_dma: its bus address
 * @use_msi: complete CMD_SYNC by MSI write-back instead of polling CONS;
 *	     cleared for good when such a write aborts
 * @dead: the SMMU was declared dead (it consumed nothing for @dead_us, or
 *	  entered service failure mode): submissions fail at once
 * @dead_us: how long a waiter lets CONS stand still, after its first
 *	     timeout, before declaring the SMMU dead; 0 for the default
 * @nr_refused: commands refused since the SMMU was declared dead
 *
 * The protocol is described at the top of arm-smmu-v3-cmdq.c.
 */
struct arm_smmu_cmdq {
	struct arm_smmu_queue	q;
	atomic64_t		reserved;
	atomic64_t		published ____cacheline_aligned;
	atomic64_t		cons_seen;
	u64			*batch_end;
	u32			*sync_word;
	dma_addr_t		sync_word_dma;
	bool			use_msi;
	atomic_t		dead;
	unsigned int		dead_us;
	atomic_long_t		nr_refused;
};

/**
 * struct arm_smmu_evtq - the event queue, read by the event IRQ thread only
 * @q: the queue
 * @cons: CONS value last written (index, wrap and OVACKFLG)
 * @nr_events: records consumed since probe
 * @nr_overflows: overflow episodes seen since probe (IHI0070 7.4: one
 *	OVFLG toggle each, however many records were lost in it)
 * @report_rs: how many events are printed; the others are not even
 *	formatted, so that a device faulting in a loop costs little CPU
 */
struct arm_smmu_evtq {
	struct arm_smmu_queue	q;
	u32			cons;
	unsigned long		nr_events;
	unsigned long		nr_overflows;
	struct ratelimit_state	report_rs;
};

/**
 * struct arm_smmu_priq - the PRI queue, read by the PRI IRQ thread only
 * @q: the queue; @q.base is NULL when the driver does not use PRI
 * @cons: CONS value last written (index, wrap and OVACKFLG)
 * @batch: entries copied out of the queue before their slots are handed
 *	   back, so that no response precedes the free slot (IHI0070 8)
 */
struct arm_smmu_priq {
	struct arm_smmu_queue	q;
	u32			cons;
	__le64			(*batch)[PRIQ_ENT_DWORDS];
};

/**
 * struct arm_smmu_features - what the ID registers say, before policy
 * @s1: stage 1 translation
 * @s2: stage 2 translation
 * @coherent: COHACC, table walks and queues may be cacheable
 * @asid_bits: 8 or 16
 * @vmid_bits: 8 or 16
 * @strtab_2lvl: two-level stream table supported
 * @cd_2lvl: two-level CD tables supported
 * @sid_bits: SIDSIZE
 * @ssid_bits: SSIDSIZE
 * @cmdq_shift: log2 command queue entries
 * @evtq_shift: log2 event queue entries
 * @priq_shift: log2 PRI queue entries
 * @ril: range invalidation
 * @oas: output address size in bits
 * @pgsize_bitmap: page and block sizes of the supported granules
 * @hyp: EL2 translation regime (TLBI_EL2_*)
 * @msi: MSIs, hence CMD_SYNC MSI write-back
 * @ats: PCIe ATS
 * @pri: PCIe PRI
 * @httu: hardware access flag / dirty state updates (IDR0_HTTU_*)
 * @stall_model: IDR0_STALL_MODEL_*
 * @vax: 52-bit input addresses (IDR5.VAX)
 */
struct arm_smmu_features {
	bool		s1;
	bool		s2;
	bool		coherent;
	u8		asid_bits;
	u8		vmid_bits;
	bool		strtab_2lvl;
	bool		cd_2lvl;
	u8		sid_bits;
	u8		ssid_bits;
	u8		cmdq_shift;
	u8		evtq_shift;
	u8		priq_shift;
	bool		ril;
	u8		oas;
	unsigned long	pgsize_bitmap;
	bool		hyp;
	bool		msi;
	bool		ats;
	bool		pri;
	u8		httu;
	u8		stall_model;
	bool		vax;
};

/**
 * struct arm_smmu_event - a decoded event record
 * @id: event type
 * @name: its architectural name, "UNKNOWN" if not one
 * @sid: StreamID
 * @ssid: SubstreamID, meaningful when @ssv
 * @ssv: @ssid is valid
 * @has_addr: @addr is the faulting input address
 * @addr: input address or fetch address
 * @has_access: @read, @priv, @exec, @stall are meaningful
 * @read: read access (else write)
 * @priv: privileged
 * @exec: instruction fetch
 * @stall: the transaction is stalled and waits for CMD_RESUME
 * @stag: stall tag
 * @s2: the fault came from stage 2
 */
struct arm_smmu_event {
	u8		id;
	const char	*name;
	u32		sid;
	u32		ssid;
	bool		ssv;
	bool		has_addr;
	u64		addr;
	bool		has_access;
	bool		read;
	bool		priv;
	bool		exec;
	bool		stall;
	u16		stag;
	bool		s2;
};

/**
 * struct arm_smmu_strtab - the stream table
 * @two_level: format
 * @linear: linear table
 * @l1: level-1 descriptors of a two-level table
 * @l2: level-2 tables, allocated on first use; NULL until then
 * @dma: bus address of @linear or @l1
 * @num_l1: level-1 descriptors
 * @sid_bits: StreamIDs the table covers
 * @base_cfg: STRTAB_BASE_CFG value
 * @l2_lock: serialises allocation of level-2 tables
 */
struct arm_smmu_strtab {
	bool			two_level;
	struct arm_smmu_ste	*linear;
	__le64			*l1;
	struct arm_smmu_ste	**l2;
	dma_addr_t		dma;
	u32			num_l1;
	u32			sid_bits;
	u32			base_cfg;
	struct mutex		l2_lock;	/* level-2 allocation */
};

/* Index math of the two-level stream table (pure; KUnit tests it) */
static inline u32 arm_smmu_strtab_l1_idx(u32 sid)
{
	return sid >> ARM_SMMU_STRTAB_SPLIT;
}

static inline u32 arm_smmu_strtab_l2_idx(u32 sid)
{
	return sid & GENMASK(ARM_SMMU_STRTAB_SPLIT - 1, 0);
}

/**
 * struct arm_smmu_device - one SMMU
 * @dev: its platform device
 * @base: registers
 * @page1: page 1 of the registers (== @base with the page-0-only quirk)
 * @feat: hardware features
 * @coherent: walks and queues are cache coherent (COHACC and firmware)
 * @sid_bits: StreamIDs accepted, limited by the stream table
 * @bypass_unknown: StreamIDs without a master bypass (else they abort)
 * @httu_overridden: @httu comes from firmware, not IDR0.HTTU
 * @httu: HTTU as the driver uses it: IDR0.HTTU, or firmware's override
 * @sync_full_batches: a batch that fills up goes out with a CMD_SYNC
 *		       (Arm MMU-700 erratum 2812531)
 * @sfm_work: fails the SMMU (arm_smmu_device_fail()) after it entered
 *	      service failure mode
 * @cmdq: command queue
 * @evtq: event queue
 * @priq: PRI queue (CONFIG_IOMMU_IOPF and IDR0.PRI)
 * @iopfq: the IOMMU core's fault queue for this SMMU's masters, NULL when
 *	   it cannot fault recoverably (no stall model 0, no PRI queue)
 * @iopf_lock: the "iopf lock": held by the event and PRI threads while
 *	       they look a master up and report its fault, and by whoever
 *	       turns a master's IOPF on or off (Documentation/locking.rst)
 * @strtab: stream table
 * @asid_ida: ASIDs in use (allocate/free under arm_smmu_asid_lock)
 * @vmid_ida: VMIDs in use
 * @streams: StreamID -> struct arm_smmu_master, for duplicate checks and
 *	     event reports (xa_lock)
 * @iommu: the IOMMU core's handle
 * @evtq_irq: event queue interrupt (wired or MSI), or 0
 * @priq_irq: PRI queue interrupt (wired or MSI), or 0
 * @gerr_irq: global error interrupt (wired or MSI), or 0
 * @combined_irq: wired combined interrupt, or 0
 * @msi_irqs: @evtq_irq, @priq_irq and @gerr_irq are MSIs the SMMU writes
 *	      itself
 * @node: entry of the driver's list of SMMUs
 */
struct arm_smmu_device {
	struct device		*dev;
	void __iomem		*base;
	void __iomem		*page1;
	struct arm_smmu_features feat;
	bool			coherent;
	u32			sid_bits;
	bool			bypass_unknown;
	bool			httu_overridden;
	u8			httu;
	bool			sync_full_batches;
	struct work_struct	sfm_work;
	struct arm_smmu_cmdq	cmdq;
	struct arm_smmu_evtq	evtq;
	struct arm_smmu_priq	priq;
	struct iopf_queue	*iopfq;
	struct mutex		iopf_lock;	/* masters' iopf_enabled, reports */
	struct arm_smmu_strtab	strtab;
	struct ida		asid_ida;
	struct ida		vmid_ida;
	struct xarray		streams;
	struct iommu_device	iommu;
	int			evtq_irq;
	int			priq_irq;
	int			gerr_irq;
	int			combined_irq;
	bool			msi_irqs;
	struct list_head	node;
};

/**
 * struct arm_smmu_regs - where an SMMU's registers are
 * @page0: register page 0 (IHI0070 6.1), offsets up to ARM_SMMU_REG_WINDOW
 * @page1: register page 1, or @page0 where the implementation has only
 *	   page 0 (Cavium CN99xx)
 * @phys: bus address of page 0, names the SMMU in sysfs
 * @httu_overridden: firmware says which HTTU features are usable (IORT)
 * @httu: what it says, IDR0_HTTU_*
 */
struct arm_smmu_regs {
	void __iomem	*page0;
	void __iomem	*page1;
	phys_addr_t	phys;
	bool		httu_overridden;
	u8		httu;
};

/**
 * struct arm_smmu_cdtab - a master's CD table
 * @linear: linear table, or NULL
 * @l1: level-1 descriptors of a two-level table, or NULL
 * @l2: leaves, NULL until allocated
 * @l2_dma: bus addresses of @l2
 * @dma: bus address of @linear or @l1
 * @ssid_bits: log2 of the number of CDs
 * @num_l1: level-1 descriptors
 */
struct arm_smmu_cdtab {
	struct arm_smmu_cd	*linear;
	__le64			*l1;
	struct arm_smmu_cd	**l2;
	dma_addr_t		*l2_dma;
	dma_addr_t		dma;
	u32			ssid_bits;
	u32			num_l1;
};

/**
 * struct arm_smmu_master - a device behind the SMMU
 * @smmu: its SMMU
 * @dev: the device
 * @sids: its StreamIDs (from the fwspec)
 * @num_sids: how many
 * @cdtab: its CD table (stage 1 only)
 * @ssid_bits: SubstreamIDs it may use: PASIDs 1 to 2^@ssid_bits - 1
 * @pasid_enabled: the driver enabled the PCI function's PASID capability
 * @domain: the domain attached at SSID 0 (iommu group mutex)
 * @attach0: its entry in a paging domain's devices list, or NULL
 * @pasids: PASID -> its struct arm_smmu_attach (iommu group mutex;
 *	    changed under arm_smmu_asid_lock too)
 * @nr_pasids: entries in @pasids; while non-zero the STE is in CD table
 *	       form whatever @domain is
 * @ats_supported: a PCI function with ATS behind a root complex and an SMMU
 *		   that both support it (probe_device)
 * @ats_on: its STEs have EATS set and its devices list entries count as
 *	    ATS ones (iommu group mutex; changed under arm_smmu_asid_lock)
 * @ats_enabled: the driver set ATS Enable in the function
 * @sva_enabled: IOMMU_DEV_FEAT_SVA is on: SVA domains may be made for it
 * @stall_capable: a "dma-can-stall" device on an SMMU with stall model 0
 *		   and IOPF: its STEs let CDs stall (S1STALLD clear)
 * @pri_capable: a PCI function with PRI and ATS on an SMMU whose PRI queue
 *		 the driver runs
 * @pri_needs_pasid: the function's PRG Response PASID Required
 * @iopf_enabled: IOMMU_DEV_FEAT_IOPF is on: the master is on the SMMU's
 *		  iopf queue and its recoverable faults are reported (changed
 *		  under the iopf lock and arm_smmu_asid_lock, read under either)
 * @pri_enabled: the driver set PRI Enable in the function (as
 *		 @iopf_enabled)
 */
struct arm_smmu_master {
	struct arm_smmu_device	*smmu;
	struct device		*dev;
	u32			*sids;
	unsigned int		num_sids;
	struct arm_smmu_cdtab	cdtab;
	u32			ssid_bits;
	bool			pasid_enabled;
	struct iommu_domain	*domain;
	struct arm_smmu_attach	*attach0;
	struct xarray		pasids;
	unsigned int		nr_pasids;
	bool			ats_supported;
	bool			ats_on;
	bool			ats_enabled;
	bool			sva_enabled;
	bool			stall_capable;
	bool			pri_capable;
	bool			pri_needs_pasid;
	bool			iopf_enabled;
	bool			pri_enabled;
};

enum arm_smmu_stage {
	ARM_SMMU_STAGE_1,
	ARM_SMMU_STAGE_2,
};

/**
 * struct arm_smmu_attach - one (master, SSID) a domain is installed at
 * @node: entry of arm_smmu_domain.devices
 * @master: the master
 * @domain: the domain whose list holds it
 * @ssid: the SubstreamID (0: the device's own traffic)
 * @ats: the master may hold translations of it in its ATC; fixed when
 *	 the entry is linked
 */
struct arm_smmu_attach {
	struct list_head	node;
	struct arm_smmu_master	*master;
	struct arm_smmu_domain	*domain;
	u32			ssid;
	bool			ats;
};

/**
 * struct arm_smmu_domain - a paging domain
 * @domain: the core's domain
 * @smmu: the SMMU whose tables it is installed in; NULL until the first
 *	  attach for a domain allocated without a device
 * @stage: translation stage
 * @pgtbl_ops: its io-pgtable
 * @asid: stage 1 ASID (allocated under arm_smmu_asid_lock)
 * @cd_cfg: stage 1 CD parameters
 * @vmid: stage 2 VMID
 * @s2_cfg: stage 2 STE parameters
 * @init_lock: serialises choosing @smmu for a domain allocated without a
 *	       device (finalised at its first attach)
 * @devices_lock: the "domain devices lock": protects @devices
 * @devices: struct arm_smmu_attach entries, one per (master, SSID)
 * @nr_ats: entries of @devices with @ats set; changed under
 *          @devices_lock, read without it by the invalidation paths
 * @dirty_tracking: the SMMU records writes in the page table (CD.HD) for
 *		    iommufd's dirty tracking
 * @released: SVA: the address space went away; its CDs walk nothing
 *	      (arm_smmu_asid_lock)
 */
struct arm_smmu_domain {
	struct iommu_domain		domain;
	struct arm_smmu_device		*smmu;
	enum arm_smmu_stage		stage;
	struct io_pgtable_ops		*pgtbl_ops;
	u16				asid;
	struct arm_smmu_cd_s1_cfg	cd_cfg;
	u16				vmid;
	struct arm_smmu_ste_s2_cfg	s2_cfg;
	struct mutex			init_lock;	/* @smmu and all it decides */
	spinlock_t			devices_lock;	/* @devices, @nr_ats */
	struct list_head		devices;
	atomic_t			nr_ats;
	bool				dirty_tracking;
	bool				released;
};

/*
 * An address size in bits from its 3-bit encoding, shared by IDR5.OAS,
 * CD.IPS and STE.S2PS (IHI0070 6.3.6, 5.4, 5.2); 0 for a reserved value
 */
static inline u8 arm_smmu_addr_size_bits(u32 enc)
{
	static const u8 bits[] = { 32, 36, 40, 42, 44, 48, 52 };

	return enc < ARRAY_SIZE(bits) ? bits[enc] : 0;
}

/* Stream table and CD tables (arm-smmu-v3-tables.c) */
int arm_smmu_strtab_init(struct arm_smmu_device *smmu, bool force_l2_strtab,
			 unsigned int strtab_linear_bits);
int arm_smmu_strtab_prepare(struct arm_smmu_device *smmu, u32 sid);
struct arm_smmu_ste *arm_smmu_get_ste(struct arm_smmu_device *smmu, u32 sid);
void arm_smmu_write_ste(struct arm_smmu_device *smmu, u32 sid,
			struct arm_smmu_ste *ste,
			const struct arm_smmu_ste *target, bool live);
void arm_smmu_install_ste(struct arm_smmu_master *master,
			  const struct arm_smmu_ste *target);
int arm_smmu_cdtab_alloc(struct arm_smmu_master *master);
void arm_smmu_cdtab_free(struct arm_smmu_master *master);
void arm_smmu_make_cdtab_ste(struct arm_smmu_master *master, u8 s1dss,
			     bool ats, struct arm_smmu_ste *ste);

/* The SMMU (arm-smmu-v3.c) and its iommu_ops (arm-smmu-v3-domain.c) */
struct arm_smmu_device *arm_smmu_from_fwnode(struct fwnode_handle *fwnode);
extern const struct iommu_ops arm_smmu_ops;

static inline struct arm_smmu_domain *to_smmu_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct arm_smmu_domain, domain);
}

/* Domains and attach (arm-smmu-v3-domain.c) */
int arm_smmu_domain_bind(struct arm_smmu_domain *d,
			 struct arm_smmu_device *smmu);
void arm_smmu_domain_init(struct arm_smmu_domain *d,
			  const struct iommu_domain_ops *ops);
int arm_smmu_domain_alloc_id(struct arm_smmu_domain *d);
void arm_smmu_domain_release_id(struct arm_smmu_domain *d);
void arm_smmu_domain_free_id(struct arm_smmu_domain *d);
void arm_smmu_domain_inv_range(struct arm_smmu_domain *d, unsigned long iova,
			       size_t size, size_t granule, bool leaf);
int arm_smmu_rid_ste(struct arm_smmu_master *master,
		     struct iommu_domain *domain, bool pasids,
		     struct arm_smmu_ste *ste);

/* ATS (arm-smmu-v3-ats.c) */
bool arm_smmu_master_ats_supported(struct arm_smmu_master *master);
bool arm_smmu_ats_wanted(struct arm_smmu_master *master,
			 struct iommu_domain *domain, unsigned int nr_pasids);
void arm_smmu_ats_before_ste(struct arm_smmu_master *master, bool ats);
void arm_smmu_ats_after_ste(struct arm_smmu_master *master, bool ats);
void arm_smmu_master_atc_inv(struct arm_smmu_master *master, u32 ssid);

/*
 * The CD of a stage 1 domain at a master: its stall bit included, walking
 * nothing once an SVA domain's address space is gone
 */
void arm_smmu_master_make_cd(struct arm_smmu_master *master,
			     struct arm_smmu_domain *d, struct arm_smmu_cd *cd);

/*
 * I/O page faults (arm-smmu-v3-iopf.c), built with CONFIG_IOMMU_IOPF only.
 * Without it nothing faults recoverably: no master is stall or PRI
 * capable, the PRI queue stays disabled (the SMMU then answers every Page
 * Request with Response Failure itself, IHI0070 8.2) and stalls are
 * terminated.
 */
#if IS_ENABLED(CONFIG_IOMMU_IOPF)
/* The SMMU: probe, and its two fault paths (event thread, PRI thread) */
int arm_smmu_iopf_init(struct arm_smmu_device *smmu);
bool arm_smmu_iopf_stall(struct arm_smmu_device *smmu,
			 const struct arm_smmu_event *evt);
irqreturn_t arm_smmu_priq_thread(int irq, void *cookie);
/* A master: probe_device, IOMMU_DEV_FEAT_IOPF, release_device */
void arm_smmu_iopf_master_probe(struct arm_smmu_master *master);
int arm_smmu_master_enable_iopf(struct arm_smmu_master *master);
int arm_smmu_master_disable_iopf(struct arm_smmu_master *master);
void arm_smmu_iopf_master_release(struct arm_smmu_master *master);
void arm_smmu_iopf_sync(struct arm_smmu_device *smmu);
void arm_smmu_iopf_flush(struct arm_smmu_master *master,
			 struct iommu_domain *domain);
/* iommu_ops */
void arm_smmu_page_response(struct device *dev, struct iopf_fault *evt,
			    struct iommu_page_response *msg);
#else
static inline int arm_smmu_iopf_init(struct arm_smmu_device *smmu)
{
	return 0;
}

static inline void arm_smmu_iopf_master_probe(struct arm_smmu_master *master)
{
}

static inline void
arm_smmu_iopf_master_release(struct arm_smmu_master *master)
{
}

static inline void arm_smmu_iopf_sync(struct arm_smmu_device *smmu)
{
}

static inline void arm_smmu_iopf_flush(struct arm_smmu_master *master,
				       struct iommu_domain *domain)
{
}

static inline int arm_smmu_master_enable_iopf(struct arm_smmu_master *master)
{
	return -ENODEV;
}

static inline int arm_smmu_master_disable_iopf(struct arm_smmu_master *master)
{
	return -ENODEV;
}

static inline bool arm_smmu_iopf_stall(struct arm_smmu_device *smmu,
				       const struct arm_smmu_event *evt)
{
	return false;
}

static inline irqreturn_t arm_smmu_priq_thread(int irq, void *cookie)
{
	return IRQ_NONE;
}

#define arm_smmu_page_response	NULL
#endif

/**
 * arm_smmu_cd_stalls() - may faults of @domain's CD at @master stall
 * @master: the master
 * @domain: the domain about to be installed in one of its CDs
 *
 * Only a domain that handles recoverable faults (an iopf handler: SVA,
 * iommufd's fault-capable domains) stalls, and only on a master whose
 * IOPF is enabled and that can stall (IHI0070 3.12.2, 5.4 CD.S). Faults
 * of other domains are terminated at once, as without IOPF.
 *
 * Context: arm_smmu_asid_lock held (it keeps @master->iopf_enabled).
 */
static inline bool arm_smmu_cd_stalls(struct arm_smmu_master *master,
				      struct iommu_domain *domain)
{
	return master->stall_capable && master->iopf_enabled &&
	       domain->iopf_handler;
}

/* PASIDs (arm-smmu-v3-pasid.c) */
u32 arm_smmu_master_pasid_bits(struct arm_smmu_master *master);
void arm_smmu_master_pasid_release(struct arm_smmu_master *master);
int arm_smmu_set_dev_pasid(struct iommu_domain *domain, struct device *dev,
			   ioasid_t pasid, struct iommu_domain *old);
/*
 * What the ops tables name: the core's set_dev_pasid() has @old only in
 * some 6.12 stable releases (Kbuild sets ARM_SMMU_CORE_PASID_OLD for them)
 */
#ifdef ARM_SMMU_CORE_PASID_OLD
#define arm_smmu_set_dev_pasid_op arm_smmu_set_dev_pasid
#else
int arm_smmu_set_dev_pasid_op(struct iommu_domain *domain, struct device *dev,
			      ioasid_t pasid);
#endif
void arm_smmu_remove_dev_pasid(struct device *dev, ioasid_t pasid,
			       struct iommu_domain *domain);

/*
 * SVA (arm-smmu-v3-sva.c): built where the kernel has IOMMU_SVA and MMU
 * notifiers (not Debian's arm64 kernel, which has no ARM_SMMU_V3_SVA)
 */
#define ARM_SMMU_V3_SVA	(IS_ENABLED(CONFIG_IOMMU_SVA) && \
			 IS_ENABLED(CONFIG_MMU_NOTIFIER))
#if ARM_SMMU_V3_SVA
const char *arm_smmu_sva_unsupported(struct arm_smmu_device *smmu);
struct iommu_domain *arm_smmu_domain_alloc_sva(struct device *dev,
					       struct mm_struct *mm);
int arm_smmu_master_sva_enable(struct arm_smmu_master *master);
int arm_smmu_master_sva_disable(struct arm_smmu_master *master);
void arm_smmu_sva_drain(void);
#else
static inline int arm_smmu_master_sva_enable(struct arm_smmu_master *master)
{
	return -ENODEV;
}

static inline int arm_smmu_master_sva_disable(struct arm_smmu_master *master)
{
	return -EINVAL;
}

static inline void arm_smmu_sva_drain(void) { }
#endif

/*
 * For attaching at SSIDs other than 0 (PASID, SVA): prepare the CD, write it
 * under arm_smmu_asid_lock, add a struct arm_smmu_attach for (master, SSID)
 * to the domain's devices list with arm_smmu_domain_link().
 */
extern struct mutex arm_smmu_asid_lock;
int arm_smmu_cdtab_prepare(struct arm_smmu_master *master, u32 ssid);
void arm_smmu_write_cd(struct arm_smmu_master *master, u32 ssid,
		       const struct arm_smmu_cd *target);
struct arm_smmu_attach *arm_smmu_attach_alloc(struct arm_smmu_master *master,
					      struct arm_smmu_domain *d,
					      u32 ssid);
void arm_smmu_domain_link(struct arm_smmu_domain *d,
			  struct arm_smmu_attach *att);
void arm_smmu_domain_unlink(struct arm_smmu_domain *d,
			    struct arm_smmu_attach *att);
void arm_smmu_domain_inv_all(struct arm_smmu_domain *d);

/**
 * struct arm_smmu_irq_cfg - the three MSI configuration registers
 * @cfg0: IRQ_CFG0 (doorbell address)
 * @cfg1: IRQ_CFG1 (data)
 * @cfg2: IRQ_CFG2 (shareability and memory type of the write)
 */
struct arm_smmu_irq_cfg {
	u64	cfg0;
	u32	cfg1;
	u32	cfg2;
};

/* Command queue (arm-smmu-v3-cmdq.c) */
int arm_smmu_queue_alloc(struct arm_smmu_device *smmu,
			 struct arm_smmu_queue *q, u32 ent_dwords,
			 void __iomem *regs, unsigned long prod_off,
			 unsigned long cons_off);
int arm_smmu_cmdq_init(struct arm_smmu_device *smmu);
void arm_smmu_cmdq_reset(struct arm_smmu_device *smmu);
int arm_smmu_cmdq_issue(struct arm_smmu_device *smmu,
			const struct arm_smmu_cmd *cmds, unsigned int n,
			bool sync);
void arm_smmu_cmdq_handle_error(struct arm_smmu_device *smmu);
void arm_smmu_cmdq_msi_aborted(struct arm_smmu_device *smmu);
bool arm_smmu_cmdq_kill(struct arm_smmu_device *smmu, const char *why);
/* In arm-smmu-v3.c: an SMMU that stopped working is turned off for good */
void arm_smmu_device_fail(struct arm_smmu_device *smmu, const char *why);
#if IS_ENABLED(CONFIG_KUNIT)
/* The three steps of arm_smmu_cmdq_issue(), for the queue model tests */
int arm_smmu_cmdq_claim(struct arm_smmu_cmdq *cmdq, u32 total, u64 *start,
			unsigned long *flags);
u64 arm_smmu_cmdq_fill(struct arm_smmu_cmdq *cmdq, u64 start,
		       const struct arm_smmu_cmd *cmds, unsigned int n,
		       bool sync);
bool arm_smmu_cmdq_try_publish(struct arm_smmu_cmdq *cmdq, u64 start,
			       u64 end);
#endif

/**
 * struct arm_smmu_batch - commands gathered before one submission
 * @smmu: where they go
 * @n: commands in @cmds
 * @cmds: the commands
 */
struct arm_smmu_batch {
	struct arm_smmu_device	*smmu;
	unsigned int		n;
	struct arm_smmu_cmd	cmds[32];
};

void arm_smmu_batch_add(struct arm_smmu_batch *batch,
			const struct arm_smmu_cmd *cmd);
int arm_smmu_batch_submit(struct arm_smmu_batch *batch);

static inline void arm_smmu_batch_init(struct arm_smmu_batch *batch,
				       struct arm_smmu_device *smmu)
{
	batch->smmu = smmu;
	batch->n = 0;
}

#if IS_ENABLED(CONFIG_KUNIT)
/* Pure parts of the driver, static without KUnit */
int arm_smmu_parse_idr(const u32 *idr, struct arm_smmu_features *f,
		       const char **why);
const char *arm_smmu_event_name(u8 id);
void arm_smmu_decode_event(const __le64 *raw, struct arm_smmu_event *evt);
int arm_smmu_format_event(const struct arm_smmu_event *evt, char *buf,
			  size_t len);
u64 arm_smmu_strtab_l1_desc(dma_addr_t l2_dma);
int arm_smmu_msi_irq_cfg(struct arm_smmu_irq_cfg *cfg, u64 addr, u32 data);
/* The seam for an SMMU whose registers are not MMIO (the KUnit model) */
int arm_smmu_probe_at(struct platform_device *pdev,
		      const struct arm_smmu_regs *regs);
void arm_smmu_device_remove(struct platform_device *pdev);
void arm_smmu_domain_inv_atc(struct arm_smmu_domain *d,
			     struct arm_smmu_batch *batch, u64 iova,
			     size_t size);
#endif

#endif /* _ARM_SMMU_V3_H */
