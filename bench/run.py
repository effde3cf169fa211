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


def serve(target: str, env: dict) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", "1", "--threads", "8", "-b", f"127.0.0.1:{port}", target],
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
    ("lab list API", "/api/labs"),
    ("lab page", None),  # filled with the first demo lab
    ("regions API", "/api/regions"),
    ("case search API", "/api/cases?q=補助金"),
    ("case list API", "/api/cases"),
]


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    env = {
        **os.environ,
        "COMMUNITY_ENV": "production",
        "SECRET_KEY": "bench",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite'}",
        "LOG_LEVEL": "WARNING",
    }
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([*flask, "seed", "demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    hello, hello_port = serve("bench.hello:app", env)
    app, app_port = serve("wsgi:app", env)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", app_port)
        connection.request("GET", "/api/labs?per_page=1")
        slug = json.loads(connection.getresponse().read())["items"][0]["slug"]
        baseline = load(hello_port, "/")
        print(f"SQLite, gunicorn -w 1 --threads 8, {CLIENTS} clients, {DURATION:.0f} s each")
        print(f"{'endpoint':<16}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'× hello':>9}")
        row = "{:<16}{rps:>10.0f}{p50:>9.1f}{p99:>9.1f}{errors:>8}{ratio:>9.3f}"
        print(row.format("hello-world", ratio=1.0, **baseline))
        for name, path in PAGES:
            result = load(app_port, path or f"/labs/{slug}")
            print(row.format(name, ratio=result["rps"] / baseline["rps"], **result))
    finally:
        for process in (hello, app):
            process.terminate()
            process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
