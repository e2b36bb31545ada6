#!/usr/bin/env python3
"""Checks that capplan and both Python references found the same server counts.

Usage: compare_counts.py SWIFT.json PURE.txt NUMPY.txt WORKLOADS.tsv
Prints each mismatch (up to 20) with its workload; exit status 1 if any.
"""
import json
import sys

swift_path, pure_path, numpy_path, tsv = sys.argv[1:5]
swift = []
for line in open(swift_path):
    line = line.strip()
    if line.startswith("{"):
        swift.append(int(json.loads(line)["servers"]))
pure = [int(x) for x in open(pure_path)]
fast = [int(x) for x in open(numpy_path)]
rows = [line.rstrip("\n") for line in open(tsv)]
problems = 0
if not (len(swift) == len(pure) == len(fast) == len(rows)):
    print(f"count of answers differs: capplan {len(swift)}, pure {len(pure)}, numpy {len(fast)}, workloads {len(rows)}")
    problems += 1
for i, (s, p, n) in enumerate(zip(swift, pure, fast)):
    if not (s == p == n):
        problems += 1
        if problems <= 20:
            lam, es, t = rows[i].split("\t")
            print(f"mismatch #{i}: λ={lam} E[S]={es} t={t}: capplan {s}, pure {p}, numpy {n}")
print(f"server counts: {len(swift) - problems if problems else len(swift)} of {len(rows)} agree" if not problems else f"{problems} mismatches")
sys.exit(1 if problems else 0)
