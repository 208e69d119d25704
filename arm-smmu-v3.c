// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 driver (placeholder: the driver core is being written).
 */
#include <linux/module.h>

#include "arm-smmu-v3.h"

static int __init arm_smmu_init(void)
{
	return 0;
}
module_init(arm_smmu_init);

static void __exit arm_smmu_exit(void)
{
}
module_exit(arm_smmu_exit);

MODULE_DESCRIPTION("Arm SMMUv3 IOMMU driver");
MODULE_LICENSE("GPL");
