#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the end-to-end scenario suite (scripts/guest/e2e.sh) in QEMU against
# one driver, in one configuration.
# Usage: e2e.sh [ours|reference] [default|lazy|identity|strtab2|linear|acpi|minimal|faultinject|cycles[-minimal]|soak[-minimal]|storm|userdma|debian[-V]|fw-CASE]
#   lazy      iommu.strict=0: default domains are DMA-FQ
#   identity  iommu.passthrough=1: default domains are identity
#   strtab2   our driver with a two-level stream table forced
#   linear    our driver with a linear stream table of 256 StreamIDs forced
#   acpi      boot through UEFI: the SMMU comes from ACPI/IORT, not DT
#   minimal   on the minimal kernel flavor (no KUnit, SVA, IOMMUFD or
#             debugging options, see lib.sh), with its own initramfs
#   debian[-V]  variant V (default if none; not minimal or faultinject) on
#             Debian's own arm64 kernel from bookworm-backports (lib.sh), its
#             in-tree driver built in and kept from registering; debian-dkms
#             is the default one with the module DKMS built (debian-dkms.sh)
#   faultinject  fail every allocation of insmod + probe in turn
#             (scripts/guest/faultinject.sh); FAULT_STRIDE=k tries every k-th
#   cycles    CYCLE_ROUNDS (10) rounds of remove, rmmod, insmod, rescan
#             and DMA (scripts/guest/cycles.sh), kmemleak at the end;
#             cycles-minimal the same on the minimal kernel, where the
#             memory footprint must stay steady
#   soak[-minimal]  SOAK_SECS (30) of fio verifying both disks, the DMA
#             benchmark strict and lazy, edu DMA checks, an idle group's
#             domain switched and the device removed and rescanned, all at
#             once (scripts/guest/soak.sh), in two halves; soak-minimal
#             on the minimal kernel, where the memory after the second
#             half must be within SOAK_SLACK (64) KiB of where the first
#             half left it
#   storm     edu writes to an unmapped IOVA in a loop while both disks
#             are timed against quiet phases between, STORM_SECS (12)
#             in all, STORM_LEN (256) bytes a transfer; the disks must
#             keep STORM_MIN (40) % of their rate and the event thread
#             use at most STORM_CPU (10) % of a CPU (scripts/guest/storm.sh)
#   dead      the SMMU stops consuming commands for good (edu's helper
#             clears CMDQEN behind the driver): declared dead within its
#             bound, DMA blocked, later commands refused, unload works
#             (scripts/guest/dead.sh)
#   userdma   user DMA through iommufd and the VFIO device cdev
#             (scripts/guest/userdma.sh, scripts/helpers/userdma); skips
#             on a kernel without IOMMUFD
#   fw-CASE   boot with a device tree that describes the SMMU wrongly
#             (scripts/mkdtb.sh lists the cases, scripts/guest/firmware.sh
#             says what each must do)
# E2E_TIMEOUT caps the boot (900 s). SMMU_PROFILE (s1, s2, nested: lib.sh)
# picks the SMMU's stages; a profile
# other than s1 is part of the results' tag and the log's name.
# Appends "pass|fail|skip NAME" lines to $SMMU_RESULTS when it is set.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

driver=${1:-ours}
variant=${2:-default}
out=${SMMU_OUT:-$TOP/out}
expect=DMA append="" modparams="" qemu_flags=() job=e2e
base=$variant
case $variant in
debian|debian-*)
	# Debian's own arm64 kernel (lib.sh) with our module built against its
	# headers, the built-in driver kept from registering (run-qemu.sh).
	# What follows "debian-" is the variant to run there.
	[ "$driver" = ours ] || die "$variant runs our driver: Debian's own is built in"
	base=${variant#debian}
	base=${base#-}
	base=${base:-default}
	case $base in
	dkms)
		# The suite's default configuration, with the module DKMS built
		# and installed for Debian's kernel from dkms.conf
		SMMU_OURS_KO=$("$TOP/scripts/debian-dkms.sh") ||
			die "$variant: DKMS did not build and install the module"
		export SMMU_OURS_KO
		base=default
		;;
	minimal) die "$variant: minimal is a kernel of ours, not Debian's" ;;
	faultinject) die "$variant: Debian's kernel has no FAILSLAB/FAIL_PAGE_ALLOC to inject with" ;;
	debian*) die "unknown variant '$variant'" ;;
	esac
	export KERNEL_FLAVOR=debian
	out=$out/debian
	export SMMU_OUT=$out
	"$TOP/scripts/mkinitramfs.sh" "$out" >&2 ||
		die "no initramfs for Debian's kernel: the module does not build against its headers"
	;;
esac
case $base in
default) ;;
lazy) expect=DMA-FQ append="iommu.strict=0" ;;
identity) expect=identity append="iommu.passthrough=1" ;;
strtab2)
	[ "$driver" = ours ] || die "strtab2 forces a module parameter of our driver only"
	modparams="force_l2_strtab=1"
	;;
linear)
	[ "$driver" = ours ] || die "linear forces a module parameter of our driver only"
	modparams="strtab_linear_bits=8"
	;;
acpi) qemu_flags=(-A) ;;
minimal)
	export KERNEL_FLAVOR=minimal
	out=$out/minimal
	export SMMU_OUT=$out
	"$TOP/scripts/mkinitramfs.sh" "$out" >&2 ||
		die "no initramfs for the minimal kernel: the module does not build there"
	;;
faultinject) job=faultinject append="smmutest.stride=${FAULT_STRIDE:-1}" ;;
cycles | cycles-minimal)
	job=cycles append="smmutest.rounds=${CYCLE_ROUNDS:-10}"
	# The footprint is judged without the debug kernel's sanitizers,
	# whose quarantine and records grow with every round
	if [ "$base" = cycles-minimal ]; then
		export KERNEL_FLAVOR=minimal
		out=$out/minimal
		export SMMU_OUT=$out
		"$TOP/scripts/mkinitramfs.sh" "$out" >&2 ||
			die "no initramfs for the minimal kernel: the module does not build there"
	fi
	;;
soak | soak-minimal)
	# Three edu devices (benchmarked, DMA-checked, idle) and Debian's fio
	# appended to the initramfs
	job=soak append="smmutest.soaksecs=${SOAK_SECS:-30}"
	[ "$base" = soak-minimal ] && append+=" smmutest.slack=${SOAK_SLACK:-64}"
	export QEMU_EXTRA="${QEMU_EXTRA:-} -device edu,dma_mask=0xffffffffffffffff -device edu,dma_mask=0xffffffffffffffff"
	fio=$("$TOP/scripts/fio-root.sh") || die "$variant: no fio archive"
	if [ "$base" = soak-minimal ]; then
		export KERNEL_FLAVOR=minimal
		out=$out/minimal
		"$TOP/scripts/mkinitramfs.sh" "$out" >&2 ||
			die "no initramfs for the minimal kernel: the module does not build there"
	fi
	mkdir -p "$out/soak"
	cat "$out/initramfs.cpio.gz" "$fio" >"$out/soak/initramfs.cpio.gz"
	out=$out/soak
	export SMMU_OUT=$out
	;;
storm)
	job=storm append="smmutest.stormsecs=${STORM_SECS:-12} smmutest.stormlen=${STORM_LEN:-256} smmutest.stormmin=${STORM_MIN:-40} smmutest.stormcpu=${STORM_CPU:-10}"
	;;
userdma) job=userdma ;;
dead) job=dead ;;
fw-*)
	# The devices wait for an IOMMU driver at most this long: where the
	# SMMU is refused they then probe without one
	job=firmware append="smmutest.fw=${variant#fw-} deferred_probe_timeout=15"
	# An SMMU our driver refuses after programming it (no gerror
	# interrupt) is left with GBPA as disable_bypass says: aborting by
	# default, which QEMU 10.0 honours (7.2 let traffic bypass
	# regardless), so the disks could not work around it. Bypass is
	# asked for here (KUnit checks the abort against the model, at
	# removal and in service failure mode).
	if [ "$driver:${variant#fw-}" = ours:no-gerror ]; then
		modparams="disable_bypass=0"
	fi
	dtb=$out/fw/${variant#fw-}.dtb
	"$TOP/scripts/mkdtb.sh" "${variant#fw-}" "$dtb" || die "no device tree for $variant"
	export QEMU_EXTRA="${QEMU_EXTRA:-} -dtb $dtb"
	;;
*) die "unknown variant '$variant' (default, lazy, identity, strtab2, linear, acpi, minimal, faultinject, cycles[-minimal], userdma, dead, storm, soak[-minimal], debian[-VARIANT], fw-CASE)" ;;
esac

suffix="" tag="e2e[$driver,$variant]"
if [ "$SMMU_PROFILE" != s1 ]; then
	suffix=-$SMMU_PROFILE tag="e2e[$driver,$variant,$SMMU_PROFILE]"
fi
log=$out/logs/e2e-$driver-$variant$suffix.log
"$TOP/scripts/run-qemu.sh" -d "$driver" -j "$job" -e "$expect" -a "$append" \
	-m "$modparams" -l "$log" -p "$SMMU_PROFILE" -t "${E2E_TIMEOUT:-900}" "${qemu_flags[@]}"
qemu_ok=$?

results=$(grep -aoE 'e2e: (not )?ok [0-9]+ - .*' "$log" | sed 's/^e2e: //')
passed=$(echo "$results" | grep -c '^ok ')
skipped=$(echo "$results" | grep -c '^ok .*# SKIP')
failed=$(echo "$results" | grep -c '^not ok')
passed=$((passed - skipped))
done_line=$(grep -ac 'e2e: done' "$log")

if [ -n "${SMMU_RESULTS:-}" ]; then
	echo "$results" | sed -nE \
		-e "s/^ok [0-9]+ - ([^ ]+) # SKIP.*/skip $tag \1/p" \
		-e "t" \
		-e "s/^ok [0-9]+ - ([^ ]+).*/pass $tag \1/p" \
		-e "s/^not ok [0-9]+ - ([^ ]+).*/fail $tag \1/p" >>"$SMMU_RESULTS"
	[ "$done_line" -gt 0 ] || echo "fail $tag suite-completed" >>"$SMMU_RESULTS"
	[ "$qemu_ok" = 0 ] || echo "fail $tag clean-kernel-log" >>"$SMMU_RESULTS"
fi

echo "$tag: $passed passed, $failed failed, $skipped skipped"
if [ "$done_line" = 0 ]; then
	echo "$tag: the suite did not run to its end (see $log)"
	exit 1
fi
[ "$failed" = 0 ] && [ "$qemu_ok" = 0 ]
