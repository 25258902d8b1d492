"""Composition root: startup sequence, paths, command line, logging."""
