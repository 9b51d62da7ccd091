"""The three levels of relationship bonding: programme instruments and their economics,
imitation by rivals, the course cases, charts and the programme designer.

Modules: ``programme`` (the model), ``cases`` (bonding levels and case facts from ``data/``),
``plots``, ``explorer``.
"""
