"""The customer ladder as a Markov chain with rewards: the model, charts and the ladder explorer.

Modules: ``model``, ``plots``, ``explorer``.
"""
