"""Host quotas, the lottery, check-in codes and the counts per lab and region."""

from __future__ import annotations

import re

import pytest

from community.accounts.models import Role
from community.events.services import CODE_ALPHABET, lottery_order, normalise_code
from tests.events.conftest import ago, create_event, later, publish, set_columns


def register(client, url, **body):
    response = client.post(f"{url}/registration", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def quotas(make, client_for):
    """Capacity 4: two seats kept for the Miyagi lab, two open seats; Fukuoka co-hosts
    without a quota."""
    miyagi, fukuoka = make.lab(prefectures=("04",)), make.lab(prefectures=("40",))
    lead = make.coordinator(miyagi)
    event = create_event(
        client_for(lead),
        miyagi,
        capacity=4,
        hosts=[{"lab_id": miyagi.id, "seat_quota": 2}, {"lab_id": fukuoka.id}],
    )
    event = publish(client_for(lead), event)
    return {"event": event, "url": f"/api/events/{event['id']}", "miyagi": miyagi,
            "fukuoka": fukuoka, "lead": lead}  # fmt: skip


def test_a_quota_lab_s_people_take_its_seats_and_others_the_open_ones(make, client_for, quotas):
    url = quotas["url"]
    miyagi = [make.member(quotas["miyagi"]) for _ in range(3)]
    fukuoka = [make.member(quotas["fukuoka"]) for _ in range(3)]
    states = [register(client_for(p), url)["status"] for p in miyagi + fukuoka]
    # the third Miyagi member waits for a Miyagi seat although open seats are left
    assert states == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "confirmed",
        "confirmed",
        "waitlisted",
    ]
    hosts = {h["lab_id"]: h for h in client_for(quotas["lead"]).get(f"{url}/hosts").get_json()}
    assert hosts[quotas["miyagi"].id]["confirmed_count"] == 2
    # a Fukuoka seat freed goes to the Fukuoka person waiting, not to the Miyagi one
    client_for(fukuoka[0]).delete(f"{url}/registration")
    assert client_for(fukuoka[2]).get(f"{url}/registration").get_json()["status"] == "confirmed"
    assert client_for(miyagi[2]).get(f"{url}/registration").get_json()["status"] == "waitlisted"
    client_for(miyagi[0]).delete(f"{url}/registration")
    assert client_for(miyagi[2]).get(f"{url}/registration").get_json()["status"] == "confirmed"


def test_quota_changes_keep_the_seats_counted(make, client_for, quotas):
    url, lead = quotas["url"], client_for(quotas["lead"])
    miyagi = [make.member(quotas["miyagi"]) for _ in range(3)]
    for person in miyagi:
        register(client_for(person), url)
    host_url = f"{url}/hosts/{quotas['miyagi'].id}"
    assert lead.patch(host_url, json={"seat_quota": 1}).status_code == 422  # two hold seats
    assert lead.patch(host_url, json={"seat_quota": 5}).status_code == 422  # beyond capacity
    raised = lead.patch(host_url, json={"seat_quota": 3})
    assert raised.status_code == 200 and raised.get_json()["confirmed_count"] == 3
    # without a quota, the Miyagi seats become open seats, with their holders
    assert lead.patch(host_url, json={"seat_quota": None}).get_json()["confirmed_count"] == 0
    detail = lead.get(url).get_json()
    assert detail["open_seats"] == 4 and detail["confirmed_count"] == 3
    other = make.member(quotas["fukuoka"])
    assert register(client_for(other), url)["status"] == "confirmed"
    assert register(client_for(make.user()), url)["status"] == "waitlisted"


def test_removing_a_quota_host_moves_its_people_to_open_seats(make, client_for, quotas):
    url, lead = quotas["url"], client_for(quotas["lead"])
    cohost = client_for(make.coordinator(quotas["fukuoka"]))
    register(client_for(make.member(quotas["miyagi"])), url)
    assert cohost.delete(f"{url}/hosts/{quotas['miyagi'].id}").status_code == 204
    detail = cohost.get(url).get_json()
    assert [h["lab_id"] for h in detail["hosts"]] == [quotas["fukuoka"].id]
    assert detail["open_seats"] == 4 and detail["confirmed_count"] == 1
    assert lead.get(url).status_code == 200  # a published event: still visible
    assert lead.patch(url, json={"title": "x"}).status_code == 403  # no longer a host
    assert cohost.delete(f"{url}/hosts/{quotas['fukuoka'].id}").status_code == 409  # the last
    added = cohost.post(f"{url}/hosts", json={"lab_id": quotas["miyagi"].id, "seat_quota": 2})
    assert added.status_code == 201
    again = cohost.post(f"{url}/hosts", json={"lab_id": quotas["miyagi"].id})
    assert again.status_code == 409


@pytest.fixture
def lottery(make, client_for):
    lab = make.lab(prefectures=("17",))
    lead = make.coordinator(lab)
    event = create_event(
        client_for(lead), lab, capacity=3, mode="lottery", lottery_deadline=later(20)
    )
    event = publish(client_for(lead), event)
    return {"event": event, "url": f"/api/events/{event['id']}", "lab": lab, "lead": lead}


def test_the_lottery_draws_winners_and_an_ordered_waitlist_from_a_recorded_seed(
    make, client_for, lottery, sent
):
    url, lead = lottery["url"], client_for(lottery["lead"])
    people = [make.member(lottery["lab"]) for _ in range(8)]
    applications = [register(client_for(p), url) for p in people]
    assert {a["status"] for a in applications} == {"applied"}
    assert lead.post(f"{url}/lottery", json={"seed": 7}).status_code == 409  # before deadline
    set_columns(lottery["event"]["id"], lottery_deadline=ago(hours=1))
    late = client_for(make.user()).post(f"{url}/registration", json={})
    assert late.status_code == 409 and "抽選" in late.get_json()["message"]

    sent.clear()
    drawn = lead.post(f"{url}/lottery", json={"seed": 20260401})
    assert drawn.status_code == 200, drawn.get_json()
    result = drawn.get_json()
    expected = lottery_order([a["id"] for a in applications], 20260401)
    assert result["winners"] == expected[:3] and result["waitlist"] == expected[3:]
    assert len(sent) == 8 and sum(data["won"] for _n, data, _r in sent) == 3
    detail = lead.get(url).get_json()
    assert detail["lottery_seed"] == 20260401 and detail["lottery_drawn_at"]
    assert detail["confirmed_count"] == 3
    waitlist = lead.get(f"{url}/waitlist").get_json()
    assert [r["id"] for r in waitlist] == expected[3:]
    assert [r["waitlist_rank"] for r in waitlist] == [1, 2, 3, 4, 5]
    assert lead.post(f"{url}/lottery", json={}).status_code == 409  # once only

    by_id = {a["id"]: p for a, p in zip(applications, people, strict=True)}
    client_for(by_id[expected[0]]).delete(f"{url}/registration")
    promoted = client_for(by_id[expected[3]]).get(f"{url}/registration").get_json()
    assert promoted["status"] == "confirmed"


def test_the_draw_is_reproducible_and_depends_on_the_seed():
    ids = list(range(1, 41))
    assert lottery_order(ids, 42) == lottery_order(list(reversed(ids)), 42)
    assert lottery_order(ids, 42) != lottery_order(ids, 43)
    assert sorted(lottery_order(ids, 42)) == ids


def test_lottery_draw_refused_on_a_first_come_event(client_for, joint):
    response = client_for(joint["lead"]).post(f"{joint['url']}/lottery", json={"seed": 1})
    assert response.status_code == 409


def test_check_in_by_code_or_from_the_list_and_the_counts(make, client_for, joint):
    url, host = joint["url"], client_for(joint["cohost"])
    miyagi = [make.member(joint["miyagi"]) for _ in range(2)]
    fukuoka = make.member(joint["fukuoka"])
    mine = [register(client_for(p), url) for p in (*miyagi, fukuoka)]
    waiting = register(client_for(make.user()), url)
    code = mine[0]["code"]
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{6}}", code)
    loose = f" {code[:3].lower()}-{code[3:]} "
    checked = host.post(f"{url}/check-in", json={"code": loose})
    assert checked.status_code == 200 and checked.get_json()["attended_at"]
    again = host.post(f"{url}/check-in", json={"code": code})
    assert again.status_code == 409
    by_id = host.post(f"{url}/check-in", json={"registration_id": mine[2]["id"]})
    assert by_id.status_code == 200
    assert host.post(f"{url}/check-in", json={"registration_id": waiting["id"]}).status_code == 409
    assert host.post(f"{url}/check-in", json={"code": "AAAAAA"}).status_code in (404, 409)
    assert host.post(f"{url}/check-in", json={}).status_code == 422
    assert client_for(miyagi[0]).delete(f"{url}/registration").status_code == 409  # attended

    counts = host.get(f"{url}/counts").get_json()
    labs = {entry["lab_id"]: entry for entry in counts["labs"]}
    assert labs[joint["miyagi"].id]["confirmed"] == 2
    assert labs[joint["miyagi"].id]["attended"] == 1
    assert labs[joint["fukuoka"].id]["attended"] == 1
    assert labs[None]["waitlisted"] == 1
    regions = {entry["region"]: entry for entry in counts["regions"]}
    assert regions["tohoku"]["attended"] == 1 and regions["kyushu-okinawa"]["attended"] == 1
    assert counts["total"] == {"confirmed": 3, "waitlisted": 1, "applied": 0, "attended": 2}


def test_codes_avoid_ambiguous_characters():
    assert not set("O0I1L") & set(CODE_ALPHABET)
    assert normalise_code(" ab-c 2x9 ") == "ABC2X9"


def test_the_secretariat_sees_attendance_per_lab_across_events(make, client_for, joint):
    url, host = joint["url"], client_for(joint["lead"])
    people = [make.member(joint["miyagi"]), make.member(joint["fukuoka"]), make.user()]
    for person in people:
        code = client_for(person).post(f"{url}/registration", json={}).get_json()["code"]
        host.post(f"{url}/check-in", json={"code": code})
    secretariat = client_for(make.user(role=Role.SECRETARIAT))
    rows = secretariat.get("/api/events/attendance").get_json()
    assert {(r["lab_id"], r["attended"], r["events"]) for r in rows} == {
        (joint["miyagi"].id, 1, 1),
        (joint["fukuoka"].id, 1, 1),
        (None, 1, 1),
    }
    assert rows[-1]["lab_id"] is None
    later_only = secretariat.get("/api/events/attendance", query_string={"since": later(60)})
    assert later_only.get_json() == []
    assert host.get("/api/events/attendance").status_code == 403
