#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The e2e suite's default configuration on SMMU profiles other than s1
# (lib.sh), with both drivers: every DMA domain a stage-2 one (s2), stage-1
# domains on an SMMU with both stages (nested). The boots are independent:
# scripts/e2e-batch.sh runs them two at a time.
#
# Usage: e2e-profiles.sh [PROFILE...]   (default: s2 nested)
# Appends "pass|fail|skip NAME" lines to $SMMU_RESULTS when it is set, the
# profile in each tag (e2e[ours,default,s2]).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

profiles=("$@")
[ ${#profiles[@]} -gt 0 ] || profiles=(s2 nested)
runs=()
for p in "${profiles[@]}"; do
	case " $SMMU_PROFILES " in *" $p "*) ;; *) die "unknown profile '$p' ($SMMU_PROFILES)" ;; esac
	runs+=("ours:default:$p" "reference:default:$p")
done
exec "$TOP/scripts/e2e-batch.sh" "${runs[@]}"
