"""nsk: decision support for cases of negative social control and honour-related conflict."""

__version__ = "0.1.0"
