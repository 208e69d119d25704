// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3: STE/CD builders, used-bit rules and the hitless entry writer.
 *
 * Theory of operation
 *
 * Everything here is pure: a builder turns plain parameters into the value
 * of a whole Stream Table Entry or Context Descriptor; a used-bits function
 * says which bits of a given value the SMMU reads (IHI0070 5.2, 5.4); the
 * writer moves a live entry to a new value with single-qword stores and
 * syncs supplied by its caller. Nothing here knows about queues, locks or
 * devices: arm-smmu-v3-domain.c calls the builders, then arm-smmu-v3-tables.c
 * calls arm_smmu_write_entry() with a sync that issues CFGI_STE/CFGI_CD +
 * CMD_SYNC. The KUnit suite in
 * arm-smmu-v3-test.c calls the same functions with a sync and a store that
 * check every intermediate value against a model of the SMMU.
 *
 * Vocabulary (Documentation/hitless.rst has the full argument):
 *   used bits  bits of an entry the SMMU reads, given the entry's own value;
 *   window     the stores between two syncs. Within a window the SMMU may
 *              see each qword at any of the values it held in that window,
 *              independently of the other qwords (stores to different
 *              qwords are not ordered for it, and it reads them in any
 *              order), and may keep using what it saw until the next sync;
 *   critical   a qword whose bits used by both the old and the new value
 *              differ: it can only change with one store.
 *
 * An update is hitless when every value the SMMU can see means either the
 * old or the new configuration; that is possible exactly when at most one
 * qword is critical. Otherwise the entry is broken (V = 0) for the duration.
 */
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/string.h>
#include <kunit/visibility.h>
#include <asm/barrier.h>

#include "arm-smmu-v3.h"

/* IHI0070 5.2, Table "Config": bit 0 enables stage 1, bit 1 stage 2. */
#define STE_CFG_S1			BIT(0)
#define STE_CFG_S2			BIT(1)
#define STE_CFG_PASS		BIT(2)

/* Walk attributes for tables the SMMU reads through a coherent interconnect */
#define ARM_SMMU_MEMATTR_WBRA		0x1
#define ARM_SMMU_SH_ISH			0x3

/* ------------------------------------------------------------------------
 * Builders
 */

/**
 * arm_smmu_ste_make_abort() - an STE that terminates all traffic silently
 * @ste: the entry to fill
 *
 * IHI0070 5.2: Config = 0b000 aborts without recording an event; every other
 * field is IGNORED, so they are all left zero.
 */
void arm_smmu_ste_make_abort(struct arm_smmu_ste *ste)
{
	memset(ste, 0, sizeof(*ste));
	ste->data[0] = cpu_to_le64(STE_0_V |
				   FIELD_PREP(STE_0_CFG, STE_CFG_ABORT));
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_ste_make_abort);

/**
 * arm_smmu_ste_make_bypass() - an STE that lets traffic through untranslated
 * @ste: the entry to fill
 *
 * Bypass traffic is subject to the attribute overrides (IHI0070 13.5); the
 * shareability override is set to "use incoming" so that a coherent device
 * stays coherent. On an SMMU without SMMU_IDR1.ATTR_TYPES_OVR the field is
 * not implemented and the incoming shareability is used anyway.
 */
void arm_smmu_ste_make_bypass(struct arm_smmu_ste *ste)
{
	memset(ste, 0, sizeof(*ste));
	ste->data[0] = cpu_to_le64(STE_0_V |
				   FIELD_PREP(STE_0_CFG, STE_CFG_BYPASS));
	ste->data[1] = cpu_to_le64(FIELD_PREP(STE_1_SHCFG, STE_SHCFG_INCOMING));
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_ste_make_bypass);

/**
 * arm_smmu_ste_make_cdtab() - an STE translating stage 1 through a CD table
 * @ste: the entry to fill
 * @cfg: the table and the stream's options
 *
 * With @cfg->s1cdmax == 0 the STE points at a single CD and S1Fmt and S1DSS
 * are IGNORED (IHI0070 5.2), so they are left zero. When S1DSS makes traffic
 * without a PASID bypass stage 1, that traffic takes the attribute overrides
 * like a bypass STE does.
 *
 * S1STALLD may only be set when the SMMU's stall model is configurable
 * (SMMU_IDR0.STALL_MODEL == 0b00); the caller passes @cfg->stall = true
 * otherwise.
 */
void arm_smmu_ste_make_cdtab(struct arm_smmu_ste *ste,
			     const struct arm_smmu_ste_cdtab_cfg *cfg)
{
	u64 q0, q1;

	q0 = STE_0_V | FIELD_PREP(STE_0_CFG, STE_CFG_S1_TRANS) |
	     (cfg->cdtab_dma & STE_0_S1CTXPTR) |
	     FIELD_PREP(STE_0_S1CDMAX, cfg->s1cdmax);

	q1 = FIELD_PREP(STE_1_EATS, cfg->ats ? STE_EATS_TRANS : STE_EATS_ABORT) |
	     FIELD_PREP(STE_1_STRW, cfg->el2 ? STE_STRW_EL2 : STE_STRW_NSEL1);
	if (cfg->coherent)
		q1 |= FIELD_PREP(STE_1_S1CIR, ARM_SMMU_MEMATTR_WBRA) |
		      FIELD_PREP(STE_1_S1COR, ARM_SMMU_MEMATTR_WBRA) |
		      FIELD_PREP(STE_1_S1CSH, ARM_SMMU_SH_ISH);
	if (!cfg->stall)
		q1 |= STE_1_S1STALLD;
	if (cfg->ppar)
		q1 |= STE_1_PPAR;
	if (cfg->s1cdmax) {
		q0 |= FIELD_PREP(STE_0_S1FMT, cfg->s1fmt);
		q1 |= FIELD_PREP(STE_1_S1DSS, cfg->s1dss);
		if (cfg->s1dss == STE_S1DSS_BYPASS)
			q1 |= FIELD_PREP(STE_1_SHCFG, STE_SHCFG_INCOMING);
	}

	memset(ste, 0, sizeof(*ste));
	ste->data[0] = cpu_to_le64(q0);
	ste->data[1] = cpu_to_le64(q1);
	/* S2VMID stays 0: the VMID of stage-1-only NS-EL1 streams */
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_ste_make_cdtab);

/**
 * arm_smmu_ste_make_s2() - an STE translating stage 2 only
 * @ste: the entry to fill
 * @cfg: the stage 2 tables and the stream's options
 *
 * The walk attributes come from @cfg->vtcr; a non-coherent SMMU has them
 * forced to Non-cacheable. Faults are recorded (S2R) and stall only when
 * @cfg->stall; ATS and stalls are mutually exclusive (IHI0070 5.2, EATS).
 */
void arm_smmu_ste_make_s2(struct arm_smmu_ste *ste,
			  const struct arm_smmu_ste_s2_cfg *cfg)
{
	u64 vtcr = cfg->vtcr;
	u64 q2;

	if (!cfg->coherent)
		vtcr &= ~(u64)(STE_VTCR_S2IR0 | STE_VTCR_S2OR0 | STE_VTCR_S2SH0);

	q2 = FIELD_PREP(STE_2_S2VMID, cfg->vmid) |
	     FIELD_PREP(STE_2_VTCR, vtcr) | STE_2_S2AA64 | STE_2_S2PTW |
	     STE_2_S2R;
	if (IS_ENABLED(CONFIG_CPU_BIG_ENDIAN))
		q2 |= STE_2_S2ENDI;
	if (cfg->stall)
		q2 |= STE_2_S2S;

	memset(ste, 0, sizeof(*ste));
	ste->data[0] = cpu_to_le64(STE_0_V |
				   FIELD_PREP(STE_0_CFG, STE_CFG_S2_TRANS));
	ste->data[1] = cpu_to_le64(FIELD_PREP(STE_1_EATS, cfg->ats ?
					      STE_EATS_TRANS : STE_EATS_ABORT) |
				   FIELD_PREP(STE_1_SHCFG, STE_SHCFG_INCOMING));
	ste->data[2] = cpu_to_le64(q2);
	ste->data[3] = cpu_to_le64(cfg->vttbr & STE_3_S2TTB);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_ste_make_s2);

/**
 * arm_smmu_cd_make_s1() - a CD translating through one AArch64 table
 * @cd: the entry to fill
 * @cfg: the tables, ASID and options
 *
 * Only TTB0 is used: EPD1 is set, so TTB1 and its TCR fields are IGNORED.
 * R = 1 records faults (QEMU records none without it), A = 1 aborts faulting
 * transactions unless they stall, and ASET = 1 keeps the ASID out of the
 * CPU's broadcast TLB maintenance: this driver invalidates every ASID it
 * hands out, SVA ones included, with commands.
 */
void arm_smmu_cd_make_s1(struct arm_smmu_cd *cd,
			 const struct arm_smmu_cd_s1_cfg *cfg)
{
	u64 q0;

	q0 = (cfg->tcr & (CD_0_TCR0 | CD_0_IPS)) | CD_0_EPD1 | CD_0_V |
	     CD_0_AA64 | CD_0_R | CD_0_A | CD_0_ASET |
	     FIELD_PREP(CD_0_ASID, cfg->asid);
	if (IS_ENABLED(CONFIG_CPU_BIG_ENDIAN))
		q0 |= CD_0_ENDI;
	if (cfg->stall)
		q0 |= CD_0_S;
	if (cfg->hw_dirty)
		q0 |= CD_0_HD | CD_0_HA;
	if (cfg->hw_access)
		q0 |= CD_0_HA;

	memset(cd, 0, sizeof(*cd));
	cd->data[0] = cpu_to_le64(q0);
	cd->data[1] = cpu_to_le64(cfg->ttbr & CD_1_TTB0);
	cd->data[3] = cpu_to_le64(cfg->mair);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cd_make_s1);

/**
 * arm_smmu_cd_make_released() - the CD of an address space that went away
 * @cd: the entry to fill
 * @from: the CD it replaces
 *
 * The ASID and the fault configuration of @from stay, so the switch is a
 * single-qword change; EPD0 makes every walk fault, and TTB0 with its TCR
 * fields, now IGNORED, are cleared so no pointer to freed tables remains.
 */
void arm_smmu_cd_make_released(struct arm_smmu_cd *cd,
			       const struct arm_smmu_cd *from)
{
	u64 q0 = le64_to_cpu(from->data[0]);

	*cd = *from;
	cd->data[0] = cpu_to_le64((q0 & ~CD_0_TCR0) | CD_0_EPD0);
	cd->data[1] = 0;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cd_make_released);

/* ------------------------------------------------------------------------
 * Used bits
 */

static void arm_smmu_ste_s1_used(u64 q0, u64 q1, u64 *used)
{
	used[0] |= STE_0_S1CTXPTR | STE_0_S1CDMAX;
	used[1] |= STE_1_S1CIR | STE_1_S1COR | STE_1_S1CSH | STE_1_S1STALLD;
	/*
	 * 8.1: read for PRI auto-responses of requests with a PASID. Only a
	 * stage 1 STE lets a function have PASIDs and ATS with them, so
	 * other configurations leave it unused: PPAR then never has to
	 * change together with Config (it is fixed per master).
	 */
	used[1] |= STE_1_PPAR;
	/* S1Fmt and S1DSS matter only with substreams (IHI0070 5.2) */
	if (FIELD_GET(STE_0_S1CDMAX, q0)) {
		used[0] |= STE_0_S1FMT;
		used[1] |= STE_1_S1DSS;
		if (FIELD_GET(STE_1_S1DSS, q1) == STE_S1DSS_BYPASS)
			used[1] |= STE_1_ATTR_OVERRIDES;
	}
	/*
	 * EATS == Full ATS is ILLEGAL with S2S set, and the SMMU may check S2S
	 * even when stage 2 is off (IHI0070 5.2, EATS).
	 */
	if (FIELD_GET(STE_1_EATS, q1))
		used[2] |= STE_2_S2S;
}

static void arm_smmu_ste_used(u64 q0, u64 q1, u64 *used)
{
	unsigned int cfg = FIELD_GET(STE_0_CFG, q0);

	used[0] = STE_0_V;
	if (!(q0 & STE_0_V))
		return;
	used[0] |= STE_0_CFG;
	if (!(cfg & STE_CFG_PASS))
		return;

	if (!(cfg & STE_CFG_S1))
		used[1] |= STE_1_ATTR_OVERRIDES;
	if (cfg & (STE_CFG_S1 | STE_CFG_S2))
		used[1] |= STE_1_EATS | STE_1_MEV;
	if (cfg & STE_CFG_S1)
		arm_smmu_ste_s1_used(q0, q1, used);
	if (cfg & STE_CFG_S2) {
		used[1] |= STE_1_S2FWB;
		used[2] = ~0ULL;
		used[3] = ~0ULL;
	} else if (cfg & STE_CFG_S1) {
		used[1] |= STE_1_STRW;
		if (FIELD_GET(STE_1_STRW, q1) == STE_STRW_NSEL1)
			used[2] |= STE_2_S2VMID;
	}
}

/**
 * arm_smmu_ste_used_bits() - the bits of an STE the SMMU reads
 * @ste: the STE, ARM_SMMU_ENTRY_QWORDS qwords
 * @used: filled with the mask, same size
 *
 * IHI0070 5.2: V = 0 makes every other field IGNORED; Config 0b0xx aborts and
 * reads nothing else; S1* fields are IGNORED without stage 1, S2* fields but
 * S2VMID without stage 2; S2VMID tags stage 1 TLB entries of NS-EL1 streams;
 * STRW is only read for stage-1-only streams; EATS is IGNORED when neither
 * stage translates; the attribute overrides apply to whatever bypasses stage
 * 1. Reserved and IMPLEMENTATION DEFINED bits of an enabled stage 2 count as
 * used. A bit counted used when the SMMU ignores it costs at most a sync; the
 * reverse could let the SMMU see a torn entry, so doubt resolves to "used".
 *
 * The result depends only on bits it reports used, which the writer relies
 * on. Context: any.
 */
void arm_smmu_ste_used_bits(const __le64 *ste, __le64 *used)
{
	u64 u[ARM_SMMU_ENTRY_QWORDS] = {};
	unsigned int i;

	arm_smmu_ste_used(le64_to_cpu(ste[0]), le64_to_cpu(ste[1]), u);
	for (i = 0; i < ARM_SMMU_ENTRY_QWORDS; i++)
		used[i] = cpu_to_le64(u[i]);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_ste_used_bits);

/**
 * arm_smmu_cd_used_bits() - the bits of a CD the SMMU reads
 * @cd: the CD, ARM_SMMU_ENTRY_QWORDS qwords
 * @used: filled with the mask, same size
 *
 * IHI0070 5.4: V = 0 makes every other field IGNORED. EPDx = 1 disables
 * walks through TTBx, and TTBx with its T<x>SZ, TG<x>, IR<x>, OR<x>, SH<x>
 * fields are then IGNORED. Everything else in a valid CD counts as used.
 *
 * Context: any.
 */
void arm_smmu_cd_used_bits(const __le64 *cd, __le64 *used)
{
	u64 q0 = le64_to_cpu(cd[0]);
	unsigned int i;

	if (!(q0 & CD_0_V)) {
		memset(used, 0, ARM_SMMU_ENTRY_QWORDS * sizeof(*used));
		used[0] = cpu_to_le64(CD_0_V);
		return;
	}

	for (i = 0; i < ARM_SMMU_ENTRY_QWORDS; i++)
		used[i] = cpu_to_le64(~0ULL);
	if (q0 & CD_0_EPD0) {
		used[0] &= ~cpu_to_le64(CD_0_TCR0);
		used[1] &= ~cpu_to_le64(CD_1_TTB0);
	}
	if (q0 & CD_0_EPD1) {
		used[0] &= ~cpu_to_le64(CD_0_TCR1);
		used[2] &= ~cpu_to_le64(CD_2_TTB1);
	}
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_cd_used_bits);

/* ------------------------------------------------------------------------
 * The writer
 */

static bool arm_smmu_entry_differs(const __le64 *a, const __le64 *b)
{
	return memcmp(a, b, ARM_SMMU_ENTRY_QWORDS * sizeof(*a));
}

/* Append @val as the next step unless it equals the previous value. */
static void arm_smmu_plan_step(struct arm_smmu_entry_plan *plan,
			       const __le64 *prev, const __le64 *val, bool sync)
{
	struct arm_smmu_entry_step *step = &plan->step[plan->nr_steps];

	if (!arm_smmu_entry_differs(prev, val))
		return;
	memcpy(step->val, val, sizeof(step->val));
	step->sync = sync;
	plan->nr_steps++;
}

static const __le64 *arm_smmu_plan_last(const struct arm_smmu_entry_plan *plan,
					const __le64 *cur)
{
	return plan->nr_steps ? plan->step[plan->nr_steps - 1].val : cur;
}

/*
 * One critical qword, @crit. First the bits only the new value uses, in the
 * other qwords (the old configuration ignores them), then the critical qword
 * in one store, then whatever is left, which only the old value used.
 */
static void arm_smmu_plan_hitless(struct arm_smmu_entry_plan *plan,
				  const __le64 *cur, const __le64 *target,
				  const __le64 *cur_used,
				  const __le64 *target_used, unsigned int crit)
{
	__le64 val[ARM_SMMU_ENTRY_QWORDS];
	unsigned int i;

	for (i = 0; i < ARM_SMMU_ENTRY_QWORDS; i++) {
		__le64 early = target_used[i] & ~cur_used[i];

		val[i] = i == crit ? cur[i] :
			 (cur[i] & ~early) | (target[i] & early);
	}
	arm_smmu_plan_step(plan, cur, val, true);

	val[crit] = target[crit];
	arm_smmu_plan_step(plan, arm_smmu_plan_last(plan, cur), val, true);

	/* Nothing the SMMU may still use changes: no sync needed after it */
	arm_smmu_plan_step(plan, arm_smmu_plan_last(plan, cur), target, false);
}

/*
 * Two or more critical qwords: make the entry invalid, fill in everything but
 * qword 0 while the SMMU ignores it, then make it valid with qword 0.
 */
static void arm_smmu_plan_breaking(struct arm_smmu_entry_plan *plan,
				   const __le64 *cur, const __le64 *target)
{
	__le64 val[ARM_SMMU_ENTRY_QWORDS];

	plan->breaking = true;
	memcpy(val, cur, sizeof(val));
	val[0] = 0;
	arm_smmu_plan_step(plan, cur, val, true);

	memcpy(&val[1], &target[1], sizeof(val) - sizeof(val[0]));
	arm_smmu_plan_step(plan, arm_smmu_plan_last(plan, cur), val, true);

	arm_smmu_plan_step(plan, arm_smmu_plan_last(plan, cur), target, true);
}

/**
 * arm_smmu_entry_plan() - decide how to move an entry from @cur to @target
 * @ops: supplies the used-bits rule of the entry type
 * @cur: the entry's current value
 * @target: the value it must end with
 * @plan: filled with the steps; nothing else is written
 *
 * Hitless when, after the bits @cur does not use are brought to their new
 * value, at most one qword still differs in bits @target uses: that qword is
 * the only one both configurations read differently. Otherwise breaking.
 * Steps that store nothing are left out, and a step is followed by a sync only
 * when the SMMU could still be using a value that means the old (or, while
 * broken, no) configuration: the last hitless step only clears bits nobody
 * uses any more and needs none. Documentation/hitless.rst shows that the
 * resulting number of syncs is the least any store order can achieve.
 *
 * Context: any. Pure: exposed for the KUnit suite.
 */
VISIBLE_IF_KUNIT
void arm_smmu_entry_plan(const struct arm_smmu_entry_ops *ops,
			 const __le64 *cur, const __le64 *target,
			 struct arm_smmu_entry_plan *plan)
{
	__le64 cur_used[ARM_SMMU_ENTRY_QWORDS];
	__le64 target_used[ARM_SMMU_ENTRY_QWORDS];
	unsigned long critical = 0;
	unsigned int i;

	memset(plan, 0, sizeof(*plan));
	ops->used_bits(cur, cur_used);
	ops->used_bits(target, target_used);

	for (i = 0; i < ARM_SMMU_ENTRY_QWORDS; i++) {
		__le64 after_unused = (cur[i] & cur_used[i]) |
				      (target[i] & ~cur_used[i]);

		/* A builder that sets bits it does not use is a driver bug */
		WARN_ON_ONCE(target[i] & ~target_used[i]);
		if ((after_unused ^ target[i]) & target_used[i])
			__set_bit(i, &critical);
	}

	if (!critical)
		arm_smmu_plan_step(plan, cur, target, false);
	else if (hweight_long(critical) == 1)
		arm_smmu_plan_hitless(plan, cur, target, cur_used, target_used,
				      __ffs(critical));
	else
		arm_smmu_plan_breaking(plan, cur, target);
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_entry_plan);

static void arm_smmu_entry_store(struct arm_smmu_entry_writer *writer,
				 __le64 *entry, unsigned int idx, __le64 val)
{
	if (writer->ops->store)
		writer->ops->store(writer, entry, idx, val);
	else
		WRITE_ONCE(entry[idx], val);
}

/*
 * Kernel-doc is in arm-smmu-v3.h, beside the ops it uses. The plan lives on
 * the stack: 3 steps of 64 bytes.
 */
unsigned int arm_smmu_write_entry(struct arm_smmu_entry_writer *writer,
				  __le64 *entry, const __le64 *target)
{
	struct arm_smmu_entry_plan plan;
	unsigned int syncs = 0;
	unsigned int s, i;

	arm_smmu_entry_plan(writer->ops, entry, target, &plan);

	/* Whatever @target points at must be visible before the SMMU sees it */
	dma_wmb();

	for (s = 0; s < plan.nr_steps; s++) {
		const struct arm_smmu_entry_step *step = &plan.step[s];

		for (i = 0; i < ARM_SMMU_ENTRY_QWORDS; i++)
			if (entry[i] != step->val[i])
				arm_smmu_entry_store(writer, entry, i,
						     step->val[i]);
		if (step->sync) {
			writer->ops->sync(writer);
			syncs++;
		}
	}
	return syncs;
}
EXPORT_SYMBOL_IF_KUNIT(arm_smmu_write_entry);
