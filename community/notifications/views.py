"""The notification centre page and the bell: thin handlers over ``notifications.services``."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from community.core.templating import pager_links
from community.core.validation import load_form
from community.notifications import services
from community.notifications.schemas import NotificationQueryArgsSchema

blp = Blueprint("notifications", __name__, url_prefix="/notifications")


def _user():
    return current_user._get_current_object()


@blp.app_template_global()
def unread_notifications() -> int:
    """The bell's number; asked only by pages that show the bell to a logged-in user."""
    return services.unread_count(_user())


@blp.get("")
@login_required
def index():
    args, errors = load_form(NotificationQueryArgsSchema(), request.args)
    if errors:
        args = {"unread": False, "page": 1, "per_page": 20}
    found = services.list_notifications(_user(), **args)
    return render_template(
        "notifications/index.html",
        notifications=found.items,
        meta=found.meta,
        unread_only=args["unread"],
        pages=pager_links(found.meta),
        describe=services.describe,
    )


@blp.post("/read")
@login_required
def mark_all_read():
    services.do_mark_read(_user())
    return redirect(url_for("notifications.index"))


@blp.post("/<int:notification_id>/open")
@login_required
def open_one(notification_id: int):
    """Follow a notification: it is read once opened."""
    notification = services.get_notification(_user(), notification_id)
    services.do_mark_read(_user(), ids=[notification.id])
    target = notification.url
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("notifications.index")
    return redirect(target)
