#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Load the driver's KUnit module; its suites run at load time. The host
# hands what lies between the markers to kunit.py parse.
. /smmu/lib.sh
[ -f "$TEST_KO" ] || { echo "smmu-kunit: no test module $TEST_KO"; exit 1; }
echo "smmu-kunit: begin"
insmod "$TEST_KO"
rc=$?
echo "smmu-kunit: end rc=$rc"
