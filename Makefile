# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree Arm SMMUv3 driver. `make help` lists the targets.

ifneq ($(shell uname -m),aarch64)
# Any other host cross-builds against the project's cached arm64 test kernel.
export ARCH := arm64
export CROSS_COMPILE ?= aarch64-linux-gnu-
KDIR ?= $(shell $(CURDIR)/scripts/kdir.sh)
else
KDIR ?= /lib/modules/$(shell uname -r)/build
endif

DRIVER ?= ours
VARIANT ?= default
# The SMMU's stages in QEMU: s1, s2 or nested (scripts/lib.sh)
PROFILE ?= $(or $(SMMU_PROFILE),s1)
export SMMU_PROFILE := $(PROFILE)
OUT ?= $(CURDIR)/out
export SMMU_OUT := $(OUT)

.PHONY: all modules modules_install clean help lint kernel initramfs \
	e2e e2e-all e2e-profiles kunit kunit-run demo check distro-check bench dkms-install dkms-remove mutate mutate-s2 shell \
	harness-selftest storm soak

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

modules_install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

# On the board, as root: DKMS builds and installs the module for the running
# kernel, and again for each kernel installed later (dkms.conf).
dkms-install:
	scripts/dkms.sh install

dkms-remove:
	scripts/dkms.sh remove

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf $(OUT)

lint:
	scripts/lint.sh

kernel:
	scripts/build-kernel.sh

initramfs:
	scripts/mkinitramfs.sh $(OUT)

e2e: initramfs
	scripts/e2e.sh $(DRIVER) $(VARIANT)

e2e-all: initramfs
	@rc=0; for v in default lazy identity acpi minimal faultinject cycles cycles-minimal storm soak soak-minimal userdma \
		fw-short-reg fw-no-gerror fw-extra-irq fw-sid-range fw-sid-dup fw-noncoherent \
		$(if $(filter ours,$(DRIVER)),strtab2 linear); do \
		scripts/e2e.sh $(DRIVER) $$v || rc=1; done; exit $$rc

# The default suite on the s2 and nested profiles, both drivers
e2e-profiles: initramfs
	scripts/e2e-profiles.sh

# A minute of fault storm with each driver (make check runs 12 s), the
# disks held to 80 % of their quiet rate (make check: 40 %, for a loaded
# host); the second run at full blast only reports the disks' rates
# (scripts/guest/storm.sh)
STORM_SECS ?= 60
STORM_MIN ?= 80
storm: initramfs
	@rc=0; for d in ours reference; do \
		STORM_SECS=$(STORM_SECS) STORM_MIN=$(STORM_MIN) \
			scripts/e2e.sh $$d storm || rc=1; \
		STORM_SECS=$(STORM_SECS) STORM_LEN=2048 STORM_MIN=0 \
			scripts/e2e.sh $$d storm || rc=1; done; exit $$rc

# Ten minutes of everything at once with each driver, on the debug kernel
# (kernel reports, kmemleak) and on the minimal one (memory back to its
# starting level); make check runs 30 s of each (scripts/guest/soak.sh)
SOAK_SECS ?= 600
soak: initramfs
	@rc=0; for d in ours reference; do for v in soak soak-minimal; do \
		SOAK_SECS=$(SOAK_SECS) scripts/e2e.sh $$d $$v || rc=1; done; done; exit $$rc

# With DRIVER=ours (the default) the in-tree suite runs too, for the table.
kunit: initramfs
ifeq ($(DRIVER),ours)
	scripts/kunit-both.sh
else
	scripts/kunit.sh $(DRIVER)
endif

# The same suites built into a copy of the 6.12 tree, run by kunit.py run
kunit-run:
	scripts/kunit-run.sh

demo:
	scripts/demo.sh $(DRIVER)

check:
	scripts/check.sh

distro-check:
	scripts/distro-check.sh

bench:
	scripts/bench.sh

mutate:
	scripts/mutate-writer.sh

mutate-s2:
	scripts/mutate-s2.sh

shell: initramfs
	scripts/run-qemu.sh -d $(DRIVER) -j shell

harness-selftest:
	scripts/harness-selftest.sh

help:
	@echo 'Arm SMMUv3 out-of-tree driver. Targets:'
	@echo '  make [modules]      build arm_smmu_v3_oot.ko (and its KUnit module) against KDIR'
	@echo '                      (arm64 host: the running kernel; else the cached test kernel)'
	@echo '  make modules_install  install the modules into KDIR'"'"'s module tree'
	@echo '  make dkms-install   (root) install the module with DKMS for the running kernel'
	@echo '                      and every kernel installed later; make dkms-remove undoes it'
	@echo '  make clean          remove build products and $(OUT)'
	@echo '  make lint           W=1, sparse, checkpatch --strict, coccicheck, kernel-doc'
	@echo '  make kernel         build (or find in ~/.cache/smmuv3) the arm64 debug test kernel'
	@echo '  make initramfs      build modules for the test kernel and pack the test initramfs'
	@echo '  make e2e            end-to-end suite on QEMU (DRIVER=ours|reference,'
	@echo '                      VARIANT=default|lazy|identity|strtab2|linear|acpi|minimal|faultinject|userdma,'
	@echo '                      or debian[-VARIANT]: on Debian'"'"'s own arm64 kernel;'
	@echo '                      PROFILE=s1|s2|nested: the SMMU'"'"'s stages in QEMU)'
	@echo '  make e2e-all        the end-to-end suite in every variant'
	@echo '  make e2e-profiles   the default suite on the s2 and nested SMMU profiles, both drivers'
	@echo '  make storm          a minute of fault storm with each driver (STORM_SECS)'
	@echo '  make soak           ten minutes of concurrent I/O and domain changes with each'
	@echo '                      driver, debug and minimal kernels (SOAK_SECS)'
	@echo '  make kunit          our KUnit suites and the in-tree one on QEMU via kunit.py, with'
	@echo '                      the sync-count table (DRIVER=reference: the in-tree suite only)'
	@echo '  make kunit-run      the same suites built in, run by kunit.py run --arch=arm64'
	@echo '                      (.kunitconfig, kunit/qemu_config.py), counts compared with make kunit'"'"'s'
	@echo '  make demo           boot QEMU with the driver and print a short summary'
	@echo '  make check          everything above that tests: setup, build, lint, kunit, e2e,'
	@echo '                      and distro-check'
	@echo '  make distro-check   Debian'"'"'s arm64 kernel: build against its headers, boot it, e2e'
	@echo '  make bench          dma_map_benchmark and NVMe direct I/O, ours vs reference (ratios)'
	@echo '  make mutate         show the KUnit suites fail for each injected bug'
	@echo '  make mutate-s2      show the e2e suite fail on the s2 profile for each stage-2 bug'
	@echo '  make shell          interactive QEMU shell with the test initramfs (DRIVER=...)'
	@echo '  make harness-selftest  prove the harness fails on an injected kernel report'
	@echo 'Variables: KDIR, DRIVER ($(DRIVER)), VARIANT ($(VARIANT)), PROFILE ($(PROFILE)), OUT ($(OUT))'
