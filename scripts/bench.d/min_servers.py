#!/usr/bin/env python3
"""Python reference for the minimum-servers benchmark: the same search capplan runs.

For each workload (λ, E[S], t): the fewest servers c with a = λ·E[S] < c and
p99 of the wait in queue ≤ t, where

    1/B_k = 1 + (k/a)·(1/B_{k−1})             Erlang B, reciprocal form (no overflow)
    C     = min(1, c·B / ((c − a) + a·B))      Erlang C = P(wait)
    w_p   = 0 if C ≤ 1 − p else (ln C − ln(1 − p)) / θ,   θ = (c − a)/E[S]

Both implementations use the same warm start as CapPlan (k₀ = ⌊a − 10√a⌋, 1/B(k₀) = a/(a − k₀))
and the same per-c test, so the server counts must agree exactly:

  pure   one search per workload, as CapPlan's MinimumServerSearch runs it: a scan upward from
         the first stable c with a test free of logarithms (r = 1/B, C = c/((c − a)·r + a),
         e^{−θ(c)·t} carried as a product), the exact test confirming that c passes and c − 1
         fails, and galloping then bisection over an incrementally extended Erlang B ladder
         wherever the two disagree;
  numpy  all workloads at once in lock-step: one vectorised recursion step for every workload
         per iteration, stopping each workload at its first passing c (linear scan).

Usage: min_servers.py pure|numpy WORKLOADS.tsv > counts.txt   (prints seconds to stderr)
"""
import math
import sys
import time

P = 0.99
TAIL = 1 - P
LOG_TAIL = math.log(TAIL)


def read(path):
    rows = []
    with open(path) as f:
        for line in f:
            lam, es, t = line.split("\t")
            rows.append((float(lam), float(es), float(t)))
    return rows


def passes(c, r, a, es, t):
    """The exact test at c, given r = 1/B(c, a)."""
    b = 1 / r
    cc = float(c)
    pw = min(1.0, cc * b / ((cc - a) + a * b))
    if pw <= TAIL:
        return True
    theta = (cc - a) / es
    return (math.log(pw) - LOG_TAIL) / theta <= t


def reciprocal_erlang_b(first, a):
    """1/B(first, a): the warm start, then the reciprocal recursion up to `first`."""
    k0 = math.floor(a - 10 * math.sqrt(a))
    if 1 <= k0 <= first:
        k, r = int(k0), a / (a - k0)
    else:
        k, r = 0, 1.0
    while k < first and r < math.inf:
        k += 1
        r = 1 + (k / a) * r
    return r


def min_servers_pure(lam, es, t):
    a = lam * es
    if a <= 0:
        return 1
    first = int(math.floor(a)) + 1
    r = reciprocal_erlang_b(first, a)
    per_server = t / es
    factor = math.exp(-per_server)
    decay = math.exp(-(first - a) * per_server)
    c, previous = first, r
    while c * decay > TAIL * ((c - a) * r + a):
        c += 1
        previous = r
        if r < math.inf:
            r = 1 + (c / a) * r
        decay *= factor
    if passes(c, r, a, es, t) and (c == first or not passes(c - 1, previous, a, es, t)):
        return c
    return min_servers_gallop(lam, es, t)


def min_servers_gallop(lam, es, t):
    a = lam * es
    first = int(math.floor(a)) + 1
    if a <= 0:
        return 1
    ladder = [reciprocal_erlang_b(first, a)]  # ladder[i] = 1/B(first + i)

    def meets(c):
        while first + len(ladder) - 1 < c:
            prev = ladder[-1]
            kk = first + len(ladder)
            ladder.append(1 + (kk / a) * prev if prev < math.inf else math.inf)
        return passes(c, ladder[c - first], a, es, t)

    if meets(first):
        return first
    failing, step = first, 1
    while True:
        probe = failing + step
        if meets(probe):
            passing = probe
            break
        failing = probe
        step *= 2
    while passing - failing > 1:
        mid = failing + (passing - failing) // 2
        if meets(mid):
            passing = mid
        else:
            failing = mid
    return passing


def min_servers_numpy(rows):
    import numpy as np
    lam = np.array([r[0] for r in rows])
    es = np.array([r[1] for r in rows])
    t = np.array([r[2] for r in rows])
    a = lam * es
    first = np.floor(a) + 1
    k0 = np.floor(a - 10 * np.sqrt(a))
    warm = (k0 >= 1) & (k0 <= first)
    k = np.where(warm, k0, 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        r = np.where(warm, a / (a - k0), 1.0)
    answer = np.zeros(len(rows))
    open_ = np.ones(len(rows), dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # Catch up to `first` where the warm start began below it, then scan c = first, first+1, …
        while open_.any():
            below = open_ & (k < first)
            if below.any():
                k = np.where(below, k + 1, k)
                r = np.where(below, 1 + (k / a) * r, r)
                continue
            c = k
            b = 1 / r
            pw = np.minimum(1.0, c * b / ((c - a) + a * b))
            theta = (c - a) / es
            ok = (pw <= TAIL) | ((np.log(pw) - LOG_TAIL) / theta <= t)
            done = open_ & ok
            answer[done] = c[done]
            open_ &= ~ok
            k = np.where(open_, k + 1, k)
            r = np.where(open_, 1 + (k / a) * r, r)
    return answer.astype(int).tolist()


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    rows = read(path)
    start = time.perf_counter()
    if mode == "pure":
        counts = [min_servers_pure(*row) for row in rows]
    else:
        counts = min_servers_numpy(rows)
    elapsed = time.perf_counter() - start
    sys.stdout.write("\n".join(str(c) for c in counts) + "\n")
    sys.stderr.write(f"{elapsed:.6f}\n")
