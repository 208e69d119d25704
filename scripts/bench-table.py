#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the raw lines of scripts/bench.sh into its table.

Raw lines are "<driver> <mode> <metric> <value> <round>". For each metric
the table gives the medians of the rounds per driver and their ratio
ours/reference (the goal is judged on it), "paired": the median of the
per-round ratios (the two boots of a round are adjacent in time, so slow
drift of the machine cancels in them), "range": their spread, and "b/w/t":
in how many rounds ours was better, worse or tied. "verdict" is a two-sided
exact sign test over the rounds that are not ties: "better" or "worse" when
p < 0.05, "same" when the run cannot tell the drivers apart. Seven rounds
reach p < 0.05 only when every untied round agrees.

Usage: bench-table.py RAW [--control]
       bench-table.py --selftest
"""
import collections
import math
import statistics
import sys

ALPHA = 0.05


def sign_test(better, worse):
    """Two-sided exact binomial sign test, ties already dropped."""
    n = better + worse
    if n == 0:
        return 1.0
    k = min(better, worse)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def lower_is_better(metric):
    return '_us_' in metric


def rows(lines):
    """One dict per (metric, mode), sorted, from raw lines."""
    vals = collections.defaultdict(list)
    rounds = collections.defaultdict(dict)
    for line in lines:
        if not line.strip():
            continue
        drv, mode, metric, v, rnd = line.split()
        vals[(metric, mode, drv)].append(float(v))
        rounds[(metric, mode)].setdefault(rnd, {})[drv] = float(v)
    out = []
    for metric, mode in sorted({(m, mo) for (m, mo, _) in vals}):
        o = vals.get((metric, mode, 'ours'))
        r = vals.get((metric, mode, 'reference'))
        row = {'metric': metric, 'mode': mode,
               'ours': statistics.median(o) if o else None,
               'reference': statistics.median(r) if r else None,
               'lower': lower_is_better(metric)}
        pairs = [(d['ours'], d['reference'])
                 for d in rounds[(metric, mode)].values()
                 if 'ours' in d and 'reference' in d]
        # How much ours gained in each round: positive is better.
        gain = [(b - a if row['lower'] else a - b) for a, b in pairs]
        row['better'] = sum(1 for g in gain if g > 0)
        row['worse'] = sum(1 for g in gain if g < 0)
        row['ties'] = len(gain) - row['better'] - row['worse']
        row['p'] = sign_test(row['better'], row['worse'])
        if row['p'] >= ALPHA:
            row['verdict'] = 'same'
        elif row['better'] > row['worse']:
            row['verdict'] = 'better'
        else:
            row['verdict'] = 'worse'
        pr = [a / b for a, b in pairs if b]
        row['paired'] = statistics.median(pr) if pr else None
        row['range'] = (min(pr), max(pr)) if pr else None
        if row['ours'] is None or not row['reference']:
            row['ratio'] = None
            row['meets'] = False
        else:
            row['ratio'] = row['ours'] / row['reference']
            row['meets'] = (row['ratio'] <= 1.0 if row['lower']
                            else row['ratio'] >= 1.0)
        out.append(row)
    return out


def fmt(v, spec):
    return '-' if v is None else format(v, spec)


def print_table(table, control):
    if control:
        print("A/A control: both columns are the reference driver")
    print(f"{'metric':<22} {'mode':<7} {'ours':>9} {'reference':>9} "
          f"{'ratio':>6} {'paired':>6} {'range':>10} {'b/w/t':>6} "
          f"{'p':>5} {'verdict':>7}  goal")
    for r in table:
        rng = (f"{r['range'][0]:.2f}-{r['range'][1]:.2f}"
               if r['range'] else '-')
        bwt = f"{r['better']}/{r['worse']}/{r['ties']}"
        goal = '<= 1.0' if r['lower'] else '>= 1.0'
        flag = '' if r['meets'] else '  <- ratio misses the goal'
        print(f"{r['metric']:<22} {r['mode']:<7} {fmt(r['ours'], '.2f'):>9} "
              f"{fmt(r['reference'], '.2f'):>9} {fmt(r['ratio'], '.3f'):>6} "
              f"{fmt(r['paired'], '.3f'):>6} {rng:>10} {bwt:>6} "
              f"{r['p']:>5.3f} {r['verdict']:>7}  {goal}{flag}")
    n = len(table)
    missed = sum(1 for r in table if not r['meets'])
    count = collections.Counter(r['verdict'] for r in table)
    print(f"{n} metrics, {missed} with a ratio of medians missing the goal")
    print(f"sign test over the rounds (p < {ALPHA}): {count['better']} better, "
          f"{count['worse']} worse, {count['same']} not distinguishable")


def selftest():
    """Synthetic rounds with a known answer; exit 1 on any mismatch."""
    raw = []

    def add(metric, mode, ours, ref):
        for i, (a, b) in enumerate(zip(ours, ref), 1):
            raw.append(f"ours {mode} {metric} {a} {i}")
            raw.append(f"reference {mode} {metric} {b} {i}")

    seven = range(7)
    add('unmap_us_t1_g1', 'strict', [2.5] * 7, [3.4] * 7)
    add('map_us_t1_g1', 'strict', [1.3] * 7, [1.2] * 7)
    add('map_us_t2_g1', 'strict', [1.1 + 0.1 * (i % 2) for i in seven],
        [1.2 - 0.1 * (i % 2) for i in seven])
    add('map_us_t1_g16', 'lazy', [1.2] * 7, [1.2] * 7)
    add('nvme_seq_MBps', 'lazy', [400 + i for i in seven],
        [300 + i for i in seven])
    add('nvme_rand_MBps', 'lazy', [20] * 6 + [30], [25] * 6 + [10])
    want = {
        ('unmap_us_t1_g1', 'strict'): ('better', True, 7, 0, 0),
        ('map_us_t1_g1', 'strict'): ('worse', False, 0, 7, 0),
        ('map_us_t2_g1', 'strict'): ('same', True, 4, 3, 0),
        ('map_us_t1_g16', 'lazy'): ('same', True, 0, 0, 7),
        ('nvme_seq_MBps', 'lazy'): ('better', True, 7, 0, 0),
        ('nvme_rand_MBps', 'lazy'): ('same', False, 1, 6, 0),
    }
    bad = 0
    for r in rows(raw):
        got = (r['verdict'], r['meets'], r['better'], r['worse'], r['ties'])
        exp = want.pop((r['metric'], r['mode']))
        if got != exp:
            print(f"bench-table selftest: {r['metric']} {r['mode']}: "
                  f"got {got}, want {exp}")
            bad += 1
    if want:
        print(f"bench-table selftest: rows missing: {sorted(want)}")
        bad += 1
    # Exact p values of the two-sided sign test.
    for b, w, p in ((7, 0, 2 / 128), (6, 1, 16 / 128), (0, 0, 1.0),
                    (5, 0, 2 / 32)):
        if abs(sign_test(b, w) - p) > 1e-12:
            print(f"bench-table selftest: sign_test({b}, {w}) = "
                  f"{sign_test(b, w)}, want {p}")
            bad += 1
    if bad:
        print(f"bench-table selftest: FAILED ({bad})")
        return 1
    print("bench-table selftest: ok")
    return 0


def main(argv):
    if argv[1:] == ['--selftest']:
        return selftest()
    if len(argv) not in (2, 3) or argv[2:] not in ([], ['--control']):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        print_table(rows(f), argv[2:] == ['--control'])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
