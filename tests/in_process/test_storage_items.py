"""Items are (de)serialised exactly as boto3's TypeSerializer and TypeDeserializer would (storage.py)."""

from __future__ import annotations

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_exceptions import storage

LEAVES = st.one_of(st.text(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.none())
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=20,
)
ITEMS = st.dictionaries(st.text(min_size=1, max_size=5), VALUES, max_size=5)


@settings(max_examples=300, deadline=None)
@given(ITEMS)
def test_items_are_what_boto3_would_write_and_read_back(values):
    boto3_item = {key: TypeSerializer().serialize(value) for key, value in values.items() if value is not None}
    assert storage.to_item(values) == boto3_item
    deserializer = TypeDeserializer()
    assert storage.from_item(boto3_item) == {
        key: storage._plain(deserializer.deserialize(value)) for key, value in boto3_item.items()
    }


def test_types_this_product_does_not_store_still_go_through_boto3():
    item = {"tags": {"SS": ["a", "b"]}, "ratio": {"N": "2.5"}, "blob": {"B": b"x"}}
    assert storage.from_item(item) == {
        "tags": {"a", "b"},
        "ratio": 2,
        "blob": TypeDeserializer().deserialize(item["blob"]),
    }
    assert storage.to_item({"tags": {"a"}}) == {"tags": {"SS": ["a"]}}
