#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The e2e suite's default configuration on SMMU profiles other than s1
# (lib.sh), with both drivers: every DMA domain a stage-2 one (s2), stage-1
# domains on an SMMU with both stages (nested). The boots are independent,
# so E2E_JOBS (2) of them run at a time; each one's output is printed when
# it ends, in a fixed order.
#
# Usage: e2e-profiles.sh [PROFILE...]   (default: s2 nested)
# Appends "pass|fail|skip NAME" lines to $SMMU_RESULTS when it is set, the
# profile in each tag (e2e[ours,default,s2]).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=${SMMU_OUT:-$TOP/out}
jobs=${E2E_JOBS:-2}
profiles=("$@")
[ ${#profiles[@]} -gt 0 ] || profiles=(s2 nested)
runs=()
for p in "${profiles[@]}"; do
	case " $SMMU_PROFILES " in *" $p "*) ;; *) die "unknown profile '$p' ($SMMU_PROFILES)" ;; esac
	runs+=("ours $p" "reference $p")
done
tmp=$(mktemp -d "$out/profiles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# One boot: its output and its results go to files of its own.
one() {
	local driver=$1 profile=$2
	SMMU_PROFILE=$profile KEEP_LOG_QUIET=1 SMMU_RESULTS=$tmp/$driver-$profile.results \
		"$TOP/scripts/e2e.sh" "$driver" default >"$tmp/$driver-$profile.out" 2>&1
	echo $? >"$tmp/$driver-$profile.rc"
}

rc=0
for ((i = 0; i < ${#runs[@]}; i += jobs)); do
	batch=("${runs[@]:i:jobs}")
	for r in "${batch[@]}"; do
		read -r d p <<<"$r"
		one "$d" "$p" &
	done
	wait
	for r in "${batch[@]}"; do
		f=$tmp/${r/ /-}
		cat "$f.out"
		[ -z "${SMMU_RESULTS:-}" ] || cat "$f.results" >>"$SMMU_RESULTS"
		[ "$(cat "$f.rc" 2>/dev/null)" = 0 ] || rc=1
	done
done
exit $rc
