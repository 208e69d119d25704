// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for ATS (arm-smmu-v3-ats.c) against the software SMMU model:
 * PCI functions whose root complex forwards ATS, driven through the IOMMU
 * core as a device driver would, and doing Translated DMA through their
 * own ATC (smmu_model_dma() with SMMU_MODEL_DMA_TRANSLATED), which the
 * model fills with Translation Requests and empties at each CMD_ATC_INV.
 *
 * What is checked: ATS is on exactly while something translates (a paging
 * RID domain or any PASID), is never turned off to change the RID domain
 * while PASIDs rely on it, and an unmap or a detach leaves nothing of the
 * old translation in any ATC it could be in once it returns.
 */
#include <kunit/test.h>
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/pci-ats.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-iommu-priv.h"
#include "arm-smmu-v3-model.h"
#include "arm-smmu-v3-model-spec.h"

/* iommu_group_replace_domain(): any RID domain, identity included */
MODULE_IMPORT_NS(IOMMUFD_INTERNAL);

#define A_IOVA		SZ_1G
#define A_NO_SSID	SMMU_MODEL_NO_SSID

/* STE.Config, IHI0070 5.2 */
#define A_CFG_ABORT	0x0
#define A_CFG_BYPASS	0x4
#define A_CFG_S1	0x5
#define A_CFG_S2	0x6

struct ats_fn {
	struct smmu_model_master	*mm;
	struct pci_dev			*pdev;
	struct iommu_group		*group;
	u32				sid;
};

static void ats_fn_add_cfg(struct kunit *test, struct smmu_model *m,
			   struct ats_fn *f,
			   const struct smmu_model_pci_cfg *cfg)
{
	f->mm = smmu_model_add_pci_master(m, cfg);
	f->pdev = smmu_model_master_pci(f->mm);
	f->sid = pci_dev_id(f->pdev);
	f->group = f->pdev->dev.iommu_group;
	KUNIT_ASSERT_NOT_NULL(test, f->group);
}

/* A function with ATS (and @pasid_bits of PASIDs) behind a forwarding RC */
static void ats_fn_add(struct kunit *test, struct smmu_model *m,
		       struct ats_fn *f, u8 pasid_bits)
{
	struct smmu_model_pci_cfg cfg = {
		.ats = true, .pasid_bits = pasid_bits, .rc_ats = true,
	};

	ats_fn_add_cfg(test, m, f, &cfg);
}

static struct smmu_model *ats_model(struct kunit *test,
				    const struct smmu_model_preset *p)
{
	struct smmu_model *m = smmu_model_create(test, p);

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	return m;
}

static void *ats_page(struct kunit *test, u8 seed)
{
	u8 *p = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = seed - i;
	return p;
}

/* A paging domain of @f with @page readable and writable at A_IOVA */
static struct iommu_domain *ats_domain(struct kunit *test, struct ats_fn *f,
				       void *page)
{
	struct iommu_domain *dom = iommu_paging_domain_alloc(&f->pdev->dev);

	KUNIT_ASSERT_FALSE(test, IS_ERR(dom));
	KUNIT_ASSERT_EQ(test, iommu_map(dom, A_IOVA, virt_to_phys(page), SZ_4K,
					IOMMU_READ | IOMMU_WRITE, GFP_KERNEL),
			0);
	return dom;
}

/* ATS Enable as the function's config space holds it */
static bool ats_fn_enabled(struct ats_fn *f)
{
	int pos = f->pdev->ats_cap;

	return pos && (smmu_model_pci_cfg_read16(f->mm, pos + PCI_ATS_CTRL) &
		       PCI_ATS_CTRL_ENABLE);
}

static u8 ats_ste_eats(struct kunit *test, struct smmu_model *m,
		       struct ats_fn *f, u8 config)
{
	struct smmu_model_ste ste;

	KUNIT_EXPECT_EQ(test, smmu_model_read_ste(m, f->sid, &ste), 0);
	KUNIT_EXPECT_EQ(test, ste.config, config);
	return ste.eats;
}

/* Translated DMA at @ssid reads @want (the first access fills the ATC) */
static void expect_translated(struct kunit *test, struct ats_fn *f, u32 ssid,
			      const void *want)
{
	struct smmu_model_dma_result r = {};
	u8 got[32];
	int ret;

	ret = smmu_model_dma(f->mm, 0, ssid, A_IOVA, got, sizeof(got),
			     SMMU_MODEL_DMA_TRANSLATED, &r);
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "SSID %d: event 0x%x TC %u",
			    (int)ssid, r.event, r.tr_status);
	if (!ret)
		KUNIT_EXPECT_MEMEQ_MSG(test, got, want, sizeof(got), "SSID %d",
				       (int)ssid);
}

static void ats_own(struct kunit *test, struct ats_fn *f)
{
	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(f->group, test), 0);
}

static void ats_disown(struct ats_fn *f)
{
	iommu_detach_group(NULL, f->group);
	iommu_group_release_dma_owner(f->group);
}

/*
 * @f owned by the test with a paging domain mapping @page at A_IOVA as its
 * RID domain, and Translated DMA through it once (the ATC holds it)
 */
static struct iommu_domain *ats_attached(struct kunit *test, struct ats_fn *f,
					 void *page)
{
	struct iommu_domain *dom;

	ats_own(test, f);
	dom = ats_domain(test, f, page);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(dom, f->group), 0);
	expect_translated(test, f, A_NO_SSID, page);
	return dom;
}

/*
 * Unmap A_IOVA from @dom: once iommu_unmap() returns, @f's ATC no longer
 * holds it and Translated DMA there is granted nothing
 */
static void expect_unmapped_everywhere(struct kunit *test, struct ats_fn *f,
				       struct iommu_domain *dom)
{
	struct smmu_model_dma_result r = {};
	u8 b;

	KUNIT_EXPECT_EQ(test, iommu_unmap(dom, A_IOVA, SZ_4K), SZ_4K);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f->mm, A_NO_SSID, A_IOVA));
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f->mm, 0, A_NO_SSID, A_IOVA, &b, 1,
					     SMMU_MODEL_DMA_TRANSLATED, &r),
			-EACCES);
	KUNIT_EXPECT_FALSE(test, r.atc_hit);
}

static struct iommu_domain *identity_of(struct ats_fn *f)
{
	return f->pdev->dev.iommu->iommu_dev->ops->identity_domain;
}

/*
 * A paging RID domain turns ATS on: EATS in the STE, ATS Enable in the
 * function with the SMMU's smallest page as its STU, and the function's
 * ATC serving Translated DMA; blocked turns it off again.
 */
static void paging_rid_domain_turns_ats_on(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *page = ats_page(test, 0x11);
	struct smmu_model_dma_result r = {};
	struct iommu_domain *dom;
	struct ats_fn f;
	u8 b;

	ats_fn_add(test, m, &f, 0);
	ats_own(test, &f);
	KUNIT_EXPECT_FALSE(test, ats_fn_enabled(&f));
	ats_ste_eats(test, m, &f, A_CFG_ABORT);

	dom = ats_domain(test, &f, page);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(dom, f.group), 0);
	KUNIT_EXPECT_EQ(test, ats_ste_eats(test, m, &f, A_CFG_S1), 1);
	KUNIT_EXPECT_TRUE(test, ats_fn_enabled(&f));
	/* STU: 0 encodes 4KB, the smallest page the full preset has */
	KUNIT_EXPECT_EQ(test, smmu_model_pci_cfg_read16(f.mm, f.pdev->ats_cap +
							PCI_ATS_CTRL) &
			PCI_ATS_CTRL_STU(0x1f), PCI_ATS_CTRL_STU(0));
	expect_translated(test, &f, A_NO_SSID, page);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, A_NO_SSID, A_IOVA, &b, 1,
					     SMMU_MODEL_DMA_TRANSLATED, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.atc_hit);

	iommu_detach_group(dom, f.group);
	KUNIT_EXPECT_FALSE(test, ats_fn_enabled(&f));
	ats_ste_eats(test, m, &f, A_CFG_ABORT);
	iommu_group_release_dma_owner(f.group);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

/* An identity RID domain bypasses: no ATS (a bypass STE cannot serve it) */
static void identity_rid_domain_leaves_ats_off(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	struct ats_fn f;

	ats_fn_add(test, m, &f, 0);
	ats_own(test, &f);
	KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(f.group,
							 identity_of(&f)), 0);
	ats_ste_eats(test, m, &f, A_CFG_BYPASS);
	KUNIT_EXPECT_FALSE(test, ats_fn_enabled(&f));
	ats_disown(&f);
	smmu_model_expect_clean(test, m);
}

/*
 * iommu_unmap() returns only once the function's ATC has let go of the
 * translation: the next Translated access needs a Translation Request,
 * which grants nothing.
 */
static void unmap_empties_the_atc_before_returning(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *page = ats_page(test, 0x21);
	struct iommu_domain *dom;
	struct ats_fn f;

	ats_fn_add(test, m, &f, 0);
	dom = ats_attached(test, &f, page);
	KUNIT_ASSERT_TRUE(test, smmu_model_atc_holds(f.mm, A_NO_SSID, A_IOVA));
	expect_unmapped_everywhere(test, &f, dom);

	ats_disown(&f);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

/*
 * An unmap invalidates the span CMD_ATC_INV can name around it, not the
 * whole ATC: the unmapped translations go, one 2MB away stays cached.
 */
static void unmap_invalidates_the_span_it_covers(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *page = ats_page(test, 0x23);
	struct iommu_domain *dom;
	struct ats_fn f;
	u8 b;

	ats_fn_add(test, m, &f, 0);
	dom = ats_attached(test, &f, page);
	KUNIT_ASSERT_EQ(test, iommu_map(dom, A_IOVA + SZ_2M, virt_to_phys(page),
					SZ_4K, IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(dom, A_IOVA + SZ_4K, virt_to_phys(page),
					SZ_4K, IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(dom, A_IOVA + SZ_8K, virt_to_phys(page),
					SZ_4K, IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_dma(f.mm, 0, A_NO_SSID, A_IOVA + SZ_2M,
					     &b, 1, SMMU_MODEL_DMA_TRANSLATED,
					     NULL), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_dma(f.mm, 0, A_NO_SSID, A_IOVA + SZ_8K,
					     &b, 1, SMMU_MODEL_DMA_TRANSLATED,
					     NULL), 0);

	/* Pages 0-2 go: one span of 4 pages, Size 2 */
	KUNIT_EXPECT_EQ(test, iommu_unmap(dom, A_IOVA, 3 * SZ_4K), 3 * SZ_4K);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, A_NO_SSID, A_IOVA));
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, A_NO_SSID,
						      A_IOVA + SZ_8K));
	KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm, A_NO_SSID,
						     A_IOVA + SZ_2M));

	ats_disown(&f);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

/*
 * A busy function asks again at once for what an ATS invalidation took
 * away: the SMMU's TLB must no longer hold it then, so the TLB
 * invalidation has to complete before the ATC's starts (IHI0070 3.9).
 */
static void unmap_leaves_a_refetching_function_nothing_stale(struct kunit *test)
{
	struct smmu_model_pci_cfg cfg = {
		.ats = true, .rc_ats = true, .refetches = true,
	};
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *page = ats_page(test, 0x25);
	struct smmu_model_atc_counts before, after;
	struct iommu_domain *dom;
	struct ats_fn f;

	ats_fn_add_cfg(test, m, &f, &cfg);
	dom = ats_attached(test, &f, page);
	smmu_model_atc_counts(f.mm, A_NO_SSID, &before);

	KUNIT_EXPECT_EQ(test, iommu_unmap(dom, A_IOVA, SZ_4K), SZ_4K);
	smmu_model_atc_counts(f.mm, A_NO_SSID, &after);
	/* It did ask again, and was granted nothing */
	KUNIT_EXPECT_GT(test, after.trs, before.trs);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, A_NO_SSID, A_IOVA));

	ats_disown(&f);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

/*
 * The function does not answer an ATS invalidation in time: the SMMU stops
 * with CERROR_ATC_INV_SYNC (IHI0070 3.9.1.4). The driver reports it and
 * runs the CMD_SYNC again, which completes once the function answers, so
 * the unmap still returns with nothing stale left in the ATC.
 */
static void unmap_survives_an_atc_invalidation_timeout(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *page = ats_page(test, 0x27);
	struct iommu_domain *dom;
	struct ats_fn f;

	ats_fn_add(test, m, &f, 0);
	dom = ats_attached(test, &f, page);
	smmu_model_fail_next_atc_inv_sync(m);
	expect_unmapped_everywhere(test, &f, dom);
	/* The queue runs on */
	KUNIT_EXPECT_EQ(test, iommu_map(dom, A_IOVA, virt_to_phys(page), SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);
	expect_translated(test, &f, A_NO_SSID, page);

	ats_disown(&f);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

/*
 * One domain at a PASID of one function and at the RID of another: an
 * unmap empties both ATCs.
 */
static void unmap_reaches_every_function_and_pasid(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *page = ats_page(test, 0x31);
	struct iommu_domain *dom;
	struct ats_fn f, g;

	ats_fn_add(test, m, &f, 8);
	ats_fn_add(test, m, &g, 0);
	ats_own(test, &g);
	dom = ats_domain(test, &f, page);
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, &f.pdev->dev, 3,
							NULL), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(dom, g.group), 0);
	expect_translated(test, &f, 3, page);
	expect_translated(test, &g, A_NO_SSID, page);

	KUNIT_EXPECT_EQ(test, iommu_unmap(dom, A_IOVA, SZ_4K), SZ_4K);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, 3, A_IOVA));
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(g.mm, A_NO_SSID, A_IOVA));

	iommu_detach_device_pasid(dom, &f.pdev->dev, 3);
	ats_disown(&g);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

/*
 * With a PASID attached, ATS stays on through every RID domain change
 * (blocked -> S1 A -> identity -> S1 B -> blocked): the function keeps
 * serving the PASID from its ATC or a new Translation Request, and the RID
 * translates through each new domain, not the old one's cached entries.
 */
static void rid_changes_never_turn_ats_off_under_pasids(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *pp = ats_page(test, 0x41);
	void *pa = ats_page(test, 0x42);
	void *pb = ats_page(test, 0x43);
	struct iommu_domain *dom, *a, *b;
	unsigned int disables;
	struct ats_fn f;

	ats_fn_add(test, m, &f, 8);
	ats_own(test, &f);
	/* Owning the group replaced the default DMA domain with blocked */
	disables = smmu_model_pci_ats_disables(f.mm);
	dom = ats_domain(test, &f, pp);
	a = ats_domain(test, &f, pa);
	b = ats_domain(test, &f, pb);

	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, &f.pdev->dev, 5,
							NULL), 0);
	KUNIT_EXPECT_EQ(test, ats_ste_eats(test, m, &f, A_CFG_S1), 1);
	KUNIT_EXPECT_TRUE(test, ats_fn_enabled(&f));
	expect_translated(test, &f, 5, pp);

	KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(f.group, a), 0);
	expect_translated(test, &f, A_NO_SSID, pa);
	expect_translated(test, &f, 5, pp);
	KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(f.group,
							 identity_of(&f)), 0);
	KUNIT_EXPECT_EQ(test, ats_ste_eats(test, m, &f, A_CFG_S1), 1);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, A_NO_SSID, A_IOVA));
	expect_translated(test, &f, 5, pp);
	KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(f.group, b), 0);
	expect_translated(test, &f, A_NO_SSID, pb);
	expect_translated(test, &f, 5, pp);
	iommu_detach_group(NULL, f.group);
	KUNIT_EXPECT_EQ(test, ats_ste_eats(test, m, &f, A_CFG_S1), 1);
	expect_translated(test, &f, 5, pp);
	KUNIT_EXPECT_TRUE(test, ats_fn_enabled(&f));
	KUNIT_EXPECT_EQ(test, smmu_model_pci_ats_disables(f.mm), disables);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_ste_breaks(m), 0);

	/* The last PASID leaves a blocked RID: ATS goes off */
	iommu_detach_device_pasid(dom, &f.pdev->dev, 5);
	ats_ste_eats(test, m, &f, A_CFG_ABORT);
	KUNIT_EXPECT_FALSE(test, ats_fn_enabled(&f));
	KUNIT_EXPECT_EQ(test, smmu_model_pci_ats_disables(f.mm), disables + 1);

	iommu_group_release_dma_owner(f.group);
	iommu_domain_free(dom);
	iommu_domain_free(a);
	iommu_domain_free(b);
	smmu_model_expect_clean(test, m);
}

/*
 * Detaching one PASID empties the ATC of that PASID's translations only:
 * the RID's and another PASID's stay cached.
 */
static void pasid_detach_empties_only_its_atc_entries(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *pr = ats_page(test, 0x51);
	void *pp = ats_page(test, 0x52);
	struct iommu_domain *rid, *dom;
	struct ats_fn f;

	ats_fn_add(test, m, &f, 8);
	ats_own(test, &f);
	rid = ats_domain(test, &f, pr);
	dom = ats_domain(test, &f, pp);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(rid, f.group), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, &f.pdev->dev, 1,
							NULL), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, &f.pdev->dev, 2,
							NULL), 0);
	expect_translated(test, &f, A_NO_SSID, pr);
	expect_translated(test, &f, 1, pp);
	expect_translated(test, &f, 2, pp);

	iommu_detach_device_pasid(dom, &f.pdev->dev, 1);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, 1, A_IOVA));
	KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm, 2, A_IOVA));
	KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm, A_NO_SSID, A_IOVA));
	KUNIT_EXPECT_TRUE(test, ats_fn_enabled(&f));

	iommu_detach_device_pasid(dom, &f.pdev->dev, 2);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, 2, A_IOVA));
	KUNIT_EXPECT_TRUE(test, ats_fn_enabled(&f));
	iommu_detach_group(NULL, f.group);
	KUNIT_EXPECT_FALSE(test, ats_fn_enabled(&f));
	iommu_group_release_dma_owner(f.group);
	iommu_domain_free(dom);
	iommu_domain_free(rid);
	smmu_model_expect_clean(test, m);
}

/*
 * A translation left in the ATC from before (firmware, a previous kernel)
 * is gone before ATS is enabled: the domain's own page is what Translated
 * DMA reads.
 */
static void ats_enabled_with_an_empty_atc(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *stale = ats_page(test, 0x81);
	void *page = ats_page(test, 0x82);
	struct iommu_domain *dom;
	struct ats_fn f;

	ats_fn_add(test, m, &f, 0);
	ats_own(test, &f);
	smmu_model_atc_preload(f.mm, A_NO_SSID, A_IOVA, virt_to_phys(stale));
	dom = ats_domain(test, &f, page);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(dom, f.group), 0);
	expect_translated(test, &f, A_NO_SSID, page);
	ats_disown(&f);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

/* A stage 2 RID domain serves ATS too (EATS with S2S clear) */
static void stage2_rid_domain_serves_ats(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	void *page = ats_page(test, 0x61);
	struct iommu_domain *dom;
	struct smmu_model *m;
	struct ats_fn f;

	p.idr[0] &= ~BIT(1);	/* IDR0.S1P: stage 2 only */
	m = ats_model(test, &p);
	ats_fn_add(test, m, &f, 0);
	ats_own(test, &f);
	dom = ats_domain(test, &f, page);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(dom, f.group), 0);
	KUNIT_EXPECT_EQ(test, ats_ste_eats(test, m, &f, A_CFG_S2), 1);
	KUNIT_EXPECT_TRUE(test, ats_fn_enabled(&f));
	expect_translated(test, &f, A_NO_SSID, page);
	KUNIT_EXPECT_EQ(test, iommu_unmap(dom, A_IOVA, SZ_4K), SZ_4K);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, A_NO_SSID, A_IOVA));
	ats_disown(&f);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

/*
 * No ATS unless all three have it: the SMMU (IDR0.ATS), the root complex
 * as firmware describes it, and the function.
 */
static void ats_needs_smmu_root_complex_and_function(struct kunit *test)
{
	static const struct {
		const char	*what;
		bool		smmu, rc, fn;
	} cases[] = {
		{ "SMMU without ATS", false, true, true },
		{ "root complex without ATS", true, false, true },
		{ "function without ATS", true, true, false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct smmu_model_preset p = smmu_model_full;
		struct smmu_model_pci_cfg cfg = {
			.ats = cases[i].fn, .rc_ats = cases[i].rc,
		};
		void *page = ats_page(test, 0x70 + i);
		struct smmu_model_dma_result r = {};
		struct iommu_domain *dom;
		struct smmu_model *m;
		struct ats_fn f;
		u8 b;

		if (!cases[i].smmu)
			p.idr[0] &= ~BIT(10);	/* IDR0.ATS */
		m = ats_model(test, &p);
		ats_fn_add_cfg(test, m, &f, &cfg);
		ats_own(test, &f);
		dom = ats_domain(test, &f, page);
		KUNIT_ASSERT_EQ(test, iommu_attach_group(dom, f.group), 0);
		KUNIT_EXPECT_EQ_MSG(test, ats_ste_eats(test, m, &f, A_CFG_S1), 0,
				    "%s", cases[i].what);
		KUNIT_EXPECT_FALSE_MSG(test, ats_fn_enabled(&f), "%s",
				       cases[i].what);
		KUNIT_EXPECT_NE_MSG(test, smmu_model_dma(f.mm, 0, A_NO_SSID,
							 A_IOVA, &b, 1,
							 SMMU_MODEL_DMA_TRANSLATED,
							 &r), 0,
				    "%s", cases[i].what);
		ats_disown(&f);
		iommu_domain_free(dom);
		smmu_model_expect_clean(test, m);
	}
}

/* Commands of every kind the model consumed, and CMD_SYNCs among them */
static void ats_cmds(struct smmu_model *m, unsigned long *cmds,
		     unsigned long *syncs)
{
	unsigned int op;

	*cmds = 0;
	for (op = 1; op <= SMMU_MODEL_OP_SYNC; op++)
		*cmds += smmu_model_nr_cmds(m, op);
	*syncs = smmu_model_nr_cmds(m, SMMU_MODEL_OP_SYNC);
}

struct ats_cost {
	struct kunit		*test;
	struct smmu_model	*m;
	const char		*dev;
	unsigned long		cmds, syncs;
};

static void ats_cost_start(struct ats_cost *c)
{
	ats_cmds(c->m, &c->cmds, &c->syncs);
}

/*
 * Print what the step since ats_cost_start() cost, as the table in
 * Documentation/pasid.rst takes it, and hold it to what the in-tree 6.12
 * driver needs for the same move: @intree CMD_SYNCs.
 */
static void ats_cost_end(struct ats_cost *c, const char *step,
			 unsigned long intree)
{
	unsigned long cmds, syncs;

	ats_cmds(c->m, &cmds, &syncs);
	syncs -= c->syncs;
	kunit_info(c->test, "pasid-cost %s %s syncs %lu (in-tree %lu) cmds %lu\n",
		   c->dev, step, syncs, intree, cmds - c->cmds);
	KUNIT_EXPECT_LE_MSG(c->test, syncs, intree, "%s %s", c->dev, step);
}

/*
 * The cost in commands and CMD_SYNCs of each PASID and RID move, with and
 * without ATS, as Documentation/pasid.rst tabulates it, is never more
 * than the 6.12 in-tree driver's. Its counts follow its code paths
 * (arm_smmu_set_pasid(), arm_smmu_attach_dev_ste(), arm_smmu_attach_dev(),
 * arm_smmu_remove_dev_pasid()) with the STE/CD writes costed as its own
 * KUnit suite counts them (Documentation/hitless.rst) and one CMD_SYNC for
 * each arm_smmu_atc_inv_master(). That the moves work the other cases
 * check.
 */
static void pasid_moves_cost_what_they_must(struct kunit *test)
{
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	void *pp = ats_page(test, 0x91);
	void *pr = ats_page(test, 0x92);
	struct ats_cost c = { .test = test, .m = m };
	struct iommu_domain *dom, *rid;
	struct ats_fn f;
	int ats;

	for (ats = 0; ats <= 1; ats++) {
		struct smmu_model_pci_cfg cfg = {
			.ats = ats, .rc_ats = ats, .pasid_bits = 20,
		};
		struct device *dev;

		c.dev = ats ? "ats" : "no-ats";
		ats_fn_add_cfg(test, m, &f, &cfg);
		dev = &f.pdev->dev;
		ats_own(test, &f);
		dom = ats_domain(test, &f, pp);
		rid = ats_domain(test, &f, pr);

		ats_cost_start(&c);
		KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, dev, 1, NULL), 0);
		ats_cost_end(&c, "first-pasid-blocked-rid", ats ? 5 : 4);
		ats_cost_start(&c);
		KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, dev, 2, NULL), 0);
		ats_cost_end(&c, "second-pasid", ats ? 3 : 2);
		ats_cost_start(&c);
		KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(f.group, rid), 0);
		ats_cost_end(&c, "rid-blocked-to-s1", ats ? 4 : 3);
		ats_cost_start(&c);
		KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(f.group,
								 identity_of(&f)), 0);
		ats_cost_end(&c, "rid-s1-to-identity", ats ? 4 : 3);
		ats_cost_start(&c);
		iommu_detach_device_pasid(dom, dev, 2);
		ats_cost_end(&c, "pasid-detach", ats ? 3 : 2);
		ats_cost_start(&c);
		iommu_detach_device_pasid(dom, dev, 1);
		ats_cost_end(&c, "last-pasid-detach-identity-rid", ats ? 6 : 4);

		ats_disown(&f);
		iommu_domain_free(dom);
		iommu_domain_free(rid);
	}
	smmu_model_expect_clean(test, m);
}

/* The RID domains of the matrix below */
enum mx_rid { MX_IDENTITY, MX_BLOCKED, MX_S1_A, MX_S1_B };

struct mx_fn {
	struct ats_fn		f;
	struct iommu_domain	*rid[4];
	void			*rid_page[4];
	void			*pasid_page;
	void			*phys_page;
	bool			ats;
};

static const char * const mx_rid_name[] = {
	"identity", "blocked", "S1 A", "S1 B",
};

/* DMA at @ssid reads @want at A_IOVA, Translated with ATS */
static void mx_expect_reads(struct kunit *test, struct mx_fn *x, u32 ssid,
			    const void *want)
{
	struct smmu_model_dma_result r = {};
	u8 got[32];
	int ret;

	if (x->ats) {
		expect_translated(test, &x->f, ssid, want);
		return;
	}
	ret = smmu_model_dma(x->f.mm, 0, ssid, A_IOVA, got, sizeof(got), 0, &r);
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "SSID %d: event 0x%x", (int)ssid,
			    r.event);
	if (!ret)
		KUNIT_EXPECT_MEMEQ_MSG(test, got, want, sizeof(got), "SSID %d",
				       (int)ssid);
}

/*
 * After a move to RID domain @to with @n PASIDs attached: every PASID
 * translates through its domain, the device's own traffic does what @to
 * says, and ATS is on exactly while something translates.
 */
static void mx_expect_state(struct kunit *test, struct mx_fn *x,
			    enum mx_rid to, const u32 *pasids, unsigned int n)
{
	struct smmu_model_dma_result r = {};
	unsigned int i;
	u8 b[32];
	int ret;

	for (i = 0; i < n; i++)
		mx_expect_reads(test, x, pasids[i], x->pasid_page);
	switch (to) {
	case MX_IDENTITY:
		/* Bypass: the bus address is the physical one */
		ret = smmu_model_dma(x->f.mm, 0, A_NO_SSID,
				     virt_to_phys(x->phys_page), b, sizeof(b),
				     0, &r);
		KUNIT_EXPECT_EQ(test, ret, 0);
		if (!ret)
			KUNIT_EXPECT_MEMEQ(test, b, x->phys_page, sizeof(b));
		break;
	case MX_BLOCKED:
		KUNIT_EXPECT_EQ(test, smmu_model_dma(x->f.mm, 0, A_NO_SSID,
						     A_IOVA, b, 1, 0, &r),
				-EFAULT);
		break;
	default:
		mx_expect_reads(test, x, A_NO_SSID, x->rid_page[to]);
		break;
	}
	KUNIT_EXPECT_EQ_MSG(test, ats_fn_enabled(&x->f),
			    x->ats && (n || to >= MX_S1_A),
			    "RID %s, %u PASIDs", mx_rid_name[to], n);
}

/*
 * The matrix of the PASID layer: RID domain {identity, blocked, stage 1,
 * another stage 1} x PASID set {none, one, several, the top of the range}
 * x ATS {off, on}. Every ordered pair of RID domains is visited in turn
 * with the PASIDs attached; after each move every PASID still translates,
 * the RID does what its domain says, no STE went through V = 0, and ATS
 * was never turned off under live PASIDs. (Stage 2 RID domains exist only
 * on a stage 2 SMMU, which has no PASIDs: stage2_rid_domain_serves_ats.)
 */
static void pasid_matrix_rid_moves_under_pasid_sets(struct kunit *test)
{
	/* I K A B I A K B K I B A I: each of the 12 ordered pairs once */
	static const enum mx_rid walk[] = {
		MX_IDENTITY, MX_BLOCKED, MX_S1_A, MX_S1_B, MX_IDENTITY,
		MX_S1_A, MX_BLOCKED, MX_S1_B, MX_BLOCKED, MX_IDENTITY,
		MX_S1_B, MX_S1_A, MX_IDENTITY,
	};
	static const u32 sets[][3] = { {}, { 1 }, { 1, 2, 9 }, { 255 } };
	static const unsigned int set_len[] = { 0, 1, 3, 1 };
	struct smmu_model *m = ats_model(test, &smmu_model_full);
	unsigned int ats, s, i, step;

	for (ats = 0; ats <= 1; ats++) {
		for (s = 0; s < ARRAY_SIZE(sets); s++) {
			struct smmu_model_pci_cfg cfg = {
				.ats = true, .rc_ats = ats, .pasid_bits = 8,
			};
			const struct iommu_ops *ops;
			struct iommu_domain *pd;
			struct mx_fn x = { .ats = ats };
			unsigned int disables;

			ats_fn_add_cfg(test, m, &x.f, &cfg);
			ops = x.f.pdev->dev.iommu->iommu_dev->ops;
			ats_own(test, &x.f);
			x.rid[MX_IDENTITY] = ops->identity_domain;
			x.rid[MX_BLOCKED] = ops->blocked_domain;
			for (i = MX_S1_A; i <= MX_S1_B; i++) {
				x.rid_page[i] = ats_page(test, 0x30 + i);
				x.rid[i] = ats_domain(test, &x.f, x.rid_page[i]);
			}
			x.pasid_page = ats_page(test, 0x3a);
			x.phys_page = ats_page(test, 0x3b);
			pd = ats_domain(test, &x.f, x.pasid_page);

			KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(x.f.group,
									 x.rid[walk[0]]), 0);
			for (i = 0; i < set_len[s]; i++)
				KUNIT_ASSERT_EQ(test,
						iommu_attach_device_pasid(pd, &x.f.pdev->dev,
									  sets[s][i], NULL), 0);
			mx_expect_state(test, &x, walk[0], sets[s], set_len[s]);
			disables = smmu_model_pci_ats_disables(x.f.mm);
			for (step = 1; step < ARRAY_SIZE(walk); step++) {
				KUNIT_ASSERT_EQ(test,
						iommu_group_replace_domain(x.f.group,
									   x.rid[walk[step]]), 0);
				mx_expect_state(test, &x, walk[step], sets[s],
						set_len[s]);
			}
			/* With PASIDs, ATS stayed on through every RID move */
			if (set_len[s])
				KUNIT_EXPECT_EQ(test, smmu_model_pci_ats_disables(x.f.mm),
						disables);
			for (i = 0; i < set_len[s]; i++)
				iommu_detach_device_pasid(pd, &x.f.pdev->dev, sets[s][i]);
			/* The last RID domain is identity: the plain bypass STE */
			ats_ste_eats(test, m, &x.f, A_CFG_BYPASS);
			KUNIT_EXPECT_FALSE(test, ats_fn_enabled(&x.f));
			ats_disown(&x.f);
			iommu_domain_free(pd);
			iommu_domain_free(x.rid[MX_S1_A]);
			iommu_domain_free(x.rid[MX_S1_B]);
			smmu_model_remove_master(x.f.mm);
		}
	}
	KUNIT_EXPECT_EQ(test, smmu_model_nr_ste_breaks(m), 0);
	smmu_model_expect_clean(test, m);
}

static struct kunit_case arm_smmu_v3_ats_cases[] = {
	KUNIT_CASE(paging_rid_domain_turns_ats_on),
	KUNIT_CASE(identity_rid_domain_leaves_ats_off),
	KUNIT_CASE(unmap_empties_the_atc_before_returning),
	KUNIT_CASE(unmap_invalidates_the_span_it_covers),
	KUNIT_CASE(unmap_leaves_a_refetching_function_nothing_stale),
	KUNIT_CASE(unmap_survives_an_atc_invalidation_timeout),
	KUNIT_CASE(unmap_reaches_every_function_and_pasid),
	KUNIT_CASE(rid_changes_never_turn_ats_off_under_pasids),
	KUNIT_CASE(pasid_detach_empties_only_its_atc_entries),
	KUNIT_CASE(ats_enabled_with_an_empty_atc),
	KUNIT_CASE(stage2_rid_domain_serves_ats),
	KUNIT_CASE(ats_needs_smmu_root_complex_and_function),
	KUNIT_CASE(pasid_moves_cost_what_they_must),
	KUNIT_CASE(pasid_matrix_rid_moves_under_pasid_sets),
	{}
};

static struct kunit_suite arm_smmu_v3_ats_suite = {
	.name = "arm_smmu_v3_ats",
	.test_cases = arm_smmu_v3_ats_cases,
};

kunit_test_suites(&arm_smmu_v3_ats_suite);
