"""The audit trail: an append-only, hash-chained log of every action (who, what, when, from where).

Rows hold ids, counts and hashes, never masked text: logs can themselves become allmänna handlingar.
"""

from app.audit.actor import SYSTEM, Actor
from app.audit.log import ChainCheck, export_csv, export_json, record, verify_chain

__all__ = ["SYSTEM", "Actor", "ChainCheck", "export_csv", "export_json", "record", "verify_chain"]
