/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IOMMU core functions that 6.12 exports but declares only in headers
 * private to drivers/iommu/, which a module built out of tree cannot
 * include. The prototypes are those of the 6.12 core.
 */
#ifndef _ARM_SMMU_V3_IOMMU_PRIV_H
#define _ARM_SMMU_V3_IOMMU_PRIV_H

#include <linux/iommu.h>
#include <linux/list.h>

struct device;

/* drivers/iommu/dma-iommu.h */
#if IS_ENABLED(CONFIG_IOMMU_DMA)
void iommu_dma_get_resv_regions(struct device *dev, struct list_head *list);
#else
static inline void iommu_dma_get_resv_regions(struct device *dev,
					      struct list_head *list)
{
}
#endif

/*
 * drivers/iommu/iommu-priv.h, namespace IOMMUFD_INTERNAL: move an owned
 * group to any domain without the blocked domain in between, as iommufd
 * does. Only the KUnit suites use it.
 */
int iommu_group_replace_domain(struct iommu_group *group,
			       struct iommu_domain *new_domain);
/* Attach at the RID with a handle, which IOPF finds a fault handler by */
int iommu_attach_group_handle(struct iommu_domain *domain,
			      struct iommu_group *group,
			      struct iommu_attach_handle *handle);
void iommu_detach_group_handle(struct iommu_domain *domain,
			       struct iommu_group *group);

#endif /* _ARM_SMMU_V3_IOMMU_PRIV_H */
