/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the KUnit suites that run the driver against the
 * software SMMU model (arm-smmu-v3-test-model.c, arm-smmu-v3-test-model-pri.c,
 * arm-smmu-v3-test-iopf.c, arm-smmu-v3-test-pasid.c, arm-smmu-v3-test-sva.c,
 * arm-smmu-v3-test-failnth.c). Test code only; header-only, so that each
 * suite keeps its own register names and fixtures.
 */
#ifndef _ARM_SMMU_V3_TEST_MODEL_UTIL_H
#define _ARM_SMMU_V3_TEST_MODEL_UTIL_H

#include <linux/delay.h>
#include <linux/sched.h>

/* Wait (up to a second) for @cond, evaluated about every millisecond */
#define wait_for(cond) ({						\
	unsigned int __ms = 0;						\
	bool __done;							\
									\
	while (!(__done = (cond)) && __ms++ < 1000)			\
		usleep_range(1000, 2000);				\
	__done;								\
})

/*
 * Why a walk of failed allocations skips when none failed: the kunit job
 * has failslab and fail_page_alloc fail sleeping allocations, kunit.py's
 * boot cannot (scripts/kunit-counts.py knows this text)
 */
#define SMMU_TEST_FAILNTH_SKIP \
	"no allocation failed: needs failslab and fail_page_alloc ignore-gfp-wait=N (make kunit's guest sets it)"

/*
 * Arm @t's fail-nth, as /proc/<pid>/fail-nth writes it: the @nth slab or
 * page allocation @t makes from now on fails
 */
static inline void smmu_test_fail_nth(struct task_struct *t, unsigned int nth)
{
#ifdef CONFIG_FAULT_INJECTION
	WRITE_ONCE(t->fail_nth, nth);
#endif
}

/*
 * Disarm it: 0 when the armed allocation failed, else how many were still
 * to go (1 without fault injection, where nothing ever fails)
 */
static inline unsigned int smmu_test_fail_nth_left(struct task_struct *t)
{
#ifdef CONFIG_FAULT_INJECTION
	return xchg(&t->fail_nth, 0);
#else
	return 1;
#endif
}

#endif /* _ARM_SMMU_V3_TEST_MODEL_UTIL_H */
