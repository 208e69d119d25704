#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: set up what is missing, boot QEMU with a driver (ours by
# default) on SMMU_PROFILE (lib.sh; make demo PROFILE=s2) and print the
# guest's summary, with the profile and the translation stages in use.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
driver=${1:-ours}
out=${SMMU_OUT:-$TOP/out}
"$TOP/scripts/setup.sh" || exit 1
"$TOP/scripts/kdir.sh" >/dev/null || exit 1
"$TOP/scripts/mkinitramfs.sh" "$out" || exit 1
log=$out/logs/demo-$driver.log
[ "$SMMU_PROFILE" = s1 ] || log=$out/logs/demo-$driver-$SMMU_PROFILE.log
KEEP_LOG_QUIET=1 "$TOP/scripts/run-qemu.sh" -d "$driver" -j demo -p "$SMMU_PROFILE" -l "$log"
rc=$?
echo
echo "Arm SMMUv3 demo ($driver driver) on QEMU $(qemu_version) virt, SMMU profile $SMMU_PROFILE ($(qemu_profile_args | paste -sd ' ')):"
grep -aoE 'demo: .*' "$log" | sed 's/^demo: /  /'
echo
echo "Full serial log: $log"
exit $rc
