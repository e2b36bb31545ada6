#!/usr/bin/env python3
"""Seeded random M/M/c workloads for the minimum-servers benchmark (scripts/bench).

Each workload is (λ requests/s, E[S] seconds, t seconds); the question is the fewest servers c
with P(W_q > t) ≤ 1%, i.e. the p99 of the wait in queue at most t. Values are written with 4
significant digits so that capplan and Python read exactly the same doubles.

Usage: gen_queue.py COUNT SEED WORKLOADS.tsv PLAN.cap
  WORKLOADS.tsv  one "λ<TAB>E[S]<TAB>t" line per workload (for the Python reference)
  PLAN.cap       one `queue mmc arrival=λrps service=E[S]s sla=p99<=ts` line per workload
"""
import math
import random
import sys


def four(x):
    """x to 4 significant digits, as plain decimal text (no exponent)."""
    digits = max(0, 3 - int(math.floor(math.log10(x))))
    text = f"{x:.{digits}f}"
    return text


def workloads(count, seed):
    rng = random.Random(seed)
    for _ in range(count):
        lam = four(math.exp(rng.uniform(math.log(0.5), math.log(2000))))      # 0.5 … 2,000 rps
        es = four(math.exp(rng.uniform(math.log(0.01), math.log(10))))        # 10 ms … 10 s
        t = four(math.exp(rng.uniform(math.log(0.005), math.log(2))))         # 5 ms … 2 s
        yield lam, es, t


if __name__ == "__main__":
    count, seed, tsv, cap = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    rows = list(workloads(count, seed))
    with open(tsv, "w") as f:
        for lam, es, t in rows:
            f.write(f"{lam}\t{es}\t{t}\n")
    with open(cap, "w") as f:
        for lam, es, t in rows:
            f.write(f"queue mmc arrival={lam}rps service={es}s sla=p99<={t}s\n")
