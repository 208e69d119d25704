// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for SVA (arm-smmu-v3-sva.c) against the software SMMU model,
 * with real processes as the clients.
 *
 * The suite acts as an SVA device driver would (uacce, idxd): it enables
 * IOMMU_DEV_FEAT_SVA on a master of the model SMMU and offers a character
 * device (arm-smmu-v3-test-sva.h) through which a user program binds its
 * own mm with iommu_sva_bind_device() and has the master DMA at the
 * bond's PASID to its buffers, at their user addresses. Each case starts
 * scripts/helpers/sva_client (/bin/sva_client in the test initramfs) with
 * a scenario and expects it to exit with status 0; the program checks the
 * bytes it sees and writes what went wrong to /dev/kmsg.
 *
 * The SMMU walks the CPU's page tables; a kernel using 52-bit (LPA2) page
 * tables has SVA refused (booting with arm64.nolva gives 48-bit ones), and
 * these cases are then skipped, except the one that checks the refusal.
 * Without the program (built into vmlinux and run by kunit.py, which boots
 * no initramfs) they are skipped too.
 */
#include <kunit/test.h>
#include <linux/fs.h>
#include <linux/iommu.h>
#include <linux/miscdevice.h>
#include <linux/mmu_notifier.h>
#include <linux/namei.h>
#include <linux/pci.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/umh.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-model.h"
#include "arm-smmu-v3-model-spec.h"
#include "arm-smmu-v3-test-model-util.h"
#include "arm-smmu-v3-test-sva.h"

#define SVA_CLIENT		"/bin/sva_client"
#define SVA_MAX_KEPT		4
#define SVA_MAX_DMA		SZ_1M
/* Where the program maps the buffer of the "exit" scenario */
#define SVA_EXIT_ADDR		0x40000000UL

/* The master the character device drives, while a case runs */
struct sva_ctx {
	struct kunit			*test;
	struct smmu_model		*m;
	struct smmu_model_master	*mm;
	struct device			*dev;
	struct mutex			lock;	/* @kept, @nr_kept */
	struct iommu_sva		*kept[SVA_MAX_KEPT];
	u32				kept_pasid[SVA_MAX_KEPT];
	unsigned int			nr_kept;
	bool				iopf;
};

static struct sva_ctx *sva_ctx;

/*
 * A notifier of the test's on a client's mm that can keep one
 * invalidation waiting, inside the notifiers' SRCU read side
 */
struct sva_hold {
	struct mmu_notifier	mn;
	struct mm_struct	*mm;
	struct completion	entered;
	struct completion	release;
	atomic_t		armed;
};

/* One open file: at most one bond, of the mm that opened it */
struct sva_file {
	struct iommu_sva	*bond;
	u32			pasid;
	bool			keep;
	struct sva_hold		*hold;
};

static int sva_hold_start(struct mmu_notifier *mn,
			  const struct mmu_notifier_range *range)
{
	struct sva_hold *h = container_of(mn, struct sva_hold, mn);

	if (!mmu_notifier_range_blockable(range) ||
	    !atomic_cmpxchg(&h->armed, 1, 0))
		return 0;
	complete(&h->entered);
	/* Bounded: a broken client must not hang the suite */
	wait_for_completion_timeout(&h->release, 10 * HZ);
	return 0;
}

static const struct mmu_notifier_ops sva_hold_ops = {
	.invalidate_range_start	= sva_hold_start,
};

static int sva_hold(struct sva_file *f)
{
	struct sva_hold *h;
	int ret;

	if (f->hold)
		return -EBUSY;
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	init_completion(&h->entered);
	init_completion(&h->release);
	atomic_set(&h->armed, 1);
	h->mn.ops = &sva_hold_ops;
	h->mm = current->mm;
	ret = mmu_notifier_register(&h->mn, h->mm);
	if (ret) {
		kfree(h);
		return ret;
	}
	f->hold = h;
	return 0;
}

/* Could the SMMU's allocator hand out @asid now? (Leaves it free.) */
static int sva_asid_free(struct sva_ctx *ctx, unsigned long asid)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(ctx->dev);
	int id;

	if (!asid || asid > U16_MAX)
		return -EINVAL;
	mutex_lock(&arm_smmu_asid_lock);
	id = ida_alloc_range(&master->smmu->asid_ida, asid, asid, GFP_KERNEL);
	if (id >= 0)
		ida_free(&master->smmu->asid_ida, id);
	mutex_unlock(&arm_smmu_asid_lock);
	return id >= 0;
}

static int sva_open(struct inode *inode, struct file *file)
{
	struct sva_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	file->private_data = f;
	return 0;
}

static int sva_release(struct inode *inode, struct file *file)
{
	struct sva_file *f = file->private_data;
	struct sva_ctx *ctx = sva_ctx;

	if (f->bond && f->keep) {
		mutex_lock(&ctx->lock);
		if (ctx->nr_kept < SVA_MAX_KEPT) {
			ctx->kept_pasid[ctx->nr_kept] = f->pasid;
			ctx->kept[ctx->nr_kept++] = f->bond;
			f->bond = NULL;
		}
		mutex_unlock(&ctx->lock);
	}
	if (f->bond)
		iommu_sva_unbind_device(f->bond);
	if (f->hold) {
		complete_all(&f->hold->release);
		/* The registration keeps the mm_struct, if not its pages */
		mmu_notifier_unregister(&f->hold->mn, f->hold->mm);
		kfree(f->hold);
	}
	kfree(f);
	return 0;
}

static long sva_dma(struct sva_ctx *ctx, struct sva_file *f,
		    struct sva_test_dma __user *uarg)
{
	struct smmu_model_dma_result res = {};
	struct sva_test_dma a;
	unsigned int flags = 0;
	void *buf;
	int ret;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (!f->bond)
		return -ENXIO;
	if (!a.len || a.len > SVA_MAX_DMA)
		return -EINVAL;
	buf = kvmalloc(a.len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (a.flags & SVA_TEST_DMA_WRITE) {
		flags |= SMMU_MODEL_DMA_WRITE;
		memset(buf, a.fill, a.len);
	}
	if (a.flags & SVA_TEST_DMA_ATS)
		flags |= SMMU_MODEL_DMA_TRANSLATED;
	if (a.flags & SVA_TEST_DMA_PRI)
		flags |= SMMU_MODEL_DMA_PRI;
	a.ret = smmu_model_dma(ctx->mm, 0, f->pasid, a.addr, buf, a.len,
			       flags, &res);
	a.event = res.event;
	a.stalled = res.stalled || res.resumed_retry || res.resumed_abort;
	a.page_requests = res.page_requests;
	ret = 0;
	if (!a.ret && !(a.flags & SVA_TEST_DMA_WRITE) &&
	    copy_to_user(u64_to_user_ptr(a.buf), buf, a.len))
		ret = -EFAULT;
	kvfree(buf);
	if (!ret && copy_to_user(uarg, &a, sizeof(a)))
		ret = -EFAULT;
	return ret;
}

static long sva_bind(struct sva_ctx *ctx, struct sva_file *f,
		     unsigned long nth)
{
	unsigned int left = 0;
	struct iommu_sva *bond;

	if (f->bond)
		return -EBUSY;
#ifdef CONFIG_FAULT_INJECTION
	WRITE_ONCE(current->fail_nth, nth);
#else
	if (nth)
		return -EOPNOTSUPP;
#endif
	bond = iommu_sva_bind_device(ctx->dev, current->mm);
#ifdef CONFIG_FAULT_INJECTION
	left = READ_ONCE(current->fail_nth);
	WRITE_ONCE(current->fail_nth, 0);
#endif
	if (IS_ERR(bond))
		return PTR_ERR(bond);
	f->bond = bond;
	f->pasid = iommu_sva_get_pasid(bond);
	return f->pasid | (left ? SVA_TEST_UNREACHED : 0);
}

static long sva_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct sva_file *f = file->private_data;
	struct sva_ctx *ctx = sva_ctx;
	struct sva_test_counts c;

	switch (cmd) {
	case SVA_TEST_BIND:
		return sva_bind(ctx, f, 0);
	case SVA_TEST_BIND_NTH:
		return arg ? sva_bind(ctx, f, arg) : -EINVAL;
	case SVA_TEST_UNBIND:
		if (!f->bond)
			return -ENXIO;
		iommu_sva_unbind_device(f->bond);
		f->bond = NULL;
		return 0;
	case SVA_TEST_DMA:
		return sva_dma(ctx, f, (void __user *)arg);
	case SVA_TEST_COUNTS:
		c = (struct sva_test_counts) {
			.tlbi_va = smmu_model_nr_cmds(ctx->m, SMMU_MODEL_OP_TLBI_NH_VA),
			.tlbi_asid = smmu_model_nr_cmds(ctx->m, SMMU_MODEL_OP_TLBI_NH_ASID),
			.atc_inv = smmu_model_nr_cmds(ctx->m, SMMU_MODEL_OP_ATC_INV),
			.sync = smmu_model_nr_cmds(ctx->m, SMMU_MODEL_OP_SYNC),
		};
		return copy_to_user((void __user *)arg, &c, sizeof(c)) ? -EFAULT : 0;
	case SVA_TEST_KEEP:
		f->keep = true;
		return 0;
	case SVA_TEST_ASID:
		if (!f->bond)
			return -ENXIO;
		return to_smmu_domain(f->bond->handle.domain)->asid;
	case SVA_TEST_HOLD:
		return sva_hold(f);
	case SVA_TEST_HOLD_WAIT:
		if (!f->hold)
			return -ENXIO;
		return wait_for_completion_timeout(&f->hold->entered, 10 * HZ) ?
		       0 : -ETIMEDOUT;
	case SVA_TEST_HOLD_RELEASE:
		if (!f->hold)
			return -ENXIO;
		complete_all(&f->hold->release);
		return 0;
	case SVA_TEST_ASID_FREE:
		return sva_asid_free(ctx, arg);
	case SVA_TEST_SYNC:
		mmu_notifier_synchronize();
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations sva_fops = {
	.owner		= THIS_MODULE,
	.open		= sva_open,
	.release	= sva_release,
	.unlocked_ioctl	= sva_ioctl,
};

static struct miscdevice sva_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= SVA_TEST_DEV,
	.fops	= &sva_fops,
};

/* The CPU's page tables are in a format the driver shares */
static bool sva_cpu_tables_shareable(void)
{
	return !(read_sysreg(tcr_el1) & TCR_DS);
}

static void sva_ctx_exit(void *data)
{
	struct sva_ctx *ctx = data;
	unsigned int i;

	misc_deregister(&sva_misc);
	for (i = 0; i < ctx->nr_kept; i++)
		iommu_sva_unbind_device(ctx->kept[i]);
	ctx->nr_kept = 0;
	/* The freed domains' ASIDs go back after the grace period */
	mmu_notifier_synchronize();
	/* As a device driver's remove would */
	iommu_dev_disable_feature(ctx->dev, IOMMU_DEV_FEAT_SVA);
	if (ctx->iopf)
		iommu_dev_disable_feature(ctx->dev, IOMMU_DEV_FEAT_IOPF);
	sva_ctx = NULL;
}

/* The suite's master */
enum sva_master {
	SVA_PLATFORM,	/* a platform device */
	SVA_ATS,	/* a PCI function with ATS */
	SVA_STALL,	/* a platform device whose faults stall, with IOPF */
	SVA_PRI,	/* a PCI function with ATS and PRI, with IOPF */
};

/* Is there a program to start? Only make kunit's initramfs has one. */
static bool sva_client_present(void)
{
	struct path path;

	if (kern_path(SVA_CLIENT, LOOKUP_FOLLOW, &path))
		return false;
	path_put(&path);
	return true;
}

/*
 * A model SMMU with every feature and one master with 8 PASID bits, its
 * SVA (and IOPF) enabled, and the character device up.
 */
static struct sva_ctx *sva_setup(struct kunit *test, enum sva_master kind)
{
	bool pci = kind == SVA_ATS || kind == SVA_PRI;
	bool iopf = kind == SVA_STALL || kind == SVA_PRI;
	struct sva_ctx *ctx;
	int ret;

	if (!sva_cpu_tables_shareable())
		kunit_skip(test, "the CPU uses LPA2 page tables (boot with arm64.nolva)");
	/* Every case that sets up a master runs the program */
	if (!sva_client_present())
		kunit_skip(test, "no " SVA_CLIENT " to run: only make kunit's initramfs has it");
	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	mutex_init(&ctx->lock);
	ctx->test = test;
	ctx->m = smmu_model_create(test, &smmu_model_full);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(ctx->m), 0);
	if (pci) {
		struct smmu_model_pci_cfg cfg = {
			.ats = true, .pasid_bits = 8, .rc_ats = true,
			.pri = kind == SVA_PRI,
		};

		ctx->mm = smmu_model_add_pci_master(ctx->m, &cfg);
	} else {
		static const u32 sid = 0x40;
		struct smmu_model_master_cfg cfg = {
			.sids = &sid, .nr_sids = 1, .pasid_bits = 8,
			.can_stall = kind == SVA_STALL,
		};

		ctx->mm = smmu_model_add_master(ctx->m, &cfg);
	}
	ctx->dev = smmu_model_master_dev(ctx->mm);
	KUNIT_ASSERT_NOT_NULL(test, ctx->dev->iommu_group);
	if (iopf) {
		if (!IS_ENABLED(CONFIG_IOMMU_IOPF))
			kunit_skip(test, "needs CONFIG_IOMMU_IOPF");
		KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(ctx->dev,
							       IOMMU_DEV_FEAT_IOPF), 0);
		ctx->iopf = true;
	}
	KUNIT_ASSERT_EQ(test, iommu_dev_enable_feature(ctx->dev,
						       IOMMU_DEV_FEAT_SVA), 0);

	sva_ctx = ctx;
	ret = misc_register(&sva_misc);
	if (ret)
		sva_ctx = NULL;
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, sva_ctx_exit, ctx), 0);
	return ctx;
}

/* Run the program with @scenario and @arg; its exit status, or -errno */
static int sva_client(struct kunit *test, const char *scenario,
		      const char *arg)
{
	char *argv[4], *envp[2];
	int ret;

	argv[0] = SVA_CLIENT;
	argv[1] = (char *)scenario;
	argv[2] = (char *)arg;
	argv[3] = NULL;
	envp[0] = "PATH=/bin";
	envp[1] = NULL;
	ret = call_usermodehelper(SVA_CLIENT, argv, envp, UMH_WAIT_PROC);
	if (ret < 0)
		return ret;
	/* A wait status: killed by a signal, or exited with a code */
	if (ret & 0x7f) {
		kunit_err(test, "%s %s: killed by signal %d\n", scenario, arg,
			  ret & 0x7f);
		return -EINTR;
	}
	return (ret >> 8) & 0xff;
}

static void sva_expect_client(struct kunit *test, struct sva_ctx *ctx,
			      const char *scenario, const char *arg)
{
	KUNIT_EXPECT_EQ_MSG(test, sva_client(test, scenario, arg), 0,
			    "sva_client %s %s failed: see its kmsg lines",
			    scenario, arg);
	smmu_model_expect_clean(test, ctx->m);
}

/* sva_client @scenario @arg on a master of @kind, which must pass */
static void sva_run_client(struct kunit *test, enum sva_master kind,
			   const char *scenario, const char *arg)
{
	sva_expect_client(test, sva_setup(test, kind), scenario, arg);
}

/* Pages the program touched: the device reads and writes them */
static void sva_present_pages(struct kunit *test)
{
	sva_run_client(test, SVA_PLATFORM, "present", "");
}

/* The same, through the function's ATC */
static void sva_present_pages_ats(struct kunit *test)
{
	sva_run_client(test, SVA_ATS, "present", "ats");
}

/*
 * munmap, mprotect(PROT_READ), madvise(MADV_DONTNEED) and fork's COW
 * protection: the next DMA is refused and never reaches the old page,
 * through the TLB (a platform device) and through the ATC (a PCI function
 * with ATS).
 */
static void sva_expect_cpu_changes_reach(struct kunit *test,
					 enum sva_master kind, const char *arg)
{
	static const char * const scenarios[] = {
		"munmap", "mprotect", "dontneed", "fork",
	};
	struct sva_ctx *ctx = sva_setup(test, kind);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(scenarios); i++)
		sva_expect_client(test, ctx, scenarios[i], arg);
}

static void sva_cpu_changes_reach_the_smmu(struct kunit *test)
{
	sva_expect_cpu_changes_reach(test, SVA_PLATFORM, "");
}

static void sva_cpu_changes_reach_the_atc(struct kunit *test)
{
	sva_expect_cpu_changes_reach(test, SVA_ATS, "ats");
}

/* Two processes bound at once get two PASIDs and their own pages */
static void sva_two_processes(struct kunit *test)
{
	sva_run_client(test, SVA_ATS, "two", "ats");
}

/*
 * The program exits while bound (the bond is left to the suite): the
 * device's accesses at the PASID then fault, and the unbind that follows
 * frees everything.
 */
static void sva_exit_while_bound(struct kunit *test)
{
	struct sva_ctx *ctx = sva_setup(test, SVA_ATS);
	struct smmu_model_dma_result res;
	struct smmu_model_cd cd;
	u8 buf[64];
	unsigned int i;
	u32 sid;
	int ret;

	sva_expect_client(test, ctx, "exit", "ats");
	KUNIT_ASSERT_EQ(test, ctx->nr_kept, 1);
	/* The CD keeps its ASID and walks nothing: no freed table is reachable */
	sid = pci_dev_id(smmu_model_master_pci(ctx->mm));
	KUNIT_ASSERT_EQ(test, smmu_model_read_cd(ctx->m, sid, ctx->kept_pasid[0],
						 &cd), 0);
	KUNIT_EXPECT_TRUE(test, cd.v);
	KUNIT_EXPECT_TRUE(test, cd.epd0);
	KUNIT_EXPECT_TRUE(test, cd.epd1);
	KUNIT_EXPECT_NE(test, cd.asid, 0);
	for (i = 0; i < 2; i++) {
		unsigned int flags = i ? SMMU_MODEL_DMA_TRANSLATED : 0;

		memset(&res, 0, sizeof(res));
		ret = smmu_model_dma(ctx->mm, 0, ctx->kept_pasid[0],
				     SVA_EXIT_ADDR, buf, sizeof(buf), flags,
				     &res);
		KUNIT_EXPECT_LT(test, ret, 0);
		/* Untranslated: the SMMU reports it (EPD0: no walk) */
		if (!i)
			KUNIT_EXPECT_EQ(test, res.event,
					SMMU_MODEL_EVT_F_TRANSLATION);
	}
	iommu_sva_unbind_device(ctx->kept[0]);
	ctx->nr_kept = 0;
	smmu_model_expect_clean(test, ctx->m);
}

/*
 * Pages never touched, dropped, COW-shared with a child, read-only or
 * unmapped: the device's faults go through the IOMMU core's IOPF handling,
 * which faults the pages in (or refuses), and the DMA completes after a
 * stall (CMD_RESUME) or a PRI Page Request (CMD_PRI_RESP).
 */
static void sva_faults_served_by_stall(struct kunit *test)
{
	sva_run_client(test, SVA_STALL, "fault", "stall");
}

static void sva_faults_served_by_pri(struct kunit *test)
{
	sva_run_client(test, SVA_PRI, "fault", "pri");
}

/* Bind and unbind in a loop: the ASIDs are invalidated and reused */
static void sva_rebind_recycles_asids(struct kunit *test)
{
	struct sva_ctx *ctx = sva_setup(test, SVA_PLATFORM);
	unsigned long before = smmu_model_nr_cmds(ctx->m,
						  SMMU_MODEL_OP_TLBI_NH_ASID);

	sva_expect_client(test, ctx, "rebind", "16");
	mmu_notifier_synchronize();
	/* Each of the 16 domains' ASID was invalidated before its reuse */
	KUNIT_EXPECT_GE(test, smmu_model_nr_cmds(ctx->m,
						 SMMU_MODEL_OP_TLBI_NH_ASID) - before,
			16UL);
	smmu_model_expect_clean(test, ctx->m);
}

/*
 * Unbind while a notifier callback on the mm is still running: the freed
 * domain's ASID goes back to the allocator only after the notifiers' SRCU
 * grace period, then it does.
 */
static void sva_asid_outlives_the_grace_period(struct kunit *test)
{
	sva_run_client(test, SVA_PLATFORM, "grace", "");
}

/*
 * Each allocation of a bind fails in turn (the task's fail-nth; the kunit
 * job makes failslab and fail_page_alloc fail sleeping allocations too):
 * the bind fails with -ENOMEM and leaves nothing behind, the next bind of
 * the same process works. Leaks would show in kmemleak's scan at the end
 * of the run.
 */
static void sva_bind_survives_each_failed_allocation(struct kunit *test)
{
	struct sva_ctx *ctx;
	int ret;

	if (!IS_ENABLED(CONFIG_FAULT_INJECTION))
		kunit_skip(test, "needs CONFIG_FAULT_INJECTION");
	ctx = sva_setup(test, SVA_ATS);
	ret = sva_client(test, "failbind", "ats");
	if (ret == 77)
		kunit_skip(test, SMMU_TEST_FAILNTH_SKIP);
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "sva_client failbind: see its kmsg lines");
	smmu_model_expect_clean(test, ctx->m);
}

/* Where the CPU's tables cannot be shared, SVA is refused with a reason */
static void sva_refused_where_tables_cannot_be_shared(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct smmu_model_master_cfg cfg = { .nr_sids = 1, .pasid_bits = 8 };
	static const u32 sid = 0x40;
	struct smmu_model *m;
	struct device *dev;

	cfg.sids = &sid;
	/*
	 * The full preset with 52-bit output and input addresses (IDR5.OAS,
	 * VAX), on this CPU: refused only when it uses LPA2 tables
	 */
	p.idr[5] &= ~(GENMASK(2, 0) | GENMASK(11, 10));
	p.idr[5] |= 6 | FIELD_PREP(GENMASK(11, 10), 1);
	m = smmu_model_create(test, &p);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	dev = smmu_model_master_dev(smmu_model_add_master(m, &cfg));
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(dev, IOMMU_DEV_FEAT_SVA),
			sva_cpu_tables_shareable() ? 0 : -ENODEV);
	if (sva_cpu_tables_shareable())
		KUNIT_EXPECT_EQ(test, iommu_dev_disable_feature(dev,
								IOMMU_DEV_FEAT_SVA), 0);
	smmu_model_destroy(m);

	/* A master without PASIDs */
	p = smmu_model_full;
	m = smmu_model_create(test, &p);
	cfg.pasid_bits = 0;
	dev = smmu_model_master_dev(smmu_model_add_master(m, &cfg));
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(dev, IOMMU_DEV_FEAT_SVA),
			-ENODEV);
	smmu_model_destroy(m);
	cfg.pasid_bits = 8;

	/* Walks that do not snoop the CPU's caches */
	p.coherent = false;
	m = smmu_model_create(test, &p);
	dev = smmu_model_master_dev(smmu_model_add_master(m, &cfg));
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(dev, IOMMU_DEV_FEAT_SVA),
			-ENODEV);
	smmu_model_destroy(m);

	/* Output addresses narrower than the CPU's (IDR5.OAS = 0: 32 bits) */
	p = smmu_model_full;
	p.idr[5] &= ~GENMASK(2, 0);
	m = smmu_model_create(test, &p);
	dev = smmu_model_master_dev(smmu_model_add_master(m, &cfg));
	KUNIT_EXPECT_EQ(test, iommu_dev_enable_feature(dev, IOMMU_DEV_FEAT_SVA),
			-ENODEV);
	smmu_model_destroy(m);
}

static struct kunit_case arm_smmu_v3_sva_cases[] = {
	KUNIT_CASE(sva_refused_where_tables_cannot_be_shared),
	KUNIT_CASE(sva_present_pages),
	KUNIT_CASE(sva_present_pages_ats),
	KUNIT_CASE(sva_cpu_changes_reach_the_smmu),
	KUNIT_CASE(sva_cpu_changes_reach_the_atc),
	KUNIT_CASE(sva_two_processes),
	KUNIT_CASE(sva_exit_while_bound),
	KUNIT_CASE(sva_rebind_recycles_asids),
	KUNIT_CASE(sva_asid_outlives_the_grace_period),
	KUNIT_CASE(sva_bind_survives_each_failed_allocation),
	KUNIT_CASE(sva_faults_served_by_stall),
	KUNIT_CASE(sva_faults_served_by_pri),
	{}
};

static struct kunit_suite arm_smmu_v3_sva_suite = {
	.name = "arm_smmu_v3_sva",
	.test_cases = arm_smmu_v3_sva_cases,
};

kunit_test_suite(arm_smmu_v3_sva_suite);
