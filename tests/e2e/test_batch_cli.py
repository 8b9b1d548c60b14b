"""``skymma batch`` end to end: an mbox gives an mbox in which the verifier finds no masked datum in
any message, header or attachment; a bad item is reported and does not stop the batch; reruns skip
what is done and redo the rest; folders and Maildirs are mirrored."""

from __future__ import annotations

import csv
import json
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from app.cli import EXIT_BAD_INPUT, EXIT_OK
from app.domain.model import EntityType
from app.verify import Needle, verify_file
from tests import docx_samples, mail_samples, pdf_samples
from tests.e2e.cli_support import run

PEOPLE = ["Anna Svensson", "Martina Eklund", "Ulf Bergqvist", "Greta Holmberg"]
PNR = "19121212-1212"


def _message(n: int) -> bytes:
    person = PEOPLE[n % len(PEOPLE)]
    m = EmailMessage()
    m["From"] = f"{person} <{person.lower().replace(' ', '.')}@exempel.se>"
    m["To"] = "registrator@kommun.se"
    m["Subject"] = f"Ansökan från {person}"
    m.set_content(f"Hej,\n{person} med personnummer {PNR} ansöker om bistånd.\nFrom the office.\n")
    if n % 2 == 0:
        docx = docx_samples.simple_docx([f"Utredning om {person}."])
        m.add_attachment(
            docx,
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
            filename="u.docx",
        )
    if n == 3:
        m.add_attachment(
            pdf_samples.simple([f"Intyg för {person}."]),
            maintype="application",
            subtype="pdf",
            filename="intyg.pdf",
        )
    return m.as_bytes(policy=policy.default)


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    with path.open("wb") as fh:
        for data in messages:
            fh.write(b"From registrator@kommun.se Fri May  3 10:12:00 2024\n")
            fh.write(data.replace(b"\nFrom ", b"\n>From ") + b"\n")
    return path


def needles() -> list[Needle]:
    return [Needle(p, EntityType.PERSON) for p in PEOPLE] + [Needle(PNR, EntityType.PERSONNUMMER)]


def report_rows(outdir: Path) -> dict[str, dict]:
    return {row["item"]: row for row in json.loads((outdir / "report.json").read_text(encoding="utf-8"))}


def test_mbox_in_mbox_out_with_a_bad_message_and_resume(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    messages = [_message(n) for n in range(5)]
    messages.insert(2, mail_samples.nested(60))  # refused: nested deeper than the limit
    src = write_mbox(tmp_path / "inkorg.mbox", messages)
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "batch", str(src), "-o", str(out), "--accept-all")
    assert code == EXIT_BAD_INPUT, err  # one item failed: reported, the rest done
    assert err == ""  # no progress bar when stderr is not a terminal
    rows = report_rows(out)
    assert [rows[k]["status"] for k in sorted(rows)] == ["done", "done", "failed", "done", "done", "done"]
    assert "deeper" in rows["inkorg.mbox#000003"]["error"]
    assert rows["inkorg.mbox#000001"]["entities"]["PERSONNUMMER"] >= 1
    with (out / "report.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 6

    redacted = out / "inkorg.mbox"
    data = redacted.read_bytes()
    assert data.count(b"\nFrom MAILER-DAEMON ") + data.startswith(b"From MAILER-DAEMON ") == 5
    report = verify_file(redacted, needles())
    assert report.clean, report.leaks
    assert {"header", "body", "attachment"} <= set(report.surfaces_checked)

    code, stdout, _ = run(capsys, "batch", str(src), "-o", str(out), "--accept-all")
    assert "1 items processed" in stdout and "5 already done" in stdout  # only the failed one again
    assert code == EXIT_BAD_INPUT

    state = out / ".skymma-batch" / "state.jsonl"
    lines = state.read_text(encoding="utf-8").splitlines()
    done_keys = [json.loads(line)["item"] for line in lines if json.loads(line)["status"] == "done"]
    forgotten = done_keys[-2:]  # as if the batch had been killed before these finished
    state.write_text("\n".join(line for line in lines if json.loads(line)["item"] not in forgotten) + "\n")
    code, stdout, _ = run(capsys, "batch", str(src), "-o", str(out), "--accept-all")
    assert "3 items processed" in stdout and "3 already done" in stdout
    assert verify_file(redacted, needles()).clean


def test_folder_is_mirrored_and_proposals_without_accept_all(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "arende"
    (src / "mejl" / "2024").mkdir(parents=True)
    (src / "dokument").mkdir()
    (src / "mejl" / "2024" / "a.eml").write_bytes(_message(1))
    (src / "dokument" / "b.docx").write_bytes(docx_samples.simple_docx([f"Beslut om {PEOPLE[0]}, {PNR}."]))
    (src / "dokument" / "c.pdf").write_bytes(pdf_samples.simple([f"Yttrande om {PEOPLE[1]}."]))
    (src / "dokument" / "trasig.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (src / "anteckning.txt").write_text("inget format", encoding="utf-8")
    out = tmp_path / "ut"
    code, _, _ = run(capsys, "batch", str(src), "-o", str(out), "--accept-all")
    assert code == EXIT_BAD_INPUT
    rows = report_rows(out)
    assert rows["mejl/2024/a.eml"]["status"] == "done"
    assert rows["dokument/trasig.msg"]["status"] == "failed"
    assert (
        rows["anteckning.txt"]["status"] == "failed" and "not a supported" in rows["anteckning.txt"]["error"]
    )
    for rel in ("mejl/2024/a.eml", "dokument/b.docx", "dokument/c.pdf"):
        assert verify_file(out / rel, needles()).clean, rel
    assert not (out / "anteckning.txt").exists()

    proposals = tmp_path / "forslag"
    code, _, _ = run(capsys, "batch", str(src / "dokument"), "-o", str(proposals))
    decisions = json.loads((proposals / "b.docx.json").read_text(encoding="utf-8"))
    assert {f["text"] for f in decisions["findings"]} >= {PEOPLE[0], PNR}
    assert not (proposals / "b.docx").exists()


def test_maildir_is_mirrored(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (src / sub).mkdir(parents=True)
    (src / "cur" / "1714723920.M1P2.host:2,S").write_bytes(_message(0))
    (src / "new" / "1714723921.M2P2.host").write_bytes(_message(3))
    out = tmp_path / "out"
    code, _, err = run(capsys, "batch", str(src), "-o", str(out), "--accept-all")
    assert code == EXIT_OK, err
    for rel in ("cur/1714723920.M1P2.host:2,S", "new/1714723921.M2P2.host"):
        assert verify_file(out / rel, needles()).clean


def test_output_inside_the_source_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_bytes(_message(1))
    code, _, err = run(capsys, "batch", str(tmp_path), "-o", str(tmp_path / "out"), "--accept-all")
    assert code == EXIT_BAD_INPUT and "must not" in err and err.count("\n") == 1


def test_a_crashing_item_fails_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that dies (as on a segfault in a C library) takes only the guilty item with it: the
    items it had in flight are redone one by one in isolated children."""
    import os

    from app.batch import item

    real_job = item._job

    def crash_on_marker(config, src: Path, destination: Path):  # type: ignore[no-untyped-def]
        if b"KRASCH" in src.read_bytes():
            os._exit(139)
        return real_job(config, src, destination)

    monkeypatch.setattr(item, "_job", crash_on_marker)
    shared_memory = tmp_path / "shm"
    shared_memory.mkdir()
    monkeypatch.setattr(item, "SHARED_MEMORY", str(shared_memory))
    messages = [_message(n) for n in range(4)]
    messages[1] = mail_samples.simple_eml("KRASCH\n")
    src = write_mbox(tmp_path / "inkorg.mbox", messages)
    out = tmp_path / "out"
    code, _, _ = run(capsys, "batch", str(src), "-o", str(out), "--accept-all")
    assert code == EXIT_BAD_INPUT
    rows = report_rows(out)
    assert [rows[k]["status"] for k in sorted(rows)] == ["done", "failed", "done", "done"]
    assert "stopped unexpectedly" in rows["inkorg.mbox#000002"]["error"]
    assert verify_file(out / "inkorg.mbox", needles()).clean
    assert list(shared_memory.iterdir()) == []  # the dead worker's copy of its message is gone too
