// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 command queue.
 *
 * Theory of operation
 *
 * Commands are encoded by small pure functions (arm_smmu_cmd_*()), gathered
 * by callers into a struct arm_smmu_batch and published with
 * arm_smmu_cmdq_issue(). The queue is a ring of 2^shift slots in coherent
 * memory; the SMMU consumes from CONS, we produce at PROD.
 *
 * Positions are counted in u64s that never wrap;
 * the register value is the low shift+1 bits of it (index plus wrap bit).
 * Converting a CONS register value back to a position is exact whenever
 * the true position is within one queue length below a known published one,
 * see arm_smmu_q_cons_pos().
 *
 * Submission takes no lock. Three positions describe the queue:
 *   reserved:  everything below is claimed by some submitter;
 *   published: everything below has been written to PROD;
 *   cons_seen: a consumer position the SMMU is known to have reached.
 * A submitter, IRQs off from here to the PROD update:
 *   1. arm_smmu_cmdq_claim(): claims [start, end) by cmpxchg on reserved,
 *      provided end stays within one queue length of cons_seen (CONS is
 *      read only when that check fails, so a submission normally costs no
 *      MMIO read);
 *   2. arm_smmu_cmdq_fill(): copies its commands (and a CMD_SYNC when
 *      asked) into the slots, then marks the batch:
 *      batch_end[start's slot] = end, with release;
 *   3. arm_smmu_cmdq_try_publish(), until it succeeds: if published >= end
 *      a predecessor already published us and we are done; otherwise we
 *      wait until published == start (every earlier batch is out), then
 *      follow the marks from start over every batch that is complete,
 *      write PROD once for all of them and advance published, with
 *      release, which hands over to the next batch.
 * Only the submitter whose batch starts at published may write PROD, so
 * PROD only ever moves forward, and a burst from many CPUs costs one MMIO
 * write per run of finished batches. Waiting in step 3 is bounded: the
 * batch waited for belongs to a CPU that is copying with IRQs off.
 * A mark is current when it lies 1..half a queue beyond its own position;
 * a mark left from an earlier lap lies at least half a queue behind it.
 *
 * Waiting for the CMD_SYNC happens after IRQs are back on:
 *   - with MSI, the CMD_SYNC writes the low 32 bits of its end position to
 *     cmdq->sync_word; syncs complete in order, so the word only grows
 *     (modulo 2^32) and a waiter is done once it reaches its target;
 *   - without MSI, the waiter reads CONS and converts it with a published
 *     snapshot taken before the read. If the SMMU consumed past that
 *     snapshot, the conversion can come out low, never high: a waiter
 *     never stops early, it can only poll once more.
 *
 * A command the SMMU rejects stops the queue and raises GERROR.CMDQ_ERR; the
 * GERROR handler (hard IRQ) calls arm_smmu_cmdq_handle_error(), which
 * replaces an illegal command with a CMD_SYNC, and acknowledges the error,
 * upon which the SMMU resumes from CONS. Submitters never touch slots in
 * [CONS, published), so the repair cannot race with them.
 *
 * An SMMU that stops consuming for good must not hang its submitters, nor
 * be left translating with TLBs that can no longer be invalidated. Every
 * wait times out after a second and is reported; once CONS has then stood
 * still for the queue's dead_us (ARM_SMMU_CMDQ_DEAD_US), the waiter
 * declares the SMMU dead: arm_smmu_device_fail() turns it off with GBPA
 * aborting, waiters still spinning give up at their next poll, and every
 * later submission fails at once with -EIO, counted and reported. Commands
 * that were queued but never consumed are counted in the death report.
 * Service failure mode ends the same way (arm-smmu-v3.c).
 *
 * Callers: the rest of the driver. This file calls nothing of it but
 * arm_smmu_device_fail().
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/err.h>
#include <kunit/visibility.h>

#include "arm-smmu-v3.h"

#define ARM_SMMU_CMDQ_TIMEOUT_US	1000000
/* CONS standing still this long after a timeout: the SMMU is dead */
#define ARM_SMMU_CMDQ_DEAD_US		9000000
#define ARM_SMMU_TLBI_MAX_SCALE	31UL	/* CMD_TLBI_*.SCALE is 5 bits */

static void cmd_set(struct arm_smmu_cmd *cmd, u64 w0, u64 w1)
{
	cmd->data[0] = cpu_to_le64(w0);
	cmd->data[1] = cpu_to_le64(w1);
}

/**
 * arm_smmu_cmd_cfgi_ste() - encode CMD_CFGI_STE for one StreamID, leaf only
 * @cmd: output
 * @sid: StreamID whose STE changed
 */
void arm_smmu_cmd_cfgi_ste(struct arm_smmu_cmd *cmd, u32 sid)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_CFGI_STE) |
		     FIELD_PREP(CMD_0_SID, sid), CMD_1_LEAF);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_cfgi_ste);

/**
 * arm_smmu_cmd_cfgi_all() - encode CMD_CFGI_ALL (CFGI_STE_RANGE, Range 31)
 * @cmd: output
 */
void arm_smmu_cmd_cfgi_all(struct arm_smmu_cmd *cmd)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_CFGI_STE_RANGE),
		FIELD_PREP(CMD_1_CFGI_RANGE, 31));
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_cfgi_all);

/**
 * arm_smmu_cmd_cfgi_cd() - encode CMD_CFGI_CD, leaf only
 * @cmd: output
 * @sid: StreamID
 * @ssid: SubstreamID of the CD
 */
void arm_smmu_cmd_cfgi_cd(struct arm_smmu_cmd *cmd, u32 sid, u32 ssid)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_CFGI_CD) |
		     FIELD_PREP(CMD_0_SSID, ssid) |
		     FIELD_PREP(CMD_0_SID, sid), CMD_1_LEAF);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_cfgi_cd);

/**
 * arm_smmu_cmd_tlbi_nh_asid() - encode CMD_TLBI_NH_ASID (VMID 0)
 * @cmd: output
 * @asid: ASID to invalidate
 */
void arm_smmu_cmd_tlbi_nh_asid(struct arm_smmu_cmd *cmd, u16 asid)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_TLBI_NH_ASID) |
		     FIELD_PREP(CMD_0_TLBI_ASID, asid), 0);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_tlbi_nh_asid);

/**
 * arm_smmu_cmd_tlbi_s12_vmall() - encode CMD_TLBI_S12_VMALL
 * @cmd: output
 * @vmid: VMID to invalidate
 */
void arm_smmu_cmd_tlbi_s12_vmall(struct arm_smmu_cmd *cmd, u16 vmid)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_TLBI_S12_VMALL) |
		     FIELD_PREP(CMD_0_TLBI_VMID, vmid), 0);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_tlbi_s12_vmall);

/**
 * arm_smmu_cmd_tlbi_nsnh_all() - encode CMD_TLBI_NSNH_ALL
 * @cmd: output
 */
void arm_smmu_cmd_tlbi_nsnh_all(struct arm_smmu_cmd *cmd)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_TLBI_NSNH_ALL), 0);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_tlbi_nsnh_all);

/**
 * arm_smmu_cmd_tlbi_el2_all() - encode CMD_TLBI_EL2_ALL
 * @cmd: output
 */
void arm_smmu_cmd_tlbi_el2_all(struct arm_smmu_cmd *cmd)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_TLBI_EL2_ALL), 0);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_tlbi_el2_all);

/**
 * arm_smmu_cmd_tlbi_nh_va() - encode CMD_TLBI_NH_VA
 * @cmd: output
 * @asid: ASID
 * @va: address, aligned to the granule
 * @leaf: only leaf entries changed
 * @tg: range granule (1: 4K, 2: 16K, 3: 64K) or 0 for a single page
 * @num: range NUM (blocks minus one), 0 when @tg is 0
 * @scale: range SCALE, 0 when @tg is 0
 * @ttl: level of the leaf entries (arm_smmu_tlbi_ttl()), 0 if unknown
 */
void arm_smmu_cmd_tlbi_nh_va(struct arm_smmu_cmd *cmd, u16 asid, u64 va,
			     bool leaf, u8 tg, u8 num, u8 scale, u8 ttl)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_TLBI_NH_VA) |
		     FIELD_PREP(CMD_0_TLBI_NUM, num) |
		     FIELD_PREP(CMD_0_TLBI_SCALE, scale) |
		     FIELD_PREP(CMD_0_TLBI_ASID, asid),
		(leaf ? CMD_1_LEAF : 0) | FIELD_PREP(CMD_1_TLBI_TG, tg) |
		FIELD_PREP(CMD_1_TLBI_TTL, ttl) | (va & CMD_1_TLBI_VA));
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_tlbi_nh_va);

/**
 * arm_smmu_cmd_tlbi_s2_ipa() - encode CMD_TLBI_S2_IPA
 * @cmd: output
 * @vmid: VMID
 * @ipa: address, aligned to the granule
 * @leaf: only leaf entries changed
 * @tg: range granule or 0, as for arm_smmu_cmd_tlbi_nh_va()
 * @num: range NUM
 * @scale: range SCALE
 * @ttl: level of the leaf entries, 0 if unknown
 */
void arm_smmu_cmd_tlbi_s2_ipa(struct arm_smmu_cmd *cmd, u16 vmid, u64 ipa,
			      bool leaf, u8 tg, u8 num, u8 scale, u8 ttl)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_TLBI_S2_IPA) |
		     FIELD_PREP(CMD_0_TLBI_NUM, num) |
		     FIELD_PREP(CMD_0_TLBI_SCALE, scale) |
		     FIELD_PREP(CMD_0_TLBI_VMID, vmid),
		(leaf ? CMD_1_LEAF : 0) | FIELD_PREP(CMD_1_TLBI_TG, tg) |
		FIELD_PREP(CMD_1_TLBI_TTL, ttl) | (ipa & CMD_1_TLBI_IPA));
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_tlbi_s2_ipa);

/**
 * arm_smmu_cmd_resume() - encode CMD_RESUME for a stalled transaction
 * @cmd: output
 * @sid: StreamID of the stalled transaction
 * @stag: its stall tag
 * @terminate: abort it (else retry)
 */
void arm_smmu_cmd_resume(struct arm_smmu_cmd *cmd, u32 sid, u16 stag,
			 bool terminate)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_RESUME) |
		     (terminate ? CMD_0_RESUME_ABORT : CMD_0_RESUME_ACTION) |
		     FIELD_PREP(CMD_0_SID, sid),
		FIELD_PREP(CMD_1_RESUME_STAG, stag));
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_resume);

/**
 * arm_smmu_cmd_pri_resp() - encode CMD_PRI_RESP, the answer to a PRG
 * @cmd: output
 * @sid: StreamID of the function that sent the Page Request Group
 * @ssid: the PASID the response carries, when @ssv
 * @ssv: the response has a PASID (the request had one and the function
 *	 wants it back: PRG Response PASID Required)
 * @prgi: the group's Page Request Group Index
 * @resp: PRI_RESP_SUCCESS, PRI_RESP_INVALID or PRI_RESP_FAILURE
 *	  (IHI0070 4.5.2; 8.3 gives the PCIe codes they become)
 */
void arm_smmu_cmd_pri_resp(struct arm_smmu_cmd *cmd, u32 sid, u32 ssid,
			   bool ssv, u16 prgi, u8 resp)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_PRI_RESP) |
		     (ssv ? CMD_0_SSV | FIELD_PREP(CMD_0_SSID, ssid) : 0) |
		     FIELD_PREP(CMD_0_SID, sid),
		FIELD_PREP(CMD_1_PRI_PRGI, prgi) |
		FIELD_PREP(CMD_1_PRI_RESP, resp));
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_pri_resp);

/**
 * arm_smmu_cmd_atc_inv() - encode CMD_ATC_INV of an aligned span
 * @cmd: output
 * @sid: StreamID of the ATS-capable endpoint
 * @ssid: SubstreamID, when @ssv
 * @ssv: invalidate only translations of @ssid
 * @addr: start of the span, aligned to its size
 * @size: log2 of the span in 4KB pages (IHI0070 4.5.3); ATC_SIZE_ALL (52)
 *	  for the whole address space
 */
void arm_smmu_cmd_atc_inv(struct arm_smmu_cmd *cmd, u32 sid, u32 ssid,
			  bool ssv, u64 addr, u8 size)
{
	cmd_set(cmd, FIELD_PREP(CMD_0_OP, CMDQ_OP_ATC_INV) |
		     (ssv ? CMD_0_SSV | FIELD_PREP(CMD_0_SSID, ssid) : 0) |
		     FIELD_PREP(CMD_0_SID, sid),
		(addr & CMD_1_ATC_ADDR) | FIELD_PREP(CMD_1_ATC_SIZE, size));
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_atc_inv);

/**
 * arm_smmu_cmd_atc_inv_all() - encode CMD_ATC_INV of a whole address space
 * @cmd: output
 * @sid: StreamID of the ATS-capable endpoint
 * @ssid: SubstreamID, when @ssv
 * @ssv: invalidate only translations of @ssid
 */
void arm_smmu_cmd_atc_inv_all(struct arm_smmu_cmd *cmd, u32 sid, u32 ssid,
			      bool ssv)
{
	arm_smmu_cmd_atc_inv(cmd, sid, ssid, ssv, 0, ATC_SIZE_ALL);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_atc_inv_all);

/**
 * arm_smmu_cmd_sync() - encode CMD_SYNC
 * @cmd: output
 * @msi_addr: where to write @msi_data on completion, 0 for no write
 * @msi_data: the value written
 */
void arm_smmu_cmd_sync(struct arm_smmu_cmd *cmd, dma_addr_t msi_addr,
		       u32 msi_data)
{
	u64 w0 = FIELD_PREP(CMD_0_OP, CMDQ_OP_CMD_SYNC);

	if (msi_addr)
		w0 |= FIELD_PREP(CMD_0_SYNC_CS, SYNC_CS_IRQ) |
		      FIELD_PREP(CMD_0_SYNC_MSH, CR1_SH_ISH) |
		      FIELD_PREP(CMD_0_SYNC_MSIATTR, SYNC_MSIATTR_WB) |
		      FIELD_PREP(CMD_0_SYNC_MSIDATA, msi_data);
	cmd_set(cmd, w0, msi_addr & CMD_1_SYNC_MSIADDR);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmd_sync);

/**
 * arm_smmu_q_cons_pos() - turn a CONS register value into a position
 * @shift: log2 of the queue size
 * @prod_pos: a producer position read before @cons_reg
 * @cons_reg: CONS as read from the SMMU (error and flag bits ignored)
 *
 * Exact when the true consumer position is at most 2^@shift below
 * @prod_pos; when the SMMU has gone past @prod_pos the result may be low.
 *
 * Return: the consumer position.
 */
u64 arm_smmu_q_cons_pos(u32 shift, u64 prod_pos, u32 cons_reg)
{
	return prod_pos - arm_smmu_q_used(shift, arm_smmu_q_reg(shift, prod_pos),
					  cons_reg);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_q_cons_pos);

/**
 * arm_smmu_tlbi_ttl() - the TTL hint of a range invalidation
 * @tg_shift: log2 of the translation granule (12, 14 or 16)
 * @size_shift: log2 of the size of the leaf entries being invalidated
 * @leaf: only leaf entries are invalidated
 *
 * IHI0070 4.4.1: with a range (TG != 0), TTL names the level of the leaf
 * entries, letting the SMMU find them without searching every level. A
 * level-3 entry maps one granule and each level up multiplies that by
 * granule / 8 (the descriptors per table). Table (non-leaf) invalidations
 * and sizes that are no block size carry no hint; neither does level 1
 * with a 16K or 64K granule, where it holds no blocks.
 *
 * Return: 1, 2 or 3, or 0 for no hint.
 */
u8 arm_smmu_tlbi_ttl(unsigned int tg_shift, unsigned int size_shift, bool leaf)
{
	unsigned int per_level = tg_shift - 3, up;

	if (!leaf || size_shift < tg_shift ||
	    (size_shift - tg_shift) % per_level)
		return 0;
	up = (size_shift - tg_shift) / per_level;
	if (up > 2 || (up == 2 && tg_shift != 12))
		return 0;
	return 3 - up;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_tlbi_ttl);

/**
 * arm_smmu_tlbi_split() - split a page count into range invalidations
 * @pages: granules to invalidate, at least one
 * @out: the ranges, in address order
 * @max: room in @out
 *
 * IHI0070 4.4.1.1: a range command covers (NUM + 1) * 2^SCALE granules
 * from its address, with no alignment required beyond the granule; both
 * fields are five bits, so a command covers at most 32 blocks of 2^31
 * granules. Taking the lowest set bits of @pages first needs one command
 * per group of five significant bits, and every bit at 2^31 and above goes
 * into one last command of SCALE 31. A count that even that cannot hold
 * (over 2^36 granules) is reported as needing more than @max commands, and
 * the caller invalidates the whole address space instead.
 *
 * Return: commands needed, which may exceed @max (then only @max filled).
 */
unsigned int arm_smmu_tlbi_split(u64 pages, struct arm_smmu_tlbi_range *out,
				 unsigned int max)
{
	unsigned int n = 0;

	while (pages) {
		u8 scale = min(__ffs64(pages), ARM_SMMU_TLBI_MAX_SCALE);
		u64 blocks = scale < ARM_SMMU_TLBI_MAX_SCALE ?
			     (pages >> scale) & 0x1f : pages >> scale;

		if (blocks > 32)
			return max + 1;
		if (n < max) {
			out[n].scale = scale;
			out[n].num = blocks - 1;
			out[n].pages = blocks << scale;
		}
		pages -= blocks << scale;
		n++;
	}
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_tlbi_split);

/**
 * arm_smmu_queue_alloc() - allocate a queue's ring and describe its registers
 * @smmu: the SMMU
 * @q: the queue, @q->shift already set
 * @ent_dwords: size of one entry in 64-bit words
 * @regs: the register page holding the queue's PROD and CONS
 * @prod_off: offset of PROD in @regs
 * @cons_off: offset of CONS in @regs
 *
 * Context: probe, may sleep. Memory is device-managed.
 * Return: 0 or -ENOMEM.
 */
int arm_smmu_queue_alloc(struct arm_smmu_device *smmu,
			 struct arm_smmu_queue *q, u32 ent_dwords,
			 void __iomem *regs, unsigned long prod_off,
			 unsigned long cons_off)
{
	size_t bytes = (ent_dwords * sizeof(u64)) << q->shift;

	q->ent_dwords = ent_dwords;
	q->base = dmam_alloc_coherent(smmu->dev, bytes, &q->base_dma,
				      GFP_KERNEL);
	if (!q->base)
		return -ENOMEM;
	q->prod_reg = regs + prod_off;
	q->cons_reg = regs + cons_off;
	q->base_reg = Q_BASE_RWA | (q->base_dma & Q_BASE_ADDR) |
		      FIELD_PREP(Q_BASE_LOG2SIZE, q->shift);
	return 0;
}

/**
 * arm_smmu_cmdq_init() - allocate the command queue
 * @smmu: the SMMU; feat.cmdq_shift and coherency already known
 *
 * Context: probe, may sleep. Memory is device-managed.
 * Return: 0 or -ENOMEM.
 */
int arm_smmu_cmdq_init(struct arm_smmu_device *smmu)
{
	struct arm_smmu_cmdq *cmdq = &smmu->cmdq;
	struct arm_smmu_queue *q = &cmdq->q;
	int ret;

	ret = arm_smmu_queue_alloc(smmu, q, CMDQ_ENT_DWORDS, smmu->base,
				   ARM_SMMU_CMDQ_PROD, ARM_SMMU_CMDQ_CONS);
	if (ret)
		return ret;

	cmdq->batch_end = devm_kcalloc(smmu->dev, 1U << q->shift,
				       sizeof(*cmdq->batch_end), GFP_KERNEL);
	if (!cmdq->batch_end)
		return -ENOMEM;

	if (cmdq->use_msi) {
		cmdq->sync_word = dmam_alloc_coherent(smmu->dev, sizeof(u64),
						      &cmdq->sync_word_dma,
						      GFP_KERNEL);
		if (!cmdq->sync_word)
			return -ENOMEM;
	}
	return 0;
}

/**
 * arm_smmu_cmdq_reset() - forget the queue's history before (re)enabling it
 * @smmu: the SMMU, with CMDQEN clear and PROD = CONS = 0 programmed
 *
 * Context: probe, no other submitter can run.
 */
void arm_smmu_cmdq_reset(struct arm_smmu_device *smmu)
{
	struct arm_smmu_cmdq *cmdq = &smmu->cmdq;

	atomic64_set(&cmdq->reserved, 0);
	atomic64_set(&cmdq->published, 0);
	atomic64_set(&cmdq->cons_seen, 0);
	atomic_set(&cmdq->dead, 0);
	atomic_long_set(&cmdq->nr_refused, 0);
	/* Positions restart at 0: old batch marks would look current. */
	memset(cmdq->batch_end, 0,
	       sizeof(*cmdq->batch_end) << cmdq->q.shift);
	if (cmdq->sync_word)
		WRITE_ONCE(*cmdq->sync_word, 0);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmdq_reset);

/*
 * Read CONS and turn it into a position. The published snapshot is taken
 * first: if the SMMU has consumed past it the result comes out low, never
 * high (see arm_smmu_q_cons_pos()), so a caller never overestimates the
 * room or the progress.
 */
static u64 cmdq_cons_now(struct arm_smmu_cmdq *cmdq)
{
	struct arm_smmu_queue *q = &cmdq->q;
	u64 prod = atomic64_read_acquire(&cmdq->published);

	/* The snapshot must predate the CONS read. */
	rmb();
	return arm_smmu_q_cons_pos(q->shift, prod, readl_relaxed(q->cons_reg));
}

/* Fold a consumer position into cons_seen, which only grows. */
static void cmdq_note_cons(struct arm_smmu_cmdq *cmdq, u64 cons)
{
	u64 seen = atomic64_read(&cmdq->cons_seen);

	while (seen < cons &&
	       !atomic64_try_cmpxchg(&cmdq->cons_seen, &seen, cons))
		;
}

static u64 cmdq_read_cons(struct arm_smmu_cmdq *cmdq)
{
	u64 cons = cmdq_cons_now(cmdq);

	cmdq_note_cons(cmdq, cons);
	return cons;
}

/* Polled: touches no shared cache line but the MSI word. */
static bool cmdq_sync_done(struct arm_smmu_cmdq *cmdq, u64 target)
{
	if (READ_ONCE(cmdq->use_msi))
		return (s32)(READ_ONCE(*cmdq->sync_word) - (u32)target) >= 0;
	return cmdq_cons_now(cmdq) >= target;
}

static void cmdq_report_timeout(struct arm_smmu_device *smmu,
				const struct arm_smmu_cmd *first,
				unsigned int n, const char *what)
{
	struct arm_smmu_queue *q = &smmu->cmdq.q;
	u32 cons = readl_relaxed(q->cons_reg);

	dev_err_ratelimited(smmu->dev,
			    "cmdq: %s timed out (%u command(s), first op 0x%02llx [%016llx %016llx]), PROD 0x%x CONS 0x%x error %lu: %pe\n",
			    what, n,
			    n ? FIELD_GET(CMD_0_OP, le64_to_cpu(first->data[0])) : 0ULL,
			    n ? le64_to_cpu(first->data[0]) : 0ULL,
			    n ? le64_to_cpu(first->data[1]) : 0ULL,
			    readl_relaxed(q->prod_reg), cons,
			    FIELD_GET(CMDQ_CONS_ERR, cons), ERR_PTR(-ETIMEDOUT));
}

/* The slot index of a position */
static u32 cmdq_slot(const struct arm_smmu_queue *q, u64 pos)
{
	return arm_smmu_q_idx(q->shift, arm_smmu_q_reg(q->shift, pos));
}

static bool cmdq_dead(struct arm_smmu_cmdq *cmdq)
{
	return atomic_read(&cmdq->dead);
}

/* A waiter's record of the SMMU's progress, for cmdq_stuck() */
struct cmdq_watch {
	ktime_t	since;		/* when @cons was read, 0 before the first look */
	u64	cons;
};

/*
 * Called by a waiter each time its wait timed out: true once CONS has not
 * moved for the queue's dead_us since the first look. A position, not the
 * register, is compared, so that laps are not mistaken for standing still.
 */
static bool cmdq_stuck(struct arm_smmu_cmdq *cmdq, struct cmdq_watch *w)
{
	unsigned int dead_us = cmdq->dead_us ?: ARM_SMMU_CMDQ_DEAD_US;
	u64 cons = cmdq_read_cons(cmdq);
	ktime_t now = ktime_get();

	if (!w->since || cons != w->cons) {
		w->since = now;
		w->cons = cons;
		return false;
	}
	return ktime_us_delta(now, w->since) >= dead_us;
}

/**
 * arm_smmu_cmdq_kill() - declare the SMMU dead to its command queue
 * @smmu: the SMMU
 * @why: what happened, for the report
 *
 * From now on every submission fails at once with -EIO, and waiters give
 * up at their next poll. The commands that were queued and never consumed
 * are counted in the report: they are lost, and said to be.
 *
 * Context: any; never sleeps.
 * Return: true for the first caller only, who must then stop the SMMU's
 * traffic (arm_smmu_device_fail() does both).
 */
bool arm_smmu_cmdq_kill(struct arm_smmu_device *smmu, const char *why)
{
	struct arm_smmu_cmdq *cmdq = &smmu->cmdq;
	struct arm_smmu_queue *q = &cmdq->q;
	u64 cons;

	if (atomic_xchg(&cmdq->dead, 1))
		return false;
	cons = cmdq_read_cons(cmdq);
	dev_err(smmu->dev,
		"cmdq: %s: SMMU declared dead, %llu command(s) queued and never consumed (PROD 0x%x CONS 0x%x GERROR 0x%x); later ones fail: %pe\n",
		why, atomic64_read(&cmdq->published) - cons,
		readl_relaxed(q->prod_reg), readl_relaxed(q->cons_reg),
		readl_relaxed(smmu->base + ARM_SMMU_GERROR), ERR_PTR(-EIO));
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmdq_kill);

/* A submission after the SMMU died: not queued, but counted and reported */
static int cmdq_refuse(struct arm_smmu_device *smmu,
		       const struct arm_smmu_cmd *first, unsigned int n)
{
	long total = atomic_long_add_return(n, &smmu->cmdq.nr_refused);

	dev_err_ratelimited(smmu->dev,
			    "cmdq: SMMU dead, %u command(s) refused (first op 0x%02llx), %ld since it died: %pe\n",
			    n, n ? FIELD_GET(CMD_0_OP, le64_to_cpu(first->data[0])) : 0ULL,
			    total, ERR_PTR(-EIO));
	return -EIO;
}

/**
 * arm_smmu_cmdq_claim() - step 1 of a submission: claim slots
 * @cmdq: the queue
 * @total: slots wanted, at most half the queue
 * @start: output, the first position claimed
 * @flags: the caller's saved IRQ state
 *
 * On success [*@start, *@start + @total) is ours alone, and the SMMU is
 * done with whatever those slots held a lap ago. Called with IRQs
 * disabled; they are re-enabled between polls while the queue is full,
 * which is allowed because nothing is claimed yet.
 *
 * Return: 0; -ETIMEDOUT when the SMMU consumed nothing for a second (the
 * caller reports it and calls again: a command is never dropped unless the
 * SMMU is declared dead); -EIO once it is.
 */
VISIBLE_IF_KUNIT int arm_smmu_cmdq_claim(struct arm_smmu_cmdq *cmdq, u32 total,
					 u64 *start, unsigned long *flags)
{
	s64 size = 1LL << cmdq->q.shift;
	u64 pos = atomic64_read(&cmdq->reserved);
	ktime_t timeout = 0;

	/*
	 * Signed: @pos may be stale and behind a consumer position read
	 * after it; the cmpxchg then fails and refreshes it.
	 */
	for (;;) {
		if ((s64)(pos + total - atomic64_read(&cmdq->cons_seen)) <= size) {
			/* Fully ordered: the slot stores come after it. */
			if (atomic64_try_cmpxchg(&cmdq->reserved, &pos,
						 pos + total)) {
				*start = pos;
				return 0;
			}
			continue;
		}
		if ((s64)(pos + total - cmdq_read_cons(cmdq)) <= size)
			continue;

		if (cmdq_dead(cmdq))
			return -EIO;
		if (!timeout)
			timeout = ktime_add_us(ktime_get(),
					       ARM_SMMU_CMDQ_TIMEOUT_US);
		else if (ktime_after(ktime_get(), timeout))
			return -ETIMEDOUT;
		local_irq_restore(*flags);
		udelay(1);
		local_irq_save(*flags);
		pos = atomic64_read(&cmdq->reserved);
	}
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmdq_claim);

/**
 * arm_smmu_cmdq_fill() - step 2: copy the commands and mark the batch
 * @cmdq: the queue
 * @start: the first position claimed
 * @cmds: the commands
 * @n: how many
 * @sync: append a CMD_SYNC
 *
 * Return: the end of the batch, one past its last position.
 */
VISIBLE_IF_KUNIT u64 arm_smmu_cmdq_fill(struct arm_smmu_cmdq *cmdq, u64 start,
					const struct arm_smmu_cmd *cmds,
					unsigned int n, bool sync)
{
	struct arm_smmu_queue *q = &cmdq->q;
	u32 total = n + (sync ? 1 : 0);
	unsigned int i;
	u64 pos;

	for (i = 0, pos = start; i < total; i++, pos++) {
		__le64 *slot = q->base + cmdq_slot(q, pos) * CMDQ_ENT_DWORDS;
		struct arm_smmu_cmd sync_cmd;
		const struct arm_smmu_cmd *c = &cmds[i];

		if (i == n) {
			arm_smmu_cmd_sync(&sync_cmd,
					  READ_ONCE(cmdq->use_msi) ?
					  cmdq->sync_word_dma : 0,
					  (u32)(pos + 1));
			c = &sync_cmd;
		}
		slot[0] = c->data[0];
		slot[1] = c->data[1];
	}
	/* Slots visible to the SMMU before the mark lets anyone publish them. */
	dma_wmb();
	/* Pairs with the acquire in arm_smmu_cmdq_try_publish(). */
	smp_store_release(&cmdq->batch_end[cmdq_slot(q, start)], pos);
	return pos;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmdq_fill);

/**
 * arm_smmu_cmdq_try_publish() - step 3: get a filled batch to the SMMU
 * @cmdq: the queue
 * @start: the batch's first position
 * @end: its end, from arm_smmu_cmdq_fill()
 *
 * Whoever's batch begins at the published position writes PROD, for its
 * own batch and for every filled batch that follows it, so CPUs that finish
 * copying while another publishes get their commands out without an MMIO
 * write of their own.
 *
 * Return: true once the batch is published, by us or by a predecessor
 * that took it along; false while an earlier batch is still being filled
 * (its CPU is running with IRQs off: try again).
 */
VISIBLE_IF_KUNIT bool arm_smmu_cmdq_try_publish(struct arm_smmu_cmdq *cmdq,
						u64 start, u64 end)
{
	struct arm_smmu_queue *q = &cmdq->q;
	u64 half = 1ULL << (q->shift - 1);
	u64 pos = atomic64_read_acquire(&cmdq->published);
	u64 next;

	if (pos >= end)
		return true;
	if (pos != start)
		return false;

	/*
	 * A mark is current when it lies 1..half beyond its own position;
	 * one left from an earlier lap lies at least half a queue behind.
	 */
	for (;;) {
		/* Pairs with the release in arm_smmu_cmdq_fill(). */
		next = smp_load_acquire(&cmdq->batch_end[cmdq_slot(q, pos)]);
		if (next - pos - 1 >= half)
			break;
		pos = next;
	}

	/* writel() orders the slots, marked before, ahead of PROD. */
	writel(arm_smmu_q_reg(q->shift, pos), q->prod_reg);
	/* Hands publishing over to the batch that starts at @pos. */
	atomic64_set_release(&cmdq->published, pos);
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmdq_try_publish);

static int cmdq_wait_sync(struct arm_smmu_device *smmu, u64 target)
{
	struct arm_smmu_cmdq *cmdq = &smmu->cmdq;
	unsigned int spins = 0;
	ktime_t timeout = 0;

	/* The clock is read only once the first poll has failed. */
	while (!cmdq_sync_done(cmdq, target)) {
		if (cmdq_dead(cmdq))
			return -EIO;
		if (!timeout) {
			timeout = ktime_add_us(ktime_get(),
					       ARM_SMMU_CMDQ_TIMEOUT_US);
		} else if (ktime_after(ktime_get(), timeout)) {
			/* Past the CMD_SYNC, but its MSI write never landed */
			if (!READ_ONCE(cmdq->use_msi) ||
			    cmdq_cons_now(cmdq) < target)
				return -ETIMEDOUT;
			arm_smmu_cmdq_msi_aborted(smmu);
			break;
		}
		if (++spins < 16)
			cpu_relax();
		else
			udelay(1);
	}
	/* The SMMU is past the CMD_SYNC: room for the next claims, once. */
	cmdq_note_cons(cmdq, target);
	return 0;
}

/**
 * arm_smmu_cmdq_issue() - publish commands, optionally wait for completion
 * @smmu: the SMMU
 * @cmds: encoded commands
 * @n: how many; at most half the queue
 * @sync: append a CMD_SYNC and wait until it and everything before it
 *        completed
 *
 * Lock-free: see the file comment. IRQs are disabled from the claim of
 * the slots to the PROD update, so a submitter that later ones may wait
 * for is never preempted.
 *
 * Commands are never dropped silently: while the queue stays full, or the
 * CMD_SYNC incomplete, the submitter reports it every second (ratelimited)
 * and keeps waiting, since a TLB invalidation that went missing would leave
 * stale translations to freed memory. Once the SMMU has consumed nothing
 * for ARM_SMMU_CMDQ_DEAD_US more, it is declared dead and turned off
 * (arm_smmu_device_fail()), and the commands are refused instead.
 *
 * Context: any, never sleeps; spins for at most about ten seconds.
 * Return: 0; -EIO when the SMMU is dead (the commands were refused, or
 * their completion cannot be known; reported); -EINVAL for a batch larger
 * than the queue can take (a driver bug).
 */
int arm_smmu_cmdq_issue(struct arm_smmu_device *smmu,
			const struct arm_smmu_cmd *cmds, unsigned int n,
			bool sync)
{
	struct arm_smmu_cmdq *cmdq = &smmu->cmdq;
	struct arm_smmu_queue *q = &cmdq->q;
	u32 total = n + (sync ? 1 : 0);
	struct cmdq_watch w = {};
	unsigned long flags;
	u64 start, end;
	int ret;

	if (WARN_ON_ONCE(total > (1U << q->shift) / 2))
		return -EINVAL;
	if (!total)
		return 0;
	if (unlikely(cmdq_dead(cmdq)))
		return cmdq_refuse(smmu, cmds, n);

	local_irq_save(flags);
	while ((ret = arm_smmu_cmdq_claim(cmdq, total, &start, &flags))) {
		if (ret == -ETIMEDOUT) {
			cmdq_report_timeout(smmu, cmds, n, "waiting for space");
			if (!cmdq_stuck(cmdq, &w))
				continue;
		}
		local_irq_restore(flags);
		arm_smmu_device_fail(smmu, "commands no longer consumed");
		return cmdq_refuse(smmu, cmds, n);
	}
	end = arm_smmu_cmdq_fill(cmdq, start, cmds, n, sync);
	while (!arm_smmu_cmdq_try_publish(cmdq, start, end))
		cpu_relax();
	local_irq_restore(flags);

	if (!sync)
		return 0;
	while ((ret = cmdq_wait_sync(smmu, end)) == -ETIMEDOUT) {
		cmdq_report_timeout(smmu, cmds, n, "CMD_SYNC");
		if (cmdq_stuck(cmdq, &w)) {
			arm_smmu_device_fail(smmu, "commands no longer consumed");
			return -EIO;
		}
	}
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmdq_issue);

static const char *cmdq_err_name(u32 err)
{
	switch (err) {
	case CMDQ_ERR_CERROR_ILL:
		return "CERROR_ILL (illegal command)";
	case CMDQ_ERR_CERROR_ABT:
		return "CERROR_ABT (abort reading the queue)";
	case CMDQ_ERR_CERROR_ATC_INV_SYNC:
		return "CERROR_ATC_INV_SYNC (ATC invalidation timed out)";
	default:
		return "unknown error";
	}
}

/**
 * arm_smmu_cmdq_handle_error() - repair the queue after GERROR.CMDQ_ERR
 * @smmu: the SMMU, its command queue stopped on an error
 *
 * IHI0070 7.1: CONS stays on the command that failed, and the SMMU fetches
 * it again once the error is acknowledged. So, by CONS.ERR:
 *   CERROR_ILL: the command can never succeed; it is reported and replaced
 *	by a CMD_SYNC, which completes like the syncs around it (with MSI
 *	write-back of its own position when the queue uses it);
 *   CERROR_ABT: reading the queue failed; the same command is fetched again;
 *   CERROR_ATC_INV_SYNC: the CMD_SYNC at CONS saw an ATC invalidation time
 *	out (3.9.1.4); it stays, runs again and completes its waiters, and
 *	the timeout is reported;
 *   CERROR_NONE: nothing failed (a spurious or already repaired error);
 *	the slot is left alone.
 * The caller then acknowledges GERROR.
 *
 * Context: the GERROR handler, hard IRQ; while the SMMU is stopped no
 * submitter writes the slot at CONS (see the file comment).
 */
void arm_smmu_cmdq_handle_error(struct arm_smmu_device *smmu)
{
	struct arm_smmu_cmdq *cmdq = &smmu->cmdq;
	struct arm_smmu_queue *q = &cmdq->q;
	u32 cons = readl_relaxed(q->cons_reg);
	u32 err = FIELD_GET(CMDQ_CONS_ERR, cons);
	__le64 *slot = q->base + arm_smmu_q_idx(q->shift, cons) * CMDQ_ENT_DWORDS;
	struct arm_smmu_cmd nop;
	u64 pos;

	if (err == CMDQ_ERR_NONE)
		return;
	dev_err_ratelimited(smmu->dev,
			    "cmdq: %s at index %u: op 0x%02llx [%016llx %016llx]\n",
			    cmdq_err_name(err), arm_smmu_q_idx(q->shift, cons),
			    FIELD_GET(CMD_0_OP, le64_to_cpu(slot[0])),
			    le64_to_cpu(slot[0]), le64_to_cpu(slot[1]));
	if (err != CMDQ_ERR_CERROR_ILL)
		return;

	/* MSI waiters compare positions: write the one this slot holds. */
	pos = arm_smmu_q_cons_pos(q->shift, atomic64_read(&cmdq->published), cons);
	arm_smmu_cmd_sync(&nop, READ_ONCE(cmdq->use_msi) ?
			  cmdq->sync_word_dma : 0, (u32)(pos + 1));
	slot[0] = nop.data[0];
	slot[1] = nop.data[1];
	/* dma_wmb: the SMMU re-reads the slot once GERRORN is written. */
	dma_wmb();
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cmdq_handle_error);

/**
 * arm_smmu_cmdq_msi_aborted() - stop relying on CMD_SYNC MSI write-back
 * @smmu: the SMMU, which raised GERROR.MSI_CMDQ_ABT_ERR (IHI0070 7.5), or
 *	  whose CONS is past a CMD_SYNC that a waiter saw no write from
 *
 * The word a waiter polls would never reach its target. Completion is
 * polled from CONS from now on: a CMD_SYNC that completed is behind CONS
 * whether or not its write landed, so waiters already spinning finish at
 * their next poll, and later CMD_SYNCs ask for no write.
 *
 * Context: any (the GERROR handler runs it in hard IRQ); never sleeps.
 */
void arm_smmu_cmdq_msi_aborted(struct arm_smmu_device *smmu)
{
	struct arm_smmu_cmdq *cmdq = &smmu->cmdq;

	if (!READ_ONCE(cmdq->use_msi))
		return;
	WRITE_ONCE(cmdq->use_msi, false);
	dev_warn(smmu->dev, "cmdq: CMD_SYNC MSI write-back failed: completion is polled from CONS from now on\n");
}

/**
 * arm_smmu_batch_add() - append a command, publishing the batch when full
 * @batch: the batch
 * @cmd: the command
 *
 * Context: any; never sleeps.
 */
void arm_smmu_batch_add(struct arm_smmu_batch *batch,
			const struct arm_smmu_cmd *cmd)
{
	if (batch->n == ARRAY_SIZE(batch->cmds)) {
		/* MMU-700 erratum 2812531: no long runs without a CMD_SYNC */
		arm_smmu_cmdq_issue(batch->smmu, batch->cmds, batch->n,
				    batch->smmu->sync_full_batches);
		batch->n = 0;
	}
	batch->cmds[batch->n++] = *cmd;
}

/**
 * arm_smmu_batch_submit() - publish the batch with a CMD_SYNC and wait
 * @batch: the batch; empty afterwards
 *
 * Context: any; never sleeps.
 * Return: 0 or the error of arm_smmu_cmdq_issue().
 */
int arm_smmu_batch_submit(struct arm_smmu_batch *batch)
{
	int ret = arm_smmu_cmdq_issue(batch->smmu, batch->cmds, batch->n, true);

	batch->n = 0;
	return ret;
}
