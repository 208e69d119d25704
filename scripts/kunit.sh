#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run a driver's KUnit module on the QEMU SMMU machine and report through
# kunit.py from the 6.12 source.
#
# Two pitfalls (see platform-facts.md) shape this: `kunit.py exec` reboots
# right after the built-in suites, before /init, so the module is loaded by
# our own /init instead; and the kernel's empty boot-time KTAP header would
# make `kunit.py parse` report "0 tests", so only the text between the
# guest's markers, which starts at the module's own header, is parsed.
#
# Usage: kunit.sh [ours|reference]
# Appends "pass|fail NAME" lines to $SMMU_RESULTS when it is set.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

driver=${1:-ours}
out=${SMMU_OUT:-$TOP/out}
log=$out/logs/kunit-$driver.log
ktap=$out/logs/kunit-$driver.ktap
parsed=$out/logs/kunit-$driver.parsed
tag="kunit[$driver]"

"$TOP/scripts/run-qemu.sh" -d "$driver" -j kunit -l "$log"
qemu_ok=$?

sed -n '/smmu-kunit: begin/,/smmu-kunit: end/p' "$log" >"$ktap"
python3 "$(src_dir)/tools/testing/kunit/kunit.py" parse "$ktap" >"$parsed" 2>&1
parse_rc=$?
cat "$parsed"

# "Testing complete. Ran 22 tests: passed: 22" (failed:, skipped: follow
# when non-zero)
summary=$(grep -aE 'Ran [0-9]+ tests' "$parsed" | tail -n1)
count() { echo "$summary" | grep -oE "$1: [0-9]+" | grep -oE '[0-9]+' || echo 0; }
ran=$(echo "$summary" | grep -oE 'Ran [0-9]+' | grep -oE '[0-9]+' || echo 0)
passed=$(count passed)
failed=$(count failed)
skipped=$(count skipped)
crashed=$(count crashed)
failed=$((failed + crashed))

ok=1
if [ "${ran:-0}" = 0 ]; then
	echo "$tag: no test results in $log"
	ok=0
	failed=$((failed + 1))
fi
[ "$parse_rc" = 0 ] && [ "$failed" = 0 ] && [ "$qemu_ok" = 0 ] || ok=0

if [ -n "${SMMU_RESULTS:-}" ]; then
	for _ in $(seq 1 "$passed"); do echo "pass $tag case"; done >>"$SMMU_RESULTS"
	for _ in $(seq 1 "$skipped"); do echo "skip $tag case"; done >>"$SMMU_RESULTS"
	for _ in $(seq 1 "$failed"); do echo "fail $tag case"; done >>"$SMMU_RESULTS"
	[ "$qemu_ok" = 0 ] || echo "fail $tag clean-kernel-log" >>"$SMMU_RESULTS"
fi
echo "$tag: $ran cases, $passed passed, $failed failed, $skipped skipped"
[ $ok = 1 ]
