// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3: STE/CD builders and the hitless entry writer (placeholder).
 */
#include "arm-smmu-v3.h"
