"""The LivePerson collections (liveperson/kinds.py): what a Kind names without importing is what it imports."""

from __future__ import annotations

import pytest

from calendar_exceptions.liveperson.kinds import KINDS


@pytest.mark.parametrize("collection_kind", KINDS, ids=lambda kind: kind.type)
def test_a_kinds_model_names_are_its_models_names(collection_kind):
    # The names are the OpenAPI schemas' and the routes' references to them, read without importing pydantic.
    model, new_model = collection_kind.models()
    assert (model.__name__, new_model.__name__) == (collection_kind.model_name, collection_kind.new_model_name)
    assert (collection_kind.model, collection_kind.new_model) == (model, new_model)


def test_each_collection_has_its_own_type_and_partition():
    assert len({kind.type for kind in KINDS}) == len(KINDS)
    assert len({kind.layout.partition for kind in KINDS}) == len(KINDS)
    assert len({kind.metric for kind in KINDS}) == len(KINDS)
