// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 driver: paging domains at a (master, PASID).
 *
 * Owns: the PASIDs of a master. How many it has (the PCI PASID capability,
 * enabled here at probe, or the "pasid-num-bits" firmware property, within
 * the SMMU's SSIDSIZE and CD table), the CD at each SubstreamID a stage 1
 * domain is attached at, and the STE's CD table form while any is.
 * Calls: the CD table and STE writers (arm-smmu-v3-tables.c), the RID
 * domain's STE (arm-smmu-v3-domain.c).
 *
 * A PASID is attached in the order that keeps every step invisible or
 * complete for the SMMU: the CD leaf and the bookkeeping are allocated
 * first (GFP_KERNEL, no lock but the group mutex); then, under
 * arm_smmu_asid_lock, the attach entry joins the domain's devices list,
 * the CD is written, and, for the first PASID, the STE moves to the CD
 * table form with the RID domain's S1DSS. Removal runs the other way.
 * Documentation/pasid.rst has the states and why each move is hitless.
 *
 * Locking: the iommu group mutex (held by the core around set_dev_pasid
 * and remove_dev_pasid) -> arm_smmu_asid_lock -> domain devices lock.
 */
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/log2.h>
#include <linux/pci.h>
#include <linux/pci-ats.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "arm-smmu-v3.h"

/* PASIDs of a PCI function: its PASID capability, enabled before any ATS */
static u32 arm_smmu_pci_pasid_bits(struct arm_smmu_master *master,
				   struct pci_dev *pdev)
{
	int pasids = pci_max_pasids(pdev);
	int features, ret;

	if (pasids <= 1)
		return 0;
	/* Execute and privileged PASID attributes, where it has them */
	features = pci_pasid_features(pdev);
	if (features < 0)
		return 0;
	ret = pci_enable_pasid(pdev, features);
	if (ret) {
		dev_info(&pdev->dev, "PASID capability not enabled (%pe): no PASIDs\n",
			 ERR_PTR(ret));
		return 0;
	}
	master->pasid_enabled = true;
	return ilog2(pasids);
}

/**
 * arm_smmu_master_pasid_bits() - how many PASIDs a master gets
 * @master: the master, being probed on an SMMU with stage 1
 *
 * For a PCI function this enables its PASID capability;
 * arm_smmu_master_pasid_release() disables it.
 *
 * Context: probe_device.
 * Return: the number of SubstreamID bits the master may use, 0 for none.
 */
u32 arm_smmu_master_pasid_bits(struct arm_smmu_master *master)
{
	struct arm_smmu_device *smmu = master->smmu;
	struct device *dev = master->dev;
	u32 bits = 0;

	if (!smmu->feat.ssid_bits)
		return 0;
	if (dev_is_pci(dev))
		bits = arm_smmu_pci_pasid_bits(master, to_pci_dev(dev));
	else if (device_property_read_u32(dev, "pasid-num-bits", &bits))
		bits = 0;
	return min(bits, smmu->feat.ssid_bits);
}

/* The PASIDs the CD table can hold: 1 to 2^bits - 1 (0 is the RID's CD) */
static bool arm_smmu_pasid_in_range(struct arm_smmu_master *master,
				    ioasid_t pasid)
{
	return pasid && pasid < BIT(master->cdtab.ssid_bits);
}

/*
 * Take @att, at @pasid, out of the hardware and the domain: the CD goes
 * invalid (CFGI_CD + CMD_SYNC: the SMMU no longer walks the domain's tables
 * for @pasid), then the ATC forgets @pasid's translations or, when nothing
 * translates any more, ATS goes off in the function; the last PASID
 * returns the STE to the RID domain's plain form, and only then does the
 * domain's devices list drop the entry.
 */
static void arm_smmu_pasid_teardown(struct arm_smmu_master *master,
				    ioasid_t pasid, struct arm_smmu_attach *att)
{
	struct arm_smmu_ste ste;
	struct arm_smmu_cd cd;
	bool ats;

	lockdep_assert_held(&arm_smmu_asid_lock);
	memset(&cd, 0, sizeof(cd));
	arm_smmu_write_cd(master, pasid, &cd);
	ats = arm_smmu_ats_wanted(master, master->domain, --master->nr_pasids);
	if (ats)
		arm_smmu_master_atc_inv(master, pasid);
	arm_smmu_ats_before_ste(master, ats);
	/* Without PASIDs the plain form exists for every RID domain */
	if (!master->nr_pasids &&
	    !arm_smmu_rid_ste(master, master->domain, false, &ste))
		arm_smmu_install_ste(master, &ste);
	arm_smmu_ats_after_ste(master, ats);
	arm_smmu_domain_unlink(att->domain, att);
	xa_erase(&master->pasids, pasid);
}

/**
 * arm_smmu_set_dev_pasid() - attach a stage 1 paging domain at a PASID
 * @domain: the domain (the core calls this through its ops)
 * @dev: the device
 * @pasid: the PASID, 1 to 2^ssid_bits - 1
 * @old: the domain attached at @pasid now, to be replaced; NULL for none
 *
 * The CDs of the device's other PASIDs and its RID domain keep working
 * throughout. On failure nothing has changed.
 *
 * Context: process, the iommu group mutex held.
 * Return: 0; -EINVAL for a PASID out of range, a domain of another SMMU or
 * a stage 2 domain; -EBUSY while the RID domain is a stage 2 one or when
 * @pasid already has a domain other than @old; -ENOMEM.
 */
int arm_smmu_set_dev_pasid(struct iommu_domain *domain, struct device *dev,
			   ioasid_t pasid, struct iommu_domain *old)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);
	struct arm_smmu_domain *d = to_smmu_domain(domain);
	struct arm_smmu_attach *att, *prev;
	struct arm_smmu_ste ste;
	struct arm_smmu_cd cd;
	bool first;
	int ret;

	iommu_group_mutex_assert(dev);
	if (!master)
		return -ENODEV;
	if (!arm_smmu_pasid_in_range(master, pasid)) {
		dev_err_ratelimited(dev, "PASID %u out of range: %u PASID bits\n",
				    pasid, master->cdtab.ssid_bits);
		return -EINVAL;
	}
	ret = arm_smmu_domain_bind(d, master->smmu);
	/* The core tries each SVA domain of an mm before making one */
	if (ret == -EINVAL && domain->type != IOMMU_DOMAIN_SVA)
		dev_err_ratelimited(dev, "PASID %u: the domain belongs to another SMMU\n",
				    pasid);
	if (ret)
		return ret;
	if (d->stage != ARM_SMMU_STAGE_1) {
		dev_err_ratelimited(dev, "PASID %u: only stage 1 domains translate PASIDs\n",
				    pasid);
		return -EINVAL;
	}

	prev = xa_load(&master->pasids, pasid);
	if (prev && prev->domain == d)
		return 0;
	if (prev && (!old || &prev->domain->domain != old))
		return -EBUSY;

	/* Everything that can fail or sleep, before the hardware changes */
	ret = arm_smmu_cdtab_prepare(master, pasid);
	if (ret)
		return ret;
	att = arm_smmu_attach_alloc(master, d, pasid);
	if (!att)
		return -ENOMEM;
	if (!prev) {
		ret = xa_reserve(&master->pasids, pasid, GFP_KERNEL);
		if (ret)
			goto out_free;
	}

	mutex_lock(&arm_smmu_asid_lock);
	first = !master->nr_pasids;
	if (first) {
		ret = arm_smmu_rid_ste(master, master->domain, true, &ste);
		if (ret) {
			dev_err_ratelimited(dev, "PASID %u: the RID has a stage 2 domain\n",
					    pasid);
			goto out_unlock;
		}
	}
	/* On the list before the CD is live: no invalidation misses it */
	att->ats = arm_smmu_ats_wanted(master, master->domain, 1);
	arm_smmu_domain_link(d, att);
	arm_smmu_master_make_cd(master, d, &cd);
	arm_smmu_write_cd(master, pasid, &cd);
	if (first)
		arm_smmu_install_ste(master, &ste);
	/* The first PASID of an identity or blocked RID turns ATS on */
	arm_smmu_ats_after_ste(master, att->ats);
	if (prev) {
		/* The ATC may still hold the replaced domain's translations */
		arm_smmu_master_atc_inv(master, pasid);
		arm_smmu_domain_unlink(prev->domain, prev);
	} else {
		master->nr_pasids++;
	}
	/* The slot is reserved or taken: the store allocates nothing */
	xa_store(&master->pasids, pasid, att, GFP_KERNEL);
	mutex_unlock(&arm_smmu_asid_lock);
	kfree(prev);
	return 0;

out_unlock:
	mutex_unlock(&arm_smmu_asid_lock);
	xa_release(&master->pasids, pasid);
out_free:
	kfree(att);
	return ret;
}

#ifndef ARM_SMMU_CORE_PASID_OLD
/**
 * arm_smmu_set_dev_pasid_op() - set_dev_pasid() of a core without @old
 * @domain: the domain
 * @dev: the device
 * @pasid: the PASID
 *
 * 6.12 stable releases before the core passed @old (6.12.95, Debian's arm64
 * kernel, is one) never replace a PASID's domain: there is no @old.
 *
 * Context: process, the iommu group mutex held.
 * Return: as arm_smmu_set_dev_pasid().
 */
int arm_smmu_set_dev_pasid_op(struct iommu_domain *domain, struct device *dev,
			      ioasid_t pasid)
{
	return arm_smmu_set_dev_pasid(domain, dev, pasid, NULL);
}
#endif

/**
 * arm_smmu_remove_dev_pasid() - detach whatever domain is at a PASID
 * @dev: the device
 * @pasid: the PASID
 * @domain: the domain the core attached there
 *
 * Once this returns the SMMU terminates traffic at @pasid and no longer
 * reaches @domain for it, and no fault reported for it is still being
 * handled (IOPF); the last PASID to leave returns the STE to the plain
 * form of the RID domain.
 *
 * Context: process, the iommu group mutex held.
 */
void arm_smmu_remove_dev_pasid(struct device *dev, ioasid_t pasid,
			       struct iommu_domain *domain)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);
	struct arm_smmu_attach *att;

	iommu_group_mutex_assert(dev);
	att = master ? xa_load(&master->pasids, pasid) : NULL;
	if (!att)
		return;
	mutex_lock(&arm_smmu_asid_lock);
	arm_smmu_pasid_teardown(master, pasid, att);
	mutex_unlock(&arm_smmu_asid_lock);
	/* Faults in flight for @pasid are done with before the core frees it */
	arm_smmu_iopf_flush(master, domain);
	kfree(att);
}

/**
 * arm_smmu_master_pasid_release() - forget a master's PASIDs
 * @master: the master being released (or failing its probe)
 *
 * Detaches what its user left attached and disables the PCI function's
 * PASID capability once no STE or CD can use a PASID.
 *
 * Context: release_device (iommu group mutex held) or probe_device.
 */
void arm_smmu_master_pasid_release(struct arm_smmu_master *master)
{
	struct arm_smmu_attach *att;
	unsigned long pasid;

	mutex_lock(&arm_smmu_asid_lock);
	if (master->nr_pasids)
		dev_warn(master->dev, "released with %u PASIDs attached\n",
			 master->nr_pasids);
	xa_for_each(&master->pasids, pasid, att) {
		arm_smmu_pasid_teardown(master, pasid, att);
		kfree(att);
	}
	/* PCIe: PASID Enable may only change while ATS is disabled */
	arm_smmu_ats_before_ste(master, false);
	mutex_unlock(&arm_smmu_asid_lock);
	xa_destroy(&master->pasids);
	if (master->pasid_enabled)
		pci_disable_pasid(to_pci_dev(master->dev));
	master->pasid_enabled = false;
}
