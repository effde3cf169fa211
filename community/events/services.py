"""Joint events: who may edit them, and every change to seats, registrations and attendance.

Seats. Every change that moves a seat or a registration of an event runs in ``_seat_change``:
it takes the event's row lock first (``SELECT … FOR UPDATE`` on PostgreSQL; ``BEGIN IMMEDIATE``,
SQLite's database write lock, on SQLite, where SQLAlchemy would drop ``FOR UPDATE``), so that such
changes to one event happen one after the other and each reads what the previous one committed.
The lock is not the only guard: a seat is taken by a conditional ``UPDATE`` of a counter that
fails (rowcount 0) when the seats are gone, a promotion flips a registration only if it is still
waitlisted, and the check constraints on the counters refuse any overbooking that slipped past.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import Conflict, NotFound

from community.accounts.models import Role, User
from community.cases.models import Case, CaseStatus
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.markdown import render_markdown
from community.core.pagination import Page, paginate
from community.core.permissions import require, require_user
from community.core.realtime import emit_after_commit, user_room
from community.core.validation import ValidationFailed
from community.events import exports
from community.events.models import (
    Event,
    EventCase,
    EventChallenge,
    EventHost,
    EventMode,
    EventReport,
    EventReportCase,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from community.extensions import db
from community.labs.models import Lab, Prefecture, Region, lab_prefecture
from community.labs.services import list_regions
from community.notifications.models import NotificationKind
from community.notifications.services import do_notify

EVENT_NOT_FOUND = N_("イベントが見つかりません。")
REGISTRATION_NOT_FOUND = N_("参加登録が見つかりません。")
HOST_NOT_FOUND = N_("共催ラボが見つかりません。")
NOT_EDITOR = N_("このイベントを編集する権限がありません。")
ALREADY_REGISTERED = N_("このイベントにはすでに参加登録しています。")
ALREADY_CANCELLED = N_("この参加登録はすでにキャンセルされています。")
EVENT_CANCELLED = N_("このイベントは中止されました。")
EVENT_FINISHED = N_("このイベントは終了しました。")
NOT_PUBLISHED = N_("このイベントはまだ公開されていません。")
REGISTRATION_NOT_OPEN = N_("参加登録の受付はまだ始まっていません。")
REGISTRATION_CLOSED = N_("参加登録の受付は終了しました。")
LOTTERY_CLOSED = N_("抽選の申込は締め切りました。")
CONCURRENT_CHANGE = N_("ほかの操作と重なりました。もう一度お試しください。")

# a registration code: no O/0, I/1 or L, which are read and typed wrongly at the door
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

ACTIVE = (
    RegistrationStatus.CONFIRMED.value,
    RegistrationStatus.WAITLISTED.value,
    RegistrationStatus.APPLIED.value,
)
WAITING = (RegistrationStatus.WAITLISTED.value, RegistrationStatus.APPLIED.value)


# --- permissions ----------------------------------------------------------------------------


def _signed_in(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def can_edit_event(user: User | None, event: Event) -> bool:
    """Every host lab's coordinators edit the event and see its participants; the secretariat
    does everything."""
    if not _signed_in(user):
        return False
    return user.is_secretariat or any(user.coordinates(host.lab_id) for host in event.hosts)


def can_see_event(user: User | None, event: Event) -> bool:
    return event.status != EventStatus.DRAFT or can_edit_event(user, event)


def check_can_edit_event(user: User | None, event: Event) -> None:
    require_user(user)
    require(can_edit_event(user, event), NOT_EDITOR)


def check_can_create_event(user: User | None, lab_id: int) -> None:
    """A lab's coordinator creates an event for it, with that lab as the first host."""
    require_user(user)
    require(
        user.is_secretariat or user.coordinates(lab_id),
        N_("このラボのイベントを作成する権限がありません。"),
    )


# --- reading --------------------------------------------------------------------------------

_LIST_OPTIONS = (
    joinedload(Event.prefecture),
    selectinload(Event.hosts).joinedload(EventHost.lab),
    selectinload(Event.challenges),
)
_DETAIL_OPTIONS = (*_LIST_OPTIONS, selectinload(Event.related_cases))


def get_event(user: User | None, event_id: int) -> Event:
    """One event as ``user`` may see it; a draft exists only for its hosts and the secretariat."""
    event = db.session.get(Event, event_id, options=_DETAIL_OPTIONS, populate_existing=True)
    if event is None or not can_see_event(user, event):
        raise NotFound(EVENT_NOT_FOUND)
    _attach_viewer(user, [event])
    return event


def _attach_viewer(user: User | None, events: list[Event]) -> None:
    """What the reader may see of each event: their own registration, whether they edit it."""
    mine: dict[int, Registration] = {}
    if _signed_in(user) and events:
        rows = db.session.scalars(
            sa.select(Registration).where(
                Registration.user_id == user.id,
                Registration.event_id.in_([event.id for event in events]),
            )
        )
        mine = {registration.event_id: registration for registration in rows}
    for event in events:
        event.viewer_registration = mine.get(event.id)
        event.viewer_can_edit = can_edit_event(user, event)


def _visible(stmt: sa.Select, user: User | None) -> sa.Select:
    if _signed_in(user) and user.is_secretariat:
        return stmt
    shown = Event.status != EventStatus.DRAFT.value
    coordinated = []
    if _signed_in(user):
        coordinated = [m.lab_id for m in user.memberships if m.role == Role.COORDINATOR]
    if coordinated:
        own = Event.id.in_(sa.select(EventHost.event_id).where(EventHost.lab_id.in_(coordinated)))
        return stmt.where(sa.or_(shown, own))
    return stmt.where(shown)


def _apply_filters(stmt: sa.Select, f: dict) -> sa.Select:
    now = utcnow()
    if f.get("upcoming") is True:
        shown = [EventStatus.PUBLISHED.value, EventStatus.DRAFT.value]
        if f.get("with_cancelled"):  # the pages mark them 中止 rather than hide them
            shown.append(EventStatus.CANCELLED.value)
        stmt = stmt.where(Event.ends_at >= now, Event.status.in_(shown))
    elif f.get("upcoming") is False:
        stmt = stmt.where(Event.ends_at < now)
    if f.get("prefecture"):
        stmt = stmt.where(Event.prefecture_code == f["prefecture"])
    if f.get("region"):
        in_region = sa.select(Prefecture.code).join(Region).where(Region.code == f["region"])
        hosted_from_region = (
            sa.select(EventHost.event_id)
            .join(lab_prefecture, lab_prefecture.c.lab_id == EventHost.lab_id)
            .where(lab_prefecture.c.prefecture_code.in_(in_region))
        )
        stmt = stmt.where(
            sa.or_(Event.prefecture_code.in_(in_region), Event.id.in_(hosted_from_region))
        )
    if f.get("kind"):
        stmt = stmt.where(Event.kind == f["kind"])
    if f.get("lab"):
        stmt = stmt.where(
            Event.id.in_(sa.select(EventHost.event_id).where(EventHost.lab_id == f["lab"]))
        )
    if f.get("challenge"):
        stmt = stmt.where(
            Event.id.in_(
                sa.select(EventChallenge.event_id).where(EventChallenge.code == f["challenge"])
            )
        )
    if f.get("has_seats") is True:
        stmt = stmt.where(Event.confirmed_count < Event.capacity)
    elif f.get("has_seats") is False:
        stmt = stmt.where(Event.confirmed_count >= Event.capacity)
    if f.get("status"):
        stmt = stmt.where(Event.status == f["status"])
    if f.get("case"):
        related = sa.select(EventCase.event_id).where(EventCase.case_id == f["case"])
        followed = sa.select(EventReportCase.event_id).where(EventReportCase.case_id == f["case"])
        stmt = stmt.where(sa.or_(Event.id.in_(related), Event.id.in_(followed)))
    return stmt


def browse_events(
    user: User | None, *, page: int = 1, per_page: int = 20, sort: str | None = None, **filters
) -> Page:
    """One page of events, in four statements whatever its length (the count, the events with
    their prefecture, their hosts with their labs, their challenges) and a fifth for a
    signed-in reader's own registrations."""
    stmt = _apply_filters(_visible(sa.select(Event), user), filters)
    sort = sort or ("soonest" if filters.get("upcoming") else "latest")
    if sort == "soonest":
        stmt = stmt.order_by(Event.starts_at, Event.id)
    else:
        stmt = stmt.order_by(Event.starts_at.desc(), Event.id.desc())
    result = paginate(stmt.options(*_LIST_OPTIONS), page, per_page)
    _attach_viewer(user, result.items)
    return result


def region_of(prefecture_code: str | None) -> str | None:
    if prefecture_code is None:
        return None
    for region in list_regions():
        if any(p.code == prefecture_code for p in region.prefectures):
            return region.code
    return None


def waitlisted_count(event: Event) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.WAITLISTED.value,
        )
    )


# --- creating and editing -------------------------------------------------------------------

_SCALARS = (
    "title",
    "kind",
    "venue",
    "online_url",
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "target_audience",
    "mode",
    "lottery_deadline",
)


def _check_schedule(event: Event) -> None:
    """The times of an event in order, once the changes are applied."""
    errors: dict[str, list[str]] = {}
    if event.ends_at < event.starts_at:
        errors["ends_at"] = [N_("終了日時は開始日時より後にしてください。")]
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = [N_("受付終了は受付開始より後にしてください。")]
    if closes and closes > event.ends_at:
        errors["registration_closes_at"] = [N_("受付終了はイベント終了までにしてください。")]
    if event.mode == EventMode.LOTTERY:
        if event.lottery_deadline is None:
            errors["lottery_deadline"] = [N_("抽選の申込締切を入力してください。")]
        elif event.lottery_deadline > event.starts_at:
            errors["lottery_deadline"] = [N_("抽選の申込締切は開始日時までにしてください。")]
    if errors:
        raise ValidationFailed(errors)


def _check_labs(lab_ids: list[int], field: str) -> None:
    found = set(db.session.scalars(sa.select(Lab.id).where(Lab.id.in_(lab_ids))))
    if set(lab_ids) - found:
        raise ValidationFailed({field: [N_("存在しないラボが含まれています。")]})


def _published_cases(case_ids: list[int], field: str) -> list[int]:
    case_ids = list(dict.fromkeys(case_ids))
    found = set(
        db.session.scalars(
            sa.select(Case.id).where(
                Case.id.in_(case_ids), Case.status == CaseStatus.PUBLISHED.value
            )
        )
    )
    if set(case_ids) - found:
        raise ValidationFailed({field: [N_("公開されていない事例が含まれています。")]})
    return case_ids


def _related_cases(case_ids: list[int]) -> list[EventCase]:
    return [EventCase(case_id=c) for c in _published_cases(case_ids, "related_case_ids")]


def _apply(actor: User, event: Event, fields: dict) -> None:
    if "related_case_ids" in fields:  # queried first: a query flushes what is set below
        event.related_cases = _related_cases(fields["related_case_ids"])
    for name in _SCALARS:
        if name in fields:
            value = fields[name]
            if isinstance(value, datetime):
                value = value.replace(microsecond=0)  # a calendar keeps whole seconds
            setattr(event, name, value)
    if "description" in fields:
        event.description = fields["description"]
        event.description_html = render_markdown(fields["description"])
    if "prefecture" in fields:
        event.prefecture_code = fields["prefecture"]
    if "challenges" in fields:
        codes = dict.fromkeys(fields["challenges"])
        event.challenges = [EventChallenge(code=code) for code in codes]
    if event.mode == EventMode.FIRST_COME:
        event.lottery_deadline = None


def do_create_event(actor: User | None, *, lab_id: int, hosts: list[dict] = (), **fields) -> Event:
    """A coordinator creates a draft for their lab; ``hosts`` adds co-hosting labs and quotas
    (the lab itself may appear there to set its own quota)."""
    check_can_create_event(actor, lab_id)
    quotas = {lab_id: None}
    for host in hosts:
        quotas[host["lab_id"]] = host.get("seat_quota")
    _check_labs(list(quotas), "hosts")
    capacity = fields.pop("capacity")
    quota_total = sum(q for q in quotas.values() if q is not None)
    if quota_total > capacity:
        raise ValidationFailed({"hosts": [N_("共催ラボの枠の合計が定員を超えています。")]})
    event = Event(
        title=fields["title"],
        starts_at=fields["starts_at"],
        ends_at=fields["ends_at"],
        capacity=capacity,
        quota_total=quota_total,
        status=EventStatus.DRAFT.value,
        created_by_id=actor.id,
        hosts=[
            EventHost(lab_id=host_lab, seat_quota=quota, position=position)
            for position, (host_lab, quota) in enumerate(quotas.items())
        ],
    )
    _apply(actor, event, fields)
    _check_schedule(event)
    db.session.add(event)
    db.session.commit()
    return get_event(actor, event.id)


@contextmanager
def _seat_change(event_id: int) -> Iterator[Event]:
    """Run a change to the event's seats or registrations under its lock, and commit it.

    Any error rolls the whole change back (and lets the lock go); a constraint the database
    refuses becomes a 409, never a 500.
    """
    try:
        yield _lock_event(event_id)
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise Conflict(CONCURRENT_CHANGE) from None
    except BaseException:
        db.session.rollback()
        raise


def _lock_event(event_id: int) -> Event:
    connection = db.session.connection()
    stmt = sa.select(Event).where(Event.id == event_id)
    if connection.dialect.name == "sqlite":
        if not connection.connection.driver_connection.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        stmt = stmt.with_for_update(of=Event)
    event = db.session.scalars(
        stmt.options(selectinload(Event.hosts)).execution_options(populate_existing=True)
    ).one_or_none()
    if event is None:
        raise NotFound(EVENT_NOT_FOUND)
    return event


def do_update_event(actor: User | None, event: Event, **fields) -> Event:
    """Change an event; more seats (a larger capacity) promote the waitlist at once."""
    check_can_edit_event(actor, event)
    with _seat_change(event.id) as event:
        changes_mode = "mode" in fields and fields["mode"] != event.mode
        if changes_mode and (event.lottery_drawn_at is not None or _active_count(event) > 0):
            raise Conflict(N_("参加登録のあるイベントの受付方式は変えられません。"))
        if "capacity" in fields:
            _check_capacity(event, fields["capacity"])
            event.capacity = fields["capacity"]
        _apply(actor, event, fields)
        _check_schedule(event)
        db.session.flush()
        _fill_seats(event)
    return get_event(actor, event.id)


def _check_capacity(event: Event, capacity: int) -> None:
    needed = event.quota_total + event.open_confirmed_count
    if capacity < needed:
        raise ValidationFailed(
            {"capacity": [N_("定員は共催ラボの枠と参加確定者の合計より少なくできません。")]}
        )


def _active_count(event: Event) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Registration)
        .where(Registration.event_id == event.id, Registration.status.in_(ACTIVE))
    )


def do_publish_event(actor: User | None, event: Event) -> Event:
    check_can_edit_event(actor, event)
    with _seat_change(event.id) as event:
        if event.status != EventStatus.DRAFT:
            raise Conflict(N_("公開できるのは下書きのイベントだけです。"))
        event.status = EventStatus.PUBLISHED.value
        event.published_at = utcnow()
    return get_event(actor, event.id)


def do_cancel_event(actor: User | None, event: Event, *, reason: str = "") -> Event:
    """Cancel the event: it takes no more registrations, and every participant is told."""
    check_can_edit_event(actor, event)
    with _seat_change(event.id) as event:
        if event.status in (EventStatus.CANCELLED, EventStatus.FINISHED):
            raise Conflict(N_("このイベントは中止できません。"))
        event.status = EventStatus.CANCELLED.value
        event.cancel_reason = reason
        notify_cancelled(event)
    return get_event(actor, event.id)


def notify_cancelled(event: Event) -> None:
    users = db.session.scalars(
        sa.select(Registration.user_id).where(
            Registration.event_id == event.id, Registration.status.in_(ACTIVE)
        )
    )
    payload = {"event_id": event.id, "title": event.title, "reason": event.cancel_reason}
    for user_id in users:
        emit_after_commit("event_cancelled", payload, to=user_room(user_id))


def do_delete_event(actor: User | None, event: Event) -> None:
    """Delete an event nobody is registered for; one with participants is cancelled instead."""
    check_can_edit_event(actor, event)
    with _seat_change(event.id) as event:
        if _active_count(event) > 0:
            raise Conflict(N_("参加登録のあるイベントは削除できません。中止してください。"))
        db.session.execute(sa.delete(Registration).where(Registration.event_id == event.id))
        db.session.delete(event)


# --- hosts ----------------------------------------------------------------------------------


def list_hosts(event: Event) -> list[EventHost]:
    return list(event.hosts)


def _host(event: Event, lab_id: int) -> EventHost:
    host = next((h for h in event.hosts if h.lab_id == lab_id), None)
    if host is None:
        raise NotFound(HOST_NOT_FOUND)
    return host


def get_host(event: Event, lab_id: int) -> EventHost:
    return _host(event, lab_id)


def _check_quota_total(event: Event, quota_total: int) -> None:
    if quota_total > event.capacity - event.open_confirmed_count:
        raise ValidationFailed(
            {"seat_quota": [N_("枠の合計が、定員から一般枠の参加確定者を引いた数を超えます。")]}
        )


def do_add_host(actor: User | None, event: Event, *, lab_id: int, seat_quota: int | None = None):
    """Another lab co-hosts the event: its coordinators edit it from now on."""
    check_can_edit_event(actor, event)
    with _seat_change(event.id) as event:
        _check_labs([lab_id], "lab_id")
        if any(h.lab_id == lab_id for h in event.hosts):
            raise Conflict(N_("このラボはすでに共催しています。"))
        quota_total = event.quota_total + (seat_quota or 0)
        _check_quota_total(event, quota_total)
        position = max((h.position for h in event.hosts), default=-1) + 1
        db.session.add(
            EventHost(event_id=event.id, lab_id=lab_id, seat_quota=seat_quota, position=position)
        )
        event.quota_total = quota_total
        db.session.flush()
        _repool_waiting(event)
        _fill_seats(event)
    return _reload_host(event.id, lab_id)


def do_update_host(actor: User | None, host: EventHost, *, seat_quota: int | None) -> EventHost:
    """Change a host's seat quota: not below the seats it has given, nor beyond the capacity.

    Without a quota, the seats its people hold move to the open seats.
    """
    check_can_edit_event(actor, host.event)
    lab_id = host.lab_id
    with _seat_change(host.event_id) as event:
        host = _host(event, lab_id)
        if seat_quota is not None and seat_quota < host.confirmed_count:
            raise ValidationFailed(
                {"seat_quota": [N_("枠はこのラボの参加確定者の数より少なくできません。")]}
            )
        quota_total = event.quota_total - (host.seat_quota or 0) + (seat_quota or 0)
        if seat_quota is None:
            _release_quota(event, host)
        else:
            _check_quota_total(event, quota_total)
            host.seat_quota = seat_quota
            event.quota_total = quota_total
        db.session.flush()
        _repool_waiting(event)
        _fill_seats(event)
    return _reload_host(event.id, lab_id)


def do_remove_host(actor: User | None, host: EventHost) -> None:
    """A lab stops co-hosting; its people keep their seats, now open ones. The last host
    stays."""
    check_can_edit_event(actor, host.event)
    lab_id = host.lab_id
    with _seat_change(host.event_id) as event:
        host = _host(event, lab_id)
        if len(event.hosts) == 1:
            raise Conflict(N_("主催ラボを0にはできません。"))
        _release_quota(event, host)
        db.session.flush()
        event.hosts.remove(host)
        db.session.flush()
        _repool_waiting(event)
        _fill_seats(event)


def _release_quota(event: Event, host: EventHost) -> None:
    """The host's quota seats become open seats, with the people who hold them.

    ``open_confirmed + host.confirmed <= (capacity - quota_total) + seat_quota``, so they fit.
    """
    held = host.confirmed_count
    db.session.execute(
        sa.update(Event)
        .where(Event.id == event.id)
        .values(
            quota_total=Event.quota_total - (host.seat_quota or 0),
            open_confirmed_count=Event.open_confirmed_count + held,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        sa.update(Registration)
        .where(Registration.event_id == event.id, Registration.seat_lab_id == host.lab_id)
        .values(seat_lab_id=None)
        .execution_options(synchronize_session=False)
    )
    host.seat_quota = None
    host.confirmed_count = 0
    db.session.flush()
    db.session.refresh(event)


def _reload_host(event_id: int, lab_id: int) -> EventHost:
    host = db.session.get(
        EventHost, (event_id, lab_id), options=[joinedload(EventHost.lab)], populate_existing=True
    )
    if host is None:
        raise NotFound(HOST_NOT_FOUND)
    return host


def _quota_labs(event_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(EventHost.lab_id).where(
                EventHost.event_id == event_id, EventHost.seat_quota.is_not(None)
            )
        )
    )


def _repool_waiting(event: Event) -> None:
    """Those still waiting wait for the seats of their lab's quota if it has one, else for the
    open seats; seats already given stay where they were taken."""
    quota_labs = _quota_labs(event.id)
    pool = (
        sa.case((Registration.lab_id.in_(quota_labs), Registration.lab_id), else_=None)
        if quota_labs
        else sa.null()
    )
    db.session.execute(
        sa.update(Registration)
        .where(Registration.event_id == event.id, Registration.status.in_(WAITING))
        .values(seat_lab_id=pool)
        .execution_options(synchronize_session=False)
    )


# --- seats ----------------------------------------------------------------------------------


def _take_seat(event_id: int, pool: int | None) -> bool:
    """Take one seat of ``pool`` (a host's quota, or the open seats when ``None``) if one is
    left. The ``WHERE`` does the counting, so two transactions can never take the last seat."""
    if pool is None:
        taken = db.session.execute(
            sa.update(Event)
            .where(
                Event.id == event_id,
                Event.open_confirmed_count < Event.capacity - Event.quota_total,
            )
            .values(
                open_confirmed_count=Event.open_confirmed_count + 1,
                confirmed_count=Event.confirmed_count + 1,
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        return taken == 1
    taken = db.session.execute(
        sa.update(EventHost)
        .where(
            EventHost.event_id == event_id,
            EventHost.lab_id == pool,
            EventHost.seat_quota.is_not(None),
            EventHost.confirmed_count < EventHost.seat_quota,
        )
        .values(confirmed_count=EventHost.confirmed_count + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        return False
    counted = db.session.execute(
        sa.update(Event)
        .where(Event.id == event_id, Event.confirmed_count < Event.capacity)
        .values(confirmed_count=Event.confirmed_count + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if counted != 1:
        raise Conflict(CONCURRENT_CHANGE)  # quotas never exceed capacity; rolled back
    return True


def _free_seat(event_id: int, pool: int | None) -> None:
    if pool is None:
        values = {
            "open_confirmed_count": Event.open_confirmed_count - 1,
            "confirmed_count": Event.confirmed_count - 1,
        }
    else:
        db.session.execute(
            sa.update(EventHost)
            .where(EventHost.event_id == event_id, EventHost.lab_id == pool)
            .values(confirmed_count=EventHost.confirmed_count - 1)
            .execution_options(synchronize_session=False)
        )
        values = {"confirmed_count": Event.confirmed_count - 1}
    db.session.execute(
        sa.update(Event)
        .where(Event.id == event_id)
        .values(values)
        .execution_options(synchronize_session=False)
    )


def _next_waitlist_position(event_id: int) -> int:
    return db.session.execute(
        sa.update(Event)
        .where(Event.id == event_id)
        .values(waitlist_seq=Event.waitlist_seq + 1)
        .returning(Event.waitlist_seq)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def _pool(event: Event, lab_id: int | None) -> int | None:
    if lab_id is None:
        return None
    host = next((h for h in event.hosts if h.lab_id == lab_id), None)
    return lab_id if host is not None and host.seat_quota is not None else None


def _place(event: Event, registration: Registration, pool: int | None) -> None:
    """Seat the registration in ``pool`` if a seat is left, else put it at the end of the
    waitlist; before a lottery's draw, it is an application."""
    registration.seat_lab_id = pool
    registration.waitlist_position = None
    registration.confirmed_at = None
    if event.is_lottery_pending:
        registration.status = RegistrationStatus.APPLIED.value
    elif _take_seat(event.id, pool):
        registration.status = RegistrationStatus.CONFIRMED.value
        registration.confirmed_at = utcnow()
    else:
        position = _next_waitlist_position(event.id)  # flushes: the row must stay valid
        registration.status = RegistrationStatus.WAITLISTED.value
        registration.waitlist_position = position


def _promote(event: Event, pool: int | None) -> list[int]:
    """Give the free seats of ``pool`` to those waiting for them, first in line first.

    A seat is taken before the person is flipped, and the flip holds only if they are still
    waitlisted, so nobody is promoted twice and no seat is given twice.
    """
    promoted: list[int] = []
    waiting = sa.select(Registration.id, Registration.user_id).where(
        Registration.event_id == event.id,
        Registration.status == RegistrationStatus.WAITLISTED.value,
        Registration.seat_lab_id.is_(None) if pool is None else Registration.seat_lab_id == pool,
    )
    while True:
        candidate = db.session.execute(
            waiting.order_by(Registration.waitlist_position).limit(1)
        ).first()
        if candidate is None or not _take_seat(event.id, pool):
            break
        flipped = db.session.execute(
            sa.update(Registration)
            .where(
                Registration.id == candidate.id,
                Registration.status == RegistrationStatus.WAITLISTED.value,
            )
            .values(status=RegistrationStatus.CONFIRMED.value, confirmed_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        if flipped != 1:
            _free_seat(event.id, pool)
            continue
        promoted.append(candidate.id)
        notify_promoted(event, candidate.id, candidate.user_id)
    return promoted


def _fill_seats(event: Event) -> None:
    """After more seats appear (capacity, quotas), give them to the waitlist of each pool."""
    if event.status != EventStatus.PUBLISHED or event.is_lottery_pending:
        return
    for pool in (None, *_quota_labs(event.id)):
        _promote(event, pool)


def notify_promoted(event: Event, registration_id: int, user_id: int) -> None:
    do_notify(
        [user_id],
        kind=NotificationKind.WAITLIST_PROMOTED,
        subject=event.title,
        url=f"/events/{event.id}",
    )
    emit_after_commit(
        "event_promoted",
        {"event_id": event.id, "registration_id": registration_id, "title": event.title},
        to=user_room(user_id),
    )


# --- registering ----------------------------------------------------------------------------


def registration_closed_reason(event: Event) -> str | None:
    """Why nobody may register (or apply) now, or ``None`` while registration is open."""
    if event.status == EventStatus.CANCELLED:
        return EVENT_CANCELLED
    if event.status == EventStatus.FINISHED:
        return EVENT_FINISHED
    if event.status != EventStatus.PUBLISHED:
        return NOT_PUBLISHED
    now = utcnow()
    if event.registration_opens_at and now < event.registration_opens_at:
        return REGISTRATION_NOT_OPEN
    if now >= (event.registration_closes_at or event.starts_at):
        return REGISTRATION_CLOSED
    if event.is_lottery_pending and now >= event.lottery_deadline:
        return LOTTERY_CLOSED
    return None


def check_can_register(actor: User | None, event: Event) -> None:
    """Signed in, the event published and its registration (or lottery application) open."""
    require_user(actor)
    reason = registration_closed_reason(event)
    if reason is not None:
        raise Conflict(reason)


def _attributed_lab(actor: User, event: Event, lab_id: int | None) -> int | None:
    """The lab a participant counts for: the one chosen, else their lab that hosts the event,
    else their first lab, else none."""
    if lab_id is not None:
        require(actor.membership_in(lab_id) is not None, N_("所属していないラボは選べません。"))
        return lab_id
    hosting = {h.lab_id for h in event.hosts}
    own = [m.lab_id for m in actor.memberships]
    return next((lab for lab in own if lab in hosting), own[0] if own else None)


def _registration_of(event_id: int, user_id: int) -> Registration | None:
    return db.session.scalars(
        sa.select(Registration)
        .where(Registration.event_id == event_id, Registration.user_id == user_id)
        .execution_options(populate_existing=True)
    ).one_or_none()


def _new_code(event_id: int) -> str:
    """A code not yet used at this event (the event's lock is held; the unique constraint
    stays the guard)."""
    for _ in range(20):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        taken = db.session.scalar(
            sa.select(Registration.id).where(
                Registration.event_id == event_id, Registration.code == code
            )
        )
        if taken is None:
            return code
    raise Conflict(CONCURRENT_CHANGE)


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def do_register(
    actor: User | None, event: Event, *, lab_id: int | None = None, show_publicly: bool = False
) -> Registration:
    """Register ``actor``: a seat if one is left, else the waitlist; in a lottery before the
    draw, an application. Registering again after cancelling reuses the same row (and code)."""
    check_can_register(actor, event)
    with _seat_change(event.id) as event:
        check_can_register(actor, event)
        registration = _registration_of(event.id, actor.id)
        if registration is not None and registration.status != RegistrationStatus.CANCELLED:
            raise Conflict(ALREADY_REGISTERED)
        attributed = _attributed_lab(actor, event, lab_id)
        if registration is None:
            # complete before it joins the session: taking a seat flushes what is pending
            registration = Registration(
                event_id=event.id, user_id=actor.id, code=_new_code(event.id)
            )
        with db.session.no_autoflush:
            _place(event, registration, _pool(event, attributed))
        registration.lab_id = attributed
        registration.show_publicly = show_publicly
        registration.cancelled_at = registration.attended_at = None
        db.session.add(registration)
        db.session.flush()
        registration_id = registration.id
    return get_registration(event, registration_id)


def check_can_cancel(actor: User | None, registration: Registration) -> None:
    """The participant cancels their own registration; the hosts and the secretariat cancel
    anyone's."""
    require_user(actor)
    require(
        registration.user_id == actor.id or can_edit_event(actor, registration.event),
        N_("この参加登録をキャンセルする権限がありません。"),
    )


def do_cancel_registration(actor: User | None, registration: Registration) -> Registration:
    """Cancel; a seat given back goes at once to the first person waiting for it."""
    check_can_cancel(actor, registration)
    registration_id = registration.id
    with _seat_change(registration.event_id) as event:
        if event.status in (EventStatus.CANCELLED, EventStatus.FINISHED):
            raise Conflict(EVENT_CANCELLED if event.status == "cancelled" else EVENT_FINISHED)
        registration = db.session.get(Registration, registration_id, populate_existing=True)
        was, pool = registration.status, registration.seat_lab_id
        if was == RegistrationStatus.CANCELLED:
            raise Conflict(ALREADY_CANCELLED)
        if registration.attended_at is not None:
            raise Conflict(N_("受付済みの参加登録はキャンセルできません。"))
        cancelled = db.session.execute(
            sa.update(Registration)
            .where(Registration.id == registration_id, Registration.status == was)
            .values(status=RegistrationStatus.CANCELLED.value, cancelled_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        if cancelled != 1:
            raise Conflict(CONCURRENT_CHANGE)
        if was == RegistrationStatus.CONFIRMED:
            _free_seat(event.id, pool)
            if event.status == EventStatus.PUBLISHED:
                _promote(event, pool)
    return get_registration(event, registration_id)


def do_update_registration(
    actor: User | None, registration: Registration, *, show_publicly: bool
) -> Registration:
    """A participant chooses whether to appear on the public list."""
    require_user(actor)
    require(registration.user_id == actor.id, N_("自分の参加登録だけ変更できます。"))
    registration.show_publicly = show_publicly
    db.session.commit()
    return get_registration(registration.event, registration.id)


_REGISTRATION_OPTIONS = (joinedload(Registration.user), joinedload(Registration.lab))


def get_registration(event: Event, registration_id: int) -> Registration:
    registration = db.session.get(
        Registration, registration_id, options=_REGISTRATION_OPTIONS, populate_existing=True
    )
    if registration is None or registration.event_id != event.id:
        raise NotFound(REGISTRATION_NOT_FOUND)
    _rank([registration])
    return registration


def get_own_registration(actor: User | None, event: Event) -> Registration:
    require_user(actor)
    registration = _registration_of(event.id, actor.id)
    if registration is None:
        raise NotFound(REGISTRATION_NOT_FOUND)
    return get_registration(event, registration.id)


def _rank(registrations: list[Registration]) -> None:
    """Each waitlisted registration's place among those waiting for the same seats."""
    for registration in registrations:
        if registration.status != RegistrationStatus.WAITLISTED:
            registration.waitlist_rank = None
            continue
        pool = registration.seat_lab_id
        ahead = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Registration)
            .where(
                Registration.event_id == registration.event_id,
                Registration.status == RegistrationStatus.WAITLISTED.value,
                Registration.waitlist_position < registration.waitlist_position,
                Registration.seat_lab_id.is_(None)
                if pool is None
                else Registration.seat_lab_id == pool,
            )
        )
        registration.waitlist_rank = ahead + 1


def list_registrations(
    actor: User | None,
    event: Event,
    *,
    status: str | None = None,
    page: int = 1,
    per_page: int = 100,
) -> Page:
    """The participants, for the hosts and the secretariat."""
    check_can_edit_event(actor, event)
    stmt = (
        sa.select(Registration)
        .where(Registration.event_id == event.id)
        .options(*_REGISTRATION_OPTIONS)
        .order_by(Registration.id)
    )
    if status:
        stmt = stmt.where(Registration.status == status)
    return paginate(stmt, page, per_page)


def list_waitlist(actor: User | None, event: Event) -> list[Registration]:
    """Those waiting, in the order they will be promoted within each pool of seats."""
    check_can_edit_event(actor, event)
    waiting = list(
        db.session.scalars(
            sa.select(Registration)
            .where(
                Registration.event_id == event.id,
                Registration.status == RegistrationStatus.WAITLISTED.value,
            )
            .options(*_REGISTRATION_OPTIONS)
            .order_by(Registration.waitlist_position)
        )
    )
    _rank_listed(waiting)
    return waiting


def _rank_listed(registrations: list[Registration]) -> None:
    """``_rank`` for a list that holds every waitlisted registration of the event."""
    waiting = sorted(
        (r for r in registrations if r.status == RegistrationStatus.WAITLISTED),
        key=lambda r: r.waitlist_position,
    )
    seen: dict[int | None, int] = {}
    for registration in waiting:
        seen[registration.seat_lab_id] = seen.get(registration.seat_lab_id, 0) + 1
        registration.waitlist_rank = seen[registration.seat_lab_id]


def list_public_participants(event: Event) -> list[Registration]:
    """Confirmed participants who chose to appear on the public list."""
    return list(
        db.session.scalars(
            sa.select(Registration)
            .where(
                Registration.event_id == event.id,
                Registration.status == RegistrationStatus.CONFIRMED.value,
                Registration.show_publicly.is_(True),
            )
            .options(*_REGISTRATION_OPTIONS)
            .order_by(Registration.confirmed_at, Registration.id)
        )
    )


# --- lottery --------------------------------------------------------------------------------


def lottery_order(registration_ids: list[int], seed: int) -> list[int]:
    """The draw: the applications in id order, shuffled by ``random.Random(seed)``.

    Anyone with the recorded seed and the applicants can draw again and get the same order.
    """
    order = sorted(registration_ids)
    random.Random(seed).shuffle(order)
    return order


def do_draw_lottery(actor: User | None, event: Event, *, seed: int | None = None) -> dict:
    """Draw once, after the application deadline: in the drawn order, each applicant gets a
    seat of their pool while one is left, else the next place on the waitlist."""
    check_can_edit_event(actor, event)
    with _seat_change(event.id) as event:
        if event.mode != EventMode.LOTTERY:
            raise Conflict(N_("このイベントは抽選方式ではありません。"))
        if event.lottery_drawn_at is not None:
            raise Conflict(N_("抽選はすでに行われました。"))
        if event.status != EventStatus.PUBLISHED:
            raise Conflict(NOT_PUBLISHED)
        if utcnow() < event.lottery_deadline:
            raise Conflict(N_("抽選は申込締切の後に行えます。"))
        seed = secrets.randbits(62) if seed is None else seed
        applicants = {
            r.id: r
            for r in db.session.scalars(
                sa.select(Registration).where(
                    Registration.event_id == event.id,
                    Registration.status == RegistrationStatus.APPLIED.value,
                )
            )
        }
        event.lottery_seed = seed
        event.lottery_drawn_at = utcnow()
        winners, waitlist = [], []
        for registration_id in lottery_order(list(applicants), seed):
            registration = applicants[registration_id]
            _place(event, registration, registration.seat_lab_id)
            db.session.flush()
            won = registration.status == RegistrationStatus.CONFIRMED
            (winners if won else waitlist).append(registration_id)
            emit_after_commit(
                "event_lottery_drawn",
                {"event_id": event.id, "registration_id": registration_id, "won": won},
                to=user_room(registration.user_id),
            )
        drawn_at = event.lottery_drawn_at
    return {
        "seed": seed,
        "drawn_at": drawn_at,
        "winners": winners,
        "waitlist": waitlist,
    }


# --- check-in and figures -------------------------------------------------------------------


def do_check_in(
    actor: User | None, event: Event, *, code: str | None = None, registration_id: int | None = None
) -> Registration:
    """A host marks a confirmed participant as attended, by the code they show or from the
    list. Twice is a conflict, so that a code used twice at the door is noticed."""
    check_can_edit_event(actor, event)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.FINISHED):
        raise Conflict(EVENT_CANCELLED if event.status == "cancelled" else NOT_PUBLISHED)
    stmt = sa.select(Registration.id).where(Registration.event_id == event.id)
    if code is not None:
        stmt = stmt.where(Registration.code == normalise_code(code))
    else:
        stmt = stmt.where(Registration.id == registration_id)
    found = db.session.scalar(stmt)
    if found is None:
        raise NotFound(REGISTRATION_NOT_FOUND)
    checked = db.session.execute(
        sa.update(Registration)
        .where(
            Registration.id == found,
            Registration.status == RegistrationStatus.CONFIRMED.value,
            Registration.attended_at.is_(None),
        )
        .values(attended_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if checked != 1:
        db.session.rollback()
        registration = get_registration(event, found)
        if registration.attended_at is not None:
            raise Conflict(N_("この参加者はすでに受付済みです。"))
        raise Conflict(N_("参加が確定していない登録です。"))
    db.session.commit()
    return get_registration(event, found)


def participation_counts(actor: User | None, event: Event) -> dict:
    """Confirmed, waitlisted, applied and attended people per lab and per region, for the
    hosts and the secretariat. A lab counts in the region of its first prefecture."""
    check_can_edit_event(actor, event)
    rows = db.session.execute(
        sa.select(
            Registration.lab_id,
            Registration.status,
            sa.func.count(),
            sa.func.count(Registration.attended_at),
        )
        .where(Registration.event_id == event.id, Registration.status.in_(ACTIVE))
        .group_by(Registration.lab_id, Registration.status)
    ).all()
    lab_ids = {lab_id for lab_id, *_ in rows if lab_id is not None}
    labs = {
        lab.id: lab
        for lab in db.session.scalars(
            sa.select(Lab).where(Lab.id.in_(lab_ids)).options(selectinload(Lab.prefectures))
        )
    }
    empty = {"confirmed": 0, "waitlisted": 0, "applied": 0, "attended": 0}
    by_lab: dict[int | None, dict] = {}
    for lab_id, status, count, attended in rows:
        lab = labs.get(lab_id)
        entry = by_lab.setdefault(
            lab_id,
            {
                "lab_id": lab_id,
                "lab_name": lab.name if lab else None,
                "region": lab.prefectures[0].region.code if lab and lab.prefectures else None,
                **empty,
            },
        )
        entry[status] += count
        entry["attended"] += attended
    by_region: dict[str | None, dict] = {}
    total = dict(empty)
    for entry in by_lab.values():
        region = by_region.setdefault(entry["region"], {"region": entry["region"], **empty})
        for key in empty:
            region[key] += entry[key]
            total[key] += entry[key]
    order = {region.code: position for position, region in enumerate(list_regions())}
    return {
        "labs": sorted(by_lab.values(), key=lambda e: (e["lab_name"] is None, e["lab_name"] or "")),
        "regions": sorted(by_region.values(), key=lambda e: order.get(e["region"], len(order))),
        "total": total,
    }


def attendance_by_lab(
    actor: User | None, *, since: datetime | None = None, until: datetime | None = None
) -> list[dict]:
    """For the secretariat: people who attended events that started in the period, per lab
    they came for ("no lab" last), with the number of events they attended."""
    require_user(actor)
    require(actor.is_secretariat, N_("この集計を見られるのは事務局だけです。"))
    counts = attended_per_lab(since, until)
    names = dict(
        db.session.execute(
            sa.select(Lab.id, Lab.name).where(Lab.id.in_([k for k in counts if k is not None]))
        ).all()
    )
    rows = [
        {"lab_id": lab_id, "lab_name": names.get(lab_id), "attended": n, "events": events}
        for lab_id, (n, events) in counts.items()
    ]
    return sorted(rows, key=lambda r: (r["lab_id"] is None, -r["attended"], r["lab_name"] or ""))


def attended_per_lab(
    since: datetime | None = None, until: datetime | None = None
) -> dict[int | None, tuple[int, int]]:
    """``{lab_id: (people who attended, events they attended)}`` for events starting in the
    period; the secretariat's figure of each lab's activity."""
    stmt = (
        sa.select(
            Registration.lab_id,
            sa.func.count(),
            sa.func.count(sa.distinct(Registration.event_id)),
        )
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.attended_at.is_not(None))
        .group_by(Registration.lab_id)
    )
    if since is not None:
        stmt = stmt.where(Event.starts_at >= since)
    if until is not None:
        stmt = stmt.where(Event.starts_at < until)
    return {lab_id: (n, events) for lab_id, n, events in db.session.execute(stmt)}


# --- exports --------------------------------------------------------------------------------

CALENDAR_LIMIT = 500


def export_participants(actor: User | None, event: Event) -> str:
    """The participant list as CSV for Excel, for the hosts and the secretariat."""
    check_can_edit_event(actor, event)
    registrations = list(
        db.session.scalars(
            sa.select(Registration)
            .where(Registration.event_id == event.id)
            .options(*_REGISTRATION_OPTIONS)
            .order_by(Registration.id)
        )
    )
    _rank_listed(registrations)
    return exports.participants_csv(registrations)


def calendar_events(user: User | None, **filters) -> list[Event]:
    """The events of a calendar feed: those the list shows for the same filters, soonest
    first, at most ``CALENDAR_LIMIT``."""
    stmt = _apply_filters(_visible(sa.select(Event), user), filters)
    stmt = stmt.options(*_LIST_OPTIONS).order_by(Event.starts_at, Event.id)
    return list(db.session.scalars(stmt.limit(CALENDAR_LIMIT)))


# --- copy and closing report ----------------------------------------------------------------

_COPIED = (
    "title",
    "description",
    "description_html",
    "kind",
    "venue",
    "prefecture_code",
    "online_url",
    "capacity",
    "target_audience",
    "mode",
    "quota_total",
)


def do_copy_event(actor: User | None, event: Event, *, starts_at: datetime) -> Event:
    """Run the event again: a draft with the same hosts, quotas and texts, every time moved
    by the same amount; no registrations."""
    check_can_edit_event(actor, event)
    starts_at = starts_at.replace(microsecond=0)
    shift = starts_at - event.starts_at

    def moved(moment: datetime | None) -> datetime | None:
        return moment + shift if moment is not None else None

    copy = Event(
        **{name: getattr(event, name) for name in _COPIED},
        starts_at=starts_at,
        ends_at=moved(event.ends_at),
        registration_opens_at=moved(event.registration_opens_at),
        registration_closes_at=moved(event.registration_closes_at),
        lottery_deadline=moved(event.lottery_deadline),
        status=EventStatus.DRAFT.value,
        created_by_id=actor.id,
        hosts=[
            EventHost(lab_id=h.lab_id, seat_quota=h.seat_quota, position=h.position)
            for h in event.hosts
        ],
        challenges=[EventChallenge(code=c.code) for c in event.challenges],
        related_cases=[EventCase(case_id=c.case_id) for c in event.related_cases],
    )
    db.session.add(copy)
    db.session.commit()
    return get_event(actor, copy.id)


def attended_count(event: Event) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Registration)
        .where(Registration.event_id == event.id, Registration.attended_at.is_not(None))
    )


def find_report(event: Event) -> EventReport | None:
    """The closing report, or None before one is recorded."""
    report = db.session.get(
        EventReport,
        event.id,
        options=[selectinload(EventReport.cases).joinedload(EventReportCase.case)],
        populate_existing=True,
    )
    if report is not None:
        report.checked_in = attended_count(event)
    return report


def get_report(event: Event) -> EventReport:
    report = find_report(event)
    if report is None:
        raise NotFound(N_("終了報告はまだありません。"))
    return report


def report_closed_reason(event: Event) -> str | None:
    """Why the closing report cannot be recorded now, or ``None``."""
    if event.status not in (EventStatus.PUBLISHED, EventStatus.FINISHED):
        return N_("終了報告は公開したイベントにだけ記録できます。")
    if utcnow() < event.starts_at:
        return N_("終了報告はイベントの開始後に記録できます。")
    return None


def do_record_report(
    actor: User | None,
    event: Event,
    *,
    summary: str,
    outcomes: str = "",
    attendance: int | None = None,
    case_ids: list[int] = (),
) -> EventReport:
    """The hosts record (or correct) the closing report once the event has begun; the
    event is then finished. Attendance defaults to the check-ins."""
    check_can_edit_event(actor, event)
    reason = report_closed_reason(event)
    if reason is not None:
        raise Conflict(reason)
    case_ids = _published_cases(list(case_ids), "case_ids")
    report = db.session.get(EventReport, event.id) or EventReport(event_id=event.id)
    report.summary, report.summary_html = summary, render_markdown(summary)
    report.outcomes, report.outcomes_html = outcomes, render_markdown(outcomes)
    report.attendance = attended_count(event) if attendance is None else attendance
    report.recorded_by_id = actor.id
    report.cases = [EventReportCase(case_id=case_id) for case_id in case_ids]
    db.session.add(report)
    event.status = EventStatus.FINISHED.value
    db.session.commit()
    return get_report(event)


def events_for_case(user: User | None, case_id: int) -> list[Event]:
    """Events that presented the case or that it came out of: for the case page's links."""
    return calendar_events(user, case=case_id)


# --- what the pages show --------------------------------------------------------------------


def waitlisted_counts(events: list[Event]) -> dict[int, int]:
    """Those waiting per event, in one statement, asked only for events whose seats are gone."""
    full = [event.id for event in events if event.seats_left == 0]
    if not full:
        return {}
    rows = db.session.execute(
        sa.select(Registration.event_id, sa.func.count())
        .where(
            Registration.event_id.in_(full),
            Registration.status == RegistrationStatus.WAITLISTED.value,
        )
        .group_by(Registration.event_id)
    )
    return dict(rows.all())


def seat_state(event: Event, waitlisted: int = 0) -> tuple[str, int]:
    """The event's seats as a reader sees them, with the number that goes with the state:
    ``cancelled``, ``finished``, ``lottery`` (applications open), ``drawing`` (the lottery
    closed, not yet drawn), ``open`` (seats left) or ``full`` (people waiting)."""
    if event.status == EventStatus.CANCELLED:
        return "cancelled", 0
    if event.status == EventStatus.FINISHED or event.ends_at < utcnow():
        return "finished", 0
    if event.is_lottery_pending:
        if utcnow() >= event.lottery_deadline:
            return "drawing", event.capacity
        return "lottery", event.capacity
    if event.seats_left > 0:
        return "open", event.seats_left
    return "full", waitlisted


def events_between(user: User | None, since: datetime, until: datetime, **filters) -> list[Event]:
    """The events the list shows for ``filters`` that take place (in part) in the period,
    soonest first, at most ``CALENDAR_LIMIT``: a month of the calendar."""
    stmt = _apply_filters(_visible(sa.select(Event), user), filters)
    stmt = stmt.where(Event.starts_at < until, Event.ends_at >= since)
    stmt = stmt.options(*_LIST_OPTIONS).order_by(Event.starts_at, Event.id)
    return list(db.session.scalars(stmt.limit(CALENDAR_LIMIT)))


def can_see_online_url(event: Event) -> bool:
    """The online URL is for the hosts and confirmed participants (``get_event`` tells who
    reads)."""
    registration = event.viewer_registration
    return event.viewer_can_edit or (
        registration is not None and registration.status == RegistrationStatus.CONFIRMED
    )


def related_cases(event: Event) -> list[Case]:
    """The published cases the event presents, for links."""
    ids = [link.case_id for link in event.related_cases]
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(Case)
            .where(Case.id.in_(ids), Case.status == CaseStatus.PUBLISHED.value)
            .order_by(Case.id)
        )
    )


def labs_for_new_event(user: User | None) -> list[Lab]:
    """The labs ``user`` may create events for: those they coordinate, every lab for the
    secretariat."""
    if not _signed_in(user):
        return []
    stmt = sa.select(Lab).order_by(Lab.name)
    if not user.is_secretariat:
        coordinated = [m.lab_id for m in user.memberships if m.role == Role.COORDINATOR]
        if not coordinated:
            return []
        stmt = stmt.where(Lab.id.in_(coordinated))
    return list(db.session.scalars(stmt))
