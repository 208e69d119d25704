#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run DKMS for Debian's arm64 kernel (KERNEL_FLAVOR=debian, lib.sh) with this
# tree's dkms.conf, the way a user of that kernel does: `make dkms-install`
# (scripts/dkms.sh: dkms add, build, install), `dkms status`, then
# `make dkms-remove`. Check what was installed and print the path of that
# module, uncompressed (e2e.sh debian-dkms boots Debian's kernel with it).
#
# DKMS keeps its trees at fixed system paths (/usr/src, /var/lib/dkms,
# /lib/modules, /etc/dkms). So that the host is left as it was, DKMS runs in
# a mount namespace of its own (unshare, as root) where directories under
# $SMMU_OUT/dkms are bound over those paths; /lib/modules/<kernel> there is a
# hard-linked copy of the unpacked Debian kernel's module tree. The build
# is a cross build: Debian's headers set ARCH and CROSS_COMPILE themselves.
# DKMS signs the module with a key of its own (made here, in that tree),
# as Debian's dkms does for Secure Boot; the check wants the signature.
# Usage: debian-dkms.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || die "DKMS runs as root (it does on a board too)"
command -v dkms >/dev/null || die "dkms is not installed: run scripts/setup.sh"
command -v unshare >/dev/null || die "unshare (util-linux) is missing"
out=${SMMU_OUT:-$TOP/out}
hdr=$(KERNEL_FLAVOR=debian "$TOP/scripts/kdir.sh")
root=$(debian_dir)/root
kver=$DEBIAN_KVER-arm64
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"$/\1/p' "$TOP/dkms.conf")
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$TOP/dkms.conf")
[ -n "$name" ] && [ -n "$ver" ] || die "dkms.conf has no PACKAGE_NAME or PACKAGE_VERSION"

w=$out/dkms
rm -rf "$w"
mkdir -p "$w"/{var,src,modules,conf.d,mok}
cp -al "$root/lib/modules/$kver" "$w/modules/"
# sign-file is in Debian's amd64 kbuild package, unpacked beside the headers
cat >"$w/framework.conf" <<EOF
sign_file="$root/usr/lib/linux-kbuild-${DEBIAN_KVER}/scripts/sign-file"
mok_signing_key="$w/mok/mok.key"
mok_certificate="$w/mok/mok.pub"
EOF

# A mount point for the module trees: every installed Debian has it, a
# container may not (it stays empty here; the namespace binds over it).
[ -d /lib/modules ] || mkdir /lib/modules

# The namespace's script: what it binds, then DKMS as a user types it.
cat >"$w/run.sh" <<EOF
set -euo pipefail
mount --make-rprivate /
mount --bind "$w/var" /var/lib/dkms
mount --bind "$w/src" /usr/src
mount --bind "$w/modules" /lib/modules
mount --bind "$w/framework.conf" /etc/dkms/framework.conf
mount --bind "$w/conf.d" /etc/dkms/framework.conf.d
set -x
"$TOP/scripts/dkms.sh" install -k $kver -a aarch64 --kernelsourcedir "$hdr"
dkms status -m $name -k $kver -a aarch64
# What was installed, kept for the checks; then the way back (make dkms-remove)
cp -a /lib/modules/$kver/updates/dkms "$w/installed"
cp /lib/modules/$kver/modules.dep "$w/modules/$kver/modules.dep.installed"
"$TOP/scripts/dkms.sh" remove
echo "after remove: \$(dkms status -m $name | wc -l) dkms entries, \$(find /lib/modules/$kver/updates -name 'arm_smmu_v3_oot.ko*' | wc -l) modules"
EOF
msg "dkms add/build/install $name/$ver for $kver (log: $w/dkms.log)"
if ! unshare -m bash "$w/run.sh" >"$w/dkms.log" 2>&1; then
	cat "$w/dkms.log"
	die "DKMS failed for $kver"
fi
grep -q "^$name/$ver, $kver, aarch64: installed" "$w/dkms.log" ||
	{ cat "$w/dkms.log"; die "dkms status does not say $name/$ver is installed for $kver"; }

grep -q "^after remove: 0 dkms entries, 0 modules" "$w/dkms.log" ||
	{ cat "$w/dkms.log"; die "make dkms-remove left the module behind"; }

# What DKMS installed: the module (compressed if the kernel's own are) for
# this kernel, signed, and known to depmod then.
ko=$(find "$w/installed" -name 'arm_smmu_v3_oot.ko*' | head -n1)
[ -n "$ko" ] || die "DKMS installed no arm_smmu_v3_oot.ko in updates/dkms"
plain=$w/arm_smmu_v3_oot.ko
case $ko in
*.xz) xz -dc "$ko" >"$plain" ;;
*.zst) zstd -qdc "$ko" >"$plain" ;;
*) cp "$ko" "$plain" ;;
esac
vermagic=$(modinfo -F vermagic "$plain")
[ "${vermagic%% *}" = "$kver" ] || die "DKMS built $ko for '$vermagic', not $kver"
tail -c 28 "$plain" | grep -q '~Module signature appended~' ||
	die "DKMS did not sign $ko (see $w/dkms.log)"
grep -q "^updates/dkms/arm_smmu_v3_oot.ko" "$w/modules/$kver/modules.dep.installed" ||
	die "depmod did not know $ko: modprobe arm_smmu_v3_oot would not have found it"
msg "DKMS installed $ko for $kver, signed with $w/mok/mok.pub"
echo "$plain"
