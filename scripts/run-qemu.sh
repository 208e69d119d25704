#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the test kernel (KERNEL_FLAVOR, lib.sh) and initramfs on QEMU's virt machine with an SMMUv3,
# a virtio-blk disk, an NVMe disk and an edu device on pcie.0 (so all of
# them sit behind the SMMU), run one guest job, keep the serial log and fail
# on any kernel report (scripts/check-log.sh).
#
# Usage: run-qemu.sh [-d ours|reference] [-j e2e|kunit|demo|bench|userdma|shell]
#                    [-e DMA|DMA-FQ|identity] [-a 'kernel args']
#                    [-m 'modparam=1,...'] [-t seconds] [-l log] [-A] [-v]
#                    [-p s1|s2|nested]
#   -A  boot through UEFI so the kernel finds the SMMU in ACPI/IORT
#   -v  show the whole serial log, not only the job's result lines
#   -p  the SMMU profile (lib.sh; default $SMMU_PROFILE, else s1)
# Environment: QEMU_SYSTEM, QEMU_DATADIR (lib.sh), SMMU_PROFILE, QEMU_CPU,
#              QEMU_SMP, QEMU_MEM, QEMU_EXTRA, SMMU_OUT (out dir),
#              KEEP_LOG_QUIET=1 to print nothing live.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

driver=ours job=e2e expect=DMA append="" modparams="" timeout=900 log="" acpi=0 verbose=0
while getopts "d:j:e:a:m:t:l:p:Av" o; do
	case $o in
	d) driver=$OPTARG ;;
	j) job=$OPTARG ;;
	e) expect=$OPTARG ;;
	a) append=$OPTARG ;;
	m) modparams=$OPTARG ;;
	t) timeout=$OPTARG ;;
	l) log=$OPTARG ;;
	p) SMMU_PROFILE=$OPTARG ;;
	A) acpi=1 ;;
	v) verbose=1 ;;
	*) die "usage: see the header of $0" ;;
	esac
done
case $driver in ours|reference) ;; *) die "unknown driver '$driver' (ours, reference)" ;; esac
mapfile -t machine < <(qemu_profile_args) && [ ${#machine[@]} -gt 0 ] || exit 1
qv=$(qemu_version)
[ -n "$qv" ] || die "cannot run $QEMU_SYSTEM (QEMU_SYSTEM)"
[ "$(printf '%s\n' "$QEMU_MIN_VERSION" "$qv" | sort -V | head -n1)" = "$QEMU_MIN_VERSION" ] ||
	die "$QEMU_SYSTEM is QEMU $qv; the SMMU profiles need $QEMU_MIN_VERSION or later (scripts/setup.sh)"
[ "$KERNEL_FLAVOR" = debian ] && [ "$driver" = reference ] &&
	die "Debian's kernel has the in-tree driver built in, not as a reference module"

out=${SMMU_OUT:-$TOP/out}
image=$(kernel_image) || die "no kernel image for KERNEL_FLAVOR=$KERNEL_FLAVOR"
initrd=$out/initramfs.cpio.gz
[ -f "$initrd" ] || die "no $initrd: run scripts/mkinitramfs.sh $out first"
mkdir -p "$out/disks" "$out/logs"
suffix=""
[ "$SMMU_PROFILE" = s1 ] || suffix=-$SMMU_PROFILE
log=${log:-$out/logs/$job-$driver$suffix.log}
# Sparse disks of this run's own: QEMU locks its images, and runs from
# several shells (or a mutation script) may share one out directory.
disks=$(mktemp -d "$out/disks/run.XXXXXX")
trap 'rm -rf "$disks"' EXIT
for d in vda nvme; do
	truncate -s 64M "$disks/$d.img"
done

cmdline="console=ttyAMA0 panic=-1 oops=panic deferred_probe_timeout=60"
cmdline+=" smmutest.driver=$driver smmutest.job=$job smmutest.expect=$expect"
cmdline+=" smmutest.profile=$SMMU_PROFILE"
[ -n "$modparams" ] && cmdline+=" smmutest.modparams=$modparams"
# allnoconfig leaves KUNIT_DEFAULT_ENABLED off: suites run only when asked.
[ "$job" = kunit ] && cmdline+=" kunit.enable=1"
# Debian's kernel has the in-tree driver built in: keep it from registering
# so that ours can own the SMMU, as a board running that kernel must.
[ "$KERNEL_FLAVOR" = debian ] && cmdline+=" initcall_blacklist=arm_smmu_driver_init"
[ -n "$append" ] && cmdline+=" $append"

args=(
	"${machine[@]}"
	-cpu "${QEMU_CPU:-max,pauth-impdef=on}" -smp "${QEMU_SMP:-2}" -m "${QEMU_MEM:-1024}"
	-display none -monitor none -serial stdio -no-reboot
	-kernel "$image" -initrd "$initrd"
	-drive if=none,id=vda,format=raw,file="$disks/vda.img"
	-device virtio-blk-pci,drive=vda
	-drive if=none,id=nvme,format=raw,file="$disks/nvme.img"
	-device nvme,serial=smmu-nvme,drive=nvme
	-device edu,dma_mask=0xffffffffffffffff
	-nic none
)
if [ $acpi = 1 ]; then
	args+=(-bios /usr/share/qemu-efi-aarch64/QEMU_EFI.fd)
	cmdline+=" acpi=force"
fi
# shellcheck disable=SC2206
args+=(-append "$cmdline" ${QEMU_EXTRA:-})

if [ "$job" = shell ]; then
	qemu_system "${args[@]}"
	exit
fi

msg "qemu $qv ($SMMU_PROFILE): $job with the $driver driver, log in $log"
start=$(date +%s)
if [ $verbose = 1 ]; then
	filter=(cat)
elif [ "${KEEP_LOG_QUIET:-0}" = 1 ]; then
	filter=(dd of=/dev/null status=none)
else
	filter=(sed -nu -E 's/.*((e2e|demo|bench|faultinject|soak|storm|smmutest|smmu-kunit): .*)/    \1/p')
fi
# Line-buffered all the way: the log must show what the guest printed last.
qemu=("$QEMU_SYSTEM")
[ -n "$QEMU_DATADIR" ] && qemu+=(-L "$QEMU_DATADIR")
timeout -k 10 "$timeout" "${qemu[@]}" "${args[@]}" </dev/null 2>&1 |
	sed -u 's/\r$//' | tee "$log" | "${filter[@]}"
rc=${PIPESTATUS[0]}
msg "qemu: finished in $(($(date +%s) - start)) s"

fail=0
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	echo "run-qemu: timed out after $timeout s; last lines of $log:"
	tail -n 30 "$log"
	fail=1
elif ! grep -q 'smmutest: poweroff' "$log"; then
	echo "run-qemu: the guest did not reach a clean power-off (qemu exit $rc); last lines of $log:"
	tail -n 30 "$log"
	fail=1
fi
"$TOP/scripts/check-log.sh" "$log" || fail=1
exit $fail
