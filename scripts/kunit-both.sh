#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make kunit`: our KUnit suites and the in-tree reference suite in one go,
# then the case counts and the per-transition sync counts side by side
# (scripts/sync-table.sh). Fails when our suites fail or any of our sync
# counts is missing or above the in-tree suite's.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
out=${SMMU_OUT:-$TOP/out}

"$TOP/scripts/kunit.sh" ours
ours_rc=$?
"$TOP/scripts/kunit.sh" reference >"$out/logs/kunit-reference.summary" 2>&1
ref_rc=$?
echo
echo "in-tree reference suite: $(tail -n1 "$out/logs/kunit-reference.summary")"
[ $ref_rc = 0 ] || echo "(the reference suite failed: see $out/logs/kunit-reference.summary)"
echo
"$TOP/scripts/sync-table.sh" "$out/logs/kunit-ours.log"
table_rc=$?
[ $ours_rc = 0 ] && [ $table_rc = 0 ]
