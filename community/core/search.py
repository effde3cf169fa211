"""Japanese full-text search by character bigrams, on SQLite and PostgreSQL alike.

Text is normalised (NFKC, case-folded), cut into runs of letters and digits, and each run into
overlapping pairs of characters: 補助金を活用 gives 補助 助金 金を を活 活用. A term of two or more
characters matches when its own bigrams stand side by side in a document, so 補助金, 組子, RAG or
ＤＸ (= dx) are found inside longer Japanese text without a dictionary.

SQLite keeps the bigrams in an FTS5 table (unicode61 tokenizer) and asks for a phrase; PostgreSQL
keeps them in a ``tsvector`` under a GIN index and asks ``a <-> b``. Both are built from the
same bigrams here, so the same data gives the same hits. See DESIGN.md, "Japanese text".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column

from community.core.db import UTCDateTime, utcnow
from community.extensions import db

FTS_TABLE = "search_fts"
_RUN = re.compile(r"[^\W_]+")
# Between two runs the position jumps, so a phrase cannot match across them.
_RUN_GAP = 2


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def runs(text: str) -> list[str]:
    return _RUN.findall(normalise(text))


def bigrams_of_run(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def positioned_bigrams(text: str) -> list[tuple[str, int]]:
    """Every bigram with its position; runs are kept apart by a gap in the positions."""
    out: list[tuple[str, int]] = []
    position = 1
    for run in runs(text):
        for gram in bigrams_of_run(run):
            out.append((gram, position))
            position += 1
        position += _RUN_GAP - 1
    return out


def query_terms(query: str) -> list[list[str]]:
    """The query's terms as bigram phrases; terms of one character are too short to match."""
    return [bigrams_of_run(run) for run in runs(query) if len(run) >= 2]


class SearchDocument(db.Model):
    """One searchable object (a case, a forum post…), whatever its feature."""

    __tablename__ = "search_document"
    __table_args__ = (
        # object_id first: a btree led by kind would tempt the planner away from the GIN index
        sa.UniqueConstraint("object_id", "kind"),
        # fastupdate off: writes are rare (an edit), and a long pending list makes the
        # planner distrust the index
        sa.Index(
            "ix_search_document_tsv",
            "tsv",
            postgresql_using="gin",
            postgresql_with={"fastupdate": "off"},
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    object_id: Mapped[int]
    bigrams: Mapped[str] = mapped_column(sa.Text, default="")
    tsv: Mapped[str | None] = mapped_column(
        sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


def _fts5_sql(name: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5("
        "bigrams, tokenize = 'unicode61 remove_diacritics 0')"
    )


CREATE_FTS5 = _fts5_sql(FTS_TABLE)
sa.event.listen(
    SearchDocument.__table__, "after_create", sa.DDL(CREATE_FTS5).execute_if(dialect="sqlite")
)
sa.event.listen(
    SearchDocument.__table__,
    "before_drop",
    sa.DDL(f"DROP TABLE IF EXISTS {FTS_TABLE}").execute_if(dialect="sqlite"),
)


def managed_by_alembic(name: str, type_: str, dialect: str) -> bool:
    """False for SQLite's FTS5 table and its shadow tables, and the GIN index off PostgreSQL.

    The migration creates them by hand; autogenerate should neither add nor drop them.
    """
    if type_ == "table" and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    return not (type_ == "index" and name == "ix_search_document_tsv" and dialect != "postgresql")


def _tsvector_literal(grams: list[tuple[str, int]]) -> str:
    # positions above 16383 are clamped by PostgreSQL; documents here are far shorter
    return " ".join(
        f"'{gram.replace(chr(39), chr(39) * 2)}':{min(pos, 16383)}" for gram, pos in grams
    )


def _fts_text(grams: list[tuple[str, int]]) -> str:
    """Space-separated bigrams for FTS5, with a filler token where the positions jump."""
    words: list[str] = []
    last = 0
    for gram, position in grams:
        words.extend(["zzgapzz"] * (position - last - 1))
        words.append(gram)
        last = position
    return " ".join(words)


def index_document(kind: str, object_id: int, texts: Iterable[str | None]) -> None:
    """Create or replace the index entry of one object, in the caller's transaction."""
    grams = positioned_bigrams("\n".join(t for t in texts if t))
    session = db.session
    dialect = session.get_bind().dialect.name
    document = session.scalar(
        sa.select(SearchDocument).where(
            SearchDocument.kind == kind, SearchDocument.object_id == object_id
        )
    )
    if document is None:
        document = SearchDocument(kind=kind, object_id=object_id)
        session.add(document)
    text = _fts_text(grams)
    document.bigrams = _stored_bigrams(text, dialect)
    if dialect == "postgresql":
        document.tsv = sa.cast(_tsvector_literal(grams), postgresql.TSVECTOR)
    session.flush()
    if dialect == "sqlite":
        session.execute(sa.text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": document.id})
        session.execute(
            sa.text(f"INSERT INTO {FTS_TABLE} (rowid, bigrams) VALUES (:id, :bigrams)"),
            {"id": document.id, "bigrams": text},
        )


def _stored_bigrams(fts_text: str, dialect: str) -> str:
    """What ``search_document.bigrams`` keeps: nothing on SQLite, where the FTS5 table holds
    the text already. A second copy there made each row about 4 KB, one page, so joining a
    search's 75,000 hits to their documents read 75,000 pages (1.7 s against 0.1 s for narrow
    rows, at 100,000 cases)."""
    return "" if dialect == "sqlite" else fts_text


def index_documents(
    kind: str, documents: Iterable[tuple[int, Iterable[str | None]]], *, batch_size: int = 1000
) -> int:
    """Create or replace the index entries of many objects at once, in the caller's transaction.

    The same entries as :func:`index_document` gives one object at a time (the same bigrams,
    positions and FTS5 text), written with a few multi-row statements a batch instead of three
    statements an object: for bulk loads. Returns how many objects were indexed.
    """
    session = db.session
    dialect = session.get_bind().dialect.name
    table = SearchDocument.__table__
    if dialect == "postgresql":
        insert = sa.insert(table).values(
            tsv=sa.cast(sa.bindparam("tsv_text", type_=sa.Text), postgresql.TSVECTOR)
        )
    else:
        insert = sa.insert(table)
    insert = insert.returning(table.c.id, sort_by_parameter_order=True)
    fts_insert = sa.text(f"INSERT INTO {FTS_TABLE} (rowid, bigrams) VALUES (:id, :bigrams)")
    total = 0
    batch: list[dict] = []
    texts: list[str] = []  # FTS5 text of each row of the batch

    def flush() -> None:
        stale = (table.c.kind == kind, table.c.object_id.in_([r["object_id"] for r in batch]))
        if dialect == "sqlite":
            stale_ids = list(session.scalars(sa.select(table.c.id).where(*stale)))
            if stale_ids:
                session.execute(
                    sa.text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"),
                    [{"id": i} for i in stale_ids],
                )
        session.execute(sa.delete(table).where(*stale))
        inserted = session.scalars(insert, batch).all()
        if dialect == "sqlite":
            session.execute(
                fts_insert,
                [{"id": id_, "bigrams": text} for id_, text in zip(inserted, texts, strict=True)],
            )
        batch.clear()
        texts.clear()

    for object_id, parts in documents:
        grams = positioned_bigrams("\n".join(t for t in parts if t))
        text = _fts_text(grams)
        row = {"kind": kind, "object_id": object_id, "bigrams": _stored_bigrams(text, dialect)}
        if dialect == "postgresql":
            row["tsv_text"] = _tsvector_literal(grams)
        batch.append(row)
        texts.append(text)
        total += 1
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return total


def remove_document(kind: str, object_id: int) -> None:
    session = db.session
    document_id = session.scalar(
        sa.select(SearchDocument.id).where(
            SearchDocument.kind == kind, SearchDocument.object_id == object_id
        )
    )
    if document_id is None:
        return
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sa.text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": document_id})
    session.execute(sa.delete(SearchDocument).where(SearchDocument.id == document_id))


def _fts5_query(terms: list[list[str]]) -> str:
    return " AND ".join('"' + " ".join(term) + '"' for term in terms)


def _tsquery_literal(terms: list[list[str]]) -> str:
    def lexeme(gram: str) -> str:
        return "'" + gram.replace("'", "''") + "'"

    return " & ".join("(" + " <-> ".join(lexeme(g) for g in term) + ")" for term in terms)


def matches(kind: str, query: str) -> sa.Subquery | None:
    """A subquery of ``(object_id, rank, document_id)`` for the objects of ``kind`` that hold
    every term.

    Higher rank is better; a higher ``document_id`` was indexed later, and ordering by it
    walks the index newest first. ``None`` when the query has no term of two or more
    characters. Join it to a feature's own query to combine text with facets.
    """
    terms = query_terms(query)
    if not terms:
        return None
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        tsquery = sa.cast(sa.literal(_tsquery_literal(terms)), postgresql.TSQUERY)
        tsv = sa.cast(SearchDocument.tsv, postgresql.TSVECTOR)
        stmt = sa.select(
            SearchDocument.object_id.label("object_id"),
            sa.func.ts_rank_cd(tsv, tsquery).label("rank"),
            SearchDocument.id.label("document_id"),
        ).where(SearchDocument.kind == kind, tsv.op("@@")(tsquery))
    else:
        fts = sa.table(FTS_TABLE, sa.column("rowid"), sa.column("bigrams"))
        stmt = (
            sa.select(
                (SearchDocument.object_id + 0).label("object_id"),
                (-sa.func.bm25(sa.literal_column(FTS_TABLE))).label("rank"),
                fts.c.rowid.label("document_id"),
            )
            .select_from(fts)
            .join(SearchDocument, SearchDocument.id == fts.c.rowid)
            .where(
                SearchDocument.kind == kind,
                sa.literal_column(FTS_TABLE).op("MATCH")(_fts5_query(terms)),
            )
        )
    return stmt.subquery("search_matches")
