"""Deep links: turn untrusted input into known ids, or say why not.

Everything from a URL or a browser event is treated as hostile: it is matched against
the atlas's own ids and never echoed as markup. (Map clicks are checked by
``tpatlas.mapview.protocol.parse_event``.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MAX_PARAM = 4000  # longer values are refused outright
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def safe_snippet(value: str, limit: int | None = 40) -> str:
    """An inert version of text to put inside Markdown (a notice, a card).

    Control and format characters are dropped, the text is cut to ``limit`` characters
    (None keeps it whole) and every Markdown/HTML special character is escaped.
    """
    kept = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C" or ch == "\n")
    cut = kept if limit is None or len(kept) <= limit else kept[:limit] + "…"
    return _MD_SPECIAL.sub(r"\\\1", cut)


@dataclass(frozen=True)
class Parsed:
    """A parsed parameter: the id it names (or None) and a notice for the user (or None)."""

    value: str | None
    notice: str | None = None


def first_value(raw: str | list[str] | None) -> str | None:
    """Streamlit gives the last of repeated parameters; accept a list too."""
    if isinstance(raw, list):
        return raw[-1] if raw else None
    return raw


def parse_choice(raw: str | list[str] | None, known: Iterable[str], what: str) -> Parsed:
    """Match a URL parameter against known ids (case and spaces forgiven)."""
    value = first_value(raw)
    if value is None:
        return Parsed(None)
    if len(value) > MAX_PARAM:
        return Parsed(None, f"The link's {what} was too long to read, so nothing is selected.")
    cleaned = value.strip().lower().replace("-", "_").replace(" ", "_")
    if cleaned in set(known):
        return Parsed(cleaned)
    if not cleaned:
        return Parsed(None, f"The link names no {what}, so nothing is selected.")
    return Parsed(
        None, f"The link asks for an unknown {what} ('{safe_snippet(value)}'), so nothing is selected."
    )
