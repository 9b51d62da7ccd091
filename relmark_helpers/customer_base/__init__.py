"""The customer base over time: acquisition and retention filling and draining a firm
(the leaky bucket), two firms with one budget, and how concentrated spending is (80/20).

Modules: ``simulation`` (the cohort model), ``concentration`` (lognormal spending shares),
``plots`` (charts and live charts), ``explorers`` (leaky bucket, two firms, 80/20).
"""
