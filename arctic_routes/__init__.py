"""Arctic Routes: the Arctic shipping routes, their true lengths and sourced facts."""

__version__ = "0.1.0"
