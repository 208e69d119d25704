// SPDX-License-Identifier: GPL-2.0
/*
 * failinsmod: load a module with its Nth allocation failed.
 *
 * usage: failinsmod N MODULE.ko [PARAMS]
 *
 * Writes N to /proc/thread-self/fail-nth and calls finit_module() from the
 * same task, so exactly the Nth slab or page allocation made while loading
 * and initialising the module (its probe included) fails. fail-nth reads
 * back 0 once the failure has fired; anything else means the load made
 * fewer than N allocations.
 *
 * exit: 0  loaded, N was past the last allocation (the walk is complete)
 *       10 the injected failure fired and the load failed (errno printed)
 *       11 the injected failure fired and the module loaded anyway
 *       1  the load failed with no injection, or a usage/system error
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[32];
	int mod, nth, ret, err;
	ssize_t len;

	if (argc < 3 || argc > 4 || atoi(argv[1]) <= 0) {
		fprintf(stderr, "usage: %s N MODULE.ko [PARAMS]\n", argv[0]);
		return 1;
	}
	/* Open everything first: only finit_module() may see the failure. */
	mod = open(argv[2], O_RDONLY | O_CLOEXEC);
	nth = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (mod < 0 || nth < 0) {
		perror(mod < 0 ? argv[2] : "fail-nth");
		return 1;
	}
	len = snprintf(buf, sizeof(buf), "%s", argv[1]);
	if (pwrite(nth, buf, len, 0) != len) {
		perror("fail-nth");
		return 1;
	}
	ret = syscall(SYS_finit_module, mod, argc > 3 ? argv[3] : "", 0);
	err = errno;
	len = pread(nth, buf, sizeof(buf) - 1, 0);
	if (pwrite(nth, "0", 1, 0) != 1 || len <= 0) {
		perror("fail-nth");
		return 1;
	}
	buf[len] = '\0';

	if (atoi(buf) != 0) {
		if (ret) {
			fprintf(stderr, "load failed with no injection: %s\n", strerror(err));
			return 1;
		}
		return 0;
	}
	if (ret) {
		printf("allocation %s failed: load refused with %s\n", argv[1], strerror(err));
		return 10;
	}
	printf("allocation %s failed: module loaded anyway\n", argv[1]);
	return 11;
}
