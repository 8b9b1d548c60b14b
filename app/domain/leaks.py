"""What the verifier reports. A report names the kind of datum and where it was seen, never the datum."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Leak:
    """One masked datum (or a forbidden structure) found in an output file."""

    surface: str  # e.g. "page-text", "metadata", "xmp", "annotation", "raw-stream", "structure"
    entity: str  # the entity type of the masked datum, or "STRUCTURE" for a forbidden object
    page: int | None = None  # 0-based page index where known
    detail: str = ""  # safe detail: never the masked text itself

    def describe(self) -> str:
        where = f" on page {self.page + 1}" if self.page is not None else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.entity} in {self.surface}{where}{detail}"


@dataclass(frozen=True, slots=True)
class LeakReport:
    """The verifier's verdict on one output file."""

    leaks: tuple[Leak, ...] = ()
    surfaces_checked: tuple[str, ...] = field(default=())
    needles_checked: int = 0

    @property
    def clean(self) -> bool:
        return not self.leaks

    def summary(self) -> str:
        if self.clean:
            surfaces = len(self.surfaces_checked)
            return f"clean: {self.needles_checked} masked strings checked on {surfaces} surfaces"
        shown = "; ".join(leak.describe() for leak in self.leaks[:5])
        more = f" and {len(self.leaks) - 5} more" if len(self.leaks) > 5 else ""
        return f"leak detected: {shown}{more}"
