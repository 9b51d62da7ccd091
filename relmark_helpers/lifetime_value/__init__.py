"""Customer lifetime value: the closed-form formulas, their plots and the CLV explorer.

Modules: ``formulas`` (CLV and its drivers, pure numpy), ``plots`` (charts, the CLV live chart),
``explorer`` (the explorer base class, the CLV explorer and the start page widgets),
``retention_evidence`` (per-customer NPV with profit growing with tenure: where Reichheld & Sasser's
+25-85 % comes from) and ``retention_evidence_plots`` (its chart).
"""
