// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites for the STE/CD builders, their used-bit rules and the hitless
 * entry writer (arm-smmu-v3-entry.c).
 *
 * Theory of operation
 *
 * The writer is run against a software model of what the SMMU may observe.
 * The model is the writer's store and sync op: it applies each 64-bit store
 * to a private copy of the entry and remembers, per qword, every value the
 * qword held since the last sync. Within that window the SMMU may fetch any
 * combination of those values (stores to different qwords reach it in any
 * order, and it reads the qwords of an entry in any order) and keep using
 * what it fetched until the next sync. After every store, every such
 * combination must mean the old or the new configuration (or nothing at all,
 * V = 0, for an update declared breaking); after the last store, every
 * combination of the final window must mean the new one.
 *
 * Each expected sync count is then checked against a brute-force reference:
 * a breadth-first search over all sequences of windows, qword by qword, for
 * the least number of syncs with which any store order satisfies the model.
 *
 * The corpus holds one entry per configuration the driver builds; besides
 * the transitions the in-tree 6.12 suite checks, every ordered pair of the
 * corpus is a case. Each transition prints "sync-count <name> <n>" for
 * scripts/sync-table.sh.
 */
#include <kunit/test.h>
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "arm-smmu-v3.h"

#define NQ			ARM_SMMU_ENTRY_QWORDS

/* ------------------------------------------------------------------------
 * The corpus
 */

#define TEST_CDTAB_DMA		0x00000000ba5e0000ULL
#define TEST_CDTAB_DMA_OTHER	0x0000000f00d00000ULL
#define TEST_S2_TTB		0x0000004d2c000000ULL
#define TEST_S2_VTCR		(FIELD_PREP(STE_VTCR_S2T0SZ, 24) | \
				 FIELD_PREP(STE_VTCR_S2SL0, 1) | \
				 FIELD_PREP(STE_VTCR_S2IR0, 1) | \
				 FIELD_PREP(STE_VTCR_S2OR0, 1) | \
				 FIELD_PREP(STE_VTCR_S2SH0, 3) | \
				 FIELD_PREP(STE_VTCR_S2PS, 2))
#define TEST_S1_TTB		0x00000012abc00000ULL
#define TEST_S1_TTB_OTHER	0x00000034def00000ULL
#define TEST_SVA_PGD		0x0000000777123000ULL
#define TEST_S1_TCR		(FIELD_PREP(CD_0_T0SZ, 16) | \
				 FIELD_PREP(CD_0_IR0, 1) | \
				 FIELD_PREP(CD_0_OR0, 1) | \
				 FIELD_PREP(CD_0_SH0, 3) | \
				 FIELD_PREP(CD_0_IPS, 5))
#define TEST_SVA_TCR		(FIELD_PREP(CD_0_T0SZ, 25) | \
				 FIELD_PREP(CD_0_TG0, 2) | \
				 FIELD_PREP(CD_0_IR0, 1) | \
				 FIELD_PREP(CD_0_OR0, 1) | \
				 FIELD_PREP(CD_0_SH0, 3) | \
				 FIELD_PREP(CD_0_IPS, 2))
#define TEST_MAIR		0x000000000044ff04ULL

enum ste_sample {
	STE_INVALID,
	STE_ABORT,
	STE_BYPASS,
	STE_CDTAB_SSID0,
	STE_CDTAB_SSID0_ATS,
	STE_CDTAB_S1DSS_BYPASS,
	STE_CDTAB_S1DSS_BYPASS_ATS,
	STE_CDTAB_S1DSS_ABORT,
	STE_CDTAB_SSID0_STALL,
	STE_CDTAB_ONE_CD,
	STE_CDTAB_EL2,
	STE_CDTAB_OTHER_TABLE_S1DSS_BYPASS_ATS,
	STE_S2,
	STE_S2_ATS,
	STE_S2_STALL,
	STE_S2_VMID1,
	NR_STE_SAMPLES
};

enum ste_shape { SHAPE_INVALID, SHAPE_ABORT, SHAPE_BYPASS, SHAPE_CDTAB, SHAPE_S2 };

struct ste_recipe {
	const char	*name;
	enum ste_shape	shape;
	u8		s1dss;
	u8		s1cdmax;
	bool		ats;
	bool		stall;
	bool		el2;
	bool		other_table;
	u16		vmid;
};

/*
 * The S2 samples use VMID 0 like the in-tree suite, so that its S1 <-> S2
 * transitions are the same transitions; STE_S2_VMID1 is what a real S2
 * domain looks like, and changing a VMID is not hitless from a stage 1
 * NS-EL1 STE, which tags its TLB entries with S2VMID too.
 */
static const struct ste_recipe ste_recipes[NR_STE_SAMPLES] = {
	[STE_INVALID]		= { "invalid", SHAPE_INVALID },
	[STE_ABORT]		= { "abort", SHAPE_ABORT },
	[STE_BYPASS]		= { "bypass", SHAPE_BYPASS },
	[STE_CDTAB_SSID0]	= { "cdtab_ssid0", SHAPE_CDTAB, STE_S1DSS_SSID0, 10 },
	[STE_CDTAB_SSID0_ATS]	= { "cdtab_ssid0_ats", SHAPE_CDTAB, STE_S1DSS_SSID0, 10,
				    .ats = true },
	[STE_CDTAB_S1DSS_BYPASS] = { "cdtab_s1dss_bypass", SHAPE_CDTAB, STE_S1DSS_BYPASS, 10 },
	[STE_CDTAB_S1DSS_BYPASS_ATS] = { "cdtab_s1dss_bypass_ats", SHAPE_CDTAB,
					 STE_S1DSS_BYPASS, 10, .ats = true },
	[STE_CDTAB_S1DSS_ABORT]	= { "cdtab_s1dss_abort", SHAPE_CDTAB, STE_S1DSS_TERMINATE, 10 },
	[STE_CDTAB_SSID0_STALL]	= { "cdtab_ssid0_stall", SHAPE_CDTAB, STE_S1DSS_SSID0, 10,
				    .stall = true },
	[STE_CDTAB_ONE_CD]	= { "cdtab_one_cd", SHAPE_CDTAB, STE_S1DSS_SSID0, 0 },
	[STE_CDTAB_EL2]		= { "cdtab_el2", SHAPE_CDTAB, STE_S1DSS_SSID0, 10,
				    .el2 = true },
	[STE_CDTAB_OTHER_TABLE_S1DSS_BYPASS_ATS] = {
		"cdtab_other_table_s1dss_bypass_ats", SHAPE_CDTAB,
		STE_S1DSS_BYPASS, 10, .ats = true, .other_table = true },
	[STE_S2]		= { "s2", SHAPE_S2 },
	[STE_S2_ATS]		= { "s2_ats", SHAPE_S2, .ats = true },
	[STE_S2_STALL]		= { "s2_stall", SHAPE_S2, .stall = true },
	[STE_S2_VMID1]		= { "s2_vmid1", SHAPE_S2, .vmid = 1 },
};

enum cd_sample {
	CD_ZERO,
	CD_S1_ASID1,
	CD_S1_ASID2,
	CD_S1_ASID1_OTHER_TABLE,
	CD_S1_STALL,
	CD_S1_HW_DIRTY,
	CD_S1_HW_ACCESS,
	CD_SVA,
	CD_SVA_RELEASED,
	NR_CD_SAMPLES
};

static const char *const cd_names[NR_CD_SAMPLES] = {
	[CD_ZERO]		= "zero",
	[CD_S1_ASID1]		= "s1_asid1",
	[CD_S1_ASID2]		= "s1_asid2",
	[CD_S1_ASID1_OTHER_TABLE] = "s1_asid1_other_table",
	[CD_S1_STALL]		= "s1_stall",
	[CD_S1_HW_DIRTY]	= "s1_hw_dirty",
	[CD_S1_HW_ACCESS]	= "s1_hw_access",
	[CD_SVA]		= "sva",
	[CD_SVA_RELEASED]	= "sva_released",
};

struct entry_kind;
static const struct entry_kind ste_kind, cd_kind;

/* One entry of the corpus, of either type */
struct sample {
	const struct entry_kind	*kind;
	const char		*name;
	union {
		__le64			data[NQ];
		struct arm_smmu_ste	ste;
		struct arm_smmu_cd	cd;
	};
};

static struct sample ste_corpus[NR_STE_SAMPLES];
static struct sample cd_corpus[NR_CD_SAMPLES];

static void make_ste(struct sample *sample, const struct ste_recipe *r)
{
	struct arm_smmu_ste *ste = &sample->ste;
	struct arm_smmu_ste_cdtab_cfg cdtab = {
		.cdtab_dma = r->other_table ? TEST_CDTAB_DMA_OTHER :
					      TEST_CDTAB_DMA,
		.s1fmt = STE_S1FMT_64K_L2,
		.s1cdmax = r->s1cdmax,
		.s1dss = r->s1dss,
		.ats = r->ats,
		.stall = r->stall,
		.coherent = true,
		.el2 = r->el2,
	};
	struct arm_smmu_ste_s2_cfg s2 = {
		.vmid = r->vmid,
		.vttbr = TEST_S2_TTB,
		.vtcr = TEST_S2_VTCR,
		.ats = r->ats,
		.stall = r->stall,
		.coherent = true,
	};

	switch (r->shape) {
	case SHAPE_INVALID:
		memset(ste, 0, sizeof(*ste));
		break;
	case SHAPE_ABORT:
		arm_smmu_ste_make_abort(ste);
		break;
	case SHAPE_BYPASS:
		arm_smmu_ste_make_bypass(ste);
		break;
	case SHAPE_CDTAB:
		arm_smmu_ste_make_cdtab(ste, &cdtab);
		break;
	case SHAPE_S2:
		arm_smmu_ste_make_s2(ste, &s2);
		break;
	}
}

static void make_s1_cd(struct sample *sample, u16 asid, u64 ttbr,
		       bool stall, bool hw_dirty, bool hw_access)
{
	struct arm_smmu_cd *cd = &sample->cd;
	struct arm_smmu_cd_s1_cfg cfg = {
		.asid = asid,
		.ttbr = ttbr,
		.tcr = TEST_S1_TCR,
		.mair = TEST_MAIR,
		.stall = stall,
		.hw_dirty = hw_dirty,
		.hw_access = hw_access,
	};

	arm_smmu_cd_make_s1(cd, &cfg);
}

/* An SVA CD is an S1 CD on the CPU's tables, with the CPU's TCR and MAIR */
static void make_sva_cd(struct sample *sample, u16 asid)
{
	struct arm_smmu_cd *cd = &sample->cd;
	struct arm_smmu_cd_s1_cfg cfg = {
		.asid = asid,
		.ttbr = TEST_SVA_PGD,
		.tcr = TEST_SVA_TCR,
		.mair = TEST_MAIR,
		.hw_dirty = true,
	};

	arm_smmu_cd_make_s1(cd, &cfg);
}

static int entry_writer_suite_init(struct kunit_suite *suite)
{
	unsigned int i;

	for (i = 0; i < NR_STE_SAMPLES; i++) {
		ste_corpus[i].kind = &ste_kind;
		ste_corpus[i].name = ste_recipes[i].name;
		make_ste(&ste_corpus[i], &ste_recipes[i]);
	}
	for (i = 0; i < NR_CD_SAMPLES; i++) {
		cd_corpus[i].kind = &cd_kind;
		cd_corpus[i].name = cd_names[i];
	}

	memset(cd_corpus[CD_ZERO].data, 0, sizeof(cd_corpus[CD_ZERO].data));
	make_s1_cd(&cd_corpus[CD_S1_ASID1], 778, TEST_S1_TTB, false, false, false);
	make_s1_cd(&cd_corpus[CD_S1_ASID2], 1997, TEST_S1_TTB, false, false, false);
	make_s1_cd(&cd_corpus[CD_S1_ASID1_OTHER_TABLE], 778, TEST_S1_TTB_OTHER,
		   false, false, false);
	make_s1_cd(&cd_corpus[CD_S1_STALL], 778, TEST_S1_TTB, true, false, false);
	make_s1_cd(&cd_corpus[CD_S1_HW_DIRTY], 778, TEST_S1_TTB, false, true, false);
	make_s1_cd(&cd_corpus[CD_S1_HW_ACCESS], 778, TEST_S1_TTB, false, false, true);
	make_sva_cd(&cd_corpus[CD_SVA], 1997);
	arm_smmu_cd_make_released(&cd_corpus[CD_SVA_RELEASED].cd,
				  &cd_corpus[CD_SVA].cd);
	return 0;
}

/* ------------------------------------------------------------------------
 * The model of the SMMU's view
 */

/* What a value means to the SMMU, relative to the transition's endpoints */
#define VIEW_OLD		BIT(0)	/* the old configuration */
#define VIEW_NEW		BIT(1)	/* the new configuration */
#define VIEW_INVALID		BIT(2)	/* V = 0: nothing */

#define MODEL_MAX_SEEN		8

typedef void (*used_bits_fn)(const __le64 *entry, __le64 *used);

struct entry_kind {
	const char			*name;
	used_bits_fn			used_bits;
	const struct arm_smmu_entry_ops	*ops;	/* the model's store and sync */
};

struct endpoints {
	used_bits_fn	used_bits;
	const __le64	*old;
	const __le64	*new;
	__le64		old_used[NQ];
	__le64		new_used[NQ];
};

static void endpoints_init(struct endpoints *ep, used_bits_fn used_bits,
			   const __le64 *old, const __le64 *new)
{
	ep->used_bits = used_bits;
	ep->old = old;
	ep->new = new;
	used_bits(old, ep->old_used);
	used_bits(new, ep->new_used);
}

static bool same_meaning(const __le64 *v, const __le64 *v_used,
			 const __le64 *ref, const __le64 *ref_used)
{
	unsigned int i;

	for (i = 0; i < NQ; i++)
		if (v_used[i] != ref_used[i] ||
		    (v[i] & v_used[i]) != (ref[i] & ref_used[i]))
			return false;
	return true;
}

static unsigned int view_of(const struct endpoints *ep, const __le64 *v)
{
	unsigned int view = 0, i;
	__le64 used[NQ];
	bool empty = true;

	ep->used_bits(v, used);
	if (same_meaning(v, used, ep->old, ep->old_used))
		view |= VIEW_OLD;
	if (same_meaning(v, used, ep->new, ep->new_used))
		view |= VIEW_NEW;
	for (i = 0; i < NQ; i++)
		if (v[i] & used[i])
			empty = false;
	if (empty)
		view |= VIEW_INVALID;
	return view;
}

struct model {
	struct arm_smmu_entry_writer	writer;
	struct kunit			*test;
	struct endpoints		ep;
	__le64				live[NQ];
	unsigned int			allowed;	/* VIEW_* the SMMU may see */
	bool				quiet;		/* self-tests: count only */

	__le64				seen[NQ][MODEL_MAX_SEEN];
	unsigned int			nr_seen[NQ];

	unsigned int			stores;
	unsigned int			syncs;
	unsigned int			violations;	/* of any kind, below */
	unsigned int			torn;		/* memory right after a store */
	unsigned int			mixed;		/* a mix within a window */
	bool				saw_invalid;
};

static void model_report(struct model *m, const char *what, const __le64 *v)
{
	m->violations++;
	if (m->quiet || m->violations > 1)
		return;
	KUNIT_FAIL(m->test,
		   "%s after store %u (sync %u): SMMU may see %016llx %016llx %016llx %016llx %016llx %016llx %016llx %016llx",
		   what, m->stores, m->syncs,
		   le64_to_cpu(v[0]), le64_to_cpu(v[1]), le64_to_cpu(v[2]),
		   le64_to_cpu(v[3]), le64_to_cpu(v[4]), le64_to_cpu(v[5]),
		   le64_to_cpu(v[6]), le64_to_cpu(v[7]));
}

/*
 * Check every value the SMMU may fetch in the current window: qword i at any
 * of seen[i][], except qword @fixed (if < NQ), which is taken at its live
 * value. Reports the first one whose view is not in @allowed and returns
 * false, else returns true.
 */
static bool model_check_window(struct model *m, unsigned int fixed,
			       unsigned int allowed, const char *what)
{
	unsigned int pick[NQ] = {};
	unsigned int view, i;
	__le64 v[NQ];

	for (;;) {
		for (i = 0; i < NQ; i++)
			v[i] = i == fixed ? m->live[i] : m->seen[i][pick[i]];
		view = view_of(&m->ep, v);
		if (view == VIEW_INVALID)
			m->saw_invalid = true;
		if (!(view & allowed)) {
			model_report(m, what, v);
			return false;
		}
		for (i = 0; i < NQ; i++) {
			if (i == fixed)
				continue;
			if (++pick[i] < m->nr_seen[i])
				break;
			pick[i] = 0;
		}
		if (i == NQ)
			return true;
	}
}

static void model_open_window(struct model *m)
{
	unsigned int i;

	for (i = 0; i < NQ; i++) {
		m->seen[i][0] = m->live[i];
		m->nr_seen[i] = 1;
	}
}

static void model_store(struct arm_smmu_entry_writer *writer, __le64 *entry,
			unsigned int idx, __le64 val)
{
	struct model *m = container_of(writer, struct model, writer);
	unsigned int i;

	if (idx >= NQ || entry != m->live) {
		m->violations++;
		KUNIT_FAIL(m->test, "store to qword %u of %p, expected %p",
			   idx, entry, m->live);
		return;
	}
	WRITE_ONCE(m->live[idx], val);
	m->stores++;

	for (i = 0; i < m->nr_seen[idx]; i++)
		if (m->seen[idx][i] == val)
			break;
	if (i == m->nr_seen[idx]) {
		if (i == MODEL_MAX_SEEN) {
			model_report(m, "too many values in one window", m->live);
			return;
		}
		m->seen[idx][m->nr_seen[idx]++] = val;
	}

	/* The SMMU reads the whole entry right after this store... */
	if (!(view_of(&m->ep, m->live) & m->allowed)) {
		m->torn++;
		model_report(m, "entry torn by a store", m->live);
	}
	/* ...or mixes it with anything else stored since the last sync */
	if (!model_check_window(m, idx, m->allowed, "reordered or cached mix"))
		m->mixed++;
}

static void model_sync(struct arm_smmu_entry_writer *writer)
{
	struct model *m = container_of(writer, struct model, writer);

	m->syncs++;
	model_open_window(m);
}

static const struct arm_smmu_entry_ops model_ste_ops = {
	.used_bits = arm_smmu_ste_used_bits,
	.sync = model_sync,
	.store = model_store,
};

static const struct arm_smmu_entry_ops model_cd_ops = {
	.used_bits = arm_smmu_cd_used_bits,
	.sync = model_sync,
	.store = model_store,
};

static const struct entry_kind ste_kind = {
	.name = "ste", .used_bits = arm_smmu_ste_used_bits, .ops = &model_ste_ops,
};

static const struct entry_kind cd_kind = {
	.name = "cd", .used_bits = arm_smmu_cd_used_bits, .ops = &model_cd_ops,
};

static struct model *model_alloc(struct kunit *test,
				 const struct entry_kind *kind,
				 const __le64 *from, const __le64 *to,
				 bool breaking)
{
	struct model *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	m->writer.ops = kind->ops;
	m->test = test;
	endpoints_init(&m->ep, kind->used_bits, from, to);
	memcpy(m->live, from, sizeof(m->live));
	m->allowed = VIEW_OLD | VIEW_NEW | (breaking ? VIEW_INVALID : 0);
	model_open_window(m);
	return m;
}

/*
 * After the writer returns there is no further sync: whatever the SMMU may
 * have fetched in the last window it may use indefinitely, so all of it must
 * mean the new configuration, and the memory must hold exactly the target.
 */
static void model_finish(struct model *m)
{
	model_check_window(m, NQ, VIEW_NEW, "stale value outlives the update");
	if (memcmp(m->live, m->ep.new, sizeof(m->live)))
		model_report(m, "final value is not the target", m->live);
}

/* ------------------------------------------------------------------------
 * The brute-force reference
 *
 * Within one window only the set of values each qword takes matters (the
 * SMMU may combine them in any way), and storing a qword twice in a window
 * only adds values, so a window is described by the value each qword has at
 * its end. The candidate values of a qword: every way of taking each class
 * of its bits -- used by both endpoints, by the old only, by the new only --
 * from the old or the new value, with the bits neither uses at their new
 * value (they never change what any acceptable value means); the old value
 * itself; and, for qword 0, 0 (V = 0). A search over vectors of candidates
 * then finds the least number of syncs after which a window can end in a
 * state from which the target is reached by stores the SMMU cannot tell
 * apart from the target.
 */

#define BF_MAX_CAND		10
#define BF_MAX_STATES		8192
#define BF_MAX_SYNCS		6
#define BF_IMPOSSIBLE		UINT_MAX

struct bf_space {
	struct endpoints	ep;
	__le64			cand[NQ][BF_MAX_CAND];
	unsigned int		nr_cand[NQ];
	unsigned int		radix[NQ];
	unsigned int		nr_states;
	unsigned int		new_state;
	u8			*view;
	u8			*reach;
	u8			*next;
};

static void bf_add_cand(struct bf_space *s, unsigned int i, __le64 v)
{
	unsigned int c;

	for (c = 0; c < s->nr_cand[i]; c++)
		if (s->cand[i][c] == v)
			return;
	s->cand[i][s->nr_cand[i]++] = v;
}

static void bf_make_cands(struct bf_space *s, unsigned int i)
{
	const struct endpoints *ep = &s->ep;
	__le64 both = ep->old_used[i] & ep->new_used[i];
	__le64 old_only = ep->old_used[i] & ~ep->new_used[i];
	__le64 new_only = ~ep->old_used[i] & ep->new_used[i];
	__le64 neither = ~(ep->old_used[i] | ep->new_used[i]);
	unsigned int sel;

	bf_add_cand(s, i, ep->old[i]);
	for (sel = 0; sel < 8; sel++) {
		__le64 take_new = neither | (sel & 1 ? both : 0) |
				  (sel & 2 ? old_only : 0) |
				  (sel & 4 ? new_only : 0);

		bf_add_cand(s, i, (ep->new[i] & take_new) |
				  (ep->old[i] & ~take_new));
	}
	if (i == 0)
		bf_add_cand(s, i, 0);
}

static void bf_decode(const struct bf_space *s, unsigned int state,
		      unsigned int *digit)
{
	unsigned int i;

	for (i = 0; i < NQ; i++) {
		digit[i] = state % s->nr_cand[i];
		state /= s->nr_cand[i];
	}
}

/* Every mix of @from's and @to's qwords has a view in @allowed */
static bool bf_window_ok(const struct bf_space *s, unsigned int from,
			 unsigned int to, unsigned int allowed)
{
	unsigned int a[NQ], b[NQ], diff[NQ], nr_diff = 0, i, mask;

	bf_decode(s, from, a);
	bf_decode(s, to, b);
	for (i = 0; i < NQ; i++)
		if (a[i] != b[i])
			diff[nr_diff++] = i;

	for (mask = 0; mask < BIT(nr_diff); mask++) {
		int state = from;

		for (i = 0; i < nr_diff; i++)
			if (mask & BIT(i))
				state += ((int)b[diff[i]] - (int)a[diff[i]]) *
					 (int)s->radix[diff[i]];
		if (!(s->view[state] & allowed))
			return false;
	}
	return true;
}

static struct bf_space *bf_build(struct kunit *test, used_bits_fn used_bits,
				 const __le64 *from, const __le64 *to)
{
	struct bf_space *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	unsigned int i, state, digit[NQ];
	__le64 v[NQ];

	KUNIT_ASSERT_NOT_NULL(test, s);
	endpoints_init(&s->ep, used_bits, from, to);
	s->nr_states = 1;
	for (i = 0; i < NQ; i++) {
		bf_make_cands(s, i);
		s->radix[i] = s->nr_states;
		s->nr_states *= s->nr_cand[i];
		KUNIT_ASSERT_LE(test, s->nr_states, BF_MAX_STATES);
	}
	for (i = 0; i < NQ; i++) {
		unsigned int c;

		for (c = 0; c < s->nr_cand[i]; c++)
			if (s->cand[i][c] == to[i])
				break;
		s->new_state += c * s->radix[i];
	}

	s->view = kunit_kzalloc(test, s->nr_states, GFP_KERNEL);
	s->reach = kunit_kzalloc(test, s->nr_states, GFP_KERNEL);
	s->next = kunit_kzalloc(test, s->nr_states, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->view);
	KUNIT_ASSERT_NOT_NULL(test, s->reach);
	KUNIT_ASSERT_NOT_NULL(test, s->next);
	for (state = 0; state < s->nr_states; state++) {
		bf_decode(s, state, digit);
		for (i = 0; i < NQ; i++)
			v[i] = s->cand[i][digit[i]];
		s->view[state] = view_of(&s->ep, v);
	}
	return s;
}

/**
 * bf_min_syncs() - least syncs any store order needs for a transition
 * @test: the running test
 * @used_bits: the entry type's used-bits rule
 * @from: the old value
 * @to: the new value
 * @breaking: whether the SMMU may see V = 0 in between
 *
 * Return: the number of syncs, or BF_IMPOSSIBLE.
 */
static unsigned int bf_min_syncs(struct kunit *test, used_bits_fn used_bits,
				 const __le64 *from, const __le64 *to,
				 bool breaking)
{
	struct bf_space *s = bf_build(test, used_bits, from, to);
	unsigned int allowed = VIEW_OLD | VIEW_NEW |
			       (breaking ? VIEW_INVALID : 0);
	unsigned int syncs, a, b;

	s->reach[0] = 1;	/* state 0: every qword at its old value */
	for (syncs = 0; syncs <= BF_MAX_SYNCS; syncs++) {
		for (a = 0; a < s->nr_states; a++)
			if (s->reach[a] &&
			    bf_window_ok(s, a, s->new_state, VIEW_NEW))
				return syncs;

		memset(s->next, 0, s->nr_states);
		for (a = 0; a < s->nr_states; a++) {
			if (!s->reach[a])
				continue;
			for (b = 0; b < s->nr_states; b++)
				if (!s->next[b] && (s->view[b] & allowed) &&
				    bf_window_ok(s, a, b, allowed))
					s->next[b] = 1;
		}
		swap(s->reach, s->next);
	}
	return BF_IMPOSSIBLE;
}

/* ------------------------------------------------------------------------
 * Expectations
 */

static struct model *run_writer(struct kunit *test,
				const struct entry_kind *kind,
				const __le64 *from, const __le64 *to,
				bool breaking, unsigned int *returned)
{
	struct model *m = model_alloc(test, kind, from, to, breaking);

	*returned = arm_smmu_write_entry(&m->writer, m->live, to);
	model_finish(m);
	return m;
}

/*
 * Write @to over @from under the model; expect no violation, @syncs syncs,
 * and a breaking update iff @breaking. Print the count for sync-table.sh.
 */
static void expect_model_run(struct kunit *test, const char *name,
			     const struct entry_kind *kind,
			     const __le64 *from, const __le64 *to,
			     unsigned int syncs, bool breaking)
{
	struct arm_smmu_entry_plan plan;
	unsigned int returned;
	struct model *m;

	m = run_writer(test, kind, from, to, breaking, &returned);
	KUNIT_EXPECT_EQ_MSG(test, m->violations, 0, "%s", name);
	KUNIT_EXPECT_EQ_MSG(test, returned, m->syncs, "%s: syncs returned", name);
	KUNIT_EXPECT_EQ_MSG(test, m->syncs, syncs, "%s: syncs", name);
	KUNIT_EXPECT_EQ_MSG(test, m->saw_invalid, breaking, "%s: V = 0 seen", name);

	arm_smmu_entry_plan(kind->ops, from, to, &plan);
	KUNIT_EXPECT_EQ_MSG(test, plan.breaking, breaking, "%s: plan", name);

	kunit_info(test, "sync-count %s %u\n", name, m->syncs);
}

/*
 * As expect_model_run(), and expect the brute-force reference to agree that
 * @syncs is the least possible (and, for a breaking update, that no hitless
 * order exists).
 */
static void expect_transition(struct kunit *test, const char *name,
			      const struct entry_kind *kind,
			      const __le64 *from, const __le64 *to,
			      unsigned int syncs, bool breaking)
{
	expect_model_run(test, name, kind, from, to, syncs, breaking);

	KUNIT_EXPECT_EQ_MSG(test, bf_min_syncs(test, kind->used_bits, from, to,
					       false),
			    breaking ? BF_IMPOSSIBLE : syncs,
			    "%s: least syncs of any hitless order", name);
	if (breaking)
		KUNIT_EXPECT_EQ_MSG(test, bf_min_syncs(test, kind->used_bits,
						       from, to, true),
				    syncs, "%s: least syncs of any order", name);
}

/* Every value the SMMU can see means @from or @to */
static void expect_hitless(struct kunit *test, const struct sample *from,
			   const struct sample *to, unsigned int syncs)
{
	expect_transition(test, test->name, from->kind, from->data, to->data,
			  syncs, false);
}

/* No hitless order exists; the SMMU sees @from, nothing (V = 0), or @to */
static void expect_breaking(struct kunit *test, const struct sample *from,
			    const struct sample *to, unsigned int syncs)
{
	expect_transition(test, test->name, from->kind, from->data, to->data,
			  syncs, true);
}

#define STE(x)		(&ste_corpus[STE_##x])
#define CD(x)		(&cd_corpus[CD_##x])

/* ------------------------------------------------------------------------
 * The transitions the in-tree 6.12 suite checks, in its order. "In-tree: n"
 * is the count it expects; ours never needs more.
 */

static void ste_bypass_to_abort(struct kunit *test)
{
	/*
	 * Qword 0 switches the config in one store; the SHCFG left in qword 1
	 * is ignored by an abort STE, so clearing it needs no sync. In-tree: 2.
	 */
	expect_hitless(test, STE(BYPASS), STE(ABORT), 1 /* syncs */);
}

static void ste_abort_to_bypass(struct kunit *test)
{
	/* SHCFG first (abort ignores it), then qword 0. In-tree: 2. */
	expect_hitless(test, STE(ABORT), STE(BYPASS), 2 /* syncs */);
}

static void ste_cdtab_to_abort_with_ats(struct kunit *test)
{
	/* Qword 0 alone; the stage 1 fields left behind are ignored. In-tree: 2. */
	expect_hitless(test, STE(CDTAB_SSID0_ATS), STE(ABORT), 1 /* syncs */);
}

static void ste_abort_to_cdtab_with_ats(struct kunit *test)
{
	/* Qword 1 (ignored by abort), then qword 0. In-tree: 2. */
	expect_hitless(test, STE(ABORT), STE(CDTAB_SSID0_ATS), 2 /* syncs */);
}

static void ste_cdtab_to_bypass_with_ats(struct kunit *test)
{
	/*
	 * SHCFG, which the CD-table STE ignores, then qword 0; the stage 1
	 * fields of qword 1 are then ignored and cleared without a sync.
	 * In-tree: 3.
	 */
	expect_hitless(test, STE(CDTAB_SSID0_ATS), STE(BYPASS), 2 /* syncs */);
}

static void ste_bypass_to_cdtab_with_ats(struct kunit *test)
{
	/*
	 * The stage 1 fields of qword 1, which bypass ignores, then qword 0;
	 * SHCFG is then ignored and cleared without a sync. In-tree: 3.
	 */
	expect_hitless(test, STE(BYPASS), STE(CDTAB_SSID0_ATS), 2 /* syncs */);
}

static void ste_cdtab_s1dss_change_with_ats(struct kunit *test)
{
	/* S1DSS and SHCFG share qword 1: one store each way. In-tree: 1, 1. */
	expect_hitless(test, STE(CDTAB_SSID0_ATS), STE(CDTAB_S1DSS_BYPASS_ATS),
		       1 /* syncs */);
	expect_hitless(test, STE(CDTAB_S1DSS_BYPASS_ATS), STE(CDTAB_SSID0_ATS),
		       1 /* syncs */);
}

static void ste_s1dss_bypass_to_bypass_with_ats(struct kunit *test)
{
	/*
	 * Both already use the same SHCFG: qword 0 switches, the stage 1 fields
	 * are then ignored. In-tree: 2.
	 */
	expect_hitless(test, STE(CDTAB_S1DSS_BYPASS_ATS), STE(BYPASS),
		       1 /* syncs */);
}

static void ste_bypass_to_s1dss_bypass_with_ats(struct kunit *test)
{
	/* Stage 1 fields of qword 1 first, then qword 0. In-tree: 2. */
	expect_hitless(test, STE(BYPASS), STE(CDTAB_S1DSS_BYPASS_ATS),
		       2 /* syncs */);
}

static void ste_s2_to_abort_with_ats(struct kunit *test)
{
	/* Qword 0 alone; qwords 1-3 are then ignored. In-tree: 2. */
	expect_hitless(test, STE(S2_ATS), STE(ABORT), 1 /* syncs */);
}

static void ste_abort_to_s2_with_ats(struct kunit *test)
{
	/* Qwords 1-3 (ignored by abort), then qword 0. In-tree: 2. */
	expect_hitless(test, STE(ABORT), STE(S2_ATS), 2 /* syncs */);
}

static void ste_s2_to_bypass_with_ats(struct kunit *test)
{
	/* Same overrides in both: qword 0, then clean up. In-tree: 2. */
	expect_hitless(test, STE(S2_ATS), STE(BYPASS), 1 /* syncs */);
}

static void ste_bypass_to_s2_with_ats(struct kunit *test)
{
	/* EATS and qwords 2-3 first, then qword 0. In-tree: 2. */
	expect_hitless(test, STE(BYPASS), STE(S2_ATS), 2 /* syncs */);
}

static void ste_s1_to_s2_with_ats(struct kunit *test)
{
	/*
	 * Only qword 0 differs in bits both use (Config); the stage 2 fields
	 * go first, the stage 1 fields are cleared after. In-tree: 3.
	 */
	expect_hitless(test, STE(CDTAB_SSID0_ATS), STE(S2_ATS), 2 /* syncs */);
}

static void ste_s2_to_s1_with_ats(struct kunit *test)
{
	/* The mirror image of ste_s1_to_s2_with_ats. In-tree: 3. */
	expect_hitless(test, STE(S2_ATS), STE(CDTAB_SSID0_ATS), 2 /* syncs */);
}

static void ste_cdtab_table_and_s1dss_change_with_ats(struct kunit *test)
{
	/*
	 * S1ContextPtr (qword 0) and S1DSS (qword 1) are both used before and
	 * after: two critical qwords, so V = 0, the rest, qword 0, each
	 * followed by a sync. In-tree: 3.
	 */
	expect_breaking(test, STE(CDTAB_SSID0_ATS),
			STE(CDTAB_OTHER_TABLE_S1DSS_BYPASS_ATS), 3 /* syncs */);
}

static void cd_zero_to_s1_and_back(struct kunit *test)
{
	/*
	 * From V = 0 the rest can be filled in first, then qword 0 sets V:
	 * hitless by definition, two syncs. Back, clearing qword 0 is the
	 * switch and the rest is then ignored. In-tree: 2, 2 (as breaking).
	 */
	expect_hitless(test, CD(ZERO), CD(S1_ASID1), 2 /* syncs */);
	expect_hitless(test, CD(S1_ASID1), CD(ZERO), 1 /* syncs */);
}

static void cd_s1_asid_change_and_back(struct kunit *test)
{
	/* Only qword 0 changes. In-tree: 1, 1. */
	expect_hitless(test, CD(S1_ASID1), CD(S1_ASID2), 1 /* syncs */);
	expect_hitless(test, CD(S1_ASID2), CD(S1_ASID1), 1 /* syncs */);
}

static void ste_s1_to_s2_with_stall(struct kunit *test)
{
	/* As ste_s1_to_s2_with_ats, with S2S instead of EATS. In-tree: 3. */
	expect_hitless(test, STE(CDTAB_SSID0_STALL), STE(S2_STALL), 2 /* syncs */);
}

static void ste_s2_to_s1_with_stall(struct kunit *test)
{
	/* In-tree: 3. */
	expect_hitless(test, STE(S2_STALL), STE(CDTAB_SSID0_STALL), 2 /* syncs */);
}

static void cd_zero_to_sva_and_back(struct kunit *test)
{
	/* As cd_zero_to_s1_and_back. In-tree: 2, 2 (as breaking). */
	expect_hitless(test, CD(ZERO), CD(SVA), 2 /* syncs */);
	expect_hitless(test, CD(SVA), CD(ZERO), 1 /* syncs */);
}

static void cd_sva_to_released_and_back(struct kunit *test)
{
	/*
	 * EPD0 is in qword 0 with the TCR fields it disables: one store; the
	 * TTB0 it leaves behind is ignored and cleared without a sync. Back,
	 * TTB0 must be in place before EPD0 clears. In-tree: 2, 2.
	 */
	expect_hitless(test, CD(SVA), CD(SVA_RELEASED), 1 /* syncs */);
	expect_hitless(test, CD(SVA_RELEASED), CD(SVA), 2 /* syncs */);
}

/* ------------------------------------------------------------------------
 * Every ordered pair of the corpus, against the brute-force reference
 */

struct corpus {
	const struct entry_kind	*kind;
	unsigned int		nr;
	const struct sample	*samples;
};

static const struct corpus ste_samples = {
	&ste_kind, NR_STE_SAMPLES, ste_corpus,
};

static const struct corpus cd_samples = {
	&cd_kind, NR_CD_SAMPLES, cd_corpus,
};

/* Only the position in these arrays matters: it encodes the pair */
static const u8 ste_pairs[NR_STE_SAMPLES * NR_STE_SAMPLES];
static const u8 cd_pairs[NR_CD_SAMPLES * NR_CD_SAMPLES];

static void pair_desc(const struct corpus *c, unsigned int pair, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s_to_%s",
		 c->samples[pair / c->nr].name, c->samples[pair % c->nr].name);
}

static const void *ste_pair_gen(const void *prev, char *desc)
{
	const u8 *p = prev ? (const u8 *)prev + 1 : ste_pairs;

	if (p == ste_pairs + ARRAY_SIZE(ste_pairs))
		return NULL;
	pair_desc(&ste_samples, p - ste_pairs, desc);
	return p;
}

static const void *cd_pair_gen(const void *prev, char *desc)
{
	const u8 *p = prev ? (const u8 *)prev + 1 : cd_pairs;

	if (p == cd_pairs + ARRAY_SIZE(cd_pairs))
		return NULL;
	pair_desc(&cd_samples, p - cd_pairs, desc);
	return p;
}

/*
 * The writer must be hitless whenever some store order is, and then use
 * exactly as many syncs as the best hitless order; otherwise as many as the
 * best order through V = 0.
 */
static void expect_pair_minimal(struct kunit *test, const struct corpus *c,
				unsigned int pair)
{
	const __le64 *from = c->samples[pair / c->nr].data;
	const __le64 *to = c->samples[pair % c->nr].data;
	unsigned int best;
	char desc[KUNIT_PARAM_DESC_SIZE];
	char name[KUNIT_PARAM_DESC_SIZE + 16];

	pair_desc(c, pair, desc);
	snprintf(name, sizeof(name), "%s_all_pairs/%s", c->kind->name, desc);

	best = bf_min_syncs(test, c->kind->used_bits, from, to, false);
	if (best != BF_IMPOSSIBLE) {
		expect_model_run(test, name, c->kind, from, to, best, false);
		return;
	}
	best = bf_min_syncs(test, c->kind->used_bits, from, to, true);
	KUNIT_ASSERT_NE(test, best, BF_IMPOSSIBLE);
	expect_model_run(test, name, c->kind, from, to, best, true);
}

static void ste_all_pairs(struct kunit *test)
{
	expect_pair_minimal(test, &ste_samples,
			    (const u8 *)test->param_value - ste_pairs);
}

static void cd_all_pairs(struct kunit *test)
{
	expect_pair_minimal(test, &cd_samples,
			    (const u8 *)test->param_value - cd_pairs);
}

/* ------------------------------------------------------------------------
 * The used-bit rules, the builders and the writer's edges
 */

/* Builders never set a bit their own value does not use */
static void builders_set_only_used_bits(struct kunit *test)
{
	const struct corpus *corpora[] = { &ste_samples, &cd_samples };
	unsigned int c, e, i;
	__le64 used[NQ];

	for (c = 0; c < ARRAY_SIZE(corpora); c++) {
		for (e = 0; e < corpora[c]->nr; e++) {
			const __le64 *v = corpora[c]->samples[e].data;

			corpora[c]->kind->used_bits(v, used);
			for (i = 0; i < NQ; i++)
				KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(v[i] & ~used[i]),
						    0ULL, "%s %s qword %u",
						    corpora[c]->kind->name,
						    corpora[c]->samples[e].name, i);
		}
	}
}

/*
 * The writer assumes that which bits are used depends only on used bits:
 * flipping any single unused bit of any corpus entry leaves the mask alone.
 */
static void used_bits_depend_only_on_used_bits(struct kunit *test)
{
	const struct corpus *corpora[] = { &ste_samples, &cd_samples };
	__le64 v[NQ], used[NQ], flipped_used[NQ];
	unsigned int c, e, i, bit;

	for (c = 0; c < ARRAY_SIZE(corpora); c++) {
		for (e = 0; e < corpora[c]->nr; e++) {
			memcpy(v, corpora[c]->samples[e].data, sizeof(v));
			corpora[c]->kind->used_bits(v, used);
			for (i = 0; i < NQ; i++) {
				for (bit = 0; bit < 64; bit++) {
					__le64 flip = cpu_to_le64(BIT_ULL(bit));

					if (used[i] & flip)
						continue;
					v[i] ^= flip;
					corpora[c]->kind->used_bits(v, flipped_used);
					v[i] ^= flip;
					KUNIT_EXPECT_MEMEQ_MSG(test, used, flipped_used,
							       sizeof(used),
							       "%s %s qword %u bit %u",
							       corpora[c]->kind->name,
							       corpora[c]->samples[e].name, i, bit);
				}
			}
		}
	}
}

#define STE_S1_Q0	(STE_0_V | STE_0_CFG | STE_0_S1CTXPTR | STE_0_S1CDMAX)
/* PPAR: 8.1, PRI auto-responses of requests with a PASID (stage 1 has them) */
#define STE_S1_Q1	(STE_1_S1CIR | STE_1_S1COR | STE_1_S1CSH | \
			 STE_1_S1STALLD | STE_1_EATS | STE_1_STRW | STE_1_MEV | \
			 STE_1_PPAR)

/*
 * The used masks written out field by field from IHI0070 5.2, independently
 * of arm_smmu_ste_used_bits()'s structure.
 */
static const u64 ste_expected_used[NR_STE_SAMPLES][4] = {
	[STE_INVALID]	= { STE_0_V },
	[STE_ABORT]	= { STE_0_V | STE_0_CFG },
	[STE_BYPASS]	= { STE_0_V | STE_0_CFG, STE_1_ATTR_OVERRIDES },
	[STE_CDTAB_SSID0] = { STE_S1_Q0 | STE_0_S1FMT, STE_S1_Q1 | STE_1_S1DSS,
			      STE_2_S2VMID },
	[STE_CDTAB_SSID0_ATS] = { STE_S1_Q0 | STE_0_S1FMT,
				  STE_S1_Q1 | STE_1_S1DSS,
				  STE_2_S2VMID | STE_2_S2S },
	[STE_CDTAB_S1DSS_BYPASS] = { STE_S1_Q0 | STE_0_S1FMT,
				     STE_S1_Q1 | STE_1_S1DSS | STE_1_ATTR_OVERRIDES,
				     STE_2_S2VMID },
	[STE_CDTAB_S1DSS_BYPASS_ATS] = { STE_S1_Q0 | STE_0_S1FMT,
					 STE_S1_Q1 | STE_1_S1DSS |
					 STE_1_ATTR_OVERRIDES,
					 STE_2_S2VMID | STE_2_S2S },
	[STE_CDTAB_S1DSS_ABORT] = { STE_S1_Q0 | STE_0_S1FMT,
				    STE_S1_Q1 | STE_1_S1DSS, STE_2_S2VMID },
	[STE_CDTAB_SSID0_STALL] = { STE_S1_Q0 | STE_0_S1FMT,
				    STE_S1_Q1 | STE_1_S1DSS, STE_2_S2VMID },
	[STE_CDTAB_ONE_CD] = { STE_S1_Q0, STE_S1_Q1, STE_2_S2VMID },
	[STE_CDTAB_EL2]	= { STE_S1_Q0 | STE_0_S1FMT, STE_S1_Q1 | STE_1_S1DSS },
	[STE_CDTAB_OTHER_TABLE_S1DSS_BYPASS_ATS] = {
		STE_S1_Q0 | STE_0_S1FMT,
		STE_S1_Q1 | STE_1_S1DSS | STE_1_ATTR_OVERRIDES,
		STE_2_S2VMID | STE_2_S2S },
	[STE_S2]	= { STE_0_V | STE_0_CFG,
			    STE_1_EATS | STE_1_MEV | STE_1_S2FWB |
			    STE_1_ATTR_OVERRIDES, ~0ULL, ~0ULL },
	[STE_S2_ATS]	= { STE_0_V | STE_0_CFG,
			    STE_1_EATS | STE_1_MEV | STE_1_S2FWB |
			    STE_1_ATTR_OVERRIDES, ~0ULL, ~0ULL },
	[STE_S2_STALL]	= { STE_0_V | STE_0_CFG,
			    STE_1_EATS | STE_1_MEV | STE_1_S2FWB |
			    STE_1_ATTR_OVERRIDES, ~0ULL, ~0ULL },
	[STE_S2_VMID1]	= { STE_0_V | STE_0_CFG,
			    STE_1_EATS | STE_1_MEV | STE_1_S2FWB |
			    STE_1_ATTR_OVERRIDES, ~0ULL, ~0ULL },
};

static void ste_used_bits_follow_ihi0070(struct kunit *test)
{
	__le64 used[NQ];
	unsigned int e, i;

	for (e = 0; e < NR_STE_SAMPLES; e++) {
		arm_smmu_ste_used_bits(ste_corpus[e].data, used);
		for (i = 0; i < NQ; i++)
			KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(used[i]),
					    i < 4 ? ste_expected_used[e][i] : 0,
					    "%s qword %u", ste_recipes[e].name, i);
	}
}

static void cd_used_bits_follow_ihi0070(struct kunit *test)
{
	u64 expect[NQ];
	__le64 used[NQ];
	unsigned int e, i;

	for (e = 0; e < NR_CD_SAMPLES; e++) {
		arm_smmu_cd_used_bits(cd_corpus[e].data, used);
		memset(expect, 0xff, sizeof(expect));
		/* every builder sets EPD1: TTB1 and its TCR fields are ignored */
		expect[0] &= ~CD_0_TCR1;
		expect[2] &= ~CD_2_TTB1;
		if (e == CD_ZERO) {
			memset(expect, 0, sizeof(expect));
			expect[0] = CD_0_V;
		} else if (e == CD_SVA_RELEASED) {
			expect[0] &= ~CD_0_TCR0;
			expect[1] &= ~CD_1_TTB0;
		}
		for (i = 0; i < NQ; i++)
			KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(used[i]), expect[i],
					    "%s qword %u", cd_names[e], i);
	}
}

/* The released CD keeps the ASID and translates nothing */
static void cd_released_keeps_asid_and_disables_walks(struct kunit *test)
{
	const struct sample *sva = CD(SVA), *rel = CD(SVA_RELEASED);
	u64 q0 = le64_to_cpu(rel->data[0]);

	KUNIT_EXPECT_EQ(test, FIELD_GET(CD_0_ASID, q0),
			FIELD_GET(CD_0_ASID, le64_to_cpu(sva->data[0])));
	KUNIT_EXPECT_TRUE(test, q0 & CD_0_V);
	KUNIT_EXPECT_TRUE(test, q0 & CD_0_EPD0);
	KUNIT_EXPECT_TRUE(test, q0 & CD_0_EPD1);
	KUNIT_EXPECT_TRUE(test, q0 & CD_0_R);
	KUNIT_EXPECT_TRUE(test, q0 & CD_0_A);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(rel->data[1]), 0ULL);
}

/* Writing an entry over itself stores and syncs nothing */
static void writer_leaves_equal_entry_alone(struct kunit *test)
{
	const struct corpus *corpora[] = { &ste_samples, &cd_samples };
	unsigned int c, e, returned;
	struct model *m;

	for (c = 0; c < ARRAY_SIZE(corpora); c++) {
		for (e = 0; e < corpora[c]->nr; e++) {
			const __le64 *v = corpora[c]->samples[e].data;

			m = run_writer(test, corpora[c]->kind, v, v, false,
				       &returned);
			KUNIT_EXPECT_EQ(test, m->violations, 0);
			KUNIT_EXPECT_EQ(test, m->stores, 0);
			KUNIT_EXPECT_EQ(test, returned, 0);
		}
	}
}

/* Bits nobody uses change without a sync, even in a valid entry */
static void writer_changes_ignored_bits_without_sync(struct kunit *test)
{
	struct arm_smmu_ste from = STE(ABORT)->ste, to = STE(ABORT)->ste;
	unsigned int returned;
	struct model *m;

	from.data[3] = cpu_to_le64(0x1234000);	/* an abort STE ignores it */
	m = run_writer(test, &ste_kind, from.data, to.data, false, &returned);
	KUNIT_EXPECT_EQ(test, m->violations, 0);
	KUNIT_EXPECT_EQ(test, m->stores, 1);
	KUNIT_EXPECT_EQ(test, returned, 0);
}

static unsigned int plain_syncs;

static void count_sync(struct arm_smmu_entry_writer *writer)
{
	plain_syncs++;
}

/* With no store op the writer stores by itself and reaches the target */
static void writer_without_store_op(struct kunit *test)
{
	static const struct arm_smmu_entry_ops ops = {
		.used_bits = arm_smmu_ste_used_bits,
		.sync = count_sync,
	};
	struct arm_smmu_entry_writer writer = { .ops = &ops };
	struct arm_smmu_ste live = STE(BYPASS)->ste;
	unsigned int returned;

	plain_syncs = 0;
	returned = arm_smmu_write_entry(&writer, live.data, STE(S2_ATS)->data);
	KUNIT_EXPECT_MEMEQ(test, live.data, STE(S2_ATS)->data, sizeof(live));
	KUNIT_EXPECT_EQ(test, returned, plain_syncs);
	KUNIT_EXPECT_EQ(test, returned, 2);
}

/*
 * The model must catch what a careless writer does: store everything, then
 * sync once. From bypass to a CD-table STE that tears qword 0 from qword 1.
 */
static void model_rejects_single_window_update(struct kunit *test)
{
	const struct sample *from = STE(BYPASS), *to = STE(CDTAB_SSID0_ATS);
	struct model *m = model_alloc(test, &ste_kind, from->data, to->data,
				      false);
	unsigned int i;

	m->quiet = true;
	for (i = 0; i < NQ; i++)
		if (from->data[i] != to->data[i])
			model_store(&m->writer, m->live, i, to->data[i]);
	model_sync(&m->writer);
	model_finish(m);
	KUNIT_EXPECT_GT(test, m->violations, 0);
}

/*
 * ...and one that every prefix of its stores would hide: the stage 1 fields
 * and then Config in one window. Each intermediate memory value is fine, but
 * the SMMU may see the new Config before the new stage 1 fields.
 */
static void model_rejects_reordered_update(struct kunit *test)
{
	const struct sample *from = STE(BYPASS), *to = STE(CDTAB_SSID0_ATS);
	struct model *m = model_alloc(test, &ste_kind, from->data, to->data,
				      false);
	__le64 shcfg = cpu_to_le64(STE_1_SHCFG);

	m->quiet = true;
	model_store(&m->writer, m->live, 1,
		    to->data[1] | (from->data[1] & shcfg));
	model_store(&m->writer, m->live, 0, to->data[0]);
	model_sync(&m->writer);
	model_store(&m->writer, m->live, 1, to->data[1]);
	model_finish(m);
	KUNIT_EXPECT_EQ(test, m->torn, 0);
	KUNIT_EXPECT_GT(test, m->mixed, 0);
}

/* ...and a writer that forgets the sync after the switching store */
static void model_rejects_missing_final_sync(struct kunit *test)
{
	const struct sample *from = CD(S1_ASID1), *to = CD(S1_ASID2);
	struct model *m = model_alloc(test, &cd_kind, from->data, to->data,
				      false);

	m->quiet = true;
	model_store(&m->writer, m->live, 0, to->data[0]);
	model_finish(m);
	KUNIT_EXPECT_EQ(test, m->violations, 1);
}

/* The reference itself: a single-qword switch needs one sync, not zero */
static void brute_force_counts_known_cases(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, bf_min_syncs(test, arm_smmu_cd_used_bits,
					   CD(S1_ASID1)->data,
					   CD(S1_ASID2)->data, false), 1);
	KUNIT_EXPECT_EQ(test, bf_min_syncs(test, arm_smmu_ste_used_bits,
					   STE(ABORT)->data,
					   STE(ABORT)->data, false), 0);
	KUNIT_EXPECT_EQ(test, bf_min_syncs(test, arm_smmu_ste_used_bits,
					   STE(CDTAB_SSID0_ATS)->data,
					   STE(CDTAB_OTHER_TABLE_S1DSS_BYPASS_ATS)->data,
					   false), BF_IMPOSSIBLE);
}

static struct kunit_case entry_writer_cases[] = {
	KUNIT_CASE(ste_bypass_to_abort),
	KUNIT_CASE(ste_abort_to_bypass),
	KUNIT_CASE(ste_cdtab_to_abort_with_ats),
	KUNIT_CASE(ste_abort_to_cdtab_with_ats),
	KUNIT_CASE(ste_cdtab_to_bypass_with_ats),
	KUNIT_CASE(ste_bypass_to_cdtab_with_ats),
	KUNIT_CASE(ste_cdtab_s1dss_change_with_ats),
	KUNIT_CASE(ste_s1dss_bypass_to_bypass_with_ats),
	KUNIT_CASE(ste_bypass_to_s1dss_bypass_with_ats),
	KUNIT_CASE(ste_s2_to_abort_with_ats),
	KUNIT_CASE(ste_abort_to_s2_with_ats),
	KUNIT_CASE(ste_s2_to_bypass_with_ats),
	KUNIT_CASE(ste_bypass_to_s2_with_ats),
	KUNIT_CASE(ste_s1_to_s2_with_ats),
	KUNIT_CASE(ste_s2_to_s1_with_ats),
	KUNIT_CASE(ste_cdtab_table_and_s1dss_change_with_ats),
	KUNIT_CASE(cd_zero_to_s1_and_back),
	KUNIT_CASE(cd_s1_asid_change_and_back),
	KUNIT_CASE(ste_s1_to_s2_with_stall),
	KUNIT_CASE(ste_s2_to_s1_with_stall),
	KUNIT_CASE(cd_zero_to_sva_and_back),
	KUNIT_CASE(cd_sva_to_released_and_back),
	KUNIT_CASE_PARAM(ste_all_pairs, ste_pair_gen),
	KUNIT_CASE_PARAM(cd_all_pairs, cd_pair_gen),
	KUNIT_CASE(writer_leaves_equal_entry_alone),
	KUNIT_CASE(writer_changes_ignored_bits_without_sync),
	KUNIT_CASE(writer_without_store_op),
	KUNIT_CASE(model_rejects_single_window_update),
	KUNIT_CASE(model_rejects_reordered_update),
	KUNIT_CASE(model_rejects_missing_final_sync),
	KUNIT_CASE(brute_force_counts_known_cases),
	{}
};

static struct kunit_case entry_builder_cases[] = {
	KUNIT_CASE(builders_set_only_used_bits),
	KUNIT_CASE(used_bits_depend_only_on_used_bits),
	KUNIT_CASE(ste_used_bits_follow_ihi0070),
	KUNIT_CASE(cd_used_bits_follow_ihi0070),
	KUNIT_CASE(cd_released_keeps_asid_and_disables_walks),
	{}
};

static struct kunit_suite entry_writer_suite = {
	.name = "arm_smmu_v3_entry_writer",
	.suite_init = entry_writer_suite_init,
	.test_cases = entry_writer_cases,
};

static struct kunit_suite entry_builder_suite = {
	.name = "arm_smmu_v3_entry_builders",
	.suite_init = entry_writer_suite_init,
	.test_cases = entry_builder_cases,
};

kunit_test_suites(&entry_builder_suite, &entry_writer_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for the Arm SMMUv3 driver");
MODULE_LICENSE("GPL");
