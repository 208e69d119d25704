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
# and work there; make lint and the e2e variant "minimal" use it).

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SMMU_CACHE=${SMMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/smmuv3}
ARCH=arm64
CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
export ARCH CROSS_COMPILE

SRC_TARBALL=/usr/src/linux-source-6.12.tar.xz
FRAGMENT=$TOP/scripts/test-kernel.config
KERNEL_FLAVOR=${KERNEL_FLAVOR:-debug}
KERNEL_RECIPE="allnoconfig+fragment, Image modules, v1"

# Host packages the project needs, as Debian names them. coccinelle only
# recommends ocaml, but two of the kernel's semantic patches are scripted in
# OCaml and coccicheck fails without ocamlopt.
HOST_PACKAGES="linux-source-6.12 gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	qemu-system-arm qemu-efi-aarch64 busybox-static:arm64 sparse coccinelle
	ocaml flex bison libssl-dev libelf-dev bc cpio kmod python3 xz-utils
	perl e2fsprogs device-tree-compiler"

msg() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

src_version() {
	dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null ||
		die "linux-source-6.12 is not installed (run scripts/setup.sh)"
}

src_dir() { echo "$SMMU_CACHE/src/linux-source-$(src_version)"; }

# The config fragment of KERNEL_FLAVOR: the debugging section runs from its
# "# Debugging" heading to the next blank line or the end of the file.
fragment_text() {
	case $KERNEL_FLAVOR in
	debug) cat "$FRAGMENT" ;;
	bench) sed '/^# Debugging/,/^$/d' "$FRAGMENT" ;;
	minimal)
		sed '/^# Debugging/,/^$/d' "$FRAGMENT" |
			grep -vE '^CONFIG_(KUNIT|ARM_SMMU_V3_KUNIT_TEST|ARM_SMMU_V3_SVA|IOMMUFD)='
		;;
	*) die "unknown KERNEL_FLAVOR '$KERNEL_FLAVOR' (debug, bench, minimal)" ;;
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
