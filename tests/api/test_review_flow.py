"""The whole review flow through the API: case, upload, findings with boxes, decisions, manual masks
by text, range and box, grounds, burn, download, decision report, audit trail.

The downloaded file is checked with the independent verifier: accepted and manual masks are gone,
the rejected datum is still there. Neither the report nor the audit log holds a masked datum.
"""

from __future__ import annotations

import unicodedata

import pymupdf
import pytest

from app.domain.model import EntityType
from app.verify import Needle, verify_bytes
from tests import pdf_samples as samples
from tests.api.client import Api

PAGE_ONE = [
    "Beslut om ekonomiskt bistånd",
    "Sökande: Anna Svensson, personnummer 19121212-1212.",
    "Telefon 070-123 45 67.",
    "Ombud: Olof Lind.",
    "Placerad på familjehemmet Blåsippan sedan mars.",
    "Dnr-kod: XK-4471 ska döljas.",
]


def _by_text(findings: list[dict], text: str) -> dict:
    return next(f for f in findings if f["text"] == text)


@pytest.fixture(scope="module")
def reviewed(app_client) -> dict:  # noqa: ANN001
    """A case with one document taken through review and burning; what each step returned."""
    from fastapi.testclient import TestClient

    api = Api(TestClient(app_client.app))
    api.login()
    case = api.new_case(title="Begäran om handlingar", requester="Sara Sökande")
    (document_id,) = api.analysed(case["id"], ("beslut.pdf", samples.simple(PAGE_ONE)))
    proposals = api.findings(document_id)
    ombud = _by_text(proposals, "Olof Lind")
    api.ok(api.patch(f"/api/v1/findings/{ombud['id']}", json={"status": "rejected"}))
    by_text = api.ok(api.post(f"/api/v1/documents/{document_id}/masks", json={"text": "Blåsippan"}), 201)
    page = api.ok(api.get(f"/api/v1/documents/{document_id}/pages/1/text"))
    start = page["start"] + page["text"].index("XK-4471")
    by_range = api.post(f"/api/v1/documents/{document_id}/masks", json={"start": start, "end": start + 7})
    by_range = api.ok(by_range, 201)
    telefon = _by_text(proposals, "070-123 45 67")["boxes"][0]
    box = [telefon[1] - 60, telefon[2], telefon[1] - 2, telefon[4]]  # the word "Telefon" left of the number
    by_box = api.ok(api.post(f"/api/v1/documents/{document_id}/masks", json={"page": 1, "box": box}), 201)
    refused = api.post(f"/api/v1/documents/{document_id}/burn", json={"accept_remaining": True})
    grounds = api.ok(api.get("/api/v1/grounds"))
    ground_26 = next(g["id"] for g in grounds if g["code"] == "OSL 26:1")
    manual = [f["id"] for f in by_text["findings"] + by_range["findings"] + by_box["findings"][:1]]
    decisions = [{"finding_id": f, "ground_id": ground_26} for f in manual]
    api.ok(api.post(f"/api/v1/documents/{document_id}/decisions", json={"decisions": decisions}))
    job = api.burn(document_id, accept_remaining=True)
    download = api.get(f"/api/v1/documents/{document_id}/download")
    report = api.post(f"/api/v1/cases/{case['id']}/decision", json={"decision_text": "Tillägg."})
    return {
        "api": api,
        "case": case,
        "document_id": document_id,
        "proposals": proposals,
        "manual": (by_text, by_range, by_box),
        "refused": refused,
        "job": job,
        "download": download,
        "report": report,
        "final": api.findings(document_id),
    }


def test_proposals_have_boxes_on_their_page_and_default_grounds(reviewed: dict) -> None:
    found = {(f["entity"], f["text"]) for f in reviewed["proposals"]}
    assert {
        ("PERSON", "Anna Svensson"),
        ("PERSONNUMMER", "19121212-1212"),
        ("PHONE", "070-123 45 67"),
    } <= found
    for finding in reviewed["proposals"]:
        assert finding["page"] == 1 and finding["boxes"] and finding["boxes"][0][0] == 0
        assert finding["display_boxes"] == finding["boxes"]  # an unrotated page
        assert finding["ground_id"] is not None and not finding["human"]
        assert finding["status"] == "proposed" and finding["masked"]


def test_manual_masks_cover_text_range_and_box(reviewed: dict) -> None:
    by_text, by_range, by_box = reviewed["manual"]
    assert [f["text"] for f in by_text["findings"]] == ["Blåsippan"]
    assert [f["text"] for f in by_range["findings"]] == ["XK-4471"]
    assert by_box["findings"][0]["text"] == "Telefon" and by_box["findings"][0]["recognizer"] == "manual-box"
    for finding in by_text["findings"] + by_range["findings"] + by_box["findings"]:
        assert finding["human"] and finding["status"] == "accepted" and finding["origin"] == "reviewer"


def test_burn_with_ungrounded_masks_is_refused_with_a_reason(reviewed: dict) -> None:
    assert reviewed["refused"].status_code == 422
    assert "no legal ground" in reviewed["refused"].json()["detail"]


def test_download_lacks_masked_data_and_keeps_the_rejected_datum(reviewed: dict) -> None:
    assert reviewed["job"]["state"] == "done", reviewed["job"]["error"]
    download = reviewed["download"]
    assert download.status_code == 200 and download.headers["content-type"] == "application/pdf"
    masked = [f for f in reviewed["final"] if f["status"] == "accepted" and f["text"].strip()]
    texts = {f["text"] for f in masked}
    assert {"Anna Svensson", "19121212-1212", "Blåsippan", "XK-4471", "Telefon"} <= texts
    report = verify_bytes(download.content, [Needle(f["text"], EntityType(f["entity"])) for f in masked])
    assert report.clean, report.summary()
    kept = verify_bytes(download.content, [Needle("Olof Lind", EntityType.PERSON)])
    assert not kept.clean  # the rejected name was not burned
    page_text = pymupdf.open("pdf", download.content)[0].get_text()
    assert "Olof Lind" in page_text and "Anna Svensson" not in page_text


def test_every_decision_names_its_user(reviewed: dict) -> None:
    me = reviewed["api"].ok(reviewed["api"].get("/api/v1/auth/me"))
    assert all(f["status"] != "proposed" for f in reviewed["final"])
    assert all(f["decided_by"] == me["id"] for f in reviewed["final"])


def test_document_is_released_with_a_clean_verification(reviewed: dict) -> None:
    api = reviewed["api"]
    document = api.ok(api.get(f"/api/v1/documents/{reviewed['document_id']}"))
    assert document["state"] == "released" and document["verification"].startswith("clean")
    assert document["output_sha256"] and document["findings"]["proposed"] == 0


def test_decision_report_lists_masks_by_page_and_ground_without_masked_data(reviewed: dict) -> None:
    response = reviewed["report"]
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    # NFKC: the report's typesetting may join "ff" in a random diarienummer into one ligature glyph
    text = unicodedata.normalize("NFKC", "".join(p.get_text() for p in pymupdf.open("pdf", response.content)))
    assert reviewed["case"]["diarienummer"] in text and "Sara Sökande" in text
    assert "OSL 26 kap. 1 §" in text and "OSL 21 kap. 7 §" in text and "kammarrätten" in text
    assert "beslut.pdf" in text and "personnummer" in text
    for finding in reviewed["final"]:
        if finding["status"] == "accepted" and finding["text"].strip():
            assert finding["text"] not in text
    api = reviewed["api"]
    stored = api.get(f"/api/v1/cases/{reviewed['case']['id']}/report")
    assert stored.status_code == 200 and stored.content == response.content


def test_audit_log_is_intact_and_holds_no_masked_data(reviewed: dict) -> None:
    api = reviewed["api"]
    assert api.ok(api.get("/api/v1/audit/verify"))["ok"]
    exported = api.get("/api/v1/audit/export", params={"format": "json"}).text
    actions = {e["action"] for e in api.ok(api.get("/api/v1/audit", params={"limit": 1000}))["items"]}
    assert {
        "document.upload",
        "document.analyze",
        "finding.decide",
        "finding.manual",
        "document.burn",
    } <= actions
    assert {"document.download", "case.decide"} <= actions
    for finding in reviewed["final"]:
        if finding["text"].strip():
            assert finding["text"] not in exported


def test_page_images_preview_and_released(reviewed: dict) -> None:
    api = reviewed["api"]
    base = f"/api/v1/documents/{reviewed['document_id']}/pages/1/image"
    anna = _by_text(reviewed["final"], "Anna Svensson")["display_boxes"][0]
    centre = (int((anna[1] + anna[3]) / 2), int((anna[2] + anna[4]) / 2))  # at 72 dpi, points = pixels
    shades = {}
    for variant in ("original", "preview", "released"):
        response = api.get(base, params={"variant": variant, "dpi": 72})
        assert response.status_code == 200 and response.headers["content-type"] == "image/png"
        assert response.headers["cache-control"] == "no-store"
        pixmap = pymupdf.Pixmap(response.content)
        assert (pixmap.width, pixmap.height) == (595, 842)
        shades[variant] = sum(pixmap.pixel(*centre)) / 3
    assert shades["preview"] < 40 and shades["released"] < 40 and shades["original"] > shades["preview"]


def test_an_e_mail_is_reviewed_burned_and_downloaded_as_e_mail(admin: Api) -> None:
    import email
    from email import policy

    from tests import mail_samples

    case = admin.new_case()
    body = "Hej!\n\nSökande Anna Svensson, personnummer 19121212-1212, ringde i dag.\n"
    (document_id,) = admin.analysed(case["id"], ("brev.eml", mail_samples.simple_eml(body)))
    texts = {f["text"] for f in admin.findings(document_id)}
    assert {"Anna Svensson", "19121212-1212"} <= texts
    assert admin.burn(document_id, accept_remaining=True)["state"] == "done"
    response = admin.get(f"/api/v1/documents/{document_id}/download")
    assert response.status_code == 200 and response.headers["content-type"].startswith("message/rfc822")
    assert 'filename="brev-maskad.eml"' in response.headers["content-disposition"]
    needles = [Needle("Anna Svensson", EntityType.PERSON), Needle("19121212-1212", EntityType.PERSONNUMMER)]
    assert verify_bytes(response.content, needles).clean
    released = email.message_from_bytes(response.content, policy=policy.default)
    assert "ringde i dag" in released.get_body(("plain",)).get_content()
