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
# Our driver's SVA suite runs a second time, in a boot with 48-bit page
# tables (logs kunit-ours-va48.*).
# Appends "pass|fail NAME" lines to $SMMU_RESULTS when it is set.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

driver=${1:-ours}
out=${SMMU_OUT:-$TOP/out}

# One boot: run-qemu.sh's -a, the name of its logs. Sets ran, passed,
# failed, skipped, ok (0 when anything went wrong).
boot() {
	local append=$1 name=$2
	local log=$out/logs/$name.log ktap=$out/logs/$name.ktap
	local parsed=$out/logs/$name.parsed summary qemu_rc parse_rc
	local r p f s c

	"$TOP/scripts/run-qemu.sh" -d "$driver" -j kunit -a "$append" -l "$log"
	qemu_rc=$?
	sed -n '/smmu-kunit: begin/,/smmu-kunit: end/p' "$log" >"$ktap"
	python3 "$(src_dir)/tools/testing/kunit/kunit.py" parse "$ktap" >"$parsed" 2>&1
	parse_rc=$?
	cat "$parsed"
	# "Testing complete. Ran 22 tests: passed: 22" (failed:, skipped:
	# follow when non-zero)
	summary=$(grep -aE 'Ran [0-9]+ tests' "$parsed" | tail -n1)
	count() { echo "$summary" | grep -oE "$1: [0-9]+" | grep -oE '[0-9]+' || echo 0; }
	r=$(echo "$summary" | grep -oE 'Ran [0-9]+' | grep -oE '[0-9]+' || echo 0)
	p=$(count passed)
	f=$(count failed)
	s=$(count skipped)
	c=$(count crashed)
	f=$((f + c))
	if [ "${r:-0}" = 0 ]; then
		echo "$tag: no test results in $log"
		ok=0
		f=$((f + 1))
	fi
	[ "$parse_rc" = 0 ] && [ "$f" = 0 ] || ok=0
	if [ "$qemu_rc" != 0 ]; then
		ok=0
		qemu_ok=1
	fi
	ran=$((ran + r)) passed=$((passed + p)) failed=$((failed + f))
	skipped=$((skipped + s))
	# The cases by name ("[FAILED] case" alone on its line; the suite
	# lines have "=" around), so that a summary names what to look at
	fnames+=$(names '(FAILED|CRASHED)' "$parsed" "$name")$'\n'
	snames+=$(names SKIPPED "$parsed" "$name")$'\n'
}

# names RESULT PARSED BOOT: "BOOT:case" for each case kunit.py marked so
names() {
	grep -aE "^\[[0-9:]+\] \[$1\] [^ ]+\$" "$2" |
		awk -v b="$3" '{ printf "%s:%s\n", b, $3 }'
}

# emit KIND COUNT NAMES: COUNT result lines, named as far as NAMES go
emit() {
	local kind=$1 n=$2 i=0 c
	while IFS= read -r c; do
		[ -n "$c" ] && [ $i -lt "$n" ] || continue
		echo "$kind $tag $c"
		i=$((i + 1))
	done <<<"$3"
	for ((; i < n; i++)); do echo "$kind $tag case"; done
}

tag="kunit[$driver]"
ran=0 passed=0 failed=0 skipped=0 ok=1 qemu_ok=0 fnames= snames=
boot "" "kunit-$driver"
# The CPU of QEMU's "max" uses 52-bit (LPA2) page tables, which SVA refuses
# (that refusal is tested above); with 48-bit ones the SMMU walks them.
if [ "$driver" = ours ]; then
	boot "arm64.nolva kunit.filter_glob=arm_smmu_v3_sva*" "kunit-$driver-va48"
fi

if [ -n "${SMMU_RESULTS:-}" ]; then
	for _ in $(seq 1 "$passed"); do echo "pass $tag case"; done >>"$SMMU_RESULTS"
	emit skip "$skipped" "$snames" >>"$SMMU_RESULTS"
	emit fail "$failed" "$fnames" >>"$SMMU_RESULTS"
	[ "$qemu_ok" = 0 ] || echo "fail $tag clean-kernel-log" >>"$SMMU_RESULTS"
fi
echo "$tag: $ran cases, $passed passed, $failed failed, $skipped skipped"
[ $ok = 1 ]
