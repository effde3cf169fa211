"""Events in one call each, people with clients of their own, and the socket events sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from community.events.models import Event
from community.extensions import db as _db
from community.extensions import socketio

EVENT = {
    "title": "地域を越えたDX事例共有会 in 仙台",
    "description": "## 内容\n\n**生成AI**とRAGの活用事例を共有します。<script>alert(1)</script>",
    "kind": "hybrid",
    "venue": "仙台市中小企業活性化センター",
    "prefecture": "04",
    "online_url": "https://meet.example.jp/dx-sendai",
    "capacity": 3,
    "target_audience": "中小企業の経営者、自治体職員",
    "challenges": ["talent", "support"],
}


def later(days: float = 30, hours: float = 0) -> str:
    return (datetime.now(UTC) + timedelta(days=days, hours=hours)).isoformat()


def create_event(client, lab, **changes) -> dict:
    body = {"lab_id": lab.id, "starts_at": later(30), "ends_at": later(30, 3), **EVENT}
    body.update(changes)
    response = client.post("/api/events", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def publish(client, event: dict) -> dict:
    response = client.post(f"/api/events/{event['id']}/publish")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def set_columns(event_id: int, **values) -> None:
    """Move an event's times where the API would not (a deadline already passed)."""
    _db.session.execute(sa.update(Event).where(Event.id == event_id).values(**values))
    _db.session.commit()


def ago(days: float = 0, hours: float = 0) -> datetime:
    return datetime.now(UTC) - timedelta(days=days, hours=hours)


@pytest.fixture
def sent(monkeypatch):
    """The socket events sent (after their commit), as ``(event, data, room)``."""
    events = []
    monkeypatch.setattr(
        socketio, "emit", lambda name, data, to=None, namespace="/": events.append((name, data, to))
    )
    return events


@pytest.fixture
def joint(make, client_for):
    """A published event of capacity 3 hosted by a Miyagi lab and a Fukuoka lab."""
    miyagi = make.lab(prefectures=("04",))
    fukuoka = make.lab(prefectures=("40",))
    lead = make.coordinator(miyagi)
    cohost = make.coordinator(fukuoka)
    event = create_event(client_for(lead), miyagi, hosts=[{"lab_id": fukuoka.id}])
    event = publish(client_for(lead), event)
    return {
        "event": event,
        "url": f"/api/events/{event['id']}",
        "miyagi": miyagi,
        "fukuoka": fukuoka,
        "lead": lead,
        "cohost": cohost,
    }
