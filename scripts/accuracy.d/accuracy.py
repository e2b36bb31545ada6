#!/usr/bin/env python3
"""capplan's performance model against published serving measurements.

For every row of measurements.csv that capplan can express (the model and GPU are in the
catalog, the precision is one capplan models, no expert or pipeline parallelism yet), runs
`capplan -c 'perf ...' --format json` as a user would and compares the figure the row
publishes. Prints the median |error| per regime and writes every row's prediction to
.build/accuracy/results.csv. Standard library only.

    scripts/accuracy                      # builds release, then runs this
    python3 scripts/accuracy.d/accuracy.py --capplan .build/release/capplan [--verbose]
"""
import argparse, csv, json, os, re, statistics, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))

# Measurement GPU names → catalog ids (None: not in the catalog yet).
GPUS = {"h100-sxm": "h100-sxm", "h200": "h200", "b200": "b200", "a100-80gb-sxm": "a100-80gb-sxm",
        "l40s": "l40s", "mi300x": "mi300x", "gb200": None, "gh200": None, "rtx-pro-6000-blackwell": None}
PRECISIONS = {"fp16": "bf16", "bf16": "bf16", "fp8": "fp8"}
REGIMES = ["max_throughput", "saturation", "c1_ttft", "c1_tpot", "c1_other"]


def engine(name):
    n = name.lower()
    if n.startswith("vllm"): return "vllm"
    if n.startswith("sglang"): return "sglang"
    return "trtllm"   # TensorRT-LLM, and NVIDIA NIM's TensorRT-LLM profiles


def integer(text):
    try:
        return int(float(text))
    except ValueError:
        return None


def statement(row, models):
    """The perf statement for a row, or (None, why not)."""
    if row["model"] not in models: return None, "model not in the catalog"
    gpu = GPUS.get(row["gpu"])
    if gpu is None: return None, "GPU not in the catalog"
    precision = PRECISIONS.get(row["precision"])
    if precision is None: return None, f"precision '{row['precision'] or '?'}' not modelled"
    tp, pp, ep = integer(row["tp"] or "1"), integer(row["pp"] or "1"), integer(row["ep"] or "1")
    if tp is None or (pp or 1) > 1 or (ep or 1) > 1: return None, "pipeline or expert parallelism"
    if row["input_tokens"] == "" or row["output_tokens"] == "": return None, "token counts not published"
    s = f"perf {row['model']} gpu={gpu} tp={tp} precision={precision} engine={engine(row['engine'])} in={row['input_tokens']} out={row['output_tokens']}"
    if row["regime"] != "max_throughput":
        if row["request_rate"]:
            s += f" rate={row['request_rate']}rps"
        elif row["concurrency"]:
            s += f" concurrency={integer(row['concurrency'])}"
        elif row["regime"] == "saturation":
            # A burst: every request sent at once (request rate 'inf'). Its throughput and TPOT
            # are those of a closed loop as wide as the burst; its mean TTFT depends on how
            # the burst drains, which is not modelled.
            if row["metric"] == "ttft_ms": return None, "burst TTFT (all requests at once)"
            n = re.search(r"(\d+) requests", row["notes"])
            if not n: return None, "burst without a request count"
            s += f" concurrency={n.group(1)}"
        else:
            s += " concurrency=1"
    return s, None


def predicted(row, result):
    """The figure of `result` (perf's JSON) that the row's metric names."""
    instances = max(1, (integer(row["gpu_count"]) or 1) // max(1, integer(row["tp"] or "1") or 1))
    m = row["metric"]
    if m == "output_tok_s":
        # Concurrency-1 tok/s rows publish one user's decode speed.
        if row["regime"] == "c1_other": return 1000 / result["tpot_ms"]
        return result["output_tokens_per_s"] * instances
    if m == "output_tok_s_per_gpu": return result["output_tokens_per_s_per_gpu"]
    if m == "total_tok_s":
        return result["requests_per_s"] * (int(row["input_tokens"]) + int(row["output_tokens"])) * instances
    if m == "req_s": return result["requests_per_s"] * instances
    if m == "ttft_ms": return result["ttft_ms"]
    if m == "tpot_ms": return result["tpot_ms"]
    if m == "e2e_ms": return result["e2e_ms"]
    return None


PRELUDE = ""


def run(capplan, s):
    p = subprocess.run([capplan, "--format", "json", "-c", PRELUDE + s], capture_output=True, text=True, timeout=60)
    if p.returncode != 0: return None, (p.stderr.strip().splitlines() or ["error"])[0]
    return json.loads(p.stdout), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--capplan", default=".build/release/capplan")
    ap.add_argument("--data", default=os.path.join(HERE, "measurements.csv"))
    ap.add_argument("--out", default=".build/accuracy/results.csv")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--set", action="append", default=[], help="a setting to try, e.g. --set 'mbu 70%%' (repeatable)")
    args = ap.parse_args()
    global PRELUDE
    PRELUDE = "".join(f"set {x}; " for x in args.set)
    rows = list(csv.DictReader(open(args.data, newline="")))
    catalog, err = run(args.capplan, "catalog models")
    if catalog is None: sys.exit(f"accuracy: capplan failed: {err}")
    models = set()
    for m in (catalog.get("models") or catalog.get("rows") or []):
        models.add(m["id"] if isinstance(m, dict) else m)
    jobs = [(row, *statement(row, models)) for row in rows]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outcomes = list(pool.map(lambda j: run(args.capplan, j[1]) if j[1] else (None, j[2]), jobs))
    by_regime = {r: [] for r in REGIMES}
    skipped = {}
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "regime", "metric", "measured", "predicted", "error", "statement", "note"])
        for (row, s, why), (result, err) in zip(jobs, outcomes):
            if result is None:
                reason = why or f"capplan: {err}"
                skipped[reason] = skipped.get(reason, 0) + 1
                w.writerow([row["id"], row["regime"], row["metric"], row["value"], "", "", s or "", reason])
                continue
            p = predicted(row, result)
            measured = float(row["value"])
            e = (p - measured) / measured
            by_regime[row["regime"]].append((abs(e), e, row, p, s))
            w.writerow([row["id"], row["regime"], row["metric"], row["value"], f"{p:.6g}", f"{e:+.4f}", s, ""])
    evaluated = sum(len(v) for v in by_regime.values())
    print(f"capplan performance model vs {len(rows)} published measurements ({evaluated} evaluated, {len(rows) - evaluated} not expressible yet)")
    print(f"{'regime':<16}{'points':>7}{'median |err|':>14}{'median err':>12}{'p90 |err|':>11}")
    for r in REGIMES:
        v = by_regime[r]
        if not v:
            print(f"{r:<16}{0:>7}{'-':>14}{'-':>12}{'-':>11}")
            continue
        a = sorted(x[0] for x in v)
        p90 = a[min(len(a) - 1, int(0.9 * len(a)))]
        print(f"{r:<16}{len(v):>7}{statistics.median(a):>13.1%}{statistics.median(x[1] for x in v):>+12.1%}{p90:>11.1%}")
    print("not expressible:", "; ".join(f"{n} {k}" for k, n in sorted(skipped.items(), key=lambda x: -x[1])))
    if args.verbose:
        for r in REGIMES:
            for a, e, row, p, s in sorted(by_regime[r], key=lambda x: -x[0]):
                print(f"  {row['id']} {r:<14} {row['metric']:<20} measured {float(row['value']):>10.4g} predicted {p:>10.4g} {e:+7.1%}  {s}")
    print(f"every row: {args.out}")


if __name__ == "__main__":
    main()
