"""``make soak``: the scaled-out deployment as the README writes it, under faults.

Debian's nginx (``ip_hash``) in front of two ``gunicorn -w 1 --threads N`` processes that share
a Redis of their own (Socket.IO messages and rate limits) and a PostgreSQL database reached
through a TCP relay this script can cut. Live Socket.IO clients talk in a channel through
nginx while, in turn:

1. the process serving them is killed with SIGKILL mid-stream: the clients reconnect (nginx
   sends them to the other process) and resend what was not acknowledged with the same
   ``client_id``; the channel's history must hold every acknowledged message exactly once;
2. Redis is stopped and started again during traffic: serving must recover without restarting
   the app (a message sent on one process reaches a client of the other again);
3. the database connection is cut: requests must fail with a 503 within seconds, not hang,
   and succeed again once it is back.

Prints what it saw and exits 1 if any check failed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
import socketio

from bench.run import BIN, ROOT, fresh_postgres

NAMESPACE = "/channels"
PASSWORD = "soak-password-0123"
POSTGRES_URL = os.environ.get("SOAK_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/soak")
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "20"))
RESET_ON_CLOSE = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close sends a reset
failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"  [{'ok' if ok else 'FAIL'}] {what}")
    if not ok:
        failures.append(what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


# --- the parts ---------------------------------------------------------------------------------


class Redis:
    """A redis-server of the deployment's own, on a free port, keeping nothing on disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait()


class Relay:
    """A TCP relay to PostgreSQL that can be cut: open connections reset, new ones refused."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.open = threading.Event()
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.open.set()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.listener.accept()
            if not self.open.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.close()

    def cut(self) -> None:
        self.open.clear()
        with self.lock:
            for s in self.connections:
                try:
                    s.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                    )
                    s.close()
                except OSError:
                    pass
            self.connections.clear()

    def restore(self) -> None:
        self.open.set()


NGINX_CONF = """
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream community {{
        ip_hash;
        server 127.0.0.1:{first} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{second} max_fails=1 fail_timeout=30s;
    }}
    server {{
        listen 127.0.0.1:{port};
        add_header X-Upstream $upstream_addr always;
        location / {{
            proxy_pass http://community;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
        location /socket.io {{
            proxy_pass http://community/socket.io;
            proxy_http_version 1.1;
            proxy_buffering off;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "Upgrade";
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, root: Path, upstreams: list[int]) -> None:
        self.port = free_port()
        self.root = root
        conf = root / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(root=root, first=upstreams[0], second=upstreams[1], port=self.port)
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", str(root), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for_port(self.port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


class App:
    """One gunicorn process of the site."""

    def __init__(self, env: dict) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                *(str(BIN / "gunicorn"), "-w", "1", "--threads", "100"),
                *("-b", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null", "wsgi:app"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("SOAK_DEBUG") else subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the master and its worker
        )
        wait_for_port(self.port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL to the master and its worker at once, as when a machine dies: no
        goodbye to the clients, no respawned worker."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


# --- the site's data and its people ------------------------------------------------------------

SETUP = f"""
from community import create_app
from community.accounts.models import Role, User
from community.accounts.services import hash_password
from community.extensions import db
app = create_app()
with app.app_context():
    for n in range({CLIENTS}):
        db.session.add(User(email=f"soak{{n}}@soak.jp", display_name=f"利用者{{n}}",
                            password_hash=hash_password({PASSWORD!r}), role=Role.EXPERT.value))
    db.session.commit()
"""


def prepare(env: dict) -> None:
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for args in (["db", "upgrade"], ["seed", "reference"]):
        subprocess.run([*flask, *args], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True)


def login(base: str, email: str) -> str:
    with requests.Session() as http:
        token = http.get(f"{base}/api/auth/csrf").json()["csrf_token"]
        http.post(
            f"{base}/api/auth/login",
            json={"email": email, "password": PASSWORD},
            headers={"X-CSRFToken": token},
        ).raise_for_status()
        return "; ".join(f"{c.name}={c.value}" for c in http.cookies)


def public_channel(base: str, cookie: str) -> int:
    body = requests.get(f"{base}/api/channels", headers={"Cookie": cookie}).json()
    items = body["items"] if isinstance(body, dict) else body
    return next(c["id"] for c in items if c["kind"] == "field")


def history(base: str, cookie: str, channel: int) -> list[dict]:
    """Every message of the channel, walking the cursor back from the newest."""
    found: list[dict] = []
    params: dict = {"limit": 100}
    while True:
        response = requests.get(
            f"{base}/api/channels/{channel}/messages",
            params=params,
            headers={"Cookie": cookie},
            timeout=10,
        )
        response.raise_for_status()
        page = response.json()
        found = page["items"] + found
        if not page["items"] or not page["meta"]["has_more"]:
            return found
        params["before"] = page["items"][0]["id"]


class Talker:
    """A live client that sends numbered messages, resending unacknowledged ones after a
    reconnection with the same ``client_id``, and remembers what was acknowledged."""

    def __init__(self, base: str, cookie: str, channel: int, name: str) -> None:
        self.channel, self.name = channel, name
        self.acked: set[str] = set()
        self.received: set[str] = set()
        self.reconnections = -1
        self.disconnections = 0
        self.stop = threading.Event()
        self.client = socketio.Client(
            reconnection=True, reconnection_delay=0.2, logger=bool(os.environ.get("SOAK_DEBUG"))
        )
        self.client.on("connect", self._joined, namespace=NAMESPACE)
        self.client.on("message", self._message, namespace=NAMESPACE)
        self.client.on("disconnect", self._dropped, namespace=NAMESPACE)
        # headers as a function: the Engine.IO client moves a Cookie header out of the dict it
        # is given when it upgrades to WebSocket, and a reconnection would go without one
        self.client.connect(
            base, headers=lambda: {"Cookie": cookie}, namespaces=[NAMESPACE], wait_timeout=10
        )
        self.thread = threading.Thread(target=self._talk, daemon=True)

    def _joined(self) -> None:
        self.reconnections += 1
        threading.Thread(target=self._join, daemon=True).start()

    def _join(self) -> None:
        with contextlib.suppress(Exception):  # the next reconnection joins again
            self.client.call("join", {"channel_id": self.channel}, namespace=NAMESPACE, timeout=10)

    def _dropped(self, *args) -> None:
        self.disconnections += 1

    def _message(self, data) -> None:
        self.received.add(data.get("client_id") or "")

    def _talk(self) -> None:
        n = 0
        while not self.stop.is_set():
            client_id = f"{self.name}-{n}"
            while not self.stop.is_set():
                try:
                    ack = self.client.call(
                        "send",
                        {"channel_id": self.channel, "body": f"soak {client_id}",
                         "client_id": client_id},
                        namespace=NAMESPACE,
                        timeout=5,
                    )  # fmt: skip
                    if isinstance(ack, dict) and not ack.get("error"):
                        self.acked.add(client_id)
                        break
                except Exception:  # disconnected or timed out: the same client_id again
                    pass
                time.sleep(0.2)
            n += 1
            time.sleep(0.05)

    def close(self) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join(timeout=15)
        self.client.disconnect()


# --- the faults --------------------------------------------------------------------------------


def kill_mid_stream(site: Nginx, apps: list[App], people: list[str], channel: int) -> None:
    print("\n1. SIGKILL of the serving process mid-stream")
    serving = requests.get(f"{site.url}/healthz").headers.get("X-Upstream", "")
    victim = next(a for a in apps if serving.endswith(f":{a.port}"))
    talkers = [Talker(site.url, cookie, channel, f"k{n}") for n, cookie in enumerate(people)]
    for t in talkers:
        t.thread.start()
    time.sleep(3)
    victim.kill()
    killed_at = time.monotonic()
    back = None
    while time.monotonic() - killed_at < 6:
        if back is None and any(t.reconnections >= 1 for t in talkers):
            back = time.monotonic() - killed_at
        time.sleep(0.05)
    for t in talkers:
        t.close()
    acked = set().union(*(t.acked for t in talkers))
    stored = [m["client_id"] for m in history(site.url, people[0], channel)]
    ours = [c for c in stored if c and c.startswith("k")]
    survivor = next(a for a in apps if a is not victim)
    print(f"  killed {victim.url}; survivor {survivor.url}; {len(acked)} messages acknowledged")
    print(
        f"  disconnections seen: {sum(t.disconnections for t in talkers)}, "
        f"reconnections: {sum(max(0, t.reconnections) for t in talkers)}"
    )
    check(all(t.reconnections >= 1 for t in talkers), "every client reconnected")
    check(len(ours) == len(set(ours)), f"no message stored twice ({len(ours)} stored)")
    check(acked <= set(ours), "every acknowledged message is in the history")
    print(f"  the first client was back {back if back is not None else float('nan'):.2f} s after")
    after = requests.get(f"{site.url}/healthz", timeout=5)
    check(after.status_code == 200, "the site answers through nginx")


def restart_redis(apps: list[App], redis: Redis, people: list[str], channel: int) -> None:
    print("\n2. Redis stopped and started again during traffic")
    alive = [a for a in apps if a.process.poll() is None]
    sender = Talker(alive[0].url, people[0], channel, "r")
    listener = Talker(alive[1].url, people[1], channel, "l")
    sender.thread.start()
    time.sleep(2)
    redis.stop()
    time.sleep(3)
    redis.start()
    time.sleep(5)  # the processes' listeners reconnect
    received_before = set(listener.received)
    time.sleep(3)
    sender.close()
    late = {c for c in listener.received - received_before if c.startswith("r-")}
    listener.close()
    check(bool(late), f"messages cross processes again after the restart ({len(late)} arrived)")
    errors = [a.process.poll() for a in alive]
    check(all(e is None for e in errors), "no process had to be restarted")


def drop_database(site: Nginx, relay: Relay, people: list[str]) -> None:
    print("\n3. The database connection cut, then back")
    relay.cut()
    times, statuses = [], []
    for _ in range(5):
        started = time.monotonic()
        try:
            response = requests.get(
                f"{site.url}/api/channels", headers={"Cookie": people[0]}, timeout=30
            )
            statuses.append(response.status_code)
        except requests.RequestException as error:
            statuses.append(type(error).__name__)
        times.append(time.monotonic() - started)
    print(f"  while cut: statuses {statuses}, slowest {max(times):.2f} s")
    check(all(s == 503 for s in statuses), "every request failed with a 503")
    check(max(times) < 10, "none hung (each within 10 s)")
    relay.restore()
    started = time.monotonic()
    while time.monotonic() - started < 30:
        if requests.get(f"{site.url}/api/channels", headers={"Cookie": people[0]}).ok:
            break
        time.sleep(0.2)
    recovered = time.monotonic() - started
    print(f"  back after {recovered:.2f} s")
    check(recovered < 10, "requests succeed again once the database is back")


def main() -> int:
    database = fresh_postgres(POSTGRES_URL)
    if database is None:
        return 1
    redis = Redis()
    redis.start()
    relay = Relay(("127.0.0.1", 5432))
    relayed = database.replace("127.0.0.1:5432", f"127.0.0.1:{relay.port}")
    env = {
        **os.environ,
        # production but for cookies: nginx here speaks plain HTTP, where a Secure cookie
        # would not come back
        "COMMUNITY_ENV": "development",
        "SECRET_KEY": uuid.uuid4().hex,
        "DATABASE_URL": relayed,
        "SOCKETIO_MESSAGE_QUEUE": redis.url,
        "RATELIMIT_STORAGE_URI": redis.url,
        "CHANNEL_SEND_RATE_LIMIT": "1000 per second",
        "LOG_LEVEL": "ERROR",
    }
    prepare({**env, "DATABASE_URL": database})
    apps = [App(env), App(env)]
    with tempfile.TemporaryDirectory() as tmp:
        site = Nginx(Path(tmp), [a.port for a in apps])
        try:
            people = [login(site.url, f"soak{n}@soak.jp") for n in range(CLIENTS)]
            channel = public_channel(site.url, people[0])
            kill_mid_stream(site, apps, people, channel)
            # the killed process comes back beside the survivor (directly, not behind nginx)
            apps = [a for a in apps if a.process.poll() is None] + [App(env)]
            restart_redis(apps, redis, people, channel)
            drop_database(site, relay, people)
        finally:
            site.stop()
            for app in apps:
                app.stop()
            redis.stop()
    print("\nsoak:", "passed" if not failures else f"{len(failures)} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
