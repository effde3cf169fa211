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

import socketio
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, Ping, Request, TextMessage

from community.core.websocket import DirectWebSocket, frame
from tests.channels.conftest import field_channel
from tests.scale.conftest import cookie_of, login_session

NAMESPACE = "/channels"


def publish(deployment, room: str, count: int, size: int) -> None:
    """Emit ``count`` numbered ``message`` events to ``room`` from a process of the site."""
    result = deployment.run_python(
        "import os, socketio\n"
        "queue = socketio.RedisManager(os.environ['SOCKETIO_MESSAGE_QUEUE'],"
        " channel=os.environ['SOCKETIO_CHANNEL'], write_only=True)\n"
        f"for seq in range({count}):\n"
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


def test_every_client_gets_every_packet_in_order_plain_or_compressed(deployment, make):
    base = deployment.serve(threads=40)
    member = make.member(make.lab())
    cookie = cookie_of(login_session(base, member))
    channel = field_channel().id

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


def test_a_client_upgraded_from_long_polling_gets_every_packet_in_order(deployment, make):
    base = deployment.serve(threads=40)
    member = make.member(make.lab())
    cookie = cookie_of(login_session(base, member))
    channel = field_channel().id
    received: list[int] = []
    client = socketio.Client(reconnection=False)
    client.on("message", lambda data: received.append(data["seq"]), namespace=NAMESPACE)
    client.connect(base, headers={"Cookie": cookie}, namespaces=[NAMESPACE])
    try:
        deadline = time.monotonic() + 10
        while client.transport() != "websocket" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.transport() == "websocket"
        joined_channel = client.call("join", {"channel_id": channel}, namespace=NAMESPACE)
        assert joined_channel["channel_id"] == channel
        publish(deployment, f"channel:{channel}", 200, 40)
        deadline = time.monotonic() + 30
        while len(received) < 200 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        client.disconnect()
    assert received == list(range(200))


def test_a_client_that_stops_reading_holds_up_no_one_and_loses_nothing(deployment, make):
    base = deployment.serve(threads=40)
    member = make.member(make.lab())
    cookie = cookie_of(login_session(base, member))
    channel = field_channel().id
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
