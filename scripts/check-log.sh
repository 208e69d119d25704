#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fail when a QEMU serial log shows any kernel report a passing run must not
# have: lockdep, KASAN, UBSAN, kmemleak, sleeping in atomic context, WARNING,
# BUG, Oops, panic. Prints each report with the lines that follow it.
# Usage: check-log.sh LOG
set -uo pipefail
log=${1:?usage: check-log.sh LOG}

patterns=(
	'WARNING:'				# WARN*(), lockdep splats
	'BUG:'					# BUG(), KASAN, sleeping in atomic
	'UBSAN:'
	'Oops'
	'Internal error:'
	'Unable to handle kernel'
	'Kernel panic'
	'kernel BUG at'
	'possible recursive locking detected'
	'inconsistent lock state'
	'possible circular locking dependency'
	'suspicious RCU usage'
	'sleeping function called from invalid context'
	'unreferenced object 0x'		# kmemleak
	'kmemleak: .* new suspected memory leaks'
	'INFO: task .* blocked for more than'
	'rcu: INFO: rcu_.* detected stalls'
)
re=$(IFS='|'; echo "${patterns[*]}")

hits=$(grep -naE "$re" "$log" | head -n 20)
[ -z "$hits" ] && exit 0

echo "check-log: $log has kernel reports a passing run must not have:"
while IFS=: read -r line _; do
	echo "---- $log:$line"
	sed -n "$((line > 3 ? line - 3 : 1)),$((line + 25))p" "$log"
done <<<"$(echo "$hits" | awk -F: 'NR == 1 || $1 > last + 25 { print; last = $1 }')"
exit 1
