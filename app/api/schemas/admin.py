"""API models for signing in, users, tokens, legal grounds, lists, templates and the audit log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from app.api.schemas.common import RowId, Strict
from app.auth.roles import Role
from app.domain.model import EntityType
from app.review.states import HarmTest


class LoginRequest(Strict):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=500)


class PasswordChange(Strict):
    current_password: str = Field(min_length=1, max_length=500)
    new_password: str = Field(min_length=1, max_length=500)


class Me(BaseModel):
    id: uuid.UUID
    username: str
    full_name: str
    roles: list[Role]
    must_change_password: bool
    via: str = Field(description="session or token")
    csrf_token: str = Field(description="send as X-CSRF-Token on state-changing requests (sessions only)")


class UserCreate(Strict):
    username: str = Field(min_length=1, max_length=100, pattern=r"^[\w.@-]+$")
    full_name: str = Field(default="", max_length=200)
    password: str = Field(min_length=1, max_length=500, description="must be changed at first login")
    roles: list[Role] = Field(min_length=1)


class UserUpdate(Strict):
    full_name: str | None = Field(default=None, max_length=200)
    roles: list[Role] | None = Field(default=None, min_length=1)
    active: bool | None = None
    password: str | None = Field(default=None, min_length=1, max_length=500)


class UserRead(BaseModel):
    id: uuid.UUID
    username: str
    full_name: str
    roles: list[Role]
    active: bool
    must_change_password: bool
    created_at: datetime
    last_login_at: datetime | None


class TokenCreate(Strict):
    name: str = Field(min_length=1, max_length=100)
    expires_at: datetime | None = None


class TokenRead(BaseModel):
    id: uuid.UUID
    name: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenRead):
    token: str = Field(description="shown once; send as 'Authorization: Bearer <token>'")


class GroundCreate(Strict):
    code: str = Field(min_length=1, max_length=40, examples=["OSL 26:1"])
    reference: str = Field(min_length=1, max_length=120, examples=["OSL 26 kap. 1 §"])
    title: str = Field(min_length=1, max_length=300)
    harm_test: HarmTest
    secrecy_years: int | None = Field(default=None, ge=0, le=150)
    description: str = Field(default="", max_length=2000)


class GroundUpdate(Strict):
    code: str | None = Field(default=None, min_length=1, max_length=40)
    reference: str | None = Field(default=None, min_length=1, max_length=120)
    title: str | None = Field(default=None, min_length=1, max_length=300)
    harm_test: HarmTest | None = None
    secrecy_years: int | None = Field(default=None, ge=0, le=150)
    description: str | None = Field(default=None, max_length=2000)
    active: bool | None = None


class GroundRead(BaseModel):
    id: int
    code: str
    reference: str
    title: str
    harm_test: HarmTest
    harm_test_label: str
    secrecy_years: int | None
    description: str
    active: bool


class GroundDefaultItem(Strict):
    case_type: str = Field(default="", max_length=60, description="'' for every case type")
    entity: EntityType
    ground_id: RowId | None = Field(description="null removes the default")


class GroundDefaultRead(BaseModel):
    case_type: str
    entity: EntityType
    ground_id: int


class NameList(Strict):
    names: list[str] = Field(max_length=50_000)


class ListSummary(BaseModel):
    count: int


class TemplateRead(BaseModel):
    name: str
    body: str
    customised: bool


class TemplateUpdate(Strict):
    body: str = Field(min_length=1, max_length=200_000)


class AuditEventRead(BaseModel):
    seq: int
    at: datetime
    actor_id: str
    actor: str
    ip: str
    action: str
    object_type: str
    object_id: str
    outcome: str
    details: dict[str, Any]
    hash: str


class AuditPage(BaseModel):
    total: int
    items: list[AuditEventRead]


class ChainRead(BaseModel):
    ok: bool
    events: int
    broken_at: int | None
    reason: str


class RetentionRead(BaseModel):
    purged: int
