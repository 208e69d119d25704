#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fail each allocation of loading and probing the driver in turn, and check
# that every failure is clean: insmod fails (or copes), nothing stays loaded
# or registered, and a later insmod brings back working, translated DMA.
# Leaks are caught by kmemleak when /init scans at the end, WARNINGs and
# lockdep reports by the host's log check.
#
# failnth (scripts/helpers/failnth) sets /proc/thread-self/fail-nth
# and calls finit_module() in the same task, so N walks every slab and page
# allocation of loading the module and of the driver's probe, from the first
# on, until N is past the last one.
. /smmu/lib.sh

stride=${SMMUTEST_stride:-1}
max=${SMMUTEST_maxfail:-5000}
dbg=/sys/kernel/debug
for f in failslab fail_page_alloc; do
	echo N >$dbg/$f/ignore-gfp-wait
	echo 0 >$dbg/$f/verbose
done
echo 0 >$dbg/fail_page_alloc/min-order

# No device may be attached for rmmod: take them all away first.
remove_pci_devices
loaded() { grep -q "^$DRIVER_MOD " /proc/modules; }
if loaded; then
	rmmod $DRIVER_MOD || { not_ok unload_before_injection "rmmod failed"; exit 1; }
fi

params=$(echo "$SMMUTEST_modparams" | tr ',' ' ')
i=1 refused=0 coped=0 bad=0 complete=0
while [ $i -le "$max" ]; do
	failnth $i insmod "$DRIVER_KO" "$params" >/tmp/fi.out 2>&1
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

# Each allocation of changing the idle edu group's default domain fails in
# turn (failnth: the write to its type file is the only call with fail-nth
# armed), to identity and back to a DMA domain: the write fails with an
# errno and the group keeps the domain it had, or the change goes through;
# either way translated (or identity) DMA works after it. Every stride-th
# allocation, as above.
type_walk_bad=0 type_walk_refused=0
type_walk() {	# TYPE: walk the change from the group's current type to TYPE
	t=$1 i=1
	while [ $i -le "$max" ]; do
		was=$(group_type "$d")
		echo "$pci" >$drv/unbind
		failnth $i write "$d/iommu_group/type" "$t" >/tmp/fi.out 2>&1
		rc=$?
		echo "$pci" >$drv/bind
		now=$(group_type "$d")
		case $rc in
		0|11) want=$t ;;
		10) want=$was type_walk_refused=$((type_walk_refused + 1)) ;;
		*) echo "faultinject: type $t, allocation $i: $(cat /tmp/fi.out)"
		   type_walk_bad=$((type_walk_bad + 1)); return ;;
		esac
		if [ "$now" != "$want" ]; then
			echo "faultinject: type $t, allocation $i: group is $now, not $want"
			type_walk_bad=$((type_walk_bad + 1))
		fi
		edu_run mapped >/dev/null ||
			{ echo "faultinject: type $t, allocation $i: DMA failed as $now"
			  type_walk_bad=$((type_walk_bad + 1)); }
		if [ $rc = 0 ]; then
			echo "faultinject: type $t: walk complete at allocation $i"
			return
		fi
		# A change that went through despite the failure is undone
		if [ "$now" != "$was" ]; then
			echo "$pci" >$drv/unbind
			echo "$was" >"$d/iommu_group/type"
			echo "$pci" >$drv/bind
		fi
		i=$((i + stride))
	done
	echo "faultinject: type $t: the walk did not end in $max allocations"
	type_walk_bad=$((type_walk_bad + 1))
}
# The 6.12 core's iova_domain_init_rcaches() oopses when one of its
# magazine allocations fails: its error path frees the magazines of the
# CPUs it had not reached yet, NULL pointers, with kmem_cache_free() (seen
# here, with either driver). The bug is the IOMMU core's, so the walk
# leaves that function's allocations alone: failslab's stack filter
# rejects any allocation with it on the stack. kallsyms lists addresses at
# a fixed width, so comparing them as strings orders them.
reject() {	# START END: hex addresses, no 0x
	for f in failslab fail_page_alloc; do
		echo "0x$1" >$dbg/$f/reject-start
		echo "0x$2" >$dbg/$f/reject-end
	done
}
fn=iova_domain_init_rcaches
fn_start=$(awk -v f=$fn '$3 == f { print $1; exit }' /proc/kallsyms)
fn_end=$(awk -v s="$fn_start" '$1 > s && (e == "" || $1 < e) { e = $1 } END { print e }' /proc/kallsyms)
[ -n "$fn_start" ] && [ -n "$fn_end" ] && reject "$fn_start" "$fn_end" ||
	echo "faultinject: no $fn in kallsyms: its allocations fail too"
d=$(edu_dev) && pci=${d##*/} && drv=/sys/bus/pci/drivers/edu_dma_test &&
	start=$(group_type "$d") && [ -n "$start" ]
if [ $? != 0 ]; then
	not_ok default_domain_change_failures_are_clean "no edu group"
else
	other=identity
	[ "$start" = identity ] && other=DMA
	type_walk $other
	type_walk "$start"
	reject 0 0
	echo "faultinject: default domain $start -> $other -> $start, every allocation failed in turn (stride $stride): refused $type_walk_refused, bad $type_walk_bad"
	if [ $type_walk_bad = 0 ] && [ $type_walk_refused -gt 0 ] &&
		[ "$(group_type "$d")" = "$start" ]; then
		ok default_domain_change_failures_are_clean
	else
		not_ok default_domain_change_failures_are_clean "$type_walk_bad bad outcomes, $type_walk_refused refused"
	fi
fi
echo "e2e: done $passed passed, $failed failed, 0 skipped"
