"""HTML pages for the forum: thin handlers over ``forum.services``."""

from __future__ import annotations

from functools import partial
from zoneinfo import ZoneInfo

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from marshmallow import EXCLUDE, ValidationError
from werkzeug.exceptions import Conflict

from community.core.cache import VersionedCache, current_version
from community.core.templating import url_with
from community.core.validation import ValidationFailed, flat_messages, localise, submit_form
from community.forum import services
from community.forum.models import CONTENT
from community.forum.schemas import (
    PostSchema,
    ThreadQueryArgsSchema,
    ThreadSchema,
    ThreadUpdateSchema,
)

blp = Blueprint("forum", __name__, url_prefix="/forum")

TOKYO = ZoneInfo("Asia/Tokyo")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# the bodies of pages as HTML, per version of the forum, for readers who are not signed in
_page_html = VersionedCache(size=1024)


@blp.app_template_filter("forum_time")
def forum_time(value) -> str:
    """A moment in Japan time, "2026年11月26日 12:30" (or "26 Nov 2026, 12:30"): twenty of them
    a page, so written out directly rather than through a date-pattern parser."""
    if value is None:
        return ""
    t = value.astimezone(TOKYO)
    if get_locale().language == "ja":
        return f"{t.year}年{t.month}月{t.day}日 {t.hour}:{t.minute:02d}"
    return f"{t.day} {MONTHS_EN[t.month - 1]} {t.year}, {t.hour:02d}:{t.minute:02d}"


def _user():
    return current_user._get_current_object()


def _args(names: tuple[str, ...]) -> dict:
    """The valid list arguments among ``names``; a wrong one is left out, not an error page."""
    raw = {k: request.args[k] for k in names if request.args.get(k, "").strip()}
    schema = ThreadQueryArgsSchema()
    while True:
        try:
            return schema.load(raw, unknown=EXCLUDE)
        except ValidationError as error:
            for key in [k for k in error.messages if k in raw] or list(raw):
                raw.pop(key)


def _pages(meta: dict) -> dict:
    return {
        "prev": url_with(page=meta["page"] - 1) if meta["page"] > 1 else None,
        "next": url_with(page=meta["page"] + 1) if meta["page"] < meta["pages"] else None,
    }


def _run(action) -> dict:
    """A service call without a form: its refusal becomes a message, as a form's would."""
    try:
        action()
    except Conflict as error:
        return {"_schema": [_(str(error.description))]}
    except ValidationFailed as error:
        return localise(error.errors)
    return {}


def _back(thread_id: int, errors: dict, message: str, anchor: str | None = None, page=None):
    flash(flat_messages(errors) if errors else message, "error" if errors else "success")
    return redirect(url_for("forum.thread", thread_id=thread_id, page=page, _anchor=anchor))


# --- lists -----------------------------------------------------------------------------------


def _page(name: str, render, *key) -> str:
    """A page whose body a reader who is not signed in gets from the cache while the forum has
    not changed: one statement (the version) instead of the page's queries. ``render()``
    returns ``(title, body)``; signed-in readers, whose buttons differ, always render."""
    if current_user.is_authenticated:
        title, body = render()
    else:
        cache_key = (name, *key, request.query_string, str(get_locale()))
        version = current_version(CONTENT)
        cached = _page_html.get(cache_key, version)
        if cached is None:
            cached = render()
            _page_html.put(cache_key, version, cached)
        title, body = cached
    return render_template("forum/page.html", title=title, body=body)


def _body(template: str, **context) -> Markup:
    return Markup(render_template(template, **context))


@blp.get("")
def index():
    def render():
        user = _user()
        return _("フォーラム"), _body(
            "forum/_index_body.html",
            stats=services.category_stats(user),
            threads=services.latest_threads(user),
        )

    return _page("index", render)


@blp.get("/search")
def search():
    args = _args(("q", "category", "unsolved", "page"))
    user = _user()
    found = services.browse_threads(user, **args) if args.get("q") or args.get("unsolved") else None
    return render_template(
        "forum/search.html",
        found=found,
        threads=found.items if found else [],
        meta=found.meta if found else None,
        pages=_pages(found.meta) if found else {},
        args=args,
        categories=services.list_categories(),
    )


@blp.get("/c/<slug>")
def category(slug: str):
    def render():
        user = _user()
        found_category = services.get_category(slug)
        args = _args(("unsolved", "page"))
        found = services.browse_threads(user, category=slug, **args)
        title = f"{_(found_category.name)} | {_('フォーラム')}"
        return title, _body(
            "forum/_category_body.html",
            category=found_category,
            threads=found.items,
            meta=found.meta,
            pages=_pages(found.meta),
            args=args,
            state=services.category_state(user, found_category),
            can_start=services.can_start_thread(user, found_category),
        )

    return _page("category", render, slug)


@blp.get("/users/<handle>")
def person(handle: str):
    user = _user()
    shown = services.get_user_by_handle(handle)
    found = services.browse_threads(user, author=shown.id, page=1)
    return render_template("forum/person.html", person=shown, threads=found.items, meta=found.meta)


# --- one thread ------------------------------------------------------------------------------


def _thread_body(user, thread, page: int, *, errors: dict | None = None, body: str = ""):
    found = services.list_posts(user, thread, page=page)
    return Markup(
        render_template(
            "forum/_thread_body.html",
            thread=thread,
            posts=found.items,
            meta=found.meta,
            pages=_pages(found.meta),
            viewer=services.viewer(user),
            state=services.subscription_state(user, thread),
            categories=services.list_categories() if services.is_moderator(user) else [],
            errors=errors or {},
            body=body,
        )
    )


def _thread_page(thread, page: int, *, errors: dict | None = None, body: str = "", status=200):
    html = _thread_body(_user(), thread, page, errors=errors, body=body)
    return render_template("forum/page.html", title=thread.title, body=html), status


def _page_arg() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and 0 < int(value) <= 100_000 else 1


@blp.get("/threads/<int:thread_id>")
def thread(thread_id: int):
    def render():
        found = services.get_thread(_user(), thread_id)
        return found.title, _thread_body(_user(), found, _page_arg())

    return _page("thread", render, thread_id)


@blp.post("/threads/<int:thread_id>/reply")
@login_required
def reply(thread_id: int):
    user = _user()
    found = services.get_thread(user, thread_id)
    post, errors = submit_form(
        PostSchema(), request.form, partial(services.do_create_post, user, found)
    )
    if errors:
        return _thread_page(found, 1, errors=errors, body=request.form.get("body", ""), status=422)
    page = services.page_of_post(user, post)
    flash(_("返信しました。"), "success")
    return redirect(
        url_for("forum.thread", thread_id=thread_id, page=page, _anchor=f"post-{post.id}")
    )


@blp.get("/posts/<int:post_id>")
def post(post_id: int):
    user = _user()
    found = services.get_post(user, post_id)
    page = services.page_of_post(user, found)
    return redirect(
        url_for("forum.thread", thread_id=found.thread_id, page=page, _anchor=f"post-{post_id}")
    )


@blp.get("/posts/<int:post_id>/revisions")
def revisions(post_id: int):
    user = _user()
    found = services.get_post(user, post_id)
    return render_template(
        "forum/revisions.html", post=found, revisions=services.list_revisions(user, found)
    )


@blp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    user = _user()
    categories = [c for c in services.list_categories() if services.can_start_thread(user, c)]
    errors: dict = {}
    form = request.form if request.method == "POST" else {}
    if request.method == "POST":
        created, errors = submit_form(
            ThreadSchema(), request.form, partial(services.do_create_thread, user)
        )
        if not errors:
            flash(_("スレッドを作成しました。"), "success")
            return redirect(url_for("forum.thread", thread_id=created.id))
    chosen = request.args.get("category", "")
    return render_template(
        "forum/form.html",
        categories=categories,
        chosen=form.get("category_id")
        or next((str(c.id) for c in categories if c.slug == chosen), ""),
        form=form,
        errors=errors,
        thread=None,
    ), (422 if errors else 200)


@blp.route("/threads/<int:thread_id>/edit", methods=["GET", "POST"])
@login_required
def edit_thread(thread_id: int):
    user = _user()
    found = services.get_thread(user, thread_id)
    opening = services.opening_post(found)
    errors: dict = {}
    if request.method == "POST":
        _result, errors = submit_form(
            ThreadUpdateSchema(), request.form, partial(services.do_update_thread, user, found)
        )
        if not errors:
            flash(_("スレッドを更新しました。"), "success")
            return redirect(url_for("forum.thread", thread_id=thread_id))
    else:
        errors = _run(partial(services.check_can_edit, user, opening))
    form = (
        request.form
        if request.method == "POST"
        else {
            "title": found.title,
            "body": opening.body,
            "is_question": "1" if found.is_question else "",
        }
    )
    return render_template(
        "forum/form.html", categories=[], chosen="", form=form, errors=errors, thread=found
    ), (422 if errors and request.method == "POST" else 200)


@blp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    user = _user()
    found = services.get_post(user, post_id)
    if found.is_opening:
        return redirect(url_for("forum.edit_thread", thread_id=found.thread_id))
    errors: dict = {}
    if request.method == "POST":
        _result, errors = submit_form(
            PostSchema(), request.form, partial(services.do_update_post, user, found)
        )
        if not errors:
            flash(_("投稿を更新しました。"), "success")
            return redirect(url_for("forum.post", post_id=post_id))
    else:
        errors = _run(partial(services.check_can_edit, user, found))
    body = request.form.get("body", "") if request.method == "POST" else found.body
    return render_template("forum/edit_post.html", post=found, body=body, errors=errors), (
        422 if errors and request.method == "POST" else 200
    )


@blp.post("/posts/<int:post_id>/delete")
@login_required
def delete_post(post_id: int):
    user = _user()
    found = services.get_post(user, post_id)
    errors = _run(partial(services.do_delete_post, user, found))
    return _back(found.thread_id, errors, _("投稿を削除しました。"))


@blp.post("/threads/<int:thread_id>/accept")
@login_required
def accept(thread_id: int):
    user = _user()
    found = services.get_thread(user, thread_id)
    value = request.form.get("post_id", "")
    if not value.isdigit() or len(value) > 10:
        return _back(thread_id, {"post_id": [_("回答を選んでください。")]}, "")
    if request.form.get("undo"):
        errors = _run(partial(services.do_unaccept, user, found))
        return _back(thread_id, errors, _("解決済みを取り消しました。"))
    errors = _run(partial(services.do_accept, user, found, post_id=int(value)))
    return _back(thread_id, errors, _("回答を解決策に選びました。"), anchor=f"post-{value}")


@blp.post("/threads/<int:thread_id>/subscription")
@login_required
def subscribe_thread(thread_id: int):
    user = _user()
    found = services.get_thread(user, thread_id)
    state = request.form.get("state", "")
    if state not in ("follow", "mute", "none"):
        return _back(thread_id, {"state": [_("選択肢から選んでください。")]}, "")
    services.do_subscribe_thread(user, found, state=state)
    return _back(thread_id, {}, _("通知の設定を変更しました。"))


@blp.post("/c/<slug>/subscription")
@login_required
def subscribe_category(slug: str):
    user = _user()
    found = services.get_category(slug)
    state = request.form.get("state", "")
    if state in ("follow", "mute", "none"):
        services.do_subscribe_category(user, found, state=state)
        flash(_("通知の設定を変更しました。"), "success")
    return redirect(url_for("forum.category", slug=slug))


@blp.post("/threads/<int:thread_id>/moderate")
@login_required
def moderate_thread(thread_id: int):
    user = _user()
    found = services.get_thread(user, thread_id)
    action = request.form.get("action", "")
    changes: dict = {}
    if action in ("hide", "show"):
        changes["hidden"] = action == "hide"
    elif action in ("lock", "unlock"):
        changes["locked"] = action == "lock"
    elif action == "move":
        value = request.form.get("category_id", "")
        if not value.isdigit() or len(value) > 10:
            return _back(thread_id, {"category_id": [_("カテゴリを選んでください。")]}, "")
        changes["category_id"] = int(value)
    else:
        return _back(thread_id, {"action": [_("選択肢から選んでください。")]}, "")
    errors = _run(partial(services.do_moderate_thread, user, found, **changes))
    return _back(thread_id, errors, _("スレッドを更新しました。"))


@blp.post("/threads/<int:thread_id>/delete")
@login_required
def delete_thread(thread_id: int):
    user = _user()
    found = services.get_thread(user, thread_id)
    slug = found.category.slug
    services.do_delete_thread(user, found)
    flash(_("スレッドを削除しました。"), "success")
    return redirect(url_for("forum.category", slug=slug))


@blp.post("/posts/<int:post_id>/moderate")
@login_required
def moderate_post(post_id: int):
    user = _user()
    found = services.get_post(user, post_id)
    hidden = request.form.get("action") == "hide"
    errors = _run(partial(services.do_moderate_post, user, found, hidden=hidden))
    return _back(found.thread_id, errors, _("投稿を更新しました。"), anchor=f"post-{post_id}")
