// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software SMMUv3 model (test code): PCI functions behind the model SMMU.
 *
 * Theory of operation
 *
 * A model gets, on its first PCI master, a host bridge of its own: a root
 * bus in a PCI domain of its own, whose config accessors serve functions
 * kept in memory (struct model_pci_fn, one per slot, function 0). Each has
 * a PCI Express endpoint capability and, as the test asks, the ATS, PASID
 * and PRI extended capabilities, with the registers the PCI core writes
 * made writable. The PCI core enumerates them with its ordinary code, so
 * its own ATS, PASID and PRI support runs against them.
 *
 * A notifier on the PCI bus, of higher priority than the IOMMU core's,
 * gives each function of the model's bus a fwspec naming the model SMMU,
 * with StreamID = RID (as an "iommu-map" of identity would), before the
 * IOMMU core probes it on BUS_NOTIFY_ADD_DEVICE.
 *
 * Functions are added and removed under the PCI rescan/remove lock, as
 * hotplug does. No BARs, no interrupts: the model's transactions stand for
 * whatever DMA the function would do.
 *
 * What software enables in the ATS and PASID capabilities is what the
 * function does (model_pci_state()): it makes Translation Requests and
 * caches translations only with ATS enabled, tags them with a PASID only
 * with PASIDs enabled, and clearing ATS Enable empties its ATC. Config
 * writes take the model's lock, so the model reads a function's state
 * under it.
 */
#include <kunit/test.h>
#include <linux/acpi.h>
#include <linux/iommu.h>
#include <linux/pci.h>
#include <linux/platform_device.h>

#include "arm-smmu-v3-model-internal.h"

/* Config space, PCI Local Bus and PCIe Base specifications */
#define M_PCI_VENDOR		0x1234	/* QEMU's; no driver claims 0x5a5a */
#define M_PCI_DEVICE		0x5a5a
#define M_PCI_CLASS		0x088000	/* other system peripheral */
#define M_CAP_EXP		0x40
/* Extended capabilities: the first at 0x100 (PCIe 7.6.2), 16 bytes apart */
#define M_ECAP_BASE		0x100
#define M_ECAP_STRIDE		0x10

static void put16(u8 *cfg, unsigned int off, u16 v)
{
	cfg[off] = v;
	cfg[off + 1] = v >> 8;
}

static void put32(u8 *cfg, unsigned int off, u32 v)
{
	put16(cfg, off, v);
	put16(cfg, off + 2, v >> 16);
}

/* An extended capability header: ID, version 1, next */
static void put_ecap(u8 *cfg, unsigned int off, u16 id, unsigned int next)
{
	put32(cfg, off, id | (1 << 16) | (next << 20));
}

static void model_pci_build(struct model_pci_fn *fn,
			    const struct smmu_model_pci_cfg *c)
{
	u16 ecaps[3], n = 0, i;
	u8 *cfg = fn->cfg, *w = fn->wmask;

	memset(fn, 0, sizeof(*fn));
	fn->present = true;
	fn->rc_ats = c->rc_ats;
	fn->refetches = c->refetches;
	put16(cfg, PCI_VENDOR_ID, M_PCI_VENDOR);
	put16(cfg, PCI_DEVICE_ID, M_PCI_DEVICE);
	put16(cfg, PCI_STATUS, PCI_STATUS_CAP_LIST);
	put32(cfg, PCI_CLASS_REVISION, M_PCI_CLASS << 8);
	cfg[PCI_HEADER_TYPE] = PCI_HEADER_TYPE_NORMAL;
	cfg[PCI_CAPABILITY_LIST] = M_CAP_EXP;
	put16(w, PCI_COMMAND, 0x07ff);

	/*
	 * PCI Express, version 2: extended config space exists. A Root
	 * Complex Integrated Endpoint, since there is no root port above it,
	 * with End-End TLP Prefixes, which PASIDs travel in (the PCI core
	 * enables PASIDs only on such a path).
	 */
	cfg[M_CAP_EXP + PCI_CAP_LIST_ID] = PCI_CAP_ID_EXP;
	put16(cfg, M_CAP_EXP + PCI_EXP_FLAGS, 2 | (PCI_EXP_TYPE_RC_END << 4));
	if (!c->no_tlp_prefix)
		put32(cfg, M_CAP_EXP + PCI_EXP_DEVCAP2,
		      PCI_EXP_DEVCAP2_EE_PREFIX);
	put16(w, M_CAP_EXP + PCI_EXP_DEVCTL, 0xffff);

	if (c->ats)
		ecaps[n++] = PCI_EXT_CAP_ID_ATS;
	if (c->pasid_bits)
		ecaps[n++] = PCI_EXT_CAP_ID_PASID;
	if (c->pri)
		ecaps[n++] = PCI_EXT_CAP_ID_PRI;
	for (i = 0; i < n; i++) {
		unsigned int off = M_ECAP_BASE + i * M_ECAP_STRIDE;
		unsigned int next = i + 1 < n ? off + M_ECAP_STRIDE : 0;

		put_ecap(cfg, off, ecaps[i], next);
		switch (ecaps[i]) {
		case PCI_EXT_CAP_ID_ATS:
			fn->ats_cap = off;
			/* Queue depth 32 (0 means 32), page aligned requests */
			put16(cfg, off + PCI_ATS_CAP, PCI_ATS_CAP_PAGE_ALIGNED);
			put16(w, off + PCI_ATS_CTRL,
			      PCI_ATS_CTRL_ENABLE | PCI_ATS_CTRL_STU(0x1f));
			break;
		case PCI_EXT_CAP_ID_PASID:
			fn->pasid_cap = off;
			put16(cfg, off + PCI_PASID_CAP,
			      FIELD_PREP(PCI_PASID_CAP_WIDTH, c->pasid_bits) |
			      PCI_PASID_CAP_EXEC | PCI_PASID_CAP_PRIV);
			put16(w, off + PCI_PASID_CTRL, PCI_PASID_CTRL_ENABLE |
			      PCI_PASID_CTRL_EXEC | PCI_PASID_CTRL_PRIV);
			break;
		case PCI_EXT_CAP_ID_PRI:
			fn->pri_cap = off;
			/*
			 * Stopped until enabled; PASID in responses if PASID.
			 * RF and UPRGI are RW1C (model_pci_pri_write()), Reset
			 * reads as 0.
			 */
			put16(cfg, off + PCI_PRI_STATUS, PCI_PRI_STATUS_STOPPED |
			      (c->pasid_bits ? PCI_PRI_STATUS_PASID : 0));
			put32(cfg, off + PCI_PRI_MAX_REQ, M_PRI_CAPACITY);
			put16(w, off + PCI_PRI_CTRL,
			      PCI_PRI_CTRL_ENABLE | PCI_PRI_CTRL_RESET);
			put32(w, off + PCI_PRI_ALLOC_REQ, 0xffffffff);
			break;
		}
	}
}

static struct model_pci_fn *model_pci_fn(struct pci_bus *bus,
					 unsigned int devfn)
{
	struct smmu_model *m = bus->sysdata;

	if (bus->number || PCI_FUNC(devfn) || !m->pci_fns[PCI_SLOT(devfn)].present)
		return NULL;
	return &m->pci_fns[PCI_SLOT(devfn)];
}

static int model_pci_read(struct pci_bus *bus, unsigned int devfn, int where,
			  int size, u32 *val)
{
	struct model_pci_fn *fn = model_pci_fn(bus, devfn);
	int i;

	*val = ~0U;
	if (!fn)
		return PCIBIOS_DEVICE_NOT_FOUND;
	if (where + size > SZ_4K)
		return PCIBIOS_BAD_REGISTER_NUMBER;
	*val = 0;
	for (i = size - 1; i >= 0; i--)
		*val = (*val << 8) | fn->cfg[where + i];
	return PCIBIOS_SUCCESSFUL;
}

static u16 get16(const u8 *cfg, unsigned int off)
{
	return cfg[off] | (cfg[off + 1] << 8);
}

/* Called with the PCI core's config lock held, IRQs off */
static int model_pci_write(struct pci_bus *bus, unsigned int devfn, int where,
			   int size, u32 val)
{
	struct model_pci_fn *fn = model_pci_fn(bus, devfn);
	struct smmu_model *m = bus->sysdata;
	struct model_pci_state before, after;
	u32 v = val;
	int i;

	if (!fn)
		return PCIBIOS_DEVICE_NOT_FOUND;
	if (where + size > SZ_4K)
		return PCIBIOS_BAD_REGISTER_NUMBER;
	raw_spin_lock(&m->lock);
	model_pci_state(fn, &before);
	for (i = 0; i < size; i++, v >>= 8) {
		u8 w = fn->wmask[where + i];

		fn->cfg[where + i] = (fn->cfg[where + i] & ~w) | (v & w);
	}
	if (fn->pri_cap)
		model_pci_pri_write(m, fn, where, size, val, &before);
	model_pci_state(fn, &after);
	if (before.ats && !after.ats) {
		fn->ats_disables++;
		fn->atc_emptied = false;
		model_atc_flush(fn);
	}
	if (!before.ats && after.ats) {
		struct model_stream *st = model_stream(m, PCI_DEVID(bus->number,
							   devfn));

		if (st && st->ste.have)
			model_check_ats_order(m, st, NULL, st->ste.raw);
	}
	raw_spin_unlock(&m->lock);
	return PCIBIOS_SUCCESSFUL;
}

/* Under smmu_model.lock (config writes take it) */
void model_pci_state(const struct model_pci_fn *fn, struct model_pci_state *s)
{
	const u8 *cfg = fn->cfg;
	u16 ctrl;

	memset(s, 0, sizeof(*s));
	if (fn->ats_cap) {
		ctrl = get16(cfg, fn->ats_cap + PCI_ATS_CTRL);
		s->ats = ctrl & PCI_ATS_CTRL_ENABLE;
		/* PCIe ATS: the STU is 2^STU 4096-byte blocks */
		s->stu_shift = 12 + (ctrl & PCI_ATS_CTRL_STU(0x1f));
	}
	if (fn->pasid_cap) {
		ctrl = get16(cfg, fn->pasid_cap + PCI_PASID_CTRL);
		s->pasid = ctrl & PCI_PASID_CTRL_ENABLE;
		s->pasid_exec = s->pasid && (ctrl & PCI_PASID_CTRL_EXEC);
		s->pasid_priv = s->pasid && (ctrl & PCI_PASID_CTRL_PRIV);
	}
	if (fn->pri_cap) {
		s->pri = get16(cfg, fn->pri_cap + PCI_PRI_CTRL) &
			 PCI_PRI_CTRL_ENABLE;
		s->pri_alloc = get16(cfg, fn->pri_cap + PCI_PRI_ALLOC_REQ) |
			       get16(cfg, fn->pri_cap + PCI_PRI_ALLOC_REQ + 2) << 16;
		s->prg_pasid = get16(cfg, fn->pri_cap + PCI_PRI_STATUS) &
			       PCI_PRI_STATUS_PASID;
	}
}

static struct pci_ops smmu_model_pci_ops = {
	.read	= model_pci_read,
	.write	= model_pci_write,
};

/* StreamID = RID: the function's bus and devfn */
static u32 model_pci_sid(struct pci_dev *pdev)
{
	return pci_dev_id(pdev);
}

static int model_pci_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct smmu_model *m = container_of(nb, struct smmu_model, pci_nb);
	struct pci_dev *pdev = to_pci_dev(data);
	struct model_pci_fn *fn;
	u32 sid;

	if (action != BUS_NOTIFY_ADD_DEVICE || !m->pci_bridge ||
	    pci_find_host_bridge(pdev->bus) != m->pci_bridge)
		return NOTIFY_DONE;
	sid = model_pci_sid(pdev);
	/* No fwspec: the IOMMU core leaves the function alone, and the test fails */
	if (model_give_fwspec(m, &pdev->dev, &sid, 1))
		return NOTIFY_DONE;
	fn = model_pci_fn(pdev->bus, pdev->devfn);
	if (fn && fn->rc_ats)
		dev_iommu_fwspec_get(&pdev->dev)->flags |= IOMMU_FWSPEC_PCI_RC_ATS;
	return NOTIFY_OK;
}

static int model_pci_bridge_up(struct smmu_model *m)
{
	struct pci_host_bridge *bridge;
	int ret;

	m->pci_fns = kvcalloc(M_PCI_SLOTS, sizeof(*m->pci_fns), GFP_KERNEL);
	m->pci_host = platform_device_register_simple("smmu-model-pci", m->id,
						      NULL, 0);
	if (!m->pci_fns || IS_ERR(m->pci_host)) {
		if (IS_ERR(m->pci_host))
			m->pci_host = NULL;
		return -ENOMEM;
	}
	m->pci_nb.notifier_call = model_pci_notify;
	m->pci_nb.priority = 1;		/* before the IOMMU core's */
	ret = bus_register_notifier(&pci_bus_type, &m->pci_nb);
	if (ret)
		return ret;
	m->pci_nb_registered = true;

	bridge = pci_alloc_host_bridge(0);
	if (!bridge)
		return -ENOMEM;
	bridge->dev.parent = &m->pci_host->dev;
	bridge->sysdata = m;
	bridge->busnr = 0;
	bridge->ops = &smmu_model_pci_ops;
	m->pci_bridge = bridge;
	pci_lock_rescan_remove();
	ret = pci_scan_root_bus_bridge(bridge);
	if (!ret)
		pci_bus_add_devices(bridge->bus);
	pci_unlock_rescan_remove();
	if (ret) {
		m->pci_bridge = NULL;
		pci_free_host_bridge(bridge);
	}
	return ret;
}

static void smmu_model_pci_master_release(void *data)
{
	smmu_model_remove_master(data);
}

struct smmu_model_master *
smmu_model_add_pci_master(struct smmu_model *m,
			  const struct smmu_model_pci_cfg *cfg)
{
	struct kunit *test = m->test;
	struct smmu_model_master *mm;
	struct pci_dev *pdev;
	unsigned long flags;
	unsigned int slot;
	u32 sid;
	int ret;

	/* arm64 takes a host bridge's sysdata for ACPI's when ACPI is on */
	if (!acpi_disabled)
		kunit_skip(test, "a software PCI host bridge needs a device tree boot");
	if (!m->pci_bridge)
		KUNIT_ASSERT_EQ(test, model_pci_bridge_up(m), 0);
	for (slot = 0; slot < M_PCI_SLOTS && m->pci_fns[slot].present; slot++)
		;
	KUNIT_ASSERT_LT(test, slot, M_PCI_SLOTS);
	model_pci_build(&m->pci_fns[slot], cfg);
	sid = PCI_DEVID(m->pci_bridge->bus->number, PCI_DEVFN(slot, 0));
	mm = model_master_new(m, &sid, 1);
	raw_spin_lock_irqsave(&m->lock, flags);
	mm->streams[0].fn = &m->pci_fns[slot];
	raw_spin_unlock_irqrestore(&m->lock, flags);

	pci_lock_rescan_remove();
	pdev = pci_scan_single_device(m->pci_bridge->bus, PCI_DEVFN(slot, 0));
	if (pdev)
		pci_bus_add_devices(m->pci_bridge->bus);
	pci_unlock_rescan_remove();
	if (!pdev) {
		m->pci_fns[slot].present = false;
		model_master_forget(mm);
		KUNIT_FAIL_AND_ABORT(test, "the PCI core did not find slot %u", slot);
	}
	mm->pci = pdev;
	mm->dev = &pdev->dev;
	ret = kunit_add_action_or_reset(test, smmu_model_pci_master_release, mm);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return mm;
}

struct pci_dev *smmu_model_master_pci(struct smmu_model_master *mm)
{
	return mm->pci;
}

u16 smmu_model_pci_cfg_read16(struct smmu_model_master *mm, unsigned int off)
{
	struct model_pci_fn *fn = &mm->m->pci_fns[PCI_SLOT(mm->pci->devfn)];

	return get16(fn->cfg, off);
}

unsigned int smmu_model_pci_ats_disables(struct smmu_model_master *mm)
{
	return READ_ONCE(mm->m->pci_fns[PCI_SLOT(mm->pci->devfn)].ats_disables);
}

void model_pci_remove_fn(struct smmu_model_master *mm)
{
	unsigned int slot = PCI_SLOT(mm->pci->devfn);

	pci_stop_and_remove_bus_device_locked(mm->pci);
	mm->m->pci_fns[slot].present = false;
}

/* After every PCI master is gone: the bridge, the notifier, the parent */
void model_pci_release(struct smmu_model *m)
{
	if (m->pci_bridge) {
		pci_lock_rescan_remove();
		pci_stop_root_bus(m->pci_bridge->bus);
		pci_remove_root_bus(m->pci_bridge->bus);
		pci_unlock_rescan_remove();
		/* The reference pci_alloc_host_bridge() gave us */
		pci_free_host_bridge(m->pci_bridge);
		m->pci_bridge = NULL;
	}
	if (m->pci_nb_registered)
		bus_unregister_notifier(&pci_bus_type, &m->pci_nb);
	m->pci_nb_registered = false;
	if (m->pci_host)
		platform_device_unregister(m->pci_host);
	m->pci_host = NULL;
	kvfree(m->pci_fns);
	m->pci_fns = NULL;
}
