"""JSON API for one's notifications: thin handlers over ``notifications.services``."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from community.notifications import services
from community.notifications.schemas import (
    MarkedSchema,
    MarkReadSchema,
    NotificationPageSchema,
    NotificationQueryArgsSchema,
    NotificationSchema,
    UnreadCountSchema,
)

notifications_blp = Blueprint(
    "notifications_api",
    __name__,
    url_prefix="/api/notifications",
    description="Notifications (お知らせ): pushed live as the Socket.IO event ``notification``",
)
blueprints = (notifications_blp,)


def _user():
    return current_user._get_current_object()


@notifications_blp.route("")
class Notifications(MethodView):
    @notifications_blp.arguments(NotificationQueryArgsSchema, location="query")
    @notifications_blp.response(200, NotificationPageSchema)
    @notifications_blp.alt_response(401, description="Not logged in")
    def get(self, args):
        """My notifications, newest first, with the number still unread."""
        page = services.list_notifications(_user(), **args)
        return {"items": page.items, "meta": page.meta, "unread": services.unread_count(_user())}


@notifications_blp.route("/unread-count")
class UnreadCount(MethodView):
    @notifications_blp.response(200, UnreadCountSchema)
    @notifications_blp.alt_response(401, description="Not logged in")
    def get(self):
        """How many of my notifications are unread (the bell's number)."""
        return {"unread": services.unread_count(_user())}


@notifications_blp.route("/read")
class MarkRead(MethodView):
    @notifications_blp.arguments(MarkReadSchema, required=False)  # no body: mark all read
    @notifications_blp.response(200, MarkedSchema)
    @notifications_blp.alt_response(401, description="Not logged in")
    def post(self, data):
        """Mark the listed notifications, those up to an id, or (with neither) all read."""
        marked = services.do_mark_read(_user(), **data)
        return {"marked": marked, "unread": services.unread_count(_user())}


@notifications_blp.route("/<int:notification_id>")
class NotificationItem(MethodView):
    @notifications_blp.response(200, NotificationSchema)
    @notifications_blp.alt_response(401, description="Not logged in")
    @notifications_blp.alt_response(404, description="Not one of mine")
    def get(self, notification_id):
        """One of my notifications."""
        return services.get_notification(_user(), notification_id)
