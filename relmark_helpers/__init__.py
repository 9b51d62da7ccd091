"""relmark_helpers: the tested Python package behind the relmark notebooks.

Every public function and class is importable from here, for example
``from relmark_helpers import clv, rfm_summary, load_transactions, check``.
Names are loaded lazily, on first use, so ``import relmark_helpers`` is fast and
has no side effects: no styles, seeds or options are set.

Subpackages
-----------
core
    What every topic shares: argument validation (``validate``), the workbook
    style (``style``), bundled-data loading (``bundled_data``), the exercise
    checker (``exercises``), the fast-figure layer (``fastfigure``) and the
    message catalogue every user-facing string passes through (``messages``).
lifetime_value
    Customer lifetime value: closed-form formulas, charts, the CLV explorer.
customer_base
    The leaky bucket: a cohort model of acquisition and retention, two firms
    with one budget, spending concentration (80/20), their charts and explorers.
bonding
    The three levels of relationship bonding: programme economics, imitation,
    the course cases, charts and the programme designer.
customer_data
    CLV from customer data: transaction logs, the RFM summary, cohorts,
    the shifted-beta-geometric model, the loyalty-club data, the retention explorer.
btyd
    CLV when customers leave without saying so ("buy 'til you die"): BG/NBD,
    Pareto/NBD and Gamma-Gamma fitted by maximum likelihood, the CDNOW data,
    hold-out charts and the P(alive) explorer.
crm
    Customer relationship management: classic RFM scores (recency = days since
    the last purchase), named segments, their charts and the segment explorer.
ladder
    The customer ladder as a Markov chain with rewards, its charts and explorer.
capstone
    Segments, a programme plan's economics and the capstone's checks.
answers
    The exercises of each notebook (``nbNN``), loaded only when checked.

A lecturer extending the package adds a module to a subpackage, lists its
public names in the module's ``__all__`` and in :data:`_PUBLIC` below; a test
keeps the two in step and this docstring's list of subpackages true.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Where each public name lives: module (relative to this package) -> names.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "core.bundled_data": (
        "claim", "DATA_DIR", "data_path", "load_claims", "load_glossary",
    ),
    "core.dates": (
        "format_date",
    ),
    "core.exercises": (
        "AcceptedReading", "answer_form", "ChoiceExercise", "Exercise", "expected_kind", "Feedback",
        "GradedForm", "KnownMistake", "MatchingExercise", "NumericExercise", "UnknownExercise",
    ),
    "core.controls": (
        "check_defaults", "check_ranges", "choice", "Control", "declared_controls", "field_kind",
        "slider", "toggle",
    ),
    "core.explorer": (
        "CONTROL_WIDTH", "Explorer", "FullRedraw", "Interactive", "LABEL_WIDTH", "NOT_RUNNING",
    ),
    "core.fastfigure": (
        "BarCollection", "BlitRenderer", "captions_html", "encode_png", "figure_to_png",
        "LiveChart", "nice_ceiling",
    ),
    "core.messages": (
        "LANGUAGES", "NC_", "N_", "_", "catalogue", "language", "pgettext", "set_language",
        "use_language",
    ),
    "core.file_reading": (
        "ENCODINGS_SUGGESTED", "EXCEL_SERIAL_RANGE", "read_dates", "read_numbers", "read_table",
        "SEPARATORS", "Table", "YYYYMMDD_RANGE",
    ),
    "core.style": (
        "axes_or_new", "color", "FIGSIZE", "money_label", "PALETTE", "use_workbook_style",
    ),
    "core.validate": (
        "as_count", "as_float", "as_float_array", "as_frame", "as_periods", "chart_horizon",
        "choose", "finite_result", "MAX_CHART_PERIODS", "MAX_CUSTOMERS", "MAX_PERIODS",
        "scalar_or_array", "UnknownName",
    ),
    "answers": (
        "check", "exercises_of", "get_exercise", "graded_exercises", "list_exercises",
    ),
    "lifetime_value.explorer": (
        "clv_explorer", "ClvExplorer", "defaults_of", "first_slider", "glossary_search",
    ),
    "lifetime_value.formulas": (
        "break_even_period", "cash_flow_table", "clv", "clv_by_convention", "CLV_TIMINGS",
        "clv_with_referrals", "customer_equity", "driver_table", "expected_lifetime",
        "margin_multiple", "max_acquisition_cost", "retention_uplift", "TIMING_NAMES", "TIMINGS",
    ),
    "lifetime_value.plots": (
        "ClvChart", "ClvInputs", "plot_cash_flows", "plot_clv_chart", "plot_clv_vs_retention",
        "plot_margin_multiple_heatmap", "plot_retention_uplift",
    ),
    "lifetime_value.retention_evidence": (
        "customer_npv", "growth_needed_for_uplift", "LIFETIMES", "retention_uplift_with_tenure",
        "uplift_firm_versus_customer",
    ),
    "lifetime_value.retention_evidence_plots": (
        "plot_uplift_vs_profit_growth",
    ),
    "customer_base.concentration": (
        "lognormal_lorenz", "lognormal_top_share", "sample_spending", "sigma_for_top_share",
        "top_share",
    ),
    "customer_base.explorers": (
        "leaky_bucket_explorer", "LeakyBucketExplorer", "pareto_explorer", "ParetoExplorer",
        "two_firms_explorer", "TwoFirmsExplorer",
    ),
    "customer_base.plots": (
        "BucketInputs", "LeakyBucketChart", "ParetoChart", "plot_leaky_bucket",
        "plot_pareto",
        "plot_profit_uplift_grid", "plot_retention_cost_breakeven", "plot_satisfaction_vs_loyalty",
        "plot_stakeholder_circle", "plot_two_firms", "two_firms", "TwoFirmsChart", "TwoFirmsInputs",
    ),
    "customer_base.simulation": (
        "breakeven_retention_cost", "breakeven_retention_costs", "compare_strategies",
        "crossover_period", "profit_uplift", "profit_uplift_grid", "RELATIONSHIP_FIRM",
        "simulate_customer_base", "steady_state_customers", "Strategy", "strategy_table",
        "TRANSACTION_FIRM",
    ),
    "bonding.cases": (
        "BONDS", "CASE_COLUMNS", "case_fact", "case_table", "fact_value", "LEVEL_COLUMNS", "LEVEL_TEXTS",
        "bond_name", "bond_names", "load_bonding_levels", "load_cases", "QUALIFIERS", "UNIT_RANGES",
    ),
    "bonding.explorer": (
        "programme_designer", "ProgrammeDesigner",
    ),
    "bonding.plots": (
        "BOND_COLOURS", "plot_copy_speed", "plot_imitation", "plot_level_economics",
        "plot_member_value", "plot_programme_chart", "ProgrammeChart", "ProgrammeInputs",
    ),
    "bonding.programme": (
        "Baseline", "campaign", "Economics", "haier_signups_per_day", "imitation", "Instrument",
        "INSTRUMENTS", "level_instruments", "level_name", "ottobar_economics",
        "ottobar_member_multiple", "PAYBACK_LIMIT", "Programme", "programme_economics",
        "stamp_card_discount",
    ),
    "customer_data.explorer": (
        "retention_explorer", "RetentionExplorer",
    ),
    "customer_data.loyalty_club": (
        "CHECKSUM_FILE", "checksums", "FILES", "generate_renewals", "generate_transactions",
        "LEVEL_NAMES", "load_loyalty_renewals", "load_loyalty_transactions", "PLAN_TRUTH", "SEED",
        "write_datasets",
    ),
    "customer_data.plots": (
        "plot_clv_by_level", "plot_cohort_heatmap", "plot_lorenz", "plot_mixture_retention",
        "plot_retention_chart", "plot_value_by_tenure", "RetentionChart", "RetentionInputs",
    ),
    "customer_data.retention": (
        "alive_counts", "constant_retention_derl", "fit_sbg", "mixture_retention", "sbg_del",
        "sbg_derl", "sbg_retention", "sbg_survival", "SbgFit", "simulate_mixture", "simulate_sbg",
    ),
    "customer_data.transactions": (
        "COHORT_PERIODS", "cohort_retention", "Concentration", "concentration", "first_year_spend",
        "FREQUENCIES", "load_transactions", "rfm_summary", "survivors_by_tenure",
    ),
    "btyd.bgnbd": (
        "bgnbd_log_likelihood", "BgNbdFit", "fit_bgnbd",
    ),
    "btyd.club": (
        "ClubValuation", "MAX_CLUB_YEARS", "value_club_customers",
    ),
    "btyd.cdnow": (
        "CALIBRATION_END", "calibration_holdout", "COHORT_START", "DAYS_PER_WEEK", "HOLDOUT_END",
        "load_cdnow", "weekly_repeat_transactions",
    ),
    "btyd.explorer": (
        "alive_explorer", "AliveChart", "AliveExplorer", "AliveInputs", "plot_alive_chart",
    ),
    "btyd.gamma_gamma": (
        "fit_gamma_gamma", "GammaGammaFit",
    ),
    "btyd.pareto_nbd": (
        "fit_pareto_nbd", "pareto_nbd_log_likelihood", "ParetoNbdFit",
    ),
    "btyd.plots": (
        "plot_conditional_expectations", "plot_tracking", "plot_validation",
    ),
    "btyd.validation": (
        "conditional_expectations", "holdout_errors", "holdout_predictions", "tracking",
    ),
    "btyd.value": (
        "customer_value",
    ),
    "crm.explorer": (
        "segment_explorer", "SegmentChart", "SegmentExplorer", "SegmentInputs", "threshold_rules",
    ),
    "crm.plots": (
        "HEATMAP_VALUES", "plot_rf_heatmap", "plot_segment_sizes", "segment_colors",
    ),
    "crm.rfm_scoring": (
        "DEFAULT_RULES", "FREQUENCY_MEASURES", "MONETARY_MEASURES", "RFM_COLUMNS", "rfm_scores",
        "rfm_segments", "rfm_table", "rules_table", "SCORE_COLUMNS", "segment_label", "segment_summary",
        "SegmentRule",
    ),
    "ladder.explorer": (
        "ladder_explorer", "LadderExplorer",
    ),
    "ladder.model": (
        "Ladder", "LADDER_RUNGS", "teaching_ladder",
    ),
    "ladder.plots": (
        "LadderChart", "LadderInputs", "plot_ladder", "plot_ladder_projection",
        "plot_lapse_by_group",
    ),
    "capstone.plan": (
        "check_ceiling", "check_discounting", "check_referrals", "plan_economics", "RETENTION_CAP",
        "segment_rules", "segment_table", "SEGMENTS", "stress_test",
    ),
    "capstone.segment_values": (
        "segment_values",
    ),
}


_LOCATION: dict[str, str] = {name: module for module, names in _PUBLIC.items() for name in names}

__all__ = sorted(_LOCATION, key=str.lower) + ["__version__"]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    module = _LOCATION.get(name)
    if module is None:
        raise AttributeError(f"module 'relmark_helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
