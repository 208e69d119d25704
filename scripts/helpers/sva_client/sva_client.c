// SPDX-License-Identifier: GPL-2.0
/*
 * sva_client: the user process of the SVA KUnit suite (arm-smmu-v3-test-sva.c).
 * It binds its own address space to a master of the software SMMU through
 * the suite's character device and has the master DMA to its buffers at
 * their user addresses, then changes its mappings the ways programs do and
 * checks what the device can still reach.
 *
 * usage: sva_client SCENARIO [ats|COUNT]
 *   present   touched pages: the device writes and reads them
 *   munmap    an unmapped page is refused; commands per munmap printed
 *   mprotect  a page made read-only refuses writes, still serves reads
 *   dontneed  a page dropped with MADV_DONTNEED is refused
 *   fork      COW-protected pages refuse writes; the child's copy is intact
 *   two       parent and child bound at once, on two PASIDs
 *   exit      bind, DMA, leave the bond to the suite and exit
 *   rebind    COUNT rounds of bind, DMA, unbind
 *   grace     unbind while an invalidation of the mm is in flight: the
 *             domain's ASID is released only after it
 *   failbind  each allocation of a bind fails in turn: -ENOMEM, and the
 *             next bind works (exit status 77: no allocation failed)
 *   fault     untouched, dropped, COW-shared and read-only pages: the
 *             device's faults are served (or refused) through the IOMMU
 *             core's IOPF handling; with "stall" or "pri"
 * "ats": DMA goes through the function's ATC (Translated); "pri": through
 * it, with PRI Page Requests for what is not granted; "stall": untranslated,
 * by a master whose faults stall.
 * Exit status 0 when every check held; what failed goes to /dev/kmsg.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arm-smmu-v3-test-sva.h"

#define EXIT_ADDR	((void *)0x40000000UL)	/* SVA_EXIT_ADDR */

static const char *scenario = "?";
static unsigned int dma_flags;
static size_t pg;

static void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n, fd;

	n = snprintf(buf, sizeof(buf), "sva_client %s[%d]: ", scenario,
		     (int)getpid());
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	fd = open("/dev/kmsg", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, buf, n > (int)sizeof(buf) ? (int)sizeof(buf) : n) < 0)
			n = 0;
		close(fd);
	}
}

#define fail(...) do { say(__VA_ARGS__); exit(1); } while (0)

static int dev_open(void)
{
	int fd = open("/dev/" SVA_TEST_DEV, O_RDWR);

	if (fd < 0)
		fail("open /dev/%s: %s\n", SVA_TEST_DEV, strerror(errno));
	return fd;
}

static int bind(int fd)
{
	int pasid = ioctl(fd, SVA_TEST_BIND);

	if (pasid < 0)
		fail("SVA_TEST_BIND: %s\n", strerror(errno));
	return pasid;
}

static void unbind(int fd)
{
	if (ioctl(fd, SVA_TEST_UNBIND))
		fail("SVA_TEST_UNBIND: %s\n", strerror(errno));
}

static struct sva_test_dma dma(int fd, void *addr, size_t len, int write,
			       int fill, void *out)
{
	struct sva_test_dma a = {
		.addr = (unsigned long)addr, .len = len,
		.flags = dma_flags | (write ? SVA_TEST_DMA_WRITE : 0),
		.fill = fill, .buf = (unsigned long)out,
	};

	if (ioctl(fd, SVA_TEST_DMA, &a))
		fail("DMA ioctl: %s\n", strerror(errno));
	return a;
}

static void expect_bytes(const void *p, size_t len, int val, const char *what)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != (unsigned char)val)
			fail("%s: byte %zu of %p is %#x, not %#x\n", what, i, p,
			     b[i], val);
}

static void write_ok(int fd, void *p, size_t len, int fill)
{
	struct sva_test_dma r = dma(fd, p, len, 1, fill, NULL);

	if (r.ret)
		fail("DMA write of %zu bytes at %p: %d (event %#x)\n", len, p,
		     r.ret, r.event);
	expect_bytes(p, len, fill, "after the DMA write");
}

static void read_ok(int fd, void *p, size_t len)
{
	void *out = malloc(len);
	struct sva_test_dma r;

	if (!out)
		fail("malloc\n");
	memset(out, 0, len);
	r = dma(fd, p, len, 0, 0, out);
	if (r.ret)
		fail("DMA read of %zu bytes at %p: %d (event %#x)\n", len, p,
		     r.ret, r.event);
	if (memcmp(out, p, len))
		fail("DMA read of %p returned other bytes than memory holds\n", p);
	free(out);
}

static void write_refused(int fd, void *p, size_t len, int fill)
{
	struct sva_test_dma r = dma(fd, p, len, 1, fill, NULL);

	if (!r.ret)
		fail("DMA write at %p went through\n", p);
}

static void read_refused(int fd, void *p, size_t len)
{
	void *out = malloc(len);
	struct sva_test_dma r;

	if (!out)
		fail("malloc\n");
	r = dma(fd, p, len, 0, 0, out);
	if (!r.ret)
		fail("DMA read at %p went through\n", p);
	free(out);
}

static void *map(size_t len, void *at)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	void *p;

	if (at)
		flags |= MAP_FIXED_NOREPLACE;
	p = mmap(at, len, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (p == MAP_FAILED)
		fail("mmap: %s\n", strerror(errno));
	return p;
}

static struct sva_test_counts counts(int fd)
{
	struct sva_test_counts c;

	if (ioctl(fd, SVA_TEST_COUNTS, &c))
		fail("SVA_TEST_COUNTS: %s\n", strerror(errno));
	return c;
}

/* munmap @len at @p and print the commands it cost */
static void unmap_counted(int fd, void *p, size_t len)
{
	struct sva_test_counts a = counts(fd), b;

	if (munmap(p, len))
		fail("munmap: %s\n", strerror(errno));
	b = counts(fd);
	say("munmap of %zu pages%s: TLBI_NH_VA %llu TLBI_NH_ASID %llu ATC_INV %llu CMD_SYNC %llu\n",
	    len / pg, dma_flags ? " (ATS)" : "",
	    (unsigned long long)(b.tlbi_va - a.tlbi_va),
	    (unsigned long long)(b.tlbi_asid - a.tlbi_asid),
	    (unsigned long long)(b.atc_inv - a.atc_inv),
	    (unsigned long long)(b.sync - a.sync));
}

static void do_present(void)
{
	int fd = dev_open();
	char *p = map(64 * pg, NULL);

	memset(p, 0x11, 64 * pg);
	bind(fd);
	/* Unaligned, across pages */
	write_ok(fd, p + 100, 3 * pg, 0xa5);
	expect_bytes(p, 100, 0x11, "before the DMA");
	expect_bytes(p + 100 + 3 * pg, 64 * pg - 100 - 3 * pg, 0x11,
		     "after the DMA");
	read_ok(fd, p, 64 * pg);
	write_ok(fd, p, 64 * pg, 0x5a);
	unbind(fd);
}

static void do_munmap(void)
{
	int fd = dev_open();
	char *p = map(2 * pg, NULL), *q = map(64 * pg, NULL);

	memset(p, 0x22, 2 * pg);
	memset(q, 0x23, 64 * pg);
	bind(fd);
	write_ok(fd, p, 2 * pg, 0x5a);
	write_ok(fd, q, 64 * pg, 0x5b);
	unmap_counted(fd, p, pg);
	write_refused(fd, p, pg, 0x5c);
	read_refused(fd, p, pg);
	/* Its neighbour is still mapped */
	write_ok(fd, p + pg, pg, 0x5d);
	unmap_counted(fd, p + pg, pg);
	write_refused(fd, p + pg, pg, 0x5e);
	unmap_counted(fd, q, 64 * pg);
	write_refused(fd, q + 63 * pg, pg, 0x5f);
	unbind(fd);
}

static void do_mprotect(void)
{
	int fd = dev_open();
	char *p = map(pg, NULL);

	memset(p, 0x33, pg);
	bind(fd);
	write_ok(fd, p, pg, 0x44);
	if (mprotect(p, pg, PROT_READ))
		fail("mprotect: %s\n", strerror(errno));
	write_refused(fd, p, pg, 0x55);
	expect_bytes(p, pg, 0x44, "read-only page");
	read_ok(fd, p, pg);
	unbind(fd);
}

static void do_dontneed(void)
{
	int fd = dev_open();
	char *p = map(pg, NULL);

	memset(p, 0x66, pg);
	bind(fd);
	read_ok(fd, p, pg);
	if (madvise(p, pg, MADV_DONTNEED))
		fail("madvise: %s\n", strerror(errno));
	read_refused(fd, p, pg);
	write_refused(fd, p, pg, 0x67);
	/* The CPU gets a fresh zeroed page, not the old one */
	expect_bytes(p, pg, 0, "after MADV_DONTNEED");
	unbind(fd);
}

/* The DMA needed the fault path (a stall or a page request) */
static void faulted_ok(int fd, void *p, size_t len, int write, int fill,
		       void *out)
{
	struct sva_test_dma r = dma(fd, p, len, write, fill, out);

	if (r.ret)
		fail("DMA %s of %zu bytes at %p with faults: %d (event %#x)\n",
		     write ? "write" : "read", len, p, r.ret, r.event);
	if (!r.stalled && !r.page_requests)
		fail("DMA at %p: no fault was taken\n", p);
}

static void wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid: %s\n", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		fail("child %d failed (status %#x)\n", (int)pid, status);
}

/*
 * Fork a child that shares @p copy-on-write: once released (cow_release()),
 * it checks that its copy of the page still holds @val, and exits
 */
static pid_t cow_child(int go[2], const void *p, int val, const char *what)
{
	pid_t pid;
	char c;

	if (pipe(go))
		fail("pipe\n");
	pid = fork();
	if (pid < 0)
		fail("fork: %s\n", strerror(errno));
	if (!pid) {
		if (read(go[0], &c, 1) != 1)
			fail("pipe read\n");
		expect_bytes(p, pg, val, what);
		exit(0);
	}
	return pid;
}

static void cow_release(int go[2], pid_t pid)
{
	if (write(go[1], "x", 1) != 1)
		fail("pipe write\n");
	wait_child(pid);
}

static void do_fork(void)
{
	int fd = dev_open(), go[2];
	char *p = map(pg, NULL);
	pid_t pid;

	memset(p, 0x77, pg);
	bind(fd);
	write_ok(fd, p, pg, 0x78);
	/* The child's copy must not see the parent's device */
	pid = cow_child(go, p, 0x78, "the child's copy");
	/* The page is shared copy-on-write now: the device may not write */
	write_refused(fd, p, pg, 0x79);
	expect_bytes(p, pg, 0x78, "COW-shared page");
	read_ok(fd, p, pg);
	/* The CPU's write gives the parent its own page: the device follows */
	p[0] = 0x78;
	write_ok(fd, p, pg, 0x7a);
	cow_release(go, pid);
	unbind(fd);
}

static void do_two(void)
{
	int fd = dev_open(), pasid = bind(fd), pp[2];
	char *p = map(pg, NULL);
	pid_t pid;
	int other;

	memset(p, 0x10, pg);
	if (pipe(pp))
		fail("pipe\n");
	pid = fork();
	if (pid < 0)
		fail("fork: %s\n", strerror(errno));
	if (!pid) {
		int fd2 = dev_open(), pasid2 = bind(fd2);

		if (write(pp[1], &pasid2, sizeof(pasid2)) != sizeof(pasid2))
			fail("pipe write\n");
		memset(p, 0x20, pg);
		write_ok(fd2, p, pg, 0x21);
		unbind(fd2);
		exit(0);
	}
	if (read(pp[0], &other, sizeof(other)) != sizeof(other))
		fail("pipe read\n");
	if (other == pasid)
		fail("parent and child share PASID %d\n", pasid);
	memset(p, 0x12, pg);
	write_ok(fd, p, pg, 0x13);
	wait_child(pid);
	/* The child's DMA went to its own copy */
	expect_bytes(p, pg, 0x13, "the parent's page");
	say("PASIDs %d and %d\n", pasid, other);
	unbind(fd);
}

static void do_fault(void)
{
	int fd = dev_open(), go[2];
	char *p = map(8 * pg, NULL), *out = malloc(2 * pg);
	pid_t pid;

	if (!out)
		fail("malloc\n");
	bind(fd);
	/* Never touched: the device's write faults each page in */
	faulted_ok(fd, p, 4 * pg, 1, 0x81, NULL);
	expect_bytes(p, 4 * pg, 0x81, "pages the device faulted in");
	/* A read of untouched pages sees zeros */
	memset(out, 0xff, 2 * pg);
	faulted_ok(fd, p + 4 * pg, 2 * pg, 0, 0, out);
	expect_bytes(out, 2 * pg, 0, "untouched pages read by the device");
	/* Dropped: the old page is gone, a zeroed one comes back */
	if (madvise(p, pg, MADV_DONTNEED))
		fail("madvise: %s\n", strerror(errno));
	memset(out, 0xff, pg);
	faulted_ok(fd, p, pg, 0, 0, out);
	expect_bytes(out, pg, 0, "a dropped page read by the device");
	/* Read-only: the fault cannot be served, the write is refused */
	if (mprotect(p + pg, pg, PROT_READ))
		fail("mprotect: %s\n", strerror(errno));
	write_refused(fd, p + pg, pg, 0x82);
	expect_bytes(p + pg, pg, 0x81, "a read-only page");
	/* Unmapped: refused */
	if (munmap(p + 2 * pg, pg))
		fail("munmap: %s\n", strerror(errno));
	write_refused(fd, p + 2 * pg, pg, 0x83);
	/* COW-shared with a child: the device's write breaks the sharing */
	pid = cow_child(go, p + 3 * pg, 0x81, "the child's copy");
	faulted_ok(fd, p + 3 * pg, pg, 1, 0x84, NULL);
	expect_bytes(p + 3 * pg, pg, 0x84, "the parent's page after the fault");
	cow_release(go, pid);
	unbind(fd);
	free(out);
}

static void do_exit(void)
{
	int fd = dev_open();
	char *p = map(pg, EXIT_ADDR);

	if (p != EXIT_ADDR)
		fail("mapped at %p\n", p);
	memset(p, 0x31, pg);
	bind(fd);
	write_ok(fd, p, 64, 0x32);
	if (ioctl(fd, SVA_TEST_KEEP))
		fail("keep: %s\n", strerror(errno));
	exit(0);	/* still bound */
}

static void do_rebind(int rounds)
{
	int fd = dev_open(), i;
	char *p = map(pg, NULL);

	memset(p, 0x40, pg);
	for (i = 0; i < rounds; i++) {
		bind(fd);
		write_ok(fd, p, 64, 0x41 + i);
		unbind(fd);
	}
}

static int go[2];

/* munmap @p once told to: its invalidation is the one held */
static void *unmap_thread(void *p)
{
	char c;

	if (read(go[0], &c, 1) != 1)
		fail("pipe read\n");
	if (munmap(p, pg))
		fail("munmap: %s\n", strerror(errno));
	return NULL;
}

static void do_grace(void)
{
	int fd = dev_open(), asid;
	char *p = map(pg, NULL), *q = map(pg, NULL);
	pthread_t t;

	memset(p, 0x50, pg);
	memset(q, 0x51, pg);
	bind(fd);
	write_ok(fd, p, 64, 0x52);
	asid = ioctl(fd, SVA_TEST_ASID);
	if (asid <= 0)
		fail("no ASID: %d\n", asid);
	/* Thread creation changes mappings too: before the hold */
	if (pipe(go) || pthread_create(&t, NULL, unmap_thread, q))
		fail("pipe or pthread_create\n");
	if (ioctl(fd, SVA_TEST_HOLD))
		fail("hold: %s\n", strerror(errno));
	if (write(go[1], "x", 1) != 1)
		fail("pipe write\n");
	if (ioctl(fd, SVA_TEST_HOLD_WAIT))
		fail("no invalidation started: %s\n", strerror(errno));
	/* A notifier callback is running: the domain must outlive it */
	unbind(fd);
	if (ioctl(fd, SVA_TEST_ASID_FREE, asid) != 0)
		fail("ASID %d released while a notifier callback runs\n", asid);
	if (ioctl(fd, SVA_TEST_HOLD_RELEASE))
		fail("release: %s\n", strerror(errno));
	pthread_join(t, NULL);
	if (ioctl(fd, SVA_TEST_SYNC))
		fail("sync: %s\n", strerror(errno));
	if (ioctl(fd, SVA_TEST_ASID_FREE, asid) != 1)
		fail("ASID %d not released after the grace period\n", asid);
}

static void do_failbind(void)
{
	int fd = dev_open(), n, r, failed = 0, reached_end = 0;
	char *p = map(pg, NULL);

	memset(p, 0x60, pg);
	for (n = 1; n <= 64; n++) {
		r = ioctl(fd, SVA_TEST_BIND_NTH, n);
		if (r < 0) {
			if (errno != ENOMEM)
				fail("bind failing allocation %d: %s\n", n,
				     strerror(errno));
			failed++;
			/* Nothing half-bound: a plain bind works */
			bind(fd);
		} else if (r & SVA_TEST_UNREACHED) {
			reached_end = 1;
		}
		write_ok(fd, p, 64, n);
		unbind(fd);
	}
	if (!reached_end)
		fail("a bind meets more than 64 fault points\n");
	say("%d of 64 binds failed\n", failed);
	if (!failed)
		exit(77);
}

int main(int argc, char **argv)
{
	const char *arg = argc > 2 ? argv[2] : "";

	if (argc < 2)
		return 2;
	scenario = argv[1];
	pg = sysconf(_SC_PAGESIZE);
	if (!strcmp(arg, "ats"))
		dma_flags = SVA_TEST_DMA_ATS;
	else if (!strcmp(arg, "pri"))
		dma_flags = SVA_TEST_DMA_ATS | SVA_TEST_DMA_PRI;

	if (!strcmp(scenario, "present"))
		do_present();
	else if (!strcmp(scenario, "munmap"))
		do_munmap();
	else if (!strcmp(scenario, "mprotect"))
		do_mprotect();
	else if (!strcmp(scenario, "dontneed"))
		do_dontneed();
	else if (!strcmp(scenario, "fork"))
		do_fork();
	else if (!strcmp(scenario, "two"))
		do_two();
	else if (!strcmp(scenario, "exit"))
		do_exit();
	else if (!strcmp(scenario, "rebind"))
		do_rebind(atoi(arg));
	else if (!strcmp(scenario, "grace"))
		do_grace();
	else if (!strcmp(scenario, "failbind"))
		do_failbind();
	else if (!strcmp(scenario, "fault"))
		do_fault();
	else
		fail("unknown scenario\n");
	say("ok\n");
	return 0;
}
