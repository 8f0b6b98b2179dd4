"""Names that look the same are one name, in both APIs (names.name_key), and what becomes of stored claims.

A zero-width space inside, a word joiner after, or a no-break space instead of a space: every
client displays the name like the stored one, so it is refused as a duplicate naming the
object that has it: 422 for an office hours schedule (create and rename), 400 for a
special occasion or workday (create and update). Nothing stored changes.

Schedules keep the key of the name claim they hold (layout.NAME_CLAIM); a schedule stored
before, whose claim was keyed by the earlier comparison (NFC, case folding, surrounding
white space), still releases that claim when it is renamed or deleted.
"""

from __future__ import annotations

import hashlib
import unicodedata

import pytest

from calendar_exceptions.errors import echo
from calendar_exceptions.office_hours import layout
from tests.builders import SCHEDULES, schedule, schedule_url
from tests.in_process.conftest import TABLE

NAME = "Sales Team"
LOOK_ALIKES = {
    "zero-width space inside": "Sal\u200bes Team",
    "word joiner after": "Sales Team\u2060",
    "no-break space": "Sales\u00a0Team",
}
WORKSPACE = "acct1"


@pytest.fixture(params=list(LOOK_ALIKES.values()), ids=list(LOOK_ALIKES))
def look_alike(request) -> str:
    return request.param


def test_a_schedule_name_that_looks_like_anothers_is_a_422_naming_that_schedule(api, table_items, look_alike):
    assert api.call("POST", SCHEDULES, schedule(NAME)).status == 201
    other = api.call("POST", SCHEDULES, schedule("Billing"))
    assert other.status == 201
    before = _without_id_counters(table_items())
    for method, path in (("POST", SCHEDULES), ("PUT", schedule_url(other.body["id"]))):
        reply = api.call(method, path, schedule(look_alike) if method == "POST" else {"name": look_alike})
        assert reply.status == 422, reply.text
        [error] = reply.body["errors"]
        assert (error["code"], error["field"]) == ("data_invalid", "name")
        assert error["message"] == f"name: {echo(look_alike)} is already the name of schedule 1"
    assert _without_id_counters(table_items()) == before  # a refused create leaves a gap in the ids


def _without_id_counters(items: list[dict]) -> list[dict]:
    return [item for item in items if item["sk"]["S"] != layout.IDS_SK]


def test_a_liveperson_name_that_looks_like_anothers_is_a_400_naming_that_object(api, kind, table_items, look_alike):
    created = api.call("POST", kind.url(), [kind.body(NAME), kind.body("Billing")])
    assert created.status == 200, created.text
    billing = created.body[1]
    before = table_items()
    taken = f"[0].name: {echo(look_alike)} is already the name of {kind.kind.noun} 1"
    reply = api.call("POST", kind.url(), [kind.body(look_alike)])
    assert (reply.status, reply.body["message"]) == (400, taken)
    renamed = {**billing, "name": look_alike}
    reply = api.call("PUT", kind.url(), [renamed], headers={"If-Match": created.revision})
    assert (reply.status, reply.body["message"]) == (400, taken)
    reply = api.call("POST", kind.url(), [kind.body(NAME), kind.body(look_alike)])
    twice = f"[1].name: {echo(look_alike)} appears more than once in the request"
    assert (reply.status, reply.body["message"]) == (400, twice)
    assert table_items() == before


# --- claims written before schedules kept theirs ---------------------------------------------


def _claim_of_the_earlier_comparison(name: str) -> dict:
    key = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold()).strip()
    sk = f"NAME#{hashlib.sha256(key.encode()).hexdigest()}"
    return {"pk": {"S": layout.schedules_partition(WORKSPACE)}, "sk": {"S": sk}}


def _as_stored_before(dynamodb, schedule_id: str, name: str) -> dict:
    """Make schedule `schedule_id` as stored before: no NAME_CLAIM, its claim under the earlier key."""
    dynamodb.delete_item(TableName=TABLE, Key=layout.name_claim_key(WORKSPACE, name))
    old_claim = _claim_of_the_earlier_comparison(name)
    dynamodb.put_item(TableName=TABLE, Item={**old_claim, "schedule_id": {"S": schedule_id}})
    dynamodb.update_item(
        TableName=TABLE,
        Key=layout.schedule_key(WORKSPACE, schedule_id),
        UpdateExpression="REMOVE #claim",
        ExpressionAttributeNames={"#claim": layout.NAME_CLAIM},
    )
    assert old_claim != layout.name_claim_key(WORKSPACE, name)  # the two comparisons differ on this name
    return old_claim


def _claims(table_items) -> list[dict]:
    return [item for item in table_items() if item["sk"]["S"].startswith("NAME#")]


OLD_NAME = "Sales  Team"  # two spaces: one name with "Sales Team" now, two names before


def test_renaming_a_schedule_stored_before_releases_its_old_claim_and_claims_the_new_name(api, dynamodb, table_items):
    created = api.call("POST", SCHEDULES, schedule(OLD_NAME))
    assert created.status == 201
    old_claim = _as_stored_before(dynamodb, created.body["id"], OLD_NAME)
    # When it is renamed to a name of the same letters, which its old claim did not cover
    renamed = api.call("PUT", schedule_url(created.body["id"]), {"name": NAME})
    assert renamed.status == 200, renamed.text
    # Then it holds exactly the claim of its new name, and the old claim is gone
    [claim] = _claims(table_items)
    assert {"pk": claim["pk"], "sk": claim["sk"]} == layout.name_claim_key(WORKSPACE, NAME)
    assert claim["sk"] != old_claim["sk"]
    # So its old name is free for another schedule, and its new one taken
    assert api.call("POST", SCHEDULES, schedule("sales team\u00a0")).status == 422
    renamed_again = api.call("PUT", schedule_url(created.body["id"]), {"name": "Billing"})
    assert renamed_again.status == 200
    assert api.call("POST", SCHEDULES, schedule(NAME)).status == 201


def test_deleting_a_schedule_stored_before_releases_its_old_claim(api, dynamodb, table_items):
    created = api.call("POST", SCHEDULES, schedule(OLD_NAME))
    _as_stored_before(dynamodb, created.body["id"], OLD_NAME)
    assert api.call("DELETE", schedule_url(created.body["id"])).status == 200
    assert _claims(table_items) == []


def test_a_rename_in_other_letters_of_a_schedule_stored_before_moves_its_claim_to_the_current_key(
    api, dynamodb, table_items
):
    created = api.call("POST", SCHEDULES, schedule(OLD_NAME))
    _as_stored_before(dynamodb, created.body["id"], OLD_NAME)
    assert api.call("PUT", schedule_url(created.body["id"]), {"name": "SALES  TEAM"}).status == 200
    [claim] = _claims(table_items)
    assert {"pk": claim["pk"], "sk": claim["sk"]} == layout.name_claim_key(WORKSPACE, OLD_NAME)
    assert api.call("POST", SCHEDULES, schedule(NAME)).status == 422
