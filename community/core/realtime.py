"""Socket.IO events are sent after the commit that they announce, never before.

A service calls ``emit_after_commit``; the event waits on the session and leaves when the
transaction commits, or is dropped when it rolls back.
"""

from __future__ import annotations

import logging
from typing import Any

import socketio as socketio_lib
from sqlalchemy import event
from sqlalchemy.orm import Session

from community.extensions import db, socketio

log = logging.getLogger(__name__)
_KEY = "pending_socket_events"


def emit_after_commit(
    event_name: str, data: Any, *, to: str | list[str] | None = None, namespace: str = "/"
) -> None:
    session = db.session()
    if not session.in_transaction():
        session.begin()  # sent on this transaction's commit, dropped on its rollback
    session.info.setdefault(_KEY, []).append((event_name, data, to, namespace))


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def _disconnect_local(server, room: str, namespace: str) -> None:
    for sid, _eio in list(server.manager.get_participants(namespace, room)):
        try:
            server.disconnect(sid, namespace=namespace, ignore_queue=True)
        except Exception:  # a socket already gone must not fail the caller
            log.exception("could not disconnect %s", sid)


class RedisManager(socketio_lib.RedisManager):
    """Redis pub/sub between the processes, which can also close a room's sockets on all of them.

    The order rides on the ``close_room`` message, which every process handles; a flag asks
    for the sockets to be disconnected rather than only taken out of the room.
    """

    def disconnect_room(self, room: str, namespace: str = "/") -> None:
        message = {"method": "close_room", "room": room, "namespace": namespace}
        self._publish({**message, "disconnect": True, "host_id": self.host_id})
        _disconnect_local(self.server, room, namespace)

    def _handle_close_room(self, message):
        if message.get("disconnect"):
            _disconnect_local(self.server, message["room"], message.get("namespace") or "/")
        else:
            super()._handle_close_room(message)


def client_manager(url: str | None, channel: str) -> RedisManager | None:
    """The manager for a Redis message queue; ``None`` leaves the choice to Flask-SocketIO."""
    if url and url.startswith(("redis://", "rediss://")):
        return RedisManager(url, channel=channel)
    return None


def disconnect_user(user_id: int) -> None:
    """Close, from the server, every open socket of ``user_id``, in every namespace and on
    every process.

    Called when the user logs out or leaves a lab (after the change is committed): a socket
    must not go on receiving events that its user may no longer read. Each socket joined the
    room ``user:{id}`` of its namespace on connect; with a Redis queue the order reaches the
    other processes too. A browser reconnects, and joins again only what it may.
    """
    server = socketio.server
    if server is None:  # Socket.IO not initialised (a CLI command)
        return
    for namespace in sorted({"/", *server.handlers, *server.namespace_handlers}):
        if isinstance(server.manager, RedisManager):
            server.manager.disconnect_room(user_room(user_id), namespace)
        else:
            _disconnect_local(server, user_room(user_id), namespace)


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    for event_name, data, to, namespace in session.info.pop(_KEY, []):
        try:
            socketio.emit(event_name, data, to=to, namespace=namespace)
        except Exception:  # the data is committed; a lost live push must not fail the request
            log.exception("could not emit %s", event_name)


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, previous_transaction) -> None:
    session.info.pop(_KEY, None)


def own_origins(environ: dict) -> set[str]:
    """The origins under which the app itself was reached (behind a proxy too)."""
    origins = set()
    if "HTTP_HOST" in environ:
        scheme = environ.get("wsgi.url_scheme", "http")
        origins.add(f"{scheme}://{environ['HTTP_HOST']}")
        forwarded_scheme = environ.get("HTTP_X_FORWARDED_PROTO", scheme).split(",")[0].strip()
        forwarded_host = environ.get("HTTP_X_FORWARDED_HOST", environ["HTTP_HOST"])
        origins.add(f"{forwarded_scheme}://{forwarded_host.split(',')[0].strip()}")
    return origins


def origin_policy(listed: list[str]):
    """Socket.IO's origin check: the app's own origin and the listed ones, never any origin."""
    allowed = frozenset(origin.rstrip("/") for origin in listed if origin != "*")

    def is_allowed(origin: str | None, environ: dict) -> bool:
        return bool(origin) and (origin in allowed or origin in own_origins(environ))

    return is_allowed
