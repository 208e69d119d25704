#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Independent e2e boots, E2E_JOBS (2) at a time, each with E2E_BATCH_SMP
# (1) CPUs. On a 2-core host two one-CPU boots take about the time of one,
# where two two-CPU boots take 1.3 times as long: the suites run one step
# at a time. What loads several CPUs at once by design (the storm, the
# soak, the KUnit suites) is not run through here. Each boot's output and
# results are passed on once it and every boot before it have ended, in
# the order given.
#
# Usage: e2e-batch.sh DRIVER:VARIANT[:PROFILE]...
#   (PROFILE defaults to SMMU_PROFILE, lib.sh)
# Appends "pass|fail|skip NAME" lines to $SMMU_RESULTS when it is set.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=${SMMU_OUT:-$TOP/out}
jobs=${E2E_JOBS:-2}
mkdir -p "$out"
tmp=$(mktemp -d "$out/batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# One boot, number $1: its output and its results go to files of its own.
one() {
	local i=$1 driver=$2 variant=$3 profile=$4
	SMMU_PROFILE=$profile QEMU_SMP=${E2E_BATCH_SMP:-1} KEEP_LOG_QUIET=1 \
		SMMU_RESULTS=$tmp/$i.results \
		"$TOP/scripts/e2e.sh" "$driver" "$variant" >"$tmp/$i.out" 2>&1
	echo $? >"$tmp/$i.rc"
}

specs=("$@")
n=${#specs[@]}
rc=0 next=0 done=0 running=0

# Pass on, in order, what has ended
flush() {
	local f
	while [ $done -lt "$n" ] && [ -f "$tmp/$done.rc" ]; do
		f=$tmp/$done
		cat "$f.out"
		if [ "$(cat "$f.rc")" != 0 ]; then
			rc=1
			# e2e.sh records its own failures; one that died first does not
			[ -s "$f.results" ] || echo "fail e2e-batch[${specs[done]}]" >>"$f.results"
		fi
		[ -z "${SMMU_RESULTS:-}" ] || cat "$f.results" >>"$SMMU_RESULTS" 2>/dev/null
		done=$((done + 1))
	done
}

while [ $next -lt "$n" ] || [ $running -gt 0 ]; do
	while [ $running -lt "$jobs" ] && [ $next -lt "$n" ]; do
		IFS=: read -r d v p <<<"${specs[next]}"
		one "$next" "$d" "$v" "${p:-$SMMU_PROFILE}" &
		next=$((next + 1)) running=$((running + 1))
	done
	wait -n
	running=$((running - 1))
	flush
done
wait
flush
exit $rc
