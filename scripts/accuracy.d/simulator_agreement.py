#!/usr/bin/env python3
"""The analytic latency of `size` against capplan's own fleet simulator (issue 14).

For three model/GPU pairs and fleets sized for 50%, 70% and 90% utilisation (headroom 100%,
42.86%, 11.11%), runs `size W` and `simulate fleet W requests=N seed=7 routing=random` in one
capplan process and prints the analytic p99 TTFT and TPOT beside the simulated ones, with the
gap. Then the same with the bundled conversation trace (data/azure_llm_2023_conv.csv, Azure
LLM inference trace, 19,366 requests in an hour, CC-BY 4.0, Patel et al., Splitwise, ISCA 2024):
the workload takes its rate, peak and token-length percentiles from the log (`set workload w
from=history`), the fleet is sized for each utilisation at the log's busiest minute, and the
simulator replays the log itself (`arrivals=trace`). Target: within 20% in both directions.
Random routing splits arrivals as the analytic model assumes; least-loaded routing (the
simulator's default) herds new prompts onto one replica and its TTFT tail is longer (see
docs/capacity-math.md §1). Standard library only.

    python3 scripts/accuracy.d/simulator_agreement.py --capplan .build/release/capplan [--requests 100000]
"""
import argparse, json, os, subprocess, sys

PAIRS = [("llama-3-8b", "l4", ""), ("llama-3-70b", "h100", "precision=fp8"), ("mixtral-8x7b", "h200", "")]
UTILISATION = [(1.0, "50%"), (0.4286, "70%"), (0.1111, "90%")]


def row(args, statements, model, gpu, label):
    """Runs one cell: size then simulate in one process; prints the row, returns its largest |gap|."""
    p = subprocess.run([args.capplan, "--format", "json", "-c", statements], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"simulator_agreement: {p.stderr.strip()}")
    lines = p.stdout.strip().splitlines()
    size, sim = json.loads(lines[-2]), json.loads(lines[-1])
    gaps, cells = [], []
    for analytic, simulated in [(size["ttft_ms"], sim["ttft_p99_ms"]), (size["tpot_ms"], sim["tpot_p99_ms"])]:
        gap = (simulated - analytic) / analytic
        gaps.append(abs(gap))
        cells.append(f"{analytic:>15.1f} ms{simulated:>8.1f} ms{gap:>+7.0%}")
    print(f"{model:<14}{gpu:<7}{label:>4}{size['instances']:>5}  {cells[0]}  {cells[1]}")
    return max(gaps)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--capplan", default=".build/release/capplan")
    ap.add_argument("--requests", type=int, default=100_000)
    args = ap.parse_args()
    worst = 0.0
    print(f"{'model':<14}{'gpu':<7}{'u':>4}{'R':>5}  {'TTFT p99 analytic':>18}{'simulated':>11}{'gap':>7}  {'TPOT p99 analytic':>18}{'simulated':>11}{'gap':>7}")
    for model, gpu, extra in PAIRS:
        for headroom, label in UTILISATION:
            setup = f"add workload w rps=40 in=1000 out=200 sla.ttft=30s model={model} gpu={gpu} {extra} headroom={headroom * 100:.2f}%"
            statements = f"{setup}; size w; simulate fleet w requests={args.requests} seed=7 routing=random"
            worst = max(worst, row(args, statements, model, gpu, label))
    trace = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "azure_llm_2023_conv.csv")
    print(f"conversation trace ({trace}):")
    for model, gpu, extra in PAIRS:
        for headroom, label in UTILISATION:
            statements = (f"add workload w sla.ttft=30s model={model} gpu={gpu} {extra} headroom={headroom * 100:.2f}%; "
                          f'load history w "{trace}" format=requests; set workload w from=history; '
                          f"size w; simulate fleet w arrivals=trace seed=7 routing=random")
            worst = max(worst, row(args, statements, model, gpu, label))
    print(f"largest |gap|: {worst:.0%} (target ≤ 20%)")


if __name__ == "__main__":
    main()
