# SPDX-License-Identifier: GPL-2.0
# Shared settings for the host-side scripts. Sourced, never run.
#
# Everything heavy (kernel source, test kernel build, disk images) lives in
# $SMMU_CACHE, outside the clone, keyed so that a second run reuses it:
#   $SMMU_CACHE/src/linux-source-<pkgver>/      unpacked Debian source
#   $SMMU_CACHE/kernel-<pkgver>-<key>/          O= build of the test kernel
# <key> hashes the effective config fragment and KERNEL_RECIPE, so changing
# either gives a new build directory and leaves the old one alone. Bump
# KERNEL_RECIPE when scripts/build-kernel.sh changes what it builds.
#
# KERNEL_FLAVOR picks the kernel: "debug" (the default: lockdep, KASAN,
# kmemleak, UBSAN, fault injection; every test runs on it), "bench" (the
# same fragment without its debugging section, so that timings measure the
# drivers rather than the sanitizers; make bench runs on it) or "minimal"
# (the bench fragment also without KUnit, SVA and IOMMUFD, as a
# distribution kernel such as Debian's arm64 one is: the module must build
# and work there; make lint and the e2e variant "minimal" use it; nor what
# only the user-DMA test needs, the VFIO device cdev, which depends on
# IOMMUFD, and huge pages).
# KERNEL_FLAVOR=debian is no build of ours but Debian's own arm64 kernel
# (image, headers, modules) from bookworm-backports, unpacked into
#   $SMMU_CACHE/debian-<DEBIAN_KVER>/root/   (scripts/debian-kernel.sh)
# with the in-tree driver built in: the e2e variant "debian" boots it.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SMMU_CACHE=${SMMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/smmuv3}
ARCH=arm64
CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
export ARCH CROSS_COMPILE

SRC_TARBALL=/usr/src/linux-source-6.12.tar.xz
FRAGMENT=$TOP/scripts/test-kernel.config
KERNEL_FLAVOR=${KERNEL_FLAVOR:-debug}
KERNEL_RECIPE="allnoconfig+fragment, Image modules, v1"
# Debian's arm64 kernel: its ABI name (linux-image-<this>-arm64-unsigned).
DEBIAN_KVER=${DEBIAN_KVER:-6.12.95+deb12}
# The suite the Debian kernel packages come from, on the host's mirror.
DEBIAN_BACKPORTS=bookworm-backports

# The emulator: QEMU 10.0 from bookworm-backports (setup.sh installs
# QEMU_PACKAGES from there), or QEMU_SYSTEM, e.g. a private unpacked copy,
# with QEMU_DATADIR as its -L (firmware and data) directory.
QEMU_SYSTEM=${QEMU_SYSTEM:-qemu-system-aarch64}
QEMU_DATADIR=${QEMU_DATADIR:-}
QEMU_PACKAGES="qemu-system-arm qemu-system-common qemu-system-data"
# The oldest QEMU the profiles below work on (virt-9.1, arm-smmuv3.stage=2).
QEMU_MIN_VERSION=10.0

# SMMU_PROFILE: the stages QEMU's SMMUv3 offers.
#   s1      stage 1 only (IDR0.S1P); virt-9.1, whose SMMU is stage 1
#   s2      stage 2 only (IDR0.S2P): every DMA domain is a stage-2 domain
#   nested  stage 1 and stage 2 (S1P+S2P), the default of virt >= 9.2
SMMU_PROFILE=${SMMU_PROFILE:-s1}
SMMU_PROFILES="s1 s2 nested"

# The -M and -global options of SMMU_PROFILE, one a line.
qemu_profile_args() {
	case $SMMU_PROFILE in
	s1) printf '%s\n' -M virt-9.1,iommu=smmuv3,gic-version=3 ;;
	s2) printf '%s\n' -M virt-9.1,iommu=smmuv3,gic-version=3 -global arm-smmuv3.stage=2 ;;
	nested) printf '%s\n' -M virt,iommu=smmuv3,gic-version=3 ;;
	*) die "unknown SMMU_PROFILE '$SMMU_PROFILE' ($SMMU_PROFILES)" ;;
	esac
}

# ARGS...: run the emulator.
qemu_system() {
	if [ -n "$QEMU_DATADIR" ]; then
		"$QEMU_SYSTEM" -L "$QEMU_DATADIR" "$@"
	else
		"$QEMU_SYSTEM" "$@"
	fi
}

# The emulator's version, e.g. "10.0.2".
qemu_version() {
	qemu_system --version | sed -nE '1s/^QEMU emulator version ([0-9.]+).*/\1/p'
}

# Host packages the project needs, as Debian names them (QEMU_PACKAGES,
# from backports, come on top). coccinelle only
# recommends ocaml, but two of the kernel's semantic patches are scripted in
# OCaml and coccicheck fails without ocamlopt. dwarves has pahole, which
# Debian's kernel (BTF for modules) needs to build ours; dkms is run for
# that kernel by make distro-check (scripts/debian-dkms.sh).
HOST_PACKAGES="linux-source-6.12 gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	qemu-efi-aarch64 busybox-static:arm64 sparse coccinelle
	ocaml flex bison libssl-dev libelf-dev bc cpio kmod python3 xz-utils
	perl e2fsprogs dwarves dkms device-tree-compiler"

msg() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

src_version() {
	dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null ||
		die "linux-source-6.12 is not installed (run scripts/setup.sh)"
}

src_dir() { echo "$SMMU_CACHE/src/linux-source-$(src_version)"; }

debian_dir() { echo "$SMMU_CACHE/debian-$DEBIAN_KVER"; }

# The kernel image to boot for KERNEL_FLAVOR, built (or fetched) on first use.
kernel_image() {
	if [ "$KERNEL_FLAVOR" = debian ]; then
		"$TOP/scripts/debian-kernel.sh" --image
	else
		echo "$("$TOP/scripts/kdir.sh")/arch/arm64/boot/Image"
	fi
}

# The config fragment of KERNEL_FLAVOR: the debugging section runs from its
# "# Debugging" heading to the next blank line or the end of the file.
fragment_text() {
	case $KERNEL_FLAVOR in
	debug) cat "$FRAGMENT" ;;
	bench) sed '/^# Debugging/,/^$/d' "$FRAGMENT" ;;
	minimal)
		sed '/^# Debugging/,/^$/d' "$FRAGMENT" |
			grep -vE '^CONFIG_(KUNIT|ARM_SMMU_V3_KUNIT_TEST|ARM_SMMU_V3_SVA|IOMMUFD|VFIO_DEVICE_CDEV|HUGETLBFS)='
		;;
	debian) die "KERNEL_FLAVOR=debian is Debian's kernel, not a build of ours" ;;
	*) die "unknown KERNEL_FLAVOR '$KERNEL_FLAVOR' (debug, bench, minimal, debian)" ;;
	esac
}

kernel_key() {
	{ src_version; echo "$KERNEL_RECIPE"; fragment_text; } |
		sha256sum | cut -c1-12
}

kernel_dir() { echo "$SMMU_CACHE/kernel-$(src_version)-$(kernel_key)"; }

jobs() { echo $(($(nproc) + 1)); }

# Copy the driver's sources (Kbuild, *.c, *.h, not kbuild's generated
# *.mod.c) from directory $1 to directory $2.
copy_sources() {
	cp "$1/Kbuild" "$2/"
	find "$1" -maxdepth 1 -name '*.[ch]' ! -name '*.mod.c' -exec cp -t "$2/" {} +
}

# NAME CMD...: run a step of make check (or make distro-check) that counts as
# one result in $SMMU_RESULTS; its time goes to stderr.
result_step() {
	local name=$1 s
	shift
	s=$(date +%s)
	msg "$name"
	if "$@"; then
		echo "pass $name" >>"$SMMU_RESULTS"
	else
		echo "fail $name" >>"$SMMU_RESULTS"
		msg "$name FAILED"
		return 1
	fi
	msg "$name: $(($(date +%s) - s)) s"
}

# WHAT START: the closing lines of a run from the results in $SMMU_RESULTS,
# ending with "N passed, N failed, N skipped"; fails if anything failed.
results_summary() {
	local passed failed skipped
	passed=$(grep -c '^pass ' "$SMMU_RESULTS")
	failed=$(grep -c '^fail ' "$SMMU_RESULTS")
	skipped=$(grep -c '^skip ' "$SMMU_RESULTS")
	echo
	echo "$1 took $(($(date +%s) - $2)) s; results in $SMMU_RESULTS"
	if [ "$skipped" != 0 ]; then
		echo "skipped:"
		grep '^skip ' "$SMMU_RESULTS" | sed 's/^skip /  /'
	fi
	# Last, next to the count: a CI log cut to its tail still names them
	if [ "$failed" != 0 ]; then
		echo "failed:"
		grep '^fail ' "$SMMU_RESULTS" | sed 's/^fail /  /'
	fi
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" = 0 ]
}
