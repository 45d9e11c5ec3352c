#!/usr/bin/python3
"""Generates the ARIMA reference fixtures for src/core/models/forecast/arima.

Run from the repository root with Debian's python3 (apt-get install python3-statsmodels
python3-numpy):

    /usr/bin/python3 test/reference/arima-statsmodels.py

Writes
  test/fixtures/forecast/arima-series.csv   two seeded synthetic close series (this script is
                                            their only source): `stationary`, an ARMA(2,1)
                                            around 100, and `integrated`, an ARIMA(1,1,1)
                                            random-walk-like price path starting at 100;
  test/fixtures/forecast/arima-statsmodels.json
                                            statsmodels.tsa.arima.model.ARIMA fits (default
                                            settings: trend 'c' when d = 0, none when d >= 1,
                                            stationarity and invertibility enforced, L-BFGS)
                                            of several orders: params by statsmodels name,
                                            log-likelihood, AIC, and 10-step forecasts
                                            (mean, variance, 80 % and 95 % intervals), and
                                            the AIC of every p, q in 0..2 at d = 0 and d = 1.
The series are printed with 17 significant digits so the TypeScript side reads the same doubles.
The output is deterministic for a given numpy/statsmodels version. Then run
`npx prettier --write test/fixtures/forecast` (prettier only re-indents; numbers keep their text).
"""

import json
import platform
from pathlib import Path

import numpy as np
import statsmodels
from statsmodels.tsa.arima.model import ARIMA

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test" / "fixtures" / "forecast"
N = 400
SEED = 20261202

# (order, series) pairs: stationary orders on the stationary series, integrated on the other.
CASES = [
    ((1, 0, 0), "stationary"),
    ((2, 0, 1), "stationary"),
    ((0, 0, 1), "stationary"),
    ((0, 1, 1), "integrated"),
    ((1, 1, 1), "integrated"),
    ((2, 1, 0), "integrated"),
    ((1, 1, 0), "integrated"),
]


def series():
    rng = np.random.default_rng(SEED)
    # ARMA(2,1): x_t = 0.5 x_{t-1} - 0.3 x_{t-2} + e_t + 0.4 e_{t-1}, sd 0.5, level 100.
    e = rng.normal(0.0, 0.5, N + 100)
    x = np.zeros(N + 100)
    for t in range(2, N + 100):
        x[t] = 0.5 * x[t - 1] - 0.3 * x[t - 2] + e[t] + 0.4 * e[t - 1]
    stationary = 100.0 + x[100:]
    # ARIMA(1,1,1) increments: u_t = 0.6 u_{t-1} + a_t - 0.3 a_{t-1}, sd 0.2.
    a = rng.normal(0.0, 0.2, N + 100)
    u = np.zeros(N + 100)
    for t in range(1, N + 100):
        u[t] = 0.6 * u[t - 1] + a[t] - 0.3 * a[t - 1]
    integrated = 100.0 + np.cumsum(u[100:])
    # Round-trip through 17-digit text so Python fits exactly what the CSV holds.
    return {
        "stationary": np.array([float("%.17g" % v) for v in stationary]),
        "integrated": np.array([float("%.17g" % v) for v in integrated]),
    }


def forecast(res, steps=10):
    """h-step forecasts with statsmodels' own fitted parameters: mean, variance, 80/95 % bounds."""
    f = res.get_forecast(steps)
    ci80 = np.asarray(f.conf_int(alpha=0.2))
    ci95 = np.asarray(f.conf_int(alpha=0.05))
    return {
        "mean": [float(v) for v in np.asarray(f.predicted_mean)],
        "variance": [float(v) for v in np.asarray(f.var_pred_mean)],
        "lo80": [float(v) for v in ci80[:, 0]],
        "hi80": [float(v) for v in ci80[:, 1]],
        "lo95": [float(v) for v in ci95[:, 0]],
        "hi95": [float(v) for v in ci95[:, 1]],
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    data = series()
    with open(OUT / "arima-series.csv", "w") as f:
        f.write("index,stationary,integrated\n")
        for i in range(N):
            f.write("%d,%.17g,%.17g\n" % (i, data["stationary"][i], data["integrated"][i]))
    fits = []
    for order, name in CASES:
        res = ARIMA(data[name], order=order).fit()
        fits.append(
            {
                "series": name,
                "order": list(order),
                "params": {k: float(v) for k, v in zip(res.model.param_names, res.params)},
                "loglik": float(res.llf),
                "aic": float(res.aic),
                "converged": bool(res.mle_retvals.get("converged", True)),
                "forecast": forecast(res),
            }
        )
    # AIC over the grid p, q in 0..2 at a fixed d (AIC is comparable only at the same d: the
    # likelihood leaves out the first d bars).
    grids = []
    for name, d in (("stationary", 0), ("integrated", 1)):
        table = []
        for p in range(3):
            for q in range(3):
                res = ARIMA(data[name], order=(p, d, q)).fit()
                table.append({"order": [p, d, q], "aic": float(res.aic)})
        best = min(table, key=lambda row: row["aic"])
        grids.append({"series": name, "d": d, "aic": table, "best": best["order"]})
    meta = {
        "source": "test/reference/arima-statsmodels.py (seeded synthetic series, seed %d)" % SEED,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "statsmodels": statsmodels.__version__,
        "fits": fits,
        "grids": grids,
    }
    with open(OUT / "arima-statsmodels.json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
