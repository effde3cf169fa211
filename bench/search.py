"""``make bench`` (second part): Japanese case search over 100,000 generated cases.

On SQLite (a file cached under ``instance/bench/``) and on PostgreSQL (``BENCH_DATABASE_URL``,
default ``postgresql://postgres@127.0.0.1:5432/bench_search``; created when missing, skipped
with a notice when the server cannot be reached). Each database is filled once by
``flask seed bulk`` and kept for the next run; it is regenerated when its case count differs.

Every query is timed in an application context through the service,
``community.cases.services.search_cases(None, q=..., per_page=20, ...)``: the page query of
``browse_cases`` (behind ``GET /api/cases`` and ``/cases``), ranked, with its relations, and
the count of its matches in the same statement (the pages take the count from the facet
counts, which they cache for each version of the library). The same query is then timed as a
LIKE scan over title, summary and body with the same facets, the same page size and the same
pagination (count, then one page newest first: a LIKE has no rank).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CASES = int(os.environ.get("BENCH_CASES", "100000"))
REPEAT = int(os.environ.get("BENCH_SEARCH_REPEAT", "30"))
# a slow query stops after this many seconds of timed runs (but runs at least MIN_RUNS times),
# so that the whole run stays within minutes even when a query takes seconds
BUDGET = float(os.environ.get("BENCH_SEARCH_BUDGET", "2"))
MIN_RUNS = 5
WARM_UP = 1
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/bench_search")
SQLITE_FILE = ROOT / "instance" / "bench" / f"search-{CASES}.sqlite"

# (term, facets)
QUERIES: list[tuple[str, dict]] = [
    ("補助", {}),
    ("製造", {}),
    ("農業", {}),
    ("組子", {}),
    ("補助金", {}),
    ("チャットボット", {}),
    ("IT導入補助金", {}),
    ("受発注", {}),
    ("RAG", {}),
    ("補助金", {"programme": "it_introduction"}),
    ("製造", {"region": "tohoku"}),
    ("補助", {"fiscal_year": 2024}),
    ("農業", {"region": "hokkaido", "programme": "prefectural"}),
    ("IT導入補助金", {"programme": "it_introduction", "fiscal_year": 2024}),
    ("チャットボット", {"region": "kinki"}),
]


def flask(url: str, *args: str) -> None:
    env = {**os.environ, "COMMUNITY_ENV": "development", "DATABASE_URL": url}
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env, check=True)


def expected_cases() -> int:
    from community.demo.data import DEMO_CASES

    return CASES + len(DEMO_CASES)


def case_count(url: str) -> int | None:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(sa.text('SELECT count(*) FROM "case"'))
    except sa.exc.DBAPIError:
        return None
    finally:
        engine.dispose()


def prepare_sqlite() -> str:
    url = f"sqlite:///{SQLITE_FILE}"
    if SQLITE_FILE.exists() and case_count(url) == expected_cases():
        print(f"SQLite: cached {SQLITE_FILE.relative_to(ROOT)}")
        flask(url, "db", "upgrade")  # a cached database follows the schema…
        flask(url, "search", "reindex", "--if-stale")  # …and the index format
        return url
    SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
    partial = SQLITE_FILE.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    print(f"SQLite: generating {CASES} cases into {SQLITE_FILE.relative_to(ROOT)}")
    prepare_empty(f"sqlite:///{partial}")
    flask(f"sqlite:///{partial}", "seed", "bulk", "--cases", str(CASES))
    partial.replace(SQLITE_FILE)  # only a complete file is cached
    return url


def prepare_postgres() -> str | None:
    from community.config import normalise_database_url

    url = normalise_database_url(PG_URL)
    target = sa.engine.make_url(url)
    server = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            exists = connection.scalar(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": target.database},
            )
            if exists and case_count(url) == expected_cases():
                print(f"PostgreSQL: cached database {target.database}")
                flask(url, "db", "upgrade")  # a cached database follows the schema…
                flask(url, "search", "reindex", "--if-stale")  # …and the index format
                return url
            if exists:
                connection.execute(sa.text(f'DROP DATABASE "{target.database}" WITH (FORCE)'))
            connection.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    except sa.exc.OperationalError as error:
        print(f"PostgreSQL at {target.render_as_string()} unreachable; skipped ({error.orig})")
        return None
    finally:
        server.dispose()
    print(f"PostgreSQL: generating {CASES} cases into database {target.database}")
    prepare_empty(url)
    flask(url, "seed", "bulk", "--cases", str(CASES))
    return url


def prepare_empty(url: str) -> None:
    """Migrate a new database and mark its (empty) index current, as ``make db`` does: a bulk
    load writes the current format, and would otherwise be rebuilt whole by the next
    ``reindex --if-stale``."""
    flask(url, "db", "upgrade")
    flask(url, "search", "reindex", "--if-stale")


def like_page(term: str, facets: dict):
    """The same question as the search, answered by scanning the text with LIKE."""
    from community.cases.models import Case, CaseStatus
    from community.cases.services import _LIST_OPTIONS, _apply_facets
    from community.core.pagination import paginate

    pattern = f"%{term}%"
    stmt = sa.select(Case).where(
        Case.status == CaseStatus.PUBLISHED.value,
        sa.or_(Case.title.like(pattern), Case.summary.like(pattern), Case.body.like(pattern)),
    )
    stmt = _apply_facets(stmt, facets).options(*_LIST_OPTIONS)
    newest = sa.func.coalesce(Case.published_at, Case.created_at)
    return paginate(stmt.order_by(newest.desc(), Case.id.desc()), 1, 20)


def timed(call, repeat: int) -> tuple[list[float], object]:
    from community.extensions import db

    result = None
    for _ in range(WARM_UP):  # warm the caches
        result = call()
        db.session.remove()
    samples: list[float] = []
    deadline = time.perf_counter() + BUDGET
    while len(samples) < repeat and (len(samples) < MIN_RUNS or time.perf_counter() < deadline):
        start = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - start) * 1000)
        db.session.remove()
    return sorted(samples), result


def p95(samples: list[float]) -> float:
    return samples[max(0, round(len(samples) * 0.95) - 1)]


def measure(name: str, url: str) -> list[dict]:
    from community import create_app
    from community.cases.services import search_cases

    app = create_app("development", SQLALCHEMY_DATABASE_URI=url, LOG_LEVEL="WARNING")
    rows = []
    with app.app_context():
        for term, facets in QUERIES:
            search, found = timed(
                lambda t=term, f=facets: search_cases(None, q=t, per_page=20, **f), REPEAT
            )
            like, scanned = timed(lambda t=term, f=facets: like_page(t, f), REPEAT)
            rows.append(
                {
                    "db": name,
                    "query": term + "".join(f" {k}={v}" for k, v in facets.items()),
                    "hits": len(found["items"]),
                    "total": found["total"],
                    "like_total": scanned.total,
                    "runs": (len(search), len(like)),
                    "like_hits": len(scanned.items),
                    "p50": statistics.median(search),
                    "p95": p95(search),
                    "like_p50": statistics.median(like),
                    "like_p95": p95(like),
                }
            )
            print_row(rows[-1])
        from community.extensions import db

        db.engine.dispose()
    return rows


HEADER = (
    f"{'database':<11}{'query':<44}{'hits':>7}{'counted':>13}{'p50 ms':>9}{'p95 ms':>9}"
    f"{'LIKE p50':>10}{'LIKE p95':>10}{'speed-up':>10}{'runs':>8}"
)


def print_row(row: dict) -> None:
    runs = "{}/{}".format(*row["runs"])
    hits = f"{row['hits']}" + ("" if row["hits"] == row["like_hits"] else f"/{row['like_hits']}")
    counted = f"{row['total']}/{row['like_total']}"
    print(
        f"{row['db']:<11}{row['query']:<44}{hits:>7}{counted:>13}"
        f"{row['p50']:>9.1f}{row['p95']:>9.1f}"
        f"{row['like_p50']:>10.1f}{row['like_p95']:>10.1f}{row['like_p50'] / row['p50']:>9.1f}×"
        f"{runs:>8}"
    )


def summary(name: str, rows: list[dict]) -> None:
    speedups = [r["like_p50"] / r["p50"] for r in rows]
    worst = max(rows, key=lambda r: r["p95"])
    print(
        f"{name}: median speed-up {statistics.median(speedups):.1f}× (target ≥ 20×); "
        f"worst p95 {worst['p95']:.1f} ms for {worst['query']} (target ≤ 20 ms); "
        f"{sum(r['p95'] <= 20 for r in rows)}/{len(rows)} queries within 20 ms"
    )


def main() -> int:
    start = time.perf_counter()
    targets = [("SQLite", prepare_sqlite())]
    pg = prepare_postgres()
    if pg:
        targets.append(("PostgreSQL", pg))
    print(
        f"\n{CASES} generated cases; {REPEAT} timed runs a query after {WARM_UP} warm-up run, "
        f"fewer (at least {MIN_RUNS}) when they take over {BUDGET:.0f} s in all; same for LIKE"
    )
    print("hits a/b: first-page cases (max 20), search a, LIKE b (LIKE: case-sensitive on PG)")
    from community.cases.services import SEARCH_WINDOW

    print(f"counted a/b: matches counted, search a (its window: at most {SEARCH_WINDOW}), LIKE b")
    results = {}
    for name, url in targets:
        print(HEADER)
        results[name] = measure(name, url)
    print()
    for name, rows in results.items():
        summary(name, rows)
    print(f"bench/search.py took {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
