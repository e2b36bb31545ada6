#!/usr/bin/env python3
"""pandas reference for the request-log benchmark: read the CSV, parse timestamps, count requests
per minute (what `load history W FILE format=requests step=1min` does). Prints the rows on stdout
and the compute seconds (after import) on stderr. Usage: pandas_requests.py FILE.csv"""
import sys
import time

import pandas as pd

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
frame["TIMESTAMP"] = pd.to_datetime(frame["TIMESTAMP"])
per_minute = frame.set_index("TIMESTAMP").resample("1min").size()
elapsed = time.perf_counter() - start
print(len(frame))
sys.stderr.write(f"{elapsed:.6f}\n")
