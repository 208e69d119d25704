// SPDX-License-Identifier: GPL-2.0
/*
 * diobench: O_DIRECT read throughput of a block device, one request in
 * flight, so each request pays the full DMA map/unmap cost of the IOMMU.
 *
 * usage: diobench DEVICE seq|rand BLOCK_BYTES SECONDS
 * prints: "<mode> <block> ops <n> MBps <x> iops <y>"
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long long ops = 0, state = 0x9e3779b97f4a7c15ULL;
	double start, elapsed, seconds;
	off_t size, blocks, off = 0;
	size_t bs;
	void *buf;
	int fd, rnd;

	if (argc != 5 || (strcmp(argv[2], "seq") && strcmp(argv[2], "rand"))) {
		fprintf(stderr, "usage: %s DEVICE seq|rand BLOCK_BYTES SECONDS\n", argv[0]);
		return 2;
	}
	rnd = !strcmp(argv[2], "rand");
	bs = strtoul(argv[3], NULL, 0);
	seconds = strtod(argv[4], NULL);
	fd = open(argv[1], O_RDONLY | O_DIRECT);
	if (fd < 0 || bs == 0 || bs % 4096 || posix_memalign(&buf, 4096, bs)) {
		perror(argv[1]);
		return 1;
	}
	size = lseek(fd, 0, SEEK_END);
	blocks = size / bs;
	if (blocks <= 0) {
		fprintf(stderr, "%s: smaller than one block\n", argv[1]);
		return 1;
	}

	start = now();
	do {
		if (rnd) {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			off = (off_t)(state % blocks) * bs;
		}
		if (pread(fd, buf, bs, off) != (ssize_t)bs) {
			perror("pread");
			return 1;
		}
		if (!rnd)
			off = (off + bs) % (blocks * bs);
		ops++;
	} while ((elapsed = now() - start) < seconds);

	printf("%s %zu ops %llu MBps %.2f iops %.0f\n", argv[2], bs, ops,
	       ops * bs / elapsed / 1e6, ops / elapsed);
	return 0;
}
