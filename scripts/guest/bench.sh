#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmarks for one boot (one driver, one of strict/lazy): the kernel's
# dma_map_benchmark on the edu device, and O_DIRECT reads from the NVMe
# disk. Prints "bench: <metric> <value>" lines; the host takes medians over
# boots and compares drivers (scripts/bench.sh).
. /smmu/lib.sh
say() { echo "bench: $*"; }
secs=${SMMUTEST_benchsecs:-5}

insmod $HELPER_KO
wait_bound 60 || say "error: devices not bound"
d=$(pci_find $EDU_ID) || { say "error: no edu device"; exit 1; }
pci=${d##*/}
say "domain $(group_type "$d")"

# Hand edu to the built-in dma_map_benchmark driver (bound only by override).
echo "$pci" >/sys/bus/pci/drivers/edu_dma_test/unbind
echo dma_map_benchmark >"$d/driver_override"
echo "$pci" >/sys/bus/pci/drivers/dma_map_benchmark/bind ||
	{ say "error: cannot bind dma_map_benchmark"; exit 1; }

for threads in 1 2; do
	for granule in 1 16; do
		r=$(dma_map_benchmark -t $threads -g $granule -s "$secs" 2>&1)
		map=$(echo "$r" | sed -n 's/.*average map latency(us): *\([0-9.]*\).*/\1/p')
		unmap=$(echo "$r" | sed -n 's/.*average unmap latency(us): *\([0-9.]*\).*/\1/p')
		if [ -z "$map" ] || [ -z "$unmap" ]; then
			say "error: dma_map_benchmark -t $threads -g $granule: $r"
			continue
		fi
		say "map_us_t${threads}_g${granule} $map"
		say "unmap_us_t${threads}_g${granule} $unmap"
	done
done

for mode in seq rand; do
	bs=4096
	[ $mode = seq ] && bs=131072
	r=$(diobench /dev/nvme0n1 $mode $bs "$secs" 2>&1)
	mbps=$(echo "$r" | sed -n 's/.* MBps \([0-9.]*\) .*/\1/p')
	iops=$(echo "$r" | sed -n 's/.* iops \([0-9]*\)$/\1/p')
	[ -n "$mbps" ] || { say "error: diobench $mode: $r"; continue; }
	say "nvme_${mode}_MBps $mbps"
	say "nvme_${mode}_iops $iops"
done
# Diagnostics, not metrics (the host reads only "bench: <name> <number>"):
# interrupts taken and CPU time by kind over the whole job.
grep -iE 'smmu|nvme|edu|arch_timer|IPI' /proc/interrupts | tr -s ' ' |
	sed 's/^/bench-diag: irq /'
grep '^cpu' /proc/stat | sed 's/^/bench-diag: stat /'
say "done"
