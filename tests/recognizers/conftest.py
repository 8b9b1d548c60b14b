"""Fixtures for recognizer tests."""

from tests.analysis.conftest import no_network  # noqa: F401  (a fixture, used by name)
