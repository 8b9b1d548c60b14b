"""Batch redaction of archives and folders (``skymma batch``): sources, per-item work, state, report."""
