// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software SMMUv3 model (test code): the checkers.
 *
 * They run as invalidations take effect (CMD_SYNC), on what the model sees
 * of the entries of its masters' StreamIDs at that moment, and record
 * violations with model_err(). See the theory of operation in
 * arm-smmu-v3-model.c for what each one asserts.
 */
#include <linux/string.h>

#include "arm-smmu-v3-model-internal.h"

struct model_stream *model_stream(struct smmu_model *m, u32 sid)
{
	struct model_stream *st;

	list_for_each_entry(st, &m->streams, node)
		if (st->sid == sid)
			return st;
	return NULL;
}

/*
 * What an STE means: its decoded fields, with those its configuration makes
 * IGNORED (IHI0070 5.2) cleared, so that two values that configure the
 * same behaviour compare equal. Invalid and ILLEGAL STEs all mean "invalid".
 */
struct ste_meaning {
	bool			invalid;
	struct smmu_model_ste	ste;
};

static void model_ste_meaning(struct smmu_model *m, const __le64 *raw,
			      struct ste_meaning *out)
{
	struct smmu_model_ste s, *o = &out->ste;
	bool s1, s2;

	memset(out, 0, sizeof(*out));
	if (smmu_model_ste_decode(&m->idr, raw, &s)) {
		out->invalid = true;
		return;
	}
	o->v = true;
	o->config = s.config;
	if (!(s.config & 0x4))
		return;		/* abort: nothing else is read */
	s1 = s.config & 0x1;
	s2 = s.config & 0x2;
	if (s1) {
		o->s1ctxptr = s.s1ctxptr;
		o->s1cdmax = s.s1cdmax;
		if (s.s1cdmax && m->idr.ssidsize) {
			o->s1fmt = s.s1fmt;
			o->s1dss = s.s1dss;
		}
		o->s1cir = s.s1cir;
		o->s1cor = s.s1cor;
		o->s1csh = s.s1csh;
		o->s1stalld = s.s1stalld;
	}
	if (s1 || s2) {
		o->eats = s.eats;
		o->mev = s.mev;
		o->dcp = s.dcp;
	}
	if (s1 && !s2) {
		o->strw = s.strw;
		o->s2vmid = s.s2vmid;	/* tags stage 1 TLB entries too */
	}
	/* The attribute overrides apply to traffic that bypasses stage 1 */
	if (!s1 || (o->s1cdmax && o->s1dss == 0x1)) {
		o->memattr = s.memattr;
		o->mtcfg = s.mtcfg;
		o->alloccfg = s.alloccfg;
		o->shcfg = s.shcfg;
		o->privcfg = s.privcfg;
		o->instcfg = s.instcfg;
	}
	if (s2) {
		o->s2fwb = s.s2fwb;
		o->s2vmid = s.s2vmid;
		o->s2t0sz = s.s2t0sz;
		o->s2sl0 = s.s2sl0;
		o->s2ir0 = s.s2ir0;
		o->s2or0 = s.s2or0;
		o->s2sh0 = s.s2sh0;
		o->s2tg = s.s2tg;
		o->s2ps = s.s2ps;
		o->s2aa64 = s.s2aa64;
		o->s2endi = s.s2endi;
		o->s2affd = s.s2affd;
		o->s2ptw = s.s2ptw;
		o->s2hd = s.s2hd;
		o->s2ha = s.s2ha;
		o->s2s = s.s2s;
		o->s2r = s.s2r;
		o->s2ttb = s.s2ttb;
	}
}

/* A CD's meaning: EPDx makes TTBx and its TCR fields IGNORED (IHI0070 5.4) */
struct cd_meaning {
	bool			invalid;
	struct smmu_model_cd	cd;
};

static void model_cd_meaning(struct smmu_model *m, const __le64 *raw,
			     struct cd_meaning *out)
{
	struct smmu_model_ste ste = { .config = 0x5, .v = true };

	memset(out, 0, sizeof(*out));
	if (smmu_model_cd_decode(&m->idr, &ste, raw, &out->cd)) {
		memset(&out->cd, 0, sizeof(out->cd));
		out->invalid = true;
		return;
	}
	if (out->cd.epd0) {
		out->cd.ttb0 = 0;
		out->cd.t0sz = 0;
		out->cd.tg0 = 0;
		out->cd.ir0 = 0;
		out->cd.or0 = 0;
		out->cd.sh0 = 0;
	}
	if (out->cd.epd1) {
		out->cd.ttb1 = 0;
		out->cd.t1sz = 0;
		out->cd.tg1 = 0;
		out->cd.ir1 = 0;
		out->cd.or1 = 0;
		out->cd.sh1 = 0;
	}
}

/*
 * Every mixture of @old and @new, qword by qword, must mean what one of
 * them means. Qwords that did not change are not mixed.
 */
static bool model_torn(struct smmu_model *m, const __le64 *old,
		       const __le64 *new, bool is_ste, bool *broke)
{
	union { struct ste_meaning s; struct cd_meaning c; } a, b, x;
	size_t size = is_ste ? sizeof(a.s) : sizeof(a.c);
	unsigned long changed = 0, mix;
	__le64 val[8];
	int i;

	for (i = 0; i < 8; i++)
		if (old[i] != new[i])
			__set_bit(i, &changed);
	if (!changed)
		return false;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (is_ste) {
		model_ste_meaning(m, old, &a.s);
		model_ste_meaning(m, new, &b.s);
		*broke = a.s.invalid != b.s.invalid;
	} else {
		model_cd_meaning(m, old, &a.c);
		model_cd_meaning(m, new, &b.c);
		*broke = a.c.invalid != b.c.invalid;
	}
	/* Enumerate the subsets of the changed qwords */
	mix = 0;
	do {
		mix = (mix - changed) & changed;
		for (i = 0; i < 8; i++)
			val[i] = (mix & BIT(i)) ? new[i] : old[i];
		memset(&x, 0, sizeof(x));
		if (is_ste)
			model_ste_meaning(m, val, &x.s);
		else
			model_cd_meaning(m, val, &x.c);
		if (memcmp(&x, &a, size) && memcmp(&x, &b, size))
			return true;
	} while (mix);
	return false;
}

/* The decoded STE the SMMU last saw for @st, if it translates stage 1 */
bool model_snap_s1(struct smmu_model *m, struct model_stream *st,
		   struct smmu_model_ste *ste)
{
	return st->ste.have &&
	       !smmu_model_ste_decode(&m->idr, st->ste.raw, ste) &&
	       (ste->config & 0x5) == 0x5;
}

/*
 * The STE just moved away from CD 0 (or to invalid): if CD 0 had been
 * invalidated while the STE still sent traffic through it, the driver took
 * the CD away first and faulted that traffic for no reason.
 */
static void model_check_cd0_order(struct smmu_model *m, struct model_stream *st)
{
	struct smmu_model_ste ste;

	if (!st->cd0_dropped)
		return;
	if (model_snap_s1(m, st, &ste) && (!ste.s1cdmax || ste.s1dss == 0x2))
		return;
	model_err(m, "CD 0 of StreamID 0x%x was invalidated before its STE stopped using it",
		  st->sid);
	st->cd0_dropped = false;
}

void model_check_ste(struct smmu_model *m, struct model_stream *st,
		     const __le64 *now)
{
	bool broke = false;

	if (st->ste.have && model_torn(m, st->ste.raw, now, true, &broke))
		model_err(m, "STE 0x%x: a mixture of %016llx.. and %016llx.. means neither",
			  st->sid, le64_to_cpu(st->ste.raw[0]),
			  le64_to_cpu(now[0]));
	if (broke) {
		m->nr_breaks++;
		m->nr_ste_breaks++;
	}
	model_check_ats_order(m, st, st->ste.have ? st->ste.raw : NULL, now);
	memcpy(st->ste.raw, now, sizeof(st->ste.raw));
	st->ste.have = true;
	model_check_cd0_order(m, st);
}

/* CDs the STE no longer leads to are not live: forget what they held */
void model_forget_cds(struct model_stream *st, u32 from)
{
	u32 ssid;

	for (ssid = from; ssid < M_SNAP_SSIDS; ssid++)
		st->cd[ssid].have = false;
}

static void model_check_asid(struct smmu_model *m, struct model_stream *st,
			     u32 ssid, const struct smmu_model_cd *cd)
{
	struct model_id *id = &m->asids[cd->asid];
	struct model_stream *other;
	struct cd_meaning o;
	int i;

	/*
	 * A CD whose walks are all disabled (EPD0 and EPD1, IHI0070 5.4)
	 * names no tables: keeping the ASID of the tables it replaces, until
	 * the TLBI that follows, reuses nothing.
	 */
	if (cd->epd0 && cd->epd1)
		return;
	/* Every live CD with this ASID must name the same tables */
	list_for_each_entry(other, &m->streams, node) {
		for (i = 0; i < M_SNAP_SSIDS; i++) {
			if (!other->cd[i].have || (other == st && i == ssid))
				continue;
			model_cd_meaning(m, other->cd[i].raw, &o);
			if (!o.invalid && o.cd.asid == cd->asid &&
			    !(o.cd.epd0 && o.cd.epd1) &&
			    o.cd.ttb0 != cd->ttb0)
				model_err(m, "ASID %u names tables %llx (sid 0x%x ssid %u) and %llx (sid 0x%x ssid %d)",
					  cd->asid, cd->ttb0, st->sid,
					  ssid, o.cd.ttb0, other->sid, i);
		}
	}
	if (id->used && id->ttb != cd->ttb0 && !id->inv_since_dead)
		model_err(m, "ASID %u reused for tables %llx (was %llx) with no TLBI once the old ones were unused",
			  cd->asid, cd->ttb0, id->ttb);
	if (!id->used || id->ttb != cd->ttb0) {
		id->used = true;
		id->ttb = cd->ttb0;
		id->inv_since_dead = false;
	}
}

void model_check_cd(struct smmu_model *m, struct model_stream *st,
		    u32 ssid, const __le64 *now)
{
	struct model_snap *snap = &st->cd[ssid];
	struct smmu_model_ste ste;
	struct cd_meaning c;
	bool broke = false;

	if (snap->have && model_torn(m, snap->raw, now, false, &broke))
		model_err(m, "CD 0x%x/%u: a mixture of %016llx.. and %016llx.. means neither",
			  st->sid, ssid, le64_to_cpu(snap->raw[0]),
			  le64_to_cpu(now[0]));
	model_cd_meaning(m, now, &c);
	/*
	 * Traffic without a PASID uses CD 0 unless S1DSS says otherwise. CD 0
	 * may pass through V = 0 during a breaking update; it is an error only
	 * if the STE then stops using it before it is valid again (see
	 * model_check_cd0_order()).
	 */
	if (ssid == 0 && model_snap_s1(m, st, &ste) &&
	    (!ste.s1cdmax || ste.s1dss == 0x2))
		st->cd0_dropped = c.invalid && (broke || st->cd0_dropped);
	if (broke)
		m->nr_breaks++;
	memcpy(snap->raw, now, sizeof(snap->raw));
	snap->have = true;
	if (!c.invalid)
		model_check_asid(m, st, ssid, &c.cd);
}

/* An ASID-scoped TLBI: counts as the ID's release only when nothing uses it */
void model_asid_invalidated(struct smmu_model *m, u16 asid)
{
	struct model_id *id = &m->asids[asid];
	struct model_stream *st;
	struct cd_meaning c;
	int i;

	if (!id->used)
		return;
	list_for_each_entry(st, &m->streams, node) {
		for (i = 0; i < M_SNAP_SSIDS; i++) {
			if (!st->cd[i].have)
				continue;
			model_cd_meaning(m, st->cd[i].raw, &c);
			if (!c.invalid && c.cd.asid == asid &&
			    c.cd.ttb0 == id->ttb) {
				id->inv_since_dead = false;
				return;
			}
		}
	}
	id->inv_since_dead = true;
}

void model_vmid_invalidated(struct smmu_model *m, u16 vmid)
{
	struct model_id *id = &m->vmids[vmid];
	struct model_stream *st;
	struct ste_meaning s;

	if (!id->used)
		return;
	list_for_each_entry(st, &m->streams, node) {
		if (!st->ste.have)
			continue;
		model_ste_meaning(m, st->ste.raw, &s);
		if (!s.invalid && (s.ste.config & 0x2) &&
		    s.ste.s2vmid == vmid && s.ste.s2ttb == id->ttb) {
			id->inv_since_dead = false;
			return;
		}
	}
	id->inv_since_dead = true;
}

void model_check_vmid(struct smmu_model *m, struct model_stream *st)
{
	struct ste_meaning s;
	struct model_id *id;

	model_ste_meaning(m, st->ste.raw, &s);
	if (s.invalid || !(s.ste.config & 0x2))
		return;
	id = &m->vmids[s.ste.s2vmid];
	if (id->used && id->ttb != s.ste.s2ttb && !id->inv_since_dead)
		model_err(m, "VMID %u reused for tables %llx (was %llx) with no TLBI once the old ones were unused",
			  s.ste.s2vmid, s.ste.s2ttb, id->ttb);
	if (!id->used || id->ttb != s.ste.s2ttb) {
		id->used = true;
		id->ttb = s.ste.s2ttb;
		id->inv_since_dead = false;
	}
}
