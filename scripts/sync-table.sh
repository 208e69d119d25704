#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Table of sync counts: for each transition the in-tree 6.12 KUnit suite
# checks, the count it expects (NUM_EXPECTED_SYNCS(n) in its source) beside
# the count our writer needed (the "# sync-count <case> <n>" lines our suite
# prints). Fails if one of ours is missing or higher.
#
# usage: scripts/sync-table.sh KUNIT_LOG [IN_TREE_TEST_C]
#   KUNIT_LOG       a log of our suite, e.g. out/logs/kunit-ours.log
#   IN_TREE_TEST_C  default: arm-smmu-v3-test.c of the unpacked 6.12 source
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

log=${1:?usage: sync-table.sh KUNIT_LOG [IN_TREE_TEST_C]}
intree=${2:-$(src_dir)/drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-test.c}
[ -r "$log" ] || die "cannot read $log"
[ -r "$intree" ] || die "cannot read $intree"

# In-tree case (without its arm_smmu_v3_write_ prefix) -> our case
map='
ste_test_bypass_to_abort		ste_bypass_to_abort
ste_test_abort_to_bypass		ste_abort_to_bypass
ste_test_cdtable_to_abort		ste_cdtab_to_abort_with_ats
ste_test_abort_to_cdtable		ste_abort_to_cdtab_with_ats
ste_test_cdtable_to_bypass		ste_cdtab_to_bypass_with_ats
ste_test_bypass_to_cdtable		ste_bypass_to_cdtab_with_ats
ste_test_cdtable_s1dss_change		ste_cdtab_s1dss_change_with_ats
ste_test_s1dssbypass_to_stebypass	ste_s1dss_bypass_to_bypass_with_ats
ste_test_stebypass_to_s1dssbypass	ste_bypass_to_s1dss_bypass_with_ats
ste_test_s2_to_abort			ste_s2_to_abort_with_ats
ste_test_abort_to_s2			ste_abort_to_s2_with_ats
ste_test_s2_to_bypass			ste_s2_to_bypass_with_ats
ste_test_bypass_to_s2			ste_bypass_to_s2_with_ats
ste_test_s1_to_s2			ste_s1_to_s2_with_ats
ste_test_s2_to_s1			ste_s2_to_s1_with_ats
ste_test_non_hitless			ste_cdtab_table_and_s1dss_change_with_ats
cd_test_s1_clear			cd_zero_to_s1_and_back
cd_test_s1_change_asid			cd_s1_asid_change_and_back
ste_test_s1_to_s2_stall			ste_s1_to_s2_with_stall
ste_test_s2_to_s1_stall			ste_s2_to_s1_with_stall
cd_test_sva_clear			cd_zero_to_sva_and_back
cd_test_sva_release			cd_sva_to_released_and_back
'

# "<in-tree case> <n>" per NUM_EXPECTED_SYNCS(n), in source order
expected=$(awk '
	match($0, /^(static void )?arm_smmu_v3_write_[a-z0-9_]+\(/) {
		fn = $0
		sub(/^.*arm_smmu_v3_write_/, "", fn)
		sub(/\(.*$/, "", fn)
	}
	/^[a-z].*\(/ && !/arm_smmu_v3_write_/ { fn = "" }
	fn != "" {
		line = $0
		while (match(line, /NUM_EXPECTED_SYNCS\([0-9]+\)/)) {
			n = substr(line, RSTART + 19, RLENGTH - 20)
			print fn, n
			line = substr(line, RSTART + RLENGTH)
		}
	}' "$intree")

# "<our case> <n>" per sync-count line, in log order
ours=$(sed -n 's/.*[# ]sync-count \([^ ]*\) \([0-9]*\).*/\1 \2/p' "$log")

printf '%-44s %-42s %7s %5s\n' "in-tree case" "our case" "in-tree" "ours"
rc=0 total_theirs=0 total_ours=0 rows=0
while read -r theirs ourcase; do
	[ -n "$theirs" ] || continue
	want=$(echo "$expected" | awk -v c="$theirs" '$1 == c { print $2 }')
	got=$(echo "$ours" | awk -v c="$ourcase" '$1 == c { print $2 }')
	[ -n "$want" ] || die "no NUM_EXPECTED_SYNCS for $theirs in $intree"
	mapfile -t w <<<"$want"
	mapfile -t g <<<"$got"
	for i in "${!w[@]}"; do
		label=$theirs
		[ ${#w[@]} -eq 1 ] || label="$theirs #$((i + 1))"
		o=${g[$i]:-}
		if [ -z "$o" ]; then
			o=missing
			rc=1
		elif [ "$o" -gt "${w[$i]}" ]; then
			o="$o (more!)"
			rc=1
		else
			total_ours=$((total_ours + o))
		fi
		total_theirs=$((total_theirs + w[i]))
		rows=$((rows + 1))
		printf '%-44s %-42s %7s %5s\n' "$label" "$ourcase" "${w[$i]}" "$o"
	done
done <<<"$map"
printf '%-44s %-42s %7s %5s\n' "total ($rows transitions)" "" \
	"$total_theirs" "$total_ours"
exit $rc
