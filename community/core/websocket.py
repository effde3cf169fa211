"""Socket.IO packets written to a WebSocket by the thread that sends them.

In threading mode Engine.IO gives every WebSocket a writer thread that waits on a queue, so a
broadcast to 500 clients puts 500 packets and wakes 500 threads. Measured with ``perf`` under
``bench.fanout``, the process then spent about 40 % of its CPU in the kernel's scheduler and
futexes and only a quarter in Python. Here a Socket.IO packet for a client connected by
WebSocket is framed once per broadcast and written by the sending thread without blocking; only
what the client's socket cannot take at once is left to the client's writer thread, which
writes it in order. Engine.IO's own packets (pings, close) still go through its queue and end
up in the same ordered stream.

A connection that reached WebSocket by upgrading from long-polling keeps Engine.IO's path: the
packets queued before the upgrade must leave first. So does a socket with a timeout, where a
non-blocking write is not available.
"""

from __future__ import annotations

import socket
import struct
import threading
from functools import partial

import simple_websocket
from engineio.async_drivers._websocket_wsgi import SimpleWebSocketWSGI
from wsproto.events import BytesMessage, TextMessage

_FRAME_CACHE = "_community_websocket_frame"


def frame(data: str | bytes) -> bytes:
    """One unmasked, unfragmented, uncompressed WebSocket frame (RFC 6455, server to client)."""
    if isinstance(data, str):
        opcode, payload = 0x81, data.encode()
    else:
        opcode, payload = 0x82, bytes(data)
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", opcode, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", opcode, 126, size)
    else:
        header = struct.pack("!BBQ", opcode, 127, size)
    return header + payload


class _Flush:
    """Put on Engine.IO's queue to have the writer thread write what is pending."""

    packet_type = None

    def encode(self, b64: bool = False) -> _Flush:
        return self


FLUSH = _Flush()


class DirectWebSocket(SimpleWebSocketWSGI):
    """Engine.IO's threading WebSocket, writable from any thread without losing order.

    Every byte goes out under ``lock``: either at once, by the thread that has it, when the
    socket takes it without blocking and nothing is waiting, or appended to ``pending``, which
    one thread at a time (``flushing``) writes with a blocking ``sendall``.
    """

    def __init__(self, handler, server, **kwargs) -> None:
        super().__init__(handler, server, **kwargs)
        self.engineio_socket = getattr(handler, "__self__", None)
        self.lock = threading.Lock()
        self.pending = bytearray()
        self.flushing = False
        self.scheduled = False
        self.broken = False
        self.compressed = False

    def __call__(self, environ, start_response):
        self.ws = simple_websocket.Server(environ, **self.server_args)
        self.sock = self.ws.sock
        self.compressed = "permessage-deflate" in environ.get("HTTP_SEC_WEBSOCKET_EXTENSIONS", "")
        eio = self.engineio_socket
        direct = eio is not None and not eio.connected and self.sock.gettimeout() in (None, 0.0)
        if direct:
            self._write_queued(eio)
            eio.direct_websocket = self
        try:
            ret = self.app(self)
        finally:
            if direct:
                eio.direct_websocket = None
        if self.ws.mode == "gunicorn":
            raise StopIteration()
        if self.ws.mode == "werkzeug":
            raise ConnectionError()
        return ret

    def _write_queued(self, eio) -> None:
        """What Engine.IO queued before the WebSocket opened (its OPEN packet) goes first."""
        empty = eio.server.get_queue_empty_exception()
        while True:
            try:
                packet = eio.queue.get(block=False)
            except empty:
                return
            eio.queue.task_done()
            if packet is None:
                eio.queue.put(None)
                return
            self.send(packet.encode())

    def _frame(self, data) -> bytes:
        if not self.compressed:
            return frame(data)
        message = BytesMessage(data=data) if isinstance(data, bytes) else TextMessage(data=data)
        return self.ws.ws.send(message)  # the connection's own compressor, under the lock

    def send(self, message) -> None:
        """Engine.IO's writer (and its upgrade probe) send here."""
        with self.lock:
            if message is FLUSH:
                self.scheduled = False
            else:
                if not self.ws.connected:
                    raise OSError("the WebSocket is closed")
                self.pending += self._frame(message)
            if self.flushing or not self.pending:
                return
            self.flushing = True
        self._write_pending()

    def _write_pending(self) -> None:
        while True:
            with self.lock:
                if not self.pending or self.broken:
                    self.flushing = False
                    return
                chunk = bytes(self.pending)
                self.pending.clear()
            try:
                self.sock.sendall(chunk)
            except OSError:
                with self.lock:
                    self.broken, self.flushing = True, False
                    self.pending.clear()
                raise

    def deliver(self, packet) -> bool:
        """Write an Engine.IO packet now if the socket takes it; ``False`` if this connection
        cannot, so that the caller falls back to Engine.IO's queue."""
        eio = self.engineio_socket
        if eio.closed or self.broken or not self.ws.connected:
            return False
        if self.compressed:
            data = None
        else:
            data = getattr(packet, _FRAME_CACHE, None)
            if data is None:
                data = frame(packet.encode())
                setattr(packet, _FRAME_CACHE, data)  # a broadcast frames its packet once
        with self.lock:
            if data is None:
                data = self._frame(packet.encode())
            if self.flushing or self.scheduled or self.pending:
                self.pending += data
                return True
            try:
                sent = self.sock.send(data, socket.MSG_DONTWAIT)
            except BlockingIOError:
                sent = 0
            except OSError:
                self.broken = True
                return True  # the connection is gone; its reader thread closes it
            if sent == len(data):
                return True
            self.pending += data[sent:]
            self.scheduled = True
        eio.queue.put(FLUSH)
        return True


def send_eio_packet(server, eio_sid: str, packet) -> None:
    eio_socket = server.eio.sockets.get(eio_sid)
    direct = getattr(eio_socket, "direct_websocket", None)
    if direct is None or not direct.deliver(packet):
        server.eio.send_packet(eio_sid, packet)


def install_direct_writes(server) -> None:
    """Have ``server`` (a threading-mode ``socketio.Server``) write WebSocket packets directly."""
    if server is None or server.eio.async_mode != "threading":
        return
    server.eio._async = {**server.eio._async, "websocket": DirectWebSocket}
    server._send_eio_packet = partial(send_eio_packet, server)
