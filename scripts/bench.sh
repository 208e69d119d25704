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

# The goal is judged on the ratio of the medians. "paired" is the median
# of the per-round ratios (the two boots of a round are adjacent in time, so
# slow drift of the machine cancels in them) and "range" their spread: a
# range that straddles 1.0 says the run cannot tell the drivers apart.
python3 - "$raw" "$control" <<'PY' | tee "$out/bench-table.txt"
import sys, statistics, collections
if sys.argv[2] == '1':
    print("A/A control: both columns are the reference driver")
vals = collections.defaultdict(list)
rounds = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    drv, mode, metric, v, rnd = line.split()
    vals[(metric, mode, drv)].append(float(v))
    rounds[(metric, mode, rnd)][drv] = float(v)
metrics = sorted({(m, mo) for (m, mo, _) in vals})
print(f"{'metric':<22} {'mode':<7} {'ours':>10} {'reference':>10} {'ratio':>7} {'paired':>7} {'range':>13}  goal")
worse = 0
for metric, mode in metrics:
    o = vals.get((metric, mode, 'ours'))
    r = vals.get((metric, mode, 'reference'))
    om = statistics.median(o) if o else None
    rm = statistics.median(r) if r else None
    lower = '_us_' in metric
    goal = '<= 1.0' if lower else '>= 1.0'
    if om is None or rm is None or rm == 0:
        print(f"{metric:<22} {mode:<7} {om if om is not None else '-':>10} {rm if rm is not None else '-':>10} {'-':>7}  {goal} (missing)")
        worse += 1
        continue
    ratio = om / rm
    pr = [d['ours'] / d['reference'] for (mt, mo, _), d in rounds.items()
          if mt == metric and mo == mode and d.get('reference') and 'ours' in d]
    paired = f"{statistics.median(pr):.3f}" if pr else '-'
    spread = f"{min(pr):.2f}-{max(pr):.2f}" if pr else '-'
    bad = ratio > 1.0 if lower else ratio < 1.0
    worse += bad
    print(f"{metric:<22} {mode:<7} {om:>10.2f} {rm:>10.2f} {ratio:>7.3f} {paired:>7} {spread:>13}  {goal}{'  <- worse' if bad else ''}")
print(f"{len(metrics)} metrics, {worse} not meeting the goal (medians of the rounds)")
PY
