#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench`: dma_map_benchmark (1 and 2 threads, granule 1 and 16) and
# NVMe O_DIRECT sequential/random reads, strict and lazy, for our driver and
# the in-tree reference in alternating boots within one run. Prints the
# medians and the ratio ours/reference: latency wants <= 1.0, throughput
# >= 1.0. The machines are shared and noisy: only ratios from one run mean
# anything.
#
# Both drivers run on the bench flavor of the test kernel (no lockdep,
# KASAN, kmemleak or UBSAN: see lib.sh), with their own initramfs in
# <out>/bench-<flavor>, so the sanitizers' cost does not drown the
# drivers' own. BENCH_KERNEL=debug measures on the debug kernel instead.
# BENCH_CONTROL=1 is the A/A control: the reference driver runs in both
# columns, so its ratios and ranges show how far the machine's noise alone
# moves them.
# Environment: BENCH_ROUNDS (default 3), BENCH_SECS per measurement (5),
#              BENCH_KERNEL (bench or debug), BENCH_CONTROL (0 or 1).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

rounds=${BENCH_ROUNDS:-3}
secs=${BENCH_SECS:-5}
control=${BENCH_CONTROL:-0}
case $control in 0|1) ;; *) die "BENCH_CONTROL must be 0 or 1, not '$control'" ;; esac
export KERNEL_FLAVOR=${BENCH_KERNEL:-bench}
out=${SMMU_OUT:-$TOP/out}/bench-$KERNEL_FLAVOR
[ "$control" = 1 ] && out=$out-control
export SMMU_OUT=$out
"$TOP/scripts/mkinitramfs.sh" "$out" || die "bench: no initramfs for the $KERNEL_FLAVOR kernel"
raw=$out/bench-raw.txt
: >"$raw"
msg "bench: $rounds rounds of ${secs} s measurements on the $KERNEL_FLAVOR kernel"
[ "$control" = 1 ] &&
	msg "bench: A/A control: the column 'ours' runs the reference driver too"

for r in $(seq 1 "$rounds"); do
	order="ours reference"
	[ $((r % 2)) = 0 ] && order="reference ours"
	for mode in strict lazy; do
		strict=1 expect=DMA
		[ $mode = lazy ] && strict=0 expect=DMA-FQ
		for drv in $order; do
			run=$drv
			[ "$control" = 1 ] && run=reference
			log=$out/logs/bench-$drv-$mode-$r.log
			KEEP_LOG_QUIET=1 "$TOP/scripts/run-qemu.sh" -d "$run" -j bench \
				-e "$expect" -l "$log" \
				-a "iommu.strict=$strict smmutest.benchsecs=$secs" ||
				msg "bench: the $run/$mode boot of round $r failed (see $log)"
			grep -aoE 'bench: [A-Za-z0-9_]+ [0-9.]+$' "$log" |
				awk -v d="$drv" -v m="$mode" -v r="$r" '{ print d, m, $2, $3, r }' >>"$raw"
			grep -aoE 'bench: error: .*' "$log" >&2
		done
	done
	msg "bench: round $r of $rounds done"
done

# The table: medians, their ratio (the goal is judged on it), paired
# per-round ratios and a sign test over the rounds (scripts/bench-table.py).
ctl=
[ "$control" = 1 ] && ctl=--control
python3 "$TOP/scripts/bench-table.py" "$raw" $ctl | tee "$out/bench-table.txt"
