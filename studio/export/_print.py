"""What every print PDF shares, without the PDF machinery: marks, the cut line's ink, the date.

Kept apart from :mod:`studio.export.pdf` so that the batch writer can use it without importing
reportlab.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

CUT_CONTOUR = "CutContour"
"""The spot colour name that cutting software (and RIPs of print-and-cut machines) looks for."""

MARK_GAP = 3.0
"""Distance (mm) from the bleed box to the start of each crop mark."""
MARK_LENGTH = 5.0
"""Length of a crop mark (mm)."""
SLUG_MARGIN = 2.0
"""Paper left beyond the end of the marks (mm)."""
HAIRLINE_PT = 0.25
"""Width of crop marks and of the cut line (points): the thinnest line presses reproduce reliably."""


def _creation_time() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set, so that the same input can give the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return datetime.fromtimestamp(seconds, UTC)
