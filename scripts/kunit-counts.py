#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare the KUnit results of make kunit with those of make kunit-run.

Usage: kunit-counts.py MODULE_LOG KUNITPY_LOG [MODULE_LOG KUNITPY_LOG ...]

Each pair is one boot of each path (the plain one, the arm64.nolva one):
the module path's KTAP (make kunit's kunit-ours*.ktap) and kunit.py's
kernel log (kunit-run*.log). Prints the pass/fail/skip counts of every
suite on both paths, then every case whose result differs. The paths must
run the same cases; a case may differ only by being skipped under kunit.py
for one of the reasons documented below (what only the module path
provides), otherwise the exit status is 1.
"""
import re
import sys

# Skip reasons of cases that need what only make kunit's guest provides
# (README, make kunit-run). The text is the start of the case's kunit_skip().
DOCUMENTED = (
    # arm-smmu-v3-test-sva.c: the program the SVA cases start
    "no /bin/sva_client to run: only make kunit's initramfs has it",
    # arm-smmu-v3-test-{pasid,sva}.c: failslab set to fail sleeping allocations
    "no allocation failed: needs failslab and fail_page_alloc ignore-gfp-wait=N",
)

STAMP = re.compile(r'^.*?\[\s*\d+\.\d+\] ?')
RESULT = re.compile(r'^( *)(ok|not ok) \d+ (.+?)(?: # (SKIP|skip) ?(.*))?$')
SUBTEST = re.compile(r'^( *)# Subtest: (\S+)')


def parse(path):
    """{(suite, case path): (status, skip reason)} for every leaf case"""
    cases = {}
    names = {}
    pending = []
    prev_depth = -1
    with open(path, errors='replace') as f:
        for raw in f:
            line = STAMP.sub('', raw.rstrip('\r\n'), count=1)
            m = SUBTEST.match(line)
            if m:
                names[len(m.group(1)) // 4] = m.group(2)
                continue
            m = RESULT.match(line)
            if not m:
                continue
            depth = len(m.group(1)) // 4
            name = m.group(3)
            if m.group(4):
                status = 'skip'
            else:
                status = 'pass' if m.group(2) == 'ok' else 'fail'
            if depth == 0:
                # A suite's own line closes its cases
                for path_, st in pending:
                    cases[(name, path_)] = st
                pending = []
            elif prev_depth <= depth:
                # A leaf: no subtests closed just before it
                parents = [names[d] for d in range(2, depth + 1) if d in names]
                pending.append(('/'.join(parents + [name]),
                                (status, (m.group(5) or '').strip())))
            prev_depth = depth
    return cases


def counts(cases, suite):
    c = {'pass': 0, 'fail': 0, 'skip': 0}
    for (s, _), (st, _) in cases.items():
        if s == suite:
            c[st] += 1
    return '%d/%d/%d' % (c['pass'], c['fail'], c['skip'])


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        sys.exit(__doc__)
    bad = 0
    print('%-40s %-20s %-20s' % ('suite (pass/fail/skip)', 'make kunit', 'kunit.py'))
    diffs = []
    for i in range(0, len(argv), 2):
        mod, kpy = parse(argv[i]), parse(argv[i + 1])
        boot = '' if i == 0 else ' (boot %d)' % (i // 2 + 1)
        if not mod or not kpy:
            print('no results in %s' % (argv[i] if not mod else argv[i + 1]))
            bad = 1
        suites = sorted({s for s, _ in mod} | {s for s, _ in kpy})
        for s in suites:
            a, b = counts(mod, s), counts(kpy, s)
            print('%-40s %-20s %-20s%s' % (s + boot, a, b, '' if a == b else '  *'))
        for key in sorted(set(mod) | set(kpy)):
            x, y = mod.get(key), kpy.get(key)
            if x and y and x[0] == y[0]:
                continue
            ok = (x and y and y[0] == 'skip' and x[0] != 'fail' and
                  y[1].startswith(DOCUMENTED))
            diffs.append((ok, '%s%s %s: make kunit %s, kunit.py %s' %
                          ('/'.join(key), boot, '' if ok else 'UNDOCUMENTED',
                           x[0] if x else 'absent',
                           ('%s (%s)' % y if y[1] else y[0]) if y else 'absent')))
            bad |= not ok
    tot = lambda p: sum(1 for ok, _ in diffs if ok == p)
    print()
    print('%d cases differ: %d documented skips, %d undocumented' %
          (len(diffs), tot(True), tot(False)))
    for _, d in diffs:
        print('  ' + d.replace('  ', ' '))
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
