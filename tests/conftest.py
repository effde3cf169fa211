"""Fixtures: app -> db -> client -> auth -> live server for real Socket.IO clients.

``TEST_DB=postgres`` runs the suite on ``TEST_DATABASE_URL``; otherwise on a SQLite file.
Redis-backed tests use ``TEST_REDIS_URL``; in CI a missing service fails, never skips.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import threading

import pytest
import requests
import sqlalchemy as sa
from flask.testing import FlaskClient
from werkzeug.serving import WSGIRequestHandler, make_server

from community import create_app
from community.channels.services import ensure_field_channels
from community.cli import load_reference_data
from community.config import normalise_database_url
from community.core import search
from community.core.search import FTS_TABLE
from community.extensions import db as _db
from community.labs.models import Prefecture, Region
from tests import factories

IN_CI = bool(os.environ.get("CI"))
TEST_DB = os.environ.get("TEST_DB", "sqlite")
REFERENCE_TABLES = {Region.__tablename__, Prefecture.__tablename__, "forum_category"}


def service_url(name: str) -> str | None:
    url = os.environ.get(name)
    if not url and IN_CI:
        pytest.fail(f"{name} must be set in CI; the test may not be skipped there")
    return url


def database_url(tmp_path_factory) -> str:
    if TEST_DB == "postgres":
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            pytest.exit("TEST_DB=postgres needs TEST_DATABASE_URL", returncode=2)
        return normalise_database_url(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


class Client(FlaskClient):
    """A browser-like client: unsafe cookie requests carry the session's CSRF token.

    Each request runs in an application context of its own, as in a server; otherwise it
    would share the test's ``g`` and database session.
    """

    def open(self, *args, csrf: bool = True, **kwargs):
        method = (kwargs.get("method") or "GET").upper()
        headers = dict(kwargs.pop("headers", None) or {})
        if csrf and method in {"POST", "PUT", "PATCH", "DELETE"} and "Authorization" not in headers:
            headers.setdefault("X-CSRFToken", self.csrf_token())
        with self.application.app_context():
            return super().open(*args, headers=headers, **kwargs)

    def csrf_token(self) -> str:
        with self.application.app_context():
            return super().open("/api/auth/csrf").get_json()["csrf_token"]


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url(tmp_path_factory))
    app.test_client_class = Client
    with app.app_context():
        _db.drop_all()
        with _db.engine.begin() as connection:
            connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        _db.create_all()
        load_reference_data()
        _db.session.remove()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def empty_database() -> None:
    """Every table but the reference data emptied (inside an application context)."""
    _db.session.remove()
    tables = [t for t in reversed(_db.metadata.sorted_tables) if t.name not in REFERENCE_TABLES]
    # DELETE, not TRUNCATE: on PostgreSQL a TRUNCATE of every table costs about half a
    # second (new files for each), a DELETE of a test's few rows milliseconds
    with _db.engine.begin() as connection:
        for table in tables:
            connection.execute(table.delete())
        if connection.dialect.name == "sqlite":
            connection.execute(sa.text(f"DELETE FROM {FTS_TABLE}"))
    ensure_field_channels()  # reference data too, but in a table that rooms share
    search._stats.clear()  # the word statistics of this test's documents, kept ten minutes


@pytest.fixture
def db(app):
    """The database, emptied of everything but reference data after each test."""
    with app.app_context():
        yield _db
        empty_database()


@pytest.fixture
def client(app, db):
    return app.test_client()


class Auth:
    def __init__(self, client: Client) -> None:
        self.client = client

    def login(self, user, password: str = factories.PASSWORD):
        response = self.client.post(
            "/api/auth/login", json={"email": user.email, "password": password}
        )
        assert response.status_code == 200, response.get_json()
        return response

    def logout(self):
        return self.client.post("/api/auth/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def client_for(app, db):
    """A logged-in client per person, each with its own cookies."""
    clients = {}

    def get(user):
        if user.id not in clients:
            client = app.test_client()
            Auth(client).login(user)
            clients[user.id] = client
        return clients[user.id]

    return get


@pytest.fixture
def make(db):
    """Factories bound to the test database."""
    return factories


def login_session(base: str, user) -> requests.Session:
    """A logged-in HTTP session on a served app, sending its CSRF token with every request;
    its cookie (``cookie_of``) opens sockets, on every process of a deployment."""
    http = requests.Session()
    token = http.get(f"{base}/api/auth/csrf").json()["csrf_token"]
    response = http.post(
        f"{base}/api/auth/login",
        json={"email": user.email, "password": factories.PASSWORD},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200, response.text
    http.headers["X-CSRFToken"] = http.get(f"{base}/api/auth/csrf").json()["csrf_token"]
    return http


def cookie_of(http: requests.Session) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in http.cookies)


@pytest.fixture
def redis_url():
    url = service_url("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL not set")
    return url


class _RequestHandler(WSGIRequestHandler):
    def connection_dropped(self, error, environ=None) -> None:
        """A finished WebSocket ends its connection, as under gunicorn. Werkzeug would keep it
        open for a next request, and a client closing the WebSocket would wait 3 s for the
        server's side to close."""
        self.close_connection = True


@contextlib.contextmanager
def serving(app):
    """``app`` over real HTTP and WebSocket on a free local port, in a thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_RequestHandler)
    # a short poll: shutting down waits for the loop to look again
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            _db.engine.dispose()


def served_app(app):
    """A fresh app on the test database, built outside the test's app context, as in a
    server: the one Socket.IO extension serves the app it was bound to last, and other tests
    build apps of their own."""
    return contextvars.Context().run(
        create_app, "testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"]
    )


@pytest.fixture
def live_server(app, db):
    """The app served over real HTTP and WebSocket on a free local port, on the test database."""
    with serving(served_app(app)) as url:
        yield url
