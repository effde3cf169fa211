"""Lists cost a fixed number of SQL statements, whatever their length."""

from contextlib import contextmanager

import sqlalchemy as sa

from community.extensions import db as _db


@contextmanager
def count_statements(app):
    counted = []

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE")):
            counted.append(statement)

    with app.app_context():
        engine = _db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def statements_for(app, client, url):
    with count_statements(app) as counted:
        assert client.get(url).status_code == 200
    return len(counted)


def test_lab_list_api_and_pages_cost_the_same_for_2_or_12_labs(app, client, make):
    for _ in range(2):
        lab = make.lab(prefectures=("04", "07"))
        make.coordinator(lab)
        make.organisation(lab)
    urls = ("/api/labs", "/labs", "/", "/api/regions")
    for url in urls:  # warm the reference-data cache
        client.get(url)
    few = {url: statements_for(app, client, url) for url in urls}
    for _ in range(10):
        lab = make.lab(prefectures=("13", "14", "40"))
        make.coordinator(lab)
        make.member(lab)
    many = {url: statements_for(app, client, url) for url in urls}
    assert few == many


def test_lab_page_costs_the_same_for_small_and_large_labs(app, client, make):
    small = make.lab(slug="small")
    make.coordinator(small)
    large = make.lab(slug="large", prefectures=("01", "02", "03"))
    for _ in range(8):
        make.member(large)
        make.organisation(large)
    assert statements_for(app, client, "/labs/small") == statements_for(app, client, "/labs/large")
