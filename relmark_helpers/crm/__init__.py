"""Customer relationship management: classic RFM scoring and segmentation, and its charts.

Modules: ``rfm_scoring``, ``plots``, ``explorer`` (the segment explorer).

``rfm_scoring``
    :func:`rfm_table` (recency in days since the last purchase, frequency,
    monetary per customer), :func:`rfm_scores` (quantile scores 1-5),
    :func:`rfm_segments` (named segments from score rules kept as data) and
    :func:`segment_summary` (size, revenue and action per segment).
``plots``
    :func:`plot_rf_heatmap` (customers or revenue on the recency-by-frequency
    grid, segments outlined) and :func:`plot_segment_sizes` (each segment's
    share of customers and of revenue).

These are the *classic* RFM numbers of CRM textbooks, in which a small
recency is good.  The BTYD summary that the CLV models use
(:func:`relmark_helpers.customer_data.transactions.rfm_summary`) defines recency,
frequency and monetary value differently; see :mod:`.rfm_scoring`.

Introduced in notebook 07.
"""

from relmark_helpers.crm.rfm_scoring import (
    DEFAULT_RULES,
    FREQUENCY_MEASURES,
    MONETARY_MEASURES,
    SegmentRule,
    rfm_scores,
    rfm_segments,
    rfm_table,
    segment_summary,
)

__all__ = [
    "DEFAULT_RULES",
    "FREQUENCY_MEASURES",
    "MONETARY_MEASURES",
    "SegmentRule",
    "rfm_scores",
    "rfm_segments",
    "rfm_table",
    "segment_summary",
]
