"""POST /api/v1/analyze: proposals for one uploaded file, in the decisions-file format."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from app.api.deps import Registrator
from app.api.schemas.common import ERROR_RESPONSES
from app.api.uploads import save_upload
from app.findings_file import findings_document
from app.isolation import run_isolated
from app.pipeline import analyze_file
from app.settings import Settings

router = APIRouter(prefix="/api/v1", tags=["analysis"], responses=ERROR_RESPONSES)


@router.post("/analyze", summary="Propose masks for one document")
async def analyze(
    request: Request, principal: Registrator, file: Annotated[UploadFile, File(description="PDF document")]
) -> Any:
    """Proposals for one file in the decisions-file format, without storing anything (no case)."""
    settings: Settings = request.app.state.settings
    analyzer = request.app.state.analyzer
    path = await save_upload(file, settings.data_dir / "tmp", settings.max_bytes)
    try:
        ctx = settings.handler_context()

        def job() -> dict[str, Any]:
            analysis = analyze_file(path, analyzer, ctx)
            return findings_document(
                source=path.with_name(file.filename or path.name),
                sha256=analysis.sha256,
                doc=analysis.document,
                findings=list(analysis.findings),
                grounds={e: settings.default_ground for e in settings.entities},
                notes=analysis.notes,
            )

        return await run_in_threadpool(
            run_isolated,
            job,
            timeout=settings.max_seconds,
            memory_bytes=settings.max_memory_mb * 1024 * 1024,
        )
    finally:
        path.unlink(missing_ok=True)
