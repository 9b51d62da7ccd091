"""The capstone: segments of the loyalty club, a programme plan's economics and the checks
that catch common mistakes.

Modules: ``plan`` (segments, plan economics, stress test, checks) and ``segment_values`` (each
segment valued with constant retention and with the fitted BG/NBD model).
"""
