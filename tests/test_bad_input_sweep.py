"""Bad-input sweep over the whole public API.

Every public callable (see :func:`public_callables`) is called once per
argument with that argument replaced by a bad value (None, NaN, +-inf,
negatives, zero, huge numbers, text, lists, wrong-shape arrays, ``pd.NA``,
booleans, empty and wrong-column DataFrames) and every other argument at a
plausible value.  A call passes if it

- returns a value with no NaN or inf in it (unless the docstring mentions NaN
  or inf), or
- raises ValueError or TypeError from a line of the package whose message names
  the argument,

and takes at most ``CALL_LIMIT`` seconds of CPU time (a call still running after
four times that, by the clock, is interrupted and reported as a hang).  Every value
of ``BAD_VALUES`` is tried (``SLOW_MODULES``: the shorter ``SHORT_BAD_VALUES``), then
a few values drawn by hypothesis (derandomized, no example database).  Public
methods of the objects the callables return are swept the same way.  New
functions are covered without touching this file; a callable is left out only if
no plausible call can be made from its defaults and ``PLAUSIBLE`` (or it is in
``NOT_SWEPT``), and :func:`test_most_of_the_api_is_swept` keeps those few.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import itertools
import math
import re
import signal
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relmark_helpers

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PACKAGE_DIR = Path(relmark_helpers.__file__).parent
CALL_LIMIT = 2.0  # seconds of CPU time per call
EXAMPLES = 2  # drawn bad values per argument, on top of every value in BAD_VALUES


_CHECKER = "an argument checker: its messages name the caller's argument (its name= argument)"
NOT_SWEPT = {
    "customer_data.loyalty_club.write_datasets": "writes the data files (its only argument is where)",
    "core.messages._": "takes any message text, positional only; tests/test_messages.py covers it",
    "core.messages.N_": "returns its message unchanged (a marker for the catalogue)",
    "core.messages.NC_": "returns its message unchanged (a marker for the catalogue, with a context)",
    "core.messages.pgettext": "takes any context and message text, positional only; tests/test_messages.py "
                              "covers it",
    "core.explorer.Explorer": "the explorers' base class (a chart, its controls, its layout): "
                                        "swept through every explorer built on it",
    **{f"core.validate.{name}": _CHECKER for name in ("as_float_array", "as_float", "as_periods", "as_count",
                                                  "as_frame", "chart_horizon", "choose", "finite_result")},
}
"""Public callables the sweep leaves out, with the reason."""

SLOW_MODULES = ("plots", "explorer", "explorers", "fastfigure", "starter_widgets",
                "retention_evidence_plots")
"""Modules whose calls draw a figure: swept with the short list of bad values, to keep the run short."""
SLOW_CALLABLES = ("capstone.plan.plan_economics", "capstone.plan.stress_test")
"""Callables that value a whole plan: swept with the short list too."""


def public_callables() -> dict[str, Callable]:
    """Every public callable of the package's top level, by its module's dotted name.

    The names are ``relmark_helpers.__all__`` (a test keeps it complete), keyed
    ``"subpackage.module.name"`` so that messages say where a function lives.
    """
    found: dict[str, Callable] = {}
    for module_name, names in relmark_helpers._PUBLIC.items():
        if module_name == "answers":
            continue  # the checker: swept by its own tests, which try every kind of answer
        for name in names:
            value = getattr(relmark_helpers, name)
            if callable(value):
                found[f"{module_name}.{name}"] = value
    return found


# --- plausible values for arguments without a default, by name ------------------------------------

@cache
def _log() -> pd.DataFrame:
    from relmark_helpers import load_loyalty_transactions
    log = load_loyalty_transactions()
    return log[log["customer_id"].isin(log["customer_id"].unique()[:60])].reset_index(drop=True)


@cache
def _classic_rfm() -> pd.DataFrame:
    from relmark_helpers import rfm_table
    return rfm_table(_log(), "2025-12-31")


def _classic_scores() -> pd.DataFrame:
    from relmark_helpers import rfm_scores
    return rfm_scores(_classic_rfm())


@cache
def _programme():
    from relmark_helpers import Programme
    return Programme()


@cache
def _ladder():
    from relmark_helpers import teaching_ladder
    return teaching_ladder()


@cache
def _cash_flows() -> pd.DataFrame:
    from relmark_helpers import cash_flow_table
    return cash_flow_table(100.0, 0.8, 0.1, 5)


@cache
def _simulated() -> pd.DataFrame:
    from relmark_helpers import TRANSACTION_FIRM, simulate_customer_base
    return simulate_customer_base(TRANSACTION_FIRM, 5)


@cache
def _segments() -> pd.DataFrame:
    from relmark_helpers import segment_table
    return segment_table(_log())


@cache
def _renewals() -> pd.DataFrame:
    from relmark_helpers import load_loyalty_renewals
    return load_loyalty_renewals()


@cache
def _cohorts() -> pd.DataFrame:
    from relmark_helpers import cohort_retention
    return cohort_retention(_log())


@cache
def _alive_table() -> pd.DataFrame:
    from relmark_helpers import alive_counts
    return alive_counts(_renewals())


@cache
def _rfm() -> pd.DataFrame:
    from relmark_helpers import rfm_summary
    return rfm_summary(_log(), amount_col="amount")


@cache
def _concentration():
    from relmark_helpers import concentration
    return concentration([5.0, 1.0, 3.0, 2.0])


def _two_firms_inputs():
    from relmark_helpers import TwoFirmsInputs
    return TwoFirmsInputs()


@cache
def _ottobar() -> pd.Series:
    from relmark_helpers import ottobar_economics
    return ottobar_economics()


@cache
def _uplift_grid() -> pd.DataFrame:
    from relmark_helpers import TRANSACTION_FIRM, profit_uplift_grid
    return profit_uplift_grid(TRANSACTION_FIRM.with_(acquisition_budget=None, acquisitions=100),
                              [0.6, 0.8], [0.0, 0.05])


@cache
def _breakeven() -> pd.DataFrame:
    from relmark_helpers import RELATIONSHIP_FIRM, TRANSACTION_FIRM, breakeven_retention_costs
    return breakeven_retention_costs(TRANSACTION_FIRM, RELATIONSHIP_FIRM, [100.0, 200.0])


@cache
def _values_by_tenure() -> pd.DataFrame:
    return pd.DataFrame({"sBG": [3.0, 4.0, 4.5], "constant retention": [3.0, 3.0, 3.0]},
                        index=pd.Index([0, 1, 2], name="renewals"))


@cache
def _mixture() -> pd.DataFrame:
    from relmark_helpers import simulate_mixture
    return simulate_mixture([0.5, 0.9], [0.5, 0.5], 200, 6)


@cache
def _lapses() -> pd.DataFrame:
    return pd.DataFrame({"group": ["a", "b"], "lapsed": [0.2, 0.3]})


@cache
def _levels() -> pd.DataFrame:
    return pd.DataFrame({"level": [1, 2], "clv": [100.0, 150.0]})


def _strategy():
    from relmark_helpers import TRANSACTION_FIRM
    return TRANSACTION_FIRM


@cache
def _cdnow_summary() -> pd.DataFrame:
    """The CDNOW sample's calibration summary, cut to 300 customers to keep the fits quick."""
    from relmark_helpers import calibration_holdout, load_cdnow
    return calibration_holdout(load_cdnow(sample=True)).iloc[:300].copy()


@cache
def _fits() -> dict[str, object]:
    from relmark_helpers import fit_bgnbd, fit_gamma_gamma, fit_pareto_nbd
    summary = _cdnow_summary()
    return {"BG/NBD": fit_bgnbd(summary), "Pareto/NBD": fit_pareto_nbd(summary),
            "Gamma-Gamma": fit_gamma_gamma(summary)}


def _models() -> dict[str, object]:
    return {label: fit for label, fit in _fits().items() if label != "Gamma-Gamma"}


@cache
def _weekly() -> pd.Series:
    from relmark_helpers import load_cdnow, weekly_repeat_transactions
    return weekly_repeat_transactions(load_cdnow())


@cache
def _tracked() -> pd.DataFrame:
    from relmark_helpers import tracking
    return tracking(_weekly(), _cdnow_summary(), _models())


@cache
def _expectations() -> pd.DataFrame:
    from relmark_helpers import conditional_expectations
    return conditional_expectations(_cdnow_summary(), _models())


@cache
def _errors() -> pd.DataFrame:
    from relmark_helpers import holdout_errors
    return holdout_errors(_cdnow_summary(), _models(), _tracked())


@cache
def _segment_summary() -> pd.DataFrame:
    from relmark_helpers import rfm_segments, segment_summary
    scores = _classic_scores()
    return segment_summary(_classic_rfm(), rfm_segments(scores))


@cache
def _figure():
    from matplotlib.figure import Figure
    figure = Figure(figsize=(2.0, 1.5), dpi=50)
    axes = figure.add_subplot()
    axes.plot([0, 1], [0, 1])
    axes.set_title("a title")
    return figure


def _exercise(kind: str):
    from relmark_helpers import get_exercise, list_exercises
    return next(e for e in map(get_exercise, list_exercises()) if type(e).__name__ == kind)


def _file(name: str) -> Path:
    return Path(__file__).parent / "data" / "malformed" / name


@cache
def _table():
    from relmark_helpers import read_table
    return read_table(_file("utf8_bom.csv"))


def _sample_records() -> dict[str, Callable[[], object]]:
    """A made instance of each record class: its attributes are a plausible call of the class."""
    import relmark_helpers as rh
    return {
        "bonding.programme.Economics": lambda: rh.programme_economics(_programme()),
        "btyd.bgnbd.BgNbdFit": lambda: _fits()["BG/NBD"],
        "btyd.pareto_nbd.ParetoNbdFit": lambda: _fits()["Pareto/NBD"],
        "btyd.gamma_gamma.GammaGammaFit": lambda: _fits()["Gamma-Gamma"],
        "customer_data.retention.SbgFit": lambda: rh.fit_sbg([1000, 631, 468, 382, 326]),
        "customer_data.transactions.Concentration": _concentration,
        "core.file_reading.Table": _table,
        "core.exercises.Feedback": lambda: rh.check("0.1", 1.0),
        "core.exercises.NumericExercise": lambda: _exercise("NumericExercise"),
        "core.exercises.ChoiceExercise": lambda: _exercise("ChoiceExercise"),
        "core.exercises.MatchingExercise": lambda: _exercise("MatchingExercise"),
        "core.exercises.KnownMistake": lambda: _exercise("NumericExercise").mistakes[0],
        "core.exercises.AcceptedReading": lambda: next(
            e.also_accepted[0] for e in map(rh.get_exercise, rh.list_exercises())
            if getattr(e, "also_accepted", ())),
        "crm.rfm_scoring.SegmentRule": lambda: rh.DEFAULT_RULES[0],
    }


VAR_POSITIONAL: dict[str, Callable[[], tuple]] = {
    "customer_base.simulation.compare_strategies": lambda: (
        __import__("relmark_helpers").TRANSACTION_FIRM, __import__("relmark_helpers").RELATIONSHIP_FIRM),
}
"""Plausible ``*args`` of callables that take them; the sweep replaces the last one by a bad value."""

VAR_KEYWORD: dict[str, Callable[[], list[str]]] = {
    "customer_base.simulation.compare_strategies": lambda: ["initial_customers", "discount"],
}
"""Names swept through ``**kwargs`` where no ``*Inputs`` class documents them."""


QUICK_OPTIONAL: dict[str, Callable[[], object]] = {"samples": lambda: 2}
"""Optional arguments the plausible call sets below their default, to keep it quick (an
explorer's ``warm_up`` draws 9 positions a slider by default); the sweep replaces each in turn."""

PLAUSIBLE: dict[str, Callable[[], object]] = {
    "margin": lambda: 100.0, "retention": lambda: 0.8, "discount": lambda: 0.1, "periods": lambda: 5,
    "referrals": lambda: 0.1, "acquisition_cost": lambda: 50.0, "customers": lambda: 100,
    "alpha": lambda: 1.0, "beta": lambda: 2.0, "t": lambda: 3, "renewals": lambda: 2,
    "sigma": lambda: 1.0, "share": lambda: 0.5,
    "values": [lambda: [5.0, 1.0, 3.0, 2.0], lambda: _values_by_tenure(),
               lambda: pd.Series(["2024-01-31", "2024-02-29"]), lambda: pd.Series(["1.5", "2"])],
    "retentions": lambda: [0.5, 0.9], "shares": lambda: [0.5, 0.5], "growths": lambda: [0.0, 0.05],
    "discounts": lambda: [0.05, 0.1], "acquisition_costs": lambda: [50.0, 100.0],
    "acquired_per_period": lambda: 100.0,
    "strategy": _strategy, "transaction": _strategy, "relationship": _strategy,
    "first": _simulated, "second": _simulated, "simulated": lambda: _mixture(),
    "table": [_cash_flows, lambda: _renewals(), lambda: _cohorts(), lambda: _lapses(),
              lambda: _levels(), lambda: _classic_rfm().copy(), _expectations],
    "observation_end": lambda: "2025-12-31", "scores": lambda: _classic_scores(),
    "log": _log,
    "segments": [_segments, lambda: __import__("relmark_helpers").rfm_segments(_classic_scores())],
    "programme": _programme, "programmes": lambda: {"gold": _programme()},
    "ladder": _ladder, "initial": lambda: "first-time customer",
    "level": lambda: 2, "stamps": lambda: 10, "years": [lambda: 5, lambda: 1],
    "members": lambda: 1000, "response_rate": lambda: 0.05, "margin_per_response": lambda: 20.0,
    "cost_per_contact": lambda: 0.5, "satisfied_switch": lambda: 0.6, "very_satisfied_rebuy": lambda: 0.8,
    "source": lambda: "a source", "exercise_id": lambda: "1.1", "answer": lambda: 1.0,
    "value": lambda: 1.0, "clv_value": lambda: 1.0, "fact_id": lambda: "ottobar_members",
    "case": [lambda: "ottobar", lambda: "Ottobar"], "claim_id": lambda: "pareto_80_20",
    "name": [lambda: "glossary.csv", lambda: "blue", lambda: "x", lambda: "margin"],
    "joined_from": lambda: "2023-01-01", "day": lambda: pd.Timestamp("2000-01-30"),
    "joined_to": lambda: "2023-03-31", "alive": [lambda: [1000, 631, 468, 382, 326],
                                                 lambda: _alive_table()],
    "rfm": lambda: _rfm(),
    "states": lambda: ["active", "lost"], "transitions": lambda: [[0.8, 0.2], [0.0, 1.0]],
    "inputs": lambda: _two_firms_inputs(),
    "ottobar": lambda: _ottobar(), "grid": lambda: _uplift_grid(), "frame": lambda: _breakeven(),
    # the explorers' declarations (core.controls, core.explorer)
    "default": [lambda: 0.5, lambda: 1, lambda: True], "low": lambda: 0.0, "high": lambda: 1.0,
    "step": lambda: 0.1, "options": lambda: [("one", 1), ("two", 2)],
    "kind": [lambda: "slider", lambda: "number"],
    "lang": lambda: "en", "label": lambda: "a label", "bond": lambda: "financial", "cost": lambda: 10.0,
    "summary": [_cdnow_summary, _segment_summary], "models": _models, "weekly_actual": _weekly,
    "tracked": _tracked, "errors": _errors, "r": lambda: 0.25, "a": lambda: 0.8, "b": lambda: 2.5,
    "s": lambda: 0.6, "frequency": lambda: [0, 2, 5], "recency": lambda: [0.0, 20.0, 30.0],
    "T": lambda: [38.0, 38.0, 38.0], "transactions": [_log, lambda: _fits()["BG/NBD"]],
    "spend": lambda: _fits()["Gamma-Gamma"], "exercise": lambda: _exercise("NumericExercise"),
    "x": lambda: [0.0, 1.0, 2.0], "figure": _figure, "moving": lambda: _figure().axes[0].lines[:1],
    "texts": lambda: [_figure().axes[0].title], "rgba": lambda: np.zeros((4, 6, 4), dtype=np.uint8),
    "path": lambda: _file("utf8_bom.csv"), "path_or_frame": lambda: _file("utf8_bom.csv"),
    "result": [lambda: _concentration(), lambda: np.array([1.0, 2.0])],
    "ax": [lambda: None, lambda: _figure().axes[0]],
    "names": lambda: ["Champions", "Lost"], "contents": lambda: {"a.csv": b"x,y\n1,2\n"},
    "target": lambda: 0.5, "firm": _strategy,
    "defaults": lambda: {"margin": 100.0}, "inputs_class": lambda: __import__("relmark_helpers").ClvInputs,
    "controls": [lambda: __import__("relmark_helpers").declared_controls(
        __import__("relmark_helpers").ClvInputs),
                 lambda: __import__("relmark_helpers").clv_explorer().controls],
    "explorer": lambda: __import__("relmark_helpers").clv_explorer(),
}


# --- bad values -----------------------------------------------------------------------------------

def _bad_frames() -> list[pd.DataFrame]:
    return [pd.DataFrame(), pd.DataFrame({"wrong": [1, 2]})]


BAD_VALUES: list[object] = [
    None, math.nan, math.inf, -math.inf, -1.0, 0, 1e308, 10**12, 10**400, "abc", "12,5",
    [1.0, 2.0], [], np.array([[1.0, 2.0], [3.0, 4.0]]), np.array(1.0), pd.NA, True, False,
    {"a": 1}, object(),
]


SHORT_BAD_VALUES: list[object] = [None, math.nan, math.inf, -1.0, 10**12, "abc", [1.0, 2.0], pd.NA]


def all_bad_values(name: str = "") -> list[object]:
    """The bad values tried for callable ``name``: all of them, or a short list for slow ones."""
    if name.rsplit(".", 2)[-2] in SLOW_MODULES or name.startswith(SLOW_CALLABLES):
        return [*SHORT_BAD_VALUES, pd.DataFrame()]
    return [*BAD_VALUES, *_bad_frames()]


def random_bad_value() -> st.SearchStrategy:
    """Further bad values drawn by hypothesis: any float, big or negative integers, short text."""
    return st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                     st.integers(min_value=-(10**30), max_value=10**30),
                     st.text(max_size=5))


# --- the calls ------------------------------------------------------------------------------------

class TookTooLong(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt a call that hangs (well past the limit) so the sweep reports it and goes on."""
    def stop(signum, frame):
        raise TookTooLong
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _parameters(function: Callable) -> list[inspect.Parameter]:
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [p for p in signature.parameters.values()
            if p.kind in kinds and p.name not in ("self", "ax", "figsize", "seed")]


def _required(function: Callable) -> list[str]:
    """Names the call cannot leave out (``ax`` too, where it has no default)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [p.name for p in parameters
            if p.kind in kinds and p.name != "self" and p.default is inspect.Parameter.empty]


def _var_parameter(function: Callable, kind: inspect._ParameterKind) -> str | None:
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return None
    return next((p.name for p in parameters if p.kind == kind), None)


_INPUTS_CLASS = re.compile(r"\b([A-Z]\w*Inputs)\b")


def keyword_fields(name: str, function: Callable) -> list[str]:
    """The names a callable's ``**kwargs`` take: the fields of the ``*Inputs`` class it documents.

    The class is named in the callable's docstring, or in that of the class it returns
    (``clv_explorer`` returns a ``ClvExplorer``, whose docstring names ``ClvInputs``).
    """
    if _var_parameter(function, inspect.Parameter.VAR_KEYWORD) is None:
        return []
    if name in VAR_KEYWORD:
        return VAR_KEYWORD[name]()
    texts = [inspect.getdoc(function) or ""]
    returned = getattr(function, "__annotations__", {}).get("return")
    if isinstance(returned, str) and hasattr(relmark_helpers, returned):
        texts.append(inspect.getdoc(getattr(relmark_helpers, returned)) or "")
    for text in texts:
        for class_name in _INPUTS_CLASS.findall(text):
            inputs_class = getattr(relmark_helpers, class_name, None)
            if inputs_class is not None and dataclasses.is_dataclass(inputs_class):
                return [field.name for field in dataclasses.fields(inputs_class)]
    return []


def _call(function: Callable, arguments: dict[str, object]) -> object:
    """Call with the keyword ``arguments``; the key ``"*"`` holds the ``*args``, if any."""
    arguments = dict(arguments)
    return function(*arguments.pop("*", ()), **arguments)


def _plausible_call(function: Callable, name: str = "") -> tuple[dict[str, object], object] | None:
    """Keyword arguments of a call that succeeds (defaults, and PLAUSIBLE values for the rest),
    and what that call returned.

    A name may have several candidate values (a list); the first combination with which
    the call returns is used.  A record class (``_sample_records``) is called with the
    attributes of a made instance.  None if there is no such call: the callable is not swept.
    """
    required = _required(function)
    samples = _sample_records()
    if name in samples:
        made = samples[name]()
        options = [[lambda field=field: getattr(made, field)] for field in required]
    elif any(field not in PLAUSIBLE for field in required):
        return None
    else:
        options = [PLAUSIBLE[field] if isinstance(PLAUSIBLE[field], list) else [PLAUSIBLE[field]]
                   for field in required]
    for combination in itertools.islice(itertools.product(*options), 16):
        try:
            with warnings.catch_warnings(), time_limit(10):
                warnings.simplefilter("ignore")
                arguments = {field: make() for field, make in zip(required, combination, strict=True)}
                arguments |= {p.name: QUICK_OPTIONAL[p.name]() for p in _parameters(function)
                              if p.name in QUICK_OPTIONAL and p.name not in arguments}
                if name in VAR_POSITIONAL:
                    arguments["*"] = VAR_POSITIONAL[name]()
                made = _call(function, arguments)
        except Exception:  # noqa: BLE001 - this combination does not suit the callable
            continue
        finally:
            plt.close("all")
        return arguments, made
    return None


def _package_object(value: object) -> bool:
    return type(value).__module__.startswith("relmark_helpers") and not callable(value)


HOOKS = {"arrange": "an explorer's layout hook: the base class calls it with its own controls"}
"""Public methods that are hooks a subclass overrides, called only by the package itself."""


def _public_methods(made: object) -> Iterator[tuple[str, Callable]]:
    """Public methods defined by the package's own classes (not inherited from ipywidgets etc.)."""
    seen = set()
    for cls in type(made).__mro__:
        if not cls.__module__.startswith("relmark_helpers"):
            continue
        for method_name, attribute in vars(cls).items():
            if method_name.startswith("_") or method_name in seen or not inspect.isfunction(attribute):
                continue
            if method_name in HOOKS:
                continue
            if not Path(inspect.getfile(attribute)).resolve().is_relative_to(PACKAGE_DIR.resolve()):
                continue  # made by a base class outside the package (matplotlib's Artist.set)
            seen.add(method_name)
            yield method_name, getattr(made, method_name)


@cache
def sweep_targets() -> dict[str, tuple[Callable, dict[str, object]]]:
    """Every public callable with a plausible call, and the public methods of what they return."""
    targets: dict[str, tuple[Callable, dict[str, object]]] = {}
    methods_swept: set[type] = set()  # a class's methods once, whichever callable made it
    made_by_factory = {getattr(function, "__annotations__", {}).get("return")
                       for function in public_callables().values() if inspect.isfunction(function)}
    for name, function in public_callables().items():
        if name in NOT_SWEPT:
            continue
        if inspect.isclass(function) and function.__name__ in made_by_factory \
                and _var_parameter(function, inspect.Parameter.VAR_KEYWORD):
            continue  # an explorer class: swept through the function that builds it with **defaults
        plausible = _plausible_call(function, name)
        if plausible is None:
            continue
        arguments, made = plausible
        targets[name] = (function, arguments)
        if not _package_object(made) or type(made) in methods_swept:
            continue
        methods_swept.add(type(made))
        for method_name, method in _public_methods(made):
            method_call = _plausible_call(method)
            if method_call is not None:
                targets[f"{name}().{method_name}"] = (method, method_call[0])
    return targets


def swept_parameters(name: str, function: Callable) -> list[str]:
    """What the sweep replaces: each parameter, each ``**kwargs`` field, and ``*args`` as ``"*name"``."""
    names = [parameter.name for parameter in _parameters(function)]
    names += [field for field in keyword_fields(name.split("().")[0], function) if field not in names]
    if name in VAR_POSITIONAL:
        names.append("*" + str(_var_parameter(function, inspect.Parameter.VAR_POSITIONAL)))
    return names


def _cases() -> list[tuple[str, str]]:
    return [(name, parameter) for name, (function, _) in sweep_targets().items()
            for parameter in swept_parameters(name, function)]


def _nonfinite(value: object) -> bool:
    """True if a returned value holds NaN or inf (looking inside numbers, arrays and tables)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, np.number)):
        return not np.isfinite(float(value))
    if isinstance(value, np.ndarray) and value.dtype.kind in "fc":
        return not np.isfinite(value).all()
    if isinstance(value, (pd.Series, pd.DataFrame)):
        numbers = value.select_dtypes("number") if isinstance(value, pd.DataFrame) else value
        if isinstance(numbers, pd.Series) and numbers.dtype.kind not in "fiu":
            return False
        return not np.isfinite(numbers.to_numpy(dtype=float, na_value=np.nan)).all()
    if isinstance(value, tuple):
        return any(_nonfinite(item) for item in value)
    return False


def _raised_in_package(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and Path(frames[-1].filename).resolve().is_relative_to(PACKAGE_DIR.resolve())


def check_one_call(name: str, parameter: str, bad: object) -> str | None:
    """Call ``name`` with ``parameter`` set to ``bad``; a description of what went wrong, or None."""
    function, arguments = sweep_targets()[name]
    arguments = dict(arguments)
    if parameter.startswith("*"):
        arguments["*"] = (*arguments["*"][:-1], bad)
    else:
        arguments[parameter] = bad
    start = time.process_time()  # CPU time: a machine shared with others does not make a call "slow"
    try:
        with warnings.catch_warnings(), time_limit(4 * CALL_LIMIT):
            warnings.simplefilter("ignore")
            result = _call(function, arguments)
    except TookTooLong:
        return f"{name}({parameter}={bad!r:.60}) did not return within {4 * CALL_LIMIT:g} s"
    except (ValueError, TypeError) as error:
        if not _raised_in_package(error):
            return f"{name}({parameter}={bad!r:.60}) raised a raw {type(error).__name__}: {error}"
        if parameter.lstrip("*") not in str(error):
            return (f"{name}({parameter}={bad!r:.60}) raised {type(error).__name__} without naming "
                    f"{parameter!r}: {error}")
        return None
    except FileNotFoundError as error:
        # A name that is not there (documented): fine if the package says which name it looked for.
        if _raised_in_package(error) and str(bad) in str(error):
            return None
        return f"{name}({parameter}={bad!r:.60}) raised FileNotFoundError: {error}"
    except Exception as error:  # noqa: BLE001 - any other exception is what the sweep looks for
        return f"{name}({parameter}={bad!r:.60}) raised {type(error).__name__}: {error}"
    finally:
        plt.close("all")
    elapsed = time.process_time() - start
    if elapsed > CALL_LIMIT:
        return f"{name}({parameter}={bad!r:.60}) took {elapsed:.1f} s of CPU time"
    doc = inspect.getdoc(function) or ""
    if _nonfinite(result) and "nan" not in doc.lower() and "inf" not in doc.lower():
        return f"{name}({parameter}={bad!r:.60}) returned NaN or inf silently"
    return None


# Cases still failing (known, listed so the sweep stays green while they are fixed one by one;
# strict, so a fixed one must leave the list). None are left.
_KNOWN_BY_CALLABLE: dict[str, tuple[str, ...]] = {}
KNOWN_FAILURES: set[tuple[str, str]] = {
    (name, parameter) for name, parameters in _KNOWN_BY_CALLABLE.items() for parameter in parameters}


def _through_factory(name: str) -> bool:
    """An explorer class left to the function that builds it (``ClvExplorer`` via ``clv_explorer``)."""
    function = public_callables()[name]
    factories = {getattr(f, "__annotations__", {}).get("return") for f in public_callables().values()
                 if inspect.isfunction(f) and f"{f.__module__}.{f.__name__}".startswith("relmark_helpers")}
    return inspect.isclass(function) and function.__name__ in factories and bool(
        _var_parameter(function, inspect.Parameter.VAR_KEYWORD))


def test_most_of_the_api_is_swept():
    everything = {name for name in public_callables() if name not in NOT_SWEPT}
    swept = {name for name in sweep_targets() if "()." not in name}
    swept |= {name for name in everything if _through_factory(name)}
    left_out = sorted(set(everything) - swept)
    assert len(swept) >= 0.99 * len(everything), left_out


# Collected outside any test: keep the calls from changing matplotlib's global style (the sweep
# calls use_workbook_style too), which would change the pictures of every later test.
with matplotlib.rc_context():
    CASES = _cases()
plt.close("all")


PARAMETERS = [pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason="known"))
              if case in KNOWN_FAILURES else case for case in CASES]
# Drawn values may or may not hit a known failure, so there the mark is not strict.
DRAWN_PARAMETERS = [pytest.param(*case, marks=pytest.mark.xfail(strict=False, reason="known"))
                    if case in KNOWN_FAILURES else case for case in CASES]
IDS = [f"{n}-{p}" for n, p in CASES]


@pytest.mark.parametrize(("name", "parameter"), PARAMETERS, ids=IDS)
def test_listed_bad_values_get_a_clear_error(name, parameter):
    problems = [check_one_call(name, parameter, bad) for bad in all_bad_values(name)]
    problems = [p for p in problems if p is not None]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("name", "parameter"), DRAWN_PARAMETERS, ids=IDS)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(bad=random_bad_value())
def test_drawn_bad_values_get_a_clear_error(name, parameter, bad):
    if len(all_bad_values(name)) < len(BAD_VALUES):
        return  # a callable that draws a figure: its short list of values is enough, and quicker
    problem = check_one_call(name, parameter, bad)
    assert problem is None, problem
