# meanfield: make run (main job), make test (tests), make bench (benchmarks).
# Each target installs the missing system packages first (Debian/Ubuntu, as root or via sudo).

APT_PACKAGES := libgsl-dev libopenblas-dev gnuplot-nox
SWIFT ?= swift
BIN := .build/release/meanfield
OUT := notebooks-out

.PHONY: deps build run test bench clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release

# The main job: the tanh phase diagram of the paper (41×41) and the order-to-chaos
# boundary, written to notebooks-out/, and the featured points printed.
run: build
	@mkdir -p $(OUT)
	$(BIN) phase-diagram --sigma-w 1:5:41 --sigma-b 0:4:41 > $(OUT)/phase-diagram-tanh.dat.tmp && mv $(OUT)/phase-diagram-tanh.dat.tmp $(OUT)/phase-diagram-tanh.dat
	$(BIN) boundary --sigma-b 0:4:41 > $(OUT)/boundary-tanh.dat.tmp && mv $(OUT)/boundary-tanh.dat.tmp $(OUT)/boundary-tanh.dat
	@if command -v gnuplot >/dev/null; then gnuplot plots/phase-diagram-tanh.gp && echo "rendered plots/phase-diagram-tanh.png"; fi
	@for sw in 1.3 2.5 4.0; do $(BIN) fixed-point --sigma-w $$sw --sigma-b 0.3 --format csv | grep -v '^#'; done | awk 'NR==1 || !/^q_star/' | cut -d, -f1-9
	@echo "wrote $(OUT)/phase-diagram-tanh.dat and $(OUT)/boundary-tanh.dat"

test: deps
	$(SWIFT) test

bench: build
	$(BIN) bench

clean:
	rm -rf .build
