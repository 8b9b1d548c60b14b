"""Settings: the only module that reads environment variables (prefix ``SKYMMA_``).

Read once at the edge (``cli.main``, ``api.main.create_app``) and passed down; nothing reads
settings at import time.
"""

from __future__ import annotations

import os
import shutil
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.domain.model import EntityType, LabelMode
from app.formats.base import HandlerContext, Limits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_PATH = PROJECT_ROOT / "models" / "sv_ner" / "model"


class Settings(BaseSettings):
    """Everything configurable. Environment: ``SKYMMA_<FIELD>`` (e.g. ``SKYMMA_MAX_PAGES=200``)."""

    model_config = SettingsConfigDict(env_prefix="SKYMMA_", env_file=".env", extra="ignore")

    # storage
    data_dir: Path = Field(default=PROJECT_ROOT / "data")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")  # None: SQLite file
    work_dir: Path | None = None  # plaintext working copies while a file is processed; default data_dir/work
    encryption_key: SecretStr | None = None  # base64 of 32 bytes; default: generated into data_dir/keys
    retention_days: float = 30.0  # originals, outputs and keys are deleted this long after upload

    # service
    authority_name: str = "Myndigheten"  # printed on decision reports
    admin_username: str = "admin"
    admin_password: SecretStr | None = None  # first start: the initial administrator's password
    session_hours: float = 8.0
    cookie_secure: bool = False  # set when served over HTTPS (it should be, behind a proxy)
    login_max_failures: int = 5  # failed logins in a row before an account is locked for a while
    login_lockout_minutes: float = 15.0
    job_workers: int = 1  # documents processed at once by the in-process job runner
    job_max_attempts: int = 3  # a job interrupted this many times is marked failed
    page_dpi: int = 96  # review page images
    extract_cache_size: int = 4  # extracted documents kept in memory for manual masks
    max_files_per_upload: int = 20

    # analysis
    language: str = "sv"
    ner_model_path: Path = DEFAULT_MODEL_PATH
    score_threshold: float = 0.4  # findings below this are not proposed
    entities: tuple[EntityType, ...] = tuple(
        e for e in EntityType if e not in {EntityType.LOCATION, EntityType.ORGANIZATION, EntityType.OTHER}
    )

    # burning
    label_mode: LabelMode = LabelMode.NONE
    default_ground: str = "OSL 21 kap. 7 §"  # legal ground for masks that were given none

    # limits for hostile input
    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 5000
    max_seconds: float = 300.0
    max_memory_mb: int = 6144  # address-space cap for the process that reads one file
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)  # processes for one large document
    max_zip_entries: int = 5000
    max_unzipped_bytes: int = 500 * 1024 * 1024
    max_mime_depth: int = 20
    max_mime_parts: int = 2000

    # OCR of scans and images (SKYMMA_OCR=0 turns it off; on by default when Tesseract is installed)
    ocr_enabled: bool = Field(
        default_factory=lambda: shutil.which("tesseract") is not None,
        validation_alias=AliasChoices("SKYMMA_OCR", "SKYMMA_OCR_ENABLED", "ocr_enabled"),
    )
    ocr_languages: str = "swe+eng"  # swe alone reads "@" as "Q" or "Ö"

    @property
    def work_path(self) -> Path:
        return self.work_dir or self.data_dir / "work"

    @property
    def sqlalchemy_url(self) -> str:
        """``database_url`` as SQLAlchemy wants it (psycopg 3 driver), else a SQLite file in data_dir."""
        url = self.database_url or f"sqlite:///{self.data_dir / 'skymma.db'}"
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url

    def limits(self) -> Limits:
        return Limits(
            max_bytes=self.max_bytes,
            max_pages=self.max_pages,
            max_seconds=self.max_seconds,
            max_zip_entries=self.max_zip_entries,
            max_unzipped_bytes=self.max_unzipped_bytes,
            max_mime_depth=self.max_mime_depth,
            max_mime_parts=self.max_mime_parts,
        )

    def handler_context(self, label_mode: LabelMode | None = None) -> HandlerContext:
        return HandlerContext(
            limits=self.limits(),
            label_mode=label_mode or self.label_mode,
            ocr_languages=self.ocr_languages,
            ocr_enabled=self.ocr_enabled,
            workers=self.workers,
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first call."""
    return Settings()
