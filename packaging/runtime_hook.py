"""Point Studio at the data bundled beside a frozen executable."""

import os
import sys

if getattr(sys, "frozen", False):
    os.environ.setdefault("STUDIO_DATA_DIR", getattr(sys, "_MEIPASS", os.path.dirname(sys.executable)))
