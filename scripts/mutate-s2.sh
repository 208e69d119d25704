#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Stage-2 bugs in our driver against QEMU's stage-2 SMMU: apply each
# deliberate bug below to a copy of the tree, one at a time, run the e2e
# suite's default configuration on the s2 profile (lib.sh) with the copy's
# initramfs, and list the scenarios that failed. A mutant is killed when
# the suite fails. The clone itself is never modified. (make mutate does the
# same with the KUnit suites, scripts/mutate-writer.sh.)
#
# usage: scripts/mutate-s2.sh [-l] [mutant...]
#   -l        list the mutants and exit
#   mutant    run only these (default: all)
# Environment: MUTATE_KEEP=1 keeps the copies; MUTATE_TIMEOUT (300) caps
# each boot, since a bug that breaks every device leaves the suite's disk
# I/O hanging.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

# name | what the bug is | perl substitution in arm-smmu-v3-domain.c
MUTANTS=(
"vtcr_t0sz|STE VTCR S2T0SZ one too large: a 43-bit input range for 44|\
s/FIELD_PREP\(STE_VTCR_S2T0SZ, vtcr->tsz\)/FIELD_PREP(STE_VTCR_S2T0SZ, vtcr->tsz + 1)/"
"vtcr_sl0|STE VTCR S2SL0 names the wrong start level|\
s/FIELD_PREP\(STE_VTCR_S2SL0, vtcr->sl\)/FIELD_PREP(STE_VTCR_S2SL0, vtcr->sl ^ 1)/"
"s2ttb_off|S2TTB 0x100 past the table (beyond the 256-byte level-0 table)|\
s/\.vttbr\t= pc->arm_lpae_s2_cfg\.vttbr & STE_3_S2TTB/.vttbr\t= (pc->arm_lpae_s2_cfg.vttbr + 0x100) \& STE_3_S2TTB/"
"vmid_not_invalidated|a freed VMID goes back to the allocator without CMD_TLBI_S12_VMALL|\
s/if \(arm_smmu_cmdq_issue\(smmu, &cmd, 1, true\)\)/if (s1 \&\& arm_smmu_cmdq_issue(smmu, \&cmd, 1, true))/"
)

if [ "${1:-}" = -l ]; then
	for m in "${MUTANTS[@]}"; do
		IFS='|' read -r name what _ <<<"$m"
		printf '%-22s %s\n' "$name" "$what"
	done
	exit 0
fi

out=${SMMU_OUT:-$TOP/out}
killed=0 survived=0 rc=0
for m in "${MUTANTS[@]}"; do
	IFS='|' read -r name what subst <<<"$m"
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	work=$(mktemp -d "${TMPDIR:-/tmp}/mutate-s2.$name.XXXXXX")
	git -C "$TOP" ls-files -co --exclude-standard -z |
		(cd "$TOP" && xargs -0 cp --parents -t "$work" 2>/dev/null) || true
	f=$work/arm-smmu-v3-domain.c
	perl -0pi -e "$subst" "$f"
	if cmp -s "$f" "$TOP/arm-smmu-v3-domain.c"; then
		echo "$name: the substitution no longer applies"
		rc=2
		continue
	fi
	mout=$out/mutate-s2/$name
	if ! "$work/scripts/mkinitramfs.sh" "$mout" >"$work/build.log" 2>&1; then
		echo "$name: does not build (see $work/build.log)"
		rc=2
		continue
	fi
	SMMU_OUT=$mout SMMU_PROFILE=s2 E2E_TIMEOUT=${MUTATE_TIMEOUT:-300} \
		"$work/scripts/e2e.sh" ours default >"$mout/e2e.out" 2>&1
	if [ $? = 0 ]; then
		survived=$((survived + 1))
		echo "SURVIVED $name: $what"
		rc=1
	else
		killed=$((killed + 1))
		echo "killed   $name: $what"
		grep -E 'not ok|did not run to its end|timed out' "$mout/e2e.out" | sed 's/^ */           /'
	fi
	[ -n "${MUTATE_KEEP:-}" ] || rm -rf "$work"
done
echo "mutate-s2: $killed killed, $survived survived"
exit $rc
