"""Initialised Tesseract engines (tesserocr), kept per process and handed to one caller at a time.

Plumbing shared by the formats' OCR (``app.formats.ocr``) and the verifier's own re-check
(``app.verify.ocr``): each keeps its own pool (an instance of ``TesseractEngines``), so no engine
passes between extraction and verification; only this code that loads and lends them is shared.

Initialising an engine loads the language models (about 0.2 CPU-seconds for ``swe+eng``); a page
then costs only its recognition. An engine serves one call at a time, so concurrent callers (threads)
each get their own; idle engines are kept for the next call. A forked worker inherits the idle engines
of its parent (copied memory, nothing shared) and uses them as its own.

The language data is the one the installed ``tesseract`` program uses (Debian's tesseract-ocr-*
packages), found with ``tesseract --list-langs`` once per process, or ``TESSDATA_PREFIX`` when set.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_LANGUAGE = re.compile(r"^[A-Za-z0-9_]+$")
_DATA_DIR = re.compile(r'"([^"]+)"')


class EngineUnavailable(Exception):
    """No engine can be made: tesserocr, the tesseract program or the language data is missing."""


class TesseractEngines:
    """A pool of idle engines by language string."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: dict[str, list] = {}
        self._data_dir: str | None = None
        os.register_at_fork(after_in_child=self._after_fork)

    def _after_fork(self) -> None:
        self._lock = threading.Lock()  # a lock another thread held at the fork would never be released

    @staticmethod
    def importable() -> bool:
        try:
            import tesserocr  # noqa: F401
        except ImportError:
            return False
        return True

    @contextmanager
    def engine(self, languages: str) -> Iterator:
        """An initialised engine for ``languages`` (e.g. "swe+eng"), this caller's alone until it
        returns; raises ``EngineUnavailable``."""
        with self._lock:
            idle = self._idle.get(languages)
            api = idle.pop() if idle else None
        if api is None:
            api = self._new(languages)
        try:
            yield api
        finally:
            with self._lock:
                self._idle.setdefault(languages, []).append(api)

    def warm(self, languages: str) -> None:
        """Have an idle engine for ``languages`` ready: worker processes forked after this call inherit
        it instead of loading the models each (about 0.2 CPU s per worker and document)."""
        with self.engine(languages):
            pass

    def _new(self, languages: str):
        names = languages.split("+")
        if not all(_LANGUAGE.match(name) for name in names):
            raise EngineUnavailable(f"invalid language list {languages[:40]!r}")
        try:
            import tesserocr
        except ImportError as exc:
            raise EngineUnavailable("tesserocr is not installed (make install)") from exc
        folder = self._data_folder()
        missing = [name for name in names if not (Path(folder) / f"{name}.traineddata").is_file()]
        if missing:
            raise EngineUnavailable(f"no Tesseract language data for {', '.join(missing)[:60]}")
        try:
            return tesserocr.PyTessBaseAPI(path=folder, lang=languages)
        except RuntimeError as exc:
            raise EngineUnavailable(f"Tesseract cannot load {languages[:40]!r}") from exc

    def _data_folder(self) -> str:
        if self._data_dir is None:
            prefix = os.environ.get("TESSDATA_PREFIX")
            if prefix:
                folder = Path(prefix)
                self._data_dir = str(folder / "tessdata" if (folder / "tessdata").is_dir() else folder)
            else:
                self._data_dir = _program_data_folder()
        return self._data_dir.rstrip("/") + "/"


def _program_data_folder() -> str:
    """The folder of the installed tesseract program's language data."""
    try:
        done = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise EngineUnavailable("the tesseract program is not installed (make install)") from exc
    found = _DATA_DIR.search(done.stdout + done.stderr)
    if found is None:
        raise EngineUnavailable("the tesseract program reports no language data folder")
    return found.group(1)
