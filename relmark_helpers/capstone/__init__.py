"""The capstone: segments of the loyalty club, a programme plan's economics and the checks
that catch common mistakes.

Modules: ``plan``.
"""
