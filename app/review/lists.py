"""The staff list (public names, proposed unticked) and the protected-person list (always masked).

Staff names are public and stored as given. Protected persons (skyddade personuppgifter) are
stored encrypted under the master key and matched by keyed hash; only an administrator reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.audit import Actor, record
from app.domain.model import EntityType
from app.review.matching import normal_form
from app.storage.crypto import Keyring
from app.storage.errors import InvalidRequest
from app.storage.models import ProtectedPerson, StaffName

MAX_LIST_ENTRIES = 50_000


@dataclass(frozen=True, slots=True)
class ProtectedValue:
    """A protected person's name or personnummer, decrypted for one analysis."""

    kind: str  # "name" or "personnummer"
    value: str

    @property
    def entity(self) -> EntityType:
        return EntityType.PERSONNUMMER if self.kind == "personnummer" else EntityType.PERSON


def _clean(values: list[str]) -> list[str]:
    cleaned = [" ".join(v.split()) for v in values if v and v.strip()]
    if len(cleaned) > MAX_LIST_ENTRIES:
        raise InvalidRequest(f"a list holds at most {MAX_LIST_ENTRIES} entries")
    return cleaned


def replace_staff(session: Session, actor: Actor, keyring: Keyring, names: list[str]) -> int:
    """Replace the whole staff list; returns how many distinct names it now holds."""
    session.execute(delete(StaffName))
    seen: set[str] = set()
    for name in _clean(names):
        key = keyring.keyed_hash(normal_form(name, EntityType.PERSON))
        if key not in seen:
            seen.add(key)
            session.add(StaffName(name=name[:200], name_key=key))
    record(session, actor, "staff.replace", details={"names": len(seen)})
    return len(seen)


def staff_names(session: Session) -> list[str]:
    return list(session.scalars(select(StaffName.name).order_by(StaffName.name)))


def staff_keys(session: Session) -> set[str]:
    return set(session.scalars(select(StaffName.name_key)))


def _kind(value: str) -> str:
    digits = sum(ch.isdigit() for ch in value)
    return "personnummer" if digits >= 10 and digits >= len(value.replace(" ", "")) - 2 else "name"


def replace_protected(session: Session, actor: Actor, keyring: Keyring, values: list[str]) -> int:
    """Replace the protected-person list (names and personnummer, one per entry)."""
    cipher = keyring.field_cipher()
    session.execute(delete(ProtectedPerson))
    seen: set[str] = set()
    for value in _clean(values):
        kind = _kind(value)
        entity = EntityType.PERSONNUMMER if kind == "personnummer" else EntityType.PERSON
        key = keyring.keyed_hash(normal_form(value, entity))
        if key not in seen:
            seen.add(key)
            session.add(ProtectedPerson(value_enc=cipher.encrypt(value), value_key=key, kind=kind))
    record(session, actor, "protected.replace", details={"entries": len(seen)})
    return len(seen)


def protected_values(session: Session, keyring: Keyring) -> list[ProtectedValue]:
    cipher = keyring.field_cipher()
    rows = session.scalars(select(ProtectedPerson).order_by(ProtectedPerson.id))
    return [ProtectedValue(row.kind, cipher.decrypt(row.value_enc)) for row in rows]


def protected_keys(session: Session) -> set[str]:
    return set(session.scalars(select(ProtectedPerson.value_key)))


def protected_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ProtectedPerson)) or 0
