// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite: allocation failures past probe, against the software SMMU
 * model. Each allocation of allocating a paging domain, of moving a group
 * from one domain to another and of mapping fails in turn (the task's
 * fail-nth, as /proc/<pid>/fail-nth sets it; the kunit job makes failslab
 * and fail_page_alloc fail sleeping allocations too), until an attempt
 * runs past the last one. Each failure must reach the caller as an errno
 * and leave what was there working: the device keeps translating through
 * the domain it had, no STE is broken, no ASID or VMID stays allocated.
 * Anything else leaked shows in kmemleak's scan at the end of the run.
 *
 * Attaching at a PASID and binding an mm have walks of their own (the
 * PASID and SVA suites); the fault path's are in the IOPF suites.
 */
#include <kunit/test.h>
#include <linux/idr.h>
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-iommu-priv.h"
#include "arm-smmu-v3-model.h"
#include "arm-smmu-v3-test-model-util.h"

/* iommu_group_replace_domain() */
MODULE_IMPORT_NS(IOMMUFD_INTERNAL);

#define N_IOVA		SZ_1G
/* Attempts per walk: well past the longest path */
#define N_ROUNDS	64

/* IDR0.S1P (IHI0070 6.3.1) */
#define N_IDR0_S1P	BIT(1)

struct failnth_fixture {
	struct smmu_model		*m;
	struct smmu_model_master	*mm;
	struct device			*dev;
	struct iommu_group		*group;
	struct arm_smmu_device		*smmu;
	bool				s2;
};

/* Each walk runs at both stages */
static const bool failnth_stages[] = { false, true };

static void failnth_stage_desc(const bool *s2, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "stage %d", *s2 ? 2 : 1);
}

KUNIT_ARRAY_PARAM(failnth_stage, failnth_stages, failnth_stage_desc);

static bool failnth_param_s2(struct kunit *test)
{
	return *(const bool *)test->param_value;
}

/*
 * A PCI function on a model SMMU of the full preset, or of one without
 * stage 1 (@s2: every paging domain is a stage 2 domain); its group owned
 * by the test so that it may attach domains of its own. At stage 1 it has
 * ATS, behind a root complex that forwards it: a master the driver lost
 * track of keeps stale translations in its ATC, which the checks see. At
 * stage 2 it has none: moving between two stage 2 domains rewrites the
 * VMID and S2TTB, two words of the STE, so the STE goes through V = 0
 * (a break), which an ATS function must not see (IHI0070 3.9.2, as the
 * model reads it).
 */
static void failnth_init(struct kunit *test, struct failnth_fixture *f,
			 bool s2)
{
	struct smmu_model_pci_cfg cfg = { .ats = !s2, .rc_ats = !s2 };
	struct smmu_model_preset p = smmu_model_full;
	struct arm_smmu_master *master;

	if (!IS_ENABLED(CONFIG_FAULT_INJECTION))
		kunit_skip(test, "needs CONFIG_FAULT_INJECTION (failslab)");
	if (s2)
		p.idr[0] &= ~N_IDR0_S1P;
	f->s2 = s2;
	f->m = smmu_model_create(test, &p);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(f->m), 0);
	f->mm = smmu_model_add_pci_master(f->m, &cfg);
	f->dev = &smmu_model_master_pci(f->mm)->dev;
	f->group = f->dev->iommu_group;
	KUNIT_ASSERT_NOT_NULL(test, f->group);
	master = dev_iommu_priv_get(f->dev);
	f->smmu = master->smmu;
	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(f->group, test), 0);
}

/*
 * The lowest ID the domains' allocator would hand out next: a domain that
 * failed half-way and kept its ASID (VMID) moves it up.
 */
static int failnth_lowest_free_id(struct kunit *test,
				  struct failnth_fixture *f)
{
	struct ida *ida = f->s2 ? &f->smmu->vmid_ida : &f->smmu->asid_ida;
	int id = ida_alloc_min(ida, 1, GFP_KERNEL);

	KUNIT_ASSERT_GT(test, id, 0);
	ida_free(ida, id);
	return id;
}

/* A page filled with @fill, freed when the test ends */
static void *failnth_page(struct kunit *test, u8 fill)
{
	void *p = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, fill, PAGE_SIZE);
	return p;
}

/* A paging domain reading @page at N_IOVA (no allocation fails here) */
static struct iommu_domain *failnth_domain(struct kunit *test,
					   struct failnth_fixture *f,
					   void *page)
{
	struct iommu_domain *dom = iommu_paging_domain_alloc(f->dev);

	KUNIT_ASSERT_FALSE(test, IS_ERR(dom));
	KUNIT_ASSERT_EQ(test, iommu_map(dom, N_IOVA, virt_to_phys(page),
					PAGE_SIZE, IOMMU_READ, GFP_KERNEL), 0);
	return dom;
}

/* DMA from the master at @iova reads @want */
static void failnth_expect_reads(struct kunit *test, struct failnth_fixture *f,
				 u64 iova, const void *want, unsigned int n)
{
	struct smmu_model_dma_result r;
	u8 got[64];
	int ret;

	ret = smmu_model_dma(f->mm, 0, SMMU_MODEL_NO_SSID, iova, got,
			     sizeof(got), 0, &r);
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "round %u: event 0x%x", n, r.event);
	if (!ret)
		KUNIT_EXPECT_MEMEQ_MSG(test, got, want, sizeof(got),
				       "round %u", n);
}

/* DMA from the master at @iova is terminated by a translation fault */
static void failnth_expect_fault(struct kunit *test, struct failnth_fixture *f,
				 u64 iova, unsigned int n)
{
	struct smmu_model_dma_result r;
	u8 b;

	KUNIT_EXPECT_EQ_MSG(test, smmu_model_dma(f->mm, 0, SMMU_MODEL_NO_SSID,
						 iova, &b, 1, 0, &r),
			    -EFAULT, "round %u", n);
}

/*
 * The end of a walk: @dom (attached, or NULL) detached and freed, the
 * group given back, the model clean, and how the walk went
 */
static void failnth_finish(struct kunit *test, struct failnth_fixture *f,
			   struct iommu_domain *dom, const char *what,
			   unsigned int rounds, unsigned int failed,
			   unsigned int left)
{
	if (dom) {
		iommu_detach_group(dom, f->group);
		iommu_domain_free(dom);
	}
	iommu_group_release_dma_owner(f->group);
	smmu_model_expect_clean(test, f->m);
	/* The last attempt failed nothing: every allocation was tried */
	KUNIT_EXPECT_NE_MSG(test, left, 0, "%s: the walk did not end", what);
	if (!failed)
		kunit_skip(test, SMMU_TEST_FAILNTH_SKIP);
	kunit_info(test, "%s: %u allocations, %u attempts failed with -ENOMEM\n",
		   what, rounds - 1, failed);
}

/*
 * Allocating a paging domain (the driver's domain, its page tables, its
 * ASID or VMID): an error pointer with -ENOMEM, or a domain that works.
 */
static void domain_alloc_each(struct kunit *test, bool s2)
{
	struct failnth_fixture f = {};
	void *page = failnth_page(test, 0x17);
	unsigned int n, left = 0, failed = 0;
	struct iommu_domain *dom;
	int lowest;

	failnth_init(test, &f, s2);
	lowest = failnth_lowest_free_id(test, &f);
	for (n = 1; n <= N_ROUNDS; n++) {
		smmu_test_fail_nth(current, n);
		dom = iommu_paging_domain_alloc(f.dev);
		left = smmu_test_fail_nth_left(current);
		if (IS_ERR(dom)) {
			failed++;
			KUNIT_EXPECT_EQ_MSG(test, PTR_ERR(dom), -ENOMEM,
					    "allocation %u", n);
			KUNIT_EXPECT_EQ_MSG(test,
					    failnth_lowest_free_id(test, &f),
					    lowest, "allocation %u", n);
			continue;
		}
		/* A failure absorbed, or none left: the domain works */
		KUNIT_EXPECT_EQ(test, iommu_map(dom, N_IOVA, virt_to_phys(page),
						PAGE_SIZE, IOMMU_READ,
						GFP_KERNEL), 0);
		KUNIT_EXPECT_EQ(test, iommu_attach_group(dom, f.group), 0);
		failnth_expect_reads(test, &f, N_IOVA, page, n);
		iommu_detach_group(dom, f.group);
		iommu_domain_free(dom);
		if (left)
			break;
	}
	KUNIT_EXPECT_EQ(test, failnth_lowest_free_id(test, &f), lowest);
	failnth_finish(test, &f, NULL, "domain_alloc", n, failed, left);
}

static void domain_alloc_survives_each_failed_allocation(struct kunit *test)
{
	domain_alloc_each(test, failnth_param_s2(test));
}

/*
 * A's invalidations still reach the master: a page it read through A at
 * N_IOVA + 2 MB, with a Translated access too where it has ATS (the ATC
 * holds it), then unmapped from A, faults, and the ATC no longer holds
 * it; mapped again for the next round
 */
static void failnth_expect_coherent(struct kunit *test,
				    struct failnth_fixture *f,
				    struct iommu_domain *a, void *page,
				    unsigned int n)
{
	struct smmu_model_dma_result r;
	u64 iova = N_IOVA + SZ_2M;
	u8 b;

	failnth_expect_reads(test, f, iova, page, n);
	if (!f->s2)
		KUNIT_EXPECT_EQ_MSG(test,
				    smmu_model_dma(f->mm, 0, SMMU_MODEL_NO_SSID,
						   iova, &b, 1,
						   SMMU_MODEL_DMA_TRANSLATED,
						   &r),
				    0, "round %u: event 0x%x", n, r.event);
	KUNIT_EXPECT_EQ(test, iommu_unmap(a, iova, PAGE_SIZE), PAGE_SIZE);
	failnth_expect_fault(test, f, iova, n);
	KUNIT_EXPECT_FALSE_MSG(test, smmu_model_atc_holds(f->mm,
							  SMMU_MODEL_NO_SSID,
							  iova),
			       "round %u: a stale ATC entry", n);
	KUNIT_EXPECT_EQ(test, iommu_map(a, iova, virt_to_phys(page), PAGE_SIZE,
					IOMMU_READ, GFP_KERNEL), 0);
}

/*
 * Moving the group from domain A to a new domain B (as iommufd replaces
 * one, or a driver attaches after detaching nothing): -ENOMEM, and the
 * device still reads A's page through A's unchanged STE (no STE break),
 * and A's invalidations still reach it; or B is in place and reads its
 * own. B's ID is B's until it is freed, so only freeing it may bring the
 * lowest free ID back. (A stage 2 move breaks the STE on success: VMID
 * and S2TTB are in two words.)
 */
static void rid_replace_each(struct kunit *test, bool s2)
{
	struct failnth_fixture f = {};
	void *pa = failnth_page(test, 0xa1), *pb = failnth_page(test, 0xb2);
	void *pc = failnth_page(test, 0xa3);
	unsigned int n, left = 0, failed = 0;
	struct iommu_domain *a, *b;
	unsigned long breaks;
	int ret, lowest;

	failnth_init(test, &f, s2);
	a = failnth_domain(test, &f, pa);
	KUNIT_ASSERT_EQ(test, iommu_map(a, N_IOVA + SZ_2M, virt_to_phys(pc),
					PAGE_SIZE, IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(a, f.group), 0);
	lowest = failnth_lowest_free_id(test, &f);
	for (n = 1; n <= N_ROUNDS; n++) {
		b = failnth_domain(test, &f, pb);
		breaks = smmu_model_nr_ste_breaks(f.m);
		smmu_test_fail_nth(current, n);
		ret = iommu_group_replace_domain(f.group, b);
		left = smmu_test_fail_nth_left(current);
		if (ret) {
			failed++;
			KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM,
					    "allocation %u", n);
			KUNIT_EXPECT_EQ_MSG(test, smmu_model_nr_ste_breaks(f.m),
					    breaks, "allocation %u", n);
			failnth_expect_reads(test, &f, N_IOVA, pa, n);
			failnth_expect_coherent(test, &f, a, pc, n);
		} else {
			failnth_expect_reads(test, &f, N_IOVA, pb, n);
			KUNIT_ASSERT_EQ(test,
					iommu_group_replace_domain(f.group, a),
					0);
			failnth_expect_reads(test, &f, N_IOVA, pa, n);
		}
		iommu_domain_free(b);
		KUNIT_EXPECT_EQ_MSG(test, failnth_lowest_free_id(test, &f),
				    lowest, "round %u", n);
		if (left)
			break;
	}
	if (!s2)
		KUNIT_EXPECT_EQ(test, smmu_model_nr_ste_breaks(f.m), 0);
	failnth_finish(test, &f, a, "replace", n, failed, left);
}

static void rid_replace_survives_each_failed_allocation(struct kunit *test)
{
	rid_replace_each(test, failnth_param_s2(test));
}

/*
 * Mapping two pages across a 2 MB boundary in a 1 GB region nothing maps
 * yet, in an attached domain: tables at two levels, then two leaf tables.
 * A failure gives -ENOMEM and leaves nothing of the range mapped (the
 * core unmaps what the driver says it mapped): the device faults there.
 * The page mapped before keeps reading, and a later map of the range
 * works.
 */
static void map_each(struct kunit *test, bool s2)
{
	struct failnth_fixture f = {};
	void *pa = failnth_page(test, 0xc3);
	unsigned int n, left = 0, failed = 0;
	struct iommu_domain *dom;
	size_t unmapped;
	u8 *pb;
	u64 iova;
	int ret;

	/* Two pages, physically contiguous (kmalloc aligns a power of two) */
	pb = kunit_kmalloc(test, 2 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pb);
	memset(pb, 0xd4, PAGE_SIZE);
	memset(pb + PAGE_SIZE, 0xe5, PAGE_SIZE);
	failnth_init(test, &f, s2);
	dom = failnth_domain(test, &f, pa);
	KUNIT_ASSERT_EQ(test, iommu_attach_group(dom, f.group), 0);
	for (n = 1; n <= N_ROUNDS; n++) {
		iova = (u64)(n + 1) * SZ_1G + SZ_2M - PAGE_SIZE;
		smmu_test_fail_nth(current, n);
		ret = iommu_map(dom, iova, virt_to_phys(pb), 2 * PAGE_SIZE,
				IOMMU_READ, GFP_KERNEL);
		left = smmu_test_fail_nth_left(current);
		if (ret) {
			failed++;
			KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM,
					    "allocation %u", n);
			KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, iova), 0);
			KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(dom, iova +
								 PAGE_SIZE), 0);
			failnth_expect_fault(test, &f, iova, n);
			failnth_expect_fault(test, &f, iova + PAGE_SIZE, n);
			KUNIT_ASSERT_EQ(test, iommu_map(dom, iova,
							virt_to_phys(pb),
							2 * PAGE_SIZE,
							IOMMU_READ,
							GFP_KERNEL), 0);
		}
		failnth_expect_reads(test, &f, iova, pb, n);
		failnth_expect_reads(test, &f, iova + PAGE_SIZE, pb + PAGE_SIZE,
				     n);
		failnth_expect_reads(test, &f, N_IOVA, pa, n);
		unmapped = iommu_unmap(dom, iova, 2 * PAGE_SIZE);
		KUNIT_EXPECT_EQ_MSG(test, unmapped, 2 * PAGE_SIZE, "round %u", n);
		failnth_expect_fault(test, &f, iova, n);
		if (left)
			break;
	}
	failnth_finish(test, &f, dom, "map", n, failed, left);
}

static void map_survives_each_failed_allocation(struct kunit *test)
{
	map_each(test, failnth_param_s2(test));
}

static struct kunit_case arm_smmu_v3_alloc_fail_cases[] = {
	KUNIT_CASE_PARAM(domain_alloc_survives_each_failed_allocation,
			 failnth_stage_gen_params),
	KUNIT_CASE_PARAM(rid_replace_survives_each_failed_allocation,
			 failnth_stage_gen_params),
	KUNIT_CASE_PARAM(map_survives_each_failed_allocation,
			 failnth_stage_gen_params),
	{}
};

static struct kunit_suite arm_smmu_v3_alloc_fail_suite = {
	.name = "arm_smmu_v3_alloc_fail",
	.test_cases = arm_smmu_v3_alloc_fail_cases,
};

kunit_test_suite(arm_smmu_v3_alloc_fail_suite);
