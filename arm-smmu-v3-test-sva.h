/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * The SVA suite's character device (test code): the interface between
 * arm-smmu-v3-test-sva.c, which acts as an SVA device driver for a master
 * of the software SMMU, and scripts/helpers/sva_client, the user program
 * whose address space the master uses. Shared by both sides.
 */
#ifndef _ARM_SMMU_V3_TEST_SVA_H
#define _ARM_SMMU_V3_TEST_SVA_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

#define SVA_TEST_DEV		"smmu-sva-test"

/* struct sva_test_dma.flags */
#define SVA_TEST_DMA_WRITE	_BITUL(0)	/* the device writes memory */
#define SVA_TEST_DMA_ATS	_BITUL(1)	/* Translated, through its ATC */
/* With _ATS: a miss that is not granted makes a PRI Page Request */
#define SVA_TEST_DMA_PRI	_BITUL(2)

/**
 * struct sva_test_dma - one DMA by the master at the bond's PASID
 * @addr: user address in the caller's address space
 * @len: bytes
 * @flags: SVA_TEST_DMA_*
 * @fill: write: the byte written; read: unused
 * @buf: read: where the bytes read go (the caller's own buffer)
 * @ret: 0 when every byte moved, else the model's -errno
 * @event: the fault's event type (IHI0070 7.3), 0 for none
 * @stalled: the transaction stalled before completing or being terminated
 * @page_requests: PRI page requests the function sent for it
 */
struct sva_test_dma {
	__u64	addr;
	__u64	len;
	__u32	flags;
	__u32	fill;
	__u64	buf;
	__s32	ret;
	__u32	event;
	__u32	stalled;
	__u32	page_requests;
};

/* Commands the SMMU consumed since the device was opened */
struct sva_test_counts {
	__u64	tlbi_va;
	__u64	tlbi_asid;
	__u64	atc_inv;
	__u64	sync;
};

/* Bind the caller's mm: returns the PASID (>= 0) or -1 with errno */
#define SVA_TEST_BIND		_IO('S', 1)
#define SVA_TEST_UNBIND		_IO('S', 2)
#define SVA_TEST_DMA		_IOWR('S', 3, struct sva_test_dma)
#define SVA_TEST_COUNTS		_IOR('S', 4, struct sva_test_counts)
/* Closing the device leaves the bond to the test (to check it after exit) */
#define SVA_TEST_KEEP		_IO('S', 5)
/* The ASID of the bond's domain */
#define SVA_TEST_ASID		_IO('S', 6)
/*
 * Hold the mm notifiers' grace period: the next blockable invalidation of
 * the caller's mm (by any of its threads) waits in a notifier of the
 * test's until SVA_TEST_HOLD_RELEASE. SVA_TEST_HOLD_WAIT returns once one
 * is waiting there.
 */
#define SVA_TEST_HOLD		_IO('S', 7)
#define SVA_TEST_HOLD_WAIT	_IO('S', 8)
#define SVA_TEST_HOLD_RELEASE	_IO('S', 9)
/* 1 when the SMMU's allocator could hand out ASID @arg now, else 0 */
#define SVA_TEST_ASID_FREE	_IO('S', 10)
/* Wait for the mm notifiers' pending grace periods and callbacks */
#define SVA_TEST_SYNC		_IO('S', 11)
/*
 * SVA_TEST_BIND with the @arg-th fault point of the bind failing (the
 * task's fail-nth): the PASID, with SVA_TEST_UNREACHED set when the bind
 * met fewer than @arg fault points; -1 with errno for a failed bind
 */
#define SVA_TEST_BIND_NTH	_IO('S', 12)
#define SVA_TEST_UNREACHED	_BITUL(30)

#endif /* _ARM_SMMU_V3_TEST_SVA_H */
