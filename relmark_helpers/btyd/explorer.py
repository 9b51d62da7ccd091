"""The "is this customer still alive?" explorer of notebook 06: BG/NBD and Pareto/NBD side by side.

Move a customer's repeat purchases (frequency), the week of their last
purchase (recency) and their age (weeks since the first purchase); the left
panel shows P(alive) as the customer grows older without buying again, the
right panel the purchases each model expects in the coming weeks.  Both
models are fitted once, on the CDNOW sample's 39-week calibration period.

Introduced in notebook 06.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from relmark_helpers.btyd.bgnbd import BgNbdFit
from relmark_helpers.btyd.pareto_nbd import ParetoNbdFit
from relmark_helpers.core.controls import check_defaults, slider
from relmark_helpers.core.explorer import Explorer
from relmark_helpers.core.fastfigure import LiveChart
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.style import color

__all__ = ["AliveChart", "AliveExplorer", "AliveInputs", "alive_explorer", "plot_alive_chart"]

MAX_AGE = 104.0
"""Longest age shown (weeks)."""
HORIZON = 52.0
"""Future weeks on the right panel."""


@dataclass(frozen=True)
class AliveInputs:
    """One customer's history (weeks).

    ``recency`` is clipped to ``age``, and is 0 when ``frequency`` is 0.
    """

    frequency: int = slider(2, N_("repeat purchases (x)"), 0, 20, 1,
                            tooltip=N_("Purchases after the first one"))
    recency: float = slider(30.0, N_("week of the last purchase"), 0.0, MAX_AGE, 1.0, fmt=".0f",
                            tooltip=N_("Weeks from the first purchase to the last"))
    age: float = slider(39.0, N_("age now"), 1.0, MAX_AGE, 1.0, fmt=".0f", unit=N_("weeks"),
                        tooltip=N_("Weeks since the first purchase"))

    def cleaned(self) -> AliveInputs:
        recency = 0.0 if self.frequency == 0 else min(float(self.recency), float(self.age))
        return replace(self, recency=recency)


def _default_models() -> tuple[BgNbdFit, ParetoNbdFit]:
    from relmark_helpers.btyd.bgnbd import fit_bgnbd
    from relmark_helpers.btyd.cdnow import calibration_holdout, load_cdnow
    from relmark_helpers.btyd.pareto_nbd import fit_pareto_nbd

    summary = calibration_holdout(load_cdnow(sample=True))
    return fit_bgnbd(summary), fit_pareto_nbd(summary)


class AliveChart(LiveChart):
    """Left: P(alive) by age, for the customer's frequency and recency; right: expected purchases ahead.

    Parameters
    ----------
    bgnbd, pareto : fitted models
        Default: both fitted on the CDNOW sample (weeks).
    figsize : (float, float)
        Inches.
    """

    def __init__(self, bgnbd: BgNbdFit | None = None, pareto: ParetoNbdFit | None = None,
                 figsize: tuple[float, float] = (10.0, 5.0)):
        super().__init__()
        if bgnbd is None or pareto is None:
            bgnbd, pareto = _default_models()
        self.models = {"BG/NBD": bgnbd, "Pareto/NBD": pareto}
        self.figure = Figure(figsize=figsize, dpi=100)
        self.figure.subplots_adjust(left=0.08, right=0.985, bottom=0.25, top=0.82, wspace=0.25)
        self.ax_alive, self.ax_future = self.figure.subplots(1, 2)
        styles = {"BG/NBD": (color("orange"), "-"), "Pareto/NBD": (color("green"), "--")}
        a = {}
        for label, (colour, ls) in styles.items():
            (a[f"alive {label}"],) = self.ax_alive.plot([], [], color=colour, ls=ls, lw=2.5,
                                                       label=_(label))
            (a[f"now {label}"],) = self.ax_alive.plot([], [], "o", color=colour, ms=9)
            (a[f"future {label}"],) = self.ax_future.plot([], [], color=colour, ls=ls, lw=2.5)
        a["last"] = self.ax_alive.axvline(0, color=color("grey"), lw=1.2, ls=":")
        self._a = a
        self.ax_alive.set(title=_("P(alive) if no purchase follows"),
                          xlabel=_("age (weeks since first purchase)"),
                          ylabel=_("P(alive)"), xlim=(0, MAX_AGE), ylim=(0, 1.05))
        self.ax_alive.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
        self.ax_future.set(title=_("Expected purchases from now on"), xlabel=_("weeks from now"),
                           ylabel=_("expected purchases (cumulative)"), xlim=(0, HORIZON))
        self.figure.legend(handles=[a["alive BG/NBD"], a["alive Pareto/NBD"]], loc="lower center",
                           ncol=2, fontsize=10, frameon=False)
        self._title = self.figure.suptitle("", fontsize=12, fontweight="bold", linespacing=1.4)
        # Spines are drawn over the lines that touch them, as a full redraw would.
        spines = [ax.spines[side] for ax in (self.ax_alive, self.ax_future) for side in ("left", "bottom")]
        self.moving = [*a.values(), *self.caption(self._title), *self.live_yaxis(self.ax_future),
                       *spines]

    def update(self, inputs: AliveInputs) -> dict[str, float]:
        """Show ``inputs``; return P(alive) and expected purchases in the next 39 weeks per model.

        Returns
        -------
        dict
            ``p_alive_bgnbd``, ``p_alive_pareto``, ``expected_bgnbd``,
            ``expected_pareto`` (purchases in the next 39 weeks), ``recency``
            (as used, after clipping).
        """
        self.begin_update()
        inp = inputs.cleaned()
        x, t_x, age = float(inp.frequency), float(inp.recency), float(inp.age)
        ages = np.linspace(max(t_x, 1e-9), MAX_AGE, 120)
        ahead = np.linspace(0.0, HORIZON, 53)
        result: dict[str, float] = {"recency": t_x}
        top = 0.0
        for label, model in self.models.items():
            alive_curve = np.asarray(model.p_alive(x, t_x, ages))
            self._a[f"alive {label}"].set_data(ages, alive_curve)
            now = float(model.p_alive(x, t_x, age))
            self._a[f"now {label}"].set_data([age], [now])
            future = np.asarray(model.expected_purchases(ahead, x, t_x, age))
            self._a[f"future {label}"].set_data(ahead, future)
            top = max(top, float(future.max()))
            key = "bgnbd" if label == "BG/NBD" else "pareto"
            result[f"p_alive_{key}"] = now
            result[f"expected_{key}"] = float(model.expected_purchases(39.0, x, t_x, age))
        self._a["last"].set_xdata([t_x, t_x])
        self.set_ylim_lazily(self.ax_future, 0.0, max(top, 0.2))  # no 1e-9 axis for a lost customer
        self._title.set_text(_("{x} repeat purchase(s), the last at week {last:.0f}; now week "
                               "{age:.0f}", x=inp.frequency, last=t_x, age=age))
        return result


class AliveExplorer(Explorer):
    """P(alive) explorer: frequency, recency and age of one customer, BG/NBD next to Pareto/NBD.

    Parameters
    ----------
    bgnbd, pareto : fitted models, optional
        Default: fitted on the CDNOW sample.
    **defaults
        Starting values, any field of :class:`AliveInputs`.
    """

    inputs_class = AliveInputs

    def __init__(self, bgnbd: BgNbdFit | None = None, pareto: ParetoNbdFit | None = None,
                 **defaults: float | int):
        self.models = (bgnbd, pareto)
        super().__init__(**defaults)

    def make_chart(self, start: AliveInputs) -> AliveChart:
        """P(alive) by age and expected purchases ahead, both models."""
        return AliveChart(*self.models)

    def summarize(self, inputs: AliveInputs, result: dict[str, float]) -> str:
        """One sentence that reads the chart."""
        note = ""
        if inputs.frequency == 0:
            note = " " + _("With no repeat purchase BG/NBD says <b>alive for sure</b>: in that "
                           "model a customer can leave only right after a purchase. Pareto/NBD "
                           "lets them leave at any moment.")
        elif inputs.recency > inputs.age:
            note = " " + _("(The last purchase cannot be after today: recency was set to the age.)")
        return _("P(alive): BG/NBD <b>{bgnbd:.0%}</b>, Pareto/NBD <b>{pareto:.0%}</b>. Expected "
                 "purchases in the next 39 weeks: {expected_bgnbd:.2f} and {expected_pareto:.2f}.",
                 bgnbd=result["p_alive_bgnbd"], pareto=result["p_alive_pareto"],
                 expected_bgnbd=result["expected_bgnbd"],
                 expected_pareto=result["expected_pareto"]) + note


def alive_explorer(bgnbd: BgNbdFit | None = None, pareto: ParetoNbdFit | None = None,
                   **defaults: float | int) -> AliveExplorer:
    """Build the P(alive) explorer (see :class:`AliveExplorer`); display it as a cell's last line."""
    return AliveExplorer(bgnbd, pareto, **defaults)


def plot_alive_chart(bgnbd: BgNbdFit | None = None, pareto: ParetoNbdFit | None = None,
                     **inputs: float | int) -> Figure:
    """The explorer's chart at fixed inputs, as a static figure (for stored notebook outputs)."""
    check_defaults(inputs, AliveInputs)
    return AliveChart(bgnbd, pareto).draw_once(replace(AliveInputs(), **inputs))
