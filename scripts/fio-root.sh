#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Debian's own arm64 fio with the shared libraries it needs, unpacked from
# bookworm's packages (apt-get download, dpkg-deb -x: nothing is installed
# on the host), as a gzipped cpio archive of just the binary, its loader
# and the libraries it loads, at their Debian paths. The soak variant
# appends it to the test initramfs (the kernel unpacks concatenated
# archives), so the guest runs /usr/bin/fio as on Debian. Cached in
# $SMMU_CACHE/fio-<version>/ and reused; prints the archive's path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ver=$(apt-cache policy fio:arm64 | sed -n 's/^ *Candidate: //p')
[ -n "$ver" ] && [ "$ver" != "(none)" ] ||
	die "no fio:arm64 in the apt sources (arm64 is added by scripts/setup.sh)"
dir=$SMMU_CACHE/fio-$ver
img=$dir/fio.cpio.gz
if [ -f "$img" ]; then
	echo "$img"
	exit 0
fi

msg "fio $ver for arm64: downloading it and its libraries into $dir"
rm -rf "$dir"
mkdir -p "$dir/debs" "$dir/root"
cd "$dir/debs"

# Package closure over Depends, libraries only: fio's helper scripts want
# python3 and perl, the binary does not; what the loader needs is checked
# below from the ELF files themselves.
seen=" " level="fio"
while [ -n "$level" ]; do
	for p in $level; do seen+="$p "; done
	next=""
	# shellcheck disable=SC2046
	for dep in $(apt-cache depends --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances $(printf '%s:arm64 ' $level) |
		sed -n 's/^  *|\{0,1\}Depends: <\{0,1\}\([^:>]*\).*/\1/p' | sort -u); do
		case $dep in lib*|zlib1g|gcc-*-base) ;; *) continue ;; esac
		case "$seen $next " in *" $dep "*) continue ;; esac
		next+=" $dep"
	done
	level=$next
done
# Architecture-independent ones (data such as libtirpc-common) have no
# arm64 candidate: those go by their plain name
pkgs=$(printf '%s:arm64 ' $seen)
for try in 1 2 3 4 5; do
	# shellcheck disable=SC2086
	apt-get download -q $pkgs >"$dir/download.log" 2>&1 && break
	all=$(sed -n 's/.*from package \(.*\):arm64 as it has no candidate.*/\1/p' "$dir/download.log")
	[ -n "$all" ] && [ $try -lt 5 ] || {
		tail -n 5 "$dir/download.log" >&2
		die "apt-get download of fio:arm64 and its libraries failed"
	}
	for p in $all; do pkgs=${pkgs/ $p:arm64 / $p }; pkgs=${pkgs/#$p:arm64 /$p }; done
done
for d in ./*.deb; do
	dpkg-deb -x "$d" "$dir/root"
done

# fio, its loader, and every DT_NEEDED of fio and of each library it
# pulls, found as the loader finds them (Debian's multiarch directories,
# DT_RUNPATH) and copied into the archive's tree under that name.
root=$dir/root stage=$dir/stage
libdirs=(/lib/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu)
mkdir -p "$stage/usr/bin"
cp "$root/usr/bin/fio" "$stage/usr/bin/"
interp=$("${CROSS_COMPILE}readelf" -l "$root/usr/bin/fio" |
	sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p')
[ -e "$root$interp" ] || die "fio's loader $interp is not in its packages"
mkdir -p "$stage$(dirname "$interp")"
cp -L "$root$interp" "$stage$interp"
missing="" check=("$root/usr/bin/fio") done_libs=" "
while [ ${#check[@]} -gt 0 ]; do
	f=${check[0]}
	check=("${check[@]:1}")
	dyn=$("${CROSS_COMPILE}readelf" -d "$f")
	# DT_RUNPATH (librados: its ceph/ directory)
	runpath=$(echo "$dyn" | sed -n 's/.*Library runpath: \[\(.*\)\]/\1/p' | tr ':' ' ')
	for lib in $(echo "$dyn" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
		case "$done_libs" in *" $lib "*) continue ;; esac
		done_libs+="$lib "
		found=""
		for l in "${libdirs[@]}" $runpath; do
			[ -e "$root$l/$lib" ] || continue
			found=$root$l/$lib
			mkdir -p "$stage$l"
			cp -L "$found" "$stage$l/$lib"
			break
		done
		if [ -z "$found" ]; then
			missing+=" $lib"
		else
			check+=("$(readlink -f "$found")")
		fi
	done
done
[ -z "$missing" ] || die "fio's libraries are incomplete, missing:$missing"

(cd "$stage" && find . | sort | cpio -o -H newc --quiet | gzip -6) >"$img.tmp"
mv "$img.tmp" "$img"
size=$(du -sm "$stage" | cut -f1)
rm -rf "$dir/debs" "$dir/download.log" "$root" "$stage"
msg "fio archive: $img ($(wc -w <<<"$seen") packages, $(wc -w <<<"$done_libs") libraries, ${size} MB unpacked)"
echo "$img"
