#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install what the project needs on a Debian 12 host and unpack the 6.12
# source into the cache. Idempotent: a second run checks and returns.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Debian's own arm64 kernel (KERNEL_FLAVOR=debian) comes from
# bookworm-backports: add that suite from the mirror bookworm itself comes
# from. Backports are pinned at priority 100 by their Release file, so
# nothing installed is upgraded from there unasked.
backports_update=0
if ! apt-cache policy | grep -q " $DEBIAN_BACKPORTS/main "; then
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

missing=()
for p in $HOST_PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

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
