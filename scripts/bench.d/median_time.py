#!/usr/bin/env python3
"""Median wall time of a command over N runs (used by scripts/bench when hyperfine is absent).

Usage: median_time.py RUNS COMMAND [ARG...]   prints seconds; output of the command is discarded.
One warm-up run is not counted.
"""
import statistics
import subprocess
import sys
import time

runs, command = int(sys.argv[1]), sys.argv[2:]
subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
