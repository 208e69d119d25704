#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: set up what is missing, build, lint, KUnit and end-to-end
# suites on QEMU; ends with one line "N passed, N failed" and exits non-zero
# on any failure. .ci/run runs this.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=${SMMU_OUT:-$TOP/out}
export SMMU_OUT=$out
export SMMU_RESULTS=$out/results.txt
mkdir -p "$out"
: >"$SMMU_RESULTS"
t0=$(date +%s)
step() {	# NAME CMD...: a step that counts as one result
	local name=$1 s
	shift
	s=$(date +%s)
	msg "$name"
	if "$@"; then
		echo "pass $name" >>"$SMMU_RESULTS"
	else
		echo "fail $name" >>"$SMMU_RESULTS"
		msg "$name FAILED"
		return 1
	fi
	msg "$name: $(($(date +%s) - s)) s"
}

# Without the toolchain, kernel and initramfs nothing else can run.
step setup "$TOP/scripts/setup.sh" &&
step test-kernel "$TOP/scripts/kdir.sh" &&
step module-build make -s -C "$TOP" modules &&
step initramfs "$TOP/scripts/mkinitramfs.sh" "$out"
if [ $? = 0 ]; then
	"$TOP/scripts/lint.sh"
	"$TOP/scripts/kunit.sh" ours
	# Our writer's sync counts against the in-tree suite's, transition by
	# transition (the counts of theirs come from its source).
	step sync-counts "$TOP/scripts/sync-table.sh" "$out/logs/kunit-ours.log"
	# The statistics make bench reports with, on rounds of known outcome.
	step bench-table "$TOP/scripts/bench-table.py" --selftest
	# Every e2e variant; the allocation-failure walk samples every 5th
	# site here (make e2e VARIANT=faultinject walks them all).
	export FAULT_STRIDE=${FAULT_STRIDE:-5}
	# The firmware cases: one boot each with a device tree that
	# describes the SMMU wrongly (scripts/mkdtb.sh)
	fw="fw-short-reg fw-no-gerror fw-extra-irq fw-sid-range fw-sid-dup fw-noncoherent"
	for v in ${E2E_VARIANTS:-default lazy identity strtab2 linear acpi minimal faultinject $fw}; do
		"$TOP/scripts/e2e.sh" ours "$v"
	done
fi

passed=$(grep -c '^pass ' "$SMMU_RESULTS")
failed=$(grep -c '^fail ' "$SMMU_RESULTS")
skipped=$(grep -c '^skip ' "$SMMU_RESULTS")
echo
echo "make check took $(($(date +%s) - t0)) s; results in $SMMU_RESULTS"
if [ "$failed" != 0 ]; then
	echo "failed:"
	grep '^fail ' "$SMMU_RESULTS" | sed 's/^fail /  /'
fi
if [ "$skipped" != 0 ]; then
	echo "skipped:"
	grep '^skip ' "$SMMU_RESULTS" | sed 's/^skip /  /'
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
