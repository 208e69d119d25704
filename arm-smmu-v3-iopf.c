// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 driver: I/O page faults, reported to the IOMMU core's IOPF
 * machinery (drivers/iommu/io-pgfault.c). Built with CONFIG_IOMMU_IOPF only.
 *
 * Theory of operation
 *
 * Owns: the SMMU's iopf queue (the core's, one per SMMU that can fault
 * recoverably), which masters can (stall, PRI), IOMMU_DEV_FEAT_IOPF, the
 * two ways a recoverable fault reaches the core, and the two ways it is
 * answered:
 *
 *   stall  a platform device with "dma-can-stall" on an SMMU with stall
 *          model 0 (IDR0.STALL_MODEL == 0b00). Its STEs leave S1STALLD
 *          clear and the CDs of fault-handling domains set CD.S, so a
 *          translation fault holds the transaction and records a stall
 *          event (IHI0070 3.12.2). The event thread hands the event here
 *          (arm_smmu_iopf_stall()), and the response is CMD_RESUME with the
 *          event's StreamID and STAG: Retry or Terminate (4.7.1).
 *   PRI    a PCI function with the PRI capability and ATS, on an SMMU with
 *          IDR0.PRI. Its Page Requests arrive in the PRI queue (8), which
 *          the PRI thread here reads; the response is CMD_PRI_RESP with the
 *          group's StreamID, PRGIndex and, when the function asks for it,
 *          its PASID (4.5.2, 8.3).
 *
 * Either way the fault becomes an IOMMU_FAULT_PAGE_REQ for
 * iommu_report_device_fault(), whose group handling (PRGs by PRGIndex,
 * LAST_PAGE) and handler dispatch are the core's. The core answers through
 * arm_smmu_page_response(), from the handler (at once or from a work
 * item), on its error paths, or when a device leaves the iopf queue.
 *
 * PCI PRI without pci_enable_pri(), which 6.12 does not export to modules:
 * arm_smmu_pri_enable() programs the capability (PCIe 6.0, 10.5) and keeps
 * the PCI core's view (pri_enabled, pri_reqs_alloc) as pci_enable_pri()
 * would, so that the exported pci_disable_pri() undoes it.
 *
 * Calls: the command queue, the IOMMU core's iopf functions. Called by:
 * probe (arm-smmu-v3.c), the event thread, probe_device and
 * release_device (arm-smmu-v3-domain.c), iommu_ops.
 *
 * Locking: the iopf lock (struct arm_smmu_device.iopf_lock) is a mutex
 * held by the event and PRI threads while they look a master up and
 * report its fault (iommu_report_device_fault() sleeps), and by whoever
 * turns a master's IOPF on or off; release_device takes it once more after
 * the master's StreamIDs are gone, so no thread still uses the master when
 * it is freed. Order: iommu group mutex -> iopf lock -> arm_smmu_asid_lock
 * -> command queue; the core's iopf queue and fault locks nest inside the
 * iopf lock. arm_smmu_page_response() takes no driver lock: the core calls
 * it under its own fault locks.
 * Documentation/iopf.rst has both paths, PRI enabling and overflow.
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/pci-ats.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "arm-smmu-v3.h"

/* PRI queue entries handled, and handed back, per pass */
#define ARM_SMMU_PRIQ_PASS		32

/*
 * Page requests a PCI function may have outstanding: the PRI queue is
 * shared among this many functions with room to spare. Each gets
 * 1/ARM_SMMU_PRI_SHARE of the queue, so that ARM_SMMU_PRI_SHARE / 2
 * functions with every request outstanding fill half of it, and the other
 * half is left for Stop Markers, which no credit covers (IHI0070 8), and
 * for functions beyond those. A queue can still overflow with more
 * functions busy at once; 8.1 then has the SMMU answer what it could not
 * queue, and arm_smmu_priq_overflow() recovers.
 */
#define ARM_SMMU_PRI_SHARE		32

/* The 6.12 core keeps the StreamID of a fault for the response here */
#define ARM_SMMU_IOPF_SID(f)		((f)->prm.private_data[0])

static void arm_smmu_iopf_free(void *data)
{
	iopf_queue_free(data);
}

/**
 * arm_smmu_iopf_init() - the iopf queue and the PRI queue of an SMMU
 * @smmu: the SMMU being probed; its features are known
 *
 * An SMMU that can stall (stall model 0) or has PRI gets an iopf queue;
 * one with PRI also gets its PRI queue, which reset then enables. One
 * that can do neither gets nothing and no master of it faults recoverably.
 *
 * Context: probe, may sleep. Everything is device-managed.
 * Return: 0 or -ENOMEM.
 */
int arm_smmu_iopf_init(struct arm_smmu_device *smmu)
{
	struct arm_smmu_priq *pq = &smmu->priq;
	bool pri = smmu->feat.pri && pq->q.shift;
	int ret;

	if (smmu->feat.stall_model != IDR0_STALL_MODEL_STALL && !pri)
		return 0;

	smmu->iopfq = iopf_queue_alloc(dev_name(smmu->dev));
	if (!smmu->iopfq)
		return -ENOMEM;
	ret = devm_add_action_or_reset(smmu->dev, arm_smmu_iopf_free,
				       smmu->iopfq);
	if (ret) {
		smmu->iopfq = NULL;
		return ret;
	}
	if (!pri)
		return 0;

	pq->batch = devm_kcalloc(smmu->dev, ARM_SMMU_PRIQ_PASS,
				 sizeof(*pq->batch), GFP_KERNEL);
	if (!pq->batch)
		return -ENOMEM;
	return arm_smmu_queue_alloc(smmu, &pq->q, PRIQ_ENT_DWORDS, smmu->page1,
				    ARM_SMMU_PRIQ_PROD, ARM_SMMU_PRIQ_CONS);
}

/* ------------------------------------------------------------------------
 * PCIe PRI capability (PCIe 6.0, 10.5; include/uapi/linux/pci_regs.h)
 */

#ifdef CONFIG_PCI_PRI
/* What pci_enable_pri() records, so that pci_disable_pri() agrees */
static void arm_smmu_pci_pri_set(struct pci_dev *pdev, u32 reqs)
{
	pdev->pri_reqs_alloc = reqs;
	pdev->pri_enabled = 1;
}

static bool arm_smmu_pci_pri_usable(struct pci_dev *pdev)
{
	/* A VF shares its PF's PRI, which its own driver owns: not here */
	return !pdev->is_virtfn && pdev->pri_cap && !pdev->pri_enabled;
}

static void arm_smmu_pci_pri_disable(struct pci_dev *pdev)
{
	pci_disable_pri(pdev);
}
#else
static void arm_smmu_pci_pri_set(struct pci_dev *pdev, u32 reqs)
{
}

static bool arm_smmu_pci_pri_usable(struct pci_dev *pdev)
{
	return false;
}

static void arm_smmu_pci_pri_disable(struct pci_dev *pdev)
{
}
#endif

static u16 arm_smmu_pci_pri_cap(struct pci_dev *pdev)
{
	return pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_PRI);
}

/*
 * PRI Enable for a function, as pci_enable_pri() would do it:
 *   1. Enable must be clear and Stopped set: no request of an earlier user
 *      is outstanding (10.5.2.3: Stopped is set once Enable is clear and
 *      every request has been answered);
 *   2. Reset, which is only defined while Enable is clear (10.5.2.2),
 *      clears the function's credit counter and pending request state;
 *   3. Outstanding Page Request Allocation (10.5.2.5), which may only
 *      change while Enable is clear: the function's capacity, bounded by
 *      its share of the PRI queue (ARM_SMMU_PRI_SHARE);
 *   4. Enable.
 * PRI Enable is independent of ATS Enable (10.5.2.2 has no ordering rule
 * between them; a function only asks for pages after a Translation
 * Completion denied it one, so nothing is requested before ATS is on).
 * The ATS layer (arm-smmu-v3-ats.c) may thus turn ATS on and off under an
 * enabled PRI, and PRI is enabled here whatever ATS is doing.
 */
static int arm_smmu_pri_enable(struct arm_smmu_master *master)
{
	struct pci_dev *pdev = to_pci_dev(master->dev);
	u32 share = (1U << master->smmu->priq.q.shift) / ARM_SMMU_PRI_SHARE;
	u16 pri = arm_smmu_pci_pri_cap(pdev), ctrl, status;
	u32 max, reqs;

	pci_read_config_word(pdev, pri + PCI_PRI_CTRL, &ctrl);
	pci_read_config_word(pdev, pri + PCI_PRI_STATUS, &status);
	if ((ctrl & PCI_PRI_CTRL_ENABLE) || !(status & PCI_PRI_STATUS_STOPPED)) {
		dev_err(master->dev, "PRI busy (control 0x%x status 0x%x): not enabled\n",
			ctrl, status);
		return -EBUSY;
	}
	pci_write_config_word(pdev, pri + PCI_PRI_CTRL, PCI_PRI_CTRL_RESET);
	pci_read_config_dword(pdev, pri + PCI_PRI_MAX_REQ, &max);
	reqs = min(max, max(share, 1U));
	if (!reqs) {
		dev_err(master->dev, "PRI capacity 0: not enabled\n");
		return -ENODEV;
	}
	pci_write_config_dword(pdev, pri + PCI_PRI_ALLOC_REQ, reqs);
	pci_write_config_word(pdev, pri + PCI_PRI_CTRL, PCI_PRI_CTRL_ENABLE);
	arm_smmu_pci_pri_set(pdev, reqs);
	return 0;
}

/**
 * arm_smmu_iopf_master_probe() - can a master fault recoverably
 * @master: the master being probed; its ATS support is known
 *
 * Stall: a platform device that firmware says can wait
 * ("dma-can-stall"), on an SMMU with stall model 0. PRI: a PCI function
 * with the PRI capability (a PF: VFs share their PF's) and ATS, on an
 * SMMU whose PRI queue the driver runs. Neither is enabled here: that is
 * IOMMU_DEV_FEAT_IOPF.
 *
 * Context: probe_device, before any STE of @master is written.
 */
void arm_smmu_iopf_master_probe(struct arm_smmu_master *master)
{
	struct arm_smmu_device *smmu = master->smmu;
	struct device *dev = master->dev;
	struct pci_dev *pdev;
	u16 status;

	if (!smmu->iopfq)
		return;
	if (!dev_is_pci(dev)) {
		master->stall_capable =
			smmu->feat.stall_model == IDR0_STALL_MODEL_STALL &&
			device_property_read_bool(dev, "dma-can-stall");
		return;
	}
	pdev = to_pci_dev(dev);
	if (!smmu->priq.q.base || !master->ats_supported ||
	    !pci_pri_supported(pdev) || !arm_smmu_pci_pri_usable(pdev))
		return;
	master->pri_capable = true;
	pci_read_config_word(pdev, arm_smmu_pci_pri_cap(pdev) + PCI_PRI_STATUS,
			     &status);
	master->pri_needs_pasid = status & PCI_PRI_STATUS_PASID;
}

/* ------------------------------------------------------------------------
 * IOMMU_DEV_FEAT_IOPF
 */

/* A domain with an iopf handler is attached at the RID or at a PASID */
static bool arm_smmu_master_has_iopf_domain(struct arm_smmu_master *master)
{
	struct arm_smmu_attach *att;
	unsigned long pasid;

	lockdep_assert_held(&arm_smmu_asid_lock);
	if (master->domain && master->domain->iopf_handler)
		return true;
	xa_for_each(&master->pasids, pasid, att)
		if (att->domain->domain.iopf_handler)
			return true;
	return false;
}

/**
 * arm_smmu_master_enable_iopf() - IOMMU_DEV_FEAT_IOPF on
 * @master: the master
 *
 * Puts the master on its SMMU's iopf queue and, for a PCI function,
 * enables PRI in it (arm_smmu_pri_enable()). Domains with an iopf handler
 * attached from then on stall (CD.S) on a stall-capable master; one
 * attached before stays as it was installed.
 *
 * Context: process, may sleep; the device's driver serialises its calls.
 * Return: 0; -ENODEV when the master cannot fault recoverably; -EBUSY when
 * already enabled or PRI is busy in the function; -ENOMEM.
 */
int arm_smmu_master_enable_iopf(struct arm_smmu_master *master)
{
	struct arm_smmu_device *smmu = master->smmu;
	int ret;

	if (!master->stall_capable && !master->pri_capable)
		return -ENODEV;

	mutex_lock(&smmu->iopf_lock);
	if (master->iopf_enabled) {
		ret = -EBUSY;
		goto out_unlock;
	}
	ret = iopf_queue_add_device(smmu->iopfq, master->dev);
	if (ret)
		goto out_unlock;
	/*
	 * The ASID lock also serialises the PCI core's bit fields of the
	 * function (ats_enabled, pri_enabled share a word), which the ATS
	 * layer writes under it.
	 */
	mutex_lock(&arm_smmu_asid_lock);
	if (master->pri_capable)
		ret = arm_smmu_pri_enable(master);
	if (!ret) {
		master->pri_enabled = master->pri_capable;
		master->iopf_enabled = true;
	}
	mutex_unlock(&arm_smmu_asid_lock);
	if (ret)
		iopf_queue_remove_device(smmu->iopfq, master->dev);
out_unlock:
	mutex_unlock(&smmu->iopf_lock);
	return ret;
}

/*
 * IOPF off, in the order io-pgfault.c asks for: no new fault is reported
 * (@iopf_enabled is clear and the threads check it under the iopf lock,
 * which is held here, so none is mid-report), then the core answers what
 * is still pending (Invalid Request / Terminate) and forgets the device,
 * then PRI Enable is cleared in the function. Page requests still in the
 * PRI queue are answered by the PRI thread with Response Failure.
 */
static void arm_smmu_master_iopf_off(struct arm_smmu_master *master)
{
	lockdep_assert_held(&master->smmu->iopf_lock);
	iopf_queue_remove_device(master->smmu->iopfq, master->dev);
	mutex_lock(&arm_smmu_asid_lock);
	if (master->pri_enabled)
		arm_smmu_pci_pri_disable(to_pci_dev(master->dev));
	master->pri_enabled = false;
	mutex_unlock(&arm_smmu_asid_lock);
}

/**
 * arm_smmu_master_disable_iopf() - IOMMU_DEV_FEAT_IOPF off
 * @master: the master
 *
 * Context: process, may sleep.
 * Return: 0; -EBUSY while a domain with an iopf handler is attached at the
 * RID or a PASID; -EINVAL when IOPF is not enabled.
 */
int arm_smmu_master_disable_iopf(struct arm_smmu_master *master)
{
	struct arm_smmu_device *smmu = master->smmu;
	int ret = 0;

	mutex_lock(&smmu->iopf_lock);
	if (!master->iopf_enabled) {
		ret = -EINVAL;
		goto out_unlock;
	}
	mutex_lock(&arm_smmu_asid_lock);
	/* Its CDs may stall: the handler must go first (iommu.h) */
	if (arm_smmu_master_has_iopf_domain(master))
		ret = -EBUSY;
	else
		master->iopf_enabled = false;
	mutex_unlock(&arm_smmu_asid_lock);
	if (!ret)
		arm_smmu_master_iopf_off(master);
out_unlock:
	mutex_unlock(&smmu->iopf_lock);
	return ret;
}

/**
 * arm_smmu_iopf_master_release() - IOPF off for a master going away
 * @master: the master; release_device has detached its domains
 *
 * Context: release_device (iommu group mutex held).
 */
void arm_smmu_iopf_master_release(struct arm_smmu_master *master)
{
	struct arm_smmu_device *smmu = master->smmu;

	if (!smmu->iopfq)
		return;
	mutex_lock(&smmu->iopf_lock);
	if (master->iopf_enabled) {
		mutex_lock(&arm_smmu_asid_lock);
		master->iopf_enabled = false;
		mutex_unlock(&arm_smmu_asid_lock);
		arm_smmu_master_iopf_off(master);
	}
	mutex_unlock(&smmu->iopf_lock);
}

/**
 * arm_smmu_iopf_sync() - wait for the fault threads to let go of masters
 * @smmu: the SMMU
 *
 * The event and PRI threads look masters up in the streams xarray and
 * use them only under the iopf lock. Once a master's StreamIDs are erased
 * no thread can find it again; taking the lock once waits out a thread
 * that found it before.
 *
 * Context: process, no driver lock held.
 */
void arm_smmu_iopf_sync(struct arm_smmu_device *smmu)
{
	if (!smmu->iopfq)
		return;
	mutex_lock(&smmu->iopf_lock);
	mutex_unlock(&smmu->iopf_lock);
}

/**
 * arm_smmu_iopf_flush() - no fault of a detached domain outlives it
 * @master: the master
 * @domain: the domain just taken off one of @master's PASIDs, whose CD is
 *	    invalid: no new stall or fault can name it
 *
 * The IOPF core's contract (iopf_queue_flush_dev()): before a PASID is
 * released, the driver lets go of the faults its own threads hold, then
 * the core's queue finishes the ones handed to it, which still point at
 * the attach handle the core is about to free. Taking the iopf lock waits
 * out a fault thread between its lookup and its report; holding it keeps
 * the master on the iopf queue while the core's queue is flushed.
 *
 * Context: process, no driver lock held (after the PASID's teardown).
 */
void arm_smmu_iopf_flush(struct arm_smmu_master *master,
			 struct iommu_domain *domain)
{
	struct arm_smmu_device *smmu = master->smmu;

	if (!domain->iopf_handler || !smmu->iopfq)
		return;
	mutex_lock(&smmu->iopf_lock);
	if (master->iopf_enabled)
		iopf_queue_flush_dev(master->dev);
	mutex_unlock(&smmu->iopf_lock);
}

/* The master of @sid whose faults the core takes, or NULL */
static struct arm_smmu_master *arm_smmu_iopf_master(struct arm_smmu_device *smmu,
						    u32 sid)
{
	struct arm_smmu_master *master;

	lockdep_assert_held(&smmu->iopf_lock);
	master = xa_load(&smmu->streams, sid);
	return master && master->iopf_enabled ? master : NULL;
}

/* ------------------------------------------------------------------------
 * Stalls (IHI0070 3.12.2, 7.3)
 */

/**
 * arm_smmu_iopf_stall() - report a stalled transaction as a page request
 * @smmu: the SMMU
 * @evt: a decoded event with Stall == 1
 *
 * Only translation-related faults of stage 1 stall (7.3.10-7.3.13:
 * F_TRANSLATION, F_ADDR_SIZE, F_ACCESS, F_PERMISSION; stage 2 stalls
 * only with STE.S2S, which the driver sets only where stalls are forced
 * and no iopf queue exists). The request is one page, the last of its
 * group, whose index is the STAG, so the core answers each stall on its
 * own; the response is arm_smmu_page_response().
 *
 * Context: the event thread, may sleep.
 * Return: true when the core took the stall (and will answer it), false
 * when the caller must terminate it: unknown StreamID, IOPF not enabled,
 * not a fault that stalls on this master.
 */
bool arm_smmu_iopf_stall(struct arm_smmu_device *smmu,
			 const struct arm_smmu_event *evt)
{
	struct arm_smmu_master *master;
	struct iopf_fault iopf = {};
	struct iommu_fault_page_request *prm = &iopf.fault.prm;

	switch (evt->id) {
	case EVT_ID_F_TRANSLATION:
	case EVT_ID_F_ADDR_SIZE:
	case EVT_ID_F_ACCESS:
	case EVT_ID_F_PERMISSION:
		break;
	default:
		return false;
	}
	if (!smmu->iopfq || evt->s2)
		return false;

	iopf.fault.type = IOMMU_FAULT_PAGE_REQ;
	prm->flags = IOMMU_FAULT_PAGE_REQUEST_LAST_PAGE;
	if (evt->ssv) {
		prm->flags |= IOMMU_FAULT_PAGE_REQUEST_PASID_VALID;
		prm->pasid = evt->ssid;
	}
	prm->grpid = evt->stag;
	prm->perm = (evt->read ? IOMMU_FAULT_PERM_READ : IOMMU_FAULT_PERM_WRITE) |
		    (evt->exec ? IOMMU_FAULT_PERM_EXEC : 0) |
		    (evt->priv ? IOMMU_FAULT_PERM_PRIV : 0);
	prm->addr = evt->addr;
	ARM_SMMU_IOPF_SID(&iopf.fault) = evt->sid;

	mutex_lock(&smmu->iopf_lock);
	master = arm_smmu_iopf_master(smmu, evt->sid);
	if (master && !master->stall_capable)
		master = NULL;
	/* On failure the core has answered through page_response already */
	if (master)
		iommu_report_device_fault(master->dev, &iopf);
	mutex_unlock(&smmu->iopf_lock);
	return !!master;
}

/* ------------------------------------------------------------------------
 * Responses
 */

/* IHI0070 8.3: iommu_page_response_code to CMD_PRI_RESP.Resp */
static u8 arm_smmu_pri_resp_code(u32 code)
{
	switch (code) {
	case IOMMU_PAGE_RESP_SUCCESS:
		return PRI_RESP_SUCCESS;
	case IOMMU_PAGE_RESP_INVALID:
		return PRI_RESP_INVALID;
	default:
		return PRI_RESP_FAILURE;
	}
}

/**
 * arm_smmu_page_response() - iommu_ops.page_response
 * @dev: the device whose fault is answered
 * @evt: the last fault of the group, as reported
 * @msg: the response
 *
 * A stall is resumed, with the StreamID and STAG of its event: Retry for
 * success, Terminate with an abort otherwise (IHI0070 4.7.1). A PRG gets a
 * CMD_PRI_RESP with its StreamID and PRGIndex, and its PASID when the
 * request had one and the function wants it back. Neither needs a
 * CMD_SYNC: both complete when consumed, and no completion is observable
 * anyway (4.7, CMD_SYNC).
 *
 * Context: any process context; the core holds its fault locks.
 */
void arm_smmu_page_response(struct device *dev, struct iopf_fault *evt,
			    struct iommu_page_response *msg)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);
	const struct iommu_fault_page_request *prm = &evt->fault.prm;
	u32 sid = ARM_SMMU_IOPF_SID(&evt->fault);
	struct arm_smmu_cmd cmd;

	if (!master)
		return;
	if (master->stall_capable) {
		arm_smmu_cmd_resume(&cmd, sid, msg->grpid,
				    msg->code != IOMMU_PAGE_RESP_SUCCESS);
	} else if (master->pri_capable) {
		bool ssv = (prm->flags & IOMMU_FAULT_PAGE_RESPONSE_NEEDS_PASID) &&
			   (prm->flags & IOMMU_FAULT_PAGE_REQUEST_PASID_VALID);

		arm_smmu_cmd_pri_resp(&cmd, sid, msg->pasid, ssv, msg->grpid,
				      arm_smmu_pri_resp_code(msg->code));
	} else {
		return;
	}
	arm_smmu_cmdq_issue(master->smmu, &cmd, 1, false);
}

/* ------------------------------------------------------------------------
 * The PRI queue (IHI0070 8)
 */

/* A request nobody takes: answer its group at once, if this is its end */
static void arm_smmu_pri_refuse(struct arm_smmu_device *smmu,
				struct arm_smmu_master *master, u32 sid,
				const struct iopf_fault *iopf)
{
	const struct iommu_fault_page_request *prm = &iopf->fault.prm;
	bool ssv = master && master->pri_needs_pasid &&
		   (prm->flags & IOMMU_FAULT_PAGE_REQUEST_PASID_VALID);
	struct arm_smmu_cmd cmd;

	if (!(prm->flags & IOMMU_FAULT_PAGE_REQUEST_LAST_PAGE))
		return;
	dev_err_ratelimited(smmu->dev, "page request from StreamID 0x%x (%s) without IOPF: Response Failure\n",
			    sid, master ? dev_name(master->dev) : "unknown device");
	arm_smmu_cmd_pri_resp(&cmd, sid, prm->pasid, ssv, prm->grpid,
			      PRI_RESP_FAILURE);
	arm_smmu_cmdq_issue(smmu, &cmd, 1, false);
}

/*
 * One PRI queue entry: a Page Request, or a Stop Marker to discard.
 * Context: the PRI thread, the iopf lock held.
 */
static void arm_smmu_pri_handle(struct arm_smmu_device *smmu,
				const __le64 *ent)
{
	u64 w0 = le64_to_cpu(ent[0]), w1 = le64_to_cpu(ent[1]);
	u32 sid = FIELD_GET(PRIQ_0_SID, w0);
	bool ssv = w0 & PRIQ_0_SSV, last = w0 & PRIQ_0_LAST;
	bool read = w0 & PRIQ_0_READ, write = w0 & PRIQ_0_WRITE;
	struct iopf_fault iopf = {};
	struct iommu_fault_page_request *prm = &iopf.fault.prm;
	struct arm_smmu_master *master;

	/*
	 * IHI0070 8: L, W, R == 0b100 with a PASID is a Stop Marker, which
	 * wants no response and which the core does not take; without a
	 * PASID it is an ordinary request.
	 */
	if (ssv && last && !write && !read)
		return;

	iopf.fault.type = IOMMU_FAULT_PAGE_REQ;
	if (last)
		prm->flags |= IOMMU_FAULT_PAGE_REQUEST_LAST_PAGE;
	if (ssv) {
		prm->flags |= IOMMU_FAULT_PAGE_REQUEST_PASID_VALID;
		prm->pasid = FIELD_GET(PRIQ_0_SSID, w0);
	}
	prm->grpid = FIELD_GET(PRIQ_1_PRGI, w1);
	prm->perm = (read ? IOMMU_FAULT_PERM_READ : 0) |
		    (write ? IOMMU_FAULT_PERM_WRITE : 0) |
		    ((w0 & PRIQ_0_EXEC) ? IOMMU_FAULT_PERM_EXEC : 0) |
		    ((w0 & PRIQ_0_PRIV) ? IOMMU_FAULT_PERM_PRIV : 0);
	prm->addr = w1 & PRIQ_1_ADDR;
	ARM_SMMU_IOPF_SID(&iopf.fault) = sid;

	lockdep_assert_held(&smmu->iopf_lock);
	master = xa_load(&smmu->streams, sid);
	if (master && master->iopf_enabled && master->pri_capable) {
		if (ssv && master->pri_needs_pasid)
			prm->flags |= IOMMU_FAULT_PAGE_RESPONSE_NEEDS_PASID;
		/* On failure the core has answered through page_response */
		iommu_report_device_fault(master->dev, &iopf);
	} else {
		arm_smmu_pri_refuse(smmu, master, sid, &iopf);
	}
}

/* Copy up to a pass of entries out of the queue; advances *@cons */
static unsigned int arm_smmu_priq_fetch(struct arm_smmu_priq *pq, u32 prod,
					u32 *cons)
{
	struct arm_smmu_queue *q = &pq->q;
	unsigned int n;

	for (n = 0; n < ARM_SMMU_PRIQ_PASS &&
	     arm_smmu_q_used(q->shift, prod, *cons); n++) {
		memcpy(pq->batch[n], q->base + arm_smmu_q_idx(q->shift, *cons) *
		       PRIQ_ENT_DWORDS, sizeof(pq->batch[n]));
		*cons = (*cons & Q_OVERFLOW_FLAG) |
			arm_smmu_q_reg(q->shift,
				       (*cons & GENMASK(q->shift, 0)) + 1);
	}
	return n;
}

static void arm_smmu_priq_handle_batch(struct arm_smmu_device *smmu,
				       unsigned int n)
{
	unsigned int i;

	/* Once a pass: the masters found stay until it is done with them */
	mutex_lock(&smmu->iopf_lock);
	for (i = 0; i < n; i++)
		arm_smmu_pri_handle(smmu, smmu->priq.batch[i]);
	mutex_unlock(&smmu->iopf_lock);
}

/*
 * IHI0070 8.1: while an overflow is active nothing new is queued, and the
 * SMMU itself answers each lost request that ended a group. Handle what
 * the queue holds, then move CONS on and acknowledge the overflow in one
 * write. Groups whose last request was lost are known to the core only by
 * their first requests (its partial list): they were answered already,
 * so those are discarded (8.1.1).
 */
static u32 arm_smmu_priq_overflow(struct arm_smmu_device *smmu, u32 prod,
				  u32 cons)
{
	struct arm_smmu_priq *pq = &smmu->priq;
	unsigned int n;

	dev_err_ratelimited(smmu->dev, "PRI queue overflow: page requests lost; the SMMU answered the groups it could not queue\n");
	while ((n = arm_smmu_priq_fetch(pq, prod, &cons)))
		arm_smmu_priq_handle_batch(smmu, n);
	cons ^= Q_OVERFLOW_FLAG;
	/* Entries are read before the slots are handed back. */
	mb();
	writel_relaxed(cons, pq->q.cons_reg);
	iopf_queue_discard_partial(smmu->iopfq);
	return cons;
}

/**
 * arm_smmu_priq_thread() - the PRI queue's threaded interrupt handler
 * @irq: the interrupt
 * @cookie: the SMMU
 *
 * The only reader of the PRI queue. Entries are copied out a pass at a
 * time and their slots handed back (CONS) before any is answered: a
 * response returns a credit the function may spend at once, which must
 * find room (IHI0070 8).
 *
 * Context: IRQ thread, may sleep.
 * Return: IRQ_HANDLED when an entry or an overflow was seen.
 */
irqreturn_t arm_smmu_priq_thread(int irq, void *cookie)
{
	struct arm_smmu_device *smmu = cookie;
	struct arm_smmu_priq *pq = &smmu->priq;
	u32 cons = pq->cons, prod;
	bool handled = false;
	unsigned int n;

	for (;;) {
		prod = readl(pq->q.prod_reg);
		if ((prod ^ cons) & Q_OVERFLOW_FLAG) {
			cons = arm_smmu_priq_overflow(smmu, prod, cons);
			handled = true;
			cond_resched();
			continue;
		}
		n = arm_smmu_priq_fetch(pq, prod, &cons);
		if (!n)
			break;
		/* Entries are read before the slots are handed back. */
		mb();
		writel_relaxed(cons, pq->q.cons_reg);
		arm_smmu_priq_handle_batch(smmu, n);
		handled = true;
		cond_resched();
	}
	pq->cons = cons;
	return handled ? IRQ_HANDLED : IRQ_NONE;
}
