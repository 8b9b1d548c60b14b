"""Review domain services: cases, documents, findings and decisions, legal grounds, staff and
protected-person lists. Functions take a SQLAlchemy session and an ``Actor`` (keyword style, after
Dispatch's ``service.py``) and record what they change in the audit log."""
