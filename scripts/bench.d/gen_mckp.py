#!/usr/bin/env python3
"""Seeded random multiple-choice knapsack instances for the optimize benchmark (scripts/bench).

Each workload has OPTIONS candidates with an integer cost and a quality that grows with cost
with diminishing returns, plus noise, times a per-workload weight: the shape of real
model/GPU/pricing candidates (dearer is usually better, not always). Costs are drawn from
1 … 4·BUDGET/WORKLOADS so that the cheapest plan uses about an eighth of the budget and the
dearest about twice it: the budget binds. Qualities have 4 decimals, so capplan and Python read
the same doubles.

Usage: gen_mckp.py WORKLOADS OPTIONS BUDGET SEED > options.csv
  writes `workload,option,cost,quality` with a header line.
"""
import math
import random
import sys


def rows(workloads, options, budget, seed):
    rng = random.Random(seed)
    top = max(2, 4 * budget // workloads)
    for w in range(workloads):
        weight = rng.uniform(0.5, 2.0)
        for o in range(options):
            cost = rng.randint(1, top)
            quality = weight * (100 * (1 - math.exp(-3 * cost / top)) + rng.uniform(-8, 8))
            yield f"w{w}", f"o{o}", cost, f"{quality:.4f}"


if __name__ == "__main__":
    workloads, options, budget, seed = (int(a) for a in sys.argv[1:5])
    out = ["workload,option,cost,quality"]
    out += [",".join(str(x) for x in row) for row in rows(workloads, options, budget, seed)]
    sys.stdout.write("\n".join(out) + "\n")
