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
# Devices still probing (NVMe probes asynchronously) print between the
# suites' KTAP lines and break kunit.py's parse: start once the kernel log
# has been quiet for a second, waiting at most 20 s.
quiet=0 tries=0 last=$(dmesg | wc -l)
while [ $quiet -lt 2 ] && [ $tries -lt 40 ]; do
	sleep 0.5
	now=$(dmesg | wc -l)
	if [ "$now" = "$last" ]; then quiet=$((quiet + 1)); else quiet=0; fi
	last=$now tries=$((tries + 1))
done
echo "smmu-kunit: begin"
insmod "$TEST_KO"
rc=$?
echo "smmu-kunit: end rc=$rc"
