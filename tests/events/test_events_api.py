"""Joint events over the API: creating, co-hosting, listing, registering, the waitlist."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.events.models import Event, Registration
from tests.events.conftest import EVENT, ago, create_event, later, publish, set_columns


def register(client, url, **body):
    return client.post(f"{url}/registration", json=body)


def test_two_labs_co_host_and_both_coordinators_edit(client, make, client_for, joint):
    event = joint["event"]
    assert [h["lab_id"] for h in event["hosts"]] == [joint["miyagi"].id, joint["fukuoka"].id]
    assert event["region"] == "tohoku" and event["challenges"] == ["support", "talent"]
    assert "<strong>生成AI</strong>" in event["description_html"]
    assert "<script>" not in event["description_html"]
    assert event["can_edit"] is True and event["status"] == "published"
    cohost = client_for(joint["cohost"])
    changed = cohost.patch(joint["url"], json={"title": "共催で改題", "capacity": 5})
    assert changed.status_code == 200 and changed.get_json()["capacity"] == 5
    outsider = client_for(make.coordinator(make.lab()))
    assert outsider.patch(joint["url"], json={"title": "x"}).status_code == 403
    assert client.get(joint["url"]).get_json()["can_edit"] is False


def test_a_draft_is_seen_by_its_hosts_and_the_secretariat_only(client, make, client_for, joint):
    lead = client_for(joint["lead"])
    draft = create_event(lead, joint["miyagi"], hosts=[{"lab_id": joint["fukuoka"].id}])
    url = f"/api/events/{draft['id']}"
    assert client.get(url).status_code == 404
    assert client_for(make.member(joint["miyagi"])).get(url).status_code == 404
    assert client_for(joint["cohost"]).get(url).status_code == 200
    assert client_for(make.user(role=Role.SECRETARIAT)).get(url).status_code == 200
    listed = [e["id"] for e in client.get("/api/events").get_json()["items"]]
    assert listed == [joint["event"]["id"]]
    mine = [e["id"] for e in lead.get("/api/events").get_json()["items"]]
    assert set(mine) == {draft["id"], joint["event"]["id"]}


def test_times_without_an_offset_are_japan_time_and_stored_in_utc(client_for, make):
    lab = make.lab()
    coordinator = client_for(make.coordinator(lab))
    event = create_event(
        coordinator, lab, starts_at="2030-04-01T10:00:00", ends_at="2030-04-01T12:00:00+09:00"
    )
    assert event["starts_at"].startswith("2030-04-01T01:00:00")
    assert event["ends_at"].startswith("2030-04-01T03:00:00")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"kind": "party"}, "kind"),
        ({"capacity": -1}, "capacity"),
        ({"starts_at": "2030-04-01T10:00:00", "ends_at": "2030-04-01T09:00:00"}, "ends_at"),
        ({"starts_at": "9999-12-31T23:59:59"}, "starts_at"),
        ({"starts_at": "0001-01-01T00:00:00"}, "starts_at"),
        ({"starts_at": "明日"}, "starts_at"),
        ({"mode": "lottery"}, "lottery_deadline"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"prefecture": "48"}, "prefecture"),
        ({"challenges": ["unknown"]}, "challenges"),
        ({"hosts": [{"lab_id": 2**31 - 1}]}, "hosts"),
        ({"hosts": [{"lab_id": 1, "seat_quota": 10}]}, "hosts"),
        ({"related_case_ids": [123456]}, "related_case_ids"),
        ({"registration_opens_at": later(5), "registration_closes_at": later(4)}, None),
    ],
)
def test_bad_input_is_a_422_with_the_field(client_for, make, changes, field):
    lab = make.lab()
    coordinator = client_for(make.coordinator(lab))
    body = {"lab_id": lab.id, "starts_at": later(30), "ends_at": later(30, 3), **EVENT}
    response = coordinator.post("/api/events", json={**body, **changes})
    assert response.status_code == 422, response.get_json()
    errors = response.get_json()["errors"]
    assert field is None or field in errors, errors


def test_list_filters_and_pages(client, make, client_for):
    miyagi, fukuoka = make.lab(prefectures=("04",)), make.lab(prefectures=("40",))
    lead = client_for(make.coordinator(miyagi))
    sendai = create_event(lead, miyagi, hosts=[{"lab_id": fukuoka.id}], capacity=1)
    online = create_event(
        lead, miyagi, kind="online", prefecture=None, challenges=["funding"], capacity=5
    )
    past = create_event(lead, miyagi, starts_at=later(-10), ends_at=later(-10, 2))
    for event in (sendai, online, past):
        publish(lead, event)
    register(client_for(make.member(miyagi)), f"/api/events/{sendai['id']}")

    def ids(**query):
        response = client.get("/api/events", query_string=query)
        assert response.status_code == 200, response.get_json()
        return [e["id"] for e in response.get_json()["items"]]

    assert ids(upcoming="true") == sorted([sendai["id"], online["id"]])
    assert ids(upcoming="false") == [past["id"]]
    assert ids(kind="online") == [online["id"]]
    assert ids(prefecture="04", upcoming="true") == [sendai["id"]]
    assert ids(region="kyushu-okinawa") == [sendai["id"]]  # co-hosted from Fukuoka
    assert set(ids(region="tohoku")) == {sendai["id"], online["id"], past["id"]}
    assert ids(lab=fukuoka.id) == [sendai["id"]]
    assert ids(challenge="funding") == [online["id"]]
    assert set(ids(has_seats="true")) == {online["id"], past["id"]}
    assert ids(has_seats="false") == [sendai["id"]]
    page = client.get("/api/events", query_string={"per_page": 2, "page": 2}).get_json()
    assert page["meta"] == {"page": 2, "per_page": 2, "total": 3, "pages": 2}
    assert len(page["items"]) == 1
    assert client.get("/api/events?kind=party").status_code == 422


def test_first_come_fills_then_waitlists_and_a_cancellation_promotes_once(
    make, client_for, joint, sent
):
    url = joint["url"]
    people = [make.member(joint["miyagi"]) for _ in range(3)]
    people += [make.member(joint["fukuoka"]) for _ in range(2)]
    results = [register(client_for(p), url).get_json() for p in people]
    assert [r["status"] for r in results] == ["confirmed"] * 3 + ["waitlisted"] * 2
    assert [r["waitlist_rank"] for r in results[3:]] == [1, 2]
    assert results[3]["code"] is None  # a code only with a confirmed seat
    assert register(client_for(people[0]), url).status_code == 409

    sent.clear()
    cancelled = client_for(people[1]).delete(f"{url}/registration")
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert client_for(people[1]).delete(f"{url}/registration").status_code == 409
    promoted = client_for(people[3]).get(f"{url}/registration").get_json()
    assert promoted["status"] == "confirmed" and re.fullmatch(
        r"[A-HJKMNP-Z2-9]{6}", promoted["code"]
    )
    still = client_for(people[4]).get(f"{url}/registration").get_json()
    assert still["status"] == "waitlisted" and still["waitlist_rank"] == 1
    assert [s for s in sent if s[0] == "event_promoted"] == [
        (
            "event_promoted",
            {"event_id": joint["event"]["id"], "registration_id": promoted["id"],
             "title": EVENT["title"]},
            f"user:{people[3].id}",
        )
    ]  # fmt: skip
    detail = client_for(people[0]).get(url).get_json()
    assert detail["confirmed_count"] == 3 and detail["seats_left"] == 0


def test_re_registering_reuses_the_row_and_goes_to_the_end_of_the_line(make, client_for, joint):
    url = joint["url"]
    first = client_for(make.member(joint["miyagi"]))
    original = register(first, url).get_json()
    for _ in range(3):
        register(client_for(make.member(joint["miyagi"])), url)
    first.delete(f"{url}/registration")
    again = register(first, url)
    assert again.status_code == 201
    body = again.get_json()
    assert body["id"] == original["id"] and body["status"] == "waitlisted"
    assert body["waitlist_rank"] == 1  # the waiting person was promoted by the cancellation


def test_a_larger_capacity_promotes_in_order(make, client_for, joint, sent):
    url = joint["url"]
    people = [make.member(joint["miyagi"]) for _ in range(6)]
    for person in people:
        register(client_for(person), url)
    sent.clear()
    response = client_for(joint["lead"]).patch(url, json={"capacity": 5})
    assert response.get_json()["confirmed_count"] == 5
    promoted = [room for name, _data, room in sent if name == "event_promoted"]
    assert promoted == [f"user:{p.id}" for p in people[3:5]]
    notified = [room for name, _data, room in sent if name == "notification"]
    assert notified == promoted
    waitlist = client_for(joint["lead"]).get(f"{url}/waitlist").get_json()
    assert [r["user_id"] for r in waitlist] == [people[5].id]
    smaller = client_for(joint["lead"]).patch(url, json={"capacity": 4})
    assert smaller.status_code == 422 and "capacity" in smaller.get_json()["errors"]


def test_online_url_only_for_confirmed_participants_and_hosts(client, make, client_for, joint):
    url = joint["url"]
    assert client.get(url).get_json()["online_url"] is None
    assert client_for(joint["cohost"]).get(url).get_json()["online_url"] == EVENT["online_url"]
    people = [client_for(make.member(joint["miyagi"])) for _ in range(4)]
    for person in people:
        register(person, url)
    assert people[0].get(url).get_json()["online_url"] == EVENT["online_url"]
    assert people[3].get(url).get_json()["online_url"] is None
    assert people[3].get(url).get_json()["my_status"] == "waitlisted"


def test_participants_are_public_only_when_they_choose(client, make, client_for, joint):
    url = joint["url"]
    shy = make.member(joint["miyagi"], name="控えめな人")
    open_ = make.member(joint["fukuoka"], name="公開する人")
    register(client_for(shy), url)
    register(client_for(open_), url, show_publicly=True)
    assert client.get(f"{url}/participants").get_json() == [
        {"display_name": "公開する人", "lab_name": joint["fukuoka"].name}
    ]
    client_for(shy).patch(f"{url}/registration", json={"show_publicly": True})
    assert len(client.get(f"{url}/participants").get_json()) == 2
    hosts_view = client_for(joint["lead"]).get(f"{url}/registrations").get_json()
    assert hosts_view["meta"]["total"] == 2 and "email" in hosts_view["items"][0]


@pytest.mark.parametrize(
    ("columns", "message_has"),
    [
        ({"status": "cancelled"}, "中止"),
        ({"status": "finished"}, "終了"),
        ({"registration_opens_at": ago(days=-1)}, "始まって"),
        ({"registration_closes_at": ago(hours=1)}, "終了"),
    ],
)
def test_registration_is_refused_with_409(make, client_for, joint, columns, message_has):
    set_columns(joint["event"]["id"], **columns)
    response = register(client_for(make.member(joint["miyagi"])), joint["url"])
    assert response.status_code == 409 and message_has in response.get_json()["message"]


def test_cancelling_an_event_tells_every_participant(make, client_for, joint, sent):
    url = joint["url"]
    people = [make.member(joint["miyagi"]) for _ in range(4)]
    for person in people:
        register(client_for(person), url)
    sent.clear()
    response = client_for(joint["cohost"]).post(f"{url}/cancel", json={"reason": "台風のため"})
    assert response.status_code == 200 and response.get_json()["status"] == "cancelled"
    assert sorted(room for _n, _d, room in sent) == sorted(f"user:{p.id}" for p in people)
    assert {name for name, _d, _r in sent} == {"event_cancelled"}
    assert client_for(joint["lead"]).post(f"{url}/cancel", json={}).status_code == 409
    assert register(client_for(make.user()), url).status_code == 409
    assert client_for(people[0]).delete(f"{url}/registration").status_code == 409


def test_a_participant_counts_for_their_lab_and_may_choose_another_of_theirs(
    make, client_for, joint
):
    url = joint["url"]
    both = make.member(make.lab(prefectures=("13",)))
    make.membership(joint["fukuoka"], both)
    chosen = register(client_for(both), url).get_json()
    assert chosen["lab_id"] == joint["fukuoka"].id  # the lab of theirs that hosts
    nobody = register(client_for(make.user(role=Role.EXPERT)), url).get_json()
    assert nobody["lab_id"] is None
    refused = register(client_for(make.user()), url, lab_id=joint["miyagi"].id)
    assert refused.status_code == 403


def test_delete_only_without_registrations(make, client_for, joint):
    lead = client_for(joint["lead"])
    register(client_for(make.member(joint["miyagi"])), joint["url"])
    assert lead.delete(joint["url"]).status_code == 409
    draft = create_event(lead, joint["miyagi"])
    assert lead.delete(f"/api/events/{draft['id']}").status_code == 204
    assert lead.get(f"/api/events/{draft['id']}").status_code == 404


def test_one_registration_per_person_is_a_database_constraint(db, make, client_for, joint):
    person = make.member(joint["miyagi"])
    register(client_for(person), joint["url"])
    db.session.add(
        Registration(
            event_id=joint["event"]["id"], user_id=person.id, status="cancelled", code="ZZZZZZ"
        )
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_the_database_refuses_more_confirmed_seats_than_capacity(db, joint):
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(
            sa.update(Event).where(Event.id == joint["event"]["id"]).values(confirmed_count=4)
        )
        db.session.commit()
    db.session.rollback()
