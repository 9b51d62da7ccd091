"""Benchmark of notebook 06: BG/NBD, Pareto/NBD and Gamma-Gamma fits against lifetimes 0.11.3.

Run with ``make bench`` (or ``python benchmarks/bench_btyd.py``).  Fits each
model on the CDNOW sample (2,357 customers) and on the whole cohort (23,570)
with ``relmark_helpers.btyd`` and with lifetimes' fitters (default settings)
on the same calibration summary, in one run; checks that the parameters agree
(within 1e-4 relative) and prints the ratio (target: at least 10x).  Then times a refit of the sample
(what an explorer would do; target <= 0.3 s).

Timings are medians on whatever machine runs this; the first line times a
fixed numpy workload (log of a million numbers) and prints the load average,
so that runs on different machines can be compared: compare ratios, not
seconds.
"""

from __future__ import annotations

import os
import statistics
import time
import warnings

import numpy as np

from relmark_helpers import (
    calibration_holdout,
    fit_bgnbd,
    fit_gamma_gamma,
    fit_pareto_nbd,
    load_cdnow,
)

PARAM_NAMES = {"BG/NBD": ("r", "alpha", "a", "b"), "Pareto/NBD": ("r", "alpha", "s", "beta"),
               "Gamma-Gamma": ("p", "q", "gamma")}


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def machine_calibration() -> str:
    values = np.random.default_rng(2026).uniform(1.0, 2.0, 1_000_000)
    seconds, _ = timed(lambda: np.log(values), 15)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"machine: np.log of 1,000,000 floats {seconds * 1000:.1f} ms; {os.cpu_count()} cores, "
            f"load average {load:.1f}")


def lifetimes_fits(summary):
    import lifetimes

    f, r, T = summary["frequency"], summary["recency"], summary["T"]
    repeat = summary[summary["frequency"] > 0]

    def pareto():
        np.random.seed(0)  # noqa: NPY002 (ParetoNBDFitter draws its start from the legacy generator)
        return lifetimes.ParetoNBDFitter().fit(f, r, T)

    return {
        "BG/NBD": lambda: lifetimes.BetaGeoFitter().fit(f, r, T),
        "Pareto/NBD": pareto,
        "Gamma-Gamma": lambda: lifetimes.GammaGammaFitter().fit(repeat["frequency"],
                                                                 repeat["monetary_value"]),
    }


def show(name: str, figure: str, verdict: str) -> tuple[str, str, str]:
    """Print one result line as soon as it is measured, and return it."""
    print(f"{name:<52}  {figure:<66}  {verdict}", flush=True)
    return name, figure, verdict


def bench_fits() -> list[tuple[str, str, str]]:
    rows = []
    for label, sample in (("sample", True), ("master", False)):
        summary = calibration_holdout(load_cdnow(sample=sample))
        # The master has a repeat buyer whose repeat purchases cost $0.00; Gamma-Gamma needs spend > 0,
        # so only its fits leave that customer out.
        spenders = summary[(summary["frequency"] == 0) | (summary["monetary_value"] > 0)]
        ours = {"BG/NBD": lambda s=summary: fit_bgnbd(s), "Pareto/NBD": lambda s=summary: fit_pareto_nbd(s),
                "Gamma-Gamma": lambda s=spenders: fit_gamma_gamma(s)}
        theirs = {**lifetimes_fits(summary),
                  "Gamma-Gamma": lifetimes_fits(spenders)["Gamma-Gamma"]}
        for model in PARAM_NAMES:
            mine_s, mine = timed(ours[model], 5 if sample else 3)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                their_s, reference = timed(theirs[model], 1)
            their_params = reference.params_
            worst = max(abs(mine.params[k] / their_params["v" if k == "gamma" else k] - 1.0)
                        for k in PARAM_NAMES[model])
            agree = worst <= 1e-4
            ratio = their_s / mine_s
            rows.append(show(
                f"{model} on the CDNOW {label} ({len(summary if model != 'Gamma-Gamma' else spenders):,} "
                "customers)",
                f"{mine_s:.3f} s; lifetimes {their_s:.2f} s; parameters within {worst:.0e} "
                f"({'agree' if agree else 'DIFFER'})",
                f"{ratio:.1f}x faster than lifetimes (target >= 10x: {'met' if ratio >= 10 else 'NOT met'})",
            ))
            if not agree:
                raise SystemExit(f"{model} on the {label}: parameters differ from lifetimes' by {worst:.1e}")
    return rows


def bench_refit() -> list[tuple[str, str, str]]:
    summary = calibration_holdout(load_cdnow(sample=True))
    rows = []
    fits = (("BG/NBD", fit_bgnbd), ("Pareto/NBD", fit_pareto_nbd), ("Gamma-Gamma", fit_gamma_gamma))
    for model, fit in fits:
        seconds, _ = timed(lambda fit=fit: fit(summary), 7)
        rows.append(show(f"refit {model} on the sample (explorer)", f"median {seconds:.3f} s over 7 fits",
                     f"target <= 0.3 s: {'met' if seconds <= 0.3 else 'NOT met'}"))
    return rows


def main() -> None:
    print(machine_calibration(), flush=True)
    bench_fits()
    bench_refit()


if __name__ == "__main__":
    main()
