"""When two names are one name, for both APIs (names.py): caseless identifier matching of what a reader sees.

Properties over any text: the key is idempotent; inserting default-ignorable code points or
swapping one kind of white space for another never changes it; a different letter does; a
name whose key is empty is blank. The tables the standard library lacks are checked against
the `regex` module's Unicode properties.
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_exceptions import names
from calendar_exceptions.names import is_blank, name_key

SETTINGS = settings(max_examples=400, deadline=None)
EVERY_CODE_POINT = "".join(map(chr, range(0x110000)))
IGNORABLES = regex.findall(r"\p{Default_Ignorable_Code_Point}", EVERY_CODE_POINT)
WHITE_SPACE = regex.findall(r"\p{White_Space}", EVERY_CODE_POINT)
# Assigned default-ignorables (the reserved ones are as ignorable, but no one types them)
ignorables = st.sampled_from([ch for ch in IGNORABLES if regex.fullmatch(r"\p{Assigned}", ch)])
white_space_runs = st.text(st.sampled_from(WHITE_SPACE), min_size=1, max_size=3)
any_text = st.text(max_size=30)
letters = st.sampled_from("abcxyz7\u00e9\u0436\u03bb\u4e2d")  # Latin, a digit, an accented letter, Cyrillic, Greek, Han


def test_a_zero_width_space_a_word_joiner_or_a_no_break_space_make_no_new_name():
    assert name_key("Sales\u200bTeam") == name_key("SalesTeam")
    assert name_key("Sales Team\u2060") == name_key("Sales Team")
    assert name_key("Sales\u00a0Team") == name_key("Sales Team")


def test_case_compatibility_forms_and_white_space_runs_make_no_new_name():
    same = [
        ("Support", " SUPPORT\t"),
        ("Caf\u00e9", "CAFE\u0301"),  # precomposed, decomposed
        ("Stra\u00dfe", "STRASSE"),  # full case folding
        ("\uff33\uff55\uff50\uff50\uff4f\uff52\uff54", "support"),  # fullwidth letters
        ("\ufb01le", "file"),  # a ligature
        ("Sales \u3000\t Team", "sales team"),
        ("\u3164Support\u115f", "support"),  # Hangul fillers
        ("Support\ufe0f", "support"),  # a variation selector
    ]
    for one, other in same:
        assert name_key(one) == name_key(other), (one, other)


def test_names_that_read_differently_stay_two_names():
    for one, other in [("Support", "Supports"), ("Caf\u00e9", "Cafe"), ("Sales Team", "SalesTeam"), ("Ii", "I\u0131")]:
        assert name_key(one) != name_key(other), (one, other)


def test_the_default_ignorable_and_white_space_tables_are_unicodes():
    assert "".join(IGNORABLES) == "".join(names._IGNORABLE.findall(EVERY_CODE_POINT))
    assert "".join(WHITE_SPACE) == "".join(names._WHITE_SPACE.findall(EVERY_CODE_POINT))


@SETTINGS
@given(any_text)
def test_the_key_is_idempotent(name):
    assert name_key(name_key(name)) == name_key(name)


@SETTINGS
@given(any_text, st.lists(st.tuples(st.integers(0, 30), ignorables), max_size=4))
def test_inserting_default_ignorables_anywhere_never_changes_the_key(name, insertions):
    padded = name
    for position, ignorable in insertions:
        at = min(position, len(padded))
        padded = padded[:at] + ignorable + padded[at:]
    assert name_key(padded) == name_key(name)


@SETTINGS
@given(any_text, white_space_runs, white_space_runs, any_text)
def test_one_kind_or_length_of_white_space_for_another_never_changes_the_key(before, space, other_space, after):
    assert name_key(before + space + after) == name_key(before + other_space + after)


@SETTINGS
@given(any_text, letters, letters, any_text)
def test_a_different_letter_is_a_different_name(before, letter, other_letter, after):
    if letter != other_letter:
        assert name_key(before + letter + after) != name_key(before + other_letter + after)


@SETTINGS
@given(any_text)
def test_a_name_with_an_empty_key_is_blank(name):
    assert name_key(name) != "" or is_blank(name)


def test_a_name_of_fillers_variation_selectors_or_soft_hyphens_is_blank():
    for name in ("\u3164", "\u115f\u1160", "\ufe0f", "\u00ad \u034f"):
        assert is_blank(name), ascii(name)
    assert not is_blank("\u3164Support")
