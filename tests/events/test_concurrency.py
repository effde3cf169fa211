"""No overbooking and no double promotion when many people act at once.

Each thread runs the services in an application context (and so a database session) of its
own, as concurrent requests do. The large runs need PostgreSQL's concurrent writers; the
small one runs on SQLite too, where ``BEGIN IMMEDIATE`` makes writers take turns.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from werkzeug.exceptions import HTTPException

from community.accounts.models import User
from community.events import services
from community.events.models import Event, EventHost, Registration
from community.extensions import db as _db
from tests.conftest import TEST_DB
from tests.events.conftest import create_event, publish

postgres_only = pytest.mark.skipif(
    TEST_DB != "postgres", reason="concurrent writers: the PostgreSQL run"
)


def at_once(app, calls):
    """Run ``calls`` (``(function, *args)``) in as many threads, released together; each
    returns its result, or the HTTP status code of the error it raised."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        function, *args = call
        with app.app_context():
            barrier.wait()
            try:
                return function(*args)
            except HTTPException as error:
                return error.code
            finally:
                _db.session.remove()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def register(event_id: int, user_id: int):
    user = _db.session.get(User, user_id)
    return services.do_register(user, services.get_event(user, event_id)).status


def cancel(event_id: int, user_id: int):
    user = _db.session.get(User, user_id)
    event = services.get_event(user, event_id)
    return services.do_cancel_registration(user, services.get_own_registration(user, event)).status


def grow(event_id: int, user_id: int, capacity: int):
    user = _db.session.get(User, user_id)
    return services.do_update_event(user, services.get_event(user, event_id), capacity=capacity)


def statuses(event_id: int) -> dict[int, str]:
    _db.session.expire_all()
    rows = _db.session.execute(
        sa.select(Registration.user_id, Registration.status).where(
            Registration.event_id == event_id
        )
    )
    return dict(rows.all())


def counters(event_id: int) -> Event:
    _db.session.expire_all()
    return _db.session.get(Event, event_id)


def assert_consistent(event_id: int) -> None:
    """The counters agree with the rows, and the waitlist positions are all different."""
    event = counters(event_id)
    rows = _db.session.execute(
        sa.select(Registration.status, Registration.seat_lab_id, Registration.waitlist_position)
        .where(Registration.event_id == event_id)
    ).all()  # fmt: skip
    confirmed = [r for r in rows if r.status == "confirmed"]
    assert event.confirmed_count == len(confirmed) <= event.capacity
    assert event.open_confirmed_count == sum(r.seat_lab_id is None for r in confirmed)
    for host in _db.session.scalars(sa.select(EventHost).where(EventHost.event_id == event_id)):
        held = sum(r.seat_lab_id == host.lab_id for r in confirmed)
        assert host.confirmed_count == held
        assert host.seat_quota is None or held <= host.seat_quota
    positions = [r.waitlist_position for r in rows if r.status == "waitlisted"]
    assert len(positions) == len(set(positions))


@pytest.fixture
def first_come(make, client_for):
    def build(capacity: int, hosts=()):
        lab = make.lab(prefectures=("04",))
        lead = make.coordinator(lab)
        event = create_event(client_for(lead), lab, capacity=capacity, hosts=list(hosts))
        return publish(client_for(lead), event)["id"], lab, lead

    return build


def test_concurrent_registrations_never_overbook(app, make, first_come):
    event_id, _lab, _lead = first_come(capacity=5)
    people = [make.user() for _ in range(20)]
    results = at_once(app, [(register, event_id, p.id) for p in people])
    assert sorted(results) == ["confirmed"] * 5 + ["waitlisted"] * 15
    assert_consistent(event_id)


@postgres_only
def test_sixty_concurrent_registrations_for_twenty_seats(app, make, first_come):
    event_id, _lab, _lead = first_come(capacity=20)
    people = [make.user() for _ in range(60)]
    results = at_once(app, [(register, event_id, p.id) for p in people])
    assert results.count("confirmed") == 20 and results.count("waitlisted") == 40
    assert counters(event_id).confirmed_count == 20
    assert list(statuses(event_id).values()).count("confirmed") == 20
    assert_consistent(event_id)


@postgres_only
def test_cancellations_and_registrations_at_once_promote_each_waiting_person_once(
    app, make, first_come, sent
):
    event_id, _lab, _lead = first_come(capacity=10)
    seated = [make.user() for _ in range(10)]
    waiting = [make.user() for _ in range(10)]
    newcomers = [make.user() for _ in range(10)]
    for person in seated + waiting:
        with app.app_context():
            register(event_id, person.id)
    sent.clear()
    calls = [(cancel, event_id, p.id) for p in seated]
    calls += [(register, event_id, p.id) for p in newcomers]
    results = at_once(app, calls)
    assert results[:10] == ["cancelled"] * 10 and results[10:] == ["waitlisted"] * 10
    final = statuses(event_id)
    assert sorted(u for u, s in final.items() if s == "confirmed") == sorted(p.id for p in waiting)
    promoted_rooms = [room for name, _data, room in sent if name == "event_promoted"]
    assert sorted(promoted_rooms) == sorted(f"user:{p.id}" for p in waiting)
    assert counters(event_id).confirmed_count == 10
    assert_consistent(event_id)


@postgres_only
def test_quotas_are_never_exceeded_under_concurrency(app, make, client_for):
    miyagi, fukuoka = make.lab(prefectures=("04",)), make.lab(prefectures=("40",))
    lead = make.coordinator(miyagi)
    event = create_event(
        client_for(lead),
        miyagi,
        capacity=30,
        hosts=[{"lab_id": miyagi.id, "seat_quota": 5}, {"lab_id": fukuoka.id, "seat_quota": 5}],
    )
    event_id = publish(client_for(lead), event)["id"]
    people = [make.member(miyagi) for _ in range(15)] + [make.member(fukuoka) for _ in range(15)]
    people += [make.user() for _ in range(30)]
    results = at_once(app, [(register, event_id, p.id) for p in people])
    assert results[:15].count("confirmed") == 5 and results[15:30].count("confirmed") == 5
    assert results[30:].count("confirmed") == 20 and results.count("waitlisted") == 30
    hosts = _db.session.scalars(sa.select(EventHost).where(EventHost.event_id == event_id))
    assert {h.lab_id: h.confirmed_count for h in hosts} == {miyagi.id: 5, fukuoka.id: 5}
    assert counters(event_id).open_confirmed_count == 20
    assert_consistent(event_id)


@postgres_only
def test_one_registration_cancelled_many_times_at_once_frees_one_seat(app, make, first_come, sent):
    event_id, _lab, _lead = first_come(capacity=1)
    seated, first, second = make.user(), make.user(), make.user()
    for person in (seated, first, second):
        with app.app_context():
            register(event_id, person.id)
    sent.clear()
    results = at_once(app, [(cancel, event_id, seated.id)] * 8)
    assert sorted(results, key=str) == [409] * 7 + ["cancelled"]
    assert statuses(event_id) == {seated.id: "cancelled", first.id: "confirmed",
                                  second.id: "waitlisted"}  # fmt: skip
    assert [room for name, _d, room in sent if name == "event_promoted"] == [f"user:{first.id}"]
    assert_consistent(event_id)


@postgres_only
def test_the_same_person_registering_many_times_at_once_gets_one_row(app, make, first_come):
    event_id, _lab, _lead = first_come(capacity=5)
    person = make.user()
    results = at_once(app, [(register, event_id, person.id)] * 8)
    assert sorted(results, key=str) == [409] * 7 + ["confirmed"]
    assert statuses(event_id) == {person.id: "confirmed"}
    assert_consistent(event_id)


@postgres_only
def test_more_seats_and_cancellations_at_once_promote_in_order(app, make, first_come):
    event_id, _lab, lead = first_come(capacity=5)
    seated = [make.user() for _ in range(5)]
    waiting = [make.user() for _ in range(20)]
    for person in seated + waiting:
        with app.app_context():
            register(event_id, person.id)
    calls = [(cancel, event_id, p.id) for p in seated]
    calls.append((grow, event_id, lead.id, 10))
    at_once(app, calls)
    final = statuses(event_id)
    assert [final[p.id] for p in waiting] == ["confirmed"] * 10 + ["waitlisted"] * 10
    assert_consistent(event_id)
