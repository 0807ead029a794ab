"""Mockup benchmark: the straight jar's views at 1200 px, first render and re-render after an edit.

"First render" starts from a new :class:`~studio.render.mockup.MockupRenderer` (product art,
light, masks and warp maps all made), in a process where Qt and the fonts are already loaded.
"Re-render" is what the preview does after an edit: the text of one layer changes, then the view
is rendered again with the art cached. Medians over ``--repeat`` runs, in milliseconds.

    python benchmarks/mockup_bench.py [--repeat 15] [--size 1200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from studio.export.document import open_document
from studio.model.design import TextLayer
from studio.render.mockup import MockupRenderer

ROOT = Path(__file__).resolve().parent.parent


# (view, angle, example whose print area is on that view, text layer edited)
CASES = [
    ("front", 0.0, "jar-name", "subtitle"),
    ("front", 90.0, "jar-name", "raw"),
    ("lid", 0.0, "lid-curved", "bottom-arc"),
]


def _ms(fn: object, repeat: int) -> float:
    times = []
    for i in range(repeat):
        t0 = time.perf_counter()
        fn(i)  # type: ignore[operator]
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--size", type=int, default=1200)
    args = parser.parse_args()
    print(f"{'view':<12}{'size':>10}{'first ms':>12}{'re-render ms':>15}")
    for view, angle, example, layer_id in CASES:
        doc = open_document(ROOT / "examples" / example / "design.json")
        MockupRenderer(doc.template).render(doc, view, size=args.size, angle=angle)  # warm Qt, fonts, images

        def first(_i: int, doc=doc, view=view, angle=angle) -> None:
            MockupRenderer(doc.template).render(doc, view, size=args.size, angle=angle)

        renderer = MockupRenderer(doc.template)
        renderer.render(doc, view, size=args.size, angle=angle)
        layer = doc.design.find_layer(layer_id)
        assert isinstance(layer, TextLayer)
        original = layer.text

        def edit(i: int, doc=doc, view=view, angle=angle, layer=layer, original=original, renderer=renderer) -> None:
            layer.text = f"{original} {i}"
            renderer.render(doc, view, size=args.size, angle=angle)

        first_ms = _ms(first, max(3, args.repeat // 3))
        edit_ms = _ms(edit, args.repeat)
        layer.text = original
        name = f"{view} {angle:g}°"
        print(f"{name:<12}{args.size:>10}{first_ms:>12.0f}{edit_ms:>15.1f}")


if __name__ == "__main__":
    main()
