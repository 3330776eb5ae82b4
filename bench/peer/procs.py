"""Running a benchmarked command in its own process: wall time, peak RSS and CPU time.

Shared by the benchmarks in bench/peer/ (peer.py: the transformers peer; bench_ort.py: the Python
onnxruntime peer). Standard library only.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


class BenchError(Exception):
    pass


def child_env(threads: int) -> dict:
    env = dict(os.environ)
    for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[k] = str(threads)
    env["CUDA_VISIBLE_DEVICES"] = ""
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    return env


# Runs the command as its child and writes that child's rusage. The measured process must not be
# a direct child of this (large) Python process: a child's ru_maxrss includes the memory image it
# was forked from, which is ours until exec. Forked from this small helper instead, it is clean
# (the helper's ~10 MB only matter for a process that never gets bigger).
RUSAGE_HELPER = """
import json, os, signal, sys
out, cmd = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGTERM))
while True:
    try:
        _, status, ru = os.wait4(pid, 0)
        break
    except InterruptedError:
        continue
rc = os.waitstatus_to_exitcode(status)
with open(out, "w") as f:
    json.dump({"rc": rc, "maxrss_kb": ru.ru_maxrss, "cpu_s": ru.ru_utime + ru.ru_stime}, f)
sys.exit(0 if rc == 0 else 1)
"""


def measure(cmd: list[str], stdout: Path, stderr: Path, env: dict | None = None) -> dict:
    """Run `cmd` to completion: wall time, and the process's own peak RSS and CPU time."""
    load = os.getloadavg()[0]
    ru_file = stdout.with_name(stdout.name + ".rusage.json")
    ru_file.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with open(stdout, "wb") as fo, open(stderr, "wb") as fe:
        p = subprocess.Popen([sys.executable, "-I", "-S", "-c", RUSAGE_HELPER, str(ru_file), *cmd],
                             stdout=fo, stderr=fe, env=env, cwd=REPO)
        try:
            p.wait()
        except BaseException:
            p.terminate()
            p.wait()
            raise
    wall = time.perf_counter() - t0
    try:
        ru = json.loads(ru_file.read_text())
    except (OSError, ValueError):
        ru = {"rc": p.returncode}
    if ru["rc"] != 0 or p.returncode != 0:
        tail = stderr.read_text(errors="replace")[-3000:]
        hint = " (command not found?)" if ru["rc"] == 127 else ""
        raise BenchError(f"command failed ({ru['rc']}){hint}: {' '.join(cmd)}\n{tail}")
    cpu = ru["cpu_s"]
    return {"wall_s": wall, "rss_mb": ru["maxrss_kb"] / 1024, "cpu_s": cpu,
            "cpu_util": cpu / wall if wall else 0.0, "loadavg_before": load}
