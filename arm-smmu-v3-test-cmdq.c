// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for the lock-free command queue, run against a software SMMU.
 *
 * Two cases drive the submission steps (claim, fill, try_publish) one at a
 * time on one CPU: batches filled out of order reach PROD in order, and the
 * batch completing a run publishes it with one PROD write.
 *
 * The model owns a pair of fake PROD/CONS registers in ordinary memory and
 * consumes the queue from an hrtimer, a few commands per tick, so that the
 * queue fills, wraps and makes submitters wait for space. Several kthreads
 * submit numbered commands at once. The model checks what the hardware
 * would rely on:
 *   - PROD only moves forward and never past CONS + one queue length;
 *   - every slot it reads holds a command that was written for this lap:
 *     each submitter's numbers arrive exactly once and in order, and a slot
 *     is poisoned after it is consumed so that publishing a slot nobody
 *     rewrote shows up;
 *   - when a CMD_SYNC submission returns, everything submitted before it
 *     has been consumed.
 * A second case stops the model on an illegal command, as the SMMU does,
 * and checks that the GERROR repair lets the queue resume.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/prandom.h>

#include "arm-smmu-v3.h"

#define MODEL_SHIFT		6	/* 64 slots: wraps every few batches */
#define MODEL_SUBMITTERS	4
#define MODEL_BATCHES		1500
#define MODEL_MAX_BATCH		8
#define MODEL_PER_TICK		8
#define MODEL_TICK_NS		(20 * NSEC_PER_USEC)
#define MODEL_POISON_OP		0xff

struct cmdq_model {
	struct arm_smmu_device	smmu;
	u32			regs[2];	/* PROD, CONS */
	struct hrtimer		timer;
	u64			prod_pos;
	u64			cons_pos;
	u32			next_seq[MODEL_SUBMITTERS];
	bool			stalled;	/* CONS.ERR set, awaiting ack */
	unsigned long		consumed;
	u64			max_queued;
	atomic_t		errors;
	char			first_error[160];
};

static __printf(2, 3) void model_error(struct cmdq_model *m,
					const char *fmt, ...)
{
	va_list args;

	if (atomic_inc_return(&m->errors) != 1)
		return;
	va_start(args, fmt);
	vsnprintf(m->first_error, sizeof(m->first_error), fmt, args);
	va_end(args);
}

static __le64 *model_slot(struct cmdq_model *m, u64 pos)
{
	struct arm_smmu_queue *q = &m->smmu.cmdq.q;

	return q->base + arm_smmu_q_idx(q->shift, arm_smmu_q_reg(q->shift, pos)) *
			 CMDQ_ENT_DWORDS;
}

/* One tick of the "SMMU": take in PROD, consume up to MODEL_PER_TICK. */
static enum hrtimer_restart model_tick(struct hrtimer *t)
{
	struct cmdq_model *m = container_of(t, struct cmdq_model, timer);
	u32 shift = m->smmu.cmdq.q.shift;
	/* Slots before PROD: pairs with the barrier in the driver's writel(). */
	u32 prod = smp_load_acquire(&m->regs[0]);
	u32 delta = (prod - arm_smmu_q_reg(shift, m->prod_pos)) &
		    GENMASK(shift, 0);
	unsigned int budget = MODEL_PER_TICK;

	if (m->prod_pos + delta - m->cons_pos > (1U << shift))
		model_error(m, "PROD 0x%x moved back or past CONS (prod %llu cons %llu)",
			    prod, m->prod_pos, m->cons_pos);
	else
		m->prod_pos += delta;
	m->max_queued = max(m->max_queued, m->prod_pos - m->cons_pos);

	/* Stopped on an error: CONS keeps its ERR until acknowledged */
	if (READ_ONCE(m->stalled))
		goto out;
	while (budget-- && m->cons_pos < m->prod_pos) {
		__le64 *slot = model_slot(m, m->cons_pos);
		u64 w0 = le64_to_cpu(slot[0]);
		u64 w1 = le64_to_cpu(slot[1]);
		u32 who = FIELD_GET(CMD_0_TLBI_ASID, w0);

		switch (FIELD_GET(CMD_0_OP, w0)) {
		case CMDQ_OP_CMD_SYNC:
			break;
		case CMDQ_OP_TLBI_NH_ASID:
			if (who >= MODEL_SUBMITTERS || w1 != m->next_seq[who])
				model_error(m, "pos %llu: submitter %u command %llu, expected %u",
					    m->cons_pos, who, w1,
					    who < MODEL_SUBMITTERS ? m->next_seq[who] : 0);
			else
				m->next_seq[who]++;
			break;
		default:
			/*
			 * Illegal: stop with CONS.ERR, as IHI0070 7.1 says.
			 * CONS (after our reads of the slots, as below) and
			 * its error code are visible before the error is
			 * signalled, as 7.1 requires of the SMMU.
			 */
			smp_store_release(&m->regs[1],
					  arm_smmu_q_reg(shift, m->cons_pos) |
					  FIELD_PREP(CMDQ_CONS_ERR,
						     CMDQ_ERR_CERROR_ILL));
			/* The stop after CONS.ERR: pairs with the acquire */
			smp_store_release(&m->stalled, true);
			goto out;
		}
		slot[0] = cpu_to_le64(MODEL_POISON_OP);
		m->cons_pos++;
		m->consumed++;
	}
	/* CONS after the slot reads, poison and next_seq updates above. */
	smp_store_release(&m->regs[1], arm_smmu_q_reg(shift, m->cons_pos));
out:
	hrtimer_forward_now(t, ns_to_ktime(MODEL_TICK_NS));
	return HRTIMER_RESTART;
}

static struct cmdq_model *model_init(struct kunit *test, bool consume)
{
	struct cmdq_model *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct arm_smmu_cmdq *cmdq;
	struct device *dev;

	KUNIT_ASSERT_NOT_NULL(test, m);
	dev = kunit_device_register(test, "smmu-cmdq-model");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);

	m->smmu.dev = dev;
	cmdq = &m->smmu.cmdq;
	cmdq->q.shift = MODEL_SHIFT;
	cmdq->q.ent_dwords = CMDQ_ENT_DWORDS;
	cmdq->q.base = kunit_kcalloc(test, CMDQ_ENT_DWORDS << MODEL_SHIFT,
				     sizeof(u64), GFP_KERNEL);
	cmdq->batch_end = kunit_kcalloc(test, 1U << MODEL_SHIFT, sizeof(u64),
					GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cmdq->q.base);
	KUNIT_ASSERT_NOT_NULL(test, cmdq->batch_end);
	cmdq->q.prod_reg = (u32 __force __iomem *)&m->regs[0];
	cmdq->q.cons_reg = (u32 __force __iomem *)&m->regs[1];
	arm_smmu_cmdq_reset(&m->smmu);

	hrtimer_init(&m->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	m->timer.function = model_tick;
	if (consume)
		hrtimer_start(&m->timer, ns_to_ktime(MODEL_TICK_NS),
			      HRTIMER_MODE_REL);
	return m;
}

static struct cmdq_model *model_start(struct kunit *test)
{
	return model_init(test, true);
}

static void model_stop(struct cmdq_model *m)
{
	hrtimer_cancel(&m->timer);
}

struct submitter {
	struct cmdq_model	*m;
	u32			id;
	struct completion	done;
};

static int submitter_fn(void *data)
{
	struct submitter *s = data;
	struct cmdq_model *m = s->m;
	struct arm_smmu_cmd cmds[MODEL_MAX_BATCH];
	struct rnd_state rnd;
	u64 seq = 0;
	unsigned int b, i;

	prandom_seed_state(&rnd, s->id + 1);
	for (b = 0; b < MODEL_BATCHES && !atomic_read(&m->errors); b++) {
		unsigned int n = 1 + prandom_u32_state(&rnd) % MODEL_MAX_BATCH;
		bool sync = (b % 8) == 7;
		int ret;

		for (i = 0; i < n; i++) {
			arm_smmu_cmd_tlbi_nh_asid(&cmds[i], s->id);
			cmds[i].data[1] = cpu_to_le64(seq++);
		}
		ret = arm_smmu_cmdq_issue(&m->smmu, cmds, n, sync);
		if (ret) {
			model_error(m, "submitter %u batch %u: %d", s->id, b, ret);
			break;
		}
		/* Pairs with the model's release of CONS. */
		smp_rmb();
		if (sync && READ_ONCE(m->next_seq[s->id]) != seq)
			model_error(m, "submitter %u: CMD_SYNC returned, %u of %llu consumed",
				    s->id, READ_ONCE(m->next_seq[s->id]), seq);
		if (!(b % 64))
			cond_resched();
	}
	complete(&s->done);
	return 0;
}

static void cmdq_concurrent_submitters(struct kunit *test)
{
	struct cmdq_model *m = model_start(test);
	struct submitter subs[MODEL_SUBMITTERS];
	struct task_struct *t;
	unsigned int i;

	for (i = 0; i < MODEL_SUBMITTERS; i++) {
		subs[i].m = m;
		subs[i].id = i;
		init_completion(&subs[i].done);
		t = kthread_run(submitter_fn, &subs[i], "cmdq-sub/%u", i);
		if (IS_ERR(t)) {
			model_error(m, "kthread_run: %pe", t);
			complete(&subs[i].done);
		}
	}
	for (i = 0; i < MODEL_SUBMITTERS; i++) {
		if (wait_for_completion_timeout(&subs[i].done, 120 * HZ))
			continue;
		KUNIT_FAIL(test, "submitter %u stuck for 2 minutes", i);
		/* @subs is on our stack: never return before they are done. */
		wait_for_completion(&subs[i].done);
	}

	/* A last CMD_SYNC drains the asynchronous tail. */
	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(&m->smmu, NULL, 0, true), 0);
	model_stop(m);

	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&m->errors), 0, "%s",
			    m->first_error);
	for (i = 0; i < MODEL_SUBMITTERS; i++)
		KUNIT_EXPECT_GT(test, m->next_seq[i], MODEL_BATCHES);
	/* Else the space checks went untested. */
	KUNIT_EXPECT_GE_MSG(test, m->max_queued,
			    (1ULL << MODEL_SHIFT) - MODEL_MAX_BATCH,
			    "the queue never filled up");
	kunit_info(test, "%lu commands consumed, at most %llu queued\n",
		   m->consumed, m->max_queued);
}

static void cmdq_resumes_after_illegal_command(struct kunit *test)
{
	struct cmdq_model *m = model_start(test);
	struct arm_smmu_cmd cmds[3];
	unsigned long deadline = jiffies + 10 * HZ;

	arm_smmu_cmd_tlbi_nh_asid(&cmds[0], 0);
	cmds[0].data[1] = cpu_to_le64(0);
	cmds[1].data[0] = cpu_to_le64(0x7e);	/* no such opcode */
	cmds[1].data[1] = 0;
	arm_smmu_cmd_tlbi_nh_asid(&cmds[2], 0);
	cmds[2].data[1] = cpu_to_le64(1);
	KUNIT_ASSERT_EQ(test, arm_smmu_cmdq_issue(&m->smmu, cmds, 3, false), 0);

	/* Acquire: pairs with the model's release, CONS.ERR is visible */
	while (!smp_load_acquire(&m->stalled) && time_before(jiffies, deadline))
		usleep_range(1000, 2000);
	KUNIT_ASSERT_TRUE_MSG(test, READ_ONCE(m->stalled),
			      "the model never reached the illegal command");
	KUNIT_EXPECT_EQ(test, READ_ONCE(m->next_seq[0]), 1);

	/* What the GERROR handler does, then the acknowledgment. */
	arm_smmu_cmdq_handle_error(&m->smmu);
	WRITE_ONCE(m->stalled, false);

	KUNIT_EXPECT_EQ(test, arm_smmu_cmdq_issue(&m->smmu, NULL, 0, true), 0);
	model_stop(m);
	KUNIT_EXPECT_EQ(test, m->next_seq[0], 2);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&m->errors), 0, "%s",
			    m->first_error);
}

static u64 claim(struct kunit *test, struct arm_smmu_cmdq *cmdq, u32 total)
{
	unsigned long flags;
	u64 start = ~0ULL;
	int ret;

	local_irq_save(flags);
	ret = arm_smmu_cmdq_claim(cmdq, total, &start, &flags);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, ret, 0);
	return start;
}

/*
 * The publishing protocol step by step, on one CPU: claims A, B, C, D in
 * that order, filled out of order. No batch may reach PROD before every
 * batch ahead of it is filled, and the batch that completes a run
 * publishes the whole run with one PROD write.
 */
static void cmdq_publish_in_order_and_combined(struct kunit *test)
{
	struct cmdq_model *m = model_init(test, false);
	struct arm_smmu_cmdq *cmdq = &m->smmu.cmdq;
	struct arm_smmu_cmd cmds[2];
	u64 a, b, c, d, a_end, b_end, c_end, d_end;

	arm_smmu_cmd_tlbi_nh_asid(&cmds[0], 0);
	arm_smmu_cmd_tlbi_nh_asid(&cmds[1], 0);

	a = claim(test, cmdq, 3);
	b = claim(test, cmdq, 2);
	KUNIT_EXPECT_EQ(test, a, 0);
	KUNIT_EXPECT_EQ(test, b, 3);

	b_end = arm_smmu_cmdq_fill(cmdq, b, cmds, 2, false);
	KUNIT_EXPECT_EQ(test, b_end, 5);
	KUNIT_EXPECT_FALSE_MSG(test, arm_smmu_cmdq_try_publish(cmdq, b, b_end),
			       "B published while A is unfilled");
	KUNIT_EXPECT_EQ(test, READ_ONCE(m->regs[0]), 0);

	a_end = arm_smmu_cmdq_fill(cmdq, a, cmds, 2, true);
	KUNIT_EXPECT_EQ(test, a_end, 3);
	KUNIT_EXPECT_TRUE(test, arm_smmu_cmdq_try_publish(cmdq, a, a_end));
	KUNIT_EXPECT_EQ_MSG(test, READ_ONCE(m->regs[0]), 5,
			    "A's PROD write should cover B too");
	KUNIT_EXPECT_TRUE_MSG(test, arm_smmu_cmdq_try_publish(cmdq, b, b_end),
			      "B was taken along by A");
	KUNIT_EXPECT_EQ(test, READ_ONCE(m->regs[0]), 5);

	/* A claimed but unfilled batch stops the run. */
	c = claim(test, cmdq, 2);
	d = claim(test, cmdq, 1);
	d_end = arm_smmu_cmdq_fill(cmdq, d, cmds, 1, false);
	KUNIT_EXPECT_FALSE(test, arm_smmu_cmdq_try_publish(cmdq, d, d_end));
	KUNIT_EXPECT_EQ(test, READ_ONCE(m->regs[0]), 5);
	c_end = arm_smmu_cmdq_fill(cmdq, c, cmds, 2, false);
	KUNIT_EXPECT_TRUE(test, arm_smmu_cmdq_try_publish(cmdq, c, c_end));
	KUNIT_EXPECT_EQ(test, READ_ONCE(m->regs[0]), 8);
	KUNIT_EXPECT_TRUE(test, arm_smmu_cmdq_try_publish(cmdq, d, d_end));
}

/*
 * After laps of one-slot batches every slot holds a mark from an earlier
 * lap. None of them may be taken for a filled batch: a claimed, unfilled
 * slot stops publishing wherever it is.
 */
static void cmdq_marks_of_old_laps_are_ignored(struct kunit *test)
{
	struct cmdq_model *m = model_init(test, false);
	struct arm_smmu_cmdq *cmdq = &m->smmu.cmdq;
	u32 size = 1U << MODEL_SHIFT, wrap = 2 * size - 1;
	struct arm_smmu_cmd cmd;
	unsigned int i;
	u64 pos, end, hole;

	arm_smmu_cmd_tlbi_nh_asid(&cmd, 0);
	for (i = 0; i < 3 * size + 5; i++) {
		pos = claim(test, cmdq, 1);
		end = arm_smmu_cmdq_fill(cmdq, pos, &cmd, 1, false);
		KUNIT_ASSERT_TRUE(test, arm_smmu_cmdq_try_publish(cmdq, pos, end));
		/* The "SMMU" consumes at once. */
		WRITE_ONCE(m->regs[1], READ_ONCE(m->regs[0]));
	}
	KUNIT_EXPECT_EQ(test, READ_ONCE(m->regs[0]), (3 * size + 5) & wrap);

	hole = claim(test, cmdq, 1);
	pos = claim(test, cmdq, 1);
	end = arm_smmu_cmdq_fill(cmdq, pos, &cmd, 1, false);
	KUNIT_EXPECT_FALSE(test, arm_smmu_cmdq_try_publish(cmdq, pos, end));
	end = arm_smmu_cmdq_fill(cmdq, hole, &cmd, 1, false);
	KUNIT_EXPECT_TRUE(test, arm_smmu_cmdq_try_publish(cmdq, hole, end));
	KUNIT_EXPECT_EQ(test, READ_ONCE(m->regs[0]), (u32)(pos + 1) & wrap);
}

static struct kunit_case arm_smmu_v3_cmdq_cases[] = {
	KUNIT_CASE(cmdq_publish_in_order_and_combined),
	KUNIT_CASE(cmdq_marks_of_old_laps_are_ignored),
	KUNIT_CASE_SLOW(cmdq_concurrent_submitters),
	KUNIT_CASE(cmdq_resumes_after_illegal_command),
	{}
};

static struct kunit_suite arm_smmu_v3_cmdq_suite = {
	.name = "arm_smmu_v3_cmdq_model",
	.test_cases = arm_smmu_v3_cmdq_cases,
};

kunit_test_suites(&arm_smmu_v3_cmdq_suite);
