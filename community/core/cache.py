"""Caches that stay right across processes: a version per kind of content.

Every transaction that changes a kind of content bumps its version row in the database, in the
same transaction. A cached value remembers the version it was computed at; a reader compares it
with the version it just read (usually as one more column of a query it runs anyway), so a
write from any process is seen by the next read in every process. No time-to-live guesswork.

A model opts in with ``__content__ = "cases"``; a bulk ``UPDATE`` that bypasses the unit of
work calls ``mark_changed("cases")`` itself.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from community.extensions import db

_KEY = "changed_content"


class ContentVersion(db.Model):
    __tablename__ = "content_version"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, default=0)


def version_column(name: str) -> sa.ScalarSelect:
    """The version of ``name`` as a scalar subquery, to ride along with another query."""
    return sa.select(ContentVersion.version).where(ContentVersion.name == name).scalar_subquery()


def current_version(name: str) -> int:
    return current_versions(name)[0]


_table = ContentVersion.__table__
# Built once: it runs on every cached page view, where building and coercing a statement cost
# more than running it.
_VERSIONS = sa.select(_table.c.name, _table.c.version).where(
    _table.c.name.in_(sa.bindparam("names", expanding=True))
)


def current_versions(*names: str) -> tuple[int, ...]:
    """The versions of several kinds of content, in one statement."""
    found = dict(db.session.connection().execute(_VERSIONS, {"names": list(names)}).all())
    return tuple(found.get(name, 0) for name in names)


def mark_changed(name: str) -> None:
    db.session().info.setdefault(_KEY, set()).add(name)


@event.listens_for(Session, "before_flush")
def _mark_changed_models(session: Session, flush_context, instances) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        name = getattr(type(obj), "__content__", None)
        if name is not None:
            session.info.setdefault(_KEY, set()).add(name)


@event.listens_for(Session, "before_commit")
def _bump_versions(session: Session) -> None:
    session.flush()  # let before_flush see the last changes first
    for name in sorted(session.info.pop(_KEY, ())):
        bumped = session.execute(
            sa.update(ContentVersion)
            .where(ContentVersion.name == name)
            .values(version=ContentVersion.version + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not bumped:
            # a clock start, so that a database made anew never repeats a version seen before
            session.execute(
                sa.insert(ContentVersion).values(name=name, version=time.time_ns() // 1000)
            )


@event.listens_for(Session, "after_soft_rollback")
def _forget_marks(session: Session, previous_transaction) -> None:
    session.info.pop(_KEY, None)


class VersionedCache:
    """A small in-process LRU of values, each valid for one content version."""

    def __init__(self, size: int = 512) -> None:
        self._entries: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: int) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != version:
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: Hashable, version: int, value: Any) -> None:
        with self._lock:
            self._entries[key] = (version, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
