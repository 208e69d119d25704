// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 driver: Shared Virtual Addressing.
 *
 * Owns: SVA domains. Each wraps one process's mm for one SMMU: a stage 1
 * CD that walks the CPU's own page tables (TTB0 = the mm's pgd, with the
 * CPU's TCR and MAIR), a private ASID from the SMMU's allocator, and an
 * mmu_notifier that keeps the SMMU's TLB and the ATCs in step with the
 * CPU's. The IOMMU core owns the bond: its pasid_array is the bond table,
 * and the domain's users count is its own. An SVA domain is attached like
 * any stage 1 domain, through the PASID layer (arm-smmu-v3-pasid.c).
 * Calls: the PASID layer, the domain invalidation helpers
 * (arm-smmu-v3-domain.c), the CD writer (arm-smmu-v3-tables.c).
 *
 * Lifetime: the core frees the domain once no PASID uses it; the driver
 * then drops its notifier with mmu_notifier_put(). Only when the notifier's
 * SRCU grace period has passed (no invalidation can be running on the
 * domain) is the ASID invalidated and released, then the domain freed.
 * Should the process exit while bound, the notifier's release switches
 * every CD of the domain to one that translates nothing, keeping the bond.
 *
 * Locking: arm_smmu_asid_lock orders CD writes against release; the
 * invalidation callback runs in atomic context (under the CPU's page
 * table lock) and takes only the domain devices lock and the command
 * queue. Documentation/sva.rst has the lifecycle.
 */
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/mmu_context.h>
#include <linux/mmu_notifier.h>
#include <linux/slab.h>

#include <asm/cpufeature.h>
#include <asm/sysreg.h>

#include "arm-smmu-v3.h"

/* A range this large is cheaper to invalidate as the whole ASID */
#define ARM_SMMU_SVA_INV_ALL_SIZE	SZ_2M

/**
 * struct arm_smmu_sva_domain - an SVA domain
 * @d: the stage 1 domain (no io-pgtable: the CD walks the mm's tables)
 * @mn: the mm's notifier, registered for the domain's lifetime
 */
struct arm_smmu_sva_domain {
	struct arm_smmu_domain	d;
	struct mmu_notifier	mn;
};

static struct arm_smmu_sva_domain *to_sva_domain(struct mmu_notifier *mn)
{
	return container_of(mn, struct arm_smmu_sva_domain, mn);
}

/* IHI0070 5.4 CD.IPS / TCR_EL1.IPS encoding of an address size in bits */
static int arm_smmu_ips(unsigned int bits)
{
	int enc;

	for (enc = 0; arm_smmu_addr_size_bits(enc); enc++)
		if (arm_smmu_addr_size_bits(enc) == bits)
			return enc;
	return -EINVAL;
}

/* The CPU's physical address size, as every CPU supports it */
static unsigned int arm_smmu_cpu_pa_bits(void)
{
	u64 mmfr0 = read_sanitised_ftr_reg(SYS_ID_AA64MMFR0_EL1);
	unsigned int parange;

	parange = cpuid_feature_extract_unsigned_field(mmfr0,
						       ID_AA64MMFR0_EL1_PARANGE_SHIFT);
	return id_aa64mmfr0_parange_to_phys_shift(parange);
}

/**
 * arm_smmu_sva_unsupported() - why an SMMU cannot walk the CPU's tables
 * @smmu: the SMMU
 *
 * Context: any.
 * Return: NULL when it can, else the reason, for a message.
 */
const char *arm_smmu_sva_unsupported(struct arm_smmu_device *smmu)
{
	u64 tcr = read_sysreg(tcr_el1);

	if (!smmu->feat.s1)
		return "no stage 1";
	if (!smmu->feat.ssid_bits)
		return "no SubstreamIDs";
	/* The CPU writes its PTEs through its caches: walks must snoop */
	if (!smmu->coherent)
		return "table walks are not coherent with the CPU";
	if (!(smmu->feat.pgsize_bitmap & PAGE_SIZE))
		return "the CPU's page size is not a granule of the SMMU";
	if (smmu->feat.oas < arm_smmu_cpu_pa_bits())
		return "output addresses narrower than the CPU's";
	/*
	 * With TCR_EL1.DS the CPU's descriptors hold OA[51:50] where the
	 * SMMU reads shareability unless told otherwise; this driver does
	 * not program that format.
	 */
	if (tcr & TCR_DS)
		return "the CPU uses 52-bit (LPA2) page tables";
	/* IHI0070 6.3.6: 52-bit input addresses need IDR5.VAX */
	if (vabits_actual > 48 && !smmu->feat.vax)
		return "the CPU's 52-bit virtual addresses";
	return NULL;
}

/*
 * The CD of @mm: TTB0 is its pgd, the walk is the CPU's (T0SZ, granule,
 * cacheability and shareability from TCR_EL1, attributes from MAIR_EL1),
 * TTB1 is never walked (EPD1: kernel tables stay the CPU's own).
 */
static int arm_smmu_sva_cd_cfg(struct arm_smmu_domain *d,
			       struct mm_struct *mm)
{
	struct arm_smmu_device *smmu = d->smmu;
	u64 tcr = read_sysreg(tcr_el1);
	int ips = arm_smmu_ips(min(smmu->feat.oas, arm_smmu_cpu_pa_bits()));
	u64 tg;

	if (ips < 0)
		return ips;
	switch (PAGE_SIZE) {
	case SZ_4K:
		tg = 0;
		break;
	case SZ_16K:
		tg = 2;
		break;
	default:
		tg = 1;
		break;
	}
	d->cd_cfg = (struct arm_smmu_cd_s1_cfg) {
		.asid	= d->asid,
		.ttbr	= virt_to_phys(mm->pgd) & CD_1_TTB0,
		/* TCR_EL1 bits [13:0] are laid out as CD word 0's */
		.tcr	= FIELD_PREP(CD_0_T0SZ, FIELD_GET(TCR_T0SZ_MASK, tcr)) |
			  FIELD_PREP(CD_0_TG0, tg) |
			  FIELD_PREP(CD_0_IR0, FIELD_GET(TCR_IRGN0_MASK, tcr)) |
			  FIELD_PREP(CD_0_OR0, FIELD_GET(TCR_ORGN0_MASK, tcr)) |
			  FIELD_PREP(CD_0_SH0, FIELD_GET(TCR_SH0_MASK, tcr)) |
			  FIELD_PREP(CD_0_IPS, ips),
		.mair	= read_sysreg(mair_el1),
		.stall	= smmu->feat.stall_model == IDR0_STALL_MODEL_FORCE,
		/*
		 * With HTTU the SMMU sets AF and clears AP[2] of writable-clean
		 * (DBM) PTEs as the CPU's hardware or software would.
		 */
		.hw_access = smmu->httu >= IDR0_HTTU_ACCESS,
		.hw_dirty = smmu->httu == IDR0_HTTU_ACCESS_DIRTY,
	};
	return 0;
}

/*
 * The CPU changed or removed translations in [@start, @end): the SMMU's
 * TLB and each ATC of the domain forget them before this returns. Tables
 * may have been freed too, so the walk caches go (non-leaf invalidation).
 * Context: atomic (the CPU's page table lock may be held); never sleeps.
 */
static void arm_smmu_mm_invalidate(struct mmu_notifier *mn,
				   struct mm_struct *mm, unsigned long start,
				   unsigned long end)
{
	struct arm_smmu_domain *d = &to_sva_domain(mn)->d;
	size_t size = end - start;

	if (end <= start)
		return;
	if (size >= ARM_SMMU_SVA_INV_ALL_SIZE)
		arm_smmu_domain_inv_all(d);
	else
		arm_smmu_domain_inv_range(d, start, size, PAGE_SIZE, false);
}

/*
 * The process's address space is going away while the domain is still
 * attached: every CD of the domain keeps its ASID but walks nothing, so
 * the devices' accesses fault instead of reaching freed page tables, and
 * the bond stays until its owner unbinds.
 */
static void arm_smmu_mm_release(struct mmu_notifier *mn,
				struct mm_struct *mm)
{
	struct arm_smmu_domain *d = &to_sva_domain(mn)->d;
	struct arm_smmu_attach *att;
	struct arm_smmu_cd cd;

	mutex_lock(&arm_smmu_asid_lock);
	d->released = true;
	/* Entries join and leave the list under the ASID lock only */
	list_for_each_entry(att, &d->devices, node) {
		arm_smmu_master_make_cd(att->master, d, &cd);
		arm_smmu_write_cd(att->master, att->ssid, &cd);
	}
	arm_smmu_domain_inv_all(d);
	mutex_unlock(&arm_smmu_asid_lock);
}

/*
 * After the notifier's SRCU grace period no callback runs on @mn, and the
 * core detached the domain everywhere: no CD holds the ASID. It is
 * invalidated, then released. Context: SRCU callback, must not sleep.
 */
static void arm_smmu_mm_free_notifier(struct mmu_notifier *mn)
{
	struct arm_smmu_sva_domain *sd = to_sva_domain(mn);

	arm_smmu_domain_release_id(&sd->d);
	mutex_destroy(&sd->d.init_lock);
	kfree(sd);
}

static const struct mmu_notifier_ops arm_smmu_mmu_notifier_ops = {
	.arch_invalidate_secondary_tlbs	= arm_smmu_mm_invalidate,
	.release			= arm_smmu_mm_release,
	.free_notifier			= arm_smmu_mm_free_notifier,
};

static void arm_smmu_sva_domain_free(struct iommu_domain *domain)
{
	struct arm_smmu_sva_domain *sd =
		container_of(to_smmu_domain(domain), struct arm_smmu_sva_domain, d);

	/* The core detached every PASID first */
	WARN_ON_ONCE(!list_empty(&sd->d.devices));
	mmu_notifier_put(&sd->mn);
}

static const struct iommu_domain_ops arm_smmu_sva_domain_ops = {
	.set_dev_pasid	= arm_smmu_set_dev_pasid_op,
	.free		= arm_smmu_sva_domain_free,
};

/**
 * arm_smmu_domain_alloc_sva() - an SVA domain for @mm on @dev's SMMU
 * @dev: a device whose SVA feature is enabled
 * @mm: the address space
 *
 * The core keeps one per (mm, SMMU): it tries the mm's existing domains
 * first, and set_dev_pasid refuses those of another SMMU.
 *
 * Context: process, may sleep (registers an mmu_notifier).
 * Return: the domain, or ERR_PTR(-ENODEV) without SVA enabled,
 * -EOPNOTSUPP, -ENOSPC (no ASID), -ENOMEM.
 */
struct iommu_domain *arm_smmu_domain_alloc_sva(struct device *dev,
					       struct mm_struct *mm)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);
	struct arm_smmu_sva_domain *sd;
	struct arm_smmu_domain *d;
	int ret;

	if (!master || !master->sva_enabled)
		return ERR_PTR(-ENODEV);
	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	if (!sd)
		return ERR_PTR(-ENOMEM);
	d = &sd->d;
	arm_smmu_domain_init(d, &arm_smmu_sva_domain_ops);
	d->smmu = master->smmu;
	d->stage = ARM_SMMU_STAGE_1;

	ret = arm_smmu_domain_alloc_id(d);
	if (ret)
		goto out_free;
	ret = arm_smmu_sva_cd_cfg(d, mm);
	if (ret)
		goto out_free_id;
	sd->mn.ops = &arm_smmu_mmu_notifier_ops;
	ret = mmu_notifier_register(&sd->mn, mm);
	if (ret)
		goto out_free_id;
	return &d->domain;

out_free_id:
	arm_smmu_domain_free_id(d);
out_free:
	kfree(sd);
	return ERR_PTR(ret);
}

/**
 * arm_smmu_master_sva_enable() - IOMMU_DEV_FEAT_SVA
 * @master: the master
 *
 * Context: process.
 * Return: 0, or -ENODEV (with a message saying why) when the master has no
 * PASIDs or its SMMU cannot walk the CPU's page tables.
 */
int arm_smmu_master_sva_enable(struct arm_smmu_master *master)
{
	const char *why = arm_smmu_sva_unsupported(master->smmu);

	if (!why && !master->ssid_bits)
		why = "the device has no PASIDs";
	if (why) {
		dev_info(master->dev, "no SVA: %s\n", why);
		return -ENODEV;
	}
	master->sva_enabled = true;
	return 0;
}

/**
 * arm_smmu_master_sva_disable() - clear IOMMU_DEV_FEAT_SVA
 * @master: the master
 *
 * Context: process; takes arm_smmu_asid_lock, under which PASIDs come and go.
 * Return: 0, or -EBUSY while an SVA domain is attached at one of its PASIDs.
 */
int arm_smmu_master_sva_disable(struct arm_smmu_master *master)
{
	struct arm_smmu_attach *att;
	unsigned long pasid;
	int ret = 0;

	mutex_lock(&arm_smmu_asid_lock);
	xa_for_each(&master->pasids, pasid, att) {
		if (att->domain->domain.type == IOMMU_DOMAIN_SVA) {
			ret = -EBUSY;
			break;
		}
	}
	if (!ret)
		master->sva_enabled = false;
	mutex_unlock(&arm_smmu_asid_lock);
	return ret;
}

/**
 * arm_smmu_sva_drain() - wait until no SVA domain is still being freed
 *
 * Their last step is an SRCU callback of this module's.
 *
 * Context: process, may sleep.
 */
void arm_smmu_sva_drain(void)
{
	mmu_notifier_synchronize();
}
