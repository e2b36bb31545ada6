#!/usr/bin/env python3
"""Reference holdout accuracy from a tuned statsmodels ExponentialSmoothing (Holt-Winters).

For each series: train on all but the last H points, forecast H, report holdout MAPE.
"Tuned" = every trend/damped/seasonal combination fitted with optimized=True, use_brute=True
(L-BFGS-B from grid-searched starts); the one with the lowest training AIC is the reference
(no peeking at the holdout). The best-on-holdout combination is printed too, as an upper bound.

Usage: scripts/bench.d/forecast_reference.py [DATA_DIR]   (default ../shared/data)
       scripts/bench.d/forecast_reference.py --bench     (time the 10,000-point Holt-Winters fit)
Output: one TSV row per series: series, m, H, model(AIC), MAPE(AIC), model(oracle), MAPE(oracle)
"""
import os
import subprocess
import sys
import warnings

try:
    import pandas as pd
    import statsmodels
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "statsmodels", "pandas"])
    import pandas as pd
    import statsmodels
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

import numpy as np

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
DATA = ARGS[0] if ARGS else os.path.join(HERE, "..", "..", "..", "shared", "data")


def series():
    retail = pd.read_csv(os.path.join(DATA, "retail_sales_monthly.csv"))["y"].to_numpy(float)
    yield "retail_sales_monthly", retail, 12, 24
    taxi = pd.read_csv(os.path.join(DATA, "nyc_taxi_30min.csv"), parse_dates=["timestamp"])
    daily = taxi.set_index("timestamp")["value"].resample("1D").sum().to_numpy(float)
    yield "nyc_taxi_daily", daily, 7, 28
    ped = pd.read_csv(os.path.join(DATA, "pedestrians_hourly.csv"))["location_4"].to_numpy(float)
    yield "pedestrians_hourly_loc4", ped, 24, 48


def mape(y, f):
    y, f = np.asarray(y), np.asarray(f)
    keep = y != 0
    return 100 * np.mean(np.abs(y[keep] - f[keep]) / np.abs(y[keep]))


def main():
    print(f"# statsmodels {statsmodels.__version__}", file=sys.stderr)
    print("series\tm\tH\tmodel_aic\tmape_aic\tmodel_oracle\tmape_oracle")
    for name, y, m, h in series():
        train, test = y[:-h], y[-h:]
        results = []
        for trend in ("add", None):
            for damped in ((False, True) if trend else (False,)):
                for seasonal in ("add", "mul", None):
                    if seasonal == "mul" and (train <= 0).any():
                        continue
                    try:
                        model = ExponentialSmoothing(train, trend=trend, damped_trend=damped, seasonal=seasonal,
                                                     seasonal_periods=m if seasonal else None,
                                                     initialization_method="estimated")
                        fit = model.fit(optimized=True, use_brute=True)
                        fc = fit.forecast(h)
                        label = f"trend={trend},damped={damped},seasonal={seasonal}"
                        results.append((fit.aic, mape(test, fc), label))
                    except Exception as exc:  # a combination that does not fit is skipped
                        print(f"# {name}: {exc}", file=sys.stderr)
        by_aic = min(results, key=lambda r: r[0])
        oracle = min(results, key=lambda r: r[1])
        print(f"{name}\t{m}\t{h}\t{by_aic[2]}\t{by_aic[1]:.3f}\t{oracle[2]}\t{oracle[1]:.3f}")


def bench():
    """The issue's benchmark: additive Holt-Winters, m = 168, 10,000 hourly points, 168-step forecast."""
    import time
    t = np.arange(10_000, dtype=float)
    y = 1000 + 0.01 * t + 200 * np.sin(2 * np.pi * t / 24) + 100 * np.sin(2 * np.pi * t / 168) + 20 * np.sin(t * 12.9898)
    start = time.perf_counter()
    fit = ExponentialSmoothing(y, trend="add", seasonal="add", seasonal_periods=168,
                               initialization_method="estimated").fit(optimized=True, use_brute=True)
    fc = fit.forecast(168)
    elapsed = time.perf_counter() - start
    rmse = np.sqrt(np.mean((y - fit.fittedvalues) ** 2))
    print(f"BENCH\tstatsmodels_hw_fit_10k_m168\t{elapsed:.3f} s\tRMSE={rmse:.3f}\tf168={fc[-1]:.2f}")


if __name__ == "__main__":
    if "--bench" in sys.argv:
        bench()
    else:
        main()
