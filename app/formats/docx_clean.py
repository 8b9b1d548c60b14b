"""Surfaces of a Word package that are removed from every output, masked or not.

- Comments (all comment parts, their anchors and reference runs) and people.xml (author accounts).
- Tracked changes are accepted: deleted and moved-away content is removed, insertions unwrapped,
  formatting-change history dropped. The released file shows the final text and no history.
- docProps: author, last modified by, company, manager and hyperlink base are cleared; custom
  properties removed; thumbnails (a picture of the original first page) dropped.
- settings.xml: the attached template (a path that often holds a user name), document variables
  and revision-session ids.
"""

from __future__ import annotations

from lxml import etree

from app.formats.docx_text import DELETED, INSERTED, REL_NS, W, w

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

COMMENT_PARTS = (
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/commentsIds.xml",
    "word/commentsExtensible.xml",
    "word/people.xml",
)
COMMENT_MARKERS = frozenset({w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")})
CHANGE_HISTORY = frozenset(
    w(t)
    for t in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
    )
)
CLEARED_PROPERTIES = frozenset(
    {
        f"{{{DC}}}creator",
        f"{{{CP}}}lastModifiedBy",
        f"{{{EP}}}Company",
        f"{{{EP}}}Manager",
        f"{{{EP}}}HyperlinkBase",
    }
)
SETTINGS_REMOVED = frozenset({w("attachedTemplate"), w("docVars"), w("rsids")})
NOTES = (
    "comments are removed from the output",
    "tracked changes are accepted in the output (deleted text and change history removed)",
    "author, company and custom document properties and the thumbnail are removed",
)


def dropped_part(name: str) -> bool:
    return name in COMMENT_PARTS or name.startswith("docProps/thumbnail")


def clean_part(name: str, root: etree._Element, dropped: set[str]) -> bool:
    """Clean one parsed part in place; True when it changed."""
    if name.endswith(".rels"):
        return _drop_relationships(name, root, dropped)
    if name == "[Content_Types].xml":
        return _drop_overrides(root, dropped)
    if name == "docProps/custom.xml":
        changed = len(root) > 0
        root[:] = []
        return changed
    if name in ("docProps/core.xml", "docProps/app.xml"):
        return _clear_properties(root)
    if root.tag.startswith(f"{{{W}}}"):
        return _clean_word_part(root, name == "word/settings.xml")
    return False


def _remove(node: etree._Element) -> None:
    """Remove ``node`` but keep its tail text in place."""
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _unwrap(node: etree._Element) -> None:
    parent = node.getparent()
    position = parent.index(node)
    for child in reversed(list(node)):
        parent.insert(position, child)
    _remove(node)


def _clean_word_part(root: etree._Element, is_settings: bool) -> bool:
    doomed = [
        n for n in root.iter() if n.tag in COMMENT_MARKERS or n.tag in CHANGE_HISTORY or n.tag in DELETED
    ]
    if is_settings:
        doomed += [n for n in root.iter() if n.tag in SETTINGS_REMOVED]
    unwrap = [n for n in root.iter() if n.tag in INSERTED]
    for node in doomed:
        if node.getparent() is not None and not any(a in doomed for a in node.iterancestors()):
            _remove(node)
    for node in unwrap:
        if node.getparent() is not None:
            if node.getparent().tag == w("rPr"):  # an inserted paragraph mark: just the marker
                _remove(node)
            else:
                _unwrap(node)
    _remove_empty_comment_runs(root)
    return bool(doomed or unwrap)


def _remove_empty_comment_runs(root: etree._Element) -> None:
    """Runs that only held a comment reference (now only run properties) go too."""
    for run in list(root.iter(w("r"))):
        if run.getparent() is not None and all(child.tag == w("rPr") for child in run) and len(run):
            style = run.find(f"{w('rPr')}/{w('rStyle')}")
            if style is not None and "Comment" in (style.get(w("val")) or ""):
                _remove(run)


def _clear_properties(root: etree._Element) -> bool:
    changed = False
    for node in root.iter():
        if node.tag in CLEARED_PROPERTIES and (node.text or len(node)):
            node.text = ""
            node[:] = []
            changed = True
    return changed


def _drop_relationships(name: str, root: etree._Element, dropped: set[str]) -> bool:
    base = name.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0] if "/" in name else ""
    changed = False
    for rel in list(root.iter(f"{{{REL_NS}}}Relationship")):
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else (f"{base}/{target}" if base else target)
        if resolved in dropped or rel.get("Type", "").endswith("/attachedTemplate"):
            root.remove(rel)
            changed = True
    return changed


def _drop_overrides(root: etree._Element, dropped: set[str]) -> bool:
    changed = False
    for override in list(root.iter(f"{{{CT_NS}}}Override")):
        if override.get("PartName", "").lstrip("/") in dropped:
            root.remove(override)
            changed = True
    return changed
