"""``make bench``: requests per second for our pages against a bare hello-world, in one run.

Both are served by the same gunicorn command (one sync-threaded worker) on free local ports,
on a SQLite database with the demo data, and hit by the same keep-alive client for the same time.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DURATION = float(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(target: str, env: dict, threads: int = 8) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = [str(BIN / "gunicorn"), "-w", "1", "--threads", str(threads)]
    process = subprocess.Popen(
        [*command, "-b", f"127.0.0.1:{port}", target],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{target} did not start")


def load(port: int, path: str) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + DURATION

    def worker():
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", quote(path, safe="/?=&"))
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "rps": len(latencies) / DURATION,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan"),
        "errors": errors,
    }


PAGES = [
    ("home page", "/"),
    ("lab list page", "/labs"),
    ("lab page", None),  # filled with the first demo lab
    ("case list page", "/cases"),
    ("case search page", "/cases?q=補助金&programme=it_introduction"),
    ("case page", "/cases/{case}"),
    ("case list API", "/api/cases"),
    ("case search API", "/api/cases?q=補助金"),
    ("regions API", "/api/regions"),
]
PAGE_SIZES = (10, 100)
POSTGRES_URL = os.environ.get(
    "BENCH_PAGES_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/bench_pages"
)


def fresh_postgres(url: str) -> str | None:
    """Drop and create the benchmark's own PostgreSQL database; ``None`` if unreachable."""
    import sqlalchemy as sa

    from community.config import normalise_database_url

    url = normalise_database_url(url)
    name = sa.engine.make_url(url).database
    admin = sa.create_engine(sa.engine.make_url(url).set(database="postgres"),
                             isolation_level="AUTOCOMMIT")  # fmt: skip
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        print(f"PostgreSQL skipped: {error.orig}")
        return None
    finally:
        admin.dispose()
    return url


def prepare(env: dict) -> None:
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for args in (["db", "upgrade"], ["seed", "demo"], ["seed", "bulk", "--cases", "150"]):
        subprocess.run([*flask, *args], cwd=ROOT, env=env, check=True, capture_output=True)


def statements_per_list_page(env: dict) -> dict[str, int]:
    """SQL statements that one anonymous list request runs, by page size."""
    import sqlalchemy as sa

    from community import create_app
    from community.extensions import db

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=env["DATABASE_URL"])
    counted: list[str] = []
    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", lambda *a: counted.append(a[2]))
    client = app.test_client()
    result = {}
    for path in ("/cases", "/api/cases"):
        client.get(path)  # the reference-data cache, as in a running server
        for size in PAGE_SIZES:
            counted.clear()
            response = client.get(f"{path}?per_page={size}")
            assert response.status_code == 200, (path, response.status_code)
            result[f"{path}?per_page={size}"] = len(counted)
    with app.app_context():
        db.engine.dispose()
    return result


def bench_database(label: str, env: dict) -> None:
    prepare(env)
    hello, hello_port = serve("bench.hello:app", env)
    app, app_port = serve("wsgi:app", env)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", app_port)
        connection.request("GET", "/api/labs?per_page=1")
        slug = json.loads(connection.getresponse().read())["items"][0]["slug"]
        connection.request("GET", "/api/cases?q=" + quote("組子") + "&per_page=1")
        case = json.loads(connection.getresponse().read())["items"][0]["id"]
        baseline = load(hello_port, "/")
        print(f"\n{label}, gunicorn -w 1 --threads 8, {CLIENTS} clients, {DURATION:.0f} s each")
        print(f"{'endpoint':<18}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'× hello':>9}")
        row = "{:<18}{rps:>10.0f}{p50:>9.1f}{p99:>9.1f}{errors:>8}{ratio:>9.3f}"
        print(row.format("hello-world", ratio=1.0, **baseline))
        for name, path in PAGES:
            result = load(app_port, (path or f"/labs/{slug}").format(case=case))
            print(row.format(name, ratio=result["rps"] / baseline["rps"], **result))
    finally:
        for process in (hello, app):
            process.terminate()
            process.wait(timeout=10)
    print(f"SQL statements per anonymous list request ({label}):")
    for path, count in statements_per_list_page(env).items():
        print(f"  {path:<28}{count:>4}")


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    base = {
        **os.environ,
        "COMMUNITY_ENV": "production",
        "SECRET_KEY": "bench",
        "LOG_LEVEL": "WARNING",
    }
    bench_database("SQLite", {**base, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite'}"})
    postgres = fresh_postgres(POSTGRES_URL)
    if postgres:
        bench_database("PostgreSQL", {**base, "DATABASE_URL": postgres})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
