"""Signing in, roles, API tokens, CSRF, lockout and password rules; denied access is audited."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.api.client import Api


def _name() -> str:
    return f"user{uuid.uuid4().hex[:8]}"


def test_a_wrong_password_is_refused_and_repeated_failures_lock_the_account(admin: Api) -> None:
    username = _name()
    admin.new_user(username, ["registrator"])
    stranger = TestClient(admin.client.app)
    for _ in range(5):
        response = stranger.post(
            "/api/v1/auth/login", json={"username": username, "password": "fel-lösenord!"}
        )
        assert response.status_code == 401 and response.json()["detail"] == "wrong user name or password"
    locked = stranger.post(
        "/api/v1/auth/login", json={"username": username, "password": "ett-långt-lösenord2"}
    )
    assert locked.status_code == 429
    unknown = stranger.post("/api/v1/auth/login", json={"username": "nobody-here", "password": "whatever123"})
    assert unknown.status_code == 401 and unknown.json()["detail"] == "wrong user name or password"


def test_a_new_user_must_set_a_password_first(admin: Api) -> None:
    username = _name()
    admin.ok(
        admin.post(
            "/api/v1/users",
            json={"username": username, "password": "start-lösen-1", "roles": ["registrator"]},
        ),
        201,
    )  # noqa: E501
    user = Api(TestClient(admin.client.app))
    me = user.login(username, "start-lösen-1")
    assert me["must_change_password"]
    assert user.get("/api/v1/cases").status_code == 403
    weak = user.post(
        "/api/v1/auth/password", json={"current_password": "start-lösen-1", "new_password": "kort"}
    )
    assert weak.status_code == 422
    user.ok(
        user.post(
            "/api/v1/auth/password",
            json={"current_password": "start-lösen-1", "new_password": "nytt-långt-lösen"},
        ),
        204,
    )  # noqa: E501
    assert user.get("/api/v1/cases").status_code == 200


def test_roles_limit_what_a_user_may_do_and_denials_are_audited(admin: Api) -> None:
    registrator_name, administrator_name = _name(), _name()
    registrator = admin.new_user(registrator_name, ["registrator"])
    administrator = admin.new_user(administrator_name, ["administrator"])
    assert registrator.get("/api/v1/users").status_code == 403
    assert registrator.put("/api/v1/staff", json={"names": ["X Y"]}).status_code == 403
    assert registrator.get("/api/v1/audit").status_code == 403
    assert administrator.get("/api/v1/cases").status_code == 403  # no document content for admins only
    assert administrator.get("/api/v1/grounds").status_code == 200
    denied = admin.ok(admin.get("/api/v1/audit", params={"action": "access.denied", "limit": 50}))["items"]
    routes = {(e["actor"], e["object_id"]) for e in denied}
    assert (registrator_name, "/api/v1/users") in routes
    assert (administrator_name, "/api/v1/cases") in routes


def test_api_tokens_work_without_csrf_and_stop_when_revoked(admin: Api) -> None:
    created = admin.ok(admin.post("/api/v1/auth/tokens", json={"name": "diariet"}), 201)
    assert created["token"].startswith("skm_")
    integration = Api(TestClient(admin.client.app))
    integration.use_token(created["token"])
    case = integration.ok(integration.post("/api/v1/cases", json={"diarienummer": f"T {_name()}"}), 201)
    assert case["diarienummer"].startswith("T ")
    tokens = admin.ok(admin.get("/api/v1/auth/tokens"))
    assert any(t["id"] == created["id"] and t["last_used_at"] for t in tokens)
    assert all("token" not in t for t in tokens)
    assert admin.delete(f"/api/v1/auth/tokens/{created['id']}").status_code == 204
    assert integration.get("/api/v1/cases").status_code == 401


def test_logout_and_deactivation_end_access(admin: Api) -> None:
    username = _name()
    user = admin.new_user(username, ["registrator"])
    assert user.post("/api/v1/auth/logout").status_code == 204
    assert user.get("/api/v1/cases").status_code == 401
    user.login(username, "ett-långt-lösenord2")
    users = admin.ok(admin.get("/api/v1/users"))
    user_id = next(u["id"] for u in users if u["username"] == username)
    admin.ok(admin.patch(f"/api/v1/users/{user_id}", json={"active": False}))
    assert user.get("/api/v1/cases").status_code == 401


def test_an_administrator_cannot_lock_themselves_out(admin: Api) -> None:
    me = admin.ok(admin.get("/api/v1/auth/me"))
    response = admin.patch(f"/api/v1/users/{me['id']}", json={"roles": ["registrator"]})
    assert response.status_code == 422


def test_session_cookie_is_http_only_and_strict(app_client: TestClient) -> None:
    response = TestClient(app_client.app).post(
        "/api/v1/auth/login", json={"username": "admin", "password": "korrekt-häst-batteri"}
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
