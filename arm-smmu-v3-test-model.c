// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites that run the real driver against the software SMMU model
 * (arm-smmu-v3-model.c): probe and reset on each preset, the command queue
 * and its error recovery, domains attached and DMA translated through the
 * IOMMU core, event and stall reporting.
 *
 * Every case ends with smmu_model_expect_clean(): the model's checkers
 * (hitless entry updates, ASID/VMID lifecycle, reset order) saw nothing
 * wrong. Register fields are decoded here with the model's reading of
 * IHI0070 where the case is about their value.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <uapi/linux/iommufd.h>
#include <linux/kthread.h>
#include <linux/log2.h>
#include <linux/pci.h>
#include <linux/pci-ats.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-model.h"
#include "arm-smmu-v3-model-spec.h"
#include "arm-smmu-v3-test-model-util.h"

/* IHI0070 6.3, read independently of the driver's definitions */
#define T_CR0ACK		0x24
#define T_CR1			0x28
#define T_IRQ_CTRL		0x50
#define T_IRQ_CTRLACK		0x54
#define T_GBPA			0x44
#define T_GERROR		0x60
#define T_GERRORN		0x64
#define T_GERROR_MSI_CMDQ_ABT	BIT(4)	/* IHI0070 6.3.19 */
#define T_EVTQ_PROD		0x100a8
#define T_EVTQ_CONS		0x100ac
#define T_CR0_SMMUEN		BIT(0)
#define T_CR0_EVTQEN		BIT(2)
#define T_CR0_CMDQEN		BIT(3)
#define T_CR0_ATSCHK		BIT(4)
#define T_CR1_TABLE_SH		GENMASK(11, 10)
#define T_CR1_TABLE_OC		GENMASK(9, 8)
#define T_CR1_QUEUE_SH		GENMASK(5, 4)
#define T_CR1_QUEUE_IC		GENMASK(1, 0)
#define T_IRQ_GERROR		BIT(0)
#define T_IRQ_EVTQ		BIT(2)
#define T_GBPA_ABORT		BIT(20)
#define T_Q_OVF			BIT(31)

#define T_SID			0x42

static struct arm_smmu_device *model_smmu(struct smmu_model *m)
{
	return platform_get_drvdata(smmu_model_pdev(m));
}

static void cmd_illegal(struct arm_smmu_cmd *cmd)
{
	cmd->data[0] = cpu_to_le64(0xff);	/* no such opcode */
	cmd->data[1] = 0;
}

/* ------------------------------------------------------------------------
 * Probe and reset
 */

static void expect_enabled(struct kunit *test, struct smmu_model *m)
{
	u32 ack = smmu_model_read_reg(m, T_CR0ACK);

	/* Later checks look at the driver's SMMU, which only a bound one has */
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	KUNIT_EXPECT_TRUE(test, ack & T_CR0_SMMUEN);
	KUNIT_EXPECT_TRUE(test, ack & T_CR0_CMDQEN);
	KUNIT_EXPECT_TRUE(test, ack & T_CR0_EVTQEN);
	KUNIT_EXPECT_TRUE(test, smmu_model_read_reg(m, T_IRQ_CTRLACK) &
				T_IRQ_GERROR);
	/* Reset invalidated every cached configuration and translation */
	KUNIT_EXPECT_GE(test, smmu_model_nr_cmds(m, SMMU_MODEL_OP_CFGI_STE_RANGE), 1);
	KUNIT_EXPECT_GE(test, smmu_model_nr_cmds(m, SMMU_MODEL_OP_TLBI_NSNH_ALL), 1);
}

static void probe_full_preset_checks_ats_traffic(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);

	expect_enabled(test, m);
	/* IHI0070 6.3.9: with ATS, Translated traffic is checked (ATSCHK) */
	KUNIT_EXPECT_TRUE(test, smmu_model_read_reg(m, T_CR0ACK) & T_CR0_ATSCHK);
	smmu_model_expect_clean(test, m);
}

static void probe_qemu_preset_has_no_atschk(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_qemu);

	expect_enabled(test, m);
	KUNIT_EXPECT_FALSE(test, smmu_model_read_reg(m, T_CR0ACK) & T_CR0_ATSCHK);
	smmu_model_expect_clean(test, m);
}

static void probe_mmu600_and_mmu700(struct kunit *test)
{
	struct smmu_model *a = smmu_model_create(test, &smmu_model_mmu600);
	struct smmu_model *b = smmu_model_create(test, &smmu_model_mmu700);

	expect_enabled(test, a);
	expect_enabled(test, b);
	KUNIT_EXPECT_TRUE(test, model_smmu(a)->feat.s2);
	KUNIT_EXPECT_FALSE(test, model_smmu(a)->feat.ril);
	KUNIT_EXPECT_TRUE(test, model_smmu(b)->feat.ril);
	smmu_model_expect_clean(test, a);
	smmu_model_expect_clean(test, b);
}

static void probe_refuses_smmu_without_translation(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_qemu;
	struct smmu_model *m;

	p.idr[0] &= ~(BIT(0) | BIT(1));		/* neither S1P nor S2P */
	m = smmu_model_create(test, &p);
	KUNIT_EXPECT_EQ(test, smmu_model_probe_ret(m), -ENODEV);
	/* Refused before touching the SMMU */
	KUNIT_EXPECT_EQ(test, smmu_model_read_reg(m, T_CR0ACK), 0);
	smmu_model_expect_clean(test, m);
}

/*
 * SMMUs the driver cannot drive, each refused with -ENODEV before it
 * touches a register beyond the ID registers (IHI0070 6.3.1-6.3.6 fields,
 * written here as the model reads them).
 */
static void probe_refuses_each_undrivable_smmu(struct kunit *test)
{
	static const struct {
		const char	*what;
		unsigned int	idr;
		u32		clear, set;
	} cases[] = {
		{ "AArch32 tables only", 0, GENMASK(3, 2), 1 << 2 },
		{ "big-endian tables only", 0, GENMASK(22, 21), 3 << 21 },
		{ "reserved TTENDIAN", 0, GENMASK(22, 21), 1 << 21 },
		{ "reserved STALL_MODEL", 0, GENMASK(25, 24), 3 << 24 },
		{ "tables preset", 1, 0, BIT(30) },
		{ "queues preset", 1, 0, BIT(29) },
		{ "64-entry command queue", 1, GENMASK(25, 21), 6 << 21 },
		{ "no event queue", 1, GENMASK(20, 16), 0 },
		{ "no translation granule", 5, GENMASK(6, 4), 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct smmu_model_preset p = smmu_model_full;
		struct smmu_model *m;

		p.idr[cases[i].idr] = (p.idr[cases[i].idr] & ~cases[i].clear) |
				      cases[i].set;
		m = smmu_model_create(test, &p);
		KUNIT_EXPECT_EQ_MSG(test, smmu_model_probe_ret(m), -ENODEV,
				    "%s", cases[i].what);
		KUNIT_EXPECT_EQ_MSG(test, smmu_model_read_reg(m, T_CR0ACK), 0,
				    "%s", cases[i].what);
		smmu_model_expect_clean(test, m);
		smmu_model_destroy(m);
	}
}

/*
 * An SMMU a previous kernel left translating, with GBPA at bypass: the
 * driver must make it abort before it turns translation off (item 3).
 */
static void probe_enabled_smmu_leaves_no_bypass_window(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct smmu_model *m;

	p.cr0 = T_CR0_SMMUEN | T_CR0_CMDQEN | T_CR0_EVTQEN;
	p.gbpa = 0;
	m = smmu_model_create(test, &p);
	expect_enabled(test, m);
	smmu_model_expect_clean(test, m);
}

/* Interrupts left enabled: requested only once IRQ_CTRL is clear */
static void probe_requests_irqs_after_irq_ctrl_cleared(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct smmu_model *m;

	p.irq_ctrl = T_IRQ_GERROR | T_IRQ_EVTQ;
	m = smmu_model_create(test, &p);
	expect_enabled(test, m);
	smmu_model_expect_clean(test, m);
}

static void probe_refuses_smmu_without_gerror_interrupt(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct smmu_model *m;

	p.lines = BIT(SMMU_MODEL_LINE_EVTQ);
	m = smmu_model_create(test, &p);
	KUNIT_EXPECT_EQ(test, smmu_model_probe_ret(m), -ENXIO);
	KUNIT_EXPECT_FALSE(test, smmu_model_read_reg(m, T_CR0ACK) & T_CR0_SMMUEN);
	smmu_model_expect_clean(test, m);
}

static void probe_with_combined_interrupt(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct smmu_model *m;

	p.lines = BIT(SMMU_MODEL_LINE_COMBINED);
	m = smmu_model_create(test, &p);
	expect_enabled(test, m);
	KUNIT_EXPECT_TRUE(test, smmu_model_read_reg(m, T_IRQ_CTRLACK) & T_IRQ_EVTQ);
	smmu_model_expect_clean(test, m);
}

/*
 * Table walks and queues are accessed with the attributes the DMA API uses
 * for their memory, which follow firmware, whatever IDR0.COHACC says.
 */
static void probe_follows_firmware_coherency(struct kunit *test)
{
	struct smmu_model_preset nc = smmu_model_full, c = smmu_model_full;
	struct smmu_model *a, *b;
	u32 cr1;

	nc.coherent = false;		/* COHACC = 1, firmware: not coherent */
	c.idr[0] &= ~BIT(4);		/* COHACC = 0, firmware: coherent */
	a = smmu_model_create(test, &nc);
	b = smmu_model_create(test, &c);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(a), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(b), 0);

	cr1 = smmu_model_read_reg(a, T_CR1);
	KUNIT_EXPECT_EQ(test, FIELD_GET(T_CR1_TABLE_OC, cr1), 0);	/* NC */
	KUNIT_EXPECT_EQ(test, FIELD_GET(T_CR1_QUEUE_IC, cr1), 0);
	KUNIT_EXPECT_EQ(test, FIELD_GET(T_CR1_QUEUE_SH, cr1), 2);	/* OSH */
	KUNIT_EXPECT_FALSE(test, model_smmu(a)->coherent);

	cr1 = smmu_model_read_reg(b, T_CR1);
	KUNIT_EXPECT_EQ(test, FIELD_GET(T_CR1_TABLE_OC, cr1), 1);	/* WB */
	KUNIT_EXPECT_EQ(test, FIELD_GET(T_CR1_TABLE_SH, cr1), 3);	/* ISH */
	KUNIT_EXPECT_TRUE(test, model_smmu(b)->coherent);
	smmu_model_expect_clean(test, a);
	smmu_model_expect_clean(test, b);
}

/*
 * The SMMU's own interrupts as MSIs (the model is its MSI controller): a
 * fault's event and a command error's GERROR both reach the driver.
 */
static void probe_with_msis_delivers_events_and_errors(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	const u32 sid = 0x42;
	struct smmu_model_master_cfg cfg = { .sids = &sid, .nr_sids = 1 };
	struct smmu_model_master *mm;
	struct arm_smmu_cmd cmd;
	struct smmu_model *m;
	u8 b;

	p.msi = true;
	p.lines = 0;		/* no wired interrupt at all */
	m = smmu_model_create(test, &p);
	expect_enabled(test, m);
	KUNIT_ASSERT_TRUE(test, model_smmu(m)->msi_irqs);

	mm = smmu_model_add_master(m, &cfg);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(mm, 0, SMMU_MODEL_NO_SSID, SZ_1G,
					     &b, 1, 0, NULL), -EFAULT);
	KUNIT_EXPECT_TRUE(test, wait_for(smmu_model_read_reg(m, T_EVTQ_CONS) ==
					 smmu_model_read_reg(m, T_EVTQ_PROD)));
	cmd_illegal(&cmd);
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), &cmd, 1, true), 0);
	KUNIT_EXPECT_GE(test, smmu_model_nr_msis(m), 2);
	smmu_model_expect_clean(test, m);
}

/*
 * An MSI allocation that fails falls back to the wired interrupts. (The
 * 6.12 MSI core reports any failure of the parent domain as -ENOSPC, so
 * the driver's deferral on -EPROBE_DEFER cannot be reached this way.)
 */
static void probe_falls_back_to_wired_irqs(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct smmu_model *m;

	p.msi = true;
	p.msi_error = -ENOSPC;
	m = smmu_model_create(test, &p);
	expect_enabled(test, m);
	KUNIT_EXPECT_FALSE(test, model_smmu(m)->msi_irqs);
	KUNIT_EXPECT_NE(test, model_smmu(m)->gerr_irq, 0);
	smmu_model_expect_clean(test, m);
}

/*
 * Service failure mode (GERROR.SFM_ERR): the driver turns translation off
 * with GBPA aborting, so that DMA stops instead of going anywhere, and
 * refuses commands at once from then on.
 */
static void sfm_error_disables_translation(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);
	struct arm_smmu_cmd cmd;
	ktime_t t0;

	expect_enabled(test, m);
	smmu_model_raise_gerror(m, BIT(8));
	KUNIT_EXPECT_TRUE(test, wait_for(!(smmu_model_read_reg(m, T_CR0ACK) &
					   T_CR0_SMMUEN)));
	KUNIT_EXPECT_TRUE(test, smmu_model_read_reg(m, T_GBPA) & T_GBPA_ABORT);

	t0 = ktime_get();
	arm_smmu_cmd_tlbi_nh_asid(&cmd, 1);
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), &cmd, 1, true),
			-EIO);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), t0), 100);
	smmu_model_expect_clean(test, m);
}

/*
 * MMU-700 (IIDR product 0x487, implementer Arm): erratum 2812531 wants no
 * long runs of commands without a CMD_SYNC. A master with 40 StreamIDs
 * makes the driver issue 40 CFGI_CDs in one go at attach.
 */
static void mmu700_full_batches_end_in_sync(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_mmu700;
	struct smmu_model_master_cfg cfg = { .nr_sids = 40 };
	struct smmu_model *m;
	u32 sids[40];
	unsigned int i;

	p.iidr = (0x487 << 20) | 0x43b;		/* r0p0 */
	for (i = 0; i < ARRAY_SIZE(sids); i++)
		sids[i] = 0x100 + i;
	cfg.sids = sids;
	m = smmu_model_create(test, &p);
	expect_enabled(test, m);
	KUNIT_EXPECT_TRUE(test, model_smmu(m)->sync_full_batches);
	smmu_model_add_master(m, &cfg);
	/* A batch holds 32 commands: then a CMD_SYNC */
	KUNIT_EXPECT_LE(test, smmu_model_longest_run(m), 32);
	smmu_model_expect_clean(test, m);
}

static void remove_aborts_traffic(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	smmu_model_destroy(m);
	KUNIT_EXPECT_FALSE(test, smmu_model_read_reg(m, T_CR0ACK) & T_CR0_SMMUEN);
	KUNIT_EXPECT_TRUE(test, smmu_model_read_reg(m, T_GBPA) & T_GBPA_ABORT);
	smmu_model_expect_clean(test, m);
}

static struct kunit_case arm_smmu_v3_model_probe_cases[] = {
	KUNIT_CASE(probe_full_preset_checks_ats_traffic),
	KUNIT_CASE(probe_qemu_preset_has_no_atschk),
	KUNIT_CASE(probe_mmu600_and_mmu700),
	KUNIT_CASE(probe_refuses_smmu_without_translation),
	KUNIT_CASE(probe_refuses_each_undrivable_smmu),
	KUNIT_CASE(probe_enabled_smmu_leaves_no_bypass_window),
	KUNIT_CASE(probe_requests_irqs_after_irq_ctrl_cleared),
	KUNIT_CASE(probe_refuses_smmu_without_gerror_interrupt),
	KUNIT_CASE(probe_with_combined_interrupt),
	KUNIT_CASE(probe_follows_firmware_coherency),
	KUNIT_CASE(probe_with_msis_delivers_events_and_errors),
	KUNIT_CASE(probe_falls_back_to_wired_irqs),
	KUNIT_CASE(sfm_error_disables_translation),
	KUNIT_CASE(mmu700_full_batches_end_in_sync),
	KUNIT_CASE(remove_aborts_traffic),
	{}
};

static struct kunit_suite arm_smmu_v3_model_probe_suite = {
	.name = "arm_smmu_v3_model_probe",
	.test_cases = arm_smmu_v3_model_probe_cases,
};

/* ------------------------------------------------------------------------
 * Command queue
 */

/* CERROR_ILL: the command is replaced and everything after it completes */
static void cmdq_illegal_command_is_skipped(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_qemu);
	struct arm_smmu_cmd cmd;

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	cmd_illegal(&cmd);
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), &cmd, 1, true), 0);
	arm_smmu_cmd_tlbi_nh_asid(&cmd, 7);
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), &cmd, 1, true), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_cmds(m, SMMU_MODEL_OP_TLBI_NH_ASID), 1);
	smmu_model_expect_clean(test, m);
}

/* The same with MSI write-back of CMD_SYNC (full preset: MSI, coherent) */
static void cmdq_illegal_command_with_msi_sync(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);
	struct arm_smmu_cmd cmd;

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	KUNIT_ASSERT_TRUE(test, model_smmu(m)->cmdq.use_msi);
	cmd_illegal(&cmd);
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), &cmd, 1, true), 0);
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), NULL, 0, true), 0);
	smmu_model_expect_clean(test, m);
}

/*
 * CERROR_ATC_INV_SYNC stops the queue on the CMD_SYNC itself (IHI0070 7.1);
 * it must run again, MSI write-back included, or its waiter only returns
 * after a timeout, by the CONS fallback.
 */
static void cmdq_atc_sync_timeout_completes_msi_waiter(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);

	ktime_t t0;

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	KUNIT_ASSERT_TRUE(test, model_smmu(m)->cmdq.use_msi);
	smmu_model_fail_next_sync(m, SMMU_MODEL_CERROR_ATC_INV_SYNC);
	t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), NULL, 0, true), 0);
	/* By its own MSI write, not by the CONS fallback after a timeout */
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), t0), 500);
	KUNIT_EXPECT_TRUE(test, model_smmu(m)->cmdq.use_msi);
	smmu_model_expect_clean(test, m);
}

struct cpu_hog {
	bool		stop;
	atomic_t	running;
};

static int cpu_hog_fn(void *data)
{
	struct cpu_hog *h = data;
	unsigned long deadline = jiffies + 5 * HZ;

	preempt_disable();
	atomic_inc(&h->running);
	while (!READ_ONCE(h->stop) && time_before(jiffies, deadline))
		cpu_relax();
	preempt_enable();
	return 0;
}

/*
 * Every CPU busy with preemption off, one of them waiting for a CMD_SYNC
 * stuck behind an illegal command: no thread can run anywhere, so only a
 * GERROR handler in hard IRQ context can repair the queue before the wait
 * times out (item 6).
 */
static void cmdq_error_repaired_while_every_cpu_spins(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_qemu);
	struct task_struct **hogs;
	struct cpu_hog hog = {};
	struct arm_smmu_cmd cmd;
	unsigned int cpu, me, nr = 0;
	int ret;

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	hogs = kunit_kcalloc(test, nr_cpu_ids, sizeof(*hogs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hogs);
	migrate_disable();
	me = raw_smp_processor_id();
	for_each_online_cpu(cpu) {
		struct task_struct *t;

		if (cpu == me)
			continue;
		t = kthread_run_on_cpu(cpu_hog_fn, &hog, cpu, "smmu-hog/%u");
		if (IS_ERR(t))
			continue;
		get_task_struct(t);
		hogs[nr++] = t;
	}
	while (atomic_read(&hog.running) < nr)
		usleep_range(100, 200);

	preempt_disable();
	cmd_illegal(&cmd);
	ret = arm_smmu_cmdq_issue(model_smmu(m), &cmd, 1, true);
	preempt_enable();
	WRITE_ONCE(hog.stop, true);
	while (nr--) {
		kthread_stop(hogs[nr]);
		put_task_struct(hogs[nr]);
	}
	migrate_enable();
	KUNIT_EXPECT_EQ(test, ret, 0);
	smmu_model_expect_clean(test, m);
}

struct cmdq_flood {
	struct arm_smmu_device	*smmu;
	unsigned int		nr;
	int			ret;
	struct completion	done;
};

static int cmdq_flood_fn(void *data)
{
	struct cmdq_flood *f = data;
	struct arm_smmu_cmd cmd;
	unsigned int i;

	for (i = 0; i < f->nr; i++) {
		arm_smmu_cmd_tlbi_nh_asid(&cmd, i);
		arm_smmu_cmdq_issue(f->smmu, &cmd, 1, false);
	}
	f->ret = arm_smmu_cmdq_issue(f->smmu, NULL, 0, true);
	complete(&f->done);
	return 0;
}

/*
 * A command queue that stays full for longer than the submission timeout:
 * every command still reaches the SMMU once it moves again (item 4).
 */
static void cmdq_full_for_seconds_drops_nothing(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_qemu;
	struct cmdq_flood f = { .nr = 200 };
	struct task_struct *t;
	struct smmu_model *m;

	p.idr[1] = (p.idr[1] & ~GENMASK(25, 21)) | (7 << 21);	/* 128 slots */
	m = smmu_model_create(test, &p);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	f.smmu = model_smmu(m);
	init_completion(&f.done);

	smmu_model_pause(m, true);
	t = kthread_run(cmdq_flood_fn, &f, "cmdq-flood");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(1500);
	KUNIT_EXPECT_FALSE(test, completion_done(&f.done));
	smmu_model_pause(m, false);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&f.done, 10 * HZ));
	KUNIT_EXPECT_EQ(test, f.ret, 0);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_cmds(m, SMMU_MODEL_OP_TLBI_NH_ASID), 200);
	smmu_model_expect_clean(test, m);
}

/*
 * An SMMU that stops consuming commands for good (issue 18, item 6). The
 * submitter waiting for room gives up once CONS has stood still past its
 * first timeout, and the SMMU is turned off with GBPA aborting: its TLBs
 * can no longer be invalidated, so DMA through it must abort rather than
 * use what they hold. Later submissions fail at once, an unmap returns,
 * and the master and the SMMU can still be removed.
 */
static void cmdq_dead_smmu_fails_fast_and_blocks_dma(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_qemu;
	const u32 sid = 0x42;
	struct smmu_model_master_cfg cfg = { .sids = &sid, .nr_sids = 1 };
	struct cmdq_flood f = { .nr = 200 };
	struct smmu_model_dma_result r;
	struct smmu_model_master *mm;
	struct arm_smmu_device *smmu;
	struct arm_smmu_cmd cmd;
	struct task_struct *t;
	struct smmu_model *m;
	struct device *dev;
	dma_addr_t iova;
	ktime_t t0;
	u8 *buf, b;

	p.idr[1] = (p.idr[1] & ~GENMASK(25, 21)) | (7 << 21);	/* 128 slots */
	m = smmu_model_create(test, &p);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	smmu = model_smmu(m);
	mm = smmu_model_add_master(m, &cfg);
	dev = smmu_model_master_dev(mm);
	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	iova = dma_map_single(dev, buf, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, iova));
	KUNIT_ASSERT_EQ(test, smmu_model_dma(mm, 0, SMMU_MODEL_NO_SSID, iova,
					     &b, 1, 0, NULL), 0);

	/* Dead at the first look after the first timeout: about 2 s */
	smmu->cmdq.dead_us = 1;
	f.smmu = smmu;
	init_completion(&f.done);
	smmu_model_pause(m, true);
	t = kthread_run(cmdq_flood_fn, &f, "cmdq-flood");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	if (!wait_for_completion_timeout(&f.done, 5 * HZ)) {
		/* Let the submitter out before the model goes away */
		smmu_model_pause(m, false);
		wait_for_completion(&f.done);
		KUNIT_FAIL(test, "the submitter waited on a dead SMMU for 5 s");
	}
	KUNIT_EXPECT_EQ(test, f.ret, -EIO);
	KUNIT_EXPECT_TRUE(test, atomic_read(&smmu->cmdq.dead));
	KUNIT_EXPECT_GT(test, atomic_long_read(&smmu->cmdq.nr_refused), 0);

	/* Off, aborting: the mapped IOVA no longer reaches memory */
	KUNIT_EXPECT_FALSE(test, smmu_model_read_reg(m, T_CR0ACK) & T_CR0_SMMUEN);
	KUNIT_EXPECT_TRUE(test, smmu_model_read_reg(m, T_GBPA) & T_GBPA_ABORT);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(mm, 0, SMMU_MODEL_NO_SSID, iova,
					     &b, 1, 0, &r), -EFAULT);
	KUNIT_EXPECT_TRUE(test, r.bypassed);

	/* Refused at once, not after another timeout */
	t0 = ktime_get();
	arm_smmu_cmd_tlbi_nh_asid(&cmd, 1);
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(smmu, &cmd, 1, true), -EIO);
	dma_unmap_single(dev, iova, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), t0), 100);

	t0 = ktime_get();
	smmu_model_remove_master(mm);
	smmu_model_destroy(m);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), t0), 1000);
	smmu_model_expect_clean(test, m);
}

/*
 * GERROR.MSI_CMDQ_ABT_ERR (IHI0070 7.5): the CMD_SYNC's completion write
 * was aborted, so the word its waiter polls never changes. The waiter must
 * still finish at once, from CONS, and later CMD_SYNCs ask for no write.
 */
static void cmdq_sync_msi_abort_polls_cons(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);
	struct arm_smmu_device *smmu;
	unsigned long syncs;
	ktime_t t0;

	expect_enabled(test, m);
	smmu = model_smmu(m);
	KUNIT_ASSERT_TRUE(test, smmu->cmdq.use_msi);

	/* A healthy write-back first: the word holds the sync's end */
	t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(smmu, NULL, 0, true), 0);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), t0), 500);
	KUNIT_EXPECT_EQ(test, READ_ONCE(*smmu->cmdq.sync_word),
			(u32)atomic64_read(&smmu->cmdq.published));
	KUNIT_EXPECT_TRUE(test, smmu->cmdq.use_msi);

	smmu_model_abort_sync_msis(m, true);
	t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(smmu, NULL, 0, true), 0);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), t0), 500);
	KUNIT_EXPECT_TRUE(test, smmu_model_read_reg(m, T_GERROR) &
				T_GERROR_MSI_CMDQ_ABT);
	KUNIT_EXPECT_TRUE(test, wait_for(!smmu->cmdq.use_msi));

	/* Polled from CONS: completes though every MSI write would abort */
	syncs = smmu_model_nr_cmds(m, SMMU_MODEL_OP_SYNC);
	t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(smmu, NULL, 0, true), 0);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), t0), 500);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_cmds(m, SMMU_MODEL_OP_SYNC), syncs + 1);
	smmu_model_abort_sync_msis(m, false);
	smmu_model_expect_clean(test, m);
}

/*
 * The same abort with its GERROR interrupt lost: the waiter times out once,
 * finds CONS past its CMD_SYNC and finishes, rather than waiting until the
 * SMMU would be declared dead.
 */
static void cmdq_sync_msi_lost_completes_after_timeout(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);
	struct arm_smmu_device *smmu;
	s64 ms;
	ktime_t t0;

	expect_enabled(test, m);
	smmu = model_smmu(m);
	KUNIT_ASSERT_TRUE(test, smmu->cmdq.use_msi);
	/* GERROR_IRQEN cleared behind the driver's back */
	smmu_model_write_reg(m, T_IRQ_CTRL, smmu_model_read_reg(m, T_IRQ_CTRL) &
					    ~T_IRQ_GERROR);
	KUNIT_ASSERT_TRUE(test, wait_for(!(smmu_model_read_reg(m, T_IRQ_CTRLACK) &
					   T_IRQ_GERROR)));
	smmu_model_abort_sync_msis(m, true);

	t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(smmu, NULL, 0, true), 0);
	ms = ktime_ms_delta(ktime_get(), t0);
	KUNIT_EXPECT_GE(test, ms, 900);		/* one timeout */
	KUNIT_EXPECT_LT(test, ms, 3000);	/* not the dead bound */
	KUNIT_EXPECT_FALSE(test, smmu->cmdq.use_msi);
	KUNIT_EXPECT_FALSE(test, atomic_read(&smmu->cmdq.dead));
	smmu_model_abort_sync_msis(m, false);
	smmu_model_expect_clean(test, m);
}

static struct kunit_case arm_smmu_v3_model_cmdq_cases[] = {
	KUNIT_CASE(cmdq_illegal_command_is_skipped),
	KUNIT_CASE(cmdq_illegal_command_with_msi_sync),
	KUNIT_CASE(cmdq_atc_sync_timeout_completes_msi_waiter),
	KUNIT_CASE(cmdq_error_repaired_while_every_cpu_spins),
	KUNIT_CASE_SLOW(cmdq_full_for_seconds_drops_nothing),
	KUNIT_CASE_SLOW(cmdq_dead_smmu_fails_fast_and_blocks_dma),
	KUNIT_CASE(cmdq_sync_msi_abort_polls_cons),
	KUNIT_CASE_SLOW(cmdq_sync_msi_lost_completes_after_timeout),
	{}
};

static struct kunit_suite arm_smmu_v3_model_cmdq_suite = {
	.name = "arm_smmu_v3_model_cmdq",
	.test_cases = arm_smmu_v3_model_cmdq_cases,
};

/* ------------------------------------------------------------------------
 * Domains and DMA, through the IOMMU core
 */

struct dma_fixture {
	struct smmu_model		*m;
	struct smmu_model_master	*mm;
	struct device			*dev;
};

static void dma_fixture_init(struct kunit *test, struct dma_fixture *f,
			     const struct smmu_model_preset *p, u32 sid)
{
	struct smmu_model_master_cfg cfg = { .sids = &sid, .nr_sids = 1 };

	f->m = smmu_model_create(test, p);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(f->m), 0);
	f->mm = smmu_model_add_master(f->m, &cfg);
	f->dev = smmu_model_master_dev(f->mm);
	KUNIT_ASSERT_NOT_NULL(test, f->dev->iommu_group);
}

/* A page of memory filled with @seed, freed when the test ends */
static void *test_page(struct kunit *test, u8 seed)
{
	u8 *p = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = seed + i;
	return p;
}

static void expect_reads(struct kunit *test, struct dma_fixture *f, u64 iova,
			 const void *want, size_t len)
{
	void *got = kunit_kzalloc(test, len, GFP_KERNEL);
	struct smmu_model_dma_result r;

	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_EXPECT_EQ_MSG(test, smmu_model_dma(f->mm, 0, SMMU_MODEL_NO_SSID,
						 iova, got, len, 0, &r), 0,
			    "DMA at 0x%llx", iova);
	KUNIT_EXPECT_EQ_MSG(test, r.event, 0, "DMA at 0x%llx", iova);
	KUNIT_EXPECT_MEMEQ(test, got, want, len);
}

static void expect_fault(struct kunit *test, struct dma_fixture *f, u64 iova,
			 u8 event)
{
	struct smmu_model_dma_result r;
	u8 b;

	KUNIT_EXPECT_EQ_MSG(test, smmu_model_dma(f->mm, 0, SMMU_MODEL_NO_SSID,
						 iova, &b, 1, 0, &r), -EFAULT,
			    "DMA at 0x%llx", iova);
	KUNIT_EXPECT_EQ_MSG(test, r.event, event, "DMA at 0x%llx", iova);
}

/* The default DMA domain: dma_map_single() gives an IOVA the SMMU translates */
static void dma_api_mapping_translates(struct kunit *test)
{
	struct dma_fixture f;
	void *buf = test_page(test, 3);
	dma_addr_t iova;
	u8 in[64];

	dma_fixture_init(test, &f, &smmu_model_full, T_SID);
	iova = dma_map_single(f.dev, buf, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(f.dev, iova));
	expect_reads(test, &f, iova, buf, PAGE_SIZE);

	memset(in, 0x5a, sizeof(in));
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     iova + 100, in, sizeof(in),
					     SMMU_MODEL_DMA_WRITE, NULL), 0);
	dma_unmap_single(f.dev, iova, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_MEMEQ(test, buf + 100, in, sizeof(in));
	smmu_model_expect_clean(test, f.m);
}

/*
 * A translation the SMMU has cached must be gone once dma_unmap_single()
 * returns (strict invalidation): the next DMA faults and is reported.
 */
static void dma_after_unmap_faults(struct kunit *test)
{
	struct dma_fixture f;
	void *buf = test_page(test, 9);
	dma_addr_t iova;

	dma_fixture_init(test, &f, &smmu_model_full, T_SID);
	iova = dma_map_single(f.dev, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(f.dev, iova));
	expect_reads(test, &f, iova, buf, 16);		/* now in the TLB */
	dma_unmap_single(f.dev, iova, PAGE_SIZE, DMA_TO_DEVICE);
	expect_fault(test, &f, iova, SMMU_MODEL_EVT_F_TRANSLATION);
	/* The event thread drains the queue it was written to */
	KUNIT_EXPECT_TRUE(test, wait_for(smmu_model_read_reg(f.m, T_EVTQ_CONS) ==
					 smmu_model_read_reg(f.m, T_EVTQ_PROD)));
	KUNIT_EXPECT_EQ(test, smmu_model_nr_events(f.m, SMMU_MODEL_EVT_F_TRANSLATION), 1);
	smmu_model_expect_clean(test, f.m);
}

/*
 * An unmanaged domain: a block, pages on both sides of it, then a partial
 * unmap; exactly the unmapped part faults. Run on SMMUs with and without
 * range invalidation.
 */
static void unmanaged_domain_partial_unmap(struct kunit *test,
					   const struct smmu_model_preset *p)
{
	const u64 base = SZ_1G;
	struct iommu_domain *dom;
	struct dma_fixture f;
	struct page *block;
	u8 *pages[4];
	int i;

	dma_fixture_init(test, &f, p, T_SID);
	dom = iommu_paging_domain_alloc(f.dev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dom));
	KUNIT_ASSERT_EQ(test, iommu_attach_device(dom, f.dev), 0);

	for (i = 0; i < 4; i++) {
		pages[i] = test_page(test, 16 * i);
		KUNIT_ASSERT_EQ(test, iommu_map(dom, base + i * SZ_4K,
						virt_to_phys(pages[i]), SZ_4K,
						IOMMU_READ | IOMMU_WRITE,
						GFP_KERNEL), 0);
	}
	block = alloc_pages(GFP_KERNEL, get_order(SZ_2M));
	KUNIT_ASSERT_NOT_NULL(test, block);
	memset(page_address(block), 0xb1, SZ_2M);
	KUNIT_EXPECT_EQ(test, iommu_map(dom, base + SZ_2M, page_to_phys(block),
					SZ_2M, IOMMU_READ, GFP_KERNEL), 0);

	for (i = 0; i < 4; i++)
		expect_reads(test, &f, base + i * SZ_4K, pages[i], 32);
	expect_reads(test, &f, base + SZ_2M + SZ_1M, page_address(block), 32);

	/* Pages 1 and 2 and the block go; pages 0 and 3 stay */
	KUNIT_EXPECT_EQ(test, iommu_unmap(dom, base + SZ_4K, 2 * SZ_4K),
			2 * SZ_4K);
	KUNIT_EXPECT_EQ(test, iommu_unmap(dom, base + SZ_2M, SZ_2M), SZ_2M);
	expect_reads(test, &f, base, pages[0], 32);
	expect_reads(test, &f, base + 3 * SZ_4K, pages[3], 32);
	expect_fault(test, &f, base + SZ_4K, SMMU_MODEL_EVT_F_TRANSLATION);
	expect_fault(test, &f, base + 2 * SZ_4K, SMMU_MODEL_EVT_F_TRANSLATION);
	expect_fault(test, &f, base + SZ_2M + SZ_1M, SMMU_MODEL_EVT_F_TRANSLATION);

	iommu_detach_device(dom, f.dev);
	iommu_domain_free(dom);
	__free_pages(block, get_order(SZ_2M));
	smmu_model_expect_clean(test, f.m);
}

static void unmap_with_range_invalidation(struct kunit *test)
{
	unmanaged_domain_partial_unmap(test, &smmu_model_full);
}

static void unmap_without_range_invalidation(struct kunit *test)
{
	unmanaged_domain_partial_unmap(test, &smmu_model_mmu600);
}

/* Stage 2 only: every paging domain is a stage 2 domain */
static void unmap_on_stage2_only_smmu(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;

	p.idr[0] &= ~BIT(1);		/* S1P = 0 */
	unmanaged_domain_partial_unmap(test, &p);
}

/*
 * Replacing the domain of a device: once attach returns, DMA uses the new
 * domain's tables, never the old domain's cached configuration.
 */
static void attach_replaces_translation(struct kunit *test,
					const struct smmu_model_preset *p)
{
	const u64 iova = SZ_256M;
	struct iommu_domain *a, *b;
	struct dma_fixture f;
	void *pa = test_page(test, 0x10), *pb = test_page(test, 0x20);

	dma_fixture_init(test, &f, p, T_SID);
	a = iommu_paging_domain_alloc(f.dev);
	b = iommu_paging_domain_alloc(f.dev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	KUNIT_ASSERT_EQ(test, iommu_map(a, iova, virt_to_phys(pa), SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(b, iova, virt_to_phys(pb), SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);

	KUNIT_ASSERT_EQ(test, iommu_attach_device(a, f.dev), 0);
	expect_reads(test, &f, iova, pa, 64);
	iommu_detach_device(a, f.dev);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(b, f.dev), 0);
	expect_reads(test, &f, iova, pb, 64);
	iommu_detach_device(b, f.dev);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(a, f.dev), 0);
	expect_reads(test, &f, iova, pa, 64);
	iommu_detach_device(a, f.dev);

	iommu_domain_free(a);
	iommu_domain_free(b);
	smmu_model_expect_clean(test, f.m);
}

static void attach_replaces_stage1_translation(struct kunit *test)
{
	attach_replaces_translation(test, &smmu_model_full);
}

static void attach_replaces_stage2_translation(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;

	p.idr[0] &= ~BIT(1);
	attach_replaces_translation(test, &p);
}

/*
 * A freed domain's ASID goes to the next domain: the SMMU must not find
 * the old domain's translations under it (invalidated before reuse).
 */
static void freed_asid_reused_without_stale_tlb(struct kunit *test)
{
	const u64 iova = SZ_512M;
	struct iommu_domain *a, *b;
	struct dma_fixture f;
	void *pa = test_page(test, 0x30), *pb = test_page(test, 0x40);
	u16 asid;

	dma_fixture_init(test, &f, &smmu_model_full, T_SID);
	a = iommu_paging_domain_alloc(f.dev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	asid = container_of(a, struct arm_smmu_domain, domain)->asid;
	KUNIT_ASSERT_EQ(test, iommu_map(a, iova, virt_to_phys(pa), SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(a, f.dev), 0);
	expect_reads(test, &f, iova, pa, 64);
	iommu_detach_device(a, f.dev);
	iommu_domain_free(a);

	b = iommu_paging_domain_alloc(f.dev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	KUNIT_EXPECT_EQ(test, container_of(b, struct arm_smmu_domain, domain)->asid,
			asid);
	KUNIT_ASSERT_EQ(test, iommu_map(b, iova, virt_to_phys(pb), SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(b, f.dev), 0);
	expect_reads(test, &f, iova, pb, 64);
	iommu_detach_device(b, f.dev);
	iommu_domain_free(b);
	smmu_model_expect_clean(test, f.m);
}

/* Blocked aborts silently; the default domain afterwards translates again */
static void blocked_domain_aborts_silently(struct kunit *test)
{
	struct iommu_group *group;
	struct dma_fixture f;
	struct smmu_model_dma_result r;
	void *buf = test_page(test, 0x77);
	u8 b;

	dma_fixture_init(test, &f, &smmu_model_full, T_SID);
	group = f.dev->iommu_group;

	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(group, test), 0);
	/* Owned, unattached: the blocking domain */
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     virt_to_phys(buf), &b, 1, 0, &r),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, r.event, 0);	/* abort STE: no event */
	iommu_group_release_dma_owner(group);

	/* Back on the default DMA domain: an IOVA that is not mapped faults */
	expect_fault(test, &f, virt_to_phys(buf), SMMU_MODEL_EVT_F_TRANSLATION);
	smmu_model_expect_clean(test, f.m);
}

/*
 * A device with direct mappings (the core sets require_direct for RMRs and
 * reserved memory) keeps doing that DMA once released: its STE bypasses.
 */
static void release_leaves_direct_mapped_device_bypassing(struct kunit *test)
{
	struct dma_fixture f;

	dma_fixture_init(test, &f, &smmu_model_full, T_SID);
	KUNIT_EXPECT_EQ(test, smmu_model_ste_config(f.m, T_SID), 0x5);
	f.dev->iommu->require_direct = 1;
	smmu_model_remove_master(f.mm);
	KUNIT_EXPECT_EQ(test, smmu_model_ste_config(f.m, T_SID), 0x4);
	smmu_model_expect_clean(test, f.m);
}

/* Without direct mappings a released device's STE aborts */
static void release_blocks_device(struct kunit *test)
{
	struct dma_fixture f;

	dma_fixture_init(test, &f, &smmu_model_full, T_SID);
	smmu_model_remove_master(f.mm);
	KUNIT_EXPECT_EQ(test, smmu_model_ste_config(f.m, T_SID), 0x0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * The 6.12 core's iommu_domain_alloc(bus) asks for a paging domain without
 * a device: it gets its SMMU at its first attach, and maps only then.
 */
static void paging_domain_allocated_without_device(struct kunit *test)
{
	const u64 iova = SZ_1G;
	struct iommu_domain *dom;
	struct dma_fixture f;
	void *buf = test_page(test, 0x61);

	dma_fixture_init(test, &f, &smmu_model_full, T_SID);
	dom = iommu_domain_alloc(&platform_bus_type);
	KUNIT_ASSERT_NOT_NULL(test, dom);
	KUNIT_EXPECT_EQ(test, iommu_map(dom, iova, virt_to_phys(buf), SZ_4K,
					IOMMU_READ, GFP_KERNEL), -ENODEV);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(dom, f.dev), 0);
	KUNIT_EXPECT_EQ(test, iommu_map(dom, iova, virt_to_phys(buf), SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);
	expect_reads(test, &f, iova, buf, 64);
	iommu_detach_device(dom, f.dev);
	iommu_domain_free(dom);
	smmu_model_expect_clean(test, f.m);
}

/*
 * A PCI function with 20-bit PASIDs (and ATS and PRI, which the PCI core
 * finds): the driver gives it a CD table for 2^20 SubstreamIDs, two-level
 * with 4KB leaves (IHI0070 5.4.1), traffic without a PASID through CD 0 of
 * the first leaf, and DMA through the DMA API translates.
 */
static void pci_function_with_pasids_gets_two_level_cds(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true, .pasid_bits = 20,
					   .pri = true };
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);
	struct smmu_model_master *mm;
	struct smmu_model_ste ste;
	void *buf = test_page(test, 0x70);
	struct pci_dev *pdev;
	dma_addr_t iova;
	u8 got[32];

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	mm = smmu_model_add_pci_master(m, &pcfg);
	pdev = smmu_model_master_pci(mm);
	KUNIT_ASSERT_NOT_NULL(test, pdev->dev.iommu_group);
	KUNIT_EXPECT_TRUE(test, pci_ats_supported(pdev));
	KUNIT_EXPECT_EQ(test, pci_max_pasids(pdev), 1 << 20);
	KUNIT_EXPECT_TRUE(test, pci_pri_supported(pdev));

	KUNIT_ASSERT_EQ(test, smmu_model_read_ste(m, pci_dev_id(pdev), &ste), 0);
	KUNIT_EXPECT_EQ(test, ste.config, 0x5);
	KUNIT_EXPECT_EQ(test, ste.s1cdmax, 20);
	KUNIT_EXPECT_EQ(test, ste.s1fmt, 0x1);	/* two-level, 4KB leaves */
	KUNIT_EXPECT_EQ(test, ste.s1dss, 0x2);	/* no PASID: CD 0 */

	iova = dma_map_single(&pdev->dev, buf, 64, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(&pdev->dev, iova));
	KUNIT_EXPECT_EQ(test, smmu_model_dma(mm, 0, SMMU_MODEL_NO_SSID, iova,
					     got, sizeof(got), 0, NULL), 0);
	KUNIT_EXPECT_MEMEQ(test, got, buf, sizeof(got));
	dma_unmap_single(&pdev->dev, iova, 64, DMA_TO_DEVICE);
	smmu_model_expect_clean(test, m);
}

/* Without PASIDs one CD: S1CDMax 0, no table format to choose */
static void pci_function_without_pasids_gets_one_cd(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);
	struct smmu_model_master *mm;
	struct smmu_model_ste ste;
	struct pci_dev *pdev;

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	mm = smmu_model_add_pci_master(m, &pcfg);
	pdev = smmu_model_master_pci(mm);
	KUNIT_ASSERT_EQ(test, smmu_model_read_ste(m, pci_dev_id(pdev), &ste), 0);
	KUNIT_EXPECT_EQ(test, ste.config, 0x5);
	KUNIT_EXPECT_EQ(test, ste.s1cdmax, 0);
	smmu_model_expect_clean(test, m);
}

/* The driver's iommu_ops, as the core finds them for a probed device */
static const struct iommu_ops *master_ops(struct device *dev)
{
	return dev->iommu->iommu_dev->ops;
}

/*
 * What read_and_clear_dirty() found in [iova, iova + len): *@g spans it,
 * or is empty (start > end).
 */
static void read_dirty(struct kunit *test, struct iommu_domain *dom, u64 iova,
		       size_t len, struct iommu_iotlb_gather *g)
{
	struct iommu_iotlb_gather gather;
	struct iommu_dirty_bitmap dirty;
	const struct iommu_dirty_ops *ops = dom->dirty_ops;
	int ret;

	iommu_iotlb_gather_init(&gather);
	iommu_dirty_bitmap_init(&dirty, NULL, &gather);
	ret = ops->read_and_clear_dirty(dom, iova, len, 0, &dirty);
	KUNIT_ASSERT_EQ(test, ret, 0);
	*g = gather;
	/* As iommufd does: the cleared entries leave the TLB (and gather) */
	iommu_iotlb_sync(dom, &gather);
}

/*
 * iommufd's dirty tracking (IOMMU_HWPT_ALLOC_DIRTY_TRACKING): the SMMU
 * marks written pages dirty in the page table (HTTU with DBM, IHI0070
 * 3.13); reading clears them; a write after the clear is recorded again,
 * which needs the clear to have left the TLB too.
 */
static void dirty_tracking_records_every_write(struct kunit *test)
{
	const u64 iova = SZ_1G;
	const struct iommu_ops *ops;
	struct iommu_iotlb_gather g;
	struct iommu_domain *dom;
	struct dma_fixture f;
	struct page *pages;
	u8 b = 0x5a;

	dma_fixture_init(test, &f, &smmu_model_full, T_SID);
	KUNIT_ASSERT_TRUE(test, device_iommu_capable(f.dev,
						     IOMMU_CAP_DIRTY_TRACKING));
	ops = master_ops(f.dev);
	dom = ops->domain_alloc_user(f.dev, IOMMU_HWPT_ALLOC_DIRTY_TRACKING,
				     NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(dom));
	dom->owner = ops;		/* as iommufd does */
	KUNIT_ASSERT_NOT_NULL(test, dom->dirty_ops);
	pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(dom, f.dev), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(dom, iova, page_to_phys(pages), SZ_16K,
					IOMMU_READ | IOMMU_WRITE, GFP_KERNEL), 0);

	/* io-pgtable maps writable pages writable-dirty: clean them first */
	read_dirty(test, dom, iova, SZ_16K, &g);
	read_dirty(test, dom, iova, SZ_16K, &g);
	KUNIT_EXPECT_GT(test, g.start, g.end);		/* nothing written */
	/* A read marks nothing; a write to page 2 marks page 2 */
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     iova + 2 * SZ_4K, &b, 1, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     iova + 2 * SZ_4K + 8, &b, 1,
					     SMMU_MODEL_DMA_WRITE, NULL), 0);
	read_dirty(test, dom, iova, SZ_16K, &g);
	KUNIT_EXPECT_EQ(test, g.start, iova + 2 * SZ_4K);
	KUNIT_EXPECT_EQ(test, g.end, iova + 3 * SZ_4K - 1);
	read_dirty(test, dom, iova, SZ_16K, &g);
	KUNIT_EXPECT_GT(test, g.start, g.end);		/* cleared */
	/* Written again after the clear: dirty again */
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     iova + 2 * SZ_4K, &b, 1,
					     SMMU_MODEL_DMA_WRITE, NULL), 0);
	read_dirty(test, dom, iova, SZ_16K, &g);
	KUNIT_EXPECT_EQ(test, g.start, iova + 2 * SZ_4K);

	iommu_detach_device(dom, f.dev);
	iommu_domain_free(dom);
	__free_pages(pages, 2);
	smmu_model_expect_clean(test, f.m);
}

/*
 * No dirty tracking where the SMMU (or firmware, overriding IDR0.HTTU as
 * IORT can) offers only access flag updates.
 */
static void dirty_tracking_needs_hardware_dirty_state(struct kunit *test)
{
	struct smmu_model_preset p[3] = {
		smmu_model_full, smmu_model_full, smmu_model_full
	};
	unsigned long flags = IOMMU_HWPT_ALLOC_DIRTY_TRACKING;
	unsigned int i;

	/* Access flag only; IORT says access flag only; IORT reserved */
	p[0].idr[0] = (p[0].idr[0] & ~GENMASK(7, 6)) | (1 << 6);
	p[1].fw_httu_override = true;
	p[1].fw_httu = 1;
	p[2].fw_httu_override = true;
	p[2].fw_httu = 3;
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		struct dma_fixture f;
		struct iommu_domain *dom;

		dma_fixture_init(test, &f, &p[i], T_SID);
		KUNIT_EXPECT_FALSE(test,
				   device_iommu_capable(f.dev,
							IOMMU_CAP_DIRTY_TRACKING));
		dom = master_ops(f.dev)->domain_alloc_user(f.dev, flags,
							   NULL, NULL);
		KUNIT_EXPECT_EQ(test, PTR_ERR(dom), -EOPNOTSUPP);
		smmu_model_expect_clean(test, f.m);
	}
}

static struct kunit_case arm_smmu_v3_model_dma_cases[] = {
	KUNIT_CASE(dirty_tracking_records_every_write),
	KUNIT_CASE(dirty_tracking_needs_hardware_dirty_state),
	KUNIT_CASE(pci_function_with_pasids_gets_two_level_cds),
	KUNIT_CASE(pci_function_without_pasids_gets_one_cd),
	KUNIT_CASE(release_leaves_direct_mapped_device_bypassing),
	KUNIT_CASE(release_blocks_device),
	KUNIT_CASE(paging_domain_allocated_without_device),
	KUNIT_CASE(dma_api_mapping_translates),
	KUNIT_CASE(dma_after_unmap_faults),
	KUNIT_CASE(unmap_with_range_invalidation),
	KUNIT_CASE(unmap_without_range_invalidation),
	KUNIT_CASE(unmap_on_stage2_only_smmu),
	KUNIT_CASE(attach_replaces_stage1_translation),
	KUNIT_CASE(attach_replaces_stage2_translation),
	KUNIT_CASE(freed_asid_reused_without_stale_tlb),
	KUNIT_CASE(blocked_domain_aborts_silently),
	{}
};

static struct kunit_suite arm_smmu_v3_model_dma_suite = {
	.name = "arm_smmu_v3_model_dma",
	.test_cases = arm_smmu_v3_model_dma_cases,
};

/* ------------------------------------------------------------------------
 * Events and stalls
 */

/*
 * With its interrupt held off, a flood of faults overflows the event
 * queue; the driver then reports the overflow and acknowledges it.
 */
static void event_queue_overflow_acknowledged(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct dma_fixture f;
	unsigned int irq, i;
	u32 prod;

	p.idr[1] = (p.idr[1] & ~GENMASK(20, 16)) | (3 << 16);	/* 8 events */
	dma_fixture_init(test, &f, &p, T_SID);
	irq = smmu_model_line_irq(f.m, SMMU_MODEL_LINE_EVTQ);
	KUNIT_ASSERT_NE(test, irq, 0);

	disable_irq(irq);
	for (i = 0; i < 12; i++)
		expect_fault(test, &f, SZ_1G + i * SZ_4K,
			     SMMU_MODEL_EVT_F_TRANSLATION);
	prod = smmu_model_read_reg(f.m, T_EVTQ_PROD);
	KUNIT_EXPECT_TRUE(test, prod & T_Q_OVF);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_events(f.m, SMMU_MODEL_EVT_F_TRANSLATION), 8);
	enable_irq(irq);
	/* A new event wakes the handler, which drains and acknowledges */
	expect_fault(test, &f, SZ_2G, SMMU_MODEL_EVT_F_TRANSLATION);
	KUNIT_EXPECT_TRUE(test, wait_for(smmu_model_read_reg(f.m, T_EVTQ_CONS) ==
					 smmu_model_read_reg(f.m, T_EVTQ_PROD)));
	smmu_model_expect_clean(test, f.m);
}

/* The driver's event counters, written by its event IRQ thread */
static unsigned long evtq_overflows(struct arm_smmu_device *smmu)
{
	return READ_ONCE(smmu->evtq.nr_overflows);
}

static unsigned long evtq_events(struct arm_smmu_device *smmu)
{
	return READ_ONCE(smmu->evtq.nr_events);
}

/*
 * A device faulting in a loop while the handler cannot keep up: one
 * overflow episode after another (IHI0070 7.4). The SMMU signals a new
 * episode only once the last one is acknowledged, so the driver must
 * acknowledge each with its first CONS update; then it sees every
 * episode, and it stays in step with the queue through its wraps: every
 * record the SMMU wrote is consumed once, and the queue ends empty.
 */
static void event_storm_every_overflow_seen(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	const unsigned int episodes = 5, depth = 8, flood = 13;
	struct arm_smmu_device *smmu;
	struct dma_fixture f;
	unsigned int irq, ep, i;
	unsigned long recorded;
	u64 iova = SZ_1G;

	p.idr[1] = (p.idr[1] & ~GENMASK(20, 16)) | (ilog2(depth) << 16);
	dma_fixture_init(test, &f, &p, T_SID);
	smmu = model_smmu(f.m);
	irq = smmu_model_line_irq(f.m, SMMU_MODEL_LINE_EVTQ);
	KUNIT_ASSERT_NE(test, irq, 0);

	for (ep = 1; ep <= episodes; ep++) {
		disable_irq(irq);
		for (i = 0; i < flood; i++, iova += SZ_4K)
			expect_fault(test, &f, iova, SMMU_MODEL_EVT_F_TRANSLATION);
		KUNIT_EXPECT_TRUE_MSG(test, (smmu_model_read_reg(f.m, T_EVTQ_PROD) ^
					     smmu_model_read_reg(f.m, T_EVTQ_CONS)) & T_Q_OVF,
				      "episode %u: no overflow signalled", ep);
		enable_irq(irq);
		/* The next fault wakes the handler */
		expect_fault(test, &f, iova, SMMU_MODEL_EVT_F_TRANSLATION);
		iova += SZ_4K;
		KUNIT_EXPECT_TRUE_MSG(test,
				      wait_for(evtq_overflows(smmu) == ep &&
					       smmu_model_read_reg(f.m, T_EVTQ_CONS) ==
					       smmu_model_read_reg(f.m, T_EVTQ_PROD)),
				      "episode %u: %lu overflows seen, CONS 0x%x PROD 0x%x",
				      ep, evtq_overflows(smmu),
				      smmu_model_read_reg(f.m, T_EVTQ_CONS),
				      smmu_model_read_reg(f.m, T_EVTQ_PROD));
	}
	/*
	 * Each episode kept @depth records; the waking fault got in or was
	 * lost, depending on whether the handler ran first.
	 */
	recorded = smmu_model_nr_events(f.m, SMMU_MODEL_EVT_F_TRANSLATION);
	KUNIT_EXPECT_GE(test, recorded, episodes * depth);
	KUNIT_EXPECT_LE(test, recorded, episodes * (depth + 1));
	KUNIT_EXPECT_EQ(test, evtq_events(smmu), recorded);
	KUNIT_EXPECT_EQ(test, evtq_overflows(smmu), episodes);

	/* After the storm a single fault is a single record, consumed */
	expect_fault(test, &f, SZ_2G, SMMU_MODEL_EVT_F_TRANSLATION);
	KUNIT_EXPECT_TRUE(test, wait_for(evtq_events(smmu) ==
					 recorded + 1));
	KUNIT_EXPECT_EQ(test, evtq_overflows(smmu), episodes);
	smmu_model_expect_clean(test, f.m);
}

/*
 * Stalls forced (STALL_MODEL = 2) and nobody to handle page faults: the
 * driver must terminate the stalled transaction with CMD_RESUME, never
 * retry it (IHI0070 4.7.1: Action 0 = Terminate).
 */
static void forced_stall_is_terminated(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct smmu_model_dma_result r;
	struct dma_fixture f;
	u8 b;

	p.idr[0] = (p.idr[0] & ~GENMASK(25, 24)) | (2 << 24);
	dma_fixture_init(test, &f, &p, T_SID);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID, SZ_1G,
					     &b, 1, 0, &r), -EFAULT);
	KUNIT_EXPECT_EQ(test, r.event, SMMU_MODEL_EVT_F_TRANSLATION);
	KUNIT_EXPECT_TRUE(test, r.stalled);
	KUNIT_EXPECT_EQ(test, r.resumed_retry, 0);
	KUNIT_EXPECT_TRUE(test, r.resumed_abort);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_cmds(f.m, SMMU_MODEL_OP_RESUME), 1);
	smmu_model_expect_clean(test, f.m);
}

/* A master whose firmware lists one StreamID twice probes with one STE */
static void master_with_duplicate_streamids(struct kunit *test)
{
	const u32 sids[] = { T_SID, T_SID + 1, T_SID };
	struct smmu_model_master_cfg cfg = { .sids = sids, .nr_sids = 3 };
	struct smmu_model_master *mm;
	struct smmu_model *m;
	void *buf = test_page(test, 5);
	dma_addr_t iova;
	u8 got[16];

	m = smmu_model_create(test, &smmu_model_full);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	mm = smmu_model_add_master(m, &cfg);
	KUNIT_ASSERT_NOT_NULL(test, smmu_model_master_dev(mm)->iommu_group);
	iova = dma_map_single(smmu_model_master_dev(mm), buf, 64, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(smmu_model_master_dev(mm), iova));
	KUNIT_EXPECT_EQ(test, smmu_model_dma(mm, 2, SMMU_MODEL_NO_SSID, iova,
					     got, sizeof(got), 0, NULL), 0);
	KUNIT_EXPECT_MEMEQ(test, got, buf, sizeof(got));
	KUNIT_EXPECT_EQ(test, smmu_model_dma(mm, 1, SMMU_MODEL_NO_SSID, iova,
					     got, sizeof(got), 0, NULL), 0);
	dma_unmap_single(smmu_model_master_dev(mm), iova, 64, DMA_TO_DEVICE);
	smmu_model_expect_clean(test, m);
}

static struct kunit_case arm_smmu_v3_model_event_cases[] = {
	KUNIT_CASE(event_queue_overflow_acknowledged),
	KUNIT_CASE(event_storm_every_overflow_seen),
	KUNIT_CASE(forced_stall_is_terminated),
	KUNIT_CASE(master_with_duplicate_streamids),
	{}
};

static struct kunit_suite arm_smmu_v3_model_event_suite = {
	.name = "arm_smmu_v3_model_events",
	.test_cases = arm_smmu_v3_model_event_cases,
};

/* ------------------------------------------------------------------------
 * ATS (IHI0070 3.9.1). Behind a root complex firmware does not describe as
 * forwarding ATS (smmu_model_pci_cfg.rc_ats clear) the driver leaves ATS
 * disabled in the function and STE.EATS at 0b00, and sets CR0.ATSCHK: what
 * a function that goes ahead anyway gets is tested against the driver; the
 * ATC itself against the model, with an STE the test reads with EATS 0b01
 * (smmu_model_override_eats()) and ATS enabled in the function by the test.
 * The driver's own ATS is tested in arm-smmu-v3-test-ats.c.
 */

#define T_CR0			0x20
#define T_CMD_ATC_INV		0x40

/*
 * A command the driver sends only to ATS masters, from IHI0070 4.5.1 as the model
 * reads it: SSV [11], SubstreamID [31:12], StreamID [63:32], Size [69:64],
 * Address[63:12] at [127:76]. SMMU_MODEL_NO_SSID for SSV == 0.
 */
static void t_cmd_atc_inv(struct arm_smmu_cmd *cmd, u32 sid, u32 ssid,
			  u64 addr, u8 size)
{
	u64 w0 = T_CMD_ATC_INV | ((u64)sid << 32);

	if (ssid != SMMU_MODEL_NO_SSID)
		w0 |= BIT(11) | ((u64)ssid << 12);
	cmd->data[0] = cpu_to_le64(w0);
	cmd->data[1] = cpu_to_le64((addr & ~0xfffULL) | size);
}

struct ats_fixture {
	struct smmu_model		*m;
	struct smmu_model_master	*mm;
	struct pci_dev			*pdev;
	struct iommu_domain		*dom;	/* ats_map()'s, if any */
	u32				sid;
};

static void ats_fixture_init(struct kunit *test, struct ats_fixture *f,
			     const struct smmu_model_preset *p,
			     const struct smmu_model_pci_cfg *pcfg)
{
	memset(f, 0, sizeof(*f));
	f->m = smmu_model_create(test, p);
	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(f->m), 0);
	f->mm = smmu_model_add_pci_master(f->m, pcfg);
	f->pdev = smmu_model_master_pci(f->mm);
	f->sid = pci_dev_id(f->pdev);
	KUNIT_ASSERT_NOT_NULL(test, f->pdev->dev.iommu_group);
}

static void fn_disable_ats(void *data)
{
	struct pci_dev *pdev = data;

	if (pdev->ats_enabled)
		pci_disable_ats(pdev);
}

/*
 * Enable ATS in the function as the driver does not here, with an STU of
 * 2^@stu_shift; it goes off again when the test ends, before the SMMU is
 * disabled (IHI0070 3.9.1).
 */
static void fn_enable_ats(struct kunit *test, struct ats_fixture *f,
			  int stu_shift)
{
	KUNIT_ASSERT_EQ(test, pci_enable_ats(f->pdev, stu_shift), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fn_disable_ats,
							f->pdev), 0);
}

/* The function's ATS enabled, and its STE read with Full ATS */
static void ats_enable_full(struct kunit *test, struct ats_fixture *f)
{
	fn_enable_ats(test, f, PAGE_SHIFT);
	smmu_model_override_eats(f->m, f->sid, 1);
}

struct ats_attached {
	struct iommu_domain	*dom;
	struct device		*dev;
};

static void ats_domain_release(void *data)
{
	struct ats_attached *a = data;

	iommu_detach_device(a->dom, a->dev);
	iommu_domain_free(a->dom);
}

/* Map @len bytes at @iova to @buf in an unmanaged domain of the function */
static void ats_map(struct kunit *test, struct ats_fixture *f, u64 iova,
		    void *buf, size_t len, int prot)
{
	struct ats_attached *a;

	if (!f->dom) {
		a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, a);
		a->dev = &f->pdev->dev;
		a->dom = iommu_paging_domain_alloc(a->dev);
		KUNIT_ASSERT_FALSE(test, IS_ERR(a->dom));
		if (iommu_attach_device(a->dom, a->dev)) {
			iommu_domain_free(a->dom);
			KUNIT_FAIL_AND_ABORT(test, "cannot attach a domain");
		}
		KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, ats_domain_release,
								a), 0);
		f->dom = a->dom;
	}
	KUNIT_ASSERT_EQ(test, iommu_map(f->dom, iova, virt_to_phys(buf), len,
					prot, GFP_KERNEL), 0);
}

/* A Translation Request without a PASID, its completion not looked at */
static int ats_translate(struct ats_fixture *f, u64 iova, unsigned int flags)
{
	return smmu_model_ats_translate(f->mm, SMMU_MODEL_NO_SSID, iova, flags,
					NULL);
}

static void ats_counts(struct ats_fixture *f, struct smmu_model_atc_counts *c)
{
	smmu_model_atc_counts(f->mm, SMMU_MODEL_NO_SSID, c);
}

/* The driver's event thread has read what the model wrote */
static void expect_events_drained(struct kunit *test, struct smmu_model *m)
{
	KUNIT_EXPECT_TRUE(test, wait_for(smmu_model_read_reg(m, T_EVTQ_CONS) ==
					 smmu_model_read_reg(m, T_EVTQ_PROD)));
}

#define T_ATS_IOVA		SZ_1G

/* A function whose ATS software left disabled sends no Translation Request */
static void tr_needs_ats_enabled_in_function(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	struct smmu_model_ats_result r;
	struct ats_fixture f;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	KUNIT_EXPECT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA, 0, &r),
			-EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, r.status, SMMU_MODEL_TC_NONE);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_events(f.m, SMMU_MODEL_EVT_F_BAD_ATS_TREQ), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IHI0070 3.9.1.2, 5.2 EATS: the driver's STE has EATS 0b00, so a
 * Translation Request is answered Unsupported Request and F_BAD_ATS_TREQ
 * is recorded; the function caches nothing.
 */
static void tr_with_eats_0_is_ur_and_recorded(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	struct smmu_model_ats_result r;
	struct smmu_model_atc_counts c;
	struct ats_fixture f;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	fn_enable_ats(test, &f, PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA,
						       SMMU_MODEL_DMA_WRITE, &r),
			-EIO);
	KUNIT_EXPECT_EQ(test, r.status, SMMU_MODEL_TC_UR);
	KUNIT_EXPECT_EQ(test, r.event, SMMU_MODEL_EVT_F_BAD_ATS_TREQ);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_events(f.m, SMMU_MODEL_EVT_F_BAD_ATS_TREQ), 1);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						      T_ATS_IOVA));
	ats_counts(&f, &c);
	KUNIT_EXPECT_EQ(test, c.trs, 1);
	expect_events_drained(test, f.m);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IHI0070 3.9.1.3: with ATSCHK (the driver sets it with IDR0.ATS) and
 * EATS 0b00, a transaction marked Translated, as a device that ignores the
 * ATS protocol may send, is aborted and F_TRANSL_FORBIDDEN recorded.
 */
static void translated_dma_with_atschk_and_eats_0_is_forbidden(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	struct smmu_model_dma_result r;
	void *buf = test_page(test, 0x31);
	struct ats_fixture f;
	u8 in[16];

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	KUNIT_ASSERT_TRUE(test, smmu_model_read_reg(f.m, T_CR0ACK) & T_CR0_ATSCHK);
	memset(in, 0xee, sizeof(in));
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     virt_to_phys(buf), in, sizeof(in),
					     SMMU_MODEL_DMA_TRANSLATED |
					     SMMU_MODEL_DMA_NO_ATC |
					     SMMU_MODEL_DMA_WRITE, &r), -EFAULT);
	KUNIT_EXPECT_EQ(test, r.event, SMMU_MODEL_EVT_F_TRANSL_FORBIDDEN);
	KUNIT_EXPECT_TRUE(test, r.recorded);
	KUNIT_EXPECT_EQ(test, ((u8 *)buf)[0], 0x31);	/* memory untouched */
	expect_events_drained(test, f.m);
	smmu_model_expect_clean(test, f.m);
}

/*
 * A function that does follow ATS asks first: its Translation Request is
 * refused (UR), so it sends nothing.
 */
static void translated_dma_needs_successful_tr(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	struct smmu_model_dma_result r;
	struct smmu_model_atc_counts c;
	struct ats_fixture f;
	u8 b;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	fn_enable_ats(test, &f, PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     T_ATS_IOVA, &b, 1,
					     SMMU_MODEL_DMA_TRANSLATED, &r),
			-EACCES);
	KUNIT_EXPECT_EQ(test, r.tr_status, SMMU_MODEL_TC_UR);
	KUNIT_EXPECT_FALSE(test, r.atc_hit);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_events(f.m, SMMU_MODEL_EVT_F_TRANSL_FORBIDDEN), 0);
	ats_counts(&f, &c);
	KUNIT_EXPECT_EQ(test, c.misses, 1);
	KUNIT_EXPECT_EQ(test, c.trs, 1);
	smmu_model_expect_clean(test, f.m);
}

/* IHI0070 3.9.1.2, 3.9.1.3: an abort STE (Config 0b000) refuses silently */
static void tr_and_translated_dma_with_abort_ste_are_silent(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x41);
	struct smmu_model_ats_result tr;
	struct smmu_model_dma_result r;
	struct iommu_group *group;
	struct ats_fixture f;
	u8 b;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	fn_enable_ats(test, &f, PAGE_SHIFT);
	group = f.pdev->dev.iommu_group;
	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(group, test), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_ste_config(f.m, f.sid), 0x0);
	KUNIT_EXPECT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA, 0, &tr), -EIO);
	KUNIT_EXPECT_EQ(test, tr.status, SMMU_MODEL_TC_UR);
	KUNIT_EXPECT_EQ(test, tr.event, 0);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     virt_to_phys(buf), &b, 1,
					     SMMU_MODEL_DMA_TRANSLATED |
					     SMMU_MODEL_DMA_NO_ATC, &r), -EFAULT);
	KUNIT_EXPECT_EQ(test, r.event, 0);
	iommu_group_release_dma_owner(group);
	smmu_model_expect_clean(test, f.m);
}

static struct kunit_case arm_smmu_v3_model_ats_cases[] = {
	KUNIT_CASE(tr_needs_ats_enabled_in_function),
	KUNIT_CASE(tr_with_eats_0_is_ur_and_recorded),
	KUNIT_CASE(translated_dma_with_atschk_and_eats_0_is_forbidden),
	KUNIT_CASE(translated_dma_needs_successful_tr),
	KUNIT_CASE(tr_and_translated_dma_with_abort_ste_are_silent),
	{}
};

static struct kunit_suite arm_smmu_v3_model_ats_suite = {
	.name = "arm_smmu_v3_model_ats",
	.test_cases = arm_smmu_v3_model_ats_cases,
};

/*
 * The ATC, against the model: Full ATS on the function's STE. A
 * translation the ATC holds is used without the SMMU translating again;
 * CMD_ATC_INV removes it at the CMD_SYNC after it (IHI0070 4.5.1, 4.7.3).
 */

/* A Translation Request fills the ATC; Translated DMA then hits it */
static void atc_fills_from_tr_and_serves_translated_dma(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x51);
	struct smmu_model_ats_result tr;
	struct smmu_model_dma_result r;
	struct smmu_model_atc_counts c;
	struct ats_fixture f;
	u8 got[64];

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ats_map(test, &f, T_ATS_IOVA, buf, SZ_4K, IOMMU_READ | IOMMU_WRITE);
	KUNIT_ASSERT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA + 0x80,
						       SMMU_MODEL_DMA_WRITE, &tr),
			0);
	KUNIT_EXPECT_EQ(test, tr.status, SMMU_MODEL_TC_SUCCESS);
	KUNIT_EXPECT_EQ(test, tr.perms, SMMU_MODEL_ATS_R | SMMU_MODEL_ATS_W);
	KUNIT_EXPECT_EQ(test, tr.addr, virt_to_phys(buf));
	KUNIT_EXPECT_EQ(test, tr.size_shift, 12);
	KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						     T_ATS_IOVA));

	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     T_ATS_IOVA + 0x100, got,
					     sizeof(got),
					     SMMU_MODEL_DMA_TRANSLATED, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.atc_hit);
	KUNIT_EXPECT_EQ(test, r.tr_status, SMMU_MODEL_TC_NONE);
	KUNIT_EXPECT_EQ(test, r.addr, virt_to_phys(buf) + 0x100);
	KUNIT_EXPECT_MEMEQ(test, got, buf + 0x100, sizeof(got));
	ats_counts(&f, &c);
	KUNIT_EXPECT_EQ(test, c.trs, 1);
	KUNIT_EXPECT_EQ(test, c.hits, 1);
	KUNIT_EXPECT_EQ(test, c.misses, 0);
	smmu_model_expect_clean(test, f.m);
}

/* A miss makes the function ask; the next access hits */
static void atc_miss_makes_tr_first(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x52);
	struct smmu_model_dma_result r;
	struct smmu_model_atc_counts c;
	struct ats_fixture f;
	u8 in[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, got[8];

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ats_map(test, &f, T_ATS_IOVA, buf, SZ_4K, IOMMU_READ | IOMMU_WRITE);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     T_ATS_IOVA + 8, in, sizeof(in),
					     SMMU_MODEL_DMA_TRANSLATED |
					     SMMU_MODEL_DMA_WRITE, &r), 0);
	KUNIT_EXPECT_FALSE(test, r.atc_hit);
	KUNIT_EXPECT_EQ(test, r.tr_status, SMMU_MODEL_TC_SUCCESS);
	KUNIT_EXPECT_MEMEQ(test, buf + 8, in, sizeof(in));
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     T_ATS_IOVA + 8, got, sizeof(got),
					     SMMU_MODEL_DMA_TRANSLATED, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.atc_hit);
	KUNIT_EXPECT_MEMEQ(test, got, in, sizeof(in));
	ats_counts(&f, &c);
	KUNIT_EXPECT_EQ(test, c.misses, 1);
	KUNIT_EXPECT_EQ(test, c.trs, 1);
	KUNIT_EXPECT_EQ(test, c.hits, 1);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IHI0070 3.9.1.2: a Translation Request that meets a translation fault
 * is a Successful Completion granting nothing, one STU long, and the SMMU
 * records no event for it.
 */
static void tr_translation_fault_grants_nothing_and_records_nothing(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	struct smmu_model_ats_result tr;
	struct ats_fixture f;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	KUNIT_EXPECT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA,
						       SMMU_MODEL_DMA_WRITE, &tr),
			0);
	KUNIT_EXPECT_EQ(test, tr.status, SMMU_MODEL_TC_SUCCESS);
	KUNIT_EXPECT_EQ(test, tr.perms, 0);
	KUNIT_EXPECT_EQ(test, tr.size_shift, PAGE_SHIFT);	/* the STU */
	KUNIT_EXPECT_EQ(test, tr.event, 0);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_events(f.m, SMMU_MODEL_EVT_F_TRANSLATION), 0);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						      T_ATS_IOVA));
	smmu_model_expect_clean(test, f.m);
}

/* IHI0070 13.7: a read-only page grants R to a request that means to write */
static void tr_for_read_only_page_grants_read_only(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x53);
	struct smmu_model_ats_result tr;
	struct smmu_model_dma_result r;
	struct ats_fixture f;
	u8 b = 0;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ats_map(test, &f, T_ATS_IOVA, buf, SZ_4K, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA,
						       SMMU_MODEL_DMA_WRITE, &tr),
			0);
	KUNIT_EXPECT_EQ(test, tr.perms, SMMU_MODEL_ATS_R);
	/* The function does not write what it was not granted */
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     T_ATS_IOVA, &b, 1,
					     SMMU_MODEL_DMA_TRANSLATED |
					     SMMU_MODEL_DMA_WRITE, &r), -EACCES);
	KUNIT_EXPECT_EQ(test, ((u8 *)buf)[0], 0x53);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     T_ATS_IOVA, &b, 1,
					     SMMU_MODEL_DMA_TRANSLATED, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.atc_hit);
	KUNIT_EXPECT_EQ(test, b, 0x53);
	smmu_model_expect_clean(test, f.m);
}

/* Issue @cmd without a CMD_SYNC and wait until the model consumed it */
static void issue_unsynced(struct kunit *test, struct smmu_model *m,
			   struct arm_smmu_cmd *cmd, u8 op)
{
	unsigned long before = smmu_model_nr_cmds(m, op);

	KUNIT_ASSERT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), cmd, 1, false),
			0);
	KUNIT_ASSERT_TRUE(test, wait_for(smmu_model_nr_cmds(m, op) > before));
}

static void issue_sync(struct kunit *test, struct smmu_model *m)
{
	KUNIT_ASSERT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), NULL, 0, true),
			0);
}

/* IHI0070 4.5.1: consumed, CMD_ATC_INV is complete only at the next CMD_SYNC */
static void atc_inv_takes_effect_at_cmd_sync(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x54);
	struct smmu_model_atc_counts c;
	struct ats_fixture f;
	struct arm_smmu_cmd cmd;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ats_map(test, &f, T_ATS_IOVA, buf, SZ_4K, IOMMU_READ);
	KUNIT_ASSERT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA, 0, NULL), 0);
	arm_smmu_cmd_atc_inv_all(&cmd, f.sid, 0, false);
	issue_unsynced(test, f.m, &cmd, SMMU_MODEL_OP_ATC_INV);
	KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						     T_ATS_IOVA));
	issue_sync(test, f.m);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						      T_ATS_IOVA));
	ats_counts(&f, &c);
	KUNIT_EXPECT_EQ(test, c.invs, 1);
	smmu_model_expect_clean(test, f.m);
}

/* IHI0070 4.5.1: 2^Size pages from Address aligned to their size, no more */
static void atc_inv_drops_only_its_span(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = kunit_kzalloc(test, SZ_16K, GFP_KERNEL);
	const u64 iova = T_ATS_IOVA;
	struct ats_fixture f;
	struct arm_smmu_cmd cmd;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ats_map(test, &f, iova, buf, SZ_16K, IOMMU_READ);
	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_EQ(test, ats_translate(&f, iova + i * SZ_4K, 0), 0);
	/* Size 0: the page at Address */
	t_cmd_atc_inv(&cmd, f.sid, SMMU_MODEL_NO_SSID, iova + SZ_4K, 0);
	KUNIT_ASSERT_EQ(test, arm_smmu_cmdq_issue(model_smmu(f.m), &cmd, 1,
						  true), 0);
	KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID, iova));
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						      iova + SZ_4K));
	KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						     iova + 2 * SZ_4K));
	/* Size 1 from the fourth page: the third and the fourth */
	t_cmd_atc_inv(&cmd, f.sid, SMMU_MODEL_NO_SSID, iova + 3 * SZ_4K,
		      1);
	KUNIT_ASSERT_EQ(test, arm_smmu_cmdq_issue(model_smmu(f.m), &cmd, 1,
						  true), 0);
	KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID, iova));
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						      iova + 2 * SZ_4K));
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						      iova + 3 * SZ_4K));
	smmu_model_expect_clean(test, f.m);
}

/*
 * The ATC keeps a translation the SMMU no longer has: after an unmap (the
 * driver invalidates its TLB) the function still reaches the old page,
 * until CMD_ATC_INV; then it asks again and is granted nothing.
 */
static void atc_stays_stale_until_atc_inv(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x55);
	struct smmu_model_dma_result r;
	struct ats_fixture f;
	struct arm_smmu_cmd cmd;
	u8 b;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ats_map(test, &f, T_ATS_IOVA, buf, SZ_4K, IOMMU_READ);
	KUNIT_ASSERT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA, 0, NULL), 0);
	KUNIT_ASSERT_EQ(test, iommu_unmap(f.dom, T_ATS_IOVA, SZ_4K), SZ_4K);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     T_ATS_IOVA, &b, 1,
					     SMMU_MODEL_DMA_TRANSLATED, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.atc_hit);
	arm_smmu_cmd_atc_inv_all(&cmd, f.sid, 0, false);
	KUNIT_ASSERT_EQ(test, arm_smmu_cmdq_issue(model_smmu(f.m), &cmd, 1,
						  true), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     T_ATS_IOVA, &b, 1,
					     SMMU_MODEL_DMA_TRANSLATED, &r),
			-EACCES);
	KUNIT_EXPECT_EQ(test, r.tr_status, SMMU_MODEL_TC_SUCCESS);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_events(f.m, SMMU_MODEL_EVT_F_TRANSLATION), 0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IHI0070 3.9.1.4: a CMD_SYNC that fails with CERROR_ATC_INV_SYNC has not
 * completed the invalidation; the driver runs it again, and then it has.
 */
static void atc_inv_completes_when_failed_sync_runs_again(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x56);
	struct ats_fixture f;
	struct arm_smmu_cmd cmd;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ats_map(test, &f, T_ATS_IOVA, buf, SZ_4K, IOMMU_READ);
	KUNIT_ASSERT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA, 0, NULL), 0);
	smmu_model_fail_next_sync(f.m, SMMU_MODEL_CERROR_ATC_INV_SYNC);
	arm_smmu_cmd_atc_inv_all(&cmd, f.sid, 0, false);
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(model_smmu(f.m), &cmd, 1,
						  true), 0);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						      T_ATS_IOVA));
	smmu_model_expect_clean(test, f.m);
}

/* PCIe ATS: a function with ATS disabled caches no translation */
static void atc_emptied_when_function_disables_ats(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x57);
	struct ats_fixture f;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ats_map(test, &f, T_ATS_IOVA, buf, SZ_4K, IOMMU_READ);
	KUNIT_ASSERT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA, 0, NULL), 0);
	pci_disable_ats(f.pdev);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						      T_ATS_IOVA));
	KUNIT_EXPECT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA, 0, NULL),
			-EOPNOTSUPP);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IHI0070 3.9.1.2: a configuration error (here the CD of a PASID the
 * driver has not set up) completes with Completer Abort, recorded only
 * with CR2.REC_CFG_ATS, which this SMMU does not have.
 */
static void tr_for_unconfigured_pasid_is_completer_abort(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true, .pasid_bits = 20 };
	struct smmu_model_ats_result tr;
	struct ats_fixture f;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	/* The driver enabled the function's PASIDs when it probed it */
	KUNIT_ASSERT_TRUE(test, f.pdev->pasid_enabled);
	KUNIT_EXPECT_EQ(test, smmu_model_ats_translate(f.mm, 5, T_ATS_IOVA, 0,
						       &tr), -EIO);
	KUNIT_EXPECT_EQ(test, tr.status, SMMU_MODEL_TC_CA);
	KUNIT_EXPECT_EQ(test, tr.event, 0);
	KUNIT_EXPECT_EQ(test, smmu_model_nr_events(f.m, SMMU_MODEL_EVT_C_BAD_CD) +
			      smmu_model_nr_events(f.m, SMMU_MODEL_EVT_C_BAD_SUBSTREAMID),
			0);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IHI0070 3.9.1, 13.7: the request is the SMMU's only chance to see the
 * access, so one that means to write (NW == 0) marks a writable-clean
 * page dirty; one that does not (NW == 1) marks nothing.
 */
static void tr_meaning_to_write_marks_page_dirty(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	struct smmu_model_ats_result tr;
	const struct iommu_ops *ops;
	struct iommu_iotlb_gather g;
	struct ats_fixture f;
	struct page *pages;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ops = master_ops(&f.pdev->dev);
	f.dom = ops->domain_alloc_user(&f.pdev->dev,
				       IOMMU_HWPT_ALLOC_DIRTY_TRACKING, NULL,
				       NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(f.dom));
	f.dom->owner = ops;		/* as iommufd does */
	pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(f.dom, &f.pdev->dev), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(f.dom, T_ATS_IOVA, page_to_phys(pages),
					SZ_8K, IOMMU_READ | IOMMU_WRITE,
					GFP_KERNEL), 0);
	read_dirty(test, f.dom, T_ATS_IOVA, SZ_8K, &g);	/* writable-clean now */

	KUNIT_EXPECT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA, 0, &tr), 0);
	KUNIT_EXPECT_EQ(test, tr.perms, SMMU_MODEL_ATS_R);
	read_dirty(test, f.dom, T_ATS_IOVA, SZ_8K, &g);
	KUNIT_EXPECT_GT(test, g.start, g.end);		/* nothing dirty */

	KUNIT_EXPECT_EQ(test, smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID,
						       T_ATS_IOVA + SZ_4K,
						       SMMU_MODEL_DMA_WRITE, &tr),
			0);
	KUNIT_EXPECT_EQ(test, tr.perms, SMMU_MODEL_ATS_R | SMMU_MODEL_ATS_W);
	read_dirty(test, f.dom, T_ATS_IOVA, SZ_8K, &g);
	KUNIT_EXPECT_EQ(test, g.start, T_ATS_IOVA + SZ_4K);
	KUNIT_EXPECT_EQ(test, g.end, T_ATS_IOVA + SZ_8K - 1);

	iommu_detach_device(f.dom, &f.pdev->dev);
	iommu_domain_free(f.dom);
	__free_pages(pages, 1);
	smmu_model_expect_clean(test, f.m);
}

/* IHI0070 3.9.1: software programs the STU as the SMMU's smallest granule */
static void ats_stu_above_smallest_granule_is_reported(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	struct ats_fixture f;
	const char *first;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	fn_enable_ats(test, &f, 14);		/* 16KB; the SMMU has 4KB */
	smmu_model_override_eats(f.m, f.sid, 1);
	smmu_model_ats_translate(f.mm, SMMU_MODEL_NO_SSID, T_ATS_IOVA, 0, NULL);
	KUNIT_EXPECT_EQ(test, smmu_model_violations(f.m, &first), 1);
	KUNIT_EXPECT_NOT_NULL(test, strstr(first, "STU"));
}

/* IHI0070 3.9.1.3: with ATSCHK clear Translated traffic is not checked */
static void translated_dma_without_atschk_is_not_checked(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x58);
	struct smmu_model_dma_result r;
	struct ats_fixture f;
	u32 cr0;
	u8 b;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	cr0 = smmu_model_read_reg(f.m, T_CR0);
	smmu_model_write_reg(f.m, T_CR0, cr0 & ~T_CR0_ATSCHK);
	KUNIT_ASSERT_TRUE(test, wait_for(!(smmu_model_read_reg(f.m, T_CR0ACK) &
					   T_CR0_ATSCHK)));
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, SMMU_MODEL_NO_SSID,
					     virt_to_phys(buf), &b, 1,
					     SMMU_MODEL_DMA_TRANSLATED |
					     SMMU_MODEL_DMA_NO_ATC, &r), 0);
	KUNIT_EXPECT_EQ(test, b, 0x58);
	KUNIT_EXPECT_EQ(test, r.event, 0);
	smmu_model_write_reg(f.m, T_CR0, cr0);
	KUNIT_ASSERT_TRUE(test, wait_for(smmu_model_read_reg(f.m, T_CR0ACK) &
					 T_CR0_ATSCHK));
	smmu_model_expect_clean(test, f.m);
}

struct ats_pasid {
	struct iommu_domain	*dom;
	struct device		*dev;
	ioasid_t		pasid;
};

static void ats_pasid_release(void *data)
{
	struct ats_pasid *p = data;

	iommu_detach_device_pasid(p->dom, p->dev, p->pasid);
	iommu_domain_free(p->dom);
}

/* A domain of its own at (@f's function, @pasid), @len bytes of @buf at @iova */
static void ats_map_pasid(struct kunit *test, struct ats_fixture *f,
			  ioasid_t pasid, u64 iova, void *buf, size_t len)
{
	struct ats_pasid *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	p->dev = &f->pdev->dev;
	p->pasid = pasid;
	p->dom = iommu_paging_domain_alloc(p->dev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(p->dom));
	if (iommu_map(p->dom, iova, virt_to_phys(buf), len, IOMMU_READ,
		      GFP_KERNEL) ||
	    iommu_attach_device_pasid(p->dom, p->dev, pasid, NULL)) {
		iommu_domain_free(p->dom);
		KUNIT_FAIL_AND_ABORT(test, "cannot attach a domain at PASID %u",
				     pasid);
	}
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, ats_pasid_release,
							p), 0);
}

#define T_ATS_PASIDS		3	/* none, 1 and 2 */

static u32 t_ats_ssid(int i)
{
	return i ? i : SMMU_MODEL_NO_SSID;
}

/*
 * A function with PASIDs whose ATC holds two pages at T_ATS_IOVA for no
 * PASID (the RID's domain), for PASID 1 and for PASID 2 (domains of their
 * own), each asked for once.
 */
static void ats_pasid_fixture_init(struct kunit *test, struct ats_fixture *f)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true, .pasid_bits = 8 };
	void *buf = kunit_kzalloc(test, SZ_8K, GFP_KERNEL);
	int i, page;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	ats_fixture_init(test, f, &smmu_model_full, &pcfg);
	KUNIT_ASSERT_TRUE(test, f->pdev->pasid_enabled);
	ats_enable_full(test, f);
	ats_map(test, f, T_ATS_IOVA, buf, SZ_8K, IOMMU_READ);
	ats_map_pasid(test, f, 1, T_ATS_IOVA, buf, SZ_8K);
	ats_map_pasid(test, f, 2, T_ATS_IOVA, buf, SZ_8K);
	for (i = 0; i < T_ATS_PASIDS; i++) {
		for (page = 0; page < 2; page++) {
			u64 iova = T_ATS_IOVA + page * SZ_4K;
			int ret = smmu_model_ats_translate(f->mm, t_ats_ssid(i),
							   iova, 0, NULL);

			KUNIT_ASSERT_EQ(test, ret, 0);
		}
	}
}

static void issue_synced(struct kunit *test, struct smmu_model *m,
			 struct arm_smmu_cmd *cmd)
{
	KUNIT_ASSERT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), cmd, 1, true),
			0);
}

/* Each SubstreamID's Translation Requests and invalidations count apart */
static void atc_counts_per_substream(struct kunit *test)
{
	struct smmu_model_atc_counts c;
	struct ats_fixture f;
	struct arm_smmu_cmd cmd;
	int i;

	ats_pasid_fixture_init(test, &f);
	t_cmd_atc_inv(&cmd, f.sid, 2, 0, 52);
	issue_synced(test, f.m, &cmd);
	for (i = 0; i < T_ATS_PASIDS; i++) {
		smmu_model_atc_counts(f.mm, t_ats_ssid(i), &c);
		KUNIT_EXPECT_EQ_MSG(test, c.trs, 2, "PASID slot %d", i);
		KUNIT_EXPECT_EQ_MSG(test, c.invs, i == 2, "PASID slot %d", i);
		KUNIT_EXPECT_EQ_MSG(test, c.hits + c.misses, 0, "PASID slot %d", i);
	}
	smmu_model_atc_counts(f.mm, 7, &c);
	KUNIT_EXPECT_EQ(test, c.trs + c.invs, 0);
	smmu_model_atc_counts(f.mm, SMMU_MODEL_ANY_SSID, &c);
	KUNIT_EXPECT_EQ(test, c.trs, 2 * T_ATS_PASIDS);
	KUNIT_EXPECT_EQ(test, c.invs, 1);
	smmu_model_expect_clean(test, f.m);
}

/*
 * IHI0070 4.5.1: SSV == 0 sends the Invalidate Request without a PASID,
 * which PCIe ATS applies to every entry in its span: those of each PASID
 * as well as the untagged ones. What lies outside the span stays.
 */
static void atc_inv_without_ssv_drops_every_pasid(struct kunit *test)
{
	struct smmu_model_atc_counts c;
	struct ats_fixture f;
	struct arm_smmu_cmd cmd;
	int i;

	ats_pasid_fixture_init(test, &f);
	t_cmd_atc_inv(&cmd, f.sid, SMMU_MODEL_NO_SSID, T_ATS_IOVA, 0);
	issue_synced(test, f.m, &cmd);
	for (i = 0; i < T_ATS_PASIDS; i++) {
		u32 ssid = t_ats_ssid(i);

		KUNIT_EXPECT_FALSE_MSG(test, smmu_model_atc_holds(f.mm, ssid,
								  T_ATS_IOVA),
				       "PASID slot %d", i);
		KUNIT_EXPECT_TRUE_MSG(test,
				      smmu_model_atc_holds(f.mm, ssid,
							   T_ATS_IOVA + SZ_4K),
				      "PASID slot %d", i);
	}
	/* One request, without a PASID */
	smmu_model_atc_counts(f.mm, SMMU_MODEL_NO_SSID, &c);
	KUNIT_EXPECT_EQ(test, c.invs, 1);
	smmu_model_atc_counts(f.mm, SMMU_MODEL_ANY_SSID, &c);
	KUNIT_EXPECT_EQ(test, c.invs, 1);
	smmu_model_expect_clean(test, f.m);
}

/* IHI0070 4.5.1: SSV == 1 reaches the entries of SubstreamID only */
static void atc_inv_with_ssv_drops_only_its_pasid(struct kunit *test)
{
	struct ats_fixture f;
	struct arm_smmu_cmd cmd;
	int page;

	ats_pasid_fixture_init(test, &f);
	t_cmd_atc_inv(&cmd, f.sid, 1, 0, 52);
	issue_synced(test, f.m, &cmd);
	for (page = 0; page < 2; page++) {
		u64 iova = T_ATS_IOVA + page * SZ_4K;

		KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, 1, iova));
		KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm, 2, iova));
		KUNIT_EXPECT_TRUE(test, smmu_model_atc_holds(f.mm,
							     SMMU_MODEL_NO_SSID,
							     iova));
	}
	smmu_model_expect_clean(test, f.m);
}

#define T_CMDQ_CONS		0x9c
#define T_CMDQ_CONS_ERR		GENMASK(30, 24)

/*
 * The SMMU consumed every one of @n CMD_ATC_INV commands issued since it
 * had consumed @before, without a command error.
 */
static void expect_atc_invs_consumed(struct kunit *test, struct smmu_model *m,
				     unsigned long before, unsigned long n)
{
	KUNIT_EXPECT_EQ(test, smmu_model_nr_cmds(m, SMMU_MODEL_OP_ATC_INV),
			before + n);
	KUNIT_EXPECT_EQ(test, FIELD_GET(T_CMDQ_CONS_ERR,
					smmu_model_read_reg(m, T_CMDQ_CONS)), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_read_reg(m, T_GERROR),
			smmu_model_read_reg(m, T_GERRORN));
}

/*
 * IHI0070 3.9.1.5, 4.5.1: the driver disables ATS in a function before it
 * invalidates its ATC, so a CMD_ATC_INV to a function whose ATS is
 * disabled must be accepted and its CMD_SYNC complete. The function
 * received it; its ATC, emptied when ATS went off, holds nothing. So must
 * one to a StreamID with no ATS function behind it.
 */
static void atc_inv_to_function_with_ats_disabled_completes(struct kunit *test)
{
	struct smmu_model_pci_cfg pcfg = { .ats = true };
	void *buf = test_page(test, 0x59);
	struct smmu_model_atc_counts c;
	struct ats_fixture f;
	struct arm_smmu_cmd cmd;
	unsigned long before;

	ats_fixture_init(test, &f, &smmu_model_full, &pcfg);
	ats_enable_full(test, &f);
	ats_map(test, &f, T_ATS_IOVA, buf, SZ_4K, IOMMU_READ);
	KUNIT_ASSERT_EQ(test, ats_translate(&f, T_ATS_IOVA, 0), 0);
	pci_disable_ats(f.pdev);
	before = smmu_model_nr_cmds(f.m, SMMU_MODEL_OP_ATC_INV);

	t_cmd_atc_inv(&cmd, f.sid, SMMU_MODEL_NO_SSID, T_ATS_IOVA, 0);
	issue_synced(test, f.m, &cmd);
	arm_smmu_cmd_atc_inv_all(&cmd, f.sid, 0, false);
	issue_synced(test, f.m, &cmd);
	expect_atc_invs_consumed(test, f.m, before, 2);
	ats_counts(&f, &c);
	KUNIT_EXPECT_EQ(test, c.invs, 2);
	KUNIT_EXPECT_FALSE(test, smmu_model_atc_holds(f.mm, SMMU_MODEL_NO_SSID,
						      T_ATS_IOVA));

	/* T_SID is no master's StreamID */
	t_cmd_atc_inv(&cmd, T_SID, SMMU_MODEL_NO_SSID, 0, 52);
	issue_synced(test, f.m, &cmd);
	expect_atc_invs_consumed(test, f.m, before, 3);
	smmu_model_expect_clean(test, f.m);
}

static struct kunit_case arm_smmu_v3_model_atc_cases[] = {
	KUNIT_CASE(atc_fills_from_tr_and_serves_translated_dma),
	KUNIT_CASE(atc_miss_makes_tr_first),
	KUNIT_CASE(tr_translation_fault_grants_nothing_and_records_nothing),
	KUNIT_CASE(tr_for_read_only_page_grants_read_only),
	KUNIT_CASE(atc_inv_takes_effect_at_cmd_sync),
	KUNIT_CASE(atc_inv_drops_only_its_span),
	KUNIT_CASE(atc_counts_per_substream),
	KUNIT_CASE(atc_inv_without_ssv_drops_every_pasid),
	KUNIT_CASE(atc_inv_with_ssv_drops_only_its_pasid),
	KUNIT_CASE(atc_inv_to_function_with_ats_disabled_completes),
	KUNIT_CASE(atc_stays_stale_until_atc_inv),
	KUNIT_CASE(atc_inv_completes_when_failed_sync_runs_again),
	KUNIT_CASE(atc_emptied_when_function_disables_ats),
	KUNIT_CASE(tr_for_unconfigured_pasid_is_completer_abort),
	KUNIT_CASE(tr_meaning_to_write_marks_page_dirty),
	KUNIT_CASE(ats_stu_above_smallest_granule_is_reported),
	KUNIT_CASE(translated_dma_without_atschk_is_not_checked),
	{}
};

static struct kunit_suite arm_smmu_v3_model_atc_suite = {
	.name = "arm_smmu_v3_model_atc",
	.test_cases = arm_smmu_v3_model_atc_cases,
};

kunit_test_suites(&arm_smmu_v3_model_probe_suite,
		  &arm_smmu_v3_model_cmdq_suite,
		  &arm_smmu_v3_model_dma_suite,
		  &arm_smmu_v3_model_event_suite,
		  &arm_smmu_v3_model_ats_suite,
		  &arm_smmu_v3_model_atc_suite);
