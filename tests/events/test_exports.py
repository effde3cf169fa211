"""Participant CSV for Excel, iCalendar files and feeds, and "add to calendar" links."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import icalendar

from tests.events.conftest import EVENT, create_event, publish


def test_participant_csv_opens_in_excel(client, make, client_for, joint):
    url = joint["url"]
    sly = make.member(joint["miyagi"], name='=HYPERLINK("http://evil.example")')
    client_for(sly).post(f"{url}/registration", json={})
    for _ in range(3):
        client_for(make.member(joint["fukuoka"])).post(f"{url}/registration", json={})
    response = client_for(joint["cohost"]).get(f"{url}/registrations.csv")
    assert response.status_code == 200
    assert (
        response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    )
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["登録ID", "氏名", "メールアドレス", "所属ラボ"]
    assert len(rows) == 5
    assert rows[1][1].startswith("'=")  # a name is never a formula
    assert rows[1][4] == "参加確定" and rows[4][4] == "キャンセル待ち" and rows[4][5] == "1"
    assert rows[4][6] == ""  # no code without a seat
    assert client_for(sly).get(f"{url}/registrations.csv").status_code == 403
    assert client.get(f"{url}/registrations.csv").status_code == 401


def events_in(response) -> list:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(response.get_data()).walk("VEVENT")


def test_one_event_as_icalendar(client, joint):
    (vevent,) = events_in(client.get(f"{joint['url']}/calendar.ics"))
    assert str(vevent["summary"]) == EVENT["title"]
    assert vevent["dtstart"].dt == datetime.fromisoformat(joint["event"]["starts_at"])
    assert vevent["dtstart"].dt.tzinfo is not None
    assert EVENT["venue"] in str(vevent["location"]) and "宮城県" in str(vevent["location"])
    assert joint["miyagi"].name in str(vevent["description"])
    assert str(vevent["status"]) == "CONFIRMED"
    assert "meet.example.jp" not in client.get(f"{joint['url']}/calendar.ics").get_data(True)


def test_the_feed_honours_the_list_filters(client, make, client_for, joint):
    lead = client_for(joint["lead"])
    other_lab = make.lab(prefectures=("13",))
    other = publish(
        client_for(make.coordinator(other_lab)),
        create_event(client_for(make.coordinator(other_lab)), other_lab, title="東京の勉強会"),
    )
    create_event(lead, joint["miyagi"], title="下書き")
    lead.post(f"{joint['url']}/cancel", json={"reason": "台風"})
    every = events_in(client.get("/api/events/calendar.ics"))
    assert {str(v["summary"]) for v in every} == {EVENT["title"], "東京の勉強会"}
    cancelled = next(v for v in every if str(v["summary"]) == EVENT["title"])
    assert str(cancelled["status"]) == "CANCELLED"
    labs = events_in(client.get("/api/events/calendar.ics", query_string={"lab": other_lab.id}))
    assert [str(v["uid"]) for v in labs] == [f"event-{other['id']}@localhost"]
    region = events_in(client.get("/api/events/calendar.ics?region=kanto"))
    assert [str(v["summary"]) for v in region] == ["東京の勉強会"]
    assert client.get("/api/events/calendar.ics?kind=party").status_code == 422


def test_add_to_calendar_links(client, joint):
    links = client.get(joint["url"]).get_json()["calendar_links"]
    google = parse_qs(urlsplit(links["google"]).query)
    start = datetime.fromisoformat(joint["event"]["starts_at"]).astimezone(UTC)
    assert google["dates"][0].startswith(start.strftime("%Y%m%dT%H%M%SZ") + "/")
    assert google["text"] == [EVENT["title"]]
    outlook = parse_qs(urlsplit(links["outlook"]).query)
    assert outlook["subject"] == [EVENT["title"]] and outlook["rru"] == ["addevent"]
    assert links["ics"].endswith(f"/api/events/{joint['event']['id']}/calendar.ics")
