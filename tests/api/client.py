"""A thin helper around TestClient for the service tests: signing in, CSRF headers, waiting for jobs."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx
from fastapi.testclient import TestClient

ADMIN = "admin"
ADMIN_PASSWORD = "korrekt-häst-batteri"
JOB_TIMEOUT = 120.0


class Api:
    """One signed-in browser (cookie + CSRF token) or token holder."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.headers: dict[str, str] = {}

    def login(self, username: str = ADMIN, password: str = ADMIN_PASSWORD) -> dict[str, Any]:
        response = self.client.post("/api/v1/auth/login", json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        self.headers = {"X-CSRF-Token": response.json()["csrf_token"]}
        return response.json()

    def use_token(self, token: str) -> None:
        self.client.cookies.clear()
        self.headers = {"Authorization": f"Bearer {token}"}

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.request(method, url, headers=headers, **kwargs)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)

    # -- steps of the flow --------------------------------------------------------------------------

    def ok(self, response: httpx.Response, status: int = 200) -> Any:
        assert response.status_code == status, response.text
        return (
            response.json()
            if response.content and "json" in response.headers.get("content-type", "")
            else None
        )

    def new_case(self, **fields: Any) -> dict[str, Any]:
        body = {"diarienummer": f"KS {uuid.uuid4().hex[:8]}", **fields}
        return self.ok(self.post("/api/v1/cases", json=body), 201)

    def upload(self, case_id: str, *files: tuple[str, bytes]) -> list[dict[str, Any]]:
        parts = [("files", (name, data, "application/pdf")) for name, data in files]
        return self.ok(self.post(f"/api/v1/cases/{case_id}/documents", files=parts), 202)

    def wait_job(self, job_id: str) -> dict[str, Any]:
        deadline = time.monotonic() + JOB_TIMEOUT
        while time.monotonic() < deadline:
            job = self.ok(self.get(f"/api/v1/jobs/{job_id}"))
            if job["state"] in ("done", "failed"):
                return job
            time.sleep(0.05)
        raise AssertionError(f"job {job_id} did not finish in {JOB_TIMEOUT} s")

    def analysed(self, case_id: str, *files: tuple[str, bytes]) -> list[str]:
        """Upload and wait for analysis; the document ids."""
        ids = []
        for item in self.upload(case_id, *files):
            assert self.wait_job(item["job"]["id"])["state"] == "done"
            ids.append(item["document"]["id"])
        return ids

    def findings(self, document_id: str, **params: Any) -> list[dict[str, Any]]:
        return self.ok(self.get(f"/api/v1/documents/{document_id}/findings", params=params))

    def burn(self, document_id: str, **body: Any) -> dict[str, Any]:
        job = self.ok(self.post(f"/api/v1/documents/{document_id}/burn", json=body), 202)
        return self.wait_job(job["id"])

    def new_user(self, username: str, roles: list[str], password: str = "ett-långt-lösenord") -> Api:
        """Create a user (as the current admin) and return a new client signed in as them."""
        self.ok(
            self.post("/api/v1/users", json={"username": username, "password": password, "roles": roles}), 201
        )
        other = Api(TestClient(self.client.app))
        other.login(username, password)
        other.ok(
            other.post(
                "/api/v1/auth/password", json={"current_password": password, "new_password": password + "2"}
            ),
            204,
        )  # noqa: E501
        return other
