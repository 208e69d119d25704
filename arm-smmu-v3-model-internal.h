/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software SMMUv3 model (test code): its state, shared by its files.
 *
 *   arm-smmu-v3-model.c        registers, the engine, commands, the event
 *                              queue, interrupts, creating models/masters
 *   arm-smmu-v3-model-xlate.c  configuration cache, TLB, transactions
 *   arm-smmu-v3-model-ats.c    ATS: Translation Requests, the functions'
 *                              ATCs, Translated transactions, ATC_INV
 *   arm-smmu-v3-model-pci.c    PCI functions and their config space
 *   arm-smmu-v3-model-pri.c    PRI: Page Requests, the PRI queue,
 *                              PRG responses (CMD_PRI_RESP, auto-responses)
 *   arm-smmu-v3-model-check.c  the checkers
 *   arm-smmu-v3-model-spec.c   the architecture as the model reads it
 *
 * Everything here runs under smmu_model.lock unless it says otherwise.
 */
#ifndef _ARM_SMMU_V3_MODEL_INTERNAL_H
#define _ARM_SMMU_V3_MODEL_INTERNAL_H

#include <linux/bitfield.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/notifier.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "arm-smmu-v3-model.h"
#include "arm-smmu-v3-model-spec.h"

struct fwnode_handle;
struct irq_domain;
struct pci_dev;
struct pci_host_bridge;
struct platform_device;

/*
 * Register offsets and fields, IHI0070 6.3, as the model reads them (the
 * driver's definitions are deliberately not used here).
 */
#define M_IDR0			0x00
#define M_IIDR			0x18
#define M_AIDR			0x1c
#define M_CR0			0x20
#define M_CR0ACK		0x24
#define M_CR1			0x28
#define M_CR2			0x2c
#define M_GBPA			0x44
#define M_IRQ_CTRL		0x50
#define M_IRQ_CTRLACK		0x54
#define M_GERROR		0x60
#define M_GERRORN		0x64
#define M_GERROR_IRQ_CFG0	0x68
#define M_STRTAB_BASE		0x80
#define M_STRTAB_BASE_CFG	0x88
#define M_CMDQ_BASE		0x90
#define M_CMDQ_PROD		0x98
#define M_CMDQ_CONS		0x9c
#define M_EVTQ_BASE		0xa0
#define M_EVTQ_IRQ_CFG0		0xb0
#define M_PRIQ_BASE		0xc0
#define M_PRIQ_IRQ_CFG0		0xd0
#define M_PRIQ_IRQ_CFG2		0xdc
/* Page 1 */
#define M_EVTQ_PROD		0xa8
#define M_EVTQ_CONS		0xac
#define M_PRIQ_PROD		0xc8
#define M_PRIQ_CONS		0xcc

#define M_CR0_SMMUEN		BIT(0)
#define M_CR0_PRIQEN		BIT(1)
#define M_CR0_EVTQEN		BIT(2)
#define M_CR0_CMDQEN		BIT(3)
#define M_CR0_ATSCHK		BIT(4)
#define M_CR0_MASK		GENMASK(4, 0)
#define M_CR2_RECINVSID		BIT(1)
#define M_CR2_REC_CFG_ATS	BIT(3)
#define M_GBPA_UPDATE		BIT(31)
#define M_GBPA_ABORT		BIT(20)
#define M_IRQ_GERROR		BIT(0)
#define M_IRQ_PRIQ		BIT(1)
#define M_IRQ_EVTQ		BIT(2)
#define M_GERROR_CMDQ		BIT(0)
#define M_GERROR_EVTQ_ABT	BIT(2)
#define M_GERROR_PRIQ_ABT	BIT(3)
#define M_GERROR_MSI_CMDQ_ABT	BIT(4)
#define M_GERROR_MSI_EVTQ_ABT	BIT(5)
#define M_GERROR_MSI_PRIQ_ABT	BIT(6)
#define M_GERROR_MSI_GERROR_ABT	BIT(7)
#define M_Q_BASE_ADDR		GENMASK_ULL(51, 5)
#define M_Q_BASE_LOG2SIZE	GENMASK_ULL(4, 0)
#define M_CMDQ_CONS_ERR		GENMASK(30, 24)
#define M_Q_OVF			BIT(31)
#define M_IRQ_CFG0_ADDR		GENMASK_ULL(51, 2)
#define M_PRIQ_IRQ_CFG2_LO	BIT(31)
#define M_IDR0_MSI		BIT(13)
#define M_IDR1_CMDQS		GENMASK(25, 21)
#define M_IDR1_EVTQS		GENMASK(20, 16)
#define M_IDR1_PRIQS		GENMASK(15, 11)

#define M_PAGE_SIZE		SZ_4K
#define M_TICK_BUSY_NS		(10 * NSEC_PER_USEC)
#define M_TICK_IDLE_NS		(200 * NSEC_PER_USEC)
#define M_CMDS_PER_TICK		256
#define M_MAX_PENDING		64
#define M_STE_CACHE		64
#define M_CD_CACHE		128
#define M_TLB_SIZE		256
#define M_MAX_STALLS		16
#define M_SNAP_SSIDS		16	/* CDs tracked per StreamID */
#define M_MAX_RETRIES		4
#define M_NR_IDS		BIT(16)
#define M_NR_MSIS		8
#define M_ATC_SIZE		16	/* translations a function caches */
#define M_ATC_COUNTERS		8	/* SubstreamIDs counted apart per function */
#define M_PRI_GROUPS		64	/* outstanding PRGs a function tracks */
#define M_PRI_RESPS		32	/* PRG responses received, not yet taken */
#define M_PRI_ROUNDS		4	/* SMMU_MODEL_DMA_PRI: PRGs per access */
#define M_PRI_CAPACITY		64	/* Outstanding Page Request Capacity */

/* ------------------------------------------------------------------------
 * State
 */

struct model_ste_cache {
	bool			valid;
	u32			sid;
	__le64			raw[8];
	struct smmu_model_ste	ste;
};

struct model_cd_cache {
	bool			valid;
	u32			sid;
	u32			ssid;
	__le64			raw[8];
	struct smmu_model_cd	cd;
};

enum model_tlb_kind { TLB_S1, TLB_S2, TLB_NESTED };

struct model_tlb {
	bool		valid;
	u8		kind;
	bool		global;		/* stage 1 nG == 0 */
	bool		el2;
	u16		asid;
	u16		vmid;
	u64		va;		/* aligned to 1 << size_shift */
	u8		size_shift;
	u64		pa;
	u8		perms;
};

/* What the SMMU last saw of an entry it may use: for the checkers */
struct model_snap {
	bool		have;
	__le64		raw[8];
};

/* One StreamID of a master, with what the model saw of its entries */
struct model_stream {
	struct list_head	node;
	u32			sid;
	struct model_snap	ste;
	struct model_snap	cd[M_SNAP_SSIDS];
	bool			cd0_dropped;	/* CD 0 went invalid under the STE */
	struct model_pci_fn	*fn;		/* the PCI function, or NULL */
	bool			eats_override;	/* smmu_model_override_eats() */
	u8			eats;
};

struct model_stall {
	bool		busy;
	u32		sid;
	u16		stag;
	int		result;		/* 0 waiting, 1 retry, -1 terminate */
};

struct model_id {
	bool		used;
	bool		inv_since_dead;
	u64		ttb;
};

struct smmu_model {
	struct kunit		*test;
	struct smmu_model_preset preset;
	struct smmu_model_idr	idr;
	int			id;

	void			*page0;
	void			*page1;

	struct fwnode_handle	*fwnode;
	struct platform_device	*pdev;
	int			probe_ret;
	bool			destroyed;

	struct fwnode_handle	*irq_fwnode;
	struct irq_domain	*irq_domain;
	unsigned int		virq[SMMU_MODEL_NR_LINES];
	bool			line_started[SMMU_MODEL_NR_LINES];
	unsigned long		nr_irqs[SMMU_MODEL_NR_LINES];

	/* The model as an MSI controller (preset.msi) */
	struct fwnode_handle	*msi_fwnode;
	struct irq_domain	*msi_domain;
	void			*doorbell;	/* a page: MSIs are written here */
	unsigned long		msi_used;	/* hwirqs allocated */
	unsigned long		nr_msis;

	/* PCI functions (arm-smmu-v3-model-pci.c), created on first use */
	struct platform_device	*pci_host;
	struct pci_host_bridge	*pci_bridge;
	struct notifier_block	pci_nb;
	bool			pci_nb_registered;
	struct model_pci_fn	*pci_fns;	/* M_PCI_SLOTS, function 0 each */

	struct hrtimer		timer;
	u64			period_ns;

	raw_spinlock_t		lock;	/* everything below */
	bool			paused;
	bool			abort_sync_msis;
	unsigned long		lines_pending;	/* BIT(line) */
	unsigned long		msis_pending;	/* BIT(hwirq) */
	u32			cr0ack;
	/* Command queue, as taken when CMDQEN went to 1 */
	u64			cmdq_base;
	u32			cmdq_shift;
	u32			cmdq_cons;	/* index + wrap */
	bool			cmdq_stopped;
	u8			fail_next_sync;	/* CERROR to raise on a CMD_SYNC */
	bool			fail_atc_inv_sync;	/* ... after an ATC_INV */
	unsigned int		run;		/* commands since the last CMD_SYNC */
	unsigned int		longest_run;
	struct smmu_model_cmd	pending[M_MAX_PENDING];
	unsigned int		nr_pending;
	/* Event queue, as taken when EVTQEN went to 1 */
	u64			evtq_base;
	u32			evtq_shift;
	u32			evtq_prod;	/* index + wrap + OVFLG */
	/* PRI queue, as taken when PRIQEN went to 1 */
	u64			priq_base;
	u32			priq_shift;
	u32			priq_prod;	/* index + wrap + OVFLG */
	/* Caches */
	struct model_ste_cache	ste_cache[M_STE_CACHE];
	struct model_cd_cache	cd_cache[M_CD_CACHE];
	struct model_tlb	tlb[M_TLB_SIZE];
	unsigned int		ste_next, cd_next, tlb_next;
	struct model_stall	stalls[M_MAX_STALLS];
	u16			next_stag;
	/* Checkers */
	struct list_head	streams;
	struct model_id		*asids;
	struct model_id		*vmids;
	unsigned int		violations;
	char			first_violation[256];
	/* Statistics */
	unsigned long		nr_cmds[256];
	unsigned long		nr_events[256];
	unsigned long		nr_breaks;
	unsigned long		nr_ste_breaks;

	wait_queue_head_t	stall_wq;
	wait_queue_head_t	pri_wq;		/* a PRG response arrived */
	struct smmu_model_mem	mem;
};

struct smmu_model_master {
	struct smmu_model	*m;
	struct device		*dev;
	struct platform_device	*pdev;		/* a platform master, or */
	struct pci_dev		*pci;		/* a PCI function */
	unsigned int		nr_sids;
	struct model_stream	*streams;
	bool			removed;
};

/* A translation a function's ATC holds (PCIe ATS) */
struct model_atc_entry {
	bool		valid;
	bool		ssv;		/* requested with a PASID */
	u32		ssid;
	bool		priv;		/* for the privileged entity */
	u64		ua;		/* untranslated address, size aligned */
	u64		ta;		/* translated address */
	u8		size_shift;
	u8		perms;		/* SMMU_MODEL_ATS_* */
};

/* What a function saw of ATS for one SubstreamID (or none) */
struct model_atc_counter {
	bool				used;
	u32				ssid;	/* SMMU_MODEL_NO_SSID: no PASID */
	struct smmu_model_atc_counts	c;
};

struct model_atc {
	struct model_atc_entry		e[M_ATC_SIZE];
	unsigned int			next;
	struct model_atc_counter	cnt[M_ATC_COUNTERS];
	struct smmu_model_atc_counts	uncounted;	/* the SubstreamIDs beyond */
};

/* A Page Request Group a function has outstanding (PCIe PRI) */
struct model_prg {
	bool		used;
	u32		ssid;		/* SMMU_MODEL_NO_SSID: no PASID */
	u16		prgi;
	unsigned int	nreq;		/* requests sent, each a credit */
	bool		last;		/* its L == 1 request was sent */
};

/* A PRG Response Message the function received, until a test takes it */
struct model_prg_resp {
	bool		used;
	u32		ssid;		/* of the group it answered */
	u16		prgi;
	u8		code;		/* SMMU_MODEL_PRG_* */
};

/* What a function holds of PRI: outstanding groups and credits */
struct model_pri {
	struct model_prg		groups[M_PRI_GROUPS];
	struct model_prg_resp		resps[M_PRI_RESPS];
	unsigned int			next_resp;
	bool				failed;	/* Response Failure: stopped */
	u16				next_prgi;
	struct smmu_model_pri_counts	c;	/* .outstanding: credits in use */
};

/*
 * PCI functions: config space of one, as the model serves it, and what
 * the function itself holds of ATS (under smmu_model.lock).
 */
#define M_PCI_SLOTS		32
struct model_pci_fn {
	bool			present;
	bool			rc_ats, refetches;	/* smmu_model_pci_cfg */
	unsigned int		ats_disables;
	bool			atc_emptied;	/* ATC_INV of all since ATS off */
	u16			ats_cap, pasid_cap, pri_cap;	/* offsets, 0: none */
	u8			cfg[SZ_4K];
	u8			wmask[SZ_4K];	/* bits software may write */
	struct model_atc	atc;
	struct model_pri	pri;
};

/* What software enabled in a function's capabilities (its config space) */
struct model_pci_state {
	bool	ats;		/* ATS Control.Enable */
	u8	stu_shift;	/* log2 of the Smallest Translation Unit */
	bool	pasid;		/* PASID Control.Enable */
	bool	pasid_exec, pasid_priv;
	bool	pri;		/* PRI Control.Enable */
	u32	pri_alloc;	/* Outstanding Page Request Allocation */
	bool	prg_pasid;	/* PRI Status: PRG Response PASID Required */
};

/*
 * May the function tag a request with @ssid and the Exe/Priv of @flags?
 * They travel in the PASID TLP prefix, which needs PASID Enable (and
 * Execute / Privileged Mode Enable) in its PASID capability.
 */
static inline bool model_pci_prefix_ok(const struct model_pci_state *s,
				       u32 ssid, unsigned int flags)
{
	if (ssid == SMMU_MODEL_NO_SSID)
		return !(flags & (SMMU_MODEL_DMA_EXEC | SMMU_MODEL_DMA_PRIV));
	return s->pasid &&
	       (!(flags & SMMU_MODEL_DMA_EXEC) || s->pasid_exec) &&
	       (!(flags & SMMU_MODEL_DMA_PRIV) || s->pasid_priv);
}

/* ------------------------------------------------------------------------
 * Registers: plain memory the driver reads and writes with readl/writel
 */

static inline u32 rd0(struct smmu_model *m, unsigned int off)
{
	return READ_ONCE(*(u32 *)(m->page0 + off));
}

static inline u64 rd0_64(struct smmu_model *m, unsigned int off)
{
	return READ_ONCE(*(u64 *)(m->page0 + off));
}

static inline void wr0(struct smmu_model *m, unsigned int off, u32 val)
{
	/* Pairs with the driver's readl() (and its barrier) */
	smp_store_release((u32 *)(m->page0 + off), val);
}

static inline u32 rd1(struct smmu_model *m, unsigned int off)
{
	return READ_ONCE(*(u32 *)(m->page1 + off));
}

static inline void wr1(struct smmu_model *m, unsigned int off, u32 val)
{
	/* Pairs with the driver's readl(), as in wr0() */
	smp_store_release((u32 *)(m->page1 + off), val);
}

/* arm-smmu-v3-model.c */
__printf(2, 3) void model_err(struct smmu_model *m, const char *fmt, ...);
int model_mem_read(struct smmu_model_mem *mem, u64 pa, void *buf, size_t len);
int model_mem_write(struct smmu_model_mem *mem, u64 pa, const void *buf,
		    size_t len);
void model_event(struct smmu_model *m, const struct smmu_model_event *e);
void model_gerror(struct smmu_model *m, u32 bit);
void model_queue_irq(struct smmu_model *m, u32 irqen, unsigned int cfg0,
		     u32 msi_abt, enum smmu_model_line line);
void model_deliver(struct smmu_model *m, unsigned long lines,
		   unsigned long msis);
/* Take what to deliver once m->lock is dropped */
static inline void model_take_pending(struct smmu_model *m,
				      unsigned long *lines, unsigned long *msis)
{
	*lines = m->lines_pending;
	*msis = m->msis_pending;
	m->lines_pending = 0;
	m->msis_pending = 0;
}

struct smmu_model_master *model_master_new(struct smmu_model *m,
					   const u32 *sids, unsigned int nr);
int model_give_fwspec(struct smmu_model *m, struct device *dev,
		      const u32 *sids, unsigned int nr);
void model_master_forget(struct smmu_model_master *mm);

/* arm-smmu-v3-model-pci.c */
void model_pci_remove_fn(struct smmu_model_master *mm);
void model_pci_release(struct smmu_model *m);
void model_pci_state(const struct model_pci_fn *fn, struct model_pci_state *s);
void model_check_ats_order(struct smmu_model *m, struct model_stream *st,
			   const __le64 *old, const __le64 *now);

/* arm-smmu-v3-model-ats.c */
bool model_rec_cfg_ats(struct smmu_model *m, u8 event);
void model_ats_override_ste(struct smmu_model *m, u32 sid, __le64 *raw);
void model_atc_inv(struct smmu_model *m, const struct smmu_model_cmd *c);
void model_atc_flush(struct model_pci_fn *fn);
void model_ats_smmuen_cleared(struct smmu_model *m);
int model_dma_translated(struct smmu_model_master *mm, unsigned int sid_idx,
			 u32 ssid, u64 iova, void *buf, size_t len,
			 unsigned int flags, struct smmu_model_dma_result *r);

/* arm-smmu-v3-model-pri.c */
void model_priq_enable(struct smmu_model *m);
void model_pri_resp(struct smmu_model *m, const struct smmu_model_cmd *c);
void model_pci_pri_write(struct smmu_model *m, struct model_pci_fn *fn,
			 unsigned int where, int size, u32 val,
			 const struct model_pci_state *before);
int model_dma_pri(struct smmu_model_master *mm, u32 ssid, u64 addr,
		  unsigned int flags, struct smmu_model_dma_result *r);

/* arm-smmu-v3-model-check.c */
struct model_stream *model_stream(struct smmu_model *m, u32 sid);
bool model_snap_s1(struct smmu_model *m, struct model_stream *st,
		   struct smmu_model_ste *ste);
void model_check_ste(struct smmu_model *m, struct model_stream *st,
		     const __le64 *now);
void model_forget_cds(struct model_stream *st, u32 from);
void model_check_cd(struct smmu_model *m, struct model_stream *st, u32 ssid,
		    const __le64 *now);
void model_check_vmid(struct smmu_model *m, struct model_stream *st);
void model_asid_invalidated(struct smmu_model *m, u16 asid);
void model_vmid_invalidated(struct smmu_model *m, u16 vmid);

/* arm-smmu-v3-model-xlate.c */
bool model_is_invalidation(u8 op);
void model_apply(struct smmu_model *m, const struct smmu_model_cmd *c);

/* One translation context: what the STE and CD say, and the TLB tag */
struct model_xlate {
	struct smmu_model_cd		cd;	/* stage 1: the walk depends on the VA */
	struct smmu_model_walk_cfg	s1, s2;
	bool				has_s1, has_s2;
	struct model_tlb		tag;
	bool				record;	/* faults are recorded */
	bool				stall;	/* faults stall */
};

int model_read_ste(struct smmu_model *m, u32 sid, __le64 *raw);
struct model_ste_cache *model_get_ste(struct smmu_model *m, u32 sid,
				      struct smmu_model_event *evt);
int model_configure(struct smmu_model *m, u32 sid, u32 ssid,
		    struct model_xlate *x, struct smmu_model_event *evt);
int model_translate(struct smmu_model *m, struct model_xlate *x, u64 ia,
		    unsigned int flags, struct model_tlb *tlb,
		    struct smmu_model_walk_res *res);
int model_copy(struct smmu_model *m, u64 pa, void *buf, size_t len,
	       unsigned int flags);

#endif /* _ARM_SMMU_V3_MODEL_INTERNAL_H */
