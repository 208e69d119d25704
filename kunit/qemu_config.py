# SPDX-License-Identifier: GPL-2.0
#
# kunit.py's --qemu_config for the driver's suites (make kunit-run): the
# arm64 config of tools/testing/kunit/qemu_configs/ with QEMU's own SMMUv3
# behind the PCI bus (virt,iommu=smmuv3), GICv3 for its MSIs and an `edu`
# device on pcie.0, so the built-in driver probes a real (emulated) SMMU
# with a PCI function behind it before the suites run. Same CPU and CPU
# count as `make kunit` (scripts/run-qemu.sh): "max" has LPA2, which the
# SVA suite's cases refuse; kunit-run.sh boots once more with arm64.nolva.
# The machine is pinned to virt-9.1, whose SMMU is stage 1 only (plain virt
# is nested from QEMU 9.2 on), as make kunit's profile s1.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='''
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y
CONFIG_PCI=y
CONFIG_PCI_HOST_GENERIC=y
CONFIG_ARM_GIC_V3=y
CONFIG_ARM_GIC_V3_ITS=y''',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image.gz',
			   kernel_command_line='console=ttyAMA0',
			   extra_qemu_params=['-machine', 'virt-9.1,iommu=smmuv3,gic-version=3',
					      '-cpu', 'max,pauth-impdef=on', '-smp', '2',
					      '-device', 'edu'])
