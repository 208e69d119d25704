// SPDX-License-Identifier: GPL-2.0
/*
 * failnth: one system call with its Nth allocation failed.
 *
 * usage: failnth N insmod MODULE.ko [PARAMS]
 *        failnth N write FILE STRING
 *
 * Opens what the call needs first, then writes N to
 * /proc/thread-self/fail-nth and makes the call from the same task:
 * finit_module() (loading and initialising the module, its probe
 * included), or write() of STRING to FILE (for a sysfs attribute,
 * everything its store method does). Exactly the Nth slab or page
 * allocation the call makes fails. fail-nth reads back 0 once the failure
 * has fired; anything else means the call made fewer than N allocations.
 *
 * exit: 0  the call succeeded, N was past the last allocation (the walk is
 *          complete)
 *       10 the injected failure fired and the call failed (errno printed)
 *       11 the injected failure fired and the call succeeded anyway
 *       1  the call failed with no injection, or a usage/system error
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int usage(const char *prog)
{
	fprintf(stderr, "usage: %s N insmod MODULE.ko [PARAMS]\n"
		"       %s N write FILE STRING\n", prog, prog);
	return 1;
}

int main(int argc, char **argv)
{
	int fd, nth, err, insmod;
	char buf[32];
	ssize_t len;
	long ret;

	if (argc < 4 || atoi(argv[1]) <= 0)
		return usage(argv[0]);
	insmod = !strcmp(argv[2], "insmod");
	if (insmod ? argc > 5 : strcmp(argv[2], "write") || argc != 5)
		return usage(argv[0]);
	/* Open everything first: only the call may see the failure. */
	fd = open(argv[3], (insmod ? O_RDONLY : O_WRONLY) | O_CLOEXEC);
	nth = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (fd < 0 || nth < 0) {
		perror(fd < 0 ? argv[3] : "fail-nth");
		return 1;
	}
	len = snprintf(buf, sizeof(buf), "%s", argv[1]);
	if (pwrite(nth, buf, len, 0) != len) {
		perror("fail-nth");
		return 1;
	}
	if (insmod)
		ret = syscall(SYS_finit_module, fd, argc > 4 ? argv[4] : "", 0);
	else
		ret = write(fd, argv[4], strlen(argv[4]));
	err = errno;
	len = pread(nth, buf, sizeof(buf) - 1, 0);
	if (pwrite(nth, "0", 1, 0) != 1 || len <= 0) {
		perror("fail-nth");
		return 1;
	}
	buf[len] = '\0';

	if (atoi(buf) != 0) {
		if (ret < 0) {
			fprintf(stderr, "%s failed with no injection: %s\n",
				argv[2], strerror(err));
			return 1;
		}
		return 0;
	}
	if (ret < 0) {
		printf("allocation %s failed: %s refused with %s\n", argv[1],
		       argv[2], strerror(err));
		return 10;
	}
	printf("allocation %s failed: %s succeeded anyway\n", argv[1], argv[2]);
	return 11;
}
