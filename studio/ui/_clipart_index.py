"""The clipart library's index: which drawings there are, their names and keywords.

This module reads ``assets/clipart/index.toml`` and answers searches; it needs no Qt, so the
browser's matching rules can be tested on their own.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from studio.model.errors import InvalidFile
from studio.resources import assets_dir

LANGUAGES = ("en", "fr")


def fold(text: str) -> str:
    """``text`` for matching: lower case, accents removed, spaces collapsed.

    Parameters
    ----------
    text
        Any text typed by the user or read from the index.

    Returns
    -------
    str
        ``"Cœur Étoilé"`` becomes ``"coeur etoile"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return " ".join(plain.replace("-", " ").replace("'", " ").replace("’", " ").split())


@dataclass(frozen=True)
class Clipart:
    """One drawing of the library.

    Attributes
    ----------
    path
        The SVG file.
    category
        The id of its category, e.g. ``"hearts"``.
    names
        Its name by language code (``"en"``, ``"fr"``).
    keywords
        Search words by language code.
    """

    path: Path
    category: str
    names: dict[str, str]
    keywords: dict[str, tuple[str, ...]]
    _haystack: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = [*self.names.values(), self.path.stem]
        for values in self.keywords.values():
            words.extend(values)
        object.__setattr__(self, "_haystack", " | ".join(fold(w) for w in words))

    def name(self, language: str) -> str:
        """The name in ``language``, falling back to English."""
        return self.names.get(language) or self.names["en"]

    def matches(self, query: str) -> bool:
        """Whether every word of ``query`` occurs in a name or keyword, in either language.

        Matching ignores case and accents: ``"coeur"`` finds “Cœur”, ``"etoile"`` finds “Étoile”.
        """
        return all(word in self._haystack for word in fold(query).split())


@dataclass(frozen=True)
class ClipartLibrary:
    """The drawings and their categories, in the order of the index.

    Attributes
    ----------
    categories
        Category id → its name by language code.
    items
        Every drawing.
    """

    categories: dict[str, dict[str, str]]
    items: tuple[Clipart, ...]

    def category_name(self, category: str, language: str) -> str:
        """A category's name in ``language`` (falling back to English, then to its id)."""
        names = self.categories.get(category, {})
        return names.get(language) or names.get("en") or category

    def search(self, query: str = "", category: str | None = None) -> list[Clipart]:
        """The drawings in ``category`` (all when None) whose names or keywords match ``query``."""
        return [
            item
            for item in self.items
            if (category is None or item.category == category) and (not query.strip() or item.matches(query))
        ]


def clipart_dir() -> Path:
    """The folder of the bundled clipart."""
    return assets_dir() / "clipart"


def load_library(folder: Path | None = None) -> ClipartLibrary:
    """Read the index of the clipart in ``folder`` (the bundled library by default).

    Entries whose file is missing are left out, so that a damaged installation still shows
    what it has.

    Raises
    ------
    InvalidFile
        When the index cannot be read.
    """
    folder = folder or clipart_dir()
    index = folder / "index.toml"
    try:
        with index.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        return ClipartLibrary({}, ())
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise InvalidFile(f"{index}: the clipart index cannot be read ({err}).") from None
    categories = {
        str(cid): {str(k): str(v) for k, v in names.items()} for cid, names in data.get("categories", {}).items()
    }
    items: list[Clipart] = []
    for entry in data.get("clipart", []):
        path = folder / str(entry["file"])
        if not path.is_file():
            continue
        keywords = {str(lang): tuple(str(w) for w in words) for lang, words in entry.get("keywords", {}).items()}
        names = {str(k): str(v) for k, v in entry["name"].items()}
        items.append(Clipart(path, str(entry["category"]), names, keywords))
    return ClipartLibrary(categories, tuple(items))
