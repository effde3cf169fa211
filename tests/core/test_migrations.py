"""``flask db upgrade`` builds the schema from empty, and the models have not drifted from it."""

from __future__ import annotations

import contextlib
import uuid
import warnings

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from community import create_app
from community.core.search import managed_by_alembic
from community.extensions import db as _db
from tests.conftest import TEST_DB, database_url


@pytest.fixture
def empty_database(tmp_path_factory):
    """A database with nothing in it, of the kind this run tests."""
    if TEST_DB != "postgres":
        yield f"sqlite:///{tmp_path_factory.mktemp('migrate') / 'empty.sqlite'}"
        return
    server = sa.make_url(database_url(tmp_path_factory))
    name = f"community_migrate_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# SQLite's reflection cannot read an index on an expression (migration 0012's): SQLAlchemy
# says so, and Alembic leaves such an index out of the comparison there
ON_SQLITE_EXPRESSION_INDEXES = ("Skipped unsupported reflection", "autogenerate skipping")


@contextlib.contextmanager
def comparing():
    """Comparing the schema may say that it leaves SQLite's indexes on expressions out."""
    with warnings.catch_warnings():
        for message in ON_SQLITE_EXPRESSION_INDEXES:
            warnings.filterwarnings("ignore", message)
        yield


def test_upgrade_from_empty_matches_the_models_and_downgrades(empty_database):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade()
        with _db.engine.connect() as connection:
            dialect = connection.dialect.name
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "render_as_batch": True,
                    "include_object": lambda obj, name, type_, *_: managed_by_alembic(
                        name, type_, dialect
                    ),
                },
            )
            with comparing():
                drift = compare_metadata(context, _db.metadata)
        assert drift == [], f"models and migrations differ; run `flask db migrate`: {drift}"
        # SQLite's reflection cannot see indexes on expressions: ask each catalogue
        catalogue = (
            "SELECT name FROM sqlite_master WHERE type = 'index'"
            if dialect == "sqlite"
            else "SELECT indexname FROM pg_indexes WHERE tablename = 'case'"
        )
        with _db.engine.connect() as connection:
            indexes = set(connection.exec_driver_sql(catalogue).scalars())
        assert {"ix_case_newest", "ix_case_rolled_out"} <= indexes, indexes
        tables = set(sa.inspect(_db.engine).get_table_names())
        assert {"user_account", "lab", "prefecture", "lab_invitation", "api_token"} <= tables
        assert "search_document" in tables
        if _db.engine.dialect.name == "sqlite":
            assert "search_fts" in tables
        downgrade(revision="base")
        assert set(sa.inspect(_db.engine).get_table_names()) <= {"alembic_version"}
        _db.engine.dispose()


def test_the_drift_check_can_fail(empty_database):
    """The check above sees a column that no migration made."""
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade()
        metadata = sa.MetaData()
        for table in _db.metadata.sorted_tables:
            table.to_metadata(metadata)
        sa.Table("lab", metadata, sa.Column("extra", sa.Integer), extend_existing=True)
        with _db.engine.connect() as connection, comparing():
            drift = compare_metadata(MigrationContext.configure(connection), metadata)
        assert any(change[0] == "add_column" for change in drift)
        _db.engine.dispose()
