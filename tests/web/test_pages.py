"""The UI's pages and static files without a browser: served with a strict CSP, in Swedish, nothing from
the internet, a label on every form control, imports that resolve, and text colours with AA contrast."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.main import create_app
from app.settings import Settings

WEB = Path(__file__).resolve().parents[2] / "app" / "web"
STATIC_FILES = sorted(p for p in (WEB / "static").rglob("*") if p.is_file())
SOURCES = sorted(p for p in WEB.rglob("*") if p.suffix in {".html", ".js", ".css"})
UUID = "0b9e3f2c-5d1a-4c1e-9a43-2f8d6f0c1a7e"
PAGES = ["/ui/inloggning", "/ui/arenden", f"/ui/arenden/{UUID}", f"/ui/dokument/{UUID}/granskning"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("pages")
    settings = Settings(data_dir=folder / "data", admin_password=SecretStr("sidor-test-lösen-1"))
    return TestClient(create_app(settings))  # pages and static files need no started back end


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_swedish_html_with_a_strict_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy and "unsafe" not in policy
    assert response.headers["cache-control"] == "no-store"
    page = lxml.html.fromstring(response.text)
    assert page.get("lang") == "sv"
    assert not page.xpath("//script[not(@src)]"), "inline scripts would be blocked by the policy"
    assert not page.xpath("//*[@style]"), "inline styles would be blocked by the policy"
    for url in page.xpath("//script/@src | //link[@rel='stylesheet']/@href"):
        asset = client.get(url)
        assert asset.status_code == 200, url


@pytest.mark.parametrize("path", PAGES)
def test_every_form_control_has_a_label(client: TestClient, path: str) -> None:
    page = lxml.html.fromstring(client.get(path).text)
    labelled = set(page.xpath("//label/@for"))
    for control in page.xpath("//input | //select | //textarea"):
        named = (
            control.get("aria-label") or control.get("aria-labelledby") or control.xpath("ancestor::label")
        )
        assert named or control.get("id") in labelled, lxml.html.tostring(control)


def test_the_root_leads_to_the_case_list_and_bad_ids_are_refused(client: TestClient) -> None:
    for address in ("/", "/ui", "/ui/"):
        response = client.get(address, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/ui/arenden"
    assert client.get("/ui/arenden/inte-ett-id").status_code == 422
    assert client.get("/ui/static/js/finns-inte.js").status_code == 404
    assert client.get("/ui/static/../pages.py").status_code == 404


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_nothing_is_fetched_from_the_internet(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href|url|from|import|fetch)\s*[=(]?\s*["']?(?:https?:)?//""", text)


@pytest.mark.parametrize("script", [p for p in STATIC_FILES if p.suffix == ".js"], ids=lambda p: p.name)
def test_module_imports_resolve(script: Path) -> None:
    imports = re.findall(r"""^import .* from "([^"]+)";""", script.read_text(encoding="utf-8"), re.M)
    for target in imports:
        assert target.startswith("./") and (script.parent / target).is_file(), target


def _colours() -> dict[str, str]:
    css = (WEB / "static" / "css" / "skymma.css").read_text(encoding="utf-8")
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


TEXT_PAIRS = [
    ("ink", "paper"),
    ("ink", "ground"),
    ("muted", "paper"),
    ("muted", "ground"),
    ("accent", "paper"),
    ("accent", "ground"),
    ("accent-ink", "accent"),
    ("danger", "paper"),
    ("ok", "paper"),
]


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_colours_meet_wcag_aa(text: str, background: str) -> None:
    colours = _colours()
    assert contrast(colours[text], colours[background]) >= 4.5


def test_mask_colours_stand_out_from_the_page() -> None:
    colours = _colours()
    for name, value in colours.items():
        if name.startswith("ent-"):
            assert contrast(value, "#ffffff") >= 3.0, name  # WCAG 1.4.11: graphical objects


def test_the_contrast_check_can_fail() -> None:
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#595959", "#ffffff")
