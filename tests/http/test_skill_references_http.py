"""A skill's references under races, with real threads through the local API and DynamoDB over HTTP.

A skill write that names a workdays (or special occasions) object and a delete of that object,
at the same moment: one of them wins, the other is refused, and no stored skill ever names an
object that is not stored (liveperson/account_config/references.py).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from tests.builders import SKILLS_API, SPECIAL_OCCASIONS_API, WORKDAYS_API, skill
from tests.http.conftest import bearer

ROUNDS = 8


def _race(*calls: Any) -> list[requests.Response]:
    """Each of `calls` (a function of a session) in its own thread, released at once."""
    start = threading.Barrier(len(calls))

    def run(call: Any) -> requests.Response:
        with requests.Session() as session:
            start.wait()
            return call(session)

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _dangling(http: requests.Session, base_url: str, account: str) -> list[tuple[int, str, int]]:
    """(skill, field, id) for every reference of a stored skill to an object that is not stored."""
    auth = bearer(account)
    stored = {
        "workingHoursId": {o["id"] for o in http.get(base_url + WORKDAYS_API.url(account), headers=auth).json()},
        "specialOccasionId": {
            o["id"] for o in http.get(base_url + SPECIAL_OCCASIONS_API.url(account), headers=auth).json()
        },
    }
    skills = http.get(base_url + SKILLS_API.url(account), headers=auth).json()
    return [(s["id"], f, s[f]) for s in skills for f in stored if f in s and s[f] not in stored[f]]


def test_a_skill_create_racing_the_delete_of_its_workdays_object_never_dangles(base_url, http):
    for n in range(ROUNDS):
        account = f"race-create-{n}"
        auth = bearer(account)
        workdays, skills = base_url + WORKDAYS_API.url(account), base_url + SKILLS_API.url(account)
        assert http.post(workdays, json=[WORKDAYS_API.body("Office")], headers=auth).status_code == 200

        created, deleted = _race(
            lambda s, url=skills, auth=auth: s.post(url, json=[skill("S", workingHoursId=1)], headers=auth),
            lambda s, url=workdays, auth=auth: s.delete(url + "/1", headers={**auth, "If-Match": "1"}),
        )

        outcome = (created.status_code, deleted.status_code)
        # Either the skill landed first and the delete is refused naming it, or the delete did and the skill is refused
        assert outcome in ((200, 409), (400, 200)), (created.text, deleted.text)
        if outcome == (200, 409):
            assert "Workday 1 is used by skill 1 " in deleted.json()["message"]
            assert http.get(workdays + "/1", headers=auth).status_code == 200
        else:
            assert created.json()["message"].startswith("[0].workingHoursId: 1 is not the id")
            assert http.get(skills, headers=auth).json() == []
        assert _dangling(http, base_url, account) == []


def test_skill_updates_racing_the_delete_of_the_object_they_move_to_never_dangle(base_url, http):
    # Given skills on workdays object 1 and special occasions object 1, and objects 2 of each to move to
    for n in range(ROUNDS // 2):
        account = f"race-update-{n}"
        auth = bearer(account)
        workdays, skills = base_url + WORKDAYS_API.url(account), base_url + SKILLS_API.url(account)
        occasions = base_url + SPECIAL_OCCASIONS_API.url(account)
        assert http.post(workdays, json=[WORKDAYS_API.body("A"), WORKDAYS_API.body("B")], headers=auth).ok
        assert http.post(
            occasions, json=[SPECIAL_OCCASIONS_API.body("A"), SPECIAL_OCCASIONS_API.body("B")], headers=auth
        )
        bodies = [skill(f"S{i}", workingHoursId=1, specialOccasionId=1) for i in range(4)]
        stored = http.post(skills, json=bodies, headers=auth).json()
        moved = [dict(s, workingHoursId=2, specialOccasionId=2) for s in stored]

        # When one client moves them all to objects 2 while two others delete objects 2, at once
        update, delete_workdays, delete_occasions = _race(
            lambda s, url=skills, auth=auth, moved=moved: s.put(url, json=moved, headers={**auth, "If-Match": "1"}),
            lambda s, url=workdays, auth=auth: s.delete(url + "/2", headers={**auth, "If-Match": "1"}),
            lambda s, url=occasions, auth=auth: s.delete(url + "/2", headers={**auth, "If-Match": "1"}),
        )

        # Then the update lands only if both objects 2 are still there, and then neither delete does
        statuses = (update.status_code, delete_workdays.status_code, delete_occasions.status_code)
        assert statuses in ((200, 409, 409), (400, 200, 200), (400, 200, 409), (400, 409, 200)), (
            update.text,
            delete_workdays.text,
            delete_occasions.text,
        )
        assert _dangling(http, base_url, account) == []


def test_a_crowd_of_skill_writes_and_one_delete(base_url, http):
    # Given one workdays object, eight clients creating skills that use it and one deleting it, at once
    account = "race-crowd"
    auth = bearer(account)
    workdays, skills = base_url + WORKDAYS_API.url(account), base_url + SKILLS_API.url(account)
    assert http.post(workdays, json=[WORKDAYS_API.body("Office")], headers=auth).status_code == 200
    creates = [
        lambda s, i=i: s.post(skills, json=[skill(f"S{i}", workingHoursId=1)], headers=auth, timeout=60)
        for i in range(8)
    ]
    *created, deleted = _race(*creates, lambda s: s.delete(workdays + "/1", headers={**auth, "If-Match": "1"}))

    # Then every create either landed or was refused for the missing object, and the delete only if none landed
    statuses = [r.status_code for r in created]
    assert set(statuses) <= {200, 400}, [r.text for r in created]
    landed = statuses.count(200)
    assert deleted.status_code == (409 if landed else 200), deleted.text
    assert len(http.get(skills, headers=auth).json()) == landed
    assert _dangling(http, base_url, account) == []
