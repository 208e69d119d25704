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
#include <linux/pci.h>
#include <linux/pci-ats.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-model.h"
#include "arm-smmu-v3-model-spec.h"

/* IHI0070 6.3, read independently of the driver's definitions */
#define T_CR0ACK		0x24
#define T_CR1			0x28
#define T_IRQ_CTRLACK		0x54
#define T_GBPA			0x44
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

/* Wait (up to a second) for @cond, evaluated about every millisecond */
#define wait_for(cond) ({						\
	unsigned int __ms = 0;						\
	bool __done;							\
									\
	while (!(__done = (cond)) && __ms++ < 1000)			\
		usleep_range(1000, 2000);				\
	__done;								\
})

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
 * with GBPA aborting, so that DMA stops instead of going anywhere.
 */
static void sfm_error_disables_translation(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);

	expect_enabled(test, m);
	smmu_model_raise_gerror(m, BIT(8));
	KUNIT_EXPECT_TRUE(test, wait_for(!(smmu_model_read_reg(m, T_CR0ACK) &
					   T_CR0_SMMUEN)));
	KUNIT_EXPECT_TRUE(test, smmu_model_read_reg(m, T_GBPA) & T_GBPA_ABORT);
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
 * it must run again, MSI write-back included, or its waiter never returns.
 */
static void cmdq_atc_sync_timeout_completes_msi_waiter(struct kunit *test)
{
	struct smmu_model *m = smmu_model_create(test, &smmu_model_full);

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	KUNIT_ASSERT_TRUE(test, model_smmu(m)->cmdq.use_msi);
	smmu_model_fail_next_sync(m, SMMU_MODEL_CERROR_ATC_INV_SYNC);
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(model_smmu(m), NULL, 0, true), 0);
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

static struct kunit_case arm_smmu_v3_model_cmdq_cases[] = {
	KUNIT_CASE(cmdq_illegal_command_is_skipped),
	KUNIT_CASE(cmdq_illegal_command_with_msi_sync),
	KUNIT_CASE(cmdq_atc_sync_timeout_completes_msi_waiter),
	KUNIT_CASE(cmdq_error_repaired_while_every_cpu_spins),
	KUNIT_CASE_SLOW(cmdq_full_for_seconds_drops_nothing),
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
	KUNIT_CASE(forced_stall_is_terminated),
	KUNIT_CASE(master_with_duplicate_streamids),
	{}
};

static struct kunit_suite arm_smmu_v3_model_event_suite = {
	.name = "arm_smmu_v3_model_events",
	.test_cases = arm_smmu_v3_model_event_cases,
};

kunit_test_suites(&arm_smmu_v3_model_probe_suite,
		  &arm_smmu_v3_model_cmdq_suite,
		  &arm_smmu_v3_model_dma_suite,
		  &arm_smmu_v3_model_event_suite);
