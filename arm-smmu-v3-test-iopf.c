// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites for I/O page faults (arm-smmu-v3-iopf.c), run against the
 * software SMMU model through the IOMMU core, as a device driver uses IOPF:
 * iommu_dev_enable_feature(IOMMU_DEV_FEAT_IOPF), then a domain with an
 * iopf handler attached at a PASID with iommu_attach_device_pasid() and an
 * attach handle, which is how the core finds the handler of a fault.
 *
 * The test's handler maps the faulting page and answers SUCCESS, or
 * answers FAILURE, as a fault handler of the core would; the model's
 * stalled transaction then completes with the data in memory, or is
 * terminated. Every case ends with smmu_model_expect_clean().
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/kthread.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-iommu-priv.h"
#include "arm-smmu-v3-model.h"
#include "arm-smmu-v3-model-spec.h"
#include "arm-smmu-v3-test-model-util.h"

/* iommu_attach_group_handle(): a fault handler at the RID */
MODULE_IMPORT_NS(IOMMUFD_INTERNAL);

#define F_SID		0x61
#define F_SID2		0x62
#define F_PASID		1
#define F_IOVA		SZ_1G

/* IDR0.STALL_MODEL (IHI0070 6.3.1) */
#define F_STALL_MODEL	GENMASK(25, 24)

/**
 * struct iopf_ctx - an attach handle and what its handler saw
 * @handle: passed to iommu_attach_device_pasid(); the core hands it back
 *	    in each fault group
 * @test: the test
 * @domain: the domain the handler maps into
 * @page: what it maps at a faulting address
 * @code: what it answers
 * @defer: keep the group in @deferred and answer nothing (the test does)
 * @deferred: the group kept
 * @faults: groups it received
 * @group_size: faults in the latest group
 * @last: the last fault of the latest group
 * @on_queue: hand the group to a work item on the core's iopf workqueue,
 *	      which answers Success once @release completes
 * @work: that work item
 * @release: lets it answer
 * @queued: the group it holds
 */
struct iopf_ctx {
	struct iommu_attach_handle	handle;
	struct kunit			*test;
	struct iommu_domain		*domain;
	void				*page;
	enum iommu_page_response_code	code;
	bool				defer;
	struct iopf_group		*deferred;
	atomic_t			faults;
	size_t				group_size;
	struct iommu_fault_page_request	last;
	bool				on_queue;
	struct work_struct		work;
	struct completion		release;
	struct iopf_group		*queued;
};

/* A fault being handled on the core's queue, as SVA's handler does it */
static void iopf_queued_work(struct work_struct *work)
{
	struct iopf_ctx *c = container_of(work, struct iopf_ctx, work);

	/* Bounded: a broken driver must not hang the suite */
	wait_for_completion_timeout(&c->release, 5 * HZ);
	iopf_group_response(c->queued, IOMMU_PAGE_RESP_SUCCESS);
	iopf_free_group(c->queued);
}

static int iopf_test_handler(struct iopf_group *group)
{
	struct iopf_ctx *c = container_of(group->attach_handle,
					  struct iopf_ctx, handle);
	enum iommu_page_response_code code = c->code;
	struct iopf_fault *iopf;
	int ret;

	c->last = group->last_fault.fault.prm;
	c->group_size = group->fault_count;
	if (c->defer) {
		c->deferred = group;
		atomic_inc(&c->faults);
		return 0;
	}
	if (c->on_queue) {
		c->queued = group;
		INIT_WORK(&c->work, iopf_queued_work);
		queue_work(group->fault_param->queue->wq, &c->work);
		atomic_inc(&c->faults);
		return 0;
	}
	list_for_each_entry(iopf, &group->faults, list) {
		unsigned long iova = iopf->fault.prm.addr & PAGE_MASK;

		if (code != IOMMU_PAGE_RESP_SUCCESS)
			break;
		/* Asked again for a page it has (io-pgtable warns on a remap) */
		if (iommu_iova_to_phys(c->domain, iova))
			continue;
		ret = iommu_map(c->domain, iova, virt_to_phys(c->page),
				PAGE_SIZE, IOMMU_READ | IOMMU_WRITE,
				GFP_KERNEL);
		if (ret)
			code = IOMMU_PAGE_RESP_INVALID;
	}
	atomic_inc(&c->faults);
	iopf_group_response(group, code);
	iopf_free_group(group);
	return 0;
}

struct iopf_fixture {
	struct smmu_model		*m;
	struct smmu_model_master	*mm;
	struct device			*dev;
	struct iopf_ctx			ctx;
};

/* @f's SMMU: a model of @p the driver has bound */
static void iopf_fixture_model(struct kunit *test, struct iopf_fixture *f,
			       const struct smmu_model_preset *p)
{
	f->m = smmu_model_create(test, p);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(f->m), 0);
}

/*
 * @f's master @mm, in an IOMMU group, and the page its handler maps,
 * filled with @fill
 */
static void iopf_fixture_master(struct kunit *test, struct iopf_fixture *f,
				struct smmu_model_master *mm, u8 fill)
{
	f->mm = mm;
	f->dev = smmu_model_master_dev(mm);
	KUNIT_ASSERT_NOT_NULL(test, f->dev->iommu_group);
	f->ctx.test = test;
	f->ctx.page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f->ctx.page);
	memset(f->ctx.page, fill, PAGE_SIZE);
}

static void iopf_fixture_init(struct kunit *test, struct iopf_fixture *f,
			      const struct smmu_model_preset *p,
			      const u32 *sids, unsigned int nr_sids,
			      bool can_stall)
{
	struct smmu_model_master_cfg cfg = {
		.sids = sids, .nr_sids = nr_sids, .pasid_bits = 4,
		.can_stall = can_stall,
	};

	iopf_fixture_model(test, f, p);
	iopf_fixture_master(test, f, smmu_model_add_master(f->m, &cfg), 0x5a);
}

/* A paging domain with the test's fault handler, at F_PASID */
static void iopf_attach(struct kunit *test, struct iopf_fixture *f,
			enum iommu_page_response_code code)
{
	struct iommu_domain *dom = iommu_paging_domain_alloc(f->dev);

	KUNIT_ASSERT_FALSE(test, IS_ERR(dom));
	dom->iopf_handler = iopf_test_handler;
	f->ctx.domain = dom;
	f->ctx.code = code;
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f->dev, F_PASID,
							&f->ctx.handle), 0);
}

static void iopf_detach(struct iopf_fixture *f)
{
	iommu_detach_device_pasid(f->ctx.domain, f->dev, F_PASID);
	iommu_domain_free(f->ctx.domain);
	f->ctx.domain = NULL;
}

static bool iopf_s1stalld(struct kunit *test, struct smmu_model *m, u32 sid)
{
	struct smmu_model_ste ste;

	KUNIT_EXPECT_EQ(test, smmu_model_read_ste(m, sid, &ste), 0);
	return ste.s1stalld;
}

/* ------------------------------------------------------------------------
 * Stalls
 */

/*
 * A read and a write at the PASID, to pages nothing maps: each stalls, the
 * core hands the fault to the handler, which maps the page and answers
 * SUCCESS; CMD_RESUME(Retry) lets the transaction complete through the new
 * mapping. The faults carry the address, PASID and access as the event
 * records gave them.
 */
static void stall_served_by_handler_then_retried(struct kunit *test)
{
	struct iopf_fixture f = {};
	const u32 sid = F_SID;
	struct smmu_model_dma_result r;
	u8 got[64], put[64];

	iopf_fixture_init(test, &f, &smmu_model_full, &sid, 1, true);
	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);

	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, F_PASID, F_IOVA + 0x40,
					     got, sizeof(got), 0, &r), 0);
	KUNIT_EXPECT_EQ(test, r.resumed_retry, 1);
	KUNIT_EXPECT_MEMEQ(test, got, f.ctx.page + 0x40, sizeof(got));
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 1);
	KUNIT_EXPECT_EQ(test, f.ctx.last.addr, F_IOVA + 0x40);
	KUNIT_EXPECT_EQ(test, f.ctx.last.pasid, F_PASID);
	KUNIT_EXPECT_EQ(test, f.ctx.last.flags,
			IOMMU_FAULT_PAGE_REQUEST_PASID_VALID |
			IOMMU_FAULT_PAGE_REQUEST_LAST_PAGE);
	KUNIT_EXPECT_EQ(test, f.ctx.last.perm, IOMMU_FAULT_PERM_READ);

	memset(put, 0xa7, sizeof(put));
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, F_PASID, F_IOVA + SZ_2M,
					     put, sizeof(put),
					     SMMU_MODEL_DMA_WRITE, &r), 0);
	KUNIT_EXPECT_EQ(test, r.resumed_retry, 1);
	KUNIT_EXPECT_MEMEQ(test, f.ctx.page, put, sizeof(put));
	KUNIT_EXPECT_EQ(test, f.ctx.last.perm, IOMMU_FAULT_PERM_WRITE);
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 2);
	/* One CMD_RESUME per stall, nothing else resumed */
	KUNIT_EXPECT_EQ(test, smmu_model_nr_cmds(f.m, SMMU_MODEL_OP_RESUME), 2);

	iopf_detach(&f);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_expect_clean(test, f.m);
}

/* The handler answers FAILURE: the stalled transaction is terminated */
static void stall_failure_terminates(struct kunit *test)
{
	struct iopf_fixture f = {};
	const u32 sid = F_SID;
	struct smmu_model_dma_result r;
	u8 b;

	iopf_fixture_init(test, &f, &smmu_model_full, &sid, 1, true);
	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_FAILURE);

	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, F_PASID, F_IOVA, &b, 1,
					     0, &r), -EFAULT);
	KUNIT_EXPECT_TRUE(test, r.stalled);
	KUNIT_EXPECT_TRUE(test, r.resumed_abort);
	KUNIT_EXPECT_EQ(test, r.resumed_retry, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 1);

	iopf_detach(&f);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * Stalls through the second StreamID of a master, one after the other:
 * each CMD_RESUME must name that StreamID and the STAG of its own event
 * (IHI0070 4.7.1), or the model leaves the transaction stalled until it
 * gives up (-ETIMEDOUT).
 */
static void resume_names_streamid_and_stag(struct kunit *test)
{
	const u32 sids[] = { F_SID, F_SID2 };
	struct iopf_fixture f = {};
	struct smmu_model_dma_result r;
	unsigned int i;
	u8 b;

	iopf_fixture_init(test, &f, &smmu_model_full, sids, 2, true);
	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ_MSG(test, smmu_model_dma(f.mm, 1, F_PASID,
							 F_IOVA + i * SZ_2M,
							 &b, 1, 0, &r), 0,
				    "stall %u", i);
		KUNIT_EXPECT_EQ(test, r.resumed_retry, 1);
		/* The group index of a stall is its STAG */
		KUNIT_EXPECT_EQ(test, f.ctx.last.grpid, i);
	}
	KUNIT_EXPECT_EQ(test, smmu_model_nr_cmds(f.m, SMMU_MODEL_OP_RESUME), 3);
	iopf_detach(&f);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * A fault-handling domain on a stall-capable master without IOPF: the CD
 * does not stall (CD.S clear), the fault is terminated at once and no
 * handler runs. The master's STE lets CDs stall all the same (S1STALLD
 * clear), since that never changes; a master that cannot stall has
 * S1STALLD set.
 */
static void no_stall_without_iopf(struct kunit *test)
{
	const u32 other = F_SID2;
	struct smmu_model_master_cfg cfg = { .sids = &other, .nr_sids = 1 };
	struct iopf_fixture f = {};
	const u32 sid = F_SID;
	struct smmu_model_dma_result r;
	u8 b;

	iopf_fixture_init(test, &f, &smmu_model_full, &sid, 1, true);
	smmu_model_add_master(f.m, &cfg);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	KUNIT_EXPECT_FALSE(test, iopf_s1stalld(test, f.m, F_SID));
	KUNIT_EXPECT_TRUE(test, iopf_s1stalld(test, f.m, F_SID2));

	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, F_PASID, F_IOVA, &b, 1,
					     0, &r), -EFAULT);
	KUNIT_EXPECT_EQ(test, r.event, SMMU_MODEL_EVT_F_TRANSLATION);
	KUNIT_EXPECT_FALSE(test, r.stalled);
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_cmds(f.m, SMMU_MODEL_OP_RESUME), 0);
	iopf_detach(&f);
	smmu_model_expect_clean(test, f.m);
}

/*
 * A domain without a handler on a master with IOPF: its CD does not stall
 * either, so the DMA API's faults stay what they were.
 */
static void no_stall_for_domain_without_handler(struct kunit *test)
{
	struct iopf_fixture f = {};
	const u32 sid = F_SID;
	struct smmu_model_dma_result r;
	struct iommu_domain *dom;
	u8 b;

	iopf_fixture_init(test, &f, &smmu_model_full, &sid, 1, true);
	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	dom = iommu_paging_domain_alloc(f.dev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dom));
	KUNIT_ASSERT_EQ(test, iommu_attach_device_pasid(dom, f.dev, F_PASID,
							NULL), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, F_PASID, F_IOVA, &b, 1,
					     0, &r), -EFAULT);
	KUNIT_EXPECT_FALSE(test, r.stalled);
	/* Nor does the device's own traffic in its DMA domain */
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     F_IOVA, &b, 1, 0, &r), -EFAULT);
	KUNIT_EXPECT_FALSE(test, r.stalled);
	iommu_detach_device_pasid(dom, f.dev, F_PASID);
	iommu_domain_free(dom);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IOMMU_DEV_FEAT_IOPF: -ENODEV for a master that cannot stall, and for a
 * "dma-can-stall" one on an SMMU without stall model 0; -EBUSY when on
 * already and when disabling it under an attached fault handler; -EINVAL
 * when off. SVA is not there yet.
 */
static void iopf_feature_errors(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	const u32 other = F_SID2;
	struct smmu_model_master_cfg cfg = {
		.sids = &other, .nr_sids = 1, .pasid_bits = 4, .can_stall = true,
	};
	struct iopf_fixture f = {};
	const u32 sid = F_SID;
	struct smmu_model *m2;
	struct device *dev;

	iopf_fixture_init(test, &f, &smmu_model_full, &sid, 1, false);
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF),
			-ENODEV);
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_SVA),
			-ENODEV);

	/* Stall model 0b01: no stalls */
	p.idr[0] = (p.idr[0] & ~F_STALL_MODEL) |
		   FIELD_PREP(F_STALL_MODEL, IDR0_STALL_MODEL_NONE);
	p.idr[0] &= ~IDR0_PRI;
	m2 = smmu_model_create(test, &p);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m2), 0);
	dev = smmu_model_master_dev(smmu_model_add_master(m2, &cfg));
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(dev,
						       IOMMU_DEV_FEAT_IOPF),
			-ENODEV);

	f.mm = smmu_model_add_master(f.m, &cfg);
	f.dev = smmu_model_master_dev(f.mm);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF),
			-EINVAL);
	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF),
			-EBUSY);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF),
			-EBUSY);
	iopf_detach(&f);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF),
			-EINVAL);
	smmu_model_expect_clean(test, f.m);
	smmu_model_expect_clean(test, m2);
}

/*
 * A master removed with IOPF still on: release_device takes it off the
 * iopf queue (kmemleak and the log checker see the rest), and a new
 * master on the same StreamID starts without IOPF.
 */
static void release_with_iopf_enabled(struct kunit *test)
{
	const u32 sid = F_SID;
	struct smmu_model_master_cfg cfg = {
		.sids = &sid, .nr_sids = 1, .pasid_bits = 4, .can_stall = true,
	};
	struct iopf_fixture f = {};
	struct device *dev;

	iopf_fixture_init(test, &f, &smmu_model_full, &sid, 1, true);
	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_remove_master(f.mm);

	dev = smmu_model_master_dev(smmu_model_add_master(f.m, &cfg));
	KUNIT_ASSERT_NOT_NULL(test, dev->iommu_group);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(dev,
							IOMMU_DEV_FEAT_IOPF),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_expect_clean(test, f.m);
}

/* ------------------------------------------------------------------------
 * Allocation failures on the fault path
 */

/*
 * The thread that runs the driver's handler of @line: the IRQ thread the
 * core names "irq/<virq>-<action>", with a reference. Its fail-nth is what
 * /proc/<pid>/fail-nth sets: the Nth allocation it makes from then on
 * fails (failslab, fail_page_alloc; the kunit job has both fail sleeping
 * allocations too).
 */
static struct task_struct *iopf_irq_thread(struct kunit *test,
					   struct smmu_model *m,
					   enum smmu_model_line line)
{
	struct task_struct *g, *t, *found = NULL;
	char prefix[TASK_COMM_LEN], comm[TASK_COMM_LEN];

	snprintf(prefix, sizeof(prefix), "irq/%u-", smmu_model_line_irq(m, line));
	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (!(t->flags & PF_KTHREAD))
			continue;
		get_task_comm(comm, t);
		if (str_has_prefix(comm, prefix)) {
			found = get_task_struct(t);
			goto out;
		}
	}
out:
	rcu_read_unlock();
	KUNIT_ASSERT_NOT_NULL_MSG(test, found, "no thread %s", prefix);
	return found;
}

/* Rounds of a walk: far more than a fault makes allocations */
#define F_FAIL_ROUNDS	32

/*
 * Each allocation the event thread makes for a stall fails in turn: the
 * core's fault group, the page tables the handler maps into, and what
 * the allocator's own hooks allocate (kmemleak's records, which fall back
 * to a pool: those rounds go unnoticed). Every stall is resumed once, as
 * Retry or as Abort, never left stalled; after an Abort the same access
 * stalls again and is served. The walk ends at the first round that runs
 * out of allocations before the count. Whether anything leaked, kmemleak
 * says at the end of the run.
 */
static void stall_survives_each_failed_allocation(struct kunit *test)
{
	struct smmu_model_dma_result r;
	struct iopf_fixture f = {};
	struct task_struct *thread;
	const u32 sid = F_SID;
	unsigned int n, left = 0, resumes = 0, aborts = 0;
	u64 iova;
	int ret;
	u8 b;

	if (!IS_ENABLED(CONFIG_FAULT_INJECTION))
		kunit_skip(test, "needs CONFIG_FAULT_INJECTION (failslab)");
	iopf_fixture_init(test, &f, &smmu_model_full, &sid, 1, true);
	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	thread = iopf_irq_thread(test, f.m, SMMU_MODEL_LINE_EVTQ);

	for (n = 1; n <= F_FAIL_ROUNDS; n++) {
		/* A fresh 2 MB each round, so the handler allocates tables */
		iova = F_IOVA + n * SZ_2M;
		smmu_test_fail_nth(thread, n);
		ret = smmu_model_dma(f.mm, 0, F_PASID, iova, &b, 1, 0, &r);
		left = smmu_test_fail_nth_left(thread);
		resumes++;
		if (left || !ret) {
			KUNIT_EXPECT_EQ_MSG(test, ret, 0, "round %u", n);
			KUNIT_EXPECT_EQ(test, r.resumed_retry, 1);
			if (left)
				break;
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, ret, -EFAULT, "allocation %u", n);
		KUNIT_EXPECT_TRUE_MSG(test, r.resumed_abort, "allocation %u", n);
		aborts++;
		KUNIT_EXPECT_EQ_MSG(test, smmu_model_dma(f.mm, 0, F_PASID, iova,
							 &b, 1, 0, &r), 0,
				    "after allocation %u", n);
		KUNIT_EXPECT_EQ(test, r.resumed_retry, 1);
		resumes++;
	}
	put_task_struct(thread);
	if (n == 1 && left)
		kunit_skip(test, SMMU_TEST_FAILNTH_SKIP);
	KUNIT_EXPECT_LE_MSG(test, n, F_FAIL_ROUNDS, "the walk did not end");
	kunit_info(test, "%u allocations: %u stalls aborted\n", n - 1, aborts);
	/* At least the group the core could not allocate was aborted */
	KUNIT_EXPECT_GT(test, aborts, 0);
	/* One CMD_RESUME per stall, none lost, none twice */
	KUNIT_EXPECT_EQ(test, smmu_model_nr_cmds(f.m, SMMU_MODEL_OP_RESUME),
			resumes);
	iopf_detach(&f);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_expect_clean(test, f.m);
}

/* ------------------------------------------------------------------------
 * PRI
 */

/* PRI queue of the full preset: 2^8 entries, 1/32 of it per function */
#define F_PRIQ_ALLOC	8

/*
 * The same at the RID: a domain attached to the group with a handle (as
 * iommufd attaches a fault-capable one) has its CD 0 stall; the fault
 * reaches its handler without a PASID and the retried DMA completes.
 * IOPF cannot be turned off while it is attached.
 */
static void stall_at_rid_served_then_retried(struct kunit *test)
{
	struct iopf_fixture f = {};
	const u32 sid = F_SID;
	struct smmu_model_dma_result r;
	struct iommu_group *group;
	struct iommu_domain *dom;
	u8 got[64];

	iopf_fixture_init(test, &f, &smmu_model_full, &sid, 1, true);
	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	group = f.dev->iommu_group;
	dom = iommu_paging_domain_alloc(f.dev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dom));
	dom->iopf_handler = iopf_test_handler;
	f.ctx.domain = dom;
	f.ctx.code = IOMMU_PAGE_RESP_SUCCESS;
	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(group, test), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_group_handle(dom, group,
							&f.ctx.handle), 0);

	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     F_IOVA + 0x40, got, sizeof(got), 0,
					     &r), 0);
	KUNIT_EXPECT_EQ(test, r.resumed_retry, 1);
	KUNIT_EXPECT_MEMEQ(test, got, f.ctx.page + 0x40, sizeof(got));
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 1);
	KUNIT_EXPECT_EQ(test, f.ctx.last.addr, F_IOVA + 0x40);
	KUNIT_EXPECT_EQ(test, f.ctx.last.flags,
			IOMMU_FAULT_PAGE_REQUEST_LAST_PAGE);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF),
			-EBUSY);

	iommu_detach_group_handle(dom, group);
	iommu_group_release_dma_owner(group);
	iommu_domain_free(dom);
	f.ctx.domain = NULL;
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_expect_clean(test, f.m);
}

static struct smmu_model_pri_counts pri_counts(struct smmu_model_master *mm)
{
	struct smmu_model_pri_counts c;

	smmu_model_pri_counts(mm, &c);
	return c;
}

/*
 * Every group @mm sent was answered once: @responses responses reached it,
 * none was unexpected (matching no group) and no group is outstanding
 */
static void expect_pri_all_answered(struct kunit *test,
				    struct smmu_model_master *mm,
				    unsigned int responses)
{
	struct smmu_model_pri_counts c = pri_counts(mm);

	KUNIT_EXPECT_EQ(test, c.responses, responses);
	KUNIT_EXPECT_EQ(test, c.unexpected_responses, 0);
	KUNIT_EXPECT_EQ(test, c.outstanding, 0);
}

static u16 pri_ctrl(struct smmu_model_master *mm)
{
	struct pci_dev *pdev = smmu_model_master_pci(mm);
	u16 ctrl;

	pci_read_config_word(pdev, pci_find_ext_capability(pdev,
							   PCI_EXT_CAP_ID_PRI) +
			     PCI_PRI_CTRL, &ctrl);
	return ctrl;
}

static u32 pri_alloc(struct smmu_model_master *mm)
{
	struct pci_dev *pdev = smmu_model_master_pci(mm);
	u32 alloc;

	pci_read_config_dword(pdev, pci_find_ext_capability(pdev,
							    PCI_EXT_CAP_ID_PRI) +
			      PCI_PRI_ALLOC_REQ, &alloc);
	return alloc;
}

/*
 * A PCI function with ATS, 8 PASID bits and PRI behind a root complex that
 * forwards ATS, on @p; with IOPF enabled (PRI with it) when @iopf.
 */
static void pri_fixture_init(struct kunit *test, struct iopf_fixture *f,
			     const struct smmu_model_preset *p, bool iopf)
{
	struct smmu_model_pci_cfg cfg = {
		.ats = true, .pasid_bits = 8, .pri = true, .rc_ats = true,
	};

	iopf_fixture_model(test, f, p);
	/* The model's device of a PCI master is its pci_dev's */
	iopf_fixture_master(test, f, smmu_model_add_pci_master(f->m, &cfg),
			    0x3c);
	if (iopf)
		KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f->dev,
							       IOMMU_DEV_FEAT_IOPF),
				0);
}

/*
 * A Translated DMA at a PASID to an unmapped page: the function asks for
 * it (a one-page group), the core hands it to the handler with the PASID
 * and the need for it on the response, the handler maps the page and
 * answers Success, and CMD_PRI_RESP reaches the group (SID, PASID, PRGI):
 * the retried access reads the page. An Invalid answer fails the DMA.
 */
static void pri_page_request_served(struct kunit *test)
{
	const unsigned int flags = SMMU_MODEL_DMA_TRANSLATED | SMMU_MODEL_DMA_PRI;
	struct smmu_model_dma_result r;
	struct iopf_fixture f = {};
	u8 got[32];

	pri_fixture_init(test, &f, &smmu_model_full, true);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, F_PASID, F_IOVA + 0x80,
					     got, sizeof(got), flags, &r), 0);
	KUNIT_EXPECT_EQ(test, r.page_requests, 1);
	KUNIT_EXPECT_EQ(test, r.prg_code, SMMU_MODEL_PRG_SUCCESS);
	KUNIT_EXPECT_MEMEQ(test, got, f.ctx.page + 0x80, sizeof(got));
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 1);
	KUNIT_EXPECT_EQ(test, f.ctx.last.addr, F_IOVA);
	KUNIT_EXPECT_EQ(test, f.ctx.last.pasid, F_PASID);
	KUNIT_EXPECT_EQ(test, f.ctx.last.flags,
			IOMMU_FAULT_PAGE_REQUEST_PASID_VALID |
			IOMMU_FAULT_PAGE_REQUEST_LAST_PAGE |
			IOMMU_FAULT_PAGE_RESPONSE_NEEDS_PASID);
	KUNIT_EXPECT_TRUE(test, f.ctx.last.perm & IOMMU_FAULT_PERM_READ);

	f.ctx.code = IOMMU_PAGE_RESP_INVALID;
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, F_PASID, F_IOVA + SZ_2M,
					     got, sizeof(got), flags, &r),
			-EACCES);
	KUNIT_EXPECT_EQ(test, r.prg_code, SMMU_MODEL_PRG_INVALID);
	expect_pri_all_answered(test, f.mm, 2);

	iopf_detach(&f);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * A group of three requests, the last one marked: the handler gets them
 * together, once, and the group one response; a Stop Marker in between is
 * discarded (no fault, no response). A request at a PASID that has no
 * domain is answered Invalid by the core through the driver.
 */
static void pri_group_and_stop_marker(struct kunit *test)
{
	struct iopf_fixture f = {};

	pri_fixture_init(test, &f, &smmu_model_full, true);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID, F_IOVA, 0,
						      5, false), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID,
						      F_IOVA + SZ_4K,
						      SMMU_MODEL_DMA_WRITE, 5,
						      false), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_stop_marker(f.mm, F_PASID), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID,
						      F_IOVA + SZ_8K, 0, 5,
						      true), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, F_PASID, 5,
							   1000),
			SMMU_MODEL_PRG_SUCCESS);
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 1);
	KUNIT_EXPECT_EQ(test, f.ctx.group_size, 3);
	KUNIT_EXPECT_EQ(test, f.ctx.last.grpid, 5);
	KUNIT_EXPECT_EQ(test, f.ctx.last.addr, F_IOVA + SZ_8K);

	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, 2, F_IOVA, 0, 6,
						      true), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, 2, 6, 1000),
			SMMU_MODEL_PRG_INVALID);
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 1);

	KUNIT_EXPECT_EQ(test, pri_counts(f.mm).stop_markers, 1);
	expect_pri_all_answered(test, f.mm, 2);
	iopf_detach(&f);
	smmu_model_expect_clean(test, f.m);
}

/*
 * A function whose PRI someone else enabled, with no IOPF: its requests
 * are answered Response Failure by the driver, and it stops asking.
 */
static void pri_request_without_iopf_fails(struct kunit *test)
{
	struct smmu_model_pci_cfg cfg = { .ats = true, .pri = true };
	struct iopf_fixture f = {};
	struct smmu_model_master *mm;
	struct pci_dev *pdev;
	int pos;

	pri_fixture_init(test, &f, &smmu_model_full, false);
	mm = smmu_model_add_pci_master(f.m, &cfg);
	pdev = smmu_model_master_pci(mm);
	pos = pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_PRI);
	/* No ATS forwarded by its root complex: the driver has no PRI for it */
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(&pdev->dev,
						       IOMMU_DEV_FEAT_IOPF),
			-ENODEV);
	pci_write_config_dword(pdev, pos + PCI_PRI_ALLOC_REQ, 4);
	pci_write_config_word(pdev, pos + PCI_PRI_CTRL, PCI_PRI_CTRL_ENABLE);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(mm, SMMU_MODEL_NO_SSID,
						      F_IOVA, 0, 3, false), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(mm, SMMU_MODEL_NO_SSID,
						      F_IOVA, 0, 3, true), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(mm,
							   SMMU_MODEL_NO_SSID,
							   3, 1000),
			SMMU_MODEL_PRG_FAILURE);
	KUNIT_EXPECT_EQ(test, pri_counts(mm).responses, 1);
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(mm, SMMU_MODEL_NO_SSID,
						      F_IOVA, 0, 4, true),
			-EOPNOTSUPP);
	pci_write_config_word(pdev, pos + PCI_PRI_CTRL, 0);

	/* The function with IOPF was never asked about */
	KUNIT_EXPECT_EQ(test, pri_counts(f.mm).sent, 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IHI0070 8.1 with the PRI thread held off: the queue holds a complete
 * group (2), the first request of group 1 and Stop Markers to the brim,
 * so the last request of group 1 and group 3 are lost, and the SMMU
 * answers them Success, with their PASID (STE.PPAR, the function wants
 * it). Once the thread runs: group 2 is served by the handler, the
 * overflow is acknowledged, every group is answered once, and group 1's
 * orphaned first request is forgotten, so that a new group 1 is one
 * request.
 */
static void pri_overflow_every_group_answered(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct iopf_fixture f = {};
	unsigned int irq, i;
	u32 prod, cons;

	/* 2^7 entries: 4 credits for the function */
	p.idr[1] = (p.idr[1] & ~IDR1_PRIQS) | FIELD_PREP(IDR1_PRIQS, 7);
	pri_fixture_init(test, &f, &p, true);
	KUNIT_EXPECT_EQ(test, pri_alloc(f.mm), 4);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	irq = smmu_model_line_irq(f.m, SMMU_MODEL_LINE_PRIQ);
	KUNIT_ASSERT_NE(test, irq, 0);

	disable_irq(irq);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID, F_IOVA, 0,
						      2, true), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID,
						      F_IOVA + SZ_4K, 0, 1,
						      false), 0);
	for (i = 2; i < 128; i++)
		KUNIT_ASSERT_EQ(test, smmu_model_stop_marker(f.mm, F_PASID), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID,
						      F_IOVA + SZ_8K, 0, 1,
						      true), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID,
						      F_IOVA + SZ_8K, 0, 3,
						      true), 0);
	KUNIT_EXPECT_EQ(test, pri_counts(f.mm).overflows, 1);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, F_PASID, 1,
							   1000),
			SMMU_MODEL_PRG_SUCCESS);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, F_PASID, 3,
							   1000),
			SMMU_MODEL_PRG_SUCCESS);
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 0);
	enable_irq(irq);

	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, F_PASID, 2,
							   1000),
			SMMU_MODEL_PRG_SUCCESS);
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 1);
	KUNIT_EXPECT_TRUE(test, wait_for(!((smmu_model_read_reg(f.m, 0x100c8) ^
					    smmu_model_read_reg(f.m, 0x100cc)) &
					   Q_OVERFLOW_FLAG)));
	prod = smmu_model_read_reg(f.m, 0x100c8);
	cons = smmu_model_read_reg(f.m, 0x100cc);
	KUNIT_EXPECT_EQ(test, prod, cons);

	/* Queued again, handled alone: the orphan was discarded */
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID,
						      F_IOVA + SZ_8K, 0, 1,
						      true), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, F_PASID, 1,
							   1000),
			SMMU_MODEL_PRG_SUCCESS);
	KUNIT_EXPECT_EQ(test, f.ctx.group_size, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 2);

	KUNIT_EXPECT_EQ(test, pri_counts(f.mm).auto_responses, 2);
	expect_pri_all_answered(test, f.mm, 2);
	iopf_detach(&f);
	smmu_model_expect_clean(test, f.m);
}

/*
 * The handler keeps a group; its PASID is detached meanwhile. The answer
 * still reaches the function's group (with its PASID), once. A group
 * still pending when IOPF goes off is answered Invalid by the core.
 */
static void pri_response_after_pasid_detached(struct kunit *test)
{
	struct iopf_fixture f = {};

	pri_fixture_init(test, &f, &smmu_model_full, true);
	f.ctx.defer = true;
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID, F_IOVA, 0,
						      7, true), 0);
	KUNIT_ASSERT_TRUE(test, wait_for(atomic_read(&f.ctx.faults) == 1));
	iopf_detach(&f);
	iopf_group_response(f.ctx.deferred, IOMMU_PAGE_RESP_SUCCESS);
	iopf_free_group(f.ctx.deferred);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, F_PASID, 7,
							   1000),
			SMMU_MODEL_PRG_SUCCESS);

	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID, F_IOVA, 0,
						      8, true), 0);
	KUNIT_ASSERT_TRUE(test, wait_for(atomic_read(&f.ctx.faults) == 2));
	iopf_detach(&f);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, F_PASID, 8,
							   1000),
			SMMU_MODEL_PRG_INVALID);
	expect_pri_all_answered(test, f.mm, 2);
	smmu_model_expect_clean(test, f.m);
}

struct iopf_detacher {
	struct iopf_fixture	*f;
	atomic_t		done;
};

static int iopf_detach_thread(void *data)
{
	struct iopf_detacher *d = data;

	iommu_detach_device_pasid(d->f->ctx.domain, d->f->dev, F_PASID);
	atomic_set(&d->done, 1);
	return 0;
}

/*
 * A fault at a PASID is still being handled on the core's iopf queue
 * (the way SVA's handler works) when the PASID is detached: the detach
 * waits for it, because the fault's group still points at the attach
 * handle the core frees once the detach returns (iopf_queue_flush_dev()'s
 * contract); the fault's answer still reaches the function.
 */
static void pasid_detach_waits_for_faults_in_flight(struct kunit *test)
{
	struct iopf_detacher d = { .done = ATOMIC_INIT(0) };
	struct iopf_fixture f = {};
	struct task_struct *t;

	pri_fixture_init(test, &f, &smmu_model_full, true);
	f.ctx.on_queue = true;
	init_completion(&f.ctx.release);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID, F_IOVA, 0,
						      9, true), 0);
	KUNIT_ASSERT_TRUE(test, wait_for(atomic_read(&f.ctx.faults) == 1));

	d.f = &f;
	t = kthread_run(iopf_detach_thread, &d, "iopf-detach");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(300);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&d.done), 0,
			    "the detach returned with a fault in flight");
	complete(&f.ctx.release);
	KUNIT_EXPECT_TRUE(test, wait_for(atomic_read(&d.done)));
	flush_work(&f.ctx.work);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, F_PASID, 9,
							   1000),
			SMMU_MODEL_PRG_SUCCESS);

	iommu_domain_free(f.ctx.domain);
	f.ctx.domain = NULL;
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	expect_pri_all_answered(test, f.mm, 1);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IOPF on a PCI function programs its PRI capability: Enable, with an
 * Allocation of its share of the PRI queue (below its capacity of 64), as
 * the PCI core records; off clears Enable. A function without PRI, or
 * whose PRI is already enabled, is refused; one removed with IOPF on has
 * PRI disabled on the way out.
 */
static void pri_enable_programs_capability(struct kunit *test)
{
	struct smmu_model_pci_cfg nopri = { .ats = true, .rc_ats = true };
	struct iopf_fixture f = {};
	struct pci_dev *pdev, *other;
	int pos;

	pri_fixture_init(test, &f, &smmu_model_full, false);
	pdev = smmu_model_master_pci(f.mm);
	pos = pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_PRI);
	KUNIT_EXPECT_FALSE(test, pri_ctrl(f.mm) & PCI_PRI_CTRL_ENABLE);

	pci_write_config_word(pdev, pos + PCI_PRI_CTRL, PCI_PRI_CTRL_ENABLE);
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF),
			-EBUSY);
	pci_write_config_word(pdev, pos + PCI_PRI_CTRL, 0);

	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	KUNIT_EXPECT_TRUE(test, pri_ctrl(f.mm) & PCI_PRI_CTRL_ENABLE);
	KUNIT_EXPECT_EQ(test, pri_alloc(f.mm), F_PRIQ_ALLOC);
	KUNIT_EXPECT_TRUE(test, pdev->pri_enabled);
	KUNIT_EXPECT_EQ(test, pdev->pri_reqs_alloc, F_PRIQ_ALLOC);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	KUNIT_EXPECT_FALSE(test, pri_ctrl(f.mm) & PCI_PRI_CTRL_ENABLE);
	KUNIT_EXPECT_FALSE(test, pdev->pri_enabled);

	other = smmu_model_master_pci(smmu_model_add_pci_master(f.m, &nopri));
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(&other->dev,
						       IOMMU_DEV_FEAT_IOPF),
			-ENODEV);

	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
						       IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_remove_master(f.mm);
	smmu_model_expect_clean(test, f.m);
}

/*
 * The PRI queue's interrupt may be its own wired line, the combined line
 * (one thread for events and page requests) or an MSI: a group is served
 * through each. Without any, the driver leaves the queue disabled
 * (PRIQEN == 0: the SMMU answers Response Failure itself, IHI0070 8.2)
 * and no function is PRI capable.
 */
static void pri_served_through_each_interrupt(struct kunit *test)
{
	enum { WIRED, COMBINED, MSI, NONE, NR };
	static const char * const what[NR] = { "priq", "combined", "MSI", "none" };
	unsigned int k;

	for (k = 0; k < NR; k++) {
		struct smmu_model_preset p = smmu_model_full;
		struct iopf_fixture f = {};

		if (k == COMBINED)
			p.lines = BIT(SMMU_MODEL_LINE_COMBINED);
		if (k == MSI)
			p.msi = true;
		if (k == NONE)
			p.lines &= ~BIT(SMMU_MODEL_LINE_PRIQ);
		pri_fixture_init(test, &f, &p, false);
		KUNIT_EXPECT_EQ_MSG(test, !!(smmu_model_read_reg(f.m, ARM_SMMU_CR0) &
					     CR0_PRIQEN), k != NONE, "%s", what[k]);
		if (k == NONE) {
			KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(f.dev,
								       IOMMU_DEV_FEAT_IOPF),
					-ENODEV);
			smmu_model_expect_clean(test, f.m);
			continue;
		}
		KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
							       IOMMU_DEV_FEAT_IOPF),
				0);
		iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
		KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, F_PASID,
							      F_IOVA, 0, 9,
							      true), 0);
		KUNIT_EXPECT_EQ_MSG(test,
				    smmu_model_wait_prg_response(f.mm, F_PASID,
								 9, 1000),
				    SMMU_MODEL_PRG_SUCCESS, "%s", what[k]);
		KUNIT_EXPECT_EQ(test, atomic_read(&f.ctx.faults), 1);
		iopf_detach(&f);
		KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
								IOMMU_DEV_FEAT_IOPF),
				0);
		if (k == MSI)
			KUNIT_EXPECT_GT(test, smmu_model_nr_msis(f.m), 0);
		smmu_model_expect_clean(test, f.m);
	}
}

/* Send a group of three requests, 4 KB apart from @iova, at F_PASID */
static void pri_send_group(struct kunit *test, struct iopf_fixture *f,
			   u64 iova, u16 prgi)
{
	unsigned int i;

	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_EQ(test, smmu_model_page_request(f->mm, F_PASID,
							      iova + i * SZ_4K,
							      0, prgi, i == 2),
				0);
}

/*
 * Each allocation the PRI thread makes for a group of three fails in
 * turn: the core's two partial faults, its group, the handler's page
 * tables. Every group is answered once, whatever failed: Success when
 * only a partial fault was lost (the handler maps the rest, and the
 * function asks again for what it still lacks), Failure when the group
 * could not be built, Invalid when the handler could not map. A Response
 * Failure stops the function's PRI (PCIe); turning IOPF off and on resets
 * it, and the same group is then served.
 */
static void pri_survives_each_failed_allocation(struct kunit *test)
{
	struct iopf_fixture f = {};
	struct task_struct *thread;
	unsigned int n, left = 0, groups = 0, lost = 0, failed = 0;
	unsigned int invalid = 0;
	int code, handled;
	u64 iova;

	if (!IS_ENABLED(CONFIG_FAULT_INJECTION))
		kunit_skip(test, "needs CONFIG_FAULT_INJECTION (failslab)");
	pri_fixture_init(test, &f, &smmu_model_full, true);
	iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
	thread = iopf_irq_thread(test, f.m, SMMU_MODEL_LINE_PRIQ);

	for (n = 1; n <= F_FAIL_ROUNDS; n++) {
		iova = F_IOVA + n * SZ_2M;
		handled = atomic_read(&f.ctx.faults);
		smmu_test_fail_nth(thread, n);
		pri_send_group(test, &f, iova, 2 * n);
		code = smmu_model_wait_prg_response(f.mm, F_PASID, 2 * n, 1000);
		left = smmu_test_fail_nth_left(thread);
		groups++;
		if (left) {
			KUNIT_EXPECT_EQ_MSG(test, code, SMMU_MODEL_PRG_SUCCESS,
					    "round %u", n);
			KUNIT_EXPECT_EQ(test, f.ctx.group_size, 3);
			break;
		}
		KUNIT_EXPECT_GE_MSG(test, code, 0, "allocation %u: no answer", n);
		if (atomic_read(&f.ctx.faults) == handled) {
			/* The core had no group: its abort is a Failure */
			KUNIT_EXPECT_EQ_MSG(test, code, SMMU_MODEL_PRG_FAILURE,
					    "allocation %u", n);
		} else {
			KUNIT_EXPECT_NE_MSG(test, code, SMMU_MODEL_PRG_FAILURE,
					    "allocation %u", n);
		}
		if (code == SMMU_MODEL_PRG_SUCCESS && f.ctx.group_size < 3)
			lost++;
		if (code == SMMU_MODEL_PRG_INVALID)
			invalid++;
		if (code == SMMU_MODEL_PRG_FAILURE) {
			failed++;
			iopf_detach(&f);
			KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
									IOMMU_DEV_FEAT_IOPF),
					0);
			KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(f.dev,
								       IOMMU_DEV_FEAT_IOPF),
					0);
			iopf_attach(test, &f, IOMMU_PAGE_RESP_SUCCESS);
		}
		pri_send_group(test, &f, iova, 2 * n + 1);
		KUNIT_EXPECT_EQ_MSG(test,
				    smmu_model_wait_prg_response(f.mm, F_PASID,
								 2 * n + 1,
								 1000),
				    SMMU_MODEL_PRG_SUCCESS,
				    "after allocation %u", n);
		KUNIT_EXPECT_EQ(test, f.ctx.group_size, 3);
		groups++;
	}
	put_task_struct(thread);
	if (n == 1 && left)
		kunit_skip(test, SMMU_TEST_FAILNTH_SKIP);
	KUNIT_EXPECT_LE_MSG(test, n, F_FAIL_ROUNDS, "the walk did not end");
	kunit_info(test, "%u allocations: %u lost a partial fault, %u groups Failure, %u Invalid\n",
		   n - 1, lost, failed, invalid);
	/* The core's partial faults and its group were among them */
	KUNIT_EXPECT_GT(test, lost, 0);
	KUNIT_EXPECT_GT(test, failed, 0);
	expect_pri_all_answered(test, f.mm, groups);
	iopf_detach(&f);
	KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(f.dev,
							IOMMU_DEV_FEAT_IOPF), 0);
	smmu_model_expect_clean(test, f.m);
}

static struct kunit_case arm_smmu_v3_iopf_stall_cases[] = {
	KUNIT_CASE(stall_served_by_handler_then_retried),
	KUNIT_CASE(stall_at_rid_served_then_retried),
	KUNIT_CASE(stall_failure_terminates),
	KUNIT_CASE(resume_names_streamid_and_stag),
	KUNIT_CASE(no_stall_without_iopf),
	KUNIT_CASE(no_stall_for_domain_without_handler),
	KUNIT_CASE(iopf_feature_errors),
	KUNIT_CASE(release_with_iopf_enabled),
	KUNIT_CASE(stall_survives_each_failed_allocation),
	{}
};

static struct kunit_suite arm_smmu_v3_iopf_stall_suite = {
	.name = "arm_smmu_v3_iopf_stall",
	.test_cases = arm_smmu_v3_iopf_stall_cases,
};

static struct kunit_case arm_smmu_v3_iopf_pri_cases[] = {
	KUNIT_CASE(pri_page_request_served),
	KUNIT_CASE(pri_group_and_stop_marker),
	KUNIT_CASE(pri_request_without_iopf_fails),
	KUNIT_CASE(pri_overflow_every_group_answered),
	KUNIT_CASE(pri_response_after_pasid_detached),
	KUNIT_CASE(pasid_detach_waits_for_faults_in_flight),
	KUNIT_CASE(pri_enable_programs_capability),
	KUNIT_CASE(pri_served_through_each_interrupt),
	KUNIT_CASE(pri_survives_each_failed_allocation),
	{}
};

static struct kunit_suite arm_smmu_v3_iopf_pri_suite = {
	.name = "arm_smmu_v3_iopf_pri",
	.test_cases = arm_smmu_v3_iopf_pri_cases,
};

kunit_test_suites(&arm_smmu_v3_iopf_stall_suite, &arm_smmu_v3_iopf_pri_suite);
