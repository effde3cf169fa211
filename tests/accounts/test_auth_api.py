import pytest
import sqlalchemy as sa

from community.accounts.models import ApiToken, User
from community.extensions import db as _db
from tests.factories import PASSWORD


def register(client, **overrides):
    body = {"email": "taro@example.jp", "display_name": "山田 太郎", "password": "long enough pw"}
    body.update(overrides)
    return client.post("/api/auth/register", json=body)


def test_register_creates_user_with_argon2id_and_starts_a_session(client, db):
    response = register(client, email="Taro@Example.JP")
    assert response.status_code == 201
    body = response.get_json()
    assert body["email"] == "taro@example.jp"
    assert body["roles"] == ["member"] and body["preferred_language"] == "ja"
    assert "password" not in body and "password_hash" not in body
    user = db.session.scalar(sa.select(User))
    assert user.password_hash.startswith("$argon2id$")
    assert client.get("/api/me").get_json()["id"] == user.id


def test_outside_the_tests_passwords_take_argon2ids_full_cost(app, monkeypatch):
    from community.accounts.services import hash_password, password_hasher

    monkeypatch.delitem(app.config, "PASSWORD_HASHING")
    with app.app_context():
        stored = hash_password("正しい馬のバッテリー")
    cost = f"$m={password_hasher.memory_cost},t={password_hasher.time_cost},"
    assert stored.startswith("$argon2id$") and cost in stored
    assert password_hasher.memory_cost >= 65536 and password_hasher.time_cost >= 3


def test_register_twice_is_a_conflict(client, db):
    assert register(client).status_code == 201
    client.post("/api/auth/logout")
    again = register(client, email="TARO@example.jp")
    assert again.status_code == 409
    assert again.get_json()["code"] == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": None}, "email"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "x" * 81}, "display_name"),
        ({"password": "short"}, "password"),
        ({"password": 12345678901}, "password"),
        ({"preferred_language": "fr"}, "preferred_language"),
        ({"email": "a@" + "b" * 260 + ".jp"}, "email"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_register_bad_input_is_422_with_field_messages(client, db, body, field):
    response = register(client, **body)
    assert response.status_code == 422
    payload = response.get_json()
    assert payload["code"] == 422 and field in payload["errors"]
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_register_missing_fields_lists_each(client, db):
    response = client.post("/api/auth/register", json={})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"email", "display_name", "password"}
    assert response.get_json()["errors"]["email"] == ["必須項目です。"]


def test_non_json_body_is_a_clear_error(client, db):
    response = client.post("/api/auth/register", data="{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.get_json()["code"] == response.status_code


def test_login_and_logout(client, make):
    user = make.user()
    response = client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200 and response.get_json()["id"] == user.id
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.post("/api/auth/logout").status_code == 204
    assert client.get("/api/me").status_code == 401


def test_login_with_wrong_password_or_unknown_user_is_401(client, make):
    user = make.user()
    wrong = client.post("/api/auth/login", json={"email": user.email, "password": "nope"})
    unknown = client.post("/api/auth/login", json={"email": "ghost@example.jp", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json()["message"] == unknown.get_json()["message"]


def test_inactive_user_cannot_log_in(client, make, db):
    user = make.user()
    user.active = False
    db.session.commit()
    response = client.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 401


def test_unsafe_cookie_request_without_csrf_token_fails(client, make):
    user = make.user()
    response = client.post(
        "/api/auth/login", json={"email": user.email, "password": PASSWORD}, csrf=False
    )
    assert response.status_code == 400
    assert "CSRF" in response.get_json()["message"]
    bad = client.post(
        "/api/auth/login",
        json={"email": user.email, "password": PASSWORD},
        headers={"X-CSRFToken": "forged"},
        csrf=False,
    )
    assert bad.status_code == 400


def test_profile_update_and_password_change(client, auth, make):
    user = make.user()
    auth.login(user)
    response = client.patch(
        "/api/me", json={"display_name": "新しい名前", "preferred_language": "en"}
    )
    assert response.status_code == 200
    assert response.get_json()["display_name"] == "新しい名前"
    assert client.patch("/api/me", json={"preferred_language": "xx"}).status_code == 422
    assert client.patch("/api/me", json={"role": "secretariat"}).status_code == 422
    wrong = client.post(
        "/api/me/password", json={"current_password": "wrong", "new_password": "brand new password"}
    )
    assert wrong.status_code == 422 and "current_password" in wrong.get_json()["errors"]
    ok = client.post(
        "/api/me/password",
        json={"current_password": PASSWORD, "new_password": "brand new password"},
    )
    assert ok.status_code == 204
    auth.logout()
    auth.login(user, password="brand new password")


def test_me_requires_login(client, db):
    assert client.get("/api/me").status_code == 401
    assert client.patch("/api/me", json={"display_name": "x"}).status_code == 401
    assert client.post("/api/me/tokens", json={"name": "x"}).status_code == 401


def test_bearer_tokens_are_created_hashed_used_and_revoked(app, client, auth, make, db):
    user = make.user()
    auth.login(user)
    created = client.post("/api/me/tokens", json={"name": "集計スクリプト", "expires_in_days": 30})
    assert created.status_code == 201
    secret = created.get_json()["token"]
    assert secret.startswith("dxl_")
    stored = db.session.scalar(sa.select(ApiToken))
    assert stored.token_hash != secret and secret not in stored.token_hash
    listed = client.get("/api/me/tokens").get_json()
    assert [t["name"] for t in listed] == ["集計スクリプト"] and "token" not in listed[0]

    api = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    assert api.get("/api/me", headers=headers).get_json()["id"] == user.id
    # bearer clients need no CSRF token
    assert api.patch("/api/me", json={"display_name": "API"}, headers=headers).status_code == 200
    assert api.get("/api/me", headers={"Authorization": "Bearer dxl_wrong"}).status_code == 401

    assert client.delete(f"/api/me/tokens/{stored.id}").status_code == 204
    assert api.get("/api/me", headers=headers).status_code == 401


def test_a_bearer_header_is_judged_alone_even_with_a_session_cookie(client, auth, make):
    auth.login(make.user())
    assert client.get("/api/me").status_code == 200
    assert client.get("/api/me", headers={"Authorization": "Bearer dxl_bogus"}).status_code == 401


def test_expired_token_is_refused(app, client, auth, make, db):
    from datetime import timedelta

    from community.core.db import utcnow

    user = make.user()
    auth.login(user)
    secret = client.post("/api/me/tokens", json={"name": "t"}).get_json()["token"]
    token = db.session.scalar(sa.select(ApiToken))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = app.test_client().get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_cannot_revoke_someone_elses_token(app, client, auth, make, db):
    owner, other = make.user(), make.user()
    auth.login(owner)
    client.post("/api/me/tokens", json={"name": "mine"})
    token_id = db.session.scalar(sa.select(ApiToken.id))
    auth.logout()
    auth.login(other)
    assert client.delete(f"/api/me/tokens/{token_id}").status_code == 404
    assert client.delete("/api/me/tokens/99999").status_code == 404
    _db.session.expire_all()
    assert db.session.get(ApiToken, token_id).revoked_at is None


def test_language_switch_api(client, auth, make, db):
    user = make.user()
    auth.login(user)
    assert client.post("/api/auth/language", json={"language": "en"}).status_code == 204
    db.session.refresh(user)
    assert user.preferred_language == "en"
    assert client.post("/api/auth/language", json={"language": "de"}).status_code == 422
