"""``make bench`` (third part): 500 people register at once for 100 seats, over HTTP.

On PostgreSQL (``BENCH_EVENTS_DATABASE_URL``, default
``postgresql://postgres@127.0.0.1:5432/bench_events``, dropped and created afresh; skipped with a
notice when the server cannot be reached) and then on a SQLite file. For each database: the
schema from the migrations, one published first-come event with 100 seats and 500 users with an
API token each, made through the services in an application context. The app is served by
``gunicorn -w 1 --threads N`` (``BENCH_EVENTS_THREADS``, default 8) like ``bench/run.py``; each
of 500 client threads opens its own connection, all wait at a barrier, then each sends one
``POST /api/events/<id>/registration`` with its own ``Authorization: Bearer`` token.

Printed: confirmed and waitlisted people (from the responses, and from the database: the rows and
the event's seat counter), errors, registrations per second (attempts over the wall time from the
barrier to the last response), p50/p95 latency of one attempt, and the bare hello-world
requests per second served by the same gunicorn command in the same run, with the ratio.
The run fails (exit status 1) when a database does not confirm exactly 100 people, or when the
responses, the rows and the counter disagree.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from bench.run import BIN, CLIENTS, DURATION, ROOT, fresh_postgres, load, serve

SEATS = int(os.environ.get("BENCH_EVENTS_SEATS", "100"))
ATTEMPTS = int(os.environ.get("BENCH_EVENTS_ATTEMPTS", "500"))
THREADS = int(os.environ.get("BENCH_EVENTS_THREADS", "8"))
POSTGRES_URL = os.environ.get(
    "BENCH_EVENTS_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/bench_events"
)


def prepare(env: dict) -> tuple[int, list[str]]:
    """Schema, a lab with its coordinator, the published event, and ``ATTEMPTS`` users with a
    token each; returns the event's id and the tokens."""
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    from community import create_app
    from community.accounts.models import Role, User
    from community.accounts.services import do_create_token, hash_password
    from community.cli import load_reference_data
    from community.core.db import utcnow
    from community.events import services as events
    from community.extensions import db
    from community.labs import services as labs

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=env["DATABASE_URL"])
    with app.app_context():
        load_reference_data()
        password_hash = hash_password("bench-password")  # once: argon2 costs ~0.2 s a hash

        def person(email: str, name: str, role: Role = Role.MEMBER) -> User:
            return User(email=email, display_name=name, password_hash=password_hash, role=role)

        secretariat = person("bench-secretariat@example.jp", "事務局（ベンチ）", Role.SECRETARIAT)
        coordinator = person("bench-coordinator@example.jp", "コーディネーター（ベンチ）")
        people = [person(f"bench{n:03}@example.jp", f"参加者{n:03}") for n in range(ATTEMPTS)]
        db.session.add_all([secretariat, coordinator, *people])
        db.session.commit()
        lab = labs.do_create_lab(
            secretariat, name="ベンチマークDX推進ラボ", slug="bench-lab", prefectures=["13"]
        )
        labs.do_appoint_coordinator(secretariat, lab, email=coordinator.email)
        starts_at = (utcnow() + timedelta(days=30)).replace(microsecond=0)
        event = events.do_create_event(
            coordinator,
            lab_id=lab.id,
            title=f"先着順イベント（定員{SEATS}名）",
            kind="online",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=SEATS,
        )
        event = events.do_publish_event(coordinator, event)
        tokens = [do_create_token(user, name="bench")[1] for user in people]
        event_id = event.id
        db.session.remove()
        db.engine.dispose()
    return event_id, tokens


def counted(env: dict, event_id: int) -> dict:
    """What the database holds after the run: registrations by status, the seat counter, and
    whether every waitlist position is distinct."""
    import sqlalchemy as sa

    from community import create_app
    from community.events.models import Event, Registration
    from community.extensions import db

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=env["DATABASE_URL"])
    with app.app_context():
        by_status = dict(
            db.session.execute(
                sa.select(Registration.status, sa.func.count())
                .where(Registration.event_id == event_id)
                .group_by(Registration.status)
            ).all()
        )
        positions = db.session.execute(
            sa.select(
                sa.func.count(Registration.waitlist_position),
                sa.func.count(sa.distinct(Registration.waitlist_position)),
            ).where(Registration.event_id == event_id)
        ).one()
        counter = db.session.get(Event, event_id).confirmed_count
        db.session.remove()
        db.engine.dispose()
    distinct = positions[0] == positions[1]
    return {"rows": by_status, "counter": counter, "positions_distinct": distinct}


def fire(port: int, event_id: int, tokens: list[str]) -> dict:
    """One registration attempt per token, all released at once."""
    path = f"/api/events/{event_id}/registration"
    results: list[tuple] = [None] * len(tokens)
    barrier = threading.Barrier(len(tokens) + 1)

    def attempt(index: int, token: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        try:
            connection.connect()
            failed = None
        except OSError as error:
            failed = type(error).__name__
        barrier.wait()
        start = time.perf_counter()
        if failed:
            results[index] = (failed, 0.0, start)
            return
        try:
            connection.request("POST", path, body=b"{}", headers=headers)
            response = connection.getresponse()
            body = response.read()
            outcome = json.loads(body)["status"] if response.status == 201 else response.status
        except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
            outcome = type(error).__name__
        finally:
            connection.close()
        results[index] = (outcome, time.perf_counter() - start, time.perf_counter())

    threading.stack_size(512 * 1024)
    threads = [
        threading.Thread(target=attempt, args=(index, token)) for index, token in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = max(finished for _, _, finished in results) - start
    outcomes: dict = {}
    for outcome, _, _ in results:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    latencies = sorted(seconds for _, seconds, _ in results)
    return {
        "outcomes": outcomes,
        "wall": wall,
        "rate": len(tokens) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
    }


def bench_database(label: str, env: dict) -> bool:
    """Prepare, measure hello-world, fire the registrations, check the counts; True if sound."""
    setup = time.perf_counter()
    event_id, tokens = prepare(env)
    setup = time.perf_counter() - setup
    hello, hello_port = serve("bench.hello:app", env, threads=THREADS)
    try:
        load(hello_port, "/")  # the worker boots on the first requests: a warm-up run
        baseline = load(hello_port, "/")
    finally:
        hello.terminate()
        hello.wait(timeout=10)
    app, port = serve("wsgi:app", env, threads=THREADS)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", f"/api/events/{event_id}")  # boot the worker before timing
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"GET /api/events/{event_id}: {response.status}")
        result = fire(port, event_id, tokens)
    finally:
        app.terminate()
        app.wait(timeout=10)
    stored = counted(env, event_id)

    outcomes = result["outcomes"]
    confirmed, waitlisted = outcomes.get("confirmed", 0), outcomes.get("waitlisted", 0)
    errors = {k: v for k, v in outcomes.items() if k not in ("confirmed", "waitlisted")}
    rows = stored["rows"]
    sound = (
        confirmed == SEATS
        and rows.get("confirmed", 0) == stored["counter"] == confirmed
        and rows.get("waitlisted", 0) == waitlisted
        and stored["positions_distinct"]
    )
    ratio = result["rate"] / baseline["rps"]
    print(
        f"\n{label}: {ATTEMPTS} registration attempts at once for {SEATS} seats, over HTTP, "
        f"gunicorn -w 1 --threads {THREADS} (setup {setup:.1f} s)"
    )
    print(
        f"  confirmed            {confirmed:>8}   (database: {rows.get('confirmed', 0)} rows, "
        f"seat counter {stored['counter']}; must be {SEATS})"
    )
    print(
        f"  waitlisted           {waitlisted:>8}   (database: {rows.get('waitlisted', 0)} rows, "
        f"positions distinct: {stored['positions_distinct']})"
    )
    print(f"  errors               {sum(errors.values()):>8}" + (f"   {errors}" if errors else ""))
    print(f"  registrations/s      {result['rate']:>8.1f}   ({ATTEMPTS} in {result['wall']:.2f} s)")
    print(f"  latency p50          {result['p50']:>8.1f} ms")
    print(f"  latency p95          {result['p95']:>8.1f} ms")
    print(
        f"  hello-world req/s    {baseline['rps']:>8.0f}   "
        f"({CLIENTS} keep-alive clients, {DURATION:.0f} s, same gunicorn command)"
    )
    print(f"  registrations/s ÷ hello-world req/s: {ratio:.3f}")
    if sound:
        print(f"  OK: exactly {SEATS} confirmed; the responses, the rows and the counter agree")
    else:
        print(f"  FAILED: not exactly {SEATS} confirmed, or the database disagrees")
    return sound


def main() -> int:
    base = {
        **os.environ,
        "COMMUNITY_ENV": "production",
        "SECRET_KEY": "bench",
        "LOG_LEVEL": "WARNING",
    }
    sound = True
    postgres = fresh_postgres(POSTGRES_URL)
    if postgres:
        sound &= bench_database("PostgreSQL", {**base, "DATABASE_URL": postgres})
    workdir = Path(tempfile.mkdtemp(prefix="bench-events-"))
    sqlite = f"sqlite:///{workdir / 'events.sqlite'}"
    sound &= bench_database("SQLite", {**base, "DATABASE_URL": sqlite})
    return 0 if sound else 1


if __name__ == "__main__":
    raise SystemExit(main())
