"""The real service for browser tests: ``uvicorn app.api.main:create_app --factory`` in a subprocess on a
free loopback port, with its own data folder, database and SKYMMA_ADMIN_PASSWORD (as ``make run``)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

START_TIMEOUT = 180.0


@dataclass(frozen=True)
class LiveService:
    url: str
    log: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the service exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the service did not start in {START_TIMEOUT:.0f} s:\n{log.read_text()[-3000:]}")


@contextmanager
def live_service(folder: Path, admin_password: str, database_url: str | None = None) -> Iterator[LiveService]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "SKYMMA_DATA_DIR": str(folder / "data"),
        "SKYMMA_ADMIN_PASSWORD": admin_password,
        "SKYMMA_WORKERS": "1",
        "SKYMMA_JOB_WORKERS": "1",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    log = folder / "service.log"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "app.api.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
    ]
    root = Path(__file__).resolve().parents[2]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(url, process, log)
        yield LiveService(url, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
