#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make kunit-run`: the driver's KUnit suites the way kernel developers run
# KUnit, `kunit.py run --arch=arm64 --kunitconfig=...`. Suites in a module
# never run under kunit.py run/exec (make kunit loads ours from the guest's
# /init instead), so here the driver and its suites are built into vmlinux
# of a copy of the 6.12 tree:
#   $SMMU_CACHE/kunitpy-src-<pkgver>-<key>/   the source, hard-linked, with
#       drivers/iommu/arm-smmu-v3-oot/ (our sources, kunit/Kconfig,
#       .kunitconfig and kunit/qemu_config.py, as an in-tree driver keeps
#       its .kunitconfig beside its tests) and
#       the two lines of drivers/iommu/{Kconfig,Makefile} that reach it
#   $SMMU_CACHE/kunitpy-<pkgver>-<key>/       kunit.py's --build_dir, kept
#       like the test kernel, keyed by .kunitconfig's options and
#       kunit/qemu_config.py
# The in-tree driver is off there (.kunitconfig), so ours owns QEMU's SMMU.
#
# Like make kunit, the SVA suite runs once more (kunit.py exec) in a boot
# with arm64.nolva for 48-bit page tables. kunit.py's output is in
# $out/logs/kunit-run{,-va48}.txt, the kernel's in .log beside them. When
# make kunit's logs are there, scripts/kunit-counts.py compares the two
# paths suite by suite (kunit-run.sh --compare, as make check does, fails
# on any difference that is not a documented skip).
#
# Usage: kunit-run.sh [--compare]
# Appends "pass|fail NAME" lines to $SMMU_RESULTS when it is set.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

compare=0
[ "${1:-}" != --compare ] || compare=1
out=${SMMU_OUT:-$TOP/out}
mkdir -p "$out/logs"

"$TOP/scripts/setup.sh"
src=$(src_dir)
ver=$(src_version)

# Bump when what the overlay or the build directory holds changes.
KUNITPY_RECIPE="cp -al, drivers/iommu/arm-smmu-v3-oot, kunit.py run, v1"
tree_key=$({ echo "$ver"; echo "$KUNITPY_RECIPE"; } | sha256sum | cut -c1-12)
tree=$SMMU_CACHE/kunitpy-src-$ver-$tree_key
# The build is keyed by the options (not the comments) of .kunitconfig and
# by the qemu_config, which holds the machine's options.
build_key=$({ echo "$ver"; echo "$KUNITPY_RECIPE"
	grep -E '^(CONFIG_|# CONFIG_.* is not set)' "$TOP/.kunitconfig"
	cat "$TOP/kunit/qemu_config.py"; } | sha256sum | cut -c1-12)
build=$SMMU_CACHE/kunitpy-$ver-$build_key
oot=$tree/drivers/iommu/arm-smmu-v3-oot

# One run at a time per overlay: the driver directory in it is rewritten by
# each run, and a second QEMU would only compete for the CPUs.
mkdir -p "$SMMU_CACHE"
exec 9>"$tree.lock"
flock 9

if [ ! -f "$tree/.ready" ]; then
	msg "copying the 6.12 source (hard links) into $tree"
	rm -rf "$tree" "$tree.tmp"
	cp -al "$src" "$tree.tmp"
	# The copy shares the source's files: the two it changes are replaced
	# by new files, never written through the links.
	for f in Kconfig Makefile; do
		rm "$tree.tmp/drivers/iommu/$f"
		cp "$src/drivers/iommu/$f" "$tree.tmp/drivers/iommu/$f"
	done
	echo 'source "drivers/iommu/arm-smmu-v3-oot/Kconfig"' >>"$tree.tmp/drivers/iommu/Kconfig"
	echo 'obj-$(CONFIG_ARM_SMMU_V3_OOT) += arm-smmu-v3-oot/' >>"$tree.tmp/drivers/iommu/Makefile"
	mkdir "$tree.tmp/drivers/iommu/arm-smmu-v3-oot"
	touch "$tree.tmp/.ready"
	mv "$tree.tmp" "$tree"
fi

# Our sources into the overlay. A file is copied only when its content
# differs, so that kbuild rebuilds what changed and nothing else (even when
# another clone ran last); files we no longer have are removed.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
copy_sources "$TOP" "$stage"
cp "$TOP/kunit/Kconfig" "$TOP/kunit/qemu_config.py" "$TOP/.kunitconfig" "$stage/"
for f in "$stage"/* "$stage/.kunitconfig"; do
	cmp -s "$f" "$oot/${f##*/}" || cp "$f" "$oot/"
done
for f in "$oot"/*; do
	[ -e "$stage/${f##*/}" ] || rm -f "$f"
done

# kunit.py runs qemu-system-aarch64 from PATH: another QEMU_SYSTEM (lib.sh)
# goes there as a wrapper of that name.
if [ "$QEMU_SYSTEM" != qemu-system-aarch64 ] || [ -n "$QEMU_DATADIR" ]; then
	mkdir "$stage.bin"
	trap 'rm -rf "$stage" "$stage.bin"' EXIT
	{
		echo '#!/bin/sh'
		printf 'exec %q' "$QEMU_SYSTEM"
		[ -z "$QEMU_DATADIR" ] || printf ' -L %q' "$QEMU_DATADIR"
		echo ' "$@"'
	} >"$stage.bin/qemu-system-aarch64"
	chmod +x "$stage.bin/qemu-system-aarch64"
	export PATH=$stage.bin:$PATH
fi

kunitpy=$tree/tools/testing/kunit/kunit.py
# The command a kernel developer types in the tree, with the tree's copies
common=(--arch=arm64 --cross_compile="$CROSS_COMPILE"
	--kunitconfig="$oot" --qemu_config="$oot/qemu_config.py"
	--build_dir="$build" --timeout="${KUNIT_TIMEOUT:-1200}")

# RUN NAME ARGS...: kunit.py with ARGS, its output in NAME.txt, the kernel's
# in NAME.log, which must also be free of kernel reports. kunit.py writes
# the kernel's log to test.log in the build directory only when it boots
# one: without it (no config, no build) NAME.log is missing.
rc=0
run() {
	local name=$1 r=0
	shift
	msg "kunit.py $1 (output in $out/logs/$name.txt)"
	rm -f "$build/test.log" "$out/logs/$name.log"
	python3 "$kunitpy" "$@" 2>&1 | tee "$out/logs/$name.txt" || r=$?
	if cp "$build/test.log" "$out/logs/$name.log" 2>/dev/null; then
		"$TOP/scripts/check-log.sh" "$out/logs/$name.log" || r=1
	else
		echo "kunit-run: kunit.py booted no kernel (see $out/logs/$name.txt)"
		r=1
	fi
	if [ -n "${SMMU_RESULTS:-}" ]; then
		[ $r = 0 ] && echo "pass $name" || echo "fail $name"
	fi >>"${SMMU_RESULTS:-/dev/null}"
	[ $r = 0 ] || rc=1
}

start=$(date +%s)
# kunit.py configures, builds (incrementally in the cached directory) and
# boots; one job per CPU.
run kunit-run run "${common[@]}" --jobs="$(nproc)"
msg "kunit.py run took $(($(date +%s) - start)) s"
# The CPU of QEMU's "max" has LPA2, which SVA refuses; as in make kunit,
# the SVA suite runs again with 48-bit page tables.
# Not after a failed build, which would leave the last kernel in place.
if [ -f "$out/logs/kunit-run.log" ]; then
	run kunit-run-va48 exec "${common[@]}" --kernel_args=arm64.nolva 'arm_smmu_v3_sva*'
fi

ref=$out/logs/kunit-ours.ktap
if [ -f "$ref" ] && [ -f "$out/logs/kunit-ours-va48.ktap" ]; then
	c=0
	"$TOP/scripts/kunit-counts.py" \
		"$out/logs/kunit-ours.ktap" "$out/logs/kunit-run.log" \
		"$out/logs/kunit-ours-va48.ktap" "$out/logs/kunit-run-va48.log" |
		tee "$out/logs/kunit-run-counts.txt" || c=$?
	if [ $compare = 1 ]; then
		[ -z "${SMMU_RESULTS:-}" ] ||
			{ [ $c = 0 ] && echo "pass kunit-run-counts" || echo "fail kunit-run-counts"; } \
				>>"$SMMU_RESULTS"
		[ $c = 0 ] || rc=1
	fi
elif [ $compare = 1 ]; then
	echo "kunit-run: no make kunit logs in $out/logs to compare with"
	[ -z "${SMMU_RESULTS:-}" ] || echo "fail kunit-run-counts" >>"$SMMU_RESULTS"
	rc=1
else
	echo "kunit-run: run make kunit first for the comparison with it"
fi
exit $rc
