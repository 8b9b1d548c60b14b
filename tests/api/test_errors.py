"""Bad requests get a 4xx with a one-line reason; never a 500 for something a user sent."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests import pdf_samples as samples
from tests.api.client import Api

MISSING = "00000000-0000-4000-8000-000000000000"  # fixed: test ids must match across xdist workers


@pytest.mark.parametrize(
    ("data", "status", "reason"),
    [
        (b"", 400, "empty"),
        (b"PK\x03\x04 just a zip", 415, "not a supported file type"),
        (b"%PDF-1.7\n" + b"0" * 2_100_000, 413, "limit"),
    ],
    ids=["empty", "zip", "too-large"],
)
def test_bad_uploads_are_refused_with_a_reason(admin: Api, data: bytes, status: int, reason: str) -> None:
    case = admin.new_case()
    response = admin.post(
        f"/api/v1/cases/{case['id']}/documents", files=[("files", ("x.pdf", data, "application/pdf"))]
    )
    assert response.status_code == status, response.text
    assert reason in response.json()["detail"]
    assert admin.ok(admin.get(f"/api/v1/cases/{case['id']}/documents")) == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [(samples.encrypted(["Hemligt"]), "password"), (b"%PDF-1.7\n1 0 obj <<", "cannot be read")],
    ids=["encrypted", "truncated"],
)
def test_unreadable_pdfs_fail_their_analysis_with_a_reason(admin: Api, data: bytes, reason: str) -> None:
    case = admin.new_case()
    (upload,) = admin.upload(case["id"], ("x.pdf", data))
    job = admin.wait_job(upload["job"]["id"])
    assert job["state"] == "failed" and reason in job["error"]
    document = admin.ok(admin.get(f"/api/v1/documents/{upload['document']['id']}"))
    assert document["state"] == "failed" and reason in document["error"]
    assert admin.get(f"/api/v1/documents/{document['id']}/findings").status_code == 409


def test_one_bad_file_refuses_the_whole_upload(admin: Api) -> None:
    case = admin.new_case()
    files = [
        ("files", ("a.pdf", samples.simple(["Hej"]), "application/pdf")),
        ("files", ("b.pdf", b"no", "x/y")),
    ]
    response = admin.post(f"/api/v1/cases/{case['id']}/documents", files=files)
    assert response.status_code == 415 and response.json()["detail"].startswith("file 2:")
    assert admin.ok(admin.get(f"/api/v1/cases/{case['id']}/documents")) == []


def test_an_oversized_body_is_refused_before_it_is_read(admin: Api) -> None:
    case = admin.new_case()
    limit = admin.client.app.state.settings.max_bytes * admin.client.app.state.settings.max_files_per_upload
    response = admin.post(
        f"/api/v1/cases/{case['id']}/documents",
        content=b"x" * 16,
        headers={"Content-Length": str(limit * 2), "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("GET", f"/api/v1/cases/{MISSING}", None, 404),
        ("GET", "/api/v1/cases/not-a-uuid", None, 422),
        ("GET", f"/api/v1/documents/{MISSING}", None, 404),
        ("GET", f"/api/v1/documents/{MISSING}/findings", None, 404),
        ("GET", f"/api/v1/jobs/{MISSING}", None, 404),
        ("PATCH", f"/api/v1/findings/{MISSING}", {"status": "accepted"}, 404),
        ("PATCH", f"/api/v1/findings/{MISSING}", {"status": "maybe"}, 422),
        ("POST", "/api/v1/cases", {"diarienummer": ""}, 422),
        ("POST", "/api/v1/cases", {"diarienummer": "X", "surprise": 1}, 422),
        ("POST", "/api/v1/cases", [1, 2], 422),
        ("POST", f"/api/v1/documents/{MISSING}/burn", {}, 404),
        ("POST", f"/api/v1/documents/{MISSING}/decisions", {"decisions": []}, 422),
        ("GET", f"/api/v1/cases/{MISSING}/report", None, 404),
        ("PATCH", "/api/v1/grounds/999999", {"title": "x"}, 404),
        ("PUT", "/api/v1/ground-defaults", [{"entity": "NOPE", "ground_id": 1}], 422),
        ("GET", "/api/v1/report-templates/unknown", None, 422),
    ],
)
def test_bad_requests_get_a_4xx(admin: Api, method: str, url: str, body: object, status: int) -> None:
    response = admin.request(method, url, json=body)
    assert response.status_code == status, response.text
    assert response.json()["detail"]


def test_a_duplicate_diarienummer_is_a_conflict(admin: Api) -> None:
    case = admin.new_case()
    response = admin.post("/api/v1/cases", json={"diarienummer": case["diarienummer"].lower()})
    assert response.status_code == 409 and "exists" in response.json()["detail"]


def test_unauthenticated_requests_get_401(app_client: TestClient) -> None:
    anonymous = TestClient(app_client.app)
    assert anonymous.get("/api/v1/cases").status_code == 401
    assert anonymous.get("/api/v1/cases", headers={"Authorization": "Bearer skm_nonsense"}).status_code == 401
    assert anonymous.get("/health").status_code == 200


def test_state_changes_without_the_csrf_token_are_refused(admin: Api) -> None:
    response = admin.client.post("/api/v1/cases", json={"diarienummer": "KS csrf"})  # cookie only
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    wrong = admin.client.post(
        "/api/v1/cases", json={"diarienummer": "KS csrf"}, headers={"X-CSRF-Token": "x"}
    )
    assert wrong.status_code == 403


def test_decisions_on_a_document_not_in_review_are_conflicts(admin: Api) -> None:
    case = admin.new_case()
    (document_id,) = admin.analysed(case["id"], ("a.pdf", samples.simple(["Sökande: Anna Svensson."])))
    finding = admin.findings(document_id)[0]
    admin.burn(document_id, accept_remaining=True)
    response = admin.patch(f"/api/v1/findings/{finding['id']}", json={"status": "rejected"})
    assert response.status_code == 409 and "released" in response.json()["detail"]
    assert admin.post(f"/api/v1/documents/{document_id}/burn", json={}).status_code == 409
    reopened = admin.ok(admin.post(f"/api/v1/documents/{document_id}/reopen"))
    assert reopened["state"] == "review" and reopened["output_sha256"] is None
    assert admin.get(f"/api/v1/documents/{document_id}/download").status_code == 409


def test_a_finding_of_another_document_is_not_found(admin: Api) -> None:
    case = admin.new_case()
    first, second = admin.analysed(
        case["id"], ("a.pdf", samples.simple(["Anna Svensson"])), ("b.pdf", samples.simple(["Erik Roterad"]))
    )
    foreign = admin.findings(second)[0]["id"]
    body = {"decisions": [{"finding_id": foreign, "status": "rejected"}]}
    assert admin.post(f"/api/v1/documents/{first}/decisions", json=body).status_code == 404


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"start": 5, "end": 2}, 422),
        ({"start": 0, "end": 100000}, 400),
        ({"text": "finns inte någonstans"}, 422),
        ({"page": 9, "box": [0, 0, 10, 10]}, 422),
        ({"page": 1, "box": [50, 50, 10, 10]}, 422),
        ({"box": [0, 0, 10, 10]}, 422),
        ({"text": "Anna", "start": 0, "end": 2}, 422),
        ({"text": "Anna", "ground_id": 99999}, 404),
    ],
)
def test_bad_manual_masks_are_refused(admin: Api, body: dict, status: int) -> None:
    case = admin.new_case()
    (document_id,) = admin.analysed(case["id"], ("a.pdf", samples.simple(["Sökande: Anna Svensson."])))
    response = admin.post(f"/api/v1/documents/{document_id}/masks", json=body)
    assert response.status_code == status, response.text


def test_page_requests_outside_the_document_are_not_found(admin: Api) -> None:
    case = admin.new_case()
    (document_id,) = admin.analysed(case["id"], ("a.pdf", samples.simple(["Hej"])))
    assert admin.get(f"/api/v1/documents/{document_id}/pages/2/image").status_code == 404
    assert admin.get(f"/api/v1/documents/{document_id}/pages/0/text").status_code == 404
    assert (
        admin.get(f"/api/v1/documents/{document_id}/pages/1/image", params={"dpi": 5000}).status_code == 422
    )
    released = admin.get(f"/api/v1/documents/{document_id}/pages/1/image", params={"variant": "released"})
    assert released.status_code == 409


def test_a_number_too_large_for_the_database_is_a_422(admin: Api) -> None:
    huge = 2**63
    assert admin.patch(f"/api/v1/grounds/{huge}", json={"active": False}).status_code == 422
    body = [{"entity": "PERSON", "ground_id": huge}]
    assert admin.put("/api/v1/ground-defaults", json=body).status_code == 422
