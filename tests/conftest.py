"""Shared fixtures. Every test runs with outbound network connections blocked."""

from __future__ import annotations

import pytest

from tests import network_guard


def pytest_configure(config: pytest.Config) -> None:
    network_guard.install()
