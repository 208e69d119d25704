// SPDX-License-Identifier: GPL-2.0-only
/*
 * edu_dma_test: drive DMA from QEMU's "edu" PCI device (1234:11e8) through
 * whatever IOMMU translates it, for the end-to-end suite.
 *
 * The device copies between a bus address and its own 4 KiB buffer at device
 * address 0x40000. QEMU 7.2's edu aborts the whole emulator on a transfer
 * that ends at the very end of that buffer (its range check is off by one),
 * so transfers are EDU_XFER bytes, placed in RAM to straddle a page
 * boundary: each one goes through two IOPTEs. Each bound device gets a
 * debugfs directory
 * edu_dma_test/<pci name>/ with:
 *
 *   run     write a test name; the write fails with the test's errno
 *             mapped    RAM -> device -> RAM through two streaming mappings,
 *                       bytes compared
 *             coherent  the same through dma_alloc_coherent() buffers
 *             unmapped  map a sentinel buffer, unmap it (and flush a lazy
 *                       domain), let the device write to the stale IOVA:
 *                       the sentinel must stay untouched. -EOPNOTSUPP when
 *                       the device is not translated.
 *             reuse     two unmanaged paging domains in turn, the same
 *                       IOVA mapped to a different page in each, the
 *                       first freed with its translation cached: DMA
 *                       through the second must reach the second's page
 *                       (its ASID or VMID, reused, was invalidated)
 *             top       DMA to the last page of an unmanaged paging
 *                       domain's aperture (the top of its input range)
 *             storm     the same write to a stale IOVA again and again for
 *                       storm_ms: a device faulting in a loop. Logs how
 *                       many faulting transfers it made; the sentinel must
 *                       stay untouched.
 *             stopcmdq  make the SMMU that translates the device stop
 *                       consuming commands for good, as a wedged one
 *                       would: its CR0.CMDQEN cleared behind its driver's
 *                       back (IHI0070 6.3.9). For the end of a boot only.
 *             smmuoff   passes when that SMMU no longer translates and
 *                       aborts what bypasses it (CR0ACK.SMMUEN 0,
 *                       GBPA.ABORT 1)
 *   storm_ms  how long a storm lasts (default 1000)
 *   storm_len bytes of each storm transfer (default and at most 2048)
 *   domain  the type of the device's IOMMU domain, as sysfs names it
 *
 * This is a test helper, not part of the driver: it only uses the DMA API
 * and the IOMMU core's read-only queries (and, for stopcmdq, the SMMU's
 * registers), so it works unchanged with any SMMUv3 driver.
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#define EDU_REG_ID		0x00
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_CNT		0x90
#define EDU_REG_DMA_CMD		0x98
#define  EDU_DMA_START		BIT(0)
#define  EDU_DMA_TO_RAM		BIT(1)

#define EDU_DEV_BUF		0x40000
#define EDU_XFER		2048
/* RAM side: two pages, the transfer centred on the boundary between them */
#define EDU_RAM_SIZE		(2 * PAGE_SIZE)
#define EDU_RAM_OFF		(PAGE_SIZE - EDU_XFER / 2)
#define EDU_DMA_TIMEOUT_US	(5 * USEC_PER_SEC)

struct edu {
	struct pci_dev *pdev;
	void __iomem *regs;
	struct dentry *dir;
	struct mutex lock;	/* one transfer at a time */
	u32 storm_ms;
	u32 storm_len;
};

static struct dentry *edu_debugfs_root;

/* Poll every @poll_us until the transfer (100 ms in QEMU's edu) is done */
static int edu_dma_poll(struct edu *edu, dma_addr_t bus, size_t len,
			bool to_ram, unsigned long poll_us)
{
	u64 cmd;
	int ret;

	if (len > EDU_XFER)
		return -EINVAL;

	writeq(to_ram ? EDU_DEV_BUF : bus, edu->regs + EDU_REG_DMA_SRC);
	writeq(to_ram ? bus : EDU_DEV_BUF, edu->regs + EDU_REG_DMA_DST);
	writeq(len, edu->regs + EDU_REG_DMA_CNT);
	writeq(EDU_DMA_START | (to_ram ? EDU_DMA_TO_RAM : 0),
	       edu->regs + EDU_REG_DMA_CMD);

	ret = readq_poll_timeout(edu->regs + EDU_REG_DMA_CMD, cmd,
				 !(cmd & EDU_DMA_START), poll_us,
				 EDU_DMA_TIMEOUT_US);
	if (ret)
		dev_err(&edu->pdev->dev, "DMA did not complete: %pe\n",
			ERR_PTR(ret));
	return ret;
}

static int edu_dma(struct edu *edu, dma_addr_t bus, size_t len, bool to_ram)
{
	return edu_dma_poll(edu, bus, len, to_ram, 1000);
}

static void edu_fill(u8 *buf, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = seed + i * 7 + (i >> 8);
}

/* RAM -> device through @src, device -> RAM through @dst, then compare. */
static int edu_round_trip(struct edu *edu, u8 *src, dma_addr_t src_dma,
			  u8 *dst, dma_addr_t dst_dma, bool streaming)
{
	struct device *dev = &edu->pdev->dev;
	size_t len = EDU_XFER;
	int ret;

	if (streaming)
		dma_sync_single_for_device(dev, src_dma, len, DMA_TO_DEVICE);
	ret = edu_dma(edu, src_dma, len, false);
	if (ret)
		return ret;
	ret = edu_dma(edu, dst_dma, len, true);
	if (ret)
		return ret;
	if (streaming)
		dma_sync_single_for_cpu(dev, dst_dma, len, DMA_FROM_DEVICE);

	if (memcmp(src, dst, len)) {
		dev_err(dev, "DMA round trip corrupted the data (iova %pad -> %pad)\n",
			&src_dma, &dst_dma);
		return -EIO;
	}
	dev_info(dev, "DMA round trip ok: %zu bytes via iova %pad and %pad\n",
		 len, &src_dma, &dst_dma);
	return 0;
}

static int edu_test_mapped(struct edu *edu)
{
	struct device *dev = &edu->pdev->dev;
	dma_addr_t src_dma, dst_dma;
	u8 *src, *dst;
	int ret = -ENOMEM;

	src = kmalloc(EDU_RAM_SIZE, GFP_KERNEL);
	dst = kzalloc(EDU_RAM_SIZE, GFP_KERNEL);
	if (!src || !dst)
		goto out_free;
	edu_fill(src + EDU_RAM_OFF, EDU_XFER, get_random_u8());

	src_dma = dma_map_single(dev, src + EDU_RAM_OFF, EDU_XFER, DMA_TO_DEVICE);
	ret = dma_mapping_error(dev, src_dma);
	if (ret)
		goto out_free;
	dst_dma = dma_map_single(dev, dst + EDU_RAM_OFF, EDU_XFER, DMA_FROM_DEVICE);
	ret = dma_mapping_error(dev, dst_dma);
	if (ret)
		goto out_unmap_src;

	ret = edu_round_trip(edu, src + EDU_RAM_OFF, src_dma,
			     dst + EDU_RAM_OFF, dst_dma, true);

	dma_unmap_single(dev, dst_dma, EDU_XFER, DMA_FROM_DEVICE);
out_unmap_src:
	dma_unmap_single(dev, src_dma, EDU_XFER, DMA_TO_DEVICE);
out_free:
	kfree(dst);
	kfree(src);
	return ret;
}

static int edu_test_coherent(struct edu *edu)
{
	struct device *dev = &edu->pdev->dev;
	dma_addr_t src_dma, dst_dma;
	u8 *src, *dst;
	int ret = -ENOMEM;

	src = dma_alloc_coherent(dev, EDU_RAM_SIZE, &src_dma, GFP_KERNEL);
	if (!src)
		return -ENOMEM;
	dst = dma_alloc_coherent(dev, EDU_RAM_SIZE, &dst_dma, GFP_KERNEL);
	if (!dst)
		goto out_free_src;

	edu_fill(src + EDU_RAM_OFF, EDU_XFER, get_random_u8());
	memset(dst, 0, EDU_RAM_SIZE);
	ret = edu_round_trip(edu, src + EDU_RAM_OFF, src_dma + EDU_RAM_OFF,
			     dst + EDU_RAM_OFF, dst_dma + EDU_RAM_OFF, false);

	dma_free_coherent(dev, EDU_RAM_SIZE, dst, dst_dma);
out_free_src:
	dma_free_coherent(dev, EDU_RAM_SIZE, src, src_dma);
	return ret;
}

/*
 * An IOVA that pointed at @buf and no longer does: mapped, unmapped, and in
 * a lazy domain flushed, so that no IOTLB entry may still hold it.
 */
static int edu_stale_iova(struct edu *edu, struct iommu_domain *domain,
			  void *buf, dma_addr_t *stale)
{
	struct device *dev = &edu->pdev->dev;
	int ret;

	*stale = dma_map_single(dev, buf, EDU_XFER, DMA_FROM_DEVICE);
	ret = dma_mapping_error(dev, *stale);
	if (ret)
		return ret;
	dma_unmap_single(dev, *stale, EDU_XFER, DMA_FROM_DEVICE);
	/* A flush queue defers the TLB invalidation; ask for it now. */
	if (domain->type == IOMMU_DOMAIN_DMA_FQ)
		iommu_flush_iotlb_all(domain);

	if (iommu_iova_to_phys(domain, *stale)) {
		dev_err(dev, "iova %pad still translates after unmap\n", stale);
		return -EIO;
	}
	return 0;
}

/* Put @pattern in the device's buffer, through the default domain. */
static int edu_load(struct edu *edu, u8 *pattern)
{
	struct device *dev = &edu->pdev->dev;
	dma_addr_t dma;
	int ret;

	dma = dma_map_single(dev, pattern, EDU_XFER, DMA_TO_DEVICE);
	ret = dma_mapping_error(dev, dma);
	if (ret)
		return ret;
	ret = edu_dma(edu, dma, EDU_XFER, false);
	dma_unmap_single(dev, dma, EDU_XFER, DMA_TO_DEVICE);
	return ret;
}

/*
 * Give the device an IOVA that did point at @sentinel and no longer does.
 * A driver that left the old translation in the page table or in a TLB lets
 * the write land in the sentinel; a correct one faults the transaction.
 */
static int edu_test_unmapped(struct edu *edu)
{
	struct device *dev = &edu->pdev->dev;
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);
	dma_addr_t stale;
	u8 *sentinel, *pattern;
	int ret = -ENOMEM;

	if (!domain || !(domain->type & __IOMMU_DOMAIN_PAGING)) {
		dev_info(dev, "unmapped: device is not translated, nothing to refuse\n");
		return -EOPNOTSUPP;
	}

	sentinel = kmalloc(EDU_XFER, GFP_KERNEL);
	pattern = kmalloc(EDU_XFER, GFP_KERNEL);
	if (!sentinel || !pattern)
		goto out_free;
	memset(sentinel, 0x5a, EDU_XFER);
	edu_fill(pattern, EDU_XFER, 0x11);

	/* Load the device's buffer with a pattern that differs from 0x5a. */
	ret = edu_load(edu, pattern);
	if (ret)
		goto out_free;

	ret = edu_stale_iova(edu, domain, sentinel, &stale);
	if (ret)
		goto out_free;

	dev_info(dev, "unmapped: device writes to stale iova %pad, expecting a fault\n",
		 &stale);
	ret = edu_dma(edu, stale, EDU_XFER, true);
	if (ret)
		goto out_free;
	if (memchr_inv(sentinel, 0x5a, EDU_XFER)) {
		dev_err(dev, "unmapped: DMA to iova %pad reached memory\n", &stale);
		ret = -EIO;
	}
out_free:
	kfree(pattern);
	kfree(sentinel);
	return ret;
}

/*
 * A device that faults in a loop: write to a stale IOVA, as fast as the
 * device goes, for storm_ms. Every transfer must fault; none may land.
 */
static int edu_test_storm(struct edu *edu)
{
	struct device *dev = &edu->pdev->dev;
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);
	unsigned long end = jiffies + msecs_to_jiffies(edu->storm_ms);
	unsigned int transfers = 0;
	dma_addr_t stale;
	u8 *sentinel;
	int ret;

	if (!domain || !(domain->type & __IOMMU_DOMAIN_PAGING)) {
		dev_info(dev, "storm: device is not translated, nothing to refuse\n");
		return -EOPNOTSUPP;
	}
	sentinel = kmalloc(EDU_XFER, GFP_KERNEL);
	if (!sentinel)
		return -ENOMEM;
	memset(sentinel, 0x5a, EDU_XFER);
	ret = edu_stale_iova(edu, domain, sentinel, &stale);
	if (ret)
		goto out_free;

	do {
		/*
		 * Polled every 10 ms, not every 1: the storm is the device's,
		 * the CPU time of a fast poll would weigh on the disks too
		 */
		ret = edu_dma_poll(edu, stale, clamp(edu->storm_len, 1, EDU_XFER),
				   true, 10000);
		if (ret)
			goto out_free;
		transfers++;
	} while (time_before(jiffies, end));

	dev_info(dev, "storm: %u faulting transfers of %u bytes to iova %pad in %u ms\n",
		 transfers, clamp(edu->storm_len, 1, EDU_XFER), &stale, edu->storm_ms);
	if (memchr_inv(sentinel, 0x5a, EDU_XFER)) {
		dev_err(dev, "storm: DMA to iova %pad reached memory\n", &stale);
		ret = -EIO;
	}
out_free:
	kfree(sentinel);
	return ret;
}

#define EDU_REUSE_IOVA		0x12340000UL

/*
 * Attach a fresh unmanaged paging domain, map one IOVA to @page (the last
 * page of the domain's aperture with @top, else EDU_REUSE_IOVA) and run
 * one transfer through it; then put the default domain back and free this
 * one with the mapping still in place (no unmap, so no per-IOVA
 * invalidation: only the one of the domain's ASID or VMID at its free can
 * remove the cached translation).
 */
static int edu_dma_in_own_domain(struct edu *edu, struct page *page,
				 bool to_ram, bool top)
{
	struct device *dev = &edu->pdev->dev;
	struct iommu_domain *domain;
	dma_addr_t iova = EDU_REUSE_IOVA;
	int ret;

	domain = iommu_paging_domain_alloc(dev);
	if (IS_ERR(domain))
		return PTR_ERR(domain);
	if (top)
		iova = ALIGN_DOWN(domain->geometry.aperture_end, PAGE_SIZE);
	ret = iommu_attach_device(domain, dev);
	if (ret)
		goto out_free;
	ret = iommu_map(domain, iova, page_to_phys(page), PAGE_SIZE,
			IOMMU_READ | IOMMU_WRITE, GFP_KERNEL);
	if (!ret) {
		dev_info(dev, "own domain: %s iova %pad\n",
			 to_ram ? "device writes to" : "device reads from", &iova);
		ret = edu_dma(edu, iova, EDU_XFER, to_ram);
	}
	iommu_detach_device(domain, dev);
out_free:
	iommu_domain_free(domain);
	return ret;
}

/*
 * reuse (@top false): the device reads page @old through a first domain at
 * EDU_REUSE_IOVA (the translation is now in the IOTLB, tagged with that
 * domain's ASID or VMID), the domain is freed, its ID goes back to the
 * allocator and the next domain gets it. That one maps the same IOVA to
 * page @new and the device writes a pattern there: it must land in @new,
 * never in @old.
 * top (@top true): the device writes the pattern to the last page of a
 * domain's input range, which only a translation set up for the whole
 * range (T0SZ, start level, granule) reaches.
 */
static int edu_own_domains(struct edu *edu, bool top)
{
	struct device *dev = &edu->pdev->dev;
	struct page *old, *new;
	u8 *pattern;
	int ret = -ENOMEM;

	if (!iommu_get_domain_for_dev(dev)) {
		dev_info(dev, "own domain: device has no IOMMU domain\n");
		return -EOPNOTSUPP;
	}
	old = alloc_page(GFP_KERNEL | __GFP_ZERO);
	new = alloc_page(GFP_KERNEL | __GFP_ZERO);
	pattern = kmalloc(EDU_XFER, GFP_KERNEL);
	if (!old || !new || !pattern)
		goto out_free;
	memset(page_address(old), 0x5a, PAGE_SIZE);
	edu_fill(pattern, EDU_XFER, get_random_u8() | 1);

	if (!top) {
		ret = edu_dma_in_own_domain(edu, old, false, false);
		if (ret)
			goto out_free;
	}
	ret = edu_load(edu, pattern);
	if (ret)
		goto out_free;
	ret = edu_dma_in_own_domain(edu, new, true, top);
	if (ret)
		goto out_free;

	if (memchr_inv(page_address(old), 0x5a, PAGE_SIZE)) {
		dev_err(dev, "reuse: the write through the second domain landed in the first domain's page\n");
		ret = -EIO;
	} else if (memcmp(page_address(new), pattern, EDU_XFER)) {
		dev_err(dev, "%s: the domain's page did not get the data\n",
			top ? "top" : "reuse");
		ret = -EIO;
	}
out_free:
	kfree(pattern);
	if (new)
		__free_page(new);
	if (old)
		__free_page(old);
	return ret;
}

static int edu_test_reuse(struct edu *edu)
{
	return edu_own_domains(edu, false);
}

static int edu_test_top(struct edu *edu)
{
	return edu_own_domains(edu, true);
}

#define SMMU_CR0		0x20
#define SMMU_CR0ACK		0x24
#define  SMMU_CR0_SMMUEN	BIT(0)
#define  SMMU_CR0_CMDQEN	BIT(3)
#define SMMU_GBPA		0x44
#define  SMMU_GBPA_ABORT	BIT(20)

/* The registers of the SMMU that translates the device, and its device */
static void __iomem *edu_smmu_regs(struct edu *edu, struct device **smmu)
{
	struct device *dev = &edu->pdev->dev;
	struct resource *res;

	if (!dev->iommu || !dev->iommu->iommu_dev || !dev->iommu->iommu_dev->dev)
		return NULL;
	/* The IOMMU core's sysfs device; its parent is the SMMU's own */
	*smmu = dev->iommu->iommu_dev->dev->parent;
	if (!*smmu || !dev_is_platform(*smmu))
		return NULL;
	res = platform_get_resource(to_platform_device(*smmu), IORESOURCE_MEM, 0);
	return res ? ioremap(res->start, SZ_4K) : NULL;
}

static int edu_test_stopcmdq(struct edu *edu)
{
	struct device *smmu;
	void __iomem *base = edu_smmu_regs(edu, &smmu);
	u32 cr0, stopped, ack;
	int ret;

	if (!base)
		return -ENODEV;
	cr0 = readl(base + SMMU_CR0);
	stopped = cr0 & ~SMMU_CR0_CMDQEN;
	writel(stopped, base + SMMU_CR0);
	ret = readl_poll_timeout(base + SMMU_CR0ACK, ack,
				 !(ack & SMMU_CR0_CMDQEN), 10, 100000);
	iounmap(base);
	dev_info(&edu->pdev->dev, "stopcmdq: %s CR0 0x%x -> 0x%x behind %s's back: %d\n",
		 dev_name(smmu), cr0, stopped, dev_driver_string(smmu), ret);
	return ret;
}

static int edu_test_smmuoff(struct edu *edu)
{
	struct device *smmu;
	void __iomem *base = edu_smmu_regs(edu, &smmu);
	u32 ack, gbpa;

	if (!base)
		return -ENODEV;
	ack = readl(base + SMMU_CR0ACK);
	gbpa = readl(base + SMMU_GBPA);
	iounmap(base);
	dev_info(&edu->pdev->dev, "smmuoff: %s CR0ACK 0x%x GBPA 0x%x\n",
		 dev_name(smmu), ack, gbpa);
	return !(ack & SMMU_CR0_SMMUEN) && (gbpa & SMMU_GBPA_ABORT) ? 0 : -EBUSY;
}

static const struct {
	const char *name;
	int (*run)(struct edu *edu);
} edu_tests[] = {
	{ "mapped", edu_test_mapped },
	{ "coherent", edu_test_coherent },
	{ "unmapped", edu_test_unmapped },
	{ "storm", edu_test_storm },
	{ "reuse", edu_test_reuse },
	{ "top", edu_test_top },
	{ "stopcmdq", edu_test_stopcmdq },
	{ "smmuoff", edu_test_smmuoff },
};

static ssize_t edu_run_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct edu *edu = file->private_data;
	char name[16];
	int i, ret;

	if (count >= sizeof(name))
		return -EINVAL;
	if (copy_from_user(name, ubuf, count))
		return -EFAULT;
	name[count] = '\0';
	strim(name);

	for (i = 0; i < ARRAY_SIZE(edu_tests); i++) {
		if (strcmp(name, edu_tests[i].name))
			continue;
		mutex_lock(&edu->lock);
		ret = edu_tests[i].run(edu);
		mutex_unlock(&edu->lock);
		dev_info(&edu->pdev->dev, "test %s: %s (%d)\n", name,
			 ret ? "failed" : "passed", ret);
		return ret ? ret : count;
	}
	return -EINVAL;
}

static const struct file_operations edu_run_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = edu_run_write,
	.llseek = noop_llseek,
};

static int edu_domain_show(struct seq_file *s, void *unused)
{
	struct edu *edu = s->private;
	struct iommu_domain *domain = iommu_get_domain_for_dev(&edu->pdev->dev);
	const char *type = "none";

	if (domain) {
		switch (domain->type) {
		case IOMMU_DOMAIN_IDENTITY:
			type = "identity";
			break;
		case IOMMU_DOMAIN_DMA:
			type = "DMA";
			break;
		case IOMMU_DOMAIN_DMA_FQ:
			type = "DMA-FQ";
			break;
		case IOMMU_DOMAIN_BLOCKED:
			type = "blocked";
			break;
		default:
			type = "unmanaged";
			break;
		}
	}
	seq_printf(s, "%s\n", type);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(edu_domain);

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edu *edu;
	int ret;

	edu = devm_kzalloc(&pdev->dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	mutex_init(&edu->lock);
	edu->storm_ms = 1000;
	edu->storm_len = EDU_XFER;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	ret = pcim_iomap_regions(pdev, BIT(0), KBUILD_MODNAME);
	if (ret)
		return ret;
	edu->regs = pcim_iomap_table(pdev)[0];
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	pci_set_master(pdev);

	edu->dir = debugfs_create_dir(pci_name(pdev), edu_debugfs_root);
	debugfs_create_file("run", 0200, edu->dir, edu, &edu_run_fops);
	debugfs_create_file("domain", 0444, edu->dir, edu, &edu_domain_fops);
	debugfs_create_u32("storm_ms", 0600, edu->dir, &edu->storm_ms);
	debugfs_create_u32("storm_len", 0600, edu->dir, &edu->storm_len);
	pci_set_drvdata(pdev, edu);
	dev_info(&pdev->dev, "edu id %#x ready\n", readl(edu->regs + EDU_REG_ID));
	return 0;
}

static void edu_remove(struct pci_dev *pdev)
{
	struct edu *edu = pci_get_drvdata(pdev);

	debugfs_remove_recursive(edu->dir);
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name = "edu_dma_test",
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
};

static int __init edu_init(void)
{
	int ret;

	edu_debugfs_root = debugfs_create_dir("edu_dma_test", NULL);
	ret = pci_register_driver(&edu_driver);
	if (ret)
		debugfs_remove_recursive(edu_debugfs_root);
	return ret;
}
module_init(edu_init);

static void __exit edu_exit(void)
{
	pci_unregister_driver(&edu_driver);
	debugfs_remove_recursive(edu_debugfs_root);
}
module_exit(edu_exit);

MODULE_DESCRIPTION("DMA tests through QEMU's edu device");
MODULE_LICENSE("GPL");
