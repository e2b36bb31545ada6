#!/usr/bin/env python3
"""Writes a replayable .cap plan of N lines for the replay benchmark (scripts/bench).

The plan mixes what a real session does: workload definitions and changes, calculator
expressions, `let` bindings, `show`, sizing (`size`, and `queue mmc` with and without an SLA). Every line is valid, so the replay
measures work, not error handling; output per line is bounded (no `show workloads`, whose
output grows with the session), so the cost should be linear in lines.

Usage: gen_replay.py LINES SEED > plan.cap
"""
import random
import sys


def lines(n, seed):
    rng = random.Random(seed)
    out = []
    i = 0
    while len(out) < n:
        i += 1
        name = f"w{i}"
        rate = rng.choice([50, 120, 800, 2500, 10000])
        per = rng.choice([2, 5, 10, 25])
        lam = rng.choice([10, 40, 100, 400])
        es = rng.choice([0.1, 0.5, 1, 2])
        c = int(lam * es) + rng.choice([2, 5, 10, 20])
        block = [
            f"add workload {name} rps={rate} per_instance={per}rps price=$2/h",
            f"let x{i} = {rate} rps * 1.2",
            f"x{i} / {per} rps",
            f"show workload {name}",
            f"queue mmc arrival={lam}rps service={es}s servers={c}",
            f"set workload {name} peak=2x headroom=30%",
            f"ceil(x{i} / {per + 2} rps) + 3",
            f"queue mmc arrival={lam}rps service={es}s sla=p99<=200ms",
            f"size {name}",
            f"{rng.choice([300, 400, 700])}W to kW",
        ]
        out.extend(block)
    return out[:n]


if __name__ == "__main__":
    n, seed = int(sys.argv[1]), int(sys.argv[2])
    sys.stdout.write("\n".join(lines(n, seed)) + "\n")
