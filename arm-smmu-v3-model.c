// SPDX-License-Identifier: GPL-2.0-only
/*
 * Software SMMUv3 model (test code, built only into arm_smmu_v3_oot_test.ko).
 *
 * Theory of operation
 *
 * A model SMMU is a platform device ("arm-smmu-v3-model") whose two register
 * pages are ordinary memory. The model's own platform driver hands them to
 * the real driver's arm_smmu_probe_at(), so probe, reset, the queues and
 * every STE/CD write run the driver's ordinary code. The model reads the
 * architecture with arm-smmu-v3-model-spec.c, never with the driver's
 * definitions.
 *
 * Registers cannot trap, so an engine polls them: an hrtimer (hard IRQ
 * context) that acknowledges CR0, IRQ_CTRL and GBPA updates, resumes the
 * command queue when GERROR.CMDQ_ERR is acknowledged, consumes commands,
 * and delivers interrupts. It ticks every 10 us while there is work and
 * backs off to 200 us when idle. Handshake registers (CR0/CR0ACK,
 * IRQ_CTRL/ACK, GBPA.UPDATE) make the driver wait for the model, so the
 * model sees their changes one at a time, in order.
 *
 * Commands are consumed as IHI0070 4 describes. An illegal one stops the
 * queue with CONS.ERR = CERROR_ILL and GERROR.CMDQ_ERR (7.1). The effects
 * of invalidations are only guaranteed by a later CMD_SYNC (4.7.3), and the
 * model makes use of that freedom: consumed CFGI_*, TLBI_* and ATC_INV wait
 * in a pending list that CMD_SYNC applies. A driver that forgets a CMD_SYNC
 * keeps seeing stale configuration or translations.
 *
 * Transactions come from tests (smmu_model_dma()) on behalf of masters.
 * They look up a configuration cache (STEs by StreamID, CDs by StreamID
 * and SubstreamID) and a TLB (tagged by ASID/VMID, address and size),
 * walk the tables the driver wrote on a miss, and copy data from or to the
 * memory they translate to. Faults are recorded in the event queue as the
 * configuration asks, stall where it allows, and wait for CMD_RESUME.
 *
 * Checkers, run as commands take effect, record violations that tests
 * assert are absent (smmu_model_expect_clean()):
 *   - hitless: between two invalidations of an STE or CD, the SMMU may read
 *     any mixture of each qword's old and new value; every mixture must
 *     mean the configuration at the first or at the second (or nothing,
 *     V = 0, when one of them is invalid);
 *   - ASID/VMID: every live CD (STE) naming an ASID (VMID) names the same
 *     tables; an ID may name other tables only after a TLBI of it issued
 *     once nothing used the old ones;
 *   - CD 0 is not invalidated while its STE still sends traffic through it;
 *   - no bypass window: the driver never turns translation off while GBPA
 *     lets traffic bypass, nor GBPA to bypass while translation is off;
 *   - interrupts are requested only once SMMU_IRQ_CTRL no longer enables
 *     the interrupt from a previous configuration.
 *
 * Locking: one raw spinlock, m->lock, protects the model's state; the
 * engine and transactions take it with IRQs off. Interrupts are delivered
 * after it is dropped. Masters are added and removed in process context.
 */
#include <kunit/test.h>
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/dma-map-ops.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/mm.h>
#include <linux/msi.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

#include "arm-smmu-v3.h"	/* only the seam: struct arm_smmu_regs */
#include "arm-smmu-v3-model-internal.h"

/* ------------------------------------------------------------------------
 * Presets
 */

/* Every feature the driver supports (IHI0070 6.3.1-6.3.6 fields) */
const struct smmu_model_preset smmu_model_full = {
	.name = "full",
	.idr = {
		/*
		 * S2P S1P TTF=AArch64 COHACC BTM HTTU=HA+HD ATS ASID16 MSI SEV
		 * PRI VMID16 CD2L TTENDIAN=LE STALL_MODEL=0 TERM_MODEL=0
		 * ST_LEVEL=2-level
		 */
		BIT(0) | BIT(1) | (2 << 2) | BIT(4) | BIT(5) | (2 << 6) |
		BIT(10) | BIT(12) | BIT(13) | BIT(14) | BIT(16) | BIT(18) |
		BIT(19) | (2 << 21) | (0 << 24) | (1 << 27),
		/* SIDSIZE 16, SSIDSIZE 20, PRIQS 8, EVTQS 8, CMDQS 8 */
		16 | (20 << 6) | (8 << 11) | (8 << 16) | (8 << 21),
		0,
		/* IDR3: RIL, BBML 2 */
		BIT(10) | (2 << 11),
		0,
		/* IDR5: OAS 48 bits, 4K 16K 64K granules */
		5 | BIT(4) | BIT(5) | BIT(6),
	},
	.aidr = 0x2,	/* SMMUv3.2 */
	.coherent = true,
	.lines = SMMU_MODEL_LINES_SEPARATE,
};

/* QEMU 7.2 (platform-facts.md, read from the running model) */
const struct smmu_model_preset smmu_model_qemu = {
	.name = "qemu-7.2",
	.idr = { 0x0d40101a, 0x02730010, 0, 0x1404, 0, 0x74 },
	.aidr = 0x1,
	.coherent = true,
	.lines = SMMU_MODEL_LINES_SEPARATE,
};

/*
 * MMU-600: the features its TRM lists as implemented (both stages, AArch32
 * and AArch64 tables, coherent, BTM, HTTU, HYP, ATS, 16-bit ASID/VMID, MSI,
 * SEV, PRI, two-level CD and stream tables, mixed endian, stall supported;
 * SIDSIZE 24, SSIDSIZE 20, OAS 48, 4K and 64K granules), assembled field by
 * field, not a register dump.
 */
const struct smmu_model_preset smmu_model_mmu600 = {
	.name = "mmu-600",
	.idr = {
		0x0c0ff7bf,
		24 | (20 << 6) | (8 << 11) | (8 << 16) | (10 << 21),
		0, 0, 0, 0x55,
	},
	.aidr = 0x1,
	.coherent = true,
	.lines = SMMU_MODEL_LINES_SEPARATE,
};

/* MMU-700: as MMU-600, plus range invalidation, OAS 52, every granule */
const struct smmu_model_preset smmu_model_mmu700 = {
	.name = "mmu-700",
	.idr = {
		0x0c0ff7bf,
		32 | (20 << 6) | (10 << 11) | (10 << 16) | (12 << 21),
		0, BIT(10), 0, 0x76,
	},
	.aidr = 0x2,
	.coherent = true,
	.lines = SMMU_MODEL_LINES_SEPARATE,
};

static DEFINE_IDA(smmu_model_ida);

__printf(2, 3) void model_err(struct smmu_model *m, const char *fmt, ...)
{
	va_list args;

	if (m->violations++)
		return;
	va_start(args, fmt);
	vsnprintf(m->first_violation, sizeof(m->first_violation), fmt, args);
	va_end(args);
}

/* ------------------------------------------------------------------------
 * Memory as the model SMMU reaches it: physical addresses of RAM
 */

static bool model_pa_ok(u64 pa, size_t len)
{
	return len && pa + len > pa &&
	       pfn_valid(PHYS_PFN(pa)) && pfn_valid(PHYS_PFN(pa + len - 1));
}

int model_mem_read(struct smmu_model_mem *mem, u64 pa, void *buf,
		   size_t len)
{
	if (!model_pa_ok(pa, len))
		return -EFAULT;
	memcpy(buf, phys_to_virt(pa), len);
	return 0;
}

int model_mem_write(struct smmu_model_mem *mem, u64 pa,
		    const void *buf, size_t len)
{
	if (!model_pa_ok(pa, len))
		return -EFAULT;
	memcpy(phys_to_virt(pa), buf, len);
	return 0;
}

static int model_mem_cmpxchg64(struct smmu_model_mem *mem, u64 pa, u64 *old,
			       u64 new)
{
	u64 cur;

	if ((pa & 7) || !model_pa_ok(pa, 8))
		return -EFAULT;
	cur = cmpxchg64((u64 *)phys_to_virt(pa), *old, new);
	if (cur == *old)
		return 0;
	*old = cur;
	return -EAGAIN;
}

/* ------------------------------------------------------------------------
 * Interrupts: wired lines through a software irq domain
 */

static enum smmu_model_line model_route(struct smmu_model *m,
					enum smmu_model_line line)
{
	if ((m->preset.lines | m->preset.test_lines) & BIT(line))
		return line;
	if (line != SMMU_MODEL_LINE_CMDQ_SYNC &&
	    (m->preset.lines & BIT(SMMU_MODEL_LINE_COMBINED)))
		return SMMU_MODEL_LINE_COMBINED;
	return SMMU_MODEL_NR_LINES;
}

static int model_line_of(struct smmu_model *m, unsigned int virq)
{
	int i;

	for (i = 0; i < SMMU_MODEL_NR_LINES; i++)
		if (m->virq[i] == virq)
			return i;
	return -1;
}

static unsigned int model_irqen_of(enum smmu_model_line line)
{
	switch (line) {
	case SMMU_MODEL_LINE_EVTQ:	return M_IRQ_EVTQ;
	case SMMU_MODEL_LINE_PRIQ:	return M_IRQ_PRIQ;
	case SMMU_MODEL_LINE_GERROR:	return M_IRQ_GERROR;
	case SMMU_MODEL_LINE_COMBINED:
		return M_IRQ_EVTQ | M_IRQ_PRIQ | M_IRQ_GERROR;
	default:			return 0;
	}
}

/*
 * A driver that requests an interrupt while IRQ_CTRL still enables it from
 * a previous configuration can take a stale interrupt before it has reset
 * the queue the interrupt is about.
 */
static unsigned int model_irq_startup(struct irq_data *d)
{
	struct smmu_model *m = irq_data_get_irq_chip_data(d);
	int line = model_line_of(m, d->irq);
	unsigned long flags;

	raw_spin_lock_irqsave(&m->lock, flags);
	if (line >= 0) {
		if (rd0(m, M_IRQ_CTRL) & model_irqen_of(line))
			model_err(m, "interrupt %d requested while SMMU_IRQ_CTRL (0x%x) still enables it",
				  line, rd0(m, M_IRQ_CTRL));
		m->line_started[line] = true;
	}
	raw_spin_unlock_irqrestore(&m->lock, flags);
	return 0;
}

static void model_irq_shutdown(struct irq_data *d)
{
	struct smmu_model *m = irq_data_get_irq_chip_data(d);
	int line = model_line_of(m, d->irq);

	if (line >= 0)
		WRITE_ONCE(m->line_started[line], false);
}

static void model_irq_noop(struct irq_data *d)
{
}

static struct irq_chip smmu_model_irq_chip = {
	.name		= "smmu-model",
	.irq_startup	= model_irq_startup,
	.irq_shutdown	= model_irq_shutdown,
	.irq_mask	= model_irq_noop,
	.irq_unmask	= model_irq_noop,
	.flags		= IRQCHIP_SKIP_SET_WAKE,
};

static int model_irq_map(struct irq_domain *d, unsigned int virq,
			 irq_hw_number_t hw)
{
	irq_set_chip_data(virq, d->host_data);
	irq_set_chip_and_handler_name(virq, &smmu_model_irq_chip,
				      handle_simple_irq, "smmu-model");
	return 0;
}

static const struct irq_domain_ops smmu_model_irq_ops = {
	.map	= model_irq_map,
	.xlate	= irq_domain_xlate_onecell,
};

/* Assert @line (edge): delivered by model_deliver() once the lock is dropped */
static void model_raise(struct smmu_model *m, enum smmu_model_line line)
{
	line = model_route(m, line);
	if (line < SMMU_MODEL_NR_LINES)
		m->lines_pending |= BIT(line);
}

/* Called without m->lock */
void model_deliver(struct smmu_model *m, unsigned long lines,
		   unsigned long msis)
{
	int i;

	for_each_set_bit(i, &lines, SMMU_MODEL_NR_LINES) {
		if (!READ_ONCE(m->line_started[i]))
			continue;
		m->nr_irqs[i]++;
		generic_handle_irq_safe(m->virq[i]);
	}
	for_each_set_bit(i, &msis, M_NR_MSIS) {
		m->nr_msis++;
		generic_handle_domain_irq_safe(m->msi_domain, i);
	}
}

/*
 * IHI0070 6.3.16-18: an MSI is a 32-bit write of CFG1 to CFG0's address.
 * Written to the model's doorbell, it raises the interrupt its data names;
 * anywhere else it is a plain memory write, which a driver has no reason
 * to program while the model gave it an MSI controller.
 */
static bool model_msi(struct smmu_model *m, unsigned int cfg0, u32 abt_bit)
{
	u64 addr = rd0_64(m, cfg0) & M_IRQ_CFG0_ADDR;
	u32 data = rd0(m, cfg0 + 8);

	if (!(m->preset.idr[0] & M_IDR0_MSI) || !addr)
		return false;
	if (m->doorbell && addr == virt_to_phys(m->doorbell)) {
		if (data < M_NR_MSIS)
			m->msis_pending |= BIT(data);
		else
			model_err(m, "MSI data %u names no interrupt", data);
		return true;
	}
	if (m->msi_domain)
		model_err(m, "MSI written to 0x%llx, not to the doorbell", addr);
	if (model_mem_write(&m->mem, addr, &data, sizeof(data))) {
		u32 gerror = rd0(m, M_GERROR), gerrorn = rd0(m, M_GERRORN);

		if (!((gerror ^ gerrorn) & abt_bit))
			wr0(m, M_GERROR, gerror ^ abt_bit);
	}
	return true;
}

/* The interrupts of the model's MSI controller */
static void model_msi_compose(struct irq_data *d, struct msi_msg *msg)
{
	struct smmu_model *m = irq_data_get_irq_chip_data(d);
	u64 addr = virt_to_phys(m->doorbell);

	msg->address_hi = upper_32_bits(addr);
	msg->address_lo = lower_32_bits(addr);
	msg->data = d->hwirq;
}

/* Any CPU will do: the model raises MSIs from wherever it runs */
static int model_msi_set_affinity(struct irq_data *d,
				  const struct cpumask *mask, bool force)
{
	irq_data_update_effective_affinity(d, cpumask_of(cpumask_first(mask)));
	return IRQ_SET_MASK_OK_DONE;
}

static struct irq_chip smmu_model_msi_chip = {
	.name			= "smmu-model-msi",
	.irq_mask		= model_irq_noop,
	.irq_unmask		= model_irq_noop,
	.irq_ack		= model_irq_noop,
	.irq_compose_msi_msg	= model_msi_compose,
	.irq_set_affinity	= model_msi_set_affinity,
	.flags			= IRQCHIP_SKIP_SET_WAKE,
};

static void model_msi_free(struct irq_domain *d, unsigned int virq,
			   unsigned int nr)
{
	struct smmu_model *m = d->host_data;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_irq_data(d, virq + i);

		__clear_bit(data->hwirq, &m->msi_used);
		irq_domain_reset_irq_data(data);
	}
}

/* Called by the IRQ core under the domain's mutex */
static int model_msi_alloc(struct irq_domain *d, unsigned int virq,
			   unsigned int nr, void *arg)
{
	struct smmu_model *m = d->host_data;
	unsigned int i;

	if (m->preset.msi_error)
		return m->preset.msi_error;	/* the MSI core makes it -ENOSPC */
	for (i = 0; i < nr; i++) {
		unsigned long hw = find_first_zero_bit(&m->msi_used, M_NR_MSIS);

		if (hw >= M_NR_MSIS) {
			model_msi_free(d, virq, i);
			return -ENOSPC;
		}
		__set_bit(hw, &m->msi_used);
		irq_domain_set_info(d, virq + i, hw, &smmu_model_msi_chip, m,
				    handle_simple_irq, NULL, NULL);
	}
	return 0;
}

static const struct irq_domain_ops smmu_model_msi_ops = {
	.alloc	= model_msi_alloc,
	.free	= model_msi_free,
};

/*
 * The one kind of child the model's MSI controller has: a platform
 * device's MSI domain (DOMAIN_BUS_DEVICE_MSI), whose descriptors the core
 * manages and whose chip writes the messages through the device's own
 * callback (the driver's arm_smmu_write_msi_msg()).
 */
static bool model_msi_init_dev_info(struct device *dev,
				    struct irq_domain *domain,
				    struct irq_domain *real_parent,
				    struct msi_domain_info *info)
{
	if (info->bus_token != DOMAIN_BUS_DEVICE_MSI || info->flags)
		return false;
	info->flags = MSI_FLAG_ALLOC_SIMPLE_MSI_DESCS | MSI_FLAG_FREE_MSI_DESCS |
		      MSI_FLAG_USE_DEF_DOM_OPS | MSI_FLAG_USE_DEF_CHIP_OPS;
	return true;
}

static const struct msi_parent_ops smmu_model_msi_parent_ops = {
	.supported_flags	= MSI_GENERIC_FLAGS_MASK,
	.bus_select_token	= DOMAIN_BUS_NEXUS,
	.bus_select_mask	= BIT(DOMAIN_BUS_PLATFORM_MSI),
	.prefix			= "SMMU-MODEL-",
	.init_dev_msi_info	= model_msi_init_dev_info,
};

static int smmu_model_make_msi_domain(struct smmu_model *m)
{
	m->doorbell = (void *)get_zeroed_page(GFP_KERNEL);
	m->msi_fwnode = irq_domain_alloc_named_id_fwnode("smmu-model-msi",
							 m->id);
	if (!m->doorbell || !m->msi_fwnode)
		return -ENOMEM;
	m->msi_domain = irq_domain_create_linear(m->msi_fwnode, M_NR_MSIS,
						 &smmu_model_msi_ops, m);
	if (!m->msi_domain)
		return -ENOMEM;
	irq_domain_update_bus_token(m->msi_domain, DOMAIN_BUS_NEXUS);
	m->msi_domain->flags |= IRQ_DOMAIN_FLAG_MSI_PARENT;
	m->msi_domain->msi_parent_ops = &smmu_model_msi_parent_ops;
	return 0;
}

/*
 * A queue's interrupt (IRQ_CTRL bit @irqen): an MSI when CFG0 at @cfg0
 * programs one (@msi_abt: its GERROR bit on an abort), else the line
 */
void model_queue_irq(struct smmu_model *m, u32 irqen, unsigned int cfg0,
		     u32 msi_abt, enum smmu_model_line line)
{
	if (!(rd0(m, M_IRQ_CTRLACK) & irqen))
		return;
	if (!model_msi(m, cfg0, msi_abt))
		model_raise(m, line);
}

void model_gerror(struct smmu_model *m, u32 bit)
{
	u32 gerror = rd0(m, M_GERROR), gerrorn = rd0(m, M_GERRORN);

	if ((gerror ^ gerrorn) & bit)
		return;		/* already active */
	wr0(m, M_GERROR, gerror ^ bit);
	if (!(rd0(m, M_IRQ_CTRLACK) & M_IRQ_GERROR))
		return;
	if (!model_msi(m, M_GERROR_IRQ_CFG0, M_GERROR_MSI_GERROR_ABT))
		model_raise(m, SMMU_MODEL_LINE_GERROR);
}

/* ------------------------------------------------------------------------
 * Event queue (IHI0070 7.2, 7.4)
 */

void model_event(struct smmu_model *m, const struct smmu_model_event *e)
{
	u32 shift = m->evtq_shift, mask = GENMASK(shift, 0);
	u32 cons = rd1(m, M_EVTQ_CONS);
	u32 prod = m->evtq_prod;
	__le64 rec[4];
	u64 slot;

	if (!(m->cr0ack & M_CR0_EVTQEN))
		return;
	if (((prod ^ cons) & mask) == BIT(shift)) {
		/* Full: the record is lost and OVFLG toggles, once per overflow */
		if (!((prod ^ cons) & M_Q_OVF)) {
			m->evtq_prod ^= M_Q_OVF;
			wr1(m, M_EVTQ_PROD, m->evtq_prod);
		}
		goto out_irq;
	}
	smmu_model_event_encode(e, rec);
	slot = m->evtq_base + (u64)(prod & GENMASK(shift - 1, 0)) * sizeof(rec);
	if (model_mem_write(&m->mem, slot, rec, sizeof(rec))) {
		model_gerror(m, M_GERROR_EVTQ_ABT);
		return;
	}
	m->nr_events[e->type]++;
	m->evtq_prod = (prod & M_Q_OVF) | ((prod + 1) & mask);
	wr1(m, M_EVTQ_PROD, m->evtq_prod);
out_irq:
	model_queue_irq(m, M_IRQ_EVTQ, M_EVTQ_IRQ_CFG0, M_GERROR_MSI_EVTQ_ABT,
			SMMU_MODEL_LINE_EVTQ);
}

/* ------------------------------------------------------------------------
 * Commands (IHI0070 4)
 */

static void model_resume(struct smmu_model *m, const struct smmu_model_cmd *c)
{
	int i;

	for (i = 0; i < M_MAX_STALLS; i++) {
		struct model_stall *s = &m->stalls[i];

		if (!s->busy || s->result || s->sid != c->sid)
			continue;
		if (c->op == SMMU_MODEL_OP_RESUME && s->stag != c->stag)
			continue;
		/* IHI0070 4.7.1: Action 1 retries, 0 terminates */
		s->result = (c->op == SMMU_MODEL_OP_RESUME && c->action) ? 1 : -1;
	}
	wake_up_all(&m->stall_wq);
}

static void model_sync(struct smmu_model *m, const struct smmu_model_cmd *c)
{
	unsigned int i;

	/*
	 * IHI0070 4.7.3: everything before the CMD_SYNC has completed, in
	 * an order only a CMD_SYNC between them would fix. ATS invalidations
	 * complete first here, so a function that asks again at once meets
	 * the SMMU's caches as they were: IHI0070 3.9 has software complete
	 * the TLB invalidation before it starts the ATS one.
	 */
	for (i = 0; i < m->nr_pending; i++)
		if (m->pending[i].op == SMMU_MODEL_OP_ATC_INV)
			model_apply(m, &m->pending[i]);
	for (i = 0; i < m->nr_pending; i++)
		if (m->pending[i].op != SMMU_MODEL_OP_ATC_INV)
			model_apply(m, &m->pending[i]);
	m->nr_pending = 0;

	if (c->cs != 1)		/* SIG_NONE or SIG_SEV: nothing to write */
		return;
	if ((m->preset.idr[0] & M_IDR0_MSI) && c->msiaddr) {
		if (m->abort_sync_msis ||
		    model_mem_write(&m->mem, c->msiaddr, &c->msidata,
				    sizeof(c->msidata)))
			model_gerror(m, M_GERROR_MSI_CMDQ_ABT);
		return;
	}
	model_raise(m, SMMU_MODEL_LINE_CMDQ_SYNC);
}

static void model_execute(struct smmu_model *m, const struct smmu_model_cmd *c)
{
	m->nr_cmds[c->op]++;
	if (c->op == SMMU_MODEL_OP_SYNC) {
		m->run = 0;
	} else {
		m->run++;
		m->longest_run = max(m->longest_run, m->run);
	}
	/* IHI0070 4.5: CMD_ATC_INV is IGNORED while SMMUEN == 0 */
	if (c->op == SMMU_MODEL_OP_ATC_INV && !(m->cr0ack & M_CR0_SMMUEN))
		return;
	if (model_is_invalidation(c->op)) {
		if (m->nr_pending == M_MAX_PENDING) {
			model_apply(m, &m->pending[0]);
			memmove(&m->pending[0], &m->pending[1],
				sizeof(m->pending[0]) * (M_MAX_PENDING - 1));
			m->nr_pending--;
		}
		m->pending[m->nr_pending++] = *c;
		return;
	}
	switch (c->op) {
	case SMMU_MODEL_OP_SYNC:
		model_sync(m, c);
		break;
	case SMMU_MODEL_OP_RESUME:
	case SMMU_MODEL_OP_STALL_TERM:
		model_resume(m, c);
		break;
	case SMMU_MODEL_OP_PRI_RESP:
		/* 4.7.3: a CMD_SYNC guarantees nothing more; sent as consumed */
		model_pri_resp(m, c);
		break;
	default:
		/* PREFETCH_* have no effect here */
		break;
	}
}

/* An ATS invalidation waits for the next CMD_SYNC */
static bool model_atc_inv_pending(struct smmu_model *m)
{
	unsigned int i;

	for (i = 0; i < m->nr_pending; i++)
		if (m->pending[i].op == SMMU_MODEL_OP_ATC_INV)
			return true;
	return false;
}

/* Consume what PROD published, up to a budget. Return: work was done */
static bool model_consume(struct smmu_model *m)
{
	u32 shift = m->cmdq_shift, mask = GENMASK(shift, 0);
	u32 prod = READ_ONCE(*(u32 *)(m->page0 + M_CMDQ_PROD)) & mask;
	unsigned int budget = M_CMDS_PER_TICK;
	bool work = false;

	/* The driver's PROD write comes after its command stores */
	smp_rmb();
	while (m->cmdq_cons != prod && budget--) {
		u64 slot = m->cmdq_base +
			   (u64)(m->cmdq_cons & GENMASK(shift - 1, 0)) * 16;
		struct smmu_model_cmd c;
		__le64 raw[2];
		u8 err;

		if (model_mem_read(&m->mem, slot, raw, sizeof(raw)))
			err = SMMU_MODEL_CERROR_ABT;
		else
			err = smmu_model_cmd_decode(&m->idr, raw, &c);
		if (!err && c.op == SMMU_MODEL_OP_SYNC && m->fail_next_sync) {
			err = m->fail_next_sync;
			m->fail_next_sync = 0;
		}
		if (!err && c.op == SMMU_MODEL_OP_SYNC && m->fail_atc_inv_sync &&
		    model_atc_inv_pending(m)) {
			/* 3.9.1.4: the endpoint did not answer in time */
			err = SMMU_MODEL_CERROR_ATC_INV_SYNC;
			m->fail_atc_inv_sync = false;
		}
		if (err) {
			/* IHI0070 7.1: stop on it, CONS names it */
			m->cmdq_stopped = true;
			wr0(m, M_CMDQ_CONS, m->cmdq_cons |
			    FIELD_PREP(M_CMDQ_CONS_ERR, err));
			model_gerror(m, M_GERROR_CMDQ);
			return true;
		}
		model_execute(m, &c);
		m->cmdq_cons = (m->cmdq_cons + 1) & mask;
		work = true;
	}
	if (work)
		wr0(m, M_CMDQ_CONS, m->cmdq_cons);
	return work;
}

/* ------------------------------------------------------------------------
 * The engine
 */

static void model_take_queue(struct smmu_model *m, unsigned int base_reg,
			     u32 max_shift, u64 *base, u32 *shift)
{
	u64 val = rd0_64(m, base_reg);

	*base = val & M_Q_BASE_ADDR;
	/* IHI0070 6.3.23: a LOG2SIZE above the maximum reads as the maximum */
	*shift = min_t(u32, FIELD_GET(M_Q_BASE_LOG2SIZE, val), max_shift);
	if (!*shift)
		*shift = 1;
}

static bool model_update_cr0(struct smmu_model *m)
{
	u32 cr0 = rd0(m, M_CR0) & M_CR0_MASK, old = m->cr0ack;
	u32 on;

	/* IHI0070 6.3.9: PRIQEN is RES0 without IDR0.PRI */
	if (!m->idr.pri)
		cr0 &= ~M_CR0_PRIQEN;
	on = cr0 & ~old;

	if (cr0 == old)
		return false;
	if (on & M_CR0_CMDQEN) {
		model_take_queue(m, M_CMDQ_BASE,
				 FIELD_GET(M_IDR1_CMDQS, m->preset.idr[1]),
				 &m->cmdq_base, &m->cmdq_shift);
		m->cmdq_cons = rd0(m, M_CMDQ_CONS) & GENMASK(m->cmdq_shift, 0);
		m->cmdq_stopped = false;
	}
	if (on & M_CR0_EVTQEN) {
		model_take_queue(m, M_EVTQ_BASE,
				 FIELD_GET(M_IDR1_EVTQS, m->preset.idr[1]),
				 &m->evtq_base, &m->evtq_shift);
		m->evtq_prod = rd1(m, M_EVTQ_PROD);
	}
	if (on & M_CR0_PRIQEN)
		model_priq_enable(m);
	if ((old & M_CR0_SMMUEN) && !(cr0 & M_CR0_SMMUEN)) {
		if (!(rd0(m, M_GBPA) & M_GBPA_ABORT))
			model_err(m, "SMMUEN cleared while GBPA lets traffic bypass");
		model_ats_smmuen_cleared(m);
	}
	m->cr0ack = cr0;
	wr0(m, M_CR0ACK, cr0);
	return true;
}

static bool model_update_gbpa(struct smmu_model *m)
{
	u32 gbpa = rd0(m, M_GBPA);

	if (!(gbpa & M_GBPA_UPDATE))
		return false;
	if (!(m->cr0ack & M_CR0_SMMUEN) && !(gbpa & M_GBPA_ABORT))
		model_err(m, "GBPA set to bypass while translation is off");
	wr0(m, M_GBPA, gbpa & ~M_GBPA_UPDATE);
	return true;
}

static bool model_update_irq_ctrl(struct smmu_model *m)
{
	u32 ctrl = rd0(m, M_IRQ_CTRL) & 0x7;

	if (ctrl == rd0(m, M_IRQ_CTRLACK))
		return false;
	wr0(m, M_IRQ_CTRLACK, ctrl);
	return true;
}

/* IHI0070 7.1: acknowledging CMDQ_ERR restarts consumption at CONS */
static bool model_update_gerrorn(struct smmu_model *m)
{
	if (!m->cmdq_stopped ||
	    ((rd0(m, M_GERROR) ^ rd0(m, M_GERRORN)) & M_GERROR_CMDQ))
		return false;
	m->cmdq_stopped = false;
	wr0(m, M_CMDQ_CONS, m->cmdq_cons);
	return true;
}

static enum hrtimer_restart model_tick(struct hrtimer *t)
{
	struct smmu_model *m = container_of(t, struct smmu_model, timer);
	unsigned long lines, msis;
	bool work;

	raw_spin_lock(&m->lock);
	work = model_update_cr0(m);
	work |= model_update_gbpa(m);
	work |= model_update_irq_ctrl(m);
	work |= model_update_gerrorn(m);
	if ((m->cr0ack & M_CR0_CMDQEN) && !m->cmdq_stopped && !m->paused)
		work |= model_consume(m);
	model_take_pending(m, &lines, &msis);
	raw_spin_unlock(&m->lock);

	model_deliver(m, lines, msis);
	m->period_ns = work || lines || msis ? M_TICK_BUSY_NS :
		       min_t(u64, m->period_ns * 2, M_TICK_IDLE_NS);
	hrtimer_forward_now(t, ns_to_ktime(m->period_ns));
	return HRTIMER_RESTART;
}

/* ------------------------------------------------------------------------
 * The model's platform driver: hands the registers to the real driver
 */

static int smmu_model_drv_probe(struct platform_device *pdev)
{
	struct smmu_model *m = *(struct smmu_model **)dev_get_platdata(&pdev->dev);
	struct arm_smmu_regs regs = {
		.page0 = (void __force __iomem *)m->page0,
		.page1 = (void __force __iomem *)m->page1,
		.phys = virt_to_phys(m->page0),
		.httu_overridden = m->preset.fw_httu_override,
		.httu = m->preset.fw_httu,
	};

	m->probe_ret = arm_smmu_probe_at(pdev, &regs);
	return m->probe_ret;
}

static void smmu_model_drv_remove(struct platform_device *pdev)
{
	arm_smmu_device_remove(pdev);
}

static struct platform_driver smmu_model_driver = {
	.probe	= smmu_model_drv_probe,
	.remove	= smmu_model_drv_remove,
	.driver	= {
		.name = "arm-smmu-v3-model",
		.suppress_bind_attrs = true,
	},
};

static int smmu_model_drv_users;
static DEFINE_MUTEX(smmu_model_drv_lock);	/* smmu_model_drv_users */

static int smmu_model_drv_get(void)
{
	int ret = 0;

	mutex_lock(&smmu_model_drv_lock);
	if (!smmu_model_drv_users)
		ret = platform_driver_register(&smmu_model_driver);
	if (!ret)
		smmu_model_drv_users++;
	mutex_unlock(&smmu_model_drv_lock);
	return ret;
}

static void smmu_model_drv_put(void)
{
	mutex_lock(&smmu_model_drv_lock);
	if (!--smmu_model_drv_users)
		platform_driver_unregister(&smmu_model_driver);
	mutex_unlock(&smmu_model_drv_lock);
}

/* ------------------------------------------------------------------------
 * Creating and destroying models and masters
 */

static const char *const smmu_model_line_names[SMMU_MODEL_NR_LINES] = {
	[SMMU_MODEL_LINE_EVTQ]		= "eventq",
	[SMMU_MODEL_LINE_PRIQ]		= "priq",
	[SMMU_MODEL_LINE_CMDQ_SYNC]	= "cmdq-sync",
	[SMMU_MODEL_LINE_GERROR]	= "gerror",
	[SMMU_MODEL_LINE_COMBINED]	= "combined",
};

static void smmu_model_reset_regs(struct smmu_model *m)
{
	int i;

	for (i = 0; i < 6; i++)
		*(u32 *)(m->page0 + M_IDR0 + 4 * i) = m->preset.idr[i];
	*(u32 *)(m->page0 + M_IIDR) = m->preset.iidr;
	*(u32 *)(m->page0 + M_AIDR) = m->preset.aidr;
	*(u32 *)(m->page0 + M_CR0) = m->preset.cr0;
	*(u32 *)(m->page0 + M_CR0ACK) = m->preset.cr0;
	m->cr0ack = m->preset.cr0 & M_CR0_MASK;
	*(u32 *)(m->page0 + M_GBPA) = m->preset.gbpa;
	*(u32 *)(m->page0 + M_IRQ_CTRL) = m->preset.irq_ctrl;
	*(u32 *)(m->page0 + M_IRQ_CTRLACK) = m->preset.irq_ctrl;
}

static int smmu_model_make_irqs(struct smmu_model *m, struct resource *res,
				unsigned int *nr)
{
	int i;

	m->irq_fwnode = irq_domain_alloc_named_id_fwnode("smmu-model", m->id);
	if (!m->irq_fwnode)
		return -ENOMEM;
	m->irq_domain = irq_domain_create_linear(m->irq_fwnode,
						 SMMU_MODEL_NR_LINES,
						 &smmu_model_irq_ops, m);
	if (!m->irq_domain)
		return -ENOMEM;
	*nr = 0;
	for (i = 0; i < SMMU_MODEL_NR_LINES; i++) {
		if (!((m->preset.lines | m->preset.test_lines) & BIT(i)))
			continue;
		m->virq[i] = irq_create_mapping(m->irq_domain, i);
		if (!m->virq[i])
			return -ENOMEM;
		if (!(m->preset.lines & BIT(i)))
			continue;
		res[(*nr)++] = DEFINE_RES_IRQ_NAMED(m->virq[i],
						    smmu_model_line_names[i]);
	}
	return 0;
}

static void smmu_model_free_irqs(struct smmu_model *m)
{
	int i;

	for (i = 0; i < SMMU_MODEL_NR_LINES; i++)
		if (m->virq[i])
			irq_dispose_mapping(m->virq[i]);
	if (m->irq_domain)
		irq_domain_remove(m->irq_domain);
	if (m->irq_fwnode)
		irq_domain_free_fwnode(m->irq_fwnode);
	if (m->msi_domain)
		irq_domain_remove(m->msi_domain);
	if (m->msi_fwnode)
		irq_domain_free_fwnode(m->msi_fwnode);
	free_page((unsigned long)m->doorbell);
}

static void smmu_model_release(void *data)
{
	struct smmu_model *m = data;

	model_pci_release(m);
	smmu_model_destroy(m);
	hrtimer_cancel(&m->timer);
	smmu_model_free_irqs(m);
	if (m->fwnode)
		fwnode_remove_software_node(m->fwnode);
	vfree(m->asids);
	vfree(m->vmids);
	free_page((unsigned long)m->page0);
	free_page((unsigned long)m->page1);
	if (m->id >= 0)
		ida_free(&smmu_model_ida, m->id);
	smmu_model_drv_put();
	kfree(m);
}

struct smmu_model *smmu_model_create(struct kunit *test,
				     const struct smmu_model_preset *preset)
{
	struct resource res[SMMU_MODEL_NR_LINES];
	struct platform_device *pdev;
	struct smmu_model *m;
	unsigned int nr_res;
	int ret;

	KUNIT_ASSERT_EQ(test, smmu_model_drv_get(), 0);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		smmu_model_drv_put();
	KUNIT_ASSERT_NOT_NULL(test, m);
	m->test = test;
	m->preset = *preset;
	raw_spin_lock_init(&m->lock);
	init_waitqueue_head(&m->stall_wq);
	init_waitqueue_head(&m->pri_wq);
	INIT_LIST_HEAD(&m->streams);
	hrtimer_init(&m->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	m->timer.function = model_tick;
	m->period_ns = M_TICK_BUSY_NS;
	m->mem = (struct smmu_model_mem) {
		.read = model_mem_read,
		.write = model_mem_write,
		.cmpxchg64 = model_mem_cmpxchg64,
	};
	smmu_model_idr_decode(preset->idr, &m->idr);
	m->id = ida_alloc(&smmu_model_ida, GFP_KERNEL);
	/* From here on smmu_model_release() undoes whatever was done */
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, smmu_model_release, m), 0);
	KUNIT_ASSERT_GE(test, m->id, 0);

	m->page0 = (void *)get_zeroed_page(GFP_KERNEL);
	m->page1 = (void *)get_zeroed_page(GFP_KERNEL);
	m->asids = vzalloc(M_NR_IDS * sizeof(*m->asids));
	m->vmids = vzalloc(M_NR_IDS * sizeof(*m->vmids));
	KUNIT_ASSERT_TRUE(test, m->page0 && m->page1 && m->asids && m->vmids);
	m->fwnode = fwnode_create_software_node(NULL, NULL);
	if (IS_ERR(m->fwnode))
		m->fwnode = NULL;
	KUNIT_ASSERT_NOT_NULL(test, m->fwnode);
	KUNIT_ASSERT_EQ(test, smmu_model_make_irqs(m, res, &nr_res), 0);
	if (preset->msi)
		KUNIT_ASSERT_EQ(test, smmu_model_make_msi_domain(m), 0);
	smmu_model_reset_regs(m);
	hrtimer_start(&m->timer, ns_to_ktime(m->period_ns),
		      HRTIMER_MODE_REL_HARD);

	pdev = platform_device_alloc("arm-smmu-v3-model", m->id);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	device_set_node(&pdev->dev, m->fwnode);
	pdev->dev.dma_coherent = preset->coherent;
	if (m->msi_domain)
		dev_set_msi_domain(&pdev->dev, m->msi_domain);
	ret = platform_device_add_resources(pdev, res, nr_res);
	if (!ret)
		ret = platform_device_add_data(pdev, &m, sizeof(m));
	if (!ret)
		ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		KUNIT_FAIL_AND_ABORT(test, "cannot add the model device: %d", ret);
	}
	m->pdev = pdev;
	/* Probe ran synchronously; an unbound device says why in probe_ret */
	if (!device_is_bound(&pdev->dev) && !m->probe_ret)
		m->probe_ret = -ENODEV;
	return m;
}

int smmu_model_probe_ret(struct smmu_model *m)
{
	return m->probe_ret;
}

void smmu_model_destroy(struct smmu_model *m)
{
	if (m->destroyed)
		return;
	m->destroyed = true;
	/* The driver's remove waits for the engine's acknowledgements */
	if (m->pdev)
		platform_device_unregister(m->pdev);
	m->pdev = NULL;
}

u32 smmu_model_read_reg(struct smmu_model *m, unsigned int offset)
{
	if (offset >= 0x10000)
		return rd1(m, offset - 0x10000);
	return rd0(m, offset);
}

void smmu_model_write_reg(struct smmu_model *m, unsigned int offset, u32 val)
{
	if (offset >= 0x10000)
		wr1(m, offset - 0x10000, val);
	else
		wr0(m, offset, val);
}

struct platform_device *smmu_model_pdev(struct smmu_model *m)
{
	return m->pdev;
}

unsigned int smmu_model_line_irq(struct smmu_model *m,
				 enum smmu_model_line line)
{
	return m->virq[line];
}

void smmu_model_fail_next_atc_inv_sync(struct smmu_model *m)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&m->lock, flags);
	m->fail_atc_inv_sync = true;
	raw_spin_unlock_irqrestore(&m->lock, flags);
}

void smmu_model_fail_next_sync(struct smmu_model *m, u8 cerror)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&m->lock, flags);
	m->fail_next_sync = cerror;
	raw_spin_unlock_irqrestore(&m->lock, flags);
}

unsigned int smmu_model_longest_run(struct smmu_model *m)
{
	return READ_ONCE(m->longest_run);
}

void smmu_model_raise_gerror(struct smmu_model *m, u32 bit)
{
	unsigned long flags, lines, msis;

	raw_spin_lock_irqsave(&m->lock, flags);
	model_gerror(m, bit);
	model_take_pending(m, &lines, &msis);
	raw_spin_unlock_irqrestore(&m->lock, flags);
	model_deliver(m, lines, msis);
}

/* The STE of @sid as memory holds it; the caller holds m->lock */
static int model_read_ste_locked(struct smmu_model *m, u32 sid,
				 struct smmu_model_ste *ste)
{
	__le64 raw[8];
	int ret;

	ret = smmu_model_fetch_ste(&m->mem, &m->idr, rd0_64(m, M_STRTAB_BASE),
				   rd0(m, M_STRTAB_BASE_CFG), sid, raw, NULL);
	return ret ?: smmu_model_ste_decode(&m->idr, raw, ste);
}

int smmu_model_read_ste(struct smmu_model *m, u32 sid,
			struct smmu_model_ste *ste)
{
	unsigned long flags;
	int ret;

	raw_spin_lock_irqsave(&m->lock, flags);
	ret = model_read_ste_locked(m, sid, ste);
	raw_spin_unlock_irqrestore(&m->lock, flags);
	return ret;
}

int smmu_model_read_cd(struct smmu_model *m, u32 sid, u32 ssid,
		       struct smmu_model_cd *cd)
{
	struct smmu_model_ste ste;
	unsigned long flags;
	__le64 raw[8];
	int ret;

	raw_spin_lock_irqsave(&m->lock, flags);
	ret = model_read_ste_locked(m, sid, &ste);
	/* STE.Config 0b101 only: stage 1 translates, stage 2 bypasses */
	if (!ret && ste.config != 0x5)
		ret = -EOPNOTSUPP;
	if (!ret)
		ret = smmu_model_fetch_cd(&m->mem, &m->idr, &ste, ssid, true,
					  NULL, NULL, raw, NULL);
	if (!ret)
		ret = smmu_model_cd_decode(&m->idr, &ste, raw, cd);
	raw_spin_unlock_irqrestore(&m->lock, flags);
	return ret;
}

int smmu_model_ste_config(struct smmu_model *m, u32 sid)
{
	struct smmu_model_ste ste;

	return smmu_model_read_ste(m, sid, &ste) ? -EINVAL : ste.config;
}

unsigned long smmu_model_nr_breaks(struct smmu_model *m)
{
	return READ_ONCE(m->nr_breaks);
}

unsigned long smmu_model_nr_ste_breaks(struct smmu_model *m)
{
	return READ_ONCE(m->nr_ste_breaks);
}

void smmu_model_pause(struct smmu_model *m, bool paused)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&m->lock, flags);
	m->paused = paused;
	raw_spin_unlock_irqrestore(&m->lock, flags);
}

void smmu_model_abort_sync_msis(struct smmu_model *m, bool abort)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&m->lock, flags);
	m->abort_sync_msis = abort;
	raw_spin_unlock_irqrestore(&m->lock, flags);
}

unsigned long smmu_model_nr_cmds(struct smmu_model *m, u8 op)
{
	return READ_ONCE(m->nr_cmds[op]);
}

unsigned long smmu_model_nr_events(struct smmu_model *m, u8 type)
{
	return READ_ONCE(m->nr_events[type]);
}

unsigned long smmu_model_nr_irqs(struct smmu_model *m,
				 enum smmu_model_line line)
{
	return READ_ONCE(m->nr_irqs[line]);
}

unsigned long smmu_model_nr_msis(struct smmu_model *m)
{
	return READ_ONCE(m->nr_msis);
}

unsigned int smmu_model_violations(struct smmu_model *m, const char **first)
{
	if (first)
		*first = m->first_violation;
	return READ_ONCE(m->violations);
}

void smmu_model_expect_clean(struct kunit *test, struct smmu_model *m)
{
	const char *first;
	unsigned int n = smmu_model_violations(m, &first);

	KUNIT_EXPECT_EQ_MSG(test, n, 0, "model %s: %u violation(s), first: %s",
			    m->preset.name, n, first);
}

static void smmu_model_master_release(void *data)
{
	smmu_model_remove_master(data);
}

/*
 * What of_iommu_configure() does for a device tree master, done by hand:
 * the core's iommu_fwspec_init() wants a lock that is not exported. The
 * device is not added yet, so nothing else can look at its iommu data.
 */
int model_give_fwspec(struct smmu_model *m, struct device *dev,
		      const u32 *sids, unsigned int nr)
{
	struct iommu_fwspec *fwspec;
	struct dev_iommu *param;

	param = kzalloc(sizeof(*param), GFP_KERNEL);
	fwspec = kzalloc(struct_size(fwspec, ids, nr), GFP_KERNEL);
	if (!param || !fwspec) {
		kfree(param);
		kfree(fwspec);
		return -ENOMEM;
	}
	mutex_init(&param->lock);
	fwspec->iommu_fwnode = fwnode_handle_get(m->fwnode);
	fwspec->num_ids = nr;
	memcpy(fwspec->ids, sids, nr * sizeof(u32));
	param->fwspec = fwspec;
	dev->iommu = param;
	return 0;
}

/* A master's bookkeeping: its StreamIDs join what the checkers watch */
struct smmu_model_master *model_master_new(struct smmu_model *m,
					   const u32 *sids, unsigned int nr)
{
	struct kunit *test = m->test;
	struct smmu_model_master *mm;
	unsigned long flags;
	unsigned int i;

	mm = kunit_kzalloc(test, sizeof(*mm), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mm);
	mm->m = m;
	mm->nr_sids = nr;
	mm->streams = kunit_kcalloc(test, nr, sizeof(*mm->streams), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mm->streams);
	raw_spin_lock_irqsave(&m->lock, flags);
	for (i = 0; i < nr; i++) {
		mm->streams[i].sid = sids[i];
		if (!model_stream(m, sids[i]))
			list_add_tail(&mm->streams[i].node, &m->streams);
		else
			INIT_LIST_HEAD(&mm->streams[i].node);
	}
	raw_spin_unlock_irqrestore(&m->lock, flags);
	return mm;
}

void model_master_forget(struct smmu_model_master *mm)
{
	struct smmu_model *m = mm->m;
	unsigned long flags;
	unsigned int i;

	raw_spin_lock_irqsave(&m->lock, flags);
	for (i = 0; i < mm->nr_sids; i++)
		list_del_init(&mm->streams[i].node);
	raw_spin_unlock_irqrestore(&m->lock, flags);
}

struct smmu_model_master *
smmu_model_add_master(struct smmu_model *m,
		      const struct smmu_model_master_cfg *cfg)
{
	struct kunit *test = m->test;
	struct property_entry props[3] = {};
	struct smmu_model_master *mm;
	struct platform_device *pdev;
	unsigned int n = 0;
	int ret;

	mm = model_master_new(m, cfg->sids, cfg->nr_sids);
	if (cfg->pasid_bits)
		props[n++] = PROPERTY_ENTRY_U32("pasid-num-bits",
						cfg->pasid_bits);
	if (cfg->can_stall)
		props[n++] = PROPERTY_ENTRY_BOOL("dma-can-stall");

	pdev = platform_device_alloc("smmu-model-master", PLATFORM_DEVID_AUTO);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	ret = device_create_managed_software_node(&pdev->dev, props, NULL);
	if (!ret)
		ret = dma_coerce_mask_and_coherent(&pdev->dev,
						   DMA_BIT_MASK(48));
	if (!ret)
		ret = model_give_fwspec(m, &pdev->dev, cfg->sids, cfg->nr_sids);
	pdev->dev.dma_coherent = true;
	if (!ret)
		ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		model_master_forget(mm);
		KUNIT_FAIL_AND_ABORT(test, "cannot add a master: %d", ret);
	}
	mm->pdev = pdev;
	mm->dev = &pdev->dev;
	ret = kunit_add_action_or_reset(test, smmu_model_master_release, mm);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return mm;
}

struct device *smmu_model_master_dev(struct smmu_model_master *mm)
{
	return mm->dev;
}

void smmu_model_remove_master(struct smmu_model_master *mm)
{
	if (mm->removed)
		return;
	mm->removed = true;
	if (mm->pci)
		model_pci_remove_fn(mm);
	else
		platform_device_unregister(mm->pdev);
	model_master_forget(mm);
}
