"""The default Socket.IO namespace: only logged-in users connect; each joins a private room."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user
from flask_socketio import join_room

from community.core.realtime import user_room
from community.extensions import socketio


def on_connect(auth=None):
    if not current_user.is_authenticated:
        raise ConnectionRefusedError("login required")
    join_room(user_room(current_user.id))


def register(app: Flask) -> None:
    socketio.on_event("connect", on_connect, namespace="/")
