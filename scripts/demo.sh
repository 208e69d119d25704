#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: set up what is missing, boot QEMU with a driver (ours by
# default) and print the guest's summary.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
driver=${1:-ours}
out=${SMMU_OUT:-$TOP/out}
"$TOP/scripts/setup.sh" || exit 1
"$TOP/scripts/kdir.sh" >/dev/null || exit 1
"$TOP/scripts/mkinitramfs.sh" "$out" || exit 1
KEEP_LOG_QUIET=1 "$TOP/scripts/run-qemu.sh" -d "$driver" -j demo -l "$out/logs/demo-$driver.log"
rc=$?
echo
echo "Arm SMMUv3 demo ($driver driver) on QEMU virt, iommu=smmuv3:"
grep -aoE 'demo: .*' "$out/logs/demo-$driver.log" | sed 's/^demo: /  /'
echo
echo "Full serial log: $out/logs/demo-$driver.log"
exit $rc
