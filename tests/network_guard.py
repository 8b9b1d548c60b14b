"""Fail any attempt to open a non-loopback network connection while tests run.

Skymma must never send data off the machine; this guard turns any outbound connection (a model
download, a public-suffix-list fetch, telemetry) into an error that fails the test making it.
"""

from __future__ import annotations

import ipaddress
import socket

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
attempts: list[str] = []


class OutboundConnectionBlocked(OSError):
    pass


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str) or host in ("localhost", ""):
        return True  # AF_UNIX paths and localhost
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return host.endswith(".localhost")


def _check(address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if not _is_loopback(host):
        attempts.append(str(host))
        raise OutboundConnectionBlocked(f"outbound connection to {host!r} blocked: Skymma runs offline")


def _connect(self: socket.socket, address: object) -> None:
    _check(address)
    return _real_connect(self, address)


def _connect_ex(self: socket.socket, address: object) -> int:
    _check(address)
    return _real_connect_ex(self, address)


def _getaddrinfo(host, *args, **kwargs):
    if host is not None and not _is_loopback(host if isinstance(host, str) else host.decode()):
        attempts.append(str(host))
        raise OutboundConnectionBlocked(f"name lookup of {host!r} blocked: Skymma runs offline")
    return _real_getaddrinfo(host, *args, **kwargs)


def install() -> None:
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _getaddrinfo  # type: ignore[assignment]
