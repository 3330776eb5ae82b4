# nerlink — build, demo, tests, benchmarks, model.
# `make demo` and `make test` are the two commands a newcomer needs (see README).

SHELL := /bin/bash
CARGO ?= cargo
PYTHON_SYS ?= python3
ORT_VERSION := 1.31.1
ORT_DIR := .cache/ort
ORT_LIB := $(ORT_DIR)/libonnxruntime.so
NERLINK := target/release/nerlink
MODEL_DIR := models/vi-ner-e5s

.PHONY: all build demo test ort bench fuzz clean lint python-env python-wheel test-python bench-python

all: build

build:
	$(CARGO) build --release --locked

# libonnxruntime.so from the PyPI onnxruntime wheel (no other download source is used).
ort: $(ORT_LIB)
$(ORT_LIB):
	@mkdir -p $(ORT_DIR)/wheel
	$(PYTHON_SYS) -m pip download --quiet --no-deps --only-binary=:all: \
		--dest $(ORT_DIR)/wheel onnxruntime==$(ORT_VERSION)
	cd $(ORT_DIR) && $(PYTHON_SYS) -c "import zipfile,glob,os,shutil; \
		w=glob.glob('wheel/onnxruntime-$(ORT_VERSION)-*.whl')[0]; z=zipfile.ZipFile(w); \
		n=[x for x in z.namelist() if os.path.basename(x).startswith('libonnxruntime.so')][0]; \
		open('libonnxruntime.so','wb').write(z.read(n)); print('extracted', n)"
	@test -s $(ORT_LIB)

demo: build ort
	@mkdir -p out
	$(NERLINK) extract data/examples -o out/demo.jsonl $(if $(wildcard $(MODEL_DIR)/model.onnx),,--no-model)
	@echo "wrote out/demo.jsonl"

test: ort
	$(CARGO) build --release --locked
	$(CARGO) test --release --locked
	$(MAKE) test-python

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy -p nerlink-python --all-targets -- -D warnings

bench: build ort
	$(CARGO) bench --locked

# property-based fuzzing of normalization/offsets, sentence splitting, the rule layer and the
# BIO decoder: many more cases than the test suite runs (bounded by FUZZ_CASES)
FUZZ_CASES ?= 20000
fuzz:
	PROPTEST_CASES=$(FUZZ_CASES) $(CARGO) test --release --locked --test props

clean:
	rm -rf target out

-include training/model.mk

# CPU time / wall time of `extract --threads 1` on 100 dev-set articles (issue 13 asks <= 1.15):
# the configured threads bound every stage. THREADS_ARGS passes options, e.g. "--no-model".
THREADS_ARGS ?=
.PHONY: bench-threads
bench-threads: build ort
	$(PYTHON_SYS) bench/threads/cpu_ratio.py --bin $(NERLINK) $(THREADS_ARGS)

# ---- benchmarks against the peers (bench/peer/README.md) -----------------------------------
#   make peer-env       .venv-peer: onnxruntime, tokenizers, numpy, onnx from PyPI, pinned in
#                       bench/peer/requirements-ort.txt (no torch)
#   make bench-peer     nerlink vs the Python onnxruntime peer (bench/peer/ort_peer.py) on the same
#                       model: 300 news articles and the same text as single sentences, A/B/A/B x 3;
#                       prints `peer ratio (long): X` and `peer ratio (short): Y`. PEER_ARGS passes
#                       options, e.g. PEER_ARGS="--articles 100 --reps 1"
#   make bench-peer-transformers   nerlink vs the transformers pipeline (needs .venv-training
#                       with torch: make training-env; the shipped model's fp32 checkpoint is
#                       rebuilt from model.onnx by make model-fp32, no training)
#   make bench-gflops   model forward-pass GOP/s beside the measured int8 and fp32 matmul peaks
PEER_VENV := .venv-peer
PEER_ENV_STAMP := $(PEER_VENV)/.installed-1
TRANSFORMERS_PYTHON ?= .venv-training/bin/python
PEER_ARGS ?=
# windows per session run in bench-gflops: 1 is how extract runs them (one window per run)
GFLOPS_BATCH ?= 1
.PHONY: peer-env bench-peer bench-peer-transformers bench-gflops
peer-env: $(PEER_ENV_STAMP)
$(PEER_ENV_STAMP): bench/peer/requirements-ort.txt
	$(PYTHON_SYS) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/pip install --quiet --disable-pip-version-check -r bench/peer/requirements-ort.txt
	@touch $@

bench-peer: build ort peer-env
	$(PYTHON_SYS) bench/peer/bench_ort.py --peer-python $(PEER_VENV)/bin/python $(PEER_ARGS)

bench-peer-transformers: build ort
	@test -x $(TRANSFORMERS_PYTHON) || { echo "bench-peer-transformers: no $(TRANSFORMERS_PYTHON): run 'make training-env'" >&2; exit 2; }
	$(MAKE) model-fp32
	$(TRANSFORMERS_PYTHON) bench/peer/peer.py $(PEER_ARGS)

bench-gflops: ort peer-env
	@peaks=$$($(PEER_VENV)/bin/python bench/peer/matmul_peaks.py --env); \
	echo "matmul peaks (onnxruntime MLAS fp32 and MatMulInteger int8, 1024^3): $${peaks:-n/a}"; \
	NERLINK_GFLOPS_REQUIRE=1 NERLINK_GFLOPS_PEAKS=$$peaks NERLINK_GFLOPS_BATCH=$(GFLOPS_BATCH) \
		$(CARGO) bench --locked --bench gflops

# ---- Python package (python/, README "Python") ---------------------------------------------
#   make python-env     .venv-py with the pinned build and test packages (pip, from PyPI)
#   make python-wheel   build the abi3 wheel with maturin into target/wheels and install it there
#   make test-python    pytest python/tests: API vs CLI, Parquet CLI, Spark local[2], Ray local,
#                       the output JSON Schema (docs/output.schema.json) on real output
#   make bench-python   docs/s of the CLI, the Python API and Spark local[2] on 500 documents
PY_VENV := .venv-py
PY := $(PY_VENV)/bin/python
PY_PACKAGES := maturin==1.16.0 pytest==9.0.2 pyarrow==26.0.1 pyspark==4.1.1 \
	"ray[data]==2.60.0" onnxruntime==$(ORT_VERSION) jsonschema==4.26.0
PY_STAMP := $(PY_VENV)/.installed-1
BENCH_ARGS ?=

python-env: $(PY_STAMP)
$(PY_STAMP):
	$(PYTHON_SYS) -m venv $(PY_VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $(PY_PACKAGES)
	@touch $@

python-wheel: $(PY_STAMP)
	rm -f target/wheels/nerlink-*.whl
	cd python && ../$(PY_VENV)/bin/maturin build --release --locked -o ../target/wheels
	$(PY) -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
		target/wheels/nerlink-*.whl

test-python: build ort python-wheel
	cd python/tests && ../../$(PY) -m pytest -q -p no:cacheprovider

bench-python: build ort python-wheel
	$(PY) bench/python/bench_python.py $(BENCH_ARGS)
