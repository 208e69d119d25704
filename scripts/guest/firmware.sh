#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Firmware that describes the SMMU wrongly (scripts/mkdtb.sh makes the
# device tree, smmutest.fw names the case). The driver must say what is
# wrong, refuse the SMMU or the one device the damage concerns, and leave
# the rest working: the disks move data, through the SMMU where it was
# accepted and around it (QEMU's SMMU left disabled bypasses) where it was
# refused; a refused edu stays blocked, its DMA stopped by the SMMU. No
# oops, no leak (kmemleak at the end), and the driver unloads.
. /smmu/lib.sh
check() {	# NAME CMD...: the command's status decides
	name=$1
	shift
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$(echo "$out" | tail -n1)"; fi
}

# What each case must print, whether the SMMU stays registered, and
# whether edu is translated (yes), blocked (no: refused, its StreamID
# unknown to the SMMU) or simply not behind an IOMMU (none). The in-tree
# driver (reference) words its messages otherwise, says nothing of a
# StreamID out of range, and runs an SMMU without a gerror interrupt
# (unreported command errors) where ours refuses it.
case $SMMUTEST_driver:$SMMUTEST_fw in
ours:short-reg) re='register window .* too small' smmu=no edu=none ;;
ours:no-gerror) re='no gerror or combined interrupt' smmu=no edu=none ;;
ours:sid-range) re='StreamID 0x10018 beyond the 16 bits' smmu=yes edu=no ;;
ours:sid-dup) re='StreamID 0x8 already in use' smmu=yes edu=no ;;
ours:noncoherent) re='IDR0.COHACC 1 but firmware says non-coherent' smmu=yes edu=yes ;;
reference:short-reg) re='MMIO region too small' smmu=no edu=none ;;
reference:no-gerror) re='no gerr irq' smmu=yes edu=yes ;;
reference:sid-range) re='' smmu=yes edu=no ;;
reference:sid-dup) re='stream 8 already in tree' smmu=yes edu=no ;;
reference:noncoherent) re='IDR0.COHACC overridden by FW configuration' smmu=yes edu=yes ;;
*:extra-irq) re='' smmu=yes edu=yes ;;
*) not_ok firmware_case "unknown case '$SMMUTEST_fw'"
   echo "e2e: done $passed passed, $failed failed, 0 skipped"; exit 1 ;;
esac

registered() { [ -n "$(ls /sys/class/iommu 2>/dev/null)" ]; }
says() {
	[ -z "$re" ] && return 0
	dmesg | grep -qE "$re" || { echo "no '$re' in the kernel log"; return 1; }
}
smmu_state() {
	if [ $smmu = yes ]; then
		registered || { echo "no IOMMU registered"; return 1; }
	else
		! registered || { echo "an IOMMU is registered"; return 1; }
	fi
}
edu_check() {
	d=$(edu_dev) || { echo "no edu device"; return 1; }
	case $edu in
	yes)
		[ -e "$d/iommu_group" ] || { echo "edu has no IOMMU group"; return 1; }
		edu_run mapped ;;
	none)
		[ ! -e "$d/iommu_group" ] || { echo "edu is in an IOMMU group"; return 1; }
		edu_run mapped ;;
	no)
		[ ! -e "$d/iommu_group" ] || { echo "edu is in an IOMMU group"; return 1; }
		! edu_run mapped >/dev/null 2>&1 ||
			{ echo "edu's DMA went through"; return 1; }
		;;
	esac
}
unload() {
	remove_pci_devices
	rmmod $DRIVER_MOD
}

# A device's StreamIDs are read when it is probed: wait for all of them
insmod $HELPER_KO
wait_bound 60
check fw_${SMMUTEST_fw}_reported says
check fw_${SMMUTEST_fw}_smmu_state smmu_state
check fw_${SMMUTEST_fw}_virtio_blk disk_roundtrip vda
check fw_${SMMUTEST_fw}_nvme disk_roundtrip nvme0n1
check fw_${SMMUTEST_fw}_edu edu_check
check fw_${SMMUTEST_fw}_unload unload
echo "e2e: done $passed passed, $failed failed, 0 skipped"
