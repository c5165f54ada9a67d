# meanfield: make run (main job), make test (tests), make bench (benchmarks).
# Each target installs the missing system packages first (Debian/Ubuntu, as root or via sudo):
# the main job needs only GSL, OpenBLAS and gnuplot; the tests also need the Slurm daemons
# and munge (the cluster test) and GNU time (the memory tests).

APT_PACKAGES := libgsl-dev libopenblas-dev gnuplot-nox
TEST_APT_PACKAGES := $(APT_PACKAGES) munge slurmctld slurmd slurm-client time
SWIFT ?= swift
BIN := .build/release/meanfield
# make run's binary: `meanfield reproduce` with its defaults and the featured points, without
# the CLI (see run-build).
RUN_BIN := .build/debug/meanfield-reproduce
OPTIMISED := MEANFIELD_OPTIMISED_LIBRARIES=1
OUT := notebooks-out

.PHONY: deps test-deps build run-build run test bench bench-readme bench-ntk clean

# Installs those of $(1) that dpkg does not know.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))

test-deps:
	$(call apt_install,$(TEST_APT_PACKAGES))

# The Swift runtime is linked in (--static-swift-stdlib): the binary runs on cluster nodes
# without Swift installed, and a process starts in ~8 ms instead of ~15 (16 shards).
build: deps
	$(SWIFT) build -c release --static-swift-stdlib --product meanfield

# make run's build: only what the figures need (meanfield-reproduce: no CLI, no
# swift-argument-parser, no sharding or activation transforms), the numerical modules
# optimised (-O) inside the debug configuration and the rest not (Package.swift,
# MEANFIELD_OPTIMISED_LIBRARIES=run), and no index store (only the tests' discovery reads it:
# 37.5 s against 40.9 s with it, side by side). Measured on a fresh clone of 2 cores: 33-39 s,
# against 61-67 s for the whole tool in make test's configuration and 111 s for the release
# build; the figures are the same bytes, made as fast.
run-build: deps
	MEANFIELD_OPTIMISED_LIBRARIES=run $(SWIFT) build --product meanfield-reproduce --disable-index-store

# The main job: every figure regenerated (Figs. 1-10), tables in notebooks-out/ and gnuplot
# scripts + PNGs in plots/ (Figure 4's fig4-circle holds the Monte-Carlo great circle beside
# its theory), each figure's time, then the paper's featured points (meanfield fixed-point's
# numbers). For other options (--seed, --figures): meanfield reproduce (make build).
run: run-build
	$(RUN_BIN) --out $(OUT) --plots plots

# The numerical library modules are compiled optimised in the test build (see Package.swift;
# Figures, Reporting and Learning are not): the tests spend their time in quadrature and
# simulation, which runs 7-35x faster optimised. The flags differ from make run's (Formulas,
# the index store), so make run then make test compiles the modules again. Test
# cases run in parallel processes, four per core (at least 8, at most 32): each case is a
# process of its own, and many wait on the processes they start (the CLI, gnuplot, Slurm),
# so one worker per core left the cores idle. Measured on 2 cores, the suite alone (410 tests,
# 2026-12-06): 97.8 s with 2 workers, 77.8 s with 3, 69.0 s with 4, 52.1 s with 6, 50.8 s with 8.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); w=$$((n * 4)); [ $$w -lt 8 ] && w=8; [ $$w -gt 32 ] && w=32; echo $$w)
test: test-deps
	$(OPTIMISED) $(SWIFT) test --disable-swift-testing --parallel --num-workers $(TEST_WORKERS)

bench: build
	$(BIN) bench

# The README's speed table: one bench run of the parts that have rows, with every peer
# found (PEERS; NT_PYTHON and DKS_PYTHON, the pythons of the neural-tangents and dks
# venvs, when they exist), written to bench/speed.md and spliced between the speed-table
# markers of README.md.
PEERS ?= ../shared/peers
NT_PYTHON ?= python3
DKS_PYTHON ?= python3
SPEED_TABLE := bench/speed.md
BENCH_README := --only theory,monte-carlo,spectrum,learning,fluctuations,transforms --repeats 1
bench-readme: build
	$(BIN) bench $(BENCH_README) --peers $(PEERS) $(if $(wildcard $(NT_PYTHON)),--nt-python $(NT_PYTHON)) $(if $(wildcard $(DKS_PYTHON)),--dks-python $(DKS_PYTHON)) --markdown $(SPEED_TABLE)
	@grep -q '^<!-- speed table: begin' README.md && grep -q '^<!-- speed table: end' README.md
	awk -v table=$(SPEED_TABLE) 'BEGIN { while ((getline l < table) > 0) t = t l "\n" } \
		/^<!-- speed table: end/ { skip = 0 } !skip { print } \
		/^<!-- speed table: begin/ { printf "%s", t; skip = 1 }' README.md > README.md.tmp && mv README.md.tmp README.md

# Residual-network NNGP + NTK grids against neural-tangents, side by side (needs the venv of
# peers/requirements-nt.txt: NT_PYTHON=path/to/.venv-nt/bin/python).
bench-ntk: build
	$(NT_PYTHON) bench/ntk_resnet_bench.py $(BIN)

clean:
	rm -rf .build
