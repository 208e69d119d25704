#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A short tour for a newcomer: what the SMMU offers, how devices are grouped,
# DMA through the SMMU, and a fault caught.
. /smmu/lib.sh
say() { echo "demo: $*"; }

say "driver: $SMMUTEST_driver ($DRIVER_KO)"
say "SMMU profile: $SMMUTEST_profile (QEMU's SMMU has stage(s) $(profile_stages))"
say "translation stages the driver found: $(smmu_stages)"
for i in /sys/class/iommu/*; do
	[ -e "$i" ] && say "IOMMU registered: ${i##*/}"
done
dmesg | grep -iE 'smmu' | grep -viE 'edu|iommu group|command line' | sed 's/^\[[^]]*\] //' |
	head -n 12 | while IFS= read -r l; do say "  $l"; done

insmod $HELPER_KO
wait_bound 60 || say "some devices have no driver yet"
say "IOMMU groups:"
for g in /sys/kernel/iommu_groups/*; do
	devs=""
	for d in "$g"/devices/*; do
		d=${d##*/}
		drv=$(basename "$(readlink /sys/bus/pci/devices/"$d"/driver 2>/dev/null)" 2>/dev/null)
		devs="$devs $d(${drv:-no driver})"
	done
	say "  group ${g##*/}: type $(cat "$g/type")$devs"
done

pass=0 fail=0
check() {
	if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); say "  ok: $*"
	else fail=$((fail + 1)); say "  FAILED: $*"; fi
}
say "DMA checks:"
check disk_roundtrip vda
check disk_roundtrip nvme0n1
check edu_run mapped
check edu_run coherent
say "DMA checks passed: $pass of $((pass + fail))"

before=$(fault_count)
edu_run unmapped >/dev/null 2>&1
sleep 1
caught=$(($(fault_count) - before))
say "faults caught: $caught (DMA to an unmapped IOVA)"
dmesg | grep "$FAULT_RE" | tail -n 1 | sed 's/^\[[^]]*\] //' |
	while IFS= read -r l; do say "  $l"; done
[ "$caught" -gt 0 ] &&
	say "DMA domains translate at stage $(last_fault_stage) (the fault's S2 bit)"
say "done"
