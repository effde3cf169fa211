"""Every payload through every user-written text field, then rendered in Chromium.

Nothing may run (no dialog, no ``XSSMARK`` in the console) and the DOM may hold no event
handler attribute, no ``javascript:``/``data:`` URL and no script that is not ours.
"""

from __future__ import annotations

import pytest

from community.accounts.models import Role
from community.events import services as event_services
from community.events.models import Event
from community.extensions import db as _db
from tests.browser.harness import log_in
from tests.events.conftest import ago, create_event, publish, set_columns
from tests.xss.checks import (
    CHUNKS,
    DOM_PROBLEMS,
    TEXTS,
    Inspector,
    cut,
    joined,
    next_pages,
    squeeze,
)
from tests.xss.payloads import MARKER


def case_body(lab_id: int, chunk: list[str]) -> dict:
    return {
        "lab_id": lab_id,
        "title": joined(chunk, 200, " "),
        "summary": joined(chunk),
        "body": joined(chunk),
        "status": "published",
        "tags": [cut(text, 40) for text in chunk],
        "technologies": [cut(text, 40) for text in chunk],
        "contact": joined(chunk),
        "outcomes": [
            {
                "metric": cut(text, 100),
                "value_before": 10,
                "value_after": 5,
                "unit": cut(text, 30),
                "period": cut(text, 60),
                "evidence": text,
            }
            for text in chunk
        ],
        "subsidies": [
            {
                "programme": "it_introduction",
                "frame": cut(text, 60),
                "administering_body": cut(text, 100),
                "vendor": cut(text, 100),
                "notes": text,
            }
            for text in chunk
        ],
    }


def test_the_inspector_sees_a_script_that_runs(new_context, recorder):
    context = new_context("canary")
    inspector = Inspector(context.new_page(), recorder)
    inspector.page.set_content(
        '<a href="javascript:alert(1)">x</a><img src="/nowhere" onerror="alert(1)">'
        f"<script>console.log('{MARKER}')</script>"
    )
    inspector.page.wait_for_timeout(200)
    inspector.found["canary"] = inspector.page.evaluate(DOM_PROBLEMS)
    with pytest.raises(AssertionError, match="script ran"):
        inspector.assert_clean()
    assert len(recorder.dialogs) == 1
    assert any(line.endswith(f": {MARKER}") for line in recorder.log)
    found = inspector.found["canary"]
    assert "<img onerror>" in found
    assert any(p.startswith("javascript: link") for p in found)
    assert any(p.startswith("<script> element is not ours") for p in found)


def test_case_fields_questions_answers_and_rollouts(inspector_for, make, api_for):
    lab = make.lab(prefectures=("40",))
    writer_user = make.coordinator(lab)
    writer = api_for(writer_user)
    other_lab = make.lab(prefectures=("03",))
    roller_user = make.coordinator(other_lab)
    roller = api_for(roller_user)
    cases = []
    for chunk in CHUNKS:
        created = writer.post("/api/cases", json=case_body(lab.id, chunk))
        assert created.status_code == 201, (chunk, created.get_json())
        case = created.get_json()
        cases.append(case)
        for text in chunk:
            asked = roller.post(f"/api/cases/{case['id']}/questions", json={"body": text})
            assert asked.status_code == 201, asked.get_json()
            answer = f"/api/cases/{case['id']}/questions/{asked.get_json()['id']}/answer"
            assert writer.put(answer, json={"answer": text}).status_code == 200
        rollout = {
            "lab_id": other_lab.id,
            "status": "in_progress",
            "changes": joined(chunk),
            "outcomes": [
                {"metric": cut(text, 100), "value_before": 8, "value_after": 4} for text in chunk
            ],
        }
        recorded = roller.post(f"/api/cases/{case['id']}/rollouts", json=rollout)
        assert recorded.status_code == 201, recorded.get_json()

    as_writer = inspector_for(writer_user, "writer")
    as_roller = inspector_for(roller_user, "other-lab")
    visitor = inspector_for(None, "visitor")
    for case, chunk in zip(cases, CHUNKS, strict=True):
        page = as_writer.visit(f"/cases/{case['id']}")  # with the answer forms
        assert squeeze(page.locator("h1").text_content()) == squeeze(case["title"])
        assert page.locator(".figure-metric").count() == len(chunk)
        as_writer.visit(f"/cases/{case['id']}/edit")
        as_roller.visit(f"/cases/{case['id']}")  # with the rollout's own form
    next_pages(visitor, "/cases")
    as_writer.visit("/notifications")  # each question names its case
    as_roller.visit("/notifications")  # each answer too
    for inspector in (as_writer, as_roller, visitor):
        inspector.assert_clean()


def test_event_fields_and_participant_names(inspector_for, make, api_for):
    lab = make.lab(prefectures=("04",))
    host_user = make.coordinator(lab)
    host = api_for(host_user)
    events = []
    for chunk in CHUNKS:
        event = create_event(
            host,
            lab,
            title=joined(chunk, 200, " "),
            description=joined(chunk),
            venue=joined(chunk, 200, " "),
            target_audience=joined(chunk),
            capacity=10,
        )
        events.append(publish(host, event))
        for n, text in enumerate(chunk):
            person = make.user(name=cut(text, 80).strip() or f"p{n}")
            seat = _db.get_or_404(Event, event["id"])
            event_services.do_register(person, seat, show_publicly=True)

    past = publish(host, create_event(host, lab, title="報告会", capacity=5))
    set_columns(past["id"], starts_at=ago(days=2), ends_at=ago(days=1))
    report = {"summary": joined(TEXTS), "outcomes": joined(TEXTS[::-1])}
    reported = host.put(f"/api/events/{past['id']}/report", json=report)
    assert reported.status_code == 200, reported.get_json()

    as_host = inspector_for(host_user, "host")
    visitor = inspector_for(None, "visitor")
    page = visitor.visit(f"/events/{past['id']}")
    assert page.locator("#report .prose").count() == 2
    for event, chunk in zip(events, CHUNKS, strict=True):
        page = visitor.visit(f"/events/{event['id']}")
        assert squeeze(page.locator("h1").first.text_content()) == squeeze(event["title"])
        assert page.locator("ul.participants li").count() == len(chunk)
        as_host.visit(f"/events/{event['id']}/edit")
        as_host.visit(f"/events/{event['id']}/manage")
    next_pages(visitor, "/events")
    visitor.visit("/events/calendar")
    for inspector in (as_host, visitor):
        inspector.assert_clean()


def test_lab_fields_organisations_and_member_names(inspector_for, make, api_for):
    secretariat_user = make.user(role=Role.SECRETARIAT)
    secretariat = api_for(secretariat_user)
    labs = []
    for chunk in CHUNKS:
        lab = make.lab(name=joined(chunk, 120, " "))
        text = joined(chunk)
        changes = {"description": text, "vision": text, "kpi": text, "consultation_contact": text}
        assert secretariat.patch(f"/api/labs/{lab.id}", json=changes).status_code == 200
        for n, text in enumerate(chunk):
            org = {"name": cut(text, 120), "kind": "municipality"}
            added = secretariat.post(f"/api/labs/{lab.id}/organisations", json=org)
            assert added.status_code == 201, added.get_json()
            make.member(lab, name=cut(text, 80).strip() or f"p{n}")
        labs.append(lab)

    as_secretariat = inspector_for(secretariat_user, "secretariat")
    visitor = inspector_for(None, "visitor")
    for lab, chunk in zip(labs, CHUNKS, strict=True):
        page = visitor.visit(f"/labs/{lab.slug}")
        assert squeeze(page.locator("h1").first.text_content()) == squeeze(lab.name)
        assert page.locator("ul.members li").count() == len(chunk)
        as_secretariat.visit(f"/labs/{lab.slug}/edit")
        as_secretariat.visit(f"/labs/{lab.slug}/manage")
    next_pages(visitor, "/labs")
    for inspector in (as_secretariat, visitor):
        inspector.assert_clean()


def test_display_names_on_the_profile_and_in_the_header(new_context, make, recorder):
    user = make.user()
    context = new_context("profile")
    log_in(context, user)
    inspector = Inspector(context.new_page(), recorder)
    for chunk in CHUNKS:
        name = joined(chunk, 80, " ").strip() or "x"
        token = context.request.get("/api/auth/csrf").json()["csrf_token"]
        changed = context.request.patch(
            "/api/me", data={"display_name": name}, headers={"X-CSRFToken": token}
        )
        assert changed.ok, changed.text()
        page = inspector.visit("/me")
        # an <input> drops line breaks from its value; everything else comes back as written
        assert page.locator("#display_name").input_value() == name.replace("\n", "")
    inspector.assert_clean()


def halves(limit: int) -> list[str]:
    """The whole corpus in as few texts of at most ``limit`` characters as it takes."""
    texts, kept = [], []
    for text in TEXTS:
        if kept and len("\n\n".join([*kept, text])) > limit:
            texts.append("\n\n".join(kept))
            kept = []
        kept.append(text)
    return [*texts, "\n\n".join(kept)]


def test_reasons_and_token_names(inspector_for, make, api_for):
    """The secretariat's unpublish reason, an event's cancel reason, API token names."""
    lab = make.lab()
    writer_user = make.coordinator(lab)
    writer = api_for(writer_user)
    secretariat = api_for(make.user(role=Role.SECRETARIAT))
    cases, events = [], []
    for reason in halves(1000):
        case = writer.post("/api/cases", json=case_body(lab.id, ["事例"])).get_json()
        hidden = secretariat.post(f"/api/cases/{case['id']}/unpublish", json={"reason": reason})
        assert hidden.status_code == 200, hidden.get_json()
        cases.append(case)
    for reason in halves(2000):
        event = publish(writer, create_event(writer, lab, capacity=5))
        cancelled = writer.post(f"/api/events/{event['id']}/cancel", json={"reason": reason})
        assert cancelled.status_code == 200, cancelled.get_json()
        events.append(event)
    for chunk in CHUNKS:
        made = writer.post("/api/me/tokens", json={"name": joined(chunk, 80, " ")})
        assert made.status_code == 201, made.get_json()

    as_writer = inspector_for(writer_user, "writer")
    for case in cases:
        page = as_writer.visit(f"/cases/{case['id']}")
        assert page.locator("#moderation-note").count() == 1
    for event in events:
        as_writer.visit(f"/events/{event['id']}")
    as_writer.visit("/me/tokens")
    as_writer.assert_clean()
