#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Static checks over our sources, each failing on any finding in our code:
# W=1 build, sparse (C=1), checkpatch.pl --strict, coccicheck, kernel-doc.
# Usage: lint.sh   (appends "pass|fail lint NAME" to $SMMU_RESULTS if set)
# Environment: SMMU_SRC, a directory to lint instead of the clone.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=${SMMU_OUT:-$TOP/out}
kdir=$("$TOP/scripts/kdir.sh")
src=$(src_dir)
b=$out/build/lint
rm -rf "$b"
mkdir -p "$b/helpers"
copy_sources "${SMMU_SRC:-$TOP}" "$b"
cp "$TOP"/scripts/helpers/edu_dma/* "$b/helpers/"
# Report paths as they are in the tree, not in the build copy.
cp "$TOP"/scripts/helpers/edu_dma/*.c "$b/"
cd "$b" || exit 1
files=$(ls ./*.[ch])

failed=0
result() {	# NAME OUTPUT-FILE: findings fail the check
	if [ -s "$2" ]; then
		echo "lint: $1: FAILED"
		sed 's/^/    /' "$2" | head -n 60
		failed=1
		[ -n "${SMMU_RESULTS:-}" ] && echo "fail lint $1" >>"$SMMU_RESULTS"
	else
		echo "lint: $1: clean"
		[ -n "${SMMU_RESULTS:-}" ] && echo "pass lint $1" >>"$SMMU_RESULTS"
	fi
}

# W=1 and sparse in one build: any diagnostic that names one of our files.
make -C "$kdir" M="$b" W=1 C=2 modules >"$b/build.log" 2>&1 ||
	echo "build failed" >>"$b/build.log.err"
make -C "$kdir" M="$b/helpers" W=1 C=2 modules >>"$b/build.log" 2>&1 ||
	echo "helper build failed" >>"$b/build.log.err"
{ cat "$b/build.log.err" 2>/dev/null
  grep -E "^$b/[^:]+:[0-9]+:[0-9]+: (warning|error)|^$b/[^:]+:[0-9]+:[0-9]+: " "$b/build.log" |
	grep -v ': note: '; } >"$b/w1-sparse.txt"
result "W=1+sparse" "$b/w1-sparse.txt"

# The configuration of a distribution kernel: no KUnit, SVA or IOMMUFD
# (the minimal flavor, see lib.sh). Nothing of ours may warn or fail there.
nokdir=$(KERNEL_FLAVOR=minimal "$TOP/scripts/kdir.sh")
mkdir -p "$b/minimal"
copy_sources "${SMMU_SRC:-$TOP}" "$b/minimal"
make -C "$nokdir" M="$b/minimal" W=1 modules >"$b/minimal.log" 2>&1 ||
	echo "build failed without KUnit/SVA/IOMMUFD" >>"$b/minimal.log.err"
[ -f "$b/minimal/arm_smmu_v3_oot.ko" ] ||
	echo "no arm_smmu_v3_oot.ko built without KUnit/SVA/IOMMUFD" >>"$b/minimal.log.err"
{ cat "$b/minimal.log.err" 2>/dev/null
  grep -E "^$b/minimal/[^:]+:[0-9]+:[0-9]+: (warning|error)" "$b/minimal.log"; } >"$b/minimal.txt"
result "build-without-kunit-sva-iommufd" "$b/minimal.txt"

"$src/scripts/checkpatch.pl" --strict --no-tree --quiet --terse \
	-f $files 2>&1 | grep -E ": (ERROR|WARNING|CHECK):" >"$b/checkpatch.txt"
result checkpatch "$b/checkpatch.txt"

make -C "$kdir" M="$b" coccicheck MODE=report J="$(nproc)" >"$b/cocci.log" 2>&1
grep -E "^$b/" "$b/cocci.log" >"$b/cocci.txt"
grep -qE 'coccicheck failed|Error' "$b/cocci.log" && grep -E 'coccicheck failed|Error' "$b/cocci.log" >>"$b/cocci.txt"
result coccicheck "$b/cocci.txt"

"$src/scripts/kernel-doc" -none $files >"$b/kdoc.txt" 2>&1
result kernel-doc "$b/kdoc.txt"

exit $failed
