"""Events out of the platform: the participant CSV for Excel, iCalendar, calendar links.

Who may export what is decided in ``services``; this module only renders.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import icalendar
from flask_babel import gettext

from community.cases.reference import CHALLENGES
from community.core.i18n import N_
from community.events.models import Event, EventKind, EventStatus, Registration

TOKYO = ZoneInfo("Asia/Tokyo")
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one

STATUS_LABELS = {
    "confirmed": N_("参加確定"),
    "waitlisted": N_("キャンセル待ち"),
    "applied": N_("抽選申込"),
    "cancelled": N_("キャンセル"),
}
CSV_COLUMNS = (
    N_("登録ID"),
    N_("氏名"),
    N_("メールアドレス"),
    N_("所属ラボ"),
    N_("状態"),
    N_("キャンセル待ち順"),
    N_("受付コード"),
    N_("出席"),
    N_("申込日時"),
    N_("公開リストに表示"),
)


def _cell(value) -> str:
    """A value as Excel shows it: never a formula (a name such as ``=HYPERLINK(…)``)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _local(moment: datetime | None) -> str:
    return moment.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M") if moment else ""


def participants_csv(registrations: list[Registration]) -> str:
    """UTF-8 with a byte-order mark and CRLF line ends, times in Japan time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([gettext(column) for column in CSV_COLUMNS])
    yes, no = gettext("はい"), gettext("いいえ")
    for r in registrations:
        writer.writerow(
            _cell(value)
            for value in (
                r.id,
                r.user.display_name,
                r.user.email,
                r.lab.name if r.lab else "",
                gettext(STATUS_LABELS[r.status]),
                r.waitlist_rank or "",
                r.code if r.status == "confirmed" else "",
                _local(r.attended_at) if r.attended_at else "",
                _local(r.created_at),
                yes if r.show_publicly else no,
            )
        )
    return BOM + out.getvalue()


def _location(event: Event) -> str:
    place = [event.venue] if event.venue else []
    if event.prefecture is not None:
        place.append(event.prefecture.name_ja)
    if event.kind == EventKind.ONLINE and not place:
        place.append(gettext("オンライン"))
    return " ".join(place)


def _summary(event: Event) -> str:
    hosts = "・".join(host.lab.name for host in event.hosts)
    return f"{event.description}\n\n{gettext('主催')}: {hosts}".strip()


def _vevent(event: Event, domain: str, url: str | None) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.id}@{domain}")
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("dtstart", event.starts_at)
    vevent.add("dtend", event.ends_at)
    vevent.add("summary", event.title)
    vevent.add("description", _summary(event))
    location = _location(event)
    if location:
        vevent.add("location", location)
    if url:
        vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    if event.challenges:
        vevent.add("categories", [CHALLENGES[c.code] for c in event.challenges])
    return vevent


def calendar(events: list[Event], *, name: str, domain: str, url_for_event=None) -> bytes:
    """An iCalendar file of ``events``; times in UTC, which every calendar converts."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//DX Lab Exchange//events//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Tokyo")
    for event in events:
        cal.add_component(_vevent(event, domain, url_for_event(event) if url_for_event else None))
    return cal.to_ical()


def _utc_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def calendar_links(event: Event, ics_url: str) -> dict[str, str]:
    """ "Add to calendar" links for Google Calendar and Outlook, and the event's own file."""
    details = event.description[:1500]
    location = _location(event)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": f"{_utc_stamp(event.starts_at)}/{_utc_stamp(event.ends_at)}",
            "details": details,
            "location": location,
            "ctz": "Asia/Tokyo",
        }
    )
    outlook = "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": event.starts_at.isoformat(),
            "enddt": event.ends_at.isoformat(),
            "body": details,
            "location": location,
        }
    )
    return {"google": google, "outlook": outlook, "ics": ics_url}
