#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build (or find in the cache) the arm64 test kernel: allnoconfig plus
# scripts/test-kernel.config, less its debugging section when
# KERNEL_FLAVOR=bench (see lib.sh). Prints the build directory on stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/setup.sh"
src=$(src_dir)
out=$(kernel_dir)

# One build at a time per directory: a second caller waits for the first.
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9

if [ -f "$out/.built" ]; then
	echo "$out"
	exit 0
fi

msg "building the $KERNEL_FLAVOR test kernel in $out (about 10-15 minutes on 2 cores)"
mkdir -p "$out"
kmake() { make -s -C "$src" O="$out" "$@"; }

frag=$out/config-fragment
fragment_text >"$frag"
kmake KCONFIG_ALLCONFIG="$frag" allnoconfig >&2
kmake olddefconfig >&2

# Every symbol of the fragment must have the value it asks for.
bad=0
while IFS= read -r line; do
	case "$line" in CONFIG_*=*) ;; *) continue ;; esac
	grep -qxF "$line" "$out/.config" || {
		msg "config: wanted '$line', got '$(grep "^${line%%=*}[= ]" "$out/.config" ||
			echo "${line%%=*} unset")'"
		bad=1
	}
done <"$frag"
[ $bad = 0 ] || die "test kernel config does not match $frag ($KERNEL_FLAVOR flavor of $FRAGMENT)"

start=$(date +%s)
kmake -j"$(jobs)" Image modules >&2
msg "kernel built in $(($(date +%s) - start)) s"
touch "$out/.built"
echo "$out"
