"""A database that went away gives a clear 503 at once, not a hang, and serving recovers."""

import time

import pytest
import sqlalchemy as sa

from community import create_app
from community.extensions import db as _db
from tests.conftest import TEST_DB, Client


@pytest.fixture
def unreachable():
    """The app pointed at a PostgreSQL port where nothing listens."""
    app = create_app("testing", SQLALCHEMY_DATABASE_URI="postgresql://postgres@127.0.0.1:9/none")
    app.test_client_class = Client
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.mark.parametrize(
    ("path", "accept"),
    [("/api/cases", "application/json"), ("/cases", "text/html"), ("/healthz", "*/*")],
)
def test_an_unreachable_database_is_a_503_within_seconds(unreachable, path, accept):
    started = time.monotonic()
    response = unreachable.test_client().get(path, headers={"Accept": accept})
    assert time.monotonic() - started < unreachable.config["DATABASE_CONNECT_TIMEOUT"] + 5
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    if path.startswith("/api"):
        body = response.get_json()
        assert body["code"] == 503 and "データベースに接続できません" in body["message"]
    else:
        assert "データベースに接続できません" in response.get_data(as_text=True)


def test_a_logged_in_users_request_is_a_503_too(unreachable):
    client = unreachable.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1"  # the user loader would ask the database
    assert client.get("/cases").status_code == 503
    assert client.post("/api/notifications/read", json={}, csrf=False).status_code in (400, 503)


@pytest.mark.skipif(TEST_DB != "postgres", reason="the PostgreSQL run: a server ends connections")
def test_connections_dropped_by_the_server_recover_on_the_next_request(app, client, make):
    make.lab()
    assert client.get("/api/labs").status_code == 200
    with _db.engine.connect() as admin:  # the server ends every other connection to this database
        admin.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    assert client.get("/api/labs").status_code == 200  # the pool's ping replaced them
