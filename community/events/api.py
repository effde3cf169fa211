"""JSON API for joint events: thin handlers over ``events.services``."""

from __future__ import annotations

from flask import Response, request, url_for
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from community.events import exports, services
from community.events.schemas import (
    AttendanceArgsSchema,
    CancelEventSchema,
    CheckInSchema,
    CopyEventSchema,
    EventDetailSchema,
    EventPageSchema,
    EventQueryArgsSchema,
    EventSchema,
    EventUpdateSchema,
    HostOutSchema,
    HostSchema,
    HostUpdateSchema,
    LabAttendanceSchema,
    LotteryResultSchema,
    LotterySchema,
    MyRegistrationSchema,
    ParticipationCountsSchema,
    PublicParticipantSchema,
    RegistrationOutSchema,
    RegistrationPageSchema,
    RegistrationQueryArgsSchema,
    RegistrationRequestSchema,
    RegistrationUpdateSchema,
    ReportOutSchema,
    ReportSchema,
)

events_blp = Blueprint(
    "events_api", __name__, url_prefix="/api/events", description="Joint events (共同イベント)"
)
blueprints = (events_blp,)


def _user():
    return current_user._get_current_object()


def _event(event_id: int):
    return services.get_event(_user(), event_id)


def _event_url(event) -> str:
    return url_for("events_api.EventItem", event_id=event.id, _external=True)


def _ics(body: bytes, filename: str) -> Response:
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@events_blp.route("")
class Events(MethodView):
    @events_blp.arguments(EventQueryArgsSchema, location="query")
    @events_blp.response(200, EventPageSchema)
    def get(self, args):
        """Events, filtered; drafts only for their hosts and the secretariat."""
        return services.browse_events(_user(), **args)

    @events_blp.arguments(EventSchema)
    @events_blp.response(201, EventDetailSchema)
    @events_blp.alt_response(403, description="Only the lab's coordinators and the secretariat")
    def post(self, data):
        """Create a draft event for a lab, with co-hosting labs and their seat quotas."""
        return services.do_create_event(_user(), **data)


@events_blp.route("/attendance")
class Attendance(MethodView):
    @events_blp.arguments(AttendanceArgsSchema, location="query")
    @events_blp.response(200, LabAttendanceSchema(many=True))
    @events_blp.alt_response(403, description="Only the secretariat")
    def get(self, args):
        """People who attended events per lab, for the secretariat's figures."""
        return services.attendance_by_lab(_user(), **args)


@events_blp.route("/<int:event_id>")
class EventItem(MethodView):
    @events_blp.response(200, EventDetailSchema)
    def get(self, event_id):
        """One event; the online URL only for confirmed participants and the hosts."""
        return _event(event_id)

    @events_blp.arguments(EventUpdateSchema)
    @events_blp.response(200, EventDetailSchema)
    @events_blp.alt_response(409, description="The mode of an event with registrations")
    def patch(self, data, event_id):
        """Change an event; a larger capacity promotes the waitlist at once."""
        return services.do_update_event(_user(), _event(event_id), **data)

    @events_blp.response(204)
    @events_blp.alt_response(409, description="People are registered: cancel it instead")
    def delete(self, event_id):
        """Delete an event nobody is registered for."""
        services.do_delete_event(_user(), _event(event_id))


@events_blp.route("/<int:event_id>/publish")
class EventPublish(MethodView):
    @events_blp.response(200, EventDetailSchema)
    @events_blp.alt_response(409, description="Not a draft")
    def post(self, event_id):
        """Publish a draft: registration opens as its window says."""
        return services.do_publish_event(_user(), _event(event_id))


@events_blp.route("/<int:event_id>/cancel")
class EventCancel(MethodView):
    @events_blp.arguments(CancelEventSchema)
    @events_blp.response(200, EventDetailSchema)
    @events_blp.alt_response(409, description="Already cancelled or finished")
    def post(self, data, event_id):
        """Cancel the event; every participant is told (socket event ``event_cancelled``)."""
        return services.do_cancel_event(_user(), _event(event_id), **data)


@events_blp.route("/<int:event_id>/copy")
class EventCopy(MethodView):
    @events_blp.arguments(CopyEventSchema)
    @events_blp.response(201, EventDetailSchema)
    def post(self, data, event_id):
        """Copy the event to run it again: a draft with the same hosts, quotas and texts."""
        return services.do_copy_event(_user(), _event(event_id), **data)


@events_blp.route("/<int:event_id>/report")
class EventReport(MethodView):
    @events_blp.response(200, ReportOutSchema)
    def get(self, event_id):
        """The closing report: attendance, outcomes and the cases that came out of it."""
        return services.get_report(_event(event_id))

    @events_blp.arguments(ReportSchema)
    @events_blp.response(200, ReportOutSchema)
    @events_blp.alt_response(409, description="Before the event, or not published")
    def put(self, data, event_id):
        """Record or correct the closing report; the event is then finished."""
        return services.do_record_report(_user(), _event(event_id), **data)


@events_blp.route("/<int:event_id>/hosts")
class Hosts(MethodView):
    @events_blp.response(200, HostOutSchema(many=True))
    def get(self, event_id):
        """The host labs, with their seat quotas and the seats given from them."""
        return services.list_hosts(_event(event_id))

    @events_blp.arguments(HostSchema)
    @events_blp.response(201, HostOutSchema)
    @events_blp.alt_response(409, description="The lab already hosts")
    def post(self, data, event_id):
        """Add a co-hosting lab; its coordinators edit the event from then on."""
        return services.do_add_host(_user(), _event(event_id), **data)


@events_blp.route("/<int:event_id>/hosts/<int:lab_id>")
class HostItem(MethodView):
    @events_blp.arguments(HostUpdateSchema)
    @events_blp.response(200, HostOutSchema)
    def patch(self, data, event_id, lab_id):
        """Change a host's seat quota (null: its people take open seats)."""
        host = services.get_host(_event(event_id), lab_id)
        return services.do_update_host(_user(), host, **data)

    @events_blp.response(204)
    @events_blp.alt_response(409, description="The last host")
    def delete(self, event_id, lab_id):
        """A lab stops co-hosting; its people keep their seats as open seats."""
        services.do_remove_host(_user(), services.get_host(_event(event_id), lab_id))


@events_blp.route("/<int:event_id>/registration")
class MyRegistration(MethodView):
    @events_blp.response(200, MyRegistrationSchema)
    def get(self, event_id):
        """Your registration: status, place on the waitlist, check-in code once confirmed."""
        return services.get_own_registration(_user(), _event(event_id))

    @events_blp.arguments(RegistrationRequestSchema)
    @events_blp.response(201, MyRegistrationSchema)
    @events_blp.alt_response(
        409, description="Already registered, registration closed, or the event cancelled"
    )
    def post(self, data, event_id):
        """Register: a seat if one is left, else the waitlist; a lottery application before
        the draw. Registering again after cancelling is allowed."""
        return services.do_register(_user(), _event(event_id), **data)

    @events_blp.arguments(RegistrationUpdateSchema)
    @events_blp.response(200, MyRegistrationSchema)
    def patch(self, data, event_id):
        """Choose whether you appear on the public participant list."""
        registration = services.get_own_registration(_user(), _event(event_id))
        return services.do_update_registration(_user(), registration, **data)

    @events_blp.response(200, MyRegistrationSchema)
    @events_blp.alt_response(409, description="Already cancelled")
    def delete(self, event_id):
        """Cancel your registration; your seat goes to the first person waiting."""
        registration = services.get_own_registration(_user(), _event(event_id))
        return services.do_cancel_registration(_user(), registration)


@events_blp.route("/<int:event_id>/registrations")
class Registrations(MethodView):
    @events_blp.arguments(RegistrationQueryArgsSchema, location="query")
    @events_blp.response(200, RegistrationPageSchema)
    def get(self, args, event_id):
        """The participants, for the hosts and the secretariat."""
        return services.list_registrations(_user(), _event(event_id), **args)


@events_blp.route("/<int:event_id>/registrations/<int:registration_id>")
class RegistrationItem(MethodView):
    @events_blp.response(200, RegistrationOutSchema)
    @events_blp.alt_response(409, description="Already cancelled")
    def delete(self, event_id, registration_id):
        """A host cancels a participant's registration; the seat goes to the waitlist."""
        event = _event(event_id)
        registration = services.get_registration(event, registration_id)
        return services.do_cancel_registration(_user(), registration)


@events_blp.route("/<int:event_id>/participants")
class Participants(MethodView):
    @events_blp.response(200, PublicParticipantSchema(many=True))
    def get(self, event_id):
        """Confirmed participants who chose to be listed publicly."""
        return services.list_public_participants(_event(event_id))


@events_blp.route("/<int:event_id>/waitlist")
class Waitlist(MethodView):
    @events_blp.response(200, RegistrationOutSchema(many=True))
    def get(self, event_id):
        """Those waiting, in promotion order (``waitlist_rank`` counts within each quota)."""
        return services.list_waitlist(_user(), _event(event_id))


@events_blp.route("/<int:event_id>/lottery")
class Lottery(MethodView):
    @events_blp.arguments(LotterySchema)
    @events_blp.response(200, LotteryResultSchema)
    @events_blp.alt_response(409, description="Not a lottery, before the deadline, or drawn")
    def post(self, data, event_id):
        """Draw the lottery once, after the deadline: winners and an ordered waitlist. The
        seed is recorded, so anyone can repeat the draw (``lottery_order`` in the services)."""
        return services.do_draw_lottery(_user(), _event(event_id), **data)


@events_blp.route("/<int:event_id>/check-in")
class CheckIn(MethodView):
    @events_blp.arguments(CheckInSchema)
    @events_blp.response(200, RegistrationOutSchema)
    @events_blp.alt_response(409, description="Already checked in, or not confirmed")
    def post(self, data, event_id):
        """A host marks a participant as attended, by code or by registration id."""
        return services.do_check_in(_user(), _event(event_id), **data)


@events_blp.route("/<int:event_id>/counts")
class Counts(MethodView):
    @events_blp.response(200, ParticipationCountsSchema)
    def get(self, event_id):
        """Participants per lab and per region: confirmed, waitlisted, applied, attended."""
        return services.participation_counts(_user(), _event(event_id))


@events_blp.route("/calendar.ics")
class EventsCalendar(MethodView):
    @events_blp.arguments(EventQueryArgsSchema, location="query")
    @events_blp.response(200, content_type="text/calendar")
    def get(self, args):
        """iCalendar feed of the events the list shows for the same filters: all events, a
        lab's (``lab``), a region's…, soonest first, at most 500; subscribe to its URL."""
        filters = {k: v for k, v in args.items() if k not in ("page", "per_page", "sort")}
        events = services.calendar_events(_user(), **filters)
        body = exports.calendar(
            events, name="DX Lab Exchange", domain=request.host, url_for_event=_event_url
        )
        return _ics(body, "events.ics")


@events_blp.route("/<int:event_id>/calendar.ics")
class EventCalendar(MethodView):
    @events_blp.response(200, content_type="text/calendar")
    def get(self, event_id):
        """The event as an iCalendar file, to open in any calendar."""
        event = _event(event_id)
        body = exports.calendar(
            [event], name=event.title, domain=request.host, url_for_event=_event_url
        )
        return _ics(body, f"event-{event.id}.ics")


@events_blp.route("/<int:event_id>/registrations.csv")
class RegistrationsCsv(MethodView):
    @events_blp.response(200, content_type="text/csv")
    def get(self, event_id):
        """The participants as CSV that opens in Excel (UTF-8 with BOM), for the hosts."""
        event = _event(event_id)
        body = services.export_participants(_user(), event)
        return Response(
            body.encode("utf-8"),
            mimetype="text/csv",
            headers={
                "Content-Disposition": f'attachment; filename="event-{event.id}-participants.csv"'
            },
        )
