"""The decision report (beslut) of a case as PDF, from an editable, sandboxed Jinja2 template."""
