"""Where `make test` spends its time: a breakdown of one run's JUnit report.

Run the suite with a JUnit report, then this script on it::

    PYTEST_ADDOPTS="--junitxml=/tmp/suite.xml" make test
    .venv/bin/python benchmarks/suite_breakdown.py /tmp/suite.xml --wall 770 --workers 2

It prints one row per part of the suite (browser runs of each edition, nbval of each edition,
the student edition, ...): how many tests, their summed time (set-up and tear-down included, as
JUnit counts them) and its share; then nbval's first cells (a fresh kernel's start and the
notebook's imports) against the rest of nbval, and a calibration figure of this machine
(``calibration.py``) so that runs on different machines can be compared.

Self-check: the parts cannot add up to more than the workers had (``workers x`` the report's
wall time); if they do, the report or the arguments are wrong, and the script fails.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibration import calibration_ms  # noqa: E402

# (part, test of it): the first rule whose prefix starts a test's class name takes the test.
PARTS: tuple[tuple[str, str], ...] = (
    ("browser: English notebooks (the widgets' cells run, every control moved)",
     "tests.browser.test_notebooks_in_browser"),
    ("browser: Chinese notebooks (the widgets' cells run, every slider moved once)",
     "tests.browser.test_chinese_edition_in_browser"),
    ("presenter (Voilà) and offline HTML pages", "tests.browser."),
    ("nbval, Chinese edition", "notebooks.zh."),
    ("nbval, English edition", "notebooks."),
    ("student edition (leak checks; notebooks whose cells differ run again)",
     "tests.test_student_edition"),
    ("bad-input sweep", "tests.test_bad_input_sweep"),
    ("explorer contracts, CONTRIBUTING recipe, widget tests", "tests.test_explorer_contracts"),
    ("explorer contracts, CONTRIBUTING recipe, widget tests", "tests.test_contributing_recipe"),
    ("explorer contracts, CONTRIBUTING recipe, widget tests", "tests.test_widgets"),
)
OTHER = "everything else (unit tests, doctests, notebook checks, grading, ...)"


def part_of(classname: str) -> str:
    """The part of the suite a test belongs to, from its JUnit class name."""
    return next((part for part, prefix in PARTS if classname.startswith(prefix)), OTHER)


def breakdown(report: Path) -> tuple[Counter, Counter, float, float, float]:
    """Summed seconds and test counts per part; nbval's first cells, other cells; report wall (s)."""
    root = ET.parse(report).getroot()
    seconds: Counter = Counter()
    counts: Counter = Counter()
    first_cells = other_cells = 0.0
    for case in root.iter("testcase"):
        classname, spent = case.get("classname", ""), float(case.get("time", 0))
        part = part_of(classname)
        seconds[part] += spent
        counts[part] += 1
        if classname.startswith("notebooks."):
            if case.get("name") == "Cell 0":
                first_cells += spent
            else:
                other_cells += spent
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    wall = max(float(s.get("time", 0)) for s in suites)
    return seconds, counts, first_cells, other_cells, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="JUnit XML of one `make test` run")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers (make's -n)")
    parser.add_argument("--wall", type=float, default=None,
                        help="the whole run's wall time in seconds, set-up included (optional)")
    args = parser.parse_args(argv)

    seconds, counts, first_cells, other_cells, tests_wall = breakdown(args.report)
    total = sum(seconds.values())
    print(f"calibration: full redraw of the reference figure {calibration_ms():.0f} ms")
    if args.wall:
        print(f"whole run {args.wall:.0f} s: set-up {args.wall - tests_wall:.0f} s, "
              f"tests {tests_wall:.0f} s on {args.workers} workers")
    else:
        print(f"tests {tests_wall:.0f} s on {args.workers} workers")
    print(f"summed test time {total:.0f} s of {args.workers * tests_wall:.0f} s the workers had "
          f"({total / (args.workers * tests_wall):.0%} busy in tests)\n")
    print("| part | tests | summed time (s) | share |")
    print("|---|---|---|---|")
    for part, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"| {part} | {counts[part]:,} | {spent:.0f} | {spent / total:.0%} |")
    nbval = first_cells + other_cells
    if nbval:
        print(f"\nnbval: first cells (a fresh kernel's start and the notebook's imports) "
              f"{first_cells:.0f} s, {first_cells / nbval:.0%} of nbval's {nbval:.0f} s; "
              f"every other cell {other_cells:.0f} s")
    if total > args.workers * tests_wall * 1.001:
        print(f"SELF-CHECK FAILED: the parts ({total:.0f} s) exceed what {args.workers} workers "
              f"had ({args.workers * tests_wall:.0f} s): wrong report or wrong --workers",
              file=sys.stderr)
        return 1
    print("self-check passed: the parts fit within the workers' time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
