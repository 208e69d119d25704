// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software SMMUv3 model (test code): PRI, IHI0070 8 and PCIe's Page
 * Request Interface.
 *
 * Theory of operation
 *
 * A PCI function with the PRI capability sends Page Requests (PPRs) when a
 * test makes it (smmu_model_page_request(), smmu_model_stop_marker()) or
 * when a Translated DMA with SMMU_MODEL_DMA_PRI is granted too little
 * (model_dma_pri()). As PCIe has it, it sends only while software has PRI
 * Enable set and it holds a credit: each request counts against the
 * Outstanding Page Request Allocation software wrote until a PRG Response
 * for its group arrives (struct model_pri). Stop Markers take no credit.
 * A Response Failure sets Status.RF and stops the function, which then
 * ignores responses, until software clears Enable and writes Reset; a
 * response that matches no outstanding group sets Status.UPRGI and is
 * counted, since a driver that answers twice is a bug worth catching.
 *
 * The SMMU side (model_priq_receive()) is IHI0070 8, 8.1, 8.2: with the
 * effective PRIQEN == 0 or GERROR.PRIQ_ABT_ERR active every PPR is
 * discarded and answered Response Failure without a PASID; a full queue
 * toggles PRIQ_PROD.OVFLG once and, while the overflow is active (OVFLG
 * != PRIQ_CONS.OVACKFLG, software acknowledges it by writing CONS),
 * messages are discarded and those with L == 1 answered as 8.1 says. Stop
 * Markers are never answered. Otherwise the entry is written at PROD.WR
 * (smmu_model_ppr_encode()) and PROD moves on; an abort writing it raises
 * GERROR.PRIQ_ABT_ERR and the PPR is answered Response Failure (the
 * synchronous case of 8.2). The interrupt follows SMMU_PRIQ_IRQ_CFG2.LO:
 * on the queue becoming non-empty, or with LO on every L == 1 message
 * written or discarded by overflow; as a wired "priq" line or an MSI
 * (SMMU_PRIQ_IRQ_CFG0-1) as the event queue's.
 *
 * CMD_PRI_RESP is sent to the function as the command is consumed: 4.7.3
 * has a CMD_SYNC guarantee nothing about it. It is IGNORED while SMMUEN ==
 * 0 (4.5.2).
 *
 * Locking: everything runs under smmu_model.lock, except the waits for
 * responses; pri_wq is woken whenever a function receives one.
 */
#include <linux/bitfield.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/wait.h>

#include "arm-smmu-v3-model-internal.h"

#define M_PPR_FLAGS	(SMMU_MODEL_DMA_WRITE | SMMU_MODEL_DMA_EXEC | \
			 SMMU_MODEL_DMA_PRIV)
#define M_PRGI_MAX	0x1ff

/* ------------------------------------------------------------------------
 * The function: its PRI capability and outstanding groups
 */

static void model_pri_set_status(struct model_pci_fn *fn, u16 set, u16 clear)
{
	u8 *p = &fn->cfg[fn->pri_cap + PCI_PRI_STATUS];
	u16 v = ((p[0] | (p[1] << 8)) & ~clear) | set;

	p[0] = v;
	p[1] = v >> 8;
}

/* PCIe PRI: Stopped when Enable is clear and nothing is outstanding */
static void model_pri_update_stopped(struct model_pci_fn *fn)
{
	struct model_pci_state s;

	model_pci_state(fn, &s);
	if (!s.pri && !fn->pri.c.outstanding)
		model_pri_set_status(fn, PCI_PRI_STATUS_STOPPED, 0);
	else
		model_pri_set_status(fn, 0, PCI_PRI_STATUS_STOPPED);
}

/* PCIe PRI Reset: credits and the state of pending requests go */
static void model_pri_reset(struct model_pci_fn *fn)
{
	struct model_pri *p = &fn->pri;

	memset(p->groups, 0, sizeof(p->groups));
	memset(p->resps, 0, sizeof(p->resps));
	p->failed = false;
	p->c.outstanding = 0;
}

/*
 * A config write that touched the PRI capability, already applied through
 * the write mask: RF and UPRGI are RW1C, Reset acts when Enable is clear
 * (or cleared by the same write) and reads as 0.
 */
void model_pci_pri_write(struct smmu_model *m, struct model_pci_fn *fn,
			 unsigned int where, int size, u32 val,
			 const struct model_pci_state *before)
{
	unsigned int ctrl = fn->pri_cap + PCI_PRI_CTRL;
	unsigned int status = fn->pri_cap + PCI_PRI_STATUS;
	struct model_pci_state s;

	if (where + size <= fn->pri_cap || where >= fn->pri_cap + 0x10)
		return;
	if (where <= status && status < where + size) {
		u8 w1c = (val >> (8 * (status - where))) &
			 (PCI_PRI_STATUS_RF | PCI_PRI_STATUS_UPRGI);

		model_pri_set_status(fn, 0, w1c);
	}
	if (fn->cfg[ctrl] & PCI_PRI_CTRL_RESET) {
		fn->cfg[ctrl] &= ~PCI_PRI_CTRL_RESET;
		if (!(fn->cfg[ctrl] & PCI_PRI_CTRL_ENABLE))
			model_pri_reset(fn);
	}
	model_pci_state(fn, &s);
	if (s.pri && !before->pri && s.pri_alloc > M_PRI_CAPACITY)
		model_err(m, "PCI slot %td: PRI enabled with %u requests allocated, capacity %u",
			  fn - m->pci_fns, s.pri_alloc, M_PRI_CAPACITY);
	model_pri_update_stopped(fn);
}

static struct model_prg *model_prg_find(struct model_pri *p, u32 ssid,
					u16 prgi)
{
	int i;

	for (i = 0; i < M_PRI_GROUPS; i++)
		if (p->groups[i].used && p->groups[i].ssid == ssid &&
		    p->groups[i].prgi == prgi)
			return &p->groups[i];
	return NULL;
}

/* A Response Failure may come without the PASID of its group (8.2) */
static struct model_prg *model_prg_find_any(struct model_pri *p, u16 prgi)
{
	int i;

	for (i = 0; i < M_PRI_GROUPS; i++)
		if (p->groups[i].used && p->groups[i].prgi == prgi)
			return &p->groups[i];
	return NULL;
}

/*
 * A PRG Response Message reaches the function of @sid. PCIe PRI: with
 * "PRG Response PASID Required" set, a response answers a group requested
 * with a PASID only if it carries that PASID; with it clear, a response
 * carries none. @ssid is SMMU_MODEL_NO_SSID for a response without one.
 */
static void model_prg_deliver(struct smmu_model *m, u32 sid, u32 ssid,
			      u16 prgi, u8 code, bool autoresp)
{
	struct model_stream *st = model_stream(m, sid);
	struct model_pci_state s;
	struct model_prg_resp *r;
	struct model_prg *g;
	struct model_pri *p;

	if (!st || !st->fn || !st->fn->pri_cap)
		return;		/* no function to receive it */
	p = &st->fn->pri;
	model_pci_state(st->fn, &s);
	if (autoresp)
		p->c.auto_responses++;
	else
		p->c.responses++;
	if (p->failed) {
		p->c.ignored_responses++;
		return;
	}
	g = NULL;
	if (ssid == SMMU_MODEL_NO_SSID || s.prg_pasid)
		g = model_prg_find(p, ssid, prgi);
	if (code == SMMU_MODEL_PRG_FAILURE) {
		if (!g && ssid == SMMU_MODEL_NO_SSID)
			g = model_prg_find_any(p, prgi);
		p->failed = true;
		model_pri_set_status(st->fn, PCI_PRI_STATUS_RF, 0);
	}
	if (!g) {
		p->c.unexpected_responses++;
		model_pri_set_status(st->fn, PCI_PRI_STATUS_UPRGI, 0);
		return;
	}
	p->c.outstanding -= g->nreq;
	r = &p->resps[p->next_resp++ % M_PRI_RESPS];
	*r = (struct model_prg_resp) {
		.used = true, .ssid = g->ssid, .prgi = g->prgi, .code = code,
	};
	g->used = false;
	model_pri_update_stopped(st->fn);
	wake_up_all(&m->pri_wq);
}

/* 4.5.2: CMD_PRI_RESP, as it is consumed */
void model_pri_resp(struct smmu_model *m, const struct smmu_model_cmd *c)
{
	if (!(m->cr0ack & M_CR0_SMMUEN))
		return;		/* IGNORED */
	model_prg_deliver(m, c->sid, c->ssv ? c->ssid : SMMU_MODEL_NO_SSID,
			  c->grpid, smmu_model_prg_code(c->resp), false);
}

/* ------------------------------------------------------------------------
 * The SMMU: the PRI queue (IHI0070 8, 6.3.33-36, 6.3.97-98)
 */

/* PRIQEN went to 1: the queue as PRIQ_BASE and PRIQ_PROD say now */
void model_priq_enable(struct smmu_model *m)
{
	u64 val = rd0_64(m, M_PRIQ_BASE);

	m->priq_base = val & M_Q_BASE_ADDR;
	/* 6.3.33: LOG2SIZE is capped at IDR1.PRIQS */
	m->priq_shift = min_t(u32, FIELD_GET(M_Q_BASE_LOG2SIZE, val),
			      FIELD_GET(M_IDR1_PRIQS, m->preset.idr[1]));
	if (!m->priq_shift)
		m->priq_shift = 1;	/* one entry: not modelled, two */
	m->priq_prod = rd1(m, M_PRIQ_PROD) &
		       (M_Q_OVF | GENMASK(m->priq_shift, 0));
}

/*
 * 8.1: the auto-response to a PPR with L == 1 discarded in an overflow.
 * Success, with the PASID if the PPR had one and IDR3.PPS or STE.PPAR
 * allows it; Failure without a PASID when PPAR is to be checked and the
 * STE cannot be read.
 */
static void model_priq_overflow_resp(struct smmu_model *m,
				     const struct smmu_model_ppr *ppr)
{
	struct smmu_model_event evt = { .sid = ppr->sid };
	struct model_ste_cache *se;
	u32 ssid = SMMU_MODEL_NO_SSID;
	u8 code = SMMU_MODEL_PRG_SUCCESS;

	if (ppr->ssv && m->idr.pps) {
		ssid = ppr->ssid;
	} else if (ppr->ssv) {
		se = (m->cr0ack & M_CR0_SMMUEN) ?
		     model_get_ste(m, ppr->sid, &evt) : NULL;
		if (se && se->ste.ppar)
			ssid = ppr->ssid;
		if (!se)
			code = SMMU_MODEL_PRG_FAILURE;
		if (!se && evt.type && model_rec_cfg_ats(m, evt.type))
			model_event(m, &evt);
	}
	model_prg_deliver(m, ppr->sid, ssid, ppr->grpid, code, true);
}

static bool model_priq_irq_lo(struct smmu_model *m)
{
	/* 6.3.36: PRIQ_IRQ_CFG2 exists only with IDR0.MSI */
	return m->idr.msi && (rd0(m, M_PRIQ_IRQ_CFG2) & M_PRIQ_IRQ_CFG2_LO);
}

static void model_priq_irq(struct smmu_model *m)
{
	model_queue_irq(m, M_IRQ_PRIQ, M_PRIQ_IRQ_CFG0, M_GERROR_MSI_PRIQ_ABT,
			SMMU_MODEL_LINE_PRIQ);
}

/*
 * 8.2: a message the SMMU cannot queue (no queue, or its abort) is
 * discarded; a Page Request is answered Response Failure, without a PASID
 */
static void model_priq_refuse(struct smmu_model *m, struct model_pci_fn *fn,
			      const struct smmu_model_ppr *ppr, bool stop)
{
	fn->pri.c.discarded++;
	if (!stop)
		model_prg_deliver(m, ppr->sid, SMMU_MODEL_NO_SSID, ppr->grpid,
				  SMMU_MODEL_PRG_FAILURE, true);
}

/* A PRI message of @fn arrives at the SMMU */
static void model_priq_receive(struct smmu_model *m, struct model_pci_fn *fn,
			       const struct smmu_model_ppr *ppr)
{
	/* 8: LWR == 0b100 with a PASID is a Stop Marker, without a PPR */
	bool stop = ppr->ssv && ppr->last && !ppr->read && !ppr->write;
	u32 shift = m->priq_shift, mask = GENMASK(shift, 0);
	u32 cons, prod = m->priq_prod;
	u32 gerr = rd0(m, M_GERROR) ^ rd0(m, M_GERRORN);
	__le64 rec[2];
	u64 slot;

	/* 8.2: no queue (SMMUEN == 0 implies PRIQEN == 0), or its abort */
	if (!(m->cr0ack & M_CR0_SMMUEN) || !(m->cr0ack & M_CR0_PRIQEN) ||
	    (gerr & M_GERROR_PRIQ_ABT)) {
		model_priq_refuse(m, fn, ppr, stop);
		return;
	}
	cons = rd1(m, M_PRIQ_CONS);
	if (!((prod ^ cons) & M_Q_OVF) &&
	    ((prod ^ cons) & mask) == BIT(shift)) {
		/* 8.1: full, and no overflow active: it starts */
		m->priq_prod ^= M_Q_OVF;
		wr1(m, M_PRIQ_PROD, m->priq_prod);
		fn->pri.c.overflows++;
		prod = m->priq_prod;
	}
	if ((prod ^ cons) & M_Q_OVF) {
		/* 8.1: discarded; L == 1 answered, Stop Markers never */
		fn->pri.c.discarded++;
		if (ppr->last && !stop)
			model_priq_overflow_resp(m, ppr);
		if (ppr->last && model_priq_irq_lo(m))
			model_priq_irq(m);
		return;
	}
	smmu_model_ppr_encode(ppr, rec);
	slot = m->priq_base + (u64)(prod & GENMASK(shift - 1, 0)) * sizeof(rec);
	if (model_mem_write(&m->mem, slot, rec, sizeof(rec))) {
		/* 8.2: a synchronous abort, answered Response Failure */
		model_gerror(m, M_GERROR_PRIQ_ABT);
		model_priq_refuse(m, fn, ppr, stop);
		return;
	}
	fn->pri.c.queued++;
	m->priq_prod = (prod & M_Q_OVF) | ((prod + 1) & mask);
	wr1(m, M_PRIQ_PROD, m->priq_prod);
	/* 6.3.36 LO: every L == 1 message, else the queue became non-empty */
	if (model_priq_irq_lo(m) ? ppr->last : (prod & mask) == (cons & mask))
		model_priq_irq(m);
}

/* ------------------------------------------------------------------------
 * Page Requests as a function sends them, and what tests see
 */

static struct model_pci_fn *model_pri_fn(struct smmu_model_master *mm)
{
	struct model_pci_fn *fn = mm->nr_sids ? mm->streams[0].fn : NULL;

	return fn && fn->pri_cap ? fn : NULL;
}

/* What the function may send, by what software enabled in config space */
static int model_pri_may_send(struct model_pci_fn *fn, u32 ssid,
			      unsigned int flags, bool credit)
{
	struct model_pci_state s;

	model_pci_state(fn, &s);
	if (!s.pri || fn->pri.failed)
		return -EOPNOTSUPP;
	if (!model_pci_prefix_ok(&s, ssid, flags))
		return -EOPNOTSUPP;
	if (credit && fn->pri.c.outstanding >= s.pri_alloc)
		return -EOPNOTSUPP;
	return 0;
}

/* A PRGI that none of the function's outstanding groups uses */
static int model_pri_pick_prgi(struct model_pri *p, u16 *prgi)
{
	unsigned int n;

	for (n = 0; n <= M_PRGI_MAX; n++) {
		u16 i = (p->next_prgi + n) & M_PRGI_MAX;

		if (!model_prg_find_any(p, i)) {
			p->next_prgi = i + 1;
			*prgi = i;
			return 0;
		}
	}
	return -EBUSY;
}

/* Under m->lock: the function sends a PPR or (@stop) a Stop Marker */
static int model_pri_send(struct smmu_model *m, struct model_pci_fn *fn,
			  u32 sid, u32 ssid, u64 addr, unsigned int flags,
			  u16 prgi, bool last, bool stop)
{
	struct smmu_model_ppr ppr = {
		.sid = sid,
		.ssv = ssid != SMMU_MODEL_NO_SSID && m->idr.ssidsize,
		.ssid = ssid != SMMU_MODEL_NO_SSID ? ssid : 0,
		.grpid = prgi,
		.last = last || stop,
		.read = !stop,
		.write = !stop && (flags & SMMU_MODEL_DMA_WRITE),
		.exec = flags & SMMU_MODEL_DMA_EXEC,
		.priv = flags & SMMU_MODEL_DMA_PRIV,
		.addr = stop ? 0 : addr & ~(u64)(SZ_4K - 1),
	};
	struct model_pri *p = &fn->pri;
	struct model_prg *g = NULL;
	int ret, i;

	ret = model_pri_may_send(fn, ssid, flags, !stop);
	if (ret)
		return ret;
	if (stop) {
		p->c.stop_markers++;
	} else {
		g = model_prg_find(p, ssid, prgi);
		if (g && g->last)
			return -EINVAL;	/* PCIe: PRGI reused before its response */
		for (i = 0; !g && i < M_PRI_GROUPS; i++)
			if (!p->groups[i].used)
				g = &p->groups[i];
		if (!g)
			return -EOPNOTSUPP;	/* more groups than modelled */
		if (!g->used)
			*g = (struct model_prg) {
				.used = true, .ssid = ssid, .prgi = prgi,
			};
		g->nreq++;
		g->last = last;
		p->c.outstanding++;
		p->c.sent++;
		model_pri_update_stopped(fn);
	}
	model_priq_receive(m, fn, &ppr);
	return 0;
}

static int model_pri_message(struct smmu_model_master *mm, u32 ssid, u64 addr,
			     unsigned int flags, u16 prgi, bool last, bool stop)
{
	struct model_pci_fn *fn = model_pri_fn(mm);
	struct smmu_model *m = mm->m;
	unsigned long irqflags, lines, msis;
	int ret;

	if (!fn || (flags & ~M_PPR_FLAGS) || prgi > M_PRGI_MAX ||
	    (stop && ssid == SMMU_MODEL_NO_SSID))
		return -EINVAL;
	raw_spin_lock_irqsave(&m->lock, irqflags);
	ret = model_pri_send(m, fn, mm->streams[0].sid, ssid, addr, flags,
			     prgi, last, stop);
	model_take_pending(m, &lines, &msis);
	raw_spin_unlock_irqrestore(&m->lock, irqflags);
	model_deliver(m, lines, msis);
	return ret;
}

int smmu_model_page_request(struct smmu_model_master *mm, u32 ssid, u64 addr,
			    unsigned int flags, u16 prgi, bool last)
{
	return model_pri_message(mm, ssid, addr, flags, prgi, last, false);
}

int smmu_model_stop_marker(struct smmu_model_master *mm, u32 ssid)
{
	return model_pri_message(mm, ssid, 0, 0, 0, true, true);
}

/* Take the oldest response received for (@ssid, @prgi): its code, or -1 */
static int model_prg_take(struct smmu_model *m, struct model_pci_fn *fn,
			  u32 ssid, u16 prgi)
{
	struct model_pri *p = &fn->pri;
	unsigned long flags;
	int i, code = -1;

	raw_spin_lock_irqsave(&m->lock, flags);
	for (i = 0; i < M_PRI_RESPS; i++) {
		struct model_prg_resp *r = &p->resps[(p->next_resp + i) %
						     M_PRI_RESPS];

		if (r->used && r->ssid == ssid && r->prgi == prgi) {
			r->used = false;
			code = r->code;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&m->lock, flags);
	return code;
}

int smmu_model_wait_prg_response(struct smmu_model_master *mm, u32 ssid,
				 u16 prgi, unsigned int timeout_ms)
{
	struct model_pci_fn *fn = model_pri_fn(mm);
	int code = -1;

	if (!fn)
		return -ETIMEDOUT;
	wait_event_timeout(mm->m->pri_wq,
			   (code = model_prg_take(mm->m, fn, ssid, prgi)) >= 0,
			   msecs_to_jiffies(timeout_ms));
	return code >= 0 ? code : -ETIMEDOUT;
}

void smmu_model_pri_counts(struct smmu_model_master *mm,
			   struct smmu_model_pri_counts *c)
{
	struct model_pci_fn *fn = model_pri_fn(mm);
	unsigned long flags;

	memset(c, 0, sizeof(*c));
	if (!fn)
		return;
	raw_spin_lock_irqsave(&mm->m->lock, flags);
	*c = fn->pri.c;
	raw_spin_unlock_irqrestore(&mm->m->lock, flags);
}

/*
 * SMMU_MODEL_DMA_PRI: the function was granted too little for @addr. It
 * asks for the page in a group of its own and waits for the answer.
 * Return: 0 with @r->prg_code set, -EACCES when it may not ask, or
 * -ETIMEDOUT.
 */
int model_dma_pri(struct smmu_model_master *mm, u32 ssid, u64 addr,
		  unsigned int flags, struct smmu_model_dma_result *r)
{
	struct model_pci_fn *fn = model_pri_fn(mm);
	struct smmu_model *m = mm->m;
	unsigned long irqflags, lines, msis;
	u16 prgi = 0;
	int ret;

	if (!fn)
		return -EACCES;
	raw_spin_lock_irqsave(&m->lock, irqflags);
	ret = model_pri_pick_prgi(&fn->pri, &prgi);
	if (!ret)
		ret = model_pri_send(m, fn, mm->streams[0].sid, ssid, addr,
				     flags & M_PPR_FLAGS, prgi, true, false);
	model_take_pending(m, &lines, &msis);
	raw_spin_unlock_irqrestore(&m->lock, irqflags);
	model_deliver(m, lines, msis);
	if (ret)
		return -EACCES;
	r->page_requests++;
	ret = smmu_model_wait_prg_response(mm, ssid, prgi, MSEC_PER_SEC);
	if (ret < 0)
		return ret;
	r->prg_code = ret;
	return 0;
}
