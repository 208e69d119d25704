#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fetch Debian's own arm64 6.12 kernel (image, headers, the common headers and
# the amd64 kbuild tools) from bookworm-backports and unpack it into the cache;
# print the headers directory to build modules against (a KDIR).
#
# The arm64 headers are never installed on an amd64 host: they depend on
# gcc-12:arm64 and apt would remove the host compilers to satisfy that. They
# are downloaded and unpacked into one folder instead, where the headers'
# relative links to kbuild resolve; only their one-line Makefile names the
# common tree by absolute path, and is rewritten to the unpacked one.
#
# Usage: debian-kernel.sh [--image]   (--image: print the kernel image path)
# Environment: DEBIAN_KVER, the ABI name (default in lib.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

what=kdir
case ${1:-} in
"") ;;
--image) what=image ;;
*) die "usage: debian-kernel.sh [--image]" ;;
esac

dir=$(debian_dir)
hdr=root/usr/src/linux-headers-$DEBIAN_KVER-arm64
# One download at a time: a second caller waits for the first.
mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock 9
if [ ! -f "$dir/.unpacked" ]; then
	command -v pahole >/dev/null ||
		die "pahole is missing (Debian's kernel has BTF for modules): run scripts/setup.sh"
	pkgs=(
		"linux-image-$DEBIAN_KVER-arm64-unsigned:arm64"
		"linux-headers-$DEBIAN_KVER-arm64:arm64"
		"linux-headers-$DEBIAN_KVER-common"
		"linux-kbuild-$DEBIAN_KVER"
	)
	for p in "${pkgs[@]}"; do
		apt-cache show "$p" >/dev/null 2>&1 ||
			die "apt knows no $p: is bookworm-backports configured (scripts/setup.sh) and DEBIAN_KVER=$DEBIAN_KVER one of its kernels?"
	done
	msg "fetching Debian's arm64 kernel $DEBIAN_KVER into $dir"
	start=$(date +%s)
	t=$dir.tmp
	rm -rf "$dir" "$t"
	mkdir -p "$t/debs" "$t/root"
	# apt's sandbox user must be able to write the downloads
	chmod 777 "$t/debs"
	(cd "$t/debs" && apt-get download -q "${pkgs[@]}" >&2) ||
		die "apt-get download of Debian's kernel packages failed"
	for deb in "$t"/debs/*.deb; do
		dpkg-deb -x "$deb" "$t/root"
	done
	# Unpacked, the .debs are not needed: keep their names for the record.
	ls "$t/debs" >"$t/packages"
	rm -rf "$t/debs"
	grep -qx "include /usr/src/linux-headers-$DEBIAN_KVER-common/Makefile" "$t/$hdr/Makefile" ||
		die "$t/$hdr/Makefile is not the one-line include this script rewrites"
	echo "include $dir/root/usr/src/linux-headers-$DEBIAN_KVER-common/Makefile" >"$t/$hdr/Makefile"
	[ -f "$t/root/boot/vmlinuz-$DEBIAN_KVER-arm64" ] ||
		die "no kernel image in linux-image-$DEBIAN_KVER-arm64-unsigned"
	touch "$t/.unpacked"
	mv "$t" "$dir"
	msg "Debian's kernel fetched and unpacked in $(($(date +%s) - start)) s"
fi

case $what in
kdir) echo "$dir/$hdr" ;;
image) echo "$dir/root/boot/vmlinuz-$DEBIAN_KVER-arm64" ;;
esac
