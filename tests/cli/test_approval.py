"""Proofs out, decisions back: the whole loop through the real ``studio`` command."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from studio.io.approval import INFO_FINGERPRINTS, INFO_PROOF_ID
from tests.studio_run import studio


def fill(proof: Path, out: Path, *, choice: str, name: str = "", email: str = "", comment: str = "") -> None:
    """Fill the proof's form the way a PDF viewer does: the group's /V, the widget's /AS, the texts' /V."""
    with pikepdf.open(proof) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            title = str(field.T)
            if title == "choice":
                field.V = pikepdf.Name("/" + choice)
                for kid in field.Kids:
                    states = [str(k) for k in kid.AP.N if str(k) != "/Off"]
                    kid.AS = pikepdf.Name(states[0] if states[0] == "/" + choice else "/Off")
            elif title in ("name", "email", "comment"):
                field.V = pikepdf.String({"name": name, "email": email, "comment": comment}[title])
        pdf.save(out)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("loop")
    project = folder / "honey.studio"
    assert studio("new", "jar-500", "-o", project, "--set", "name=Camille").code == 0
    done = studio("variants", "add", project, "B", "--set", "glass=amber", "--set", "name=Bob")
    assert done.code == 0, done.err
    proof = folder / "proof.pdf"
    done = studio("export", project, "--format", "proof", "-o", proof, "--customer", "Camille", "--message", "Hello")
    assert done.code == 0, done.err
    return {"folder": folder, "project": project, "proof": proof}


def _copy(made: dict[str, Path], name: str) -> Path:
    target = made["folder"] / name
    shutil.copyfile(made["project"], target)
    return target


def test_proof_has_the_form_and_metadata(made: dict[str, Path]) -> None:
    with pikepdf.open(made["proof"]) as pdf:
        assert len(pdf.pages) == 3  # one page per variant and the form
        fields = {str(f.T): f for f in pdf.Root.AcroForm.Fields}
        assert set(fields) == {"choice", "name", "email", "comment"}
        assert str(fields["name"].FT) == "/Tx" and str(fields["choice"].FT) == "/Btn"
        assert int(fields["choice"].Ff) & (1 << 15)  # a radio group
        on_states = []
        for kid in fields["choice"].Kids:
            states = sorted(str(k) for k in kid.AP.N)
            assert "/Off" in states and len(states) == 2
            on_states.append(next(s for s in states if s != "/Off"))
        assert on_states == ["/A", "/B", "/changes"]
        proof_id = str(pdf.docinfo[INFO_PROOF_ID])
        prints = json.loads(str(pdf.docinfo[INFO_FINGERPRINTS]))
    assert set(prints) == {"A", "B"} and all(len(v) == 64 for v in prints.values())
    text = subprocess.run(["pdftotext", made["proof"], "-"], capture_output=True, text=True, check=True).stdout
    assert proof_id in text and prints["A"] in text and prints["B"] in text
    assert "Variant A" in text and "Straight jar 500 ml" in text and "Colours on a screen differ" in text
    with zipfile.ZipFile(made["project"]) as zf:
        document = json.loads(zf.read("design.json"))
    assert document["proofs"][-1]["id"] == proof_id and document["proofs"][-1]["fingerprints"] == prints


def test_proof_pages_render_with_mockups(made: dict[str, Path], tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "30", "-png", made["proof"], tmp_path / "p"], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == 3
    first = Image.open(pages[0]).convert("L")
    # The mockup band is not blank paper: many mid-tone pixels.
    band = np.asarray(first.crop((0, first.height // 6, first.width, first.height // 2)))
    assert ((band > 40) & (band < 220)).mean() > 0.05


def test_filled_proof_records_the_decision(made: dict[str, Path]) -> None:
    project = _copy(made, "one.studio")
    returned = made["folder"] / "returned-b.pdf"
    fill(made["proof"], returned, choice="B", name="Ana", email="ana@example.org", comment="Love the amber")
    done = studio("approval", "import", project, returned)
    assert done.code == 0, done.err
    assert "Ana chose variant B" in done.out
    shown = json.loads(studio("approval", "show", project, "--json").out)
    decision = shown["decisions"][0]
    assert decision["choice"] == "B" and decision["name"] == "Ana" and decision["email"] == "ana@example.org"
    assert decision["comment"] == "Love the amber" and decision["edited_since"] is False
    assert decision["file_sha256"] == __import__("hashlib").sha256(returned.read_bytes()).hexdigest()
    assert shown["approved"] == "B"
    # Production exports now use B (amber glass), unless told otherwise.
    again = studio("approval", "import", project, returned)
    assert again.code == 1 and "already recorded" in again.err and len(again.lines) == 1


def test_changes_requested_is_not_an_approval(made: dict[str, Path]) -> None:
    project = _copy(made, "changes.studio")
    returned = made["folder"] / "returned-changes.pdf"
    fill(made["proof"], returned, choice="changes", name="Léa", comment="Bigger name please")
    done = studio("approval", "import", project, returned)
    assert done.code == 0 and "asked for changes" in done.out
    assert json.loads(studio("approval", "show", project, "--json").out)["approved"] is None


def test_tampered_and_foreign_proofs_are_refused(made: dict[str, Path], tmp_path: Path) -> None:
    project = _copy(made, "tamper.studio")
    tampered = tmp_path / "tampered.pdf"
    fill(made["proof"], tampered, choice="A", name="Eve")
    with pikepdf.open(tampered, allow_overwriting_input=True) as pdf:
        prints = json.loads(str(pdf.docinfo[INFO_FINGERPRINTS]))
        prints["A"] = "0" * 64
        pdf.docinfo[INFO_FINGERPRINTS] = json.dumps(prints)
        pdf.save(tampered)
    done = studio("approval", "import", project, tampered)
    assert done.code == 1 and len(done.lines) == 1 and "was altered" in done.err, done.err
    # A proof of another project: a new project of its own makes a proof with an id this one never made.
    other = tmp_path / "other.studio"
    assert studio("new", "jar-500", "-o", other).code == 0
    foreign = tmp_path / "foreign.pdf"
    assert studio("export", other, "--format", "proof", "-o", foreign).code == 0
    filled = tmp_path / "foreign-filled.pdf"
    fill(foreign, filled, choice="A", name="Mallory")
    done = studio("approval", "import", project, filled)
    assert done.code == 1 and len(done.lines) == 1 and "another project" in done.err, done.err
    assert json.loads(studio("approval", "show", project, "--json").out)["decisions"] == []


def test_decision_on_an_edited_variant_is_recorded_as_such(made: dict[str, Path], tmp_path: Path) -> None:
    project = _copy(made, "edited.studio")
    # Edit variant A after the proof: change its text field in the archive's design.json.
    with zipfile.ZipFile(project) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    document = json.loads(members["design.json"])
    document["variants"][0]["variables"]["name"] = "Camille B."
    members["design.json"] = json.dumps(document).encode()
    with zipfile.ZipFile(project, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    returned = tmp_path / "a.pdf"
    fill(made["proof"], returned, choice="A", name="Zoé")
    done = studio("approval", "import", project, returned)
    assert done.code == 0, done.err
    assert "edited after the proof was made" in done.out
    shown = json.loads(studio("approval", "show", project, "--json").out)
    assert shown["decisions"][0]["edited_since"] is True
    assert shown["approved"] == "A" and shown["approval_out_of_date"] is True
    preflight = studio("preflight", project)
    assert "out of date" in preflight.out + preflight.err


def test_html_proof_decision_file_is_imported(made: dict[str, Path], tmp_path: Path) -> None:
    project = _copy(made, "html.studio")
    page = tmp_path / "proof.html"
    done = studio("export", project, "--format", "proof-html", "-o", page, "--lang", "fr", "--variants", "B")
    assert done.code == 0, done.err
    text = page.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text.replace("https://studio.invalid", "")
    assert text.count("data:image/jpeg;base64,") >= 1 and 'name="choice" value="B"' in text
    assert "Variante B" in text and 'value="changes"' in text
    payload = json.loads(text.split("const proof = ", 1)[1].split(";\n", 1)[0])
    decision = tmp_path / "decision.json"
    decision.write_text(
        json.dumps({**payload, "choice": "B", "name": "Noé", "email": "", "comment": "", "decided": ""})
    )
    done = studio("approval", "import", project, decision)
    assert done.code == 0 and "Noé chose variant B" in done.out, done.err
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({**payload, "choice": "A", "name": "Sam"}))
    done = studio("approval", "import", project, wrong)
    assert done.code == 1 and "did not show" in done.err and len(done.lines) == 1


def test_tally_and_result_sheet(made: dict[str, Path], tmp_path: Path) -> None:
    project = _copy(made, "vote.studio")
    files = []
    for i, choice in enumerate(["A"] * 7 + ["B"] * 3):
        out = tmp_path / f"vote{i}.pdf"
        fill(made["proof"], out, choice=choice, name=f"Voter {i}", email=f"v{i}@example.org")
        files.append(out)
    assert studio("approval", "import", project, *files).code == 0
    data = json.loads(studio("approval", "tally", project, "--json").out)
    shares = {s["choice"]: s for s in data["shares"]}
    # Hand-computed: Wilson 95 % for 7/10 is 0.3968–0.8922; for 3/10 0.1078–0.6032.
    assert shares["A"]["votes"] == 7 and shares["A"]["share"] == pytest.approx(0.7)
    assert shares["A"]["low"] == pytest.approx(0.3968, abs=1e-4) and shares["A"]["high"] == pytest.approx(
        0.8922, abs=1e-4
    )
    assert shares["B"]["low"] == pytest.approx(0.1078, abs=1e-4) and shares["B"]["high"] == pytest.approx(
        0.6032, abs=1e-4
    )
    # Exact binomial, 7 of 10: P = 2 * (120 + 45 + 10 + 1) / 1024 = 0.34375.
    assert data["p_value"] == pytest.approx(0.34375) and data["settled"] is False
    # 14 to 6 (p 0.1153), 21 to 9 (0.0428): about 30 votes in all, give or take rounding.
    assert 25 <= data["votes_needed"] <= 30
    assert "not yet larger than chance" in data["sentence"]
    result = tmp_path / "result.pdf"
    done = studio("export", project, "--format", "result", "-o", result)
    assert done.code == 0, done.err
    text = subprocess.run(["pdftotext", result, "-"], capture_output=True, text=True, check=True).stdout
    assert "The chosen design: variant A" in text and "Thank you for taking part" in text and "70 %" in text


def test_old_project_migrates_to_one_variant(tmp_path: Path) -> None:
    old = tmp_path / "design.json"
    old.write_text(json.dumps({"schema_version": 1, "template": "jar-500", "options": {"glass": "amber"}}))
    done = studio("variants", "list", old, "--json")
    assert done.code == 0, done.err
    listed = json.loads(done.out)
    assert [v["name"] for v in listed] == ["A"] and listed[0]["current"] is True
    exported = studio("export", old, "--format", "pdf", "-o", tmp_path / "x.pdf", "--variant", "B")
    assert exported.code == 1 and "has no variant 'B'; its variants are A" in exported.err


def test_fingerprint_follows_what_prints_not_defaults(made: dict[str, Path]) -> None:
    from studio.io.approval import fingerprint
    from studio.io.project import load_project
    from studio.io.templates import TemplateLibrary

    project = load_project(made["project"], TemplateLibrary.default())
    design = project.design
    before = fingerprint(design, project.assets)
    # A file that leaves out a value at its default is the same design.
    dumped = design.model_dump(mode="json")
    assert dumped["fonts"] == [] and dumped["areas"]["label"]["layers"][0]["opacity"] == 1.0
    del dumped["fonts"], dumped["areas"]["label"]["layers"][0]["opacity"]
    assert fingerprint(type(design).model_validate(dumped), project.assets) == before
    design.variables = {**design.variables, "name": "Someone else"}
    assert fingerprint(design, project.assets) != before
