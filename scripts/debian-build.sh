#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build our module against Debian's own arm64 6.12 headers (lib.sh,
# KERNEL_FLAVOR=debian), as a user of that kernel does, with W=1. Fails on
# any warning or error in our files or from modpost, on a module that is not
# for Debian's kernel or has no BTF (pahole), and on SVA, IOPF or KUnit code
# built for a kernel that has none of them.
# Usage: debian-build.sh   (environment: SMMU_OUT, SMMU_SRC as mkinitramfs.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${SMMU_OUT:-$TOP/out}
kdir=$(KERNEL_FLAVOR=debian "$TOP/scripts/kdir.sh")
b=$out/build/debian-headers
rm -rf "$b"
mkdir -p "$b"
copy_sources "${SMMU_SRC:-$TOP}" "$b"
log=$b/build.log

msg "building against $kdir (W=1)"
if ! make -C "$kdir" M="$b" W=1 modules >"$log" 2>&1; then
	cat "$log"
	die "the module does not build against Debian's $DEBIAN_KVER-arm64 headers"
fi
bad=$(grep -E "^$b/[^:]+:[0-9]+:[0-9]+: |^WARNING: |Skipping BTF" "$log" || true)
if [ -n "$bad" ]; then
	echo "$bad"
	die "diagnostics building against Debian's headers (log: $log)"
fi

ko=$b/arm_smmu_v3_oot.ko
[ -f "$ko" ] || die "no $ko"
vermagic=$(modinfo -F vermagic "$ko")
[ "${vermagic%% *}" = "$DEBIAN_KVER-arm64" ] ||
	die "$ko is for '$vermagic', not Debian's $DEBIAN_KVER-arm64"
"${CROSS_COMPILE}objdump" -h "$ko" | grep -q ' \.BTF ' ||
	die "$ko has no BTF: Debian's kernel would not load its type information"

# What Debian's kernel lacks must be compiled out. Should a later Debian
# kernel gain it, this check would test nothing: say so rather than pass.
for sym in CONFIG_IOMMU_SVA CONFIG_IOMMU_IOPF CONFIG_KUNIT; do
	! grep -q "^$sym=[ym]" "$kdir/.config" ||
		die "Debian's $DEBIAN_KVER-arm64 has $sym: update what this check expects to be compiled out"
done
for o in arm-smmu-v3-sva.o arm-smmu-v3-iopf.o arm_smmu_v3_oot_test.ko; do
	[ ! -e "$b/$o" ] || die "$o was built for a kernel without its support"
done
msg "built $ko for $DEBIAN_KVER-arm64: no warnings, SVA/IOPF/KUnit compiled out, BTF present"
