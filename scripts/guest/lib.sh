# SPDX-License-Identifier: GPL-2.0
# Shared guest-side helpers, sourced by /init and the job scripts.

SMMU_MODDIR=/lib/smmu

# Driver profiles: where the modules are, and how each driver reports a
# translation fault (the suite is the same for every driver).
case "$SMMUTEST_driver" in
ours)
	DRIVER_KO=$SMMU_MODDIR/ours/arm_smmu_v3.ko
	TEST_KO=$SMMU_MODDIR/ours/arm_smmu_v3_test.ko
	FAULT_RE='F_TRANSLATION'
	;;
reference)
	DRIVER_KO=$SMMU_MODDIR/reference/arm_smmu_v3.ko
	TEST_KO=$SMMU_MODDIR/reference/arm-smmu-v3-test.ko
	FAULT_RE='event 0x10 received'
	;;
esac
DRIVER_MOD=arm_smmu_v3
HELPER_KO=$SMMU_MODDIR/helpers/edu_dma_test.ko
EDU_ID=1234:11e8

load_driver() {
	insmod "$DRIVER_KO" $(echo "$SMMUTEST_modparams" | tr ',' ' ')
}

# The PCI devices behind the SMMU (everything on the root bus but the host
# bridge), as sysfs paths.
pci_endpoints() {
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/class")" = 0x060000 ] && continue
		echo "$d"
	done
}

pci_find() {	# vendor:device -> sysfs path
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor"):$(cat "$d/device")" = \
			"$(echo "$1" | sed 's/\([^:]*\):\(.*\)/0x\1:0x\2/')" ] &&
			echo "$d" && return 0
	done
	return 1
}

# Wait until every endpoint has a driver bound (deferred probe done).
wait_bound() {
	tries=${1:-60}
	while [ "$tries" -gt 0 ]; do
		all=1
		for d in $(pci_endpoints); do
			[ -e "$d/driver" ] || all=0
		done
		[ $all = 1 ] && return 0
		sleep 0.5
		tries=$((tries - 1))
	done
	return 1
}

group_type() {	# sysfs device path -> default domain type of its group
	cat "$1/iommu_group/type" 2>/dev/null
}

fault_count() {
	dmesg | grep -c "$FAULT_RE"
}

# kmemleak wants objects older than 5 s and two scans to be sure.
check_kmemleak() {
	k=/sys/kernel/debug/kmemleak
	[ -w $k ] || return 0
	echo scan >$k
	sleep 6
	echo scan >$k
	if [ -s $k ]; then
		echo "smmutest: kmemleak report follows"
		cat $k
	fi
}
