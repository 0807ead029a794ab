"""Streaming art onto sheets as a batch makes it: full sheets written as they fill, sizes kept apart."""

from __future__ import annotations

import io

import pikepdf

from studio.export.imposition import SheetStream
from studio.export.pages import ItemArt, PdfPageWriter, SharedResources
from studio.model.geometry import Path, Rect
from studio.sheets import impose, parse_sheet


def art(w: float, h: float) -> ItemArt:
    return ItemArt(
        f"0 0 0 rg 0 0 {w:g} {h:g} re f".encode(), Rect(0, 0, w, h), Rect(0, 0, w, h), Path.rectangle(0, 0, w, h)
    )


def test_sheets_fill_as_art_arrives_and_sizes_go_on_sheets_of_their_own():
    sheet = parse_sheet("a4")
    full = impose(20, 10, sheet, count=1).capacity
    assert full == impose(20, 10, sheet).per_sheet > 100
    out = io.BytesIO()
    resources = SharedResources()
    with PdfPageWriter(out, resources=resources, title="stream") as writer:
        stream = SheetStream(sheet, writer, resources, cut_line=True)
        written = [stream.add(art(20, 10)) for _ in range(full)]
        # The last small item of a full sheet writes it; nothing before.
        assert written == [0] * (full - 1) + [1]
        for _ in range(3):
            assert stream.add(art(30, 30)) == 0
        for _ in range(5):
            stream.add(art(20, 10))
        assert stream.close() == 2
    # The sheets not yet full are written in the order they were started.
    assert [s.items for s in stream.summaries] == [full, 3, 5]
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        contents = [page.Contents.read_bytes() for page in pdf.pages]
    assert [c.count(b"20 10 re") for c in contents] == [full, 0, 5]
    assert [c.count(b"30 30 re") for c in contents] == [0, 3, 0]


def test_a_roll_holds_up_to_its_longest_sheet():
    roll = parse_sheet("13in-roll")
    assert impose(100, 100, roll, count=1).capacity == 3 * 47
