"""The states a document and a finding move through, and the harm tests of legal grounds."""

from __future__ import annotations

from enum import StrEnum


class DocumentState(StrEnum):
    """``received -> analyzing -> review -> burning -> released``; ``failed`` when analysis failed
    (the error says why; it can be retried), ``purged`` after the retention period."""

    RECEIVED = "received"
    ANALYZING = "analyzing"
    REVIEW = "review"
    BURNING = "burning"
    RELEASED = "released"
    FAILED = "failed"
    PURGED = "purged"


class FindingStatus(StrEnum):
    PROPOSED = "proposed"  # not yet decided; ``default_masked`` says whether it is ticked
    ACCEPTED = "accepted"  # will be burned
    REJECTED = "rejected"  # stays visible


class HarmTest(StrEnum):
    """Skaderekvisit: how strong the secrecy is."""

    RAKT = "rakt"  # secret only if harm can be assumed (presumption of openness)
    KVALIFICERAT_RAKT = "kvalificerat_rakt"  # secret only if harm can be assumed "av särskild anledning"
    OMVANT = "omvant"  # secret unless it is clear that no harm follows (presumption of secrecy)
    ABSOLUT = "absolut"  # secret without a harm test

    @property
    def label(self) -> str:
        return {
            "rakt": "rakt skaderekvisit",
            "kvalificerat_rakt": "kvalificerat rakt skaderekvisit",
            "omvant": "omvänt skaderekvisit",
            "absolut": "absolut sekretess",
        }[self.value]
