"""Write the peer benchmark job: a jar label personalised with 1,000 (or more) accented names.

The label is 236 x 90 mm with 3 mm bleed (Studio's ``jar-500`` label area): a 2000 x 1500 JPEG
photo on the left, a vector flower, a name in a bold sans at 28 pt and a 12 pt subtitle. Every
tool in the benchmark draws this same label from these same files.

    python benchmarks/peers/make_job.py [FOLDER] [--rows N ...]

writes ``photo.jpg``, ``flower.svg``, ``design.json`` and ``names-N.csv`` (default 1000 and
10000 rows) into FOLDER (default: beside this script, in ``job/``). The output is the same on
every run.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent

FIRST = [
    "Zoé",
    "Chloé",
    "Léa",
    "Inès",
    "Anaïs",
    "Maëlle",
    "Noémie",
    "Hélène",
    "Agnès",
    "Bérénice",
    "Cécile",
    "Joséphine",
    "Françoise",
    "Mégane",
    "Océane",
    "Raphaël",
    "Noël",
    "Jérôme",
    "Loïc",
    "Benoît",
    "Étienne",
    "Frédéric",
    "Grégoire",
    "Hervé",
    "Jérémy",
    "Maël",
    "Théo",
    "Timothée",
    "Valérie",
    "José",
    "Núria",
    "Sofía",
    "Iñaki",
    "Begoña",
    "Jesús",
    "Ángela",
    "María",
    "Lucía",
    "Björn",
    "Jürgen",
    "Müller",
    "Sören",
    "Zoë",
    "Åsa",
    "Øystein",
    "Ewa",
    "Łukasz",
    "Paweł",
    "Zuzana",
    "Tomáš",
    "Dušan",
    "Ștefan",
    "Ioana",
    "Çağla",
    "Oğuz",
    "Şule",
    "Eliška",
    "Kateřina",
]
LAST = [
    "Lefèvre",
    "Dubois",
    "Bérard",
    "Gaël",
    "Rochefoucauld",
    "Ibáñez",
    "Peña",
    "Muñoz",
    "Gómez",
    "Höß",
    "Schröder",
    "Nørgaard",
    "Kowalczyk",
    "Dvořák",
    "Novák",
    "Ångström",
    "Ó'Brien",
    "D'Artagnan",
    "Château-Renard",
    "Saint-Exupéry",
    "Leclère",
    "Mésange",
    "Brûlé",
    "Faÿ",
]

FLOWER = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 140" width="100" height="140">
  <path d="M50 60 C48 90 52 110 50 138" fill="none" stroke="#3F7D3A" stroke-width="4"/>
  <path d="M50 100 C30 92 22 80 20 70 C36 72 46 84 50 100 Z" fill="#5FA052"/>
  <path d="M50 112 C70 104 78 92 80 82 C64 84 54 96 50 112 Z" fill="#5FA052"/>
  <g fill="#E86A92">
    <ellipse cx="50" cy="30" rx="11" ry="20"/>
    <ellipse cx="50" cy="30" rx="11" ry="20" transform="rotate(60 50 45)"/>
    <ellipse cx="50" cy="30" rx="11" ry="20" transform="rotate(120 50 45)"/>
    <ellipse cx="50" cy="30" rx="11" ry="20" transform="rotate(180 50 45)"/>
    <ellipse cx="50" cy="30" rx="11" ry="20" transform="rotate(240 50 45)"/>
    <ellipse cx="50" cy="30" rx="11" ry="20" transform="rotate(300 50 45)"/>
  </g>
  <circle cx="50" cy="45" r="10" fill="#F6C445"/>
</svg>
"""

# Geometry shared with the peers' scripts (mm, trim top-left origin, y down).
LABEL = {"width": 236.0, "height": 90.0, "bleed": 3.0}
PHOTO = {"x": 36.5, "y": 45.0, "width": 79.0, "height": 96.0}  # centre and frame (it fills the bleed)
FLOWER_BOX = {"x": 208.0, "y": 45.0, "width": 40.0, "height": 56.0}
NAME = {"x": 152.0, "y": 42.0, "size": 28.0, "box_width": 100.0, "family": "Open Sans", "style": "Bold"}
SUBTITLE = {"x": 152.0, "y": 60.0, "size": 12.0, "text": "Miel de fleurs sauvages · récolte 2026"}


def photo(path: Path) -> None:
    """A 2000 x 1500 landscape photograph stand-in: sky gradient, hills, grain (JPEG, quality 90)."""
    rng = random.Random(7)
    image = Image.new("RGB", (2000, 1500))
    draw = ImageDraw.Draw(image)
    for y in range(1500):
        t = y / 1500
        draw.line([(0, y), (1999, y)], fill=(int(120 + 120 * t), int(170 + 60 * t), int(230 - 120 * t)))
    for i in range(6):
        top = 700 + i * 110
        color = (60 + 15 * i, 120 + 10 * i, 50 + 5 * i)
        points = [(x, top + int(60 * ((x / 2000 * (i + 2)) % 1))) for x in range(0, 2001, 100)]
        draw.polygon([*points, (2000, 1500), (0, 1500)], fill=color)
    for _ in range(4000):
        x, y = rng.randrange(2000), rng.randrange(700, 1500)
        r = rng.randrange(2, 7)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randrange(200, 256), rng.randrange(150, 240), 90))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    image.save(path, "JPEG", quality=90)


def names(count: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(count)]


def design() -> dict[str, object]:
    return {
        "schema_version": 1,
        "template": "jar-500",
        "template_version": 1,
        "areas": {
            "label": {
                "background": "#FBF3DF",
                "layers": [
                    {
                        "id": "photo",
                        "kind": "image",
                        "asset": "photo.jpg",
                        "width": PHOTO["width"],
                        "height": PHOTO["height"],
                        "fit": "fill",
                        "transform": {"x": PHOTO["x"], "y": PHOTO["y"]},
                    },
                    {
                        "id": "flower",
                        "kind": "vector",
                        "asset": "flower.svg",
                        "width": FLOWER_BOX["width"],
                        "height": FLOWER_BOX["height"],
                        "transform": {"x": FLOWER_BOX["x"], "y": FLOWER_BOX["y"]},
                    },
                    {
                        "id": "name",
                        "kind": "text",
                        "text": "{name}",
                        "font_family": NAME["family"],
                        "font_style": NAME["style"],
                        "size": NAME["size"],
                        "color": "#5A2D0C",
                        "box_width": NAME["box_width"],
                        "fit": "shrink",
                        "transform": {"x": NAME["x"], "y": NAME["y"]},
                    },
                    {
                        "id": "subtitle",
                        "kind": "text",
                        "text": SUBTITLE["text"],
                        "font_family": "Open Sans",
                        "font_style": "Regular",
                        "size": SUBTITLE["size"],
                        "color": "#5A2D0C",
                        "transform": {"x": SUBTITLE["x"], "y": SUBTITLE["y"]},
                    },
                ],
            }
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=HERE / "job")
    parser.add_argument("--rows", type=int, action="append", help="rows of a names file (default 1000 and 10000)")
    args = parser.parse_args(argv)
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "photo.jpg").exists():
        photo(folder / "photo.jpg")
    (folder / "flower.svg").write_text(FLOWER, encoding="utf-8")
    (folder / "design.json").write_text(json.dumps(design(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for count in args.rows or [1000, 10000]:
        rows = "\n".join(["name", *names(count)]) + "\n"
        (folder / f"names-{count}.csv").write_text(rows, encoding="utf-8")
    print(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
