import logging

import pytest
import sqlalchemy as sa

from community import create_app
from community.accounts.models import User
from community.config import ConfigError, load_config
from community.extensions import db as _db


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        load_config("production")


def test_production_takes_secret_key_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/d")
    config = load_config("production")
    assert config.SECRET_KEY == "s3cret"
    assert config.SESSION_COOKIE_SECURE is True
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u@h/d"


def test_development_has_a_default_key_and_plain_http_cookies(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = load_config("development")
    assert config.SECRET_KEY
    assert config.SESSION_COOKIE_SECURE is False


def test_unknown_profile_is_an_error():
    with pytest.raises(ConfigError):
        load_config("staging")


def test_health(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_api_404_is_json_with_the_contract(client):
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    body = response.get_json()
    assert body["code"] == 404 and body["status"] == "Not Found" and body["message"]


def test_page_404_is_html_unless_json_is_preferred(client):
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "<h1>404</h1>" in page.get_data(as_text=True)
    as_json = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert as_json.status_code == 404 and as_json.get_json()["code"] == 404


def test_405_carries_allow(client):
    response = client.delete("/api/labs")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}
    assert response.get_json()["code"] == 405


def test_request_id_is_echoed(client):
    response = client.get("/no-such-page", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert len(generated) == 32 and generated != "abc-123"
    unsafe = client.get("/healthz", headers={"X-Request-ID": "bad id <script>"})
    assert unsafe.headers["X-Request-ID"] != "bad id <script>"


def test_log_lines_carry_the_request_id(app, db):
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep()
    handler.setFormatter(logging.Formatter("[%(request_id)s] %(message)s"))
    from community.core.logging import RequestIdFilter

    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)
    try:
        with app.test_request_context("/", headers={"X-Request-ID": "req-42"}):
            app.preprocess_request()
            logging.getLogger("community.test").warning("hello")
    finally:
        logging.getLogger().removeHandler(handler)
    assert records == ["[req-42] hello"]


@pytest.fixture
def failing_app(tmp_path):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'f.sqlite'}")
    seen = {}

    @app.get("/api/boom")
    def boom():
        _db.session.add(User(email="x@example.jp", display_name="x", password_hash="x"))
        _db.session.flush()
        raise RuntimeError("boom")

    @app.after_request
    def after(response):
        seen["pending"] = len(_db.session.new) + len(_db.session.identity_map)
        seen["in_transaction"] = _db.session().in_transaction()
        return response

    with app.app_context():
        _db.create_all()
    app.seen = seen
    return app


def test_500_is_json_and_rolls_the_session_back(failing_app):
    response = failing_app.test_client().get("/api/boom")
    assert response.status_code == 500
    assert response.get_json()["code"] == 500
    assert "boom" not in response.get_data(as_text=True)
    assert failing_app.seen == {"pending": 0, "in_transaction": False}
    with failing_app.app_context():
        assert _db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_security_headers(client):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_openapi_document_and_docs(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["info"]["title"] == "DX Lab Exchange API"
    for path in (
        "/api/labs",
        "/api/labs/{lab_id}",
        "/api/labs/{lab_id}/members",
        "/api/me",
        "/api/auth/login",
        "/api/auth/register",
        "/api/regions",
        "/api/prefectures",
    ):
        assert path in spec["paths"], path
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "swagger" in docs.get_data(as_text=True).lower()


def test_vendor_serves_only_known_packages(client):
    assert client.get("/vendor/left-pad/index.js").status_code == 404
    assert client.get("/vendor/swagger-ui-dist/../../pyproject.toml").status_code == 404


def test_ids_beyond_any_row_are_404_not_a_database_error(client):
    for path in ("/api/labs/2147483648", "/api/labs/99999999999999999999999/members"):
        response = client.get(path)
        assert response.status_code == 404, path


def test_text_that_cannot_be_stored_is_a_422(client, db):
    response = client.post(
        "/api/auth/register",
        json={"email": "a@example.jp", "display_name": "a\x00b", "password": "long enough pw"},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"]["_schema"] == ["使用できない文字が含まれています。"]
    page = client.post(
        "/register",
        data={"email": "a@example.jp", "display_name": "x\x00", "password": "long enough pw"},
    )
    assert page.status_code == 422 and "使用できない文字が含まれています。" in page.get_data(
        as_text=True
    )
