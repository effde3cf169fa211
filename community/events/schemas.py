from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import url_for
from marshmallow import ValidationError as SchemaError
from marshmallow import fields, validate, validates_schema

from community.cases.reference import CHALLENGES
from community.core.i18n import N_
from community.core.pagination import PageArgsSchema, PageMetaSchema
from community.core.validation import BaseSchema, PartialUpdate
from community.events.exports import calendar_links
from community.events.models import EventKind, EventMode, EventStatus, RegistrationStatus
from community.events.services import can_see_online_url
from community.labs.schemas import PREFECTURE_CODE, REGION_CODES

TOKYO = ZoneInfo("Asia/Tokyo")
ID = validate.Range(min=1, max=2**31 - 1)
SEATS = validate.Range(min=0, max=100_000)


def _in_our_years(value: datetime) -> None:
    """Far years would overflow on the way to UTC, and no event is held there."""
    if not 2000 <= value.year <= 2100:
        raise SchemaError(N_("2000年から2100年までの日時を入力してください。"))


def moment(**kwargs) -> fields.AwareDateTime:
    """A date and time; without an offset it is read as Japan time (Asia/Tokyo)."""
    return fields.AwareDateTime(default_timezone=TOKYO, validate=_in_our_years, **kwargs)


class HostSchema(BaseSchema):
    lab_id = fields.Integer(required=True, validate=ID)
    seat_quota = fields.Integer(
        allow_none=True,
        load_default=None,
        validate=SEATS,
        metadata={"description": "Seats kept for the lab's own people; none: open seats"},
    )


class HostUpdateSchema(BaseSchema):
    seat_quota = fields.Integer(required=True, allow_none=True, validate=SEATS)


class HostOutSchema(BaseSchema):
    lab_id = fields.Integer()
    lab_name = fields.String(attribute="lab.name")
    lab_slug = fields.String(attribute="lab.slug")
    seat_quota = fields.Integer(allow_none=True)
    confirmed_count = fields.Integer()


class EventSchema(BaseSchema):
    lab_id = fields.Integer(
        required=True, validate=ID, metadata={"description": "The lab that creates and hosts it"}
    )
    hosts = fields.List(
        fields.Nested(HostSchema),
        load_default=list,
        validate=validate.Length(max=20),
        metadata={"description": "Co-hosting labs, with optional seat quotas"},
    )
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default="", validate=validate.Length(max=50_000))
    kind = fields.String(
        load_default=EventKind.IN_PERSON.value, validate=validate.OneOf(list(EventKind))
    )
    venue = fields.String(load_default="", validate=validate.Length(max=200))
    prefecture = fields.String(
        allow_none=True, load_default=None, validate=PREFECTURE_CODE.validate
    )
    online_url = fields.String(
        load_default="",
        validate=[
            validate.Length(max=500),
            validate.Regexp(r"^(https?://\S+)?$", error=N_("http(s)のURLを入力してください。")),
        ],
        metadata={"description": "Shown only to confirmed participants and the hosts"},
    )
    starts_at = moment(required=True)
    ends_at = moment(required=True)
    registration_opens_at = moment(allow_none=True, load_default=None)
    registration_closes_at = moment(
        allow_none=True,
        load_default=None,
        metadata={"description": "Defaults to the start of the event"},
    )
    capacity = fields.Integer(required=True, validate=SEATS)
    target_audience = fields.String(load_default="", validate=validate.Length(max=2000))
    challenges = fields.List(
        fields.String(validate=validate.OneOf(list(CHALLENGES))), load_default=list
    )
    related_case_ids = fields.List(
        fields.Integer(validate=ID), load_default=list, validate=validate.Length(max=20)
    )
    mode = fields.String(
        load_default=EventMode.FIRST_COME.value, validate=validate.OneOf(list(EventMode))
    )
    lottery_deadline = moment(allow_none=True, load_default=None)

    @validates_schema
    def in_order(self, data, **kwargs):
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end < start:
            raise SchemaError(N_("終了日時は開始日時より後にしてください。"), "ends_at")
        quotas = [h["seat_quota"] for h in data.get("hosts") or () if h.get("seat_quota")]
        if "capacity" in data and sum(quotas) > data["capacity"]:
            raise SchemaError(N_("共催ラボの枠の合計が定員を超えています。"), "hosts")


class EventUpdateSchema(PartialUpdate, EventSchema):
    """Any field may be left out; the hosts change through ``/hosts``."""

    class Meta:
        exclude = ("lab_id", "hosts")


class EventOutSchema(BaseSchema):
    id = fields.Integer()
    title = fields.String()
    kind = fields.String()
    venue = fields.String()
    prefecture = fields.String(attribute="prefecture_code", allow_none=True)
    region = fields.Function(lambda e: e.prefecture.region.code if e.prefecture else None)
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    registration_opens_at = fields.DateTime(allow_none=True)
    registration_closes_at = fields.DateTime(allow_none=True)
    status = fields.String()
    mode = fields.String()
    lottery_deadline = fields.DateTime(allow_none=True)
    capacity = fields.Integer()
    confirmed_count = fields.Integer()
    seats_left = fields.Integer()
    hosts = fields.List(fields.Nested(HostOutSchema))
    challenges = fields.Function(lambda e: [c.code for c in e.challenges])
    my_status = fields.Function(
        lambda e: e.viewer_registration.status if e.viewer_registration else None,
        metadata={"description": "Your registration's status, if you registered"},
    )
    can_edit = fields.Boolean(attribute="viewer_can_edit")


class EventDetailSchema(EventOutSchema):
    description = fields.String()
    description_html = fields.String()
    target_audience = fields.String()
    online_url = fields.Function(
        lambda e: e.online_url if can_see_online_url(e) else None,
        metadata={"description": "Only for confirmed participants and the hosts"},
    )
    related_case_ids = fields.Function(lambda e: [c.case_id for c in e.related_cases])
    calendar_links = fields.Function(
        lambda e: calendar_links(
            e, url_for("events_api.EventCalendar", event_id=e.id, _external=True)
        ),
        metadata={"description": "Add to Google Calendar or Outlook, or download the .ics"},
    )
    open_seats = fields.Integer()
    lottery_seed = fields.Integer(allow_none=True)
    lottery_drawn_at = fields.DateTime(allow_none=True)
    cancel_reason = fields.String()
    published_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class EventPageSchema(BaseSchema):
    items = fields.List(fields.Nested(EventOutSchema))
    meta = fields.Nested(PageMetaSchema)


class EventQueryArgsSchema(PageArgsSchema):
    upcoming = fields.Boolean(metadata={"description": "true: not yet over; false: past"})
    region = fields.String(
        validate=validate.OneOf(REGION_CODES),
        metadata={"description": "Held in the region, or co-hosted by a lab of the region"},
    )
    prefecture = PREFECTURE_CODE
    kind = fields.String(validate=validate.OneOf(list(EventKind)))
    lab = fields.Integer(validate=ID, metadata={"description": "A host lab"})
    challenge = fields.String(validate=validate.OneOf(list(CHALLENGES)))
    has_seats = fields.Boolean()
    status = fields.String(validate=validate.OneOf(list(EventStatus)))
    case = fields.Integer(
        validate=ID, metadata={"description": "Events that presented the case or led to it"}
    )
    sort = fields.String(
        validate=validate.OneOf(["soonest", "latest"]),
        metadata={"description": "soonest first when upcoming=true, else latest first"},
    )


class CancelEventSchema(BaseSchema):
    reason = fields.String(load_default="", validate=validate.Length(max=2000))


class RegistrationRequestSchema(BaseSchema):
    lab_id = fields.Integer(
        allow_none=True,
        load_default=None,
        validate=ID,
        metadata={"description": "The lab you come for; defaults to your lab that hosts"},
    )
    show_publicly = fields.Boolean(load_default=False)


class RegistrationUpdateSchema(BaseSchema):
    show_publicly = fields.Boolean(required=True)


class MyRegistrationSchema(BaseSchema):
    id = fields.Integer()
    event_id = fields.Integer()
    status = fields.String()
    lab_id = fields.Integer(allow_none=True)
    lab_name = fields.Function(lambda r: r.lab.name if r.lab else None)
    code = fields.Function(
        lambda r: r.code if r.status == RegistrationStatus.CONFIRMED else None,
        metadata={"description": "Shown at check-in; given once the seat is confirmed"},
    )
    waitlist_rank = fields.Integer(
        allow_none=True, metadata={"description": "Your place among those waiting"}
    )
    show_publicly = fields.Boolean()
    confirmed_at = fields.DateTime(allow_none=True)
    cancelled_at = fields.DateTime(allow_none=True)
    attended_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()


class RegistrationOutSchema(MyRegistrationSchema):
    """A registration as the hosts see it."""

    user_id = fields.Integer()
    display_name = fields.String(attribute="user.display_name")
    email = fields.String(attribute="user.email")
    code = fields.String()
    seat_lab_id = fields.Integer(allow_none=True)
    waitlist_position = fields.Integer(allow_none=True)


class RegistrationPageSchema(BaseSchema):
    items = fields.List(fields.Nested(RegistrationOutSchema))
    meta = fields.Nested(PageMetaSchema)


class RegistrationQueryArgsSchema(PageArgsSchema):
    status = fields.String(validate=validate.OneOf(list(RegistrationStatus)))


class PublicParticipantSchema(BaseSchema):
    display_name = fields.String(attribute="user.display_name")
    lab_name = fields.Function(lambda r: r.lab.name if r.lab else None)


class LotterySchema(BaseSchema):
    seed = fields.Integer(
        validate=validate.Range(min=0, max=2**62),
        metadata={"description": "Leave out for a random one; recorded either way"},
    )


class LotteryResultSchema(BaseSchema):
    seed = fields.Integer()
    drawn_at = fields.DateTime()
    winners = fields.List(fields.Integer(), metadata={"description": "Registration ids"})
    waitlist = fields.List(
        fields.Integer(), metadata={"description": "Registration ids, in waitlist order"}
    )


class CheckInSchema(BaseSchema):
    code = fields.String(validate=validate.Length(min=1, max=20))
    registration_id = fields.Integer(validate=ID)

    @validates_schema
    def one_of_them(self, data, **kwargs):
        if ("code" in data) == ("registration_id" in data):
            raise SchemaError(N_("受付コードか登録IDのどちらかを指定してください。"), "code")


class CountsSchema(BaseSchema):
    confirmed = fields.Integer()
    waitlisted = fields.Integer()
    applied = fields.Integer()
    attended = fields.Integer()


class LabCountsSchema(CountsSchema):
    lab_id = fields.Integer(allow_none=True, metadata={"description": "None: no lab"})
    lab_name = fields.String(allow_none=True)
    region = fields.String(allow_none=True)


class RegionCountsSchema(CountsSchema):
    region = fields.String(allow_none=True)


class ParticipationCountsSchema(BaseSchema):
    labs = fields.List(fields.Nested(LabCountsSchema))
    regions = fields.List(fields.Nested(RegionCountsSchema))
    total = fields.Nested(CountsSchema)


class CopyEventSchema(BaseSchema):
    starts_at = moment(
        required=True, metadata={"description": "The new start; every other time follows"}
    )


class ReportSchema(BaseSchema):
    summary = fields.String(required=True, validate=validate.Length(min=1, max=20_000))
    outcomes = fields.String(load_default="", validate=validate.Length(max=20_000))
    attendance = fields.Integer(
        allow_none=True,
        load_default=None,
        validate=SEATS,
        metadata={"description": "People who came; defaults to the check-ins"},
    )
    case_ids = fields.List(
        fields.Integer(validate=ID),
        load_default=list,
        validate=validate.Length(max=20),
        metadata={"description": "Published cases that came out of the event"},
    )


class ReportCaseSchema(BaseSchema):
    id = fields.Integer(attribute="case.id")
    title = fields.String(attribute="case.title")


class ReportOutSchema(BaseSchema):
    event_id = fields.Integer()
    attendance = fields.Integer()
    checked_in = fields.Integer()
    summary = fields.String()
    summary_html = fields.String()
    outcomes = fields.String()
    outcomes_html = fields.String()
    cases = fields.List(fields.Nested(ReportCaseSchema))
    updated_at = fields.DateTime()


class AttendanceArgsSchema(BaseSchema):
    since = moment(metadata={"description": "Events starting at or after"})
    until = moment(metadata={"description": "Events starting before"})


class LabAttendanceSchema(BaseSchema):
    lab_id = fields.Integer(allow_none=True, metadata={"description": "None: no lab"})
    lab_name = fields.String(allow_none=True)
    attended = fields.Integer()
    events = fields.Integer()
