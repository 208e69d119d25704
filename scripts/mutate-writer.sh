#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Mutation test of the hitless entry writer, the lock-free command queue,
# the ATS bookkeeping of domains and, against the software SMMU model
# (model_* mutants), the driver's invalidation, reset, interrupt and
# error paths: apply each deliberate bug below to a copy of the tree, one
# at a time, run the KUnit suites on the copy and check that they fail.
# The clone itself is never modified.
#
# usage: scripts/mutate-writer.sh [-l] [-n] [mutant...]
#   -l        list the mutants and exit
#   -n        skip the baseline run of the unmutated copy
#   mutant    run only these (default: all)
#
# A mutant counts as killed only when one of the suites it targets
# (arm_smmu_v3_entry_*, arm_smmu_v3_cmdq_*, arm_smmu_v3_msi_*,
# arm_smmu_v3_tlbi_*, arm_smmu_v3_domain_atc, arm_smmu_v3_model_*,
# arm_smmu_v3_pasid, arm_smmu_v3_ats, arm_smmu_v3_sva, arm_smmu_v3_iopf_*,
# arm_smmu_v3_alloc_fail) reports
# a failure: a build or
# harness failure, or a failure of another suite in the same module, kills
# nothing. The unmutated copy runs first and these suites must pass (else
# every kill would be meaningless).
#
# Environment:
#   MUTATE_TEST   command run in the mutated copy, with the copy's path as
#                 its argument; it must fail when a test fails
#                 (default: build the copy's initramfs, run its
#                 scripts/kunit.sh ours)
#   MUTATE_KEEP   set to keep the copies (for inspection)
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
ENTRY=arm-smmu-v3-entry.c

# name | file (arm-smmu-v3-<file>.c, core: arm-smmu-v3.c) | what the bug is |
# perl substitution. The model_* mutants leave QEMU's own SMMU (which has
# RIL and no MSI) working where they can: a driver that corrupts memory
# through QEMU's SMMU crashes the run before the model's suites report.
MUTANTS=(
"skip_unused_pass|entry|hitless: no first pass over the bits the old value ignores|\
s/arm_smmu_plan_step\(plan, cur, val, true\);\n\n\tval\[crit\] = target\[crit\];/val[crit] = target[crit];/"
"skip_unused_pass_critical_last|entry|hitless: no first pass, critical qword stored last in its window|\
s/arm_smmu_plan_step\(plan, cur, val, true\);\n\n\tval\[crit\] = target\[crit\];/val[crit] = target[crit];/ and \
s/for \(i = 0; i < ARM_SMMU_ENTRY_QWORDS; i\+\+\)\n\t\t\tif \(entry\[i\] != step->val\[i\]\)/for (i = ARM_SMMU_ENTRY_QWORDS; i-- > 0;)\n\t\t\tif (entry[i] != step->val[i])/"
"qword0_first|entry|breaking: qword 0 takes its new value before the rest|\
s/memcpy\(val, cur, sizeof\(val\)\);\n\tval\[0\] = 0;/memcpy(val, cur, sizeof(val));\n\tval[0] = target[0];/"
"drop_switch_sync|entry|hitless: no sync after the critical qword|\
s/val\[crit\] = target\[crit\];\n\tarm_smmu_plan_step\(plan, arm_smmu_plan_last\(plan, cur\), val, true\);/val[crit] = target[crit];\n\tarm_smmu_plan_step(plan, arm_smmu_plan_last(plan, cur), val, false);/"
"drop_break_sync|entry|breaking: no sync after V = 0|\
s/val\[0\] = 0;\n\tarm_smmu_plan_step\(plan, cur, val, true\);/val[0] = 0;\n\tarm_smmu_plan_step(plan, cur, val, false);/"
"extra_cleanup_sync|entry|hitless: a sync after the cleanup, which needs none|\
s/arm_smmu_plan_step\(plan, arm_smmu_plan_last\(plan, cur\), target, false\);/arm_smmu_plan_step(plan, arm_smmu_plan_last(plan, cur), target, true);/"
"s1dss_unused|entry|used bits: S1DSS marked unused|\
s/\t\tused\[1\] \|= STE_1_S1DSS;\n//"
"eats_unused|entry|used bits: EATS marked unused|\
s/used\[1\] \|= STE_1_EATS \| STE_1_MEV;/used[1] |= STE_1_MEV;/"
"overrides_unused_in_bypass|entry|used bits: attribute overrides unused in bypass|\
s/if \(!\(cfg & STE_CFG_S1\)\)\n\t\tused\[1\] \|= STE_1_ATTR_OVERRIDES;\n//"
"epd0_keeps_ttb0_used|entry|used bits: TTB0 still used with EPD0 set|\
s/\t\tused\[1\] &= ~cpu_to_le64\(CD_1_TTB0\);\n//"
"one_critical_is_breaking|entry|plan: a single critical qword breaks the entry|\
s/hweight_long\(critical\) == 1/hweight_long(critical) == 0/"
"two_critical_is_hitless|entry|plan: two critical qwords updated without V = 0|\
s/hweight_long\(critical\) == 1\)/hweight_long(critical) <= 2)/"
"publish_without_waiting|cmdq|cmdq: a batch writes PROD before the batches ahead of it are out|\
s/if \(pos != start\)\n\t\treturn false;/if (pos > start)\n\t\treturn false;\n\tpos = start;/"
"no_space_check|cmdq|cmdq: slots claimed without checking that the SMMU consumed them|\
s/if \(\(s64\)\(pos \+ total - atomic64_read\(&cmdq->cons_seen\)\) <= size\)/if ((s64)(pos + total - atomic64_read(\&cmdq->cons_seen)) <= 2 * size)/"
"sync_done_early|cmdq|cmdq: a CMD_SYNC wait ends four commands early|\
s/return cmdq_cons_now\(cmdq\) >= target;/return cmdq_cons_now(cmdq) + 4 >= target;/"
"msi_unaligned_accepted|core|msi: a doorbell address CFG0 cannot hold is programmed anyway|\
s/if \(addr & ~IRQ_CFG0_ADDR\)\n\t\treturn -EINVAL;\n//"
"ttl_level_off_by_one|cmdq|tlbi: the TTL hint names the level above the leaves|\
s/return 3 - up;/return 2 - up;/"
"error_not_repaired|cmdq|cmdq: the illegal command is left in place after CERROR_ILL|\
s/\tslot\[0\] = nop.data\[0\];\n\tslot\[1\] = nop.data\[1\];\n//"
"ats_link_not_counted|domain|atc: linking an ATS master leaves the ATS count alone|\
s/\tif \(att->ats\)\n\t\tatomic_inc\(&d->nr_ats\);\n//"
"ats_unlink_not_counted|domain|atc: unlinking an ATS master leaves the ATS count alone|\
s/\tif \(att->ats\)\n\t\tatomic_dec\(&d->nr_ats\);\n//"
"atc_inv_for_every_master|domain|atc: ATC invalidations also for masters without ATS|\
s/\t\tif \(!att->ats\)\n\t\t\tcontinue;\n//"
"tlbi_scale_overflow|cmdq|tlbi: a range with SCALE above 31 is truncated into five bits|\
s/u8 scale = min\(__ffs64\(pages\), ARM_SMMU_TLBI_MAX_SCALE\);/u8 scale = __ffs64(pages);/ and \
s/\t\tif \(blocks > 32\)\n\t\t\treturn max \+ 1;\n//"
"model_unmap_without_tlbi|domain|model: unmap returns without invalidating the TLB|\
s/\tif \(gather->start > gather->end \|\| !d->smmu\)/\tif (leaf || gather->start > gather->end || !d->smmu)/"
"model_tlbi_wrong_asid|domain|model: per-page invalidations (no RIL) name another ASID|\
s/\t\tfor \(; addr < end; addr \+= granule\)\n\t\t\tarm_smmu_add_tlbi\(d, &batch, addr, leaf, 0, 0, 0, 0\);/\t\tfor (; addr < end; addr += granule) {\n\t\t\td->asid ^= 1;\n\t\t\tarm_smmu_add_tlbi(d, \&batch, addr, leaf, 0, 0, 0, 0);\n\t\t\td->asid ^= 1;\n\t\t}/"
"model_asid_freed_uninvalidated|domain|model: an ASID goes back to the allocator without its TLBI|\
s/\tif \(arm_smmu_cmdq_issue\(smmu, &cmd, 1, true\)\)\n/\tif (0 \&\& arm_smmu_cmdq_issue(smmu, \&cmd, 1, true))\n/"
"model_cd_write_without_cfgi|tables|model: a CD is rewritten without CFGI_CD|\
s/\t\tarm_smmu_cmd_cfgi_cd\(&cmd, master->sids\[i\], cw->ssid\);\n\t\tarm_smmu_batch_add\(&batch, &cmd\);\n/\t\t(void)cmd;\n/"
"model_cd0_cleared_before_ste|domain|model: CD 0 is cleared while the STE still uses it, then the STE changes|\
s/(\tarm_smmu_install_ste\(master, &ste\);\n)(\n\tif \(arm_smmu_master_uses_cd0\(master\) &&.*?\n\t\}\n)/\$2\$1/s"
"model_cfgi_without_sync|tables|model: CFGI_STE and CFGI_CD go out without a CMD_SYNC|\
s/arm_smmu_cmdq_issue\(sw->smmu, &cmd, 1, true\);/arm_smmu_cmdq_issue(sw->smmu, \&cmd, 1, false);/ and \
s/\t\tarm_smmu_batch_add\(&batch, &cmd\);\n\t\}\n\tarm_smmu_batch_submit\(&batch\);/\t\tarm_smmu_batch_add(\&batch, \&cmd);\n\t}\n\tarm_smmu_cmdq_issue(batch.smmu, batch.cmds, batch.n, false);/"
"model_sync_msi_wrong_doorbell|cmdq|model: CMD_SYNC writes its MSI next to the word its waiter polls|\
s/\t\t\t\t\t  cmdq->sync_word_dma : 0,/\t\t\t\t\t  cmdq->sync_word_dma + 4 : 0,/"
"model_atschk_cleared|core|model: CR0.ATSCHK left clear on an SMMU with ATS|\
s/\(smmu->feat.ats \? CR0_ATSCHK : 0\)/0/"
"model_gbpa_after_smmuen|core|model: an enabled SMMU is disabled before GBPA aborts|\
s/\t\tret = arm_smmu_set_gbpa\(smmu, true\);\n\t\tif \(ret\)\n\t\t\treturn ret;\n\t\}/\t}/"
"model_irqs_before_quiesce|core|model: interrupts requested before IRQ_CTRL is cleared|\
s/\tret = arm_smmu_device_quiesce\(smmu\);\n\tif \(ret\)\n\t\treturn ret;\n\tarm_smmu_device_program\(smmu\);\n\tret = arm_smmu_setup_irqs\(smmu\);\n/\tret = arm_smmu_setup_irqs(smmu);\n\tif (ret)\n\t\treturn ret;\n\tret = arm_smmu_device_quiesce(smmu);\n\tif (ret)\n\t\treturn ret;\n\tarm_smmu_device_program(smmu);\n/"
"model_commands_dropped_when_full|cmdq|model: a submitter gives up after a second without room|\
s/\t\t\tif \(!cmdq_stuck\(cmdq, &w\)\)\n\t\t\t\tcontinue;\n//"
"model_cmdq_never_dead|cmdq|model: a submitter waits for a dead SMMU for ever|\
s/\treturn ktime_us_delta\(now, w->since\) >= dead_us;/\treturn false;/"
"model_dead_smmu_left_enabled|core|model: a dead SMMU is left translating|\
s/\tarm_smmu_stop\(smmu, true\);\n\tdev_err\(smmu->dev, \"SMMU disabled/\tdev_err(smmu->dev, \"SMMU disabled/"
"model_sync_msi_abort_ignored|core|model: after a CMD_SYNC MSI abort, completion is still awaited by MSI|\
s/\tif \(active & GERROR_MSI_CMDQ_ABT_ERR\)\n\t\tarm_smmu_cmdq_msi_aborted\(smmu\);\n//"
"model_sync_msi_lost_waits|cmdq|model: a waiter past whose CMD_SYNC CONS lies keeps waiting for the MSI|\
s/\t\t\tif \(!READ_ONCE\(cmdq->use_msi\) \|\|\n\t\t\t    cmdq_cons_now\(cmdq\) < target\)/\t\t\tif (true)/"
"model_atc_sync_error_replaced|cmdq|model: after CERROR_ATC_INV_SYNC the CMD_SYNC is replaced by one without MSI|\
s/\tif \(err != CMDQ_ERR_CERROR_ILL\)\n\t\treturn;/\tif (err == CMDQ_ERR_CERROR_ABT)\n\t\treturn;/ and \
s/arm_smmu_cmd_sync\(&nop, READ_ONCE\(cmdq->use_msi\) \?\n\t\t\t  cmdq->sync_word_dma : 0, \(u32\)\(pos \+ 1\)\);/arm_smmu_cmd_sync(\&nop, 0, 0);/"
"model_no_gerror_accepted|core|model: an SMMU without a GERROR interrupt is driven anyway|\
s/\tif \(smmu->gerr_irq <= 0\) \{\n.*?\n\t\treturn -ENXIO;\n\t\}\n//s"
"model_coherency_from_cohacc|core|model: walks are coherent only when COHACC and firmware agree|\
s/\tsmmu->coherent = dev_is_dma_coherent\(smmu->dev\);/\tsmmu->coherent = f->coherent \&\& dev_is_dma_coherent(smmu->dev);/"
"model_gerror_threaded|core|model: GERROR handled in an IRQ thread|\
s/devm_request_irq\(dev, smmu->gerr_irq, arm_smmu_gerror_irq,\n\t\t\t\t       0, /devm_request_threaded_irq(dev, smmu->gerr_irq, NULL,\n\t\t\t\t\t\tarm_smmu_gerror_irq, IRQF_ONESHOT, /"
"model_msi_wrong_doorbell|core|model: the SMMU's MSIs are programmed with the wrong doorbell|\
s/u64 addr = \(\(u64\)msg->address_hi << 32\) \| msg->address_lo;/u64 addr = ((u64)msg->address_hi << 32) | (msg->address_lo + 4);/"
"model_sfm_ignored|core|model: service failure mode leaves the SMMU enabled|\
s/\tif \(active & GERROR_SFM_ERR\)\n\t\tschedule_work\(&smmu->sfm_work\);\n//"
"model_mmu700_erratum_ignored|core|model: MMU-700 batches run on without a CMD_SYNC|\
s/\t\tsmmu->sync_full_batches = true;/\t\tsmmu->sync_full_batches = false;/"
"model_release_blocks_direct_device|domain|model: a device with direct mappings is blocked at release|\
s/\tif \(dev->iommu->require_direct\)\n\t\tarm_smmu_attach\(&arm_smmu_identity_domain, dev\);\n//"
"model_no_domain_without_device|domain|model: a paging domain asked for without a device is refused|\
s/\tif \(dev && !master\)\n\t\treturn ERR_PTR\(-ENODEV\);/\tif (!master)\n\t\treturn ERR_PTR(-ENODEV);/"
"model_dirty_clear_without_tlbi|domain|model: clearing dirty state leaves the writable TLB entries|\
s/\tif \(gather->start > gather->end \|\| !d->smmu\)/\tif (!leaf || gather->start > gather->end || !d->smmu)/"
"model_range_tlbi_reserved_form|domain|model: one granule without a level hint sent as a range TLBI (Reserved)|\
s/\t\t\tif \(!r\[i\].num && !r\[i\].scale && !ttl\)/\t\t\tif (0)/"
"model_dirty_cd_without_hd|domain|model: a dirty-tracking domain's CD leaves HD clear|\
s/\t\t.hw_dirty = d->dirty_tracking,/\t\t.hw_dirty = false,/"
"model_httu_override_ignored|core|model: IORT's HTTU override is ignored|\
s/\tif \(!smmu->httu_overridden\) \{/\tif (true) {/"
"pasid_identity_rid_terminated|domain|PASID: with PASIDs attached an identity RID domain terminates instead of bypassing|\
s/\telse if \(domain && domain->type == IOMMU_DOMAIN_IDENTITY\)\n\t\ts1dss = STE_S1DSS_BYPASS;\n//"
"pasid_ste_left_plain|pasid|PASID: the first PASID leaves the STE in its plain (non CD table) form|\
s/\tif \(first\)\n\t\tarm_smmu_install_ste\(master, &ste\);/\tif (0)\n\t\tarm_smmu_install_ste(master, &ste);/"
"pasid_last_keeps_cdtab_ste|pasid|PASID: the STE keeps its CD table form after the last PASID left|\
s/\tif \(!master->nr_pasids &&\n/\tif (!master->nr_pasids \&\& 0 \&\&\n/"
"pasid_range_unchecked|pasid|PASID: a PASID the CD table cannot hold is accepted|\
s/\treturn pasid && pasid < BIT\(master->cdtab.ssid_bits\);/\treturn pasid;/"
"pasid_pci_not_enabled|pasid|PASID: the PCI function's PASID capability is left disabled|\
s/\tret = pci_enable_pasid\(pdev, features\);/\tret = 0;/"
"pasid_leaf_under_spinlock|pasid|PASID: the CD leaf is allocated under the domain's devices spinlock|\
s/\tret = arm_smmu_cdtab_prepare\(master, pasid\);/\tspin_lock_irq(&d->devices_lock);\n\tret = arm_smmu_cdtab_prepare(master, pasid);\n\tspin_unlock_irq(&d->devices_lock);/"
"pasid_rid_change_rewrites_pasid_cd|domain|PASID: a RID domain change invalidates the CDs of live PASIDs|\
s/\tarm_smmu_detach_old\(master\);\n\tmaster->attach0 = att;/\tif (master->nr_pasids) {\n\t\tmemset(&cd, 0, sizeof(cd));\n\t\tarm_smmu_write_cd(master, 1, &cd);\n\t\tarm_smmu_write_cd(master, 7, &cd);\n\t}\n\tarm_smmu_detach_old(master);\n\tmaster->attach0 = att;/"
"pasid_cd_through_rid_domain_list|pasid|PASID: the CD is installed for every master of the RID domain's devices list|\
s/\tarm_smmu_write_cd\(master, pasid, &cd\);\n\tif \(first\)/\tarm_smmu_write_cd(master, pasid, &cd);\n\tif (master->domain && master->domain->type & __IOMMU_DOMAIN_PAGING) {\n\t\tstruct arm_smmu_attach *o;\n\n\t\tlist_for_each_entry(o, &to_smmu_domain(master->domain)->devices, node)\n\t\t\tif (o->master != master && o->master->cdtab.ssid_bits)\n\t\t\t\tarm_smmu_write_cd(o->master, pasid, &cd);\n\t}\n\tif (first)/"
"pasid_alloc_failure_ignored|pasid|PASID: a failed allocation of the attach entry reports success|\
s/\tatt = arm_smmu_attach_alloc\(master, d, pasid\);\n\tif \(!att\)\n\t\treturn -ENOMEM;/\tatt = arm_smmu_attach_alloc(master, d, pasid);\n\tif (!att)\n\t\treturn 0;/"
"ats_off_without_atc_inv|ats|ATS: EATS is cleared without invalidating the ATC after ATS Enable|\
s/\tmaster->ats_enabled = false;\n\tarm_smmu_atc_inv_sids\(master, 0\);/\tmaster->ats_enabled = false;/"
"ats_atc_inv_with_tlbi|domain|ATS: ATC invalidation goes out before the TLB invalidation completed|\
s/\tarm_smmu_batch_submit\(batch\);\n\tarm_smmu_domain_inv_atc\(d, batch, iova, size\);\n\tif \(batch->n\)/\tarm_smmu_domain_inv_atc(d, batch, iova, size);\n\tif (batch->n)/"
"ats_atc_span_too_small|domain|ATS: an unmap's ATC invalidation names half the span it must cover|\
s/\tunsigned int bits = fls64\(first \^ last\);/\tunsigned int bits = fls64(first ^ last) - (first != last);/"
"ats_toggled_on_rid_change|domain|ATS: a RID domain change turns ATS off and on again in the function|\
s/\tarm_smmu_ats_before_ste\(master, ats\);\n\tarm_smmu_install_ste\(master, &ste\);/\tarm_smmu_ats_before_ste(master, false);\n\tmaster->ats_on = false;\n\tarm_smmu_install_ste(master, &ste);/"
"ats_off_after_eats_cleared|domain|ATS: the function's ATS Enable is cleared only after its STE refuses ATS|\
s/\tarm_smmu_ats_before_ste\(master, ats\);\n\tarm_smmu_install_ste\(master, &ste\);/\tarm_smmu_install_ste(master, &ste);\n\tarm_smmu_ats_before_ste(master, ats);/"
"ats_atc_inv_skipped_for_pasid|pasid|ATS: a detached PASID's translations stay in the ATC|\
s/\tif \(ats\)\n\t\tarm_smmu_master_atc_inv\(master, pasid\);\n//"
"ats_atc_inv_skipped_on_unmap|domain|ATS: an unmap leaves the ATCs alone|\
s/\tarm_smmu_batch_submit\(batch\);\n\tarm_smmu_domain_inv_atc\(d, batch, iova, size\);/\tarm_smmu_batch_submit(batch);/"
"ats_atc_kept_on_rid_change|domain|ATS: the old RID domain's translations stay in the ATC|\
s/\tif \(ats && master->ats_on\)\n\t\tarm_smmu_master_atc_inv\(master, 0\);\n//"
"ats_enabled_without_atc_flush|ats|ATS: the ATC is not emptied before ATS is enabled|\
s/\t\tarm_smmu_atc_inv_sids\(master, 0\);\n//"
"ats_on_for_identity|ats|ATS: an identity RID domain alone turns ATS on|\
s/\tif \(!domain \|\| !\(domain->type & __IOMMU_DOMAIN_PAGING\)\)\n\t\treturn false;/\tif (!domain)\n\t\treturn false;\n\tif (!(domain->type & __IOMMU_DOMAIN_PAGING))\n\t\treturn domain->type == IOMMU_DOMAIN_IDENTITY;/"
"ats_root_complex_ignored|ats|ATS: enabled behind a root complex firmware does not say forwards ATS|\
s/\tif \(!fwspec \|\| !\(fwspec->flags & IOMMU_FWSPEC_PCI_RC_ATS\)\)\n\t\treturn false;\n//"
"sva_notifier_skipped|sva|SVA: the CPU's page table changes never reach the SMMU|\
s/\tif \(end <= start\)\n\t\treturn;/\treturn;/"
"sva_notifier_skips_atc|domain|SVA: the mm notifier leaves the ATCs alone|\
s/\tsmp_mb\(\);\n\tif \(!atomic_read\(&d->nr_ats\)\)/\tsmp_mb();\n\tif (d->domain.type == IOMMU_DOMAIN_SVA || !atomic_read(&d->nr_ats))/"
"sva_release_keeps_cds|sva|SVA: a process exit leaves its CDs walking the freed tables|\
s/\t\tarm_smmu_write_cd\(att->master, att->ssid, &cd\);\n//"
"sva_asid_freed_before_grace|sva|SVA: a freed domain's ASID is released before the notifier's grace period|\
s/\tWARN_ON_ONCE\(!list_empty\(&sd->d.devices\)\);\n\tmmu_notifier_put/\tWARN_ON_ONCE(!list_empty(&sd->d.devices));\n\tarm_smmu_domain_free_id(&sd->d);\n\tmmu_notifier_put/"
"sva_lpa2_shared|sva|SVA: the CPU's LPA2 tables are given to an SMMU that reads them otherwise|\
s/\tif \(tcr & TCR_DS\)\n\t\treturn [^;]*;\n//"
"model_duplicate_sids_kept|domain|model: a StreamID listed twice is installed twice|\
s/\t\tfor \(j = 0; j < master->num_sids; j\+\+\)\n\t\t\tif \(master->sids\[j\] == fwspec->ids\[i\]\)\n\t\t\t\tbreak;\n//"
"iopf_detach_skips_fault_flush|pasid|IOPF: a PASID detach returns while a fault of its domain is still handled|\
s/\t\/\* Faults in flight for \@pasid are done with before the core frees it \*\/\n\tarm_smmu_iopf_flush\(master, domain\);\n//"
"iopf_resume_wrong_stag|iopf|IOPF: CMD_RESUME to the wrong STAG (not the stalled event's)|\
s/arm_smmu_cmd_resume\(&cmd, sid, msg->grpid,/arm_smmu_cmd_resume(&cmd, sid, msg->grpid + 1,/"
"iopf_pri_overflow_drops_requests|iopf|IOPF: drop the PRI response of a request the queue held at an overflow (entries skipped, never reported)|\
s/\t\tarm_smmu_priq_handle_batch\(smmu, n\);\n\tcons \^= Q_OVERFLOW_FLAG;/\t\t;\n\tcons ^= Q_OVERFLOW_FLAG;/"
"iopf_pri_overflow_keeps_partial|iopf|IOPF: after a PRI queue overflow the orphaned first requests of lost groups are kept|\
s/\tiopf_queue_discard_partial\(smmu->iopfq\);\n//"
"iopf_pri_failure_as_invalid|iopf|IOPF: a Failure response (the core's abort of a group it could not build) sent to the function as Invalid Request|\
s/\tdefault:\n\t\treturn PRI_RESP_FAILURE;/\tdefault:\n\t\treturn PRI_RESP_INVALID;/"
"domain_alloc_leaks_id|domain|a paging domain whose page tables cannot be allocated keeps its ASID or VMID|\
s/\tif \(!d->pgtbl_ops\) \{\n\t\tret = -ENOMEM;\n\t\tgoto out_free_id;/\tif (!d->pgtbl_ops) {\n\t\tret = -ENOMEM;\n\t\tgoto out_no_smmu;/"
"iopf_stalld_for_all|tables|IOPF: S1STALLD set for every master, stall-capable ones too|\
s/\t\t\t\t  IDR0_STALL_MODEL_STALL \|\|\n\t\t\t\t  master->stall_capable,/\t\t\t\t  IDR0_STALL_MODEL_STALL,/"
)

list() {
	local m
	for m in "${MUTANTS[@]}"; do
		IFS='|' read -r name _ what _ <<<"$m"
		printf '%-28s %s\n' "$name" "$what"
	done
}

# The copy being worked on, removed on any exit unless MUTATE_KEEP is set
work=
cleanup() {
	if [ -n "$work" ] && [ -z "${MUTATE_KEEP:-}" ]; then
		rm -rf "$work"
	fi
	work=
}
trap cleanup EXIT

baseline=1
while getopts ln opt; do
	case $opt in
	l) list; exit 0 ;;
	n) baseline=0 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))

# Names of the failed cases in a log: KTAP "not ok N name" lines or
# kunit.py's "[FAILED] name" lines, whatever prefixes them.
failed_cases() {
	sed -n -E -e 's/.*not ok [0-9]+ ([[:alnum:]_/]+).*/\1/p' \
		-e 's/.*\[FAILED\] ([[:alnum:]_/]+).*/\1/p' "$1" | sort -u
}

# The writer's and the command queue's suites among them
OUR_SUITES='^arm_smmu_v3_(entry_|cmdq_|msi_|tlbi_|domain_atc|model_|pasid|ats|sva|iopf_|alloc_fail)'
failed_suites() {
	failed_cases "$1" | grep -E "$OUR_SUITES" || true
}

# Every one of our suites reported, and passed
passed_all() {
	local n
	n=$(sed -n -E -e 's/(^|.*[] ])ok [0-9]+ ([[:alnum:]_]+).*/\2/p' \
		-e 's/.*\[PASSED\] ([[:alnum:]_]+).*/\1/p' "$1" |
		grep -E "$OUR_SUITES" | sort -u | wc -l)
	[ "$n" -ge 5 ] && [ -z "$(failed_suites "$1")" ]
}

# The first sign of a broken guest kernel in a console log, if any: a
# build or harness failure never gets as far as printing one.
guest_crash() {
	[ -f "$1" ] || return 1
	grep -a -m1 -oE '(Internal error: [^[]*|BUG: [^[]*|KASAN: [^[]*|Kernel panic - [^[]*)' "$1"
}

run_test() {
	if [ -n "${MUTATE_TEST:-}" ]; then
		$MUTATE_TEST "$1"
	else
		# Our suites only: the in-tree one has nothing to say about a mutant.
		make -C "$1" initramfs && SMMU_OUT="$1/out" "$1/scripts/kunit.sh" ours
	fi
}

copy_tree() {
	local dst=$1
	# Sources only, tracked or not, without build output. Files that a
	# concurrent build removes while we copy are not sources: skip them.
	git -C "$TOP" ls-files -co --exclude-standard -z |
		(cd "$TOP" && xargs -0 cp --parents -t "$dst" 2>/dev/null) || true
	[ -f "$dst/$ENTRY" ] || { echo "copy of $TOP failed" >&2; exit 2; }
}

if [ $baseline = 1 ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/mutate-writer.baseline.XXXXXX")
	copy_tree "$work"
	if run_test "$work" >"$work/mutate.log" 2>&1; then
		rc=0
	else
		rc=$?
	fi
	if ! passed_all "$work/mutate.log"; then
		echo "baseline: the unmutated writer suites do not pass; log:" >&2
		tail -n 30 "$work/mutate.log" >&2
		exit 2
	fi
	[ $rc = 0 ] || echo "baseline: every case passed, but the run exited $rc" >&2
	echo "baseline: the unmutated suite passes"
	cleanup
fi

survivors=()
tried=0
for m in "${MUTANTS[@]}"; do
	IFS='|' read -r name file what subst <<<"$m"
	[ "$file" = core ] && file=arm-smmu-v3.c || file=arm-smmu-v3-$file.c
	if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then
		continue
	fi
	tried=$((tried + 1))
	work=$(mktemp -d "${TMPDIR:-/tmp}/mutate-writer.$name.XXXXXX")
	copy_tree "$work"
	if ! perl -0 -i -pe "\$n += ($subst); END { exit(\$n ? 0 : 1) }" \
		"$work/$file"; then
		printf 'FAIL  %-28s the mutation no longer applies to %s\n' \
			"$name" "$file" >&2
		survivors+=("$name")
		cleanup
		continue
	fi
	log=$work/mutate.log
	if run_test "$work" >"$log" 2>&1; then
		printf 'FAIL  %-28s survived: the suite passed with %s\n' \
			"$name" "$what" >&2
		survivors+=("$name")
	elif [ -z "$(failed_suites "$log")" ] &&
	     crash=$(guest_crash "$work/out/logs/kunit-ours.log"); then
		# DMA through stale translations corrupts the guest before any
		# case can say so: the kernel's own checks caught the mutant.
		printf 'ok    %-28s killed: the guest kernel crashed: %s\n' \
			"$name" "$crash"
	elif [ -z "$(failed_suites "$log")" ]; then
		# A build or harness failure kills nothing
		printf 'FAIL  %-28s no writer test failed (build or harness error?):\n' \
			"$name" >&2
		tail -n 20 "$log" >&2
		survivors+=("$name")
	else
		printf 'ok    %-28s killed: %s\n' "$name" \
			"$(failed_cases "$log" | grep -v -E "$OUR_SUITES" |
			   head -n 3 | xargs) ..."
	fi
	cleanup
done

if [ "$tried" -eq 0 ]; then
	echo "no mutant matched: $*" >&2
	list >&2
	exit 2
fi
if [ ${#survivors[@]} -gt 0 ]; then
	echo "${#survivors[@]} of $tried mutants survived: ${survivors[*]}" >&2
	exit 1
fi
echo "all $tried mutants killed"
