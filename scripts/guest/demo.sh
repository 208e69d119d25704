#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A short tour for a newcomer: what the SMMU offers, how devices are grouped,
# DMA through the SMMU, and a fault caught.
. /smmu/lib.sh
say() { echo "demo: $*"; }

say "driver: $SMMUTEST_driver ($DRIVER_KO)"
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
disk() {
	dd if=/dev/urandom of=/tmp/p bs=64k count=64 2>/dev/null
	a=$(md5sum </tmp/p | cut -d' ' -f1)
	dd if=/tmp/p of=/dev/"$1" bs=64k oflag=direct conv=fsync 2>/dev/null || return 1
	b=$(dd if=/dev/"$1" bs=64k count=64 iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1)
	[ "$a" = "$b" ]
}
edu() {
	d=$(pci_find $EDU_ID) || return 1
	echo "$1" >/sys/kernel/debug/edu_dma_test/"${d##*/}"/run
}
say "DMA checks:"
check disk vda
check disk nvme0n1
check edu mapped
check edu coherent
say "DMA checks passed: $pass of $((pass + fail))"

before=$(fault_count)
edu unmapped 2>/dev/null
sleep 1
caught=$(($(fault_count) - before))
say "faults caught: $caught (DMA to an unmapped IOVA)"
dmesg | grep "$FAULT_RE" | tail -n 1 | sed 's/^\[[^]]*\] //' |
	while IFS= read -r l; do say "  $l"; done
say "done"
