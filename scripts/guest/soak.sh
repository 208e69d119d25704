#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Soak: for SMMUTEST_soaksecs, all at once:
#   - dma_map_benchmark, a thread on every CPU, on the first edu device,
#     its domain switched between strict (DMA) and lazy (DMA-FQ) each run;
#   - Debian's fio (scripts/fio-root.sh adds it to the initramfs) writing
#     random 4 KiB blocks with O_DIRECT to the virtio and NVMe disks and
#     verifying each (crc32c, verify_backlog);
#   - the second edu device's DMA round trips, bytes compared by the helper;
#   - the third edu device idle: its group's default domain switched
#     DMA -> DMA-FQ -> identity in a loop, and now and then the device
#     removed and the bus rescanned (first turn, then every fourth).
# In two halves; then: every operation counted, no mismatch, no failure,
# and the unreclaimable slab plus page tables after the second half within
# SMMUTEST_slack KiB of where the first half left them (the debug kernel's
# KASAN quarantine and kmemleak records grow on their own: soak-minimal
# judges the memory). Kernel
# reports fail the run on the host (scripts/check-log.sh), kmemleak scans
# at the end (/init).
. /smmu/lib.sh

secs=${SMMUTEST_soaksecs:-60}
# KASAN's quarantine alone may hold 1/32 of the memory (32 MiB here)
slack=${SMMUTEST_slack:-32768}

iova_objs() {
	awk '$1 == "iommu_iova" { print $2 }' /proc/slabinfo 2>/dev/null
}

edus() {
	for d in $(pci_endpoints); do
		[ "$(cat "$d/vendor"):$(cat "$d/device")" = 0x1234:0x11e8 ] && echo "$d"
	done
}

unbind() {	# sysfs device path: detach whatever driver it has
	[ -e "$1/driver" ] && echo "${1##*/}" >"$1/driver/unbind"
	return 0
}

# dma_map_benchmark rounds of 2 s until the deadline, strict and lazy in turn
bench_loop() {
	d=$1 pci=${1##*/} runs=0 bad=0 t=DMA
	echo dma_map_benchmark >"$d/driver_override"
	while [ "$(date +%s)" -lt "$end" ]; do
		unbind "$d"
		echo $t >"$d/iommu_group/type" || bad=$((bad + 1))
		echo "$pci" >/sys/bus/pci/drivers/dma_map_benchmark/bind || bad=$((bad + 1))
		if dma_map_benchmark -t "$(nproc)" -g 1 -s 2 >/tmp/bench.out 2>&1 &&
			grep -q 'average map latency' /tmp/bench.out; then
			runs=$((runs + 1))
		else
			bad=$((bad + 1))
			sed 's/^/soak:   bench: /' /tmp/bench.out
		fi
		[ $t = DMA ] && t=DMA-FQ || t=DMA
	done
	unbind "$d"
	echo >"$d/driver_override"
	echo "$runs $bad" >>/tmp/soak.bench
}

edu_loop() {
	f=/sys/kernel/debug/edu_dma_test/${1##*/}/run runs=0 bad=0
	while [ "$(date +%s)" -lt "$end" ]; do
		if echo mapped >"$f" 2>/dev/null; then
			runs=$((runs + 1))
		else
			bad=$((bad + 1))
		fi
	done
	echo "$runs $bad" >>/tmp/soak.edu
}

# The idle device: default domain type changes, and remove + rescan
switch_loop() {
	d=$1 i=0 changes=0 bad=0 rescans=0
	while [ "$(date +%s)" -lt "$end" ]; do
		for t in DMA DMA-FQ identity; do
			unbind "$d"
			if echo $t >"$d/iommu_group/type" 2>/dev/null &&
				[ "$(cat "$d/iommu_group/type")" = $t ]; then
				changes=$((changes + 1))
			else
				bad=$((bad + 1))
			fi
		done
		i=$((i + 1))
		if [ $((i % 4)) = 1 ]; then
			echo 1 >"$d/remove"
			echo 1 >/sys/bus/pci/rescan
			if [ -e "$d" ]; then
				rescans=$((rescans + 1))
			else
				bad=$((bad + 1))
				sleep 1
			fi
		fi
	done
	echo "$changes $rescans $bad" >>/tmp/soak.switch
}

fio_run() {	# NAME DEVICE SECONDS
	/usr/bin/fio --name="$1" --filename="$2" --direct=1 \
		--thread --ioengine=psync --rw=randwrite --bs=4k --size=48M \
		--verify=crc32c --verify_backlog=256 --verify_fatal=1 \
		--time_based --runtime="$3" --group_reporting \
		>/tmp/fio."$1" 2>&1
	rc=$?
	rw=$(sed -n 's/.*issued rwts: total=\([0-9]*\),\([0-9]*\),.*/\1 \2/p' /tmp/fio."$1")
	echo "${rw:-0 0} $rc" >>/tmp/fio."$1".sum
	[ $rc = 0 ] || sed 's/^/soak:   fio: /' /tmp/fio."$1" | tail -n 20
}

# Everything at once for SECONDS
phase() {
	end=$(($(date +%s) + $1))
	fio_run vda /dev/vda "$1" &
	fio_run nvme /dev/nvme0n1 "$1" &
	bench_loop "$bench_dev" &
	edu_loop "$edu_devp" &
	switch_loop "$idle_dev" &
	wait
}

sum() {	# FILE: column sums of its lines
	awk '{ for (i = 1; i <= NF; i++) s[i] += $i; if (NF > n) n = NF }
	     END { for (i = 1; i <= n; i++) printf "%d ", s[i]; print "" }' "$1"
}

insmod $HELPER_KO
wait_bound 60 || echo "soak: not every device is bound"
# shellcheck disable=SC2046
set -- $(edus)
expect_true three_edu_devices "found $# edu devices" [ $# -ge 3 ]
bench_dev=$1 edu_devp=$2 idle_dev=$3

v=$(/usr/bin/fio --version 2>&1)
expect_true fio_runs "fio --version: $v" [ "${v#fio-}" != "$v" ]
echo "soak: $v, $(nproc) CPUs, $secs s"

# Two halves: the first fills the caches a steady load keeps (IOVA
# magazines, slab pages), the second must then leave the memory where the
# first left it; what a leak adds grows with the work done
half=$((secs / 2))
before=$(footprint) iova0=$(iova_objs)
phase $half
mid=$(footprint) iova1=$(iova_objs)
phase $((secs - half))
# Everything back where the suite expects it: the idle device bound again
for d in $(edus); do
	[ -e "$d/driver" ] || echo "${d##*/}" >/sys/bus/pci/drivers/edu_dma_test/bind
done

# Blocks written and blocks read back and verified: with verify_backlog
# the reads trail the writes by at most the backlog
for disk in vda nvme; do
	# shellcheck disable=SC2046
	set -- $(sum /tmp/fio.$disk.sum)
	r=$1 w=$2 rc=$3
	echo "soak: fio $disk: $w blocks of 4 KiB written, $r read back and verified, exit status sum $rc"
	expect_true "fio_${disk}_verified" "fio on $disk failed ($w written, $r verified)" \
		[ "$rc" = 0 -a "$r" -gt 0 -a "$r" -ge $((w - 512)) ]
done
read -r runs bad <<EOF
$(sum /tmp/soak.bench)
EOF
echo "soak: dma_map_benchmark: $runs runs of 2 s, $bad failures"
expect_true dma_map_benchmark_strict_and_lazy "$runs runs, $bad failures" [ "$runs" -ge 2 -a "$bad" = 0 ]
read -r runs bad <<EOF
$(sum /tmp/soak.edu)
EOF
echo "soak: edu DMA: $runs round trips checked, $bad mismatches or failures"
expect_true edu_dma_round_trips "$runs round trips, $bad failed" [ "$runs" -gt 0 -a "$bad" = 0 ]
read -r changes rescans bad <<EOF
$(sum /tmp/soak.switch)
EOF
echo "soak: idle group: $changes default domain changes, $rescans remove+rescan, $bad failures"
expect_true idle_group_switched_and_rescanned "$changes changes, $rescans rescans, $bad failed" \
	[ "$changes" -gt 0 -a "$rescans" -gt 0 -a "$bad" = 0 ]

expect_true virtio_blk_after_soak "virtio-blk round trip failed" disk_roundtrip vda
expect_true nvme_after_soak "NVMe round trip failed" disk_roundtrip nvme0n1
expect_true edu_dma_after_soak "edu DMA failed" edu_run mapped

after=$(footprint) iova2=$(iova_objs)
echo "soak: unreclaimable slab + page tables (KiB): $before at the start, $mid after the first half, $after at the end ($((after - mid)) over the second half); iommu_iova objects ${iova0:-?} ${iova1:-?} ${iova2:-?}"
expect_true memory_steady_over_second_half "$((after - mid)) KiB more after the second half than after the first (slack $slack)" \
	[ $((after - mid)) -le "$slack" ]

echo "e2e: done $passed passed, $failed failed, 0 skipped"
