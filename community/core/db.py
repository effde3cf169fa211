"""Column helpers shared by every model, and how SQLite files are opened."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator


@sa.event.listens_for(sa.Engine, "connect")
def _tune_sqlite(dbapi_connection, connection_record) -> None:
    """A SQLite file in WAL mode: readers never wait for a writer, and a commit appends to
    the log instead of syncing the whole database (``synchronous=NORMAL`` is durable in WAL
    mode but for the last commits at a power cut, never corrupt)."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        if cursor.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def vacuum_analyze(engine: sa.Engine, tables: Iterable[sa.Table]) -> None:
    """PostgreSQL: ``VACUUM (ANALYZE)`` of ``tables`` after a load or a rebuild: fresh planner
    statistics, and new pages marked all-visible so that index-only scans skip the heap.
    VACUUM cannot run in a transaction, so this takes a connection of its own."""
    names = ", ".join(f'"{table.name}"' for table in tables)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"VACUUM (ANALYZE) {names}")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every database.

    SQLite keeps no zone, so values are stored naive in UTC and handed back aware.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SortedList(TypeDecorator):
    """A JSON list read back sorted, empty for NULL: what :class:`json_list` gives."""

    impl = sa.JSON
    cache_ok = True

    def process_result_value(self, value, dialect):
        return sorted(value) if value else []


class json_list(FunctionElement):
    """``json_list(column)``: the column's values over a (correlated) subquery's rows as a JSON
    list, in no order (:class:`SortedList` sorts them). Lets a list page read a case's tags in
    its own statement instead of one more for each relation."""

    type = SortedList()
    inherit_cache = True
    name = "json_list"


@compiles(json_list, "postgresql")
def _json_list_postgresql(element, compiler, **kw):
    return f"json_agg({compiler.process(element.clauses, **kw)})"


@compiles(json_list)
def _json_list_sqlite(element, compiler, **kw):
    return f"json_group_array({compiler.process(element.clauses, **kw)})"
