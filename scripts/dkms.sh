#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the module with DKMS from this tree, or remove it: what
# `make dkms-install` and `make dkms-remove` run on a board, as root.
#   install: copy the sources and dkms.conf to /usr/src/<name>-<version>/,
#            then dkms add, build and install (for the running kernel unless
#            OPTIONS say otherwise; DKMS rebuilds for kernels installed later)
#   remove:  dkms remove for every kernel, and the copy in /usr/src
# Usage: dkms.sh install|remove [OPTIONS for dkms build/install, e.g. -k KVER]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

action=${1:-}
[ $# -gt 0 ] && shift
[ "$(id -u)" = 0 ] || die "DKMS needs root: sudo make dkms-$action"
command -v dkms >/dev/null || die "dkms is not installed (apt install dkms)"
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"$/\1/p' "$TOP/dkms.conf")
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$TOP/dkms.conf")
[ -n "$name" ] && [ -n "$ver" ] || die "dkms.conf has no PACKAGE_NAME or PACKAGE_VERSION"
dest=/usr/src/$name-$ver

case $action in
install)
	# A second install replaces the first: DKMS refuses to add a version twice.
	if dkms status -m "$name" -v "$ver" | grep -q .; then
		dkms remove -m "$name" -v "$ver" --all
	fi
	rm -rf "$dest"
	mkdir -p "$dest"
	copy_sources "$TOP" "$dest"
	cp "$TOP/dkms.conf" "$dest/"
	dkms add -m "$name" -v "$ver"
	dkms build -m "$name" -v "$ver" "$@"
	dkms install -m "$name" -v "$ver" "$@"
	;;
remove)
	if dkms status -m "$name" -v "$ver" | grep -q .; then
		dkms remove -m "$name" -v "$ver" --all
	fi
	rm -rf "$dest"
	;;
*) die "usage: dkms.sh install|remove [dkms options]" ;;
esac
