#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fault storm: the edu device writes to an unmapped IOVA in a loop while
# both disks do O_DIRECT reads, SMMUTEST_stormsecs in all, quiet and storm
# phases alternating. QEMU retries a faulting write 4 bytes at a time, one
# event each: thousands of events a second. The driver must report the
# faults without flooding the log (ratelimited), keep the disks at
# SMMUTEST_stormmin % of their quiet rate, spend at most SMMUTEST_stormcpu %
# of a CPU in its event IRQ thread, let no faulting write land, and decode
# the first fault after the storm correctly. Lockups and RCU stalls in the
# log fail the run on the host (scripts/check-log.sh).
. /smmu/lib.sh

secs=${SMMUTEST_stormsecs:-12}
# Bytes per faulting transfer: QEMU makes one event of every 4. With the
# most (2048) QEMU's own work to write the events slows its other devices
# whatever the driver does; stormmin=0 then only reports the disks' rates
len=${SMMUTEST_stormlen:-256}
min=${SMMUTEST_stormmin:-60}
# What the driver itself costs, which a loaded host does not blur as it
# does the disks' rates (QEMU writes each event and raises its interrupt)
maxcpu=${SMMUTEST_stormcpu:-10}
# dev_*_ratelimited(): at most 10 messages each 5 s, per call site
burst=10 interval=5

# Random 4 KiB O_DIRECT reads on both disks at once for SECS; prints the
# two rates (IOPS) as "nvme vda"
throughput() {
	diobench /dev/nvme0n1 rand 4096 "$1" >/tmp/tp.nvme 2>&1 &
	a=$!
	diobench /dev/vda rand 4096 "$1" >/tmp/tp.vda 2>&1
	wait $a
	echo "$(sed -n 's/.* iops \([0-9]*\)$/\1/p' /tmp/tp.nvme)" \
		"$(sed -n 's/.* iops \([0-9]*\)$/\1/p' /tmp/tp.vda)"
}

# CPU time (1/100 s) the event queue's IRQ thread has used: the driver's
# own cost of the storm
evtq_ticks() {
	irq=$(awk '/arm-smmu-v3-evtq/ { sub(":", "", $1); print $1; exit }' /proc/interrupts)
	for p in /proc/[0-9]*; do
		case "$(cat "$p/comm" 2>/dev/null)" in
		"irq/$irq-"*)
			awk '{ print $14 + $15 }' "$p/stat"
			return
			;;
		esac
	done
	echo 0
}

# The faulting IOVA of the first translation fault the driver reported in
# LOG: ours prints it decoded, the in-tree driver prints the record's four
# dwords after "event 0x10 received:", the input address third (IHI0070
# 7.3.9)
first_fault_iova() {
	case $SMMUTEST_driver in
	ours)
		echo "$1" | sed -n 's/.*F_TRANSLATION.* iova \(0x[0-9a-f]*\).*/\1/p' | head -n1
		;;
	reference)
		echo "$1" | awk '/event 0x10 received/ { n = 0; next }
			{ n++ } n == 3 && $NF ~ /^0x/ { print $NF; exit }'
		;;
	esac
}

insmod $HELPER_KO
wait_bound 60 || echo "storm: not every device is bound"
d=$(edu_dev)
pci=${d##*/}
f=/sys/kernel/debug/edu_dma_test/$pci
expect_true edu_device_present "no edu device bound to edu_dma_test" [ -n "$pci" -a -e "$f/run" ]

# Quiet and storm phases of 2 s alternate, so that the machine's own
# drift (a shared host) weighs on both alike
t=2
rounds=$((secs / (2 * t)))
[ $rounds -ge 3 ] || rounds=3
qn=0 qv=0 sn=0 sv=0 bad=0 r=1
echo "$len" >"$f/storm_len"
t0=$(date +%s) c0=$(evtq_ticks)
mark storm
while [ $r -le $rounds ]; do
	# shellcheck disable=SC2046
	set -- $(throughput $t)
	qn=$((qn + ${1:-0})) qv=$((qv + ${2:-0}))
	echo $(((t + 1) * 1000)) >"$f/storm_ms"
	(if echo storm >"$f/run" 2>/dev/null; then echo 0; else echo 1; fi >/tmp/storm.rc) &
	sleep 1
	# shellcheck disable=SC2046
	set -- $(throughput $t)
	sn=$((sn + ${1:-0})) sv=$((sv + ${2:-0}))
	wait
	[ "$(cat /tmp/storm.rc)" = 0 ] || bad=1
	r=$((r + 1))
done
elapsed=$(($(date +%s) - t0)) cpu=$(($(evtq_ticks) - c0))
storm_log=$(log_since storm)
# A flood pushes the marker out of the kernel's log buffer
wrapped=0
echo "$storm_log" | grep -q 'smmutest-mark storm$' || wrapped=1
echo "storm: iops (nvme vda) quiet $qn $qv, storm $sn $sv, $rounds rounds of $t s each"
expect_true storm_writes_never_landed "the storm failed or a write landed (see the log)" [ $bad = 0 ]

transfers=$(echo "$storm_log" | sed -n 's/.*storm: \([0-9]*\) faulting transfers.*/\1/p' |
	awk '{ t += $1 } END { print t + 0 }')
reported=$(echo "$storm_log" | grep -c "$FAULT_RE")
suppressed=$(echo "$storm_log" | sed -n 's/.* \([0-9]*\) callbacks suppressed.*/\1/p' |
	awk '{ t += $1 } END { print t + 0 }')
lost=$(echo "$storm_log" | grep -ciE 'overflow|EVTQ_ABT|EVTQ write aborted')
bound=$((burst * (elapsed / interval + 2)))
echo "storm: ${elapsed} s, $transfers faulting transfers of $len bytes, $reported events reported, $suppressed suppressed, bound $bound, $lost lost-event reports"
stormsecs=$((rounds * (t + 1)))
pct=$((cpu / stormsecs))
echo "storm: event thread CPU $cpu/100 s in $stormsecs s of storm (${pct}%)"
expect_true storm_faults_reported "no '$FAULT_RE' line in the storm" [ "$reported" -gt 0 ]
expect_true storm_log_ratelimited "$reported fault lines in $elapsed s (bound $bound), log wrapped: $wrapped" \
	[ "$reported" -le "$bound" -a $wrapped = 0 ]
# Otherwise the bound above proves nothing
expect_true storm_outran_the_ratelimit "only $suppressed events suppressed for a bound of $bound" \
	[ "$suppressed" -gt $((10 * bound)) ]
expect_true storm_lost_events_ratelimited "$lost lost-event reports in $elapsed s" \
	[ "$lost" -le "$bound" ]

ratio() { [ "$2" -gt 0 ] && echo $(($1 * 100 / $2)) || echo 0; }
rn=$(ratio $sn $qn) rv=$(ratio $sv $qv)
echo "storm: storm/quiet nvme ${rn}% vda ${rv}%"
expect_true storm_disks_keep_their_rate "storm/quiet: nvme ${rn}% vda ${rv}%, want ${min}%" \
	[ "$rn" -ge "$min" -a "$rv" -ge "$min" ]
expect_true storm_event_thread_cheap "event thread: ${pct}% of a CPU in the storm, want at most ${maxcpu}%" \
	[ "$pct" -le "$maxcpu" ]

# The ratelimit window passes, then one fault must be reported, decoded
sleep $((interval + 1))
mark after
edu_run unmapped >/dev/null
sleep 1
after=$(log_since after)
want=$(echo "$after" | sed -n 's/.*device writes to stale iova \(0x[0-9a-f]*\).*/\1/p' | tail -n1)
got=$(first_fault_iova "$after")
echo "storm: after the storm: fault at ${want:-none}, reported ${got:-none}"
# QEMU retries a faulting transfer in small pieces, one event each: the
# first must be at the start of the transfer
same_address() { [ -n "$1" ] && [ -n "$2" ] && [ $(($1)) = $(($2)) ]; }
expect_true event_decoded_after_storm "wrote to ${want:-?}, first event says ${got:-nothing}" \
	same_address "$want" "$got"

expect_true edu_dma_after_storm "mapped DMA failed" edu_run mapped
expect_true virtio_blk_after_storm "virtio-blk round trip failed" disk_roundtrip vda
expect_true nvme_after_storm "NVMe round trip failed" disk_roundtrip nvme0n1

echo "e2e: done $passed passed, $failed failed, 0 skipped"
