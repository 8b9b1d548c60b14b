"""POST /api/v1/analyze with a scanned PNG: OCR proposals with page boxes through the service."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from tests import scan_samples as scans
from tests.api.client import Api
from tests.api.conftest import service_settings
from tests.storage.databases import fresh_database_url

pytestmark = [
    pytest.mark.ocr,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed (make install)"),
]


def test_a_scanned_png_is_read_by_ocr(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("data")
    png = scans.image_bytes(scans.scan_image(scans.LETTER, dpi=200), dpi=200)
    with fresh_database_url(folder) as url, TestClient(create_app(service_settings(folder, url))) as client:
        api = Api(client)
        api.login()
        client.headers.update(api.headers)
        response = client.post("/api/v1/analyze", files={"file": ("skanning.png", png, "image/png")})
    assert response.status_code == 200, response.text
    body = response.json()
    found = {(f["entity"], f["text"]) for f in body["findings"]}
    assert ("PERSONNUMMER", "19121212-1212") in found and ("EMAIL", "anna.svensson@exempel.se") in found
    assert all(f["page"] == 1 and f["boxes"] for f in body["findings"])
    assert any("converted to PDF" in note for note in body["notes"])
