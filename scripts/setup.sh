#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install what the project needs on a Debian 12 host and unpack the 6.12
# source into the cache. Idempotent: a second run checks and returns.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

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
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"${missing[@]}"
fi

src=$(src_dir)
if [ ! -f "$src/.unpacked" ]; then
	msg "unpacking $SRC_TARBALL into $src"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf "$SRC_TARBALL" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.unpacked"
	mv "$src.tmp" "$src"
fi
