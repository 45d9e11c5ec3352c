#!/usr/bin/python3
"""Generates test/fixtures/stats/*.json: reference values from statsmodels for src/core/stats.

Run from the repository root with Debian's python3 (apt-get install python3-statsmodels
python3-numpy python3-pandas):

    /usr/bin/python3 test/reference/statsmodels/generate_stats_fixtures.py [DATA_DIR]

DATA_DIR (default /work/shared/data) holds the Binance spot 1m klines of BTCUSDT and ETHUSDT,
2023-03-16..2023-05-01 (columns open_time_ms,open_time_utc,open,high,low,close,volume_base).
Only two 1500-bar windows of aligned closes are copied into the fixtures, so the TypeScript
tests never need the data folder. The output is deterministic for a given statsmodels version.
The files are then formatted with the repository's prettier (`npx prettier --write`), which
`npm run lint` checks; prettier only re-indents, it keeps every number's text.
"""

import json
import math
import platform
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from statsmodels.tsa.adfvalues import mackinnoncrit, mackinnonp
from statsmodels.tsa.stattools import adfuller, coint

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "test" / "fixtures" / "stats"
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data")
BTC = "binance_spot_klines_1m_BTCUSDT_20230316_20230501.csv"
ETH = "binance_spot_klines_1m_ETHUSDT_20230316_20230501.csv"
SOURCE = {
    "files": [BTC, ETH],
    "origin": "Binance spot 1m klines (freqtrade/ccxt download), via "
    "github.com/andresciancio/freqtrade-docker-strategy @ 9d082d31dbf2",
    "alignment": "inner join on open_time_ms; a = BTCUSDT close, b = ETHUSDT close",
}
WINDOW = 1500
# Chosen by scanning 1500-bar windows: the first has a clearly stationary OLS spread
# (ADF p ~ 2e-4), the second a clearly non-stationary one (ADF p ~ 0.98).
WINDOWS = {"stationary": 1500, "nonstationary": 56000}
# Rolling-OLS spot checks: sm.OLS on window slices ending at a few indices (inclusive).
ROLL_WINDOW = 100
KALMAN_SAMPLE_EVERY = 10


def versions():
    return {
        "statsmodels": statsmodels.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "pandas": pd.__version__,
        "python": platform.python_version(),
        "script": "test/reference/statsmodels/generate_stats_fixtures.py",
    }


def f(x):
    """JSON-safe float: repr round-trips exactly; infinities become strings."""
    x = float(x)
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if math.isnan(x):
        return "NaN"
    return x


def adf_result(x, **kwargs):
    r = adfuller(x, **kwargs)
    out = {
        "statistic": f(r[0]),
        "pvalue": f(r[1]),
        "usedlag": int(r[2]),
        "nobs": int(r[3]),
        "critical": {k: f(v) for k, v in r[4].items()},
    }
    if len(r) > 5:
        out["icbest"] = f(r[5])
    return out


def coint_result(y0, y1, **kwargs):
    stat, p, crit = coint(y0, y1, **kwargs)
    return {"statistic": f(stat), "pvalue": f(p), "critical": [f(c) for c in crit]}


def ols_result(y, x):
    r = sm.OLS(y, sm.add_constant(x)).fit()
    return {
        "alpha": f(r.params[0]),
        "beta": f(r.params[1]),
        "alphaStdErr": f(r.bse[0]),
        "betaStdErr": f(r.bse[1]),
        "ssr": f(r.ssr),
        "rsquared": f(r.rsquared),
    }


def half_life(spread):
    """Regress the change of the spread on its lagged level (with a constant): -ln 2 / lambda."""
    r = sm.OLS(np.diff(spread), sm.add_constant(spread[:-1])).fit()
    lam = r.params[1]
    return {"lambda": f(lam), "halfLife": f(-math.log(2) / lam)}


def kalman_chan(y, x, delta, ve):
    """Chan, Algorithmic Trading (2013), example 3.3, translated line by line from MATLAB."""
    n = len(y)
    X = np.column_stack([x, np.ones(n)])
    vw = delta / (1 - delta) * np.eye(2)
    P = np.zeros((2, 2))
    R = np.zeros((2, 2))
    beta = np.zeros((2, n))
    e = np.zeros(n)
    Q = np.zeros(n)
    for t in range(n):
        if t > 0:
            beta[:, t] = beta[:, t - 1]
            R = P + vw
        xt = X[t, :]
        yhat = xt @ beta[:, t]
        Q[t] = xt @ R @ xt + ve
        e[t] = y[t] - yhat
        K = R @ xt / Q[t]
        beta[:, t] = beta[:, t] + K * e[t]
        P = R - np.outer(K, xt) @ R
    idx = list(range(0, n, KALMAN_SAMPLE_EVERY)) + [n - 1]
    return {
        "delta": delta,
        "ve": ve,
        "index": idx,
        "beta": [f(beta[0, i]) for i in idx],
        "alpha": [f(beta[1, i]) for i in idx],
        "e": [f(e[i]) for i in idx],
        "q": [f(Q[i]) for i in idx],
    }


def pair_case(y, x):
    ols = sm.OLS(y, sm.add_constant(x)).fit()
    spread = y - ols.params[1] * x - ols.params[0]
    logret_y = np.diff(np.log(y))
    ends = [ROLL_WINDOW - 1, ROLL_WINDOW, 517, len(y) // 2, len(y) - 1]
    return {
        "ols": ols_result(y, x),
        "spreadAdf": {
            "aic": adf_result(spread),
            "fixedLag4": adf_result(spread, maxlag=4, autolag=None),
            "bicCt": adf_result(spread, regression="ct", autolag="BIC"),
            "tstatN": adf_result(spread, regression="n", autolag="t-stat"),
        },
        "aAdf": {
            "aic": adf_result(y),
            "fixedLag0": adf_result(y, maxlag=0, autolag=None),
            "cttAic": adf_result(y, regression="ctt"),
        },
        "aLogReturnAdf": {"aic": adf_result(logret_y)},
        "coint": coint_result(y, x),
        "cointCt": coint_result(y, x, trend="ct"),
        "halfLife": half_life(spread),
        "rollingOls": {
            "window": ROLL_WINDOW,
            "ends": ends,
            "fits": [ols_result(y[e - ROLL_WINDOW + 1 : e + 1], x[e - ROLL_WINDOW + 1 : e + 1]) for e in ends],
        },
        "kalman": [kalman_chan(y, x, 1e-4, 1e-3), kalman_chan(y, x, 1e-7, 10.0)],
    }


WRITTEN = []


def write(name, obj):
    path = OUT / name
    path.write_text(json.dumps(obj, indent=2) + "\n")
    WRITTEN.append(str(path.relative_to(ROOT)))
    print(f"wrote {path.relative_to(ROOT)}")


def real_pairs():
    a = pd.read_csv(DATA / BTC, dtype={"close": str})
    b = pd.read_csv(DATA / ETH, dtype={"close": str})
    m = a.merge(b, on="open_time_ms", suffixes=("_a", "_b"))
    for name, off in WINDOWS.items():
        w = m.iloc[off : off + WINDOW]
        times = [int(t) for t in w.open_time_ms]
        # Closes go in as the CSV's own text so the TypeScript side parses the same numbers.
        a_text = list(w.close_a)
        b_text = list(w.close_b)
        y = np.array([float(s) for s in a_text])
        x = np.array([float(s) for s in b_text])
        write(
            f"btc-eth-1m-{name}.json",
            {
                "description": f"{WINDOW} aligned 1m closes, {name} OLS spread; rows {off}..{off + WINDOW - 1} of the join",
                "source": SOURCE,
                "versions": versions(),
                "openTimeMs": times,
                "a": a_text,
                "b": b_text,
                "expected": pair_case(y, x),
            },
        )


def synthetic_pair():
    """x is a random walk; y = 5 + 1.7 x + AR(1) noise with phi 0.9: cointegrated by design."""
    rng = np.random.default_rng(20240501)
    n = 1000
    x = 100 + np.cumsum(rng.normal(0, 1, n))
    u = np.zeros(n)
    eps = rng.normal(0, 1, n)
    for t in range(1, n):
        u[t] = 0.9 * u[t - 1] + eps[t]
    y = 5 + 1.7 * x + u
    write(
        "synthetic-cointegrated.json",
        {
            "description": "synthetic cointegrated pair: x random walk, y = 5 + 1.7x + AR(1, phi=0.9); numpy default_rng(20240501)",
            "source": {"generator": "numpy.random.default_rng(20240501)"},
            "versions": versions(),
            "a": [f(v) for v in y],
            "b": [f(v) for v in x],
            "expected": pair_case(y, x),
        },
    )


def mackinnon_tables():
    stats = [-30.0, -20.0, -18.9, -12.5, -8.0, -5.0, -4.0, -3.5, -3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 0.9, 1.2, 2.0, 3.0]
    pvalues = []
    for reg in ["n", "c", "ct", "ctt"]:
        for n in range(1, 7):
            pvalues.append({"regression": reg, "N": n, "stats": stats, "p": [f(mackinnonp(s, regression=reg, N=n)) for s in stats]})
    crit = []
    for reg in ["n", "c", "ct", "ctt"]:
        for n in range(1, 2 if reg == "n" else 13):
            for nobs in [25, 100, 1499, "inf"]:
                vals = mackinnoncrit(N=n, regression=reg, nobs=np.inf if nobs == "inf" else nobs)
                crit.append({"regression": reg, "N": n, "nobs": nobs, "values": [f(v) for v in vals]})
    write("mackinnon.json", {"description": "statsmodels mackinnonp / mackinnoncrit on a grid", "versions": versions(), "pvalues": pvalues, "critical": crit})


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    real_pairs()
    synthetic_pair()
    mackinnon_tables()
    subprocess.run(["npx", "prettier", "--write", *WRITTEN], cwd=ROOT, check=True)
