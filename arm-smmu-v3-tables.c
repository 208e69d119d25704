// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 driver: the stream table and the masters' CD tables.
 *
 * Owns: the stream table (linear, or two-level with level-2 tables made
 * on demand), each master's CD table (linear, or two-level with leaves
 * made on demand), and the only paths by which an STE or a CD changes:
 * arm_smmu_write_entry() with CFGI_STE or CFGI_CD + CMD_SYNC as its sync.
 * Calls: the builders and the hitless writer (arm-smmu-v3-entry.c), the
 * command queue (arm-smmu-v3-cmdq.c).
 * Called by: probe (arm-smmu-v3.c) and attach (arm-smmu-v3-domain.c).
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "arm-smmu-v3.h"

/* ------------------------------------------------------------------------
 * Entry writers: STEs and CDs only change through arm_smmu_write_entry().
 */

struct arm_smmu_ste_writer {
	struct arm_smmu_entry_writer	base;
	struct arm_smmu_device		*smmu;
	u32				sid;
	bool				live;	/* the SMMU may read the entry */
};

struct arm_smmu_cd_writer {
	struct arm_smmu_entry_writer	base;
	struct arm_smmu_master		*master;
	u32				ssid;
};

static void arm_smmu_ste_sync(struct arm_smmu_entry_writer *w)
{
	struct arm_smmu_ste_writer *sw = container_of(w, struct arm_smmu_ste_writer, base);
	struct arm_smmu_cmd cmd;

	if (!sw->live)
		return;
	arm_smmu_cmd_cfgi_ste(&cmd, sw->sid);
	arm_smmu_cmdq_issue(sw->smmu, &cmd, 1, true);
}

static void arm_smmu_cd_sync(struct arm_smmu_entry_writer *w)
{
	struct arm_smmu_cd_writer *cw = container_of(w, struct arm_smmu_cd_writer, base);
	struct arm_smmu_master *master = cw->master;
	struct arm_smmu_batch batch;
	struct arm_smmu_cmd cmd;
	unsigned int i;

	arm_smmu_batch_init(&batch, master->smmu);
	for (i = 0; i < master->num_sids; i++) {
		arm_smmu_cmd_cfgi_cd(&cmd, master->sids[i], cw->ssid);
		arm_smmu_batch_add(&batch, &cmd);
	}
	arm_smmu_batch_submit(&batch);
}

static const struct arm_smmu_entry_ops arm_smmu_ste_writer_ops = {
	.used_bits	= arm_smmu_ste_used_bits,
	.sync		= arm_smmu_ste_sync,
};

static const struct arm_smmu_entry_ops arm_smmu_cd_writer_ops = {
	.used_bits	= arm_smmu_cd_used_bits,
	.sync		= arm_smmu_cd_sync,
};

/*
 * Move the STE of @sid, at @ste, to @target. @live: the SMMU may already
 * read it, so each step is followed by CFGI_STE + CMD_SYNC; otherwise the
 * table is not visible to the SMMU yet and plain stores do.
 */
void arm_smmu_write_ste(struct arm_smmu_device *smmu, u32 sid,
			struct arm_smmu_ste *ste,
			const struct arm_smmu_ste *target, bool live)
{
	struct arm_smmu_ste_writer w = {
		.base.ops = &arm_smmu_ste_writer_ops,
		.smmu = smmu,
		.sid = sid,
		.live = live,
	};

	arm_smmu_write_entry(&w.base, ste->data, target->data);
}

/* ------------------------------------------------------------------------
 * Stream table (IHI0070 5.1)
 */

/**
 * arm_smmu_strtab_l1_desc() - level-1 stream table descriptor
 * @l2_dma: bus address of a level-2 table of 2^ARM_SMMU_STRTAB_SPLIT STEs
 *
 * Return: the descriptor value, in CPU order.
 */
VISIBLE_IF_KUNIT u64 arm_smmu_strtab_l1_desc(dma_addr_t l2_dma)
{
	/* SPAN is log2(STEs) + 1 */
	return FIELD_PREP(STRTAB_L1_SPAN, ARM_SMMU_STRTAB_SPLIT + 1) |
	       (l2_dma & STRTAB_L1_L2PTR);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_strtab_l1_desc);

static void arm_smmu_make_default_ste(struct arm_smmu_device *smmu,
				      struct arm_smmu_ste *ste)
{
	if (smmu->bypass_unknown)
		arm_smmu_ste_make_bypass(ste);
	else
		arm_smmu_ste_make_abort(ste);
}

/* Fill a table the SMMU cannot read yet with the default STE. */
static void arm_smmu_init_stes(struct arm_smmu_device *smmu,
			       struct arm_smmu_ste *table, u32 n)
{
	struct arm_smmu_ste target;
	u32 i;

	arm_smmu_make_default_ste(smmu, &target);
	for (i = 0; i < n; i++)
		arm_smmu_write_ste(smmu, i, &table[i], &target, false);
}

/*
 * Choose the stream table's format and size from the SMMU's features and
 * the module parameters, allocate it and fill it with the default STE.
 * Context: probe. Return: 0, -EINVAL for parameters the SMMU cannot honour,
 * -ENOMEM.
 */
int arm_smmu_strtab_init(struct arm_smmu_device *smmu, bool force_l2_strtab,
			 unsigned int strtab_linear_bits)
{
	struct arm_smmu_strtab *st = &smmu->strtab;
	u32 sid_bits = smmu->feat.sid_bits;
	bool two_level;
	size_t size;

	mutex_init(&st->l2_lock);
	/*
	 * Linear only where it is a single level-2 table's worth. Besides
	 * saving memory, this keeps to one format per SMMU: QEMU 7.2 never
	 * forgets STRTAB_BASE_CFG.FMT = 2-level once written, so a linear
	 * table programmed after a two-level one would be misread.
	 */
	two_level = smmu->feat.strtab_2lvl &&
		    (force_l2_strtab || sid_bits > ARM_SMMU_STRTAB_SPLIT);
	if (force_l2_strtab && !two_level)
		dev_warn(smmu->dev,
			 "force_l2_strtab ignored: no two-level stream table\n");
	if (strtab_linear_bits) {
		if (force_l2_strtab || strtab_linear_bits > sid_bits) {
			dev_err(smmu->dev,
				"strtab_linear_bits=%u: %s\n", strtab_linear_bits,
				force_l2_strtab ? "conflicts with force_l2_strtab" :
						  "more StreamID bits than the SMMU has");
			return -EINVAL;
		}
		two_level = false;
	}

	if (!two_level) {
		u32 bits = strtab_linear_bits ?:
			   min_t(u32, sid_bits, ARM_SMMU_STRTAB_LINEAR_MAX_BITS);
		gfp_t gfp = GFP_KERNEL;

		/* Up to 4MB of contiguous memory: fall back to two levels. */
		if (smmu->feat.strtab_2lvl && !strtab_linear_bits)
			gfp |= __GFP_NOWARN;
		size = sizeof(struct arm_smmu_ste) << bits;
		st->linear = dmam_alloc_coherent(smmu->dev, size, &st->dma, gfp);
		if (st->linear) {
			sid_bits = bits;
			arm_smmu_init_stes(smmu, st->linear, 1U << sid_bits);
			st->base_cfg = FIELD_PREP(STRTAB_BASE_CFG_FMT,
						  STRTAB_BASE_CFG_FMT_LINEAR) |
				       FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, sid_bits);
		} else if (smmu->feat.strtab_2lvl && !strtab_linear_bits) {
			dev_info(smmu->dev,
				 "no %zu bytes for a linear stream table: using two levels\n",
				 size);
			two_level = true;
		} else {
			return -ENOMEM;
		}
	}
	if (two_level) {
		u32 l1_bits = 0;

		if (sid_bits > ARM_SMMU_STRTAB_SPLIT)
			l1_bits = min_t(u32, sid_bits - ARM_SMMU_STRTAB_SPLIT,
					ARM_SMMU_STRTAB_L1_MAX_BITS);
		sid_bits = l1_bits + ARM_SMMU_STRTAB_SPLIT;
		st->num_l1 = 1U << l1_bits;
		st->l1 = dmam_alloc_coherent(smmu->dev, st->num_l1 * sizeof(u64),
					     &st->dma, GFP_KERNEL);
		if (!st->l1)
			return -ENOMEM;
		st->l2 = devm_kcalloc(smmu->dev, st->num_l1, sizeof(*st->l2),
				      GFP_KERNEL);
		if (!st->l2)
			return -ENOMEM;
		st->base_cfg = FIELD_PREP(STRTAB_BASE_CFG_FMT,
					  STRTAB_BASE_CFG_FMT_2LVL) |
			       FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, sid_bits) |
			       FIELD_PREP(STRTAB_BASE_CFG_SPLIT,
					  ARM_SMMU_STRTAB_SPLIT);
	}
	st->two_level = two_level;
	st->sid_bits = sid_bits;
	smmu->sid_bits = sid_bits;
	if (sid_bits < smmu->feat.sid_bits)
		dev_info(smmu->dev,
			 "stream table covers %u of %u StreamID bits\n",
			 sid_bits, smmu->feat.sid_bits);
	return 0;
}

/*
 * Make sure the level-2 table holding @sid exists. New tables are filled
 * before the level-1 descriptor publishes them, so the SMMU never sees a
 * partly initialised one.
 */
int arm_smmu_strtab_prepare(struct arm_smmu_device *smmu, u32 sid)
{
	struct arm_smmu_strtab *st = &smmu->strtab;
	u32 l1 = arm_smmu_strtab_l1_idx(sid);
	struct arm_smmu_ste *l2;
	dma_addr_t l2_dma;
	size_t size = sizeof(*l2) << ARM_SMMU_STRTAB_SPLIT;
	int ret = 0;

	if (!st->two_level)
		return 0;

	mutex_lock(&st->l2_lock);
	if (st->l2[l1])
		goto out_unlock;
	l2 = dmam_alloc_coherent(smmu->dev, size, &l2_dma, GFP_KERNEL);
	if (!l2) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	arm_smmu_init_stes(smmu, l2, 1U << ARM_SMMU_STRTAB_SPLIT);
	/* The table's contents must be visible before the pointer to it. */
	dma_wmb();
	WRITE_ONCE(st->l1[l1], cpu_to_le64(arm_smmu_strtab_l1_desc(l2_dma)));
	st->l2[l1] = l2;
out_unlock:
	mutex_unlock(&st->l2_lock);
	return ret;
}

/* The STE of @sid; its level-2 table must exist (arm_smmu_strtab_prepare()) */
struct arm_smmu_ste *arm_smmu_get_ste(struct arm_smmu_device *smmu, u32 sid)
{
	struct arm_smmu_strtab *st = &smmu->strtab;

	if (!st->two_level)
		return &st->linear[sid];
	return &st->l2[arm_smmu_strtab_l1_idx(sid)][arm_smmu_strtab_l2_idx(sid)];
}

/* Move every STE of @master to @target, hitlessly where the writer can */
void arm_smmu_install_ste(struct arm_smmu_master *master,
			  const struct arm_smmu_ste *target)
{
	struct arm_smmu_device *smmu = master->smmu;
	unsigned int i;

	iommu_group_mutex_assert(master->dev);
	/* Live STEs name ASIDs/VMIDs and CD tables: as for CD writes. */
	lockdep_assert_held(&arm_smmu_asid_lock);

	for (i = 0; i < master->num_sids; i++)
		arm_smmu_write_ste(smmu, master->sids[i],
				   arm_smmu_get_ste(smmu, master->sids[i]),
				   target, true);
}

/* ------------------------------------------------------------------------
 * CD tables (IHI0070 5.4)
 */

/*
 * The CD table of a master with SubstreamIDs: linear, or two-level with
 * leaves made by arm_smmu_cdtab_prepare(). Context: probe_device.
 */
int arm_smmu_cdtab_alloc(struct arm_smmu_master *master)
{
	struct arm_smmu_device *smmu = master->smmu;
	struct arm_smmu_cdtab *cdt = &master->cdtab;

	cdt->ssid_bits = master->ssid_bits;
	if (cdt->ssid_bits <= ARM_SMMU_CD_LINEAR_MAX_BITS || !smmu->feat.cd_2lvl) {
		cdt->ssid_bits = min_t(u32, cdt->ssid_bits,
				       ARM_SMMU_CD_LINEAR_MAX_BITS);
		cdt->linear = dma_alloc_coherent(smmu->dev,
						 sizeof(struct arm_smmu_cd) << cdt->ssid_bits,
						 &cdt->dma, GFP_KERNEL);
		return cdt->linear ? 0 : -ENOMEM;
	}

	cdt->num_l1 = 1U << (cdt->ssid_bits - ARM_SMMU_CD_L2_BITS);
	cdt->l2 = kcalloc(cdt->num_l1, sizeof(*cdt->l2), GFP_KERNEL);
	cdt->l2_dma = kcalloc(cdt->num_l1, sizeof(*cdt->l2_dma), GFP_KERNEL);
	cdt->l1 = dma_alloc_coherent(smmu->dev, cdt->num_l1 * sizeof(u64),
				     &cdt->dma, GFP_KERNEL);
	if (!cdt->l2 || !cdt->l2_dma || !cdt->l1)
		return -ENOMEM;	/* the caller frees with arm_smmu_cdtab_free() */
	return 0;
}

/* Free what arm_smmu_cdtab_alloc() and its leaves took; no STE uses it */
void arm_smmu_cdtab_free(struct arm_smmu_master *master)
{
	struct arm_smmu_cdtab *cdt = &master->cdtab;
	struct device *dev = master->smmu->dev;
	size_t leaf = sizeof(struct arm_smmu_cd) << ARM_SMMU_CD_L2_BITS;
	u32 i;

	if (cdt->linear)
		dma_free_coherent(dev, sizeof(struct arm_smmu_cd) << cdt->ssid_bits,
				  cdt->linear, cdt->dma);
	for (i = 0; cdt->l2 && cdt->l2_dma && i < cdt->num_l1; i++)
		if (cdt->l2[i])
			dma_free_coherent(dev, leaf, cdt->l2[i], cdt->l2_dma[i]);
	if (cdt->l1)
		dma_free_coherent(dev, cdt->num_l1 * sizeof(u64), cdt->l1,
				  cdt->dma);
	kfree(cdt->l2);
	kfree(cdt->l2_dma);
	memset(cdt, 0, sizeof(*cdt));
}

/**
 * arm_smmu_cdtab_prepare() - make sure the CD of @ssid exists
 * @master: the master
 * @ssid: SubstreamID
 *
 * Allocates a two-level table's leaf (GFP_KERNEL: no spinlock may be held)
 * and publishes it in the level-1 table.
 *
 * Context: process; probe_device, or the iommu group mutex of @master held.
 * Return: 0, -ERANGE for an SSID beyond the table, -ENOMEM.
 */
int arm_smmu_cdtab_prepare(struct arm_smmu_master *master, u32 ssid)
{
	struct arm_smmu_cdtab *cdt = &master->cdtab;
	size_t leaf = sizeof(struct arm_smmu_cd) << ARM_SMMU_CD_L2_BITS;
	u32 i = ssid >> ARM_SMMU_CD_L2_BITS;
	struct arm_smmu_cd_writer w = { .master = master, .ssid = ssid };

	/* Before the device has a group, probe_device is the only user. */
	if (master->dev->iommu_group)
		iommu_group_mutex_assert(master->dev);
	if (ssid >= (1U << cdt->ssid_bits))
		return -ERANGE;
	if (cdt->linear || cdt->l2[i])
		return 0;

	cdt->l2[i] = dma_alloc_coherent(master->smmu->dev, leaf,
					&cdt->l2_dma[i], GFP_KERNEL);
	if (!cdt->l2[i])
		return -ENOMEM;
	dma_wmb();
	WRITE_ONCE(cdt->l1[i], cpu_to_le64(CDTAB_L1_V |
					    (cdt->l2_dma[i] & CDTAB_L1_L2PTR)));
	/* Drop any cached copy of the invalid level-1 descriptor. */
	arm_smmu_cd_sync(&w.base);
	return 0;
}

static struct arm_smmu_cd *arm_smmu_get_cd(struct arm_smmu_master *master,
					   u32 ssid)
{
	struct arm_smmu_cdtab *cdt = &master->cdtab;

	if (cdt->linear)
		return &cdt->linear[ssid];
	return &cdt->l2[ssid >> ARM_SMMU_CD_L2_BITS]
		       [ssid & GENMASK(ARM_SMMU_CD_L2_BITS - 1, 0)];
}

/**
 * arm_smmu_write_cd() - install a CD, hitlessly where the writer can
 * @master: the master whose CD table holds it
 * @ssid: its SubstreamID; arm_smmu_cdtab_prepare() succeeded for it
 * @target: the value, from a CD builder (or all zero: invalid)
 *
 * Each sync is CFGI_CD for every StreamID of @master, then CMD_SYNC.
 *
 * Context: process, arm_smmu_asid_lock held (no CD may carry an ASID
 * whose owner could be freeing it meanwhile).
 */
void arm_smmu_write_cd(struct arm_smmu_master *master, u32 ssid,
		       const struct arm_smmu_cd *target)
{
	struct arm_smmu_cd_writer w = {
		.base.ops = &arm_smmu_cd_writer_ops,
		.master = master,
		.ssid = ssid,
	};

	lockdep_assert_held(&arm_smmu_asid_lock);
	arm_smmu_write_entry(&w.base, arm_smmu_get_cd(master, ssid)->data,
			     target->data);
}

/*
 * An STE that sends @master's traffic through its CD table; traffic
 * without a PASID does what @s1dss (STE_S1DSS_*) says when the table has
 * more than CD 0. @ats: ATS Translation Requests are served (EATS).
 */
void arm_smmu_make_cdtab_ste(struct arm_smmu_master *master, u8 s1dss,
			     bool ats, struct arm_smmu_ste *ste)
{
	struct arm_smmu_cdtab *cdt = &master->cdtab;
	struct arm_smmu_ste_cdtab_cfg cfg = {
		.cdtab_dma	= cdt->dma,
		.s1fmt		= cdt->linear ? STE_S1FMT_LINEAR : STE_S1FMT_4K_L2,
		.s1cdmax	= cdt->ssid_bits,
		.s1dss		= s1dss,
		.ats		= ats,
		/*
		 * S1STALLD only exists when stalling is configurable; with
		 * no stall model (QEMU) or forced stalls it must stay clear.
		 * With stall model 0 it is clear only for masters that can
		 * stall and whose faults the IOPF layer serves (IHI0070 5.2
		 * S1STALLD, 3.12.2): a device that cannot wait must not be
		 * left waiting because of a CD.S it never asked for. It is
		 * fixed at probe, so no STE write ever changes it.
		 */
		.stall		= master->smmu->feat.stall_model !=
				  IDR0_STALL_MODEL_STALL ||
				  master->stall_capable,
		/*
		 * IHI0070 8.1: a function that wants its PASID back on PRG
		 * Responses gets it on the SMMU's overflow auto-responses too
		 * (Arm expects PPAR to follow PRG Response PASID Required).
		 */
		.ppar		= master->pri_capable && master->pri_needs_pasid,
		.coherent	= master->smmu->coherent,
	};

	arm_smmu_ste_make_cdtab(ste, &cfg);
}
