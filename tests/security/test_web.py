"""Security over HTTP: CSRF on cookie sessions, cookie flags, log-in limits, drafts across labs.

Socket checks are in ``test_sockets.py``.
"""

from __future__ import annotations

import contextvars
import uuid

import pytest
import sqlalchemy as sa

from community import create_app
from community.accounts.models import ApiToken, User
from community.extensions import db as _db
from tests.accounts.test_rate_limits import LIMITS, login
from tests.conftest import Auth, Client
from tests.factories import PASSWORD

# --- CSRF -----------------------------------------------------------------------------------


@pytest.fixture
def logged_in(client, auth, make):
    user = make.user()
    auth.login(user)
    token = client.post("/api/me/tokens", json={"name": "既存"}).get_json()
    return user, token


def _tokens(user_id: int) -> list[str]:
    return list(_db.session.scalars(sa.select(ApiToken.name).where(ApiToken.user_id == user_id)))


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/me/tokens", {"name": "偽造"}),
        ("patch", "/api/me", {"display_name": "偽造"}),
        ("delete", "/api/me/tokens/{token}", None),
        ("post", "/api/auth/logout", None),
    ],
)
def test_cookie_api_write_without_csrf_token_fails(client, logged_in, method, path, body):
    user, token = logged_in
    url = path.format(token=token["id"])
    response = client.open(url, method=method.upper(), json=body, csrf=False)
    assert response.status_code == 400
    assert "CSRF" in response.get_json()["message"]
    _db.session.expire_all()
    assert _db.session.get(User, user.id).display_name != "偽造"
    assert _tokens(user.id) == ["既存"]
    assert _db.session.get(ApiToken, token["id"]).revoked_at is None
    assert client.get("/api/me").status_code == 200  # still logged in
    # the same request with the session's token goes through: the refusal was the token's
    assert client.open(url, method=method.upper(), json=body).status_code < 300


def test_cookie_api_write_with_a_wrong_csrf_token_fails(client, logged_in):
    user, _token = logged_in
    response = client.post(
        "/api/me/tokens", json={"name": "偽造"}, headers={"X-CSRFToken": "forged"}, csrf=False
    )
    assert response.status_code == 400 and _tokens(user.id) == ["既存"]


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/me", {"display_name": "偽造", "preferred_language": "ja"}),
        ("/me/tokens", {"name": "偽造"}),
        ("/logout", {}),
    ],
)
def test_page_form_without_csrf_token_fails(client, logged_in, path, form):
    """Pages post forms (browsers send no PATCH or DELETE from a form)."""
    user, _token = logged_in
    response = client.post(path, data=form, csrf=False)
    assert response.status_code == 400 and "text/html" in response.content_type
    _db.session.expire_all()
    assert _db.session.get(User, user.id).display_name != "偽造"
    assert _tokens(user.id) == ["既存"]
    assert client.get("/api/me").status_code == 200


def test_a_token_from_another_session_does_not_count(app, client, logged_in):
    other = app.test_client()
    foreign = other.csrf_token()  # a valid token, of another (visitor's) session
    response = client.post(
        "/api/me/tokens", json={"name": "偽造"}, headers={"X-CSRFToken": foreign}, csrf=False
    )
    assert response.status_code == 400


# --- session cookie flags -------------------------------------------------------------------


def _cookie_flags(response, name: str) -> set[str]:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{name}="):
            return {part.strip().lower() for part in header.split(";")[1:]}
    raise AssertionError(f"no {name} cookie set: {response.headers.getlist('Set-Cookie')}")


def test_session_cookie_flags_in_testing(client, make):
    user = make.user()
    response = client.post(
        "/api/auth/login", json={"email": user.email, "password": PASSWORD, "remember": True}
    )
    assert response.status_code == 200
    for name in ("session", "remember_token"):
        flags = _cookie_flags(response, name)
        assert "httponly" in flags and "samesite=lax" in flags
        assert "secure" not in flags  # development and testing run on plain http


def test_session_cookie_flags_in_production(app, db, make, monkeypatch):
    """The production profile (SECRET_KEY from the environment): HttpOnly, SameSite=Lax, Secure."""
    monkeypatch.setenv("SECRET_KEY", uuid.uuid4().hex * 2)
    monkeypatch.delenv("COMMUNITY_ENV", raising=False)
    production = contextvars.Context().run(  # built outside the test's app context
        create_app, None, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"]
    )
    assert production.config["ENV_NAME"] == "production"
    user = make.user()
    client = production.test_client()
    https = {"base_url": "https://dx.example.jp"}
    with production.app_context():
        token = client.get("/api/auth/csrf", **https).get_json()["csrf_token"]
        response = client.post(
            "/api/auth/login",
            json={"email": user.email, "password": PASSWORD, "remember": True},
            # over https the CSRF check also wants a same-site Referer
            headers={"X-CSRFToken": token, "Referer": "https://dx.example.jp/login"},
            **https,
        )
    assert response.status_code == 200, response.get_json()
    for name in ("session", "remember_token"):
        assert {"httponly", "samesite=lax", "secure"} <= _cookie_flags(response, name)


# --- log-in brute force ---------------------------------------------------------------------
# Per account and per IP on the API, and per account on the page, are in
# tests/accounts/test_rate_limits.py; the page's per-IP limit and a lock that holds while the
# right password is tried were missing.


@pytest.fixture
def limited(app, client, db):
    saved = {key: app.config[key] for key in LIMITS}
    app.config.update(LIMITS)
    yield client
    app.config.update(saved)


def test_login_page_is_limited_per_ip(limited):
    ip = f"10.7.{uuid.uuid4().int % 250}.1"
    for n in range(6):
        page = limited.post(
            "/login",
            data={"email": f"guess{n}@example.jp", "password": "wrong"},
            environ_base={"REMOTE_ADDR": ip},
        )
        assert page.status_code == 401
    page = limited.post(
        "/login",
        data={"email": "guess@example.jp", "password": "wrong"},
        environ_base={"REMOTE_ADDR": ip},
    )
    assert page.status_code == 429 and "text/html" in page.content_type


def test_a_locked_account_does_not_log_in_even_with_the_right_password(limited, make):
    user = make.user(email=f"{uuid.uuid4().hex}@example.jp")
    for n in range(3):
        assert login(limited, user.email, "wrong", ip=f"10.6.0.{n}").status_code == 401
    blocked = login(limited, user.email, PASSWORD, ip="10.6.1.1")
    assert blocked.status_code == 429
    assert limited.get("/api/me").status_code == 401  # no session was started


# --- another lab's drafts, by guessing ids --------------------------------------------------

CASE = {
    "title": "未公開の事例",
    "summary": "下書き",
    "body": "下書きの本文",
    "prefecture": "04",
    "industry": "E",
    "size_band": "6-20",
    "challenges": ["talent"],
    "status": "draft",
}
EVENT = {
    "title": "未公開のイベント",
    "description": "下書き",
    "kind": "online",
    "online_url": "https://meet.example.jp/x",
    "capacity": 10,
    "starts_at": "2031-05-01T10:00:00+09:00",
    "ends_at": "2031-05-01T12:00:00+09:00",
}


@pytest.fixture
def drafts(app, make):
    """Lab A's draft case and draft event; people of lab B, and lab A's own member."""
    lab_a, lab_b = make.lab(prefectures=("04",)), make.lab(prefectures=("40",))
    author, coordinator_a = make.member(lab_a), make.coordinator(lab_a)
    clients = {}
    for name, user in {
        "author": author,
        "coordinator_a": coordinator_a,
        "member_b": make.member(lab_b),
        "coordinator_b": make.coordinator(lab_b),
    }.items():
        clients[name] = app.test_client()
        Auth(clients[name]).login(user)
    case = clients["author"].post("/api/cases", json={**CASE, "lab_id": lab_a.id})
    event = clients["coordinator_a"].post("/api/events", json={**EVENT, "lab_id": lab_a.id})
    assert case.status_code == 201 and event.status_code == 201
    return clients, case.get_json()["id"], event.get_json()["id"]


@pytest.mark.parametrize("reader", ["member_b", "coordinator_b", "anonymous"])
def test_another_labs_drafts_cannot_be_read_by_guessing_ids(app, drafts, reader):
    clients, case_id, event_id = drafts
    client: Client = clients.get(reader) or app.test_client()
    # the ids around the drafts (ids are not reset between tests): none opens for another lab
    for guess in range(max(1, case_id - 3), case_id + 3):
        for url in (f"/api/cases/{guess}", f"/cases/{guess}"):
            assert client.get(url).status_code in (403, 404), url
    for guess in range(max(1, event_id - 3), event_id + 3):
        for url in (f"/api/events/{guess}", f"/events/{guess}", f"/api/events/{guess}/hosts"):
            assert client.get(url).status_code in (403, 404), url
    cases = client.get("/api/cases?status=draft").get_json()
    assert case_id not in [c["id"] for c in (cases or {}).get("items", [])]
    events = client.get("/api/events").get_json()
    assert event_id not in [e["id"] for e in events["items"]]
    # nor changed
    assert client.patch(f"/api/cases/{case_id}", json={"title": "x"}).status_code in (
        401,
        403,
        404,
    )
    assert client.patch(f"/api/events/{event_id}", json={"title": "x"}).status_code in (
        401,
        403,
        404,
    )


def test_the_labs_own_people_read_the_drafts(drafts):
    """The control: the same ids open for lab A, so the refusals above are about the lab."""
    clients, case_id, event_id = drafts
    for name in ("author", "coordinator_a"):
        client = clients[name]
        assert client.get(f"/api/cases/{case_id}").status_code == 200
        assert client.get(f"/cases/{case_id}").status_code == 200
    assert clients["coordinator_a"].get(f"/api/events/{event_id}").status_code == 200
    assert clients["coordinator_a"].get(f"/events/{event_id}").status_code == 200


def test_another_labs_private_room_cannot_be_read_by_guessing_ids(app, make):
    """A lab's consultation room, and what is said in it, stay the lab's (API and page)."""
    lab_a, lab_b = make.lab(prefectures=("04",)), make.lab(prefectures=("40",))
    insider, outsider = app.test_client(), app.test_client()
    Auth(insider).login(make.member(lab_a))
    Auth(outsider).login(make.coordinator(lab_b))
    room = insider.post("/api/channels", json={"lab_id": lab_a.id, "name": "内緒の相談"})
    assert room.status_code == 201, room.get_json()
    room_id = room.get_json()["id"]
    said = insider.post(f"/api/channels/{room_id}/messages", json={"body": "秘密の見積額"})
    assert said.status_code == 201
    assert insider.get(f"/api/channels/{room_id}/messages").status_code == 200  # the control
    for guess in range(max(1, room_id - 3), room_id + 3):
        for url in (
            f"/api/channels/{guess}",
            f"/api/channels/{guess}/messages",
            f"/channels/{guess}",
        ):
            response = outsider.get(url)
            if guess == room_id:
                assert response.status_code in (403, 404), url
            assert "秘密の見積額" not in response.get_data(as_text=True), url
    listed = outsider.get("/api/channels").get_json()["items"]
    assert room_id not in [channel["id"] for channel in listed]
    sent = outsider.post(f"/api/channels/{room_id}/messages", json={"body": "覗き"})
    assert sent.status_code in (403, 404)
