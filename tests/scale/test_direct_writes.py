"""Socket.IO packets written straight to WebSockets by the sending thread (core/websocket.py).

A real gunicorn process; packets reach it the way a background job's do, published on the
site's Redis channel, and its listener thread writes them to every client in the room. Every
client must get every packet once and in order, whatever its framing (plain or compressed), its
transport history (upgraded from long-polling), or its speed (a client that stops reading must
neither hold up the others nor lose anything).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, Ping, Request, TextMessage

from community.core.websocket import DirectWebSocket, frame
from tests.channels.conftest import field_channel
from tests.conftest import cookie_of, login_session

NAMESPACE = "/channels"


@pytest.fixture
def served(deployment, make) -> tuple[str, str, int]:
    """A gunicorn process of the site, a logged-in member's cookie and a field channel's id."""
    base = deployment.serve(threads=40)
    cookie = cookie_of(login_session(base, make.member(make.lab())))
    return base, cookie, field_channel().id


def publish(deployment, room: str, count: int, size: int, first: int = 0) -> None:
    """Emit ``count`` ``message`` events numbered from ``first`` to ``room`` from a process
    of the site."""
    result = deployment.run_python(
        "import os, socketio\n"
        "queue = socketio.RedisManager(os.environ['SOCKETIO_MESSAGE_QUEUE'],"
        " channel=os.environ['SOCKETIO_CHANNEL'], write_only=True)\n"
        f"for seq in range({first}, {first + count}):\n"
        f"    queue.emit('message', {{'seq': seq, 'body': 'a' * {size}}},"
        f" room={room!r}, namespace={NAMESPACE!r})\n"
    )
    assert result.returncode == 0, result.stderr


def run_async(scenario):
    """``asyncio.run`` in a thread of its own: the browser tests leave Playwright's event loop
    running in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result()


def sequence(frames: list[str]) -> list[int]:
    prefix = f'42{NAMESPACE},["message",'
    return [json.loads(f[len(prefix) : -1])["seq"] for f in frames if f.startswith(prefix)]


async def joined(session, base: str, cookie: str, channel: int, compress: int = 0):
    """A WebSocket client speaking Engine.IO 4 itself, joined to ``channel``."""
    ws = await session.ws_connect(
        f"{base.replace('http://', 'ws://')}/socket.io/?EIO=4&transport=websocket",
        headers={"Cookie": cookie, "Origin": base},
        compress=compress,
        max_msg_size=0,
    )
    assert (await ws.receive_str()).startswith("0")
    await ws.send_str(f"40{NAMESPACE},")
    while not (await ws.receive_str()).startswith(f"40{NAMESPACE},"):
        pass
    await ws.send_str(f'42{NAMESPACE},1["join",{{"channel_id":{channel}}}]')
    while not (reply := await ws.receive_str()).startswith(f"43{NAMESPACE},1"):
        pass
    assert '"error"' not in reply, reply
    return ws


async def read_messages(ws, count: int, timeout: float = 60) -> list[int]:
    frames: list[str] = []
    deadline = time.monotonic() + timeout
    while len(sequence(frames)) < count and time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            break
        if message.data == "2":
            await ws.send_str("3")
        elif isinstance(message.data, str):
            frames.append(message.data)
    return sequence(frames)


class StalledClient:
    """A WebSocket client on a blocking socket with a tiny receive buffer, which reads only
    when told to: while it does not, the server's writes to it cannot complete."""

    def __init__(self, base: str, cookie: str, channel: int) -> None:
        url = urlsplit(base)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect((url.hostname, url.port))
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.texts: list[str] = []
        self.sock.sendall(
            self.ws.send(
                Request(
                    host=url.netloc,
                    target="/socket.io/?EIO=4&transport=websocket",
                    extra_headers=[(b"cookie", cookie.encode()), (b"origin", base.encode())],
                )
            )
        )
        self.until(lambda: self.texts and self.texts[0].startswith("0"))
        self.send(f"40{NAMESPACE},")
        self.until(lambda: any(t.startswith(f"40{NAMESPACE},") for t in self.texts))
        self.send(f'42{NAMESPACE},1["join",{{"channel_id":{channel}}}]')
        self.until(lambda: any(t.startswith(f"43{NAMESPACE},1") for t in self.texts))

    def send(self, text: str) -> None:
        self.sock.sendall(self.ws.send(TextMessage(data=text)))

    def until(self, done, timeout: float = 60) -> None:
        self.sock.settimeout(timeout)
        partial = ""
        while not done():
            data = self.sock.recv(65536)
            assert data, "the server closed the connection"
            self.ws.receive_data(data)
            for event in self.ws.events():
                if isinstance(event, TextMessage):
                    partial += event.data
                    if event.message_finished:
                        self.texts.append(partial)
                        partial = ""
                        if self.texts[-1] == "2":
                            self.send("3")
                elif isinstance(event, Ping):
                    self.sock.sendall(self.ws.send(event.response()))
                else:
                    assert isinstance(event, AcceptConnection), event

    def close(self) -> None:
        self.sock.close()


def test_every_client_gets_every_packet_in_order_plain_or_compressed(deployment, served):
    base, cookie, channel = served

    async def scenario():
        import aiohttp

        async with aiohttp.ClientSession() as session:
            plain = [await joined(session, base, cookie, channel) for _ in range(6)]
            compressed = [await joined(session, base, cookie, channel, 15) for _ in range(2)]
            assert compressed[0].compress == 15  # the server agreed to compress
            await asyncio.to_thread(publish, deployment, f"channel:{channel}", 300, 40)
            return await asyncio.gather(*(read_messages(ws, 300) for ws in plain + compressed))

    for received in run_async(scenario):
        assert received == list(range(300))


async def upgraded(session, base: str, cookie: str, channel: int, before):
    """An Engine.IO 4 client that joins ``channel`` over long-polling, lets ``before`` publish
    while it does not poll (so the packets wait in the server's queue), then upgrades to a
    WebSocket. Returns the WebSocket and the texts it had received by polling."""
    headers = {"Cookie": cookie, "Origin": base}
    url = f"{base}/socket.io/?EIO=4&transport=polling"
    handshake = await (await session.get(url, headers=headers)).text()
    sid = json.loads(handshake[1:])["sid"]
    polling = f"{base}/socket.io/?EIO=4&transport=polling&sid={sid}"
    texts: list[str] = []

    async def poll_until(done) -> None:
        while not done():
            response = await session.get(polling, headers=headers)
            texts.extend((await response.text()).split("\x1e"))

    await session.post(polling, data=f"40{NAMESPACE},", headers=headers)
    await poll_until(lambda: any(t.startswith(f"40{NAMESPACE},") for t in texts))
    await session.post(
        polling, data=f'42{NAMESPACE},1["join",{{"channel_id":{channel}}}]', headers=headers
    )
    await poll_until(lambda: any(t.startswith(f"43{NAMESPACE},1") for t in texts))
    await before()
    ws = await session.ws_connect(
        f"{base.replace('http://', 'ws://')}/socket.io/?EIO=4&transport=websocket&sid={sid}",
        headers=headers,
    )
    await ws.send_str("2probe")
    assert await ws.receive_str() == "3probe"
    await ws.send_str("5")
    return ws, texts


def test_a_client_upgraded_from_long_polling_gets_every_packet_in_order(deployment, served):
    """Packets queued for the polling transport leave before those sent after the upgrade."""
    base, cookie, channel = served
    room = f"channel:{channel}"

    async def scenario():
        import aiohttp

        async with aiohttp.ClientSession() as session:

            async def before():
                await asyncio.to_thread(publish, deployment, room, 100, 40)

            ws, polled = await upgraded(session, base, cookie, channel, before)
            await asyncio.to_thread(publish, deployment, room, 100, 40, 100)
            first = sequence(polled)
            rest = await read_messages(ws, 200 - len(first))
            await ws.close()
            return first + rest

    received = run_async(scenario)
    assert received == list(range(200))


def test_a_client_that_stops_reading_holds_up_no_one_and_loses_nothing(deployment, served):
    base, cookie, channel = served
    stalled = StalledClient(base, cookie, channel)
    count, size = 160, 50_000  # 160 packets of 50 kB: more than the socket buffers hold
    total = count * len(frame(f'42{NAMESPACE},["message",{{"seq":0,"body":"{"a" * size}"}}]'))
    largest_send_buffer = int(Path("/proc/sys/net/ipv4/tcp_wmem").read_text().split()[2])
    assert total > 1.5 * largest_send_buffer

    async def others():
        import aiohttp

        async with aiohttp.ClientSession() as session:
            readers = [await joined(session, base, cookie, channel) for _ in range(3)]
            await asyncio.to_thread(publish, deployment, f"channel:{channel}", count, size)
            return await asyncio.gather(*(read_messages(ws, count) for ws in readers))

    try:
        for received in run_async(others):
            assert received == list(range(count))  # while the stalled client read nothing
        stalled.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)  # read fast now
        stalled.until(lambda: len(sequence(stalled.texts)) >= count)
        assert sequence(stalled.texts) == list(range(count))
    finally:
        stalled.close()


def test_the_threading_server_writes_websockets_directly(app):
    from community.extensions import socketio as extension

    server = extension.server
    assert server.eio._async["websocket"] is DirectWebSocket
    assert server._send_eio_packet.func.__name__ == "send_eio_packet"


def test_a_frame_is_what_rfc_6455_says(app):
    assert frame("42") == b"\x81\x0242"
    assert frame(b"\x01") == b"\x82\x01\x01"
    medium = frame("a" * 200)
    assert medium[:4] == b"\x81\x7e\x00\xc8" and len(medium) == 204
    large = frame("a" * 70_000)
    assert large[:2] == b"\x81\x7f" and int.from_bytes(large[2:10]) == 70_000
