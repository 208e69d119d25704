#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A device tree of QEMU's virt machine, as run-qemu.sh boots it, with one
# kind of damage to the SMMU's description, for the firmware scenarios
# (scripts/guest/firmware.sh says what each must do).
#
# Usage: mkdtb.sh CASE OUT.dtb
#   short-reg    the SMMU's reg is one 64KB page, not the two it has
#   no-gerror    no "gerror" interrupt (nor a combined one)
#   extra-irq    a fifth interrupt with a name no SMMU interrupt has
#   sid-range    edu's RID (00:03.0) maps to StreamID 0x10018, beyond the
#                16 bits QEMU's SMMU has (IDR1.SIDSIZE)
#   sid-dup      edu's RID maps to virtio-blk's StreamID (0x8)
#   noncoherent  no dma-coherent, though IDR0.COHACC says coherent
# QEMU's own tree is dumped once per QEMU version and SMMU profile (QEMU's
# dumpdtb) into the out directory. (10.0's virt-9.1 tree is 7.2's virt
# tree but for a dma-coherent at its root and a serial0 alias: the SMMU's
# and the PCIe host's nodes are the same; noncoherent drops the root's.)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# = 2 ] || die "usage: $0 CASE OUT.dtb"
case=$1 dst=$2
out=${SMMU_OUT:-$TOP/out}
qv=$(qemu_version)
[ -n "$qv" ] || die "cannot run $QEMU_SYSTEM (QEMU_SYSTEM)"
base=$out/fw/virt-$qv-$SMMU_PROFILE.dtb
mkdir -p "$out/fw" "$(dirname "$dst")"
if [ ! -s "$base" ]; then
	# Dumped aside and renamed: boots run side by side (e2e-batch.sh)
	QEMU_EXTRA="-machine dumpdtb=$base.$$" "$TOP/scripts/run-qemu.sh" -j shell \
		>/dev/null 2>&1 </dev/null || true
	[ -s "$base.$$" ] || die "QEMU did not dump its device tree to $base.$$"
	mv "$base.$$" "$base"
fi

smmu=$(fdtget -l "$base" / | grep '^smmuv3@' | head -n1)
pcie=$(fdtget -l "$base" / | grep '^pcie@' | head -n1)
[ -n "$smmu" ] && [ -n "$pcie" ] || die "no smmuv3 or pcie node in $base"
smmu=/$smmu pcie=/$pcie
ph=$(fdtget -t x "$base" "$smmu" phandle)
cp "$base" "$dst.tmp"
put() { fdtput "$dst.tmp" "$@"; }
case $case in
short-reg)
	# reg = <addr-hi addr-lo size-hi size-lo>: keep the base, one page
	set -- $(fdtget -t x "$base" "$smmu" reg)
	put -t x "$smmu" reg "$1" "$2" 0 10000
	;;
no-gerror)
	# Three interrupts of three cells each: drop the fourth, gerror
	set -- $(fdtget -t x "$base" "$smmu" interrupts)
	put -t x "$smmu" interrupts "${@:1:9}"
	put -t s "$smmu" interrupt-names eventq priq cmdq-sync
	;;
extra-irq)
	set -- $(fdtget -t x "$base" "$smmu" interrupts)
	put -t x "$smmu" interrupts "$@" 0 4e 1
	put -t s "$smmu" interrupt-names eventq priq cmdq-sync gerror spare
	;;
sid-range)
	put -t x "$pcie" iommu-map 0 "$ph" 0 18 18 "$ph" 10018 1 \
		19 "$ph" 19 ffe7
	;;
sid-dup)
	put -t x "$pcie" iommu-map 0 "$ph" 0 18 18 "$ph" 8 1 \
		19 "$ph" 19 ffe7
	;;
noncoherent)
	fdtput -d "$dst.tmp" "$smmu" dma-coherent
	# QEMU 10.0's tree also says dma-coherent at its root, which every
	# node without the property inherits (of_dma_is_coherent() walks up):
	# gone too, as in 7.2's tree. The devices that are coherent say so
	# themselves (the PCIe host among them).
	if fdtget "$base" / dma-coherent >/dev/null 2>&1; then
		fdtput -d "$dst.tmp" / dma-coherent
	fi
	;;
*) rm -f "$dst.tmp"; die "unknown case '$case'" ;;
esac
mv "$dst.tmp" "$dst"
