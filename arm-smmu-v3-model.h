/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software SMMUv3 model (test code): what a KUnit suite sees of it.
 *
 * A model SMMU is a platform device whose registers live in memory. The
 * driver binds it through arm_smmu_probe_at() and drives it with its
 * ordinary code: the model consumes the command queue, writes event
 * records, raises interrupts, and translates DMA that a test issues on
 * behalf of a master. Masters are platform devices whose fwspec names the
 * model SMMU, so the IOMMU core probes them and gives them domains.
 *
 * Documentation/model.rst describes what is modelled and what is not.
 */
#ifndef _ARM_SMMU_V3_MODEL_H
#define _ARM_SMMU_V3_MODEL_H

#include <linux/types.h>

struct kunit;
struct device;
struct smmu_model;
struct smmu_model_master;
struct smmu_model_ste;
struct smmu_model_cd;
struct pci_dev;

/* Wired interrupt lines firmware may describe (platform IRQ names) */
enum smmu_model_line {
	SMMU_MODEL_LINE_EVTQ,		/* "eventq" */
	SMMU_MODEL_LINE_PRIQ,		/* "priq" */
	SMMU_MODEL_LINE_CMDQ_SYNC,	/* "cmdq-sync" */
	SMMU_MODEL_LINE_GERROR,		/* "gerror" */
	SMMU_MODEL_LINE_COMBINED,	/* "combined" */
	SMMU_MODEL_NR_LINES,
};

#define SMMU_MODEL_LINES_SEPARATE	(BIT(SMMU_MODEL_LINE_EVTQ) | \
					 BIT(SMMU_MODEL_LINE_PRIQ) | \
					 BIT(SMMU_MODEL_LINE_CMDQ_SYNC) | \
					 BIT(SMMU_MODEL_LINE_GERROR))

/**
 * struct smmu_model_preset - an SMMU implementation and how firmware
 * describes it
 * @name: for messages
 * @idr: SMMU_IDR0..IDR5
 * @iidr: SMMU_IIDR
 * @aidr: SMMU_AIDR
 * @coherent: firmware says the SMMU is DMA-coherent
 * @lines: BIT(SMMU_MODEL_LINE_*) of the wired interrupts firmware gives
 * @test_lines: BIT(SMMU_MODEL_LINE_*) of wired interrupts the SMMU raises
 *		but firmware does not describe, so the driver cannot find
 *		them: a test requests them itself (smmu_model_line_irq())
 * @msi: give the SMMU an MSI domain (it needs IDR0.MSI to use it): the
 *	 model is then its own MSI controller
 * @msi_error: when non-zero, allocating MSIs from that domain fails with it
 * @fw_httu_override: firmware overrides IDR0.HTTU (as IORT can) with
 * @fw_httu: this value
 * @cr0: SMMU_CR0 as a previous kernel or firmware left it
 * @gbpa: SMMU_GBPA as left
 * @irq_ctrl: SMMU_IRQ_CTRL as left
 */
struct smmu_model_preset {
	const char	*name;
	u32		idr[6];
	u32		iidr;
	u32		aidr;
	bool		coherent;
	unsigned long	lines;
	unsigned long	test_lines;
	bool		msi;
	int		msi_error;
	bool		fw_httu_override;
	u8		fw_httu;
	u32		cr0;
	u32		gbpa;
	u32		irq_ctrl;
};

/* Every feature the driver supports; wired interrupts, no MSI domain */
extern const struct smmu_model_preset smmu_model_full;
/* QEMU 7.2's virt,iommu=smmuv3 (platform-facts.md) */
extern const struct smmu_model_preset smmu_model_qemu;
/* MMU-600 and MMU-700 as their TRMs list the implemented features */
extern const struct smmu_model_preset smmu_model_mmu600;
extern const struct smmu_model_preset smmu_model_mmu700;

/**
 * smmu_model_create() - a model SMMU, bound by the driver
 * @test: the test; the model and everything on it go when it ends
 * @preset: the implementation (copied: a test may tweak its own copy)
 *
 * Context: process, may sleep.
 * Return: the model (never NULL: a failure to build it fails the test),
 * whether or not the driver's probe succeeded: see smmu_model_probe_ret().
 */
struct smmu_model *smmu_model_create(struct kunit *test,
				     const struct smmu_model_preset *preset);
/* The driver's probe result: 0 when it bound, else its -errno */
int smmu_model_probe_ret(struct smmu_model *m);
/* Unbind the driver and remove the model now (idempotent) */
void smmu_model_destroy(struct smmu_model *m);

/* The model SMMU's platform device (its drvdata is the driver's SMMU) */
struct platform_device *smmu_model_pdev(struct smmu_model *m);
/* The Linux interrupt of a wired line, 0 when firmware gives none */
unsigned int smmu_model_line_irq(struct smmu_model *m,
				 enum smmu_model_line line);
/* Stop on the next CMD_SYNC with command error @cerror (once) */
void smmu_model_fail_next_sync(struct smmu_model *m, u8 cerror);
/*
 * Stop with CERROR_ATC_INV_SYNC on the next CMD_SYNC that waits for an ATS
 * invalidation (once), as when an endpoint does not answer in time
 */
void smmu_model_fail_next_atc_inv_sync(struct smmu_model *m);
/* The longest run of commands consumed without a CMD_SYNC */
unsigned int smmu_model_longest_run(struct smmu_model *m);
/* Raise a GERROR bit (IHI0070 6.3.19), as the SMMU would */
void smmu_model_raise_gerror(struct smmu_model *m, u32 bit);
/* STE.Config of @sid as memory holds it now, -EINVAL if invalid */
int smmu_model_ste_config(struct smmu_model *m, u32 sid);
/* STE/CD updates that passed through V = 0 (or made an entry valid) */
unsigned long smmu_model_nr_breaks(struct smmu_model *m);
/* Those of STEs only: traffic of every SubstreamID of the stream saw them */
unsigned long smmu_model_nr_ste_breaks(struct smmu_model *m);

/* Register file, as the driver left it */
u32 smmu_model_read_reg(struct smmu_model *m, unsigned int offset);
/*
 * Write a register (offsets from page 0; page 1 at 0x10000) as software
 * would, behind the driver's back
 */
void smmu_model_write_reg(struct smmu_model *m, unsigned int offset, u32 val);

/* Stop / restart consuming commands (the queue fills up meanwhile) */
void smmu_model_pause(struct smmu_model *m, bool paused);
/*
 * Have the interconnect abort (or no longer abort) the MSI writes of
 * CMD_SYNCs: each raises GERROR.MSI_CMDQ_ABT_ERR instead (IHI0070 7.5)
 */
void smmu_model_abort_sync_msis(struct smmu_model *m, bool abort);

/* Commands consumed with opcode @op since the model was created */
unsigned long smmu_model_nr_cmds(struct smmu_model *m, u8 op);
/* Events of type @type written to the event queue */
unsigned long smmu_model_nr_events(struct smmu_model *m, u8 type);
/* Interrupts delivered on @line */
unsigned long smmu_model_nr_irqs(struct smmu_model *m,
				 enum smmu_model_line line);
/* MSIs delivered through the model's own MSI controller */
unsigned long smmu_model_nr_msis(struct smmu_model *m);

/*
 * What the model's checkers found (see the file comment of
 * arm-smmu-v3-model.c): 0 and an empty string when all is well.
 */
unsigned int smmu_model_violations(struct smmu_model *m, const char **first);
/* Fail @test with the first violation, if any */
void smmu_model_expect_clean(struct kunit *test, struct smmu_model *m);

/**
 * struct smmu_model_master_cfg - a device behind the model SMMU
 * @sids: its StreamIDs
 * @nr_sids: how many
 * @pasid_bits: "pasid-num-bits" firmware property, 0 for none
 * @can_stall: "dma-can-stall" firmware property
 */
struct smmu_model_master_cfg {
	const u32	*sids;
	unsigned int	nr_sids;
	u32		pasid_bits;
	bool		can_stall;
};

/**
 * smmu_model_add_master() - a platform device behind the model
 * @m: the model SMMU
 * @cfg: its firmware description
 *
 * The IOMMU core probes it on the spot (it has a fwspec before it is
 * added), so on return it has an IOMMU group and a default domain, unless
 * the driver refused it: see smmu_model_master_dev()->iommu_group.
 *
 * Context: process, may sleep.
 * Return: the master (a failure to create it fails the test).
 */
struct smmu_model_master *
smmu_model_add_master(struct smmu_model *m,
		      const struct smmu_model_master_cfg *cfg);
struct device *smmu_model_master_dev(struct smmu_model_master *mm);
void smmu_model_remove_master(struct smmu_model_master *mm);

/**
 * struct smmu_model_pci_cfg - a PCI function behind the model
 * @ats: it has the ATS capability
 * @pasid_bits: width of its PASID capability, 0 for none
 * @pri: it has the PRI capability
 * @no_tlp_prefix: it cannot send End-End TLP Prefixes, which carry PASIDs
 *		   (the PCI core then refuses to enable its PASIDs)
 * @rc_ats: firmware says its root complex forwards ATS
 *	    (IOMMU_FWSPEC_PCI_RC_ATS), so the driver may enable ATS in it;
 *	    the model then checks that the function's ATS Enable is set only
 *	    while its STE serves ATS
 * @refetches: it asks again, at once, for each translation an ATS
 *	       invalidation removes (a busy device), so it is served
 *	       whatever the SMMU still caches at that moment
 */
struct smmu_model_pci_cfg {
	bool	ats;
	u8	pasid_bits;
	bool	pri;
	bool	no_tlp_prefix;
	bool	rc_ats;
	bool	refetches;
};

/**
 * smmu_model_add_pci_master() - a PCI function behind the model
 * @m: the model SMMU
 * @cfg: its capabilities
 *
 * The function sits on a root bus of the model's own; the PCI core finds
 * it and the IOMMU core probes it (StreamID = RID). Needs a device tree
 * boot (a software host bridge under ACPI is not supported: the test is
 * skipped).
 *
 * Context: process, may sleep.
 * Return: the master (a failure to create it fails the test).
 */
struct smmu_model_master *
smmu_model_add_pci_master(struct smmu_model *m,
			  const struct smmu_model_pci_cfg *cfg);
/* The PCI function of a master made by smmu_model_add_pci_master() */
struct pci_dev *smmu_model_master_pci(struct smmu_model_master *mm);
/* A 16-bit config register as the model holds it (what software wrote) */
u16 smmu_model_pci_cfg_read16(struct smmu_model_master *mm, unsigned int off);
/* How many times software cleared the function's ATS Enable */
unsigned int smmu_model_pci_ats_disables(struct smmu_model_master *mm);
/* The STE of @sid as memory holds it now: 0, or the event a fetch gives */
int smmu_model_read_ste(struct smmu_model *m, u32 sid,
			struct smmu_model_ste *ste);
/*
 * The CD of (@sid, @ssid) as memory holds it now: 0, the event a fetch
 * or decode gives, or -EOPNOTSUPP unless the STE is a stage 1 only one
 */
int smmu_model_read_cd(struct smmu_model *m, u32 sid, u32 ssid,
		       struct smmu_model_cd *cd);

/* DMA as a master does it */
#define SMMU_MODEL_DMA_WRITE	BIT(0)	/* device writes memory (else reads) */
#define SMMU_MODEL_DMA_EXEC	BIT(1)	/* instruction fetch */
#define SMMU_MODEL_DMA_PRIV	BIT(2)	/* privileged */
/*
 * A PCI function's Translated transaction (ATS): it translates the address
 * through its ATC, making a Translation Request on a miss, and sends the
 * result marked Translated.
 */
#define SMMU_MODEL_DMA_TRANSLATED	BIT(3)
/*
 * With _TRANSLATED: the address is sent marked Translated as it is,
 * without the ATC, as a device that disregards the ATS protocol would
 * (IHI0070 3.9.1); the function's ATS need not be enabled.
 */
#define SMMU_MODEL_DMA_NO_ATC	BIT(4)
/*
 * With _TRANSLATED (and not _NO_ATC): a function with PRI that is granted
 * too little by a Translation Request asks for the page with a one-page
 * Page Request Group (L == 1), waits up to a second for its PRG Response
 * and, on Success, translates and tries again (at most a few rounds).
 */
#define SMMU_MODEL_DMA_PRI	BIT(5)
#define SMMU_MODEL_NO_SSID	(~0U)

/**
 * struct smmu_model_dma_result - what became of a transaction
 * @event: the fault's event type (SMMU_MODEL_EVT_*), 0 when none
 * @recorded: an event record was written to the event queue
 * @stalled: the transaction stalled (awaiting CMD_RESUME)
 * @stag: its stall tag
 * @resumed_retry: CMD_RESUMEs with Retry it received
 * @resumed_abort: terminated by CMD_RESUME(Terminate) with Abort
 * @bypassed: the SMMU did not translate (disabled or bypass STE)
 * @addr: the faulting address, or the output address of the first byte
 * @atc_hit: _TRANSLATED: the function's ATC held every translation
 * @tr_status: _TRANSLATED: the completion of the last Translation Request
 *	       an ATC miss made (SMMU_MODEL_TC_*), SMMU_MODEL_TC_NONE if none
 * @page_requests: _PRI: Page Request Groups the function sent for it
 * @prg_code: _PRI: the last PRG Response code it received
 *	      (SMMU_MODEL_PRG_*), SMMU_MODEL_PRG_NONE if none
 */
struct smmu_model_dma_result {
	u8	event;
	bool	recorded;
	bool	stalled;
	u16	stag;
	unsigned int resumed_retry;
	bool	resumed_abort;
	bool	bypassed;
	u64	addr;
	bool	atc_hit;
	u8	tr_status;
	unsigned int page_requests;
	int	prg_code;
};

/**
 * smmu_model_dma() - a transaction of a master through the model SMMU
 * @mm: the master
 * @sid_idx: which of its StreamIDs
 * @ssid: SubstreamID, or SMMU_MODEL_NO_SSID
 * @iova: input address
 * @buf: data to write to memory (SMMU_MODEL_DMA_WRITE) or room for what is
 *	 read; may be NULL to translate without moving data
 * @len: bytes, any alignment, may cross pages
 * @flags: SMMU_MODEL_DMA_*
 * @res: what happened, may be NULL
 *
 * Translates through the model's caches as the SMMU would (cached STE/CD,
 * TLB), walking the tables the driver wrote on a miss, and copies the data
 * to or from the memory it translates to. A stalled transaction waits, up
 * to a second, for the driver's CMD_RESUME: Retry runs it again (at most a
 * few times), Terminate ends it.
 *
 * With SMMU_MODEL_DMA_TRANSLATED (PCI functions only) the function
 * translates @iova with its ATC first, as PCIe ATS has it: a miss makes a
 * Translation Request (see smmu_model_ats_translate()) and, if that grants
 * the access, fills the ATC; then each page goes to the SMMU marked
 * Translated, which checks it against STE.EATS when CR0.ATSCHK == 1
 * (IHI0070 3.9.1.3) and otherwise passes it to memory. Translated traffic
 * carries no PASID for the SMMU (IDR3.PASIDTT == 0): @ssid selects the ATC
 * entries only.
 *
 * With SMMU_MODEL_DMA_PRI as well, a Successful Completion that does not
 * grant the access makes the function send a Page Request for the page
 * (R, W as @flags write, Exe and Priv as they ask; a PRGI none of its
 * outstanding groups uses, L == 1), as smmu_model_page_request() would,
 * and wait up to a second for the PRG Response; Success repeats the
 * Translation Request and the access, up to a few rounds.
 *
 * Context: process, may sleep (while stalled, or awaiting a PRG Response).
 * Return: 0 when every byte reached memory; -EFAULT when the transaction
 * was terminated (see @res); -ETIMEDOUT when a stall was never resumed.
 * _TRANSLATED: -EOPNOTSUPP when the function cannot issue it (ATS not
 * enabled in its config space, or a PASID, Exe or Priv it has not
 * enabled); -EACCES when the Translation Request did not grant the access
 * (nothing was sent: @res->tr_status says what the SMMU answered). _PRI:
 * -EACCES also when the function may not send the Page Request (PRI not
 * enabled, no credit left), when the PRG Response was not Success
 * (@res->prg_code) or the rounds ran out; -ETIMEDOUT when no PRG Response
 * came within a second.
 */
int smmu_model_dma(struct smmu_model_master *mm, unsigned int sid_idx,
		   u32 ssid, u64 iova, void *buf, size_t len,
		   unsigned int flags, struct smmu_model_dma_result *res);

/* ------------------------------------------------------------------------
 * ATS (IHI0070 3.9.1): Translation Requests and the functions' ATCs
 */

/* How the SMMU completed a Translation Request (PCIe completion status) */
enum smmu_model_tc_status {
	SMMU_MODEL_TC_NONE,	/* no request was made */
	SMMU_MODEL_TC_SUCCESS,	/* Successful Completion, perhaps granting nothing */
	SMMU_MODEL_TC_UR,	/* Unsupported Request: ATS disabled for the stream */
	SMMU_MODEL_TC_CA,	/* Completer Abort: a configuration error */
};

/**
 * struct smmu_model_ats_result - an ATS Translation Completion
 * @status: SMMU_MODEL_TC_*
 * @perms: SMMU_MODEL_ATS_R, _W, _X granted (success only; may be 0)
 * @priv: the Privileged Mode Access bit, the request's Priv
 * @addr: the translated address of the range (size aligned)
 * @size_shift: log2 of the bytes the completion covers
 * @event: the event the SMMU recorded for the request, 0 for none
 */
struct smmu_model_ats_result {
	u8	status;
	u8	perms;
	bool	priv;
	u64	addr;
	u8	size_shift;
	u8	event;
};

/**
 * smmu_model_ats_translate() - a PCI function's ATS Translation Request
 * @mm: a master made by smmu_model_add_pci_master() with ATS
 * @ssid: the PASID it carries, or SMMU_MODEL_NO_SSID
 * @iova: the untranslated address
 * @flags: SMMU_MODEL_DMA_WRITE (NW == 0: the function means to write),
 *	   _EXEC (Exe) and _PRIV (Priv), both of which need a PASID
 * @res: the completion, may be NULL
 *
 * The function must have ATS enabled in its config space (and the PASID
 * capability with Exe/Priv as asked, for @ssid). The SMMU answers as
 * IHI0070 3.9.1.2 and 13.7 say; the function caches a completion that
 * grants anything in its ATC.
 *
 * Context: process or atomic.
 * Return: 0 for a Successful Completion, -EIO for UR or CA, -EOPNOTSUPP
 * when the function cannot make the request.
 */
int smmu_model_ats_translate(struct smmu_model_master *mm, u32 ssid,
			     u64 iova, unsigned int flags,
			     struct smmu_model_ats_result *res);

/**
 * struct smmu_model_atc_counts - what a function's ATC saw
 * @trs: Translation Requests made (by smmu_model_ats_translate() or misses)
 * @hits: Translated accesses its ATC served
 * @misses: Translated accesses that needed a Translation Request
 * @invs: ATS Invalidate Requests received (CMD_ATC_INV at its CMD_SYNC)
 */
struct smmu_model_atc_counts {
	unsigned long	trs;
	unsigned long	hits;
	unsigned long	misses;
	unsigned long	invs;
};

/* Every SubstreamID and none, for smmu_model_atc_counts() */
#define SMMU_MODEL_ANY_SSID	(~1U)

/*
 * The counts of @mm's function for @ssid: SMMU_MODEL_NO_SSID counts what
 * carried no PASID (CMD_ATC_INV with SSV == 0 among them),
 * SMMU_MODEL_ANY_SSID everything. A few SubstreamIDs are counted apart.
 */
void smmu_model_atc_counts(struct smmu_model_master *mm, u32 ssid,
			   struct smmu_model_atc_counts *c);
/* The function's ATC holds a translation of @iova for @ssid */
bool smmu_model_atc_holds(struct smmu_model_master *mm, u32 ssid, u64 iova);
/*
 * Put a translation of the 4KB page at @iova to @pa (read and write) in
 * the function's ATC, as one left there before the driver took the
 * function over (firmware, a previous kernel) would be.
 */
void smmu_model_atc_preload(struct smmu_model_master *mm, u32 ssid, u64 iova,
			    phys_addr_t pa);

/* ------------------------------------------------------------------------
 * PRI: Page Request Interface (PCIe) and the SMMU's PRI queue (IHI0070 8)
 */

/*
 * PRG Response codes are SMMU_MODEL_PRG_SUCCESS, _INVALID and _FAILURE
 * (arm-smmu-v3-model-spec.h, IHI0070 8.3); this one means none came.
 */
#define SMMU_MODEL_PRG_NONE	(-1)

/**
 * smmu_model_page_request() - a PCI function's Page Request Message
 * @mm: a master of smmu_model_add_pci_master() with .pri
 * @ssid: the PASID it carries, or SMMU_MODEL_NO_SSID
 * @addr: the page's address (low 12 bits ignored)
 * @flags: SMMU_MODEL_DMA_WRITE (W; R is always asked), _EXEC, _PRIV (the
 *	   last two need a PASID with Execute / Privileged enabled)
 * @prgi: PRG index, 9 bits
 * @last: the last request of its group (L)
 *
 * The function sends it only while PRI Enable is set in its config space,
 * no Response Failure stopped it (PCIe PRI: until software resets PRI),
 * and fewer requests than the Outstanding Page Request Allocation await a
 * response; with a PASID, only while PASID Enable (and Execute, Privileged
 * as asked) is set. The request then counts as outstanding until a PRG
 * Response for its group (@ssid, @prgi) arrives. The SMMU puts it in its
 * PRI queue or, per IHI0070 8.1 and 8.2, discards it and perhaps answers
 * it itself.
 *
 * Context: process or atomic.
 * Return: 0 when the SMMU received it (queued, or discarded/auto-responded
 * as IHI0070 8.1/8.2 say); -EOPNOTSUPP when the function may not send it
 * (PRI, or the PASID, not enabled, stopped by a Response Failure, or more
 * outstanding requests than software allocated); -EINVAL on bad arguments
 * (not a PCI function with PRI, unknown @flags, @prgi above 0x1ff, a
 * PRGI whose group already sent its last request and awaits a response).
 */
int smmu_model_page_request(struct smmu_model_master *mm, u32 ssid, u64 addr,
			    unsigned int flags, u16 prgi, bool last);

/*
 * A Stop Marker for @ssid (PCIe Stop PASID marker: L = 1, W = R = 0, with
 * a PASID; IHI0070 8). Uncredited, never answered. 0, -EOPNOTSUPP or
 * -EINVAL as smmu_model_page_request(); @ssid must be a PASID.
 */
int smmu_model_stop_marker(struct smmu_model_master *mm, u32 ssid);

/**
 * smmu_model_wait_prg_response() - the PRG Response Message the function
 * received for (@ssid, @prgi)
 * @mm: a master of smmu_model_add_pci_master() with .pri
 * @ssid: the PASID of the group's requests, or SMMU_MODEL_NO_SSID
 * @prgi: the group's index
 * @timeout_ms: how long to wait for it
 *
 * A response ends its group (its requests no longer count as
 * outstanding) when it arrives, whether or not it is waited for; this
 * takes the oldest one received for the group and not taken yet.
 *
 * Context: process, may sleep.
 * Return: its SMMU_MODEL_PRG_* code (>= 0), or -ETIMEDOUT.
 */
int smmu_model_wait_prg_response(struct smmu_model_master *mm, u32 ssid,
				 u16 prgi, unsigned int timeout_ms);

/**
 * struct smmu_model_pri_counts - what a function saw of PRI
 * @sent: Page Requests it sent (Stop Markers not included)
 * @queued: of its messages, those the SMMU wrote to the PRI queue
 * @discarded: those the SMMU discarded (overflow, PRIQEN == 0, an abort)
 * @auto_responses: PRG Responses the SMMU generated for it (IHI0070 8.1/8.2)
 * @responses: PRG Responses software sent it (CMD_PRI_RESP)
 * @stop_markers: Stop Markers it sent
 * @unexpected_responses: responses that matched no outstanding group
 *			  (PCIe: Unexpected PRG Index, Status.UPRGI)
 * @ignored_responses: responses received while stopped by a Response
 *		       Failure, which PCIe has it ignore
 * @overflows: times one of its messages found the PRI queue full and
 *	       made the SMMU toggle PRIQ_PROD.OVFLG
 * @outstanding: requests awaiting a response now (credits in use)
 */
struct smmu_model_pri_counts {
	unsigned long	sent;
	unsigned long	queued;
	unsigned long	discarded;
	unsigned long	auto_responses;
	unsigned long	responses;
	unsigned long	stop_markers;
	unsigned long	unexpected_responses;
	unsigned long	ignored_responses;
	unsigned long	overflows;
	unsigned long	outstanding;
};

/* What @mm's function saw of PRI since it was added */
void smmu_model_pri_counts(struct smmu_model_master *mm,
			   struct smmu_model_pri_counts *c);

/**
 * smmu_model_override_eats() - the EATS a StreamID's STE is read with
 * @m: the model SMMU
 * @sid: the StreamID
 * @eats: STE.EATS (0-3), or -1 to read the STE as memory holds it again
 *
 * Test-facing: for a function whose ATS the driver leaves alone (no
 * smmu_model_pci_cfg.rc_ats), a test that wants an STE with ATS enabled
 * gets it here. From its next fetch (the cached
 * STE and its CDs are dropped, as CFGI_STE would) the model reads the
 * STE of @sid with EATS = @eats, decoding and checking it as usual; the
 * checkers keep reading memory. @sid must be one of a master's.
 */
void smmu_model_override_eats(struct smmu_model *m, u32 sid, int eats);
#endif /* _ARM_SMMU_V3_MODEL_H */
