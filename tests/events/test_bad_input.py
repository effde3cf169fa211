"""No input produces a 500 on a real event: every events operation fed values that break
naive code, with ids of rows that exist."""

from __future__ import annotations

import re

from community.accounts.models import Role
from tests.core.test_bad_input import NASTY_VALUES, operations
from tests.events.conftest import create_event, publish


def test_nasty_values_on_a_real_event_never_cause_a_server_error(make, client_for):
    lab = make.lab()
    admin = client_for(make.user(role=Role.SECRETARIAT))
    spec = admin.get("/api/openapi.json").get_json()
    ids = {}

    def fresh():
        """A published event hosted by ``lab`` with one registration, anew for each call
        (an operation may cancel or delete the last one)."""
        event = publish(admin, create_event(admin, lab))
        registration = client_for(make.user()).post(
            f"/api/events/{event['id']}/registration", json={}
        )
        ids.update(
            event_id=event["id"], lab_id=lab.id, registration_id=registration.get_json()["id"]
        )

    checked = 0
    for path, method, operation in operations(spec):
        if not path.startswith("/api/events"):
            continue
        body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
        ref = body.get("schema", {}).get("$ref")
        fields = []
        if ref:
            fields = list(spec["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"])
        for field in fields or ["anything"]:
            fresh()
            url = re.sub(r"\{([^}]+)\}", lambda m: str(ids[m.group(1)]), path)
            for value in NASTY_VALUES:
                response = getattr(admin, method)(url, json={field: value})
                assert response.status_code < 500, (method, path, field, repr(value)[:40])
                checked += 1
        for query in ("page=-5", "per_page=0", "upcoming=maybe", "lab=0", "sort=%00"):
            response = getattr(admin, method)(f"{url}?{query}")
            assert response.status_code < 500, (method, path, query)
            checked += 1
    assert checked > 300
