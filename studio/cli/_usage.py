"""What makes a command line wrong before any file is read: one exit status, one sentence.

Every usage error (an unknown command, option or value, an option that does not apply to the
chosen format, an output name that contradicts it) exits with :data:`EXIT_USAGE`, whether
argparse or Studio finds it.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from studio.model.errors import StudioError

EXIT_USAGE = 64
"""Exit status of every usage error (``EX_USAGE`` of BSD's sysexits)."""

EXIT_STATUS_HELP = """\
exit status:
  0    done
  1    the work could not be done; the message names the file and the problem
  64   usage error: unknown command, option or value, or an option that does not apply
  70   internal error (a bug): run again with --debug and report it
  130  interrupted
  studio preflight: 0 ready to print, 1 warnings, 2 errors, 3 the project cannot be read
"""


class UsageError(StudioError):
    """A command line that cannot be carried out as given."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one sentence and the usage exit status."""

    def error(self, message: str) -> NoReturn:
        message = message.removeprefix("argument ")
        print(f"{self.prog}: {message.rstrip('.')}; see {self.prog} --help.", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def finite_number(text: str) -> float:
    """An argparse type: a decimal number that is neither infinite nor NaN."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value


def whole_number(text: str) -> int:
    """An argparse type: a whole number, in words a user understands."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


# -- export options and formats --------------------------------------------------------------------
EXPORT_APPLIES: dict[str, tuple[str, frozenset[str]]] = {
    "area": ("--area", frozenset({"pdf", "svg", "png", "cut"})),
    "dpi": ("--dpi", frozenset({"png"})),
    "bleed": ("--bleed", frozenset({"pdf", "svg", "png"})),
    "marks": ("--marks", frozenset({"pdf"})),
    "cmyk": ("--cmyk", frozenset({"pdf"})),
    "cut_line": ("--cut-line", frozenset({"pdf", "svg"})),
    "mirror": ("--mirror", frozenset({"pdf", "svg", "png", "cut"})),
    "offset": ("--offset", frozenset({"cut"})),
    "perforate": ("--perforate", frozenset({"cut"})),
    "transparent": ("--transparent", frozenset({"png", "mockup"})),
    "view": ("--view", frozenset({"mockup"})),
    "size": ("--size", frozenset({"mockup"})),
    "angle": ("--angle", frozenset({"mockup"})),
    "background": ("--background", frozenset({"mockup"})),
    "sheet": ("--sheet", frozenset({"mockup"})),
    "colorway": ("--colorway", frozenset({"mockup"})),
    "lang": ("--lang", frozenset({"mockup", "proof", "proof-html", "result"})),
    "variant": ("--variant", frozenset({"pdf", "svg", "png", "mockup"})),
    "variants": ("--variants", frozenset({"proof", "proof-html"})),
    "customer": ("--customer", frozenset({"proof", "proof-html"})),
    "message": ("--message", frozenset({"proof", "proof-html", "result"})),
    "set": ("--set", frozenset({"pdf", "svg", "png", "mockup"})),
}
"""Export option (argparse dest) → its flag and the formats it means something for."""

EXTENSIONS: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "svg": (".svg",),
    "png": (".png",),
    "mockup": (".png", ".jpg", ".jpeg"),
    "proof": (".pdf",),
    "proof-html": (".html", ".htm"),
    "result": (".pdf",),
    "cut": (".svg", ".dxf"),
}
"""The file extensions each export format writes; an output without an extension is accepted."""


def check_export_request(args: argparse.Namespace, applies: Mapping[str, tuple[str, frozenset[str]]]) -> None:
    """Refuse options the format ignores and an output name that says another format.

    An option counts as given when it differs from what argparse stores when it is absent
    (``None``, ``False`` or an empty list).

    Raises
    ------
    UsageError
        Naming the option.
    """
    fmt = args.format
    for dest, (flag, formats) in applies.items():
        value = getattr(args, dest, None)
        if value is None or value is False or value == []:
            continue
        if fmt not in formats:
            shown = ", ".join(sorted(_format_name(f) for f in formats))
            raise UsageError(f"{flag} does not apply to {_format_name(fmt)} exports (only to {shown})")
    if getattr(args, "colorway", None) and not getattr(args, "sheet", False):
        raise UsageError("--colorway applies to mockup contact sheets only; add --sheet")
    suffixes = EXTENSIONS.get(fmt)
    suffix = Path(args.output).suffix.lower()
    if suffixes is not None and suffix and suffix not in suffixes:
        wanted = " or ".join(suffixes)
        raise UsageError(
            f"-o {args.output}: the extension {suffix} contradicts --format {fmt}, which writes a {wanted} file"
        )


def _format_name(fmt: str) -> str:
    return fmt if fmt in ("mockup", "cut") else fmt.upper()


def check_range(flag: str, value: float | None, low: float, high: float, unit: str = "") -> None:
    """Raise :class:`UsageError` when ``value`` is given and outside ``[low, high]``."""
    if value is not None and not low <= value <= high:
        tail = f" {unit}" if unit else ""
        raise UsageError(f"{flag} must be between {low:g} and {high:g}{tail}, got {value:g}")


def unknown_word(word: str, commands: Sequence[str]) -> UsageError:
    """The error for ``studio WORD`` when WORD is neither a command nor a file."""
    return UsageError(
        f"{word!r} is not a command ({', '.join(commands)}) nor an existing project file; see studio --help"
    )
