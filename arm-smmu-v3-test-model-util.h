/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the KUnit suites that run the driver against the
 * software SMMU model (arm-smmu-v3-test-model.c, arm-smmu-v3-test-model-pri.c,
 * arm-smmu-v3-test-iopf.c). Test code only; header-only, so that each suite
 * keeps its own register names and fixtures.
 */
#ifndef _ARM_SMMU_V3_TEST_MODEL_UTIL_H
#define _ARM_SMMU_V3_TEST_MODEL_UTIL_H

#include <linux/delay.h>

/* Wait (up to a second) for @cond, evaluated about every millisecond */
#define wait_for(cond) ({						\
	unsigned int __ms = 0;						\
	bool __done;							\
									\
	while (!(__done = (cond)) && __ms++ < 1000)			\
		usleep_range(1000, 2000);				\
	__done;								\
})

#endif /* _ARM_SMMU_V3_TEST_MODEL_UTIL_H */
