#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Load cycles: SMMUTEST_rounds rounds of removing every PCI device,
# unloading the driver, loading it again, rescanning and checking DMA
# (edu through the SMMU, both disks). The kernel's unreclaimable slab and
# page tables after round 1 and after the last round must not differ by
# more than a few pages a round: what a round leaks adds up. kmemleak
# scans at the end (/init).
. /smmu/lib.sh

rounds=${SMMUTEST_rounds:-10}
# Growth allowed per round, in KiB: allocator caches and the devices' own
# drivers move by a few pages; a leak of the driver's (a stream table, a
# queue, a domain) is larger, and kmemleak sees smaller ones
slack=${SMMUTEST_slack:-16}

round() {
	reload_driver || return 1
	edu_run mapped >/dev/null || { echo "edu DMA failed"; return 1; }
	disk_roundtrip vda && disk_roundtrip nvme0n1
}

insmod $HELPER_KO
wait_bound 60
bad=0 first=0 r=1
while [ $r -le "$rounds" ]; do
	if ! why=$(round 2>&1); then
		echo "cycles: round $r: $(echo "$why" | tail -n1)"
		bad=1
		break
	fi
	[ $r = 1 ] && first=$(footprint)
	r=$((r + 1))
done
last=$(footprint)
if [ $bad = 0 ]; then
	ok "load_cycles_${rounds}_rounds"
else
	not_ok "load_cycles_${rounds}_rounds" "round $r failed"
fi
grow=$((last - first))
echo "cycles: unreclaimable slab + page tables: $first KiB after round 1, $last KiB after round $rounds ($grow KiB)"
if [ -d /sys/kernel/debug/kmemleak ] || [ -e /sys/kernel/debug/kmemleak ] ||
	dmesg | grep -q 'KernelAddressSanitizer initialized'; then
	# KASAN's quarantine and kmemleak's records grow with every round,
	# with either driver: kmemleak judges leaks here, cycles-minimal the
	# footprint
	echo "e2e: ok $((n + 1)) - footprint_steady # SKIP the debug kernel's sanitizers hold memory of their own"
	n=$((n + 1))
elif [ $bad = 0 ] && [ "$rounds" -gt 1 ] && [ $grow -gt $((slack * (rounds - 1))) ]; then
	not_ok footprint_steady "grew $grow KiB in $((rounds - 1)) rounds (more than $slack KiB a round)"
else
	ok footprint_steady
fi
echo "e2e: done $passed passed, $failed failed, 0 skipped"
