// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 driver: PCIe ATS for a master.
 *
 * Owns: whether a PCI function may use ATS (the SMMU, the root complex as
 * firmware describes it, the function), when its ATS is on, and the order
 * in which the function's ATS Enable and the STE's EATS change (IHI0070
 * 3.9, 13.6):
 *
 * - ATS is on while the master's traffic is translated somewhere: its RID
 *   domain is a paging one or any PASID has a domain. It is not turned
 *   off to change domains while that holds, so a function serving DMA at
 *   its PASIDs never loses its ATC to a RID domain change.
 * - Turning on: the STE gets EATS first (nothing asks yet), then the ATC is
 *   emptied of whatever an earlier use left in it, then ATS Enable is set.
 * - Turning off (3.9.2): ATS Enable is cleared first, so the function stops
 *   sending Translation Requests and Translated traffic, then the ATC is
 *   invalidated with a CMD_SYNC, which also makes Translated transactions
 *   still in flight visible; only then does the STE lose EATS.
 * - While on, a translation that goes away is removed from the ATC once the
 *   STE or CD no longer leads to it: arm_smmu_master_atc_inv().
 *
 * Locking: the iommu group mutex and arm_smmu_asid_lock (the callers' STE
 * and CD writes are serialised by them too).
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/pci-ats.h>

#include "arm-smmu-v3.h"

/**
 * arm_smmu_master_ats_supported() - may the master use ATS at all
 * @master: the master being probed
 *
 * The SMMU must have ATS (IDR0.ATS), firmware must say the root complex
 * forwards ATS (IORT's ATS attribute, or "ats-supported" in the device
 * tree, both IOMMU_FWSPEC_PCI_RC_ATS) and the function must have an ATS
 * capability the PCI core trusts.
 *
 * Context: probe_device, after the PASID capability was enabled.
 */
bool arm_smmu_master_ats_supported(struct arm_smmu_master *master)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(master->dev);

	if (!master->smmu->feat.ats || !dev_is_pci(master->dev))
		return false;
	if (!fwspec || !(fwspec->flags & IOMMU_FWSPEC_PCI_RC_ATS))
		return false;
	return pci_ats_supported(to_pci_dev(master->dev));
}

/**
 * arm_smmu_ats_wanted() - should ATS be on for a configuration
 * @master: the master
 * @domain: its RID domain (NULL: none yet)
 * @nr_pasids: how many PASIDs will have a domain
 *
 * Return: true when the master supports ATS and the configuration
 * translates: a paging RID domain or any PASID. Identity and blocked RID
 * domains alone do not (a bypass or abort STE cannot serve Translation
 * Requests); with PASIDs they live in S1DSS and ATS stays on (13.6.4).
 * A stage 2 STE that stalls cannot have EATS (5.2, EATS).
 */
bool arm_smmu_ats_wanted(struct arm_smmu_master *master,
			 struct iommu_domain *domain, unsigned int nr_pasids)
{
	struct arm_smmu_domain *d;

	if (!master->ats_supported)
		return false;
	if (nr_pasids)
		return true;
	if (!domain || !(domain->type & __IOMMU_DOMAIN_PAGING))
		return false;
	d = to_smmu_domain(domain);
	return d->stage == ARM_SMMU_STAGE_1 || !d->s2_cfg.stall;
}

/* CMD_ATC_INV of @ssid (0: everything, every PASID too) at every StreamID */
static void arm_smmu_atc_inv_sids(struct arm_smmu_master *master, u32 ssid)
{
	struct arm_smmu_batch batch;
	struct arm_smmu_cmd cmd;
	unsigned int i;

	arm_smmu_batch_init(&batch, master->smmu);
	for (i = 0; i < master->num_sids; i++) {
		arm_smmu_cmd_atc_inv_all(&cmd, master->sids[i], ssid, ssid != 0);
		arm_smmu_batch_add(&batch, &cmd);
	}
	arm_smmu_batch_submit(&batch);
}

/**
 * arm_smmu_master_atc_inv() - empty a master's ATC of one SubstreamID
 * @master: the master
 * @ssid: the PASID whose translations go, or 0 for the whole ATC: an ATS
 *	  Invalidate Request without a PASID covers the translations of
 *	  every PASID as well (IHI0070 4.5.3, CMD_ATC_INV with SSV = 0)
 *
 * Returns once the function has completed the invalidation (CMD_SYNC).
 *
 * Context: arm_smmu_asid_lock held, which keeps @master's ATS state; the
 * STE or CD no longer leads to what is removed.
 */
void arm_smmu_master_atc_inv(struct arm_smmu_master *master, u32 ssid)
{
	lockdep_assert_held(&arm_smmu_asid_lock);
	if (master->ats_enabled)
		arm_smmu_atc_inv_sids(master, ssid);
}

/**
 * arm_smmu_ats_before_ste() - what must precede an STE with EATS = @ats
 * @master: the master
 * @ats: whether the STE about to be installed serves ATS
 *
 * Turning ATS off clears ATS Enable in the function and invalidates its
 * ATC before the STE stops serving ATS (IHI0070 3.9.2).
 *
 * Context: arm_smmu_asid_lock held.
 */
void arm_smmu_ats_before_ste(struct arm_smmu_master *master, bool ats)
{
	lockdep_assert_held(&arm_smmu_asid_lock);
	if (ats || !master->ats_enabled)
		return;
	pci_disable_ats(to_pci_dev(master->dev));
	master->ats_enabled = false;
	arm_smmu_atc_inv_sids(master, 0);
}

/**
 * arm_smmu_ats_after_ste() - what must follow an STE with EATS = @ats
 * @master: the master
 * @ats: whether the STE just installed (and synced) serves ATS
 *
 * Turning ATS on empties the ATC, then sets ATS Enable with the SMMU's
 * smallest page as the Smallest Translation Unit. A function that refuses
 * is reported and goes on without ATS; its STE may keep EATS, which it
 * then never uses.
 *
 * Context: arm_smmu_asid_lock held.
 */
void arm_smmu_ats_after_ste(struct arm_smmu_master *master, bool ats)
{
	struct arm_smmu_device *smmu = master->smmu;
	int ret;

	lockdep_assert_held(&arm_smmu_asid_lock);
	if (ats && !master->ats_on) {
		arm_smmu_atc_inv_sids(master, 0);
		ret = pci_enable_ats(to_pci_dev(master->dev),
				     __ffs(smmu->feat.pgsize_bitmap));
		if (ret)
			dev_err_ratelimited(master->dev, "ATS not enabled: %pe\n",
					    ERR_PTR(ret));
		master->ats_enabled = !ret;
	}
	master->ats_on = ats;
}
