"""HTML pages for joint events: thin handlers over ``events.services``."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from marshmallow import EXCLUDE, ValidationError
from werkzeug.exceptions import Conflict, Forbidden, NotFound

from community.core.templating import url_with
from community.core.validation import (
    ValidationFailed,
    flat_messages,
    load_form_rows,
    localise,
    schema_rows,
    submit_form,
)
from community.events import exports, services
from community.events.schemas import (
    CancelEventSchema,
    CheckInSchema,
    CopyEventSchema,
    EventQueryArgsSchema,
    EventSchema,
    EventUpdateSchema,
    HostSchema,
    RegistrationRequestSchema,
    RegistrationUpdateSchema,
    ReportSchema,
)
from community.labs import services as labs

blp = Blueprint("events", __name__, url_prefix="/events")

TOKYO = ZoneInfo("Asia/Tokyo")

KIND_LABELS = {
    "in_person": _l("会場開催"),
    "online": _l("オンライン"),
    "hybrid": _l("ハイブリッド"),
}
STATUS_LABELS = {
    "draft": _l("下書き"),
    "published": _l("公開中"),
    "cancelled": _l("中止"),
    "finished": _l("終了"),
}
MODE_LABELS = {"first_come": _l("先着順"), "lottery": _l("抽選")}
REGISTRATION_LABELS = {
    "confirmed": _l("参加確定"),
    "waitlisted": _l("キャンセル待ち"),
    "applied": _l("抽選申込"),
    "cancelled": _l("キャンセル"),
}
# the same message ids as the case pages' names of ``cases.reference.CHALLENGES``
CHALLENGE_LABELS = {
    "talent": _l("人材不足"),
    "motivation": _l("意欲醸成"),
    "awareness": _l("理解不足"),
    "support": _l("支援整備"),
    "funding": _l("財源不足"),
}
FILTER_LABELS = {
    "region": _l("地域"),
    "prefecture": _l("都道府県"),
    "kind": _l("形式"),
    "lab": _l("主催ラボ"),
    "challenge": _l("課題分類"),
    "has_seats": _l("空席あり"),
    "past": _l("過去のイベント"),
    "month": _l("表示月"),
    "page": _l("ページ"),
    "per_page": _l("表示件数"),
}

LIST_FILTERS = ("region", "prefecture", "kind", "lab", "challenge", "has_seats")
SPLIT_INPUTS = ("related_case_ids",)
ROW_KEYS = {"hosts": "lab_id"}
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
TRUE = ("1", "true", "on", "yes")


def _user():
    return current_user._get_current_object()


def _event(event_id: int):
    return services.get_event(_user(), event_id)


# --- times in Japan -------------------------------------------------------------------------


def _ja() -> bool:
    return get_locale().language == "ja"


def when(event) -> str:
    """When the event takes place, in Japan time: "2026年12月1日(火) 0:30〜3:30"."""
    start, end = event.starts_at.astimezone(TOKYO), event.ends_at.astimezone(TOKYO)
    day = "y年M月d日(E) H:mm" if _ja() else "EEE d MMM y, HH:mm"
    later = "H:mm" if start.date() == end.date() else day
    if not _ja() and later == "H:mm":
        later = "HH:mm"
    return f"{format_datetime(start, day)}〜{format_datetime(end, later)}"


def moment(value) -> str:
    if value is None:
        return ""
    return format_datetime(value, "y年M月d日(E) H:mm" if _ja() else "EEE d MMM y, HH:mm")


def local_input(value) -> str:
    """A stored time as a ``datetime-local`` input shows it, in Japan time."""
    return value.astimezone(TOKYO).strftime("%Y-%m-%dT%H:%M") if value else ""


@blp.app_template_filter("event_when")
def _when_filter(event):
    return when(event)


@blp.app_template_filter("tokyo")
def _tokyo_filter(value):
    return moment(value)


def weekdays() -> list[str]:
    """The short names of the days of the week in the page's language, Sunday first."""
    names = get_locale().days["stand-alone"]["abbreviated"]
    return [names[(day + 6) % 7] for day in range(7)]


@blp.app_template_filter("day_label")
def _day_label_filter(day: date) -> str:
    return format_date(day, "M月d日(E)" if _ja() else "EEE d MMM")


@blp.app_template_filter("tokyo_time")
def _tokyo_time_filter(value):
    return format_datetime(value, "H:mm") if value else ""


def _place_names() -> tuple[dict[str, str], dict[str, str]]:
    return labs.place_names(_ja())


def _labels() -> dict:
    region_names, prefecture_names = _place_names()
    return {
        "KIND_LABELS": KIND_LABELS,
        "STATUS_LABELS": STATUS_LABELS,
        "MODE_LABELS": MODE_LABELS,
        "REGISTRATION_LABELS": REGISTRATION_LABELS,
        "CHALLENGE_LABELS": CHALLENGE_LABELS,
        "region_names": region_names,
        "prefecture_names": prefecture_names,
    }


# --- the list and the calendar ----------------------------------------------------------------


def _query_args(args, names: tuple[str, ...]) -> tuple[dict, list[str]]:
    """The valid filters among ``names``, and the names of those left out because they are
    wrong (as the case library does)."""
    raw = {key: args[key] for key in names if key in args and args[key].strip() != ""}
    schema = EventQueryArgsSchema()
    ignored: list[str] = []
    while True:
        try:
            return schema.load(raw, unknown=EXCLUDE), ignored
        except ValidationError as error:
            bad = [key for key in error.messages if key in raw] or list(raw)
            ignored += bad
            for key in bad:
                raw.pop(key)


def _filter_options() -> dict:
    """The choices of the filter form, by name."""
    region_names, prefecture_names = _place_names()
    return {
        "region": list(region_names.items()),
        "prefecture": list(prefecture_names.items()),
        "kind": [(code, str(label)) for code, label in KIND_LABELS.items()],
        "lab": [(str(lab.id), lab.name) for lab in labs.labs_for_directory()],
        "challenge": [(code, str(label)) for code, label in CHALLENGE_LABELS.items()],
    }


def _chips(args: dict, options: dict, drop: dict) -> list[tuple[str, str, str]]:
    chips = []
    for name in LIST_FILTERS:
        if name not in args:
            continue
        value = args[name]
        if name == "has_seats":
            label = _("あり") if value else _("なし")
        else:
            label = dict(options.get(name, ())).get(str(value), str(value))
        chips.append(
            (str(FILTER_LABELS[name]), label, url_with(**{**drop, name: None, "page": None}))
        )
    return chips


def _seat_states(events) -> dict[int, tuple[str, int]]:
    waiting = services.waitlisted_counts(events)
    return {event.id: services.seat_state(event, waiting.get(event.id, 0)) for event in events}


@blp.get("")
def index():
    args, ignored = _query_args(request.args, (*LIST_FILTERS, "page", "per_page"))
    past_arg = request.args.get("past", "").strip()
    past = past_arg.lower() in TRUE
    if past_arg and not past and past_arg.lower() not in ("0", "false", "off", "no"):
        ignored.append("past")
    found = services.browse_events(_user(), upcoming=not past, with_cancelled=True, **args)
    options = _filter_options()
    drop = dict.fromkeys(ignored)
    meta = found.meta
    return render_template(
        "events/index.html",
        events=found.items,
        meta=meta,
        args=args,
        past=past,
        options=options,
        chips=_chips(args, options, drop),
        ignored=[str(FILTER_LABELS.get(name, name)) for name in ignored],
        pages={
            "prev": url_with(**drop, page=meta["page"] - 1) if meta["page"] > 1 else None,
            "next": url_with(**drop, page=meta["page"] + 1)
            if meta["page"] < meta["pages"]
            else None,
        },
        seats=_seat_states(found.items),
        calendar_url=url_for(
            "events.month", **{k: v for k, v in request.args.items() if k in LIST_FILTERS}
        ),
        can_create=bool(services.labs_for_new_event(_user())),
        feed_url=url_for(
            "events_api.EventsCalendar",
            **{
                k: str(v).lower() if isinstance(v, bool) else v
                for k, v in args.items()
                if k in LIST_FILTERS
            },
            upcoming="false" if past else "true",
        ),
        **_labels(),
    )


def _month(value: str | None) -> tuple[date, bool]:
    """The month asked for (its first day), and whether the argument was wrong."""
    today = datetime.now(TOKYO).date().replace(day=1)
    if not value:
        return today, False
    match = MONTH.match(value.strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return date(year, month, 1), False
    return today, True


def _next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def _days_of(event, first: date, last: date) -> list[date]:
    """The days of the month on which the event takes place, in Japan time."""
    start = event.starts_at.astimezone(TOKYO).date()
    end_moment = event.ends_at.astimezone(TOKYO)
    if event.ends_at > event.starts_at and end_moment.time() == datetime.min.time():
        end_moment -= timedelta(seconds=1)  # ends at midnight: not on the next day
    end = max(start, end_moment.date())
    day, days = max(start, first), []
    while day <= min(end, last):
        days.append(day)
        day += timedelta(days=1)
    return days


@blp.get("/calendar")
def month():
    first, bad_month = _month(request.args.get("month"))
    args, ignored = _query_args(request.args, LIST_FILTERS)
    if bad_month:
        ignored.append("month")
    following = _next_month(first)
    since = datetime(first.year, first.month, 1, tzinfo=TOKYO)
    until = datetime(following.year, following.month, 1, tzinfo=TOKYO)
    events = services.events_between(_user(), since, until, **args)
    last = following - timedelta(days=1)
    by_day: dict[date, list] = {}
    for event in events:
        for day in _days_of(event, first, last):
            by_day.setdefault(day, []).append(event)
    previous = (first - timedelta(days=1)).replace(day=1)
    filters = {k: v for k, v in request.args.items() if k in LIST_FILTERS and k not in ignored}
    options = _filter_options()
    return render_template(
        "events/calendar.html",
        first=first,
        weeks=calendar.Calendar(firstweekday=6).monthdatescalendar(first.year, first.month),
        by_day=by_day,
        today=datetime.now(TOKYO).date(),
        weekdays=weekdays(),
        title=format_datetime(since, "y年M月" if _ja() else "MMMM y"),
        prev_url=url_for("events.month", month=previous.strftime("%Y-%m"), **filters),
        next_url=url_for("events.month", month=following.strftime("%Y-%m"), **filters),
        list_url=url_for("events.index", **filters),
        month_value=first.strftime("%Y-%m"),
        args=args,
        options=options,
        chips=_chips(args, options, dict.fromkeys(ignored)),
        ignored=[str(FILTER_LABELS.get(name, name)) for name in ignored],
        seats=_seat_states(events),
        count=len(events),
        **_labels(),
    )


# --- one event ------------------------------------------------------------------------------


def _detail_page(event, *, errors: dict | None = None, status: int = 200):
    user = _user()
    registration = None
    if event.viewer_registration is not None:
        registration = services.get_own_registration(user, event)
    active = registration is not None and registration.status != "cancelled"
    report = services.find_report(event) if event.status == "finished" else None
    ics_url = url_for("events_api.EventCalendar", event_id=event.id, _external=True)
    waiting = services.waitlisted_count(event) if event.seats_left == 0 else 0
    return render_template(
        "events/detail.html",
        event=event,
        registration=registration,
        active=active,
        closed_reason=services.registration_closed_reason(event),
        seat=services.seat_state(event, waiting),
        online_url=event.online_url if services.can_see_online_url(event) else None,
        participants=services.list_public_participants(event),
        cases=services.related_cases(event),
        report=report,
        links=exports.calendar_links(event, ics_url),
        own_labs=[m.lab for m in user.memberships] if user.is_authenticated else [],
        errors=errors or {},
        **_labels(),
    ), status


@blp.get("/<int:event_id>")
def detail(event_id: int):
    return _detail_page(_event(event_id))


def _done(event_id: int, errors: dict, message: str, anchor: str, endpoint="events.detail"):
    """After a button: back to the page, with what happened."""
    if errors:
        flash(flat_messages(errors), "error")
    else:
        flash(message, "success")
    return redirect(url_for(endpoint, event_id=event_id, _anchor=anchor))


def _run(action) -> dict:
    """A service call without a form: its refusal becomes a message, as a form's would."""
    try:
        action()
    except Conflict as error:
        return {"_schema": [_(str(error.description))]}
    except ValidationFailed as error:
        return localise(error.errors)
    return {}


@blp.post("/<int:event_id>/register")
@login_required
def register(event_id: int):
    event = _event(event_id)
    _result, errors = submit_form(
        RegistrationRequestSchema(), request.form, partial(services.do_register, _user(), event)
    )
    done = _("抽選に申し込みました。") if event.is_lottery_pending else _("参加登録しました。")
    return _done(event_id, errors, done, "registration")


@blp.post("/<int:event_id>/registration/cancel")
@login_required
def cancel_registration(event_id: int):
    event = _event(event_id)
    registration = services.get_own_registration(_user(), event)
    errors = _run(partial(services.do_cancel_registration, _user(), registration))
    return _done(event_id, errors, _("参加登録をキャンセルしました。"), "registration")


@blp.post("/<int:event_id>/registration/visibility")
@login_required
def registration_visibility(event_id: int):
    event = _event(event_id)
    registration = services.get_own_registration(_user(), event)
    _result, errors = submit_form(
        RegistrationUpdateSchema(),
        request.form,
        partial(services.do_update_registration, _user(), registration),
    )
    return _done(event_id, errors, _("公開の設定を保存しました。"), "registration")


@blp.post("/<int:event_id>/publish")
@login_required
def publish(event_id: int):
    event = _event(event_id)
    errors = _run(partial(services.do_publish_event, _user(), event))
    return _done(event_id, errors, _("イベントを公開しました。"), "top")


@blp.post("/<int:event_id>/cancel")
@login_required
def cancel_event(event_id: int):
    event = _event(event_id)
    _result, errors = submit_form(
        CancelEventSchema(), request.form, partial(services.do_cancel_event, _user(), event)
    )
    return _done(event_id, errors, _("イベントを中止しました。参加者に通知されます。"), "top")


@blp.post("/<int:event_id>/copy")
@login_required
def copy(event_id: int):
    event = _event(event_id)
    copied, errors = submit_form(
        CopyEventSchema(), request.form, partial(services.do_copy_event, _user(), event)
    )
    if errors:
        return _done(event_id, errors, "", "copy", endpoint="events.edit")
    flash(_("イベントをコピーしました。内容を確かめて公開してください。"), "success")
    return redirect(url_for("events.edit", event_id=copied.id))


# --- the form -------------------------------------------------------------------------------


def _values_from_event(event) -> dict:
    return {
        "title": event.title,
        "description": event.description,
        "kind": event.kind,
        "venue": event.venue,
        "prefecture": event.prefecture_code or "",
        "online_url": event.online_url,
        "starts_at": local_input(event.starts_at),
        "ends_at": local_input(event.ends_at),
        "registration_opens_at": local_input(event.registration_opens_at),
        "registration_closes_at": local_input(event.registration_closes_at),
        "capacity": str(event.capacity),
        "mode": event.mode,
        "lottery_deadline": local_input(event.lottery_deadline),
        "target_audience": event.target_audience,
        "challenges": [c.code for c in event.challenges],
        "related_case_ids": ", ".join(str(c.case_id) for c in event.related_cases),
    }


def _flat(messages) -> list[str]:
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _flat(value)]
    if isinstance(messages, list | tuple):
        return [m for value in messages for m in _flat(value)]
    return [str(messages)]


def _form_errors(errors: dict) -> tuple[dict, dict]:
    """Field messages as flat lists, and the host rows' messages by row and field."""
    flat: dict = {}
    rows: dict = {}
    for name, messages in errors.items():
        if name == "hosts" and isinstance(messages, dict):
            for index, fields_ in messages.items():
                if isinstance(index, int) and isinstance(fields_, dict):
                    rows[index] = {key: _flat(value) for key, value in fields_.items()}
                else:
                    flat.setdefault("hosts", []).extend(_flat(fields_))
        else:
            flat[name] = _flat(messages)
    return flat, rows


def _required_only_partial(schema) -> tuple[str, ...]:
    """An edit leaves out what the form does not send, but an emptied required input is an
    error, not "unchanged"."""
    return tuple(name for name, field in schema.fields.items() if not field.required)


def _event_form(event=None):
    user = _user()
    creatable = services.labs_for_new_event(user) if event is None else []
    if event is None and not creatable:
        raise Forbidden(_("イベントを作成できるのは、ラボのコーディネーターと事務局です。"))
    errors: dict = {}
    if request.method == "POST":
        if event is None:
            schema = EventSchema()
            action = partial(services.do_create_event, user)
            partial_fields = False
        else:
            schema = EventUpdateSchema()
            action = partial(services.do_update_event, user, event)
            partial_fields = _required_only_partial(schema)
        saved, errors = submit_form(
            schema,
            request.form,
            action,
            partial=partial_fields,
            loader=load_form_rows,
            keys=ROW_KEYS,
            split=SPLIT_INPUTS,
        )
        if not errors:
            flash(_("イベントを保存しました。"), "success")
            return redirect(url_for("events.detail", event_id=saved.id))
        values = {key: request.form.get(key, "") for key in request.form if "-" not in key}
        values["challenges"] = request.form.getlist("challenges")
        rows = schema_rows(schema, request.form, keys=ROW_KEYS).get("hosts", [])
    elif event is not None:
        values, rows = _values_from_event(event), []
    else:
        values = {
            "lab_id": request.args.get("lab", ""),
            "kind": "in_person",
            "mode": "first_come",
            "challenges": [],
        }
        rows = []
    field_errors, row_errors = _form_errors(errors)
    return (
        render_template(
            "events/form.html",
            event=event,
            values=values,
            rows=rows,
            errors=field_errors,
            row_errors=row_errors,
            labs=creatable,
            all_labs=labs.labs_for_directory(),
            regions=labs.list_regions(),
            **_labels(),
        ),
        422 if errors else 200,
    )


@blp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    return _event_form()


@blp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = _event(event_id)
    services.check_can_edit_event(_user(), event)
    return _event_form(event)


@blp.post("/<int:event_id>/hosts")
@login_required
def add_host(event_id: int):
    event = _event(event_id)
    _result, errors = submit_form(
        HostSchema(), request.form, partial(services.do_add_host, _user(), event)
    )
    return _done(event_id, errors, _("共催ラボを追加しました。"), "hosts", endpoint="events.edit")


@blp.post("/<int:event_id>/hosts/<int:lab_id>")
@login_required
def update_host(event_id: int, lab_id: int):
    host = services.get_host(_event(event_id), lab_id)
    _result, errors = submit_form(
        HostSchema(only=("seat_quota",)),
        request.form,
        partial(services.do_update_host, _user(), host),
    )
    return _done(event_id, errors, _("枠を保存しました。"), "hosts", endpoint="events.edit")


@blp.post("/<int:event_id>/hosts/<int:lab_id>/remove")
@login_required
def remove_host(event_id: int, lab_id: int):
    host = services.get_host(_event(event_id), lab_id)
    errors = _run(partial(services.do_remove_host, _user(), host))
    return _done(event_id, errors, _("共催ラボを外しました。"), "hosts", endpoint="events.edit")


# --- the hosts' dashboard ---------------------------------------------------------------------


def _page_number() -> int:
    value = request.args.get("page", "")
    return int(value) if value.isdigit() and 0 < int(value) <= 100_000 else 1


def _manage_page(event, *, errors: dict | None = None, form=None, status: int = 200):
    user = _user()
    services.check_can_edit_event(user, event)
    registrations = services.list_registrations(user, event, page=_page_number(), per_page=100)
    report = services.find_report(event)
    meta = registrations.meta
    if form is None and report is not None:
        form = {
            "summary": report.summary,
            "outcomes": report.outcomes,
            "attendance": str(report.attendance),
            "case_ids": ", ".join(str(link.case_id) for link in report.cases),
        }
    errors = {
        section: {name: _flat(messages) for name, messages in found.items()}
        for section, found in (errors or {}).items()
    }
    return render_template(
        "events/manage.html",
        event=event,
        registrations=registrations.items,
        meta=meta,
        pages={
            "prev": url_with(page=meta["page"] - 1) if meta["page"] > 1 else None,
            "next": url_with(page=meta["page"] + 1) if meta["page"] < meta["pages"] else None,
        },
        waitlist=services.list_waitlist(user, event),
        counts=services.participation_counts(user, event),
        report=report,
        report_closed=services.report_closed_reason(event),
        seat=services.seat_state(event),
        csv_url=url_for("events_api.RegistrationsCsv", event_id=event.id),
        errors=errors,
        form=form or {},
        **_labels(),
    ), status


@blp.get("/<int:event_id>/manage")
@login_required
def manage(event_id: int):
    return _manage_page(_event(event_id))


@blp.post("/<int:event_id>/check-in")
@login_required
def check_in(event_id: int):
    event = _event(event_id)
    services.check_can_edit_event(_user(), event)
    try:
        checked, errors = submit_form(
            CheckInSchema(), request.form, partial(services.do_check_in, _user(), event)
        )
    except NotFound:
        checked, errors = None, {"code": [_("この受付コードの参加登録はありません。")]}
    if errors:
        return _manage_page(event, errors={"check_in": errors}, form=request.form, status=422)
    flash(_("%(name)sさんを受付しました。", name=checked.user.display_name), "success")
    return redirect(url_for("events.manage", event_id=event_id, _anchor="check-in"))


@blp.post("/<int:event_id>/registrations/<int:registration_id>/cancel")
@login_required
def cancel_participant(event_id: int, registration_id: int):
    event = _event(event_id)
    registration = services.get_registration(event, registration_id)
    errors = _run(partial(services.do_cancel_registration, _user(), registration))
    return _done(
        event_id, errors, _("参加登録をキャンセルしました。"), "participants", "events.manage"
    )


@blp.post("/<int:event_id>/lottery")
@login_required
def draw(event_id: int):
    event = _event(event_id)
    errors = _run(partial(services.do_draw_lottery, _user(), event))
    return _done(event_id, errors, _("抽選しました。"), "lottery", "events.manage")


@blp.post("/<int:event_id>/report")
@login_required
def report(event_id: int):
    event = _event(event_id)
    _result, errors = submit_form(
        ReportSchema(),
        request.form,
        partial(services.do_record_report, _user(), event),
        loader=load_form_rows,
        split=("case_ids",),
    )
    if errors:
        return _manage_page(event, errors={"report": errors}, form=request.form, status=422)
    flash(_("終了報告を保存しました。"), "success")
    return redirect(url_for("events.detail", event_id=event_id, _anchor="report"))
