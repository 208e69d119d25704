#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the modules for the test kernel and pack the test initramfs:
#   busybox, /init and the job scripts (scripts/guest/), our driver and its
#   KUnit module, the in-tree reference driver and its KUnit module, the
#   edu DMA helper, dma_map_benchmark, diobench, failnth, sva_client and
#   userdma. With KERNEL_FLAVOR=debian (Debian's own kernel, lib.sh): no
#   reference driver (Debian's is built in), no dma_map_benchmark and no
#   userdma (its headers have no uapi tree to build them with), but the
#   Debian modules the test devices
#   need, with what they depend on, in load order.
# Usage: mkinitramfs.sh OUTDIR   (writes OUTDIR/initramfs.cpio.gz)
# An initramfs made of the same inputs (OUTDIR/initramfs.key) is kept;
# concurrent calls for one OUTDIR take turns.
# Environment: SMMU_SRC, a directory to take our driver's sources from
#              instead of the clone (a mutated or injected copy);
#              SMMU_OURS_KO, our driver built elsewhere (by DKMS) to take
#              as it is, signature and all, instead of building it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$(realpath -m "${1:?usage: mkinitramfs.sh OUTDIR}")
ours_src=${SMMU_SRC:-$TOP}
kdir=$("$TOP/scripts/kdir.sh")
debian=0
[ "$KERNEL_FLAVOR" = debian ] && debian=1
mkdir -p "$out"
exec 8>"$out/.mkinitramfs.lock"
flock 8

# Everything the initramfs is made of, by content where it is ours and by
# size and time where it is a kernel build's
inputs_key() {
	{
		echo "$kdir $KERNEL_FLAVOR ${SMMU_OURS_KO:-}"
		[ -z "${SMMU_OURS_KO:-}" ] || sha256sum <"$SMMU_OURS_KO"
		(cd "$ours_src" && find . -maxdepth 1 \( -name Kbuild -o -name '*.[ch]' \) \
			! -name '*.mod.c' | LC_ALL=C sort | xargs sha256sum)
		(cd "$TOP" && find scripts/guest scripts/helpers -type f | LC_ALL=C sort |
			xargs sha256sum)
		(cd "$TOP" && sha256sum scripts/mkinitramfs.sh scripts/lib.sh)
		sha256sum </bin/busybox
		"${CROSS_COMPILE}gcc" --version | head -n1
		find "$kdir" -maxdepth 1 \( -name .config -o -name Module.symvers \
			-o -name vmlinux \) -printf '%p %s %T@\n' | LC_ALL=C sort
		find "$kdir/drivers/iommu/arm/arm-smmu-v3" "$kdir/include/config" \
			-maxdepth 1 \( -name '*.ko' -o -name kernel.release \) \
			-printf '%p %s %T@\n' 2>/dev/null | LC_ALL=C sort
		[ $debian = 0 ] || find "$(debian_dir)" -maxdepth 1 -printf '%p %T@\n' |
			LC_ALL=C sort
	} | sha256sum | cut -c1-16
}
key=$(inputs_key)
if [ -s "$out/initramfs.cpio.gz" ] && [ "$(cat "$out/initramfs.key" 2>/dev/null)" = "$key" ]; then
	msg "initramfs: $out/initramfs.cpio.gz is up to date"
	exit 0
fi
rm -f "$out/initramfs.key"

# Our modules, built in a copy so a build against another KDIR in the
# clone (e.g. on an arm64 host) is never mixed up with this one.
build_ours() {
	local b=$out/build/ours
	mkdir -p "$b"
	rm -rf "$b"
	mkdir -p "$b"
	copy_sources "$ours_src" "$b"
	make -s -C "$kdir" M="$b" modules >&2
}

build_helper() {
	local b=$out/build/edu_dma
	mkdir -p "$b"
	cp "$TOP"/scripts/helpers/edu_dma/* "$b/"
	make -s -C "$kdir" M="$b" modules >&2
}

build_benchmark() {
	local bin=$out/build/dma_map_benchmark
	local src
	src=$(src_dir)
	local c=$src/tools/testing/selftests/dma/dma_map_benchmark.c
	[ "$bin" -nt "$c" ] && return 0
	make -s -C "$kdir" headers >&2
	# As the selftest's own Makefile: uapi headers first, then include/.
	"${CROSS_COMPILE}gcc" -O2 -static -I"$kdir/usr/include" -I"$src/include" \
		-o "$bin" "$c"
}

# Debian's kernel modules ($1...) and their dependencies, uncompressed (busybox
# insmod takes no .ko.xz) into $2, with $2/order listing them so that each
# comes after what it depends on.
distro_modules() {
	local dest=$1 mdir
	shift
	mdir=$(debian_dir)/root/lib/modules/$DEBIAN_KVER-arm64
	mkdir -p "$dest"
	: >"$dest/order"
	add_module() {
		local f d
		grep -qx "$1" "$dest/order" && return 0
		f=$(find "$mdir/kernel" -name "$1.ko.xz" -o -name "$1.ko" | head -n1)
		[ -n "$f" ] || die "Debian's kernel has no module $1 in $mdir"
		for d in $(modinfo -F depends "$f" | tr ',' ' '); do
			add_module "$d"
		done
		case $f in
		*.xz) xz -dc "$f" >"$dest/$1.ko" ;;
		*) cp "$f" "$dest/$1.ko" ;;
		esac
		echo "$1" >>"$dest/order"
	}
	for m in "$@"; do
		add_module "$m"
	done
}

build_tool() {	# NAME: scripts/helpers/NAME/NAME.c, a static arm64 binary
	"${CROSS_COMPILE}gcc" -O2 -static -pthread -Wall -Wextra -I"$ours_src" \
		-o "$out/build/$1" "$TOP/scripts/helpers/$1/$1.c"
}

# The user-DMA program: iommufd and the VFIO device cdev as the test
# kernel's uapi headers have them (the cross libc's are older)
build_userdma() {
	make -s -C "$kdir" headers >&2
	"${CROSS_COMPILE}gcc" -O2 -static -Wall -Wextra -I"$kdir/usr/include" \
		-o "$out/build/userdma" "$TOP/scripts/helpers/userdma/userdma.c"
}

msg "building modules against $kdir"
if [ -n "${SMMU_OURS_KO:-}" ]; then
	[ -f "$SMMU_OURS_KO" ] || die "SMMU_OURS_KO=$SMMU_OURS_KO: no such module"
else
	build_ours || die "our driver does not build (sources: $ours_src)"
fi
build_helper || die "the edu helper module does not build"
[ $debian = 1 ] || build_benchmark || die "dma_map_benchmark does not build"
[ $debian = 1 ] || build_userdma || die "userdma does not build"
build_tool diobench || die "diobench does not build"
build_tool failnth || die "failnth does not build"
build_tool sva_client || die "sva_client does not build"

root=$out/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,smmu} \
	"$root"/lib/smmu/{ours,reference,helpers}
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$TOP"/scripts/guest/init "$root/init"
cp "$TOP"/scripts/guest/*.sh "$root/smmu/"
chmod +x "$root/init" "$root"/smmu/*.sh
if [ -n "${SMMU_OURS_KO:-}" ]; then
	cp "$SMMU_OURS_KO" "$root/lib/smmu/ours/arm_smmu_v3_oot.ko"
else
	cp "$out"/build/ours/*.ko "$root/lib/smmu/ours/"
	"${CROSS_COMPILE}strip" --strip-debug "$root"/lib/smmu/ours/*.ko
fi
cp "$out"/build/edu_dma/edu_dma_test.ko "$root/lib/smmu/helpers/"
cp "$out"/build/{diobench,failnth,sva_client} "$root/bin/"
if [ $debian = 1 ]; then
	# The virtio-pci transport is built in; the disks' drivers are not.
	distro_modules "$root/lib/smmu/distro" virtio_blk nvme
else
	cp "$kdir"/drivers/iommu/arm/arm-smmu-v3/*.ko "$root/lib/smmu/reference/"
	cp "$out"/build/{dma_map_benchmark,userdma} "$root/bin/"
fi
# Not Debian's modules nor a module from DKMS: they keep their signatures.
find "$root"/lib/smmu/{reference,helpers} -name '*.ko' \
	-exec "${CROSS_COMPILE}strip" --strip-debug {} +

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) |
	gzip -1 >"$out/initramfs.cpio.gz.tmp"
mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
echo "$key" >"$out/initramfs.key"
msg "initramfs: $out/initramfs.cpio.gz ($(du -h "$out/initramfs.cpio.gz" | cut -f1))"
