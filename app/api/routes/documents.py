"""Documents: upload (several at once, answered at once with job ids), status, pages, burn, download."""

from __future__ import annotations

import mimetypes
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from app.api.deps import Registrator, RunnerDep, ServicesDep, SettingsDep
from app.api.presenters import document_read, job_read, pages_read
from app.api.schemas.common import ERROR_RESPONSES
from app.api.schemas.review import BurnRequest, DocumentRead, JobRead, PageRead, PageText, UploadRead
from app.api.uploads import save_upload
from app.audit import record
from app.domain.errors import BadInput
from app.formats.registry import HANDLERS, handler_for
from app.jobs import queue
from app.jobs.queue import JobKind
from app.pipeline import file_sha256
from app.review import documents as docs
from app.review.burning import burn_plan, take_defaults
from app.review.findings import status_counts
from app.review.states import DocumentState, FindingStatus
from app.storage.errors import Conflict, InvalidRequest, NotFound
from app.storage.models import FindingRow
from app.storage.vault import OUTPUT, Vault

router = APIRouter(prefix="/api/v1", tags=["documents"], responses=ERROR_RESPONSES)
PNG = {200: {"content": {"image/png": {}}, "description": "the page as a PNG image"}}
PRIVATE = {"Cache-Control": "no-store"}


def _read(session, services, document) -> DocumentRead:  # noqa: ANN001
    return document_read(document, services.vault, status_counts(session, document.id))


async def _receive(files: list[UploadFile], folder: Path, max_bytes: int) -> list[docs.Upload]:
    received: list[docs.Upload] = []
    try:
        for n, upload in enumerate(files, start=1):
            path = await save_upload(upload, folder, max_bytes)
            size = path.stat().st_size
            received.append(docs.Upload(path, upload.filename or "", "", size, ""))
            try:
                handler = await run_in_threadpool(handler_for, path)
            except BadInput as exc:
                raise type(exc)(f"file {n}: {exc}") from exc
            sha = await run_in_threadpool(file_sha256, path)
            received[-1] = docs.Upload(path, upload.filename or "", handler.name, size, sha)
    except BaseException:
        for item in received:
            item.path.unlink(missing_ok=True)
        raise
    return received


@router.post(
    "/cases/{case_id}/documents", status_code=202, summary="Upload documents; analysis runs as a job"
)
async def upload(
    case_id: uuid.UUID,
    files: Annotated[list[UploadFile], File(description="one or more PDF files")],
    principal: Registrator,
    services: ServicesDep,
    runner: RunnerDep,
    settings: SettingsDep,
) -> list[UploadRead]:
    if len(files) > settings.max_files_per_upload:
        raise InvalidRequest(f"at most {settings.max_files_per_upload} files per upload")
    received = await _receive(files, settings.data_dir / "tmp", settings.max_bytes)
    retention = timedelta(days=settings.retention_days)

    def register() -> list[UploadRead]:
        with services.db.session() as session:
            out = []
            for item in received:
                document = docs.register_upload(
                    session, principal.actor, services.vault, case_id, item, retention
                )
                job = queue.enqueue(session, principal.actor, JobKind.ANALYZE, document.id)
                out.append(UploadRead(document=_read(session, services, document), job=job_read(job)))
            return out

    try:
        result = await run_in_threadpool(register)
    finally:
        for item in received:
            item.path.unlink(missing_ok=True)
    for item in result:
        runner.submit(item.job.id)
    return result


@router.get("/cases/{case_id}/documents", summary="The documents of a case")
def list_documents(case_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> list[DocumentRead]:
    with services.db.session() as session:
        return [_read(session, services, d) for d in docs.list_documents(session, case_id)]


@router.get("/documents/{document_id}", summary="A document and its processing status")
def get_document(document_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> DocumentRead:
    with services.db.session() as session:
        return _read(session, services, docs.get_document(session, document_id))


@router.get("/jobs/{job_id}", summary="A background job's state")
def get_job(job_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> JobRead:
    with services.db.session() as session:
        return job_read(queue.get_job(session, job_id))


@router.get(
    "/documents/{document_id}/pages", summary="Page sizes and rotations (to draw boxes on page images)"
)
def pages(document_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> list[PageRead]:
    with services.db.session() as session:
        return pages_read(docs.get_document(session, document_id))


def _page_index(document, number: int) -> int:  # noqa: ANN001
    if not 1 <= number <= document.page_count:
        raise NotFound(f"the document has no page {number}")
    return number - 1


@router.get(
    "/documents/{document_id}/pages/{number}/image",
    summary="A page as an image",
    responses=PNG,
    response_class=Response,
)
def page_image(
    document_id: uuid.UUID,
    number: int,
    principal: Registrator,
    services: ServicesDep,
    settings: SettingsDep,
    variant: Annotated[
        Literal["original", "preview", "released"],
        Query(description="original; preview: with the masks burned now; released: the burned file"),
    ] = "original",
    dpi: Annotated[int | None, Query(ge=36, le=200)] = None,
) -> Response:
    with services.db.session() as session:
        document = docs.get_document(session, document_id)
        index = _page_index(document, number)
        if variant == "released" and document.state != DocumentState.RELEASED.value:
            raise Conflict("the document has not been released yet")
        masks = _preview_boxes(session, document.id, index) if variant == "preview" else []
        key, fmt = services.vault.document_key(document), document.format
        record(
            session,
            principal.actor,
            "document.page.view",
            object_type="document",
            object_id=document.id,
            details={"page": number, "variant": variant},
        )
    png = services.workspace.render(
        document_id, key, fmt, index, dpi or settings.page_dpi, masks, output=variant == "released"
    )
    return Response(content=png, media_type="image/png", headers=PRIVATE)


def _preview_boxes(session, document_id: uuid.UUID, page: int) -> list[list[float]]:  # noqa: ANN001
    rows = session.scalars(select(FindingRow).where(FindingRow.document_id == document_id))
    boxes = []
    for row in rows:
        masked = row.status == FindingStatus.ACCEPTED.value or (
            row.status == FindingStatus.PROPOSED.value and row.default_masked
        )
        if masked:
            boxes.extend(b[1:] for b in row.boxes if int(b[0]) == page)
    return boxes


@router.get("/documents/{document_id}/pages/{number}/text", summary="A page's text, with its offset")
def page_text(document_id: uuid.UUID, number: int, principal: Registrator, services: ServicesDep) -> PageText:
    with services.db.session() as session:
        document = docs.get_document(session, document_id)
        docs.ensure_state(document, DocumentState.REVIEW, DocumentState.RELEASED)
        index = _page_index(document, number)
        key, fmt = services.vault.document_key(document), document.format
        record(
            session,
            principal.actor,
            "document.text.view",
            object_type="document",
            object_id=document.id,
            details={"page": number},
        )
    found = services.workspace.page_text(document_id, key, fmt, index)
    if found is None:
        raise NotFound(f"the document has no text for page {number}")
    return PageText(page=number, start=found[0], text=found[1])


@router.post(
    "/documents/{document_id}/analyze", status_code=202, summary="Analyse a document again after a failure"
)
def analyze_again(
    document_id: uuid.UUID, principal: Registrator, services: ServicesDep, runner: RunnerDep
) -> JobRead:
    with services.db.session() as session:
        document = docs.get_document(session, document_id)
        docs.ensure_state(document, DocumentState.FAILED)
        docs.set_state(document, DocumentState.RECEIVED)
        job = queue.enqueue(session, principal.actor, JobKind.ANALYZE, document.id)
        read = job_read(job)
    runner.submit(read.id)
    return read


@router.post(
    "/documents/{document_id}/burn", status_code=202, summary="Burn the accepted masks; verified as a job"
)
def burn(
    document_id: uuid.UUID,
    body: BurnRequest,
    principal: Registrator,
    services: ServicesDep,
    runner: RunnerDep,
) -> JobRead:
    with services.db.session() as session:
        document = docs.get_document(session, document_id)
        docs.ensure_state(document, DocumentState.REVIEW)
        if body.accept_remaining:
            take_defaults(session, principal.actor, document)
        burn_plan(session, services.vault, document)  # refuses undecided proposals and ungrounded masks
        docs.set_state(document, DocumentState.BURNING)
        payload = {"label": body.label.value} if body.label else {}
        job = queue.enqueue(session, principal.actor, JobKind.BURN, document.id, payload)
        read = job_read(job)
    runner.submit(read.id)
    return read


@router.post("/documents/{document_id}/reopen", summary="Take a released document back into review")
def reopen(document_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> DocumentRead:
    with services.db.session() as session:
        document = docs.get_document(session, document_id)
        docs.reopen(session, principal.actor, services.vault, document)
        services.workspace.forget(document.id)
        return _read(session, services, document)


@router.get(
    "/documents/{document_id}/download",
    summary="The burned and verified file",
    responses={200: {"content": {"application/pdf": {}, "application/octet-stream": {}}}},
    response_class=Response,
)
def download(document_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> Response:
    with services.db.session() as session:
        document = docs.get_document(session, document_id)
        if document.state != DocumentState.RELEASED.value:
            reason = f"; {document.error}" if document.error else ""
            raise Conflict(f"the document is {document.state}, not released{reason}")
        key = services.vault.document_key(document)
        name = Path(docs.filename_of(services.vault, document)).stem or "dokument"
        record(
            session,
            principal.actor,
            "document.download",
            object_type="document",
            object_id=document.id,
            details={"output_sha256": document.output_sha256},
        )
    data = services.vault.blobs.get_bytes(Vault.owner(document_id), OUTPUT, key)
    suffix = _output_suffix(document.format)
    filename = f"{_ascii(name)}-maskad{suffix}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"', **PRIVATE}
    media_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return Response(content=data, media_type=media_type, headers=headers)


def _output_suffix(format_name: str) -> str:
    """The suffix of a redacted file: a Word file stays .docx, a .msg becomes .eml, an image a PDF."""
    handler = HANDLERS.get(format_name)
    return handler.output_suffix if handler is not None else ".pdf"


def _ascii(name: str) -> str:
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in name)
    return safe[:80] or "dokument"
