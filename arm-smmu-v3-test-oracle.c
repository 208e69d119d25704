// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: an encoding oracle for the driver's hardware formats.
 *
 * Every command, STE, CD, level-1 descriptor, queue register, event record
 * and register field of ours is checked against readings of the formats
 * made apart from the driver:
 *
 *   IHI0070  field tables of the Arm SMMUv3 specification, transcribed below
 *            as data, each row citing its section: L1STD 5.1, STE 5.2, L1CD
 *            5.3, CD 5.4, register map 6.2, registers 6.3, command errors
 *            7.1, event records 7.3, and the command fields its text gives
 *            (4.1.1 opcodes, 4.4.1.1 range fields; the rest of chapter 4
 *            draws the layouts as pictures);
 *   QEMU     hw/arm/smmuv3-internal.h (at commit f22833602095), whose
 *            command and event accessors are transcribed as data exactly as
 *            QEMU writes them (32-bit word, first bit, length);
 *   in-tree  the Linux 6.12 driver's arm-smmu-v3.h, compiled on its own in
 *            arm-smmu-v3-test-intree.c and handed over as {name, value};
 *            left out, and its checks skipped, when the kernel tree built
 *            against has no such file.
 *
 * Spec rows hold the bit numbers as the spec prints them, counted over the
 * whole structure (STE.EATS is bits [93:92]: qword 93 / 64 = 1, bits
 * [29:28]). An encoder's output is decoded with a source's rows only, by
 * get_field(), never with our macros: each expected field is checked in
 * every source that describes it, and bits outside every expected field
 * must be zero. Our macros are compared with the same rows, field by field.
 * A failure names the field, its source and position, and both values.
 *
 * Address fields: this revision of IHI0070 has 56-bit physical addresses,
 * so its address fields reach bit 55 (S1ContextPtr [55:6], ADDR [55:2] ...)
 * where ours stop at bit 51. With SMMU_IDR5.OAS at most 52 bits, the most
 * the driver supports (6.3.6), bits [55:52] are RES0 (4.1.6, 6.3.24), so
 * our address masks are compared up to bit ORACLE_OA_MSB and the encoders
 * are fed addresses below 2^52.
 *
 * Cases whose failure message starts with "MISMATCH" check a reading of the
 * spec that the driver does not follow today; see the comment above each.
 */
#include <kunit/test.h>
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "arm-smmu-v3.h"
#include "arm-smmu-v3-test-intree.h"

#define ORACLE_OA_MSB		51	/* top address bit with a 52-bit OAS */

/* ------------------------------------------------------------------------
 * Tables and their helpers
 */

/**
 * struct ofield - where one source puts one field
 * @name: the field as the source names it; NULL: the source has no such field
 * @src: the source and section
 * @lo: lowest bit, counted over the whole structure or register
 * @hi: highest bit, for rows written as [hi:lo]
 * @len: width, for rows written as (first bit, length) like QEMU's; 0 else
 */
struct ofield {
	const char	*name;
	const char	*src;
	u16		lo;
	u16		hi;
	u8		len;
};

/* IHI0070 field "NAME, bits [hi:lo]" in section @sec */
#define SPEC(_name, _hi, _lo, _sec) \
	{ .name = _name, .src = "IHI0070 " _sec, .hi = _hi, .lo = _lo }
/* QEMU's extract32(word[w], start, length) and deposit32() accessors */
#define QEMU(_name, _w, _start, _len) \
	{ .name = _name, .src = "QEMU smmuv3-internal.h", \
	  .lo = (_w) * 32 + (_start), .len = _len }

#define INTREE_SRC	"in-tree arm-smmu-v3.h"

static unsigned int f_hi(const struct ofield *f)
{
	return f->len ? f->lo + f->len - 1 : f->hi;
}

static unsigned int f_qw(const struct ofield *f)
{
	return f->lo / 64;
}

static unsigned int f_msb(const struct ofield *f)
{
	return f_hi(f) % 64;
}

static unsigned int f_lsb(const struct ofield *f)
{
	return f->lo % 64;
}

static u64 f_mask(const struct ofield *f)
{
	return GENMASK_ULL(f_msb(f), f_lsb(f));
}

/* Bits [msb:lsb] of qword @qword of @raw, shifted down */
static u64 get_field(const __le64 *raw, unsigned int qword, unsigned int msb,
		     unsigned int lsb)
{
	return (le64_to_cpu(raw[qword]) & GENMASK_ULL(msb, lsb)) >> lsb;
}

static void put_field(__le64 *raw, const struct ofield *f, u64 val)
{
	u64 q = le64_to_cpu(raw[f_qw(f)]) & ~f_mask(f);

	raw[f_qw(f)] = cpu_to_le64(q | ((val << f_lsb(f)) & f_mask(f)));
}

/**
 * struct intree_row - a field of the in-tree header
 * @f: the field (an index of the structure's tables)
 * @qw: the qword the in-tree mask applies to
 * @name: the in-tree mask
 * @within: for a mask relative to another field (the VTCR subfields of the
 *	    STE), that field; else NULL
 */
struct intree_row {
	unsigned int	f;
	u8		qw;
	const char	*name;
	const char	*within;
};

#ifdef ARM_SMMU_V3_TEST_INTREE
static const struct smmu_intree_def *intree_defs = smmu_intree_defs;
#else
static const struct smmu_intree_def intree_defs[] = { {} };
#endif

static bool intree_available(void)
{
	return intree_defs[0].name;
}

/* The value of in-tree definition @name; a name it lacks fails the case. */
static bool intree_value(struct kunit *test, const char *name, u64 *val)
{
	const struct smmu_intree_def *d;

	if (!intree_available())
		return false;
	for (d = intree_defs; d->name; d++) {
		if (!strcmp(d->name, name)) {
			*val = d->value;
			return true;
		}
	}
	KUNIT_FAIL(test, "in-tree definition %s is not in the table", name);
	return false;
}

/* A field's row from an in-tree mask: it must be one run of bits. */
static void intree_field(struct kunit *test, const struct intree_row *r,
			 struct ofield *f)
{
	u64 mask, base;

	if (!intree_value(test, r->name, &mask))
		return;
	if (r->within) {
		if (!intree_value(test, r->within, &base) || !base)
			return;
		mask <<= __ffs64(base);
	}
	if (!mask || mask != GENMASK_ULL(fls64(mask) - 1, __ffs64(mask))) {
		KUNIT_FAIL(test, "in-tree %s = %#llx is not one field",
			   r->name, mask);
		return;
	}
	f->name = r->name;
	f->src = INTREE_SRC;
	f->lo = r->qw * 64 + __ffs64(mask);
	f->hi = r->qw * 64 + (fls64(mask) - 1);
}

/* A table indexed like the structure's own, from in-tree rows. */
static const struct ofield *intree_table(struct kunit *test, unsigned int nr,
					 const struct intree_row *rows,
					 unsigned int nr_rows)
{
	struct ofield *tab = kunit_kcalloc(test, nr, sizeof(*tab), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, tab);
	for (i = 0; i < nr_rows; i++)
		intree_field(test, &rows[i], &tab[rows[i].f]);
	return tab;
}

/**
 * struct owant - one field an encoder must produce
 * @f: the field
 * @val: its value
 * @intree_val: for a field only the in-tree header has, the in-tree name of
 *		its value (then @val is unused)
 */
struct owant {
	unsigned int	f;
	u64		val;
	const char	*intree_val;
};

/*
 * Decode @raw with each source in @tabs: every wanted field a source
 * describes must hold its value there, and once every wanted field is
 * described by some source, no bit outside them may be set.
 */
static void check_fields(struct kunit *test, const char *what,
			 const __le64 *raw, unsigned int nr_qw,
			 const struct ofield *const *tabs, unsigned int nr_tabs,
			 const struct owant *want, unsigned int nr_want)
{
	u64 covered[ARM_SMMU_ENTRY_QWORDS] = {};
	bool all_known = true;
	unsigned int i, t, qw;

	KUNIT_ASSERT_LE(test, nr_qw, ARM_SMMU_ENTRY_QWORDS);
	for (i = 0; i < nr_want; i++) {
		u64 val = want[i].val;
		bool known = false;

		if (want[i].intree_val &&
		    !intree_value(test, want[i].intree_val, &val))
			continue;
		for (t = 0; t < nr_tabs; t++) {
			const struct ofield *f = &tabs[t][want[i].f];
			u64 got;

			if (!f->name)
				continue;
			got = get_field(raw, f_qw(f), f_msb(f), f_lsb(f));
			KUNIT_EXPECT_EQ_MSG(test, got, val,
					    "%s: %s %s (qword %u bits [%u:%u])",
					    what, f->src, f->name, f_qw(f),
					    f_msb(f), f_lsb(f));
			covered[f_qw(f)] |= f_mask(f);
			known = true;
		}
		all_known &= known;
	}
	if (!all_known) {
		kunit_info(test, "%s: a field has no source here, stray bits not checked\n",
			   what);
		return;
	}
	for (qw = 0; qw < nr_qw; qw++)
		KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(raw[qw]) & ~covered[qw],
				    0ULL, "%s: qword %u has bits outside every expected field",
				    what, qw);
}

/*
 * Our macro @mask, in qword @qw, against a source's row. With @oa an
 * address field, compared up to bit ORACLE_OA_MSB.
 */
static void expect_macro(struct kunit *test, const char *ours, unsigned int qw,
			 u64 mask, const struct ofield *f, bool oa)
{
	unsigned int msb;

	if (!f->name)
		return;
	msb = oa ? min(f_msb(f), ORACLE_OA_MSB) : f_msb(f);
	KUNIT_EXPECT_EQ_MSG(test, qw, f_qw(f), "%s: %s %s is in another qword",
			    ours, f->src, f->name);
	KUNIT_EXPECT_EQ_MSG(test, mask, GENMASK_ULL(msb, f_lsb(f)),
			    "%s: %s %s is bits [%u:%u]", ours, f->src, f->name,
			    msb, f_lsb(f));
}

/**
 * struct opair - one of our macros and the field it stands for
 * @ours: our macro's name
 * @val: its value
 * @qw: the qword it applies to (0 for registers)
 * @f: the field
 * @oa: an address field (see ORACLE_OA_MSB)
 * @intree: the in-tree definition of the same field, or NULL
 */
struct opair {
	const char	*ours;
	u64		val;
	u8		qw;
	unsigned int	f;
	bool		oa;
	const char	*intree;
};

#define PAIR(_m, _qw, _f, _it) \
	{ .ours = #_m, .val = _m, .qw = _qw, .f = _f, .intree = _it }
#define PAIR_OA(_m, _qw, _f, _it) \
	{ .ours = #_m, .val = _m, .qw = _qw, .f = _f, .oa = true, \
	  .intree = _it }

static void check_pairs(struct kunit *test, const struct opair *p,
			unsigned int n, const struct ofield *const *tabs,
			unsigned int nr_tabs)
{
	unsigned int i, t;

	for (i = 0; i < n; i++) {
		struct ofield it = {};
		struct intree_row r = { .qw = p[i].qw, .name = p[i].intree };

		for (t = 0; t < nr_tabs; t++)
			expect_macro(test, p[i].ours, p[i].qw, p[i].val,
				     &tabs[t][p[i].f], p[i].oa);
		if (p[i].intree) {
			intree_field(test, &r, &it);
			expect_macro(test, p[i].ours, p[i].qw, p[i].val, &it,
				     p[i].oa);
		}
	}
}

/**
 * struct ovalue - one of our value macros and the value a source gives
 * @ours: our macro's name
 * @val: its value
 * @spec: the value the source gives
 * @src: the source
 */
struct ovalue {
	const char	*ours;
	u64		val;
	u64		spec;
	const char	*src;
};

#define VALUE(_m, _v, _src) \
	{ .ours = #_m, .val = _m, .spec = _v, .src = "IHI0070 " _src }

static void check_values(struct kunit *test, const struct ovalue *v,
			 unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, v[i].val, v[i].spec, "%s: %s",
				    v[i].ours, v[i].src);
}

/* ------------------------------------------------------------------------
 * Commands: IHI0070 4 (opcodes and range fields), QEMU, in-tree
 */

enum cmd_f {
	CMD_F_OP, CMD_F_SSEC, CMD_F_SSV, CMD_F_SSID, CMD_F_SID,
	CMD_F_NUM, CMD_F_SCALE, CMD_F_VMID, CMD_F_ASID,
	CMD_F_LEAF, CMD_F_RANGE, CMD_F_TTL128, CMD_F_TTL, CMD_F_TG,
	CMD_F_VA, CMD_F_IPA,
	CMD_F_ATC_GLOBAL, CMD_F_ATC_SIZE, CMD_F_ATC_ADDR,
	CMD_F_RESUME_AC, CMD_F_RESUME_AB, CMD_F_RESUME_RESP, CMD_F_STAG,
	CMD_F_PRI_PRGI, CMD_F_PRI_RESP,
	CMD_F_SYNC_CS, CMD_F_SYNC_MSH, CMD_F_SYNC_MSIATTR,
	CMD_F_SYNC_MSIDATA, CMD_F_SYNC_MSIADDR,
	CMD_F_NR
};

static const struct ofield cmd_spec[CMD_F_NR] = {
	/* "Each command begins with an 8-bit command opcode" */
	[CMD_F_OP]	= SPEC("opcode", 7, 0, "4.1.1"),
	[CMD_F_NUM]	= SPEC("NUM", 16, 12, "4.4.1.1"),
	/* 5 bits wide, [24:20], when SMMU_IDR5.DS == 0 (we never use DS) */
	[CMD_F_SCALE]	= SPEC("SCALE", 24, 20, "4.4.1.1"),
	[CMD_F_TTL128]	= SPEC("TTL128", 71, 71, "4.4.1.1"),
	[CMD_F_TTL]	= SPEC("TTL", 73, 72, "4.4.1.1"),
	[CMD_F_TG]	= SPEC("TG", 75, 74, "4.4.1.1"),
};

static const struct ofield cmd_qemu[CMD_F_NR] = {
	[CMD_F_OP]	= QEMU("CMD_TYPE", 0, 0, 8),
	[CMD_F_NUM]	= QEMU("CMD_NUM", 0, 12, 5),
	[CMD_F_SCALE]	= QEMU("CMD_SCALE", 0, 20, 5),
	[CMD_F_SSEC]	= QEMU("CMD_SSEC", 0, 10, 1),
	[CMD_F_SSV]	= QEMU("CMD_SSV", 0, 11, 1),
	[CMD_F_RESUME_AC] = QEMU("CMD_RESUME_AC", 0, 12, 1),
	[CMD_F_RESUME_AB] = QEMU("CMD_RESUME_AB", 0, 13, 1),
	[CMD_F_SYNC_CS]	= QEMU("CMD_SYNC_CS", 0, 12, 2),
	[CMD_F_SSID]	= QEMU("CMD_SSID", 0, 12, 20),
	/* CMD_SID(x) is the whole of word[1] */
	[CMD_F_SID]	= QEMU("CMD_SID", 1, 0, 32),
	[CMD_F_VMID]	= QEMU("CMD_VMID", 1, 0, 16),
	[CMD_F_ASID]	= QEMU("CMD_ASID", 1, 16, 16),
	[CMD_F_STAG]	= QEMU("CMD_RESUME_STAG", 2, 0, 16),
	[CMD_F_LEAF]	= QEMU("CMD_LEAF", 2, 0, 1),
	[CMD_F_TTL]	= QEMU("CMD_TTL", 2, 8, 2),
	[CMD_F_TG]	= QEMU("CMD_TG", 2, 10, 2),
	[CMD_F_RANGE]	= QEMU("CMD_STE_RANGE", 2, 0, 5),
	/* CMD_ADDR: word[3] << 32 | extract32(word[2], 12, 20) << 12 */
	[CMD_F_VA]	= QEMU("CMD_ADDR", 2, 12, 52),
	[CMD_F_IPA]	= QEMU("CMD_ADDR", 2, 12, 52),
	[CMD_F_ATC_ADDR] = QEMU("CMD_ADDR", 2, 12, 52),
};

/* IHI0070 4.1.1, Command opcodes */
enum spec_op {
	OP_PREFETCH_CONFIG, OP_CFGI_STE, OP_CFGI_STE_RANGE, OP_CFGI_CD,
	OP_CFGI_CD_ALL, OP_TLBI_NH_ALL, OP_TLBI_NH_ASID, OP_TLBI_NH_VA,
	OP_TLBI_EL2_ALL, OP_TLBI_S12_VMALL, OP_TLBI_S2_IPA, OP_TLBI_NSNH_ALL,
	OP_ATC_INV, OP_PRI_RESP, OP_RESUME, OP_CMD_SYNC, OP_NR
};

static const struct {
	const char	*name;
	u8		op;
} spec_ops[OP_NR] = {
	[OP_PREFETCH_CONFIG]	= { "CMD_PREFETCH_CONFIG", 0x01 },
	[OP_CFGI_STE]		= { "CMD_CFGI_STE", 0x03 },
	[OP_CFGI_STE_RANGE]	= { "CMD_CFGI_STE_RANGE", 0x04 },
	[OP_CFGI_CD]		= { "CMD_CFGI_CD", 0x05 },
	[OP_CFGI_CD_ALL]	= { "CMD_CFGI_CD_ALL", 0x06 },
	[OP_TLBI_NH_ALL]	= { "CMD_TLBI_NH_ALL", 0x10 },
	[OP_TLBI_NH_ASID]	= { "CMD_TLBI_NH_ASID", 0x11 },
	[OP_TLBI_NH_VA]		= { "CMD_TLBI_NH_VA", 0x12 },
	[OP_TLBI_EL2_ALL]	= { "CMD_TLBI_EL2_ALL", 0x20 },
	[OP_TLBI_S12_VMALL]	= { "CMD_TLBI_S12_VMALL", 0x28 },
	[OP_TLBI_S2_IPA]	= { "CMD_TLBI_S2_IPA", 0x2a },
	[OP_TLBI_NSNH_ALL]	= { "CMD_TLBI_NSNH_ALL", 0x30 },
	[OP_ATC_INV]		= { "CMD_ATC_INV", 0x40 },
	[OP_PRI_RESP]		= { "CMD_PRI_RESP", 0x41 },
	[OP_RESUME]		= { "CMD_RESUME", 0x44 },
	[OP_CMD_SYNC]		= { "CMD_SYNC", 0x46 },
};

/* IHI0070 4.7.3, CMD_SYNC: ComplSignal and MSH encodings */
#define SPEC_SYNC_CS_SIG_NONE	0x0
#define SPEC_SYNC_CS_SIG_IRQ	0x1
#define SPEC_SH_ISH		0x3
/*
 * MSIAttr is "encoded the same as the STE.MemAttr field" (4.7.3), that is
 * the VMSAv8-64 stage 2 MemAttr[3:0] (5.2): 0b1111 is Normal Inner and
 * Outer Write-Back, 0b0001 Device-nGnRE.
 */
#define SPEC_MEMATTR_OWB_IWB	0xf
#define SPEC_MEMATTR_DEV_NGNRE	0x1
/* IHI0070 4.5.1: "A Size value of 52 ... meaning invalidate all" */
#define SPEC_ATC_SIZE_ALL	52

#define CMD_SID_SAMPLE		0xdeadbeef
#define CMD_SSID_SAMPLE		0xabcde

static void check_cmd(struct kunit *test, const char *what,
		      const struct arm_smmu_cmd *cmd,
		      const struct intree_row *rows, unsigned int nr_rows,
		      const struct owant *want, unsigned int nr_want)
{
	const struct ofield *tabs[] = {
		cmd_spec, cmd_qemu,
		intree_table(test, CMD_F_NR, rows, nr_rows),
	};

	check_fields(test, what, cmd->data, CMDQ_ENT_DWORDS, tabs,
		     ARRAY_SIZE(tabs), want, nr_want);
}

static void cfgi_ste_sets_sid_and_leaf(struct kunit *test)
{
	static const struct intree_row rows[] = {
		{ CMD_F_OP, 0, "CMDQ_0_OP" },
		{ CMD_F_SID, 0, "CMDQ_CFGI_0_SID" },
		{ CMD_F_LEAF, 1, "CMDQ_CFGI_1_LEAF" },
	};
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_CFGI_STE].op },
		{ CMD_F_SID, CMD_SID_SAMPLE },
		{ CMD_F_LEAF, 1 },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_cfgi_ste(&cmd, CMD_SID_SAMPLE);
	check_cmd(test, "CMD_CFGI_STE", &cmd, rows, ARRAY_SIZE(rows), want,
		  ARRAY_SIZE(want));
}

/* IHI0070 4.3.2: CMD_CFGI_STE_RANGE(n, SSec, 31) is CMD_CFGI_ALL */
static void cfgi_all_is_ste_range_31(struct kunit *test)
{
	static const struct intree_row rows[] = {
		{ CMD_F_OP, 0, "CMDQ_0_OP" },
		{ CMD_F_RANGE, 1, "CMDQ_CFGI_1_RANGE" },
	};
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_CFGI_STE_RANGE].op },
		{ CMD_F_RANGE, 31 },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_cfgi_all(&cmd);
	check_cmd(test, "CMD_CFGI_ALL", &cmd, rows, ARRAY_SIZE(rows), want,
		  ARRAY_SIZE(want));
}

static void cfgi_cd_sets_sid_ssid_and_leaf(struct kunit *test)
{
	static const struct intree_row rows[] = {
		{ CMD_F_OP, 0, "CMDQ_0_OP" },
		{ CMD_F_SSID, 0, "CMDQ_CFGI_0_SSID" },
		{ CMD_F_SID, 0, "CMDQ_CFGI_0_SID" },
		{ CMD_F_LEAF, 1, "CMDQ_CFGI_1_LEAF" },
	};
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_CFGI_CD].op },
		{ CMD_F_SSID, CMD_SSID_SAMPLE },
		{ CMD_F_SID, CMD_SID_SAMPLE },
		{ CMD_F_LEAF, 1 },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_cfgi_cd(&cmd, CMD_SID_SAMPLE, CMD_SSID_SAMPLE);
	check_cmd(test, "CMD_CFGI_CD", &cmd, rows, ARRAY_SIZE(rows), want,
		  ARRAY_SIZE(want));
}

static const struct intree_row tlbi_rows[] = {
	{ CMD_F_OP, 0, "CMDQ_0_OP" },
	{ CMD_F_NUM, 0, "CMDQ_TLBI_0_NUM" },
	{ CMD_F_SCALE, 0, "CMDQ_TLBI_0_SCALE" },
	{ CMD_F_VMID, 0, "CMDQ_TLBI_0_VMID" },
	{ CMD_F_ASID, 0, "CMDQ_TLBI_0_ASID" },
	{ CMD_F_LEAF, 1, "CMDQ_TLBI_1_LEAF" },
	{ CMD_F_TTL, 1, "CMDQ_TLBI_1_TTL" },
	{ CMD_F_TG, 1, "CMDQ_TLBI_1_TG" },
	{ CMD_F_VA, 1, "CMDQ_TLBI_1_VA_MASK" },
	{ CMD_F_IPA, 1, "CMDQ_TLBI_1_IPA_MASK" },
};

static void tlbi_nh_asid_sets_asid_vmid_0(struct kunit *test)
{
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_TLBI_NH_ASID].op },
		{ CMD_F_ASID, 0xbeef },
		{ CMD_F_VMID, 0 },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_tlbi_nh_asid(&cmd, 0xbeef);
	check_cmd(test, "CMD_TLBI_NH_ASID", &cmd, tlbi_rows,
		  ARRAY_SIZE(tlbi_rows), want, ARRAY_SIZE(want));
}

static void tlbi_s12_vmall_sets_vmid(struct kunit *test)
{
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_TLBI_S12_VMALL].op },
		{ CMD_F_VMID, 0xa55a },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_tlbi_s12_vmall(&cmd, 0xa55a);
	check_cmd(test, "CMD_TLBI_S12_VMALL", &cmd, tlbi_rows,
		  ARRAY_SIZE(tlbi_rows), want, ARRAY_SIZE(want));
}

static void tlbi_all_commands_are_opcode_only(struct kunit *test)
{
	const struct owant nsnh[] = {
		{ CMD_F_OP, spec_ops[OP_TLBI_NSNH_ALL].op },
	};
	const struct owant el2[] = {
		{ CMD_F_OP, spec_ops[OP_TLBI_EL2_ALL].op },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_tlbi_nsnh_all(&cmd);
	check_cmd(test, "CMD_TLBI_NSNH_ALL", &cmd, tlbi_rows,
		  ARRAY_SIZE(tlbi_rows), nsnh, ARRAY_SIZE(nsnh));
	arm_smmu_cmd_tlbi_el2_all(&cmd);
	check_cmd(test, "CMD_TLBI_EL2_ALL", &cmd, tlbi_rows,
		  ARRAY_SIZE(tlbi_rows), el2, ARRAY_SIZE(el2));
}

#define TLBI_VA_SAMPLE		0xffff800012345000ULL
#define TLBI_IPA_SAMPLE		0x000f123456780000ULL

static void tlbi_nh_va_sets_range_fields_and_address(struct kunit *test)
{
	/* 16KB granule (TG 0b10), NUM 21, SCALE 19, level 2 leaves */
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_TLBI_NH_VA].op },
		{ CMD_F_NUM, 21 },
		{ CMD_F_SCALE, 19 },
		{ CMD_F_ASID, 0x1357 },
		{ CMD_F_VMID, 0 },
		{ CMD_F_LEAF, 1 },
		{ CMD_F_TTL128, 0 },
		{ CMD_F_TTL, 2 },
		{ CMD_F_TG, 2 },
		/* 4.1.6: virtual address fields are Address[63:12] */
		{ CMD_F_VA, TLBI_VA_SAMPLE >> 12 },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_tlbi_nh_va(&cmd, 0x1357, TLBI_VA_SAMPLE, true, 2, 21, 19,
				2);
	check_cmd(test, "CMD_TLBI_NH_VA", &cmd, tlbi_rows,
		  ARRAY_SIZE(tlbi_rows), want, ARRAY_SIZE(want));
}

static void tlbi_s2_ipa_sets_range_fields_and_address(struct kunit *test)
{
	/* 64KB granule (TG 0b11), NUM 1, SCALE 3, level 3, not leaf-only */
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_TLBI_S2_IPA].op },
		{ CMD_F_NUM, 1 },
		{ CMD_F_SCALE, 3 },
		{ CMD_F_VMID, 0x2468 },
		{ CMD_F_ASID, 0 },
		{ CMD_F_LEAF, 0 },
		{ CMD_F_TTL, 3 },
		{ CMD_F_TG, 3 },
		/* 4.1.6: IPA fields are Address[55:12] */
		{ CMD_F_IPA, TLBI_IPA_SAMPLE >> 12 },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_tlbi_s2_ipa(&cmd, 0x2468, TLBI_IPA_SAMPLE, false, 3, 1, 3,
				 3);
	check_cmd(test, "CMD_TLBI_S2_IPA", &cmd, tlbi_rows,
		  ARRAY_SIZE(tlbi_rows), want, ARRAY_SIZE(want));
}

static void atc_inv_sets_size_address_and_substream(struct kunit *test)
{
	static const struct intree_row rows[] = {
		{ CMD_F_OP, 0, "CMDQ_0_OP" },
		{ CMD_F_SSV, 0, "CMDQ_0_SSV" },
		{ CMD_F_SSID, 0, "CMDQ_ATC_0_SSID" },
		{ CMD_F_SID, 0, "CMDQ_ATC_0_SID" },
		{ CMD_F_ATC_GLOBAL, 0, "CMDQ_ATC_0_GLOBAL" },
		{ CMD_F_ATC_SIZE, 1, "CMDQ_ATC_1_SIZE" },
		{ CMD_F_ATC_ADDR, 1, "CMDQ_ATC_1_ADDR_MASK" },
	};
	const struct owant with_ssid[] = {
		{ CMD_F_OP, spec_ops[OP_ATC_INV].op },
		{ CMD_F_SSV, 1 },
		{ CMD_F_SSID, CMD_SSID_SAMPLE },
		{ CMD_F_SID, CMD_SID_SAMPLE },
		{ CMD_F_ATC_GLOBAL, 0 },
		{ CMD_F_ATC_SIZE, SPEC_ATC_SIZE_ALL },
		{ CMD_F_ATC_ADDR, 0 },
	};
	const struct owant without[] = {
		{ CMD_F_OP, spec_ops[OP_ATC_INV].op },
		{ CMD_F_SSV, 0 },
		{ CMD_F_SID, CMD_SID_SAMPLE },
		{ CMD_F_ATC_SIZE, SPEC_ATC_SIZE_ALL },
	};
	const struct owant span[] = {
		{ CMD_F_OP, spec_ops[OP_ATC_INV].op },
		{ CMD_F_SSV, 0 },
		{ CMD_F_SID, CMD_SID_SAMPLE },
		{ CMD_F_ATC_SIZE, 4 },
		{ CMD_F_ATC_ADDR, 0x12340 },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_atc_inv_all(&cmd, CMD_SID_SAMPLE, CMD_SSID_SAMPLE, true);
	check_cmd(test, "CMD_ATC_INV with SSV", &cmd, rows, ARRAY_SIZE(rows),
		  with_ssid, ARRAY_SIZE(with_ssid));
	arm_smmu_cmd_atc_inv_all(&cmd, CMD_SID_SAMPLE, CMD_SSID_SAMPLE, false);
	check_cmd(test, "CMD_ATC_INV without SSV", &cmd, rows,
		  ARRAY_SIZE(rows), without, ARRAY_SIZE(without));

	/* 16 pages (Size 4) from 0x12340000: Address[63:12] = 0x12340 */
	arm_smmu_cmd_atc_inv(&cmd, CMD_SID_SAMPLE, 0, false, 0x12340000, 4);
	check_cmd(test, "CMD_ATC_INV of a span", &cmd, rows, ARRAY_SIZE(rows),
		  span, ARRAY_SIZE(span));
}

static const struct intree_row sync_rows[] = {
	{ CMD_F_OP, 0, "CMDQ_0_OP" },
	{ CMD_F_SYNC_CS, 0, "CMDQ_SYNC_0_CS" },
	{ CMD_F_SYNC_MSH, 0, "CMDQ_SYNC_0_MSH" },
	{ CMD_F_SYNC_MSIATTR, 0, "CMDQ_SYNC_0_MSIATTR" },
	{ CMD_F_SYNC_MSIDATA, 0, "CMDQ_SYNC_0_MSIDATA" },
	{ CMD_F_SYNC_MSIADDR, 1, "CMDQ_SYNC_1_MSIADDR_MASK" },
};

static void sync_with_msi_sets_irq_signal_and_write(struct kunit *test)
{
	const u64 addr = 0x000f000080001004ULL;
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_CMD_SYNC].op },
		{ CMD_F_SYNC_CS, SPEC_SYNC_CS_SIG_IRQ },
		{ CMD_F_SYNC_MSH, SPEC_SH_ISH },
		{ CMD_F_SYNC_MSIATTR, SPEC_MEMATTR_OWB_IWB },
		{ CMD_F_SYNC_MSIDATA, 0xcafef00d },
		/* 4.7.3: MSIAddress[55:2] */
		{ CMD_F_SYNC_MSIADDR, addr >> 2 },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_sync(&cmd, addr, 0xcafef00d);
	check_cmd(test, "CMD_SYNC with MSI", &cmd, sync_rows,
		  ARRAY_SIZE(sync_rows), want, ARRAY_SIZE(want));
}

static void sync_without_msi_signals_nothing(struct kunit *test)
{
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_CMD_SYNC].op },
		{ CMD_F_SYNC_CS, SPEC_SYNC_CS_SIG_NONE },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_sync(&cmd, 0, 0xcafef00d);
	check_cmd(test, "CMD_SYNC without MSI", &cmd, sync_rows,
		  ARRAY_SIZE(sync_rows), want, ARRAY_SIZE(want));
}

/*
 * IHI0070 4.7.1 CMD_RESUME(StreamID, SSec, STAG, Action, Abort): Action
 * (Ac) 1 retries the transaction and the Abort parameter (Ab) is IGNORED;
 * Ac 0 terminates it, with an abort reported to the client when Ab == 1
 * and RAZ/WI when Ab == 0. Positions: QEMU's CMD_RESUME_AC (bit 12) and
 * CMD_RESUME_AB (bit 13), and the in-tree 2-bit RESP with TERM 0, RETRY 1,
 * ABORT 2. Our "terminate" aborts the transaction.
 */
static const struct intree_row resume_rows[] = {
	{ CMD_F_OP, 0, "CMDQ_0_OP" },
	{ CMD_F_RESUME_RESP, 0, "CMDQ_RESUME_0_RESP" },
	{ CMD_F_SID, 0, "CMDQ_RESUME_0_SID" },
	{ CMD_F_STAG, 1, "CMDQ_RESUME_1_STAG" },
};

static void resume_retry_sets_action_bit_12(struct kunit *test)
{
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_RESUME].op },
		{ CMD_F_SID, CMD_SID_SAMPLE },
		{ CMD_F_STAG, 0xface },
		{ CMD_F_RESUME_AC, 1 },
		{ CMD_F_RESUME_AB, 0 },
		{ CMD_F_RESUME_RESP, .intree_val = "CMDQ_RESUME_0_RESP_RETRY" },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_resume(&cmd, CMD_SID_SAMPLE, 0xface, false);
	check_cmd(test, "CMD_RESUME(retry)", &cmd, resume_rows,
		  ARRAY_SIZE(resume_rows), want, ARRAY_SIZE(want));
}

static void resume_terminate_sets_abort_bit_13(struct kunit *test)
{
	const struct owant want[] = {
		{ CMD_F_OP, spec_ops[OP_RESUME].op },
		{ CMD_F_SID, CMD_SID_SAMPLE },
		{ CMD_F_STAG, 0xface },
		{ CMD_F_RESUME_AC, 0 },
		{ CMD_F_RESUME_AB, 1 },
		{ CMD_F_RESUME_RESP, .intree_val = "CMDQ_RESUME_0_RESP_ABORT" },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_resume(&cmd, CMD_SID_SAMPLE, 0xface, true);
	check_cmd(test, "CMD_RESUME(terminate)", &cmd, resume_rows,
		  ARRAY_SIZE(resume_rows), want, ARRAY_SIZE(want));
}

/*
 * IHI0070 4.5.2 CMD_PRI_RESP(StreamID, SSV, SubstreamID, PRGIndex, Resp):
 * the fields are placed by a figure; the in-tree header is the second
 * source (QEMU never decodes the command). Resp 0b10 is Success, 0b00
 * Response Failure (8.3), which the in-tree enum calls SUCC and DENY.
 */
static const struct intree_row pri_resp_rows[] = {
	{ CMD_F_OP, 0, "CMDQ_0_OP" },
	{ CMD_F_SSV, 0, "CMDQ_0_SSV" },
	{ CMD_F_SSID, 0, "CMDQ_PRI_0_SSID" },
	{ CMD_F_SID, 0, "CMDQ_PRI_0_SID" },
	{ CMD_F_PRI_PRGI, 1, "CMDQ_PRI_1_GRPID" },
	{ CMD_F_PRI_RESP, 1, "CMDQ_PRI_1_RESP" },
};

static void pri_resp_names_group_pasid_and_code(struct kunit *test)
{
	const struct owant success[] = {
		{ CMD_F_OP, spec_ops[OP_PRI_RESP].op },
		{ CMD_F_SSV, 1 },
		{ CMD_F_SSID, CMD_SSID_SAMPLE },
		{ CMD_F_SID, CMD_SID_SAMPLE },
		{ CMD_F_PRI_PRGI, 0x1a5 },
		{ CMD_F_PRI_RESP, .intree_val = "PRI_RESP_SUCC" },
	};
	const struct owant failure[] = {
		{ CMD_F_OP, spec_ops[OP_PRI_RESP].op },
		{ CMD_F_SSV, 0 },
		{ CMD_F_SSID, 0 },
		{ CMD_F_SID, CMD_SID_SAMPLE },
		{ CMD_F_PRI_PRGI, 0x1ff },
		{ CMD_F_PRI_RESP, .intree_val = "PRI_RESP_DENY" },
	};
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_pri_resp(&cmd, CMD_SID_SAMPLE, CMD_SSID_SAMPLE, true,
			      0x1a5, PRI_RESP_SUCCESS);
	check_cmd(test, "CMD_PRI_RESP(success, PASID)", &cmd, pri_resp_rows,
		  ARRAY_SIZE(pri_resp_rows), success, ARRAY_SIZE(success));
	arm_smmu_cmd_pri_resp(&cmd, CMD_SID_SAMPLE, CMD_SSID_SAMPLE, false,
			      0x1ff, PRI_RESP_FAILURE);
	check_cmd(test, "CMD_PRI_RESP(failure)", &cmd, pri_resp_rows,
		  ARRAY_SIZE(pri_resp_rows), failure, ARRAY_SIZE(failure));
}

static void command_macros_match_sources(struct kunit *test)
{
	static const struct opair pairs[] = {
		PAIR(CMD_0_OP, 0, CMD_F_OP, "CMDQ_0_OP"),
		PAIR(CMD_0_SSV, 0, CMD_F_SSV, "CMDQ_0_SSV"),
		PAIR(CMD_0_SSID, 0, CMD_F_SSID, "CMDQ_CFGI_0_SSID"),
		PAIR(CMD_0_SSID, 0, CMD_F_SSID, "CMDQ_ATC_0_SSID"),
		PAIR(CMD_0_SID, 0, CMD_F_SID, "CMDQ_CFGI_0_SID"),
		PAIR(CMD_0_SID, 0, CMD_F_SID, "CMDQ_ATC_0_SID"),
		PAIR(CMD_0_SID, 0, CMD_F_SID, "CMDQ_RESUME_0_SID"),
		PAIR(CMD_1_LEAF, 1, CMD_F_LEAF, "CMDQ_CFGI_1_LEAF"),
		PAIR(CMD_1_LEAF, 1, CMD_F_LEAF, "CMDQ_TLBI_1_LEAF"),
		PAIR(CMD_1_CFGI_RANGE, 1, CMD_F_RANGE, "CMDQ_CFGI_1_RANGE"),
		PAIR(CMD_0_TLBI_NUM, 0, CMD_F_NUM, "CMDQ_TLBI_0_NUM"),
		PAIR(CMD_0_TLBI_SCALE, 0, CMD_F_SCALE, "CMDQ_TLBI_0_SCALE"),
		PAIR(CMD_0_TLBI_VMID, 0, CMD_F_VMID, "CMDQ_TLBI_0_VMID"),
		PAIR(CMD_0_TLBI_ASID, 0, CMD_F_ASID, "CMDQ_TLBI_0_ASID"),
		PAIR(CMD_1_TLBI_TTL, 1, CMD_F_TTL, "CMDQ_TLBI_1_TTL"),
		PAIR(CMD_1_TLBI_TG, 1, CMD_F_TG, "CMDQ_TLBI_1_TG"),
		PAIR(CMD_1_TLBI_VA, 1, CMD_F_VA, "CMDQ_TLBI_1_VA_MASK"),
		PAIR_OA(CMD_1_TLBI_IPA, 1, CMD_F_IPA, "CMDQ_TLBI_1_IPA_MASK"),
		PAIR(CMD_1_ATC_SIZE, 1, CMD_F_ATC_SIZE, "CMDQ_ATC_1_SIZE"),
		PAIR(CMD_1_ATC_ADDR, 1, CMD_F_ATC_ADDR, "CMDQ_ATC_1_ADDR_MASK"),
		PAIR(CMD_1_RESUME_STAG, 1, CMD_F_STAG, "CMDQ_RESUME_1_STAG"),
		PAIR(CMD_1_PRI_PRGI, 1, CMD_F_PRI_PRGI, "CMDQ_PRI_1_GRPID"),
		PAIR(CMD_1_PRI_RESP, 1, CMD_F_PRI_RESP, "CMDQ_PRI_1_RESP"),
		PAIR(CMD_0_SYNC_CS, 0, CMD_F_SYNC_CS, "CMDQ_SYNC_0_CS"),
		PAIR(CMD_0_SYNC_MSH, 0, CMD_F_SYNC_MSH, "CMDQ_SYNC_0_MSH"),
		PAIR(CMD_0_SYNC_MSIATTR, 0, CMD_F_SYNC_MSIATTR,
		     "CMDQ_SYNC_0_MSIATTR"),
		PAIR(CMD_0_SYNC_MSIDATA, 0, CMD_F_SYNC_MSIDATA,
		     "CMDQ_SYNC_0_MSIDATA"),
		PAIR_OA(CMD_1_SYNC_MSIADDR, 1, CMD_F_SYNC_MSIADDR,
			"CMDQ_SYNC_1_MSIADDR_MASK"),
	};
	static const struct {
		const char	*ours;
		u64		val;
		unsigned int	op;
		const char	*intree;
	} ops[] = {
#define OP(_m, _op, _it) { .ours = #_m, .val = _m, .op = _op, .intree = _it }
		OP(CMDQ_OP_CFGI_STE, OP_CFGI_STE, "CMDQ_OP_CFGI_STE"),
		OP(CMDQ_OP_CFGI_STE_RANGE, OP_CFGI_STE_RANGE, "CMDQ_OP_CFGI_ALL"),
		OP(CMDQ_OP_CFGI_CD, OP_CFGI_CD, "CMDQ_OP_CFGI_CD"),
		OP(CMDQ_OP_TLBI_NH_ASID, OP_TLBI_NH_ASID,
		   "CMDQ_OP_TLBI_NH_ASID"),
		OP(CMDQ_OP_TLBI_NH_VA, OP_TLBI_NH_VA, "CMDQ_OP_TLBI_NH_VA"),
		OP(CMDQ_OP_TLBI_EL2_ALL, OP_TLBI_EL2_ALL,
		   "CMDQ_OP_TLBI_EL2_ALL"),
		OP(CMDQ_OP_TLBI_S12_VMALL, OP_TLBI_S12_VMALL,
		   "CMDQ_OP_TLBI_S12_VMALL"),
		OP(CMDQ_OP_TLBI_S2_IPA, OP_TLBI_S2_IPA, "CMDQ_OP_TLBI_S2_IPA"),
		OP(CMDQ_OP_TLBI_NSNH_ALL, OP_TLBI_NSNH_ALL,
		   "CMDQ_OP_TLBI_NSNH_ALL"),
		OP(CMDQ_OP_ATC_INV, OP_ATC_INV, "CMDQ_OP_ATC_INV"),
		OP(CMDQ_OP_RESUME, OP_RESUME, "CMDQ_OP_RESUME"),
		OP(CMDQ_OP_CMD_SYNC, OP_CMD_SYNC, "CMDQ_OP_CMD_SYNC"),
#undef OP
	};
	const struct ofield *tabs[] = { cmd_spec, cmd_qemu };
	static const struct ovalue values[] = {
		VALUE(CMDQ_ENT_DWORDS, 2, "4.1.1: 16-byte commands"),
		VALUE(ATC_SIZE_ALL, SPEC_ATC_SIZE_ALL, "4.5.1"),
		VALUE(SYNC_CS_NONE, SPEC_SYNC_CS_SIG_NONE, "4.7.3 SIG_NONE"),
		VALUE(SYNC_CS_IRQ, SPEC_SYNC_CS_SIG_IRQ, "4.7.3 SIG_IRQ"),
		VALUE(SYNC_MSIATTR_WB, SPEC_MEMATTR_OWB_IWB,
		      "4.7.3 MSIAttr, 5.2 MemAttr"),
	};
	unsigned int i;
	u64 v;

	check_pairs(test, pairs, ARRAY_SIZE(pairs), tabs, ARRAY_SIZE(tabs));
	check_values(test, values, ARRAY_SIZE(values));
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		KUNIT_EXPECT_EQ_MSG(test, ops[i].val,
				    (u64)spec_ops[ops[i].op].op,
				    "%s: IHI0070 4.1.1 %s", ops[i].ours,
				    spec_ops[ops[i].op].name);
		if (ops[i].intree && intree_value(test, ops[i].intree, &v))
			KUNIT_EXPECT_EQ_MSG(test, ops[i].val, v, "%s: %s %s",
					    ops[i].ours, INTREE_SRC,
					    ops[i].intree);
	}
}

/* ------------------------------------------------------------------------
 * Stream table entry: IHI0070 5.2, in-tree
 */

enum ste_f {
	STE_F_V, STE_F_CONFIG, STE_F_S1FMT, STE_F_S1CTXPTR, STE_F_S1CDMAX,
	STE_F_S1DSS, STE_F_S1CIR, STE_F_S1COR, STE_F_S1CSH, STE_F_MEV,
	STE_F_S2FWB, STE_F_S1STALLD, STE_F_EATS, STE_F_STRW, STE_F_MEMATTR,
	STE_F_MTCFG, STE_F_ALLOCCFG, STE_F_SHCFG, STE_F_NSCFG, STE_F_PRIVCFG,
	STE_F_INSTCFG, STE_F_S2VMID, STE_F_S2T0SZ, STE_F_S2SL0, STE_F_S2IR0,
	STE_F_S2OR0, STE_F_S2SH0, STE_F_S2TG, STE_F_S2PS, STE_F_S2AA64,
	STE_F_S2ENDI, STE_F_S2AFFD, STE_F_S2PTW, STE_F_S2HD, STE_F_S2HA,
	STE_F_S2S, STE_F_S2R, STE_F_S2TTB,
	STE_F_NR
};

static const struct ofield ste_spec[STE_F_NR] = {
	[STE_F_V]	 = SPEC("STE.V", 0, 0, "5.2"),
	[STE_F_CONFIG]	 = SPEC("STE.Config", 3, 1, "5.2"),
	[STE_F_S1FMT]	 = SPEC("STE.S1Fmt", 5, 4, "5.2"),
	[STE_F_S1CTXPTR] = SPEC("STE.S1ContextPtr", 55, 6, "5.2"),
	[STE_F_S1CDMAX]	 = SPEC("STE.S1CDMax", 63, 59, "5.2"),
	[STE_F_S1DSS]	 = SPEC("STE.S1DSS", 65, 64, "5.2"),
	[STE_F_S1CIR]	 = SPEC("STE.S1CIR", 67, 66, "5.2"),
	[STE_F_S1COR]	 = SPEC("STE.S1COR", 69, 68, "5.2"),
	[STE_F_S1CSH]	 = SPEC("STE.S1CSH", 71, 70, "5.2"),
	[STE_F_MEV]	 = SPEC("STE.MEV", 83, 83, "5.2"),
	[STE_F_S2FWB]	 = SPEC("STE.S2FWB", 89, 89, "5.2"),
	[STE_F_S1STALLD] = SPEC("STE.S1STALLD", 91, 91, "5.2"),
	[STE_F_EATS]	 = SPEC("STE.EATS", 93, 92, "5.2"),
	[STE_F_STRW]	 = SPEC("STE.STRW", 95, 94, "5.2"),
	[STE_F_MEMATTR]	 = SPEC("STE.MemAttr", 99, 96, "5.2"),
	[STE_F_MTCFG]	 = SPEC("STE.MTCFG", 100, 100, "5.2"),
	[STE_F_ALLOCCFG] = SPEC("STE.ALLOCCFG", 104, 101, "5.2"),
	[STE_F_SHCFG]	 = SPEC("STE.SHCFG", 109, 108, "5.2"),
	[STE_F_NSCFG]	 = SPEC("STE.NSCFG", 111, 110, "5.2"),
	[STE_F_PRIVCFG]	 = SPEC("STE.PRIVCFG", 113, 112, "5.2"),
	[STE_F_INSTCFG]	 = SPEC("STE.INSTCFG", 115, 114, "5.2"),
	[STE_F_S2VMID]	 = SPEC("STE.S2VMID", 143, 128, "5.2"),
	[STE_F_S2T0SZ]	 = SPEC("STE.S2T0SZ", 165, 160, "5.2"),
	[STE_F_S2SL0]	 = SPEC("STE.S2SL0", 167, 166, "5.2"),
	[STE_F_S2IR0]	 = SPEC("STE.S2IR0", 169, 168, "5.2"),
	[STE_F_S2OR0]	 = SPEC("STE.S2OR0", 171, 170, "5.2"),
	[STE_F_S2SH0]	 = SPEC("STE.S2SH0", 173, 172, "5.2"),
	[STE_F_S2TG]	 = SPEC("STE.S2TG", 175, 174, "5.2"),
	[STE_F_S2PS]	 = SPEC("STE.S2PS", 178, 176, "5.2"),
	[STE_F_S2AA64]	 = SPEC("STE.S2AA64", 179, 179, "5.2"),
	[STE_F_S2ENDI]	 = SPEC("STE.S2ENDI", 180, 180, "5.2"),
	[STE_F_S2AFFD]	 = SPEC("STE.S2AFFD", 181, 181, "5.2"),
	[STE_F_S2PTW]	 = SPEC("STE.S2PTW", 182, 182, "5.2"),
	[STE_F_S2HD]	 = SPEC("STE.S2HD", 183, 183, "5.2"),
	[STE_F_S2HA]	 = SPEC("STE.S2HA", 184, 184, "5.2"),
	[STE_F_S2S]	 = SPEC("STE.S2S", 185, 185, "5.2"),
	[STE_F_S2R]	 = SPEC("STE.S2R", 186, 186, "5.2"),
	[STE_F_S2TTB]	 = SPEC("STE.S2TTB", 247, 196, "5.2"),
};

static const struct intree_row ste_rows[] = {
	{ STE_F_V, 0, "STRTAB_STE_0_V" },
	{ STE_F_CONFIG, 0, "STRTAB_STE_0_CFG" },
	{ STE_F_S1FMT, 0, "STRTAB_STE_0_S1FMT" },
	{ STE_F_S1CTXPTR, 0, "STRTAB_STE_0_S1CTXPTR_MASK" },
	{ STE_F_S1CDMAX, 0, "STRTAB_STE_0_S1CDMAX" },
	{ STE_F_S1DSS, 1, "STRTAB_STE_1_S1DSS" },
	{ STE_F_S1CIR, 1, "STRTAB_STE_1_S1CIR" },
	{ STE_F_S1COR, 1, "STRTAB_STE_1_S1COR" },
	{ STE_F_S1CSH, 1, "STRTAB_STE_1_S1CSH" },
	{ STE_F_S1STALLD, 1, "STRTAB_STE_1_S1STALLD" },
	{ STE_F_EATS, 1, "STRTAB_STE_1_EATS" },
	{ STE_F_STRW, 1, "STRTAB_STE_1_STRW" },
	{ STE_F_SHCFG, 1, "STRTAB_STE_1_SHCFG" },
	{ STE_F_S2VMID, 2, "STRTAB_STE_2_S2VMID" },
	{ STE_F_S2T0SZ, 2, "STRTAB_STE_2_VTCR_S2T0SZ", "STRTAB_STE_2_VTCR" },
	{ STE_F_S2SL0, 2, "STRTAB_STE_2_VTCR_S2SL0", "STRTAB_STE_2_VTCR" },
	{ STE_F_S2IR0, 2, "STRTAB_STE_2_VTCR_S2IR0", "STRTAB_STE_2_VTCR" },
	{ STE_F_S2OR0, 2, "STRTAB_STE_2_VTCR_S2OR0", "STRTAB_STE_2_VTCR" },
	{ STE_F_S2SH0, 2, "STRTAB_STE_2_VTCR_S2SH0", "STRTAB_STE_2_VTCR" },
	{ STE_F_S2TG, 2, "STRTAB_STE_2_VTCR_S2TG", "STRTAB_STE_2_VTCR" },
	{ STE_F_S2PS, 2, "STRTAB_STE_2_VTCR_S2PS", "STRTAB_STE_2_VTCR" },
	{ STE_F_S2AA64, 2, "STRTAB_STE_2_S2AA64" },
	{ STE_F_S2ENDI, 2, "STRTAB_STE_2_S2ENDI" },
	{ STE_F_S2PTW, 2, "STRTAB_STE_2_S2PTW" },
	{ STE_F_S2S, 2, "STRTAB_STE_2_S2S" },
	{ STE_F_S2R, 2, "STRTAB_STE_2_S2R" },
	{ STE_F_S2TTB, 3, "STRTAB_STE_3_S2TTB_MASK" },
};

/* IHI0070 5.2 encodings */
#define SPEC_STE_CFG_ABORT	0x0	/* Config 0b000 */
#define SPEC_STE_CFG_BYPASS	0x4	/* 0b100 */
#define SPEC_STE_CFG_S1		0x5	/* 0b101: stage 1 translate */
#define SPEC_STE_CFG_S2		0x6	/* 0b110: stage 2 translate */
#define SPEC_STE_S1FMT_4K_L2	0x1	/* S1Fmt 0b01: 2-level, 4KB leaves */
#define SPEC_STE_S1DSS_BYPASS	0x1	/* S1DSS 0b01 */
#define SPEC_CACHE_WB_RA	0x1	/* S1CIR/S1COR 0b01 */
#define SPEC_EATS_FULL		0x1	/* EATS 0b01: Full ATS */
#define SPEC_STRW_EL2		0x2	/* STRW 0b10: NS-EL2 */
#define SPEC_SHCFG_INCOMING	0x1	/* SHCFG 0b01: use incoming */

static void check_ste(struct kunit *test, const char *what,
		      const struct arm_smmu_ste *ste, const struct owant *want,
		      unsigned int nr_want)
{
	const struct ofield *tabs[] = {
		ste_spec,
		intree_table(test, STE_F_NR, ste_rows, ARRAY_SIZE(ste_rows)),
	};

	check_fields(test, what, ste->data, ARRAY_SIZE(ste->data), tabs,
		     ARRAY_SIZE(tabs), want, nr_want);
}

static void ste_abort_is_valid_config_0(struct kunit *test)
{
	const struct owant want[] = {
		{ STE_F_V, 1 },
		{ STE_F_CONFIG, SPEC_STE_CFG_ABORT },
	};
	struct arm_smmu_ste ste;

	arm_smmu_ste_make_abort(&ste);
	check_ste(test, "abort STE", &ste, want, ARRAY_SIZE(want));
}

static void ste_bypass_is_config_4_with_incoming_shareability(struct kunit *test)
{
	const struct owant want[] = {
		{ STE_F_V, 1 },
		{ STE_F_CONFIG, SPEC_STE_CFG_BYPASS },
		{ STE_F_SHCFG, SPEC_SHCFG_INCOMING },
	};
	struct arm_smmu_ste ste;

	arm_smmu_ste_make_bypass(&ste);
	check_ste(test, "bypass STE", &ste, want, ARRAY_SIZE(want));
}

static void ste_cdtab_one_cd_sets_pointer_and_walk_attrs(struct kunit *test)
{
	const struct arm_smmu_ste_cdtab_cfg cfg = {
		.cdtab_dma	= 0x000f123456789a40ULL,
		.coherent	= true,
	};
	const struct owant want[] = {
		{ STE_F_V, 1 },
		{ STE_F_CONFIG, SPEC_STE_CFG_S1 },
		{ STE_F_S1CTXPTR, cfg.cdtab_dma >> 6 },
		{ STE_F_S1CDMAX, 0 },
		{ STE_F_S1CIR, SPEC_CACHE_WB_RA },
		{ STE_F_S1COR, SPEC_CACHE_WB_RA },
		{ STE_F_S1CSH, SPEC_SH_ISH },
		/* no stalls: S1STALLD 0b1 disallows them */
		{ STE_F_S1STALLD, 1 },
		{ STE_F_EATS, 0 },
		{ STE_F_STRW, 0 },
	};
	struct arm_smmu_ste ste;

	arm_smmu_ste_make_cdtab(&ste, &cfg);
	check_ste(test, "S1 STE, one CD", &ste, want, ARRAY_SIZE(want));
}

static void ste_cdtab_substreams_set_fmt_dss_ats_strw(struct kunit *test)
{
	const struct arm_smmu_ste_cdtab_cfg cfg = {
		.cdtab_dma	= 0x0000abcdef012000ULL,
		.s1fmt		= SPEC_STE_S1FMT_4K_L2,
		.s1cdmax	= 10,
		.s1dss		= SPEC_STE_S1DSS_BYPASS,
		.ats		= true,
		.stall		= true,
		.el2		= true,
	};
	const struct owant want[] = {
		{ STE_F_V, 1 },
		{ STE_F_CONFIG, SPEC_STE_CFG_S1 },
		{ STE_F_S1FMT, SPEC_STE_S1FMT_4K_L2 },
		{ STE_F_S1CTXPTR, cfg.cdtab_dma >> 6 },
		{ STE_F_S1CDMAX, 10 },
		{ STE_F_S1DSS, SPEC_STE_S1DSS_BYPASS },
		/* non-coherent: CD fetches are Normal Non-cacheable */
		{ STE_F_S1CIR, 0 },
		{ STE_F_S1COR, 0 },
		{ STE_F_S1CSH, 0 },
		{ STE_F_S1STALLD, 0 },
		{ STE_F_EATS, SPEC_EATS_FULL },
		{ STE_F_STRW, SPEC_STRW_EL2 },
		/* traffic without a PASID bypasses stage 1: 13.5 overrides */
		{ STE_F_SHCFG, SPEC_SHCFG_INCOMING },
	};
	struct arm_smmu_ste ste;

	arm_smmu_ste_make_cdtab(&ste, &cfg);
	check_ste(test, "S1 STE, substreams", &ste, want, ARRAY_SIZE(want));
}

/* A VTCR_EL2-layout value: STE.S2T0SZ..S2PS relative to STE.S2T0SZ */
static u32 vtcr_field(unsigned int f, u32 val)
{
	return val << (ste_spec[f].lo - ste_spec[STE_F_S2T0SZ].lo);
}

static void ste_s2_sets_vmid_vtcr_and_table(struct kunit *test)
{
	struct arm_smmu_ste_s2_cfg cfg = {
		.vmid	= 0x1234,
		.vttbr	= 0x000f000123456000ULL,
		.vtcr	= vtcr_field(STE_F_S2T0SZ, 25) |
			  vtcr_field(STE_F_S2SL0, 1) |
			  vtcr_field(STE_F_S2IR0, 1) |
			  vtcr_field(STE_F_S2OR0, 1) |
			  vtcr_field(STE_F_S2SH0, 3) |
			  vtcr_field(STE_F_S2TG, 2) |
			  vtcr_field(STE_F_S2PS, 5),
		.stall	= true,
		.coherent = true,
	};
	struct owant want[] = {
		{ STE_F_V, 1 },
		{ STE_F_CONFIG, SPEC_STE_CFG_S2 },
		{ STE_F_EATS, 0 },
		{ STE_F_SHCFG, SPEC_SHCFG_INCOMING },
		{ STE_F_S2VMID, 0x1234 },
		{ STE_F_S2T0SZ, 25 },
		{ STE_F_S2SL0, 1 },
		{ STE_F_S2IR0, 1 },
		{ STE_F_S2OR0, 1 },
		{ STE_F_S2SH0, 3 },
		{ STE_F_S2TG, 2 },
		{ STE_F_S2PS, 5 },
		/* AArch64 tables, little-endian, PTW, record faults */
		{ STE_F_S2AA64, 1 },
		{ STE_F_S2ENDI, 0 },
		{ STE_F_S2PTW, 1 },
		{ STE_F_S2S, 1 },
		{ STE_F_S2R, 1 },
		{ STE_F_S2TTB, cfg.vttbr >> 4 },
	};
	struct arm_smmu_ste ste;
	unsigned int i;

	arm_smmu_ste_make_s2(&ste, &cfg);
	check_ste(test, "S2 STE", &ste, want, ARRAY_SIZE(want));

	/* Non-coherent walks: Non-cacheable, Non-shareable; ATS, no stall */
	cfg.coherent = false;
	cfg.stall = false;
	cfg.ats = true;
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		switch (want[i].f) {
		case STE_F_S2IR0:
		case STE_F_S2OR0:
		case STE_F_S2SH0:
		case STE_F_S2S:
			want[i].val = 0;
			break;
		case STE_F_EATS:
			want[i].val = SPEC_EATS_FULL;
			break;
		}
	}
	arm_smmu_ste_make_s2(&ste, &cfg);
	check_ste(test, "S2 STE, non-coherent, ATS", &ste, want,
		  ARRAY_SIZE(want));
}

static void ste_macros_match_sources(struct kunit *test)
{
	static const struct opair pairs[] = {
		PAIR(STE_0_V, 0, STE_F_V, "STRTAB_STE_0_V"),
		PAIR(STE_0_CFG, 0, STE_F_CONFIG, "STRTAB_STE_0_CFG"),
		PAIR(STE_0_S1FMT, 0, STE_F_S1FMT, "STRTAB_STE_0_S1FMT"),
		PAIR_OA(STE_0_S1CTXPTR, 0, STE_F_S1CTXPTR,
			"STRTAB_STE_0_S1CTXPTR_MASK"),
		PAIR(STE_0_S1CDMAX, 0, STE_F_S1CDMAX, "STRTAB_STE_0_S1CDMAX"),
		PAIR(STE_1_S1DSS, 1, STE_F_S1DSS, "STRTAB_STE_1_S1DSS"),
		PAIR(STE_1_S1CIR, 1, STE_F_S1CIR, "STRTAB_STE_1_S1CIR"),
		PAIR(STE_1_S1COR, 1, STE_F_S1COR, "STRTAB_STE_1_S1COR"),
		PAIR(STE_1_S1CSH, 1, STE_F_S1CSH, "STRTAB_STE_1_S1CSH"),
		PAIR(STE_1_MEV, 1, STE_F_MEV, NULL),
		PAIR(STE_1_S2FWB, 1, STE_F_S2FWB, NULL),
		PAIR(STE_1_S1STALLD, 1, STE_F_S1STALLD,
		     "STRTAB_STE_1_S1STALLD"),
		PAIR(STE_1_EATS, 1, STE_F_EATS, "STRTAB_STE_1_EATS"),
		PAIR(STE_1_STRW, 1, STE_F_STRW, "STRTAB_STE_1_STRW"),
		PAIR(STE_1_MEMATTR, 1, STE_F_MEMATTR, NULL),
		PAIR(STE_1_MTCFG, 1, STE_F_MTCFG, NULL),
		PAIR(STE_1_ALLOCCFG, 1, STE_F_ALLOCCFG, NULL),
		PAIR(STE_1_SHCFG, 1, STE_F_SHCFG, "STRTAB_STE_1_SHCFG"),
		PAIR(STE_1_PRIVCFG, 1, STE_F_PRIVCFG, NULL),
		PAIR(STE_1_INSTCFG, 1, STE_F_INSTCFG, NULL),
		PAIR(STE_2_S2VMID, 2, STE_F_S2VMID, "STRTAB_STE_2_S2VMID"),
		PAIR(STE_2_S2AA64, 2, STE_F_S2AA64, "STRTAB_STE_2_S2AA64"),
		PAIR(STE_2_S2ENDI, 2, STE_F_S2ENDI, "STRTAB_STE_2_S2ENDI"),
		PAIR(STE_2_S2PTW, 2, STE_F_S2PTW, "STRTAB_STE_2_S2PTW"),
		PAIR(STE_2_S2S, 2, STE_F_S2S, "STRTAB_STE_2_S2S"),
		PAIR(STE_2_S2R, 2, STE_F_S2R, "STRTAB_STE_2_S2R"),
		PAIR_OA(STE_3_S2TTB, 3, STE_F_S2TTB, "STRTAB_STE_3_S2TTB_MASK"),
	};
	/* Our VTCR subfields are relative to STE_2_VTCR, as VTCR_EL2's */
	static const struct {
		const char	*ours;
		u64		val;
		unsigned int	f;
	} vtcr[] = {
#define VTCR(_m, _f) { .ours = #_m, .val = _m, .f = _f }
		VTCR(STE_VTCR_S2T0SZ, STE_F_S2T0SZ),
		VTCR(STE_VTCR_S2SL0, STE_F_S2SL0),
		VTCR(STE_VTCR_S2IR0, STE_F_S2IR0),
		VTCR(STE_VTCR_S2OR0, STE_F_S2OR0),
		VTCR(STE_VTCR_S2SH0, STE_F_S2SH0),
		VTCR(STE_VTCR_S2TG, STE_F_S2TG),
		VTCR(STE_VTCR_S2PS, STE_F_S2PS),
#undef VTCR
	};
	static const struct ovalue values[] = {
		VALUE(ARM_SMMU_ENTRY_QWORDS, 8, "5.2, 5.4: 64-byte STE and CD"),
		VALUE(STE_CFG_ABORT, SPEC_STE_CFG_ABORT, "5.2 Config"),
		VALUE(STE_CFG_BYPASS, SPEC_STE_CFG_BYPASS, "5.2 Config"),
		VALUE(STE_CFG_S1_TRANS, SPEC_STE_CFG_S1, "5.2 Config"),
		VALUE(STE_CFG_S2_TRANS, SPEC_STE_CFG_S2, "5.2 Config"),
		VALUE(STE_CFG_NESTED, 0x7, "5.2 Config 0b111"),
		VALUE(STE_S1FMT_LINEAR, 0x0, "5.2 S1Fmt 0b00"),
		VALUE(STE_S1FMT_4K_L2, SPEC_STE_S1FMT_4K_L2, "5.2 S1Fmt"),
		VALUE(STE_S1FMT_64K_L2, 0x2, "5.2 S1Fmt 0b10"),
		VALUE(STE_S1DSS_TERMINATE, 0x0, "5.2 S1DSS 0b00"),
		VALUE(STE_S1DSS_BYPASS, SPEC_STE_S1DSS_BYPASS, "5.2 S1DSS"),
		VALUE(STE_S1DSS_SSID0, 0x2, "5.2 S1DSS 0b10"),
		VALUE(STE_EATS_ABORT, 0x0, "5.2 EATS 0b00"),
		VALUE(STE_EATS_TRANS, SPEC_EATS_FULL, "5.2 EATS"),
		VALUE(STE_EATS_S1CHK, 0x2, "5.2 EATS 0b10 split-stage"),
		VALUE(STE_STRW_NSEL1, 0x0, "5.2 STRW 0b00"),
		VALUE(STE_STRW_EL2, SPEC_STRW_EL2, "5.2 STRW"),
		VALUE(STE_SHCFG_INCOMING, SPEC_SHCFG_INCOMING, "5.2 SHCFG"),
	};
	const struct ofield *tabs[] = { ste_spec };
	u64 ste_2_vtcr = STE_2_VTCR, all = 0, base;
	unsigned int i;

	check_pairs(test, pairs, ARRAY_SIZE(pairs), tabs, ARRAY_SIZE(tabs));
	check_values(test, values, ARRAY_SIZE(values));
	for (i = 0; i < ARRAY_SIZE(vtcr); i++) {
		const struct ofield *f = &ste_spec[vtcr[i].f];

		all |= f_mask(f);
		KUNIT_EXPECT_EQ_MSG(test, vtcr[i].val << __ffs64(STE_2_VTCR),
				    f_mask(f), "%s: %s %s", vtcr[i].ours,
				    f->src, f->name);
	}
	KUNIT_EXPECT_EQ_MSG(test, ste_2_vtcr, all,
			    "STE_2_VTCR: IHI0070 5.2 STE.S2T0SZ..STE.S2PS");
	if (intree_value(test, "STRTAB_STE_2_VTCR", &base))
		KUNIT_EXPECT_EQ_MSG(test, ste_2_vtcr, base,
				    "STE_2_VTCR: %s", INTREE_SRC);
}

/* ------------------------------------------------------------------------
 * Context descriptor: IHI0070 5.4, in-tree
 */

enum cd_f {
	CD_F_T0SZ, CD_F_TG0, CD_F_IR0, CD_F_OR0, CD_F_SH0, CD_F_EPD0,
	CD_F_ENDI, CD_F_T1SZ, CD_F_TG1, CD_F_IR1, CD_F_OR1, CD_F_SH1,
	CD_F_EPD1, CD_F_V, CD_F_IPS, CD_F_AFFD, CD_F_TBI0, CD_F_AA64,
	CD_F_HD, CD_F_HA, CD_F_S, CD_F_R, CD_F_A, CD_F_ASET, CD_F_ASID,
	CD_F_TTB0, CD_F_TTB1, CD_F_MAIR0, CD_F_MAIR1,
	CD_F_NR
};

static const struct ofield cd_spec[CD_F_NR] = {
	[CD_F_T0SZ]	= SPEC("CD.T0SZ", 5, 0, "5.4"),
	[CD_F_TG0]	= SPEC("CD.TG0", 7, 6, "5.4"),
	[CD_F_IR0]	= SPEC("CD.IR0", 9, 8, "5.4"),
	[CD_F_OR0]	= SPEC("CD.OR0", 11, 10, "5.4"),
	[CD_F_SH0]	= SPEC("CD.SH0", 13, 12, "5.4"),
	[CD_F_EPD0]	= SPEC("CD.EPD0", 14, 14, "5.4"),
	[CD_F_ENDI]	= SPEC("CD.ENDI", 15, 15, "5.4"),
	[CD_F_T1SZ]	= SPEC("CD.T1SZ", 21, 16, "5.4"),
	[CD_F_TG1]	= SPEC("CD.TG1", 23, 22, "5.4"),
	[CD_F_IR1]	= SPEC("CD.IR1", 25, 24, "5.4"),
	[CD_F_OR1]	= SPEC("CD.OR1", 27, 26, "5.4"),
	[CD_F_SH1]	= SPEC("CD.SH1", 29, 28, "5.4"),
	[CD_F_EPD1]	= SPEC("CD.EPD1", 30, 30, "5.4"),
	[CD_F_V]	= SPEC("CD.V", 31, 31, "5.4"),
	[CD_F_IPS]	= SPEC("CD.IPS", 34, 32, "5.4"),
	[CD_F_AFFD]	= SPEC("CD.AFFD", 35, 35, "5.4"),
	[CD_F_TBI0]	= SPEC("CD.TBI0", 38, 38, "5.4"),
	[CD_F_AA64]	= SPEC("CD.AA64", 41, 41, "5.4"),
	[CD_F_HD]	= SPEC("CD.HD", 42, 42, "5.4"),
	[CD_F_HA]	= SPEC("CD.HA", 43, 43, "5.4"),
	[CD_F_S]	= SPEC("CD.S", 44, 44, "5.4"),
	[CD_F_R]	= SPEC("CD.R", 45, 45, "5.4"),
	[CD_F_A]	= SPEC("CD.A", 46, 46, "5.4"),
	[CD_F_ASET]	= SPEC("CD.ASET", 47, 47, "5.4"),
	[CD_F_ASID]	= SPEC("CD.ASID", 63, 48, "5.4"),
	[CD_F_TTB0]	= SPEC("CD.TTB0", 119, 68, "5.4"),
	[CD_F_TTB1]	= SPEC("CD.TTB1", 183, 132, "5.4"),
	[CD_F_MAIR0]	= SPEC("CD.MAIR0", 223, 192, "5.4"),
	[CD_F_MAIR1]	= SPEC("CD.MAIR1", 255, 224, "5.4"),
};

static const struct intree_row cd_rows[] = {
	{ CD_F_T0SZ, 0, "CTXDESC_CD_0_TCR_T0SZ" },
	{ CD_F_TG0, 0, "CTXDESC_CD_0_TCR_TG0" },
	{ CD_F_IR0, 0, "CTXDESC_CD_0_TCR_IRGN0" },
	{ CD_F_OR0, 0, "CTXDESC_CD_0_TCR_ORGN0" },
	{ CD_F_SH0, 0, "CTXDESC_CD_0_TCR_SH0" },
	{ CD_F_EPD0, 0, "CTXDESC_CD_0_TCR_EPD0" },
	{ CD_F_ENDI, 0, "CTXDESC_CD_0_ENDI" },
	{ CD_F_EPD1, 0, "CTXDESC_CD_0_TCR_EPD1" },
	{ CD_F_V, 0, "CTXDESC_CD_0_V" },
	{ CD_F_IPS, 0, "CTXDESC_CD_0_TCR_IPS" },
	{ CD_F_TBI0, 0, "CTXDESC_CD_0_TCR_TBI0" },
	{ CD_F_AA64, 0, "CTXDESC_CD_0_AA64" },
	{ CD_F_HD, 0, "CTXDESC_CD_0_TCR_HD" },
	{ CD_F_HA, 0, "CTXDESC_CD_0_TCR_HA" },
	{ CD_F_S, 0, "CTXDESC_CD_0_S" },
	{ CD_F_R, 0, "CTXDESC_CD_0_R" },
	{ CD_F_A, 0, "CTXDESC_CD_0_A" },
	{ CD_F_ASET, 0, "CTXDESC_CD_0_ASET" },
	{ CD_F_ASID, 0, "CTXDESC_CD_0_ASID" },
	{ CD_F_TTB0, 1, "CTXDESC_CD_1_TTB0_MASK" },
};

#define CD_TTBR_SAMPLE		0x000f000987654000ULL
#define CD_MAIR_SAMPLE		0x0044ff0400ff4404ULL

static void check_cd(struct kunit *test, const char *what,
		     const struct arm_smmu_cd *cd, const struct owant *want,
		     unsigned int nr_want)
{
	const struct ofield *tabs[] = {
		cd_spec,
		intree_table(test, CD_F_NR, cd_rows, ARRAY_SIZE(cd_rows)),
	};

	check_fields(test, what, cd->data, ARRAY_SIZE(cd->data), tabs,
		     ARRAY_SIZE(tabs), want, nr_want);
}

/* A TCR value packed in CD qword 0 layout, from the spec's positions */
static u64 cd_tcr_field(unsigned int f, u64 val)
{
	return val << cd_spec[f].lo;
}

static void cd_s1_cfg(struct arm_smmu_cd_s1_cfg *cfg)
{
	*cfg = (struct arm_smmu_cd_s1_cfg) {
		.asid	= 0xa5c3,
		.ttbr	= CD_TTBR_SAMPLE,
		.tcr	= cd_tcr_field(CD_F_T0SZ, 16) |
			  cd_tcr_field(CD_F_TG0, 2) |
			  cd_tcr_field(CD_F_IR0, 1) |
			  cd_tcr_field(CD_F_OR0, 1) |
			  cd_tcr_field(CD_F_SH0, 3) |
			  cd_tcr_field(CD_F_IPS, 5),
		.mair	= CD_MAIR_SAMPLE,
	};
}

static void cd_s1_sets_tcr0_asid_ttb0_mair(struct kunit *test)
{
	struct owant want[] = {
		{ CD_F_T0SZ, 16 },
		{ CD_F_TG0, 2 },
		{ CD_F_IR0, 1 },
		{ CD_F_OR0, 1 },
		{ CD_F_SH0, 3 },
		{ CD_F_EPD0, 0 },
		{ CD_F_ENDI, 0 },
		/* only TTB0 is used */
		{ CD_F_EPD1, 1 },
		{ CD_F_V, 1 },
		{ CD_F_IPS, 5 },
		{ CD_F_AA64, 1 },
		{ CD_F_HD, 0 },
		{ CD_F_HA, 0 },
		{ CD_F_S, 0 },
		/* record faults, abort them, ASID not shared with the CPU */
		{ CD_F_R, 1 },
		{ CD_F_A, 1 },
		{ CD_F_ASET, 1 },
		{ CD_F_ASID, 0xa5c3 },
		{ CD_F_TTB0, CD_TTBR_SAMPLE >> 4 },
		{ CD_F_MAIR0, lower_32_bits(CD_MAIR_SAMPLE) },
		{ CD_F_MAIR1, upper_32_bits(CD_MAIR_SAMPLE) },
	};
	struct arm_smmu_cd_s1_cfg cfg;
	struct arm_smmu_cd cd;
	unsigned int i;

	cd_s1_cfg(&cfg);
	arm_smmu_cd_make_s1(&cd, &cfg);
	check_cd(test, "S1 CD", &cd, want, ARRAY_SIZE(want));

	/* Stalls, then hardware dirty state (HD needs HA), then HA alone */
	cfg.stall = true;
	cfg.hw_dirty = true;
	for (i = 0; i < ARRAY_SIZE(want); i++)
		if (want[i].f == CD_F_S || want[i].f == CD_F_HD ||
		    want[i].f == CD_F_HA)
			want[i].val = 1;
	arm_smmu_cd_make_s1(&cd, &cfg);
	check_cd(test, "S1 CD, stall, HD", &cd, want, ARRAY_SIZE(want));

	cfg.stall = false;
	cfg.hw_dirty = false;
	cfg.hw_access = true;
	for (i = 0; i < ARRAY_SIZE(want); i++)
		if (want[i].f == CD_F_S || want[i].f == CD_F_HD)
			want[i].val = 0;
	arm_smmu_cd_make_s1(&cd, &cfg);
	check_cd(test, "S1 CD, HA", &cd, want, ARRAY_SIZE(want));
}

static void cd_released_sets_epd0_and_keeps_asid(struct kunit *test)
{
	const struct owant want[] = {
		/* EPD0: TTB0 walks fault, TTB0 and its TCR fields cleared */
		{ CD_F_T0SZ, 0 },
		{ CD_F_TG0, 0 },
		{ CD_F_IR0, 0 },
		{ CD_F_OR0, 0 },
		{ CD_F_SH0, 0 },
		{ CD_F_EPD0, 1 },
		{ CD_F_EPD1, 1 },
		{ CD_F_V, 1 },
		{ CD_F_IPS, 5 },
		{ CD_F_AA64, 1 },
		{ CD_F_R, 1 },
		{ CD_F_A, 1 },
		{ CD_F_ASET, 1 },
		{ CD_F_ASID, 0xa5c3 },
		{ CD_F_TTB0, 0 },
		{ CD_F_MAIR0, lower_32_bits(CD_MAIR_SAMPLE) },
		{ CD_F_MAIR1, upper_32_bits(CD_MAIR_SAMPLE) },
	};
	struct arm_smmu_cd_s1_cfg cfg;
	struct arm_smmu_cd from, cd;

	cd_s1_cfg(&cfg);
	arm_smmu_cd_make_s1(&from, &cfg);
	arm_smmu_cd_make_released(&cd, &from);
	check_cd(test, "released CD", &cd, want, ARRAY_SIZE(want));
}

static void cd_macros_match_sources(struct kunit *test)
{
	static const struct opair pairs[] = {
		PAIR(CD_0_T0SZ, 0, CD_F_T0SZ, "CTXDESC_CD_0_TCR_T0SZ"),
		PAIR(CD_0_TG0, 0, CD_F_TG0, "CTXDESC_CD_0_TCR_TG0"),
		PAIR(CD_0_IR0, 0, CD_F_IR0, "CTXDESC_CD_0_TCR_IRGN0"),
		PAIR(CD_0_OR0, 0, CD_F_OR0, "CTXDESC_CD_0_TCR_ORGN0"),
		PAIR(CD_0_SH0, 0, CD_F_SH0, "CTXDESC_CD_0_TCR_SH0"),
		PAIR(CD_0_EPD0, 0, CD_F_EPD0, "CTXDESC_CD_0_TCR_EPD0"),
		PAIR(CD_0_ENDI, 0, CD_F_ENDI, "CTXDESC_CD_0_ENDI"),
		PAIR(CD_0_T1SZ, 0, CD_F_T1SZ, NULL),
		PAIR(CD_0_TG1, 0, CD_F_TG1, NULL),
		PAIR(CD_0_IR1, 0, CD_F_IR1, NULL),
		PAIR(CD_0_OR1, 0, CD_F_OR1, NULL),
		PAIR(CD_0_SH1, 0, CD_F_SH1, NULL),
		PAIR(CD_0_EPD1, 0, CD_F_EPD1, "CTXDESC_CD_0_TCR_EPD1"),
		PAIR(CD_0_V, 0, CD_F_V, "CTXDESC_CD_0_V"),
		PAIR(CD_0_IPS, 0, CD_F_IPS, "CTXDESC_CD_0_TCR_IPS"),
		PAIR(CD_0_AFFD, 0, CD_F_AFFD, NULL),
		PAIR(CD_0_TBI0, 0, CD_F_TBI0, "CTXDESC_CD_0_TCR_TBI0"),
		PAIR(CD_0_AA64, 0, CD_F_AA64, "CTXDESC_CD_0_AA64"),
		PAIR(CD_0_HD, 0, CD_F_HD, "CTXDESC_CD_0_TCR_HD"),
		PAIR(CD_0_HA, 0, CD_F_HA, "CTXDESC_CD_0_TCR_HA"),
		PAIR(CD_0_S, 0, CD_F_S, "CTXDESC_CD_0_S"),
		PAIR(CD_0_R, 0, CD_F_R, "CTXDESC_CD_0_R"),
		PAIR(CD_0_A, 0, CD_F_A, "CTXDESC_CD_0_A"),
		PAIR(CD_0_ASET, 0, CD_F_ASET, "CTXDESC_CD_0_ASET"),
		PAIR(CD_0_ASID, 0, CD_F_ASID, "CTXDESC_CD_0_ASID"),
		PAIR_OA(CD_1_TTB0, 1, CD_F_TTB0, "CTXDESC_CD_1_TTB0_MASK"),
		PAIR_OA(CD_2_TTB1, 2, CD_F_TTB1, NULL),
	};
	const struct ofield *tabs[] = { cd_spec };
	u64 cd_3_mair = CD_3_MAIR;

	check_pairs(test, pairs, ARRAY_SIZE(pairs), tabs, ARRAY_SIZE(tabs));
	KUNIT_EXPECT_EQ_MSG(test, cd_3_mair,
			    f_mask(&cd_spec[CD_F_MAIR0]) |
			    f_mask(&cd_spec[CD_F_MAIR1]),
			    "CD_3_MAIR: IHI0070 5.4 CD.MAIR0, CD.MAIR1");
	KUNIT_EXPECT_EQ(test, f_qw(&cd_spec[CD_F_MAIR0]), 3U);
	KUNIT_EXPECT_EQ(test, f_qw(&cd_spec[CD_F_MAIR1]), 3U);
}

/* ------------------------------------------------------------------------
 * Level-1 descriptors: IHI0070 5.1 (L1STD), 5.3 (L1CD), in-tree
 */

enum l1_f {
	L1STD_F_SPAN, L1STD_F_L2PTR, L1CD_F_V, L1CD_F_L2PTR,
	L1_F_NR
};

static const struct ofield l1_spec[L1_F_NR] = {
	[L1STD_F_SPAN]	= SPEC("L1STD.Span", 4, 0, "5.1"),
	[L1STD_F_L2PTR]	= SPEC("L1STD.L2Ptr", 55, 6, "5.1"),
	[L1CD_F_V]	= SPEC("L1CD.V", 0, 0, "5.3"),
	[L1CD_F_L2PTR]	= SPEC("L1CD.L2Ptr", 55, 12, "5.3"),
};

static const struct intree_row l1std_rows[] = {
	{ L1STD_F_SPAN, 0, "STRTAB_L1_DESC_SPAN" },
	{ L1STD_F_L2PTR, 0, "STRTAB_L1_DESC_L2PTR_MASK" },
};

/*
 * IHI0070 5.1: Span 1-11 means a level-2 array of 2^(Span - 1) STEs, and
 * L2Ptr[5 + (Span - 1):0] are taken as zero: the array is aligned to its
 * size. The array's size is what our index math makes it.
 */
static void strtab_l1_desc_span_covers_the_level_2_table(struct kunit *test)
{
	unsigned int l2_stes = arm_smmu_strtab_l2_idx(~0U) + 1;
	u64 l2 = 0x000f123456780000ULL;
	const struct ofield *tabs[] = {
		l1_spec,
		intree_table(test, L1_F_NR, l1std_rows, ARRAY_SIZE(l1std_rows)),
	};
	const struct owant want[] = {
		{ L1STD_F_SPAN, ilog2(l2_stes) + 1 },
		{ L1STD_F_L2PTR, l2 >> 6 },
	};
	__le64 desc;

	KUNIT_ASSERT_TRUE(test, is_power_of_2(l2_stes));
	KUNIT_EXPECT_EQ(test, arm_smmu_strtab_l1_idx(l2_stes), 1U);
	KUNIT_EXPECT_EQ(test, arm_smmu_strtab_l1_idx(l2_stes - 1), 0U);
	KUNIT_EXPECT_LE_MSG(test, ilog2(l2_stes) + 1, 11,
			    "IHI0070 5.1: Span 12-31 is Reserved");
	/* the 64-byte STEs of the array, aligned to its size */
	KUNIT_ASSERT_EQ(test, l2 & (l2_stes * 64ULL - 1), 0ULL);

	desc = cpu_to_le64(arm_smmu_strtab_l1_desc(l2));
	check_fields(test, "L1STD", &desc, 1, tabs, ARRAY_SIZE(tabs), want,
		     ARRAY_SIZE(want));
}

static void l1_macros_match_sources(struct kunit *test)
{
	static const struct opair pairs[] = {
		PAIR(STRTAB_L1_SPAN, 0, L1STD_F_SPAN, "STRTAB_L1_DESC_SPAN"),
		PAIR_OA(STRTAB_L1_L2PTR, 0, L1STD_F_L2PTR,
			"STRTAB_L1_DESC_L2PTR_MASK"),
		PAIR(CDTAB_L1_V, 0, L1CD_F_V, "CTXDESC_L1_DESC_V"),
		PAIR_OA(CDTAB_L1_L2PTR, 0, L1CD_F_L2PTR,
			"CTXDESC_L1_DESC_L2PTR_MASK"),
	};
	const struct ofield *tabs[] = { l1_spec };

	check_pairs(test, pairs, ARRAY_SIZE(pairs), tabs, ARRAY_SIZE(tabs));
	/* 5.4.1 / 5.2 S1Fmt 0b01: 4KB leaves of 64 CDs */
	KUNIT_EXPECT_EQ_MSG(test, SZ_4K >> ARM_SMMU_CD_L2_BITS, 64,
			    "ARM_SMMU_CD_L2_BITS: IHI0070 5.2 S1Fmt 0b01");
}

/* ------------------------------------------------------------------------
 * Event records: IHI0070 7.3, QEMU, in-tree
 */

enum evt_f {
	EVT_F_ID, EVT_F_SSV, EVT_F_SSID, EVT_F_SID, EVT_F_STAG, EVT_F_STALL,
	EVT_F_PNU, EVT_F_IND, EVT_F_RNW, EVT_F_S2, EVT_F_CLASS,
	EVT_F_INPUTADDR, EVT_F_FETCHADDR,
	EVT_F_NR
};

/*
 * The record layouts the text gives: 7.3.2 F_UUT for the common fields and
 * the access attributes, 7.3.4 F_STE_FETCH and 7.3.20 F_VMS_FETCH for the
 * fetch address. F_TRANSLATION and the other fault records are pictures.
 */
static const struct ofield evt_spec[EVT_F_NR] = {
	[EVT_F_ID]	  = SPEC("event number", 7, 0, "7.3.2"),
	[EVT_F_SSV]	  = SPEC("SSV", 11, 11, "7.3.2"),
	[EVT_F_SSID]	  = SPEC("SubstreamID", 31, 12, "7.3.2"),
	[EVT_F_SID]	  = SPEC("StreamID", 63, 32, "7.3.2"),
	[EVT_F_PNU]	  = SPEC("PnU", 97, 97, "7.3.2"),
	[EVT_F_IND]	  = SPEC("InD", 98, 98, "7.3.2"),
	[EVT_F_RNW]	  = SPEC("RnW", 99, 99, "7.3.2"),
	[EVT_F_INPUTADDR] = SPEC("InputAddr", 191, 128, "7.3.2"),
	[EVT_F_FETCHADDR] = SPEC("FetchAddr[55:3]", 247, 195, "7.3.4"),
};

static const struct ofield evt_qemu[EVT_F_NR] = {
	[EVT_F_ID]	  = QEMU("EVT_SET_TYPE", 0, 0, 8),
	[EVT_F_SSV]	  = QEMU("EVT_SET_SSV", 0, 11, 1),
	[EVT_F_SSID]	  = QEMU("EVT_SET_SSID", 0, 12, 20),
	/* EVT_SET_SID(x, v) is word[1] = v */
	[EVT_F_SID]	  = QEMU("EVT_SET_SID", 1, 0, 32),
	[EVT_F_STAG]	  = QEMU("EVT_SET_STAG", 2, 0, 16),
	[EVT_F_STALL]	  = QEMU("EVT_SET_STALL", 2, 31, 1),
	[EVT_F_PNU]	  = QEMU("EVT_SET_PNU", 3, 1, 1),
	[EVT_F_IND]	  = QEMU("EVT_SET_IND", 3, 2, 1),
	[EVT_F_RNW]	  = QEMU("EVT_SET_RNW", 3, 3, 1),
	[EVT_F_S2]	  = QEMU("EVT_SET_S2", 3, 7, 1),
	[EVT_F_CLASS]	  = QEMU("EVT_SET_CLASS", 3, 8, 2),
	/* EVT_SET_ADDR: word[5] = addr >> 32, word[4] = (u32)addr */
	[EVT_F_INPUTADDR] = QEMU("EVT_SET_ADDR", 4, 0, 64),
};

static const struct intree_row evt_rows[] = {
	{ EVT_F_ID, 0, "EVTQ_0_ID" },
	{ EVT_F_SSV, 0, "EVTQ_0_SSV" },
	{ EVT_F_SSID, 0, "EVTQ_0_SSID" },
	{ EVT_F_SID, 0, "EVTQ_0_SID" },
	{ EVT_F_STAG, 1, "EVTQ_1_STAG" },
	{ EVT_F_STALL, 1, "EVTQ_1_STALL" },
	{ EVT_F_PNU, 1, "EVTQ_1_PnU" },
	{ EVT_F_IND, 1, "EVTQ_1_InD" },
	{ EVT_F_RNW, 1, "EVTQ_1_RnW" },
	{ EVT_F_S2, 1, "EVTQ_1_S2" },
	{ EVT_F_CLASS, 1, "EVTQ_1_CLASS" },
	{ EVT_F_INPUTADDR, 2, "EVTQ_2_ADDR" },
};

/* IHI0070 7.3.2-7.3.20: event numbers */
enum spec_evt {
	E_F_UUT, E_C_BAD_STREAMID, E_F_STE_FETCH, E_C_BAD_STE,
	E_F_BAD_ATS_TREQ, E_F_STREAM_DISABLED, E_F_TRANSL_FORBIDDEN,
	E_C_BAD_SUBSTREAMID, E_F_CD_FETCH, E_C_BAD_CD, E_F_WALK_EABT,
	E_F_TRANSLATION, E_F_ADDR_SIZE, E_F_ACCESS, E_F_PERMISSION,
	E_F_TLB_CONFLICT, E_F_CFG_CONFLICT, E_E_PAGE_REQUEST, E_F_VMS_FETCH,
	E_NR
};

static const struct {
	const char	*name;
	u8		id;
	const char	*sec;
} spec_evts[E_NR] = {
	[E_F_UUT]		= { "F_UUT", 0x01, "7.3.2" },
	[E_C_BAD_STREAMID]	= { "C_BAD_STREAMID", 0x02, "7.3.3" },
	[E_F_STE_FETCH]		= { "F_STE_FETCH", 0x03, "7.3.4" },
	[E_C_BAD_STE]		= { "C_BAD_STE", 0x04, "7.3.5" },
	[E_F_BAD_ATS_TREQ]	= { "F_BAD_ATS_TREQ", 0x05, "7.3.6" },
	[E_F_STREAM_DISABLED]	= { "F_STREAM_DISABLED", 0x06, "7.3.7" },
	[E_F_TRANSL_FORBIDDEN]	= { "F_TRANSL_FORBIDDEN", 0x07, "7.3.8" },
	[E_C_BAD_SUBSTREAMID]	= { "C_BAD_SUBSTREAMID", 0x08, "7.3.9" },
	[E_F_CD_FETCH]		= { "F_CD_FETCH", 0x09, "7.3.10" },
	[E_C_BAD_CD]		= { "C_BAD_CD", 0x0a, "7.3.11" },
	[E_F_WALK_EABT]		= { "F_WALK_EABT", 0x0b, "7.3.12" },
	[E_F_TRANSLATION]	= { "F_TRANSLATION", 0x10, "7.3.13" },
	[E_F_ADDR_SIZE]		= { "F_ADDR_SIZE", 0x11, "7.3.14" },
	[E_F_ACCESS]		= { "F_ACCESS", 0x12, "7.3.15" },
	[E_F_PERMISSION]	= { "F_PERMISSION", 0x13, "7.3.16" },
	[E_F_TLB_CONFLICT]	= { "F_TLB_CONFLICT", 0x20, "7.3.17" },
	[E_F_CFG_CONFLICT]	= { "F_CFG_CONFLICT", 0x21, "7.3.18" },
	[E_E_PAGE_REQUEST]	= { "E_PAGE_REQUEST", 0x24, "7.3.19" },
	[E_F_VMS_FETCH]		= { "F_VMS_FETCH", 0x25, "7.3.20" },
};

static void expect_member(struct kunit *test, const char *what,
			  const char *member, u64 got, u64 want)
{
	KUNIT_EXPECT_EQ_MSG(test, got, want, "%s: .%s", what, member);
}

static void expect_event(struct kunit *test, const char *what,
			 const struct arm_smmu_event *got,
			 const struct arm_smmu_event *want)
{
	expect_member(test, what, "id", got->id, want->id);
	expect_member(test, what, "sid", got->sid, want->sid);
	expect_member(test, what, "ssid", got->ssid, want->ssid);
	expect_member(test, what, "ssv", got->ssv, want->ssv);
	expect_member(test, what, "has_addr", got->has_addr, want->has_addr);
	expect_member(test, what, "addr", got->addr, want->addr);
	expect_member(test, what, "has_access", got->has_access,
		      want->has_access);
	expect_member(test, what, "read", got->read, want->read);
	expect_member(test, what, "priv", got->priv, want->priv);
	expect_member(test, what, "exec", got->exec, want->exec);
	expect_member(test, what, "stall", got->stall, want->stall);
	expect_member(test, what, "stag", got->stag, want->stag);
	expect_member(test, what, "s2", got->s2, want->s2);
	KUNIT_EXPECT_STREQ_MSG(test, got->name, want->name, "%s: .name", what);
}

/* What the decoder reports for a record with no field set but its type */
static void event_base(struct arm_smmu_event *e, unsigned int type,
		       bool addr, bool access)
{
	memset(e, 0, sizeof(*e));
	e->id = spec_evts[type].id;
	e->name = spec_evts[type].name;
	e->has_addr = addr;
	e->has_access = access;
}

/* Set @f to @val in the decoded event @e, as the record says it */
static void event_member(struct arm_smmu_event *e, unsigned int f, u64 val)
{
	switch (f) {
	case EVT_F_SSV:
		e->ssv = val;
		break;
	case EVT_F_SSID:
		e->ssv = true;
		e->ssid = val;
		break;
	case EVT_F_SID:
		e->sid = val;
		break;
	case EVT_F_STAG:
		e->stag = val;
		break;
	case EVT_F_STALL:
		e->stall = val;
		break;
	case EVT_F_PNU:
		e->priv = val;
		break;
	case EVT_F_IND:
		e->exec = val;
		break;
	case EVT_F_RNW:
		e->read = val;
		break;
	case EVT_F_S2:
		e->s2 = val;
		break;
	case EVT_F_INPUTADDR:
		e->addr = val;
		break;
	}
}

/*
 * One field at a time, at each source's position, in a fault record:
 * F_UUT for the spec (its layout is the one in text), F_TRANSLATION for
 * QEMU and the in-tree header (their translation fault accessors).
 */
static void event_decode_reads_each_field_at_its_position(struct kunit *test)
{
	static const struct {
		unsigned int	f;
		u64		val;
	} samples[] = {
		{ EVT_F_SID, 0xfedcba98 },
		{ EVT_F_SSV, 1 },
		{ EVT_F_SSID, 0xabcde },
		{ EVT_F_STAG, 0xbeef },
		{ EVT_F_STALL, 1 },
		{ EVT_F_PNU, 1 },
		{ EVT_F_IND, 1 },
		{ EVT_F_RNW, 1 },
		{ EVT_F_S2, 1 },
		{ EVT_F_INPUTADDR, 0xffff8000deadb000ULL },
	};
	const struct {
		const struct ofield	*tab;
		unsigned int		type;
	} srcs[] = {
		{ evt_spec, E_F_UUT },
		{ evt_qemu, E_F_TRANSLATION },
		{ intree_table(test, EVT_F_NR, evt_rows, ARRAY_SIZE(evt_rows)),
		  E_F_TRANSLATION },
	};
	unsigned int s, i;

	for (s = 0; s < ARRAY_SIZE(srcs); s++) {
		const struct ofield *tab = srcs[s].tab;

		if (!tab[EVT_F_ID].name)
			continue;
		for (i = 0; i < ARRAY_SIZE(samples); i++) {
			const struct ofield *f = &tab[samples[i].f];
			struct arm_smmu_event got, want;
			__le64 raw[EVTQ_ENT_DWORDS] = {};
			char what[96];

			if (!f->name)
				continue;
			put_field(raw, &tab[EVT_F_ID], spec_evts[srcs[s].type].id);
			put_field(raw, f, samples[i].val);
			if (samples[i].f == EVT_F_SSID)
				put_field(raw, &tab[EVT_F_SSV], 1);
			snprintf(what, sizeof(what), "%s with %s %s",
				 spec_evts[srcs[s].type].name, f->src, f->name);
			arm_smmu_decode_event(raw, &got);
			event_base(&want, srcs[s].type, true, true);
			event_member(&want, samples[i].f, samples[i].val);
			expect_event(test, what, &got, &want);
		}
	}
}

/* IHI0070 7.3.4, 7.3.20: FetchAddr[55:3]; 7.3.19: InputAddr[63:12] */
static void event_decode_reads_fetch_and_page_request_addresses(struct kunit *test)
{
	const u64 fetch = 0x000f123456789ab8ULL;
	const u64 page = 0xffff80001234f000ULL;
	static const unsigned int fetch_types[] = {
		E_F_STE_FETCH, E_F_VMS_FETCH,
	};
	struct arm_smmu_event got, want;
	__le64 raw[EVTQ_ENT_DWORDS];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fetch_types); i++) {
		memset(raw, 0, sizeof(raw));
		put_field(raw, &evt_spec[EVT_F_ID], spec_evts[fetch_types[i]].id);
		put_field(raw, &evt_spec[EVT_F_SID], 0x77);
		put_field(raw, &evt_spec[EVT_F_FETCHADDR], fetch >> 3);
		arm_smmu_decode_event(raw, &got);
		event_base(&want, fetch_types[i], true, false);
		want.sid = 0x77;
		want.addr = fetch;
		expect_event(test, spec_evts[fetch_types[i]].name, &got, &want);
	}

	/* E_PAGE_REQUEST: InputAddr[63:12] in bits [191:140] */
	memset(raw, 0, sizeof(raw));
	put_field(raw, &evt_spec[EVT_F_ID], spec_evts[E_E_PAGE_REQUEST].id);
	put_field(raw, &evt_spec[EVT_F_INPUTADDR], page);
	arm_smmu_decode_event(raw, &got);
	event_base(&want, E_E_PAGE_REQUEST, true, false);
	want.addr = page;
	expect_event(test, "E_PAGE_REQUEST", &got, &want);
}

/*
 * MISMATCH (IHI0070 7.3.9): C_BAD_SUBSTREAMID has no SSV bit, bit 11 is
 * RES0, and "In this event, SubstreamID is always valid (there is no SSV
 * qualifier)". The decoder takes the SubstreamID only with SSV == 1, so it
 * reports this event, whose point is the bad SubstreamID, without one.
 */
static void event_bad_substreamid_reports_its_substreamid(struct kunit *test)
{
	struct arm_smmu_event got;
	__le64 raw[EVTQ_ENT_DWORDS] = {};

	put_field(raw, &evt_spec[EVT_F_ID], spec_evts[E_C_BAD_SUBSTREAMID].id);
	put_field(raw, &evt_spec[EVT_F_SSID], 0x1234);
	put_field(raw, &evt_spec[EVT_F_SID], 0x42);
	arm_smmu_decode_event(raw, &got);
	KUNIT_EXPECT_EQ(test, got.sid, 0x42U);
	KUNIT_EXPECT_TRUE_MSG(test, got.ssv,
			      "MISMATCH: C_BAD_SUBSTREAMID SubstreamID is always valid (IHI0070 7.3.9), decoded as absent");
	KUNIT_EXPECT_EQ_MSG(test, got.ssid, 0x1234U,
			    "MISMATCH: C_BAD_SUBSTREAMID SubstreamID [31:12] (IHI0070 7.3.9) not decoded");
}

/*
 * MISMATCH (IHI0070 7.3.18): an F_CFG_CONFLICT record holds StreamID,
 * SubstreamID, SSV and an IMPLEMENTATION DEFINED Reason in bits [95:64];
 * bits [255:96] are RES0, so it has no InputAddr and no RnW/InD/PnU (QEMU
 * records it with SSIDInfo only, too). The decoder reports an input
 * address and access attributes for it.
 */
static void event_cfg_conflict_reports_no_address(struct kunit *test)
{
	struct arm_smmu_event got;
	__le64 raw[EVTQ_ENT_DWORDS] = {};

	put_field(raw, &evt_spec[EVT_F_ID], spec_evts[E_F_CFG_CONFLICT].id);
	put_field(raw, &evt_spec[EVT_F_SID], 0x42);
	arm_smmu_decode_event(raw, &got);
	KUNIT_EXPECT_EQ(test, got.sid, 0x42U);
	KUNIT_EXPECT_FALSE_MSG(test, got.has_addr,
			       "MISMATCH: F_CFG_CONFLICT has no InputAddr (IHI0070 7.3.18), decoded with one");
	KUNIT_EXPECT_FALSE_MSG(test, got.has_access,
			       "MISMATCH: F_CFG_CONFLICT has no RnW/InD/PnU (IHI0070 7.3.18), decoded with them");
}

static void event_ids_and_names_match_spec(struct kunit *test)
{
	static const struct {
		const char	*ours;
		u64		val;
		unsigned int	e;
		const char	*intree;
	} ids[] = {
#define ID(_m, _e, _it) { .ours = #_m, .val = _m, .e = _e, .intree = _it }
		ID(EVT_ID_F_UUT, E_F_UUT, NULL),
		ID(EVT_ID_C_BAD_STREAMID, E_C_BAD_STREAMID, NULL),
		ID(EVT_ID_F_STE_FETCH, E_F_STE_FETCH, NULL),
		ID(EVT_ID_C_BAD_STE, E_C_BAD_STE, NULL),
		ID(EVT_ID_F_BAD_ATS_TREQ, E_F_BAD_ATS_TREQ, NULL),
		ID(EVT_ID_F_STREAM_DISABLED, E_F_STREAM_DISABLED, NULL),
		ID(EVT_ID_F_TRANSL_FORBIDDEN, E_F_TRANSL_FORBIDDEN, NULL),
		ID(EVT_ID_C_BAD_SUBSTREAMID, E_C_BAD_SUBSTREAMID, NULL),
		ID(EVT_ID_F_CD_FETCH, E_F_CD_FETCH, NULL),
		ID(EVT_ID_C_BAD_CD, E_C_BAD_CD, NULL),
		ID(EVT_ID_F_WALK_EABT, E_F_WALK_EABT, NULL),
		ID(EVT_ID_F_TRANSLATION, E_F_TRANSLATION,
		   "EVT_ID_TRANSLATION_FAULT"),
		ID(EVT_ID_F_ADDR_SIZE, E_F_ADDR_SIZE, "EVT_ID_ADDR_SIZE_FAULT"),
		ID(EVT_ID_F_ACCESS, E_F_ACCESS, "EVT_ID_ACCESS_FAULT"),
		ID(EVT_ID_F_PERMISSION, E_F_PERMISSION,
		   "EVT_ID_PERMISSION_FAULT"),
		ID(EVT_ID_F_TLB_CONFLICT, E_F_TLB_CONFLICT, NULL),
		ID(EVT_ID_F_CFG_CONFLICT, E_F_CFG_CONFLICT, NULL),
		ID(EVT_ID_E_PAGE_REQUEST, E_E_PAGE_REQUEST, NULL),
		ID(EVT_ID_F_VMS_FETCH, E_F_VMS_FETCH, NULL),
#undef ID
	};
	static const struct opair pairs[] = {
		PAIR(EVT_0_ID, 0, EVT_F_ID, "EVTQ_0_ID"),
		PAIR(EVT_0_SSV, 0, EVT_F_SSV, "EVTQ_0_SSV"),
		PAIR(EVT_0_SSID, 0, EVT_F_SSID, "EVTQ_0_SSID"),
		PAIR(EVT_0_SID, 0, EVT_F_SID, "EVTQ_0_SID"),
		PAIR(EVT_1_STAG, 1, EVT_F_STAG, "EVTQ_1_STAG"),
		PAIR(EVT_1_STALL, 1, EVT_F_STALL, "EVTQ_1_STALL"),
		PAIR(EVT_1_PNU, 1, EVT_F_PNU, "EVTQ_1_PnU"),
		PAIR(EVT_1_IND, 1, EVT_F_IND, "EVTQ_1_InD"),
		PAIR(EVT_1_RNW, 1, EVT_F_RNW, "EVTQ_1_RnW"),
		PAIR(EVT_1_S2, 1, EVT_F_S2, "EVTQ_1_S2"),
		PAIR(EVT_1_CLASS, 1, EVT_F_CLASS, "EVTQ_1_CLASS"),
		PAIR_OA(EVT_3_FETCH_ADDR, 3, EVT_F_FETCHADDR, NULL),
	};
	const struct ofield *tabs[] = { evt_spec, evt_qemu };
	unsigned int i;
	u64 v;

	KUNIT_EXPECT_EQ_MSG(test, EVTQ_ENT_DWORDS, 4,
			    "EVTQ_ENT_DWORDS: IHI0070 7.3: 32-byte records");
	check_pairs(test, pairs, ARRAY_SIZE(pairs), tabs, ARRAY_SIZE(tabs));
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		unsigned int e = ids[i].e;

		KUNIT_EXPECT_EQ_MSG(test, ids[i].val, (u64)spec_evts[e].id,
				    "%s: IHI0070 %s %s", ids[i].ours,
				    spec_evts[e].sec, spec_evts[e].name);
		if (ids[i].intree && intree_value(test, ids[i].intree, &v))
			KUNIT_EXPECT_EQ_MSG(test, ids[i].val, v, "%s: %s %s",
					    ids[i].ours, INTREE_SRC,
					    ids[i].intree);
	}
	for (i = 0; i < E_NR; i++)
		KUNIT_EXPECT_STREQ_MSG(test,
				       arm_smmu_event_name(spec_evts[i].id),
				       spec_evts[i].name, "event %#x: IHI0070 %s",
				       spec_evts[i].id, spec_evts[i].sec);
}

/* ------------------------------------------------------------------------
 * Registers: IHI0070 6.2, 6.3, in-tree
 */

enum reg_f {
	R_IDR0_S2P, R_IDR0_S1P, R_IDR0_TTF, R_IDR0_COHACC, R_IDR0_BTM,
	R_IDR0_HTTU, R_IDR0_HYP, R_IDR0_ATS, R_IDR0_ASID16, R_IDR0_MSI,
	R_IDR0_SEV, R_IDR0_PRI, R_IDR0_VMID16, R_IDR0_CD2L, R_IDR0_TTENDIAN,
	R_IDR0_STALL_MODEL, R_IDR0_ST_LEVEL,
	R_IDR1_SIDSIZE, R_IDR1_SSIDSIZE, R_IDR1_PRIQS, R_IDR1_EVENTQS,
	R_IDR1_CMDQS, R_IDR1_REL, R_IDR1_QUEUES_PRESET, R_IDR1_TABLES_PRESET,
	R_IDR3_RIL,
	R_IDR5_OAS, R_IDR5_GRAN4K, R_IDR5_GRAN16K, R_IDR5_GRAN64K, R_IDR5_VAX,
	R_CR0_SMMUEN, R_CR0_PRIQEN, R_CR0_EVENTQEN, R_CR0_CMDQEN, R_CR0_ATSCHK,
	R_CR1_QUEUE_IC, R_CR1_QUEUE_OC, R_CR1_QUEUE_SH, R_CR1_TABLE_IC,
	R_CR1_TABLE_OC, R_CR1_TABLE_SH,
	R_CR2_E2H, R_CR2_RECINVSID, R_CR2_PTM,
	R_GBPA_ABORT, R_GBPA_UPDATE,
	R_IRQ_CTRL_GERROR, R_IRQ_CTRL_PRIQ, R_IRQ_CTRL_EVENTQ,
	R_GERROR_CMDQ, R_GERROR_EVENTQ_ABT, R_GERROR_PRIQ_ABT,
	R_GERROR_MSI_CMDQ_ABT, R_GERROR_MSI_EVENTQ_ABT, R_GERROR_MSI_PRIQ_ABT,
	R_GERROR_MSI_GERROR_ABT, R_GERROR_SFM,
	R_IRQ_CFG0_ADDR, R_IRQ_CFG1_DATA, R_IRQ_CFG2_SH, R_IRQ_CFG2_MEMATTR,
	R_STRTAB_BASE_RA, R_STRTAB_BASE_ADDR,
	R_STRTAB_CFG_LOG2SIZE, R_STRTAB_CFG_SPLIT, R_STRTAB_CFG_FMT,
	R_CMDQ_BASE_RA, R_CMDQ_BASE_ADDR, R_CMDQ_BASE_LOG2SIZE,
	R_EVENTQ_BASE_WA, R_EVENTQ_BASE_ADDR, R_EVENTQ_BASE_LOG2SIZE,
	R_CMDQ_PROD_WR, R_CMDQ_CONS_ERR, R_CMDQ_CONS_RD,
	R_EVENTQ_PROD_OVFLG, R_EVENTQ_PROD_WR, R_EVENTQ_CONS_OVACKFLG,
	R_EVENTQ_CONS_RD,
	R_NR
};

static const struct ofield reg_spec[R_NR] = {
	[R_IDR0_S2P]		= SPEC("IDR0.S2P", 0, 0, "6.3.1"),
	[R_IDR0_S1P]		= SPEC("IDR0.S1P", 1, 1, "6.3.1"),
	[R_IDR0_TTF]		= SPEC("IDR0.TTF", 3, 2, "6.3.1"),
	[R_IDR0_COHACC]		= SPEC("IDR0.COHACC", 4, 4, "6.3.1"),
	[R_IDR0_BTM]		= SPEC("IDR0.BTM", 5, 5, "6.3.1"),
	[R_IDR0_HTTU]		= SPEC("IDR0.HTTU", 7, 6, "6.3.1"),
	[R_IDR0_HYP]		= SPEC("IDR0.Hyp", 9, 9, "6.3.1"),
	[R_IDR0_ATS]		= SPEC("IDR0.ATS", 10, 10, "6.3.1"),
	[R_IDR0_ASID16]		= SPEC("IDR0.ASID16", 12, 12, "6.3.1"),
	[R_IDR0_MSI]		= SPEC("IDR0.MSI", 13, 13, "6.3.1"),
	[R_IDR0_SEV]		= SPEC("IDR0.SEV", 14, 14, "6.3.1"),
	[R_IDR0_PRI]		= SPEC("IDR0.PRI", 16, 16, "6.3.1"),
	[R_IDR0_VMID16]		= SPEC("IDR0.VMID16", 18, 18, "6.3.1"),
	[R_IDR0_CD2L]		= SPEC("IDR0.CD2L", 19, 19, "6.3.1"),
	[R_IDR0_TTENDIAN]	= SPEC("IDR0.TTENDIAN", 22, 21, "6.3.1"),
	[R_IDR0_STALL_MODEL]	= SPEC("IDR0.STALL_MODEL", 25, 24, "6.3.1"),
	[R_IDR0_ST_LEVEL]	= SPEC("IDR0.ST_LEVEL", 28, 27, "6.3.1"),
	[R_IDR1_SIDSIZE]	= SPEC("IDR1.SIDSIZE", 5, 0, "6.3.2"),
	[R_IDR1_SSIDSIZE]	= SPEC("IDR1.SSIDSIZE", 10, 6, "6.3.2"),
	[R_IDR1_PRIQS]		= SPEC("IDR1.PRIQS", 15, 11, "6.3.2"),
	[R_IDR1_EVENTQS]	= SPEC("IDR1.EVENTQS", 20, 16, "6.3.2"),
	[R_IDR1_CMDQS]		= SPEC("IDR1.CMDQS", 25, 21, "6.3.2"),
	[R_IDR1_REL]		= SPEC("IDR1.REL", 28, 28, "6.3.2"),
	[R_IDR1_QUEUES_PRESET]	= SPEC("IDR1.QUEUES_PRESET", 29, 29, "6.3.2"),
	[R_IDR1_TABLES_PRESET]	= SPEC("IDR1.TABLES_PRESET", 30, 30, "6.3.2"),
	[R_IDR3_RIL]		= SPEC("IDR3.RIL", 10, 10, "6.3.4"),
	[R_IDR5_OAS]		= SPEC("IDR5.OAS", 2, 0, "6.3.6"),
	[R_IDR5_GRAN4K]		= SPEC("IDR5.GRAN4K", 4, 4, "6.3.6"),
	[R_IDR5_GRAN16K]	= SPEC("IDR5.GRAN16K", 5, 5, "6.3.6"),
	[R_IDR5_GRAN64K]	= SPEC("IDR5.GRAN64K", 6, 6, "6.3.6"),
	[R_IDR5_VAX]		= SPEC("IDR5.VAX", 11, 10, "6.3.6"),
	[R_CR0_SMMUEN]		= SPEC("CR0.SMMUEN", 0, 0, "6.3.9"),
	[R_CR0_PRIQEN]		= SPEC("CR0.PRIQEN", 1, 1, "6.3.9"),
	[R_CR0_EVENTQEN]	= SPEC("CR0.EVENTQEN", 2, 2, "6.3.9"),
	[R_CR0_CMDQEN]		= SPEC("CR0.CMDQEN", 3, 3, "6.3.9"),
	[R_CR0_ATSCHK]		= SPEC("CR0.ATSCHK", 4, 4, "6.3.9"),
	[R_CR1_QUEUE_IC]	= SPEC("CR1.QUEUE_IC", 1, 0, "6.3.11"),
	[R_CR1_QUEUE_OC]	= SPEC("CR1.QUEUE_OC", 3, 2, "6.3.11"),
	[R_CR1_QUEUE_SH]	= SPEC("CR1.QUEUE_SH", 5, 4, "6.3.11"),
	[R_CR1_TABLE_IC]	= SPEC("CR1.TABLE_IC", 7, 6, "6.3.11"),
	[R_CR1_TABLE_OC]	= SPEC("CR1.TABLE_OC", 9, 8, "6.3.11"),
	[R_CR1_TABLE_SH]	= SPEC("CR1.TABLE_SH", 11, 10, "6.3.11"),
	[R_CR2_E2H]		= SPEC("CR2.E2H", 0, 0, "6.3.12"),
	[R_CR2_RECINVSID]	= SPEC("CR2.RECINVSID", 1, 1, "6.3.12"),
	[R_CR2_PTM]		= SPEC("CR2.PTM", 2, 2, "6.3.12"),
	[R_GBPA_ABORT]		= SPEC("GBPA.ABORT", 20, 20, "6.3.14"),
	[R_GBPA_UPDATE]		= SPEC("GBPA.Update", 31, 31, "6.3.14"),
	[R_IRQ_CTRL_GERROR]	= SPEC("IRQ_CTRL.GERROR_IRQEN", 0, 0, "6.3.16"),
	[R_IRQ_CTRL_PRIQ]	= SPEC("IRQ_CTRL.PRIQ_IRQEN", 1, 1, "6.3.16"),
	[R_IRQ_CTRL_EVENTQ]	= SPEC("IRQ_CTRL.EVENTQ_IRQEN", 2, 2, "6.3.16"),
	[R_GERROR_CMDQ]		= SPEC("GERROR.CMDQ_ERR", 0, 0, "6.3.19"),
	[R_GERROR_EVENTQ_ABT]	= SPEC("GERROR.EVENTQ_ABT_ERR", 2, 2, "6.3.19"),
	[R_GERROR_PRIQ_ABT]	= SPEC("GERROR.PRIQ_ABT_ERR", 3, 3, "6.3.19"),
	[R_GERROR_MSI_CMDQ_ABT]	= SPEC("GERROR.MSI_CMDQ_ABT_ERR", 4, 4,
				       "6.3.19"),
	[R_GERROR_MSI_EVENTQ_ABT] = SPEC("GERROR.MSI_EVENTQ_ABT_ERR", 5, 5,
					 "6.3.19"),
	[R_GERROR_MSI_PRIQ_ABT]	= SPEC("GERROR.MSI_PRIQ_ABT_ERR", 6, 6,
				       "6.3.19"),
	[R_GERROR_MSI_GERROR_ABT] = SPEC("GERROR.MSI_GERROR_ABT_ERR", 7, 7,
					 "6.3.19"),
	[R_GERROR_SFM]		= SPEC("GERROR.SFM_ERR", 8, 8, "6.3.19"),
	/* the GERROR, EVENTQ and PRIQ IRQ_CFG triples share one layout */
	[R_IRQ_CFG0_ADDR]	= SPEC("GERROR_IRQ_CFG0.ADDR", 55, 2, "6.3.21"),
	[R_IRQ_CFG1_DATA]	= SPEC("GERROR_IRQ_CFG1.DATA", 31, 0, "6.3.22"),
	[R_IRQ_CFG2_SH]		= SPEC("GERROR_IRQ_CFG2.SH", 5, 4, "6.3.23"),
	[R_IRQ_CFG2_MEMATTR]	= SPEC("GERROR_IRQ_CFG2.MemAttr", 3, 0,
				       "6.3.23"),
	[R_STRTAB_BASE_RA]	= SPEC("STRTAB_BASE.RA", 62, 62, "6.3.24"),
	[R_STRTAB_BASE_ADDR]	= SPEC("STRTAB_BASE.ADDR", 55, 6, "6.3.24"),
	[R_STRTAB_CFG_LOG2SIZE]	= SPEC("STRTAB_BASE_CFG.LOG2SIZE", 5, 0,
				       "6.3.25"),
	[R_STRTAB_CFG_SPLIT]	= SPEC("STRTAB_BASE_CFG.SPLIT", 10, 6, "6.3.25"),
	[R_STRTAB_CFG_FMT]	= SPEC("STRTAB_BASE_CFG.FMT", 17, 16, "6.3.25"),
	[R_CMDQ_BASE_RA]	= SPEC("CMDQ_BASE.RA", 62, 62, "6.3.26"),
	[R_CMDQ_BASE_ADDR]	= SPEC("CMDQ_BASE.ADDR", 55, 5, "6.3.26"),
	[R_CMDQ_BASE_LOG2SIZE]	= SPEC("CMDQ_BASE.LOG2SIZE", 4, 0, "6.3.26"),
	[R_EVENTQ_BASE_WA]	= SPEC("EVENTQ_BASE.WA", 62, 62, "6.3.29"),
	[R_EVENTQ_BASE_ADDR]	= SPEC("EVENTQ_BASE.ADDR", 55, 5, "6.3.29"),
	[R_EVENTQ_BASE_LOG2SIZE] = SPEC("EVENTQ_BASE.LOG2SIZE", 4, 0,
					"6.3.29"),
	/* WR/RD: bit [QS] is the wrap flag, bits [QS-1:0] the index */
	[R_CMDQ_PROD_WR]	= SPEC("CMDQ_PROD.WR", 19, 0, "6.3.27"),
	[R_CMDQ_CONS_ERR]	= SPEC("CMDQ_CONS.ERR", 30, 24, "6.3.28"),
	[R_CMDQ_CONS_RD]	= SPEC("CMDQ_CONS.RD", 19, 0, "6.3.28"),
	[R_EVENTQ_PROD_OVFLG]	= SPEC("EVENTQ_PROD.OVFLG", 31, 31, "6.3.95"),
	[R_EVENTQ_PROD_WR]	= SPEC("EVENTQ_PROD.WR", 19, 0, "6.3.95"),
	[R_EVENTQ_CONS_OVACKFLG] = SPEC("EVENTQ_CONS.OVACKFLG", 31, 31,
					"6.3.96"),
	[R_EVENTQ_CONS_RD]	= SPEC("EVENTQ_CONS.RD", 19, 0, "6.3.96"),
};

static const struct ofield *const reg_tabs[] = { reg_spec };

static void idr_macros_match_sources(struct kunit *test)
{
	static const struct opair pairs[] = {
		PAIR(IDR0_S2P, 0, R_IDR0_S2P, "IDR0_S2P"),
		PAIR(IDR0_S1P, 0, R_IDR0_S1P, "IDR0_S1P"),
		PAIR(IDR0_TTF, 0, R_IDR0_TTF, "IDR0_TTF"),
		PAIR(IDR0_COHACC, 0, R_IDR0_COHACC, "IDR0_COHACC"),
		PAIR(IDR0_BTM, 0, R_IDR0_BTM, NULL),
		PAIR(IDR0_HTTU, 0, R_IDR0_HTTU, "IDR0_HTTU"),
		PAIR(IDR0_HYP, 0, R_IDR0_HYP, "IDR0_HYP"),
		PAIR(IDR0_ATS, 0, R_IDR0_ATS, "IDR0_ATS"),
		PAIR(IDR0_ASID16, 0, R_IDR0_ASID16, "IDR0_ASID16"),
		PAIR(IDR0_MSI, 0, R_IDR0_MSI, "IDR0_MSI"),
		PAIR(IDR0_SEV, 0, R_IDR0_SEV, "IDR0_SEV"),
		PAIR(IDR0_PRI, 0, R_IDR0_PRI, "IDR0_PRI"),
		PAIR(IDR0_VMID16, 0, R_IDR0_VMID16, "IDR0_VMID16"),
		PAIR(IDR0_CD2L, 0, R_IDR0_CD2L, "IDR0_CD2L"),
		PAIR(IDR0_TTENDIAN, 0, R_IDR0_TTENDIAN, "IDR0_TTENDIAN"),
		PAIR(IDR0_STALL_MODEL, 0, R_IDR0_STALL_MODEL,
		     "IDR0_STALL_MODEL"),
		PAIR(IDR0_ST_LEVEL, 0, R_IDR0_ST_LEVEL, "IDR0_ST_LVL"),
		PAIR(IDR1_SIDSIZE, 0, R_IDR1_SIDSIZE, "IDR1_SIDSIZE"),
		PAIR(IDR1_SSIDSIZE, 0, R_IDR1_SSIDSIZE, "IDR1_SSIDSIZE"),
		PAIR(IDR1_PRIQS, 0, R_IDR1_PRIQS, "IDR1_PRIQS"),
		PAIR(IDR1_EVTQS, 0, R_IDR1_EVENTQS, "IDR1_EVTQS"),
		PAIR(IDR1_CMDQS, 0, R_IDR1_CMDQS, "IDR1_CMDQS"),
		PAIR(IDR1_REL, 0, R_IDR1_REL, "IDR1_REL"),
		PAIR(IDR1_QUEUES_PRESET, 0, R_IDR1_QUEUES_PRESET,
		     "IDR1_QUEUES_PRESET"),
		PAIR(IDR1_TABLES_PRESET, 0, R_IDR1_TABLES_PRESET,
		     "IDR1_TABLES_PRESET"),
		PAIR(IDR3_RIL, 0, R_IDR3_RIL, "IDR3_RIL"),
		PAIR(IDR5_OAS, 0, R_IDR5_OAS, "IDR5_OAS"),
		PAIR(IDR5_GRAN4K, 0, R_IDR5_GRAN4K, "IDR5_GRAN4K"),
		PAIR(IDR5_GRAN16K, 0, R_IDR5_GRAN16K, "IDR5_GRAN16K"),
		PAIR(IDR5_GRAN64K, 0, R_IDR5_GRAN64K, "IDR5_GRAN64K"),
		PAIR(IDR5_VAX, 0, R_IDR5_VAX, "IDR5_VAX"),
	};
	static const struct ovalue values[] = {
		VALUE(IDR0_TTF_AARCH64, 0x2, "6.3.1 TTF 0b10"),
		VALUE(IDR0_TTF_AARCH32_64, 0x3, "6.3.1 TTF 0b11"),
		VALUE(IDR0_TTENDIAN_MIXED, 0x0, "6.3.1 TTENDIAN 0b00"),
		VALUE(IDR0_TTENDIAN_LE, 0x2, "6.3.1 TTENDIAN 0b10"),
		VALUE(IDR0_TTENDIAN_BE, 0x3, "6.3.1 TTENDIAN 0b11"),
		VALUE(IDR0_STALL_MODEL_STALL, 0x0, "6.3.1 STALL_MODEL 0b00"),
		VALUE(IDR0_STALL_MODEL_NONE, 0x1, "6.3.1 STALL_MODEL 0b01"),
		VALUE(IDR0_STALL_MODEL_FORCE, 0x2, "6.3.1 STALL_MODEL 0b10"),
		VALUE(IDR0_ST_LEVEL_LINEAR, 0x0, "6.3.1 ST_LEVEL 0b00"),
		VALUE(IDR0_ST_LEVEL_2LVL, 0x1, "6.3.1 ST_LEVEL 0b01"),
	};

	check_pairs(test, pairs, ARRAY_SIZE(pairs), reg_tabs,
		    ARRAY_SIZE(reg_tabs));
	check_values(test, values, ARRAY_SIZE(values));
}

static void control_register_macros_match_sources(struct kunit *test)
{
	static const struct opair pairs[] = {
		PAIR(CR0_SMMUEN, 0, R_CR0_SMMUEN, "CR0_SMMUEN"),
		PAIR(CR0_PRIQEN, 0, R_CR0_PRIQEN, "CR0_PRIQEN"),
		PAIR(CR0_EVTQEN, 0, R_CR0_EVENTQEN, "CR0_EVTQEN"),
		PAIR(CR0_CMDQEN, 0, R_CR0_CMDQEN, "CR0_CMDQEN"),
		PAIR(CR0_ATSCHK, 0, R_CR0_ATSCHK, "CR0_ATSCHK"),
		PAIR(CR1_QUEUE_IC, 0, R_CR1_QUEUE_IC, "CR1_QUEUE_IC"),
		PAIR(CR1_QUEUE_OC, 0, R_CR1_QUEUE_OC, "CR1_QUEUE_OC"),
		PAIR(CR1_QUEUE_SH, 0, R_CR1_QUEUE_SH, "CR1_QUEUE_SH"),
		PAIR(CR1_TABLE_IC, 0, R_CR1_TABLE_IC, "CR1_TABLE_IC"),
		PAIR(CR1_TABLE_OC, 0, R_CR1_TABLE_OC, "CR1_TABLE_OC"),
		PAIR(CR1_TABLE_SH, 0, R_CR1_TABLE_SH, "CR1_TABLE_SH"),
		PAIR(CR2_E2H, 0, R_CR2_E2H, "CR2_E2H"),
		PAIR(CR2_RECINVSID, 0, R_CR2_RECINVSID, "CR2_RECINVSID"),
		PAIR(CR2_PTM, 0, R_CR2_PTM, "CR2_PTM"),
		PAIR(GBPA_ABORT, 0, R_GBPA_ABORT, "GBPA_ABORT"),
		PAIR(GBPA_UPDATE, 0, R_GBPA_UPDATE, "GBPA_UPDATE"),
		PAIR(IRQ_CTRL_GERROR_IRQEN, 0, R_IRQ_CTRL_GERROR,
		     "IRQ_CTRL_GERROR_IRQEN"),
		PAIR(IRQ_CTRL_PRIQ_IRQEN, 0, R_IRQ_CTRL_PRIQ,
		     "IRQ_CTRL_PRIQ_IRQEN"),
		PAIR(IRQ_CTRL_EVTQ_IRQEN, 0, R_IRQ_CTRL_EVENTQ,
		     "IRQ_CTRL_EVTQ_IRQEN"),
		PAIR(GERROR_CMDQ_ERR, 0, R_GERROR_CMDQ, "GERROR_CMDQ_ERR"),
		PAIR(GERROR_EVTQ_ABT_ERR, 0, R_GERROR_EVENTQ_ABT,
		     "GERROR_EVTQ_ABT_ERR"),
		PAIR(GERROR_PRIQ_ABT_ERR, 0, R_GERROR_PRIQ_ABT,
		     "GERROR_PRIQ_ABT_ERR"),
		PAIR(GERROR_MSI_CMDQ_ABT_ERR, 0, R_GERROR_MSI_CMDQ_ABT,
		     "GERROR_MSI_CMDQ_ABT_ERR"),
		PAIR(GERROR_MSI_EVTQ_ABT_ERR, 0, R_GERROR_MSI_EVENTQ_ABT,
		     "GERROR_MSI_EVTQ_ABT_ERR"),
		PAIR(GERROR_MSI_PRIQ_ABT_ERR, 0, R_GERROR_MSI_PRIQ_ABT,
		     "GERROR_MSI_PRIQ_ABT_ERR"),
		PAIR(GERROR_MSI_GERROR_ABT_ERR, 0, R_GERROR_MSI_GERROR_ABT,
		     "GERROR_MSI_GERROR_ABT_ERR"),
		PAIR(GERROR_SFM_ERR, 0, R_GERROR_SFM, "GERROR_SFM_ERR"),
		PAIR_OA(IRQ_CFG0_ADDR, 0, R_IRQ_CFG0_ADDR, "MSI_CFG0_ADDR_MASK"),
		PAIR(IRQ_CFG2_SH, 0, R_IRQ_CFG2_SH, "MSI_CFG2_SH"),
		PAIR(IRQ_CFG2_MEMATTR, 0, R_IRQ_CFG2_MEMATTR,
		     "MSI_CFG2_MEMATTR"),
	};
	static const struct ovalue values[] = {
		VALUE(CR1_CACHE_NC, 0x0, "6.3.11 0b00 Non-cacheable"),
		VALUE(CR1_CACHE_WB, 0x1, "6.3.11 0b01 Write-Back"),
		VALUE(CR1_SH_NSH, 0x0, "6.3.11 0b00 Non-shareable"),
		VALUE(CR1_SH_OSH, 0x2, "6.3.11 0b10 Outer Shareable"),
		VALUE(CR1_SH_ISH, SPEC_SH_ISH, "6.3.11 0b11 Inner Shareable"),
		VALUE(IRQ_CFG2_MEMATTR_DEVICE_NGNRE, SPEC_MEMATTR_DEV_NGNRE,
		      "6.3.23 MemAttr, 5.2: Device-nGnRE"),
	};
	u64 gerror_msi_abt_all = GERROR_MSI_ABT_ALL, msi = 0, v;
	u64 cr1_cache_wb = CR1_CACHE_WB, cr1_sh_ish = CR1_SH_ISH;
	u64 sync_msiattr_wb = SYNC_MSIATTR_WB;
	unsigned int f;

	check_pairs(test, pairs, ARRAY_SIZE(pairs), reg_tabs,
		    ARRAY_SIZE(reg_tabs));
	check_values(test, values, ARRAY_SIZE(values));
	for (f = R_GERROR_MSI_CMDQ_ABT; f <= R_GERROR_MSI_GERROR_ABT; f++)
		msi |= f_mask(&reg_spec[f]);
	KUNIT_EXPECT_EQ_MSG(test, gerror_msi_abt_all, msi,
			    "GERROR_MSI_ABT_ALL: IHI0070 6.3.19 MSI_*_ABT_ERR");
	if (intree_value(test, "CR1_CACHE_WB", &v))
		KUNIT_EXPECT_EQ_MSG(test, cr1_cache_wb, v,
				    "CR1_CACHE_WB: %s", INTREE_SRC);
	if (intree_value(test, "ARM_SMMU_SH_ISH", &v))
		KUNIT_EXPECT_EQ_MSG(test, cr1_sh_ish, v,
				    "CR1_SH_ISH: %s ARM_SMMU_SH_ISH", INTREE_SRC);
	if (intree_value(test, "ARM_SMMU_MEMATTR_OIWB", &v))
		KUNIT_EXPECT_EQ_MSG(test, sync_msiattr_wb, v,
				    "SYNC_MSIATTR_WB: %s ARM_SMMU_MEMATTR_OIWB",
				    INTREE_SRC);
}

/*
 * MISMATCH (IHI0070 6.3.19): SMMU_GERROR defines errors in bits 0 and 2-8
 * (bit 1 is RES0; bits 9 and 10, CMDQP_ERR and DPT_ERR, belong to features
 * the driver does not enable). GERROR_ALL, the errors the driver handles,
 * includes the RES0 bit 1; the in-tree GERROR_ERR_MASK is 0x1fd.
 */
static void gerror_all_is_the_defined_errors(struct kunit *test)
{
	u64 gerror_all = GERROR_ALL, all = 0, v;
	unsigned int f;

	for (f = R_GERROR_CMDQ; f <= R_GERROR_SFM; f++)
		all |= f_mask(&reg_spec[f]);
	KUNIT_EXPECT_EQ_MSG(test, gerror_all, all,
			    "MISMATCH: GERROR_ALL includes GERROR bit 1, RES0 in IHI0070 6.3.19");
	if (intree_value(test, "GERROR_ERR_MASK", &v))
		KUNIT_EXPECT_EQ_MSG(test, gerror_all, v,
				    "MISMATCH: GERROR_ALL: %s GERROR_ERR_MASK",
				    INTREE_SRC);
}

static void table_and_queue_register_macros_match_sources(struct kunit *test)
{
	static const struct opair pairs[] = {
		PAIR(STRTAB_BASE_RA, 0, R_STRTAB_BASE_RA, "STRTAB_BASE_RA"),
		PAIR_OA(STRTAB_BASE_ADDR, 0, R_STRTAB_BASE_ADDR,
			"STRTAB_BASE_ADDR_MASK"),
		PAIR(STRTAB_BASE_CFG_LOG2SIZE, 0, R_STRTAB_CFG_LOG2SIZE,
		     "STRTAB_BASE_CFG_LOG2SIZE"),
		PAIR(STRTAB_BASE_CFG_SPLIT, 0, R_STRTAB_CFG_SPLIT,
		     "STRTAB_BASE_CFG_SPLIT"),
		PAIR(STRTAB_BASE_CFG_FMT, 0, R_STRTAB_CFG_FMT,
		     "STRTAB_BASE_CFG_FMT"),
		PAIR(Q_BASE_RWA, 0, R_CMDQ_BASE_RA, "Q_BASE_RWA"),
		PAIR(Q_BASE_RWA, 0, R_EVENTQ_BASE_WA, NULL),
		PAIR_OA(Q_BASE_ADDR, 0, R_CMDQ_BASE_ADDR, "Q_BASE_ADDR_MASK"),
		PAIR_OA(Q_BASE_ADDR, 0, R_EVENTQ_BASE_ADDR, NULL),
		PAIR(Q_BASE_LOG2SIZE, 0, R_CMDQ_BASE_LOG2SIZE,
		     "Q_BASE_LOG2SIZE"),
		PAIR(Q_BASE_LOG2SIZE, 0, R_EVENTQ_BASE_LOG2SIZE, NULL),
		PAIR(CMDQ_CONS_ERR, 0, R_CMDQ_CONS_ERR, "CMDQ_CONS_ERR"),
		PAIR(Q_OVERFLOW_FLAG, 0, R_EVENTQ_PROD_OVFLG,
		     "Q_OVERFLOW_FLAG"),
		PAIR(Q_OVERFLOW_FLAG, 0, R_EVENTQ_CONS_OVACKFLG, NULL),
	};
	static const struct ovalue values[] = {
		VALUE(STRTAB_BASE_CFG_FMT_LINEAR, 0x0, "6.3.25 FMT 0b00"),
		VALUE(STRTAB_BASE_CFG_FMT_2LVL, 0x1, "6.3.25 FMT 0b01"),
		VALUE(CMDQ_ERR_NONE, 0x0, "7.1 CERROR_NONE"),
		VALUE(CMDQ_ERR_CERROR_ILL, 0x1, "7.1 CERROR_ILL"),
		VALUE(CMDQ_ERR_CERROR_ABT, 0x2, "7.1 CERROR_ABT"),
		VALUE(CMDQ_ERR_CERROR_ATC_INV_SYNC, 0x3,
		      "7.1 CERROR_ATC_INV_SYNC"),
		/* 6.3.25: a 2-level table's SPLIT is 6, 8 or 10 */
		VALUE(ARM_SMMU_STRTAB_SPLIT, 8, "6.3.25 SPLIT"),
	};
	static const struct {
		const char	*ours;
		u64		val;
		const char	*intree;
	} errs[] = {
		{ "CMDQ_ERR_NONE", CMDQ_ERR_NONE, "CMDQ_ERR_CERROR_NONE_IDX" },
		{ "CMDQ_ERR_CERROR_ILL", CMDQ_ERR_CERROR_ILL,
		  "CMDQ_ERR_CERROR_ILL_IDX" },
		{ "CMDQ_ERR_CERROR_ABT", CMDQ_ERR_CERROR_ABT,
		  "CMDQ_ERR_CERROR_ABT_IDX" },
		{ "CMDQ_ERR_CERROR_ATC_INV_SYNC", CMDQ_ERR_CERROR_ATC_INV_SYNC,
		  "CMDQ_ERR_CERROR_ATC_INV_IDX" },
	};
	unsigned int i;
	u64 v;

	check_pairs(test, pairs, ARRAY_SIZE(pairs), reg_tabs,
		    ARRAY_SIZE(reg_tabs));
	check_values(test, values, ARRAY_SIZE(values));
	for (i = 0; i < ARRAY_SIZE(errs); i++)
		if (intree_value(test, errs[i].intree, &v))
			KUNIT_EXPECT_EQ_MSG(test, errs[i].val, v, "%s: %s %s",
					    errs[i].ours, INTREE_SRC,
					    errs[i].intree);
}

/* IHI0070 6.2.1 (page 0) and 6.2.2 (page 1, at 0x10000) */
static void register_offsets_match_sources(struct kunit *test)
{
	static const struct {
		const char	*ours;
		u64		val;
		u64		spec;
		const char	*intree;
	} regs[] = {
#define OFF(_m, _off, _it) { .ours = #_m, .val = _m, .spec = _off, .intree = _it }
		OFF(ARM_SMMU_IDR0, 0x0000, "ARM_SMMU_IDR0"),
		OFF(ARM_SMMU_IDR1, 0x0004, "ARM_SMMU_IDR1"),
		OFF(ARM_SMMU_IDR3, 0x000c, "ARM_SMMU_IDR3"),
		OFF(ARM_SMMU_IDR5, 0x0014, "ARM_SMMU_IDR5"),
		OFF(ARM_SMMU_AIDR, 0x001c, NULL),
		OFF(ARM_SMMU_CR0, 0x0020, "ARM_SMMU_CR0"),
		OFF(ARM_SMMU_CR0ACK, 0x0024, "ARM_SMMU_CR0ACK"),
		OFF(ARM_SMMU_CR1, 0x0028, "ARM_SMMU_CR1"),
		OFF(ARM_SMMU_CR2, 0x002c, "ARM_SMMU_CR2"),
		OFF(ARM_SMMU_GBPA, 0x0044, "ARM_SMMU_GBPA"),
		OFF(ARM_SMMU_IRQ_CTRL, 0x0050, "ARM_SMMU_IRQ_CTRL"),
		OFF(ARM_SMMU_IRQ_CTRLACK, 0x0054, "ARM_SMMU_IRQ_CTRLACK"),
		OFF(ARM_SMMU_GERROR, 0x0060, "ARM_SMMU_GERROR"),
		OFF(ARM_SMMU_GERRORN, 0x0064, "ARM_SMMU_GERRORN"),
		OFF(ARM_SMMU_GERROR_IRQ_CFG0, 0x0068,
		    "ARM_SMMU_GERROR_IRQ_CFG0"),
		OFF(ARM_SMMU_IRQ_CFG1(ARM_SMMU_GERROR_IRQ_CFG0), 0x0070,
		    "ARM_SMMU_GERROR_IRQ_CFG1"),
		OFF(ARM_SMMU_IRQ_CFG2(ARM_SMMU_GERROR_IRQ_CFG0), 0x0074,
		    "ARM_SMMU_GERROR_IRQ_CFG2"),
		OFF(ARM_SMMU_STRTAB_BASE, 0x0080, "ARM_SMMU_STRTAB_BASE"),
		OFF(ARM_SMMU_STRTAB_BASE_CFG, 0x0088,
		    "ARM_SMMU_STRTAB_BASE_CFG"),
		OFF(ARM_SMMU_CMDQ_BASE, 0x0090, "ARM_SMMU_CMDQ_BASE"),
		OFF(ARM_SMMU_CMDQ_PROD, 0x0098, "ARM_SMMU_CMDQ_PROD"),
		OFF(ARM_SMMU_CMDQ_CONS, 0x009c, "ARM_SMMU_CMDQ_CONS"),
		OFF(ARM_SMMU_EVTQ_BASE, 0x00a0, "ARM_SMMU_EVTQ_BASE"),
		OFF(ARM_SMMU_EVTQ_IRQ_CFG0, 0x00b0, "ARM_SMMU_EVTQ_IRQ_CFG0"),
		OFF(ARM_SMMU_IRQ_CFG1(ARM_SMMU_EVTQ_IRQ_CFG0), 0x00b8,
		    "ARM_SMMU_EVTQ_IRQ_CFG1"),
		OFF(ARM_SMMU_IRQ_CFG2(ARM_SMMU_EVTQ_IRQ_CFG0), 0x00bc,
		    "ARM_SMMU_EVTQ_IRQ_CFG2"),
		OFF(ARM_SMMU_PRIQ_BASE, 0x00c0, "ARM_SMMU_PRIQ_BASE"),
		OFF(ARM_SMMU_PRIQ_IRQ_CFG0, 0x00d0, "ARM_SMMU_PRIQ_IRQ_CFG0"),
		OFF(ARM_SMMU_IRQ_CFG1(ARM_SMMU_PRIQ_IRQ_CFG0), 0x00d8, NULL),
		OFF(ARM_SMMU_IRQ_CFG2(ARM_SMMU_PRIQ_IRQ_CFG0), 0x00dc, NULL),
		/* page 1: offsets from its base */
		OFF(ARM_SMMU_PAGE1, 0x10000, NULL),
		OFF(ARM_SMMU_EVTQ_PROD, 0x00a8, "ARM_SMMU_EVTQ_PROD"),
		OFF(ARM_SMMU_EVTQ_CONS, 0x00ac, "ARM_SMMU_EVTQ_CONS"),
		OFF(ARM_SMMU_PRIQ_PROD, 0x00c8, "ARM_SMMU_PRIQ_PROD"),
		OFF(ARM_SMMU_PRIQ_CONS, 0x00cc, "ARM_SMMU_PRIQ_CONS"),
#undef OFF
	};
	unsigned int i;
	u64 v;

	for (i = 0; i < ARRAY_SIZE(regs); i++) {
		KUNIT_EXPECT_EQ_MSG(test, regs[i].val, regs[i].spec,
				    "%s: IHI0070 6.2", regs[i].ours);
		if (regs[i].intree && intree_value(test, regs[i].intree, &v))
			KUNIT_EXPECT_EQ_MSG(test, regs[i].val, v, "%s: %s %s",
					    regs[i].ours, INTREE_SRC,
					    regs[i].intree);
	}
}

/* ------------------------------------------------------------------------
 * Queue PROD/CONS values: IHI0070 6.3.27, 6.3.28, 6.3.95, 6.3.96, 3.5
 */

/* A PROD/CONS value from the spec's sub-fields: index [QS-1:0], wrap [QS] */
static u32 q_spec_reg(unsigned int qs, u32 idx, bool wrap)
{
	return idx | (u32)wrap << qs;
}

static void queue_prod_cons_hold_index_and_wrap_bit(struct kunit *test)
{
	static const unsigned int sizes[] = { 1, 8, 19 };
	const struct ofield *wr = &reg_spec[R_CMDQ_PROD_WR];
	unsigned int s, lap, i;

	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		unsigned int qs = sizes[s];
		u32 idxs[] = { 0, 1, BIT(qs) - 1 };

		for (lap = 0; lap < 4; lap++) {
			for (i = 0; i < ARRAY_SIZE(idxs); i++) {
				u64 pos = ((u64)lap << qs) + idxs[i];
				u32 reg = arm_smmu_q_reg(qs, pos);

				KUNIT_EXPECT_EQ_MSG(test, reg,
						    q_spec_reg(qs, idxs[i], lap & 1),
						    "QS %u position %llu: IHI0070 6.3.27 WR_WRAP [QS], WR [QS-1:0]",
						    qs, pos);
				KUNIT_EXPECT_EQ_MSG(test, reg & ~(u32)f_mask(wr), 0U,
						    "QS %u position %llu: outside %s %s",
						    qs, pos, wr->src, wr->name);
				KUNIT_EXPECT_EQ(test, arm_smmu_q_idx(qs, reg),
						idxs[i]);
			}
		}
	}
}

/*
 * 6.3.27: "There is space in the queue ... if CONS.RD != PROD.WR ||
 * CONS.RD_WRAP == PROD.WR_WRAP": equal indexes with equal wraps is empty,
 * with different wraps full. CONS.ERR [30:24] and OVACKFLG are not part of
 * the index.
 */
static void queue_full_and_empty_follow_the_wrap_rule(struct kunit *test)
{
	const unsigned int qs = 8;
	const u32 err = 0x1 << f_lsb(&reg_spec[R_CMDQ_CONS_ERR]);
	const u32 ovack = 1U << f_lsb(&reg_spec[R_EVENTQ_CONS_OVACKFLG]);
	u32 prod, cons;

	prod = q_spec_reg(qs, 5, false);
	cons = q_spec_reg(qs, 5, false);
	KUNIT_EXPECT_EQ_MSG(test, arm_smmu_q_used(qs, prod, cons), 0U, "empty");
	cons = q_spec_reg(qs, 5, true);
	KUNIT_EXPECT_EQ_MSG(test, arm_smmu_q_used(qs, prod, cons), BIT(qs),
			    "full");
	KUNIT_EXPECT_EQ_MSG(test, arm_smmu_q_used(qs, prod, cons | err | ovack),
			    BIT(qs), "full, CONS.ERR and OVACKFLG set");
	/* PROD wrapped past the end, CONS not yet: 3 + 256 - 250 entries */
	prod = q_spec_reg(qs, 3, true);
	cons = q_spec_reg(qs, 250, false);
	KUNIT_EXPECT_EQ(test, arm_smmu_q_used(qs, prod, cons), 9U);
	KUNIT_EXPECT_EQ(test, arm_smmu_q_used(qs, prod, cons | err), 9U);
	/* a CONS value with ERR set converts to the same position */
	KUNIT_EXPECT_EQ(test, arm_smmu_q_cons_pos(qs, 0x103, cons | err),
			0x0faULL);
}

/* ------------------------------------------------------------------------
 * MSI configuration registers: IHI0070 6.3.21-6.3.23, in-tree
 */

static const struct intree_row msi_rows[] = {
	{ R_IRQ_CFG0_ADDR, 0, "MSI_CFG0_ADDR_MASK" },
	{ R_IRQ_CFG2_SH, 0, "MSI_CFG2_SH" },
	{ R_IRQ_CFG2_MEMATTR, 0, "MSI_CFG2_MEMATTR" },
};

static void msi_irq_cfg_sets_address_data_and_device_memattr(struct kunit *test)
{
	const u64 addr = 0x000f000008040044ULL;
	const struct ofield *tabs[] = {
		reg_spec,
		intree_table(test, R_NR, msi_rows, ARRAY_SIZE(msi_rows)),
	};
	const struct owant cfg0[] = {
		/* ADDR holds address bits [55:2]; bits [1:0] are zero */
		{ R_IRQ_CFG0_ADDR, addr >> 2 },
	};
	const struct owant cfg1[] = { { R_IRQ_CFG1_DATA, 0xcafe1234 } };
	const struct owant cfg2[] = {
		{ R_IRQ_CFG2_MEMATTR, SPEC_MEMATTR_DEV_NGNRE },
		{ R_IRQ_CFG2_SH, 0 },
	};
	struct arm_smmu_irq_cfg cfg;
	__le64 raw;

	KUNIT_ASSERT_EQ(test, arm_smmu_msi_irq_cfg(&cfg, addr, 0xcafe1234), 0);
	raw = cpu_to_le64(cfg.cfg0);
	check_fields(test, "IRQ_CFG0", &raw, 1, tabs, ARRAY_SIZE(tabs), cfg0,
		     ARRAY_SIZE(cfg0));
	raw = cpu_to_le64(cfg.cfg1);
	check_fields(test, "IRQ_CFG1", &raw, 1, tabs, ARRAY_SIZE(tabs), cfg1,
		     ARRAY_SIZE(cfg1));
	raw = cpu_to_le64(cfg.cfg2);
	check_fields(test, "IRQ_CFG2", &raw, 1, tabs, ARRAY_SIZE(tabs), cfg2,
		     ARRAY_SIZE(cfg2));
}

/*
 * 6.3.21: "If ADDR == 0, no MSI is sent", and bits [1:0] of the address
 * are zero, so a doorbell that is not 32-bit aligned cannot be expressed.
 */
static void msi_irq_cfg_zero_address_disables_and_unaligned_fails(struct kunit *test)
{
	struct arm_smmu_irq_cfg cfg;

	KUNIT_EXPECT_EQ(test, arm_smmu_msi_irq_cfg(&cfg, 0, 0x55), 0);
	KUNIT_EXPECT_EQ(test, cfg.cfg0, 0ULL);
	KUNIT_EXPECT_EQ(test, cfg.cfg1, 0U);
	KUNIT_EXPECT_EQ(test, cfg.cfg2, 0U);
	KUNIT_EXPECT_EQ(test, arm_smmu_msi_irq_cfg(&cfg, 0x8040042, 0x55),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cfg.cfg0, 0ULL);
}

/* ------------------------------------------------------------------------
 * ID registers into features: IHI0070 6.3.1, 6.3.2, 6.3.4, 6.3.6
 */

static void idr_set(u32 *idr, unsigned int f, u32 val)
{
	const struct ofield *r = &reg_spec[f];
	u32 mask = f_mask(r);

	*idr = (*idr & ~mask) | ((val << f_lsb(r)) & mask);
}

/* Each field in its own register index: IDR0, IDR1, IDR3 or IDR5 */
static unsigned int idr_index(unsigned int f)
{
	if (f <= R_IDR0_ST_LEVEL)
		return 0;
	if (f <= R_IDR1_TABLES_PRESET)
		return 1;
	if (f == R_IDR3_RIL)
		return 3;
	return 5;
}

/*
 * The smallest SMMU the driver takes: stage 1, AArch64 tables, mixed
 * endian, 256-entry queues, 4KB granule, 32-bit OAS.
 */
static void idr_base(u32 *idr)
{
	memset(idr, 0, 6 * sizeof(*idr));
	idr_set(&idr[0], R_IDR0_S1P, 1);
	idr_set(&idr[0], R_IDR0_TTF, 0x2);
	idr_set(&idr[1], R_IDR1_CMDQS, 8);
	idr_set(&idr[1], R_IDR1_EVENTQS, 8);
	idr_set(&idr[5], R_IDR5_GRAN4K, 1);
}

static void expect_features(struct kunit *test, const char *what,
			    const struct arm_smmu_features *got,
			    const struct arm_smmu_features *want)
{
	expect_member(test, what, "s1", got->s1, want->s1);
	expect_member(test, what, "s2", got->s2, want->s2);
	expect_member(test, what, "coherent", got->coherent, want->coherent);
	expect_member(test, what, "asid_bits", got->asid_bits,
		      want->asid_bits);
	expect_member(test, what, "vmid_bits", got->vmid_bits,
		      want->vmid_bits);
	expect_member(test, what, "strtab_2lvl", got->strtab_2lvl,
		      want->strtab_2lvl);
	expect_member(test, what, "cd_2lvl", got->cd_2lvl, want->cd_2lvl);
	expect_member(test, what, "sid_bits", got->sid_bits, want->sid_bits);
	expect_member(test, what, "ssid_bits", got->ssid_bits,
		      want->ssid_bits);
	expect_member(test, what, "cmdq_shift", got->cmdq_shift,
		      want->cmdq_shift);
	expect_member(test, what, "evtq_shift", got->evtq_shift,
		      want->evtq_shift);
	expect_member(test, what, "ril", got->ril, want->ril);
	expect_member(test, what, "oas", got->oas, want->oas);
	expect_member(test, what, "pgsize_bitmap", got->pgsize_bitmap,
		      want->pgsize_bitmap);
	expect_member(test, what, "hyp", got->hyp, want->hyp);
	expect_member(test, what, "msi", got->msi, want->msi);
	expect_member(test, what, "ats", got->ats, want->ats);
	expect_member(test, what, "pri", got->pri, want->pri);
	expect_member(test, what, "stall_model", got->stall_model,
		      want->stall_model);
}

/* The feature one IDR field sets, for the cases below */
enum feat_m {
	FM_NONE, FM_S2, FM_COHERENT, FM_HYP, FM_ATS, FM_ASID_BITS, FM_MSI,
	FM_PRI, FM_VMID_BITS, FM_CD_2LVL, FM_STALL_MODEL,
	FM_STRTAB_2LVL, FM_SID_BITS, FM_SSID_BITS,
	FM_EVTQ_SHIFT, FM_CMDQ_SHIFT, FM_RIL, FM_OAS, FM_PGSIZE,
};

static void feat_set(struct arm_smmu_features *f, unsigned int m, u64 v)
{
	switch (m) {
	case FM_S2:
		f->s2 = v;
		break;
	case FM_COHERENT:
		f->coherent = v;
		break;
	case FM_HYP:
		f->hyp = v;
		break;
	case FM_ATS:
		f->ats = v;
		break;
	case FM_ASID_BITS:
		f->asid_bits = v;
		break;
	case FM_MSI:
		f->msi = v;
		break;
	case FM_PRI:
		f->pri = v;
		break;
	case FM_VMID_BITS:
		f->vmid_bits = v;
		break;
	case FM_CD_2LVL:
		f->cd_2lvl = v;
		break;
	case FM_STALL_MODEL:
		f->stall_model = v;
		break;
	case FM_STRTAB_2LVL:
		f->strtab_2lvl = v;
		break;
	case FM_SID_BITS:
		f->sid_bits = v;
		break;
	case FM_SSID_BITS:
		f->ssid_bits = v;
		break;
	case FM_EVTQ_SHIFT:
		f->evtq_shift = v;
		break;
	case FM_CMDQ_SHIFT:
		f->cmdq_shift = v;
		break;
	case FM_RIL:
		f->ril = v;
		break;
	case FM_OAS:
		f->oas = v;
		break;
	case FM_PGSIZE:
		f->pgsize_bitmap = v;
		break;
	}
}

static void parse_idr_reads_each_field_at_its_position(struct kunit *test)
{
	const unsigned long base_pg = SZ_4K | SZ_2M | SZ_1G;
	static const struct {
		unsigned int	f;
		u32		val;
		int		ret;
		unsigned int	m;	/* the feature it sets ... */
		u64		fval;	/* ... to this */
	} cases[] = {
		{ R_IDR0_S2P, 1, 0, FM_S2, 1 },
		{ R_IDR0_S1P, 0, -ENODEV },
		{ R_IDR0_TTF, 0x1, -ENODEV },	/* VMSAv8-32 LPAE only */
		{ R_IDR0_TTF, 0x3, 0 },
		{ R_IDR0_COHACC, 1, 0, FM_COHERENT, 1 },
		{ R_IDR0_HYP, 1, 0, FM_HYP, 1 },
		{ R_IDR0_ATS, 1, 0, FM_ATS, 1 },
		{ R_IDR0_ASID16, 1, 0, FM_ASID_BITS, 16 },
		{ R_IDR0_MSI, 1, 0, FM_MSI, 1 },
		{ R_IDR0_SEV, 1, 0 },		/* not used by the driver */
		{ R_IDR0_PRI, 1, 0, FM_PRI, 1 },
		{ R_IDR0_VMID16, 1, 0, FM_VMID_BITS, 16 },
		{ R_IDR0_CD2L, 1, 0, FM_CD_2LVL, 1 },
		{ R_IDR0_TTENDIAN, 0x1, -ENODEV },	/* Reserved */
		{ R_IDR0_STALL_MODEL, 0x1, 0, FM_STALL_MODEL, 1 },
		{ R_IDR0_STALL_MODEL, 0x2, 0, FM_STALL_MODEL, 2 },
		{ R_IDR0_STALL_MODEL, 0x3, -ENODEV },	/* Reserved */
		{ R_IDR0_ST_LEVEL, 0x1, 0, FM_STRTAB_2LVL, 1 },
		{ R_IDR1_SIDSIZE, 32, 0, FM_SID_BITS, 32 },
		{ R_IDR1_SSIDSIZE, 20, 0, FM_SSID_BITS, 20 },
		{ R_IDR1_PRIQS, 19, 0 },	/* no PRI queue yet */
		{ R_IDR1_EVENTQS, 19, 0, FM_EVTQ_SHIFT, 19 },
		{ R_IDR1_CMDQS, 19, 0, FM_CMDQ_SHIFT, 19 },
		{ R_IDR1_REL, 1, -ENODEV },
		{ R_IDR1_QUEUES_PRESET, 1, -ENODEV },
		{ R_IDR1_TABLES_PRESET, 1, -ENODEV },
		{ R_IDR3_RIL, 1, 0, FM_RIL, 1 },
		{ R_IDR5_OAS, 0x5, 0, FM_OAS, 48 },
		{ R_IDR5_OAS, 0x6, 0, FM_OAS, 52 },
		{ R_IDR5_GRAN4K, 0, -ENODEV },	/* no granule left */
		{ R_IDR5_GRAN16K, 1, 0, FM_PGSIZE,
		  SZ_4K | SZ_2M | SZ_1G | SZ_16K | SZ_32M },
		{ R_IDR5_GRAN64K, 1, 0, FM_PGSIZE,
		  SZ_4K | SZ_2M | SZ_1G | SZ_64K | SZ_512M },
	};
	struct arm_smmu_features base, got, want;
	const char *why;
	u32 idr[6];
	unsigned int i;
	char what[64];

	/* The base itself, read as 6.3.1-6.3.6 say */
	idr_base(idr);
	KUNIT_ASSERT_EQ(test, arm_smmu_parse_idr(idr, &base, &why), 0);
	memset(&want, 0, sizeof(want));
	want.s1 = true;
	want.asid_bits = 8;
	want.vmid_bits = 8;
	want.cmdq_shift = 8;
	want.evtq_shift = 8;
	want.oas = 32;		/* OAS 0b000 */
	want.pgsize_bitmap = base_pg;
	expect_features(test, "base IDRs", &base, &want);

	/* A big-endian-only SMMU is refused by a little-endian kernel */
	idr_set(&idr[0], R_IDR0_TTENDIAN, 0x3);
	KUNIT_EXPECT_EQ(test, arm_smmu_parse_idr(idr, &got, &why),
			IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? 0 : -ENODEV);

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct ofield *r = &reg_spec[cases[i].f];
		int ret;

		snprintf(what, sizeof(what), "%s %s = %#x", r->src, r->name,
			 cases[i].val);
		idr_base(idr);
		idr_set(&idr[idr_index(cases[i].f)], cases[i].f, cases[i].val);
		ret = arm_smmu_parse_idr(idr, &got, &why);
		KUNIT_EXPECT_EQ_MSG(test, ret, cases[i].ret, "%s", what);
		if (ret || cases[i].ret)
			continue;
		want = base;
		feat_set(&want, cases[i].m, cases[i].fval);
		expect_features(test, what, &got, &want);
	}
}

/* ------------------------------------------------------------------------
 * The tables themselves
 */

static void check_table(struct kunit *test, const char *what,
			const struct ofield *tab, unsigned int n,
			bool disjoint)
{
	u64 seen[ARM_SMMU_ENTRY_QWORDS] = {};
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct ofield *f = &tab[i];

		if (!f->name)
			continue;
		KUNIT_EXPECT_LE_MSG(test, f->lo, f_hi(f), "%s: %s", what,
				    f->name);
		KUNIT_EXPECT_EQ_MSG(test, f_hi(f) / 64, f_qw(f),
				    "%s: %s crosses a qword", what, f->name);
		KUNIT_ASSERT_LT(test, f_qw(f), ARM_SMMU_ENTRY_QWORDS);
		if (disjoint)
			KUNIT_EXPECT_EQ_MSG(test, seen[f_qw(f)] & f_mask(f), 0ULL,
					    "%s: %s overlaps another field",
					    what, f->name);
		seen[f_qw(f)] |= f_mask(f);
	}
}

static void field_tables_are_well_formed(struct kunit *test)
{
	check_table(test, "cmd_spec", cmd_spec, CMD_F_NR, false);
	check_table(test, "cmd_qemu", cmd_qemu, CMD_F_NR, false);
	check_table(test, "ste_spec", ste_spec, STE_F_NR, true);
	check_table(test, "cd_spec", cd_spec, CD_F_NR, true);
	check_table(test, "l1_spec", l1_spec, L1_F_NR, false);
	check_table(test, "evt_spec", evt_spec, EVT_F_NR, true);
	check_table(test, "evt_qemu", evt_qemu, EVT_F_NR, true);
	check_table(test, "reg_spec", reg_spec, R_NR, false);
	/* every STE and CD field the spec names for qword 0-3 is here */
	KUNIT_EXPECT_EQ(test, f_qw(&ste_spec[STE_F_S2TTB]), 3U);
	KUNIT_EXPECT_EQ(test, f_qw(&cd_spec[CD_F_MAIR1]), 3U);
}

static void intree_header_is_built_in(struct kunit *test)
{
	unsigned int n = 0;

	if (!intree_available())
		kunit_skip(test, "no in-tree arm-smmu-v3.h: its checks are skipped");
	while (intree_defs[n].name)
		n++;
	KUNIT_EXPECT_GT(test, n, 100U);
}

static struct kunit_case arm_smmu_v3_oracle_cases[] = {
	KUNIT_CASE(field_tables_are_well_formed),
	KUNIT_CASE(intree_header_is_built_in),
	/* commands */
	KUNIT_CASE(cfgi_ste_sets_sid_and_leaf),
	KUNIT_CASE(cfgi_all_is_ste_range_31),
	KUNIT_CASE(cfgi_cd_sets_sid_ssid_and_leaf),
	KUNIT_CASE(tlbi_nh_asid_sets_asid_vmid_0),
	KUNIT_CASE(tlbi_s12_vmall_sets_vmid),
	KUNIT_CASE(tlbi_all_commands_are_opcode_only),
	KUNIT_CASE(tlbi_nh_va_sets_range_fields_and_address),
	KUNIT_CASE(tlbi_s2_ipa_sets_range_fields_and_address),
	KUNIT_CASE(atc_inv_sets_size_address_and_substream),
	KUNIT_CASE(sync_with_msi_sets_irq_signal_and_write),
	KUNIT_CASE(sync_without_msi_signals_nothing),
	KUNIT_CASE(resume_retry_sets_action_bit_12),
	KUNIT_CASE(resume_terminate_sets_abort_bit_13),
	KUNIT_CASE(pri_resp_names_group_pasid_and_code),
	KUNIT_CASE(command_macros_match_sources),
	/* stream table entries */
	KUNIT_CASE(ste_abort_is_valid_config_0),
	KUNIT_CASE(ste_bypass_is_config_4_with_incoming_shareability),
	KUNIT_CASE(ste_cdtab_one_cd_sets_pointer_and_walk_attrs),
	KUNIT_CASE(ste_cdtab_substreams_set_fmt_dss_ats_strw),
	KUNIT_CASE(ste_s2_sets_vmid_vtcr_and_table),
	KUNIT_CASE(ste_macros_match_sources),
	/* context descriptors */
	KUNIT_CASE(cd_s1_sets_tcr0_asid_ttb0_mair),
	KUNIT_CASE(cd_released_sets_epd0_and_keeps_asid),
	KUNIT_CASE(cd_macros_match_sources),
	/* level-1 descriptors */
	KUNIT_CASE(strtab_l1_desc_span_covers_the_level_2_table),
	KUNIT_CASE(l1_macros_match_sources),
	/* event records */
	KUNIT_CASE(event_decode_reads_each_field_at_its_position),
	KUNIT_CASE(event_decode_reads_fetch_and_page_request_addresses),
	KUNIT_CASE(event_bad_substreamid_reports_its_substreamid),
	KUNIT_CASE(event_cfg_conflict_reports_no_address),
	KUNIT_CASE(event_ids_and_names_match_spec),
	/* registers */
	KUNIT_CASE(idr_macros_match_sources),
	KUNIT_CASE(parse_idr_reads_each_field_at_its_position),
	KUNIT_CASE(control_register_macros_match_sources),
	KUNIT_CASE(gerror_all_is_the_defined_errors),
	KUNIT_CASE(table_and_queue_register_macros_match_sources),
	KUNIT_CASE(register_offsets_match_sources),
	KUNIT_CASE(msi_irq_cfg_sets_address_data_and_device_memattr),
	KUNIT_CASE(msi_irq_cfg_zero_address_disables_and_unaligned_fails),
	/* queues */
	KUNIT_CASE(queue_prod_cons_hold_index_and_wrap_bit),
	KUNIT_CASE(queue_full_and_empty_follow_the_wrap_rule),
	{}
};

static struct kunit_suite arm_smmu_v3_oracle_suite = {
	.name = "arm_smmu_v3_encoding_oracle",
	.test_cases = arm_smmu_v3_oracle_cases,
};

kunit_test_suite(arm_smmu_v3_oracle_suite);
