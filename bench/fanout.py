"""``make bench``: Socket.IO fan-out, N clients in one channel, one process against two.

Every message goes the real way: a sender's ``send`` on the ``/channels`` namespace is
validated, stored and committed, then broadcast to the channel's room; with two processes the
broadcast crosses Redis (``SOCKETIO_MESSAGE_QUEUE``) and each process delivers to its own
half of the clients. The receivers run on one asyncio loop in this process and time each
delivery against the send time written into the message.

Two loads per set-up: *paced* (a fixed message rate, the latency that a reader sees) and
*saturated* (the next send as soon as the last is acknowledged, the deliveries per second the
set-up can carry). Targets (issue 5): at least 15,000 deliveries/s per process, two processes
at least 0.75 of one, p99 at most 100 ms at 500 clients.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
import requests
import socketio

from bench.run import BIN, ROOT, free_port

CLIENTS = int(os.environ.get("BENCH_FANOUT_CLIENTS", "500"))
SECONDS = float(os.environ.get("BENCH_FANOUT_SECONDS", "5"))
PACED_RATE = float(os.environ.get("BENCH_FANOUT_RATE", "10"))  # messages a second
SENDERS = int(os.environ.get("BENCH_FANOUT_SENDERS", "8"))  # at once, when saturating
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
PASSWORD = "bench-password-fanout"
STAMP = re.compile(r"fanout (\d+) (\d+\.\d+)")
NAMESPACE = "/channels"

SETUP = f"""
from community import create_app
from community.accounts.models import Role, User
from community.accounts.services import hash_password
from community.extensions import db
app = create_app()
with app.app_context():
    for email, role in (("sender@bench.jp", Role.EXPERT), ("reader@bench.jp", Role.MEMBER)):
        db.session.add(User(email=email, display_name=email.split("@")[0],
                            password_hash=hash_password({PASSWORD!r}), role=role.value))
    db.session.commit()
"""


def prepare(env: dict) -> None:
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for args in (["db", "upgrade"], ["seed", "reference"]):
        subprocess.run([*flask, *args], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True)


def serve(env: dict, threads: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            *(str(BIN / "gunicorn"), "-w", "1", "--threads", str(threads)),
            *("-b", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "wsgi:app"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=None if os.environ.get("BENCH_VERBOSE") else subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                return process, base
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def login(base: str, email: str) -> str:
    with requests.Session() as http:
        token = http.get(f"{base}/api/auth/csrf").json()["csrf_token"]
        response = http.post(
            f"{base}/api/auth/login",
            json={"email": email, "password": PASSWORD},
            headers={"X-CSRFToken": token},
        )
        response.raise_for_status()
        return "; ".join(f"{c.name}={c.value}" for c in http.cookies)


def channel_id(base: str, cookie: str) -> int:
    channels = requests.get(f"{base}/api/channels", headers={"Cookie": cookie}).json()
    items = channels["items"] if isinstance(channels, dict) else channels
    return next(c["id"] for c in items if c["kind"] == "field")


class Receivers:
    """Many receiving clients on one asyncio loop, speaking the Socket.IO protocol (Engine.IO 4
    over WebSocket) themselves: a full python-socketio client decodes every delivery into Python
    objects and would measure itself, not the server. Each connects, logs in by its cookie,
    joins the channel through the ``/channels`` namespace with an acknowledged ``join``, answers
    pings, and times each ``message`` event by the send time written in its body."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.deliveries = 0
        self.recording = False
        self.sockets: list = []
        self.tasks: list[asyncio.Task] = []

    async def connect(self, bases: list[str], cookie: str, channel: int, count: int) -> None:
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))

        async def one(index: int) -> None:
            base = bases[index % len(bases)].replace("http://", "ws://")
            ws = await self.session.ws_connect(
                f"{base}/socket.io/?EIO=4&transport=websocket",
                headers={"Cookie": cookie, "Origin": bases[index % len(bases)]},
                max_msg_size=0,
            )
            opened = await ws.receive_str()  # 0{"sid":…}
            assert opened.startswith("0"), opened
            await ws.send_str(f"40{NAMESPACE},")
            while not (reply := await ws.receive_str()).startswith(f"40{NAMESPACE},"):
                if reply.startswith(f"44{NAMESPACE},"):
                    raise RuntimeError(f"refused: {reply}")
            await ws.send_str(f'42{NAMESPACE},1["join",{{"channel_id":{channel}}}]')
            while not (reply := await ws.receive_str()).startswith(f"43{NAMESPACE},1"):
                pass
            if '"error"' in reply[:200]:
                raise RuntimeError(f"join refused: {reply[:200]}")
            self.sockets.append(ws)
            self.tasks.append(asyncio.create_task(self._read(ws)))

        for start in range(0, count, 50):  # in batches: a burst of handshakes is not the test
            await asyncio.gather(*(one(i) for i in range(start, min(count, start + 50))))

    async def _read(self, ws) -> None:
        prefix = f'42{NAMESPACE},["message",'
        async for frame in ws:
            data = frame.data
            if not isinstance(data, str):
                continue
            if data == "2":
                await ws.send_str("3")
            elif data.startswith(prefix) and self.recording:
                found = STAMP.search(data, len(prefix))
                if found:
                    self.deliveries += 1
                    self.latencies.append(time.time() - float(found.group(2)))

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*(ws.close() for ws in self.sockets), return_exceptions=True)
        await self.session.close()


async def send_for(senders: list, channel: int, seconds: float, rate: float | None) -> int:
    """Send for ``seconds``: from the first sender at ``rate`` a second, or (None) from every
    sender at once, each sending again as soon as its last send is acknowledged."""
    sent, start = 0, time.monotonic()

    async def one(sender) -> None:
        nonlocal sent
        while (elapsed := time.monotonic() - start) < seconds:
            if rate is not None and sent >= elapsed * rate:
                await asyncio.sleep(min(0.01, sent / rate - elapsed))
                continue
            sent += 1
            ack = await sender.call(
                "send",
                {
                    "channel_id": channel,
                    "body": f"fanout {sent} {time.time():.6f}",
                    "client_id": uuid.uuid4().hex,
                },
                namespace=NAMESPACE,
                timeout=30,
            )
            if isinstance(ack, dict) and ack.get("error"):
                raise RuntimeError(f"send refused: {ack}")

    await asyncio.gather(*(one(s) for s in (senders[:1] if rate is not None else senders)))
    return sent


async def measure(bases: list[str], clients: int) -> dict:
    reader = login(bases[0], "reader@bench.jp")
    writer = login(bases[0], "sender@bench.jp")
    channel = channel_id(bases[0], reader)
    receivers = Receivers()
    await receivers.connect(bases, reader, channel, clients)
    senders = []
    for _ in range(SENDERS):
        sender = socketio.AsyncClient(reconnection=False)
        await sender.connect(
            bases[0], headers={"Cookie": writer}, transports=["websocket"], namespaces=[NAMESPACE]
        )
        await sender.call("join", {"channel_id": channel}, namespace=NAMESPACE)
        senders.append(sender)
    results = {}
    try:
        for name, rate in (("paced", PACED_RATE), ("saturated", None)):
            await send_for(senders, channel, 1, rate)  # warm up
            await asyncio.sleep(0.5)
            receivers.latencies.clear()
            receivers.deliveries = 0
            receivers.recording = True
            began = time.monotonic()
            sent = await send_for(senders, channel, SECONDS, rate)
            expected = sent * clients
            deadline = time.monotonic() + 10
            while receivers.deliveries < expected and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            elapsed = time.monotonic() - began
            receivers.recording = False
            latencies = sorted(receivers.latencies)
            results[name] = {
                "sent": sent,
                "deliveries": receivers.deliveries,
                "lost": expected - receivers.deliveries,
                "per_second": receivers.deliveries / elapsed,
                "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
                "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000
                if latencies
                else float("nan"),
            }
    finally:
        await asyncio.gather(*(s.disconnect() for s in senders))
        await receivers.close()
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "COMMUNITY_ENV": "development",
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'fanout.sqlite'}",
            "CHANNEL_SEND_RATE_LIMIT": "1000000 per second",
            "RATELIMIT_STORAGE_URI": "memory://",
        }
        prepare(env)
        rows = []
        for processes in (1, 2):
            site = dict(env)
            if processes == 2:
                site["SOCKETIO_MESSAGE_QUEUE"] = REDIS_URL
                site["SOCKETIO_CHANNEL"] = f"bench-{uuid.uuid4().hex}"
            threads = CLIENTS // processes + 50  # a WebSocket holds a thread in threading mode
            servers = [serve(site, threads) for _ in range(processes)]
            try:
                result = asyncio.run(measure([base for _p, base in servers], CLIENTS))
            finally:
                for process, _base in servers:
                    process.terminate()
                    process.wait()
            rows.append((processes, result))
    print(f"\nSocket.IO fan-out: {CLIENTS} clients in one channel, {SECONDS:.0f} s a load")
    print(
        f"{'processes':>9}  {'load':<9} {'sent':>6} {'deliveries/s':>12} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'lost':>5}"
    )
    for processes, result in rows:
        for name, r in result.items():
            print(
                f"{processes:>9}  {name:<9} {r['sent']:>6} {r['per_second']:>12,.0f} "
                f"{r['p50']:>7.1f} {r['p99']:>7.1f} {r['lost']:>5}"
            )
    one, two = rows[0][1]["saturated"]["per_second"], rows[1][1]["saturated"]["per_second"]
    print(f"two processes / one (saturated deliveries/s): {two / one:.2f}x")


if __name__ == "__main__":
    main()
