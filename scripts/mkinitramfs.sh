#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the modules for the test kernel and pack the test initramfs:
#   busybox, /init and the job scripts (scripts/guest/), our driver and its
#   KUnit module, the in-tree reference driver and its KUnit module, the
#   edu DMA helper, dma_map_benchmark, diobench, failnth and sva_client.
# Usage: mkinitramfs.sh OUTDIR   (writes OUTDIR/initramfs.cpio.gz)
# Environment: SMMU_SRC, a directory to take our driver's sources from
#              instead of the clone (a mutated or injected copy).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$(realpath -m "${1:?usage: mkinitramfs.sh OUTDIR}")
ours_src=${SMMU_SRC:-$TOP}
kdir=$("$TOP/scripts/kdir.sh")
src=$(src_dir)
mkdir -p "$out"

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
	local c=$src/tools/testing/selftests/dma/dma_map_benchmark.c
	[ "$bin" -nt "$c" ] && return 0
	make -s -C "$kdir" headers >&2
	# As the selftest's own Makefile: uapi headers first, then include/.
	"${CROSS_COMPILE}gcc" -O2 -static -I"$kdir/usr/include" -I"$src/include" \
		-o "$bin" "$c"
}

build_tool() {	# NAME: scripts/helpers/NAME/NAME.c, a static arm64 binary
	"${CROSS_COMPILE}gcc" -O2 -static -pthread -Wall -Wextra -I"$ours_src" \
		-o "$out/build/$1" "$TOP/scripts/helpers/$1/$1.c"
}

msg "building modules against $kdir"
build_ours || die "our driver does not build (sources: $ours_src)"
build_helper || die "the edu helper module does not build"
build_benchmark || die "dma_map_benchmark does not build"
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
cp "$out"/build/ours/*.ko "$root/lib/smmu/ours/"
cp "$kdir"/drivers/iommu/arm/arm-smmu-v3/*.ko "$root/lib/smmu/reference/"
cp "$out"/build/edu_dma/edu_dma_test.ko "$root/lib/smmu/helpers/"
cp "$out"/build/{dma_map_benchmark,diobench,failnth,sva_client} "$root/bin/"
"${CROSS_COMPILE}strip" --strip-debug "$root"/lib/smmu/*/*.ko

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) |
	gzip -1 >"$out/initramfs.cpio.gz.tmp"
mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
msg "initramfs: $out/initramfs.cpio.gz ($(du -h "$out/initramfs.cpio.gz" | cut -f1))"
