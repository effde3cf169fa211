"""Every write on events, and every host-only read and export, against every kind of actor.

Actors as in ``factories.cast`` plus ``cohost``, the coordinator of the co-hosting lab:
anonymous, a member and the coordinator of the lead lab, the co-host's coordinator, a
coordinator of a lab that does not host, an expert, the secretariat. Anonymous gets 401; a
refused actor 403 (404 on a draft, which does not exist for them); an allowed one 2xx.
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.events.conftest import ago, create_event, later, publish, set_columns

ACTORS = ("anonymous", "member", "coordinator", "cohost", "other_coordinator", "expert",
          "secretariat")  # fmt: skip
EDITORS = {"coordinator", "cohost", "secretariat"}
SIGNED_IN = set(ACTORS) - {"anonymous"}
CHECK_IN = {"registration_id": "{registration}"}

# (name, method, path template, body, actors allowed, refused on a draft)
WRITES = [
    ("create", "post", "", {"lab_id": "{lab}"}, {"coordinator", "secretariat"}, False),
    ("update", "patch", "/{event}", {"title": "改題"}, EDITORS, False),
    ("publish", "post", "/{draft}/publish", None, EDITORS, True),
    ("delete", "delete", "/{draft}", None, EDITORS, True),
    ("cancel", "post", "/{event}/cancel", {"reason": "中止"}, EDITORS, False),
    ("add host", "post", "/{event}/hosts", {"lab_id": "{spare_lab}"}, EDITORS, False),
    ("set quota", "patch", "/{event}/hosts/{cohost_lab}", {"seat_quota": 1}, EDITORS, False),
    ("remove host", "delete", "/{event}/hosts/{cohost_lab}", None, EDITORS, False),
    ("register", "post", "/{event}/registration", {}, SIGNED_IN, False),
    ("host cancels", "delete", "/{event}/registrations/{registration}", None, EDITORS, False),
    ("draw lottery", "post", "/{lottery}/lottery", {"seed": 5}, EDITORS, False),
    ("check in", "post", "/{event}/check-in", CHECK_IN, EDITORS, False),
    ("participants", "get", "/{event}/registrations", None, EDITORS, False),
    ("waitlist", "get", "/{event}/waitlist", None, EDITORS, False),
    ("counts", "get", "/{event}/counts", None, EDITORS, False),
    ("copy", "post", "/{event}/copy", {"starts_at": "2030-05-01T10:00:00+09:00"}, EDITORS, False),
    ("closing report", "put", "/{past}/report", {"summary": "報告"}, EDITORS, False),
    ("csv", "get", "/{event}/registrations.csv", None, EDITORS, False),
]


@pytest.fixture
def world(make, client_for):
    """A published event of two labs with one participant, a draft, and a lottery whose
    application deadline has passed."""
    lead_lab, cohost_lab = make.lab(prefectures=("04",)), make.lab(prefectures=("40",))
    people = factories.cast(lead_lab)
    people["cohost"] = make.coordinator(cohost_lab)
    lead = client_for(people["coordinator"])
    hosts = [{"lab_id": cohost_lab.id}]
    event = publish(lead, create_event(lead, lead_lab, hosts=hosts, capacity=5))
    draft = create_event(lead, lead_lab, hosts=hosts)
    lottery = create_event(lead, lead_lab, hosts=hosts, mode="lottery", lottery_deadline=later(10))
    publish(lead, lottery)
    set_columns(lottery["id"], lottery_deadline=ago(hours=1))
    past = publish(lead, create_event(lead, lead_lab, hosts=hosts))
    set_columns(past["id"], starts_at=ago(hours=3), ends_at=ago(hours=1))
    participant = client_for(make.member(make.lab(prefectures=("13",))))
    registration = participant.post(f"/api/events/{event['id']}/registration", json={})
    ids = {
        "lab": lead_lab.id,
        "cohost_lab": cohost_lab.id,
        "spare_lab": make.lab(prefectures=("01",)).id,
        "event": event["id"],
        "draft": draft["id"],
        "lottery": lottery["id"],
        "past": past["id"],
        "registration": registration.get_json()["id"],
    }
    return people, ids


def _body(template, ids):
    if template is None:
        return None
    body = {
        key: int(value.format(**ids)) if isinstance(value, str) and "{" in value else value
        for key, value in template.items()
    }
    if "lab_id" in body and set(body) == {"lab_id"} and body["lab_id"] == ids["lab"]:
        body.update(title="新しいイベント", starts_at=later(40), ends_at=later(40, 2), capacity=10)
    return body


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "allowed", "hidden"), WRITES, ids=[w[0] for w in WRITES]
)
def test_permission_matrix(
    app, client, client_for, world, actor, name, method, path, body, allowed, hidden
):
    people, ids = world
    caller = client if actor == "anonymous" else client_for(people[actor])
    body = _body(body, ids)
    kwargs = {"json": body} if body is not None else {}
    response = getattr(caller, method)("/api/events" + path.format(**ids), **kwargs)
    if actor in allowed:
        expected = {200, 201, 204}
    elif hidden:
        expected = {404}
    elif actor == "anonymous":
        expected = {401}
    else:
        expected = {403}
    assert response.status_code in expected, (name, actor, response.get_json())
