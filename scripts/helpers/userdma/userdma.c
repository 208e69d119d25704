// SPDX-License-Identifier: GPL-2.0
/*
 * userdma: user-space DMA through iommufd and the VFIO device cdev, as a VMM
 * or a user-space driver (DPDK, SPDK) does it, with QEMU's "edu" device
 * (1234:11e8) bound to vfio-pci. Run by scripts/guest/userdma.sh.
 *
 * The program owns the whole I/O address space of the device: it binds the
 * device to an iommufd, maps its own buffers at IOVAs it chooses, drives
 * edu's DMA engine through BAR0 and checks every byte the device moved.
 *
 * edu (QEMU hw/misc/edu.c) copies cnt bytes between a bus address and its
 * own 4 KiB buffer, which sits at device address 0x40000; bit 1 of the
 * command says which way (0: from the bus address into the buffer, 1: from
 * the buffer to the bus address), bit 0 starts it and reads back as 1 until
 * the copy is done. QEMU 7.2's edu aborts the emulator on a copy that ends
 * at the very end of its buffer, so copies here are XFER bytes from its
 * start. On the RAM side each copy straddles a page boundary, so that it
 * goes through two IOPTEs.
 *
 * usage: userdma PCI-SYSFS-DIR FAULT-TEXT
 *   FAULT-TEXT is what the IOMMU driver logs for a translation fault
 *   (FAULT_RE of scripts/guest/lib.sh, a plain string).
 * Prints "ok - NAME", "not ok - NAME # REASON" and "# INFO" lines; a
 * failed step that later ones need ends the run. Exit status 0 when every
 * check held.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/iommufd.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>

typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;

#ifndef MAP_HUGE_2MB
#define MAP_HUGE_2MB	(21 << 26)	/* MAP_HUGE_SHIFT = 26 */
#endif

#define EDU_REG_ID		0x00
#define EDU_ID_VALUE		0x010000ed	/* major 1, minor 0, 0xed */
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_CNT		0x90
#define EDU_REG_DMA_CMD		0x98
#define  EDU_DMA_START		0x1
#define  EDU_DMA_TO_BUS		0x2
#define EDU_DEV_BUF		0x40000ULL
#define XFER			2048
#define DMA_TIMEOUT_MS		5000
#define FAULT_WAIT_MS		3000
/*
 * QEMU's SMMU reports a faulting copy 4 bytes at a time, hundreds of events,
 * and both drivers ratelimit their event messages (printk's default: 10 in
 * 5 s). A faulting copy waits out the window the previous one opened (no
 * later than its first message was seen), so that its faults are logged.
 */
#define LOG_WINDOW_MS		5500

#define SZ_2M			(2UL << 20)

/* The IOVAs the program chooses: below 4 GiB, above it, and a 2 MiB block */
#define IOVA_LOW		0x00200000ULL
#define IOVA_HIGH		0x123400000ULL
#define IOVA_HUGE		0x40000000ULL
#define SMALL_PAGES		4

struct region {
	const char *name;
	unsigned char *va;
	size_t len;
	u64 iova;
	int mapped;
};

static int iommufd = -1, devfd = -1;
static u32 dev_id, ioas_id;
static unsigned char *bar0;
static size_t bar0_size;
static size_t pg;
static const char *fault_text;
static int failures;
static struct region low = { .name = "low", .iova = IOVA_LOW };
static struct region high = { .name = "above-4G", .iova = IOVA_HIGH };
static struct region huge = { .name = "huge-2M", .iova = IOVA_HUGE };

static char why[256];

static int because(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return -1;
}

static void info(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* One check: its verdict line. Returns the step's result for chaining. */
static int report(const char *name, int ret)
{
	if (ret)
		printf("not ok - %s # %s\n", name, why);
	else
		printf("ok - %s\n", name);
	fflush(stdout);
	if (ret)
		failures++;
	return ret;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static long last_fault_ms = -LOG_WINDOW_MS;

static void wait_log_window(void)
{
	long left = last_fault_ms + LOG_WINDOW_MS - now_ms();

	if (left > 0)
		sleep_ms(left);
}

/*
 * BAR0 accesses, one single-copy load or store each, as the kernel's
 * __raw_readq() and friends do them: edu takes 4- and 8-byte accesses only.
 */
static u64 bar_read(unsigned int off)
{
	u64 val;

	asm volatile("ldr %x0, [%1]" : "=r" (val) : "r" (bar0 + off) : "memory");
	return val;
}

static u32 bar_read32(unsigned int off)
{
	u32 val;

	asm volatile("ldr %w0, [%1]" : "=r" (val) : "r" (bar0 + off) : "memory");
	return val;
}

static void bar_write(unsigned int off, u64 val)
{
	asm volatile("str %x0, [%1]" : : "rZ" (val), "r" (bar0 + off) : "memory");
}

/* One edu copy between @iova and the start of its buffer; 0 once done */
static int edu_dma(u64 iova, int to_bus)
{
	int ms;

	bar_write(EDU_REG_DMA_SRC, to_bus ? EDU_DEV_BUF : iova);
	bar_write(EDU_REG_DMA_DST, to_bus ? iova : EDU_DEV_BUF);
	bar_write(EDU_REG_DMA_CNT, XFER);
	bar_write(EDU_REG_DMA_CMD, EDU_DMA_START | (to_bus ? EDU_DMA_TO_BUS : 0));
	for (ms = 0; ms < DMA_TIMEOUT_MS; ms++) {
		if (!(bar_read(EDU_REG_DMA_CMD) & EDU_DMA_START))
			return 0;
		sleep_ms(1);
	}
	return because("edu DMA %s %#llx did not complete in %d ms",
		       to_bus ? "to" : "from", (unsigned long long)iova,
		       DMA_TIMEOUT_MS);
}

/* Bytes 1..127, a different sequence for each @seed */
static void fill(unsigned char *p, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (i + seed) % 127 + 1;
}

/* Offset of a copy in @r: straddling the boundary after page @page */
static size_t straddle(const struct region *r, size_t page)
{
	size_t off = (page + 1) * pg - XFER / 2;

	return off + XFER <= r->len ? off : r->len - XFER - pg / 2;
}

/*
 * RAM -> edu -> RAM: from @src at @soff into the device, back to @dst at
 * @doff; the copy must be exact, and the bytes around it untouched.
 */
static int roundtrip(struct region *src, size_t soff, struct region *dst,
		     size_t doff, unsigned int seed)
{
	unsigned char *s = src->va + soff, *d = dst->va + doff;
	size_t i;

	fill(s, XFER, seed);
	memset(d - 64, 0x5a, XFER + 128);
	if (edu_dma(src->iova + soff, 0) || edu_dma(dst->iova + doff, 1))
		return -1;
	for (i = 0; i < XFER; i++)
		if (d[i] != s[i])
			return because("%s+%#zx: byte %zu is %#x, sent %#x from %s+%#zx",
				       dst->name, doff, i, d[i], s[i],
				       src->name, soff);
	for (i = 0; i < 64; i++)
		if (d[-64 + i] != 0x5a || d[XFER + i] != 0x5a)
			return because("%s+%#zx: bytes around the copy changed",
				       dst->name, doff);
	return 0;
}

static int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

/* Records in @fd's kernel log with fault_text, waiting up to @ms for one */
static int kmsg_faults(int fd, int ms)
{
	char rec[2048];
	int n = 0;
	ssize_t len;

	for (;;) {
		len = read(fd, rec, sizeof(rec) - 1);
		if (len > 0) {
			rec[len] = 0;
			n += !!strstr(rec, fault_text);
			continue;
		}
		if (len < 0 && errno == EPIPE)	/* overwritten records */
			continue;
		if (n || ms <= 0)
			return n;
		sleep_ms(50);
		ms -= 50;
	}
}

static int ioas_map(struct region *r)
{
	struct iommu_ioas_map map = {
		.size = sizeof(map),
		.flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE |
			 IOMMU_IOAS_MAP_WRITEABLE,
		.ioas_id = ioas_id,
		.user_va = (uintptr_t)r->va,
		.length = r->len,
		.iova = r->iova,
	};

	if (ioctl(iommufd, IOMMU_IOAS_MAP, &map))
		return because("IOMMU_IOAS_MAP %s at %#llx: %s", r->name,
			       (unsigned long long)r->iova, strerror(errno));
	if (map.iova != r->iova)
		return because("IOMMU_IOAS_MAP %s: at %#llx, asked for %#llx",
			       r->name, (unsigned long long)map.iova,
			       (unsigned long long)r->iova);
	r->mapped = 1;
	return 0;
}

static int ioas_unmap(struct region *r)
{
	struct iommu_ioas_unmap unmap = {
		.size = sizeof(unmap),
		.ioas_id = ioas_id,
		.iova = r->iova,
		.length = r->len,
	};

	if (ioctl(iommufd, IOMMU_IOAS_UNMAP, &unmap))
		return because("IOMMU_IOAS_UNMAP %s: %s", r->name, strerror(errno));
	if (unmap.length != r->len)
		return because("IOMMU_IOAS_UNMAP %s: unmapped %llu bytes of %zu",
			       r->name, (unsigned long long)unmap.length, r->len);
	r->mapped = 0;
	return 0;
}

static int region_alloc(struct region *r, size_t len, int hugetlb)
{
	unsigned char *p;

	r->len = len;
	if (hugetlb) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_2MB,
			 -1, 0);
		if (p == MAP_FAILED)
			return because("mmap of a 2 MiB huge page: %s", strerror(errno));
		r->va = p;
	} else {
		/* Aligned to its own size, from twice as much */
		p = mmap(NULL, 2 * len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return because("mmap: %s", strerror(errno));
		r->va = (unsigned char *)(((uintptr_t)p + len - 1) & ~(len - 1));
	}
	memset(r->va, 0, len);	/* populated before iommufd pins it */
	return 0;
}

/* The huge range: a 2 MiB huge page if the kernel has them */
static int huge_alloc(void)
{
	struct stat st;

	if (!region_alloc(&huge, SZ_2M, 1)) {
		info("huge-2M: one 2 MiB huge page at %p", huge.va);
		return 0;
	}
	if (!stat("/sys/kernel/mm/hugepages/hugepages-2048kB", &st))
		return -1;
	info("huge-2M: the kernel has no 2 MiB huge pages: 2 MiB aligned anonymous memory");
	return region_alloc(&huge, SZ_2M, 0);
}

static int open_device(const char *pcidir)
{
	char path[512];
	struct dirent *de;
	DIR *dir;
	struct vfio_device_bind_iommufd bind = {
		.argsz = sizeof(bind),
	};

	snprintf(path, sizeof(path), "%s/vfio-dev", pcidir);
	dir = opendir(path);
	if (!dir)
		return because("%s: %s (not bound to vfio-pci?)", path, strerror(errno));
	while ((de = readdir(dir)) && strncmp(de->d_name, "vfio", 4))
		;
	if (!de) {
		closedir(dir);
		return because("no vfioN in %s", path);
	}
	snprintf(path, sizeof(path), "/dev/vfio/devices/%s", de->d_name);
	closedir(dir);
	devfd = open(path, O_RDWR);
	if (devfd < 0)
		return because("open %s: %s", path, strerror(errno));
	iommufd = open("/dev/iommu", O_RDWR);
	if (iommufd < 0)
		return because("open /dev/iommu: %s", strerror(errno));
	bind.iommufd = iommufd;
	if (ioctl(devfd, VFIO_DEVICE_BIND_IOMMUFD, &bind))
		return because("VFIO_DEVICE_BIND_IOMMUFD: %s", strerror(errno));
	dev_id = bind.out_devid;
	info("%s bound to iommufd: dev_id %u", path, dev_id);
	return 0;
}

static u64 hw_caps;

static int hw_info(void)
{
	u64 data[64] = { 0 };
	struct iommu_hw_info hi = {
		.size = sizeof(hi),
		.dev_id = dev_id,
		.data_len = sizeof(data),
		.data_uptr = (uintptr_t)data,
	};

	if (ioctl(iommufd, IOMMU_GET_HW_INFO, &hi))
		return because("IOMMU_GET_HW_INFO: %s", strerror(errno));
	hw_caps = hi.out_capabilities;
	info("IOMMU_GET_HW_INFO: type %u, data %u bytes, caps %#llx, max_pasid_log2 %u",
	     hi.out_data_type, hi.data_len,
	     (unsigned long long)hi.out_capabilities, hi.out_max_pasid_log2);
	if (hi.out_data_type == IOMMU_HW_INFO_TYPE_NONE && hi.data_len)
		return because("data type NONE with %u bytes of data", hi.data_len);
	return 0;
}

static int attach(u32 pt_id, u32 *out)
{
	struct vfio_device_attach_iommufd_pt at = {
		.argsz = sizeof(at),
		.pt_id = pt_id,
	};

	if (ioctl(devfd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at))
		return because("VFIO_DEVICE_ATTACH_IOMMUFD_PT %u: %s", pt_id,
			       strerror(errno));
	if (out)
		*out = at.pt_id;
	return 0;
}

static int ioas_setup(void)
{
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };
	u32 hwpt;

	if (ioctl(iommufd, IOMMU_IOAS_ALLOC, &alloc))
		return because("IOMMU_IOAS_ALLOC: %s", strerror(errno));
	ioas_id = alloc.out_ioas_id;
	if (region_alloc(&low, SMALL_PAGES * pg, 0) ||
	    region_alloc(&high, SMALL_PAGES * pg, 0) || huge_alloc())
		return -1;
	if (ioas_map(&low) || ioas_map(&high) || ioas_map(&huge))
		return -1;
	if (attach(ioas_id, &hwpt))
		return -1;
	info("IOAS %u: low %#llx, above-4G %#llx, huge-2M %#llx; attached, automatic hwpt %u",
	     ioas_id, (unsigned long long)low.iova,
	     (unsigned long long)high.iova, (unsigned long long)huge.iova, hwpt);
	return 0;
}

static int region_info(unsigned int index, struct vfio_region_info *ri)
{
	memset(ri, 0, sizeof(*ri));
	ri->argsz = sizeof(*ri);
	ri->index = index;
	if (ioctl(devfd, VFIO_DEVICE_GET_REGION_INFO, ri))
		return because("VFIO_DEVICE_GET_REGION_INFO %u: %s", index,
			       strerror(errno));
	return 0;
}

/* BAR0 mapped, memory decoding and bus mastering on, edu's ID read back */
static int bar_setup(void)
{
	struct vfio_region_info ri;
	u16 cmd;
	void *p;

	if (region_info(VFIO_PCI_CONFIG_REGION_INDEX, &ri))
		return -1;
	if (pread(devfd, &cmd, 2, ri.offset + PCI_COMMAND) != 2)
		return because("config read: %s", strerror(errno));
	cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	if (pwrite(devfd, &cmd, 2, ri.offset + PCI_COMMAND) != 2)
		return because("config write: %s", strerror(errno));

	if (region_info(VFIO_PCI_BAR0_REGION_INDEX, &ri))
		return -1;
	if (!(ri.flags & VFIO_REGION_INFO_FLAG_MMAP))
		return because("BAR0 cannot be mmapped (flags %#x)", ri.flags);
	p = mmap(NULL, ri.size, PROT_READ | PROT_WRITE, MAP_SHARED, devfd,
		 ri.offset);
	if (p == MAP_FAILED)
		return because("mmap of BAR0: %s", strerror(errno));
	bar0 = p;
	bar0_size = ri.size;
	if (bar_read32(EDU_REG_ID) != EDU_ID_VALUE)
		return because("BAR0 ID register reads %#x", bar_read32(EDU_REG_ID));
	info("BAR0: %llu bytes mmapped; ID %#x", (unsigned long long)ri.size,
	     EDU_ID_VALUE);
	return 0;
}

/* Every mapped region, device reads and writes, pages and blocks */
static int dma_all(unsigned int seed)
{
	if (low.mapped && roundtrip(&low, straddle(&low, 0), &low,
				    straddle(&low, 2), seed))
		return -1;
	if (roundtrip(&high, straddle(&high, 0), &high, straddle(&high, 2),
		      seed + 1))
		return -1;
	/* From the first pages of the block to its last ones, and back */
	if (roundtrip(&huge, straddle(&huge, 0), &huge, huge.len - pg - XFER / 2,
		      seed + 2) ||
	    roundtrip(&huge, huge.len - pg - XFER / 2, &high, straddle(&high, 1),
		      seed + 3))
		return -1;
	return 0;
}

/* After a faulting copy: @kfd's log has the driver's fault report */
static int expect_faults(int kfd, const char *what)
{
	if (!kmsg_faults(kfd, FAULT_WAIT_MS))
		return because("%s: no \"%s\" in the kernel log", what, fault_text);
	return 0;
}

/*
 * The device writes to the unmapped low range: a fault, and the sentinel
 * the write would have hit stays as it was.
 */
static int write_to_unmapped(void)
{
	size_t off = straddle(&low, 1);
	unsigned char sentinel[XFER];
	int kfd, ret;
	size_t i;

	fill(high.va + straddle(&high, 0), XFER, 7);
	if (edu_dma(high.iova + straddle(&high, 0), 0))
		return -1;
	fill(low.va + off, XFER, 7);
	for (i = 0; i < XFER; i++)
		low.va[off + i] |= 0x80;
	memcpy(sentinel, low.va + off, XFER);
	wait_log_window();
	kfd = kmsg_open();
	if (kfd < 0)
		return because("open /dev/kmsg: %s", strerror(errno));
	ret = edu_dma(low.iova + off, 1);
	if (!ret && memcmp(sentinel, low.va + off, XFER))
		ret = because("DMA to unmapped IOVA %#llx reached the memory behind it",
			      (unsigned long long)(low.iova + off));
	if (!ret)
		ret = expect_faults(kfd, "write to unmapped IOVA");
	last_fault_ms = now_ms();
	close(kfd);
	return ret;
}

/*
 * The device reads from the unmapped low range: a fault, and its buffer
 * holds none of the bytes there (what it held before, or zeros).
 */
static int read_from_unmapped(void)
{
	size_t off = straddle(&low, 1), hoff = straddle(&high, 0);
	unsigned char *got = high.va + straddle(&high, 2);
	int kfd, ret, kept = 1, zero = 1;
	size_t i;

	fill(low.va + off, XFER, 13);
	for (i = 0; i < XFER; i++)
		low.va[off + i] |= 0x80;
	fill(high.va + hoff, XFER, 11);
	if (edu_dma(high.iova + hoff, 0))
		return -1;
	wait_log_window();
	kfd = kmsg_open();
	if (kfd < 0)
		return because("open /dev/kmsg: %s", strerror(errno));
	ret = edu_dma(low.iova + off, 0);
	if (!ret)
		ret = edu_dma(high.iova + straddle(&high, 2), 1);
	for (i = 0; !ret && i < XFER; i++) {
		if (got[i] == low.va[off + i])
			ret = because("edu's buffer has byte %zu of unmapped IOVA %#llx",
				      i, (unsigned long long)(low.iova + off));
		kept &= got[i] == high.va[hoff + i];
		zero &= !got[i];
	}
	if (!ret)
		ret = expect_faults(kfd, "read from unmapped IOVA");
	last_fault_ms = now_ms();
	close(kfd);
	if (!ret)
		info("read from unmapped IOVA: edu's buffer %s", kept ? "kept its bytes" :
		     zero ? "was zeroed" : "changed, not to those bytes");
	return ret;
}

static int hwpt_alloc(u32 flags, u32 *id)
{
	struct iommu_hwpt_alloc a = {
		.size = sizeof(a),
		.flags = flags,
		.dev_id = dev_id,
		.pt_id = ioas_id,
	};

	if (ioctl(iommufd, IOMMU_HWPT_ALLOC, &a))
		return -errno;
	*id = a.out_hwpt_id;
	return 0;
}

static int destroy(u32 id)
{
	struct iommu_destroy d = { .size = sizeof(d), .id = id };

	if (ioctl(iommufd, IOMMU_DESTROY, &d))
		return because("IOMMU_DESTROY %u: %s", id, strerror(errno));
	return 0;
}

static u32 user_hwpt;

static int hwpt_attach(void)
{
	int ret = hwpt_alloc(0, &user_hwpt);

	if (ret)
		return because("IOMMU_HWPT_ALLOC: %s", strerror(-ret));
	info("IOMMU_HWPT_ALLOC: hwpt %u", user_hwpt);
	return attach(user_hwpt, NULL);
}

/*
 * A flag the SMMU or the 6.12 core cannot honour: refused with @want, and
 * nothing left allocated. @can: the hardware reports it can (then it must
 * be honoured).
 */
static int hwpt_flag(const char *what, u32 flag, int can, int want)
{
	u32 id;
	int ret = hwpt_alloc(flag, &id);

	info("IOMMU_HWPT_ALLOC %s: %s", what, ret ? strerror(-ret) : "allocated");
	if (can) {
		if (ret)
			return because("%s refused (%s) though reported capable",
				       what, strerror(-ret));
		return destroy(id);
	}
	if (!ret) {
		destroy(id);
		return because("%s allocated, not refused", what);
	}
	if (ret != -want)
		return because("%s refused with %s, want %s", what,
			       strerror(-ret), strerror(want));
	return 0;
}

static int remap_low(void)
{
	unsigned int seed = 21;

	return ioas_map(&low) ||
	       roundtrip(&low, straddle(&low, 0), &high, straddle(&high, 2), seed) ||
	       roundtrip(&high, straddle(&high, 0), &low, straddle(&low, 2), seed + 1);
}

static int close_all(void)
{
	struct region *r[] = { &low, &high, &huge };
	unsigned int i;

	for (i = 0; i < 3; i++)
		if (r[i]->mapped && ioas_unmap(r[i]))
			return -1;
	munmap((void *)bar0, bar0_size);
	/* The device fd first: it holds the attachment to the hwpt */
	if (close(devfd))
		return because("close of the device: %s", strerror(errno));
	devfd = -1;
	if (destroy(user_hwpt) || destroy(ioas_id))
		return -1;
	if (close(iommufd))
		return because("close of /dev/iommu: %s", strerror(errno));
	iommufd = -1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s PCI-SYSFS-DIR FAULT-TEXT\n", argv[0]);
		return 2;
	}
	fault_text = argv[2];
	pg = sysconf(_SC_PAGESIZE);

	if (report("vfio_cdev_bound_to_iommufd", open_device(argv[1])) ||
	    report("iommu_get_hw_info", hw_info()) ||
	    report("ioas_fixed_iova_maps_attached", ioas_setup()) ||
	    report("bar0_mmapped", bar_setup()))
		goto out;
	if (report("user_dma_low_above4g_huge", dma_all(1)))
		goto out;
	if (report("ioas_unmap", ioas_unmap(&low)))
		goto out;
	report("unmapped_iova_write_faults_lands_nowhere", write_to_unmapped());
	report("unmapped_iova_read_faults_reads_nothing", read_from_unmapped());
	if (report("hwpt_alloc_attach", hwpt_attach()))
		goto out;
	report("hwpt_user_dma", dma_all(31));
	report("hwpt_remapped_iova_dma", remap_low());
	if (!report("hwpt_ioas_unmap", ioas_unmap(&low)))
		report("hwpt_unmapped_iova_write_faults_lands_nowhere",
		       write_to_unmapped());
	report("hwpt_dirty_tracking_refused_unless_capable",
	       hwpt_flag("DIRTY_TRACKING", IOMMU_HWPT_ALLOC_DIRTY_TRACKING,
			 !!(hw_caps & IOMMU_HW_CAP_DIRTY_TRACKING), EOPNOTSUPP));
	/* 6.12 has no nested domain type: a parent for one is no use */
	report("hwpt_nest_parent_refused",
	       hwpt_flag("NEST_PARENT", IOMMU_HWPT_ALLOC_NEST_PARENT, 0,
			 EOPNOTSUPP));
	report("closed", close_all());
	printf("# done\n");
out:
	return failures ? 1 : 0;
}
