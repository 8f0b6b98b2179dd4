"""GET /api/account/{accountId}/skills/{skillId}/shift-status-skill through its real handler, storage seeded directly.

Storage is written in the layout the workdays and special occasions collections share
(liveperson/account_config/layout.py, each Kind's, read by liveperson/account_config/defaults.py):
a head item per collection with `default_id`, the objects at `WORKDAY#<id:012d>` /
`OCCASION#<id:012d>`. Instants as in test_shift_status_rules.py:
Warsaw is UTC+1 in December; 2026-12-14 is a Monday.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from calendar_exceptions import clock, storage
from calendar_exceptions import dynamodb as dynamodb_toolkit
from calendar_exceptions.errors import ServiceUnavailable
from calendar_exceptions.liveperson.account_config.defaults import read_defaults
from calendar_exceptions.liveperson.account_config.layout import Layout
from calendar_exceptions.liveperson.special_occasions.kind import SPECIAL_OCCASIONS
from calendar_exceptions.liveperson.workdays.kind import WORKDAYS
from local import gateway, template
from tests.builders import OFFICE, shift
from tests.builders import occasion_event as event
from tests.builders import stored_occasion as occasion
from tests.builders import stored_workday as workday

ACCOUNT = "1001"
MONDAY_10_WARSAW = "1797238800000"  # 2026-12-14T09:00Z


def url(skill: str = "42", account: str = ACCOUNT) -> str:
    return f"/api/account/{account}/skills/{skill}/shift-status-skill"


def seed(dynamodb: Any, collection: Layout, objects: list[dict[str, Any]], default_id: int | None) -> None:
    """Write a collection's head and objects as the collections' APIs store them."""
    table = storage.table_name()
    head = {"pk": collection.partition_key(ACCOUNT), "sk": "#HEAD", "revision": 1, "index": {}}
    head |= {"last_id": max((o["id"] for o in objects), default=0), "default_id": default_id}
    dynamodb.put_item(TableName=table, Item=storage.to_item(head) | {"default_id": _number_or_null(default_id)})
    for body in objects:
        key = collection.item_key(ACCOUNT, body["id"])
        dynamodb.put_item(TableName=table, Item=key | storage.to_item(body))


def _number_or_null(value: int | None) -> dict[str, Any]:
    return {"NULL": True} if value is None else {"N": str(value)}


def status(api, skill: str = "42", at: str | None = MONDAY_10_WARSAW, **kwargs: Any):
    return api.call("GET", url(skill), tenant=ACCOUNT, query="" if at is None else f"at={at}", **kwargs)


def test_the_account_level_status_in_the_vendors_shape(api, dynamodb):
    seed(dynamodb, WORKDAYS.layout, [OFFICE], default_id=1)
    reply = status(api, skill="42")
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"] == "application/json"
    assert reply.body == {
        "skillId": 42,
        "onShift": True,
        "nextOn": 1797321600000,  # 2026-12-15T08:00Z
        "nextOff": 1797264000000,  # 2026-12-14T16:00Z
    }
    # A skill id the account does not have answers the account level's status
    assert status(api, skill="7").body == {**reply.body, "skillId": 7}


def test_the_default_occasion_overrides_the_default_workday(api, dynamodb):
    seed(dynamodb, WORKDAYS.layout, [OFFICE], default_id=1)
    evening = occasion(event("2026-12-14T16:00:00", "2026-12-14T22:00:00"))
    not_default = {**occasion(event("2026-12-14", "2026-12-15", working=False)), "id": 2, "isDefault": False}
    seed(dynamodb, SPECIAL_OCCASIONS.layout, [evening, not_default], default_id=1)
    assert status(api).body == {
        "skillId": 42,
        "onShift": False,
        "nextOn": 1797260400000,  # 2026-12-14T15:00Z
        "nextOff": 1797282000000,  # 2026-12-14T21:00Z
    }


def test_a_default_swap_changes_the_answer(api, dynamodb):
    nights = {**workday(shift("2026-12-11T22:00:00", "2026-12-12T06:00:00")), "id": 2, "isDefault": False}
    seed(dynamodb, WORKDAYS.layout, [OFFICE, nights], default_id=1)
    before = status(api).body
    seed(dynamodb, WORKDAYS.layout, [{**OFFICE, "isDefault": False}, {**nights, "isDefault": True}], default_id=2)
    after = status(api).body
    assert before == {"skillId": 42, "onShift": True, "nextOn": 1797321600000, "nextOff": 1797264000000}
    assert after == {
        "skillId": 42,
        "onShift": False,
        "nextOn": 1797627600000,  # 2026-12-18T21:00Z = Friday 22:00 Warsaw
        "nextOff": 1797656400000,  # 2026-12-19T05:00Z = Saturday 06:00 Warsaw
    }


@pytest.mark.parametrize("default_id", [None, "absent"], ids=["null", "absent"])
def test_no_default_anywhere_is_off_shift_with_nothing_next(api, dynamodb, default_id):
    seed(dynamodb, WORKDAYS.layout, [{**OFFICE, "isDefault": False}], default_id=None)
    if default_id == "absent":
        head_key = {"pk": {"S": WORKDAYS.layout.partition_key(ACCOUNT)}, "sk": {"S": "#HEAD"}}
        dynamodb.update_item(TableName=storage.table_name(), Key=head_key, UpdateExpression="REMOVE default_id")
    assert status(api).body == {"skillId": 42, "onShift": False, "nextOn": None, "nextOff": None}


def test_an_account_that_never_wrote_is_off_shift(api):
    assert status(api).body == {"skillId": 42, "onShift": False, "nextOn": None, "nextOff": None}


def test_without_at_the_answer_is_for_the_request_time_then_the_clock(api, dynamodb, functions, router, monkeypatch):
    seed(dynamodb, WORKDAYS.layout, [OFFICE], default_id=1)
    # The request API Gateway received on Monday 2026-12-14 at 10:00 in Warsaw (09:00Z): on shift until 16:00Z
    reply = status(api, at=None, request_time=1797238800)
    assert reply.body == {"skillId": 42, "onShift": True, "nextOn": 1797321600000, "nextOff": 1797264000000}
    # An event without API Gateway's requestTimeEpoch: the layer's clock, 18:30 in Warsaw (17:30Z), off shift
    # until Tuesday 09:00 (08:00Z), which ends at 16:00Z
    monkeypatch.setattr(clock, "now", lambda: 1797269400.25)
    match = router.match("GET", url())
    event = gateway.build_event(match, "GET", url(), "", [("Authorization", f"Bearer {api.token(ACCOUNT)}")], b"")
    del event["requestContext"]["requestTimeEpoch"]
    body = json.loads(functions[match.function.logical_id].invoke(event)["body"])
    assert body == {"skillId": 42, "onShift": False, "nextOn": 1797321600000, "nextOff": 1797350400000}


def test_the_answer_is_never_cached(api, dynamodb):
    # It depends on the moment and on collections that change at any time: no client or proxy may keep it.
    seed(dynamodb, WORKDAYS.layout, [OFFICE], default_id=1)
    assert status(api).headers["cache-control"] == "no-store"
    assert status(api, at=None).headers["cache-control"] == "no-store"


def test_without_at_the_answer_is_for_now(api, dynamodb):
    every_day = workday(*(shift(f"2020-01-{6 + i:02d}", f"2020-01-{7 + i:02d}") for i in range(7)))
    seed(dynamodb, WORKDAYS.layout, [every_day], default_id=1)
    # 24/7 from Monday 2020-01-06 on: on shift now, and not in 1970
    assert status(api, at=None).body == {"skillId": 42, "onShift": True, "nextOn": None, "nextOff": None}
    assert status(api, at="0").body["onShift"] is False


@pytest.mark.parametrize("skill", ["0", "00", "abc", "-1", "1.5", "1e3", "1234567890123456789"])
def test_a_skill_id_that_is_not_a_positive_integer_is_400(api, table_items, skill):
    before = table_items()
    reply = status(api, skill=skill)
    assert reply.status == 400, reply.text
    assert reply.body["type"] == "shiftstatus"
    assert reply.body["internalCode"] == 10
    assert reply.body["message"].startswith("skillId:")
    assert table_items() == before


@pytest.mark.parametrize(
    "query", ["at=", "at=abc", "at=-1", "at=1.5", "at=1e12", "at=%201", "at=1&at=2", "at=1&at=1", "at=253339228800001"]
)
def test_a_malformed_or_negative_at_is_400_naming_at(api, query):
    reply = api.call("GET", url(), tenant=ACCOUNT, query=query)
    assert reply.status == 400, reply.text
    assert reply.body["type"] == "shiftstatus"
    assert reply.body["message"].startswith("at:")


def test_the_largest_at_is_answered(api, dynamodb):
    seed(dynamodb, WORKDAYS.layout, [OFFICE], default_id=1)
    assert status(api, at="253339228800000").status == 200  # 9998-01-01T00:00Z


def test_another_accounts_status_is_403_in_the_shift_status_body(api):
    reply = api.call("GET", url(account="2002"), tenant=ACCOUNT, query=f"at={MONDAY_10_WARSAW}")
    assert reply.status == 403
    assert reply.body == {"type": "shiftstatus", "internalCode": 21, "message": "Not allowed to access account '2002'"}
    assert api.call("GET", url(), tenant=None).body["type"] == "shiftstatus"


def test_a_path_account_of_3000_characters_is_quoted_cut_in_the_403(api):
    reply = api.call("GET", url(account="7" * 3000), tenant=ACCOUNT, query=f"at={MONDAY_10_WARSAW}")
    assert reply.status == 403
    assert reply.body["message"] == f"Not allowed to access account '{'7' * 100}…' (cut: 3000 characters)"
    assert "7" * 101 not in reply.text


def test_two_strongly_consistent_round_trips(api, dynamodb):
    # Given both defaults, and a first request that looked the token up
    seed(dynamodb, WORKDAYS.layout, [OFFICE], default_id=1)
    seed(dynamodb, SPECIAL_OCCASIONS.layout, [occasion(event("2026-12-16", "2026-12-17", working=False))], 1)
    assert status(api).status == 200
    calls: list[tuple[str, dict[str, Any]]] = []
    storage.dynamodb_client().meta.events.register(
        "provide-client-params.dynamodb", lambda model, params, **_: calls.append((model.name, params))
    )
    # When the status is asked again
    assert status(api).status == 200
    # Then it cost two BatchGetItem calls, both consistent: the two heads and the skill, then the two defaults
    assert [name for name, _ in calls] == ["BatchGetItem", "BatchGetItem"]
    requests = [params["RequestItems"][storage.table_name()] for _, params in calls]
    assert all(request["ConsistentRead"] is True for request in requests)
    assert [len(request["Keys"]) for request in requests] == [3, 2]


def test_without_defaults_one_round_trip(api):
    assert status(api).status == 200
    calls: list[str] = []
    storage.dynamodb_client().meta.events.register(
        "provide-client-params.dynamodb", lambda model, **_: calls.append(model.name)
    )
    assert status(api).status == 200
    assert calls == ["BatchGetItem"]


class _Throttling:
    """A client that leaves every key unprocessed `times` times, then answers from `items`."""

    def __init__(self, times: int, items: list[dict[str, Any]]) -> None:
        self.times, self.items, self.calls = times, items, 0

    def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:
        self.calls += 1
        if self.calls <= self.times:
            return {"Responses": {}, "UnprocessedKeys": RequestItems}
        keys = RequestItems["t"]["Keys"]
        found = [i for i in self.items if any(i["pk"] == k["pk"] and i["sk"] == k["sk"] for k in keys)]
        return {"Responses": {"t": found}}


def test_unprocessed_keys_are_asked_again_then_503(monkeypatch):
    monkeypatch.setattr(dynamodb_toolkit, "pause", lambda retry: 0)
    head = {"pk": {"S": WORKDAYS.layout.partition_key("a")}, "sk": {"S": "#HEAD"}, "default_id": {"N": "1"}}
    item = WORKDAYS.layout.item_key("a", 1) | storage.to_item({"id": 1, "events": []})
    client = _Throttling(2, [head, item])
    assert read_defaults(client, "t", "a") == {SPECIAL_OCCASIONS: None, WORKDAYS: {"id": 1, "events": []}}
    assert client.calls == 4  # the heads left unprocessed twice, then the heads, then the default
    with pytest.raises(ServiceUnavailable):
        read_defaults(_Throttling(100, []), "t", "a")


def test_the_function_imports_no_pydantic_and_no_rrule():
    # Cold start: a function that validates no body does not import pydantic, and the shift status expands rules
    # with the layer's bounded expander (hours/expansion.py), not python-dateutil's rrule.
    spec = template.functions()["GetShiftStatusSkillFunction"]
    code = "import sys, app; print('pydantic' in sys.modules or 'dateutil.rrule' in sys.modules)"
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=spec.code_dir,
        env={
            "PYTHONPATH": str(template.ROOT / "layers" / "common"),
            "TABLE_NAME": "t",
            "AWS_DEFAULT_REGION": "us-east-1",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.stdout.strip() == "False", completed.stderr
