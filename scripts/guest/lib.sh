# SPDX-License-Identifier: GPL-2.0
# Shared guest-side helpers, sourced by /init and the job scripts.

SMMU_MODDIR=/lib/smmu

# Driver profiles: where the modules are, and how each driver reports a
# translation fault (the suite is the same for every driver).
# DRIVER_MOD is the module's name in /proc/modules: ours is not named
# arm_smmu_v3, which a kernel with the in-tree driver built in keeps.
case "$SMMUTEST_driver" in
ours)
	DRIVER_MOD=arm_smmu_v3_oot
	DRIVER_KO=$SMMU_MODDIR/ours/arm_smmu_v3_oot.ko
	TEST_KO=$SMMU_MODDIR/ours/arm_smmu_v3_oot_test.ko
	FAULT_RE='F_TRANSLATION'
	;;
reference)
	DRIVER_MOD=arm_smmu_v3
	DRIVER_KO=$SMMU_MODDIR/reference/arm_smmu_v3.ko
	TEST_KO=$SMMU_MODDIR/reference/arm-smmu-v3-test.ko
	FAULT_RE='event 0x10 received'
	;;
esac
HELPER_KO=$SMMU_MODDIR/helpers/edu_dma_test.ko
EDU_ID=1234:11e8

load_driver() {
	insmod "$DRIVER_KO" $(echo "$SMMUTEST_modparams" | tr ',' ' ')
}

# A distribution kernel's modules for the test devices (the initramfs has
# them, in load order, only for such a kernel), after the driver as a
# board's initramfs would load them.
load_distro_modules() {
	[ -f $SMMU_MODDIR/distro/order ] || return 0
	for m in $(cat $SMMU_MODDIR/distro/order); do
		insmod $SMMU_MODDIR/distro/$m.ko || return 1
	done
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

# Remove every PCI device (the driver may only be unloaded with none
# attached).
remove_pci_devices() {
	for d in /sys/bus/pci/devices/*; do
		[ -e "$d/remove" ] && echo 1 >"$d/remove"
	done
}

# Remove every PCI device, unload and reload the driver, rescan.
reload_driver() {
	remove_pci_devices
	rmmod $DRIVER_MOD || { echo "rmmod $DRIVER_MOD failed"; return 1; }
	load_driver || { echo "insmod after rmmod failed"; return 1; }
	echo 1 >/sys/bus/pci/rescan
	wait_bound 60 || { echo "devices did not come back after rescan"; return 1; }
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

# Write random data through the device with O_DIRECT and read it back.
disk_roundtrip() {
	dev=/dev/$1
	i=0
	while [ ! -b "$dev" ] && [ $i -lt 20 ]; do sleep 0.5; i=$((i + 1)); done
	[ -b "$dev" ] || { echo "$dev: no such block device"; return 1; }
	dd if=/dev/urandom of=/tmp/pattern bs=64k count=128 2>/dev/null
	want=$(md5sum </tmp/pattern | cut -d' ' -f1)
	dd if=/tmp/pattern of="$dev" bs=64k oflag=direct conv=fsync 2>/dev/null ||
		{ echo "$dev: write failed"; return 1; }
	got=$(dd if="$dev" bs=64k count=128 iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1)
	rm -f /tmp/pattern
	[ "$want" = "$got" ] || { echo "$dev: read back $got, wrote $want"; return 1; }
}

edu_dev() { pci_find $EDU_ID; }

# A marker line NAME in the kernel log, and the lines since it
mark() { echo "smmutest-mark $1" >/dev/kmsg; }
log_since() { dmesg | sed -n "/smmutest-mark $1\$/,\$p"; }

edu_run() {	# test name -> the helper's verdict as exit status
	d=$(edu_dev) || { echo "no edu device"; return 1; }
	f=/sys/kernel/debug/edu_dma_test/${d##*/}/run
	[ -w "$f" ] || { echo "edu_dma_test is not bound to ${d##*/}"; return 1; }
	if ! msg=$(echo "$1" 2>&1 >"$f"); then
		case "$msg" in
		*"not supported"*) echo "not translated"; return 95 ;;
		esac
		dmesg | grep edu_dma_test | tail -n 3
		return 1
	fi
}

fault_count() {
	dmesg | grep -c "$FAULT_RE"
}

# The translation stages the probe found, "1", "2" or "1 2": ours prints
# them ("stages: 1 2 oas ..."), the in-tree driver's feature word has
# ARM_SMMU_FEAT_TRANS_S1 (bit 9) and _S2 (bit 10).
smmu_stages() {
	case "$SMMUTEST_driver" in
	ours)
		dmesg | sed -nE 's/.*: stages: ([12 ]+) oas .*/\1/p' | tail -n1 |
			sed 's/ *$//'
		;;
	reference)
		f=$(dmesg | sed -nE 's/.*\(features 0x([0-9a-f]+)\)$/\1/p' | tail -n1)
		[ -n "$f" ] || return 0
		st=""
		[ $((0x$f >> 9 & 1)) = 1 ] && st="1"
		[ $((0x$f >> 10 & 1)) = 1 ] && st="${st:+$st }2"
		echo "$st"
		;;
	esac
}

# The stages the profile gives QEMU's SMMU, and the stage its default
# DMA domains must translate at (stage 1 wherever there is one).
profile_stages() {
	case "$SMMUTEST_profile" in
	s1) echo 1 ;; s2) echo 2 ;; nested) echo "1 2" ;;
	esac
}
profile_domain_stage() {
	case "$SMMUTEST_profile" in
	s2) echo 2 ;; *) echo 1 ;;
	esac
}

# The stage of the last translation fault in the log, 1 or 2 (IHI0070
# 7.3.4: F_TRANSLATION's S2 bit, bit 39 of its second doubleword). Ours
# decodes it ("... data stage-2 [dev]"); the in-tree driver dumps the
# record's doublewords on the lines after "event 0x10 received:".
last_fault_stage() {
	case "$SMMUTEST_driver" in
	ours)
		l=$(dmesg | grep "$FAULT_RE" | tail -n1)
		[ -n "$l" ] || return 0
		case "$l" in *" stage-2 "*) echo 2 ;; *) echo 1 ;; esac
		;;
	reference)
		w=$(dmesg | grep -A2 "$FAULT_RE" | tail -n1 |
			sed -nE 's/.*0x([0-9a-f]{16})$/\1/p')
		[ -n "$w" ] || return 0
		echo $((1 + (0x$w >> 39 & 1)))
		;;
	esac
}

# kmemleak wants objects older than 5 s and two scans to be sure.
check_kmemleak() {
	k=/sys/kernel/debug/kmemleak
	[ -w $k ] || return 0
	echo scan >$k
	sleep 6
	echo scan >$k
	# debugfs files have no size: read it to know whether it is empty
	report=$(cat $k)
	if [ -n "$report" ]; then
		echo "smmutest: kmemleak report follows"
		echo "$report"
	fi
}

# Result lines the host parses (scripts/e2e.sh), one per scenario:
# "e2e: ok|not ok N - name [# SKIP reason | # reason]". Each job script
# ends with "e2e: done ...".
n=0 passed=0 failed=0 skipped=0
ok() { n=$((n + 1)); passed=$((passed + 1)); echo "e2e: ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "e2e: not ok $n - $1 # $2"; }
skip() { n=$((n + 1)); skipped=$((skipped + 1)); echo "e2e: ok $n - $1 # SKIP $2"; }
# expect_true NAME REASON CONDITION...: ok when the condition holds, else
# not ok with the reason
expect_true() {
	name=$1 why=$2
	shift 2
	if "$@"; then ok "$name"; else not_ok "$name" "$why"; fi
}

footprint() {	# KiB of unreclaimable slab plus page tables, once quiet
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
	awk '/^SUnreclaim:|^PageTables:|^SecPageTables:/ { kb += $2 } END { print kb }' /proc/meminfo
}
