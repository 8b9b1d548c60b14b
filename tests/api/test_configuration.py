"""What administrators configure changes what registrators see: grounds and their defaults, the
staff list, the protected-person list and the report template. Plus decisions across a case."""

from __future__ import annotations

import uuid

import pymupdf

from tests import pdf_samples as samples
from tests.api.client import Api


def _ground(admin: Api, code: str) -> dict:
    return next(g for g in admin.ok(admin.get("/api/v1/grounds")) if g["code"] == code)


def test_the_catalogue_is_seeded_with_harm_tests(admin: Api) -> None:
    grounds = {g["code"]: g for g in admin.ok(admin.get("/api/v1/grounds"))}
    assert {"OSL 21:1", "OSL 21:3", "OSL 21:7", "OSL 22:1", "OSL 25:1", "OSL 26:1", "OSL 39:3"} <= set(
        grounds
    )
    assert grounds["OSL 26:1"]["harm_test"] == "omvant" and grounds["OSL 26:1"]["secrecy_years"] == 70
    assert grounds["OSL 26:1"]["harm_test_label"] == "omvänt skaderekvisit"


def test_grounds_are_added_changed_and_deactivated(admin: Api) -> None:
    code = f"OSL 30:{uuid.uuid4().int % 1000}"
    body = {"code": code, "reference": "OSL 30 kap. 23 §", "title": "Näringsverksamhet", "harm_test": "rakt"}
    created = admin.ok(admin.post("/api/v1/grounds", json=body), 201)
    assert admin.post("/api/v1/grounds", json=body).status_code == 409
    changed = admin.ok(
        admin.patch(f"/api/v1/grounds/{created['id']}", json={"secrecy_years": 20, "active": False})
    )
    assert changed["secrecy_years"] == 20 and not changed["active"]
    case = admin.new_case()
    (document_id,) = admin.analysed(case["id"], ("a.pdf", samples.simple(["Sökande: Anna Svensson."])))
    finding = admin.findings(document_id)[0]
    refused = admin.patch(f"/api/v1/findings/{finding['id']}", json={"ground_id": created["id"]})
    assert refused.status_code == 422 and "no longer in use" in refused.json()["detail"]


def test_case_type_defaults_override_general_ones(admin: Api) -> None:
    social = _ground(admin, "OSL 26:1")["id"]
    general = _ground(admin, "OSL 21:7")["id"]
    case = admin.new_case(case_type="socialtjanst")
    (document_id,) = admin.analysed(
        case["id"], ("a.pdf", samples.simple(["Sökande: Anna Svensson, tel 070-123 45 67."]))
    )
    grounds = {f["entity"]: f["ground_id"] for f in admin.findings(document_id)}
    assert grounds["PERSON"] == social and grounds["PHONE"] == general


def test_staff_names_are_proposed_unticked_and_stay_visible(admin: Api) -> None:
    admin.ok(admin.put("/api/v1/staff", json={"names": ["Karin Berg", "  karin  berg ", "Per Persson"]}))
    assert admin.ok(admin.get("/api/v1/staff"))["names"] == ["Karin Berg", "Per Persson"]
    case = admin.new_case()
    lines = ["Handläggare: Karin Berg", "Sökande: Anna Svensson"]
    (document_id,) = admin.analysed(case["id"], ("a.pdf", samples.simple(lines)))
    findings = {f["text"]: f for f in admin.findings(document_id)}
    assert findings["Karin Berg"]["staff"] and not findings["Karin Berg"]["masked"]
    assert findings["Anna Svensson"]["masked"] and not findings["Anna Svensson"]["staff"]
    assert admin.burn(document_id, accept_remaining=True)["state"] == "done"
    text = pymupdf.open("pdf", admin.get(f"/api/v1/documents/{document_id}/download").content)[0].get_text()
    assert "Karin Berg" in text and "Anna Svensson" not in text
    admin.ok(admin.put("/api/v1/staff", json={"names": []}))


def test_protected_persons_are_always_masked(admin: Api) -> None:
    admin.ok(admin.put("/api/v1/protected-persons", json={"names": ["Zebulon Qwertyson", "19121212-1212"]}))
    case = admin.new_case()
    lines = ["Uppgift om Zebulon Qwertyson.", "Personnummer 121212-1212.", "Sökande: Anna Svensson."]
    (document_id,) = admin.analysed(case["id"], ("a.pdf", samples.simple(lines)))
    findings = {f["text"]: f for f in admin.findings(document_id)}
    assert (
        findings["Zebulon Qwertyson"]["protected"] and findings["Zebulon Qwertyson"]["status"] == "accepted"
    )
    assert findings["121212-1212"]["protected"] and findings["121212-1212"]["status"] == "accepted"
    refused = admin.patch(
        f"/api/v1/findings/{findings['Zebulon Qwertyson']['id']}", json={"status": "rejected"}
    )
    assert refused.status_code == 409
    assert "Zebulon" not in admin.get("/api/v1/audit/export").text
    admin.ok(admin.put("/api/v1/protected-persons", json={"names": []}))


def test_a_decision_carries_over_to_the_whole_case(admin: Api) -> None:
    case = admin.new_case()
    first, second = admin.analysed(
        case["id"],
        ("a.pdf", samples.simple(["Sökande: Anna Svensson."])),
        ("b.pdf", samples.simple(["Yttrande från Anna Svensson och Erik Roterad."])),
    )
    anna = next(f for f in admin.findings(first) if f["text"] == "Anna Svensson")
    admin.ok(admin.patch(f"/api/v1/findings/{anna['id']}", json={"status": "rejected"}))
    assert admin.ok(admin.post(f"/api/v1/findings/{anna['id']}/apply-to-case"))["count"] == 1
    other = {f["text"]: f["status"] for f in admin.findings(second)}
    assert other == {"Anna Svensson": "rejected", "Erik Roterad": "proposed"}


def test_a_text_is_masked_in_every_document_of_the_case(admin: Api) -> None:
    case = admin.new_case()
    first, second = admin.analysed(
        case["id"],
        ("a.pdf", samples.simple(["Familjehemmet Blåsippan i Ankeborg."])),
        ("b.pdf", samples.simple(["Besök på Blåsippan.", "Blåsippan igen."])),
    )
    result = admin.ok(
        admin.post(f"/api/v1/documents/{first}/masks", json={"text": "blåsippan", "scope": "case"}), 201
    )
    assert result["documents"] == 2
    assert sorted(f["document_id"] for f in result["findings"]) == sorted([first, second, second])
    assert all(f["text"] == "Blåsippan" for f in result["findings"])


def test_rotated_pages_get_display_boxes_and_boxes_drawn_on_the_display(admin: Api) -> None:
    case = admin.new_case()
    (document_id,) = admin.analysed(case["id"], ("rot.pdf", samples.rotated(90)))
    page = admin.ok(admin.get(f"/api/v1/documents/{document_id}/pages"))[0]
    assert page["rotation"] == 90 and page["display_width"] == page["height"]
    erik = next(f for f in admin.findings(document_id) if f["text"] == "Erik Roterad")
    box, shown = erik["boxes"][0], erik["display_boxes"][0]
    assert shown != box and shown[3] - shown[1] < shown[4] - shown[2]  # a horizontal word stands upright
    body = {"page": 1, "box": shown[1:], "box_space": "display", "entity": "PERSON"}
    drawn = admin.ok(admin.post(f"/api/v1/documents/{document_id}/masks", json=body), 201)["findings"][0]
    assert drawn["text"] == "Erik Roterad"
    assert all(abs(a - b) < 0.05 for a, b in zip(drawn["boxes"][0], box, strict=True))


def test_report_templates_are_checked_and_used(admin: Api) -> None:
    template = admin.ok(admin.get("/api/v1/report-templates/beslut"))
    assert not template["customised"] and "{{ case.diarienummer }}" in template["body"]
    broken = admin.put("/api/v1/report-templates/beslut", json={"body": "{% if %}"})
    assert broken.status_code == 422 and "template" in broken.json()["detail"]
    escape = admin.put("/api/v1/report-templates/beslut", json={"body": "{{ case.__class__.__mro__ }}"})
    assert escape.status_code == 422
    custom = template["body"].replace("Hur man överklagar", "Så överklagar du (egen mall)")
    assert admin.ok(admin.put("/api/v1/report-templates/beslut", json={"body": custom}))["customised"]
    case = admin.new_case()
    draft = admin.get(f"/api/v1/cases/{case['id']}/report/draft")
    text = pymupdf.open("pdf", draft.content)[0].get_text()
    assert "egen mall" in text and "UTKAST" in text
    assert admin.delete("/api/v1/report-templates/beslut").status_code == 204
    assert not admin.ok(admin.get("/api/v1/report-templates/beslut"))["customised"]


def test_a_case_is_decided_only_when_every_document_is_released(admin: Api) -> None:
    case = admin.new_case()
    assert admin.post(f"/api/v1/cases/{case['id']}/decision", json={}).status_code == 422
    (document_id,) = admin.analysed(case["id"], ("a.pdf", samples.simple(["Sökande: Anna Svensson."])))
    assert admin.post(f"/api/v1/cases/{case['id']}/decision", json={}).status_code == 422
    admin.burn(document_id, accept_remaining=True)
    assert admin.post(f"/api/v1/cases/{case['id']}/decision", json={}).status_code == 200
    assert admin.post(f"/api/v1/cases/{case['id']}/decision", json={}).status_code == 409
    assert admin.patch(f"/api/v1/cases/{case['id']}", json={"title": "x"}).status_code == 409
