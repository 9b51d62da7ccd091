"""A wide bad-input sweep: the public API, the malformed files and the widgets (not in ``make test``).

``tests/test_bad_input_sweep.py`` keeps the package honest on every run with a
short list of bad values; this script tries many more (about 45 per argument,
other kinds than the test's: numbers as text, percentages, tiny and huge
numbers, numpy scalars, dates, bytes, sets, generators, nested lists, ...),
loads every file of ``tests/data/malformed/`` with several options, and moves
every explorer control to its ends and to values it refuses.  Each outcome is
classified as in the issue's table::

    python benchmarks/sweep_bad_input.py [--limit SECONDS] [--only PREFIX]

The plausible calls (every other argument at a value that works) are those of
the test module, so the two sweeps try the same callables with different values.
Prints the table and the cases in every row but the first two; exits 1 if any
raw exception, silent NaN/inf, hang or MemoryError was found.
"""

from __future__ import annotations

import argparse
import collections
import decimal
import fractions
import math
import sys
import time
import traceback
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import test_bad_input_sweep as sweep  # noqa: E402

import relmark_helpers  # noqa: E402

PACKAGE = Path(relmark_helpers.__file__).resolve().parent
MALFORMED = ROOT / "tests" / "data" / "malformed"

CLEAN = "clean ValueError/TypeError naming the argument"
POOR = "the package's own error with a poor message"
RAW = "a raw exception from numpy, pandas, traitlets or Python"
NONFINITE = "NaN or inf returned silently"
HANG = "a hang over the limit, or a MemoryError"
RETURNED = "returned a finite value (accepted)"
ORDER = [CLEAN, POOR, RAW, NONFINITE, HANG, RETURNED]


def wide_bad_values() -> list[object]:
    """Bad values of other kinds than the test's list."""
    return [
        -0.0, 1e-320, -1e-320, 2.0**63, -(2**63), 10**6, 10**7 + 0.5, -10**9, 1.5, 0.5, 1, 2, 100,
        np.float32("nan"), np.float64("inf"), np.int64(-5), np.uint8(255), np.bool_(True), 1 + 2j,
        decimal.Decimal("0.8"), fractions.Fraction(1, 3), "0.8", "80%", "", "  ", "None", "nan", "1e309",
        b"0.8", "一百", [math.nan], [math.inf, 1.0], [[0.5]], [None], ["a", "b"], (0.5,), {0.5}, range(3),
        (x for x in [0.5]), np.array([]), np.array(["a"]), np.zeros((2, 2, 2)),
        pd.Series([0.5, None]), pd.Timestamp("2024-01-01"), np.datetime64("2024-01-01"),
        pd.DataFrame({"a": [math.nan]}), print,
    ]


def short_bad_values() -> list[object]:
    """For callables that draw a figure (each call takes a while)."""
    return [-0.0, 1e-320, 2.0**63, -(2**63), 1 + 2j, "0.8", "", [math.nan], [[0.5]], {0.5},
            (x for x in [0.5]), pd.Timestamp("2024-01-01")]


def classify(call, parameter: str, limit: float) -> tuple[str, str]:
    """Run ``call()`` and say which row of the table its outcome belongs in, with a detail."""
    try:
        with warnings.catch_warnings(), sweep.time_limit(limit):
            warnings.simplefilter("ignore")
            result = call()
    except sweep.TookTooLong:
        return HANG, f"no answer within {limit:g} s"
    except MemoryError:
        return HANG, "MemoryError"
    except (ValueError, TypeError, FileNotFoundError) as error:
        frames = traceback.extract_tb(error.__traceback__)
        inside = bool(frames) and Path(frames[-1].filename).resolve().is_relative_to(PACKAGE)
        if not inside:
            return RAW, f"{type(error).__name__}: {error}"
        named = parameter.lstrip("*") in str(error) or isinstance(error, FileNotFoundError)
        return (CLEAN, "") if named else (POOR, f"{type(error).__name__}: {error}")
    except Exception as error:  # noqa: BLE001 - what the sweep looks for
        return RAW, f"{type(error).__name__}: {error}"
    finally:
        plt.close("all")
    if sweep._nonfinite(result):
        return NONFINITE, "NaN or inf in the result"
    return RETURNED, ""


def sweep_api(limit: float, only: str) -> list[tuple[str, str, str, str]]:
    outcomes = []
    for name, (function, arguments) in sweep.sweep_targets().items():
        if not name.startswith(only):
            continue
        doc = (sweep.inspect.getdoc(function) or "").lower()
        values = short_bad_values() if len(sweep.all_bad_values(name)) < len(sweep.BAD_VALUES) \
            else wide_bad_values()
        for parameter in sweep.swept_parameters(name, function):
            for bad in values:
                given = dict(arguments)
                if parameter.startswith("*"):
                    given["*"] = (*given["*"][:-1], bad)
                else:
                    given[parameter] = bad
                row, detail = classify(lambda f=function, g=given: sweep._call(f, g), parameter, limit)
                if row == NONFINITE and ("nan" in doc or "inf" in doc):
                    row = RETURNED  # promised by the docstring
                outcomes.append((row, name, f"{parameter}={bad!r:.40}", detail))
    return outcomes


def sweep_files(limit: float) -> list[tuple[str, str, str, str]]:
    """Every malformed file, with no options and with each option a student might try."""
    from relmark_helpers import load_transactions
    options = [{}, {"encoding": "gbk"}, {"encoding": "utf-16"}, {"sep": ";"}, {"decimal": ","},
               {"date_format": "%d/%m/%Y"}, {"date_format": "%m/%d/%Y"}, {"sheet": 1}, {"sheet": "nope"}]
    outcomes = []
    for path in sorted(MALFORMED.iterdir()):
        if path.suffix == ".py":
            continue
        before = (path.stat().st_mtime_ns, path.read_bytes())
        for option in options:
            row, detail = classify(lambda p=path, o=option: load_transactions(p, **o), "path_or_frame", limit)
            if row == POOR:
                row = CLEAN  # a file's message names the file, the line and the column, not the argument
            outcomes.append((row, "load_transactions", f"{path.name} {option}", detail))
        if (path.stat().st_mtime_ns, path.read_bytes()) != before:
            outcomes.append((RAW, "load_transactions", path.name, "the file was modified"))
    return outcomes


def sweep_widgets(limit: float) -> list[tuple[str, str, str, str]]:
    """Move every control of every explorer to its ends, its middle and past its ends."""
    outcomes = []
    for name, (function, arguments) in sweep.sweep_targets().items():
        if not name.endswith("_explorer") or "()." in name:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            explorer = sweep._call(function, arguments)
        for control_name, control in explorer.controls.items():
            low, high = getattr(control, "min", None), getattr(control, "max", None)
            if low is None or high is None:
                options = list(getattr(control, "options", ()))[:6]  # a Dropdown's (label, value) pairs
                positions = [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options]
            else:
                positions = [low, high, (low + high) / 2, low - 1, high * 10 + 1]
            for position in positions:
                def move(c=control, p=position, e=explorer):
                    c.value = p
                    result = e.last_result if hasattr(e, "last_result") else None
                    return pd.Series(result) if isinstance(result, dict) else result
                row, detail = classify(move, control_name, limit)
                if row == RAW and "TraitError" in detail:
                    row = CLEAN  # the control itself refuses a value past its ends
                doc = (sweep.inspect.getdoc(function) or "").lower()
                if row == NONFINITE and ("nan" in doc or "inf" in doc):
                    row = RETURNED  # promised by the docstring, as in sweep_api
                outcomes.append((row, name, f"{control_name}={position!r:.40}", detail))
        plt.close("all")
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=10.0, help="seconds before a call counts as a hang")
    parser.add_argument("--only", default="", help="sweep only callables whose name starts so")
    options = parser.parse_args(argv)
    start = time.perf_counter()
    outcomes = sweep_api(options.limit, options.only)
    files = sweep_files(options.limit)
    widgets = sweep_widgets(options.limit)
    everything = outcomes + files + widgets
    print(f"{len(everything):,} cases ({len(outcomes):,} calls, {len(files)} file loads, "
          f"{len(widgets)} widget moves) in {time.perf_counter() - start:.0f} s\n")
    counts = collections.Counter(row for row, *_ in everything)
    print("| outcome | cases |\n|---|---|")
    for row in ORDER:
        print(f"| {row} | {counts[row]:,} ({100 * counts[row] / len(everything):.0f} %) |")
    for row in ORDER[1:5]:
        cases = [case for case in everything if case[0] == row]
        if cases:
            print(f"\n{row}:")
            for _, name, given, detail in cases:
                print(f"  {name}({given}): {detail[:160]}")
    return 1 if any(counts[row] for row in (RAW, NONFINITE, HANG)) else 0


if __name__ == "__main__":
    sys.exit(main())
