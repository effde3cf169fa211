"""Who is connected to the channels now, across every process.

Each connection is one entry ``<user_id>:<sid>`` with an expiry; a user is online while any of
their entries lives, so a person with three tabs counts three connections and goes offline when
the last one closes. A connection's entry is renewed by the client's ``heartbeat`` (and by every
join), so the entries of a process that was killed lapse after ``ttl`` seconds instead of
staying forever.

With Redis (``SOCKETIO_MESSAGE_QUEUE`` a ``redis://`` URL) the entries live in one sorted set
scored by their expiry, shared by every process; without it, in this process's memory, which is
all a single-process deployment has.
"""

from __future__ import annotations

import threading
import time

from flask import Flask, current_app

KEY = "channels:presence"


def _entry(user_id: int, sid: str) -> str:
    return f"{user_id}:{sid}"


def _user_of(entry: str) -> int:
    return int(entry.split(":", 1)[0])


class MemoryPresence:
    def __init__(self, ttl: int) -> None:
        self.ttl = ttl
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def touch(self, user_id: int, sid: str) -> int:
        """Add or renew a connection; returns the user's live connections."""
        now = time.time()
        with self._lock:
            self._expiry[_entry(user_id, sid)] = now + self.ttl
            return self._count(user_id, now)

    def remove(self, user_id: int, sid: str) -> int:
        """Forget a connection; returns the user's connections left."""
        with self._lock:
            self._expiry.pop(_entry(user_id, sid), None)
            return self._count(user_id, time.time())

    def online(self) -> set[int]:
        now = time.time()
        with self._lock:
            for entry in [e for e, expiry in self._expiry.items() if expiry <= now]:
                del self._expiry[entry]
            return {_user_of(entry) for entry in self._expiry}

    def sids(self, user_id: int) -> list[str]:
        prefix = f"{user_id}:"
        with self._lock:
            return [e.split(":", 1)[1] for e in self._expiry if e.startswith(prefix)]

    def _count(self, user_id: int, now: float) -> int:
        prefix = f"{user_id}:"
        return sum(1 for e, x in self._expiry.items() if e.startswith(prefix) and x > now)


class RedisPresence:
    def __init__(self, url: str, ttl: int, key: str = KEY) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)
        self.ttl = ttl
        self.key = key

    def touch(self, user_id: int, sid: str) -> int:
        now = time.time()
        with self.redis.pipeline() as pipe:
            pipe.zadd(self.key, {_entry(user_id, sid): now + self.ttl})
            pipe.zremrangebyscore(self.key, "-inf", now)
            pipe.expire(self.key, self.ttl * 2)
            pipe.execute()
        return self._count(user_id)

    def remove(self, user_id: int, sid: str) -> int:
        self.redis.zrem(self.key, _entry(user_id, sid))
        return self._count(user_id)

    def online(self) -> set[int]:
        return {_user_of(entry) for entry in self._live()}

    def sids(self, user_id: int) -> list[str]:
        prefix = f"{user_id}:"
        return [e[len(prefix) :] for e in self._live() if e.startswith(prefix)]

    def _count(self, user_id: int) -> int:
        prefix = f"{user_id}:"
        return sum(1 for entry in self._live() if entry.startswith(prefix))

    def _live(self) -> list[str]:
        entries = self.redis.zrangebyscore(self.key, f"({time.time()}", "+inf")
        return [entry.decode() for entry in entries]


def make_presence(app: Flask):
    url = app.config.get("SOCKETIO_MESSAGE_QUEUE") or ""
    ttl = int(app.config["CHANNEL_PRESENCE_TTL_SECONDS"])
    if url.startswith(("redis://", "rediss://", "unix://")):
        # one set per site: sites sharing a Redis have their own SOCKETIO_CHANNEL
        return RedisPresence(url, ttl, key=f"{app.config['SOCKETIO_CHANNEL']}:{KEY}")
    return MemoryPresence(ttl)


def presence():
    """The app's presence store, made on first use."""
    app = current_app._get_current_object()
    store = app.extensions.get("channels_presence")
    if store is None:
        store = app.extensions.setdefault("channels_presence", make_presence(app))
    return store
