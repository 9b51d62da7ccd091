"""Plots for the three levels of bonding: copying speed, CLV by level, the programme designer.

Every ``plot_*`` function draws on ``ax`` (or a new figure) and returns the
Axes (:func:`plot_programme_chart` returns the designer's Figure).  The
numbers come from :mod:`relmark_helpers.bonding.programme`; this module only draws.
Labels are in English: Chinese terms stay in the notebooks' text.

Introduced in notebook 04.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from relmark_helpers.bonding.cases import BONDS, bond_name, load_bonding_levels
from relmark_helpers.bonding.programme import (
    INSTRUMENTS,
    Baseline,
    Programme,
    imitation,
    level_name,
    programme_economics,
)
from relmark_helpers.core.controls import slider, toggle
from relmark_helpers.core.fastfigure import BarCollection, LiveChart, nice_ceiling
from relmark_helpers.core.messages import N_, _
from relmark_helpers.core.style import axes_or_new, color, money_label
from relmark_helpers.core.validate import MAX_CHART_PERIODS, _describe, as_count, as_float, chart_horizon

__all__ = [
    "BOND_COLOURS",
    "ProgrammeChart",
    "ProgrammeInputs",
    "plot_copy_speed",
    "plot_imitation",
    "plot_level_economics",
    "plot_member_value",
    "plot_programme_chart",
]

BOND_COLOURS: dict[str, tuple[float, float, float]] = {
    "financial": color("orange"),
    "social": color("blue"),
    "customisation": color("purple"),
    "structural": color("green"),
}
"""One colour per bond, the same in every chart of the notebook."""




def _bond_legend(bond: str) -> str:
    """A bond's name and level in the current language (``data/bonding_levels.csv`` holds both)."""
    levels = load_bonding_levels().set_index("bond")
    return _("{name} (level {level})", name=bond_name(bond), level=levels.loc[bond, "level"])


def plot_copy_speed(rival_response: float = 0.0, *, years: int = 12, ax: Axes | None = None
                    ) -> Axes:
    """Share of each bond's advantage left, year by year, once rivals start copying.

    Parameters
    ----------
    rival_response : float
        Years before rivals start copying (>= 0).
    years : int
        Years on the x axis.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = axes_or_new(ax, figsize=(8.0, 4.2))
    everything = Programme.of(*INSTRUMENTS)
    table = imitation(everything, years, rival_response=rival_response)
    for bond in BONDS:
        ax.plot(np.concatenate([[0], table["year"]]),
                100 * np.concatenate([[1.0], table[f"share_{bond}"]]),
                lw=2.5, marker="o", ms=4, color=BOND_COLOURS[bond], label=_bond_legend(bond))
    ax.set(title=_("How fast rivals copy each bond (teaching values)"), xlabel=_("year"),
           ylabel=_("advantage left (%)"), ylim=(-3, 105), xlim=(0, years))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper right", fontsize=9)
    return ax


def plot_imitation(programme: Programme, *, years: int = 15, rival_response: float | None = 2.0,
                   ax: Axes | None = None) -> Axes:
    """Stacked bars: the retention points each bond adds, year by year, as rivals copy.

    Parameters
    ----------
    programme : Programme
    years : int
        Years shown.
    rival_response : float or None
        Years before rivals start copying; None: never.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = axes_or_new(ax, figsize=(8.0, 4.2))
    table = imitation(programme, years, rival_response=rival_response)
    bottom = np.zeros(len(table))
    for bond in BONDS:
        height = 100 * table[f"retention_{bond}"].to_numpy()
        ax.bar(table["year"], height, bottom=bottom, width=0.75, color=BOND_COLOURS[bond],
               label=_bond_legend(bond))
        bottom = bottom + height
    if rival_response is None:
        title = _("Retention advantage by bond when rivals never copy")
    else:
        title = _("Retention advantage by bond when rivals start copying after {years:g} years",
                  years=rival_response)
    ax.set(title=title, xlabel=_("year"), ylabel=_("retention points added"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper right", fontsize=9)
    return ax


def plot_level_economics(baseline: Baseline | None = None, *, rival_response: float = 2.0,
                         discount: float = 0.10, ax: Axes | None = None) -> Axes:
    """CLV gain per member of a level-1, level-2 and level-3 programme, with and without copying.

    Each level's programme holds every instrument of that level and the ones
    below (:meth:`~relmark_helpers.bonding.programme.Programme.at_level`).

    Parameters
    ----------
    baseline : Baseline, optional
        The customer without a programme (default ``Baseline()``).
    rival_response : float
        Years before rivals start copying, for the second bar of each pair.
    discount : float
        Discount rate per period.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    as_float("rival_response", rival_response, low=0.0, high=1000.0,
             hint="Years a rival needs to copy, e.g. 2.")
    ax = axes_or_new(ax, figsize=(8.0, 4.2))
    levels = (1, 2, 3)
    kept = [programme_economics(Programme.at_level(k), baseline, discount=discount).uplift
            for k in levels]
    copied = [programme_economics(Programme.at_level(k), baseline, discount=discount,
                                  rival_response=rival_response).uplift for k in levels]
    x = np.arange(len(levels))
    ax.bar(x - 0.2, kept, width=0.4, color=color("blue"), label=_("rivals never copy"))
    ax.bar(x + 0.2, copied, width=0.4, color=color("orange"),
           label=_("rivals copy after {years:g} years", years=rival_response))
    for xs, values in ((x - 0.2, kept), (x + 0.2, copied)):
        for xi, v in zip(xs, values, strict=True):
            ax.annotate(f"{v:,.0f}", (xi, v), xytext=(0, 3 if v >= 0 else -3),
                        textcoords="offset points", ha="center",
                        va="bottom" if v >= 0 else "top", fontsize=10)
    ax.axhline(0, color="0.3", lw=1)
    ax.set_xticks(x, [_("level {level}: {name}", level=k, name=_(level_name(k))) for k in levels])
    low, high = min(min(kept), min(copied), 0.0), max(max(kept), max(copied), 0.0)
    span = high - low
    ax.set_ylim(low - 0.12 * span if low < 0 else 0, high + 0.15 * span)
    ax.set(title=_("CLV gain per member, after the programme's costs"),
           ylabel=_("gain in CLV per member (money)"))
    ax.yaxis.set_major_formatter(FuncFormatter(money_label))
    ax.legend(loc="upper left", fontsize=9)
    return ax


def plot_member_value(ottobar: pd.Series, *, ax: Axes | None = None) -> Axes:
    """Bars: a non-member's and a member's CLV, and the part credited to the club.

    Parameters
    ----------
    ottobar : pandas.Series
        Output of :func:`relmark_helpers.bonding.programme.ottobar_economics`.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not isinstance(ottobar, pd.Series) or not {"clv_non_member", "clv_member",
                                                    "value_credited_to_club"} <= set(ottobar.index):
        raise TypeError(f"ottobar must be the Series of ottobar_economics(); got {type(ottobar).__name__}.")
    ax = axes_or_new(ax, figsize=(7.0, 4.0))
    labels = [_("non-member"), _("member"), _("gap credited\nto the club")]
    values = [ottobar["clv_non_member"], ottobar["clv_member"], ottobar["value_credited_to_club"]]
    bars = ax.bar(labels, values, color=[color("grey"), color("blue"), color("green")], width=0.6)
    for bar, v in zip(bars, values, strict=True):
        ax.annotate(f"{v:,.0f}", (bar.get_x() + bar.get_width() / 2, v), xytext=(0, 3),
                    textcoords="offset points", ha="center", va="bottom", fontsize=11)
    ax.set_ylim(0, max(values) * 1.18)
    ax.set(title=_("What a club member is worth (CLV, teaching values)"),
           ylabel=_("CLV per customer (money)"))
    ax.yaxis.set_major_formatter(FuncFormatter(money_label))
    return ax


def _instrument(name: str, default: bool) -> bool:
    """A toggle button for one instrument, labelled and explained from its definition."""
    instrument = INSTRUMENTS[name]
    return toggle(default, instrument.label, widget="button",
                  tooltip=N_("{bond} bond (level {level}): cost {cost:g} a period and {setup:g} "
                             "to set up per member (teaching values)"),
                  bond=instrument.bond, level=instrument.level, cost=instrument.cost,
                  setup=instrument.setup_cost)


@dataclass(frozen=True)
class ProgrammeInputs:
    """The programme designer's settings (instruments on or off, and the assumptions).

    ``margin`` and ``retention`` describe the customer without a programme
    (:class:`~relmark_helpers.bonding.programme.Baseline`); ``rival_response`` is the
    number of years before rivals start copying, used when ``rivals_copy``
    is on.  Defaults are teaching values.
    """

    points: bool = _instrument("points", True)
    events: bool = _instrument("events", False)
    magazine: bool = _instrument("magazine", True)
    personal_contact: bool = _instrument("personal_contact", False)
    customised_service: bool = _instrument("customised_service", False)
    it_link: bool = _instrument("it_link", False)
    margin: float = slider(100.0, N_("margin per period"), 20, 500, 10, fmt=",.0f",
                           tooltip=N_("What a customer brings each period without a programme"))
    retention: float = slider(0.70, N_("retention without programme"), 0.30, 0.80, 0.01,
                              fmt=".0%", tooltip=N_("Chance a customer stays another period "
                                                    "without a programme"))
    rivals_copy: bool = toggle(True, N_("rivals copy"),
                               tooltip=N_("Rivals copy the programme and its advantage erodes"))
    rival_response: int = slider(2, N_("rivals start copying after"), 0, 15, 1, unit=N_("years"),
                                 tooltip=N_("Years before rivals copy the programme"))

    @property
    def programme(self) -> Programme:
        """The chosen instruments as a Programme."""
        return Programme.of(*(name for name in INSTRUMENTS if getattr(self, name)))

    @property
    def baseline(self) -> Baseline:
        """The customer without a programme."""
        return Baseline(margin=self.margin, retention=self.retention)


INSTRUMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ProgrammeInputs)
                                           if f.name in INSTRUMENTS)


def _check_inputs(inputs: ProgrammeInputs) -> None:
    """Each field of ``inputs`` checked under its own name (switches True/False, numbers finite)."""
    for name in (*INSTRUMENT_FIELDS, "rivals_copy"):
        value = getattr(inputs, name)
        if not (isinstance(value, (bool, np.bool_)) or (isinstance(value, int) and value in (0, 1))):
            raise TypeError(f"{name} must be True or False; got {_describe(value)}.")
    as_float("margin", inputs.margin)
    as_float("retention", inputs.retention, low=0.0, high=1.0, hint="Pass 0.7 for 70 %.")
    as_count("rival_response", inputs.rival_response, maximum=MAX_CHART_PERIODS)


class ProgrammeChart(LiveChart):
    """The programme designer's two-panel figure, built once and updated in place.

    Left: CLV per member without the programme, with it, and with it when
    rivals copy.  Right: the retention points each bond adds, year by year,
    stacked, with the year rivals start copying marked.

    Parameters
    ----------
    years : int
        Years on the right panel, 1 to 500 (``MAX_CHART_PERIODS``).
    figsize : (float, float)
        Inches.

    Attributes
    ----------
    figure, moving, changed_axes
        As for every :class:`~relmark_helpers.core.fastfigure.LiveChart`.
    """

    def __init__(self, years: int = 15, figsize: tuple[float, float] = (10.0, 5.0)):
        super().__init__()
        self.years = chart_horizon("years", years)
        self._computed: dict = {}
        self._imitations: dict = {}
        self.figure = Figure(figsize=figsize, dpi=100)
        self.figure.subplots_adjust(left=0.08, right=0.985, bottom=0.25, top=0.85, wspace=0.28)
        self.ax_clv, self.ax_years = self.figure.subplots(1, 2, width_ratios=[1, 1.5])
        ax = self.ax_clv
        self._clv_bars = ax.bar([0, 1, 2], [0.0, 0.0, 0.0], width=0.62,
                                color=["0.72", "0.30", "0.92"], edgecolor=["0.72", "0.30", "0.30"],
                                hatch=[None, None, "///"], linewidth=1.2)
        self._clv_texts = [ax.text(x, 0.0, "", ha="center", va="bottom", fontsize=11)
                           for x in range(3)]
        ax.set_xticks([0, 1, 2], [_("without\nprogramme"), _("with\nprogramme"),
                                  _("with, rivals\ncopy")])
        ax.set(title=_("CLV per member (money)"), xlim=(-0.6, 2.6))
        # Bars labelled with their values and no y scale: the range can follow the data on
        # every update without redrawing the cached background.
        ax.yaxis.set_major_locator(NullLocator())
        ax.grid(False)
        self._zero = ax.axhline(0, color="0.3", lw=1)
        ax = self.ax_years
        t = np.arange(1, self.years + 1)
        # One collection per bond (one draw call, not one patch per bar).
        self._stacks = {bond: BarCollection(ax, t, width=0.75, color=BOND_COLOURS[bond])
                        for bond in BONDS}
        self._rival_line = ax.axvline(0.5, color="0.25", lw=1.5, ls="--")
        self._rival_text = ax.text(0.5, 1.0, "", transform=ax.get_xaxis_transform(),
                                   ha="left", va="top", fontsize=10, color="0.25")
        # Fixed range: room for every instrument at once, so toggling never redraws this panel.
        most = 100 * sum(i.retention for i in INSTRUMENTS.values())
        ax.set(title=_("Retention advantage by bond (teaching values)"), xlabel=_("year"),
               ylabel=_("retention points added"), xlim=(0.4, self.years + 0.6),
               ylim=(0, nice_ceiling(most * 1.05)))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        self.figure.legend(
            handles=[Patch(color=BOND_COLOURS[b], label=_bond_legend(b)) for b in BONDS],
            loc="lower center", ncol=2, fontsize=10, frameon=False,
        )
        self._title = self.figure.suptitle("", fontsize=13, fontweight="bold")
        self.moving = [*self._clv_bars, *self.caption(*self._clv_texts), self._zero,
                       *(self._stacks[bond] for bond in BONDS),
                       self._rival_line, *self.caption(self._rival_text, self._title),
                       *(axis.spines[side] for axis in (self.ax_clv, self.ax_years)
                         for side in ("left", "bottom"))]

    def update(self, inputs: ProgrammeInputs) -> dict[str, float]:
        """Show ``inputs``; return the numbers the chart shows.

        Returns
        -------
        dict
            ``level`` (reached, 0-3), ``deepest_level``, ``clv_without``,
            ``clv_with`` (rivals never copy), ``clv_copied`` (rivals copy after
            ``rival_response`` years; equal to ``clv_with`` when they don't),
            ``roi``, ``payback``, ``roi_copied``, ``payback_copied``,
            ``retention_with``.
        """
        _check_inputs(inputs)
        self.begin_update()
        programme = inputs.programme
        lag = float(inputs.rival_response) if inputs.rivals_copy else None
        kept, copied, table = self._economics(inputs)
        values = [kept.clv_without, kept.clv_with, copied.clv_with]
        for bar, text, v in zip(self._clv_bars, self._clv_texts, values, strict=True):
            bar.set_height(v)
            text.set_position((bar.get_x() + bar.get_width() / 2, max(v, 0.0)))
            text.set_text(f"{v:,.0f}")
        self._clv_bars[2].set_visible(lag is not None)
        self._clv_texts[2].set_visible(lag is not None)
        bottom = np.zeros(self.years)
        for bond in BONDS:
            height = 100 * table[f"retention_{bond}"].to_numpy()
            self._stacks[bond].set_bars(height, bottom=bottom)
            bottom = bottom + height
        if lag is None:
            self._rival_line.set_visible(False)
            self._rival_text.set_text(_(" rivals never copy"))
            self._rival_text.set_x(0.5)
        else:
            self._rival_line.set_visible(True)
            self._rival_line.set_xdata([lag + 0.5, lag + 0.5])
            self._rival_text.set_x(lag + 0.5)
            self._rival_text.set_text(_(" rivals start copying"))
        level = programme.level
        roi = "—" if np.isnan(kept.roi) else f"{kept.roi:.0%}"
        self._title.set_text(_("Level reached: {level} ({name})   ·   ROI {roi}   ·   {payback}",
                               level=level, name=_(level_name(level)), roi=roi,
                               payback=_payback_words(kept.payback)))
        low, high = min(min(values), 0.0), max(max(values), 1.0)
        self.ax_clv.set_ylim(low - 0.08 * (high - low) if low < 0 else 0.0, high + 0.12 * (high - low))
        if bottom.max() > self.ax_years.get_ylim()[1]:  # instruments with changed teaching values
            self.ax_years.set_ylim(0, nice_ceiling(float(bottom.max()) * 1.05))
            self.changed_axes.append(self.ax_years)
        return {"level": level, "deepest_level": programme.deepest_level,
                "clv_without": kept.clv_without, "clv_with": kept.clv_with,
                "clv_copied": copied.clv_with, "roi": kept.roi, "payback": kept.payback,
                "roi_copied": copied.roi, "payback_copied": copied.payback,
                "retention_with": kept.retention_with}


    def _economics(self, inputs: ProgrammeInputs):
        """The programme's economics (rivals never copy, rivals copy) and its imitation table.

        Kept for the last 256 settings: moving a slider back and forth
        computes nothing twice (the numbers depend on the settings only).
        """
        if inputs not in self._computed:
            programme, baseline = inputs.programme, inputs.baseline
            lag = float(inputs.rival_response) if inputs.rivals_copy else None
            kept = programme_economics(programme, baseline)
            copied = (programme_economics(programme, baseline, rival_response=lag)
                      if lag is not None else kept)
            shared = (tuple(programme.instruments), lag)  # imitation ignores the baseline
            if shared not in self._imitations:
                self._imitations[shared] = imitation(programme, self.years, rival_response=lag)
            self._computed[inputs] = (kept, copied, self._imitations[shared])
            while len(self._computed) > 256:
                self._computed.pop(next(iter(self._computed)))
        return self._computed[inputs]


def _payback_words(payback: float) -> str:
    if payback == 0:
        return _("nothing to pay back")
    if np.isinf(payback):
        return _("never pays back")
    return _("pays back in period {period:.0f}", period=payback)


def plot_programme_chart(years: int = 15, **inputs: float | int | bool) -> Figure:
    """The programme designer's chart, drawn once (for a static cell beside the widget).

    Parameters
    ----------
    years : int
        Years on the right panel, 1 to 500 (``MAX_CHART_PERIODS``).
    **inputs
        Fields of :class:`ProgrammeInputs`; the rest keep their defaults.

    Returns
    -------
    matplotlib.figure.Figure
        Shown when it is the cell's last line.
    """
    return ProgrammeChart(years=years).draw_once(ProgrammeInputs(**inputs))
