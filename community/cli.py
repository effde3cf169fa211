"""Flask commands: reference data, demo data, users."""

from __future__ import annotations

import datetime as dt
import time

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup

from community.accounts.models import Role, User
from community.accounts.services import hash_password, normalise_email
from community.cases.models import Case
from community.channels.services import ensure_field_channels
from community.core.markdown import render_markdown
from community.extensions import db
from community.labs.models import Lab, LabMembership, MemberOrganisation, Prefecture, Region
from community.labs.reference import PREFECTURES, REGIONS
from community.labs.services import forget_reference_data

seed = AppGroup("seed", help="Load reference and demo data.")
search = AppGroup("search", help="The search index.")
users = AppGroup("users", help="Manage users.")

DEMO_PASSWORD = "demo-password-2026"


def load_reference_data() -> int:
    """Insert or update the regions and the 47 prefectures; safe to run again."""
    regions = {r.code: r for r in db.session.scalars(sa.select(Region))}
    for position, (code, name_ja, name_en) in enumerate(REGIONS):
        region = regions.get(code) or Region(code=code)
        region.name_ja, region.name_en, region.position = name_ja, name_en, position
        db.session.add(region)
        regions[code] = region
    db.session.flush()
    prefectures = {p.code: p for p in db.session.scalars(sa.select(Prefecture))}
    for code, name_ja, name_en, region_code in PREFECTURES:
        prefecture = prefectures.get(code) or Prefecture(code=code)
        prefecture.name_ja, prefecture.name_en = name_ja, name_en
        prefecture.region_id = regions[region_code].id
        db.session.add(prefecture)
    db.session.commit()
    forget_reference_data()
    load_forum_categories()
    ensure_field_channels()
    return len(PREFECTURES)


def load_forum_categories() -> None:
    from community.forum.services import load_categories

    load_categories()


def _user(
    email: str, display_name: str, role: Role = Role.MEMBER, password: str = DEMO_PASSWORD
) -> User:
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        user = User(
            email=normalise_email(email),
            display_name=display_name,
            password_hash=hash_password(password),
            role=role.value,
        )
        db.session.add(user)
    return user


def load_demo_data() -> dict[str, int]:
    """Labs from the source documents, their organisations and users of each role.

    Keyed by slug and e-mail address, so running it twice changes nothing.
    """
    from community.demo.channels import load_demo_channels
    from community.demo.data import DEMO_LABS
    from community.demo.events import load_demo_events
    from community.demo.experts import load_demo_experts
    from community.demo.forum import load_demo_forum

    load_reference_data()
    prefectures = {p.code: p for p in db.session.scalars(sa.select(Prefecture))}
    _user("secretariat@example.jp", "DX推進ラボ事務局（デモ）", Role.SECRETARIAT)
    for number, (name, field) in enumerate(
        [("佐藤 専門家", "AI活用"), ("鈴木 専門家", "製造DX"), ("高橋 専門家", "データ活用")],
        start=1,
    ):
        _user(f"expert{number}@example.jp", f"{name}（{field}）", Role.EXPERT)
    created = 0
    for number, entry in enumerate(DEMO_LABS, start=1):
        lab = db.session.scalar(sa.select(Lab).where(Lab.slug == entry["slug"]))
        if lab is None:
            created += 1
            lab = Lab(slug=entry["slug"])
            db.session.add(lab)
        lab.name = entry["name"]
        lab.kind = entry["kind"]
        deadline = entry.get("transition_deadline")
        lab.transition_deadline = dt.date.fromisoformat(deadline) if deadline else None
        lab.vision, lab.kpi = entry["vision"], entry["kpi"]
        lab.consultation_contact = entry["consultation_contact"]
        lab.description = entry["description"]
        lab.description_html = render_markdown(entry["description"])
        lab.prefectures = [prefectures[code] for code in entry["prefectures"]]
        existing = {o.name for o in lab.organisations}
        for org in entry["organisations"]:
            if org["name"] not in existing:
                lab.organisations.append(
                    MemberOrganisation(
                        name=org["name"], kind=org["kind"], is_key_person=org["is_key_person"]
                    )
                )
        coordinator = _user(f"coordinator{number}@example.jp", f"{entry['name']} コーディネーター")
        member = _user(f"member{number}@example.jp", f"{entry['name']} メンバー")
        db.session.flush()
        for user, role in ((coordinator, Role.COORDINATOR), (member, Role.MEMBER)):
            if not any(m.user_id == user.id for m in lab.memberships):
                lab.memberships.append(LabMembership(user=user, role=role.value))
    db.session.commit()
    load_demo_cases()
    load_demo_events()
    load_demo_forum()
    load_demo_experts()
    load_demo_channels()
    return {
        "labs_created": created,
        "labs": db.session.scalar(sa.select(sa.func.count(Lab.id))),
        "users": db.session.scalar(sa.select(sa.func.count(User.id))),
    }


def load_demo_cases() -> None:
    """The demo cases, each written by its lab's coordinator through the case service."""
    from community.cases.services import do_create_case
    from community.demo.data import DEMO_CASES

    for entry in DEMO_CASES:
        fields = dict(entry)
        lab = db.session.scalar(sa.select(Lab).where(Lab.slug == fields.pop("lab")))
        if db.session.scalar(sa.select(Case.id).where(Case.title == fields["title"])):
            continue
        coordinator = lab.coordinators[0]
        do_create_case(coordinator, lab_id=lab.id, status="published", **fields)
    load_demo_engagement()


def load_demo_engagement() -> None:
    """Rollouts (adaptations and adoption records), やってみたい and questions between the demo
    labs, each through the case service as the lab's coordinator or member would; skipped where
    it is there already."""
    from community.cases import services
    from community.cases.models import CaseQuestion, Rollout
    from community.demo.data import DEMO_ADAPTATIONS, DEMO_QUESTIONS, DEMO_ROLLOUTS

    def case(title: str) -> Case:
        return db.session.scalar(sa.select(Case).where(Case.title == title))

    def lab(slug: str) -> Lab:
        return db.session.scalar(sa.select(Lab).where(Lab.slug == slug))

    for original_title, adapted_title in DEMO_ADAPTATIONS:
        original, adapted = case(original_title), case(adapted_title)
        if adapted.adaptation_of is None or adapted.adaptation_of.case_id != original.id:
            services.do_update_case(
                adapted.lab.coordinators[0], adapted, adapted_from_id=original.id
            )
    for title, slug, status, changes, outcomes in DEMO_ROLLOUTS:
        original, adopter = case(title), lab(slug)
        recorded = sa.select(Rollout.id).where(
            Rollout.case_id == original.id, Rollout.lab_id == adopter.id
        )
        if not db.session.scalar(recorded):
            services.do_record_rollout(
                adopter.coordinators[0],
                original,
                lab_id=adopter.id,
                status=status,
                changes=changes,
                outcomes=outcomes,
            )
    for title, slug, question, answer in DEMO_QUESTIONS:
        asked, asker = case(title), lab(slug)
        member = next(m.user for m in asker.memberships if m.role == Role.MEMBER.value)
        if db.session.scalar(
            sa.select(CaseQuestion.id).where(
                CaseQuestion.case_id == asked.id, CaseQuestion.asker_id == member.id
            )
        ):
            continue
        asked_question = services.do_ask_question(member, asked, body=question)
        if answer:
            services.do_answer_question(asked.lab.coordinators[0], asked_question, answer=answer)
        services.do_register_interest(asker.coordinators[0], asked)


@seed.command("reference")
def seed_reference():
    """Regions and prefectures."""
    click.echo(f"{load_reference_data()} prefectures loaded")


@seed.command("demo")
def seed_demo():
    """Reference data plus demo labs, organisations and users (safe to run twice)."""
    counts = load_demo_data()
    click.echo(
        f"{counts['labs_created']} labs created; {counts['labs']} labs and "
        f"{counts['users']} users in all. Demo password: {DEMO_PASSWORD}"
    )


@seed.command("demo-if-empty")
def seed_demo_if_empty():
    """Load the demo only into a database that has no labs yet (used by ``make run``)."""
    if db.session.scalar(sa.select(sa.func.count(Lab.id))):
        click.echo("database has labs; demo data not loaded")
        return
    seed_demo.callback()


@seed.command("bulk")
@click.option("--cases", "count", default=1000, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--seed", "random_seed", default=2026, show_default=True, help="Same seed, same text."
)
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(min=1))
def seed_bulk(count: int, random_seed: int, batch_size: int):
    """Generated published cases for benchmarks, with facets and search index, in batches."""
    from community.demo.bulk import load_bulk_cases

    if not db.session.scalar(sa.select(sa.func.count(Lab.id))):
        load_demo_data()
    start = time.perf_counter()
    with click.progressbar(length=count, label="cases") as bar:
        written = load_bulk_cases(
            count, seed=random_seed, batch_size=batch_size, progress=bar.update
        )
    click.echo(f"{written} cases written and indexed in {time.perf_counter() - start:.1f} s")


@users.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", "display_name", default="事務局")
@click.password_option()
def create_admin(email: str, display_name: str, password: str):
    """Create a secretariat user, or make an existing user secretariat."""
    load_reference_data()
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        user = _user(email, display_name, Role.SECRETARIAT, password)
    user.role = Role.SECRETARIAT.value
    db.session.commit()
    click.echo(f"{user.email} is secretariat")


@search.command("reindex")
@click.option(
    "--if-stale", is_flag=True, help="Only when the index was written in an older format."
)
def search_reindex(if_stale: bool):
    """Rebuild the search index of every case and forum post, with a progress bar."""
    from community.cases.services import reindex_all
    from community.core.search import index_is_current, tidy_after_rebuild
    from community.forum import services as forum

    if if_stale and index_is_current():
        click.echo("search index is current")
        return

    total = db.session.scalar(sa.select(sa.func.count(Case.id))) or 0
    with click.progressbar(length=total, label="cases") as bar:
        count = reindex_all(progress=bar.update)
    click.echo(f"{count} cases indexed")
    with click.progressbar(length=forum.count_indexable(), label="forum posts") as bar:
        count = forum.reindex_all(progress=bar.update)
    click.echo(f"{count} forum posts indexed")
    tidy_after_rebuild()


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed)
    app.cli.add_command(search)
    app.cli.add_command(users)
