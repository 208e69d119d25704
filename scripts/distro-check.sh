#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make distro-check`: the path a user of Debian's own arm64 6.12 kernel
# takes, from a fresh Debian 12 machine: fetch that kernel from
# bookworm-backports (scripts/debian-kernel.sh), build our module against its
# headers (scripts/debian-build.sh), and boot it under QEMU with its built-in
# SMMUv3 driver kept from registering and ours loaded from the initramfs,
# through the e2e variants its configuration allows (scripts/e2e.sh
# debian-V), the last with the module DKMS built from dkms.conf
# (scripts/debian-dkms.sh). Alone it ends with "N passed, N failed, N skipped"; run from
# make check, its results join make check's.
# Environment: DISTRO_VARIANTS (default: every variant that applies).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=${SMMU_OUT:-$TOP/out}
export SMMU_OUT=$out
t0=$(date +%s)
alone=0
if [ -z "${SMMU_RESULTS:-}" ]; then
	alone=1
	export SMMU_RESULTS=$out/distro-results.txt
	mkdir -p "$out"
	: >"$SMMU_RESULTS"
	result_step setup "$TOP/scripts/setup.sh" || { results_summary "make distro-check" "$t0"; exit; }
fi

# Not minimal (a kernel of ours) nor faultinject (Debian's kernel has no
# FAILSLAB or FAIL_PAGE_ALLOC); KUnit does not run there (no CONFIG_KUNIT).
result_step debian-kernel-fetch "$TOP/scripts/debian-kernel.sh" >/dev/null &&
result_step debian-header-build "$TOP/scripts/debian-build.sh"
if [ $? = 0 ]; then
	for v in ${DISTRO_VARIANTS:-default lazy identity strtab2 linear acpi dkms}; do
		if [ "$v" = default ]; then
			"$TOP/scripts/e2e.sh" ours debian
		else
			"$TOP/scripts/e2e.sh" ours "debian-$v"
		fi
	done
fi

[ $alone = 0 ] || results_summary "make distro-check" "$t0"
