"""Several gunicorn processes sharing rooms through Redis, as the README deploys them.

Each process is ``gunicorn -w 1 --threads N wsgi:app`` on a free local port, on the test
database, with ``SOCKETIO_MESSAGE_QUEUE`` pointing at the test Redis. Every test gets a Redis
channel of its own, so passes running at once (SQLite and PostgreSQL) never hear each other.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Deployment:
    """The environment of one scaled-out site: the database, Redis and a channel name."""

    def __init__(self, database_url: str, redis_url: str) -> None:
        self.env = {
            **os.environ,
            "COMMUNITY_ENV": "testing",
            "DATABASE_URL": database_url,
            "SOCKETIO_MESSAGE_QUEUE": redis_url,
            "SOCKETIO_CHANNEL": f"dxl-test-{uuid.uuid4().hex}",
            "RATELIMIT_STORAGE_URI": redis_url,
            "PYTHONUNBUFFERED": "1",
        }
        self.processes: list[subprocess.Popen] = []

    def serve(self, threads: int = 20) -> str:
        """Start one more process; its base URL once it answers."""
        port = free_port()
        process = subprocess.Popen(
            [
                *(str(BIN / "gunicorn"), "-w", "1", "--threads", str(threads)),
                *("-b", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "wsgi:app"),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode(errors="replace")[-3000:])
            try:
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    return base
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"{base} did not answer within 30 s")

    def run_python(self, code: str) -> subprocess.CompletedProcess:
        """A background process of the same site (a job, a command), not a server."""
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def deployment(app, db, redis_url):
    site = Deployment(app.config["SQLALCHEMY_DATABASE_URI"], redis_url)
    yield site
    site.stop()
