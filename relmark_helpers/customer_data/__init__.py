"""CLV from customer data: transaction logs, the RFM summary, cohorts, concentration, the
shifted-beta-geometric retention model, the generated loyalty-club data, charts and the retention
explorer.

Modules: ``transactions``, ``retention``, ``loyalty_club`` (the seeded generator and loaders),
``plots``, ``explorer``.
"""
