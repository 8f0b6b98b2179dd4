"""Names, as both APIs compare them: when two names are the same, and when a name is blank.

Names are stored as sent; only comparisons use `name_key`. Two names are one name when a
reader cannot tell them apart: Unicode's caseless identifier matching (UAX #31, Unicode
section 3.13: NFKC with case folding, default-ignorable code points removed), with every
run of white space read as one space and the name trimmed. So `Support`, ` SUPPORT `,
`Sup\u200bport` (a zero-width space inside), `Support\u2060` (a word joiner after) and
`Sales\u00a0Team` (a no-break space) against `Sales  Team` are each one name.

How this differs from Unicode's `toNFKC_Casefold`, which the standard library does not
offer: it is NFKC and full case folding (`str.casefold`) repeated until the text no longer
changes, with the Default_Ignorable_Code_Point set below removed before and after, all
from the Unicode version of Python's `unicodedata` (15.0 for Python 3.12); Unicode's
property table is the same composition closed in advance, so the two agree but where a
later Unicode version changed a character's folding or normalisation. White space is
further collapsed, which `toNFKC_Casefold` does not do (NFKC already makes most spaces
U+0020; tabs, line breaks, U+0085 and U+1680 it keeps).
"""

from __future__ import annotations

import re
import unicodedata

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, unchanged from Unicode
# 15.0 to 16.0): characters that show nothing when a font has no glyph for them (soft hyphen,
# zero-width space and joiners, bidirectional controls, word joiner, variation selectors,
# Hangul fillers, tags) and the unassigned code points reserved for more of them. The
# standard library has no such property; tests/rules/test_names.py checks this table
# against the `regex` module's `\p{Default_Ignorable_Code_Point}`.
_DEFAULT_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_IGNORABLE = re.compile(f"[{_DEFAULT_IGNORABLE}]+")
# Unicode's White_Space property (PropList.txt): not `\s`, which also matches U+001C..U+001F.
_WHITE_SPACE = re.compile("[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
# NFKC and case folding settle in one or two rounds; the bound only keeps the loop finite.
_MAX_ROUNDS = 8


def is_blank(name: str) -> bool:
    """Whether `name` shows nothing: empty, or only white space, default-ignorable code points,
    format characters (Cf) and controls (Cc), such as U+200B or U+3164 HANGUL FILLER."""
    return all(ch.isspace() or unicodedata.category(ch) in {"Cf", "Cc"} for ch in _IGNORABLE.sub("", name))


def name_key(name: str) -> str:
    """What makes two names the same (see the module's docstring): equal keys, one name.

    Idempotent: `name_key(name_key(x)) == name_key(x)`.
    """
    text = _IGNORABLE.sub("", name)
    for _ in range(_MAX_ROUNDS):
        folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
        folded = _IGNORABLE.sub("", folded)
        if folded == text:
            break
        text = folded
    return _WHITE_SPACE.sub(" ", text).strip(" ")
