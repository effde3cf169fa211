"""HTML pages for the expert directory: thin handlers over ``experts.services``."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from marshmallow import EXCLUDE, ValidationError
from werkzeug.datastructures import MultiDict

from community.core.permissions import NOT_ALLOWED, require
from community.core.templating import url_with
from community.core.validation import submit_form
from community.experts import services
from community.experts.schemas import (
    ExpertProfileSchema,
    ExpertProfileUpdateSchema,
    ExpertQueryArgsSchema,
)
from community.experts.services import FIELD_LABELS
from community.forum import services as forum
from community.labs import services as labs

blp = Blueprint("experts", __name__, url_prefix="/experts")

AVAILABILITY_LABELS = {
    "accepting": _l("相談受付中"),
    "limited": _l("受付は限定的"),
    "not_accepting": _l("受付停止中"),
}
MODE_LABELS = {"online": _l("オンライン"), "in_person": _l("対面")}
SORT_LABELS = {
    "field": _l("分野順"),
    "name": _l("名前順"),
    "answers": _l("回答が多い順"),
    "recent": _l("更新が新しい順"),
}
FILTER_LABELS = {
    "field": _l("分野"),
    "region": _l("地域"),
    "prefecture": _l("都道府県"),
    "mode": _l("対応形式"),
    "honorarium": _l("講師謝金支援"),
    "availability": _l("受付状況"),
    "q": _l("キーワード"),
    "sort": _l("並び順"),
    "page": _l("ページ"),
    "per_page": _l("表示件数"),
}
LIST_FILTERS = ("field", "region", "prefecture", "mode", "honorarium", "availability", "q")


def _user():
    return current_user._get_current_object()


def _place_names() -> tuple[dict[str, str], dict[str, str]]:
    return labs.place_names(get_locale().language == "ja")


def _labels() -> dict:
    region_names, prefecture_names = _place_names()
    return {
        "FIELD_LABELS": FIELD_LABELS,
        "AVAILABILITY_LABELS": AVAILABILITY_LABELS,
        "MODE_LABELS": MODE_LABELS,
        "region_names": region_names,
        "prefecture_names": prefecture_names,
    }


def _query_args(args) -> tuple[dict, list[str]]:
    """The valid filters; wrong ones are left out and named (as the case library does)."""
    names = (*LIST_FILTERS, "sort", "page", "per_page")
    raw = {key: args[key] for key in names if key in args and args[key].strip() != ""}
    schema = ExpertQueryArgsSchema()
    ignored: list[str] = []
    while True:
        try:
            return schema.load(raw, unknown=EXCLUDE), ignored
        except ValidationError as error:
            bad = [key for key in error.messages if key in raw] or list(raw)
            ignored += bad
            for key in bad:
                raw.pop(key)


def _chips(args: dict, drop: dict) -> list[tuple[str, str, str]]:
    region_names, prefecture_names = _place_names()
    names = {
        "field": FIELD_LABELS,
        "region": region_names,
        "prefecture": prefecture_names,
        "mode": MODE_LABELS,
        "availability": AVAILABILITY_LABELS,
    }
    chips = []
    for name in LIST_FILTERS:
        if name not in args:
            continue
        value = args[name]
        if name == "honorarium":
            label = _("対象") if value else _("対象外")
        else:
            label = str(names.get(name, {}).get(value, value))
        chips.append(
            (str(FILTER_LABELS[name]), label, url_with(**{**drop, name: None, "page": None}))
        )
    return chips


def _groups(profiles, sort: str, field: str | None) -> list[tuple[str | None, list]]:
    """Consecutive profiles of the same main field under one heading (sorted by field)."""
    if sort != "field" or field:
        return [(field, list(profiles))] if profiles else []
    groups: list[tuple[str | None, list]] = []
    for profile in profiles:
        if groups and groups[-1][0] == profile.primary_field:
            groups[-1][1].append(profile)
        else:
            groups.append((profile.primary_field, [profile]))
    return groups


@blp.get("")
def index():
    args, ignored = _query_args(request.args)
    found = services.browse_experts(_user(), **args)
    drop = dict.fromkeys(ignored)
    meta = found.meta
    return render_template(
        "experts/index.html",
        groups=_groups(found.items, args["sort"], args.get("field")),
        meta=meta,
        args=args,
        counts=services.field_counts(),
        chips=_chips(args, drop),
        ignored=[str(FILTER_LABELS.get(name, name)) for name in ignored],
        regions=labs.list_regions(),
        SORT_LABELS=SORT_LABELS,
        pages={
            "prev": url_with(**drop, page=meta["page"] - 1) if meta["page"] > 1 else None,
            "next": url_with(**drop, page=meta["page"] + 1)
            if meta["page"] < meta["pages"]
            else None,
        },
        can_create=services.can_create_profile(_user()),
        **_labels(),
    )


@blp.get("/me")
@login_required
def me():
    own = services.find_own_profile(_user())
    if own is None:
        return redirect(url_for("experts.create"))
    return redirect(url_for("experts.detail", expert_id=own.id))


@blp.get("/for-thread/<int:thread_id>")
def for_thread(thread_id: int):
    """この相談に合う専門家: linked from a forum thread, so the thread page stays cheap."""
    thread = forum.get_thread(_user(), thread_id)
    return render_template(
        "experts/for_thread.html",
        thread=thread,
        recommended_experts=services.recommend_for_thread_page(thread),
        recommended_title=_("この相談に合う専門家"),
    )


@blp.get("/<int:expert_id>")
def detail(expert_id: int):
    profile = services.get_profile(_user(), expert_id)
    return render_template("experts/detail.html", expert=profile, **_labels())


# --- the form -------------------------------------------------------------------------------


def _values_from_profile(profile) -> dict:
    return {
        "headline": profile.headline,
        "organisation": profile.organisation,
        "fields": profile.field_codes,
        "primary_field": profile.primary_field,
        "regions": profile.region_codes,
        "prefectures": profile.prefecture_codes,
        "online": profile.online,
        "in_person": profile.in_person,
        "honorarium_eligible": profile.honorarium_eligible,
        "bio": profile.bio,
        "availability": profile.availability,
        "availability_note": profile.availability_note,
        "listed": profile.listed,
    }


def _values_from_form(form) -> dict:
    flags = ("online", "in_person", "honorarium_eligible", "listed")
    values = {key: form.get(key, "") for key in form if key not in flags}
    for key in ("fields", "regions", "prefectures"):
        values[key] = [v for v in form.getlist(key) if v]
    for key in flags:
        values[key] = key in form
    return values


def _posted() -> MultiDict:
    """The form, with the main field first among the fields (it is the one the directory
    groups by)."""
    form = MultiDict(request.form)
    chosen = [v for v in form.getlist("fields") if v]
    main = form.get("primary_field", "")
    if main:
        chosen = [main, *[code for code in chosen if code != main]]
    form.setlist("fields", chosen or [""])
    return form


def _form(profile=None):
    user = _user()
    errors: dict = {}
    if request.method == "POST":
        if profile is None:
            schema, action = ExpertProfileSchema(), partial(services.do_create_profile, user)
            if not user.is_secretariat:
                schema = ExpertProfileSchema(exclude=("user_id",))
        else:
            schema = ExpertProfileUpdateSchema()
            action = partial(services.do_update_profile, user, profile)
        saved, errors = submit_form(schema, _posted(), action, partial=profile is not None)
        if not errors:
            flash(_("専門家プロフィールを保存しました。"), "success")
            return redirect(url_for("experts.detail", expert_id=saved.id))
    if request.method == "POST":
        values = _values_from_form(request.form)
    elif profile is not None:
        values = _values_from_profile(profile)
    else:
        values = {"online": True, "listed": True, "availability": "accepting"}
    return (
        render_template(
            "experts/form.html",
            expert=profile,
            values=values,
            errors=errors,
            regions=labs.list_regions(),
            candidates=services.experts_without_profile()
            if profile is None and user.is_secretariat
            else [],
            **_labels(),
        ),
        422 if errors else 200,
    )


@blp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    require(services.can_create_profile(_user()), NOT_ALLOWED)
    own = None if _user().is_secretariat else services.find_own_profile(_user())
    if own is not None:  # one profile each: an expert who has one edits it
        return redirect(url_for("experts.edit", expert_id=own.id))
    return _form()


@blp.route("/<int:expert_id>/edit", methods=["GET", "POST"])
@login_required
def edit(expert_id: int):
    profile = services.get_profile(_user(), expert_id)
    services.check_can_edit_profile(_user(), profile)
    return _form(profile)


@blp.post("/<int:expert_id>/delete")
@login_required
def delete(expert_id: int):
    services.do_delete_profile(_user(), services.get_profile(_user(), expert_id))
    flash(_("専門家プロフィールを削除しました。"), "success")
    return redirect(url_for("experts.index"))
