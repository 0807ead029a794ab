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

MAX_SVG_ELEMENTS = 500_000
"""Most elements in one SVG document."""

MAX_SVG_DEPTH = 200
"""Deepest element nesting in one SVG document."""

MAX_SVG_NESTING = 3
"""How many SVG documents may be embedded inside one another as data: URIs."""

MAX_FONT_BYTES = 64 * 1024 * 1024
"""Largest font file accepted."""

MAX_ARCHIVE_MEMBERS = 10_000
"""Most members in a ``.studio`` archive."""

MAX_ARCHIVE_TOTAL = 1024 * 1024 * 1024
"""Most bytes read (uncompressed) from one ``.studio`` archive: 1 GiB."""

MAX_COMPRESSION_RATIO = 200
"""Largest uncompressed / compressed size of a member, checked while it is decompressed."""

RATIO_GRACE_BYTES = 1024 * 1024
"""Members smaller than this (uncompressed) are not held to the ratio limit: tiny files compress well."""

MAX_DESIGN_JSON_BYTES = 64 * 1024 * 1024
"""Largest ``design.json``."""

MAX_TEMPLATE_TOML_BYTES = 1024 * 1024
"""Largest ``template.toml``."""

MAX_GROUP_DEPTH = 50
"""Deepest nesting of groups in a design (a group in a group... counts each level once)."""
