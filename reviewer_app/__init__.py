"""reviewer-app core: bundle format, crypto, store, scoring rules, export, org toolkit.

Nothing in this package imports Qt widgets, and importing it has no side effects.
"""

__version__ = "0.1.0"
APP_NAME = "reviewer-app"
ORG_NAME = "reviewer-app"
