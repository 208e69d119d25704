// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for the PASID layer (arm-smmu-v3-pasid.c), run against the
 * software SMMU model as a device driver would use it: the IOMMU core's
 * iommu_attach_device_pasid() and iommu_detach_device_pasid(), with the RID
 * domain changed through the group's ownership API meanwhile.
 *
 * Each case checks DMA at every PASID and at the RID after each step, and
 * ends with smmu_model_expect_clean(): every STE/CD update the model saw was
 * hitless, every ASID named one set of tables. No STE may pass through
 * V = 0 (smmu_model_nr_ste_breaks()): that would abort every PASID's
 * traffic, not just the one being changed.
 */
#include <kunit/test.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/pci-ats.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-iommu-priv.h"
#include "arm-smmu-v3-model.h"
#include "arm-smmu-v3-model-spec.h"
#include "arm-smmu-v3-test-model-util.h"

/* iommu_group_replace_domain(): any RID domain, identity included */
MODULE_IMPORT_NS(IOMMUFD_INTERNAL);

#define P_SID		0x51
#define P_SID2		0x52
#define P_IOVA		SZ_1G

/* STE.Config and S1DSS values, IHI0070 5.2 */
#define P_CFG_ABORT	0x0
#define P_CFG_BYPASS	0x4
#define P_CFG_S1	0x5
#define P_S1DSS_TERM	0x0
#define P_S1DSS_BYPASS	0x1
#define P_S1DSS_SSID0	0x2

struct pasid_fixture {
	struct smmu_model		*m;
	struct smmu_model_master	*mm;
	struct device			*dev;
};

static void pasid_fixture_init(struct kunit *test, struct pasid_fixture *f,
			       const struct smmu_model_preset *p, u32 sid,
			       u32 pasid_bits)
{
	struct smmu_model_master_cfg cfg = {
		.sids = &sid, .nr_sids = 1, .pasid_bits = pasid_bits,
	};

	if (!f->m) {
		f->m = smmu_model_create(test, p);
		KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(f->m), 0);
	}
	f->mm = smmu_model_add_master(f->m, &cfg);
	f->dev = smmu_model_master_dev(f->mm);
	KUNIT_ASSERT_NOT_NULL(test, f->dev->iommu_group);
}

/* A page filled from @seed, freed when the test ends */
static void *pasid_test_page(struct kunit *test, u8 seed)
{
	u8 *p = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = seed ^ i;
	return p;
}

/* A stage 1 domain for @dev with @page mapped readable at P_IOVA */
static struct iommu_domain *pasid_domain(struct kunit *test,
					 struct device *dev, void *page)
{
	struct iommu_domain *dom = iommu_paging_domain_alloc(dev);

	KUNIT_ASSERT_FALSE(test, IS_ERR(dom));
	KUNIT_ASSERT_EQ(test, iommu_map(dom, P_IOVA, virt_to_phys(page),
					SZ_4K, IOMMU_READ, GFP_KERNEL), 0);
	return dom;
}

/* DMA from @mm at @ssid reads @want at @iova */
static void expect_reads(struct kunit *test, struct smmu_model_master *mm,
			 u32 ssid, u64 iova, const void *want)
{
	struct smmu_model_dma_result r;
	u8 got[64];
	int ret;

	ret = smmu_model_dma(mm, 0, ssid, iova, got, sizeof(got), 0, &r);
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "SSID %d at 0x%llx: event 0x%x",
			    (int)ssid, iova, r.event);
	if (!ret)
		KUNIT_EXPECT_MEMEQ_MSG(test, got, want, sizeof(got),
				       "SSID %d at 0x%llx", (int)ssid, iova);
}

/* DMA from @mm at @ssid is terminated, reporting @event (0: silently) */
static void expect_fault(struct kunit *test, struct smmu_model_master *mm,
			 u32 ssid, u64 iova, u8 event)
{
	struct smmu_model_dma_result r;
	u8 b;

	KUNIT_EXPECT_EQ_MSG(test, smmu_model_dma(mm, 0, ssid, iova, &b, 1, 0,
						 &r), -EFAULT,
			    "SSID %d at 0x%llx", (int)ssid, iova);
	KUNIT_EXPECT_EQ_MSG(test, r.event, event, "SSID %d at 0x%llx",
			    (int)ssid, iova);
}

/*
 * Attaching @dom at (@dev, @pasid) fails with @err. Should it succeed, it
 * is undone, so that the domain can be freed and the test fail cleanly.
 */
static void expect_refused(struct kunit *test, struct iommu_domain *dom,
			   struct device *dev, ioasid_t pasid, int err)
{
	int ret = iommu_attach_device_pasid(dom, dev, pasid, NULL);

	KUNIT_EXPECT_EQ_MSG(test, ret, err, "PASID %u", pasid);
	if (!ret)
		iommu_detach_device_pasid(dom, dev, pasid);
}

static void expect_ste(struct kunit *test, struct smmu_model *m, u32 sid,
		       u8 config, int s1dss)
{
	struct smmu_model_ste ste;

	KUNIT_ASSERT_EQ(test, smmu_model_read_ste(m, sid, &ste), 0);
	KUNIT_EXPECT_EQ(test, ste.config, config);
	if (s1dss >= 0)
		KUNIT_EXPECT_EQ(test, ste.s1dss, s1dss);
}

/* The driver's identity domain, as the core finds it for @dev */
static struct iommu_domain *identity_of(struct device *dev)
{
	return dev->iommu->iommu_dev->ops->identity_domain;
}

/*
 * A domain at a PASID translates that PASID's traffic only; the device's
 * own traffic (no PASID) keeps its default DMA domain, where the IOVA is
 * not mapped. Detaching makes the PASID's traffic fault again.
 */
static void pasid_domain_translates_beside_rid_domain(struct kunit *test)
{
	struct pasid_fixture f = {};
	void *page = pasid_test_page(test, 0x31);
	struct iommu_domain *dom;

	pasid_fixture_init(test, &f, &smmu_model_full, P_SID, 8);
	dom = pasid_domain(test, f.dev, page);
	expect_fault(test, f.mm, 1, P_IOVA, SMMU_MODEL_EVT_C_BAD_CD);

	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f.dev, 1, NULL), 0);
	expect_reads(test, f.mm, 1, P_IOVA, page);
	expect_fault(test, f.mm, SMMU_MODEL_NO_SSID, P_IOVA,
		     SMMU_MODEL_EVT_F_TRANSLATION);
	expect_fault(test, f.mm, 2, P_IOVA, SMMU_MODEL_EVT_C_BAD_CD);

	iommu_detach_device_pasid(dom, f.dev, 1);
	expect_fault(test, f.mm, 1, P_IOVA, SMMU_MODEL_EVT_C_BAD_CD);
	iommu_domain_free(dom);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_ste_breaks(f.m), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * With an identity RID domain the STE bypasses; the first PASID moves it to
 * the CD table with S1DSS = bypass without a break, so the device's own
 * traffic goes on bypassing, and the last PASID moves it back.
 */
static void first_pasid_keeps_identity_rid_bypassing(struct kunit *test)
{
	struct pasid_fixture f = {};
	void *page = pasid_test_page(test, 0x41);
	void *other = pasid_test_page(test, 0x42);
	struct iommu_group *group;
	struct iommu_domain *dom;

	pasid_fixture_init(test, &f, &smmu_model_full, P_SID, 8);
	group = f.dev->iommu_group;
	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(group, test), 0);
	KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(group,
							 identity_of(f.dev)), 0);
	expect_ste(test, f.m, P_SID, P_CFG_BYPASS, -1);
	expect_reads(test, f.mm, SMMU_MODEL_NO_SSID, virt_to_phys(other), other);

	dom = pasid_domain(test, f.dev, page);
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f.dev, 3, NULL), 0);
	expect_ste(test, f.m, P_SID, P_CFG_S1, P_S1DSS_BYPASS);
	expect_reads(test, f.mm, 3, P_IOVA, page);
	expect_reads(test, f.mm, SMMU_MODEL_NO_SSID, virt_to_phys(other), other);

	iommu_detach_device_pasid(dom, f.dev, 3);
	expect_ste(test, f.m, P_SID, P_CFG_BYPASS, -1);
	expect_reads(test, f.mm, SMMU_MODEL_NO_SSID, virt_to_phys(other), other);
	expect_fault(test, f.mm, 3, P_IOVA, SMMU_MODEL_EVT_C_BAD_SUBSTREAMID);

	iommu_detach_group(NULL, group);
	iommu_group_release_dma_owner(group);
	iommu_domain_free(dom);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_ste_breaks(f.m), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * The RID domain goes blocked -> stage 1 A -> identity -> stage 1 B ->
 * blocked while a PASID is attached: the PASID's traffic is translated at
 * every step and no STE or CD update breaks; the device's own traffic
 * follows each RID domain (blocked: terminated through S1DSS, reported).
 */
static void rid_domain_changes_under_live_pasid(struct kunit *test)
{
	struct pasid_fixture f = {};
	void *pp = pasid_test_page(test, 0x51);
	void *pa = pasid_test_page(test, 0x52);
	void *pb = pasid_test_page(test, 0x53);
	void *other = pasid_test_page(test, 0x54);
	struct iommu_domain *dom, *a, *b;
	struct iommu_group *group;

	pasid_fixture_init(test, &f, &smmu_model_full, P_SID, 8);
	group = f.dev->iommu_group;
	dom = pasid_domain(test, f.dev, pp);
	a = pasid_domain(test, f.dev, pa);
	b = pasid_domain(test, f.dev, pb);

	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(group, test), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f.dev, 7, NULL), 0);
	expect_ste(test, f.m, P_SID, P_CFG_S1, P_S1DSS_TERM);
	expect_reads(test, f.mm, 7, P_IOVA, pp);
	expect_fault(test, f.mm, SMMU_MODEL_NO_SSID, P_IOVA,
		     SMMU_MODEL_EVT_F_STREAM_DISABLED);

	KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(group, a), 0);
	expect_ste(test, f.m, P_SID, P_CFG_S1, P_S1DSS_SSID0);
	expect_reads(test, f.mm, SMMU_MODEL_NO_SSID, P_IOVA, pa);
	expect_reads(test, f.mm, 7, P_IOVA, pp);

	KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(group,
							 identity_of(f.dev)), 0);
	expect_ste(test, f.m, P_SID, P_CFG_S1, P_S1DSS_BYPASS);
	expect_reads(test, f.mm, SMMU_MODEL_NO_SSID, virt_to_phys(other), other);
	expect_reads(test, f.mm, 7, P_IOVA, pp);

	KUNIT_ASSERT_EQ(test, iommu_group_replace_domain(group, b), 0);
	expect_reads(test, f.mm, SMMU_MODEL_NO_SSID, P_IOVA, pb);
	expect_reads(test, f.mm, 7, P_IOVA, pp);

	iommu_detach_group(NULL, group);	/* owned: back to blocked */
	expect_ste(test, f.m, P_SID, P_CFG_S1, P_S1DSS_TERM);
	expect_reads(test, f.mm, 7, P_IOVA, pp);

	iommu_detach_device_pasid(dom, f.dev, 7);
	expect_ste(test, f.m, P_SID, P_CFG_ABORT, -1);
	iommu_group_release_dma_owner(group);
	expect_fault(test, f.mm, SMMU_MODEL_NO_SSID, P_IOVA,
		     SMMU_MODEL_EVT_F_TRANSLATION);
	iommu_domain_free(dom);
	iommu_domain_free(a);
	iommu_domain_free(b);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_ste_breaks(f.m), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * One domain at two PASIDs of one device and at the RID of another: an
 * unmap invalidates what the SMMU cached for every one of them.
 */
static void one_domain_everywhere_is_invalidated_everywhere(struct kunit *test)
{
	struct pasid_fixture f = {}, g = {};
	void *page = pasid_test_page(test, 0x61);
	struct iommu_group *group;
	struct iommu_domain *dom;

	pasid_fixture_init(test, &f, &smmu_model_full, P_SID, 8);
	g.m = f.m;
	pasid_fixture_init(test, &g, NULL, P_SID2, 0);
	group = g.dev->iommu_group;
	dom = pasid_domain(test, f.dev, page);

	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f.dev, 1, NULL), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f.dev, 2, NULL), 0);
	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(group, test), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(dom, group), 0);
	expect_reads(test, f.mm, 1, P_IOVA, page);
	expect_reads(test, f.mm, 2, P_IOVA, page);
	expect_reads(test, g.mm, SMMU_MODEL_NO_SSID, P_IOVA, page);

	KUNIT_ASSERT_EQ(test, iommu_unmap(dom, P_IOVA, SZ_4K), (size_t)SZ_4K);
	expect_fault(test, f.mm, 1, P_IOVA, SMMU_MODEL_EVT_F_TRANSLATION);
	expect_fault(test, f.mm, 2, P_IOVA, SMMU_MODEL_EVT_F_TRANSLATION);
	expect_fault(test, g.mm, SMMU_MODEL_NO_SSID, P_IOVA,
		     SMMU_MODEL_EVT_F_TRANSLATION);

	iommu_detach_group(dom, group);
	iommu_group_release_dma_owner(group);
	iommu_detach_device_pasid(dom, f.dev, 2);
	iommu_detach_device_pasid(dom, f.dev, 1);
	iommu_domain_free(dom);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_ste_breaks(f.m), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * PASIDs beyond what the device and the SMMU both have are refused, and
 * the refusal changes nothing: here the SMMU has 3 SubstreamID bits and the
 * device 8, so PASIDs 1-7 work and 8 does not.
 */
static void pasid_beyond_smmu_or_device_is_refused(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct pasid_fixture f = {}, g = {};
	void *page = pasid_test_page(test, 0x71);
	struct iommu_domain *dom;

	p.idr[1] = (p.idr[1] & ~GENMASK(10, 6)) | FIELD_PREP(GENMASK(10, 6), 3);
	pasid_fixture_init(test, &f, &p, P_SID, 8);
	g.m = f.m;
	pasid_fixture_init(test, &g, NULL, P_SID2, 2);
	dom = pasid_domain(test, f.dev, page);

	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f.dev, 7, NULL), 0);
	expect_refused(test, dom, f.dev, 8, -EINVAL);
	expect_refused(test, dom, g.dev, 4, -EINVAL);
	KUNIT_EXPECT_EQ(test, iommu_attach_device_pasid(dom, g.dev, 3, NULL), 0);
	expect_reads(test, f.mm, 7, P_IOVA, page);
	expect_reads(test, g.mm, 3, P_IOVA, page);
	iommu_detach_device_pasid(dom, g.dev, 3);
	iommu_detach_device_pasid(dom, f.dev, 7);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, f.m);
}

/*
 * Traffic at @pasid is terminated as that of a PASID without a domain: a CD
 * that is invalid, or, where its leaf could not be allocated, an invalid
 * level-1 descriptor (IHI0070 7.3, C_BAD_SUBSTREAMID: an L1CD with V == 0).
 */
static void expect_refused_pasid(struct kunit *test,
				 struct smmu_model_master *mm, u32 pasid)
{
	struct smmu_model_dma_result r;
	u8 b;

	KUNIT_EXPECT_EQ_MSG(test, smmu_model_dma(mm, 0, pasid, P_IOVA, &b, 1, 0,
						 &r), -EFAULT, "PASID %u", pasid);
	KUNIT_EXPECT_TRUE_MSG(test, r.event == SMMU_MODEL_EVT_C_BAD_CD ||
			      r.event == SMMU_MODEL_EVT_C_BAD_SUBSTREAMID,
			      "PASID %u: event 0x%x", pasid, r.event);
}

/*
 * Each allocation of attaching a PASID fails in turn (the task's fail-nth,
 * with failslab and fail_page_alloc set to fail sleeping allocations too,
 * as the kunit job does): the attach fails cleanly with -ENOMEM, the
 * PASID's traffic is still refused, another PASID keeps translating, and
 * the STE has not moved; a later attempt then succeeds. Leaks would show
 * in kmemleak's scan at the end of the run.
 */
static void pasid_attach_survives_each_failed_allocation(struct kunit *test)
{
#ifdef CONFIG_FAULT_INJECTION
	struct pasid_fixture f = {};
	void *page = pasid_test_page(test, 0x91);
	void *other = pasid_test_page(test, 0x92);
	unsigned int n, left = 0, failed = 0;
	struct iommu_domain *dom, *keep;
	ioasid_t pasid;
	int ret;

	/* 20 bits: a two-level CD table, 1024 CDs a leaf */
	pasid_fixture_init(test, &f, &smmu_model_full, P_SID, 20);
	dom = pasid_domain(test, f.dev, page);
	keep = pasid_domain(test, f.dev, other);
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(keep, f.dev, 2, NULL), 0);

	/*
	 * Not until the first attempt that reaches no n-th fault point: how
	 * many an attempt meets depends on its PASID (xarray nodes), so walk
	 * well past the longest path instead.
	 */
	for (n = 1; n <= 64; n++) {
		/* A PASID in a leaf of its own each time: that is allocated too */
		pasid = n << 10 | 1;
		smmu_test_fail_nth(current, n);
		ret = iommu_attach_device_pasid(dom, f.dev, pasid, NULL);
		/* Left over: the n-th fault point was never reached */
		left = smmu_test_fail_nth_left(current);
		if (ret) {
			failed++;
			KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM, "allocation %u", n);
			expect_refused_pasid(test, f.mm, pasid);
		} else {
			/* The failure was absorbed (a retry), or none was left */
			expect_reads(test, f.mm, pasid, P_IOVA, page);
			iommu_detach_device_pasid(dom, f.dev, pasid);
		}
		expect_reads(test, f.mm, 2, P_IOVA, other);
	}
	/* The last attempts failed nothing: every fault point was tried */
	KUNIT_EXPECT_NE(test, left, 0);
	iommu_detach_device_pasid(keep, f.dev, 2);
	iommu_domain_free(dom);
	iommu_domain_free(keep);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_ste_breaks(f.m), 0);
	smmu_model_expect_clean(test, f.m);
	if (!failed)
		kunit_skip(test, SMMU_TEST_FAILNTH_SKIP);
	kunit_info(test, "%u of 64 attempts failed\n", failed);
#else
	kunit_skip(test, "needs CONFIG_FAULT_INJECTION");
#endif
}

/*
 * Two masters share a stage 1 RID domain; a PASID attached at one of them
 * gets a CD in that master's table only: the other's traffic at the same
 * PASID still finds no CD, and both keep translating through the RID
 * domain. (The CD is never installed by walking the RID domain's devices.)
 */
static void pasid_cd_is_installed_for_its_master_only(struct kunit *test)
{
	struct pasid_fixture f = {}, g = {};
	void *pp = pasid_test_page(test, 0x65);
	void *pr = pasid_test_page(test, 0x66);
	struct iommu_domain *pd, *rid;

	pasid_fixture_init(test, &f, &smmu_model_full, P_SID, 8);
	g.m = f.m;
	pasid_fixture_init(test, &g, NULL, P_SID2, 8);
	pd = pasid_domain(test, f.dev, pp);
	rid = pasid_domain(test, f.dev, pr);
	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(f.dev->iommu_group,
							  test), 0);
	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(g.dev->iommu_group,
							  test), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(rid, f.dev->iommu_group), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(rid, g.dev->iommu_group), 0);

	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(pd, f.dev, 5, NULL), 0);
	expect_reads(test, f.mm, 5, P_IOVA, pp);
	expect_fault(test, g.mm, 5, P_IOVA, SMMU_MODEL_EVT_C_BAD_CD);
	expect_reads(test, f.mm, SMMU_MODEL_NO_SSID, P_IOVA, pr);
	expect_reads(test, g.mm, SMMU_MODEL_NO_SSID, P_IOVA, pr);

	iommu_detach_device_pasid(pd, f.dev, 5);
	expect_fault(test, f.mm, 5, P_IOVA, SMMU_MODEL_EVT_C_BAD_CD);
	iommu_detach_group(rid, g.dev->iommu_group);
	iommu_detach_group(rid, f.dev->iommu_group);
	iommu_group_release_dma_owner(g.dev->iommu_group);
	iommu_group_release_dma_owner(f.dev->iommu_group);
	iommu_domain_free(pd);
	iommu_domain_free(rid);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_ste_breaks(f.m), 0);
	smmu_model_expect_clean(test, f.m);
}

/* A domain of another SMMU at a PASID: -EINVAL, and the PASID stays as it was */
static void pasid_domain_of_another_smmu_is_refused(struct kunit *test)
{
	struct pasid_fixture f = {}, g = {};
	void *page = pasid_test_page(test, 0x81);
	void *theirs = pasid_test_page(test, 0x82);
	struct iommu_domain *dom, *foreign;

	pasid_fixture_init(test, &f, &smmu_model_full, P_SID, 8);
	pasid_fixture_init(test, &g, &smmu_model_full, P_SID, 8);
	dom = pasid_domain(test, f.dev, page);
	foreign = pasid_domain(test, g.dev, theirs);

	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f.dev, 5, NULL), 0);
	expect_refused(test, foreign, f.dev, 6, -EINVAL);
	expect_reads(test, f.mm, 5, P_IOVA, page);
	expect_fault(test, f.mm, 6, P_IOVA, SMMU_MODEL_EVT_C_BAD_CD);
	iommu_detach_device_pasid(dom, f.dev, 5);
	iommu_domain_free(foreign);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, f.m);
	smmu_model_expect_clean(test, g.m);
}

/*
 * The last of 2^20 PASIDs lives in the last leaf of a two-level CD table,
 * allocated when the PASID is attached.
 */
static void last_of_twenty_bit_pasids_gets_its_leaf(struct kunit *test)
{
	const u32 last = (1U << 20) - 1;
	struct pasid_fixture f = {};
	void *page = pasid_test_page(test, 0x91);
	struct iommu_domain *dom;

	pasid_fixture_init(test, &f, &smmu_model_full, P_SID, 20);
	dom = pasid_domain(test, f.dev, page);
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f.dev, last, NULL),
			0);
	expect_reads(test, f.mm, last, P_IOVA, page);
	expect_fault(test, f.mm, last - 1, P_IOVA, SMMU_MODEL_EVT_C_BAD_CD);
	iommu_detach_device_pasid(dom, f.dev, last);
	expect_fault(test, f.mm, last, P_IOVA, SMMU_MODEL_EVT_C_BAD_CD);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, f.m);
}

/*
 * A PCI function's PASID capability is enabled when the IOMMU core probes
 * it, with the execute and privileged attributes it offers, and a domain
 * attached at one of its PASIDs translates.
 */
static void pci_function_gets_its_pasids_enabled(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .pasid_bits = 16 };
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);
	void *page = pasid_test_page(test, 0xa1);
	struct smmu_model_master *mm;
	struct iommu_domain *dom;
	struct pci_dev *pdev;
	int pos;

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	mm = smmu_model_add_pci_master(m, &pcfg);
	pdev = smmu_model_master_pci(mm);
	pos = pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_PASID);
	KUNIT_ASSERT_GT(test, pos, 0);
	KUNIT_EXPECT_EQ(test, smmu_model_pci_cfg_read16(mm, pos + PCI_PASID_CTRL),
			PCI_PASID_CTRL_ENABLE | PCI_PASID_CTRL_EXEC |
			PCI_PASID_CTRL_PRIV);
	KUNIT_EXPECT_EQ(test, pdev->dev.iommu->max_pasids, 1U << 16);

	dom = pasid_domain(test, &pdev->dev, page);
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, &pdev->dev, 0x1234,
							NULL), 0);
	expect_reads(test, mm, 0x1234, P_IOVA, page);
	iommu_detach_device_pasid(dom, &pdev->dev, 0x1234);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

/*
 * A PCI function whose PASID capability the PCI core will not enable (no
 * TLP prefixes on its path) still reports PASIDs to the IOMMU core, which
 * asks for them: the driver refuses, and the device's DMA is unchanged.
 */
static void pci_function_without_tlp_prefixes_gets_no_pasids(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .pasid_bits = 16,
					   .no_tlp_prefix = true };
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);
	void *page = pasid_test_page(test, 0xb1);
	struct smmu_model_master *mm;
	struct iommu_domain *dom;
	struct pci_dev *pdev;
	int pos;

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	mm = smmu_model_add_pci_master(m, &pcfg);
	pdev = smmu_model_master_pci(mm);
	pos = pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_PASID);
	KUNIT_ASSERT_GT(test, pos, 0);
	KUNIT_EXPECT_EQ(test, smmu_model_pci_cfg_read16(mm, pos + PCI_PASID_CTRL),
			0);
	KUNIT_EXPECT_GT(test, pdev->dev.iommu->max_pasids, 0);

	dom = pasid_domain(test, &pdev->dev, page);
	expect_refused(test, dom, &pdev->dev, 1, -EINVAL);
	expect_fault(test, mm, 1, P_IOVA, SMMU_MODEL_EVT_C_BAD_SUBSTREAMID);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, m);
}

static struct kunit_case arm_smmu_v3_pasid_cases[] = {
	KUNIT_CASE(pasid_domain_translates_beside_rid_domain),
	KUNIT_CASE(first_pasid_keeps_identity_rid_bypassing),
	KUNIT_CASE(rid_domain_changes_under_live_pasid),
	KUNIT_CASE(one_domain_everywhere_is_invalidated_everywhere),
	KUNIT_CASE(pasid_cd_is_installed_for_its_master_only),
	KUNIT_CASE(pasid_beyond_smmu_or_device_is_refused),
	KUNIT_CASE(pasid_domain_of_another_smmu_is_refused),
	KUNIT_CASE(pasid_attach_survives_each_failed_allocation),
	KUNIT_CASE(last_of_twenty_bit_pasids_gets_its_leaf),
	KUNIT_CASE(pci_function_gets_its_pasids_enabled),
	KUNIT_CASE(pci_function_without_tlp_prefixes_gets_no_pasids),
	{}
};

static struct kunit_suite arm_smmu_v3_pasid_suite = {
	.name = "arm_smmu_v3_pasid",
	.test_cases = arm_smmu_v3_pasid_cases,
};

kunit_test_suites(&arm_smmu_v3_pasid_suite);
