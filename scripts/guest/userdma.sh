#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# User DMA through iommufd and the VFIO device cdev, the same for every
# SMMUv3 driver: edu moves from edu_dma_test to vfio-pci, /bin/userdma
# (scripts/helpers/userdma) maps its own memory into an IOAS, drives edu's
# DMA from user space, unmaps, allocates a hardware page table and asks for
# what the SMMU cannot do; then edu goes back to edu_dma_test, in its
# kernel default domain again. Results as "e2e: ok|not ok N - name" lines.
. /smmu/lib.sh

check() {	# NAME CMD...: the command's status decides, its last line says why
	name=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$name"
	else
		[ -n "$out" ] && echo "$out" | sed 's/^/e2e:   /'
		not_ok "$name" "$(echo "$out" | tail -n1)"
	fi
}
finish() {
	echo "e2e: done $passed passed, $failed failed, $skipped skipped"
	exit 0
}

HUGEPAGES=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages

bound_to() {	# sysfs device, driver: the device's driver is that one
	drv=$(readlink -f "$1/driver" 2>/dev/null)
	[ "${drv##*/}" = "$2" ] || { echo "${1##*/} is bound to '${drv##*/}', not $2"; return 1; }
}

to_vfio() {
	echo "$pci" >/sys/bus/pci/drivers/edu_dma_test/unbind
	echo vfio-pci >"$edu/driver_override"
	echo "$pci" >/sys/bus/pci/drivers_probe
	bound_to "$edu" vfio-pci
}

back_to_kernel() {
	echo "$pci" >/sys/bus/pci/drivers/vfio-pci/unbind
	echo >"$edu/driver_override"
	echo "$pci" >/sys/bus/pci/drivers/edu_dma_test/bind
	bound_to "$edu" edu_dma_test
}

# The group's default domain and the domain the device is in are both the
# kernel's DMA domain again (the type the boot asked for)
default_domain_again() {
	t=$(group_type "$edu")
	[ "$t" = "$SMMUTEST_expect" ] ||
		{ echo "group type '$t', expected $SMMUTEST_expect"; return 1; }
	now=$(cat "/sys/kernel/debug/edu_dma_test/$pci/domain")
	[ "$now" = "$SMMUTEST_expect" ] ||
		{ echo "edu is in a domain of type '$now', not its default $SMMUTEST_expect"; return 1; }
}

# /bin/userdma's "ok - X", "not ok - X # why" and "# info" lines as ours
userdma_run() {
	rc=0
	/bin/userdma "$edu" "$FAULT_RE" >/tmp/userdma.out 2>&1 || rc=$?
	done_seen=0 bad=0
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok "userdma_${line#ok - }" ;;
		"not ok - "*)
			l=${line#not ok - }
			not_ok "userdma_${l%% # *}" "${l#* # }"
			bad=1
			;;
		"# done") done_seen=1 ;;
		*) echo "e2e:   userdma: $line" ;;
		esac
	done </tmp/userdma.out
	# It exits 1 when a check failed, and only then
	if [ $done_seen = 1 ] && [ $rc = $bad ]; then
		ok userdma_ran_to_end
	else
		not_ok userdma_ran_to_end "userdma stopped early or exited with $rc"
	fi
}

insmod $HELPER_KO
wait_bound 60
if [ ! -c /dev/iommu ]; then
	skip user_dma "this kernel has no IOMMUFD (/dev/iommu)"
	finish
fi
if [ ! -x /bin/userdma ] || [ ! -d /sys/bus/pci/drivers/vfio-pci ]; then
	skip user_dma "no userdma program or no vfio-pci driver here"
	finish
fi
edu=$(edu_dev) || { not_ok edu_present "no edu device"; finish; }
pci=${edu##*/}

check kernel_dma_before edu_run mapped
check edu_bound_to_vfio_pci to_vfio
if [ -e "$edu/vfio-dev" ]; then
	[ -w $HUGEPAGES ] && echo 1 >$HUGEPAGES
	userdma_run
	[ -w $HUGEPAGES ] && echo 0 >$HUGEPAGES
fi
check edu_back_to_edu_dma_test back_to_kernel
check default_domain_after_close default_domain_again
check kernel_dma_after_close edu_run mapped
check kernel_dma_fault_after_close edu_run unmapped
finish
