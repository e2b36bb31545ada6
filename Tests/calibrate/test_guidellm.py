#!/usr/bin/env python3
"""End to end: a real benchmark client (GuideLLM, from PyPI) measures a stub server whose
latencies this test sets, and `calibrate` fits the efficiencies those latencies imply.

    python3 Tests/calibrate/test_guidellm.py .build/debug/capplan

GuideLLM 0.3.0 is installed (pinned) into .build/calibrate-venv the first time; it runs
offline (HF_HUB_OFFLINE=1) with a word-level tokenizer built here (make_tokenizer.py), against
stub_server.py on loopback. The server answers every request with TTFT = 30 ms + 0.05 ms per
prompt token and 10 ms between tokens, so the factors `calibrate` must find are derived below
by hand from the perf model's formulas (docs/capacity-math.md §1).

If the client cannot be installed the test fails when the CI variable is set and is skipped
otherwise.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(ROOT, ".build", "calibrate-venv")
GUIDELLM = "guidellm==0.3.0"


def skip_or_fail(message):
    if os.environ.get("CI"):
        print(f"calibrate end-to-end test FAILED: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"calibrate end-to-end test skipped: {message}", file=sys.stderr)
    sys.exit(0)


def venv_python():
    python = os.path.join(VENV, "bin", "python")
    ok = os.path.exists(python) and subprocess.run(
        [python, "-c", "import guidellm, tokenizers, transformers"], capture_output=True).returncode == 0
    if not ok:
        print(f"installing {GUIDELLM} into {VENV} (once)...", file=sys.stderr)
        r = subprocess.run([sys.executable, "-m", "venv", VENV], capture_output=True, text=True)
        if r.returncode != 0:
            skip_or_fail("cannot create a virtual environment: " + r.stderr.strip()[-300:])
        r = subprocess.run([python, "-m", "pip", "install", "-q", GUIDELLM], capture_output=True, text=True)
        if r.returncode != 0:
            skip_or_fail(f"pip install {GUIDELLM} failed: " + r.stderr.strip()[-300:])
    return python


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the stub server did not start")


def check(condition, message):
    if not condition:
        print("FAIL: " + message, file=sys.stderr)
        sys.exit(1)
    print("ok: " + message)


def main():
    capplan = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "capplan"))
    python = venv_python()
    work = tempfile.mkdtemp(prefix="capplan-calibrate-")
    text = subprocess.run([python, "-c", "import guidellm, os; print(os.path.join(os.path.dirname(guidellm.__file__), 'data', 'prideandprejudice.txt.gz'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    tokenizer = os.path.join(work, "tokenizer")
    subprocess.run([python, os.path.join(HERE, "make_tokenizer.py"), tokenizer, text], check=True, capture_output=True)

    port = free_port()
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "stub_server.py"), "--port", str(port),
                               "--ttft-ms", "30", "--ttft-per-token-ms", "0.05", "--itl-ms", "10"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port)
        result = os.path.join(work, "guidellm.json")
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", HF_DATASETS_OFFLINE="1")
        r = subprocess.run([os.path.join(VENV, "bin", "guidellm"), "benchmark", "run", "--target", f"http://127.0.0.1:{port}",
                            "--processor", tokenizer, "--data", "prompt_tokens=256,output_tokens=32", "--rate-type", "synchronous",
                            "--max-requests", "12", "--output-path", result, "--output-sampling", "3",
                            "--disable-progress", "--disable-console-outputs", "--random-seed", "7"],
                           capture_output=True, text=True, env=env, cwd=work, timeout=300)
        check(r.returncode == 0 and os.path.exists(result), "guidellm ran against the stub server" + ("" if r.returncode == 0 else ": " + r.stderr[-500:]))
    finally:
        server.terminate()
        server.wait()

    with open(result) as f:
        bench = json.load(f)["benchmarks"][0]["metrics"]
    mean = lambda name: bench[name]["successful"]["mean"]
    itl = mean("inter_token_latency_ms") / 1e3
    ttft = mean("time_to_first_token_ms") / 1e3
    prompt = round(mean("prompt_token_count"))
    check(abs(itl - 0.010) < 0.0015, f"the client measured the stub's 10 ms inter-token latency ({itl * 1e3:.2f} ms)")

    script = os.path.join(work, "calibrate.cap")
    with open(script, "w") as f:
        f.write(f'calibrate "{result}" model=llama-3.1-8b gpu=h100\n'
                f"perf llama-3.1-8b gpu=h100 concurrency=1 in={prompt} out=32\n")
    r = subprocess.run([capplan, "--format", "json", script], capture_output=True, text=True, timeout=120)
    check(r.returncode == 0, "capplan calibrate read the GuideLLM file" + ("" if r.returncode == 0 else ": " + r.stderr))
    calibration, perf = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]

    # Hand derivation (Llama-3.1-8B on one H100 SXM, vLLM defaults: o_step = 2 ms, o_request = 15 ms):
    # batch-1 decode reads the weights W = 2 B x 8,030,261,248 and the KV of ~ S + 16 tokens
    # (131,072 B each) at BW x MBU, BW = 3.35e12 B/s, plus the 2 ms step overhead:
    #     ITL = 2 ms + (W + (S + 16) x 131,072) / (3.35e12 x MBU)  =>  MBU = (W + ...) / (3.35e12 x (ITL - 2 ms))
    w = 2 * 8_030_261_248
    mbu = (w + (prompt + 16) * 131_072) / (3.35e12 * (itl - 0.002))
    # The 253-token prefill is one compute-bound step: 2 x N x S FLOPs at 989e12 x MFU, plus the
    # step overhead, after the 15 ms request overhead (attention over 253 tokens is < 1%):
    #     TTFT = 15 ms + 2 ms + 2 N S / (989e12 x MFU)  =>  MFU = 2 N S / (989e12 x (TTFT - 17 ms))
    mfu = 2 * 8_030_261_248 * prompt / (989e12 * (ttft - 0.017))
    check(calibration["tool"] == "guidellm" and calibration["model"] == "llama-3.1-8b" and calibration["gpu"] == "h100-sxm",
          "the result names the tool, model and GPU")
    check(abs(calibration["mbu"] / mbu - 1) < 0.03, f"MBU {calibration['mbu']:.4f} matches the hand value {mbu:.4f} within 3%")
    check(abs(calibration["mfu"] / mfu - 1) < 0.05, f"MFU {calibration['mfu']:.4f} matches the hand value {mfu:.4f} within 5%")
    check(calibration["median_error_after"] < 0.03 < calibration["median_error_before"],
          f"median error {calibration['median_error_before']:.1%} before, {calibration['median_error_after']:.1%} after")
    check(abs(perf["tpot_ms"] / 1e3 / itl - 1) < 0.03 and abs(perf["ttft_ms"] / 1e3 / ttft - 1) < 0.03,
          f"perf after calibrate reproduces the measured ITL ({perf['tpot_ms']:.2f} ms) and TTFT ({perf['ttft_ms']:.1f} ms)")
    print("calibrate end-to-end test passed")


if __name__ == "__main__":
    main()
