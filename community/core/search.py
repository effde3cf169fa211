"""Japanese full-text search by character bigrams, on SQLite and PostgreSQL alike.

Text is normalised (NFKC, case-folded), cut into runs of letters and digits, and each run into
overlapping pairs of characters: 補助金を活用 gives 補助 助金 金を を活 活用. A term of two or more
characters matches when its own bigrams stand side by side in a document, so 補助金, 組子, RAG or
ＤＸ (= dx) are found inside longer Japanese text without a dictionary.

SQLite keeps the bigrams in an FTS5 table (unicode61 tokenizer) and asks for a phrase; PostgreSQL
keeps them in a ``tsvector`` under a GIN index, asks it for the bigrams, and checks that the
term stands whole in the candidate's normalised text: bigrams side by side in a run are the
run's text, so both ask the same question. Both are built from the same bigrams here, so the
same data gives the same hits. See DESIGN.md, "Japanese text".

A document may also carry facet tokens (``facet_token("region", "tohoku")``): words that no
text can produce, stored after its bigrams. A search with facets asks the index for them
beside its terms, so "補助 in FY2024" is one intersection in the index instead of a walk
through every document with 補助 asking a table about each.

On PostgreSQL each document also carries a recency token, the block of ``RECENT_BLOCK``
document ids it falls in. A search for a word found in most documents asks for it together
with the newest blocks only, so the GIN index hands over a few hundred rows, not 75,000.
"""

from __future__ import annotations

import math
import re
import threading
import time
import unicodedata
from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column

from community.core.cache import ContentVersion
from community.core.db import UTCDateTime, utcnow, vacuum_analyze
from community.extensions import db

FTS_TABLE = "search_fts"
GIN_INDEX = "ix_search_document_tsv"
# Raised whenever what index_documents writes changes; ``flask search reindex --if-stale``
# (run by ``make db``) rebuilds an index written in an older format.
INDEX_FORMAT = 3
_FORMAT_ROW = "search_index_format"
_RUN = re.compile(r"[^\W_]+")
# Between two runs the position jumps, so a phrase cannot match across them.
_RUN_GAP = 2
# Document ids per recency token (PostgreSQL): a window of a common word lies in a block or two
RECENT_BLOCK = 1024


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
    return _positioned_bigrams_of_normalised(normalise(text))


def _positioned_bigrams_of_normalised(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    position = 1
    for run in _RUN.findall(text):
        for gram in bigrams_of_run(run):
            out.append((gram, position))
            position += 1
        position += _RUN_GAP - 1
    return out


def facet_token(name: str, value: object) -> str:
    """An index word for one facet value: ASCII letters and digits only, so that both
    tokenizers keep it whole, and longer than a bigram, so that no text can match it."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    return "fx" + re.sub(r"[^a-z0-9]", "", name.lower()) + "x" + str(value).encode().hex()


def recency_token(document_id: int) -> str:
    """The index word of the block of document ids that ``document_id`` falls in."""
    return facet_token("recent", document_id // RECENT_BLOCK)


# what every recency token starts with; ``search_window`` writes the rest as ``facet_token``
# does, the block number's digits in hex
_RECENT_PREFIX = facet_token("recent", "")


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
            GIN_INDEX,
            "tsv",
            postgresql_using="gin",
            postgresql_with={"fastupdate": "off"},
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    object_id: Mapped[int]
    # PostgreSQL keeps it out of line (storage EXTERNAL, migration 0006): over 4 kB for a case,
    # it is read only by the GIN index's build and a document of an older format's check
    tsv: Mapped[str | None] = mapped_column(
        sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SearchText(db.Model):
    """PostgreSQL: a document's normalised text (``normalise``), against which a candidate of
    the GIN index is checked for a term of three or more characters; SQLite's FTS5 asks for
    the phrase itself and keeps none.

    A table of its own, so that a document's row stays narrow (about 60 bytes, the tsv out of
    line): the GIN index's candidates for RAG lay on 2,672 pages of rows holding their text
    and lie on a few dozen now. The text is kept in its row uncompressed (migration 0014):
    LIKE over its kilobyte costs half a phrase test of the out-of-line tsv (about 2.4 µs a
    candidate against 5).
    """

    __tablename__ = "search_text"

    document_id: Mapped[int] = mapped_column(
        sa.ForeignKey("search_document.id", ondelete="CASCADE"), primary_key=True
    )
    normalised_text: Mapped[str] = mapped_column(sa.Text)


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


# PostgreSQL: the window of a search read from the GIN index, in a function of its own so that
# its plan cannot be a sequential scan. The planner counts a tsvector test at the price of any
# operator and the table at its 7.5 MB of narrow rows, not the 4 kB out-of-line tsvector that
# each row's test reads: after an ANALYZE it chose a parallel scan of every row for 受発注
# (about 250 ms against 6). The candidates are sorted newest first by their ids alone, and
# the terms of more than one bigram (when there are any) are checked one candidate at a time,
# in its normalised text, until the window is full.
#
# With a span, the words are asked for first together with the recency tokens of the blocks
# that hold the newest ``span`` documents: for 補助, in three documents of four, the index
# then hands over about 1,300 rows instead of 75,000 to fetch and sort. When those blocks hold
# less than a window, the next older blocks are asked, four times as many each pass, and once
# a pass would take more than ``WIDEST_PASS`` blocks (each block is one more word for the index
# to test every candidate against), every older document at once. Each pass starts where the
# last one ended, so the window is the same either way: the newest matches of the whole index.
# The tokens are written as ``recency_token`` writes them (``facet_token("recent", block)``).
WIDEST_PASS = 32
SEARCH_WINDOW_FUNCTION = "search_window"
SEARCH_WINDOW_SIGNATURE = (
    f"{SEARCH_WINDOW_FUNCTION}(text, tsquery, text[], tsquery, integer, integer, integer)"
)


def search_window_sql(widest_pass: int = WIDEST_PASS) -> str:
    """The function's definition; a test narrows its widest pass."""
    return f"""
CREATE OR REPLACE FUNCTION {SEARCH_WINDOW_FUNCTION}(
    search_kind text,  -- the kind of document
    words tsquery,     -- every word asked of the index
    phrases text[],    -- LIKE patterns of each candidate's text; NULL when the words are exact
    phrase_query tsquery,  -- the same as phrases of the tsv, for a document without its text
    size integer,      -- the window's size; NULL for every match
    span integer,      -- how many of the newest documents to look in first; NULL for all
    block integer      -- document ids per recency token
)
RETURNS TABLE (object_id integer, document_id integer)
LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
DECLARE
    asked tsquery;
    upper_id integer;  -- a pass reads documents below this id (NULL: the newest)
    lower_id integer;  -- and from this one, the first of a block (NULL: every older one)
    found integer := 0;
    returned integer;
BEGIN
    IF span IS NOT NULL THEN
        SELECT max(d.id) + 1 INTO upper_id FROM search_document AS d;
    END IF;
    LOOP
        lower_id := (upper_id - 1 - span) / block * block;
        IF lower_id <= 0 OR (upper_id - lower_id) / block > {widest_pass} THEN
            lower_id := NULL;
        END IF;
        IF lower_id IS NULL THEN
            asked := words;
        ELSE
            SELECT words && string_agg(
                quote_literal('{_RECENT_PREFIX}' || encode(convert_to(b::text, 'UTF8'), 'hex')),
                ' | '
            )::tsquery
            INTO asked
            FROM generate_series(lower_id / block, (upper_id - 1) / block) AS b;
        END IF;
        RETURN QUERY
        SELECT candidates.object_id, candidates.document_id
        FROM (
            -- "+ 0": an order no index gives, so that the ids come from the GIN index, not
            -- from a walk of the primary key testing every row's tsv
            SELECT d.object_id, d.id + 0 AS document_id
            FROM search_document AS d
            WHERE d.kind = search_kind AND d.tsv @@ asked
                AND (upper_id IS NULL OR d.id < upper_id)
            ORDER BY 2 DESC
            OFFSET 0
        ) AS candidates
        WHERE phrases IS NULL OR coalesce(
            (
                SELECT t.normalised_text LIKE ALL (phrases)
                FROM search_text AS t
                WHERE t.document_id = candidates.document_id
            ),
            -- a document without its text (an index of an older format, until it is rebuilt)
            (
                SELECT c.tsv @@ phrase_query
                FROM search_document AS c
                WHERE c.id = candidates.document_id
            )
        )
        LIMIT size - found;
        GET DIAGNOSTICS returned = ROW_COUNT;
        found := found + returned;
        EXIT WHEN lower_id IS NULL OR found >= size;
        -- these blocks held less than a window: older ones next
        upper_id := lower_id;
        span := span * 4;
    END LOOP;
END
$$
"""


CREATE_SEARCH_WINDOW = search_window_sql()
DROP_SEARCH_WINDOW = f"DROP FUNCTION IF EXISTS {SEARCH_WINDOW_SIGNATURE}"
sa.event.listen(
    SearchDocument.__table__,
    "after_create",
    sa.DDL(CREATE_SEARCH_WINDOW).execute_if(dialect="postgresql"),
)
sa.event.listen(
    SearchDocument.__table__,
    "before_drop",
    sa.DDL(DROP_SEARCH_WINDOW).execute_if(dialect="postgresql"),
)


def managed_by_alembic(name: str, type_: str, dialect: str) -> bool:
    """False for SQLite's FTS5 table and its shadow tables, and the GIN index off PostgreSQL.

    The migration creates them by hand; autogenerate should neither add nor drop them.
    """
    if type_ == "table" and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    return not (type_ == "index" and name == GIN_INDEX and dialect != "postgresql")


def _with_tokens(grams: list[tuple[str, int]], tokens: Iterable[str]) -> list[tuple[str, int]]:
    """The bigrams, then each facet token after a gap, so that no phrase can reach them."""
    position = (grams[-1][1] if grams else 0) + _RUN_GAP
    return grams + [(token, position + i) for i, token in enumerate(dict.fromkeys(tokens))]


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


def index_document(
    kind: str, object_id: int, texts: Iterable[str | None], tokens: Iterable[str] = ()
) -> None:
    """Create or replace the index entry of one object, in the caller's transaction."""
    index_documents(kind, [(object_id, texts, tokens)])


def index_documents(
    kind: str,
    documents: Iterable[tuple[int, Iterable[str | None], Iterable[str]]],
    *,
    batch_size: int = 1000,
) -> int:
    """Create or replace the index entries of many objects, in the caller's transaction.

    Each document is ``(object_id, texts, facet tokens)``. A few multi-row statements a batch,
    whether one object (an edit) or a bulk load of thousands. Returns how many were indexed.
    PostgreSQL's rows take their ids from the sequence before they are written, since each
    ``tsv`` holds the recency token of its own id.
    """
    session = db.session
    dialect = session.get_bind().dialect.name
    table = SearchDocument.__table__
    if dialect == "postgresql":
        insert = sa.insert(table).values(
            tsv=sa.cast(sa.bindparam("tsv_text", type_=sa.Text), postgresql.TSVECTOR)
        )
        sequence = sa.func.pg_get_serial_sequence(table.name, table.c.id.name)
    else:
        insert = sa.insert(table)
    insert = insert.returning(table.c.id, sort_by_parameter_order=True)
    fts_insert = sa.text(f"INSERT INTO {FTS_TABLE} (rowid, bigrams) VALUES (:id, :bigrams)")
    total = 0
    batch: list[dict] = []
    texts: list[str] = []
    words: list[list[tuple[str, int]]] = []  # each row's bigrams and tokens

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
        if dialect == "postgresql":
            ids = session.scalars(
                sa.select(sa.func.nextval(sequence)).select_from(
                    sa.func.generate_series(1, len(batch))
                )
            ).all()
            for row, id_, grams in zip(batch, ids, words, strict=True):
                row["id"] = id_
                row["tsv_text"] = _tsvector_literal(_with_tokens(grams, [recency_token(id_)]))
        inserted = session.scalars(insert, batch).all()
        if dialect == "postgresql":  # the stale rows' texts went with them (ON DELETE CASCADE)
            session.execute(
                sa.insert(SearchText),
                [
                    {"document_id": id_, "normalised_text": text}
                    for id_, text in zip(inserted, texts, strict=True)
                ],
            )
        if dialect == "sqlite":
            # a row id may come back after a rollback or a lost document: its FTS5 row goes
            session.execute(
                sa.text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), [{"id": i} for i in inserted]
            )
            session.execute(
                fts_insert,
                [
                    {"id": id_, "bigrams": _fts_text(grams)}
                    for id_, grams in zip(inserted, words, strict=True)
                ],
            )
        batch.clear()
        texts.clear()
        words.clear()

    now = utcnow()
    for object_id, parts, tokens in documents:
        text = normalise("\n".join(t for t in parts if t))
        batch.append({"kind": kind, "object_id": object_id, "updated_at": now})
        texts.append(text)
        words.append(_with_tokens(_positioned_bigrams_of_normalised(text), tokens))
        total += 1
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return total


def index_is_current() -> bool:
    """Whether the index was last rebuilt in this code's format (see ``INDEX_FORMAT``)."""
    row = db.session.get(ContentVersion, _FORMAT_ROW)
    return row is not None and row.version == INDEX_FORMAT


def mark_index_current() -> None:
    """After a full rebuild, in the rebuild's transaction."""
    row = db.session.get(ContentVersion, _FORMAT_ROW) or ContentVersion(name=_FORMAT_ROW)
    row.version = INDEX_FORMAT
    db.session.add(row)


def tidy_after_rebuild() -> None:
    """After a full rebuild: on PostgreSQL rebuild the GIN index, then vacuum and analyze the
    documents; on SQLite analyze the database.

    A rebuild replaces every row one batch at a time, so that searches go on meanwhile. The
    GIN index it leaves answers a common word with a recency token ten to twenty times slower
    than one built in one pass (補助 in two blocks: 5.6 ms against 0.3 at 100,000 documents),
    so it is built again, concurrently: searches keep the old one until the new one is ready.
    Until autovacuum gets round to it, the index would point at both halves and the word
    statistics describe the old rows. REINDEX CONCURRENTLY and VACUUM cannot run inside a
    transaction, so this takes a connection of its own. SQLite keeps no statistics until
    asked, and without them sorts every case for the library's first page rather than read
    ``ix_case_newest``; it reads them when a connection opens.
    """
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(f"REINDEX INDEX CONCURRENTLY {GIN_INDEX}")
        vacuum_analyze(db.engine, (SearchDocument.__table__, SearchText.__table__))
    else:
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
    with _stats_lock:
        _stats.clear()


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


def _fts5_query(terms: list[list[str]], tokens: Iterable[str] = ()) -> str:
    return " AND ".join(['"' + " ".join(term) + '"' for term in terms] + list(tokens))


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "''") + "'"


def _tsquery_literal(terms: list[list[str]]) -> str:
    return " & ".join("(" + " <-> ".join(_lexeme(g) for g in term) + ")" for term in terms)


def _run_of(term: list[str]) -> str:
    """The run of text whose bigrams ``term`` holds: [補助, 助金] → 補助金."""
    return term[0] + "".join(gram[1:] for gram in term[1:])


def _like_pattern(run: str) -> str:
    """A LIKE pattern for text holding ``run`` (letters and digits: nothing to escape, but
    the escape is LIKE's default, so that a change of ``_RUN`` cannot open a wildcard)."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", run) + "%"


class TextSearch:
    """A text search over one kind of document: the index's matches and a relevance score.

    Its ``shape`` says what its statements look like and its ``params`` fill them: a feature
    may build a page statement once per shape, with ``bindparam`` placeholders named here, and
    run it with the params of each search. Building a search page and its cache key cost
    about 3 ms of Python a search (cases/services.py keeps them). ``embed=True`` puts the
    values in the statement instead, under unique names, for a statement holding several
    searches (facet counts) or built once anyway.
    """

    __slots__ = ("dialect", "kind", "limit", "terms", "tokens", "words")

    def __init__(
        self, kind: str, terms: list[list[str]], tokens: list[str], limit: int | None
    ) -> None:
        self.kind, self.terms, self.tokens, self.limit = kind, terms, tokens, limit
        # the terms as typed (normalised), which relevance looks for in a column
        self.words = [_run_of(term) for term in terms]
        self.dialect = db.session.get_bind().dialect.name

    @classmethod
    def of(
        cls, kind: str, query: str, tokens: Iterable[str] = (), *, limit: int | None = None
    ) -> TextSearch | None:
        """``None`` when the query has no term of two or more characters."""
        terms = query_terms(query)
        return cls(kind, terms, list(tokens), limit) if terms else None

    @property
    def shape(self) -> tuple:
        return (self.dialect, self.limit is None, tuple(map(_has_case, self.words)))

    def params(self) -> dict[str, object]:
        words = {f"search_word_{i}": _like_pattern(word) for i, word in enumerate(self.words)}
        if self.dialect != "postgresql":
            window = {} if self.limit is None else {"search_size": self.limit}
            return {
                "search_kind": self.kind,
                "search_fts_query": _fts5_query(self.terms, self.tokens),
                **window,
                **words,
            }
        # single bigrams: the index answer is exact; longer terms are checked on the
        # candidates, which holds them to every bigram of the term too
        longer = [term for term in self.terms if len(term) > 1]
        return {
            "search_kind": self.kind,
            "search_words": " & ".join(map(_lexeme, _index_words(self.terms, self.tokens))),
            "search_phrases": [_like_pattern(_run_of(term)) for term in longer] or None,
            "search_phrase_query": _tsquery_literal(longer) if longer else None,
            "search_size": self.limit,
            "search_span": _recent_span(self.terms, self.tokens, self.limit),
            "search_block": RECENT_BLOCK,
            **words,
        }

    def matches(self, *, embed: bool = False) -> sa.Subquery:
        """A subquery of ``(object_id, document_id)`` for the documents that hold every term
        and facet token; with ``limit``, only the ``limit`` most recently indexed of them.

        A higher ``document_id`` was indexed later. Join it to a feature's own query for
        what the index does not hold (who may read what), and rank with :meth:`relevance`.
        """
        bind = self._binder(embed)
        columns = (sa.column("object_id", sa.Integer), sa.column("document_id", sa.Integer))
        if self.dialect == "postgresql":
            return _tsvector_matches(bind, columns)
        sql = _FTS5_MATCHES if self.limit is None else _FTS5_WINDOW
        binds = [bind("search_kind", sa.String), bind("search_fts_query", sa.String)]
        if self.limit is not None:
            binds.append(bind("search_size", sa.Integer))
        return sa.text(sql).bindparams(*binds).columns(*columns).subquery("search_matches")

    def relevance(
        self, weighted: Iterable[tuple[sa.ColumnElement[str], int]], *, embed: bool = False
    ) -> sa.ColumnElement[int]:
        """A score for ranking matches: the weight of each column (a title, a summary) that
        holds a term as it was typed, summed over the terms.

        Read from the rows a window already holds, the same on both databases; FTS5's bm25
        and ``ts_rank_cd`` would first count every document of each term, which is what the
        window saves. Width variants still match (the index found them) but score no more.
        """
        bind = self._binder(embed)
        parts = [
            sa.case(
                (self._holds(column, word, bind(f"search_word_{i}", sa.String)), weight), else_=0
            )
            for i, word in enumerate(self.words)
            for column, weight in weighted
        ]
        return sum(parts[1:], parts[0])

    def _holds(
        self, column: sa.ColumnElement[str], word: str, pattern: sa.BindParameter
    ) -> sa.ColumnElement[bool]:
        """``column`` contains ``word`` (normalised, so in lower case) in any letter case. A
        word without case (most Japanese) is looked for as it is; one with letters is looked
        for in the column with its ASCII letters lowered, on both databases: SQLite's
        ``lower()`` folds ASCII only, and PostgreSQL's under the "C" collation does the same,
        where ILIKE folded every character of the text (ranking a window of 500 titles and
        summaries for RAG: 2.0 ms with ILIKE, 0.5 with ``lower(... COLLATE "C")``, 0.4 with
        LIKE)."""
        if _has_case(word):
            if self.dialect == "postgresql":
                column = column.collate("C")
            column = sa.func.lower(column)
        return column.like(pattern, escape="\\")

    def _binder(self, embed: bool):
        if not embed:
            return lambda name, type_: sa.bindparam(name, type_=type_)
        values = self.params()
        return lambda name, type_: sa.bindparam(name, values[name], type_=type_, unique=True)


def _has_case(word: str) -> bool:
    return word.upper() != word.lower()


def matches(
    kind: str, query: str, tokens: Iterable[str] = (), *, limit: int | None = None
) -> sa.Subquery | None:
    """:meth:`TextSearch.matches` with its values in the statement; ``None`` when the query
    has no term of two or more characters."""
    search = TextSearch.of(kind, query, tokens, limit=limit)
    return search.matches(embed=True) if search is not None else None


def relevance(query: str, weighted: Iterable[tuple[sa.ColumnElement[str], int]]):
    """:meth:`TextSearch.relevance` with its values in the statement (0 without a term)."""
    search = TextSearch.of("", query)
    return search.relevance(weighted, embed=True) if search is not None else sa.literal(0)


# SQLite: FTS5 hands its rows over newest first, so a window is an early stop with no sort.
# CROSS JOIN keeps FTS5 the outer loop whatever the statistics say: with those of a small
# table (an ANALYZE of a young library) the planner scanned the documents and ran the whole
# MATCH again for each one.
_FTS5_MATCHES = f"""
    SELECT search_document.object_id + 0 AS object_id, {FTS_TABLE}.rowid AS document_id
    FROM {FTS_TABLE} CROSS JOIN search_document
    WHERE search_document.id = {FTS_TABLE}.rowid AND search_document.kind = :search_kind
        AND {FTS_TABLE} MATCH :search_fts_query
"""
_FTS5_WINDOW = _FTS5_MATCHES + f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT :search_size"


def _tsvector_matches(bind, columns) -> sa.Subquery:
    """PostgreSQL: the documents whose ``tsv`` holds every term and token, from the function
    ``search_window``, whose plan cannot be a scan of the table.

    Walking the documents newest first and testing each would read each one's out-of-line
    ``tsv`` (about 4 µs here); the GIN index answers every word without reading a row, and
    the recency tokens of the newest blocks (see ``_recent_span``) keep a common word's answer
    to a few blocks' worth of rows.
    """
    text_array = postgresql.ARRAY(sa.Text)
    window = getattr(sa.func, SEARCH_WINDOW_FUNCTION)(
        bind("search_kind", sa.Text),
        sa.cast(bind("search_words", sa.Text), postgresql.TSQUERY),
        sa.cast(bind("search_phrases", text_array), text_array),
        sa.cast(bind("search_phrase_query", sa.Text), postgresql.TSQUERY),
        sa.cast(bind("search_size", sa.Integer), sa.Integer),
        sa.cast(bind("search_span", sa.Integer), sa.Integer),
        sa.cast(bind("search_block", sa.Integer), sa.Integer),
    ).table_valued(*columns)
    return sa.select(window.c.object_id, window.c.document_id).subquery("search_matches")


def _index_words(terms: list[list[str]], tokens: list[str]) -> list[str]:
    """The words the GIN index is asked for: every facet token and one-bigram term, and the
    rarest bigram of each longer term.

    A term's other bigrams nearly always come with its rarest one (助金 with 補助 in 補助金),
    and each candidate's text is checked for the whole term anyway, which drops the few that
    hold the rare bigram alone. Each common word costs the index dearly in the intersection:
    IT導入補助金 with a programme and a year took 13.0 ms with all seven words and 6.5 ms with
    two (the programme-and-year token and t導), over the same 8,492 candidates. Tokens and
    one-bigram terms stay, since leaving one out would need a check of its own on every
    candidate. Without statistics (before the first ANALYZE) every bigram is asked for.
    """
    frequencies, _documents = _word_statistics()
    words = set(tokens)
    for term in terms:
        if len(term) == 1 or not frequencies:
            words.update(term)
        else:  # a bigram off the statistics' list is rarer than every one on it
            words.add(min(term, key=lambda gram: frequencies.get(gram, 0.0)))
    return sorted(words)


# A window is looked for first among this many times the newest documents that could hold it
_SPAN_MARGIN = 1.5
# A block in a pass costs the GIN index about what fetching and sorting 140 of the rows it
# hands over costs (0.1 to 0.2 ms against 1 µs, at 100,000 documents)
_BLOCK_COST_IN_ROWS = 140
_STATS_TTL = 600.0
_stats: dict[str, object] = {}
_stats_lock = threading.Lock()


def _recent_span(terms: list[list[str]], tokens: list[str], limit: int | None) -> int | None:
    """How many of the newest documents to look in first for a window of ``limit`` matches,
    or ``None`` to ask the whole index at once.

    From PostgreSQL's statistics. The span is sized as if the words went together
    (IT導入補助金 comes with the programme it names), so that the first pass is as narrow as it
    can be: another one costs a few tenths of a millisecond, a pass over more blocks than
    needed costs the index a test of each candidate against every block's word. A phrase is as
    common as its rarest bigram at most (its bigrams go together: 補助 and 助金); a word off the
    statistics' list is taken at half the rarest one's share, as PostgreSQL's planner takes it.

    The whole index at once is cheaper when it hands over fewer rows than the blocks would
    cost (RAG, in 3% of the documents: 2,861 rows, against two passes over 13 blocks and the
    rest). How many rows it hands over is reckoned as PostgreSQL's planner does, as if the
    words went apart: 農業 in 北海道 with a prefectural grant (155 of 100,000 cases) took a
    pass over 10 blocks that found 19 before the whole index at once.
    """
    frequencies, documents = _word_statistics()
    if limit is None or not frequencies or documents <= 0:
        return None
    off_the_list = min(frequencies.values()) / 2
    words = [min(term, key=lambda gram: frequencies.get(gram, 0.0)) for term in terms]
    shares = [frequencies.get(word, off_the_list) for word in [*words, *tokens]]
    span = math.ceil(limit / max(min(shares), 1e-9) * _SPAN_MARGIN)
    blocks = span // RECENT_BLOCK + 1
    whole = math.prod(shares) * documents  # rows of the whole index, the words apart
    if span >= documents / 2 or blocks * _BLOCK_COST_IN_ROWS + limit >= whole:
        return None
    return span


def _word_statistics() -> tuple[dict[str, float], float]:
    """How often the most common index words occur, and how many documents there are:
    PostgreSQL's statistics from its last ANALYZE, read at most every ten minutes.

    None while the index is of an older format (until ``reindex --if-stale`` has run): it may
    lack words that the statistics would send a search to, such as the recency tokens.
    """
    with _stats_lock:
        if _stats and time.monotonic() - _stats["at"] < _STATS_TTL:
            return _stats["frequencies"], _stats["documents"]
    row = db.session.execute(
        sa.text(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples, "
            "(SELECT v.version FROM content_version AS v WHERE v.name = :format_row) "
            "FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() "
            "AND s.tablename = c.relname AND s.attname = 'tsv' "
            "WHERE c.oid = to_regclass('search_document')"
        ),
        {"format_row": _FORMAT_ROW},
    ).first()
    words, frequencies, documents, index_format = row if row is not None else (None,) * 4
    if index_format is not None and index_format < INDEX_FORMAT:
        words = frequencies = None
    found = dict(zip(words or [], frequencies or [], strict=False))  # extra trailing figures
    with _stats_lock:
        _stats.update(at=time.monotonic(), frequencies=found, documents=float(documents or 0))
    return found, float(documents or 0)
