"""The registrar's web UI end to end, in headless Chromium (Debian's package) driven by Playwright.

A new registrar signs in and must choose a password, opens a case, uploads a letter with the file
picker and a second PDF by drag and drop, and reviews the letter: rejects the ombud's name with the
keyboard, accepts by click and key, changes a legal ground, masks a word by text and draws a box over a
code, burns and downloads. The download is checked with the independent verifier: every accepted and
manual mask is gone, and the rejected name is still there. The review page's screenshot is written to
docs/review-page.png when SKYMMA_UPDATE_SCREENSHOT=1 (else to the test's temporary folder).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pymupdf
import pytest

from app.domain.model import EntityType
from app.verify import Needle, verify_bytes
from tests import pdf_samples as samples
from tests.storage.databases import fresh_database_url
from tests.web.live_service import LiveService, live_service

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "Debian's chromium is not installed (/usr/bin/chromium; apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the dev extra) is not installed")
expect = sync_api.expect

ADMIN_PASSWORD = "webb-test-lösenord-1"
FIRST_PASSWORD = "tillfälligt-lösen-9"
OWN_PASSWORD = "mitt-eget-lösenord-7"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "review-page.png"
JOB_TIMEOUT_MS = 120_000

LETTER = [
    "Socialförvaltningen, Exempelkommunen",
    "Beslut om ekonomiskt bistånd",
    "Sökande: Anna Svensson, personnummer 19121212-1212.",
    "Adress: Storgatan 12, 123 45 Exempelstad.",
    "Telefon 070-123 45 67.",
    "Ombud: Olof Lind.",
    "Intern kod XK-4471 ska döljas.",
    "Placerad på familjehemmet Blåsippan sedan mars.",
]
PAGE_TWO = ["Kontaktperson: Karin Berg, handläggare.", "Detta är sida två."]
ATTACHMENT = ["Bilaga till beslutet om Anna Svensson.", "Inga fler uppgifter."]
CODE_LINE, CODE = 6, "XK-4471"
FONT_SIZE, TOP, LEADING, LEFT = 11, 72, 14, 72  # as tests.pdf_samples.text_page writes them


def code_box_points() -> tuple[float, float, float, float]:
    """Where "XK-4471" is on the letter's page, in PDF points (inside the word, so only it is under)."""
    before = samples.TIRO.text_length("Intern kod ", FONT_SIZE)
    width = samples.TIRO.text_length(CODE, FONT_SIZE)
    baseline = TOP + CODE_LINE * LEADING
    return LEFT + before + 1, baseline - 8, LEFT + before + width - 1, baseline + 1


class Admin:
    """The first administrator over plain HTTP: makes the registrar and reads the outcome."""

    def __init__(self, service: LiveService) -> None:
        self.http = httpx.Client(base_url=service.url, timeout=30)
        me = self.http.post("/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
        assert me.status_code == 200, me.text
        self.http.headers["X-CSRF-Token"] = me.json()["csrf_token"]

    def ok(self, response: httpx.Response, status: int = 200) -> object:
        assert response.status_code == status, response.text
        return response.json()

    def ground_id(self, code: str) -> int:
        return next(g["id"] for g in self.ok(self.http.get("/api/v1/grounds")) if g["code"] == code)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    folder = tmp_path_factory.mktemp("web")
    with fresh_database_url(folder) as url, live_service(folder, ADMIN_PASSWORD, url) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, tmp_path: Path):  # noqa: ANN001, ANN201
    context = browser.new_context(
        viewport={"width": 1440, "height": 1000}, locale="sv-SE", accept_downloads=True
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda msg: problems.append(f"console: {msg.text}") if is_problem(msg) else None)
    tab.problems = problems
    yield tab
    context.close()


EXPECTED_REFUSALS = re.compile(r"status of (401|415|422) ")  # signed out; the text file; the early burn


def is_problem(message) -> bool:  # noqa: ANN001
    """A console error, except the refusals this test provokes on purpose."""
    return message.type == "error" and not EXPECTED_REFUSALS.search(message.text)


def write_pdf(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_bytes(samples.simple(lines))
    return path


def write_letter(folder: Path) -> Path:
    pdf = pymupdf.open()
    samples.text_page(pdf, LETTER)
    samples.text_page(pdf, PAGE_TWO)
    path = folder / "brev.pdf"
    path.write_bytes(pdf.tobytes())
    return path


def drop_file(page, selector: str, path: Path) -> None:  # noqa: ANN001
    """Drag a file from the desktop onto ``selector`` (a DataTransfer with the file, then 'drop')."""
    data = list(path.read_bytes())
    transfer = page.evaluate_handle(
        """([name, bytes]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
            return transfer;
        }""",
        [path.name, data],
    )
    for event in ("dragenter", "dragover", "drop"):
        page.dispatch_event(selector, event, {"dataTransfer": transfer})


def sign_in_first_time(page, service: LiveService, username: str) -> None:  # noqa: ANN001
    page.goto(f"{service.url}/")
    expect(page).to_have_url(re.compile(r"/ui/inloggning"))
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord", exact=True).fill(FIRST_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Välj ett nytt lösenord")).to_be_visible()
    page.get_by_label("Nytt lösenord", exact=True).fill(OWN_PASSWORD)
    page.get_by_label("Upprepa nytt lösenord").fill(OWN_PASSWORD)
    page.get_by_role("button", name="Spara lösenord").click()
    expect(page.get_by_role("heading", name="Ärenden", exact=True)).to_be_visible()


def open_case_with_documents(page, folder: Path) -> None:  # noqa: ANN001
    page.get_by_label("Diarienummer", exact=True).fill("SN 2026/4711")
    page.get_by_label("Rubrik", exact=True).fill("Begäran om allmän handling")
    page.get_by_role("button", name="Skapa ärende").click()
    expect(page.get_by_role("heading", name="Ärende SN 2026/4711")).to_be_visible()
    not_a_pdf = folder / "anteckning.pdf"
    not_a_pdf.write_text("Bara text, ingen PDF.")
    page.set_input_files("#filval", [not_a_pdf])
    expect(page.get_by_role("alert")).to_contain_text("Filtypen stöds inte")
    page.set_input_files("#filval", [write_letter(folder)])
    drop_file(page, "#slappyta", write_pdf(folder, "bilaga.pdf", ATTACHMENT))
    documents = page.locator("#dokument tr")
    expect(documents).to_have_count(2, timeout=JOB_TIMEOUT_MS)
    expect(page.locator("#dokument")).not_to_contain_text("Analyseras", timeout=JOB_TIMEOUT_MS)
    expect(page.locator("#dokument")).not_to_contain_text("Mottaget", timeout=JOB_TIMEOUT_MS)
    expect(documents.filter(has_text="Granskas")).to_have_count(2)


def row(page, text: str):  # noqa: ANN001, ANN201
    return page.locator("#fynd tr", has=page.locator("td.finding-text", has_text=text)).first


def click_row(page, text: str) -> None:  # noqa: ANN001
    """Click a row's text cell (the middle of the row may be its ground list or a button)."""
    row(page, text).locator("td.finding-text").click()


def review_letter(page, admin: Admin) -> None:  # noqa: ANN001
    page.get_by_role("link", name="Granska brev.pdf").click()
    expect(page.get_by_role("heading", name="Granskning: brev.pdf")).to_be_visible()
    expect(row(page, "Anna Svensson")).to_be_visible()
    status = page.locator("#status")
    filter_and_jump(page)

    click_row(page, "Olof Lind")  # jump to it, then decide with the keyboard
    expect(row(page, "Olof Lind")).to_be_focused()
    page.keyboard.press("r")
    expect(status).to_contain_text("”Olof Lind” avvisad")
    expect(row(page, "Olof Lind")).to_contain_text("Avvisad")

    page.get_by_role("button", name="Godkänn Anna Svensson").click()
    expect(row(page, "Anna Svensson")).to_contain_text("Godkänd")
    click_row(page, "Anna Svensson")
    page.keyboard.press("c")  # the same decision in the attachment
    expect(status).to_contain_text("Samma beslut för ”Anna Svensson” i ärendet: 1 förekomst i andra dokument")
    click_row(page, "070-123 45 67")
    page.keyboard.press("a")
    expect(row(page, "070-123 45 67")).to_contain_text("Godkänd")
    page.keyboard.press("k")  # moves the selection up
    expect(page.locator("#fynd tr.selected")).not_to_contain_text("070-123 45 67")

    click_row(page, "Storgatan 12")
    page.keyboard.press("m")  # every occurrence in the case: accepts the proposal itself
    expect(status).to_contain_text("Alla förekomster av ”Storgatan 12”")
    expect(row(page, "Storgatan 12")).to_contain_text("Godkänd")

    ground_21_7 = admin.ground_id("OSL 21:7")
    page.get_by_label("Grund för 19121212-1212").select_option(str(ground_21_7))
    expect(status).to_contain_text("Grund ändrad för ”19121212-1212”")

    ground_26_1 = str(admin.ground_id("OSL 26:1"))
    page.get_by_label("Grund för nya masker").select_option(ground_26_1)
    page.get_by_label("Maskera text (alla förekomster)").fill("Blåsippan")
    page.get_by_role("button", name="Maskera", exact=True).click()
    expect(row(page, "Blåsippan")).to_contain_text("Manuell")
    draw_box(page, code_box_points())
    expect(row(page, CODE)).to_contain_text("Manuell")
    expect(page.locator("#masker .mask.human")).to_have_count(2)

    page.locator("label[for=visa-preview]").click()
    expect(page.get_by_label("Förhandsvisning")).to_be_checked()
    expect(page.locator("#sidbild")).to_have_attribute("src", re.compile("variant=preview"))
    expect(page.locator("#masker .mask")).to_have_count(0)  # the preview shows the burn itself
    page.locator("label[for=visa-original]").click()
    expect(page.locator("#masker .mask.human")).to_have_count(2)
    click_row(page, "Anna Svensson")


def filter_and_jump(page) -> None:  # noqa: ANN001
    """Filters narrow the table; clicking a row on page 2 shows page 2 with that mask highlighted."""
    rows = page.locator("#fynd tr")
    everything = rows.count()
    page.get_by_label("Typ", exact=True).select_option("PERSON")
    expect(rows).not_to_have_count(everything)
    expect(rows.filter(has_not_text="Namn")).to_have_count(0)
    for name in ("Anna Svensson", "Olof Lind", "Karin Berg"):
        expect(row(page, name)).to_be_visible()
    page.get_by_label("Text", exact=True).fill("karin")
    expect(rows).to_have_count(1)
    rows.first.locator("td.finding-text").click()
    expect(page.locator("#sidval")).to_have_value("2")
    expect(page.locator("#sidbild")).to_have_attribute("src", re.compile(r"/pages/2/image"))
    expect(page.locator("#masker .mask.selected")).to_have_count(1)
    page.get_by_label("Text", exact=True).fill("")
    page.get_by_label("Typ", exact=True).select_option("")
    expect(rows).to_have_count(everything)


def decide_case(page, admin: Admin) -> bytes:  # noqa: ANN001
    """Release the attachment over the API, then decide the case in the UI and fetch its report."""
    documents = admin.ok(admin.http.get(f"/api/v1/cases/{case_id(page)}/documents"))
    attachment = next(d for d in documents if d["filename"] == "bilaga.pdf")
    admin.ok(
        admin.http.post(f"/api/v1/documents/{attachment['id']}/burn", json={"accept_remaining": True}), 202
    )
    page.get_by_role("link", name="Till ärendet").click()
    expect(page.locator("#dokument tr").filter(has_text="Utlämnat")).to_have_count(2, timeout=JOB_TIMEOUT_MS)
    page.get_by_label("Tillägg till beslutstexten").fill("Övriga uppgifter lämnas ut.")
    page.get_by_role("button", name="Fatta beslut").click()
    report_link = page.get_by_role("link", name="Beslutsrapport (PDF)")
    expect(report_link).to_be_visible()
    report = page.request.get(report_link.evaluate("link => link.href"))
    assert report.ok and report.headers["content-type"] == "application/pdf"
    return report.body()


def case_id(page) -> str:  # noqa: ANN001
    return re.search(r"/ui/arenden/([0-9a-f-]{36})", page.locator("#till-arendet").get_attribute("href"))[1]


def draw_box(page, box: tuple[float, float, float, float]) -> None:  # noqa: ANN001
    """Drag the mouse over ``box`` (PDF points) on the page image."""
    image = page.locator("#sidbild")
    expect(image).to_have_js_property("complete", True)
    shown = image.bounding_box()
    scale = shown["width"] / 595.0  # the letter is an A4 page without rotation
    x0, y0, x1, y1 = (v * scale for v in box)
    page.mouse.move(shown["x"] + x0, shown["y"] + y0)
    page.mouse.down()
    page.mouse.move(shown["x"] + (x0 + x1) / 2, shown["y"] + (y0 + y1) / 2, steps=4)
    page.mouse.move(shown["x"] + x1, shown["y"] + y1, steps=4)
    page.mouse.up()
    expect(page.locator("#status")).to_contain_text("Ruta maskerad på sida 1")


def save_screenshot(page, folder: Path) -> Path:  # noqa: ANN001
    shot = folder / "review-page.png"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    if os.environ.get("SKYMMA_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, SCREENSHOT)
    return shot


def burn_and_download(page, folder: Path) -> bytes:  # noqa: ANN001
    page.get_by_role("button", name="Bränn").click()  # proposals are still undecided: refused, with why
    expect(page.get_by_role("alert")).to_contain_text("Kan inte utföras")
    page.get_by_label("Godta återstående förslag enligt förval").check()
    page.get_by_role("button", name="Bränn").click()
    download_link = page.get_by_role("link", name="Ladda ned maskerad PDF")
    expect(download_link).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(page.locator("#status")).to_contain_text("bränt och verifierat")
    page.locator("label[for=visa-released]").click()
    expect(page.locator("#sidbild")).to_have_attribute("src", re.compile("variant=released"))
    expect(page.locator("#sidbild")).to_have_js_property("complete", True)
    assert page.locator("#sidbild").evaluate("image => image.naturalWidth") > 0
    with page.expect_download() as event:
        download_link.click()
    target = folder / "nedladdad.pdf"
    event.value.save_as(target)
    return target.read_bytes()


def test_review_in_the_browser_masks_what_was_decided(service: LiveService, page, tmp_path: Path) -> None:  # noqa: ANN001
    admin = Admin(service)
    admin.ok(
        admin.http.post(
            "/api/v1/users",
            json={
                "username": "registrator1",
                "full_name": "Rita Registrator",
                "password": FIRST_PASSWORD,
                "roles": ["registrator"],
            },
        ),
        201,
    )
    sign_in_first_time(page, service, "registrator1")
    open_case_with_documents(page, tmp_path)
    review_letter(page, admin)
    shot = save_screenshot(page, tmp_path)
    assert shot.stat().st_size > 10_000
    released = burn_and_download(page, tmp_path)

    document_id = page.locator("#granskning").get_attribute("data-document-id")
    final = admin.ok(admin.http.get(f"/api/v1/documents/{document_id}/findings"))
    accepted = {f["text"]: f for f in final if f["status"] == "accepted"}
    rejected = [f["text"] for f in final if f["status"] == "rejected"]
    assert rejected == ["Olof Lind"]
    assert {"Anna Svensson", "19121212-1212", "070-123 45 67", "Blåsippan", CODE} <= set(accepted)
    assert accepted[CODE]["human"] and accepted["Blåsippan"]["human"]
    assert not accepted["Anna Svensson"]["human"]
    assert accepted["19121212-1212"]["ground_id"] == admin.ground_id("OSL 21:7")
    assert all(f["ground_id"] is not None for f in accepted.values())

    needles = [Needle(text, EntityType(f["entity"])) for text, f in accepted.items()]
    report = verify_bytes(released, needles, kept=rejected)
    assert report.clean, report.summary()
    still_there = verify_bytes(released, [Needle("Olof Lind", EntityType.PERSON)])
    assert not still_there.clean, "the rejected name must still be in the released file"
    with pymupdf.open(stream=released, filetype="pdf") as pdf:
        assert "Olof Lind" in pdf[0].get_text()
    report = decide_case(page, admin)
    with pymupdf.open(stream=report, filetype="pdf") as pdf:
        text = " ".join(p.get_text() for p in pdf)
    assert "SN 2026/4711" in text and "Övriga uppgifter lämnas ut." in text
    assert "Anna Svensson" not in text and "19121212" not in text  # never the masked content
    assert page.problems == []
