// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 driver: domains, masters and the iommu_ops.
 *
 * Owns: the identity, blocked and paging domains, their ASIDs/VMIDs and
 * page tables, TLB and ATC invalidation, attaching a domain to a master
 * (every STE/CD change a domain switch needs), and the masters the IOMMU
 * core probes.
 * Calls: the stream and CD tables (arm-smmu-v3-tables.c), the command queue
 * (arm-smmu-v3-cmdq.c), io-pgtable-arm.
 *
 * Lifecycle of an ASID (VMID for stage 2 domains) under arm_smmu_asid_lock:
 * allocated with its domain; every CD carrying it points at that domain's
 * tables; a CD is cleared (V=0) when the domain leaves the master, before
 * the domain can be freed; at free, TLBI_NH_ASID (TLBI_S12_VMALL) runs before
 * the ID goes back to the allocator, so a reused ID starts with no stale
 * TLB entries.
 *
 * Lock order: iommu group mutex -> iopf lock -> domain init lock ->
 * arm_smmu_asid_lock -> domain devices lock -> command queue (lock-free).
 * Documentation/locking.rst has the details.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/pci-ats.h>
#include <linux/slab.h>
#include <uapi/linux/iommufd.h>
#include <kunit/visibility.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-iommu-priv.h"

#define ARM_SMMU_MSI_IOVA_BASE		0x8000000
#define ARM_SMMU_MSI_IOVA_LEN		0x100000
#define ARM_SMMU_TLBI_MAX_PAGES		256	/* beyond: invalidate the ASID */

/* Serialises ASID/VMID allocation, CD installation and ASID invalidation. */
DEFINE_MUTEX(arm_smmu_asid_lock);
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_asid_lock);

/* ------------------------------------------------------------------------
 * TLB and ATC invalidation
 */

/**
 * arm_smmu_attach_alloc() - a devices list entry for a (master, SSID)
 * @master: the master
 * @d: the domain it is to be attached to
 * @ssid: the SubstreamID, 0 for the RID
 *
 * Context: process, no spinlock held (GFP_KERNEL).
 * Return: the entry, not on any list yet, or NULL.
 */
struct arm_smmu_attach *arm_smmu_attach_alloc(struct arm_smmu_master *master,
					      struct arm_smmu_domain *d,
					      u32 ssid)
{
	struct arm_smmu_attach *att = kzalloc(sizeof(*att), GFP_KERNEL);

	if (att) {
		att->master = master;
		att->domain = d;
		att->ssid = ssid;
	}
	return att;
}

/**
 * arm_smmu_domain_link() - add a (master, SSID) to a domain's devices list
 * @d: the domain
 * @att: the entry; @att->master and @att->ssid are set
 *
 * Context: holds arm_smmu_asid_lock; takes the domain devices lock.
 */
void arm_smmu_domain_link(struct arm_smmu_domain *d,
			  struct arm_smmu_attach *att)
{
	unsigned long flags;

	lockdep_assert_held(&arm_smmu_asid_lock);
	spin_lock_irqsave(&d->devices_lock, flags);
	list_add(&att->node, &d->devices);
	if (att->ats)
		atomic_inc(&d->nr_ats);
	spin_unlock_irqrestore(&d->devices_lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_domain_link);

/**
 * arm_smmu_domain_unlink() - remove an entry added by arm_smmu_domain_link()
 * @d: the domain
 * @att: the entry; the caller frees it
 *
 * Context: holds arm_smmu_asid_lock; takes the domain devices lock.
 */
void arm_smmu_domain_unlink(struct arm_smmu_domain *d,
			    struct arm_smmu_attach *att)
{
	unsigned long flags;

	lockdep_assert_held(&arm_smmu_asid_lock);
	spin_lock_irqsave(&d->devices_lock, flags);
	list_del(&att->node);
	if (att->ats)
		atomic_dec(&d->nr_ats);
	spin_unlock_irqrestore(&d->devices_lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_domain_unlink);

/*
 * The smallest span CMD_ATC_INV can name that covers [@iova, @iova + @size):
 * 2^@log2 4KB pages from @addr, aligned to that size (IHI0070 4.5.3).
 * @size 0, or a span beyond ATC_SIZE_ALL, is the whole address space.
 */
static void arm_smmu_atc_span(u64 iova, size_t size, u64 *addr, u8 *log2)
{
	u64 first = iova >> 12, last = (iova + size - 1) >> 12;
	unsigned int bits = fls64(first ^ last);

	if (!size || bits >= ATC_SIZE_ALL) {
		*addr = 0;
		*log2 = ATC_SIZE_ALL;
		return;
	}
	*addr = (first >> bits) << (bits + 12);
	*log2 = bits;
}

/**
 * arm_smmu_domain_inv_atc() - add ATC invalidations for a domain to a batch
 * @d: the domain
 * @batch: where the CMD_ATC_INV commands go, one per StreamID of every
 *         ATS-enabled (master, SSID) in @d's devices list
 * @iova: start of what changed
 * @size: its length; 0 for the whole address space
 *
 * Context: any; takes the domain devices lock unless no master uses ATS.
 */
VISIBLE_IF_KUNIT void arm_smmu_domain_inv_atc(struct arm_smmu_domain *d,
					      struct arm_smmu_batch *batch,
					      u64 iova, size_t size)
{
	struct arm_smmu_attach *att;
	struct arm_smmu_cmd cmd;
	unsigned long flags;
	unsigned int i;
	u64 addr;
	u8 log2;

	/*
	 * Skip the lock when no ATS master is attached. The barrier orders
	 * the caller's page table update and TLB invalidation before the
	 * read: a master that joins after the read gets its translations
	 * from the new tables, so there is nothing in its ATC to remove.
	 */
	smp_mb();
	if (!atomic_read(&d->nr_ats))
		return;
	arm_smmu_atc_span(iova, size, &addr, &log2);

	spin_lock_irqsave(&d->devices_lock, flags);
	list_for_each_entry(att, &d->devices, node) {
		if (!att->ats)
			continue;
		for (i = 0; i < att->master->num_sids; i++) {
			arm_smmu_cmd_atc_inv(&cmd, att->master->sids[i],
					     att->ssid, att->ssid != 0, addr, log2);
			arm_smmu_batch_add(batch, &cmd);
		}
	}
	spin_unlock_irqrestore(&d->devices_lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_domain_inv_atc);

/*
 * Submit the TLB invalidations in @batch and wait for them, then invalidate
 * the ATCs. IHI0070 3.9.1: an ATS-enabled device could otherwise fetch the
 * stale translation back from the TLB into its ATC after the ATC_INV, so
 * the ATC invalidations go out only once the TLB's have completed, and the
 * devices list is read only then. Without ATS masters this costs nothing.
 */
static void arm_smmu_domain_inv_submit(struct arm_smmu_domain *d,
				       struct arm_smmu_batch *batch, u64 iova,
				       size_t size)
{
	arm_smmu_batch_submit(batch);
	arm_smmu_domain_inv_atc(d, batch, iova, size);
	if (batch->n)
		arm_smmu_batch_submit(batch);
}

/**
 * arm_smmu_domain_inv_all() - invalidate every TLB and ATC entry of a domain
 * @d: the domain: its ASID (stage 1) or VMID (stage 2), and the ATCs of
 *     every (master, SSID) in its devices list
 *
 * Context: any; takes the domain devices lock.
 */
void arm_smmu_domain_inv_all(struct arm_smmu_domain *d)
{
	struct arm_smmu_batch batch;
	struct arm_smmu_cmd cmd;

	arm_smmu_batch_init(&batch, d->smmu);
	if (d->stage == ARM_SMMU_STAGE_1)
		arm_smmu_cmd_tlbi_nh_asid(&cmd, d->asid);
	else
		arm_smmu_cmd_tlbi_s12_vmall(&cmd, d->vmid);
	arm_smmu_batch_add(&batch, &cmd);
	arm_smmu_domain_inv_submit(d, &batch, 0, 0);
}

static void arm_smmu_add_tlbi(struct arm_smmu_domain *d,
			      struct arm_smmu_batch *batch, u64 addr,
			      bool leaf, u8 tg, u8 num, u8 scale, u8 ttl)
{
	struct arm_smmu_cmd cmd;

	if (d->stage == ARM_SMMU_STAGE_1)
		arm_smmu_cmd_tlbi_nh_va(&cmd, d->asid, addr, leaf, tg, num,
					scale, ttl);
	else
		arm_smmu_cmd_tlbi_s2_ipa(&cmd, d->vmid, addr, leaf, tg, num,
					 scale, ttl);
	arm_smmu_batch_add(batch, &cmd);
}

/**
 * arm_smmu_domain_inv_range() - invalidate TLB and ATC entries of a range
 * @d: the domain
 * @iova: start of the range
 * @size: its size; the whole ASID or VMID is invalidated when the range
 *	  takes too many commands
 * @granule: the smallest page size the range may hold
 * @leaf: only last-level entries changed (else walk caches go too)
 *
 * Context: any, never sleeps; takes the domain devices lock.
 */
void arm_smmu_domain_inv_range(struct arm_smmu_domain *d, unsigned long iova,
			       size_t size, size_t granule, bool leaf)
{
	unsigned int tg_shift = __ffs(d->domain.pgsize_bitmap);
	struct arm_smmu_batch batch;
	u64 addr = iova, end = (u64)iova + size;

	if (!size)
		return;
	arm_smmu_batch_init(&batch, d->smmu);

	if (d->smmu->feat.ril) {
		/* TG encodes the granule: 1 = 4K, 2 = 16K, 3 = 64K */
		u8 tg = (tg_shift - 10) / 2;
		u64 pages = DIV_ROUND_UP(end - (addr & ~((1ULL << tg_shift) - 1)),
					 1ULL << tg_shift);
		u8 ttl = arm_smmu_tlbi_ttl(tg_shift, ilog2(granule), leaf);
		struct arm_smmu_tlbi_range r[8];
		unsigned int n, i;

		addr &= ~((1ULL << tg_shift) - 1);
		n = arm_smmu_tlbi_split(pages, r, ARRAY_SIZE(r));
		if (n > ARRAY_SIZE(r)) {
			arm_smmu_domain_inv_all(d);
			return;
		}
		for (i = 0; i < n; i++) {
			/*
			 * IHI0070 4.4.1.1: NUM == SCALE == TTL == 0 with a TG
			 * is Reserved (CERROR_ILL): one granule without a level
			 * hint is the plain single-address form.
			 */
			if (!r[i].num && !r[i].scale && !ttl)
				arm_smmu_add_tlbi(d, &batch, addr, leaf, 0, 0, 0, 0);
			else
				arm_smmu_add_tlbi(d, &batch, addr, leaf, tg,
						  r[i].num, r[i].scale, ttl);
			addr += r[i].pages << tg_shift;
		}
	} else {
		if (size / granule > ARM_SMMU_TLBI_MAX_PAGES) {
			arm_smmu_domain_inv_all(d);
			return;
		}
		for (; addr < end; addr += granule)
			arm_smmu_add_tlbi(d, &batch, addr, leaf, 0, 0, 0, 0);
	}
	arm_smmu_domain_inv_submit(d, &batch, iova, size);
}

/*
 * io-pgtable calls this from free_io_pgtable_ops(), which runs after
 * arm_smmu_domain_free_id() invalidated and released the ID: nothing to do.
 */
static void arm_smmu_tlb_flush_all(void *cookie)
{
	struct arm_smmu_domain *d = cookie;

	if (d->asid || d->vmid)
		arm_smmu_domain_inv_all(d);
}

static void arm_smmu_tlb_flush_walk(unsigned long iova, size_t size,
				    size_t granule, void *cookie)
{
	arm_smmu_domain_inv_range(cookie, iova, size, granule, false);
}

static void arm_smmu_tlb_add_page(struct iommu_iotlb_gather *gather,
				  unsigned long iova, size_t granule,
				  void *cookie)
{
	struct arm_smmu_domain *d = cookie;

	iommu_iotlb_gather_add_page(&d->domain, gather, iova, granule);
}

static const struct iommu_flush_ops arm_smmu_flush_ops = {
	.tlb_flush_all	= arm_smmu_tlb_flush_all,
	.tlb_flush_walk	= arm_smmu_tlb_flush_walk,
	.tlb_add_page	= arm_smmu_tlb_add_page,
};

/* ------------------------------------------------------------------------
 * Attaching: every STE/CD change of a master happens here, under the group
 * mutex and arm_smmu_asid_lock.
 */

/*
 * Take the master's SSID 0 out of the paging domain it was attached to. The
 * hardware no longer uses that domain when this runs.
 */
static void arm_smmu_detach_old(struct arm_smmu_master *master)
{
	struct arm_smmu_attach *att = master->attach0;

	lockdep_assert_held(&arm_smmu_asid_lock);
	if (!att)
		return;
	arm_smmu_domain_unlink(to_smmu_domain(master->domain), att);
	master->attach0 = NULL;
	kfree(att);
}

static bool arm_smmu_master_uses_cd0(struct arm_smmu_master *master)
{
	iommu_group_mutex_assert(master->dev);
	return master->attach0 &&
	       to_smmu_domain(master->domain)->stage == ARM_SMMU_STAGE_1;
}

/**
 * arm_smmu_rid_ste() - the STE for a master's RID domain
 * @master: the master
 * @domain: the domain of its traffic without a PASID: identity, blocked or
 *	    paging; NULL (before the first attach) counts as blocked
 * @pasids: PASIDs are attached, so the STE must lead to the CD table
 * @ste: filled in
 *
 * Without PASIDs the STE is the plain form of @domain: bypass, abort,
 * stage 2, or stage 1 through CD 0. With PASIDs it always points at the CD
 * table, and S1DSS says what traffic without a PASID does (IHI0070 3.3.2,
 * 5.2): bypass stage 1 (identity), terminate (blocked) or use CD 0 (a
 * stage 1 domain). Moving among those changes one field of one qword, so
 * the RID domain changes under live PASIDs without a break. EATS is set
 * whenever arm_smmu_ats_wanted() says so, which for a master with PASIDs is
 * whatever the RID domain: ATS is not toggled to change it.
 *
 * Return: 0, or -EBUSY for a stage 2 domain while PASIDs are attached
 * (their stage 1 tables cannot be nested under it).
 */
int arm_smmu_rid_ste(struct arm_smmu_master *master,
		     struct iommu_domain *domain, bool pasids,
		     struct arm_smmu_ste *ste)
{
	bool ats = arm_smmu_ats_wanted(master, domain, pasids);
	struct arm_smmu_domain *d = NULL;
	u8 s1dss = STE_S1DSS_TERMINATE;

	if (domain && (domain->type & __IOMMU_DOMAIN_PAGING))
		d = to_smmu_domain(domain);
	if (d && d->stage == ARM_SMMU_STAGE_2) {
		struct arm_smmu_ste_s2_cfg cfg = d->s2_cfg;

		if (pasids)
			return -EBUSY;
		cfg.ats = ats;
		arm_smmu_ste_make_s2(ste, &cfg);
		return 0;
	}
	if (d)
		s1dss = STE_S1DSS_SSID0;
	else if (domain && domain->type == IOMMU_DOMAIN_IDENTITY)
		s1dss = STE_S1DSS_BYPASS;

	if (d || pasids)
		arm_smmu_make_cdtab_ste(master, s1dss, ats, ste);
	else if (s1dss == STE_S1DSS_BYPASS)
		arm_smmu_ste_make_bypass(ste);
	else
		arm_smmu_ste_make_abort(ste);
	return 0;
}

/**
 * arm_smmu_master_make_cd() - the CD of a stage 1 domain at a master
 * @master: the master whose CD table gets it
 * @d: the domain
 * @cd: filled in
 *
 * The domain's CD, with CD.S where its faults may stall at this master
 * (arm_smmu_cd_stalls(); a forced stall model has CD.S in every CD). An
 * SVA domain whose address space has gone keeps its ASID but walks
 * nothing (arm_smmu_cd_make_released()).
 *
 * Context: arm_smmu_asid_lock held.
 */
void arm_smmu_master_make_cd(struct arm_smmu_master *master,
			     struct arm_smmu_domain *d, struct arm_smmu_cd *cd)
{
	struct arm_smmu_cd_s1_cfg cfg = d->cd_cfg;
	struct arm_smmu_cd live;

	lockdep_assert_held(&arm_smmu_asid_lock);
	cfg.stall |= arm_smmu_cd_stalls(master, &d->domain);
	arm_smmu_cd_make_s1(&live, &cfg);
	/* SVA: the ASID and fault configuration stay, the walks go */
	if (d->released)
		arm_smmu_cd_make_released(cd, &live);
	else
		*cd = live;
}

/*
 * Protocol for switching SSID 0 of a master from its current domain to
 * @domain (identity, blocked or paging), all under arm_smmu_asid_lock:
 *   1. paging: link the master's new attach entry into @domain's list, so
 *      that invalidations of @domain reach it from the moment it is live;
 *   2. paging S1 only: write CD 0 with the new ASID/tables (the STE may
 *      still point at the CD table: the writer keeps it hitless);
 *   3. write every STE of the master (with PASIDs attached only its S1DSS
 *      changes, see arm_smmu_rid_ste()); ATS turning off is cleared in the
 *      function just before;
 *   4. leaving S1 for a non-S1 domain: clear CD 0, which nothing reaches
 *      any more, so that no CD holds an ASID its owner may free;
 *   5. ATS staying on: empty the ATC of the old domain's translations;
 *      turning on: empty it and enable ATS in the function;
 *   6. unlink the old entry: the old domain no longer reaches the master.
 * The CDs of PASIDs are never touched. Only the steps before 1 may fail
 * (finalising a domain allocated without a device, the allocation, a stage
 * 2 domain while PASIDs are attached), so there is nothing to undo.
 */
static int arm_smmu_attach(struct iommu_domain *domain, struct device *dev)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);
	struct arm_smmu_domain *d = NULL;
	struct arm_smmu_attach *att = NULL;
	struct arm_smmu_ste ste;
	struct arm_smmu_cd cd;
	bool ats;
	int ret;

	iommu_group_mutex_assert(dev);
	if (!master)
		return -ENODEV;

	if (domain->type & __IOMMU_DOMAIN_PAGING) {
		d = to_smmu_domain(domain);
		ret = arm_smmu_domain_bind(d, master->smmu);
		if (ret)
			return ret;
		att = arm_smmu_attach_alloc(master, d, 0);
		if (!att)
			return -ENOMEM;
	}

	mutex_lock(&arm_smmu_asid_lock);
	ret = arm_smmu_rid_ste(master, domain, master->nr_pasids, &ste);
	if (ret) {
		mutex_unlock(&arm_smmu_asid_lock);
		kfree(att);
		dev_err_ratelimited(dev, "no stage 2 domain while %u PASIDs are attached\n",
				    master->nr_pasids);
		return ret;
	}
	ats = arm_smmu_ats_wanted(master, domain, master->nr_pasids);
	/* On the list before the STE or CD goes live: no invalidation misses it. */
	if (att) {
		att->ats = ats;
		arm_smmu_domain_link(d, att);
	}
	if (d && d->stage == ARM_SMMU_STAGE_1) {
		arm_smmu_master_make_cd(master, d, &cd);
		arm_smmu_write_cd(master, 0, &cd);
	}
	arm_smmu_ats_before_ste(master, ats);
	arm_smmu_install_ste(master, &ste);

	if (arm_smmu_master_uses_cd0(master) &&
	    !(d && d->stage == ARM_SMMU_STAGE_1)) {
		/* The invalid CD (V = 0) is all zeroes: no builder needed. */
		memset(&cd, 0, sizeof(cd));
		arm_smmu_write_cd(master, 0, &cd);
	}
	/* Without a PASID the invalidation covers the PASIDs' too (4.5.3) */
	if (ats && master->ats_on)
		arm_smmu_master_atc_inv(master, 0);
	arm_smmu_ats_after_ste(master, ats);

	arm_smmu_detach_old(master);
	master->attach0 = att;
	master->domain = domain;
	mutex_unlock(&arm_smmu_asid_lock);
	return 0;
}

static const struct iommu_domain_ops arm_smmu_identity_ops = {
	.attach_dev	= arm_smmu_attach,
};

static struct iommu_domain arm_smmu_identity_domain = {
	.type	= IOMMU_DOMAIN_IDENTITY,
	.ops	= &arm_smmu_identity_ops,
};

static const struct iommu_domain_ops arm_smmu_blocked_ops = {
	.attach_dev	= arm_smmu_attach,
};

static struct iommu_domain arm_smmu_blocked_domain = {
	.type	= IOMMU_DOMAIN_BLOCKED,
	.ops	= &arm_smmu_blocked_ops,
};

/* ------------------------------------------------------------------------
 * Paging domains
 */

static const struct iommu_domain_ops arm_smmu_paging_ops;

static void arm_smmu_fill_s1_cfg(struct arm_smmu_domain *d,
				 const struct io_pgtable_cfg *pc)
{
	const typeof(pc->arm_lpae_s1_cfg.tcr) *tcr = &pc->arm_lpae_s1_cfg.tcr;

	d->cd_cfg = (struct arm_smmu_cd_s1_cfg) {
		.asid	= d->asid,
		.ttbr	= pc->arm_lpae_s1_cfg.ttbr & CD_1_TTB0,
		.tcr	= FIELD_PREP(CD_0_T0SZ, tcr->tsz) |
			  FIELD_PREP(CD_0_TG0, tcr->tg) |
			  FIELD_PREP(CD_0_IR0, tcr->irgn) |
			  FIELD_PREP(CD_0_OR0, tcr->orgn) |
			  FIELD_PREP(CD_0_SH0, tcr->sh) |
			  FIELD_PREP(CD_0_IPS, tcr->ips),
		.mair	= pc->arm_lpae_s1_cfg.mair,
		.stall	= d->smmu->feat.stall_model == IDR0_STALL_MODEL_FORCE,
		.hw_dirty = d->dirty_tracking,
	};
}

static void arm_smmu_fill_s2_cfg(struct arm_smmu_domain *d,
				 const struct io_pgtable_cfg *pc)
{
	const typeof(pc->arm_lpae_s2_cfg.vtcr) *vtcr = &pc->arm_lpae_s2_cfg.vtcr;

	d->s2_cfg = (struct arm_smmu_ste_s2_cfg) {
		.vmid	= d->vmid,
		.vttbr	= pc->arm_lpae_s2_cfg.vttbr & STE_3_S2TTB,
		.vtcr	= FIELD_PREP(STE_VTCR_S2T0SZ, vtcr->tsz) |
			  FIELD_PREP(STE_VTCR_S2SL0, vtcr->sl) |
			  FIELD_PREP(STE_VTCR_S2IR0, vtcr->irgn) |
			  FIELD_PREP(STE_VTCR_S2OR0, vtcr->orgn) |
			  FIELD_PREP(STE_VTCR_S2SH0, vtcr->sh) |
			  FIELD_PREP(STE_VTCR_S2TG, vtcr->tg) |
			  FIELD_PREP(STE_VTCR_S2PS, vtcr->ps),
		.stall	= d->smmu->feat.stall_model == IDR0_STALL_MODEL_FORCE,
		.coherent = d->smmu->coherent,
	};
}

/**
 * arm_smmu_domain_alloc_id() - a free ASID (stage 1) or VMID for a domain
 * @d: the domain, @d->smmu and @d->stage chosen
 *
 * Context: process, may sleep; takes arm_smmu_asid_lock.
 * Return: 0, or -ENOSPC when every ID is in use, -ENOMEM.
 */
int arm_smmu_domain_alloc_id(struct arm_smmu_domain *d)
{
	struct arm_smmu_device *smmu = d->smmu;
	int id;

	mutex_lock(&arm_smmu_asid_lock);
	if (d->stage == ARM_SMMU_STAGE_1)
		id = ida_alloc_range(&smmu->asid_ida, 1,
				     (1U << smmu->feat.asid_bits) - 1, GFP_KERNEL);
	else
		id = ida_alloc_range(&smmu->vmid_ida, 1,
				     (1U << smmu->feat.vmid_bits) - 1, GFP_KERNEL);
	mutex_unlock(&arm_smmu_asid_lock);
	if (id < 0)
		return id;
	if (d->stage == ARM_SMMU_STAGE_1)
		d->asid = id;
	else
		d->vmid = id;
	return 0;
}

/**
 * arm_smmu_domain_release_id() - invalidate a domain's ID, then release it
 * @d: the domain, on no master: no STE or CD carries its ID
 *
 * The ID may be reused once its invalidation completed. One whose
 * invalidation did not complete is never handed out again (it may still
 * tag TLB entries of this domain's tables, about to be freed); it is
 * leaked instead, with a message.
 *
 * Context: any, never sleeps (the ID allocator and the command queue are
 * safe anywhere).
 */
void arm_smmu_domain_release_id(struct arm_smmu_domain *d)
{
	struct arm_smmu_device *smmu = d->smmu;
	bool s1 = d->stage == ARM_SMMU_STAGE_1;
	struct ida *ida = s1 ? &smmu->asid_ida : &smmu->vmid_ida;
	u16 id = s1 ? d->asid : d->vmid;
	struct arm_smmu_cmd cmd;

	if (s1)
		arm_smmu_cmd_tlbi_nh_asid(&cmd, id);
	else
		arm_smmu_cmd_tlbi_s12_vmall(&cmd, id);
	if (arm_smmu_cmdq_issue(smmu, &cmd, 1, true))
		dev_err(smmu->dev, "%s %u not invalidated: never reused\n",
			s1 ? "ASID" : "VMID", id);
	else
		ida_free(ida, id);
	/* No ID: arm_smmu_tlb_flush_all() has nothing left to invalidate. */
	d->asid = 0;
	d->vmid = 0;
}

/**
 * arm_smmu_domain_free_id() - arm_smmu_domain_release_id(), in step with
 * ID allocation and CD installation
 * @d: the domain, on no master
 *
 * Context: process; takes arm_smmu_asid_lock.
 */
void arm_smmu_domain_free_id(struct arm_smmu_domain *d)
{
	mutex_lock(&arm_smmu_asid_lock);
	arm_smmu_domain_release_id(d);
	mutex_unlock(&arm_smmu_asid_lock);
}

/*
 * Choose the SMMU, stage, ID and page table format of a paging domain.
 * Context: the domain's init_lock held, or the domain not yet visible.
 */
static int arm_smmu_domain_finalise(struct arm_smmu_domain *d,
				    struct arm_smmu_device *smmu)
{
	struct io_pgtable_cfg pc;
	enum io_pgtable_fmt fmt;
	int ret;

	d->smmu = smmu;
	d->stage = smmu->feat.s1 ? ARM_SMMU_STAGE_1 : ARM_SMMU_STAGE_2;
	pc = (struct io_pgtable_cfg) {
		.pgsize_bitmap	= smmu->feat.pgsize_bitmap,
		.oas		= smmu->feat.oas,
		.coherent_walk	= smmu->coherent,
		.tlb		= &arm_smmu_flush_ops,
		.iommu_dev	= smmu->dev,
	};
	/* Writable pages are mapped writable-clean; the SMMU marks them dirty */
	if (d->dirty_tracking)
		pc.quirks |= IO_PGTABLE_QUIRK_ARM_HD;
	if (d->stage == ARM_SMMU_STAGE_1) {
		fmt = ARM_64_LPAE_S1;
		pc.ias = min_t(unsigned int, 48, VA_BITS);
	} else {
		fmt = ARM_64_LPAE_S2;
		pc.ias = smmu->feat.oas;
	}

	ret = arm_smmu_domain_alloc_id(d);
	if (ret)
		goto out_no_smmu;
	d->pgtbl_ops = alloc_io_pgtable_ops(fmt, &pc, d);
	if (!d->pgtbl_ops) {
		ret = -ENOMEM;
		goto out_free_id;
	}
	if (d->stage == ARM_SMMU_STAGE_1)
		arm_smmu_fill_s1_cfg(d, &pc);
	else
		arm_smmu_fill_s2_cfg(d, &pc);

	/* io-pgtable narrowed the sizes to those of one granule */
	d->domain.pgsize_bitmap = pc.pgsize_bitmap;
	d->domain.geometry.aperture_end = (1ULL << pc.ias) - 1;
	d->domain.geometry.force_aperture = true;
	return 0;

out_free_id:
	arm_smmu_domain_free_id(d);
out_no_smmu:
	d->smmu = NULL;
	return ret;
}

/**
 * arm_smmu_domain_init() - initialise a zeroed domain
 * @d: the domain
 * @ops: its domain ops
 *
 * Context: any.
 */
void arm_smmu_domain_init(struct arm_smmu_domain *d,
			  const struct iommu_domain_ops *ops)
{
	mutex_init(&d->init_lock);
	spin_lock_init(&d->devices_lock);
	INIT_LIST_HEAD(&d->devices);
	d->domain.ops = ops;
	/* The core wants sizes now; paging domains get theirs at finalise */
	d->domain.pgsize_bitmap = PAGE_SIZE;
}

static struct arm_smmu_domain *arm_smmu_domain_new(void)
{
	struct arm_smmu_domain *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (d)
		arm_smmu_domain_init(d, &arm_smmu_paging_ops);
	return d;
}

/*
 * With a device, the domain is made for its SMMU at once. Without one (the
 * legacy iommu_domain_alloc(bus) of 6.12), the first attach chooses the
 * SMMU; until then there is nothing to map into.
 */
static struct iommu_domain *arm_smmu_domain_alloc_paging(struct device *dev)
{
	struct arm_smmu_master *master = dev ? dev_iommu_priv_get(dev) : NULL;
	struct arm_smmu_domain *d;
	int ret;

	if (dev && !master)
		return ERR_PTR(-ENODEV);
	d = arm_smmu_domain_new();
	if (!d)
		return ERR_PTR(-ENOMEM);
	if (master) {
		ret = arm_smmu_domain_finalise(d, master->smmu);
		if (ret) {
			kfree(d);
			return ERR_PTR(ret);
		}
	}
	return &d->domain;
}

static bool arm_smmu_dirty_capable(struct arm_smmu_device *smmu)
{
	/* io-pgtable tracks dirty state in stage 1 tables only */
	return smmu->feat.s1 && smmu->httu == IDR0_HTTU_ACCESS_DIRTY;
}

static const struct iommu_dirty_ops arm_smmu_dirty_ops;

/*
 * iommufd's paging domains: as domain_alloc_paging() for the device, and
 * with IOMMU_HWPT_ALLOC_DIRTY_TRACKING the SMMU updates the dirty state of
 * the page table itself (HTTU, IHI0070 3.13), which dirty_ops read.
 */
static struct iommu_domain *
arm_smmu_domain_alloc_user(struct device *dev, u32 flags,
			   struct iommu_domain *parent,
			   const struct iommu_user_data *user_data)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);
	bool dirty = flags & IOMMU_HWPT_ALLOC_DIRTY_TRACKING;
	struct arm_smmu_domain *d;
	int ret;

	if (!master)
		return ERR_PTR(-ENODEV);
	if ((flags & ~IOMMU_HWPT_ALLOC_DIRTY_TRACKING) || parent || user_data)
		return ERR_PTR(-EOPNOTSUPP);
	if (dirty && !arm_smmu_dirty_capable(master->smmu))
		return ERR_PTR(-EOPNOTSUPP);
	d = arm_smmu_domain_new();
	if (!d)
		return ERR_PTR(-ENOMEM);
	d->dirty_tracking = dirty;
	d->domain.type = IOMMU_DOMAIN_UNMANAGED;
	ret = arm_smmu_domain_finalise(d, master->smmu);
	if (ret) {
		kfree(d);
		return ERR_PTR(ret);
	}
	if (dirty)
		d->domain.dirty_ops = &arm_smmu_dirty_ops;
	return &d->domain;
}

/* For an attach of @d to a master of @smmu: finalise it, or check it fits */
int arm_smmu_domain_bind(struct arm_smmu_domain *d,
			 struct arm_smmu_device *smmu)
{
	int ret = 0;

	mutex_lock(&d->init_lock);
	if (!d->smmu)
		ret = arm_smmu_domain_finalise(d, smmu);
	else if (d->smmu != smmu)
		ret = -EINVAL;
	mutex_unlock(&d->init_lock);
	return ret;
}

static void arm_smmu_domain_free(struct iommu_domain *domain)
{
	struct arm_smmu_domain *d = to_smmu_domain(domain);

	/* The core detaches every device before freeing a domain. */
	WARN_ON_ONCE(!list_empty(&d->devices));
	if (d->smmu) {
		/* The ID first: the tables go only once no TLB entry can use them. */
		arm_smmu_domain_free_id(d);
		free_io_pgtable_ops(d->pgtbl_ops);
	}
	mutex_destroy(&d->init_lock);
	kfree(d);
}

/* What maps and unmaps go to: NULL until the domain has an SMMU */
static struct io_pgtable_ops *arm_smmu_pgtbl(struct iommu_domain *domain)
{
	return to_smmu_domain(domain)->pgtbl_ops;
}

static int arm_smmu_map_pages(struct iommu_domain *domain, unsigned long iova,
			      phys_addr_t paddr, size_t pgsize, size_t pgcount,
			      int prot, gfp_t gfp, size_t *mapped)
{
	struct io_pgtable_ops *ops = arm_smmu_pgtbl(domain);

	/* A domain from the legacy bus allocation is mapped only once attached */
	return ops ? ops->map_pages(ops, iova, paddr, pgsize, pgcount, prot,
				    gfp, mapped) : -ENODEV;
}

static size_t arm_smmu_unmap_pages(struct iommu_domain *domain,
				   unsigned long iova, size_t pgsize,
				   size_t pgcount,
				   struct iommu_iotlb_gather *gather)
{
	struct io_pgtable_ops *ops = arm_smmu_pgtbl(domain);

	return ops ? ops->unmap_pages(ops, iova, pgsize, pgcount, gather) : 0;
}

/* A domain never attached has nothing in any TLB */
static void arm_smmu_flush_iotlb_all(struct iommu_domain *domain)
{
	struct arm_smmu_domain *d = to_smmu_domain(domain);

	if (!d->smmu)
		return;
	arm_smmu_domain_inv_all(d);
}

/*
 * A gather from unmap knows the size of what it removed: a leaf
 * invalidation with that granule and its TTL hint. One from clearing dirty
 * state (iommu_dirty_bitmap_record()) knows only the range, whose leaves
 * may be of any size: no hint, every level. Without this a TLB entry made
 * writable by the SMMU's dirty update would outlive the clear, and the
 * next write through it would never be recorded.
 */
static void arm_smmu_iotlb_sync(struct iommu_domain *domain,
				struct iommu_iotlb_gather *gather)
{
	struct arm_smmu_domain *d = to_smmu_domain(domain);
	size_t granule = gather->pgsize;
	bool leaf = granule;

	/* Nothing gathered, or never attached */
	if (gather->start > gather->end || !d->smmu)
		return;
	if (!leaf)
		granule = 1UL << __ffs(domain->pgsize_bitmap);
	arm_smmu_domain_inv_range(d, gather->start,
				  gather->end - gather->start + 1, granule,
				  leaf);
}

static int arm_smmu_read_and_clear_dirty(struct iommu_domain *domain,
					 unsigned long iova, size_t size,
					 unsigned long flags,
					 struct iommu_dirty_bitmap *dirty)
{
	struct io_pgtable_ops *ops = to_smmu_domain(domain)->pgtbl_ops;

	return ops->read_and_clear_dirty(ops, iova, size, flags, dirty);
}

/* CD.HD is set for the domain's whole life: nothing to switch */
static int arm_smmu_set_dirty_tracking(struct iommu_domain *domain,
				       bool enabled)
{
	return 0;
}

static const struct iommu_dirty_ops arm_smmu_dirty_ops = {
	.read_and_clear_dirty	= arm_smmu_read_and_clear_dirty,
	.set_dirty_tracking	= arm_smmu_set_dirty_tracking,
};

static phys_addr_t arm_smmu_iova_to_phys(struct iommu_domain *domain,
					 dma_addr_t iova)
{
	struct io_pgtable_ops *ops = to_smmu_domain(domain)->pgtbl_ops;

	return ops ? ops->iova_to_phys(ops, iova) : 0;
}

static const struct iommu_domain_ops arm_smmu_paging_ops = {
	.attach_dev	= arm_smmu_attach,
	.set_dev_pasid	= arm_smmu_set_dev_pasid_op,
	.map_pages	= arm_smmu_map_pages,
	.unmap_pages	= arm_smmu_unmap_pages,
	.flush_iotlb_all = arm_smmu_flush_iotlb_all,
	.iotlb_sync	= arm_smmu_iotlb_sync,
	.iova_to_phys	= arm_smmu_iova_to_phys,
	.free		= arm_smmu_domain_free,
};

/* ------------------------------------------------------------------------
 * Devices
 */

static void arm_smmu_master_forget_sids(struct arm_smmu_master *master,
					unsigned int n)
{
	while (n--)
		xa_erase(&master->smmu->streams, master->sids[n]);
}

static struct iommu_device *arm_smmu_probe_device(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct arm_smmu_device *smmu;
	struct arm_smmu_master *master;
	unsigned int i;
	int ret;

	smmu = fwspec ? arm_smmu_from_fwnode(fwspec->iommu_fwnode) : NULL;
	if (!smmu)
		return ERR_PTR(-ENODEV);

	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	*master = (struct arm_smmu_master) { .smmu = smmu, .dev = dev };
	xa_init(&master->pasids);
	master->sids = kcalloc(fwspec->num_ids, sizeof(u32), GFP_KERNEL);
	if (!master->sids) {
		ret = -ENOMEM;
		goto out_free_master;
	}
	/*
	 * A PCI function and its DMA aliases behind a bridge can give the
	 * same StreamID twice: it has one STE all the same.
	 */
	for (i = 0; i < fwspec->num_ids; i++) {
		unsigned int j;

		for (j = 0; j < master->num_sids; j++)
			if (master->sids[j] == fwspec->ids[i])
				break;
		if (j == master->num_sids)
			master->sids[master->num_sids++] = fwspec->ids[i];
	}

	for (i = 0; i < master->num_sids; i++) {
		u32 sid = master->sids[i];

		if (smmu->sid_bits < 32 && sid >= (1U << smmu->sid_bits)) {
			dev_err(dev, "StreamID 0x%x beyond the %u bits the SMMU handles\n",
				sid, smmu->sid_bits);
			ret = -ERANGE;
			goto out_forget;
		}
		ret = arm_smmu_strtab_prepare(smmu, sid);
		if (ret)
			goto out_forget;
		ret = xa_insert(&smmu->streams, sid, master, GFP_KERNEL);
		if (ret) {
			dev_err(dev, "StreamID 0x%x already in use: %pe\n", sid,
				ERR_PTR(ret));
			goto out_forget;
		}
	}

	if (smmu->feat.s1) {
		master->ssid_bits = arm_smmu_master_pasid_bits(master);
		ret = arm_smmu_cdtab_alloc(master);
		if (!ret)
			ret = arm_smmu_cdtab_prepare(master, 0);
		if (ret)
			goto out_free_cdtab;
	}
	/* After the PASID capability: PCIe enables PASID before ATS */
	master->ats_supported = arm_smmu_master_ats_supported(master);
	/* Before any STE is written: stall capability decides S1STALLD */
	arm_smmu_iopf_master_probe(master);

	dev_iommu_priv_set(dev, master);
	return &smmu->iommu;

out_free_cdtab:
	arm_smmu_cdtab_free(master);
	arm_smmu_master_pasid_release(master);
out_forget:
	arm_smmu_master_forget_sids(master, i);
	kfree(master->sids);
out_free_master:
	kfree(master);
	return ERR_PTR(ret);
}

static void arm_smmu_release_device(struct device *dev)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);

	/* PASIDs first: the STE leaves CD table form only once they are gone */
	arm_smmu_master_pasid_release(master);
	/* The core attached the blocked domain first: no STE uses the CDs. */
	if (WARN_ON_ONCE(master->attach0))
		arm_smmu_attach(&arm_smmu_blocked_domain, dev);
	/*
	 * A device with direct mappings (RMR, reserved memory) keeps doing
	 * that DMA when nobody owns it any more: bypass, as at boot.
	 */
	if (dev->iommu->require_direct)
		arm_smmu_attach(&arm_smmu_identity_domain, dev);
	/* IOPF off: pending faults answered, PRI disabled in the function */
	arm_smmu_iopf_master_release(master);
	arm_smmu_master_forget_sids(master, master->num_sids);
	/* No fault thread may still use @master once it is freed */
	arm_smmu_iopf_sync(master->smmu);
	arm_smmu_cdtab_free(master);
	kfree(master->sids);
	kfree(master);
}

static struct iommu_group *arm_smmu_device_group(struct device *dev)
{
	if (dev_is_pci(dev))
		return pci_device_group(dev);
	return generic_device_group(dev);
}

static int arm_smmu_of_xlate(struct device *dev,
			     const struct of_phandle_args *args)
{
	if (args->args_count != 1)
		return -EINVAL;
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static void arm_smmu_get_resv_regions(struct device *dev,
				      struct list_head *head)
{
	struct iommu_resv_region *msi;

	msi = iommu_alloc_resv_region(ARM_SMMU_MSI_IOVA_BASE,
				      ARM_SMMU_MSI_IOVA_LEN,
				      IOMMU_WRITE | IOMMU_NOEXEC | IOMMU_MMIO,
				      IOMMU_RESV_SW_MSI, GFP_KERNEL);
	if (!msi)
		return;
	list_add_tail(&msi->list, head);
	iommu_dma_get_resv_regions(dev, head);
}

static bool arm_smmu_capable(struct device *dev, enum iommu_cap cap)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);

	switch (cap) {
	case IOMMU_CAP_CACHE_COHERENCY:
		return master && master->smmu->coherent;
	case IOMMU_CAP_NOEXEC:
	case IOMMU_CAP_DEFERRED_FLUSH:
		return true;
	case IOMMU_CAP_DIRTY_TRACKING:
		return master && arm_smmu_dirty_capable(master->smmu);
	default:
		return false;
	}
}

/*
 * IOMMU_DEV_FEAT_IOPF and _SVA, which a device driver turns on before it
 * binds SVA (IOPF first, for a device that faults). The core takes no lock
 * around these calls: each feature's layer has its own.
 */
static int arm_smmu_dev_feat(struct device *dev, enum iommu_dev_features feat,
			     bool on)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);

	if (!master)
		return -ENODEV;
	if (feat == IOMMU_DEV_FEAT_IOPF)
		return on ? arm_smmu_master_enable_iopf(master) :
			    arm_smmu_master_disable_iopf(master);
	if (feat == IOMMU_DEV_FEAT_SVA)
		return on ? arm_smmu_master_sva_enable(master) :
			    arm_smmu_master_sva_disable(master);
	return -EINVAL;
}

static int arm_smmu_dev_enable_feat(struct device *dev,
				    enum iommu_dev_features feat)
{
	return arm_smmu_dev_feat(dev, feat, true);
}

static int arm_smmu_dev_disable_feat(struct device *dev,
				     enum iommu_dev_features feat)
{
	return arm_smmu_dev_feat(dev, feat, false);
}

static int arm_smmu_def_domain_type(struct device *dev)
{
	return 0;	/* whatever the core and the user choose */
}

const struct iommu_ops arm_smmu_ops = {
	.owner			= THIS_MODULE,
	/* Masters: from firmware's StreamIDs to a group */
	.of_xlate		= arm_smmu_of_xlate,
	.probe_device		= arm_smmu_probe_device,
	.device_group		= arm_smmu_device_group,
	.get_resv_regions	= arm_smmu_get_resv_regions,
	.def_domain_type	= arm_smmu_def_domain_type,
	.capable		= arm_smmu_capable,
	.release_device		= arm_smmu_release_device,
	.remove_dev_pasid	= arm_smmu_remove_dev_pasid,
	/* I/O page faults and SVA (arm-smmu-v3-iopf.c) */
	.page_response		= arm_smmu_page_response,
	/* Domains: the two static ones, then paging ones on demand */
	.identity_domain	= &arm_smmu_identity_domain,
	.blocked_domain		= &arm_smmu_blocked_domain,
	.release_domain		= &arm_smmu_blocked_domain,
	.domain_alloc_paging	= arm_smmu_domain_alloc_paging,
	.domain_alloc_user	= arm_smmu_domain_alloc_user,
#if ARM_SMMU_V3_SVA
	.domain_alloc_sva	= arm_smmu_domain_alloc_sva,
#endif
	.dev_enable_feat	= arm_smmu_dev_enable_feat,
	.dev_disable_feat	= arm_smmu_dev_disable_feat,
	.default_domain_ops	= &arm_smmu_paging_ops,
};
