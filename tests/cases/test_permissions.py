"""Every write on a case's rows, rollouts, やってみたい and questions against every kind of actor.

Actors as in ``factories.cast``: anonymous, a member and the coordinator of the case's lab, a
coordinator of another lab, an expert, the secretariat. Anonymous gets 401; a refused actor 403;
an allowed one 2xx.
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.cases.test_cases_api import CASE

WRITERS = {"member", "coordinator", "secretariat"}
OUTSIDERS = {"other_coordinator", "expert", "secretariat"}  # not of the case's lab
ADOPTERS = {"other_coordinator", "secretariat"}  # may act for another lab's rollout
THIRD_LAB = {"secretariat"}  # the existing rollout is a third lab's, which nobody here joined
ASKER = {"other_coordinator", "secretariat"}  # the question is the other coordinator's

# (name, method, path template, body, actors allowed)
WRITES = [
    ("add subsidy row", "post", "{case}/subsidies", {"programme": "municipal"}, WRITERS),
    ("change subsidy row", "patch", "{case}/subsidies/{subsidy}", {"fiscal_year": 2025}, WRITERS),
    ("delete outcome row", "delete", "{case}/outcomes/{outcome}", None, WRITERS),
    ("unpublish", "post", "{case}/unpublish", {"reason": "確認"}, {"secretariat"}),
    ("record rollout", "post", "{case}/rollouts", {"lab_id": "{adopter_lab}"}, ADOPTERS),
    ("update rollout", "patch", "{case}/rollouts/{rollout}", {"status": "done"}, THIRD_LAB),
    ("delete rollout", "delete", "{case}/rollouts/{rollout}", None, THIRD_LAB),
    ("やってみたい", "post", "{case}/interest", {}, OUTSIDERS),
    ("ask question", "post", "{case}/questions", {"body": "費用は？"}, OUTSIDERS),
    ("answer question", "put", "{case}/questions/{question}/answer", {"answer": "約半分"}, WRITERS),
    ("delete question", "delete", "{case}/questions/{question}", None, ASKER),
]


@pytest.fixture
def world(client, auth, make):
    """A published case with rows; another lab's rollout of it and its coordinator's question."""
    lab = make.lab(prefectures=("40",))
    people = make.cast(lab)
    adopter = people["other_coordinator"]
    adopter_lab = adopter.memberships[0].lab_id
    auth.login(people["coordinator"])
    case = client.post("/api/cases", json={**CASE, "lab_id": lab.id}).get_json()
    auth.logout()
    # a third lab's rollout, so that the adopter's lab may still record its own
    third = make.coordinator(make.lab(prefectures=("01",)))
    auth.login(third)
    rollout = client.post(f"/api/cases/{case['id']}/rollouts", json={}).get_json()
    auth.logout()
    auth.login(adopter)
    question = client.post(f"/api/cases/{case['id']}/questions", json={"body": "質問"}).get_json()
    auth.logout()
    ids = {
        "case": case["id"],
        "subsidy": case["subsidies"][0]["id"],
        "outcome": case["outcomes"][0]["id"],
        "rollout": rollout["id"],
        "question": question["id"],
        "adopter_lab": adopter_lab,
    }
    return people, ids


@pytest.mark.parametrize("actor", factories.ACTORS)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "allowed"), WRITES, ids=[w[0] for w in WRITES]
)
def test_permission_matrix(client, auth, world, actor, name, method, path, body, allowed):
    people, ids = world
    if actor != "anonymous":
        auth.login(people[actor])
    if body is not None:
        body = {
            key: int(value.format(**ids)) if isinstance(value, str) and "{" in value else value
            for key, value in body.items()
        }
    kwargs = {"json": body} if body is not None else {}
    response = getattr(client, method)("/api/cases/" + path.format(**ids), **kwargs)
    if actor == "anonymous":
        expected = {401}
    elif actor in allowed:
        expected = {200, 201, 204}
    else:
        expected = {403}
    assert response.status_code in expected, (name, actor, response.get_json())
