"""corridors: a cited, offline map of the infrastructure that ties China to Central Asia."""

__version__ = "0.1.0"
