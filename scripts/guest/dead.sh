#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# An SMMU that stops answering for good: edu's helper clears CR0.CMDQEN
# behind the driver's back, so QEMU consumes no more commands, once the
# disks are removed (no I/O of theirs is caught in it). The next unmap
# needs a TLB invalidation that can never complete. The driver must say
# so, give up within its bound instead of holding a CPU for ever, stop DMA
# through the SMMU rather than leave its TLB in use, refuse later commands
# at once, and still unload. The reference driver reports the timeouts and
# keeps translating; its figures are printed, its checks are ours only.
. /smmu/lib.sh

insmod $HELPER_KO
wait_bound 60 || echo "dead: not every device is bound"
d=$(edu_dev)
expect_true edu_device_present "no edu device bound to edu_dma_test" [ -n "$d" ]
expect_true edu_dma_before "mapped DMA failed" edu_run mapped

# Only edu is left behind the SMMU
for p in $(pci_endpoints); do
	[ "$p" = "$d" ] || echo 1 >"$p/remove"
done
mark stop
expect_true cmdq_stopped "the helper could not clear CMDQEN" edu_run stopcmdq

# A round trip, then its unmap: the invalidation waits on a queue that
# never moves
t0=$(date +%s)
edu_run mapped >/dev/null
first=$(($(date +%s) - t0))
t0=$(date +%s)
if edu_run mapped >/dev/null; then after=landed; else after=blocked; fi
second=$(($(date +%s) - t0))
log=$(log_since stop)
echo "dead: first round trip and unmap $first s, the next one $second s ($after)"
echo "$log" | grep -E 'timed out|timeout|dead|refused|disabled' | head -n 8 | sed 's/^/dead: /'

ours() { [ "$SMMUTEST_driver" = ours ]; }
declared() { echo "$log" | grep -q 'SMMU declared dead'; }
if ours; then
	expect_true smmu_declared_dead "no 'SMMU declared dead' in the log" declared
	# The bound is about 10 s; the first timeouts are reported meanwhile
	expect_true gave_up_within_bound "the unmap took $first s" [ "$first" -le 30 ]
	# Its TLB still holds the last translations: with the SMMU left
	# on, the next round trip reuses those IOVAs and writes freed pages
	expect_true smmu_off_and_aborting "the dead SMMU still translates (see smmuoff in the log)" \
		edu_run smmuoff
	expect_true dma_blocked_after_death "DMA through the dead SMMU still lands" [ $after = blocked ]
	expect_true commands_refused_at_once "the next round trip took $second s" [ "$second" -le 5 ]
else
	skip smmu_declared_dead "the reference has no such state"
	skip gave_up_within_bound "the reference: unmap $first s"
	if edu_run smmuoff >/dev/null; then off=yes; else off=no; fi
	skip smmu_off_and_aborting "the reference: off and aborting: $off"
	skip dma_blocked_after_death "the reference: DMA $after after the queue stopped"
	skip commands_refused_at_once "the reference: the next round trip $second s"
fi

t0=$(date +%s)
echo 1 >"$d/remove"
rmmod $DRIVER_MOD
rc=$?
echo "dead: edu removed and $DRIVER_MOD unloaded in $(($(date +%s) - t0)) s (rmmod: $rc)"
expect_true driver_unloads "rmmod $DRIVER_MOD failed" [ $rc = 0 ]

echo "e2e: done $passed passed, $failed failed, $skipped skipped"
