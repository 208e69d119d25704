#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Load the driver's KUnit module; its suites run at load time. The host
# hands what lies between the markers to kunit.py parse.
. /smmu/lib.sh
[ -f "$TEST_KO" ] || { echo "smmu-kunit: no test module $TEST_KO"; exit 1; }
# Suites that fail one allocation after another (the task's fail-nth) need
# failslab and fail_page_alloc to fail sleeping allocations too; nothing
# fails unless a test asks for it.
for f in failslab fail_page_alloc; do
	a=/sys/kernel/debug/$f
	[ -w "$a/ignore-gfp-wait" ] && echo N >"$a/ignore-gfp-wait"
	[ -w "$a/verbose" ] && echo 0 >"$a/verbose"
done
a=/sys/kernel/debug/fail_page_alloc/min-order
[ -w "$a" ] && echo 0 >"$a"
echo "smmu-kunit: begin"
insmod "$TEST_KO"
rc=$?
echo "smmu-kunit: end rc=$rc"
