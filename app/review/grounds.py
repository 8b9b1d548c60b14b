"""The catalogue of legal grounds (OSL provisions) and the default ground per entity and case type.

A new installation is seeded from ``grounds_catalogue.yaml``; administrators edit it afterwards.
Grounds are never deleted (old decisions refer to them), only deactivated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.audit import SYSTEM, Actor, record
from app.domain.model import EntityType
from app.review.states import HarmTest
from app.storage.errors import Conflict, InvalidRequest, NotFound
from app.storage.models import GroundDefault, LegalGround

CATALOGUE = Path(__file__).resolve().parent / "grounds_catalogue.yaml"
ANY_CASE_TYPE = ""


def seed_catalogue(session: Session, path: Path = CATALOGUE) -> bool:
    """Load the shipped catalogue into an empty table; False if there were grounds already."""
    if session.scalar(select(func.count()).select_from(LegalGround)):
        return False
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_code: dict[str, LegalGround] = {}
    for row in data["grounds"]:
        ground = LegalGround(
            code=row["code"],
            reference=row["reference"],
            title=row["title"],
            harm_test=HarmTest(row["harm_test"]).value,
            secrecy_years=row.get("secrecy_years"),
            description=row.get("description", ""),
        )
        session.add(ground)
        by_code[ground.code] = ground
    session.flush()
    for case_type, entities in data.get("defaults", {}).items():
        for entity, code in entities.items():
            session.add(
                GroundDefault(
                    case_type=case_type, entity=EntityType(entity).value, ground_id=by_code[code].id
                )
            )
    record(session, SYSTEM, "grounds.seed", details={"grounds": len(by_code)})
    return True


def list_grounds(session: Session, include_inactive: bool = True) -> list[LegalGround]:
    query = select(LegalGround).order_by(LegalGround.id)
    if not include_inactive:
        query = query.where(LegalGround.active.is_(True))
    return list(session.scalars(query))


def get_ground(session: Session, ground_id: int) -> LegalGround:
    ground = session.get(LegalGround, ground_id)
    if ground is None:
        raise NotFound(f"legal ground {ground_id} does not exist")
    return ground


def active_ground(session: Session, ground_id: int) -> LegalGround:
    """The ground, refusing one that was deactivated (new decisions may not use it)."""
    ground = get_ground(session, ground_id)
    if not ground.active:
        raise InvalidRequest(f"legal ground {ground.code} is no longer in use")
    return ground


def create_ground(session: Session, actor: Actor, **fields: Any) -> LegalGround:
    code = str(fields.get("code", "")).strip()
    if session.scalar(select(LegalGround.id).where(LegalGround.code == code)):
        raise Conflict(f"a legal ground with code {code!r} exists")
    ground = LegalGround(**_validated(fields))
    session.add(ground)
    session.flush()
    record(session, actor, "ground.create", object_type="ground", object_id=ground.id)
    return ground


def update_ground(session: Session, actor: Actor, ground_id: int, **fields: Any) -> LegalGround:
    ground = get_ground(session, ground_id)
    values = _validated({k: v for k, v in fields.items() if v is not None}, partial=True)
    new_code = values.get("code", ground.code)
    if new_code != ground.code and session.scalar(select(LegalGround.id).where(LegalGround.code == new_code)):
        raise Conflict(f"a legal ground with code {new_code!r} exists")
    for name, value in values.items():
        setattr(ground, name, value)
    record(
        session,
        actor,
        "ground.update",
        object_type="ground",
        object_id=ground.id,
        details={"changed": sorted(values)},
    )
    return ground


def _validated(fields: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    allowed = {"code", "reference", "title", "harm_test", "secrecy_years", "description", "active"}
    values = {k: v for k, v in fields.items() if k in allowed}
    for name in ("code", "reference", "title"):
        if name in values:
            values[name] = str(values[name]).strip()
            if not values[name]:
                raise InvalidRequest(f"the ground's {name} is empty")
        elif not partial:
            raise InvalidRequest(f"the ground needs a {name}")
    if "harm_test" in values:
        try:
            values["harm_test"] = HarmTest(values["harm_test"]).value
        except ValueError as exc:
            raise InvalidRequest(f"unknown harm test; known: {', '.join(h.value for h in HarmTest)}") from exc
    elif not partial:
        raise InvalidRequest("the ground needs a harm_test")
    return values


# -- defaults --------------------------------------------------------------------------------------


def list_defaults(session: Session) -> list[GroundDefault]:
    return list(
        session.scalars(select(GroundDefault).order_by(GroundDefault.case_type, GroundDefault.entity))
    )


def set_default(
    session: Session, actor: Actor, case_type: str, entity: EntityType, ground_id: int | None
) -> None:
    """Set (or with ``ground_id=None`` remove) the default ground of ``entity`` in ``case_type``."""
    case_type = case_type.strip()
    session.execute(
        delete(GroundDefault).where(
            GroundDefault.case_type == case_type, GroundDefault.entity == entity.value
        )
    )
    if ground_id is not None:
        active_ground(session, ground_id)
        session.add(GroundDefault(case_type=case_type, entity=entity.value, ground_id=ground_id))
    record(
        session,
        actor,
        "ground.default",
        details={"case_type": case_type, "entity": entity.value, "ground_id": ground_id},
    )


def default_grounds(session: Session, case_type: str) -> dict[str, int]:
    """entity -> ground id for a case of ``case_type``: its own defaults over the general ones."""
    rows = session.scalars(
        select(GroundDefault).where(GroundDefault.case_type.in_([ANY_CASE_TYPE, case_type]))
    ).all()
    general = {r.entity: r.ground_id for r in rows if r.case_type == ANY_CASE_TYPE}
    specific = {r.entity: r.ground_id for r in rows if r.case_type == case_type and case_type}
    return general | specific
