import uuid

import pytest

from community import create_app
from community.extensions import db as _db
from tests.factories import PASSWORD

LIMITS = {
    "LOGIN_RATE_LIMIT_PER_IP": "6 per minute",
    "LOGIN_RATE_LIMIT_PER_ACCOUNT": "3 per minute",
}


def login(client, email, password, ip="10.0.0.1"):
    return client.post(
        "/api/auth/login",
        json={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": ip},
    )


@pytest.fixture
def limited(app, client, db):
    saved = {key: app.config[key] for key in LIMITS}
    app.config.update(LIMITS)
    yield client
    app.config.update(saved)


def test_failed_logins_are_limited_per_account(limited, make):
    user = make.user(email=f"{uuid.uuid4().hex}@example.jp")
    for n in range(3):
        assert login(limited, user.email, "wrong", ip=f"10.0.1.{n}").status_code == 401
    blocked = login(limited, user.email, PASSWORD, ip="10.0.1.99")
    assert blocked.status_code == 429
    assert blocked.get_json()["code"] == 429 and int(blocked.headers["Retry-After"]) >= 1


def test_attempts_are_limited_per_ip(limited, make):
    ip = f"10.9.{uuid.uuid4().int % 250}.1"
    for n in range(6):
        assert login(limited, f"nobody{n}@example.jp", "wrong", ip=ip).status_code == 401
    assert login(limited, "nobody@example.jp", "wrong", ip=ip).status_code == 429
    assert login(limited, "nobody@example.jp", "wrong", ip="10.8.0.1").status_code == 401


def test_login_page_is_limited_by_the_same_rule(limited, make):
    user = make.user(email=f"{uuid.uuid4().hex}@example.jp")
    for _ in range(3):
        login(limited, user.email, "wrong")
    page = limited.post(
        "/login",
        data={"email": user.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.2.1"},
    )
    assert page.status_code == 429
    assert "text/html" in page.content_type


def test_limits_are_shared_through_redis(redis_url, tmp_path):
    """Two app processes' worth of limiters share one count when Redis stores it."""
    config = dict(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'r.sqlite'}",
        RATELIMIT_STORAGE_URI=redis_url,
        **LIMITS,
    )
    first, second = create_app("testing", **config), create_app("testing", **config)
    for app in (first, second):
        with app.app_context():
            _db.create_all()
    from tests.conftest import Client

    first.test_client_class = second.test_client_class = Client
    email = f"{uuid.uuid4().hex}@example.jp"
    ip = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"  # Redis outlives the run
    a, b = first.test_client(), second.test_client()
    assert login(a, email, "wrong", ip).status_code == 401
    assert login(b, email, "wrong", ip).status_code == 401
    assert login(a, email, "wrong", ip).status_code == 401
    assert login(b, email, "wrong", ip).status_code == 429
    with first.app_context():
        from community.core.ratelimit import rate_limiter

        assert "redis" in type(rate_limiter().storage).__name__.lower()


def test_an_unreachable_limit_storage_lets_people_in_and_says_so(app, client, make, caplog):
    """A Redis restart must not turn log-ins into errors: the limit waits until it is back."""
    user = make.user()
    app.extensions.pop("rate_limiter", None)  # made afresh from the setting below
    saved = app.config["RATELIMIT_STORAGE_URI"]
    app.config["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:9/0"  # nothing listens there
    try:
        assert login(client, user.email, "wrong").status_code == 401
        assert login(client, user.email, PASSWORD).status_code == 200
    finally:
        app.config["RATELIMIT_STORAGE_URI"] = saved
        app.extensions.pop("rate_limiter", None)
    assert "rate-limit storage unavailable" in caplog.text
