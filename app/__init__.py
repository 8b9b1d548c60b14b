"""Skymma: on-premise redaction (maskning) of Swedish public documents."""

__version__ = "0.1.0"
