"""Project files: round trips, atomic saves, and hostile or broken archives refused by name."""

from __future__ import annotations

import json
import os
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest
from io_samples import font_bytes, image_bytes

from studio.io import limits
from studio.io.assets import AssetStore
from studio.io.project import MIMETYPE, Project, load_project, new_design, save_project
from studio.io.templates import TemplateLibrary
from studio.model.design import FontRef, GroupLayer, ImageLayer, TextLayer, Transform, VectorLayer
from studio.model.errors import InvalidFile, StudioError

LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect id="a" width="20" height="10"/></svg>'


@pytest.fixture
def project(library: TemplateLibrary) -> Project:
    template = library.get("mini-jar")
    design = new_design(template, options={"size": "large"}, variables={"name": "Ada"})
    store = AssetStore()
    photo = store.add_bytes(image_bytes("JPEG", (64, 48)), "photo.jpg")
    logo = store.add_bytes(LOGO, "logo.svg")
    font = store.add_bytes(font_bytes(), "TestSans.ttf")
    unused = store.add_bytes(image_bytes("PNG", (8, 8)), "unused.png")
    assert unused not in {photo, logo, font}
    design.fonts = [FontRef(family="Test Sans", style="Regular", asset=font)]
    design.areas["label"].layers = [
        ImageLayer(name="Photo", asset=photo, width=40, height=30, transform=Transform(x=30, y=25, rotation=5)),
        TextLayer(name="Name", text="Hello {name}", font_family="Test Sans"),
        GroupLayer(name="Badge", children=[VectorLayer(name="Logo", asset=logo, width=20, height=10)]),
    ]
    return Project(design=design, template=template, assets=store)


def _members(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as zf:
        return zf.infolist()


def _write_zip(path: Path, members: dict[str, bytes], *, mimetype: bool = True) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        if mimetype:
            zf.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _design_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"schema_version": 1, "template": "mini-jar", "areas": {"label": {"layers": []}}}
    data.update(changes)
    return data


# -- round trip ------------------------------------------------------------------------------------
def test_save_then_load_gives_the_same_design(project: Project, library: TemplateLibrary, tmp_path: Path) -> None:
    path = tmp_path / "jar.studio"
    save_project(project, path, thumbnail_png=image_bytes("PNG", (16, 16)))
    loaded = load_project(path, library)
    assert loaded.design.model_dump(mode="json") == project.design.model_dump(mode="json")
    assert loaded.template.id == "mini-jar"
    assert loaded.path == path
    for ref in project.design.assets():
        assert loaded.assets.data(ref) == project.assets.data(ref)


def test_archive_layout(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "jar.studio"
    save_project(project, path, thumbnail_png=image_bytes("PNG", (16, 16)))
    infos = _members(path)
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert path.read_bytes()[30:38] == b"mimetype"
    names = [i.filename for i in infos]
    assert names[1] == "design.json"
    assert "thumbnail.png" in names
    assert sorted(n for n in names if n.startswith("assets/")) == sorted(project.design.assets())
    with zipfile.ZipFile(path) as zf:
        document = json.loads(zf.read("design.json"))
    layer = document["variants"][0]["areas"]["label"]["layers"][0]
    assert layer["kind"] == "image"
    assert layer["crop"] == {"left": 0.0, "top": 0.0, "right": 0.0, "bottom": 0.0}  # defaults written out


def test_same_project_saves_to_the_same_bytes(project: Project, tmp_path: Path) -> None:
    save_project(project, tmp_path / "a.studio")
    save_project(project, tmp_path / "b.studio")
    assert (tmp_path / "a.studio").read_bytes() == (tmp_path / "b.studio").read_bytes()


def test_save_keeps_the_permissions_of_the_file_replaced(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "jar.studio"
    save_project(project, path)
    os.chmod(path, 0o640)
    save_project(project, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_failed_save_leaves_the_old_file_and_no_temporary(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "jar.studio"
    path.write_bytes(b"the previous version")
    calls = 0
    real_writestr = zipfile.ZipFile.writestr

    def failing_writestr(self: zipfile.ZipFile, *args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(28, "No space left on device")
        real_writestr(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing_writestr)
    with pytest.raises(StudioError, match=r"^jar\.studio: cannot be saved \(No space left on device\)\.$"):
        save_project(project, path)
    assert path.read_bytes() == b"the previous version"
    assert sorted(p.name for p in out.iterdir()) == ["jar.studio"]


def test_failed_fsync_leaves_the_old_file(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "jar.studio"
    save_project(project, path)
    before = path.read_bytes()
    project.design.variables = {"name": "Grace"}

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(StudioError, match="Input/output error"):
        save_project(project, path)
    assert path.read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["jar.studio"]


def test_save_refuses_a_missing_asset(project: Project, tmp_path: Path) -> None:
    project.design.areas["label"].layers = [ImageLayer(name="Ghost", asset="assets/nothing.png", width=5, height=5)]
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(StudioError, match=r"'assets/nothing\.png' is missing"):
        save_project(project, out / "jar.studio")
    assert list(out.iterdir()) == []


# -- new designs -----------------------------------------------------------------------------------
def test_new_design_has_an_empty_page_per_area_and_default_options(library: TemplateLibrary) -> None:
    design = new_design(library.get("mini-jar"))
    assert design.options == {"size": "small"}
    assert list(design.areas) == ["label"]
    assert design.areas["label"].layers == []
    assert design.template_version == 2


def test_new_design_refuses_unknown_options(library: TemplateLibrary) -> None:
    template = library.get("mini-jar")
    with pytest.raises(StudioError, match=r"no choice 'huge' \(its choices: small, large\)"):
        new_design(template, options={"size": "huge"})
    with pytest.raises(StudioError, match=r"has no option 'lid'"):
        new_design(template, options={"lid": "gold"})


# -- hostile and broken archives -------------------------------------------------------------------
@pytest.fixture
def sentinel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder beside the working folder: a path escape would land here."""
    work = tmp_path / "work" / "inner"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    folder = tmp_path / "work" / "sentinel"
    folder.mkdir()
    return folder


def _refused(path: Path, library: TemplateLibrary) -> str:
    with pytest.raises(InvalidFile) as err:
        load_project(path, library)
    message = str(err.value)
    assert path.name in message
    assert "\n" not in message
    return message


GOOD_JSON = json.dumps(_design_json()).encode()


@pytest.mark.parametrize(
    "member",
    ["../sentinel/evil.txt", "../../work/sentinel/evil.txt", "/tmp/evil.txt", "C:/evil.txt", "assets\\..\\evil.txt"],
)
def test_member_paths_escaping_are_refused(
    member: str, tmp_path: Path, sentinel: Path, library: TemplateLibrary
) -> None:
    path = _write_zip(tmp_path / "evil.studio", {"design.json": GOOD_JSON, member: b"gotcha"})
    message = _refused(path, library)
    assert repr(member) in message
    assert list(sentinel.iterdir()) == []


def test_duplicate_members_are_refused(tmp_path: Path, library: TemplateLibrary) -> None:
    path = tmp_path / "dup.studio"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("design.json", GOOD_JSON)
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("design.json", b"{}")
    assert "two members named 'design.json'" in _refused(path, library)


def test_not_a_zip(tmp_path: Path, library: TemplateLibrary) -> None:
    path = tmp_path / "notes.studio"
    path.write_bytes(b"these are not the bytes you are looking for" * 10)
    assert _refused(path, library) == "notes.studio: is not a Studio project (it is not a zip archive)."


def test_other_zip_kinds_are_refused(tmp_path: Path, library: TemplateLibrary) -> None:
    path = tmp_path / "book.studio"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
    assert "'application/epub+zip'" in _refused(path, library)


def test_missing_design_json(tmp_path: Path, library: TemplateLibrary) -> None:
    path = _write_zip(tmp_path / "empty.studio", {"thumbnail.png": b""})
    assert _refused(path, library) == "empty.studio: is not a Studio project (it has no design.json)."


def test_too_many_members(tmp_path: Path, library: TemplateLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ARCHIVE_MEMBERS", 5)
    members = {"design.json": GOOD_JSON} | {f"extra/{i}.txt": b"x" for i in range(10)}
    path = _write_zip(tmp_path / "many.studio", members)
    assert "holds 12 members, more than the 5 allowed" in _refused(path, library)


def test_zip_bomb_is_stopped_by_the_ratio(tmp_path: Path, library: TemplateLibrary) -> None:
    bomb = b'{"template": "mini-jar"' + b" " * (8 * 1024 * 1024) + b"}"
    path = _write_zip(tmp_path / "bomb.studio", {"design.json": bomb})
    assert "looks like a zip bomb" in _refused(path, library)


def test_zip_bomb_announced_in_an_unread_member_is_refused(tmp_path: Path, library: TemplateLibrary) -> None:
    path = tmp_path / "bomb.studio"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("design.json", GOOD_JSON)
        with zf.open("extra/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(64):
                member.write(bytes(1 << 20))
    assert "the member 'extra/zeros.bin' expands more than 200 times" in _refused(path, library)


def test_total_size_is_limited_while_reading(
    tmp_path: Path, library: TemplateLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = image_bytes("PNG", (300, 300), mode="RGB")
    data = _design_json(
        areas={"label": {"layers": [{"kind": "image", "asset": "assets/a.png", "width": 10, "height": 10}]}}
    )
    path = _write_zip(tmp_path / "big.studio", {"design.json": json.dumps(data).encode(), "assets/a.png": photo})
    monkeypatch.setattr(limits, "MAX_ARCHIVE_TOTAL", len(photo) // 2)
    assert "unpacks to more than" in _refused(path, library)


def test_sizes_in_headers_are_not_trusted(tmp_path: Path, library: TemplateLibrary) -> None:
    """A member whose headers understate its size is read as damaged, never as more data."""
    path = _write_zip(tmp_path / "liar.studio", {"design.json": GOOD_JSON + b" " * 5000})
    raw = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := raw.find(signature, start)) >= 0:
            name_len = struct.unpack_from("<H", raw, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_at : name_at + name_len] == b"design.json":
                struct.pack_into("<I", raw, at + offset, 10)
            start = at + 4
    path.write_bytes(bytes(raw))
    assert "the member 'design.json' is damaged" in _refused(path, library)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe{}", "design.json: is not UTF-8 text"),
        (b'{"template": ', "design.json, line 1, column 14: expecting value."),
        (b'{"schema_version": 1, "template": "mini-jar", "variables": {"x": NaN}}', "at variables.x: NaN is not"),
        (b'{"template": "mini-jar", "areas": {"a": {"layers": [1, -Infinity]}}}', "areas.a.layers.1: -Infinity"),
        (b'{"template": "mini-jar", "template": "other"}', "has the key 'template' twice"),
        (b"[1, 2]", "should hold a JSON object at the top"),
        (b'{"schema_version": 7, "template": "mini-jar"}', "newer Studio (schema version 7; this one reads up to 2)"),
        (b'{"schema_version": "one", "template": "mini-jar"}', "schema_version should be a whole number"),
    ],
)
def test_bad_design_json(content: bytes, expected: str, tmp_path: Path, library: TemplateLibrary) -> None:
    path = _write_zip(tmp_path / "bad.studio", {"design.json": content})
    message = _refused(path, library)
    assert message.startswith("bad.studio: design.json")
    assert expected in message


def test_schema_error_names_the_field(tmp_path: Path, library: TemplateLibrary) -> None:
    layer = {"kind": "image", "asset": "assets/a.png", "width": "wide", "height": 10}
    data = _design_json(areas={"label": {"layers": [layer]}})
    path = _write_zip(tmp_path / "bad.studio", {"design.json": json.dumps(data).encode()})
    message = _refused(path, library)
    assert message.startswith("bad.studio: design.json: invalid value at areas.label.layers.0.width")


def test_missing_asset_names_the_layer(tmp_path: Path, library: TemplateLibrary) -> None:
    ref = "assets/" + "ab" * 32 + ".jpg"
    layer = {"kind": "image", "name": "Photo", "asset": ref, "width": 10, "height": 10}
    data = _design_json(areas={"label": {"layers": [layer]}})
    path = _write_zip(tmp_path / "x.studio", {"design.json": json.dumps(data).encode()})
    assert _refused(path, library) == f"x.studio: the image '{ref}' used by layer 'Photo' is missing."


def test_asset_not_matching_its_name_is_refused(tmp_path: Path, library: TemplateLibrary) -> None:
    ref = "assets/" + "ab" * 32 + ".png"
    layer = {"kind": "image", "name": "Photo", "asset": ref, "width": 10, "height": 10}
    data = _design_json(areas={"label": {"layers": [layer]}})
    path = _write_zip(tmp_path / "x.studio", {"design.json": json.dumps(data).encode(), ref: image_bytes()})
    assert "does not match its content" in _refused(path, library)


def test_corrupt_image_in_project_is_refused(tmp_path: Path, library: TemplateLibrary, project: Project) -> None:
    path = tmp_path / "jar.studio"
    save_project(project, path)
    photo = next(ref for ref in project.design.assets() if ref.endswith(".jpg"))
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist() if i.filename != "mimetype"}
    members[photo] = members[photo][:200]
    _write_zip(path, members)
    message = _refused(path, library)
    assert photo in message
    assert "does not match its content" in message or "truncated or corrupt" in message


def test_unknown_template_is_a_studio_error(tmp_path: Path, library: TemplateLibrary) -> None:
    path = _write_zip(tmp_path / "x.studio", {"design.json": json.dumps(_design_json(template="teapot")).encode()})
    with pytest.raises(StudioError, match=r"^x\.studio: uses the template 'teapot', which is not installed"):
        load_project(path, library)


# -- the design.json form --------------------------------------------------------------------------
def _json_project(folder: Path, asset: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    layer = {"kind": "image", "id": "photo", "name": "Photo", "asset": asset, "width": 40, "height": 20}
    path = folder / "design.json"
    path.write_text(json.dumps(_design_json(areas={"label": {"layers": [layer]}})), encoding="utf-8")
    return path


def test_design_json_form_with_relative_asset(tmp_path: Path, library: TemplateLibrary) -> None:
    folder = tmp_path / "job"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "kid.png").write_bytes(image_bytes())
    path = _json_project(folder, "photos/kid.png")
    loaded = load_project(path, library)
    assert loaded.assets.image("photos/kid.png").size == (40, 20)
    assert load_project(folder, library).design == loaded.design  # the folder works too

    # Saved as a .studio, the relative path becomes a content name, and it loads back.
    out = tmp_path / "job.studio"
    save_project(loaded, out)
    again = load_project(out, library)
    layer = again.design.areas["label"].layers[0]
    assert isinstance(layer, ImageLayer)
    assert layer.asset.startswith("assets/") and layer.asset.endswith(".png")
    assert again.assets.data(layer.asset) == (folder / "photos" / "kid.png").read_bytes()
    assert loaded.design.areas["label"].layers[0].asset == "photos/kid.png"  # type: ignore[union-attr]


def test_design_json_form_refuses_paths_out_of_its_folder(tmp_path: Path, library: TemplateLibrary) -> None:
    (tmp_path / "secret.png").write_bytes(image_bytes())
    path = _json_project(tmp_path / "job", "../secret.png")
    message = _refused(path, library)
    assert message.startswith("design.json: the asset path '../secret.png' climbs out of its folder")


def test_design_json_form_missing_asset(tmp_path: Path, library: TemplateLibrary) -> None:
    path = _json_project(tmp_path / "job", "photos/none.png")
    assert _refused(path, library) == "design.json: the image 'photos/none.png' used by layer 'Photo' is missing."
