#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Prove the harness fails a run that has a kernel report in it: build our
# module from a copy of the tree with a might_sleep() under a spinlock
# injected into its init path, boot it, and require that run-qemu.sh fails
# and shows the offending lines. The clone itself is never modified.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

work=$(mktemp -d)
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree"
copy_sources "${SMMU_SRC:-$TOP}" "$work/tree"

# Wrap the module's init: the injection needs no knowledge of the driver.
cat >"$work/tree/inject.h" <<'INJ'
#include <linux/module.h>
#include <linux/spinlock.h>
#undef module_init
#define module_init(initfn)						\
	static int __init smmu_inject_init(void)			\
	{								\
		static DEFINE_SPINLOCK(inject_lock);			\
		spin_lock(&inject_lock);				\
		might_sleep();						\
		spin_unlock(&inject_lock);				\
		return initfn();					\
	}								\
	int init_module(void) __attribute__((alias("smmu_inject_init")))
INJ
echo 'CFLAGS_arm-smmu-v3.o += -include $(src)/inject.h' >>"$work/tree/Kbuild"

export SMMU_OUT=$work/out
SMMU_SRC=$work/tree "$TOP/scripts/mkinitramfs.sh" "$work/out" ||
	die "could not build the injected tree"
report=$work/report.txt
if KEEP_LOG_QUIET=1 "$TOP/scripts/run-qemu.sh" -d ours -j demo \
	-l "$work/out/inject.log" >"$report" 2>&1; then
	cat "$report"
	echo "harness-selftest: FAILED: the run with an injected atomic sleep passed"
	exit 1
fi
if ! grep -q 'sleeping function called from invalid context' "$report"; then
	cat "$report"
	echo "harness-selftest: FAILED: the run failed, but not for the injected fault"
	exit 1
fi
grep -A3 'sleeping function called' "$report" | head -n 6
echo "harness-selftest: ok: the injected atomic sleep failed the run, offending lines shown"
