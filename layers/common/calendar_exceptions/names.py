"""Names, as both APIs compare them: when two names are the same, and when a name is blank.

Names are stored as sent; only comparisons use these keys.
"""

from __future__ import annotations

import unicodedata

# Characters that show nothing: white space, and format characters such as the zero-width
# space and joiners (Cf); controls (Cc) as well.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf", "Cc"})


def is_blank(name: str) -> bool:
    """Whether `name` shows nothing: empty, or only white space and invisible characters."""
    return all(ch.isspace() or unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in name)


def name_key(name: str) -> str:
    """What makes two names the same: equal after Unicode NFC normalisation, case folding and
    trimming of surrounding blanks ("Café" precomposed and "Cafe" + U+0301 are one name)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold()).strip()
