// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite for the software SMMU model's PRI (arm-smmu-v3-model-pri.c):
 * PCI functions sending Page Requests to a model SMMU the driver has bound,
 * with the test as the PRI queue's software. Firmware describes no "priq"
 * interrupt (the model raises it on a line only the test knows,
 * smmu_model_preset.test_lines), so the driver leaves the PRI queue alone
 * and the test programs PRIQ_BASE/PROD/CONS, CR0.PRIQEN and
 * IRQ_CTRL.PRIQ_IRQEN itself behind the driver's back (the driver writes
 * CR0 and IRQ_CTRL only to reset and to disable the SMMU), reads entries
 * with the model's decoder and answers with CMD_PRI_RESP through the
 * driver's command queue.
 *
 * What is checked: entries as IHI0070 8's figure lays them out, PROD's
 * wrap, overflow (8.1: one OVFLG toggle, discards, auto-responses, Stop
 * Markers never answered, OVACKFLG clearing it), PRIQEN == 0 (8.2), the
 * interrupt (6.3.36), PCIe PRI's Enable, credits, Status bits and Reset,
 * CMD_PRI_RESP reaching its group and unexpected responses being counted,
 * and the PRI round trip of a Translated DMA (SMMU_MODEL_DMA_PRI).
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/kthread.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-model.h"
#include "arm-smmu-v3-model-spec.h"
#include "arm-smmu-v3-test-model-util.h"

/* IHI0070 6.3, read independently of the driver's definitions */
#define P_CR0			0x20
#define P_CR0ACK		0x24
#define P_IRQ_CTRL		0x50
#define P_IRQ_CTRLACK		0x54
#define P_GERROR		0x60
#define P_PRIQ_BASE		0xc0
#define P_PRIQ_IRQ_CFG2		0xdc
#define P_PRIQ_PROD		0x100c8
#define P_PRIQ_CONS		0x100cc
#define P_CR0_PRIQEN		BIT(1)
#define P_IRQ_PRIQ		BIT(1)
#define P_GERROR_PRIQ_ABT	BIT(3)
#define P_Q_OVF			BIT(31)
#define P_IRQ_CFG2_LO		BIT(31)
/* 4.5.2 CMD_PRI_RESP: SSV [11], SubstreamID [31:12], StreamID [63:32] */
#define P_CMD_PRI_RESP		0x41
#define P_CMD_SSV		BIT_ULL(11)
#define P_CMD_SSID		GENMASK_ULL(31, 12)
#define P_CMD_SID		GENMASK_ULL(63, 32)
#define P_CMD_PRGI		GENMASK_ULL(8, 0)	/* [72:64] */
#define P_CMD_RESP		GENMASK_ULL(13, 12)	/* [77:76] */
#define P_RESP_FAILURE		0
#define P_RESP_INVALID		1
#define P_RESP_SUCCESS		2

#define P_NO_SSID		SMMU_MODEL_NO_SSID
#define P_IOVA			SZ_1G

/* The PRI queue as the test, its software, holds it */
struct pri_q {
	struct smmu_model	*m;
	__le64			*ents;
	unsigned int		shift;
	u32			cons;		/* RD with its wrap bit */
	u32			ovack;		/* OVACKFLG to write */
	unsigned long		irqs;		/* "priq" interrupts taken */
};

/* A PCI function with PRI */
struct pri_fn {
	struct smmu_model_master	*mm;
	struct pci_dev			*pdev;
	u32				sid;
	int				pos;		/* PRI capability */
};

static struct smmu_model *pri_model(struct kunit *test,
				    const struct smmu_model_preset *preset)
{
	struct smmu_model_preset p = *preset;
	struct smmu_model *m;

	/* The PRI queue's interrupt is the test's: the driver runs no PRI */
	p.test_lines |= p.lines & BIT(SMMU_MODEL_LINE_PRIQ);
	p.lines &= ~BIT(SMMU_MODEL_LINE_PRIQ);
	m = smmu_model_create(test, &p);

	KUNIT_ASSERT_EQ(test, smmu_model_probe_ret(m), 0);
	return m;
}

static void pri_fn_add(struct kunit *test, struct smmu_model *m,
		       struct pri_fn *f, u8 pasid_bits, bool rc_ats)
{
	struct smmu_model_pci_cfg cfg = {
		.ats = true, .pasid_bits = pasid_bits, .pri = true,
		.rc_ats = rc_ats,
	};

	f->mm = smmu_model_add_pci_master(m, &cfg);
	f->pdev = smmu_model_master_pci(f->mm);
	f->sid = pci_dev_id(f->pdev);
	f->pos = pci_find_ext_capability(f->pdev, PCI_EXT_CAP_ID_PRI);
	KUNIT_ASSERT_GT(test, f->pos, 0);
}

/* Software's part of PCIe PRI, through config space */
static void pri_fn_enable(struct kunit *test, struct pri_fn *f, u32 alloc)
{
	u16 status;

	pci_read_config_word(f->pdev, f->pos + PCI_PRI_STATUS, &status);
	KUNIT_EXPECT_TRUE(test, status & PCI_PRI_STATUS_STOPPED);
	pci_write_config_dword(f->pdev, f->pos + PCI_PRI_ALLOC_REQ, alloc);
	pci_write_config_word(f->pdev, f->pos + PCI_PRI_CTRL,
			      PCI_PRI_CTRL_ENABLE);
}

static u16 pri_fn_status(struct pri_fn *f)
{
	u16 status;

	pci_read_config_word(f->pdev, f->pos + PCI_PRI_STATUS, &status);
	return status;
}

static struct smmu_model_pri_counts pri_counts(struct pri_fn *f)
{
	struct smmu_model_pri_counts c;

	smmu_model_pri_counts(f->mm, &c);
	return c;
}

static irqreturn_t pri_irq(int irq, void *data)
{
	struct pri_q *q = data;

	WRITE_ONCE(q->irqs, q->irqs + 1);
	return IRQ_HANDLED;
}

static void pri_free_irq(void *data)
{
	struct pri_q *q = data;

	free_irq(smmu_model_line_irq(q->m, SMMU_MODEL_LINE_PRIQ), q);
}

/* Set @bits in the register at @reg and wait for the engine's @ack */
static void pri_set_acked(struct kunit *test, struct smmu_model *m,
			  unsigned int reg, unsigned int ack, u32 bits)
{
	smmu_model_write_reg(m, reg, smmu_model_read_reg(m, reg) | bits);
	KUNIT_ASSERT_TRUE(test,
			  wait_for(smmu_model_read_reg(m, ack) & bits));
}

/*
 * A PRI queue of 2^@shift entries, empty, its interrupt taken by the test
 * and enabled, then PRIQEN: IHI0070 6.3.33 has BASE and PROD programmed
 * while PRIQEN == 0.
 */
static struct pri_q *priq_setup(struct kunit *test, struct smmu_model *m,
				unsigned int shift)
{
	unsigned int irq = smmu_model_line_irq(m, SMMU_MODEL_LINE_PRIQ);
	struct pri_q *q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);
	u64 base;

	KUNIT_ASSERT_NOT_NULL(test, q);
	q->m = m;
	q->shift = shift;
	/* kmalloc() aligns a power of two to its size, as 6.3.33 needs */
	q->ents = kunit_kzalloc(test, max(16 << shift, 32), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q->ents);
	base = virt_to_phys(q->ents) | shift;
	smmu_model_write_reg(m, P_PRIQ_BASE, lower_32_bits(base));
	smmu_model_write_reg(m, P_PRIQ_BASE + 4, upper_32_bits(base));
	smmu_model_write_reg(m, P_PRIQ_PROD, 0);
	smmu_model_write_reg(m, P_PRIQ_CONS, 0);

	KUNIT_ASSERT_GT(test, irq, 0);
	KUNIT_ASSERT_EQ(test, request_irq(irq, pri_irq, 0, "test-priq", q), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, pri_free_irq, q),
			0);
	pri_set_acked(test, m, P_IRQ_CTRL, P_IRQ_CTRLACK, P_IRQ_PRIQ);
	pri_set_acked(test, m, P_CR0, P_CR0ACK, P_CR0_PRIQEN);
	return q;
}

/*
 * @f on @m with @pasid_bits PASID bits, behind a root complex that does
 * not forward ATS, the PRI queue of 2^@shift entries set up (priq_setup())
 * and the function's PRI enabled with @alloc credits
 */
static struct pri_q *pri_fn_ready(struct kunit *test, struct smmu_model *m,
				  struct pri_fn *f, u8 pasid_bits,
				  unsigned int shift, u32 alloc)
{
	struct pri_q *q;

	pri_fn_add(test, m, f, pasid_bits, false);
	q = priq_setup(test, m, shift);
	pri_fn_enable(test, f, alloc);
	return q;
}

/* Take the next entry, as software would; false when the queue is empty */
static bool priq_pop(struct pri_q *q, struct smmu_model_ppr *ppr,
		     __le64 *raw)
{
	u32 mask = GENMASK(q->shift, 0);
	u32 prod = smmu_model_read_reg(q->m, P_PRIQ_PROD);
	u32 idx = q->cons & GENMASK(q->shift - 1, 0);

	if ((prod & mask) == (q->cons & mask))
		return false;
	/* The entry is written before PROD moves (IHI0070 3.5.2) */
	rmb();
	if (raw)
		memcpy(raw, &q->ents[2 * idx], 16);
	smmu_model_ppr_decode(&q->ents[2 * idx], ppr);
	q->cons = (q->cons + 1) & mask;
	smmu_model_write_reg(q->m, P_PRIQ_CONS, q->cons | q->ovack);
	return true;
}

/* Take every entry, as software would, without looking at them */
static void priq_drain(struct pri_q *q)
{
	struct smmu_model_ppr ppr;

	while (priq_pop(q, &ppr, NULL))
		;
}

/* IHI0070 8.1: acknowledge the overflow, OVACKFLG = OVFLG */
static void priq_ack_overflow(struct pri_q *q)
{
	q->ovack = smmu_model_read_reg(q->m, P_PRIQ_PROD) & P_Q_OVF;
	smmu_model_write_reg(q->m, P_PRIQ_CONS, q->cons | q->ovack);
}

static bool priq_overflowing(struct pri_q *q)
{
	return (smmu_model_read_reg(q->m, P_PRIQ_PROD) ^
		smmu_model_read_reg(q->m, P_PRIQ_CONS)) & P_Q_OVF;
}

/* CMD_PRI_RESP and a CMD_SYNC through the driver's command queue */
static int pri_resp_issue(struct smmu_model *m, u32 sid, u32 ssid, u16 prgi,
			  u8 resp)
{
	struct arm_smmu_device *smmu = platform_get_drvdata(smmu_model_pdev(m));
	u64 q0 = P_CMD_PRI_RESP | FIELD_PREP(P_CMD_SID, sid);
	struct arm_smmu_cmd cmd;

	if (ssid != P_NO_SSID)
		q0 |= P_CMD_SSV | FIELD_PREP(P_CMD_SSID, ssid);
	cmd.data[0] = cpu_to_le64(q0);
	cmd.data[1] = cpu_to_le64(FIELD_PREP(P_CMD_PRGI, prgi) |
				  FIELD_PREP(P_CMD_RESP, resp));
	/* 4.7.3: sent as consumed; once the CMD_SYNC completes, it was */
	return arm_smmu_cmdq_issue(smmu, &cmd, 1, true);
}

static void pri_resp(struct kunit *test, struct smmu_model *m, u32 sid,
		     u32 ssid, u16 prgi, u8 resp)
{
	KUNIT_ASSERT_EQ(test, pri_resp_issue(m, sid, ssid, prgi, resp), 0);
}

static void expect_ppr(struct kunit *test, const struct smmu_model_ppr *got,
		       const struct smmu_model_ppr *want)
{
	KUNIT_EXPECT_EQ(test, got->sid, want->sid);
	KUNIT_EXPECT_EQ(test, got->ssv, want->ssv);
	KUNIT_EXPECT_EQ(test, got->ssid, want->ssid);
	KUNIT_EXPECT_EQ(test, got->grpid, want->grpid);
	KUNIT_EXPECT_EQ(test, got->last, want->last);
	KUNIT_EXPECT_EQ(test, got->priv, want->priv);
	KUNIT_EXPECT_EQ(test, got->exec, want->exec);
	KUNIT_EXPECT_EQ(test, got->read, want->read);
	KUNIT_EXPECT_EQ(test, got->write, want->write);
	KUNIT_EXPECT_EQ(test, got->addr, want->addr);
}

/*
 * Entries carry what the function sent, at the figure's positions (the
 * first checked bit by bit), a Stop Marker is LWR == 0b100 with a PASID,
 * and the interrupt comes when the queue becomes non-empty.
 */
static void pri_entries_carry_every_field(struct kunit *test)
{
	struct smmu_model *m = pri_model(test, &smmu_model_full);
	struct smmu_model_ppr got, want[3];
	struct smmu_model_pri_counts c;
	struct pri_fn f;
	struct pri_q *q;
	__le64 raw[2];
	int i;

	q = pri_fn_ready(test, m, &f, 8, 3, 8);

	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID,
						      0x12345678fffULL, 0,
						      0x1a5, false), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, 5, 0xabc000,
						      SMMU_MODEL_DMA_WRITE |
						      SMMU_MODEL_DMA_EXEC |
						      SMMU_MODEL_DMA_PRIV,
						      3, true), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_stop_marker(f.mm, 5), 0);
	want[0] = (struct smmu_model_ppr) {
		.sid = f.sid, .grpid = 0x1a5, .read = true,
		.addr = 0x12345678000ULL,
	};
	want[1] = (struct smmu_model_ppr) {
		.sid = f.sid, .ssv = true, .ssid = 5, .grpid = 3, .last = true,
		.priv = true, .exec = true, .read = true, .write = true,
		.addr = 0xabc000,
	};
	want[2] = (struct smmu_model_ppr) {
		.sid = f.sid, .ssv = true, .ssid = 5, .last = true,
	};
	KUNIT_ASSERT_TRUE(test, priq_pop(q, &got, raw));
	/* 8: StreamID [31:0], R [60], PRGIndex [72:64], Page address [127:76] */
	KUNIT_EXPECT_EQ(test, le64_to_cpu(raw[0]), BIT_ULL(60) | f.sid);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(raw[1]),
			0x12345678ULL << 12 | 0x1a5);
	expect_ppr(test, &got, &want[0]);
	for (i = 1; i < 3; i++) {
		KUNIT_ASSERT_TRUE(test, priq_pop(q, &got, NULL));
		expect_ppr(test, &got, &want[i]);
	}
	KUNIT_EXPECT_FALSE(test, priq_pop(q, &got, NULL));
	/* 6.3.36, LO == 0: once, when the queue became non-empty */
	KUNIT_EXPECT_EQ(test, READ_ONCE(q->irqs), 1);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      0x1a5, true), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(q->irqs), 2);

	c = pri_counts(&f);
	KUNIT_EXPECT_EQ(test, c.sent, 3);
	KUNIT_EXPECT_EQ(test, c.stop_markers, 1);
	KUNIT_EXPECT_EQ(test, c.queued, 4);
	KUNIT_EXPECT_EQ(test, c.discarded, 0);
	KUNIT_EXPECT_EQ(test, c.outstanding, 3);
	smmu_model_expect_clean(test, m);
}

/*
 * PROD.WR wraps with its wrap bit, entries follow the ring, and each
 * response ends its group and returns its credit.
 */
static void pri_queue_wraps(struct kunit *test)
{
	struct smmu_model *m = pri_model(test, &smmu_model_full);
	struct smmu_model_ppr got;
	struct pri_fn f;
	struct pri_q *q;
	u16 prgi;

	q = pri_fn_ready(test, m, &f, 0, 2, 1);
	for (prgi = 0; prgi < 10; prgi++) {
		KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID,
							      prgi * SZ_4K, 0,
							      prgi, true), 0);
		/* Four entries, index [1:0], wrap bit [2] */
		KUNIT_EXPECT_EQ(test, smmu_model_read_reg(m, P_PRIQ_PROD),
				(prgi + 1) & 7);
		KUNIT_ASSERT_TRUE(test, priq_pop(q, &got, NULL));
		KUNIT_EXPECT_EQ(test, got.grpid, prgi);
		KUNIT_EXPECT_EQ(test, got.addr, prgi * SZ_4K);
		/* One credit: the next request waits for this response */
		KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID,
							      0, 0, 0x100,
							      true),
				-EOPNOTSUPP);
		pri_resp(test, m, f.sid, P_NO_SSID, prgi, P_RESP_SUCCESS);
		KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm,
								   P_NO_SSID,
								   prgi, 1000),
				SMMU_MODEL_PRG_SUCCESS);
	}
	KUNIT_EXPECT_EQ(test, pri_counts(&f).responses, 10);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).outstanding, 0);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).unexpected_responses, 0);
	smmu_model_expect_clean(test, m);
}

/*
 * @f with 8 PASID bits and 16 credits (pri_fn_ready()), its 2-entry queue
 * filled with two one-page groups (PRGIs 0x10, 0x11): the next message
 * finds it full
 */
static struct pri_q *priq_ready_full(struct kunit *test, struct smmu_model *m,
				     struct pri_fn *f)
{
	struct pri_q *q = pri_fn_ready(test, m, f, 8, 1, 16);

	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f->mm, P_NO_SSID, 0, 0,
						      0x10, true), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f->mm, P_NO_SSID, 0, 0,
						      0x11, true), 0);
	KUNIT_EXPECT_FALSE(test, priq_overflowing(q));
	return q;
}

/*
 * IHI0070 8.1: the first message that finds the queue full toggles OVFLG,
 * once; while the overflow is active every message is discarded, those
 * with L == 1 answered Success (without a PASID when the request had
 * none; with it under IDR3.PPS), and OVACKFLG == OVFLG ends it.
 */
static void pri_overflow_auto_responds_until_acked(struct kunit *test)
{
	struct smmu_model_preset p = smmu_model_full;
	struct smmu_model_pri_counts c;
	struct smmu_model_ppr got;
	struct smmu_model *m;
	struct pri_fn f;
	struct pri_q *q;
	u32 prod;

	p.idr[3] |= BIT(5);	/* IDR3.PPS: the PASID goes on auto-responses */
	m = pri_model(test, &p);
	q = priq_ready_full(test, m, &f);

	/* Group 0x20: L == 0 starts the overflow, silently discarded */
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      0x20, false), 0);
	prod = smmu_model_read_reg(m, P_PRIQ_PROD);
	KUNIT_EXPECT_EQ(test, prod, P_Q_OVF | 2);
	KUNIT_EXPECT_TRUE(test, priq_overflowing(q));
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, P_NO_SSID,
							   0x20, 0),
			-ETIMEDOUT);
	/* Its L == 1: Success, and the group's two credits come back */
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      0x20, true), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, P_NO_SSID,
							   0x20, 1000),
			SMMU_MODEL_PRG_SUCCESS);
	/* With a PASID under PPS: Success with that PASID */
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, 7, 0, 0, 0x21,
						      true), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, 7, 0x21, 1000),
			SMMU_MODEL_PRG_SUCCESS);
	/* Still one overflow: OVFLG is not toggled again while active */
	KUNIT_EXPECT_EQ(test, smmu_model_read_reg(m, P_PRIQ_PROD), prod);
	c = pri_counts(&f);
	KUNIT_EXPECT_EQ(test, c.overflows, 1);
	KUNIT_EXPECT_EQ(test, c.discarded, 3);
	KUNIT_EXPECT_EQ(test, c.auto_responses, 2);
	KUNIT_EXPECT_EQ(test, c.unexpected_responses, 0);
	KUNIT_EXPECT_EQ(test, c.outstanding, 2);	/* 0x10 and 0x11 */

	/* 8.1.1: software drains the queue, then acknowledges */
	KUNIT_EXPECT_TRUE(test, priq_pop(q, &got, NULL));
	KUNIT_EXPECT_TRUE(test, priq_pop(q, &got, NULL));
	KUNIT_EXPECT_FALSE(test, priq_pop(q, &got, NULL));
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      0x22, true), 0);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).queued, 2);	/* still active */
	priq_ack_overflow(q);
	KUNIT_EXPECT_FALSE(test, priq_overflowing(q));
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      0x23, true), 0);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).queued, 3);
	KUNIT_ASSERT_TRUE(test, priq_pop(q, &got, NULL));
	KUNIT_EXPECT_EQ(test, got.grpid, 0x23);
	smmu_model_expect_clean(test, m);
}

/*
 * 8.1 without IDR3.PPS: an auto-response to a request with a PASID keeps
 * the PASID only if STE.PPAR says so. The function requires the PASID
 * (PRI Status), so without it the response matches no group.
 */
static void pri_overflow_pasid_follows_ste_ppar(struct kunit *test)
{
	struct smmu_model *m = pri_model(test, &smmu_model_full);
	struct smmu_model_ste ste;
	struct pri_fn f;

	priq_ready_full(test, m, &f);
	KUNIT_ASSERT_EQ(test, smmu_model_read_ste(m, f.sid, &ste), 0);
	KUNIT_EXPECT_TRUE(test, pri_fn_status(&f) & PCI_PRI_STATUS_PASID);

	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, 7, 0, 0, 0x21,
						      true), 0);
	if (ste.ppar) {
		KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, 7,
								   0x21, 1000),
				SMMU_MODEL_PRG_SUCCESS);
		KUNIT_EXPECT_EQ(test, pri_counts(&f).unexpected_responses, 0);
	} else {
		KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, 7,
								   0x21, 0),
				-ETIMEDOUT);
		KUNIT_EXPECT_EQ(test, pri_counts(&f).unexpected_responses, 1);
		KUNIT_EXPECT_TRUE(test,
				  pri_fn_status(&f) & PCI_PRI_STATUS_UPRGI);
	}
	KUNIT_EXPECT_EQ(test, pri_counts(&f).auto_responses, 1);
	smmu_model_expect_clean(test, m);
}

/*
 * 8.1: a Stop Marker discarded in an overflow is not answered; with
 * PRIQ_IRQ_CFG2.LO the discard of an L == 1 message still interrupts.
 */
static void pri_stop_marker_in_overflow_gets_no_response(struct kunit *test)
{
	/* IDR0.MSI: PRIQ_IRQ_CFG2 exists (6.3.36) */
	struct smmu_model *m = pri_model(test, &smmu_model_full);
	struct smmu_model_pri_counts c;
	unsigned long irqs;
	struct pri_fn f;
	struct pri_q *q;

	q = priq_ready_full(test, m, &f);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, 3, 0, 0, 0x20,
						      false), 0);
	KUNIT_EXPECT_TRUE(test, priq_overflowing(q));
	/* The driver left PRIQ_IRQ_CFG0 zero: the wired line, LO on */
	smmu_model_write_reg(m, P_PRIQ_IRQ_CFG2, P_IRQ_CFG2_LO);
	irqs = READ_ONCE(q->irqs);
	KUNIT_ASSERT_EQ(test, smmu_model_stop_marker(f.mm, 3), 0);
	c = pri_counts(&f);
	KUNIT_EXPECT_EQ(test, c.stop_markers, 1);
	KUNIT_EXPECT_EQ(test, c.discarded, 2);
	KUNIT_EXPECT_EQ(test, c.auto_responses, 0);
	KUNIT_EXPECT_EQ(test, c.unexpected_responses, 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(q->irqs), irqs + 1);
	/* The group still awaits its own L == 1 */
	KUNIT_EXPECT_EQ(test, c.outstanding, 3);
	smmu_model_expect_clean(test, m);
}

/*
 * PCIe PRI: nothing is sent without Enable or a PASID the function has
 * enabled; 8.2: with PRIQEN == 0 every request is answered Response
 * Failure, which stops the function until software resets its PRI.
 */
static void pri_disabled_sends_nothing(struct kunit *test)
{
	struct smmu_model *m = pri_model(test, &smmu_model_full);
	struct smmu_model_pci_cfg plain = { .ats = true };
	struct smmu_model_master *nopri;
	struct smmu_model_pri_counts c;
	struct smmu_model_ppr got;
	struct pri_fn f;
	struct pri_q *q;

	pri_fn_add(test, m, &f, 0, false);
	nopri = smmu_model_add_pci_master(m, &plain);
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(nopri, P_NO_SSID, 0, 0,
						      1, true), -EINVAL);
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      1, true), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      0x200, true), -EINVAL);
	pri_fn_enable(test, &f, 4);
	KUNIT_EXPECT_FALSE(test, pri_fn_status(&f) & PCI_PRI_STATUS_STOPPED);
	/* No PASID capability: no PASID, no Exe or Priv, no Stop Marker */
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, 1, 0, 0, 1, true),
			-EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0,
						      SMMU_MODEL_DMA_PRIV, 1,
						      true), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, smmu_model_stop_marker(f.mm, 1), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).sent, 0);

	/*
	 * The PRI queue is programmed but PRIQEN cleared: the SMMU does not
	 * touch it (no entry, no PRIQ_ABT_ERR) and answers Response Failure,
	 * which sets RF
	 */
	q = priq_setup(test, m, 3);
	smmu_model_write_reg(m, P_CR0,
			     smmu_model_read_reg(m, P_CR0) & ~P_CR0_PRIQEN);
	KUNIT_ASSERT_TRUE(test, wait_for(!(smmu_model_read_reg(m, P_CR0ACK) &
					   P_CR0_PRIQEN)));
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      1, true), 0);
	KUNIT_EXPECT_FALSE(test, priq_pop(q, &got, NULL));
	KUNIT_EXPECT_FALSE(test, smmu_model_read_reg(m, P_GERROR) &
			   P_GERROR_PRIQ_ABT);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, P_NO_SSID, 1,
							   1000),
			SMMU_MODEL_PRG_FAILURE);
	KUNIT_EXPECT_TRUE(test, pri_fn_status(&f) & PCI_PRI_STATUS_RF);
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      2, true), -EOPNOTSUPP);
	c = pri_counts(&f);
	KUNIT_EXPECT_EQ(test, c.sent, 1);
	KUNIT_EXPECT_EQ(test, c.discarded, 1);
	KUNIT_EXPECT_EQ(test, c.auto_responses, 1);
	KUNIT_EXPECT_EQ(test, c.queued, 0);

	/* Disable, Reset, clear RF (RW1C), enable: it sends again */
	pci_write_config_word(f.pdev, f.pos + PCI_PRI_CTRL, PCI_PRI_CTRL_RESET);
	pci_write_config_word(f.pdev, f.pos + PCI_PRI_STATUS, PCI_PRI_STATUS_RF);
	KUNIT_EXPECT_FALSE(test, pri_fn_status(&f) & PCI_PRI_STATUS_RF);
	pri_fn_enable(test, &f, 4);
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      2, true), 0);
	smmu_model_expect_clean(test, m);
}

/*
 * PCIe PRI: at most the allocation is outstanding, a response returns the
 * credits of its whole group, and Stopped means Enable clear with nothing
 * outstanding.
 */
static void pri_allocation_is_respected(struct kunit *test)
{
	struct smmu_model *m = pri_model(test, &smmu_model_full);
	struct pri_fn f;
	struct pri_q *q;

	q = pri_fn_ready(test, m, &f, 0, 3, 2);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      4, false), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, SZ_4K,
						      0, 4, true), 0);
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      5, true), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).outstanding, 2);

	/* Enable cleared: not Stopped while requests are outstanding */
	pci_write_config_word(f.pdev, f.pos + PCI_PRI_CTRL, 0);
	KUNIT_EXPECT_FALSE(test, pri_fn_status(&f) & PCI_PRI_STATUS_STOPPED);
	priq_drain(q);
	pri_resp(test, m, f.sid, P_NO_SSID, 4, P_RESP_SUCCESS);
	KUNIT_EXPECT_TRUE(test, pri_fn_status(&f) & PCI_PRI_STATUS_STOPPED);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).outstanding, 0);
	/* Credits, but no Enable */
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      5, true), -EOPNOTSUPP);
	pri_fn_enable(test, &f, 2);
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      5, true), 0);
	/* PCIe: a PRGI is not reused before its response */
	KUNIT_EXPECT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      5, true), -EINVAL);
	smmu_model_expect_clean(test, m);
}

/*
 * CMD_PRI_RESP reaches the group of its StreamID, PASID and PRGI with its
 * code (4.5.2, 8.3); one that matches no outstanding group (a second
 * answer, a PRGI never sent, a PASID the group was not sent with) is
 * counted and sets Status.UPRGI, which software clears by writing 1.
 */
static void pri_responses_reach_their_group(struct kunit *test)
{
	struct smmu_model *m = pri_model(test, &smmu_model_full);
	struct pri_fn f;
	struct pri_q *q;

	q = pri_fn_ready(test, m, &f, 8, 3, 8);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, P_NO_SSID, 0, 0,
						      9, true), 0);
	KUNIT_ASSERT_EQ(test, smmu_model_page_request(f.mm, 6, 0,
						      SMMU_MODEL_DMA_WRITE, 9,
						      true), 0);
	priq_drain(q);

	pri_resp(test, m, f.sid, 6, 9, P_RESP_INVALID);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, 6, 9, 1000),
			SMMU_MODEL_PRG_INVALID);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, P_NO_SSID, 9,
							   0),
			-ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).unexpected_responses, 0);
	/* Answered twice */
	pri_resp(test, m, f.sid, 6, 9, P_RESP_SUCCESS);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).unexpected_responses, 1);
	KUNIT_EXPECT_TRUE(test, pri_fn_status(&f) & PCI_PRI_STATUS_UPRGI);
	pci_write_config_word(f.pdev, f.pos + PCI_PRI_STATUS,
			      PCI_PRI_STATUS_UPRGI);
	KUNIT_EXPECT_FALSE(test, pri_fn_status(&f) & PCI_PRI_STATUS_UPRGI);
	/* A PRGI never sent, a PASID its group did not have */
	pri_resp(test, m, f.sid, P_NO_SSID, 10, P_RESP_SUCCESS);
	pri_resp(test, m, f.sid, 7, 9, P_RESP_SUCCESS);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).unexpected_responses, 3);
	/* The right one, at last */
	pri_resp(test, m, f.sid, P_NO_SSID, 9, P_RESP_SUCCESS);
	KUNIT_EXPECT_EQ(test, smmu_model_wait_prg_response(f.mm, P_NO_SSID, 9,
							   1000),
			SMMU_MODEL_PRG_SUCCESS);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).responses, 5);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).unexpected_responses, 3);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).outstanding, 0);
	smmu_model_expect_clean(test, m);
}

/* The test as a PRI handler: each request mapped (or not), then answered */
struct pri_responder {
	struct kunit		*test;
	struct pri_q		*q;
	struct pri_fn		*f;
	struct iommu_domain	*dom;
	phys_addr_t		pa;
	u8			resp;		/* P_RESP_* */
	unsigned int		handled;
};

static int pri_responder_fn(void *data)
{
	struct pri_responder *r = data;
	struct smmu_model_ppr ppr;

	while (!kthread_should_stop()) {
		if (!priq_pop(r->q, &ppr, NULL)) {
			usleep_range(500, 1000);
			continue;
		}
		if (READ_ONCE(r->resp) == P_RESP_SUCCESS &&
		    iommu_map(r->dom, ppr.addr, r->pa, SZ_4K,
			      IOMMU_READ | IOMMU_WRITE, GFP_KERNEL))
			continue;
		if (ppr.last &&
		    pri_resp_issue(r->q->m, ppr.sid,
				   ppr.ssv ? ppr.ssid : P_NO_SSID, ppr.grpid,
				   READ_ONCE(r->resp)))
			continue;
		WRITE_ONCE(r->handled, r->handled + 1);
	}
	return 0;
}

/*
 * SMMU_MODEL_DMA_PRI: a Translated DMA to an unmapped page makes the
 * function ask for it, and once the page is mapped and the group answered
 * Success, the access goes through; InvalidRequest ends it with -EACCES.
 */
static void pri_dma_round_trip(struct kunit *test)
{
	struct smmu_model *m = pri_model(test, &smmu_model_full);
	const unsigned int flags = SMMU_MODEL_DMA_TRANSLATED |
				   SMMU_MODEL_DMA_PRI;
	struct pri_responder resp = { .test = test, .resp = P_RESP_SUCCESS };
	struct smmu_model_dma_result r;
	struct iommu_group *group;
	struct task_struct *t;
	struct pri_fn f;
	struct pri_q *q;
	u8 *page, got[16];
	int ret;

	page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	memset(page, 0x5a, 16);
	pri_fn_add(test, m, &f, 0, true);
	q = priq_setup(test, m, 3);
	pri_fn_enable(test, &f, 8);
	group = f.pdev->dev.iommu_group;
	KUNIT_ASSERT_EQ(test, iommu_group_claim_dma_owner(group, test), 0);
	resp.dom = iommu_paging_domain_alloc(&f.pdev->dev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(resp.dom));
	KUNIT_ASSERT_EQ(test, iommu_attach_group(resp.dom, group), 0);
	resp.q = q;
	resp.f = &f;
	resp.pa = virt_to_phys(page);

	/* Without PRI the device gives up at once */
	KUNIT_EXPECT_EQ(test, smmu_model_dma(f.mm, 0, P_NO_SSID, P_IOVA, got,
					     sizeof(got),
					     SMMU_MODEL_DMA_TRANSLATED, &r),
			-EACCES);
	KUNIT_EXPECT_EQ(test, r.prg_code, SMMU_MODEL_PRG_NONE);

	t = kthread_run(pri_responder_fn, &resp, "pri-responder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	ret = smmu_model_dma(f.mm, 0, P_NO_SSID, P_IOVA, got, sizeof(got),
			     flags, &r);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, r.page_requests, 1);
	KUNIT_EXPECT_EQ(test, r.prg_code, SMMU_MODEL_PRG_SUCCESS);
	KUNIT_EXPECT_TRUE(test, r.atc_hit || r.tr_status == SMMU_MODEL_TC_SUCCESS);
	if (!ret)
		KUNIT_EXPECT_MEMEQ(test, got, page, sizeof(got));

	/* Refused: InvalidRequest, the access fails after one round */
	WRITE_ONCE(resp.resp, P_RESP_INVALID);
	ret = smmu_model_dma(f.mm, 0, P_NO_SSID, P_IOVA + SZ_4K, got,
			     sizeof(got), flags, &r);
	kthread_stop(t);
	KUNIT_EXPECT_EQ(test, ret, -EACCES);
	KUNIT_EXPECT_EQ(test, r.page_requests, 1);
	KUNIT_EXPECT_EQ(test, r.prg_code, SMMU_MODEL_PRG_INVALID);
	KUNIT_EXPECT_EQ(test, resp.handled, 2);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).outstanding, 0);
	KUNIT_EXPECT_EQ(test, pri_counts(&f).unexpected_responses, 0);

	iommu_detach_group(NULL, group);
	iommu_group_release_dma_owner(group);
	iommu_domain_free(resp.dom);
	smmu_model_expect_clean(test, m);
}

static struct kunit_case arm_smmu_v3_model_pri_cases[] = {
	KUNIT_CASE(pri_entries_carry_every_field),
	KUNIT_CASE(pri_queue_wraps),
	KUNIT_CASE(pri_overflow_auto_responds_until_acked),
	KUNIT_CASE(pri_overflow_pasid_follows_ste_ppar),
	KUNIT_CASE(pri_stop_marker_in_overflow_gets_no_response),
	KUNIT_CASE(pri_disabled_sends_nothing),
	KUNIT_CASE(pri_allocation_is_respected),
	KUNIT_CASE(pri_responses_reach_their_group),
	KUNIT_CASE(pri_dma_round_trip),
	{}
};

static struct kunit_suite arm_smmu_v3_model_pri_suite = {
	.name = "arm_smmu_v3_model_pri",
	.test_cases = arm_smmu_v3_model_pri_cases,
};

kunit_test_suites(&arm_smmu_v3_model_pri_suite);
