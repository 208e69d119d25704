// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software SMMUv3 model (test code): configuration cache, TLB and
 * transactions.
 *
 * The caches keep what a transaction walked: valid STEs by StreamID, valid
 * CDs by StreamID and SubstreamID (IHI0070 4.3.3: CDs are cached per
 * StreamID), translations tagged as the architecture tags them (ASID and
 * VMID, or VMID alone for stage 2; global stage 1 entries match every
 * ASID), each with the size of the leaf that mapped it so that an
 * invalidation of any address in a block removes it. Entries go only when
 * an invalidation that covers them takes effect (model_apply(), called at
 * CMD_SYNC).
 */
#include <linux/mm.h>
#include <linux/string.h>

#include "arm-smmu-v3-model-internal.h"

int model_read_ste(struct smmu_model *m, u32 sid, __le64 *raw)
{
	return smmu_model_fetch_ste(&m->mem, &m->idr,
				    rd0_64(m, M_STRTAB_BASE),
				    rd0(m, M_STRTAB_BASE_CFG), sid, raw, NULL);
}

/*
 * CD @ssid of the table an STE leads to, read from memory now. With
 * substreams off the STE points at one CD, read without a SubstreamID.
 */
static int model_read_cd(struct smmu_model *m, const struct smmu_model_ste *ste,
			 u32 ssid, __le64 *raw)
{
	return smmu_model_fetch_cd(&m->mem, &m->idr, ste, ssid,
				   ste->s1cdmax != 0, NULL, NULL, raw, NULL);
}

static void model_inv_ste(struct smmu_model *m, u32 sid, u32 nr)
{
	struct model_stream *st;
	__le64 raw[8];
	int i;

	for (i = 0; i < M_STE_CACHE; i++)
		if (m->ste_cache[i].valid && m->ste_cache[i].sid - sid < nr)
			m->ste_cache[i].valid = false;
	/* IHI0070 4.3.1: and the CDs fetched through those STEs */
	for (i = 0; i < M_CD_CACHE; i++)
		if (m->cd_cache[i].valid && m->cd_cache[i].sid - sid < nr)
			m->cd_cache[i].valid = false;

	list_for_each_entry(st, &m->streams, node) {
		struct smmu_model_ste ste;
		u32 ssid;

		if (st->sid - sid >= nr || model_read_ste(m, st->sid, raw))
			continue;
		model_check_ste(m, st, raw);
		model_check_vmid(m, st);
		if (!model_snap_s1(m, st, &ste)) {
			model_forget_cds(st, 0);
			continue;
		}
		for (ssid = 0; ssid < M_SNAP_SSIDS &&
		     ssid < (1U << ste.s1cdmax); ssid++)
			if (!model_read_cd(m, &ste, ssid, raw))
				model_check_cd(m, st, ssid, raw);
		model_forget_cds(st, 1U << min_t(u32, ste.s1cdmax, 5));
	}
}

static void model_inv_cd(struct smmu_model *m, u32 sid, u32 ssid, bool all)
{
	struct model_stream *st = model_stream(m, sid);
	struct smmu_model_ste ste;
	__le64 raw[8];
	u32 s;
	int i;

	for (i = 0; i < M_CD_CACHE; i++)
		if (m->cd_cache[i].valid && m->cd_cache[i].sid == sid &&
		    (all || m->cd_cache[i].ssid == ssid))
			m->cd_cache[i].valid = false;
	if (!st || !model_snap_s1(m, st, &ste))
		return;
	for (s = 0; s < M_SNAP_SSIDS && s < (1U << ste.s1cdmax); s++)
		if ((all || s == ssid) && !model_read_cd(m, &ste, s, raw))
			model_check_cd(m, st, s, raw);
}

struct model_tlbi {
	bool	s1, s2, el2;	/* entry kinds it covers */
	bool	by_asid, by_vmid, by_addr;
	u16	asid, vmid;
	u64	start, end;
};

static void model_tlbi(struct smmu_model *m, const struct model_tlbi *t)
{
	int i;

	for (i = 0; i < M_TLB_SIZE; i++) {
		struct model_tlb *e = &m->tlb[i];
		u64 size = 1ULL << e->size_shift;

		if (!e->valid || e->el2 != t->el2)
			continue;
		if (e->kind == TLB_S2 ? !t->s2 : !t->s1)
			continue;
		if (t->by_vmid && e->vmid != t->vmid)
			continue;
		if (t->by_asid && e->kind != TLB_S2 && !e->global &&
		    e->asid != t->asid)
			continue;
		if (t->by_addr && (e->va >= t->end || e->va + size <= t->start))
			continue;
		e->valid = false;
	}
}

static void model_all_asids_invalidated(struct smmu_model *m)
{
	unsigned int i;

	for (i = 0; i < M_NR_IDS; i++)
		if (m->asids[i].used)
			model_asid_invalidated(m, i);
}

/* Carry out an invalidation whose completion a CMD_SYNC now requires */
void model_apply(struct smmu_model *m, const struct smmu_model_cmd *c)
{
	struct model_tlbi t = {};
	unsigned int i;

	switch (c->op) {
	case SMMU_MODEL_OP_CFGI_STE:
		model_inv_ste(m, c->sid, 1);
		return;
	case SMMU_MODEL_OP_CFGI_STE_RANGE:
		if (c->range >= 31)
			model_inv_ste(m, 0, U32_MAX);
		else
			model_inv_ste(m, c->sid & ~(u32)GENMASK(c->range, 0),
				      2U << c->range);
		return;
	case SMMU_MODEL_OP_CFGI_CD:
		model_inv_cd(m, c->sid, c->ssid, false);
		return;
	case SMMU_MODEL_OP_CFGI_CD_ALL:
		model_inv_cd(m, c->sid, 0, true);
		return;
	case SMMU_MODEL_OP_TLBI_NH_ALL:
		t = (struct model_tlbi){ .s1 = true, .by_vmid = true,
					 .vmid = c->vmid };
		model_tlbi(m, &t);
		model_all_asids_invalidated(m);
		return;
	case SMMU_MODEL_OP_TLBI_NH_ASID:
		t = (struct model_tlbi){ .s1 = true, .by_vmid = true,
					 .vmid = c->vmid, .by_asid = true,
					 .asid = c->asid };
		model_tlbi(m, &t);
		model_asid_invalidated(m, c->asid);
		return;
	case SMMU_MODEL_OP_TLBI_NH_VA:
	case SMMU_MODEL_OP_TLBI_NH_VAA:
		t = (struct model_tlbi){ .s1 = true, .by_vmid = true,
					 .vmid = c->vmid, .by_addr = true,
					 .by_asid = c->op == SMMU_MODEL_OP_TLBI_NH_VA,
					 .asid = c->asid };
		smmu_model_tlbi_range(c, &t.start, &t.end);
		model_tlbi(m, &t);
		return;
	case SMMU_MODEL_OP_TLBI_EL2_ALL:
		t = (struct model_tlbi){ .s1 = true, .el2 = true };
		model_tlbi(m, &t);
		return;
	case SMMU_MODEL_OP_TLBI_EL2_ASID:
		t = (struct model_tlbi){ .s1 = true, .el2 = true,
					 .by_asid = true, .asid = c->asid };
		model_tlbi(m, &t);
		return;
	case SMMU_MODEL_OP_TLBI_EL2_VA:
	case SMMU_MODEL_OP_TLBI_EL2_VAA:
		t = (struct model_tlbi){ .s1 = true, .el2 = true,
					 .by_addr = true,
					 .by_asid = c->op == SMMU_MODEL_OP_TLBI_EL2_VA,
					 .asid = c->asid };
		smmu_model_tlbi_range(c, &t.start, &t.end);
		model_tlbi(m, &t);
		return;
	case SMMU_MODEL_OP_TLBI_S12_VMALL:
		t = (struct model_tlbi){ .s1 = true, .s2 = true,
					 .by_vmid = true, .vmid = c->vmid };
		model_tlbi(m, &t);
		model_vmid_invalidated(m, c->vmid);
		return;
	case SMMU_MODEL_OP_TLBI_S2_IPA:
		t = (struct model_tlbi){ .s2 = true, .by_vmid = true,
					 .vmid = c->vmid, .by_addr = true };
		smmu_model_tlbi_range(c, &t.start, &t.end);
		model_tlbi(m, &t);
		return;
	case SMMU_MODEL_OP_ATC_INV:
		model_atc_inv(m, c);
		return;
	case SMMU_MODEL_OP_TLBI_NSNH_ALL:
		t = (struct model_tlbi){ .s1 = true, .s2 = true };
		model_tlbi(m, &t);
		model_all_asids_invalidated(m);
		for (i = 0; i < M_NR_IDS; i++)
			if (m->vmids[i].used)
				model_vmid_invalidated(m, i);
		return;
	}
}

bool model_is_invalidation(u8 op)
{
	switch (op) {
	case SMMU_MODEL_OP_CFGI_STE:
	case SMMU_MODEL_OP_CFGI_STE_RANGE:
	case SMMU_MODEL_OP_CFGI_CD:
	case SMMU_MODEL_OP_CFGI_CD_ALL:
	case SMMU_MODEL_OP_TLBI_NH_ALL:
	case SMMU_MODEL_OP_TLBI_NH_ASID:
	case SMMU_MODEL_OP_TLBI_NH_VA:
	case SMMU_MODEL_OP_TLBI_NH_VAA:
	case SMMU_MODEL_OP_TLBI_EL2_ALL:
	case SMMU_MODEL_OP_TLBI_EL2_ASID:
	case SMMU_MODEL_OP_TLBI_EL2_VA:
	case SMMU_MODEL_OP_TLBI_EL2_VAA:
	case SMMU_MODEL_OP_TLBI_S12_VMALL:
	case SMMU_MODEL_OP_TLBI_S2_IPA:
	case SMMU_MODEL_OP_TLBI_NSNH_ALL:
	case SMMU_MODEL_OP_ATC_INV:
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------------
 * Transactions
 */

struct model_ste_cache *model_get_ste(struct smmu_model *m, u32 sid,
				      struct smmu_model_event *evt)
{
	struct model_ste_cache *e;
	int i, ret;

	for (i = 0; i < M_STE_CACHE; i++)
		if (m->ste_cache[i].valid && m->ste_cache[i].sid == sid)
			return &m->ste_cache[i];
	e = &m->ste_cache[m->ste_next++ % M_STE_CACHE];
	e->valid = false;
	ret = model_read_ste(m, sid, e->raw);
	if (!ret) {
		model_ats_override_ste(m, sid, e->raw);
		ret = smmu_model_ste_decode(&m->idr, e->raw, &e->ste);
	}
	if (ret) {
		evt->type = ret;
		return NULL;
	}
	/* Only valid structures are cached (IHI0070 16.2) */
	e->sid = sid;
	e->valid = true;
	return e;
}

static struct model_cd_cache *model_get_cd(struct smmu_model *m,
					   const struct model_ste_cache *se,
					   u32 ssid, struct smmu_model_event *evt)
{
	struct model_cd_cache *e;
	int i, ret;

	for (i = 0; i < M_CD_CACHE; i++)
		if (m->cd_cache[i].valid && m->cd_cache[i].sid == se->sid &&
		    m->cd_cache[i].ssid == ssid)
			return &m->cd_cache[i];
	e = &m->cd_cache[m->cd_next++ % M_CD_CACHE];
	e->valid = false;
	ret = model_read_cd(m, &se->ste, ssid, e->raw);
	if (!ret)
		ret = smmu_model_cd_decode(&m->idr, &se->ste, e->raw, &e->cd);
	if (ret) {
		evt->type = ret;
		return NULL;
	}
	e->sid = se->sid;
	e->ssid = ssid;
	e->valid = true;
	return e;
}

static u8 model_perm_needed(unsigned int flags)
{
	bool priv = flags & SMMU_MODEL_DMA_PRIV;

	if (flags & SMMU_MODEL_DMA_EXEC)
		return priv ? SMMU_MODEL_PERM_PX : SMMU_MODEL_PERM_X;
	if (flags & SMMU_MODEL_DMA_WRITE)
		return priv ? SMMU_MODEL_PERM_PW : SMMU_MODEL_PERM_W;
	return priv ? SMMU_MODEL_PERM_PR : SMMU_MODEL_PERM_R;
}

static struct model_tlb *model_tlb_find(struct smmu_model *m,
					const struct model_tlb *tag, u64 ia)
{
	int i;

	for (i = 0; i < M_TLB_SIZE; i++) {
		struct model_tlb *e = &m->tlb[i];

		if (!e->valid || e->kind != tag->kind || e->el2 != tag->el2 ||
		    e->vmid != tag->vmid ||
		    (e->kind != TLB_S2 && !e->global && e->asid != tag->asid))
			continue;
		if (ia - e->va < (1ULL << e->size_shift))
			return e;
	}
	return NULL;
}

/*
 * Translate @ia for @x through the TLB, walking on a miss. Return: 0 with
 * the TLB entry used copied to @tlb, or the fault's event type with @res
 * filled.
 */
int model_translate(struct smmu_model *m, struct model_xlate *x, u64 ia,
		    unsigned int flags, struct model_tlb *tlb,
		    struct smmu_model_walk_res *res)
{
	unsigned int access = 0;
	struct model_tlb *e;
	int ret;

	e = model_tlb_find(m, &x->tag, ia);
	if (e && !(e->perms & model_perm_needed(flags))) {
		/* Not enough: walk again (it may need an HTTU update) */
		e->valid = false;
		e = NULL;
	}
	if (!e) {
		memset(res, 0, sizeof(*res));
		if (x->has_s1) {
			ret = smmu_model_walk_cfg_s1(&m->idr, &x->cd, ia, &x->s1);
			if (ret) {
				res->fault = ret;
				return ret;
			}
		}
		if (flags & SMMU_MODEL_DMA_WRITE)
			access |= SMMU_MODEL_ACC_WRITE;
		if (flags & SMMU_MODEL_DMA_EXEC)
			access |= SMMU_MODEL_ACC_EXEC;
		if (flags & SMMU_MODEL_DMA_PRIV)
			access |= SMMU_MODEL_ACC_PRIV;
		ret = smmu_model_walk(&m->mem, x->has_s1 ? &x->s1 : NULL,
				      x->has_s2 ? &x->s2 : NULL, ia, access,
				      res);
		if (ret)
			return ret;
		e = &m->tlb[m->tlb_next++ % M_TLB_SIZE];
		*e = x->tag;
		e->valid = true;
		e->size_shift = res->size_shift;
		e->va = ia & ~((1ULL << res->size_shift) - 1);
		e->pa = res->oa & ~((1ULL << res->size_shift) - 1);
		e->perms = res->perms;
		/* Stage 1 nG, bit 11: a global entry matches every ASID */
		e->global = x->has_s1 && !(res->leaf & BIT_ULL(11));
		if (!(e->perms & model_perm_needed(flags))) {
			e->valid = false;
			res->fault = SMMU_MODEL_EVT_F_PERMISSION;
			return res->fault;
		}
	}
	*tlb = *e;
	return 0;
}

/*
 * Resolve the configuration for (sid, ssid). Return: 0 with @x set, 1 for
 * a transaction that bypasses translation, or -1 when it is terminated
 * (@evt->type set when an event is to be recorded).
 */
int model_configure(struct smmu_model *m, u32 sid, u32 ssid,
		    struct model_xlate *x, struct smmu_model_event *evt)
{
	struct model_ste_cache *se;
	struct model_cd_cache *ce;
	const struct smmu_model_ste *ste;
	bool ssv = ssid != SMMU_MODEL_NO_SSID;

	memset(x, 0, sizeof(*x));
	se = model_get_ste(m, sid, evt);
	if (!se)
		return -1;
	ste = &se->ste;
	if (!(ste->config & 0x4))
		return -1;		/* abort, no event */
	if (!(ste->config & 0x1) && ssv) {
		evt->type = SMMU_MODEL_EVT_C_BAD_SUBSTREAMID;
		return -1;
	}
	if (ste->config & 0x2) {
		if (smmu_model_walk_cfg_s2(&m->idr, ste, &x->s2)) {
			evt->type = SMMU_MODEL_EVT_C_BAD_STE;
			return -1;
		}
		x->has_s2 = true;
		x->tag.kind = TLB_S2;
		x->tag.vmid = ste->s2vmid;
		x->record = ste->s2r;
		x->stall = ste->s2s;
	}
	if (!(ste->config & 0x1))
		return x->has_s2 ? 0 : 1;

	if (!ssv && ste->s1cdmax) {
		switch (ste->s1dss) {
		case 0x0:
			evt->type = SMMU_MODEL_EVT_F_STREAM_DISABLED;
			return -1;
		case 0x1:
			return x->has_s2 ? 0 : 1;
		}
	}
	if (ssv && !ste->s1cdmax) {
		evt->type = SMMU_MODEL_EVT_C_BAD_SUBSTREAMID;
		return -1;
	}
	ce = model_get_cd(m, se, ssv ? ssid : 0, evt);
	if (!ce)
		return -1;
	x->has_s1 = true;
	x->cd = ce->cd;
	x->tag.kind = x->has_s2 ? TLB_NESTED : TLB_S1;
	x->tag.asid = ce->cd.asid;
	if (!x->has_s2)
		x->tag.vmid = ste->strw == 0 ? ste->s2vmid : 0;
	x->tag.el2 = ste->strw == 0x2;
	x->record = ce->cd.r;
	/* IHI0070 3.12: CD.S stalls where the STE and stall model allow */
	x->stall = m->idr.stall_model == 2 ||
		   (m->idr.stall_model == 0 && ce->cd.s && !ste->s1stalld);
	return 0;
}

int model_copy(struct smmu_model *m, u64 pa, void *buf, size_t len,
	       unsigned int flags)
{
	if (flags & SMMU_MODEL_DMA_WRITE)
		return model_mem_write(&m->mem, pa, buf, len);
	return model_mem_read(&m->mem, pa, buf, len);
}

static int model_dma_once(struct smmu_model_master *mm, u32 sid, u32 ssid,
			  u64 iova, void *buf, size_t len, unsigned int flags,
			  struct smmu_model_dma_result *r, int *stall_slot)
{
	struct smmu_model *m = mm->m;
	struct smmu_model_event evt = { .sid = sid };
	struct smmu_model_walk_res wres;
	struct model_xlate x;
	unsigned long irqflags, lines, msis;
	size_t done = 0;
	int ret = 0, cfg;

	raw_spin_lock_irqsave(&m->lock, irqflags);
	if (!(m->cr0ack & M_CR0_SMMUEN)) {
		r->bypassed = true;
		if (rd0(m, M_GBPA) & M_GBPA_ABORT)
			ret = -EFAULT;
		cfg = 1;
	} else {
		cfg = model_configure(m, sid, ssid, &x, &evt);
		if (cfg < 0)
			ret = -EFAULT;
		r->bypassed = cfg == 1;
	}

	while (!ret && done < len) {
		u64 ia = iova + done, pa, room = len - done;
		size_t chunk;

		if (cfg == 0) {
			struct model_tlb t;
			int fault = model_translate(m, &x, ia, flags, &t,
						    &wres);

			if (fault) {
				evt.type = fault;
				evt.input_addr = ia;
				evt.s2 = wres.fault_s2;
				evt.ipa = wres.fault_ipa;
				evt.class = wres.fault_class;
				ret = -EFAULT;
				break;
			}
			pa = t.pa + (ia - t.va);
			room = (1ULL << t.size_shift) - (ia - t.va);
		} else {
			pa = ia;
		}
		chunk = min_t(u64, min_t(u64, room, len - done),
			      PAGE_SIZE - (pa & ~PAGE_MASK));
		if (!done)
			r->addr = pa;
		if (buf && model_copy(m, pa, buf + done, chunk, flags)) {
			/* An external abort: the device sees an error */
			r->addr = pa;
			ret = -EFAULT;
			break;
		}
		done += chunk;
	}

	if (evt.type) {
		bool translation = evt.type >= SMMU_MODEL_EVT_F_TRANSLATION &&
				   evt.type <= SMMU_MODEL_EVT_F_PERMISSION;

		r->event = evt.type;
		r->addr = evt.input_addr;
		evt.ssv = ssid != SMMU_MODEL_NO_SSID;
		evt.ssid = evt.ssv ? ssid : 0;
		evt.rnw = !(flags & SMMU_MODEL_DMA_WRITE);
		evt.pnu = flags & SMMU_MODEL_DMA_PRIV;
		evt.ind = flags & SMMU_MODEL_DMA_EXEC;
		if (translation && x.stall) {
			int i;

			for (i = 0; i < M_MAX_STALLS && m->stalls[i].busy; i++)
				;
			if (i < M_MAX_STALLS) {
				m->stalls[i] = (struct model_stall) {
					.busy = true, .sid = sid,
					.stag = m->next_stag++,
				};
				evt.stall = true;
				evt.stag = m->stalls[i].stag;
				r->stalled = true;
				r->stag = evt.stag;
				*stall_slot = i;
			}
		}
		if (!translation || x.record || evt.stall) {
			model_event(m, &evt);
			r->recorded = true;
		}
	}
	model_take_pending(m, &lines, &msis);
	raw_spin_unlock_irqrestore(&m->lock, irqflags);
	model_deliver(m, lines, msis);
	return ret;
}

int smmu_model_dma(struct smmu_model_master *mm, unsigned int sid_idx,
		   u32 ssid, u64 iova, void *buf, size_t len,
		   unsigned int flags, struct smmu_model_dma_result *res)
{
	struct smmu_model *m = mm->m;
	struct smmu_model_dma_result scratch;
	struct smmu_model_dma_result *r = res ?: &scratch;
	unsigned long irqflags;
	unsigned int tries;
	int ret = -EINVAL;

	memset(r, 0, sizeof(*r));
	r->prg_code = SMMU_MODEL_PRG_NONE;
	if (sid_idx >= mm->nr_sids)
		return -EINVAL;
	if (flags & SMMU_MODEL_DMA_TRANSLATED)
		return model_dma_translated(mm, sid_idx, ssid, iova, buf, len,
					    flags, r);
	for (tries = 0; tries <= M_MAX_RETRIES; tries++) {
		int slot = -1, result;
		unsigned int retried = r->resumed_retry;

		memset(r, 0, sizeof(*r));
		r->resumed_retry = retried;
		r->prg_code = SMMU_MODEL_PRG_NONE;
		ret = model_dma_once(mm, mm->streams[sid_idx].sid, ssid, iova,
				     buf, len, flags, r, &slot);
		if (slot < 0)
			return ret;
		/* Stalled: wait for CMD_RESUME or CMD_STALL_TERM */
		wait_event_timeout(m->stall_wq, READ_ONCE(m->stalls[slot].result),
				   HZ);
		raw_spin_lock_irqsave(&m->lock, irqflags);
		result = m->stalls[slot].result;
		m->stalls[slot].busy = false;
		raw_spin_unlock_irqrestore(&m->lock, irqflags);
		if (!result)
			return -ETIMEDOUT;
		if (result < 0) {
			r->resumed_abort = true;
			return -EFAULT;
		}
		r->resumed_retry++;
	}
	return ret;
}
