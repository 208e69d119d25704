// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software SMMUv3 model (test code): ATS, IHI0070 3.9.1.
 *
 * Theory of operation
 *
 * A PCI function with the ATS capability has an Address Translation Cache
 * (struct model_atc, in its struct model_pci_fn): translations for one
 * PASID or for none, for its privileged or its unprivileged entity, each
 * with the range, output address and permissions a Translation Completion
 * gave. Translation Requests (TRs) fill it: those a test makes the function
 * send (smmu_model_ats_translate()) and those a Translated DMA
 * (SMMU_MODEL_DMA_TRANSLATED) sends on a miss. The function sends TRs and
 * uses its ATC only while software has ATS enabled in its config space;
 * clearing ATS Enable empties the ATC (arm-smmu-v3-model-pci.c).
 *
 * The SMMU answers a TR (model_tr()) as 3.9.1.2 says: Unsupported Request,
 * recording F_BAD_ATS_TREQ, when ATS is disabled for the stream (SMMUEN ==
 * 0, a bypass STE, an effective EATS of 0b00), silently for an abort STE;
 * Completer Abort for a configuration error, recorded only with
 * CR2.REC_CFG_ATS. Otherwise it translates through its configuration cache
 * and TLB as for an untranslated transaction, and a translation fault
 * becomes a Successful Completion that grants nothing, one STU long, never
 * an event or a stall. What a completion grants follows 13.7: a request
 * that means to write (NW == 0) walks as a write, so that HTTU marks the
 * page dirty, and falls back to a read walk where writing is not allowed.
 *
 * A Translated transaction (model_translated()) passes unchecked with
 * CR0.ATSCHK == 0. With ATSCHK == 1 it needs an STE whose effective EATS
 * is not 0b00, else it is aborted with F_TRANSL_FORBIDDEN (3.9.1.3); an
 * abort STE aborts it silently, a configuration error as it does a TR. An
 * address beyond the OAS is aborted without an event (3.9.1.1, one of the
 * two IMPLEMENTATION DEFINED behaviours). Split-stage ATS (EATS == 0b10)
 * is not modelled: an STE that selects it is a violation, and the request
 * or transaction is aborted.
 *
 * CMD_ATC_INV waits with the other invalidations for the next CMD_SYNC
 * (model_apply()) and then removes what its ATS Invalidate Request covers
 * (model_atc_inv()): with a PASID (SSV == 1) that PASID's entries (the
 * SMMU never completes a PASID request as Global, 3.9.1, so the G flag
 * adds nothing); without one, every entry in the span, with a PASID or
 * not, as PCIe ATS has it. A function receives the request whatever its
 * ATS Enable says, and the command completes: an ATC that ATS Enable
 * emptied has nothing to remove (3.9.1.5: not even a UR response is an
 * error for the SMMU).
 *
 * Rules checked (violations): the STU software programs in a function is
 * the smallest granule the SMMU implements (3.9.1); no function has ATS
 * enabled when SMMUEN is cleared (3.9.1).
 *
 * Locking: everything here runs under smmu_model.lock, interrupts are
 * delivered once it is dropped.
 */
#include <linux/bitfield.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "arm-smmu-v3-model-internal.h"

/* IHI0070 3.9.1: the STU is the smallest granule the SMMU implements */
static u8 model_stu_shift(struct smmu_model *m)
{
	if (m->idr.gran4k)
		return 12;
	return m->idr.gran16k ? 14 : 16;
}

/* IHI0070 6.3.12: configuration errors of ATS and PRI are recorded */
bool model_rec_cfg_ats(struct smmu_model *m, u8 event)
{
	u32 cr2 = rd0(m, M_CR2);

	if (!m->idr.atsrecerr || !(cr2 & M_CR2_REC_CFG_ATS))
		return false;
	return event != SMMU_MODEL_EVT_C_BAD_STREAMID ||
	       (cr2 & M_CR2_RECINVSID);
}

/* The counts of @ssid, or where those of SubstreamIDs not counted go */
static struct smmu_model_atc_counts *model_atc_counts(struct model_pci_fn *fn,
						      u32 ssid)
{
	struct model_atc_counter *free = NULL;
	int i;

	for (i = 0; i < M_ATC_COUNTERS; i++) {
		struct model_atc_counter *c = &fn->atc.cnt[i];

		if (c->used && c->ssid == ssid)
			return &c->c;
		if (!c->used && !free)
			free = c;
	}
	if (!free)
		return &fn->atc.uncounted;
	free->used = true;
	free->ssid = ssid;
	return &free->c;
}

void model_atc_flush(struct model_pci_fn *fn)
{
	memset(fn->atc.e, 0, sizeof(fn->atc.e));
}

static bool model_atc_match(const struct model_atc_entry *e, u32 ssid)
{
	if (!e->valid)
		return false;
	if (ssid == SMMU_MODEL_NO_SSID)
		return !e->ssv;
	return e->ssv && e->ssid == ssid;
}

static struct model_atc_entry *model_atc_find(struct model_pci_fn *fn,
					      u32 ssid, bool priv, u64 ua)
{
	int i;

	for (i = 0; i < M_ATC_SIZE; i++) {
		struct model_atc_entry *e = &fn->atc.e[i];

		if (model_atc_match(e, ssid) && e->priv == priv &&
		    ua - e->ua < BIT_ULL(e->size_shift))
			return e;
	}
	return NULL;
}

/* ------------------------------------------------------------------------
 * Translation Requests
 */

struct model_tr {
	u32		sid;
	u32		ssid;		/* SMMU_MODEL_NO_SSID: no PASID */
	u64		addr;
	unsigned int	flags;		/* _DMA_WRITE (NW == 0), _EXEC, _PRIV */
};

static void model_tr_event(struct smmu_model *m, const struct model_tr *tr,
			   u8 type, struct smmu_model_ats_result *res)
{
	struct smmu_model_event evt = {
		.type = type,
		.sid = tr->sid,
		.ssv = tr->ssid != SMMU_MODEL_NO_SSID,
	};

	evt.ssid = evt.ssv ? tr->ssid : 0;
	model_event(m, &evt);
	res->event = type;
}

/* The translation of a TR through the TLB, @flags as for a transaction */
static int model_tr_walk(struct smmu_model *m, struct model_xlate *x,
			 const struct model_tr *tr, struct model_tlb *t)
{
	unsigned int flags = tr->flags & SMMU_MODEL_DMA_PRIV;
	struct smmu_model_walk_res wres;
	int fault;

	/* 13.7: NW == 0 asks for write permission, and HTTU marks it dirty */
	if (tr->flags & SMMU_MODEL_DMA_WRITE) {
		fault = model_translate(m, x, tr->addr,
					flags | SMMU_MODEL_DMA_WRITE, t, &wres);
		if (fault != SMMU_MODEL_EVT_F_PERMISSION)
			return fault;
	}
	return model_translate(m, x, tr->addr, flags, t, &wres);
}

/*
 * IHI0070 3.9.1.2: the SMMU's answer to a Translation Request. Records
 * only what 3.9.1.2 and 7.3.6 ask for.
 */
static void model_tr(struct smmu_model *m, const struct model_tr *tr,
		     struct smmu_model_ats_result *res)
{
	bool priv = tr->flags & SMMU_MODEL_DMA_PRIV;
	struct smmu_model_event evt = { .sid = tr->sid };
	u8 stu = model_stu_shift(m), eats;
	struct model_ste_cache *se;
	struct model_xlate x;
	struct model_tlb t;
	int cfg, fault;

	memset(res, 0, sizeof(*res));
	res->priv = priv;
	res->status = SMMU_MODEL_TC_UR;
	if (!(m->cr0ack & M_CR0_SMMUEN)) {
		model_tr_event(m, tr, SMMU_MODEL_EVT_F_BAD_ATS_TREQ, res);
		return;
	}
	se = model_get_ste(m, tr->sid, &evt);
	if (!se) {
		res->status = SMMU_MODEL_TC_CA;
		if (model_rec_cfg_ats(m, evt.type))
			model_tr_event(m, tr, evt.type, res);
		return;
	}
	if (!(se->ste.config & 0x4))
		return;		/* Config 0b000: UR, no event */
	eats = smmu_model_ste_eats(&m->idr, &se->ste,
				   m->cr0ack & M_CR0_ATSCHK);
	if (!eats) {
		/* Config 0b100 too: EATS is IGNORED, effectively 0b00 */
		model_tr_event(m, tr, SMMU_MODEL_EVT_F_BAD_ATS_TREQ, res);
		return;
	}
	res->status = SMMU_MODEL_TC_CA;
	if (eats == 2) {
		model_err(m, "SID 0x%x: split-stage ATS (STE.EATS 0b10) is not modelled",
			  tr->sid);
		return;
	}
	cfg = model_configure(m, tr->sid, tr->ssid, &x, &evt);
	if (cfg < 0) {
		if (evt.type && model_rec_cfg_ats(m, evt.type))
			model_tr_event(m, tr, evt.type, res);
		return;
	}
	res->status = SMMU_MODEL_TC_SUCCESS;
	if (cfg == 1) {
		/* 13.6.4: stage 1 skipped, no stage 2: identity, R and W */
		res->perms = SMMU_MODEL_ATS_R | SMMU_MODEL_ATS_W;
		res->size_shift = stu;
		res->addr = tr->addr & ~(BIT_ULL(stu) - 1);
		return;
	}

	fault = model_tr_walk(m, &x, tr, &t);
	switch (fault) {
	case 0:
		res->perms = smmu_model_ats_grant(t.perms, priv,
						  tr->flags & SMMU_MODEL_DMA_EXEC);
		res->size_shift = t.size_shift;
		res->addr = t.pa;
		return;
	case SMMU_MODEL_EVT_F_TRANSLATION:
	case SMMU_MODEL_EVT_F_ADDR_SIZE:
	case SMMU_MODEL_EVT_F_ACCESS:
	case SMMU_MODEL_EVT_F_PERMISSION:
		/* 3.9.1.2: Success, R == W == 0, one STU, nothing recorded */
		res->size_shift = stu;
		return;
	default:
		/* F_WALK_EABT, or a CD the walk cannot use: a config error */
		res->status = SMMU_MODEL_TC_CA;
		if (model_rec_cfg_ats(m, fault))
			model_tr_event(m, tr, fault, res);
		return;
	}
}

/* A completion that grants anything goes into the function's ATC */
static void model_atc_fill(struct model_pci_fn *fn, const struct model_tr *tr,
			   const struct smmu_model_ats_result *res)
{
	u64 mask = BIT_ULL(res->size_shift) - 1;
	bool priv = tr->flags & SMMU_MODEL_DMA_PRIV;
	struct model_atc_entry *e;
	int i;

	if (res->status != SMMU_MODEL_TC_SUCCESS || !res->perms)
		return;
	/* The new translation replaces any it overlaps */
	for (i = 0; i < M_ATC_SIZE; i++) {
		e = &fn->atc.e[i];
		if (model_atc_match(e, tr->ssid) && e->priv == priv &&
		    e->ua <= (tr->addr | mask) &&
		    (tr->addr & ~mask) <= e->ua + BIT_ULL(e->size_shift) - 1)
			e->valid = false;
	}
	e = &fn->atc.e[fn->atc.next++ % M_ATC_SIZE];
	*e = (struct model_atc_entry) {
		.valid = true,
		.ssv = tr->ssid != SMMU_MODEL_NO_SSID,
		.ssid = tr->ssid,
		.priv = priv,
		.ua = tr->addr & ~mask,
		.ta = res->addr & ~mask,
		.size_shift = res->size_shift,
		.perms = res->perms,
	};
}

/*
 * What the function may send, by what software enabled in its config
 * space; checks the STU it was given on the way (IHI0070 3.9.1).
 */
static int model_fn_may_translate(struct smmu_model *m, struct model_pci_fn *fn,
				  u32 ssid, unsigned int flags)
{
	struct model_pci_state s;

	if (!fn->ats_cap)
		return -EOPNOTSUPP;
	model_pci_state(fn, &s);
	if (!s.ats)
		return -EOPNOTSUPP;
	if (!model_pci_prefix_ok(&s, ssid, flags))
		return -EOPNOTSUPP;
	if (s.stu_shift != model_stu_shift(m))
		model_err(m, "PCI slot %td: ATS STU 2^%u, but the SMMU's smallest granule is 2^%u (IHI0070 3.9.1)",
			  fn - m->pci_fns, s.stu_shift, model_stu_shift(m));
	return 0;
}

static struct model_pci_fn *model_master_fn(struct smmu_model_master *mm)
{
	return mm->nr_sids ? mm->streams[0].fn : NULL;
}

int smmu_model_ats_translate(struct smmu_model_master *mm, u32 ssid,
			     u64 iova, unsigned int flags,
			     struct smmu_model_ats_result *res)
{
	struct smmu_model_ats_result scratch, *r = res ?: &scratch;
	struct model_pci_fn *fn = model_master_fn(mm);
	struct smmu_model *m = mm->m;
	unsigned long irqflags, lines, msis;
	struct model_tr tr = {
		.ssid = ssid,
		.addr = iova,
		.flags = flags & (SMMU_MODEL_DMA_WRITE | SMMU_MODEL_DMA_EXEC |
				  SMMU_MODEL_DMA_PRIV),
	};
	int ret;

	memset(r, 0, sizeof(*r));
	if (!fn)
		return -EOPNOTSUPP;
	tr.sid = mm->streams[0].sid;
	raw_spin_lock_irqsave(&m->lock, irqflags);
	ret = model_fn_may_translate(m, fn, ssid, flags);
	if (!ret) {
		model_atc_counts(fn, ssid)->trs++;
		model_tr(m, &tr, r);
		model_atc_fill(fn, &tr, r);
		ret = r->status == SMMU_MODEL_TC_SUCCESS ? 0 : -EIO;
	}
	model_take_pending(m, &lines, &msis);
	raw_spin_unlock_irqrestore(&m->lock, irqflags);
	model_deliver(m, lines, msis);
	return ret;
}

/* ------------------------------------------------------------------------
 * Translated transactions
 */

/*
 * IHI0070 3.9.1.3: what the SMMU does with a Translated transaction of
 * @len bytes at @ta. Return: 0 to pass it to memory, or -EFAULT to abort
 * it, with @evt->type set when an event is to be recorded.
 */
static int model_translated(struct smmu_model *m, u32 sid, u64 ta, size_t len,
			    unsigned int flags, struct smmu_model_event *evt)
{
	struct model_ste_cache *se;
	u8 eats;

	memset(evt, 0, sizeof(*evt));
	evt->sid = sid;
	evt->rnw = !(flags & SMMU_MODEL_DMA_WRITE);
	evt->input_addr = ta;
	if (!(m->cr0ack & M_CR0_SMMUEN)) {
		evt->type = SMMU_MODEL_EVT_F_TRANSL_FORBIDDEN;
		return -EFAULT;
	}
	if (m->cr0ack & M_CR0_ATSCHK) {
		se = model_get_ste(m, sid, evt);
		if (!se) {
			/* 3.9.1.3: C_BAD_STREAMID ignores RECINVSID here */
			if (!model_rec_cfg_ats(m, 0))
				evt->type = 0;
			return -EFAULT;
		}
		if (!(se->ste.config & 0x4))
			return -EFAULT;		/* Config 0b000: no event */
		eats = smmu_model_ste_eats(&m->idr, &se->ste, true);
		if (!eats) {
			evt->type = SMMU_MODEL_EVT_F_TRANSL_FORBIDDEN;
			return -EFAULT;
		}
		if (eats == 2) {
			model_err(m, "SID 0x%x: split-stage ATS (STE.EATS 0b10) is not modelled",
				  sid);
			return -EFAULT;
		}
	}
	/* 3.9.1.1: bits above the OAS: aborted, no event */
	if ((ta | (ta + len - 1)) >> m->idr.oas_bits)
		return -EFAULT;
	return 0;
}

/*
 * The function's side of a Translated access to @ua: its ATC, and a TR on
 * a miss. Return: 0 with the translated address and the bytes the
 * translation covers from it, or -EACCES when the function may not send
 * the access.
 */
static int model_atc_translate(struct smmu_model *m, struct model_pci_fn *fn,
			       u32 sid, u32 ssid, u64 ua, unsigned int flags,
			       u64 *ta, u64 *room, struct smmu_model_dma_result *r)
{
	bool priv = flags & SMMU_MODEL_DMA_PRIV;
	struct model_atc_entry *e;
	u8 need;

	if (flags & SMMU_MODEL_DMA_WRITE)
		need = SMMU_MODEL_ATS_W;
	else if (flags & SMMU_MODEL_DMA_EXEC)
		need = SMMU_MODEL_ATS_R | SMMU_MODEL_ATS_X;
	else
		need = SMMU_MODEL_ATS_R;
	e = model_atc_find(fn, ssid, priv, ua);
	if (e && (e->perms & need) == need) {
		model_atc_counts(fn, ssid)->hits++;
	} else {
		struct model_tr tr = {
			.sid = sid, .ssid = ssid, .addr = ua,
			.flags = flags & (SMMU_MODEL_DMA_WRITE |
					  SMMU_MODEL_DMA_EXEC |
					  SMMU_MODEL_DMA_PRIV),
		};
		struct smmu_model_ats_result res;

		model_atc_counts(fn, ssid)->misses++;
		model_atc_counts(fn, ssid)->trs++;
		r->atc_hit = false;
		model_tr(m, &tr, &res);
		r->tr_status = res.status;
		model_atc_fill(fn, &tr, &res);
		if (res.status != SMMU_MODEL_TC_SUCCESS ||
		    (res.perms & need) != need)
			return -EACCES;
		e = model_atc_find(fn, ssid, priv, ua);
		if (!e)
			return -EACCES;
	}
	*ta = e->ta + (ua - e->ua);
	*room = BIT_ULL(e->size_shift) - (ua - e->ua);
	return 0;
}

/* One pass of a Translated DMA; @need: where it was granted too little */
static int model_dma_translated_pass(struct smmu_model_master *mm,
				     unsigned int sid_idx, u32 ssid, u64 iova,
				     void *buf, size_t len, unsigned int flags,
				     struct smmu_model_dma_result *r, u64 *need)
{
	struct model_stream *st = &mm->streams[sid_idx];
	bool atc = !(flags & SMMU_MODEL_DMA_NO_ATC);
	struct smmu_model_event evt = {};
	unsigned long irqflags, lines, msis;
	struct smmu_model *m = mm->m;
	size_t done = 0;
	int ret = 0;

	if (!st->fn)
		return -EINVAL;		/* only PCI functions speak ATS */
	raw_spin_lock_irqsave(&m->lock, irqflags);
	if (atc)
		ret = model_fn_may_translate(m, st->fn, ssid, flags);
	r->atc_hit = atc;
	while (!ret && done < len) {
		u64 ua = iova + done, ta = ua, room = len - done;
		size_t chunk;

		if (atc) {
			ret = model_atc_translate(m, st->fn, st->sid, ssid, ua,
						  flags, &ta, &room, r);
			if (ret) {
				*need = ua;
				break;
			}
		}
		chunk = min_t(u64, min_t(u64, room, len - done),
			      PAGE_SIZE - (ta & ~PAGE_MASK));
		if (!done)
			r->addr = ta;
		if (model_translated(m, st->sid, ta, chunk, flags, &evt)) {
			r->addr = ta;
			ret = -EFAULT;
			break;
		}
		if (buf && model_copy(m, ta, buf + done, chunk, flags)) {
			r->addr = ta;
			ret = -EFAULT;
			break;
		}
		done += chunk;
	}
	if (evt.type) {
		r->event = evt.type;
		model_event(m, &evt);
		r->recorded = true;
	}
	model_take_pending(m, &lines, &msis);
	raw_spin_unlock_irqrestore(&m->lock, irqflags);
	model_deliver(m, lines, msis);
	return ret;
}

/*
 * With SMMU_MODEL_DMA_PRI, an access granted too little by a Successful
 * Completion makes the function ask for the page (PCIe PRI) and, once
 * answered Success, translate and try again.
 */
int model_dma_translated(struct smmu_model_master *mm, unsigned int sid_idx,
			 u32 ssid, u64 iova, void *buf, size_t len,
			 unsigned int flags, struct smmu_model_dma_result *r)
{
	bool pri = (flags & SMMU_MODEL_DMA_PRI) &&
		   !(flags & SMMU_MODEL_DMA_NO_ATC);
	unsigned int round;
	u64 need = 0;
	int ret;

	for (round = 0; ; round++) {
		ret = model_dma_translated_pass(mm, sid_idx, ssid, iova, buf,
						len, flags, r, &need);
		if (!pri || ret != -EACCES ||
		    r->tr_status != SMMU_MODEL_TC_SUCCESS ||
		    round == M_PRI_ROUNDS)
			return ret;
		ret = model_dma_pri(mm, ssid, need, flags, r);
		if (ret)
			return ret;
		if (r->prg_code != SMMU_MODEL_PRG_SUCCESS)
			return -EACCES;
	}
}

/* ------------------------------------------------------------------------
 * CMD_ATC_INV, what tests see, and the checks
 */

/*
 * IHI0070 4.5.1: a CMD_ATC_INV whose completion a CMD_SYNC now requires.
 * With SSV == 1 the ATS Invalidate Request carries SubstreamID in a PASID
 * TLP prefix and reaches that PASID's entries only. With SSV == 0 it is
 * sent "without a PASID TLP prefix", and PCIe ATS applies such a request
 * to every entry in its range whatever PASID it was requested with, not
 * only to the untagged ones: there is no way to invalidate only entries
 * without a PASID. An entry that overlaps the span at all goes.
 */
/*
 * A function that asks again at once for what an invalidation took away
 * (smmu_model_pci_cfg.refetches, while its ATS is enabled): whatever the
 * SMMU still caches then is
 * what it gets. IHI0070 3.9: software must have completed the SMMU's TLB
 * invalidation before it starts the ATS invalidation, or this request is
 * served the stale translation.
 */
static void model_atc_refetch(struct smmu_model *m, struct model_stream *st,
			      const struct model_atc_entry *e)
{
	struct model_tr tr = {
		.sid = st->sid, .ssid = e->ssv ? e->ssid : SMMU_MODEL_NO_SSID,
		.addr = e->ua,
		.flags = (e->priv ? SMMU_MODEL_DMA_PRIV : 0) |
			 (e->perms & SMMU_MODEL_ATS_W ? SMMU_MODEL_DMA_WRITE : 0),
	};
	struct smmu_model_ats_result res;

	model_atc_counts(st->fn, tr.ssid)->trs++;
	model_tr(m, &tr, &res);
	model_atc_fill(st->fn, &tr, &res);
}

void model_atc_inv(struct smmu_model *m, const struct smmu_model_cmd *c)
{
	struct model_stream *st = model_stream(m, c->sid);
	struct model_pci_state s;
	bool refetch;
	u64 start, last;
	int i;

	if (!st || !st->fn || !st->fn->ats_cap)
		return;		/* no function to send it to */
	model_pci_state(st->fn, &s);
	refetch = st->fn->refetches && s.ats;
	smmu_model_atc_inv_span(c, &start, &last);
	if (!c->ssv && !start && last == U64_MAX)
		st->fn->atc_emptied = true;
	for (i = 0; i < M_ATC_SIZE; i++) {
		struct model_atc_entry *e = &st->fn->atc.e[i];
		struct model_atc_entry gone = *e;

		if (!e->valid)
			continue;
		if (c->ssv && (!e->ssv || e->ssid != c->ssid))
			continue;
		if (e->ua > last || e->ua + BIT_ULL(e->size_shift) - 1 < start)
			continue;
		e->valid = false;
		if (refetch)
			model_atc_refetch(m, st, &gone);
	}
	model_atc_counts(st->fn, c->ssv ? c->ssid : SMMU_MODEL_NO_SSID)->invs++;
}

/* IHI0070 5.2: EATS, bits [93:92], as smmu_model_override_eats() set it */
void model_ats_override_ste(struct smmu_model *m, u32 sid, __le64 *raw)
{
	struct model_stream *st = model_stream(m, sid);
	u64 q;

	if (!st || !st->eats_override)
		return;
	q = le64_to_cpu(raw[1]) & ~GENMASK_ULL(29, 28);
	raw[1] = cpu_to_le64(q | FIELD_PREP(GENMASK_ULL(29, 28), st->eats));
}

void smmu_model_override_eats(struct smmu_model *m, u32 sid, int eats)
{
	struct model_stream *st;
	unsigned long flags;
	int i;

	raw_spin_lock_irqsave(&m->lock, flags);
	st = model_stream(m, sid);
	if (st) {
		st->eats_override = eats >= 0;
		st->eats = eats & 3;
	}
	for (i = 0; i < M_STE_CACHE; i++)
		if (m->ste_cache[i].sid == sid)
			m->ste_cache[i].valid = false;
	for (i = 0; i < M_CD_CACHE; i++)
		if (m->cd_cache[i].sid == sid)
			m->cd_cache[i].valid = false;
	raw_spin_unlock_irqrestore(&m->lock, flags);
}

static void model_atc_counts_add(struct smmu_model_atc_counts *to,
				 const struct smmu_model_atc_counts *c)
{
	to->trs += c->trs;
	to->hits += c->hits;
	to->misses += c->misses;
	to->invs += c->invs;
}

void smmu_model_atc_counts(struct smmu_model_master *mm, u32 ssid,
			   struct smmu_model_atc_counts *c)
{
	struct model_pci_fn *fn = model_master_fn(mm);
	bool any = ssid == SMMU_MODEL_ANY_SSID;
	struct smmu_model *m = mm->m;
	unsigned long flags;
	int i;

	memset(c, 0, sizeof(*c));
	if (!fn)
		return;
	raw_spin_lock_irqsave(&m->lock, flags);
	for (i = 0; i < M_ATC_COUNTERS; i++) {
		const struct model_atc_counter *n = &fn->atc.cnt[i];

		if (n->used && (any || n->ssid == ssid))
			model_atc_counts_add(c, &n->c);
	}
	if (any)
		model_atc_counts_add(c, &fn->atc.uncounted);
	raw_spin_unlock_irqrestore(&m->lock, flags);
}

bool smmu_model_atc_holds(struct smmu_model_master *mm, u32 ssid, u64 iova)
{
	struct model_pci_fn *fn = model_master_fn(mm);
	struct smmu_model *m = mm->m;
	unsigned long flags;
	bool held;

	if (!fn)
		return false;
	raw_spin_lock_irqsave(&m->lock, flags);
	held = model_atc_find(fn, ssid, false, iova) ||
	       model_atc_find(fn, ssid, true, iova);
	raw_spin_unlock_irqrestore(&m->lock, flags);
	return held;
}

void smmu_model_atc_preload(struct smmu_model_master *mm, u32 ssid, u64 iova,
			    phys_addr_t pa)
{
	struct smmu_model_ats_result res = {
		.status = SMMU_MODEL_TC_SUCCESS,
		.perms = SMMU_MODEL_ATS_R | SMMU_MODEL_ATS_W,
		.addr = pa, .size_shift = 12,
	};
	struct model_tr tr = { .ssid = ssid, .addr = iova };
	struct model_pci_fn *fn = model_master_fn(mm);
	struct smmu_model *m = mm->m;
	unsigned long flags;

	if (WARN_ON(!fn))
		return;
	raw_spin_lock_irqsave(&m->lock, flags);
	model_atc_fill(fn, &tr, &res);
	raw_spin_unlock_irqrestore(&m->lock, flags);
}

/* The STE is valid, translates and serves ATS (IHI0070 5.2 EATS) */
static bool model_ste_serves_ats(struct smmu_model *m, const __le64 *raw)
{
	struct smmu_model_ste ste;

	if (smmu_model_ste_decode(&m->idr, raw, &ste) || !(ste.config & 0x4))
		return false;
	/* Config 0b100 (bypass) reads as EATS 0b00 */
	return smmu_model_ste_eats(&m->idr, &ste, m->cr0ack & M_CR0_ATSCHK);
}

/*
 * IHI0070 3.9.2, for a function whose ATS the driver manages (rc_ats):
 * ATS is enabled in the function only once its STE serves ATS, and before
 * an STE that served ATS stops, ATS was disabled in the function and its
 * whole ATC invalidated (with a CMD_SYNC). Checked when ATS Enable is set
 * (@old NULL) and at each CFGI_STE of the function.
 */
void model_check_ats_order(struct smmu_model *m, struct model_stream *st,
			   const __le64 *old, const __le64 *now)
{
	struct model_pci_state s;

	if (!st->fn || !st->fn->rc_ats)
		return;
	model_pci_state(st->fn, &s);
	if (model_ste_serves_ats(m, now))
		return;
	if (s.ats)
		model_err(m, "StreamID 0x%x: ATS enabled in the function while its STE refuses ATS",
			  st->sid);
	else if (old && model_ste_serves_ats(m, old) && !st->fn->atc_emptied)
		model_err(m, "StreamID 0x%x: EATS cleared before the function's ATC was invalidated",
			  st->sid);
}

/* IHI0070 3.9.1: ATS is disabled at every endpoint before SMMUEN is cleared */
void model_ats_smmuen_cleared(struct smmu_model *m)
{
	struct model_pci_state s;
	int i;

	for (i = 0; m->pci_fns && i < M_PCI_SLOTS; i++) {
		if (!m->pci_fns[i].present)
			continue;
		model_pci_state(&m->pci_fns[i], &s);
		if (s.ats)
			model_err(m, "SMMUEN cleared while PCI slot %d has ATS enabled (IHI0070 3.9.1)",
				  i);
	}
}
