"""Reviewing several analysts' work: merging projects and measuring their agreement.

``merge`` brings a colleague's annotations into a project; ``agreement`` compares
two (or more) analysts' annotations with kappa, alpha and span F1 over sentence or
character units (``units`` finds the sentences).
"""
