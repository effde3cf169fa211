"""``flask seed demo`` adds joint events: past and upcoming, full with a waitlist, a lottery,
a cancelled one, an online one; past ones carry a closing report that links a demo case."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from community.accounts.models import User
from community.demo.events import DEMO_EVENTS, person_email, schedule
from community.events.models import (
    Event,
    EventHost,
    EventReport,
    EventReportCase,
    Registration,
)
from community.labs.models import LabMembership

SEMINAR = "東北・北海道合同 生成AI活用セミナー"
FACTORY_TOUR = "北陸×中部 製造DX 工場見学会"
LOTTERY = "生成AI×伝統工芸 kumikoAI ワークショップ（抽選）"
TOKACHI_CASE = "移住・就農の相談に出典付きで答えるRAGチャットボット（十勝の町）"


def seed(app):
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    return result


def event_named(db, title) -> Event:
    return db.session.scalar(sa.select(Event).where(Event.title == title))


def statuses(db, event) -> dict[str, int]:
    rows = db.session.execute(
        sa.select(Registration.status, sa.func.count())
        .where(Registration.event_id == event.id)
        .group_by(Registration.status)
    )
    return dict(rows.all())


def test_demo_events_past_and_upcoming_across_regions(app, db, client):
    seed(app)
    events = list(db.session.scalars(sa.select(Event).order_by(Event.id)))
    assert [e.title for e in events] == [entry["title"] for entry in DEMO_EVENTS]
    by_status = {}
    for event in events:
        by_status[event.status] = by_status.get(event.status, 0) + 1
    assert by_status == {"finished": 2, "published": 4, "cancelled": 1}

    now = datetime.now(UTC)
    for event, entry in zip(events, DEMO_EVENTS, strict=True):
        assert len(event.hosts) >= 2, event.title  # every demo event is a joint one
        if entry["day"] < 0:
            assert event.ends_at < now and event.status == "finished"
        else:
            assert event.starts_at > now and event.status in ("published", "cancelled")
    assert sum(1 for e in events if any(h.seat_quota for h in e.hosts)) >= 3
    assert [e.kind for e in events].count("online") == 1

    upcoming = client.get("/api/events?upcoming=true&per_page=100").get_json()
    assert {e["title"] for e in upcoming["items"]} == {
        e.title for e in events if e.status == "published"
    }
    cancelled = next(e for e in events if e.status == "cancelled")
    assert cancelled.cancel_reason and statuses(db, cancelled)["confirmed"] >= 5


def test_demo_full_event_has_quotas_a_waitlist_and_a_promotion(app, db):
    seed(app)
    tour = event_named(db, FACTORY_TOUR)
    assert tour.confirmed_count == tour.capacity == 12
    assert statuses(db, tour) == {"confirmed": 12, "waitlisted": 2, "cancelled": 1}
    quotas = {h.lab.slug: (h.seat_quota, h.confirmed_count) for h in tour.hosts}
    assert quotas["jec-hokuriku"] == (4, 4) and quotas["juroku-chubu"] == (4, 4)

    def registration(person):
        return db.session.scalar(
            sa.select(Registration)
            .join(User, User.id == Registration.user_id)
            .where(Registration.event_id == tour.id, User.email == person_email(person))
        )

    # the open seat given back went to the first person waiting for an open seat
    assert registration(("expact-shizuoka", 2)).status == "cancelled"
    assert registration(("hitachi-frogs-ibaraki", 4)).status == "confirmed"
    waiting = registration(("shinsetsu-hokkaido", 5)), registration(("jec-hokuriku", 5))
    assert [r.status for r in waiting] == ["waitlisted", "waitlisted"]
    assert waiting[1].seat_lab_id == waiting[1].lab_id  # waits for its lab's quota

    lottery = event_named(db, LOTTERY)
    assert lottery.mode == "lottery" and lottery.lottery_drawn_at is None
    assert lottery.lottery_deadline > datetime.now(UTC)
    assert statuses(db, lottery) == {"applied": 14}
    assert lottery.confirmed_count == 0 and lottery.capacity == 8


def test_demo_past_events_have_check_ins_and_a_report_linking_a_case(app, db, client):
    seed(app)
    seminar = event_named(db, SEMINAR)
    report = client.get(f"/api/events/{seminar.id}/report").get_json()
    assert [c["title"] for c in report["cases"]] == [TOKACHI_CASE]
    assert report["attendance"] == 19 and 0 < report["checked_in"] < seminar.confirmed_count
    case_id = report["cases"][0]["id"]
    linked = client.get(f"/api/events?case={case_id}").get_json()["items"]
    assert seminar.id in [e["id"] for e in linked]

    reported = db.session.scalar(sa.select(sa.func.count()).select_from(EventReport))
    assert reported == 2
    for event in db.session.scalars(sa.select(Event).where(Event.status == "finished")):
        attended = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Registration)
            .where(Registration.event_id == event.id, Registration.attended_at.is_not(None))
        )
        assert 0 < attended < event.confirmed_count  # some came, some did not


def test_demo_events_twice_change_nothing(app, db):
    seed(app)

    def snapshot():
        counts = {
            model: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Event, EventHost, Registration, EventReport, EventReportCase, User)
        }
        counts[LabMembership] = db.session.scalar(
            sa.select(sa.func.count()).select_from(LabMembership)
        )
        rows = db.session.execute(
            sa.select(
                Registration.id,
                Registration.status,
                Registration.waitlist_position,
                Registration.attended_at,
                Registration.code,
            ).order_by(Registration.id)
        ).all()
        events = db.session.execute(
            sa.select(
                Event.id,
                Event.status,
                Event.starts_at,
                Event.confirmed_count,
                Event.updated_at,
            ).order_by(Event.id)
        ).all()
        return counts, rows, events

    first = snapshot()
    db.session.remove()
    seed(app)
    db.session.remove()
    assert snapshot() == first
    assert first[0][Event] == len(DEMO_EVENTS) and first[0][Registration] > 70


def test_demo_event_dates_follow_the_day_of_loading_in_japan():
    tour = next(e for e in DEMO_EVENTS if e["title"] == FACTORY_TOUR)
    times = schedule(tour, date(2026, 12, 31))
    # 13:00 in Tokyo is 04:00 UTC, 23 days later
    assert times["starts_at"] == datetime(2027, 1, 23, 4, 0, tzinfo=UTC)
    assert times["registration_closes_at"] == datetime(2027, 1, 16, 8, 0, tzinfo=UTC)
