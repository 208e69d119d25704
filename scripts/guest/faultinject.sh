#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fail each allocation of loading and probing the driver in turn, and check
# that every failure is clean: insmod fails (or copes), nothing stays loaded
# or registered, and a later insmod brings back working, translated DMA.
# Leaks are caught by kmemleak when /init scans at the end, WARNINGs and
# lockdep reports by the host's log check.
#
# failinsmod (scripts/helpers/failinsmod) sets /proc/thread-self/fail-nth
# and calls finit_module() in the same task, so N walks every slab and page
# allocation of loading the module and of the driver's probe, from the first
# on, until N is past the last one.
. /smmu/lib.sh
n=0 passed=0 failed=0
ok() { n=$((n + 1)); passed=$((passed + 1)); echo "e2e: ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "e2e: not ok $n - $1 # $2"; }

stride=${SMMUTEST_stride:-1}
max=${SMMUTEST_maxfail:-5000}
dbg=/sys/kernel/debug
for f in failslab fail_page_alloc; do
	echo N >$dbg/$f/ignore-gfp-wait
	echo 0 >$dbg/$f/verbose
done
echo 0 >$dbg/fail_page_alloc/min-order

# No device may be attached for rmmod: take them all away first.
for d in /sys/bus/pci/devices/*; do
	[ -e "$d/remove" ] && echo 1 >"$d/remove"
done
loaded() { grep -q "^$DRIVER_MOD " /proc/modules; }
if loaded; then
	rmmod $DRIVER_MOD || { not_ok unload_before_injection "rmmod failed"; exit 1; }
fi

params=$(echo "$SMMUTEST_modparams" | tr ',' ' ')
i=1 refused=0 coped=0 bad=0 complete=0
while [ $i -le "$max" ]; do
	failinsmod $i "$DRIVER_KO" "$params" >/tmp/fi.out 2>&1
	rc=$?
	case $rc in
	0) complete=1; break ;;
	10) refused=$((refused + 1))
	    if loaded; then
		echo "faultinject: $(cat /tmp/fi.out), but the module stayed loaded"
		bad=$((bad + 1))
	    fi ;;
	11) coped=$((coped + 1)) ;;
	*) echo "faultinject: allocation $i: $(cat /tmp/fi.out)"
	   bad=$((bad + 1)) ;;
	esac
	if loaded && ! rmmod $DRIVER_MOD; then
		echo "faultinject: rmmod failed after failing allocation $i"
		bad=$((bad + 1))
		break
	fi
	i=$((i + stride))
done
echo "faultinject: failed allocations 1..$((i - 1)) in turn (stride $stride): load refused $refused, coped $coped, bad $bad"

if [ $bad = 0 ] && [ $complete = 1 ] && [ $((refused + coped)) -gt 0 ]; then
	ok every_allocation_failure_is_clean
else
	not_ok every_allocation_failure_is_clean "$bad bad outcomes, walk complete: $complete"
fi

# The walk ended with a load that had no failure in it: that is the
# "later insmod", and it must give a working SMMU.
if ! loaded; then
	not_ok insmod_after_injection "not loaded"
elif [ -z "$(ls /sys/class/iommu)" ]; then
	not_ok insmod_after_injection "no IOMMU registered"
else
	ok insmod_after_injection
fi
insmod $HELPER_KO
echo 1 >/sys/bus/pci/rescan
if wait_bound 60 && d=$(pci_find $EDU_ID) &&
	echo mapped >/sys/kernel/debug/edu_dma_test/"${d##*/}"/run &&
	[ "$(group_type "$d")" = "$SMMUTEST_expect" ]; then
	ok translated_dma_after_injection
else
	not_ok translated_dma_after_injection "devices or DMA did not come back"
fi
echo "e2e: done $passed passed, $failed failed, 0 skipped"
