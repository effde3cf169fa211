"""Every operation of ``/api/openapi.json`` fuzzed in-process, as a visitor and as each role.

Pass means: no server error, every response matching its documented schema, content type and
headers, a status code that the operation documents, and invalid input refused with a 4xx.
The number of examples is bounded (``MAX_EXAMPLES`` per operation and role, derandomised) so
that the whole module runs in about two minutes on SQLite.

The people, lab, cases and event are made once for the module (``world``); fuzzing may change
or delete them (that is part of the test), and the module empties the database at its end.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from community import create_app
from community.accounts.models import ApiToken, Role, User
from community.accounts.services import do_create_token
from community.extensions import db as _db
from tests import factories
from tests.conftest import empty_database

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "5"))
ROLES = ("anonymous", "member", "coordinator", "expert", "secretariat")

# Any operation may answer 401 (no or a bad token), 403 (not this person's to do) or 404 (no such
# object, or one the caller may not see) before it reaches what it documents: flask-smorest
# documents them all at once as the ``default`` Error response, whose body is still checked.
# Every other status (400, 405, 409, 415, 422, 429...) must be documented by the operation.
GENERIC_STATUSES = {401, 403, 404}


@schemathesis.check
def documented_status(ctx, response, case) -> bool | None:
    """``status_code_conformance`` passes anything once ``default`` is documented; this does not."""
    documented = {code for code in case.operation.definition.raw["responses"] if code.isdigit()}
    status = response.status_code
    if case.method.upper() != case.operation.method.upper():
        # the fuzzer tried a method the operation is not: 405, or Flask's automatic OPTIONS
        assert status == 405 or (case.method.upper() == "OPTIONS" and status == 200), status
        return None
    if str(status) not in documented and status not in GENERIC_STATUSES:
        raise AssertionError(
            f"{status} is not documented for {case.operation.label} "
            f"(documented: {', '.join(sorted(documented))})"
        )
    return None


SENT: Counter[str] = Counter()  # requests sent, per role; printed at the end (pytest -s)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    documented_status,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

CASE = {
    "title": "IT導入補助金で受発注をクラウド化した組子工房",
    "summary": "組子細工の工房が受発注をクラウドに移した。",
    "body": "## 取組\n\nチャットボットで問い合わせに回答。",
    "prefecture": "40",
    "industry": "E",
    "size_band": "6-20",
    "challenges": ["talent"],
    "status": "published",
}
EVENT = {
    "title": "地域を越えたDX事例共有会",
    "description": "事例を共有します。",
    "kind": "online",
    "online_url": "https://meet.example.jp/dx",
    "capacity": 10,
    "starts_at": "2031-05-01T10:00:00+09:00",
    "ends_at": "2031-05-01T12:00:00+09:00",
}


def _post(client, url: str, token: str, body: dict | None = None) -> dict:
    response = client.post(url, json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code in (200, 201), (url, response.get_json())
    return response.get_json()


@pytest.fixture(scope="module")
def world(app):
    """People of every role with a bearer token, and a few objects for the ids to hit."""
    with app.app_context():
        empty_database()
        lab = factories.lab(prefectures=("40",))
        people: dict[str, User] = {
            "member": factories.member(lab),
            "coordinator": factories.coordinator(lab),
            "expert": factories.user(role=Role.EXPERT),
            "secretariat": factories.user(role=Role.SECRETARIAT),
        }
        tokens = {role: do_create_token(user, name="fuzz")[1] for role, user in people.items()}
        client = app.test_client()
        member, coordinator = tokens["member"], tokens["coordinator"]
        _post(client, "/api/cases", member, {**CASE, "lab_id": lab.id})
        _post(client, "/api/cases", member, {**CASE, "lab_id": lab.id, "status": "draft"})
        event = _post(client, "/api/events", coordinator, {**EVENT, "lab_id": lab.id})
        _post(client, f"/api/events/{event['id']}/publish", coordinator)
        _post(client, "/api/events", coordinator, {**EVENT, "lab_id": lab.id})  # a draft
        _post(client, f"/api/events/{event['id']}/registration", tokens["member"], {})
        _db.session.remove()
    # a visitor, like a browser: a session cookie and its CSRF token, but nobody logged in
    visitor = app.test_client()
    with app.app_context():
        csrf = visitor.get("/api/auth/csrf").get_json()["csrf_token"]
    cookie = visitor.get_cookie("session")
    headers = {role: {"Authorization": f"Bearer {raw}"} for role, raw in tokens.items()}
    headers["anonymous"] = {"X-CSRFToken": csrf}
    yield headers, {"session": cookie.value}
    print(f"\nfuzz: {sum(SENT.values())} requests, per role {dict(SENT)}")
    with app.app_context():
        empty_database()


# The document does not depend on the database: it is read once from an app of its own, and each
# case is sent to the suite's app (on TEST_DB) by ``app=``.
SPEC_APP = create_app("testing")
# Boundary values for every parameter (huge strings, wrong types, missing bodies, other methods):
# some sixty requests an operation, so sent once, as the secretariat, who gets furthest.
boundaries = schemathesis.openapi.from_wsgi(
    "/api/openapi.json",
    SPEC_APP,
    config=SchemathesisConfig.from_dict({"phases": {"fuzzing": {"enabled": False}}}),
)
# Random valid and invalid data, MAX_EXAMPLES an operation, as each role.
schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json",
    SPEC_APP,
    config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}),
)
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def usable_tokens(app, world):
    """The fuzzer may revoke the very token it uses (DELETE /api/me/tokens/{id}): restored for
    each operation (within one, the later examples then get a 401, which is documented)."""
    with app.app_context():
        _db.session.execute(sa.update(ApiToken).values(revoked_at=None))
        _db.session.commit()
        _db.session.remove()


def send(case, role: str, world, app) -> None:
    SENT[role] += 1
    headers, cookies = world
    case.call_and_validate(
        headers=headers[role],
        cookies=cookies if role == "anonymous" else None,
        checks=CHECKS,
        app=app,
    )


@boundaries.parametrize()
@SETTINGS
def test_boundaries(case, world, app):
    send(case, "secretariat", world, app)


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@SETTINGS
def test_api(case, role, world, app):
    send(case, role, world, app)
