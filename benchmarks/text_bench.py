"""Text layout: 1,000 names laid out in a text box, plain, with fallback characters, wrapped.

Each case lays out 1,000 different names (so the shaping cache does not answer for them) once the
fonts are warm, and prints the total and per-name time. "Latin" names are covered by the chosen
face (no itemization); "fallback" names carry an emoji and a Hebrew word (three faces per line);
"wrapped" names go into a narrow box that breaks them between words and hyphenates (en).

Run: ``.venv/bin/python benchmarks/text_bench.py``
"""

from __future__ import annotations

import time

from studio.model.design import TextLayer
from studio.text import FontRegistry, layout_text

CASES = {
    "Latin, shrink to fit": (lambda i: f"Camille-Lou Martin {i}", {"box_width": 40, "fit": "shrink"}),
    "fallback (emoji, Hebrew), shrink to fit": (lambda i: f"Léa 🐝 שלום {i}", {"box_width": 40, "fit": "shrink"}),
    "Latin, wrapped and hyphenated (en)": (
        lambda i: f"Strawberry and rhubarb preserve number {i}",
        {"box_width": 30, "language": "en"},
    ),
}


def main() -> None:
    fonts = FontRegistry.default()
    for name, (make, fields) in CASES.items():
        layout_text(TextLayer(text=make(-1), font_family="Lobster", size=24, **fields), fonts)  # warm the faces
        start = time.perf_counter()
        for i in range(1000):
            layout_text(TextLayer(text=make(i), font_family="Lobster", size=24, **fields), fonts)
        total = time.perf_counter() - start
        print(f"{name}: {total:.2f} s for 1,000 ({total:.2f} ms each)")


if __name__ == "__main__":
    main()
