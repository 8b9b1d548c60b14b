"""Who performs an action: passed from the edge (API, job runner) into every service call."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Actor:
    """A signed-in user (or the system itself) and where the request came from."""

    user_id: str
    username: str
    ip: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_system(self) -> bool:
        return not self.user_id


SYSTEM = Actor(user_id="", username="system")
