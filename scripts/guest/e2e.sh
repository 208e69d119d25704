#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# End-to-end scenarios, the same for every SMMUv3 driver. Each scenario
# prints one TAP-like line "e2e: ok|not ok N - name [# SKIP reason]".
. /smmu/lib.sh

# run NAME CMD...: the command's exit status decides, its last line of
# output is the reason on failure.
run() {
	name=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc = 0 ]; then
		ok "$name"
	elif [ $rc = 95 ]; then	# EOPNOTSUPP from a helper: not applicable
		skip "$name" "$(echo "$out" | tail -n1)"
	else
		[ -n "$out" ] && echo "$out" | sed 's/^/e2e:   /'
		not_ok "$name" "$(echo "$out" | tail -n1)"
	fi
}

smmu_probed() {
	grep -q "^$DRIVER_MOD " /proc/modules || { echo "module not loaded"; return 1; }
	for i in /sys/class/iommu/*; do
		[ -e "$i" ] && return 0
	done
	echo "no IOMMU registered in /sys/class/iommu"
	return 1
}

# Every registered IOMMU is driven by the module under test: on a kernel
# with the in-tree driver built in, proof that ours owns the SMMU (a
# built-in driver has no module link, the in-tree module is arm_smmu_v3).
smmu_owned_by_module() {
	found=0
	for i in /sys/class/iommu/*; do
		[ -e "$i" ] || continue
		m=""
		if [ -e "$i/device/driver/module" ]; then
			m=$(readlink -f "$i/device/driver/module")
			m=${m##*/}
		fi
		[ "$m" = "$DRIVER_MOD" ] ||
			{ echo "${i##*/} is driven by ${m:-a built-in driver}, not $DRIVER_MOD"; return 1; }
		found=1
	done
	[ $found = 1 ] || { echo "no IOMMU registered in /sys/class/iommu"; return 1; }
}

# The driver claims only the architected registers of each 64KB page
# (IHI0070 6.1: offsets below 0xe00), so that other drivers can claim the
# implementation-defined blocks there (the PMCGs of MMU-600/700). Its
# claims are the innermost /proc/iomem ranges named after the SMMU's
# device: with ACPI the device's own resource is listed too, around them.
register_windows_architected_only() {
	found=0
	for i in /sys/class/iommu/*; do
		name=${i##*/}
		dev=$(readlink -f "$i/device")
		dev=${dev##*/}
		claims=$(grep -E "^ *[0-9a-f]+-[0-9a-f]+ : $dev\$" /proc/iomem |
			awk '{ d = match($0, /[^ ]/) - 1; l[NR] = $0; n[NR] = d;
			       if (d > max) max = d }
			     END { for (i = 1; i <= NR; i++) if (n[i] == max) print l[i] }')
		[ -n "$claims" ] ||
			{ echo "$name: no register claim of $dev in /proc/iomem"; return 1; }
		for range in $(echo "$claims" | sed -E 's/^ *([0-9a-f]+-[0-9a-f]+) .*/\1/'); do
			size=$((0x${range#*-} - 0x${range%-*} + 1))
			found=$((found + 1))
			[ $size -le 4096 ] ||
				{ echo "$dev claims $range ($size bytes), beyond its register page"; return 1; }
		done
	done
	[ $found -gt 0 ] || { echo "no registered SMMU"; return 1; }
}

devices_bound() {
	wait_bound 60 && return 0
	for d in $(pci_endpoints); do
		[ -e "$d/driver" ] || echo "${d##*/} has no driver"
	done
	return 1
}

# Every endpoint. Host bridges have no driver, so the IOMMU core never
# configures them (a device gets its group when DMA is configured for it).
groups_as_expected() {
	bad=0
	for d in $(pci_endpoints); do
		t=$(group_type "$d")
		if [ -z "$t" ]; then
			echo "${d##*/}: no IOMMU group"
			bad=1
		elif [ "$t" != "$SMMUTEST_expect" ]; then
			echo "${d##*/}: group type $t, expected $SMMUTEST_expect"
			bad=1
		fi
	done
	return $bad
}

edu_fault_reported() {
	before=$(fault_count)
	edu_run unmapped || return $?
	i=0
	while [ "$(fault_count)" -le "$before" ] && [ $i -lt 10 ]; do
		sleep 0.5
		i=$((i + 1))
	done
	[ "$(fault_count)" -gt "$before" ] ||
		{ echo "no '$FAULT_RE' line in the kernel log after the faulting DMA"; return 1; }
}

# The driver found the stages the SMMU profile gave QEMU's SMMU.
stages_as_profile() {
	want=$(profile_stages)
	got=$(smmu_stages)
	[ -n "$want" ] || { echo "unknown profile '$SMMUTEST_profile'"; return 1; }
	[ "$got" = "$want" ] ||
		{ echo "the driver found stage(s) '${got:-none}', profile $SMMUTEST_profile has '$want'"; return 1; }
}

# The fault of edu_fault_reported came from the stage the profile's DMA
# domains translate at: on s2 every DMA domain is a stage-2 domain.
fault_at_profile_stage() {
	[ "$(fault_count)" -gt 0 ] || { echo "no fault to look at"; return 95; }
	want=$(profile_domain_stage)
	got=$(last_fault_stage)
	[ "$got" = "$want" ] ||
		{ echo "last fault at stage '${got:-unknown}', expected stage $want ($SMMUTEST_profile)"; return 1; }
}

# Change the default domain of the (idle) edu group, check I/O after each.
switch_domain_types() {
	d=$(edu_dev) || { echo "no edu device"; return 1; }
	pci=${d##*/}
	drv=/sys/bus/pci/drivers/edu_dma_test
	rc=0
	for t in identity DMA-FQ DMA "$SMMUTEST_expect"; do
		echo "$pci" >$drv/unbind
		if ! echo "$t" >"$d/iommu_group/type"; then
			echo "writing $t to the group type failed"
			rc=1
		fi
		echo "$pci" >$drv/bind
		now=$(cat "/sys/kernel/debug/edu_dma_test/$pci/domain")
		[ "$now" = "$t" ] || { echo "group is $now after switching to $t"; rc=1; }
		edu_run mapped >/dev/null || { echo "DMA failed with domain type $t"; rc=1; }
	done
	return $rc
}

# Our driver only: bad module parameters. An out-of-range value fails
# insmod with a message; a combination probe cannot honour fails the probe
# with a message and registers no IOMMU. Either way a plain insmod after it
# works again (the scenarios after this one check that it does).
bad_modparams_refused() {
	if [ "$SMMUTEST_driver" != ours ]; then
		echo "driver has no such parameters"
		return 95
	fi
	remove_pci_devices
	rmmod $DRIVER_MOD || { echo "rmmod $DRIVER_MOD failed"; return 1; }
	from=$(($(dmesg | wc -l) + 1))
	if insmod "$DRIVER_KO" strtab_linear_bits=17 2>/dev/null; then
		rmmod $DRIVER_MOD
		echo "insmod accepted strtab_linear_bits=17"
		return 1
	fi
	dmesg | tail -n +$from | grep -q 'strtab_linear_bits=17: want 0' ||
		{ echo "no message for strtab_linear_bits=17"; return 1; }
	grep -q "^$DRIVER_MOD " /proc/modules && { echo "module left loaded"; return 1; }

	insmod "$DRIVER_KO" strtab_linear_bits=8 force_l2_strtab=1 ||
		{ echo "insmod failed outright"; return 1; }
	dmesg | tail -n +$from | grep -q 'strtab_linear_bits=8: conflicts with force_l2_strtab' ||
		{ rmmod $DRIVER_MOD; echo "no message for the conflict"; return 1; }
	if [ -n "$(ls /sys/class/iommu 2>/dev/null)" ]; then
		rmmod $DRIVER_MOD
		echo "an IOMMU was registered despite the failed probe"
		return 1
	fi
	rmmod $DRIVER_MOD || { echo "rmmod after the failed probe failed"; return 1; }
	load_driver || { echo "insmod after the refusals failed"; return 1; }
	echo 1 >/sys/bus/pci/rescan
	wait_bound 60 || { echo "devices did not come back after rescan"; return 1; }
}

run smmu_probed smmu_probed
run smmu_owned_by_module smmu_owned_by_module
run register_windows_architected_only register_windows_architected_only
run smmu_stages_as_profile stages_as_profile
insmod $HELPER_KO
run pci_devices_bound devices_bound
run iommu_groups_default_type groups_as_expected
run virtio_blk_data_intact disk_roundtrip vda
run nvme_data_intact disk_roundtrip nvme0n1
run edu_dma_streaming edu_run mapped
run edu_dma_coherent edu_run coherent
run edu_dma_unmapped_iova_faults edu_fault_reported
run edu_fault_at_profile_stage fault_at_profile_stage
run edu_dma_after_id_reuse edu_run reuse
run edu_dma_top_of_input_range edu_run top
run domain_type_switch_keeps_io switch_domain_types
run bad_module_parameters_refused bad_modparams_refused
run remove_rmmod_insmod_rescan reload_driver
run groups_after_reload groups_as_expected
run virtio_blk_after_reload disk_roundtrip vda
run nvme_after_reload disk_roundtrip nvme0n1
run edu_dma_after_reload edu_run mapped

echo "e2e: done $passed passed, $failed failed, $skipped skipped"
