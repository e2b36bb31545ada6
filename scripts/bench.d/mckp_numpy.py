#!/usr/bin/env python3
"""Python reference for the optimize benchmark: the exact multiple-choice knapsack by a numpy
dynamic program over every integer budget unit (docs/capacity-math.md §7 with δ = 1, so no
rounding: exact for integer costs).

    f_0(b) = 0 for b ≥ 0
    f_i(b) = max_j f_{i−1}(b − c_ij) + q_ij      (−∞ where b < c_ij or f_{i−1} is −∞)
    answer = f_K(BUDGET)                          (f is the best value with cost ≤ b)

Vectorised over b: one shifted np.maximum per option. Values are summed in workload order, as
capplan does, so both print the same double. Parsing is not timed.

Usage: mckp_numpy.py options.csv BUDGET   (prints the optimum; compute seconds on stderr)
"""
import sys
import time

import numpy as np


def read(path):
    groups = {}
    with open(path) as f:
        next(f)
        for line in f:
            workload, _, cost, quality = line.rstrip("\n").split(",")[:4]
            groups.setdefault(workload, []).append((int(cost), float(quality)))
    return [(np.array([c for c, _ in g], dtype=np.int64), np.array([q for _, q in g])) for g in groups.values()]


def solve(groups, budget):
    f = np.zeros(budget + 1)              # f_0(b) = 0: the empty plan fits every budget
    for costs, qualities in groups:
        g = np.full(budget + 1, -np.inf)
        for c, q in zip(costs.tolist(), qualities.tolist()):
            if c <= budget:
                np.maximum(g[c:], f[: budget + 1 - c] + q, out=g[c:])
        f = g
    return f[budget]


if __name__ == "__main__":
    groups = read(sys.argv[1])
    budget = int(sys.argv[2])
    start = time.perf_counter()
    best = solve(groups, budget)
    seconds = time.perf_counter() - start
    print(f"optimum {float(best)!r}")
    print(seconds, file=sys.stderr)
