"""``make bench``: a mixed workload against gunicorn, on SQLite and on PostgreSQL.

Logged-in people browse the case library, search it in Japanese, read the forum, register for
an event and cancel again, and chat in a channel over HTTP, in the proportions below, all at
once. A bare hello-world served by the same gunicorn command in the same run is the baseline:
each kind of request prints its requests per second, p50/p99 and errors, and its share of the
baseline's rate.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from bench.run import BIN, ROOT, fresh_postgres, load, serve

DURATION = float(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
POSTGRES_URL = os.environ.get(
    "BENCH_MIXED_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/bench_mixed"
)
PASSWORD = "bench-mixed-password"
# (name, weight): what a busy afternoon on the site looks like, roughly
MIX = [("browse", 40), ("search", 25), ("forum", 15), ("register", 10), ("chat", 10)]
SEARCHES = ["補助金", "組子", "チャットボット", "DX", "IT導入補助金", "生産管理"]

SETUP = f"""
from community import create_app
from community.accounts.models import Role, User
from community.accounts.services import hash_password
from community.extensions import db
app = create_app()
with app.app_context():
    hashed = hash_password({PASSWORD!r})
    for n in range({CLIENTS}):
        db.session.add(User(email=f"mixed{{n}}@bench.jp", display_name=f"参加者{{n}}",
                            password_hash=hashed, role=Role.MEMBER.value))
    db.session.commit()
"""


def prepare(env: dict) -> None:
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for args in (["db", "upgrade"], ["seed", "demo"]):
        subprocess.run([*flask, *args], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True)


class Person:
    """One logged-in client on a keep-alive connection."""

    def __init__(self, port: int, email: str) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.csrf = self.call("GET", "/api/auth/csrf")[1]["csrf_token"]
        status, _ = self.call("POST", "/api/auth/login", {"email": email, "password": PASSWORD})
        if status != 200:
            raise RuntimeError(f"log-in failed: {status}")
        self.csrf = self.call("GET", "/api/auth/csrf")[1]["csrf_token"]

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, object]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        payload = None
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        if method != "GET":
            headers["X-CSRFToken"] = getattr(self, "csrf", "")
        try:
            self.connection.request(method, quote(path, safe="/?=&"), payload, headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            return 0, None
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        kind = response.getheader("Content-Type", "")
        return response.status, json.loads(data) if "json" in kind and data else None


def workload(port: int, targets: dict) -> dict[str, dict]:
    timings: dict[str, list[float]] = {name: [] for name, _ in MIX}
    errors: dict[str, int] = {name: 0 for name, _ in MIX}
    lock = threading.Lock()
    names = [name for name, _ in MIX]
    weights = [weight for _, weight in MIX]
    people = [Person(port, f"mixed{n}@bench.jp") for n in range(CLIENTS)]
    deadline = time.perf_counter() + DURATION

    def run(person: Person, seed: int) -> None:
        rng = random.Random(seed)
        mine = {name: [] for name in names}
        failed = dict.fromkeys(names, 0)
        registered = False
        while time.perf_counter() < deadline:
            kind = rng.choices(names, weights)[0]
            started = time.perf_counter()
            if kind == "browse":
                ok = person.call("GET", f"/cases?page={rng.randint(1, 2)}")[0] == 200
            elif kind == "search":
                ok = person.call("GET", f"/cases?q={rng.choice(SEARCHES)}")[0] == 200
            elif kind == "forum":
                ok = person.call("GET", targets["thread"])[0] == 200
            elif kind == "register":
                url = f"/api/events/{targets['event']}/registration"
                if registered:
                    status = person.call("DELETE", url)[0]
                else:
                    status = person.call("POST", url, {})[0]
                ok = status in (200, 201)
                registered = not registered if ok else registered
            else:
                body = {"body": "在庫管理の相談です", "client_id": uuid.uuid4().hex}
                url = f"/api/channels/{targets['channel']}/messages"
                ok = person.call("POST", url, body)[0] == 201
            elapsed = time.perf_counter() - started
            mine[kind].append(elapsed)
            failed[kind] += 0 if ok else 1
        with lock:
            for name in names:
                timings[name].extend(mine[name])
                errors[name] += failed[name]

    threads = [threading.Thread(target=run, args=(p, n)) for n, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings["all"] = [t for name in names for t in timings[name]]
    result = {}
    for name in [*names, "all"]:
        values = sorted(timings[name])
        result[name] = {
            "rps": len(values) / DURATION,
            "p50": statistics.median(values) * 1000 if values else float("nan"),
            "p99": values[max(0, int(len(values) * 0.99) - 1)] * 1000 if values else float("nan"),
            "errors": sum(errors.values()) if name == "all" else errors[name],
        }
    return result


def targets_of(port: int) -> dict:
    person = Person(port, "mixed0@bench.jp")
    events = person.call("GET", "/api/events?per_page=50")[1]["items"]
    event = next(e for e in events if e["status"] == "published" and e.get("mode") == "first_come")
    threads = person.call("GET", "/api/forum/threads?per_page=1")[1]["items"]
    channels = person.call("GET", "/api/channels")[1]
    channels = channels["items"] if isinstance(channels, dict) else channels
    channel = next(c for c in channels if c["kind"] == "field")
    thread = f"/forum/threads/{threads[0]['id']}"
    return {"event": event["id"], "thread": thread, "channel": channel["id"]}


def bench_database(label: str, env: dict) -> None:
    prepare(env)
    hello, hello_port = serve("bench.hello:app", env)
    app, app_port = serve("wsgi:app", env)
    try:
        targets = targets_of(app_port)
        baseline = load(hello_port, "/")
        result = workload(app_port, targets)
    finally:
        for process in (hello, app):
            process.terminate()
            process.wait(timeout=10)
    print(f"\nMixed workload, {label}: gunicorn -w 1 --threads 8, {CLIENTS} logged-in clients, "
          f"{DURATION:.0f} s")  # fmt: skip
    print(f"{'request':<12}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'× hello':>9}")
    row = "{:<12}{rps:>9.0f}{p50:>9.1f}{p99:>9.1f}{errors:>8}{ratio:>9.3f}"
    print(row.format("hello-world", ratio=1.0, **baseline))
    for name, figures in result.items():
        print(row.format(name, ratio=figures["rps"] / baseline["rps"], **figures))


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-mixed-"))
    base = {
        **os.environ,
        "COMMUNITY_ENV": "development",  # plain HTTP here: a Secure cookie would not come back
        "SECRET_KEY": "bench",
        "LOG_LEVEL": "WARNING",
        "CHANNEL_SEND_RATE_LIMIT": "100000 per second",
    }
    bench_database("SQLite", {**base, "DATABASE_URL": f"sqlite:///{workdir / 'mixed.sqlite'}"})
    postgres = fresh_postgres(POSTGRES_URL)
    if postgres:
        bench_database("PostgreSQL", {**base, "DATABASE_URL": postgres})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
