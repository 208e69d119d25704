#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Print the kernel build directory to build the module against: the cached
# test kernel (built on first use), or with KERNEL_FLAVOR=debian the headers
# of Debian's arm64 kernel (fetched on first use).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "$KERNEL_FLAVOR" = debian ] && exec "$TOP/scripts/debian-kernel.sh"
if dpkg-query -W linux-source-6.12 >/dev/null 2>&1 && [ -f "$(kernel_dir)/.built" ]; then
	kernel_dir
else
	exec "$TOP/scripts/build-kernel.sh"
fi
