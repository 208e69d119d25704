// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites for the pure hardware logic of the driver core: command
 * encoding, queue positions, range invalidation splitting, stream table
 * index math, event decoding, ID register parsing, the MSI
 * configuration registers and the ATC invalidations a domain's devices
 * list calls for.
 *
 * Expected encodings are written out from IHI0070 chapter 4 field by field,
 * not with the driver's own macros, so a wrong field position shows up.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "arm-smmu-v3.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static void expect_cmd(struct kunit *test, const struct arm_smmu_cmd *cmd,
		       u64 w0, u64 w1)
{
	KUNIT_EXPECT_EQ(test, le64_to_cpu(cmd->data[0]), w0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(cmd->data[1]), w1);
}

static void cmd_cfgi_ste_sid_and_leaf(struct kunit *test)
{
	struct arm_smmu_cmd cmd;

	/* opcode 0x03 in [7:0], SID in [63:32], Leaf in qword 1 bit 0 */
	arm_smmu_cmd_cfgi_ste(&cmd, 0x1234);
	expect_cmd(test, &cmd, 0x0000123400000003ULL, 0x1);
}

static void cmd_cfgi_all_is_range_31(struct kunit *test)
{
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_cfgi_all(&cmd);
	expect_cmd(test, &cmd, 0x04, 31);
}

static void cmd_cfgi_cd_ssid_field(struct kunit *test)
{
	struct arm_smmu_cmd cmd;

	/* SSID in [31:12] */
	arm_smmu_cmd_cfgi_cd(&cmd, 0x10, 0xfffff);
	expect_cmd(test, &cmd, 0x00000010fffff005ULL, 0x1);
}

static void cmd_tlbi_asid_and_vmid(struct kunit *test)
{
	struct arm_smmu_cmd cmd;

	/* ASID in [63:48] */
	arm_smmu_cmd_tlbi_nh_asid(&cmd, 0xbeef);
	expect_cmd(test, &cmd, 0xbeef000000000011ULL, 0);
	/* VMID in [47:32] */
	arm_smmu_cmd_tlbi_s12_vmall(&cmd, 0x0102);
	expect_cmd(test, &cmd, 0x0000010200000028ULL, 0);
	arm_smmu_cmd_tlbi_nsnh_all(&cmd);
	expect_cmd(test, &cmd, 0x30, 0);
	arm_smmu_cmd_tlbi_el2_all(&cmd);
	expect_cmd(test, &cmd, 0x20, 0);
}

static void cmd_tlbi_va_range_fields(struct kunit *test)
{
	struct arm_smmu_cmd cmd;

	/* NUM [16:12], SCALE [24:20]; TG [11:10], TTL [9:8], Leaf [0], VA [63:12] */
	arm_smmu_cmd_tlbi_nh_va(&cmd, 7, 0xffff000012345fffULL, true, 1, 31, 3, 0);
	expect_cmd(test, &cmd, 0x000700000031f012ULL,
		   0xffff000012345000ULL | (1 << 10) | 1);
	arm_smmu_cmd_tlbi_nh_va(&cmd, 7, 0x12345000ULL, true, 1, 0, 0, 3);
	expect_cmd(test, &cmd, 0x0007000000000012ULL,
		   0x12345000ULL | (1 << 10) | (3 << 8) | 1);
	/* IPA is [51:12]: higher bits are not an address */
	arm_smmu_cmd_tlbi_s2_ipa(&cmd, 9, 0xfff0000012345000ULL, false, 0, 0, 0, 0);
	expect_cmd(test, &cmd, 0x000000090000002aULL, 0x0000000012345000ULL);
	arm_smmu_cmd_tlbi_s2_ipa(&cmd, 9, 0x40000000ULL, true, 3, 1, 0, 2);
	expect_cmd(test, &cmd, 0x000000090000102aULL,
		   0x40000000ULL | (3 << 10) | (2 << 8) | 1);
}

/* Level of each leaf size: 4K pages, 2M and 1G blocks; 64K, 512M; 16K, 32M */
static void tlbi_ttl_names_the_leaf_level(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(12, 12, true), 3);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(12, 21, true), 2);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(12, 30, true), 1);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(16, 16, true), 3);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(16, 29, true), 2);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(14, 14, true), 3);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(14, 25, true), 2);
}

/* No hint where one would be wrong or undefined */
static void tlbi_ttl_no_hint(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(12, 12, false), 0);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(12, 21, false), 0);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(12, 13, true), 0);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(12, 39, true), 0);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(16, 12, true), 0);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(16, 42, true), 0);
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_ttl(14, 36, true), 0);
}

static void cmd_sync_with_and_without_msi(struct kunit *test)
{
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_sync(&cmd, 0, 0);
	expect_cmd(test, &cmd, 0x46, 0);

	/* CS=IRQ [13:12], MSH=ISH [23:22], MSIATTR=0xf [27:24], data [63:32] */
	arm_smmu_cmd_sync(&cmd, 0x80001004ULL, 0xcafe);
	expect_cmd(test, &cmd, 0x0000cafe0fc01046ULL, 0x80001004ULL);
}

static void cmd_resume_terminate(struct kunit *test)
{
	struct arm_smmu_cmd cmd;

	/* Terminate: Action (bit 12) 0 with Abort (bit 13); retry: Action 1 */
	arm_smmu_cmd_resume(&cmd, 0x42, 0x1234, true);
	expect_cmd(test, &cmd, 0x0000004200002044ULL, 0x1234);
	arm_smmu_cmd_resume(&cmd, 0x42, 0x1234, false);
	expect_cmd(test, &cmd, 0x0000004200001044ULL, 0x1234);
}

static void cmd_atc_inv_whole_space(struct kunit *test)
{
	struct arm_smmu_cmd cmd;

	arm_smmu_cmd_atc_inv_all(&cmd, 0x8, 0, false);
	expect_cmd(test, &cmd, 0x0000000800000040ULL, 52);
	arm_smmu_cmd_atc_inv_all(&cmd, 0x8, 3, true);
	expect_cmd(test, &cmd, 0x0000000800003840ULL, 52);
}

static struct kunit_case arm_smmu_v3_cmd_cases[] = {
	KUNIT_CASE(cmd_cfgi_ste_sid_and_leaf),
	KUNIT_CASE(cmd_cfgi_all_is_range_31),
	KUNIT_CASE(cmd_cfgi_cd_ssid_field),
	KUNIT_CASE(cmd_tlbi_asid_and_vmid),
	KUNIT_CASE(cmd_tlbi_va_range_fields),
	KUNIT_CASE(cmd_sync_with_and_without_msi),
	KUNIT_CASE(cmd_resume_terminate),
	KUNIT_CASE(cmd_atc_inv_whole_space),
	{}
};

static struct kunit_suite arm_smmu_v3_cmd_suite = {
	.name = "arm_smmu_v3_cmd_encoding",
	.test_cases = arm_smmu_v3_cmd_cases,
};

/* ------------------------------------------------------------------------
 * Queue positions
 */

static void queue_reg_carries_wrap_bit(struct kunit *test)
{
	/* 8 entries: index [2:0], wrap bit 3 */
	KUNIT_EXPECT_EQ(test, arm_smmu_q_reg(3, 7), 7U);
	KUNIT_EXPECT_EQ(test, arm_smmu_q_reg(3, 8), 8U);	/* idx 0, wrap 1 */
	KUNIT_EXPECT_EQ(test, arm_smmu_q_reg(3, 16), 0U);	/* idx 0, wrap 0 */
	KUNIT_EXPECT_EQ(test, arm_smmu_q_idx(3, 8 | 5), 5U);
}

static void queue_used_across_wrap(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, arm_smmu_q_used(3, 0, 0), 0U);
	/* prod wrapped, cons not: full */
	KUNIT_EXPECT_EQ(test, arm_smmu_q_used(3, 8 | 2, 2), 8U);
	/* prod wrapped back to wrap 0 while cons is at wrap 1 */
	KUNIT_EXPECT_EQ(test, arm_smmu_q_used(3, 1, 8 | 6), 3U);
}

/* Brute force: every cons within one queue of prod converts back exactly. */
static void queue_cons_pos_exact_within_one_queue(struct kunit *test)
{
	const u32 shift = 4;
	u64 prod, cons;

	for (prod = 0; prod < 200; prod += 7)
		for (cons = prod > 16 ? prod - 16 : 0; cons <= prod; cons++)
			KUNIT_EXPECT_EQ(test,
					arm_smmu_q_cons_pos(shift, prod,
							    arm_smmu_q_reg(shift, cons)),
					cons);
}

/* If the SMMU ran past the snapshot, the answer may be low, never high. */
static void queue_cons_pos_never_early(struct kunit *test)
{
	const u32 shift = 4;
	u64 prod = 100, cons;

	for (cons = prod + 1; cons < prod + 40; cons++)
		KUNIT_EXPECT_LE(test,
				arm_smmu_q_cons_pos(shift, prod,
						    arm_smmu_q_reg(shift, cons)),
				prod);
}

static struct kunit_case arm_smmu_v3_queue_cases[] = {
	KUNIT_CASE(queue_reg_carries_wrap_bit),
	KUNIT_CASE(queue_used_across_wrap),
	KUNIT_CASE(queue_cons_pos_exact_within_one_queue),
	KUNIT_CASE(queue_cons_pos_never_early),
	{}
};

static struct kunit_suite arm_smmu_v3_queue_suite = {
	.name = "arm_smmu_v3_queue_index",
	.test_cases = arm_smmu_v3_queue_cases,
};

/* ------------------------------------------------------------------------
 * Range invalidation
 */

static void tlbi_split_covers_exactly(struct kunit *test)
{
	struct arm_smmu_tlbi_range r[16];
	u64 pages;

	for (pages = 1; pages < 2048; pages++) {
		unsigned int n = arm_smmu_tlbi_split(pages, r, ARRAY_SIZE(r));
		unsigned int i, bits = fls64(pages) - __ffs64(pages);
		u64 sum = 0;

		KUNIT_ASSERT_LE(test, n, (unsigned int)ARRAY_SIZE(r));
		/* one command per (up to) five bits of the span */
		KUNIT_EXPECT_LE(test, n, DIV_ROUND_UP(bits, 5));
		for (i = 0; i < n; i++) {
			KUNIT_EXPECT_LE(test, r[i].num, 31);
			KUNIT_EXPECT_EQ(test, r[i].pages,
					((u64)r[i].num + 1) << r[i].scale);
			sum += r[i].pages;
		}
		KUNIT_EXPECT_EQ(test, sum, pages);
	}
}

static void tlbi_split_small_counts(struct kunit *test)
{
	struct arm_smmu_tlbi_range r[4];

	/* 32 pages: NUM 0, SCALE 5 */
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_split(32, r, 4), 1U);
	KUNIT_EXPECT_EQ(test, r[0].num, 0);
	KUNIT_EXPECT_EQ(test, r[0].scale, 5);
	/* 31 pages: one command, NUM 30, SCALE 0 */
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_split(31, r, 4), 1U);
	KUNIT_EXPECT_EQ(test, r[0].num, 30);
	/* 33 pages: 1 page, then 32 */
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_split(33, r, 4), 2U);
	KUNIT_EXPECT_EQ(test, r[0].pages, 1ULL);
	KUNIT_EXPECT_EQ(test, r[1].pages, 32ULL);
}

/*
 * SCALE is a five-bit field (IHI0070 4.4.1.1): a count with bits at 2^31 or
 * above is covered with SCALE 31, and one that even 32 blocks of 2^31
 * cannot cover asks for more commands than any caller has room for.
 */
static void tlbi_split_scale_fits_five_bits(struct kunit *test)
{
	static const u64 counts[] = {
		BIT_ULL(31), BIT_ULL(32) + 1, BIT_ULL(35), BIT_ULL(35) + 3,
		BIT_ULL(36) - 1, BIT_ULL(36), BIT_ULL(36) + 1, BIT_ULL(40),
		U64_MAX,
	};
	struct arm_smmu_tlbi_range r[8];
	unsigned int c, i, n;

	for (c = 0; c < ARRAY_SIZE(counts); c++) {
		u64 sum = 0;

		n = arm_smmu_tlbi_split(counts[c], r, ARRAY_SIZE(r));
		if (n > ARRAY_SIZE(r))
			continue;	/* the caller invalidates everything */
		for (i = 0; i < n; i++) {
			KUNIT_EXPECT_LE(test, r[i].scale, 31);
			KUNIT_EXPECT_LE(test, r[i].num, 31);
			KUNIT_EXPECT_EQ(test, r[i].pages,
					((u64)r[i].num + 1) << r[i].scale);
			sum += r[i].pages;
		}
		KUNIT_EXPECT_EQ_MSG(test, sum, counts[c], "count 0x%llx",
				    counts[c]);
	}
	/* 2^36 granules: exactly one command of 32 blocks of 2^31 */
	KUNIT_EXPECT_EQ(test, arm_smmu_tlbi_split(BIT_ULL(36), r, 8), 1U);
	KUNIT_EXPECT_EQ(test, r[0].scale, 31);
	KUNIT_EXPECT_EQ(test, r[0].num, 31);
	KUNIT_EXPECT_GT(test, arm_smmu_tlbi_split(BIT_ULL(36) + BIT_ULL(31), r, 8), 8U);
	KUNIT_EXPECT_GT(test, arm_smmu_tlbi_split(BIT_ULL(40), r, 8), 8U);
}

static struct kunit_case arm_smmu_v3_tlbi_cases[] = {
	KUNIT_CASE(tlbi_split_covers_exactly),
	KUNIT_CASE(tlbi_split_small_counts),
	KUNIT_CASE(tlbi_split_scale_fits_five_bits),
	KUNIT_CASE(tlbi_ttl_names_the_leaf_level),
	KUNIT_CASE(tlbi_ttl_no_hint),
	{}
};

static struct kunit_suite arm_smmu_v3_tlbi_suite = {
	.name = "arm_smmu_v3_tlbi_range",
	.test_cases = arm_smmu_v3_tlbi_cases,
};

/* ------------------------------------------------------------------------
 * Stream table
 */

static void strtab_index_split_at_8_bits(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, arm_smmu_strtab_l1_idx(0x0010), 0U);
	KUNIT_EXPECT_EQ(test, arm_smmu_strtab_l2_idx(0x0010), 0x10U);
	KUNIT_EXPECT_EQ(test, arm_smmu_strtab_l1_idx(0x1234), 0x12U);
	KUNIT_EXPECT_EQ(test, arm_smmu_strtab_l2_idx(0x1234), 0x34U);
	KUNIT_EXPECT_EQ(test, arm_smmu_strtab_l1_idx(0xffff), 0xffU);
}

static void strtab_l1_desc_span_and_pointer(struct kunit *test)
{
	/* SPAN [4:0] = 9 for 256 STEs, L2Ptr [51:6] */
	KUNIT_EXPECT_EQ(test, arm_smmu_strtab_l1_desc(0x123456000ULL),
			0x123456000ULL | 9);
	/* bits below 64-byte alignment are not part of the pointer */
	KUNIT_EXPECT_EQ(test, arm_smmu_strtab_l1_desc(0x40003fULL),
			0x400000ULL | 9);
}

static struct kunit_case arm_smmu_v3_strtab_cases[] = {
	KUNIT_CASE(strtab_index_split_at_8_bits),
	KUNIT_CASE(strtab_l1_desc_span_and_pointer),
	{}
};

static struct kunit_suite arm_smmu_v3_strtab_suite = {
	.name = "arm_smmu_v3_strtab_index",
	.test_cases = arm_smmu_v3_strtab_cases,
};

/* ------------------------------------------------------------------------
 * Events
 */

static void make_event(__le64 *raw, u64 w0, u64 w1, u64 w2, u64 w3)
{
	raw[0] = cpu_to_le64(w0);
	raw[1] = cpu_to_le64(w1);
	raw[2] = cpu_to_le64(w2);
	raw[3] = cpu_to_le64(w3);
}

static void event_translation_write_unpriv(struct kunit *test)
{
	struct arm_smmu_event evt;
	__le64 raw[4];
	char buf[160];

	/* F_TRANSLATION, SID 0x10, no SSID; RnW=0 (write), PnU=0, InD=0 */
	make_event(raw, 0x0000001000000010ULL, 0, 0xdead0000ULL, 0);
	arm_smmu_decode_event(raw, &evt);
	KUNIT_EXPECT_STREQ(test, evt.name, "F_TRANSLATION");
	KUNIT_EXPECT_EQ(test, evt.sid, 0x10U);
	KUNIT_EXPECT_FALSE(test, evt.ssv);
	KUNIT_EXPECT_TRUE(test, evt.has_addr);
	KUNIT_EXPECT_EQ(test, evt.addr, 0xdead0000ULL);
	KUNIT_EXPECT_FALSE(test, evt.read);

	arm_smmu_format_event(&evt, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "F_TRANSLATION (0x10) sid 0x10 iova 0xdead0000 write unpriv data");
}

static void event_permission_read_priv_exec_stalled_ssid(struct kunit *test)
{
	struct arm_smmu_event evt;
	__le64 raw[4];
	char buf[160];

	/* SSV [11], SSID 5 [31:12]; Stall [31], PnU [33], InD [34], RnW [35], STAG 0x77 */
	make_event(raw, 0x0000002a00005813ULL,
		   BIT_ULL(31) | BIT_ULL(33) | BIT_ULL(34) | BIT_ULL(35) | 0x77,
		   0x1000ULL, 0);
	arm_smmu_decode_event(raw, &evt);
	KUNIT_EXPECT_STREQ(test, evt.name, "F_PERMISSION");
	KUNIT_EXPECT_TRUE(test, evt.ssv);
	KUNIT_EXPECT_EQ(test, evt.ssid, 5U);
	KUNIT_EXPECT_TRUE(test, evt.stall);
	KUNIT_EXPECT_EQ(test, evt.stag, 0x77);
	arm_smmu_format_event(&evt, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf,
			   "F_PERMISSION (0x13) sid 0x2a ssid 0x5 iova 0x1000 read priv exec stalled");
}

static void event_cd_fetch_reports_fetch_address(struct kunit *test)
{
	struct arm_smmu_event evt;
	__le64 raw[4];

	make_event(raw, 0x0000000300000009ULL, 0, 0, 0x80001047ULL);
	arm_smmu_decode_event(raw, &evt);
	KUNIT_EXPECT_STREQ(test, evt.name, "F_CD_FETCH");
	KUNIT_EXPECT_EQ(test, evt.addr, 0x80001040ULL);	/* [51:3] */
	KUNIT_EXPECT_FALSE(test, evt.has_access);
}

static void event_names_of_every_architected_type(struct kunit *test)
{
	static const struct { u8 id; const char *name; } table[] = {
		{ 0x01, "F_UUT" }, { 0x02, "C_BAD_STREAMID" },
		{ 0x03, "F_STE_FETCH" }, { 0x04, "C_BAD_STE" },
		{ 0x05, "F_BAD_ATS_TREQ" }, { 0x06, "F_STREAM_DISABLED" },
		{ 0x07, "F_TRANSL_FORBIDDEN" }, { 0x08, "C_BAD_SUBSTREAMID" },
		{ 0x09, "F_CD_FETCH" }, { 0x0a, "C_BAD_CD" },
		{ 0x0b, "F_WALK_EABT" }, { 0x10, "F_TRANSLATION" },
		{ 0x11, "F_ADDR_SIZE" }, { 0x12, "F_ACCESS" },
		{ 0x13, "F_PERMISSION" }, { 0x20, "F_TLB_CONFLICT" },
		{ 0x21, "F_CFG_CONFLICT" }, { 0x24, "E_PAGE_REQUEST" },
		{ 0x25, "F_VMS_FETCH" }, { 0xe3, "IMPDEF" }, { 0x0c, "UNKNOWN" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(table); i++)
		KUNIT_EXPECT_STREQ(test, arm_smmu_event_name(table[i].id),
				   table[i].name);
}

static struct kunit_case arm_smmu_v3_event_cases[] = {
	KUNIT_CASE(event_translation_write_unpriv),
	KUNIT_CASE(event_permission_read_priv_exec_stalled_ssid),
	KUNIT_CASE(event_cd_fetch_reports_fetch_address),
	KUNIT_CASE(event_names_of_every_architected_type),
	{}
};

static struct kunit_suite arm_smmu_v3_event_suite = {
	.name = "arm_smmu_v3_event_decode",
	.test_cases = arm_smmu_v3_event_cases,
};

/* ------------------------------------------------------------------------
 * ID registers
 */

/* QEMU 7.2 virt,iommu=smmuv3 (read from the model, platform-facts.md) */
static const u32 qemu_idr[6] = { 0x0d40101a, 0x02730010, 0, 0x1404, 0, 0x74 };

static void idr_qemu_7_2(struct kunit *test)
{
	struct arm_smmu_features f;
	const char *why;

	KUNIT_ASSERT_EQ(test, arm_smmu_parse_idr(qemu_idr, &f, &why), 0);
	KUNIT_EXPECT_TRUE(test, f.s1);
	KUNIT_EXPECT_FALSE(test, f.s2);
	KUNIT_EXPECT_TRUE(test, f.coherent);
	KUNIT_EXPECT_EQ(test, f.asid_bits, 16);
	KUNIT_EXPECT_EQ(test, f.vmid_bits, 8);
	KUNIT_EXPECT_TRUE(test, f.strtab_2lvl);
	KUNIT_EXPECT_FALSE(test, f.cd_2lvl);
	KUNIT_EXPECT_EQ(test, f.sid_bits, 16);
	KUNIT_EXPECT_EQ(test, f.ssid_bits, 0);
	KUNIT_EXPECT_EQ(test, f.cmdq_shift, 19);
	KUNIT_EXPECT_EQ(test, f.evtq_shift, 19);
	KUNIT_EXPECT_TRUE(test, f.ril);
	KUNIT_EXPECT_EQ(test, f.oas, 44);
	KUNIT_EXPECT_EQ(test, f.pgsize_bitmap,
			SZ_4K | SZ_2M | SZ_1G | SZ_16K | SZ_32M | SZ_64K | SZ_512M);
	KUNIT_EXPECT_FALSE(test, f.msi);
	KUNIT_EXPECT_FALSE(test, f.ats);
	KUNIT_EXPECT_FALSE(test, f.pri);
	KUNIT_EXPECT_EQ(test, f.stall_model, IDR0_STALL_MODEL_NONE);
}

/*
 * An MMU-600-like configuration, assembled field by field from what the
 * MMU-600 TRM lists as implemented (not a register dump): both stages,
 * AArch32+64 tables, coherent, BTM, HTTU, HYP, ATS, 16-bit ASID/VMID, MSI,
 * SEV, PRI, two-level CD and stream tables, mixed endian, stall supported;
 * SIDSIZE 24, SSIDSIZE 20, queues of 2^8..2^10, OAS 48, 4K and 64K granules.
 */
static void idr_mmu600_like(struct kunit *test)
{
	const u32 idr[6] = {
		0x0c0ff7bf,
		FIELD_PREP(IDR1_SIDSIZE, 24) | FIELD_PREP(IDR1_SSIDSIZE, 20) |
		FIELD_PREP(IDR1_PRIQS, 8) | FIELD_PREP(IDR1_EVTQS, 8) |
		FIELD_PREP(IDR1_CMDQS, 10),
		0, 0, 0, 0x55,
	};
	struct arm_smmu_features f;
	const char *why;

	KUNIT_ASSERT_EQ(test, arm_smmu_parse_idr(idr, &f, &why), 0);
	KUNIT_EXPECT_TRUE(test, f.s1);
	KUNIT_EXPECT_TRUE(test, f.s2);
	KUNIT_EXPECT_EQ(test, f.vmid_bits, 16);
	KUNIT_EXPECT_TRUE(test, f.cd_2lvl);
	KUNIT_EXPECT_TRUE(test, f.msi);
	KUNIT_EXPECT_TRUE(test, f.ats);
	KUNIT_EXPECT_TRUE(test, f.pri);
	KUNIT_EXPECT_TRUE(test, f.hyp);
	KUNIT_EXPECT_EQ(test, f.sid_bits, 24);
	KUNIT_EXPECT_EQ(test, f.ssid_bits, 20);
	KUNIT_EXPECT_FALSE(test, f.ril);
	KUNIT_EXPECT_EQ(test, f.oas, 48);
	KUNIT_EXPECT_EQ(test, f.pgsize_bitmap,
			SZ_4K | SZ_2M | SZ_1G | SZ_64K | SZ_512M);
	KUNIT_EXPECT_EQ(test, f.stall_model, IDR0_STALL_MODEL_STALL);
}

/*
 * An MMU-700-like configuration (again assembled from TRM features):
 * as above plus range invalidation (IDR3.RIL), OAS 52, all three granules.
 */
static void idr_mmu700_like(struct kunit *test)
{
	const u32 idr[6] = {
		0x0c0ff7bf,
		FIELD_PREP(IDR1_SIDSIZE, 32) | FIELD_PREP(IDR1_SSIDSIZE, 20) |
		FIELD_PREP(IDR1_PRIQS, 10) | FIELD_PREP(IDR1_EVTQS, 10) |
		FIELD_PREP(IDR1_CMDQS, 12),
		0, IDR3_RIL, 0, 0x76,
	};
	struct arm_smmu_features f;
	const char *why;

	KUNIT_ASSERT_EQ(test, arm_smmu_parse_idr(idr, &f, &why), 0);
	KUNIT_EXPECT_TRUE(test, f.ril);
	KUNIT_EXPECT_EQ(test, f.oas, 52);
	KUNIT_EXPECT_EQ(test, f.sid_bits, 32);
}

static void idr_refuses_what_cannot_be_driven(struct kunit *test)
{
	struct arm_smmu_features f;
	const char *why;
	u32 idr[6];

	memcpy(idr, qemu_idr, sizeof(idr));
	idr[0] &= ~(IDR0_S1P | IDR0_S2P);
	KUNIT_EXPECT_EQ(test, arm_smmu_parse_idr(idr, &f, &why), -ENODEV);
	KUNIT_EXPECT_NOT_NULL(test, why);

	memcpy(idr, qemu_idr, sizeof(idr));
	idr[0] &= ~IDR0_TTF;
	idr[0] |= FIELD_PREP(IDR0_TTF, 1);	/* AArch32 only */
	KUNIT_EXPECT_EQ(test, arm_smmu_parse_idr(idr, &f, &why), -ENODEV);

	memcpy(idr, qemu_idr, sizeof(idr));
	idr[5] &= ~(IDR5_GRAN4K | IDR5_GRAN16K | IDR5_GRAN64K);
	KUNIT_EXPECT_EQ(test, arm_smmu_parse_idr(idr, &f, &why), -ENODEV);

	/*
	 * Granules larger than the CPU's pages only: the DMA API cannot
	 * allocate IOVAs in them (init_iova_domain() would BUG)
	 */
	if (PAGE_SIZE < SZ_64K) {
		memcpy(idr, qemu_idr, sizeof(idr));
		idr[5] &= ~(IDR5_GRAN4K | IDR5_GRAN16K);
		idr[5] |= IDR5_GRAN64K;
		KUNIT_EXPECT_EQ(test, arm_smmu_parse_idr(idr, &f, &why), -ENODEV);
	}

	memcpy(idr, qemu_idr, sizeof(idr));
	idr[1] |= IDR1_TABLES_PRESET;
	KUNIT_EXPECT_EQ(test, arm_smmu_parse_idr(idr, &f, &why), -ENODEV);

	/* QEMU 7.2 answers 0 to 64-bit ID reads: such a read must not pass */
	memset(idr, 0, sizeof(idr));
	KUNIT_EXPECT_EQ(test, arm_smmu_parse_idr(idr, &f, &why), -ENODEV);
}

static struct kunit_case arm_smmu_v3_idr_cases[] = {
	KUNIT_CASE(idr_qemu_7_2),
	KUNIT_CASE(idr_mmu600_like),
	KUNIT_CASE(idr_mmu700_like),
	KUNIT_CASE(idr_refuses_what_cannot_be_driven),
	{}
};

static struct kunit_suite arm_smmu_v3_idr_suite = {
	.name = "arm_smmu_v3_idr_parse",
	.test_cases = arm_smmu_v3_idr_cases,
};

/*
 * MSI configuration registers, IHI0070 6.3.16-6.3.18: CFG0 holds the
 * doorbell in bits [51:2], CFG1 the data, CFG2 MemAttr in [3:0] (0b0001 is
 * Device-nGnRE) and SH in [5:4].
 */
static void msi_cfg_its_doorbell(struct kunit *test)
{
	struct arm_smmu_irq_cfg cfg;

	/* GITS_TRANSLATER of QEMU virt's ITS, event ID 5 */
	KUNIT_EXPECT_EQ(test, arm_smmu_msi_irq_cfg(&cfg, 0x08090040, 5), 0);
	KUNIT_EXPECT_EQ(test, cfg.cfg0, 0x08090040ULL);
	KUNIT_EXPECT_EQ(test, cfg.cfg1, 5U);
	KUNIT_EXPECT_EQ(test, cfg.cfg2, 0x1U);

	KUNIT_EXPECT_EQ(test, arm_smmu_msi_irq_cfg(&cfg, 0xffffffffffffcULL,
						   0xffffffff), 0);
	KUNIT_EXPECT_EQ(test, cfg.cfg0, 0xffffffffffffcULL);
	KUNIT_EXPECT_EQ(test, cfg.cfg1, 0xffffffffU);
}

static void msi_cfg_refuses_what_cfg0_cannot_hold(struct kunit *test)
{
	static const u64 bad[] = { 0x08090042, 0x08090041, 1ULL << 52,
				   0x8000000008090040ULL };
	struct arm_smmu_irq_cfg cfg;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(&cfg, 0xa5, sizeof(cfg));
		KUNIT_EXPECT_EQ_MSG(test, arm_smmu_msi_irq_cfg(&cfg, bad[i], 1),
				    -EINVAL, "addr %#llx", bad[i]);
		/* All zero: ADDR 0 disables the MSI. */
		KUNIT_EXPECT_EQ(test, cfg.cfg0, 0ULL);
		KUNIT_EXPECT_EQ(test, cfg.cfg1, 0U);
		KUNIT_EXPECT_EQ(test, cfg.cfg2, 0U);
	}
}

/* Address 0 is how the MSI core takes a message down: disable, no error. */
static void msi_cfg_zero_address_disables(struct kunit *test)
{
	struct arm_smmu_irq_cfg cfg;

	memset(&cfg, 0xa5, sizeof(cfg));
	KUNIT_EXPECT_EQ(test, arm_smmu_msi_irq_cfg(&cfg, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, cfg.cfg0, 0ULL);
	KUNIT_EXPECT_EQ(test, cfg.cfg1, 0U);
	KUNIT_EXPECT_EQ(test, cfg.cfg2, 0U);
}

static struct kunit_case arm_smmu_v3_msi_cases[] = {
	KUNIT_CASE(msi_cfg_zero_address_disables),
	KUNIT_CASE(msi_cfg_its_doorbell),
	KUNIT_CASE(msi_cfg_refuses_what_cfg0_cannot_hold),
	{}
};

static struct kunit_suite arm_smmu_v3_msi_suite = {
	.name = "arm_smmu_v3_msi_cfg",
	.test_cases = arm_smmu_v3_msi_cases,
};

/*
 * A domain's devices list and its ATS count: arm_smmu_domain_inv_atc() must
 * name every StreamID of every ATS-enabled (master, SSID), and nothing once
 * the last of them is unlinked. Nothing here reaches a command queue: the
 * batch holds fewer commands than it publishes at.
 */
struct atc_fixture {
	struct arm_smmu_domain	d;
	u32			sids_ats[2];
	u32			sid_plain;
	struct arm_smmu_master	ats, plain;
	struct arm_smmu_attach	ats0, ats5, plain0;
	struct arm_smmu_batch	batch;
};

static struct atc_fixture *atc_fixture(struct kunit *test)
{
	struct atc_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	spin_lock_init(&f->d.devices_lock);
	INIT_LIST_HEAD(&f->d.devices);
	atomic_set(&f->d.nr_ats, 0);
	f->sids_ats[0] = 0x10;
	f->sids_ats[1] = 0x11;
	f->ats.sids = f->sids_ats;
	f->ats.num_sids = 2;
	f->sid_plain = 0x20;
	f->plain.sids = &f->sid_plain;
	f->plain.num_sids = 1;
	f->ats0 = (struct arm_smmu_attach){ .master = &f->ats, .ssid = 0,
					    .ats = true };
	f->ats5 = (struct arm_smmu_attach){ .master = &f->ats, .ssid = 5,
					    .ats = true };
	f->plain0 = (struct arm_smmu_attach){ .master = &f->plain, .ssid = 0 };
	return f;
}

static void atc_link(struct atc_fixture *f, struct arm_smmu_attach *att)
{
	mutex_lock(&arm_smmu_asid_lock);
	arm_smmu_domain_link(&f->d, att);
	mutex_unlock(&arm_smmu_asid_lock);
}

static void atc_unlink(struct atc_fixture *f, struct arm_smmu_attach *att)
{
	mutex_lock(&arm_smmu_asid_lock);
	arm_smmu_domain_unlink(&f->d, att);
	mutex_unlock(&arm_smmu_asid_lock);
}

/* Bit n of the result: the batch invalidates (StreamID 0x10 + n, SSID). */
static unsigned long atc_collect(struct kunit *test, struct atc_fixture *f,
				 u32 ssid)
{
	unsigned long seen = 0;
	unsigned int i;

	arm_smmu_batch_init(&f->batch, NULL);
	arm_smmu_domain_inv_atc(&f->d, &f->batch, 0, 0);
	for (i = 0; i < f->batch.n; i++) {
		u64 w0 = le64_to_cpu(f->batch.cmds[i].data[0]);
		u32 sid = w0 >> 32;

		KUNIT_EXPECT_EQ(test, w0 & 0xff, 0x40ULL);	/* CMD_ATC_INV */
		if ((w0 >> 12 & 0xfffff) != ssid)
			continue;
		KUNIT_EXPECT_NE_MSG(test, sid, f->sid_plain,
				    "ATC invalidation for a master without ATS");
		if (sid >= 0x10 && sid < 0x10 + BITS_PER_LONG)
			seen |= BIT(sid - 0x10);
	}
	return seen;
}

static void atc_inv_names_every_ats_sid_and_ssid(struct kunit *test)
{
	struct atc_fixture *f = atc_fixture(test);

	atc_link(f, &f->plain0);
	KUNIT_EXPECT_EQ(test, atc_collect(test, f, 0), 0UL);
	KUNIT_EXPECT_EQ(test, f->batch.n, 0U);

	atc_link(f, &f->ats0);
	atc_link(f, &f->ats5);
	KUNIT_EXPECT_EQ(test, atc_collect(test, f, 0), 0x3UL);
	KUNIT_EXPECT_EQ(test, f->batch.n, 4U);
	KUNIT_EXPECT_EQ(test, atc_collect(test, f, 5), 0x3UL);
}

static void atc_inv_stops_with_the_last_ats_entry(struct kunit *test)
{
	struct atc_fixture *f = atc_fixture(test);

	atc_link(f, &f->ats0);
	atc_link(f, &f->plain0);
	atc_link(f, &f->ats5);

	atc_unlink(f, &f->ats0);
	KUNIT_EXPECT_EQ(test, atc_collect(test, f, 0), 0UL);
	KUNIT_EXPECT_EQ(test, atc_collect(test, f, 5), 0x3UL);

	atc_unlink(f, &f->ats5);
	KUNIT_EXPECT_EQ(test, atc_collect(test, f, 5), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->d.nr_ats), 0);

	/* Relinking after the count dropped to zero counts again. */
	atc_link(f, &f->ats5);
	KUNIT_EXPECT_EQ(test, atc_collect(test, f, 5), 0x3UL);
}

static struct kunit_case arm_smmu_v3_atc_cases[] = {
	KUNIT_CASE(atc_inv_names_every_ats_sid_and_ssid),
	KUNIT_CASE(atc_inv_stops_with_the_last_ats_entry),
	{}
};

static struct kunit_suite arm_smmu_v3_atc_suite = {
	.name = "arm_smmu_v3_domain_atc",
	.test_cases = arm_smmu_v3_atc_cases,
};

kunit_test_suites(&arm_smmu_v3_cmd_suite, &arm_smmu_v3_queue_suite,
		  &arm_smmu_v3_tlbi_suite, &arm_smmu_v3_strtab_suite,
		  &arm_smmu_v3_event_suite, &arm_smmu_v3_idr_suite,
		  &arm_smmu_v3_msi_suite, &arm_smmu_v3_atc_suite);
