#!/usr/bin/env python3
"""Calibration, leave-one-out: how well `calibrate` on one measured point predicts the other
points of the same model × GPU (issue 14: target ≤ 5% median).

For each group of expressible rows of measurements.csv with the same model, GPU, precision and
engine, and each row of it in turn: the row is written as a one-point vLLM `bench serve
--save-result` file (its load, token counts and the one figure it publishes, converted to one
instance's mean TTFT, inter-token latency or output tokens/s), `capplan calibrate` fits that
point's factor (MFU for a TTFT, MBU for ITL or throughput), and the group's other rows are
predicted with `perf` in the same session. Prints the median |error| over every prediction,
and per regime. Rows whose figure is not one of the three (end-to-end latency) are predicted
but not calibrated on. Standard library only.

    python3 scripts/accuracy.d/leave_one_out.py --capplan .build/release/capplan [--verbose]
"""
import argparse, csv, json, os, statistics, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accuracy as A  # noqa: E402


def instances(row):
    return max(1, (A.integer(row["gpu_count"]) or 1) // max(1, A.integer(row["tp"] or "1") or 1))


def bench_file(row):
    """The row as one instance's vllm bench serve result, or None when its figure is none of
    TTFT, inter-token latency and output throughput."""
    i, o = int(row["input_tokens"]), int(row["output_tokens"])
    v, m = float(row["value"]), row["metric"]
    doc = {"backend": "vllm", "completed": 1, "total_input_tokens": i, "total_output_tokens": o,
           "request_rate": "inf", "max_concurrency": None}
    if row["regime"] != "max_throughput":
        if row["request_rate"]:
            doc["request_rate"] = float(row["request_rate"])
        elif row["concurrency"]:
            doc["max_concurrency"] = A.integer(row["concurrency"])
        elif row["regime"] != "saturation":
            doc["max_concurrency"] = 1
        else:
            return None   # bursts: the statement A.statement builds is not a load vllm records
    if m == "ttft_ms":
        doc["mean_ttft_ms"] = v
    elif m == "tpot_ms":
        doc["mean_itl_ms"] = v
    elif m == "output_tok_s" and row["regime"] == "c1_other":
        doc["mean_itl_ms"] = 1000 / v
    elif m == "output_tok_s":
        doc["output_throughput"] = v / instances(row)
    elif m == "output_tok_s_per_gpu":
        doc["output_throughput"] = v * max(1, A.integer(row["tp"] or "1") or 1)
    elif m == "total_tok_s":
        doc["output_throughput"] = v / instances(row) * o / (i + o)
    elif m == "req_s":
        doc["output_throughput"] = v / instances(row) * o
    else:
        return None
    return doc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--capplan", default=".build/release/capplan")
    ap.add_argument("--data", default=os.path.join(A.HERE, "measurements.csv"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    rows = list(csv.DictReader(open(args.data, newline="")))
    catalog, err = A.run(args.capplan, "catalog models")
    if catalog is None: sys.exit(f"leave-one-out: capplan failed: {err}")
    models = {m["id"] if isinstance(m, dict) else m for m in (catalog.get("models") or catalog.get("rows") or [])}
    groups = {}
    for row in rows:
        s, why = A.statement(row, models)
        if s is None: continue
        key = (row["model"], A.GPUS[row["gpu"]], A.PRECISIONS[row["precision"]], A.engine(row["engine"]))
        groups.setdefault(key, []).append((row, s))
    work = tempfile.mkdtemp(prefix="capplan-loo-")
    folds = []
    for key, members in sorted(groups.items()):
        if len(members) < 2: continue
        for k, (row, s) in enumerate(members):
            doc = bench_file(row)
            if doc is None: continue
            path = os.path.join(work, f"{row['id']}.json")
            with open(path, "w") as f:
                json.dump(doc, f)
            model, gpu, precision, engine = key
            calibrate = f'calibrate "{path}" model={model} gpu={gpu} tp={A.integer(row["tp"] or "1")} precision={precision} engine={engine}'
            others = [(r, t) for j, (r, t) in enumerate(members) if j != k]
            folds.append((row, calibrate, others))

    def run_fold(fold):
        row, calibrate, others = fold
        script = "; ".join([calibrate] + [t for _, t in others])
        p = subprocess.run([args.capplan, "--format", "json", "--keep-going", "-c", script], capture_output=True, text=True, timeout=300)
        lines = [l for l in p.stdout.splitlines() if l.strip()]
        if p.returncode != 0 and (not lines or "mbu" not in json.loads(lines[0])):
            return row, None, (p.stderr.strip().splitlines() or ["error"])[0]
        results = [json.loads(l) for l in lines]
        out = []
        for (r, t), result in zip(others, results[1:]):
            predicted = A.predicted(r, result)
            measured = float(r["value"])
            out.append((r, (predicted - measured) / measured))
        return row, out, None

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outcomes = list(pool.map(run_fold, folds))
    errors, by_regime, failed = [], {}, {}
    for row, out, err in outcomes:
        if out is None:
            failed[err] = failed.get(err, 0) + 1
            continue
        for r, e in out:
            errors.append(abs(e))
            by_regime.setdefault(r["regime"], []).append(abs(e))
            if args.verbose:
                print(f"  calibrated on {row['id']} ({row['metric']}) -> {r['id']} {r['regime']:<14} {r['metric']:<18} {e:+7.1%}")
    groups_used = len({(f[0]["model"], f[0]["gpu"], f[0]["precision"], f[0]["engine"]) for f in folds})
    print(f"calibration, leave one out: {len(folds)} folds over {groups_used} model × GPU groups, {len(errors)} predictions")
    if errors:
        print(f"  median |error| {statistics.median(errors):.1%} (target ≤ 5%)")
        for regime in A.REGIMES:
            v = by_regime.get(regime)
            if v: print(f"  {regime:<16}{len(v):>6} predictions, median |error| {statistics.median(v):.1%}")
    if failed:
        print("  folds that did not calibrate:", "; ".join(f"{n} × {k}" for k, n in sorted(failed.items(), key=lambda x: -x[1])))


if __name__ == "__main__":
    main()
