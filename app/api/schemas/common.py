"""Shared pieces of the API models."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[0-9a-fA-F-]{32,36}$"
MAX_DB_INT = 2**31 - 1  # the smallest INTEGER of the supported databases: a larger number is a 422, not a 500
RowId = Annotated[int, Field(ge=1, le=MAX_DB_INT)]
TextOffset = Annotated[int, Field(ge=0, le=MAX_DB_INT)]


class Strict(BaseModel):
    """Request bodies refuse unknown fields, so a typo is a 422 and not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Message(BaseModel):
    detail: str


class Count(BaseModel):
    count: int = Field(description="how many things the request changed")


class ErrorBody(BaseModel):
    detail: str = Field(description="one line saying what was wrong")
    error: str = Field(description="the error's class name")


ERROR_RESPONSES: dict[int | str, dict] = {
    400: {"model": ErrorBody, "description": "bad input"},
    401: {"model": ErrorBody, "description": "not signed in"},
    403: {"model": ErrorBody, "description": "not allowed for your role (or CSRF token missing)"},
    404: {"model": ErrorBody, "description": "no such thing"},
    409: {"model": ErrorBody, "description": "conflicts with the current state"},
    422: {"model": ErrorBody, "description": "cannot be done as asked"},
}
