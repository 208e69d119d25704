#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install what the project needs on a Debian 12 host and unpack the 6.12
# source into the cache. Idempotent: a second run checks and returns.
# Everything comes from bookworm but QEMU (QEMU_PACKAGES, lib.sh), which
# comes from bookworm-backports, as does Debian's own arm64 kernel; UEFI
# firmware (qemu-efi-aarch64) stays bookworm's. SETUP_SIMULATE=1 prints
# what apt-get would do (apt-get -s) and changes nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Debian's own arm64 kernel (KERNEL_FLAVOR=debian) comes from
# bookworm-backports: add that suite from the mirror bookworm itself comes
# from. Backports are pinned at priority 100 by their Release file, so
# nothing installed is upgraded from there unasked.
backports_update=0
if ! apt-cache policy | grep -q " $DEBIAN_BACKPORTS/main "; then
	backports_update=1
fi
if [ $backports_update = 1 ] && [ "${SETUP_SIMULATE:-0}" != 1 ]; then
	[ "$(id -u)" = 0 ] || die "$DEBIAN_BACKPORTS is not an apt source (add it as root: run this as root)"
	mirror=$(apt-cache policy | sed -nE 's#^ *[0-9]+ (https?://[^ ]+) bookworm/main .*#\1#p' | head -n1)
	[ -n "$mirror" ] || die "no bookworm mirror among the apt sources to add $DEBIAN_BACKPORTS from"
	msg "adding $DEBIAN_BACKPORTS from $mirror to the apt sources"
	cat >"/etc/apt/sources.list.d/$DEBIAN_BACKPORTS.sources" <<EOF2
Types: deb
URIs: $mirror
Suites: $DEBIAN_BACKPORTS
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF2
	backports_update=1
fi

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

missing=()
for p in $HOST_PACKAGES; do
	installed "$p" || missing+=("$p")
done
# QEMU from backports (lib.sh): bookworm's own 7.2 has no stage 2 and no
# virt-9.1. Named as pkg/suite, only these three come from there; what
# they depend on comes from bookworm unless only backports has it.
for p in $QEMU_PACKAGES; do
	v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || true)
	if ! installed "$p" || ! dpkg --compare-versions "$v" ge "1:$QEMU_MIN_VERSION"; then
		missing+=("$p/$DEBIAN_BACKPORTS")
	fi
done

if [ "${SETUP_SIMULATE:-0}" = 1 ]; then
	[ $backports_update = 0 ] || msg "would add $DEBIAN_BACKPORTS to the apt sources"
	[ ${#missing[@]} -gt 0 ] || { msg "nothing to install"; exit 0; }
	msg "would install: ${missing[*]}"
	apt-get install -s -q --no-install-recommends "${missing[@]}"
	exit
fi

if [ ${#missing[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || die "missing packages (install as root): ${missing[*]}"
	msg "installing: ${missing[*]}"
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		dpkg --add-architecture arm64
	fi
	apt-get update -q
	backports_update=0
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"${missing[@]}"
fi

[ $backports_update = 0 ] || apt-get update -q >&2

src=$(src_dir)
if [ ! -f "$src/.unpacked" ]; then
	msg "unpacking $SRC_TARBALL into $src"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf "$SRC_TARBALL" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.unpacked"
	mv "$src.tmp" "$src"
fi
