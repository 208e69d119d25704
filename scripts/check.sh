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
# Without the toolchain, kernel and initramfs nothing else can run.
result_step setup "$TOP/scripts/setup.sh" &&
result_step test-kernel "$TOP/scripts/kdir.sh" &&
result_step module-build make -s -C "$TOP" modules &&
result_step initramfs "$TOP/scripts/mkinitramfs.sh" "$out"
if [ $? = 0 ]; then
	"$TOP/scripts/lint.sh"
	"$TOP/scripts/kunit.sh" ours
	# Our writer's sync counts against the in-tree suite's, transition by
	# transition (the counts of theirs come from its source).
	result_step sync-counts "$TOP/scripts/sync-table.sh" "$out/logs/kunit-ours.log"
	# The same suites built into vmlinux and run by kunit.py run, as kernel
	# developers run KUnit; their counts must be make kunit's but for the
	# documented skips (kunit-run.sh records its own results).
	s=$(date +%s)
	msg kunit-run
	"$TOP/scripts/kunit-run.sh" --compare
	msg "kunit-run: $(($(date +%s) - s)) s"
	# The statistics make bench reports with, on rounds of known outcome.
	result_step bench-table "$TOP/scripts/bench-table.py" --selftest
	# Every e2e variant; the allocation-failure walk samples every 5th
	# site here (make e2e VARIANT=faultinject walks them all).
	export FAULT_STRIDE=${FAULT_STRIDE:-5}
	# The firmware cases: one boot each with a device tree that
	# describes the SMMU wrongly (scripts/mkdtb.sh)
	fw="fw-short-reg fw-no-gerror fw-extra-irq fw-sid-range fw-sid-dup fw-noncoherent"
	runs=()
	for v in ${E2E_VARIANTS:-default lazy identity strtab2 linear acpi minimal faultinject cycles cycles-minimal userdma dead $fw}; do
		runs+=("ours:$v")
	done
	# User DMA through iommufd and VFIO is the IOMMU core's contract with
	# user space: the in-tree driver must pass it as ours does. Then the
	# default suite and user DMA on the SMMU profiles s2 and nested (stage
	# 2, and stage 1 on an SMMU with both) with both drivers.
	runs+=(reference:userdma)
	for p in s2 nested; do
		runs+=("ours:default:$p" "reference:default:$p")
		runs+=("ours:userdma:$p" "reference:userdma:$p")
	done
	# Independent one-CPU boots, two at a time (scripts/e2e-batch.sh)
	s=$(date +%s)
	msg "e2e: ${#runs[@]} boots"
	"$TOP/scripts/e2e-batch.sh" "${runs[@]}"
	msg "e2e: $(($(date +%s) - s)) s"
	# A 12 s fault storm and a 30 s soak with each driver, and the soak's
	# memory judged on the minimal kernel with ours (make storm and make
	# soak run longer, make soak the minimal kernel with both): alone, with
	# two CPUs, as they load several at once
	s=$(date +%s)
	for d in ours reference; do
		for v in storm soak; do
			"$TOP/scripts/e2e.sh" "$d" "$v"
		done
	done
	"$TOP/scripts/e2e.sh" ours soak-minimal
	msg "storm and soak: $(($(date +%s) - s)) s"
fi
# Debian's own arm64 kernel: the build against its headers and the e2e
# variants on it (scripts/distro-check.sh; make distro-check alone).
"$TOP/scripts/distro-check.sh"

results_summary "make check" "$t0"
