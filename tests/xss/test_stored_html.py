"""Fast, without a browser: every payload's stored *_html is free of script."""

import pytest
import sqlalchemy as sa

from community.cases.models import Case, CaseQuestion
from community.core.markdown import render_markdown
from community.events.models import Event
from community.labs.models import Lab
from tests.events.conftest import create_event
from tests.xss.checks import fragment_problems
from tests.xss.payloads import KINDS, PAYLOADS


def test_the_corpus_has_at_least_fifty_payloads_of_every_kind():
    assert len(PAYLOADS) >= 50
    assert all(len(kind) >= 5 for kind in KINDS.values())


@pytest.mark.parametrize(("name", "payload"), PAYLOADS, ids=[n for n, _ in PAYLOADS])
def test_rendered_markdown_carries_no_script(name, payload):
    html = render_markdown(payload)
    assert fragment_problems(html) == []
    assert "<script" not in html.lower()


def test_the_checker_catches_what_it_looks_for():
    assert fragment_problems('<a href="javascript:alert(1)">x</a>')
    assert fragment_problems('<a href="jav&#x09;ascript:alert(1)">x</a>')
    assert fragment_problems("<img src=x onerror=alert(1)>")
    assert fragment_problems("<script>alert(1)</script>")
    assert fragment_problems('<a href="https://example.jp/">x</a><img src="/x.png">') == []


def test_every_stored_html_column_is_clean(client, auth, make):
    """All payloads at once through the services: cases, questions, answers, events, labs."""
    lab = make.lab()
    coordinator = make.coordinator(lab)
    asker = make.member(make.lab())
    body = "\n\n".join(p for _, p in PAYLOADS)
    auth.login(coordinator)
    case = client.post(
        "/api/cases",
        json={"lab_id": lab.id, "title": "XSS", "body": body, "status": "published"},
    ).get_json()
    create_event(client, lab, description=body)
    assert client.patch(f"/api/labs/{lab.id}", json={"description": body}).status_code == 200
    auth.login(asker)
    questions = [
        client.post(f"/api/cases/{case['id']}/questions", json={"body": p}).get_json()
        for _, p in PAYLOADS
    ]
    auth.login(coordinator)
    for question, (_, payload) in zip(questions, PAYLOADS, strict=True):
        url = f"/api/cases/{case['id']}/questions/{question['id']}/answer"
        assert client.put(url, json={"answer": payload}).status_code == 200

    stored = [
        *make.db.session.scalars(sa.select(Case.body_html)),
        *make.db.session.scalars(sa.select(Event.description_html)),
        *make.db.session.scalars(sa.select(Lab.description_html)),
        *make.db.session.scalars(sa.select(CaseQuestion.body_html)),
        *make.db.session.scalars(sa.select(CaseQuestion.answer_html)),
    ]
    assert len(stored) == 3 + 2 * len(PAYLOADS) + 1  # the asker's lab too
    for html in stored:
        assert fragment_problems(html) == [], html
