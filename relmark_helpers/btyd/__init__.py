"""Buy 'til you die: CLV when customers leave without saying so (non-contractual settings).

Modules
-------
``bgnbd``
    BG/NBD model (Fader, Hardie & Lee 2005): :func:`fit_bgnbd`.
``pareto_nbd``
    Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): :func:`fit_pareto_nbd`.
``gamma_gamma``
    Gamma-Gamma spend model (Fader & Hardie 2013): :func:`fit_gamma_gamma`.
``value``
    Per-customer CLV from a transaction model and a spend model: :func:`customer_value`.
``cdnow``
    The CDNOW purchase log and its calibration / hold-out split: :func:`load_cdnow`.
``plots``
    Tracking and conditional-expectation charts, hold-out errors.
``validation``
    The calibration / hold-out comparison behind the charts.
``club``
    The café loyalty club valued with BG/NBD and Gamma-Gamma: :func:`value_club_customers`.
``explorer``
    The P(alive) explorer: BG/NBD and Pareto/NBD side by side.

Each ``fit_*`` takes a customer summary (one row per customer, as
:func:`relmark_helpers.customer_data.transactions.rfm_summary` returns it) and returns a
fitted model with ``params``, ``log_likelihood``, ``standard_errors`` and the
predictions as methods.
"""

from relmark_helpers.btyd.bgnbd import BgNbdFit, fit_bgnbd
from relmark_helpers.btyd.cdnow import calibration_holdout, load_cdnow, weekly_repeat_transactions
from relmark_helpers.btyd.gamma_gamma import GammaGammaFit, fit_gamma_gamma
from relmark_helpers.btyd.pareto_nbd import ParetoNbdFit, fit_pareto_nbd
from relmark_helpers.btyd.value import customer_value

__all__ = [
    "BgNbdFit",
    "GammaGammaFit",
    "ParetoNbdFit",
    "calibration_holdout",
    "customer_value",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "fit_pareto_nbd",
    "load_cdnow",
    "weekly_repeat_transactions",
]
