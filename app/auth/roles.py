"""Roles and what they allow. A user has one or more roles.

- ``registrator`` works with cases: upload, review, decide, burn, download, decision reports.
- ``administrator`` (administratör) configures: users, legal grounds, staff and protected-person
  lists, report templates, the audit log and retention. An administrator who is not also a
  registrator sees no document content (least privilege, MSBFS 2020:7).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    REGISTRATOR = "registrator"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        """The Swedish name shown to people."""
        return {"registrator": "registrator", "administrator": "administratör"}[self.value]


def parse_roles(values: list[str] | tuple[str, ...] | frozenset[str]) -> frozenset[Role]:
    """Roles from stored or submitted strings; ``ValueError`` for an unknown one."""
    return frozenset(Role(v) for v in values)
