"""Studio: personalise products on templates and export print-ready files."""

__version__ = "0.1.0"
