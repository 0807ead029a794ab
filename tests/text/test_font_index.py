"""The font index: fonts listed without being opened, rebuilt when stale or damaged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studio import resources
from studio.text import FontError, FontRegistry, fonts
from studio.text._font_index import INDEX_NAME, INDEX_VERSION, Coverage, FontIndex
from studio.text.layout import layout_text

FONTS = resources.assets_dir() / "fonts"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the scans made earlier in this process, as a new run would."""
    monkeypatch.setattr(fonts, "_scan_cache", {})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A font folder of our own: Lato Regular and Bold, Amiri Regular."""
    out = tmp_path / "fonts"
    out.mkdir()
    for name in ("Lato/Lato-Regular.ttf", "Lato/Lato-Bold.ttf", "Amiri/Amiri-Regular.ttf"):
        shutil.copy(FONTS / name, out / Path(name).name)
    return out


def _index_path() -> Path:
    return resources.user_cache_dir() / INDEX_NAME


def _forbid_reading(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make any read of a font's tables fail the test; returns the files that were read."""
    opened: list[str] = []

    def refuse(data: bytes, source_name: str, path: Path | None = None) -> list[fonts.FontFace]:
        opened.append(source_name)
        raise AssertionError(f"{source_name} was read although the index knows it")

    monkeypatch.setattr(fonts, "read_faces", refuse)
    return opened


def test_coverage_ranges() -> None:
    cov = Coverage.from_codepoints([0x41, 0x42, 0x43, 0x61, 0x10FFFF, 0x42])
    assert list(cov.ranges()) == [(0x41, 0x43), (0x61, 0x61), (0x10FFFF, 0x10FFFF)]
    assert 0x42 in cov and 0x61 in cov and 0x10FFFF in cov
    assert 0x40 not in cov and 0x44 not in cov and 0x60 not in cov and "A" not in cov
    assert len(cov) == 5
    assert cov.covers("ABa") and not cov.covers("ABb")
    assert Coverage.from_ranges(cov.to_ranges()) == cov
    for bad in ([1], [5, 3], [1, 2, 3, 4], [1, 5, 4, 9], "1,2", [1.5, 2], [0, 0x110000]):
        with pytest.raises(ValueError):
            Coverage.from_ranges(bad)


def test_first_scan_writes_the_index_in_the_user_cache(folder: Path, fresh: None) -> None:
    assert not _index_path().exists()
    registry = FontRegistry([folder])
    assert registry.families() == ["Amiri", "Lato"]
    data = json.loads(_index_path().read_text())
    assert data["format"] == "studio-font-index"
    entries = data["files"]
    assert sorted(Path(p).name for p in entries) == ["Amiri-Regular.ttf", "Lato-Bold.ttf", "Lato-Regular.ttf"]
    lato = entries[str(folder / "Lato-Bold.ttf")]
    assert lato["size"] == (folder / "Lato-Bold.ttf").stat().st_size
    assert lato["mtime_ns"] == (folder / "Lato-Bold.ttf").stat().st_mtime_ns
    (face,) = lato["faces"]
    assert (face["family"], face["style"], face["weight"], face["italic"]) == ("Lato", "Bold", 700, False)
    # Coverage is a handful of ranges, not one entry per character.
    assert len(face["coverage"]) < 400
    assert Coverage.from_ranges(face["coverage"]).covers("Léa Camille 2025")


def test_second_run_opens_no_font_until_a_glyph_is_needed(
    folder: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = FontRegistry([folder])
    expected = {
        f.key: (f.name, f.units_per_em, f.ascender, f.descender, f.cap_height, f.coverage) for f in first.faces()
    }
    bold_outline = first.face("Lato", "Bold").glyph(40)
    monkeypatch.setattr(fonts, "_scan_cache", {})
    opened = _forbid_reading(monkeypatch)

    registry = FontRegistry([folder])
    assert opened == []
    got = {f.key: (f.name, f.units_per_em, f.ascender, f.descender, f.cap_height, f.coverage) for f in registry.faces()}
    assert got == expected
    amiri = registry.face("Amiri")
    assert amiri.has_char("ع") and not registry.face("Lato").has_char("ع")
    # Nothing of any file has been read: no bytes, no fontTools, no HarfBuzz font.
    for face in registry.faces():
        assert face.source is None
        assert not {"data", "ttfont", "hb_font", "cmap"} & set(vars(face)), face.name

    from studio.model.design import TextLayer

    layout = layout_text(TextLayer(text="Camille", font_family="Lato", font_style="Bold", size=28), registry)
    assert layout.glyphs
    bold = registry.face("Lato", "Bold")
    assert "hb_font" in vars(bold) and bold.glyph(40) == bold_outline
    # Only the face that drew something was opened.
    assert [f.name for f in registry.faces() if "data" in vars(f)] == ["Lato Bold"]


def test_a_changed_file_is_read_again(folder: Path, fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    FontRegistry([folder])
    # Same name, other font: the size and time change, so the index entry is stale.
    shutil.copy(FONTS / "Lobster" / "Lobster-Regular.ttf", folder / "Lato-Bold.ttf")
    monkeypatch.setattr(fonts, "_scan_cache", {})
    registry = FontRegistry([folder])
    assert registry.families() == ["Amiri", "Lato", "Lobster"]
    entry = json.loads(_index_path().read_text())["files"][str(folder / "Lato-Bold.ttf")]
    assert entry["faces"][0]["family"] == "Lobster"


def test_same_size_new_time_is_read_again(folder: Path, fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    FontRegistry([folder])
    target = folder / "Lato-Regular.ttf"
    info = target.stat()
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    monkeypatch.setattr(fonts, "_scan_cache", {})
    read: list[str] = []
    real = fonts.read_faces

    def spy(data: bytes, source_name: str, path: Path | None = None) -> list[fonts.FontFace]:
        read.append(source_name)
        return real(data, source_name, path)

    monkeypatch.setattr(fonts, "read_faces", spy)
    FontRegistry([folder])
    assert read == ["Lato-Regular.ttf"]


def test_removed_files_leave_the_index(folder: Path, fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    FontRegistry([folder])
    (folder / "Amiri-Regular.ttf").unlink()
    shutil.copy(FONTS / "Lobster" / "Lobster-Regular.ttf", folder)
    monkeypatch.setattr(fonts, "_scan_cache", {})
    FontRegistry([folder])
    names = sorted(Path(p).name for p in json.loads(_index_path().read_text())["files"])
    assert names == ["Lato-Bold.ttf", "Lato-Regular.ttf", "Lobster-Regular.ttf"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff not json at all",
        b'{"format": "studio-font-index", "version": VERSION, "files": [1, 2]}',
        b'{"format": "studio-font-index", "version": VERSION, "files": {"%s": {"size": "big"}}}',
        b'{"format": "studio-font-index", "version": VERSION, "files": {"%s": {"size": %d, "mtime_ns": %d, '
        b'"sha256": "00", "problem": null, "faces": [{"family": "Evil", "style": 3}]}}}',
        b'{"format": "something else", "version": VERSION, "files": {}}',
        b'{"format": "studio-font-index", "version": 999, "files": {}}',
    ],
)
def test_a_damaged_index_is_rebuilt_not_an_error(
    folder: Path, fresh: None, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    target = folder / "Lato-Regular.ttf"
    info = target.stat()
    damage = damage.replace(b"VERSION", str(INDEX_VERSION).encode())
    if b"%s" in damage:
        damage = damage.replace(b"%s", json.dumps(str(target))[1:-1].encode())
    if b"%d" in damage:
        damage = damage % (info.st_size, info.st_mtime_ns)
    _index_path().parent.mkdir(parents=True, exist_ok=True)
    _index_path().write_bytes(damage)
    registry = FontRegistry([folder])
    assert registry.families() == ["Amiri", "Lato"]
    assert registry.problems == []
    data = json.loads(_index_path().read_text())
    assert data["version"] == INDEX_VERSION and len(data["files"]) == 3
    assert data["files"][str(target)]["faces"][0]["family"] == "Lato"


def test_an_unwritable_cache_only_costs_time(folder: Path, fresh: None, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    index = FontIndex(blocker / INDEX_NAME)
    faces = fonts._index_file(folder / "Lato-Regular.ttf", 1, 2)[0]
    index.put(folder / "Lato-Regular.ttf", faces)
    assert index.save() is False


def test_bad_fonts_are_remembered_with_their_sentence(
    folder: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "broken.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 200)
    first = FontRegistry([folder])
    assert len(first.problems) == 1 and first.problems[0].startswith("broken.ttf: not a font file")
    monkeypatch.setattr(fonts, "_scan_cache", {})
    opened = _forbid_reading(monkeypatch)
    again = FontRegistry([folder])
    assert opened == []
    assert again.problems == first.problems


def test_a_font_file_changed_after_indexing_is_refused_by_name(
    folder: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    FontRegistry([folder])
    monkeypatch.setattr(fonts, "_scan_cache", {})
    registry = FontRegistry([folder])
    face = registry.face("Lato", "Bold")
    # Same size, other bytes, written behind Studio's back after the registry was made.
    target = folder / "Lato-Bold.ttf"
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(FontError, match=r"^Lato-Bold\.ttf: the font file changed"):
        _ = face.data


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from studio.text import FontRegistry
    registry = FontRegistry([Path(sys.argv[1])])
    print(len(registry.faces()))
    """
)


def test_processes_writing_the_index_at_once_leave_it_whole(tmp_path: Path, folder: Path) -> None:
    # Four processes, each indexing a folder of its own, all writing the same index.
    folders = []
    for i in range(4):
        copy = tmp_path / f"copy{i}"
        shutil.copytree(folder, copy)
        folders.append(copy)
    env = dict(os.environ)
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(f)], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for f in folders
    ]
    outputs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0]
    assert outputs == ["3"] * 4
    data = json.loads(_index_path().read_text())  # whole JSON: one writer's complete file
    assert data["format"] == "studio-font-index"
    assert 3 <= len(data["files"]) <= 12
    assert not [p for p in _index_path().parent.iterdir() if p.name != INDEX_NAME], "temporary files left behind"


def test_faces_covering_a_character_are_found_unopened(
    folder: Path, fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    FontRegistry([folder])
    monkeypatch.setattr(fonts, "_scan_cache", {})
    opened = _forbid_reading(monkeypatch)
    registry = FontRegistry([folder])
    assert [f.name for f in registry.covering("ع")] == ["Amiri Regular"]
    assert [f.name for f in registry.covering("é")] == ["Amiri Regular", "Lato Regular", "Lato Bold"]
    assert registry.covering("🐝") == [] and registry.covering("ab") == []
    assert opened == [] and all(f.source is None and "data" not in vars(f) for f in registry.faces())
