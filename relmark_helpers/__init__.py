"""relmark_helpers: the tested Python package behind the relmark notebooks.

Modules
-------
clv
    Customer-lifetime-value formulas (pure numpy).
exercises
    Exercise checks with instant feedback.
plots
    Plotting functions (matplotlib / seaborn), ``plot_*(..., ax=None) -> Axes``.
widgets
    Interactive explorers (ipywidgets) built on the formulas and plots.
style
    ``use_workbook_style()``: the workbook's colour-blind-safe look.
data
    Loaders for the bundled data sets in ``data/``.
btyd
    Non-contractual CLV: BG/NBD, Pareto/NBD and Gamma-Gamma fitted to the CDNOW log
    (``fit_bgnbd``, ``fit_pareto_nbd``, ``fit_gamma_gamma``, ``load_cdnow``; also importable from here).

Importing the package has no side effects: no styles, seeds or options are set.
"""

from relmark_helpers import clv
from relmark_helpers.btyd import fit_bgnbd, fit_gamma_gamma, fit_pareto_nbd, load_cdnow

__all__ = ["clv", "fit_bgnbd", "fit_gamma_gamma", "fit_pareto_nbd", "load_cdnow", "__version__"]
__version__ = "0.1.0"
