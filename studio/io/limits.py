"""Limits that keep hostile or broken files from exhausting memory or time.

Every reader in :mod:`studio.io` checks these before (or while) it does the expensive work, and
refuses a file that exceeds one with a sentence that names the file and the limit. They are
module constants so that tests can lower them; ``docs/file-format.md`` lists them for users.
"""

from __future__ import annotations

MAX_IMAGE_PIXELS = 150_000_000
"""Largest raster image accepted (width x height). An A0 poster at 300 dpi is 139 megapixels."""

MAX_ASSET_BYTES = 512 * 1024 * 1024
"""Largest single asset file (image, SVG or font) read into memory."""

MAX_SVG_BYTES = 32 * 1024 * 1024
"""Largest SVG document accepted, before sanitising."""

MAX_SVG_ELEMENTS = 50_000
"""Most elements in one SVG document.

cairosvg spends about 0.2 ms on each element it draws (20,000 rectangles: 3.5 s, measured), so
50,000 is about 10 s of drawing; the emoji and clipart Studio ships have a few hundred at most."""

MAX_SVG_INSTANCES = 50_000
"""Most elements drawn once every ``<use>``, pattern, marker, mask and clip path is expanded.

Ten ``<use>`` of a group of ten ``<use>`` of ... (eight levels) is 100 million elements in a file
of 1 KB; this counts what renderers would instantiate, with the same bound as for elements."""

MAX_SVG_PATH_SEGMENTS = 100_000
"""Most segments in one ``<path>`` (or ``points`` list). 100,000 short segments take cairosvg
1.8 s to draw (measured); a traced photograph, the busiest art people place, has a few thousand."""

MAX_SVG_SEGMENTS = 250_000
"""Most path segments in one SVG document, ``<use>`` copies included (about 5 s of drawing)."""

MAX_SVG_DASHES = 500_000
"""Most dashes one SVG document may ask for (path length / dash period, summed over paths).

A dash of 0.5 units along 10 million units of path is 19 million dashes: more than 100 s and
3.7 GB in cairo (measured), about 5 microseconds a dash, so this is 2 to 3 s. A dashed cut guide
around a label is a few hundred dashes; 20,000 small dashed shapes are 300,000."""

MAX_SVG_COORDINATE = 1e8
"""Largest magnitude of any number in an SVG's geometry (coordinates, sizes, stroke widths).
Renderers keep coordinates in 24.8 fixed point or single precision: beyond this they overflow."""

MIN_SVG_VIEWBOX = 1e-3
"""Smallest width or height of a ``viewBox``; a smaller one scales the art beyond what a
renderer's matrix can invert (a viewBox of 1e-300 stops every export)."""

MAX_SVG_SCALE = 1e6
"""Largest factor any transform, alone or nested, may scale by (and 1 / this, the smallest),
measured from a drawing 1,000 units across. ``scale(1e300)`` makes matrices non-invertible."""

MAX_SVG_PATTERN_PIXELS = 16_000_000
"""Largest pattern tile, in user units squared: cairosvg draws a tile into an image of its size
in user units, so ``<pattern width="1e7">`` asks for 10^14 pixels."""

MAX_SVG_DEPTH = 200
"""Deepest element nesting in one SVG document."""

MAX_SVG_NESTING = 3
"""How many SVG documents may be embedded inside one another as data: URIs."""

MAX_FONT_BYTES = 64 * 1024 * 1024
"""Largest font file accepted."""

MAX_ARCHIVE_MEMBERS = 10_000
"""Most members in a ``.studio`` archive."""

MAX_ARCHIVE_TOTAL = 512 * 1024 * 1024
"""Most bytes read (uncompressed) from one ``.studio`` archive: 512 MiB, fifty 10 MB photos.
Everything read stays in memory while the project is open, and a project must open in 1 GB."""

MAX_COMPRESSION_RATIO = 200
"""Largest uncompressed / compressed size of a member, checked while it is decompressed."""

RATIO_GRACE_BYTES = 1024 * 1024
"""Members smaller than this (uncompressed) are not held to the ratio limit: tiny files compress well."""

MAX_DESIGN_JSON_BYTES = 16 * 1024 * 1024
"""Largest ``design.json``. A design at the layer limit with long texts is about 3 MB."""

MAX_JSON_VALUES = 500_000
"""Most values (numbers, strings, lists, objects) in one ``design.json``: about 100 per layer at
the layer limit. Counted right after parsing, before the much slower validation."""

MAX_LAYERS_PER_AREA = 1_000
"""Most layers (groups' children included) on one print area.

A sticker sheet of 200 names with a frame each is 400. Before this limit 20,000 layers took 24 s
and 1.5 GB to export and 200,000 ran out of memory; 2,000 short text layers measured 5.4 s of CPU
for a PNG and 6.6 s for a PDF, so 1,000 keeps an export of a full area near 3 s."""

MAX_LAYERS = 2_000
"""Most layers in a whole design, every print area together (a PDF draws every area)."""

MAX_VARIANTS = 26
"""Most variants in one project (A to Z): a customer chooses among a few proposals, not hundreds."""

MAX_AREA_CHARACTERS = 30_000
"""Most characters of text on one print area (all its text layers, before fields are filled in).

About 1,000,000 path segments of outlines (below); an ingredients label holds 2,000. Counted
before any text is laid out, so that a design full of long texts is refused at once."""

MAX_SCENE_SEGMENTS = 1_000_000
"""Most path segments (text outlines, shapes) one print area may produce when laid out.

A glyph is about 30 segments: this is 30,000 characters of text on one area, beyond any label or
shirt, and about 3 s of drawing. It bounds what 2,000 layers of 10,000 characters could ask for."""

MAX_EXPORT_PIXELS = 50_000_000
"""Most pixels in one raster export (PNG width x height): an A3 page at 500 dpi, A4 at 700.

A PNG export peaks at about 180 MB plus 12 to 14 bytes a pixel (the page, its conversion and the
encoded file): 47 megapixels measured 850 MB, 60 measured 918 MB, so 50 stays well under 1 GB.
Print files that need more resolution are PDFs, whose vector content has none."""

MAX_MOCKUP_PIXELS = 4_000_000
"""Most pixels in one mockup image (2,000 x 2,000 for a square view).

The warp and shading work in floating point, several layers of 16 bytes a pixel: 3.2 megapixels
measured 590 MB and 3.4 s of CPU, 6.25 megapixels 936 MB and 8.4 s, 8,000 px (51 MP) 6.6 GB and
306 s. Shop listings ask for 1,000 to 2,000 px."""

MAX_TEMPLATE_TOML_BYTES = 1024 * 1024
"""Largest ``template.toml``."""

MAX_GROUP_DEPTH = 50
"""Deepest nesting of groups in a design (a group in a group... counts each level once)."""
