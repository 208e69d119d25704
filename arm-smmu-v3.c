// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 driver core: the SMMU itself.
 *
 * Theory of operation
 *
 * Owns: the module parameters, ID register discovery and what is refused,
 * the event queue and GERROR handlers, reset (quiesce, program, enable),
 * the SMMU's interrupts and MSIs, probe and removal, and the list of SMMUs
 * masters find theirs in.
 * Calls: the stream table (arm-smmu-v3-tables.c), the command queue
 * (arm-smmu-v3-cmdq.c), the I/O page fault layer (arm-smmu-v3-iopf.c: its
 * PRI queue thread, and stalled events it may report); registers the
 * iommu_ops of arm-smmu-v3-domain.c.
 *
 * Vocabulary
 *   master     a device behind the SMMU, with one or more StreamIDs
 *   attach     one (master, SSID) a paging domain is installed at; a domain
 *              keeps its attaches in a list that drives ATC invalidation
 *   writer     a struct arm_smmu_entry_writer whose sync is CFGI_STE (one
 *              StreamID) or CFGI_CD (every StreamID of the master, one
 *              SSID) followed by CMD_SYNC
 *
 * Lock order: iommu group mutex -> iopf lock -> domain init lock ->
 * arm_smmu_asid_lock -> domain devices lock -> command queue (lock-free).
 * Documentation/locking.rst has the details.
 */
#include <linux/acpi.h>
#include <linux/acpi_iort.h>
#include <linux/crash_dump.h>
#include <linux/delay.h>
#include <linux/devm-helpers.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/msi.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/platform_device.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string_choices.h>
#include <kunit/visibility.h>

#include "arm-smmu-v3.h"

#define ARM_SMMU_ACK_TIMEOUT_US		100000
#define ARM_SMMU_CMDQ_MAX_SHIFT		12	/* 4096 commands, 64KB */
#define ARM_SMMU_EVTQ_MAX_SHIFT		11	/* 2048 events, 64KB */
#define ARM_SMMU_PRIQ_MAX_SHIFT		12	/* 4096 page requests, 64KB */

static bool disable_bypass = true;
module_param(disable_bypass, bool, 0444);
MODULE_PARM_DESC(disable_bypass,
		 "Abort traffic from unknown StreamIDs and while the SMMU is disabled (default: true). false lets it bypass translation; an SMMU that failed aborts regardless.");

static bool disable_msi;
module_param(disable_msi, bool, 0444);
MODULE_PARM_DESC(disable_msi,
		 "Never use MSIs: poll CONS to complete CMD_SYNC and use wired interrupts (default: false).");

static bool force_l2_strtab;
module_param(force_l2_strtab, bool, 0444);
MODULE_PARM_DESC(force_l2_strtab,
		 "Use a two-level stream table whenever the SMMU supports one, even for 256 StreamIDs or fewer (default: false).");

static unsigned int strtab_linear_bits;

static int strtab_linear_bits_set(const char *val,
				  const struct kernel_param *kp)
{
	int ret = param_set_uint_minmax(val, kp, 0,
					ARM_SMMU_STRTAB_LINEAR_MAX_BITS);

	if (ret)
		pr_err(KBUILD_MODNAME ": strtab_linear_bits=%s: want 0 (automatic) to %u\n",
		       val, ARM_SMMU_STRTAB_LINEAR_MAX_BITS);
	return ret;
}

static const struct kernel_param_ops strtab_linear_bits_ops = {
	.set	= strtab_linear_bits_set,
	.get	= param_get_uint,
};
module_param_cb(strtab_linear_bits, &strtab_linear_bits_ops,
		&strtab_linear_bits, 0444);
MODULE_PARM_DESC(strtab_linear_bits,
		 "Debug: use a linear stream table of 2^N StreamIDs (1-16) whatever the SMMU supports; StreamIDs beyond are refused (default: 0, automatic).");

/* ------------------------------------------------------------------------
 * ID registers (IHI0070 6.3.1 - 6.3.6)
 */

static u8 arm_smmu_oas_bits(u32 oas)
{
	return arm_smmu_addr_size_bits(oas) ?: 48;
}

/**
 * arm_smmu_parse_idr() - decode the ID registers into features
 * @idr: IDR0..IDR5 as read with 32-bit accesses (IDR2 and IDR4 unused)
 * @f: output
 * @why: on failure, what is missing
 *
 * Policy (module parameters, firmware) is applied by the caller; this only
 * says what the hardware offers and refuses what the driver cannot drive.
 *
 * Return: 0, or -ENODEV when the SMMU is unusable by this driver.
 */
VISIBLE_IF_KUNIT int arm_smmu_parse_idr(const u32 *idr,
					struct arm_smmu_features *f,
					const char **why)
{
	u32 idr0 = idr[0], idr1 = idr[1], idr3 = idr[3], idr5 = idr[5];
	u32 ttf = FIELD_GET(IDR0_TTF, idr0);

	memset(f, 0, sizeof(*f));
	*why = NULL;

	f->s1 = idr0 & IDR0_S1P;
	f->s2 = idr0 & IDR0_S2P;
	if (!f->s1 && !f->s2) {
		*why = "no translation stage";
		return -ENODEV;
	}
	if (ttf != IDR0_TTF_AARCH64 && ttf != IDR0_TTF_AARCH32_64) {
		*why = "no AArch64 translation table format";
		return -ENODEV;
	}
	switch (FIELD_GET(IDR0_TTENDIAN, idr0)) {
	case IDR0_TTENDIAN_MIXED:
		break;
	case IDR0_TTENDIAN_LE:
		if (IS_ENABLED(CONFIG_CPU_BIG_ENDIAN)) {
			*why = "little-endian tables only, kernel is big-endian";
			return -ENODEV;
		}
		break;
	case IDR0_TTENDIAN_BE:
		if (!IS_ENABLED(CONFIG_CPU_BIG_ENDIAN)) {
			*why = "big-endian tables only, kernel is little-endian";
			return -ENODEV;
		}
		break;
	default:
		*why = "reserved TTENDIAN";
		return -ENODEV;
	}

	f->coherent = idr0 & IDR0_COHACC;
	f->asid_bits = (idr0 & IDR0_ASID16) ? 16 : 8;
	f->vmid_bits = (idr0 & IDR0_VMID16) ? 16 : 8;
	f->strtab_2lvl = FIELD_GET(IDR0_ST_LEVEL, idr0) == IDR0_ST_LEVEL_2LVL;
	f->cd_2lvl = idr0 & IDR0_CD2L;
	f->hyp = idr0 & IDR0_HYP;
	f->msi = idr0 & IDR0_MSI;
	f->ats = idr0 & IDR0_ATS;
	f->httu = FIELD_GET(IDR0_HTTU, idr0);
	if (f->httu == 0x3) {
		*why = "reserved HTTU";
		return -ENODEV;
	}
	f->pri = idr0 & IDR0_PRI;
	f->stall_model = FIELD_GET(IDR0_STALL_MODEL, idr0);
	if (f->stall_model == 0x3) {
		*why = "reserved STALL_MODEL";
		return -ENODEV;
	}

	if (idr1 & (IDR1_TABLES_PRESET | IDR1_QUEUES_PRESET | IDR1_REL)) {
		*why = "embedded implementation (preset tables or queues)";
		return -ENODEV;
	}
	f->sid_bits = FIELD_GET(IDR1_SIDSIZE, idr1);
	f->ssid_bits = FIELD_GET(IDR1_SSIDSIZE, idr1);
	f->cmdq_shift = FIELD_GET(IDR1_CMDQS, idr1);
	f->evtq_shift = FIELD_GET(IDR1_EVTQS, idr1);
	f->priq_shift = FIELD_GET(IDR1_PRIQS, idr1);
	if (f->sid_bits > 32 || f->ssid_bits > 20 || f->cmdq_shift > 19 ||
	    f->evtq_shift > 19) {
		*why = "IDR1 field out of range";
		return -ENODEV;
	}
	/* Batches of a few dozen commands plus a CMD_SYNC must fit. */
	if (f->cmdq_shift < 7) {
		*why = "command queue smaller than 128 entries";
		return -ENODEV;
	}
	if (!f->evtq_shift) {
		*why = "no event queue";
		return -ENODEV;
	}

	f->ril = idr3 & IDR3_RIL;

	f->oas = arm_smmu_oas_bits(FIELD_GET(IDR5_OAS, idr5));
	f->vax = FIELD_GET(IDR5_VAX, idr5) == 1;	/* 0b01: 52-bit VAs */
	if (idr5 & IDR5_GRAN4K)
		f->pgsize_bitmap |= SZ_4K | SZ_2M | SZ_1G;
	if (idr5 & IDR5_GRAN16K)
		f->pgsize_bitmap |= SZ_16K | SZ_32M;
	if (idr5 & IDR5_GRAN64K)
		f->pgsize_bitmap |= SZ_64K | SZ_512M;
	if (!f->pgsize_bitmap) {
		*why = "no translation granule";
		return -ENODEV;
	}
	/* The DMA API's IOVA allocator needs a granule of at most a page */
	if (__ffs(f->pgsize_bitmap) > PAGE_SHIFT) {
		*why = "no translation granule as small as the CPU's pages";
		return -ENODEV;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_parse_idr);

/* ------------------------------------------------------------------------
 * Events (IHI0070 7.3)
 */

/**
 * arm_smmu_event_name() - architectural name of an event type
 * @id: event type
 *
 * Return: e.g. "F_TRANSLATION"; "IMPDEF" or "UNKNOWN" for others.
 */
VISIBLE_IF_KUNIT const char *arm_smmu_event_name(u8 id)
{
	switch (id) {
	case EVT_ID_F_UUT:			return "F_UUT";
	case EVT_ID_C_BAD_STREAMID:		return "C_BAD_STREAMID";
	case EVT_ID_F_STE_FETCH:		return "F_STE_FETCH";
	case EVT_ID_C_BAD_STE:			return "C_BAD_STE";
	case EVT_ID_F_BAD_ATS_TREQ:		return "F_BAD_ATS_TREQ";
	case EVT_ID_F_STREAM_DISABLED:		return "F_STREAM_DISABLED";
	case EVT_ID_F_TRANSL_FORBIDDEN:		return "F_TRANSL_FORBIDDEN";
	case EVT_ID_C_BAD_SUBSTREAMID:		return "C_BAD_SUBSTREAMID";
	case EVT_ID_F_CD_FETCH:			return "F_CD_FETCH";
	case EVT_ID_C_BAD_CD:			return "C_BAD_CD";
	case EVT_ID_F_WALK_EABT:		return "F_WALK_EABT";
	case EVT_ID_F_TRANSLATION:		return "F_TRANSLATION";
	case EVT_ID_F_ADDR_SIZE:		return "F_ADDR_SIZE";
	case EVT_ID_F_ACCESS:			return "F_ACCESS";
	case EVT_ID_F_PERMISSION:		return "F_PERMISSION";
	case EVT_ID_F_TLB_CONFLICT:		return "F_TLB_CONFLICT";
	case EVT_ID_F_CFG_CONFLICT:		return "F_CFG_CONFLICT";
	case EVT_ID_E_PAGE_REQUEST:		return "E_PAGE_REQUEST";
	case EVT_ID_F_VMS_FETCH:		return "F_VMS_FETCH";
	}
	return (id >= 0xe0 && id <= 0xef) ? "IMPDEF" : "UNKNOWN";
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_event_name);

/**
 * arm_smmu_decode_event() - decode a raw event record
 * @raw: the four qwords as the SMMU wrote them
 * @evt: output
 */
VISIBLE_IF_KUNIT void arm_smmu_decode_event(const __le64 *raw,
					    struct arm_smmu_event *evt)
{
	u64 w0 = le64_to_cpu(raw[0]), w1 = le64_to_cpu(raw[1]);
	u64 w2 = le64_to_cpu(raw[2]), w3 = le64_to_cpu(raw[3]);

	memset(evt, 0, sizeof(*evt));
	evt->id = FIELD_GET(EVT_0_ID, w0);
	evt->name = arm_smmu_event_name(evt->id);
	evt->sid = FIELD_GET(EVT_0_SID, w0);
	evt->ssv = w0 & EVT_0_SSV;
	/* IHI0070 7.3.9: C_BAD_SUBSTREAMID's SubstreamID is always valid */
	if (evt->id == EVT_ID_C_BAD_SUBSTREAMID)
		evt->ssv = true;
	evt->ssid = evt->ssv ? FIELD_GET(EVT_0_SSID, w0) : 0;

	switch (evt->id) {
	case EVT_ID_F_UUT:
	case EVT_ID_F_BAD_ATS_TREQ:
	case EVT_ID_F_TRANSL_FORBIDDEN:
	case EVT_ID_F_WALK_EABT:
	case EVT_ID_F_TRANSLATION:
	case EVT_ID_F_ADDR_SIZE:
	case EVT_ID_F_ACCESS:
	case EVT_ID_F_PERMISSION:
	case EVT_ID_F_TLB_CONFLICT:
		evt->has_addr = true;
		evt->addr = w2;
		evt->has_access = true;
		evt->read = w1 & EVT_1_RNW;
		evt->priv = w1 & EVT_1_PNU;
		evt->exec = w1 & EVT_1_IND;
		evt->stall = w1 & EVT_1_STALL;
		evt->stag = FIELD_GET(EVT_1_STAG, w1);
		evt->s2 = w1 & EVT_1_S2;
		break;
	case EVT_ID_F_STE_FETCH:
	case EVT_ID_F_CD_FETCH:
	case EVT_ID_F_VMS_FETCH:
		evt->has_addr = true;
		evt->addr = w3 & EVT_3_FETCH_ADDR;
		break;
	case EVT_ID_E_PAGE_REQUEST:
		evt->has_addr = true;
		evt->addr = w2;
		break;
	}
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_decode_event);

/**
 * arm_smmu_format_event() - one readable line for a decoded event
 * @evt: the event
 * @buf: output, NUL-terminated
 * @len: size of @buf
 *
 * Return: characters written, without the NUL.
 */
VISIBLE_IF_KUNIT int arm_smmu_format_event(const struct arm_smmu_event *evt,
					   char *buf, size_t len)
{
	bool fetch = evt->id == EVT_ID_F_STE_FETCH ||
		     evt->id == EVT_ID_F_CD_FETCH ||
		     evt->id == EVT_ID_F_VMS_FETCH;
	int n;

	n = scnprintf(buf, len, "%s (0x%02x) sid 0x%x", evt->name, evt->id,
		      evt->sid);
	if (evt->ssv)
		n += scnprintf(buf + n, len - n, " ssid 0x%x", evt->ssid);
	if (evt->has_addr)
		n += scnprintf(buf + n, len - n, " %s 0x%llx",
			       fetch ? "fetch" : "iova", evt->addr);
	if (evt->has_access)
		n += scnprintf(buf + n, len - n, " %s %s %s%s%s",
			       str_read_write(evt->read),
			       evt->priv ? "priv" : "unpriv",
			       evt->exec ? "exec" : "data",
			       evt->s2 ? " stage-2" : "",
			       evt->stall ? " stalled" : "");
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_format_event);

static void arm_smmu_dump_ste(struct arm_smmu_device *smmu, u32 sid)
{
	struct arm_smmu_strtab *st = &smmu->strtab;
	struct arm_smmu_ste *ste;

	if (sid >= (1ULL << st->sid_bits) ||
	    (st->two_level && !READ_ONCE(st->l2[arm_smmu_strtab_l1_idx(sid)])))
		return;
	ste = arm_smmu_get_ste(smmu, sid);
	dev_err(smmu->dev, "  STE 0x%x: %016llx %016llx %016llx %016llx\n",
		sid, le64_to_cpu(ste->data[0]), le64_to_cpu(ste->data[1]),
		le64_to_cpu(ste->data[2]), le64_to_cpu(ste->data[3]));
}

static void arm_smmu_report_event(struct arm_smmu_device *smmu,
				  const __le64 *raw)
{
	struct arm_smmu_event evt;
	struct arm_smmu_master *master;
	char line[160], who[48] = "unknown device";
	struct arm_smmu_cmd cmd;

	arm_smmu_decode_event(raw, &evt);
	/* A recoverable fault the IOPF layer took is no error */
	if (evt.stall && arm_smmu_iopf_stall(smmu, &evt))
		return;
	if (!__ratelimit(&smmu->evtq.report_rs))
		goto out_resume;
	arm_smmu_format_event(&evt, line, sizeof(line));

	xa_lock(&smmu->streams);
	master = xa_load(&smmu->streams, evt.sid);
	if (master)
		strscpy(who, dev_name(master->dev), sizeof(who));
	xa_unlock(&smmu->streams);

	dev_err(smmu->dev, "event %s [%s]\n", line, who);
	if (evt.id == EVT_ID_C_BAD_STE)
		arm_smmu_dump_ste(smmu, evt.sid);

out_resume:
	/* Nobody handles this stall: never leave it stalled. */
	if (evt.stall) {
		arm_smmu_cmd_resume(&cmd, evt.sid, evt.stag, true);
		arm_smmu_cmdq_issue(smmu, &cmd, 1, false);
	}
}

static u32 arm_smmu_q_next(u32 shift, u32 reg)
{
	return (reg & Q_OVERFLOW_FLAG) | arm_smmu_q_reg(shift, (reg & GENMASK(shift, 0)) + 1);
}

/*
 * Events are handed back to the SMMU in passes of at most this many, so
 * that it has room again soon while a device floods the queue.
 */
#define ARM_SMMU_EVTQ_PASS		64

static irqreturn_t arm_smmu_evtq_thread(int irq, void *cookie)
{
	struct arm_smmu_device *smmu = cookie;
	struct arm_smmu_queue *q = &smmu->evtq.q;
	u32 cons = smmu->evtq.cons, prod;
	unsigned int handled = 0, pass;
	__le64 raw[EVTQ_ENT_DWORDS];

	for (;;) {
		prod = readl(q->prod_reg);
		/*
		 * IHI0070 7.4: a second overflow cannot be signalled until
		 * this one is acknowledged, so OVACKFLG goes back with the
		 * first CONS write. Each episode is counted; the message
		 * carries the count, so that ratelimited ones are not lost.
		 */
		if ((prod ^ cons) & Q_OVERFLOW_FLAG) {
			WRITE_ONCE(smmu->evtq.nr_overflows,
				   smmu->evtq.nr_overflows + 1);
			dev_err_ratelimited(smmu->dev,
					    "event queue overflow %lu: events lost\n",
					    smmu->evtq.nr_overflows);
			cons = (cons & ~Q_OVERFLOW_FLAG) |
			       (prod & Q_OVERFLOW_FLAG);
		}
		if (!arm_smmu_q_used(q->shift, prod, cons))
			break;
		for (pass = 0; pass < ARM_SMMU_EVTQ_PASS &&
		     arm_smmu_q_used(q->shift, prod, cons); pass++) {
			memcpy(raw, q->base + arm_smmu_q_idx(q->shift, cons) *
			       EVTQ_ENT_DWORDS, sizeof(raw));
			cons = arm_smmu_q_next(q->shift, cons);
			arm_smmu_report_event(smmu, raw);
		}
		handled += pass;
		WRITE_ONCE(smmu->evtq.nr_events, smmu->evtq.nr_events + pass);
		/* Entries are read before the slots are handed back. */
		mb();
		writel_relaxed(cons, q->cons_reg);
		/* A device faulting in a loop must not monopolise a CPU. */
		cond_resched();
	}
	writel_relaxed(cons, q->cons_reg);
	smmu->evtq.cons = cons;
	return handled ? IRQ_HANDLED : IRQ_NONE;
}

/* Hard IRQ context: see "Interrupts" below for why not a thread. */
static irqreturn_t arm_smmu_gerror_irq(int irq, void *cookie)
{
	struct arm_smmu_device *smmu = cookie;
	u32 gerror = readl_relaxed(smmu->base + ARM_SMMU_GERROR);
	u32 gerrorn = readl_relaxed(smmu->base + ARM_SMMU_GERRORN);
	u32 active = (gerror ^ gerrorn) & GERROR_ALL;

	if (!active)
		return IRQ_NONE;

	dev_err_ratelimited(smmu->dev, "global error 0x%x%s%s%s%s%s\n", active,
			    active & GERROR_SFM_ERR ?
				" SFM_ERR (service failure mode: translation stopped)" : "",
			    active & GERROR_CMDQ_ERR ? " CMDQ_ERR" : "",
			    active & GERROR_EVTQ_ABT_ERR ?
				" EVTQ_ABT_ERR (events lost)" : "",
			    active & GERROR_PRIQ_ABT_ERR ?
				" PRIQ_ABT_ERR (page requests lost)" : "",
			    active & GERROR_MSI_ABT_ALL ? " MSI write abort" : "");

	if (active & GERROR_CMDQ_ERR)
		arm_smmu_cmdq_handle_error(smmu);
	if (active & GERROR_MSI_CMDQ_ABT_ERR)
		arm_smmu_cmdq_msi_aborted(smmu);
	/* Disabling waits for acknowledgements: not in hard IRQ context */
	if (active & GERROR_SFM_ERR)
		schedule_work(&smmu->sfm_work);

	/* Acknowledging CMDQ_ERR lets the queue resume (IHI0070 7.1). */
	writel(gerror, smmu->base + ARM_SMMU_GERRORN);
	return IRQ_HANDLED;
}

/* One wired line for all: errors now, events and page requests in the thread. */
static irqreturn_t arm_smmu_combined_irq(int irq, void *cookie)
{
	arm_smmu_gerror_irq(irq, cookie);
	return IRQ_WAKE_THREAD;
}

static irqreturn_t arm_smmu_combined_thread(int irq, void *cookie)
{
	struct arm_smmu_device *smmu = cookie;
	irqreturn_t ret = arm_smmu_evtq_thread(irq, cookie);

	if (smmu->priq.q.base && arm_smmu_priq_thread(irq, cookie) == IRQ_HANDLED)
		ret = IRQ_HANDLED;
	return ret;
}

/* ------------------------------------------------------------------------
 * Reset
 *
 * Acknowledgements are polled without sleeping: a submitter that finds the
 * SMMU dead turns it off from whatever context it is in.
 */

static int arm_smmu_write_acked(struct arm_smmu_device *smmu, u32 val,
				u32 reg, u32 ack_reg)
{
	u32 ack;
	int ret;

	writel_relaxed(val, smmu->base + reg);
	ret = readl_relaxed_poll_timeout_atomic(smmu->base + ack_reg, ack,
						ack == val, 1,
						ARM_SMMU_ACK_TIMEOUT_US);
	if (ret)
		dev_err(smmu->dev, "register 0x%x: no acknowledgment of 0x%x: %pe\n",
			reg, val, ERR_PTR(ret));
	return ret;
}

/* IHI0070 6.3.12: GBPA changes through its UPDATE handshake. */
static int arm_smmu_set_gbpa(struct arm_smmu_device *smmu, bool abort)
{
	void __iomem *gbpa = smmu->base + ARM_SMMU_GBPA;
	u32 val;
	int ret;

	ret = readl_relaxed_poll_timeout_atomic(gbpa, val,
						!(val & GBPA_UPDATE), 1,
						ARM_SMMU_ACK_TIMEOUT_US);
	if (ret)
		goto out_err;
	if (!!(val & GBPA_ABORT) == abort)
		return 0;
	val = abort ? (val | GBPA_ABORT) : (val & ~GBPA_ABORT);
	writel_relaxed(val | GBPA_UPDATE, gbpa);
	ret = readl_relaxed_poll_timeout_atomic(gbpa, val,
						!(val & GBPA_UPDATE), 1,
						ARM_SMMU_ACK_TIMEOUT_US);
	if (!ret)
		return 0;
out_err:
	dev_err(smmu->dev, "GBPA update timed out: %pe\n", ERR_PTR(ret));
	return ret;
}

/*
 * Stop translating, bypassing traffic aborted when @abort, else let through.
 * GBPA is set first, so no transaction slips through between the two steps
 * (IHI0070 6.3.9.6: with SMMUEN == 0 GBPA alone decides).
 */
static void arm_smmu_stop(struct arm_smmu_device *smmu, bool abort)
{
	arm_smmu_write_acked(smmu, 0, ARM_SMMU_IRQ_CTRL, ARM_SMMU_IRQ_CTRLACK);
	arm_smmu_set_gbpa(smmu, abort);
	arm_smmu_write_acked(smmu, 0, ARM_SMMU_CR0, ARM_SMMU_CR0ACK);
}

/* Stop translating as the disable_bypass parameter says */
static void arm_smmu_disable(struct arm_smmu_device *smmu)
{
	arm_smmu_stop(smmu, disable_bypass);
}

/**
 * arm_smmu_device_fail() - turn off an SMMU that stopped working
 * @smmu: the SMMU
 * @why: what happened, for the report
 *
 * An SMMU that no longer consumes commands, or is in service failure mode
 * (IHI0070 7.5), cannot have its TLBs and configuration caches invalidated:
 * what it translates with may point at memory freed since. So it is turned
 * off with GBPA aborting, whatever disable_bypass says, and every
 * transaction through it aborts rather than using a stale translation. The
 * command queue refuses all submissions from now on (arm_smmu_cmdq_kill());
 * only a reset (unbinding and binding the driver, or a reboot) brings the
 * SMMU back. The driver can still be unbound and unloaded.
 *
 * Context: any; never sleeps. Only the first call does anything.
 */
void arm_smmu_device_fail(struct arm_smmu_device *smmu, const char *why)
{
	if (!arm_smmu_cmdq_kill(smmu, why))
		return;
	arm_smmu_stop(smmu, true);
	dev_err(smmu->dev, "SMMU disabled: DMA through it aborts until it is reset\n");
}

static void arm_smmu_sfm_work(struct work_struct *work)
{
	struct arm_smmu_device *smmu = container_of(work, struct arm_smmu_device,
						    sfm_work);

	arm_smmu_device_fail(smmu, "service failure mode");
}

static int arm_smmu_enable_bits(struct arm_smmu_device *smmu, u32 *cr0,
				u32 bits)
{
	*cr0 |= bits;
	return arm_smmu_write_acked(smmu, *cr0, ARM_SMMU_CR0, ARM_SMMU_CR0ACK);
}

static int arm_smmu_invalidate_all(struct arm_smmu_device *smmu)
{
	struct arm_smmu_batch batch;
	struct arm_smmu_cmd cmd;

	arm_smmu_batch_init(&batch, smmu);
	arm_smmu_cmd_cfgi_all(&cmd);
	arm_smmu_batch_add(&batch, &cmd);
	if (smmu->feat.hyp) {
		arm_smmu_cmd_tlbi_el2_all(&cmd);
		arm_smmu_batch_add(&batch, &cmd);
	}
	arm_smmu_cmd_tlbi_nsnh_all(&cmd);
	arm_smmu_batch_add(&batch, &cmd);
	return arm_smmu_batch_submit(&batch);
}

/*
 * Reset, step 1: take the SMMU from whatever state firmware or a previous
 * kernel left it in to disabled and silent, aborting all traffic.
 *
 * An SMMU found enabled (firmware DMA protection, kexec, kdump) is made to
 * abort through GBPA before SMMUEN is cleared, so that nothing bypasses
 * translation in between. Interrupts are disabled and old errors
 * acknowledged before any handler is requested, so that a stale interrupt
 * finds nothing to act on.
 */
static int arm_smmu_device_quiesce(struct arm_smmu_device *smmu)
{
	int ret;

	if (readl_relaxed(smmu->base + ARM_SMMU_CR0) & CR0_SMMUEN) {
		dev_info(smmu->dev, "SMMU already enabled: resetting it\n");
		ret = arm_smmu_set_gbpa(smmu, true);
		if (ret)
			return ret;
	}
	ret = arm_smmu_write_acked(smmu, 0, ARM_SMMU_CR0, ARM_SMMU_CR0ACK);
	if (!ret)
		ret = arm_smmu_set_gbpa(smmu, true);
	if (!ret)
		ret = arm_smmu_write_acked(smmu, 0, ARM_SMMU_IRQ_CTRL,
					   ARM_SMMU_IRQ_CTRLACK);
	if (ret)
		return ret;
	/* Forget errors left over from before us. */
	writel_relaxed(readl_relaxed(smmu->base + ARM_SMMU_GERROR),
		       smmu->base + ARM_SMMU_GERRORN);
	return 0;
}

/*
 * Reset, step 2, with the SMMU quiesced: point it at our tables and
 * queues, empty. Nothing is enabled yet.
 */
static void arm_smmu_device_program(struct arm_smmu_device *smmu)
{
	u32 sh = smmu->coherent ? CR1_SH_ISH : CR1_SH_OSH;
	u32 cache = smmu->coherent ? CR1_CACHE_WB : CR1_CACHE_NC;

	writel_relaxed(FIELD_PREP(CR1_TABLE_SH, sh) |
		       FIELD_PREP(CR1_TABLE_OC, cache) |
		       FIELD_PREP(CR1_TABLE_IC, cache) |
		       FIELD_PREP(CR1_QUEUE_SH, sh) |
		       FIELD_PREP(CR1_QUEUE_OC, cache) |
		       FIELD_PREP(CR1_QUEUE_IC, cache),
		       smmu->base + ARM_SMMU_CR1);
	writel_relaxed(CR2_PTM | CR2_RECINVSID, smmu->base + ARM_SMMU_CR2);

	writeq_relaxed(STRTAB_BASE_RA | (smmu->strtab.dma & STRTAB_BASE_ADDR),
		       smmu->base + ARM_SMMU_STRTAB_BASE);
	writel_relaxed(smmu->strtab.base_cfg,
		       smmu->base + ARM_SMMU_STRTAB_BASE_CFG);

	writeq_relaxed(smmu->cmdq.q.base_reg, smmu->base + ARM_SMMU_CMDQ_BASE);
	writel_relaxed(0, smmu->cmdq.q.prod_reg);
	writel_relaxed(0, smmu->cmdq.q.cons_reg);
	arm_smmu_cmdq_reset(smmu);

	writeq_relaxed(smmu->evtq.q.base_reg, smmu->base + ARM_SMMU_EVTQ_BASE);
	writel_relaxed(0, smmu->evtq.q.prod_reg);
	writel_relaxed(0, smmu->evtq.q.cons_reg);
	smmu->evtq.cons = 0;

	if (smmu->priq.q.base) {
		writeq_relaxed(smmu->priq.q.base_reg,
			       smmu->base + ARM_SMMU_PRIQ_BASE);
		writel_relaxed(0, smmu->priq.q.prod_reg);
		writel_relaxed(0, smmu->priq.q.cons_reg);
		smmu->priq.cons = 0;
	}
}

/*
 * Reset, step 3, with the interrupt handlers in place: IHI0070 3.15 order.
 * The command queue first, to invalidate every cached configuration and
 * translation, then the event queue and its interrupts, translation last.
 * ATSCHK goes in with the command queue, before the invalidation that makes
 * the SMMU read every STE anew (IHI0070 6.3.9.2): ATS Translated traffic is
 * then checked against STE.EATS instead of passing unchecked.
 */
static int arm_smmu_device_enable(struct arm_smmu_device *smmu)
{
	u32 cr0 = 0, irqs = 0;
	int ret;

	ret = arm_smmu_enable_bits(smmu, &cr0, CR0_CMDQEN |
				   (smmu->feat.ats ? CR0_ATSCHK : 0));
	if (!ret)
		ret = arm_smmu_invalidate_all(smmu);
	/*
	 * A crash kernel inherits devices still doing DMA for the kernel that
	 * crashed; their faults would only flood the log. No event queue.
	 */
	if (!ret && !is_kdump_kernel())
		ret = arm_smmu_enable_bits(smmu, &cr0, CR0_EVTQEN);
	/*
	 * The PRI queue only where the IOPF layer runs it; otherwise PRIQEN
	 * stays 0 and the SMMU answers every Page Request with Response
	 * Failure itself (IHI0070 8.2).
	 */
	if (!ret && smmu->priq.q.base && !is_kdump_kernel())
		ret = arm_smmu_enable_bits(smmu, &cr0, CR0_PRIQEN);
	if (ret)
		return ret;

	if ((cr0 & CR0_EVTQEN) &&
	    (smmu->evtq_irq > 0 || smmu->combined_irq > 0))
		irqs |= IRQ_CTRL_EVTQ_IRQEN;
	if ((cr0 & CR0_PRIQEN) &&
	    (smmu->priq_irq > 0 || smmu->combined_irq > 0))
		irqs |= IRQ_CTRL_PRIQ_IRQEN;
	irqs |= IRQ_CTRL_GERROR_IRQEN;
	ret = arm_smmu_write_acked(smmu, irqs, ARM_SMMU_IRQ_CTRL,
				   ARM_SMMU_IRQ_CTRLACK);
	if (ret)
		return ret;
	return arm_smmu_enable_bits(smmu, &cr0, CR0_SMMUEN);
}

/* ------------------------------------------------------------------------
 * Interrupts: wired (combined, or eventq + priq + gerror), or MSIs that the
 * SMMU writes itself when it has IDR0.MSI and the firmware gives it an MSI
 * domain. The PRI queue's interrupt is requested only while the driver
 * runs the PRI queue (arm-smmu-v3-iopf.c).
 *
 * GERROR is handled in hard IRQ context: a command error stops the command
 * queue, and its repair must not wait behind a thread that a device
 * flooding the event queue, or a submitter spinning on the thread's CPU,
 * keeps from running.
 */

/* The PRI queue's MSI comes last: it is allocated only with a PRI queue */
enum arm_smmu_msi_index {
	ARM_SMMU_MSI_EVTQ,
	ARM_SMMU_MSI_GERROR,
	ARM_SMMU_MSI_PRIQ,
	ARM_SMMU_MSI_NR,
};

static const unsigned long arm_smmu_msi_cfg0[] = {
	[ARM_SMMU_MSI_EVTQ]	= ARM_SMMU_EVTQ_IRQ_CFG0,
	[ARM_SMMU_MSI_GERROR]	= ARM_SMMU_GERROR_IRQ_CFG0,
	[ARM_SMMU_MSI_PRIQ]	= ARM_SMMU_PRIQ_IRQ_CFG0,
};

/**
 * arm_smmu_msi_irq_cfg() - the MSI configuration registers for a message
 * @cfg: output
 * @addr: doorbell address of the MSI message
 * @data: its payload
 *
 * The SMMU writes @data as a 32-bit Device-nGnRE store to @addr, which
 * must be 32-bit aligned and within the 52 bits CFG0 can hold. Address 0
 * is the MSI core tearing the message down: all-zero registers, which
 * disable the MSI.
 *
 * Return: 0, or -EINVAL (and an all-zero @cfg) for an address the
 * registers cannot express.
 */
VISIBLE_IF_KUNIT int arm_smmu_msi_irq_cfg(struct arm_smmu_irq_cfg *cfg,
					  u64 addr, u32 data)
{
	memset(cfg, 0, sizeof(*cfg));
	if (!addr)
		return 0;
	if (addr & ~IRQ_CFG0_ADDR)
		return -EINVAL;
	cfg->cfg0 = addr;
	cfg->cfg1 = data;
	cfg->cfg2 = FIELD_PREP(IRQ_CFG2_MEMATTR, IRQ_CFG2_MEMATTR_DEVICE_NGNRE);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_msi_irq_cfg);

static void arm_smmu_write_irq_cfg(struct arm_smmu_device *smmu,
				   unsigned long cfg0,
				   const struct arm_smmu_irq_cfg *cfg)
{
	writeq_relaxed(cfg->cfg0, smmu->base + cfg0);
	writel_relaxed(cfg->cfg1, smmu->base + ARM_SMMU_IRQ_CFG1(cfg0));
	writel_relaxed(cfg->cfg2, smmu->base + ARM_SMMU_IRQ_CFG2(cfg0));
}

/* Called by the MSI core whenever a message is composed or changed. */
static void arm_smmu_write_msi_msg(struct msi_desc *desc, struct msi_msg *msg)
{
	struct device *dev = msi_desc_to_dev(desc);
	struct arm_smmu_device *smmu = dev_get_drvdata(dev);
	u64 addr = ((u64)msg->address_hi << 32) | msg->address_lo;
	struct arm_smmu_irq_cfg cfg;

	if (desc->msi_index >= ARM_SMMU_MSI_NR)
		return;
	if (arm_smmu_msi_irq_cfg(&cfg, addr, msg->data))
		dev_err_ratelimited(dev, "MSI %u: doorbell %#llx cannot be programmed; interrupt disabled\n",
				    desc->msi_index, addr);
	arm_smmu_write_irq_cfg(smmu, arm_smmu_msi_cfg0[desc->msi_index], &cfg);
}

static void arm_smmu_free_msis(void *dev)
{
	platform_device_msi_free_irqs_all(dev);
}

/*
 * Use MSIs when the SMMU can write them and an MSI domain exists. A
 * deferral or a lack of memory fails the probe; any other failure falls
 * back to the wired interrupts, with a warning.
 */
static int arm_smmu_setup_msis(struct arm_smmu_device *smmu)
{
	struct device *dev = smmu->dev;
	int ret;

	if (!IS_ENABLED(CONFIG_GENERIC_MSI_IRQ) || !smmu->feat.msi ||
	    disable_msi || !dev_get_msi_domain(dev))
		return 0;

	ret = platform_device_msi_init_and_alloc_irqs(dev, smmu->priq.q.base ?
						      ARM_SMMU_MSI_NR :
						      ARM_SMMU_MSI_PRIQ,
						      arm_smmu_write_msi_msg);
	if (ret == -ENOMEM || ret == -EPROBE_DEFER)
		return ret;
	if (ret) {
		dev_warn(dev, "cannot allocate MSIs (%pe): using wired interrupts\n",
			 ERR_PTR(ret));
		return 0;
	}
	ret = devm_add_action_or_reset(dev, arm_smmu_free_msis, dev);
	if (ret)
		return ret;

	smmu->evtq_irq = msi_get_virq(dev, ARM_SMMU_MSI_EVTQ);
	smmu->gerr_irq = msi_get_virq(dev, ARM_SMMU_MSI_GERROR);
	if (smmu->priq.q.base)
		smmu->priq_irq = msi_get_virq(dev, ARM_SMMU_MSI_PRIQ);
	smmu->msi_irqs = true;
	return 0;
}

/* Wired interrupts in use: make sure the SMMU writes no stale MSI. */
static void arm_smmu_clear_msi_cfg(struct arm_smmu_device *smmu)
{
	static const struct arm_smmu_irq_cfg off;

	if (!smmu->feat.msi || smmu->msi_irqs)
		return;
	arm_smmu_write_irq_cfg(smmu, ARM_SMMU_EVTQ_IRQ_CFG0, &off);
	arm_smmu_write_irq_cfg(smmu, ARM_SMMU_GERROR_IRQ_CFG0, &off);
	if (smmu->feat.pri)
		arm_smmu_write_irq_cfg(smmu, ARM_SMMU_PRIQ_IRQ_CFG0, &off);
}

static int arm_smmu_get_irq(struct arm_smmu_device *smmu, const char *name)
{
	int irq = platform_get_irq_byname_optional(to_platform_device(smmu->dev),
						   name);

	return irq == -ENXIO ? 0 : irq;
}

static int arm_smmu_setup_irqs(struct arm_smmu_device *smmu)
{
	struct device *dev = smmu->dev;
	int ret;

	smmu->combined_irq = arm_smmu_get_irq(smmu, "combined");
	if (smmu->combined_irq < 0)
		return smmu->combined_irq;
	if (smmu->combined_irq > 0) {
		ret = devm_request_threaded_irq(dev, smmu->combined_irq,
						arm_smmu_combined_irq,
						arm_smmu_combined_thread,
						IRQF_ONESHOT,
						"arm-smmu-v3-combined", smmu);
		goto out;
	}

	ret = arm_smmu_setup_msis(smmu);
	if (ret)
		return ret;
	if (!smmu->msi_irqs) {
		smmu->evtq_irq = arm_smmu_get_irq(smmu, "eventq");
		smmu->gerr_irq = arm_smmu_get_irq(smmu, "gerror");
		if (smmu->evtq_irq < 0)
			return smmu->evtq_irq;
		if (smmu->gerr_irq < 0)
			return smmu->gerr_irq;
		if (smmu->priq.q.base)
			smmu->priq_irq = arm_smmu_get_irq(smmu, "priq");
		if (smmu->priq_irq < 0)
			return smmu->priq_irq;
	}
	arm_smmu_clear_msi_cfg(smmu);
	/* Without GERROR the first command error would stop the queue for good. */
	if (smmu->gerr_irq <= 0) {
		dev_err(dev, "no gerror or combined interrupt: cannot recover from command errors\n");
		return -ENXIO;
	}
	if (smmu->evtq_irq <= 0)
		dev_warn(dev, "no eventq interrupt: faults will not be reported\n");
	else
		ret = devm_request_threaded_irq(dev, smmu->evtq_irq, NULL,
						arm_smmu_evtq_thread,
						IRQF_ONESHOT,
						"arm-smmu-v3-evtq", smmu);
	/*
	 * A PRI queue nobody is told about would fill up unread while the
	 * functions wait: without its interrupt the queue stays disabled and
	 * the SMMU answers page requests itself (IHI0070 8.2).
	 */
	if (smmu->priq.q.base && smmu->priq_irq <= 0) {
		dev_info(dev, "no priq interrupt: PRI not used, the SMMU answers page requests with Response Failure\n");
		smmu->priq.q.base = NULL;
	}
	if (!ret && smmu->priq.q.base)
		ret = devm_request_threaded_irq(dev, smmu->priq_irq, NULL,
						arm_smmu_priq_thread,
						IRQF_ONESHOT,
						"arm-smmu-v3-priq", smmu);
	if (!ret)
		ret = devm_request_irq(dev, smmu->gerr_irq, arm_smmu_gerror_irq,
				       0, "arm-smmu-v3-gerror", smmu);
out:
	if (ret)
		dev_err(dev, "cannot request interrupts: %pe\n", ERR_PTR(ret));
	return ret;
}

/* ------------------------------------------------------------------------
 * Probe and remove.
 *
 * Probe is two steps: map the registers that firmware describes, then bring
 * the SMMU up at that base (arm_smmu_probe_at()). The second step is all a
 * caller needs whose registers are reached another way; the KUnit suites
 * give it registers kept in memory by a software SMMU.
 */

/*
 * IORT RMR nodes name StreamIDs whose DMA firmware set up and must go on
 * (a display scanning out a boot splash, a management controller): they
 * bypass translation from the moment the SMMU is enabled, until a domain
 * is attached to the device (whose direct mappings the core installs from
 * the same RMRs, see arm_smmu_get_resv_regions()).
 */
static void arm_smmu_rmr_install_bypass_stes(struct arm_smmu_device *smmu)
{
	struct iommu_resv_region *e;
	struct arm_smmu_ste bypass;
	LIST_HEAD(rmrs);
	u32 i;

	iort_get_rmr_sids(dev_fwnode(smmu->dev), &rmrs);
	arm_smmu_ste_make_bypass(&bypass);
	list_for_each_entry(e, &rmrs, list) {
		struct iommu_iort_rmr_data *rmr =
			container_of(e, struct iommu_iort_rmr_data, rr);

		for (i = 0; i < rmr->num_sids; i++) {
			u32 sid = rmr->sids[i];

			if ((smmu->sid_bits < 32 && sid >= (1U << smmu->sid_bits)) ||
			    arm_smmu_strtab_prepare(smmu, sid)) {
				dev_err(smmu->dev, "RMR StreamID 0x%x: no STE for it, its DMA will abort\n",
					sid);
				continue;
			}
			/* Not live: the SMMU is off, reset invalidates all */
			arm_smmu_write_ste(smmu, sid, arm_smmu_get_ste(smmu, sid),
					   &bypass, false);
		}
	}
	iort_put_rmr_sids(dev_fwnode(smmu->dev), &rmrs);
}

/* Every SMMU brought up, for finding a master's SMMU by its fwnode. */
static LIST_HEAD(arm_smmu_devices);
static DEFINE_MUTEX(arm_smmu_devices_lock);	/* arm_smmu_devices */

static int arm_smmu_evtq_init(struct arm_smmu_device *smmu)
{
	ratelimit_state_init(&smmu->evtq.report_rs, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);
	return arm_smmu_queue_alloc(smmu, &smmu->evtq.q, EVTQ_ENT_DWORDS,
				    smmu->page1, ARM_SMMU_EVTQ_PROD,
				    ARM_SMMU_EVTQ_CONS);
}

struct arm_smmu_device *arm_smmu_from_fwnode(struct fwnode_handle *fwnode)
{
	struct arm_smmu_device *smmu, *found = NULL;

	mutex_lock(&arm_smmu_devices_lock);
	list_for_each_entry(smmu, &arm_smmu_devices, node) {
		if (dev_fwnode(smmu->dev) == fwnode) {
			found = smmu;
			break;
		}
	}
	mutex_unlock(&arm_smmu_devices_lock);
	return found;
}

/* Implementations identify themselves in IIDR (IHI0070 6.3.5) */
static void arm_smmu_apply_errata(struct arm_smmu_device *smmu)
{
	u32 iidr = readl_relaxed(smmu->base + ARM_SMMU_IIDR);

	if (FIELD_GET(IIDR_IMPLEMENTER, iidr) != IIDR_IMPLEMENTER_ARM)
		return;
	switch (FIELD_GET(IIDR_PRODUCTID, iidr)) {
	case IIDR_PRODUCTID_ARM_MMU_700:
		/*
		 * Arm erratum 2812531: long runs of commands without a
		 * CMD_SYNC may be mishandled; a batch that fills up goes out
		 * with one.
		 */
		smmu->sync_full_batches = true;
		dev_info(smmu->dev, "MMU-700 r%lup%lu: working around erratum 2812531\n",
			 FIELD_GET(IIDR_VARIANT, iidr),
			 FIELD_GET(IIDR_REVISION, iidr));
		break;
	}
}

static int arm_smmu_read_features(struct arm_smmu_device *smmu)
{
	struct arm_smmu_features *f = &smmu->feat;
	const char *why;
	u32 idr[6];
	int i, ret;

	/* 32-bit reads: some implementations (QEMU 7.2) return 0 for 64-bit. */
	for (i = 0; i < ARRAY_SIZE(idr); i++)
		idr[i] = readl_relaxed(smmu->base + ARM_SMMU_IDR0 + 4 * i);

	ret = arm_smmu_parse_idr(idr, f, &why);
	if (ret) {
		dev_err(smmu->dev, "unsupported SMMU (IDR0 0x%08x IDR1 0x%08x): %s\n",
			idr[0], idr[1], why);
		return ret;
	}

	/*
	 * Walks and queues use the attributes the DMA API maps their memory
	 * with, which follow the firmware (dma-coherent, IORT COHACC override):
	 * anything else would let the SMMU and the CPU disagree on whether
	 * they must maintain caches.
	 */
	smmu->coherent = dev_is_dma_coherent(smmu->dev);
	if (f->coherent != smmu->coherent)
		dev_warn(smmu->dev, "IDR0.COHACC %u but firmware says %scoherent: following the firmware\n",
			 f->coherent, smmu->coherent ? "" : "non-");
	/* IORT may say which HTTU features the system supports */
	if (!smmu->httu_overridden) {
		smmu->httu = f->httu;
	} else if (smmu->httu > IDR0_HTTU_ACCESS_DIRTY) {
		dev_warn(smmu->dev, "reserved HTTU override %u in IORT: no HTTU\n",
			 smmu->httu);
		smmu->httu = 0;
	} else if (smmu->httu != f->httu) {
		dev_info(smmu->dev, "IDR0.HTTU %u overridden by firmware: %u\n",
			 f->httu, smmu->httu);
	}
	arm_smmu_apply_errata(smmu);
	/* The CMD_SYNC MSI targets cacheable memory: coherent SMMUs only. */
	smmu->cmdq.use_msi = f->msi && smmu->coherent && !disable_msi;
	smmu->cmdq.q.shift = min_t(u32, f->cmdq_shift, ARM_SMMU_CMDQ_MAX_SHIFT);
	smmu->evtq.q.shift = min_t(u32, f->evtq_shift, ARM_SMMU_EVTQ_MAX_SHIFT);
	smmu->priq.q.shift = min_t(u32, f->priq_shift, ARM_SMMU_PRIQ_MAX_SHIFT);

	if (f->pri && !IS_ENABLED(CONFIG_IOMMU_IOPF))
		dev_info(smmu->dev, "PRI supported by the SMMU, not by this kernel (no IOMMU_IOPF): the SMMU answers page requests with Response Failure\n");
	if (f->stall_model == IDR0_STALL_MODEL_FORCE)
		dev_info(smmu->dev, "stalls forced: faulting transactions are terminated\n");

	dev_info(smmu->dev,
		 "stages:%s%s oas %u sid %u ssid %u asid %u vmid %u cmdq 2^%u evtq 2^%u%s%s%s%s\n",
		 f->s1 ? " 1" : "", f->s2 ? " 2" : "", f->oas, f->sid_bits,
		 f->ssid_bits, f->asid_bits, f->vmid_bits, smmu->cmdq.q.shift,
		 smmu->evtq.q.shift, f->ats ? " ats" : "", f->ril ? " ril" : "",
		 smmu->coherent ? " coherent" : "",
		 smmu->cmdq.use_msi ? " msi-sync" : "");
	return 0;
}

/**
 * arm_smmu_probe_at() - bring up an SMMU whose registers are mapped
 * @pdev: the SMMU's platform device; its IRQ resources (or MSI domain) and
 *	  firmware node describe the SMMU's interrupts and identity
 * @regs: where its register pages are
 *
 * Reads the ID registers, allocates the queues and tables, resets the SMMU
 * and registers it with the IOMMU core. Every resource is device-managed or
 * undone here on failure.
 *
 * Context: process, the probe of @pdev.
 * Return: 0 or -errno (-ENODEV: an SMMU this driver cannot drive).
 */
VISIBLE_IF_KUNIT int arm_smmu_probe_at(struct platform_device *pdev,
				       const struct arm_smmu_regs *regs)
{
	struct device *dev = &pdev->dev;
	struct arm_smmu_device *smmu;
	int ret;

	smmu = devm_kzalloc(dev, sizeof(*smmu), GFP_KERNEL);
	if (!smmu)
		return -ENOMEM;
	smmu->dev = dev;
	smmu->base = regs->page0;
	smmu->page1 = regs->page1;
	smmu->httu_overridden = regs->httu_overridden;
	smmu->httu = regs->httu;
	smmu->bypass_unknown = !disable_bypass;
	ida_init(&smmu->asid_ida);
	ida_init(&smmu->vmid_ida);
	xa_init(&smmu->streams);
	mutex_init(&smmu->iopf_lock);
	INIT_LIST_HEAD(&smmu->node);
	platform_set_drvdata(pdev, smmu);
	/* Cancelled once the interrupts that schedule it are freed */
	ret = devm_work_autocancel(dev, &smmu->sfm_work, arm_smmu_sfm_work);
	if (ret)
		return ret;

	ret = arm_smmu_read_features(smmu);
	if (ret)
		return ret;
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(smmu->feat.oas));
	if (ret) {
		dev_err(dev, "no usable DMA mask for %u bits: %pe\n",
			smmu->feat.oas, ERR_PTR(ret));
		return ret;
	}

	ret = arm_smmu_cmdq_init(smmu);
	if (!ret)
		ret = arm_smmu_evtq_init(smmu);
	if (!ret)
		ret = arm_smmu_iopf_init(smmu);
	if (!ret)
		ret = arm_smmu_strtab_init(smmu, force_l2_strtab,
					   strtab_linear_bits);
	if (ret)
		return ret;
	arm_smmu_rmr_install_bypass_stes(smmu);

	ret = arm_smmu_device_quiesce(smmu);
	if (ret)
		return ret;
	arm_smmu_device_program(smmu);
	ret = arm_smmu_setup_irqs(smmu);
	if (!ret)
		ret = arm_smmu_device_enable(smmu);
	if (ret)
		goto out_disable;

	ret = iommu_device_sysfs_add(&smmu->iommu, dev, NULL, "smmu3.%pa",
				     &regs->phys);
	if (ret)
		goto out_disable;
	mutex_lock(&arm_smmu_devices_lock);
	list_add(&smmu->node, &arm_smmu_devices);
	mutex_unlock(&arm_smmu_devices_lock);
	/* PASIDs as a CD table can hold them (arm_smmu_cdtab_alloc()) */
	if (smmu->feat.s1 && smmu->feat.ssid_bits)
		smmu->iommu.max_pasids = 1U << (smmu->feat.cd_2lvl ?
						smmu->feat.ssid_bits :
						min_t(u32, smmu->feat.ssid_bits,
						      ARM_SMMU_CD_LINEAR_MAX_BITS));
	ret = iommu_device_register(&smmu->iommu, &arm_smmu_ops, dev);
	if (ret) {
		dev_err(dev, "cannot register with the IOMMU core: %pe\n",
			ERR_PTR(ret));
		goto out_forget;
	}
	return 0;

out_forget:
	mutex_lock(&arm_smmu_devices_lock);
	list_del(&smmu->node);
	mutex_unlock(&arm_smmu_devices_lock);
	iommu_device_sysfs_remove(&smmu->iommu);
out_disable:
	arm_smmu_disable(smmu);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_probe_at);

/*
 * What firmware says beyond the registers: whether page 1 exists (Cavium
 * CN99xx decodes only page 0) and, in IORT, which HTTU features the system
 * supports (the SMMU's own IDR0.HTTU may promise more than the
 * interconnect delivers).
 */
static bool arm_smmu_read_fw(struct device *dev, struct arm_smmu_regs *regs)
{
	/* IORT passes the address of its node pointer as platform data. */
	struct acpi_iort_node **pnode = dev_get_platdata(dev);
	struct acpi_iort_node *node = pnode ? *pnode : NULL;

	if (dev->of_node)
		return of_property_read_bool(dev->of_node,
					     "cavium,cn9900-broken-page1-regspace");
	if (IS_ENABLED(CONFIG_ACPI) && node &&
	    node->type == ACPI_IORT_NODE_SMMU_V3) {
		struct acpi_iort_smmu_v3 *iort = (void *)node->node_data;

		/* With ACPI, IORT's HTTU Override field is what counts */
		regs->httu_overridden = true;
		regs->httu = FIELD_GET(ACPI_IORT_SMMU_V3_HTTU_OVERRIDE,
				       iort->flags);
		/* Hi161x needs no PREFETCH_CONFIG, which we never issue. */
		return iort->model == ACPI_IORT_SMMU_V3_CAVIUM_CN99XX;
	}
	return false;
}

/*
 * Map only the architected registers of each page (IHI0070 6.1: offsets
 * 0x0 - 0xdff): implementations put other blocks in the rest of the 64KB
 * frames, such as MMU-600's and MMU-700's PMCGs, whose own driver
 * (arm_smmuv3_pmu) must be able to claim them.
 */
static void __iomem *arm_smmu_map_window(struct device *dev,
					 resource_size_t start)
{
	struct resource win = DEFINE_RES_MEM(start, ARM_SMMU_REG_WINDOW);

	return devm_ioremap_resource(dev, &win);
}

static int arm_smmu_device_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct arm_smmu_regs regs = {};
	bool page0_only = arm_smmu_read_fw(dev, &regs);
	struct resource *res;

	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	if (!res)
		return -EINVAL;
	if (resource_size(res) < (page0_only ? ARM_SMMU_REG_WINDOW :
				  ARM_SMMU_PAGE1 + ARM_SMMU_REG_WINDOW)) {
		dev_err(dev, "register window %pR too small\n", res);
		return -EINVAL;
	}
	regs.phys = res->start;
	regs.page0 = arm_smmu_map_window(dev, res->start);
	if (IS_ERR(regs.page0))
		return PTR_ERR(regs.page0);
	regs.page1 = regs.page0;
	if (!page0_only) {
		regs.page1 = arm_smmu_map_window(dev, res->start + ARM_SMMU_PAGE1);
		if (IS_ERR(regs.page1))
			return PTR_ERR(regs.page1);
	}
	return arm_smmu_probe_at(pdev, &regs);
}

/**
 * arm_smmu_device_remove() - unregister and disable an SMMU
 * @pdev: a device arm_smmu_probe_at() succeeded for
 *
 * Context: process; no master of the SMMU is left (the core removes them
 * first, or the driver's module cannot be unloaded).
 */
VISIBLE_IF_KUNIT void arm_smmu_device_remove(struct platform_device *pdev)
{
	struct arm_smmu_device *smmu = platform_get_drvdata(pdev);

	iommu_device_unregister(&smmu->iommu);
	mutex_lock(&arm_smmu_devices_lock);
	list_del(&smmu->node);
	mutex_unlock(&arm_smmu_devices_lock);
	iommu_device_sysfs_remove(&smmu->iommu);
	/* SVA domains release their ASIDs through the command queue */
	arm_smmu_sva_drain();
	cancel_work_sync(&smmu->sfm_work);
	arm_smmu_disable(smmu);
	ida_destroy(&smmu->asid_ida);
	ida_destroy(&smmu->vmid_ida);
	xa_destroy(&smmu->streams);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_device_remove);

static void arm_smmu_device_shutdown(struct platform_device *pdev)
{
	arm_smmu_disable(platform_get_drvdata(pdev));
}

static const struct of_device_id arm_smmu_of_match[] = {
	{ .compatible = "arm,smmu-v3", },
	{ },
};
MODULE_DEVICE_TABLE(of, arm_smmu_of_match);

/*
 * Not arm_smmu_driver: module_platform_driver() names the init function
 * after it, and initcall_blacklist= matches functions by name, modules'
 * too. A kernel with the in-tree driver built in is booted with
 * initcall_blacklist=arm_smmu_driver_init to keep that one from
 * registering; with the same name, ours would be refused there (EPERM).
 */
static struct platform_driver arm_smmu_oot_driver = {
	.probe		= arm_smmu_device_probe,
	.remove		= arm_smmu_device_remove,
	.shutdown	= arm_smmu_device_shutdown,
	.driver		= {
		.name		= "arm-smmu-v3",
		.of_match_table	= arm_smmu_of_match,
		/* Unbinding under live devices would pull their tables away. */
		.suppress_bind_attrs = true,
	},
};
module_platform_driver(arm_smmu_oot_driver);

MODULE_DESCRIPTION("Arm SMMUv3 IOMMU driver");
MODULE_ALIAS("platform:arm-smmu-v3");
MODULE_LICENSE("GPL");
