"""やってみたい, questions to the case's lab, moderation, row endpoints and cursor pages."""

import threading

import pytest
import requests
import socketio

from community.accounts.models import Role
from tests.cases.test_cases_api import create, ids
from tests.conftest import TEST_DB, Auth
from tests.core.test_live_sockets import login_cookie
from tests.core.test_query_counts import count_statements


@pytest.fixture
def published(make, auth, client):
    """A published case of a Fukuoka lab, its coordinator, and a member of a Miyagi lab."""
    lab = make.lab(prefectures=("40",))
    owner = make.coordinator(lab)
    auth.login(owner)
    case = create(client, lab)
    auth.logout()
    visitor = make.member(make.lab(prefectures=("04",)))
    return case, owner, visitor


def test_interest_counts_each_person_once(client, auth, make, published):
    case, owner, visitor = published
    url = f"/api/cases/{case['id']}/interest"
    assert client.post(url, json={}).status_code == 401
    auth.login(visitor)
    first = client.post(url, json={}).get_json()
    second = client.post(url, json={}).get_json()
    assert first == second == {"interested": True, "interest_count": 1}
    auth.logout()
    auth.login(make.member(make.lab(prefectures=("13",))))
    assert client.post(url, json={}).get_json()["interest_count"] == 2
    assert client.delete(url).get_json() == {"interested": False, "interest_count": 1}
    assert client.delete(url).get_json()["interest_count"] == 1  # withdrawing twice: once
    auth.logout()
    auth.login(owner)
    assert client.post(url, json={}).status_code == 403  # not for one's own lab's case
    assert client.get(f"/api/cases/{case['id']}").get_json()["interest_count"] == 1


def test_interest_in_a_lab_one_does_not_belong_to_is_refused(client, auth, make, published):
    case, _owner, visitor = published
    auth.login(visitor)
    elsewhere = make.lab(prefectures=("13",))
    response = client.post(f"/api/cases/{case['id']}/interest", json={"lab_id": elsewhere.id})
    assert response.status_code == 403
    assert client.get(f"/api/cases/{case['id']}/interest").get_json()["interest_count"] == 0


def test_question_and_answer_on_the_case(client, auth, make, published):
    case, owner, visitor = published
    url = f"/api/cases/{case['id']}/questions"
    auth.login(visitor)
    for bad in ({}, {"body": ""}, {"body": "x" * 5001}, {"body": 3}):
        assert client.post(url, json=bad).status_code == 422, bad
    asked = client.post(url, json={"body": "導入費用は<b>いくら</b>でしたか？"})
    assert asked.status_code == 201
    question = asked.get_json()
    assert "&lt;b&gt;" in question["body_html"] and question["answer"] == ""
    # asking counts as やってみたい
    assert client.get(f"/api/cases/{case['id']}/interest").get_json()["interested"] is True
    answer_url = f"{url}/{question['id']}/answer"
    assert client.put(answer_url, json={"answer": "自分で答える"}).status_code == 403
    auth.logout()

    auth.login(owner)
    assert client.post(url, json={"body": "自分のラボへの質問"}).status_code == 403
    answered = client.put(answer_url, json={"answer": "約300万円で、**半分**は補助金です。"})
    assert answered.status_code == 200
    assert "<strong>半分</strong>" in answered.get_json()["answer_html"]
    auth.logout()

    listed = client.get(url).get_json()  # anyone reads the questions of a published case
    assert [q["answered_by_name"] for q in listed] == [owner.display_name]
    assert client.delete(f"{url}/{question['id']}").status_code == 401
    auth.login(make.member(make.lab()))
    assert client.delete(f"{url}/{question['id']}").status_code == 403
    auth.logout()
    auth.login(visitor)
    assert client.delete(f"{url}/{question['id']}").status_code == 204
    assert client.get(url).get_json() == []
    assert client.put(answer_url, json={"answer": "x"}).status_code == 404


def test_questions_reach_the_case_lab_live(live_server, make, db):
    lab = make.lab(prefectures=("40",))
    owner = make.coordinator(lab)
    visitor = make.member(make.lab(prefectures=("04",)))
    received, arrived = [], threading.Event()
    listener = socketio.Client(reconnection=False)
    listener.on("case_question", lambda data: (received.append(data), arrived.set()))
    listener.connect(
        live_server,
        headers={"Cookie": login_cookie(live_server, owner)},
        transports=["websocket"],
        wait_timeout=5,
    )
    try:
        with requests.Session() as http:
            token = http.get(f"{live_server}/api/auth/csrf").json()["csrf_token"]
            headers = {"X-CSRFToken": token}
            http.post(
                f"{live_server}/api/auth/login",
                json={"email": owner.email, "password": "correct horse battery"},
                headers=headers,
            )
            token = http.get(f"{live_server}/api/auth/csrf").json()["csrf_token"]
            case = http.post(
                f"{live_server}/api/cases",
                json={"lab_id": lab.id, "title": "ライブの事例", "status": "published"},
                headers={"X-CSRFToken": token},
            ).json()
        with requests.Session() as http:
            token = http.get(f"{live_server}/api/auth/csrf").json()["csrf_token"]
            http.post(
                f"{live_server}/api/auth/login",
                json={"email": visitor.email, "password": "correct horse battery"},
                headers={"X-CSRFToken": token},
            )
            token = http.get(f"{live_server}/api/auth/csrf").json()["csrf_token"]
            response = http.post(
                f"{live_server}/api/cases/{case['id']}/questions",
                json={"body": "使ったベンダーは？"},
                headers={"X-CSRFToken": token},
            )
            assert response.status_code == 201
        assert arrived.wait(5)
        assert received == [
            {"case_id": case["id"], "question_id": response.json()["id"], "title": "ライブの事例"}
        ]
    finally:
        listener.disconnect()


def test_secretariat_unpublishes_with_a_reason(client, auth, make, published):
    case, owner, visitor = published
    url = f"/api/cases/{case['id']}/unpublish"
    for actor in (owner, visitor):
        auth.login(actor)
        assert client.post(url, json={"reason": "確認"}).status_code == 403
        auth.logout()
    auth.login(make.user(role=Role.SECRETARIAT))
    assert client.post(url, json={}).status_code == 422
    response = client.post(url, json={"reason": "個人情報が含まれています"})
    assert response.status_code == 200 and response.get_json()["status"] == "draft"
    auth.logout()
    assert client.get(f"/api/cases/{case['id']}").status_code == 404
    assert ids(client.get("/api/cases", query_string={"q": "組子"})) == []
    auth.login(owner)  # the lab sees why, fixes it and publishes again
    seen = client.get(f"/api/cases/{case['id']}").get_json()
    assert seen["moderation_note"] == "個人情報が含まれています"
    assert client.patch(f"/api/cases/{case['id']}", json={"status": "published"}).status_code == 200


def test_rows_one_at_a_time(client, auth, make, published):
    case, owner, visitor = published
    base = f"/api/cases/{case['id']}"
    auth.login(visitor)
    refused = client.post(f"{base}/subsidies", json={"programme": "municipal"})
    assert refused.status_code == 403
    auth.logout()
    auth.login(owner)
    added = client.post(f"{base}/subsidies", json={"programme": "municipal", "fiscal_year": 2025})
    assert added.status_code == 201
    row = added.get_json()
    assert client.post(f"{base}/subsidies", json={"programme": "x"}).status_code == 422
    changed = client.patch(f"{base}/subsidies/{row['id']}", json={"amount_granted": 500_000})
    assert changed.get_json()["amount_granted"] == 500_000
    assert [s["programme"] for s in client.get(f"{base}/subsidies").get_json()] == [
        "it_introduction",
        "municipal",
    ]
    municipal = client.get("/api/cases", query_string={"programme": "municipal"})
    assert ids(municipal) == [case["id"]]
    outcome = client.get(f"{base}/outcomes").get_json()[0]
    assert client.delete(f"{base}/outcomes/{outcome['id']}").status_code == 204
    assert client.get(f"{base}/outcomes").get_json() == []
    assert client.delete(f"{base}/outcomes/{outcome['id']}").status_code == 404
    assert client.patch(f"{base}/subsidies/999999", json={}).status_code == 404


def test_cursor_pages_walk_every_case_once(client, auth, make):
    lab = make.lab()
    auth.login(make.coordinator(lab))
    made = [create(client, lab, title=f"事例{n}")["id"] for n in range(7)]
    seen, cursor = [], None
    for _ in range(10):
        query = {"sort": "newest", "per_page": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/cases", query_string=query).get_json()
        seen += [case["id"] for case in body["items"]]
        assert body["meta"]["total"] == 7
        cursor = body["meta"]["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(made, reverse=True)
    for bad in ("nonsense", "e30", "W10"):
        response = client.get("/api/cases", query_string={"sort": "newest", "cursor": bad})
        assert response.status_code == 422 and "cursor" in response.get_json()["errors"]
    relevance = client.get("/api/cases", query_string={"q": "事例", "cursor": cursor or "x"})
    assert relevance.status_code == 422


@pytest.mark.parametrize("per_page", [10, 100])
def test_list_costs_two_statements(app, client, auth, make, per_page):
    lab = make.lab()
    auth.login(make.coordinator(lab))
    for n in range(12):
        create(client, lab, title=f"事例{n}")
    auth.logout()
    # warm the reference-data cache and PostgreSQL's word statistics (read every ten minutes),
    # not the counts of the measured request
    client.get("/api/cases", query_string={"q": "工房"})
    with count_statements(app) as counted:
        response = client.get("/api/cases", query_string={"per_page": per_page, "q": "事例"})
    assert response.status_code == 200 and len(response.get_json()["items"]) == min(per_page, 12)
    assert len(counted) == 2, counted  # the cases with their relations, the facet counts


@pytest.mark.skipif(TEST_DB != "postgres", reason="concurrent writers: the PostgreSQL run")
def test_concurrent_presses_count_each_person_once(app, make, published):
    """Ten people press やってみたい twice each, all at once: ten rows, a count of ten."""
    from concurrent.futures import ThreadPoolExecutor

    case, _owner, _visitor = published
    people = [make.member(make.lab(prefectures=("13",))) for _ in range(10)]
    clients = []
    for person in people:
        client = app.test_client()
        Auth(client).login(person)
        clients.append(client)
    barrier = threading.Barrier(20)

    def press(client):
        barrier.wait()
        return client.post(f"/api/cases/{case['id']}/interest", json={}).status_code

    with ThreadPoolExecutor(20) as pool:
        codes = list(pool.map(press, clients + clients))
    assert codes == [200] * 20
    state = clients[0].get(f"/api/cases/{case['id']}/interest").get_json()
    assert state["interest_count"] == 10


def test_cached_facet_counts_follow_every_write(app, client, auth, make, db):
    """Counts are cached per library version; any write, even one made outside this process's
    unit of work, is seen by the next read."""
    import sqlalchemy as sa

    from community.core.cache import ContentVersion

    lab = make.lab(prefectures=("40",))
    auth.login(make.coordinator(lab))
    case = create(client, lab)
    auth.logout()
    assert client.get("/api/cases").get_json()["facets"]["programme"] == {"it_introduction": 1}
    with count_statements(app) as counted:
        client.get("/api/cases")
    assert len(counted) == 1  # the cases with their relations: the counts are cached

    auth.login(make.user(role=Role.SECRETARIAT))
    client.post(f"/api/cases/{case['id']}/unpublish", json={"reason": "確認中"})
    auth.logout()
    body = client.get("/api/cases").get_json()
    assert body["facets"]["programme"] == {} and body["meta"]["total"] == 0

    # another process's write: the row changes and the version moves, nothing else
    db.session.execute(sa.text("UPDATE \"case\" SET status = 'published'"))
    db.session.execute(sa.update(ContentVersion).values(version=ContentVersion.version + 1))
    db.session.commit()
    assert client.get("/api/cases").get_json()["meta"]["total"] == 1
