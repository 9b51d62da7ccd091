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

Importing the package has no side effects: no styles, seeds or options are set.
"""

from relmark_helpers import clv

__all__ = ["clv", "__version__"]
__version__ = "0.1.0"
