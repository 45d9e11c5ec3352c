#!/usr/bin/python3
"""Generates the HMM forward-filter reference fixture for src/core/models/regimes.

Run from the repository root with Debian's python3 (apt-get install python3-numpy):

    /usr/bin/python3 test/reference/hmm-forward.py

Writes test/fixtures/regimes/hmm-forward.json: for a 2-state and a 3-state diagonal Gaussian
HMM on 2 features (return-like and log-volatility-like), the model, a seeded series sampled from
it (this script is its only source) and the filtered state probabilities P(s_t | x_1..x_t) and
log-likelihood computed by an independent log-space forward pass (log-sum-exp, no scaling).
Numbers are written with 17 significant digits so the TypeScript side reads the same doubles.
"""

import json
import platform
from pathlib import Path

import numpy as np

MODELS = {
    "two": {
        "initial": [0.6, 0.4],
        "transition": [[0.97, 0.03], [0.05, 0.95]],
        "means": [[0.0002, -7.2], [-0.0004, -6.1]],
        "variances": [[0.0007**2, 0.09], [0.002**2, 0.16]],
    },
    "three": {
        "initial": [0.5, 0.3, 0.2],
        "transition": [[0.95, 0.04, 0.01], [0.03, 0.94, 0.03], [0.02, 0.08, 0.90]],
        "means": [[0.0001, -7.5], [0.0, -6.8], [-0.0008, -5.9]],
        "variances": [[0.0005**2, 0.05], [0.001**2, 0.08], [0.003**2, 0.2]],
    },
}
BARS = 400


def sample(model, rng):
    initial = np.array(model["initial"])
    transition = np.array(model["transition"])
    means = np.array(model["means"])
    sd = np.sqrt(np.array(model["variances"]))
    state = rng.choice(len(initial), p=initial)
    rows = []
    for _ in range(BARS):
        rows.append(means[state] + sd[state] * rng.standard_normal(means.shape[1]))
        state = rng.choice(len(initial), p=transition[state])
    return np.array(rows)


def log_emissions(model, x):
    means = np.array(model["means"])
    var = np.array(model["variances"])
    # shape (T, K): sum over features of the log normal density
    diff = x[:, None, :] - means[None, :, :]
    return -0.5 * np.sum(np.log(2 * np.pi * var)[None, :, :] + diff**2 / var[None, :, :], axis=2)


def logsumexp(a, axis):
    m = np.max(a, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(a - m), axis=axis))


def forward(model, x):
    log_b = log_emissions(model, x)
    log_a = np.log(np.array(model["transition"]))
    log_alpha = np.log(np.array(model["initial"])) + log_b[0]
    filtered = [log_alpha - logsumexp(log_alpha, 0)]
    for t in range(1, len(x)):
        log_alpha = logsumexp(log_alpha[:, None] + log_a, 0) + log_b[t]
        filtered.append(log_alpha - logsumexp(log_alpha, 0))
    return np.exp(np.array(filtered)), float(logsumexp(log_alpha, 0))


def exact(values):
    return [float(f"{v:.17g}") for v in values]


def main():
    rng = np.random.default_rng(20261202)
    cases = []
    for name, model in MODELS.items():
        x = sample(model, rng)
        filtered, loglik = forward(model, x)
        cases.append(
            {
                "name": name,
                "model": model,
                "observations": [exact(row) for row in x],
                "filtered": [exact(row) for row in filtered],
                "loglik": loglik,
            }
        )
    out = Path("test/fixtures/regimes/hmm-forward.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "source": "test/reference/hmm-forward.py",
                "numpy": np.__version__,
                "python": platform.python_version(),
                "cases": cases,
            }
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
