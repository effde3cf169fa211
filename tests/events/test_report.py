"""Copying an event to run it again; the closing report and the cases that came out of it."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.cases.test_cases_api import create as create_case
from tests.events.conftest import ago, create_event, later, publish, set_columns


def test_copy_moves_every_time_and_keeps_hosts_and_quotas(make, client_for, joint):
    lead = client_for(joint["lead"])
    lead.patch(joint["url"], json={"registration_closes_at": later(29)})
    client_for(make.member(joint["miyagi"])).post(f"{joint['url']}/registration", json={})
    lead.patch(f"{joint['url']}/hosts/{joint['fukuoka'].id}", json={"seat_quota": 1})
    source = lead.get(joint["url"]).get_json()
    new_start = datetime.fromisoformat(source["starts_at"]) + timedelta(days=91)
    response = client_for(joint["cohost"]).post(
        f"{joint['url']}/copy", json={"starts_at": new_start.isoformat()}
    )
    assert response.status_code == 201, response.get_json()
    copy = response.get_json()
    assert copy["status"] == "draft" and copy["confirmed_count"] == 0
    assert copy["title"] == source["title"] and copy["challenges"] == source["challenges"]
    assert [(h["lab_id"], h["seat_quota"]) for h in copy["hosts"]] == [
        (joint["miyagi"].id, None),
        (joint["fukuoka"].id, 1),
    ]

    def gap(a, b):
        return datetime.fromisoformat(b) - datetime.fromisoformat(a)

    assert gap(source["starts_at"], copy["starts_at"]) == timedelta(days=91)
    assert gap(source["ends_at"], copy["ends_at"]) == timedelta(days=91)
    assert gap(source["registration_closes_at"], copy["registration_closes_at"]) == timedelta(
        days=91
    )
    assert client_for(make.member(joint["miyagi"])).post(
        f"{joint['url']}/copy", json={"starts_at": later(90)}
    ).status_code == 403  # fmt: skip


def test_closing_report_after_the_event_links_the_cases_back(client, make, client_for):
    lab = make.lab(prefectures=("40",))
    coordinator = client_for(make.coordinator(lab))
    case = create_case(coordinator, lab)
    draft_case = create_case(coordinator, lab, status="draft")
    event = publish(coordinator, create_event(coordinator, lab, capacity=10))
    url = f"/api/events/{event['id']}"
    people = [client_for(make.member(lab)) for _ in range(3)]
    codes = [p.post(f"{url}/registration", json={}).get_json()["code"] for p in people]
    body = {"summary": "## 報告\n\n3社が**RAG**を試行", "case_ids": [case["id"]]}
    assert coordinator.put(f"{url}/report", json=body).status_code == 409  # not begun yet

    set_columns(event["id"], starts_at=ago(hours=3), ends_at=ago(hours=1))
    coordinator.post(f"{url}/check-in", json={"code": codes[0]})
    coordinator.post(f"{url}/check-in", json={"code": codes[1]})
    bad = coordinator.put(f"{url}/report", json={**body, "case_ids": [draft_case["id"]]})
    assert bad.status_code == 422 and "case_ids" in bad.get_json()["errors"]
    recorded = coordinator.put(f"{url}/report", json=body)
    assert recorded.status_code == 200, recorded.get_json()
    report = recorded.get_json()
    assert report["attendance"] == 2 == report["checked_in"]
    assert "<strong>RAG</strong>" in report["summary_html"]
    assert report["cases"] == [{"id": case["id"], "title": case["title"]}]
    assert client.get(url).get_json()["status"] == "finished"
    corrected = coordinator.put(f"{url}/report", json={**body, "attendance": 5, "case_ids": []})
    assert corrected.get_json()["attendance"] == 5 and corrected.get_json()["cases"] == []
    coordinator.put(f"{url}/report", json=body)
    assert client.get(f"{url}/report").get_json()["attendance"] == 2
    linked = client.get("/api/events", query_string={"case": case["id"]}).get_json()
    assert [e["id"] for e in linked["items"]] == [event["id"]]
