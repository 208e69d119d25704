/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The in-tree Linux 6.12 SMMUv3 driver's hardware definitions, evaluated, for
 * the encoding oracle (arm-smmu-v3-test-oracle.c).
 *
 * Its header and ours define the same names differently, so the in-tree one
 * is compiled alone into arm-smmu-v3-test-intree.c, which hands its values
 * over through this table; nothing here includes either header.
 */
#ifndef _ARM_SMMU_V3_TEST_INTREE_H
#define _ARM_SMMU_V3_TEST_INTREE_H

#include <linux/types.h>

/**
 * struct smmu_intree_def - one definition of the in-tree header
 * @name: its name, as the in-tree header spells it
 * @value: its value: a mask, a field value or a register offset
 */
struct smmu_intree_def {
	const char	*name;
	u64		value;
};

/* Ends with an entry whose @name is NULL. */
extern const struct smmu_intree_def smmu_intree_defs[];

#endif /* _ARM_SMMU_V3_TEST_INTREE_H */
