"""The bundled clipart: enough drawings in every category, safe, drawn, and named in both languages."""

from __future__ import annotations

import io
import tomllib
from collections import Counter
from pathlib import Path

import cairosvg
import numpy as np
import pytest
from PIL import Image

from studio.io.assets import sanitize_svg

ROOT = Path(__file__).resolve().parents[1]
CLIPART = ROOT / "assets" / "clipart"
CATEGORIES = ("hearts", "stars", "flowers", "sports", "animals", "frames", "banners", "food")


def load_index() -> dict:
    with (CLIPART / "index.toml").open("rb") as f:
        return tomllib.load(f)


INDEX = load_index()
ENTRIES = INDEX["clipart"]


def test_the_library_has_at_least_sixty_pieces() -> None:
    assert len(ENTRIES) >= 60


def test_every_category_has_at_least_six_pieces() -> None:
    counts = Counter(entry["category"] for entry in ENTRIES)
    for category in CATEGORIES:
        assert counts[category] >= 6, f"{category} has {counts[category]} pieces"
    for category, count in counts.items():
        assert count >= 6, f"{category} has {count} pieces"


def test_every_category_is_declared_and_named_in_both_languages() -> None:
    categories = INDEX["categories"]
    for entry in ENTRIES:
        assert entry["category"] in categories
    for category, names in categories.items():
        assert names.get("en", "").strip() and names.get("fr", "").strip(), category


def test_the_index_and_the_files_agree() -> None:
    listed = [entry["file"] for entry in ENTRIES]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    on_disk = sorted(p.relative_to(CLIPART).as_posix() for p in CLIPART.rglob("*.svg"))
    assert sorted(listed) == on_disk
    for entry in ENTRIES:
        assert entry["file"].split("/")[0] == entry["category"], entry["file"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_names_and_keywords_in_english_and_french(entry: dict) -> None:
    for language in ("en", "fr"):
        assert entry["name"][language].strip(), f"{entry['file']}: no {language} name"
        keywords = entry["keywords"][language]
        assert keywords and all(isinstance(k, str) and k.strip() for k in keywords), entry["file"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_each_piece_is_safe_and_draws_something(entry: dict) -> None:
    data = (CLIPART / entry["file"]).read_bytes()
    asset = sanitize_svg(data, entry["file"])
    assert asset.removed == ()
    _x, _y, width, height = asset.view_box
    assert width > 0 and height > 0
    text = data.decode("utf-8")
    for unwanted in ("<text", "<filter", "<image", "<script", 'href="http', "xlink:href"):
        assert unwanted not in text, f"{entry['file']} contains {unwanted}"
    png = cairosvg.svg2png(bytestring=data, output_width=128)
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))
    alpha = pixels[..., 3]
    assert (alpha > 200).mean() > 0.05, f"{entry['file']} is almost empty"
    opaque = pixels[alpha > 200][:, :3]
    assert len(np.unique(opaque.reshape(-1, 3), axis=0)) > 2, f"{entry['file']} is all one colour"
