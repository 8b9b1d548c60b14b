"""Word test documents built in code (python-docx, then raw XML for what it does not model).

``trap_docx()`` plants one datum on every text-bearing surface listed in issue 4 and PITFALLS 1.4;
``TRAPS`` names each surface and the datum planted there.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pymupdf
from docx.enum.section import WD_SECTION  # noqa: F401  (keeps python-docx's section API loaded)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)

TRAPS = {
    "split-runs": "Anna Svensson",
    "personnummer": "19121212-1212",
    "nested-table": "Martina Eklund",
    "nested-table-phone": "070-812 33 09",
    "first-page-header": "Ulf Bergqvist",
    "even-page-footer": "Greta Holmberg",
    "comment-text": "Lars Persson",
    "comment-author": "Eva Nyström",
    "deleted-text": "Henrik Ståhl",
    "revision-author": "Birgitta Lundgren",
    "text-box": "Johan Wikström",
    "mailto-target": "johan.wikstrom@exempel.se",
    "fld-simple": "karl.berg@exempel.se",
    "alt-text": "Maria Sandberg",
    "core-author": "Peter Forsberg",
    "last-modified-by": "Lena Åberg",
    "custom-property": "Olof Dahlgren",
    "custom-xml": "Sara Ekström",
    "footnote": "Sven Olofsson",
    "endnote": "Nils Hedlund",
}
KEPT = ("har ansökt om bistånd", "Beslutet fattades i nämnden")


def tiny_png() -> bytes:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 4, 4), False)
    pix.clear_with(200)
    return pix.tobytes("png")


def _body(d: docx.Document) -> None:
    p = d.add_paragraph("Sökanden ")
    p.add_run("An")
    p.add_run("na Sv").bold = True
    p.add_run("ensson").italic = True
    p.add_run(" har ansökt om bistånd.")
    d.add_paragraph(f"Personnummer {TRAPS['personnummer']} gäller sökanden.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = f"Handläggare {TRAPS['nested-table']} på enheten."
    inner = table.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = f"Telefon {TRAPS['nested-table-phone']} dagtid."
    commented = d.add_paragraph("Se anteckningen om ärendet.")
    d.add_comment(
        commented.runs,
        text=f"Ring {TRAPS['comment-text']} i morgon.",
        author=TRAPS["comment-author"],
        initials="EN",
    )
    d.add_picture(io.BytesIO(tiny_png()))
    d.add_paragraph("Beslutet fattades i nämnden efter föredragning.")
    section = d.sections[0]
    section.different_first_page_header_footer = True
    d.settings.odd_and_even_pages_header_footer = True
    section.first_page_header.paragraphs[0].text = f"Utredare {TRAPS['first-page-header']}"
    section.even_page_footer.paragraphs[0].text = f"Sekreterare {TRAPS['even-page-footer']}"
    d.core_properties.author = TRAPS["core-author"]
    d.core_properties.last_modified_by = TRAPS["last-modified-by"]


def _raw_body_xml() -> str:
    """Tracked changes, a text box (DrawingML and VML copies), hyperlinks and a fldSimple."""
    rev = f'w:author="{TRAPS["revision-author"]}" w:date="2024-01-01T00:00:00Z"'
    box = (
        f"<w:txbxContent><w:p><w:r><w:t>Kontakt {TRAPS['text-box']} på plats.</w:t></w:r></w:p>"
        "</w:txbxContent>"
    )
    return (
        f'<w:p><w:r><w:t xml:space="preserve">Ärendet fördes av </w:t></w:r>'
        f'<w:del w:id="901" {rev}><w:r><w:delText>{TRAPS["deleted-text"]}</w:delText></w:r></w:del>'
        f'<w:ins w:id="902" {rev}><w:r><w:t>en kollega</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>'
        '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'Requires="wps"><w:drawing><wps:txbx>' + box + "</wps:txbx></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        + box
        + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">Skriv till </w:t></w:r>'
        '<w:hyperlink r:id="rIdMail"><w:r><w:t>handläggaren</w:t></w:r></w:hyperlink>'
        f'<w:fldSimple w:instr=" HYPERLINK &quot;mailto:{TRAPS["fld-simple"]}&quot; ">'
        "<w:r><w:t>kontakt</w:t></w:r></w:fldSimple>"
        '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>'
    )


def _notes(kind: str, name: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {NS}>'
        f'<w:{kind} w:id="1"><w:p><w:r><w:t>Uppgift från {name} i förhöret.</w:t></w:r></w:p></w:{kind}>'
        f"</w:{kind}s>"
    ).encode()


def _extra_parts(parts: dict[str, bytes]) -> None:
    doc = parts["word/document.xml"].decode()
    doc = doc.replace("<w:sectPr", _raw_body_xml() + "<w:sectPr", 1)
    doc = (
        doc.replace('descr=""', f'descr="Foto på {TRAPS["alt-text"]}"')
        if 'descr=""' in doc
        else doc.replace("<wp:docPr ", f'<wp:docPr descr="Foto på {TRAPS["alt-text"]}" ', 1)
    )
    parts["word/document.xml"] = doc.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    extra = (
        f'<Relationship Id="rIdMail" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/hyperlink" Target="mailto:{TRAPS["mailto-target"]}" TargetMode="External"/>'
        '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/>'
        '<Relationship Id="rIdEn" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/endnotes" Target="endnotes.xml"/>'
    )
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", extra + "</Relationships>"
    ).encode()
    parts["word/footnotes.xml"] = _notes("footnote", TRAPS["footnote"])
    parts["word/endnotes.xml"] = _notes("endnote", TRAPS["endnote"])
    parts["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.'
        'openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.'
        'org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
        f'pid="2" name="Handläggare"><vt:lpwstr>{TRAPS["custom-property"]}</vt:lpwstr></property>'
        "</Properties>"
    ).encode()
    parts["customXml/item1.xml"] = f"<arende><kund>Kund {TRAPS['custom-xml']}</kund></arende>".encode()
    parts["docProps/thumbnail.jpeg"] = b"\xff\xd8\xff\xe0 thumbnail of the original first page"
    ct = parts["[Content_Types].xml"].decode()
    overrides = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/>'
        '<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.endnotes+xml"/>'
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.custom-properties+xml"/>'
        '<Override PartName="/docProps/thumbnail.jpeg" ContentType="image/jpeg"/>'
    )
    parts["[Content_Types].xml"] = ct.replace("</Types>", overrides + "</Types>").encode()
    root_rels = parts["_rels/.rels"].decode()
    root_extra = (
        '<Relationship Id="rIdThumb" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
        'metadata/thumbnail" Target="docProps/thumbnail.jpeg"/>'
        '<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/custom-properties" Target="docProps/custom.xml"/>'
    )
    parts["_rels/.rels"] = root_rels.replace("</Relationships>", root_extra + "</Relationships>").encode()


def rezip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def trap_docx() -> bytes:
    d = docx.Document()
    _body(d)
    buf = io.BytesIO()
    d.save(buf)
    parts = unzip(buf.getvalue())
    _extra_parts(parts)
    return rezip(parts)


def simple_docx(paragraphs: list[str]) -> bytes:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    parts = unzip(data)
    parts[name] = content
    return rezip(parts)
