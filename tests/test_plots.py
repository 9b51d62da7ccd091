"""Plots: titles, labels with units, the right number of marks, values from the formulas."""

import numpy as np
import pytest

from relmark_helpers import (
    axes_or_new,
    cash_flow_table,
    color,
    money_label,
    plot_cash_flows,
    plot_clv_chart,
    plot_clv_vs_retention,
    plot_margin_multiple_heatmap,
    plot_retention_uplift,
    use_workbook_style,
)


def test_cash_flows_two_bars_per_period():
    ax = plot_cash_flows(cash_flow_table(100, 0.8, 0.1, 6))
    assert ax.get_title() and ax.get_xlabel() == "period t"
    assert "money" in ax.get_ylabel()
    heights = sorted(round(p.get_height(), 3) for p in ax.patches if p.get_height() > 0)
    assert len(heights) == 12
    assert max(heights) == pytest.approx(80.0)


def test_heatmap_cells_are_margin_multiples():
    ax = plot_margin_multiple_heatmap(np.array([0.5, 0.8]), np.array([0.05, 0.10]))
    # r / (1 + i - r) by hand: 0.5/0.55, 0.5/0.6, 0.8/0.25, 0.8/0.3
    assert sorted(t.get_text() for t in ax.texts) == sorted(["0.9", "0.8", "3.2", "2.7"])
    assert ax.get_xlabel() == "discount rate i" and ax.get_ylabel() == "retention r"


def test_clv_vs_retention_marks_the_rise():
    ax = plot_clv_vs_retention(100, 0.1, marked=(0.80, 0.85))
    assert "+28%" in ax.texts[0].get_text() or "+27%" in ax.texts[0].get_text()
    assert ax.get_ylabel() == "CLV per customer (money)"


def test_retention_uplift_one_line_per_discount_and_claim_band():
    ax = plot_retention_uplift((0.05, 0.10, 0.15))
    assert len(ax.lines) == 3
    assert ax.get_ylabel() == "rise in CLV (%)"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("claimed profit gain, 25%–85%")


def test_static_clv_chart_shows_the_default_numbers():
    fig = plot_clv_chart()
    assert len(fig.axes) == 2
    assert fig._suptitle.get_text().startswith("Net CLV over 10 periods: 106")
    assert "breaks even in period 3" in fig.axes[1].texts[0].get_text()


def test_style_is_explicit_and_colour_blind_safe():
    import matplotlib as mpl

    use_workbook_style()
    assert mpl.rcParams["axes.spines.top"] is False
    assert color("blue") != color("orange")
    with pytest.raises(ValueError, match="color must be one of"):
        color("magenta")


def test_shared_plot_helpers():
    assert money_label(1234.6) == "1,235"
    assert money_label(-50_000) == "-50,000"
    ax = axes_or_new(None, figsize=(5.0, 3.0))
    assert tuple(ax.figure.get_size_inches()) == (5.0, 3.0)
    assert axes_or_new(ax) is ax
