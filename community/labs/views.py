"""HTML pages for labs: thin handlers over ``labs.services``."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.exceptions import HTTPException

from community.accounts.models import Role
from community.core.db import utcnow
from community.core.validation import load_form, submit_form
from community.experts import services as experts
from community.labs import services
from community.labs.models import LabKind, OrganisationKind
from community.labs.schemas import (
    AppointSchema,
    InvitationCreateSchema,
    LabSchema,
    LabUpdateSchema,
    MemberRoleSchema,
    OrganisationSchema,
)

blp = Blueprint("labs", __name__, url_prefix="/labs")

LAB_KIND_LABELS = {
    LabKind.DX: _l("地域DX推進ラボ"),
    LabKind.IOT_TRANSITION: _l("地方版IoT推進ラボ（移行期間中）"),
}
ORGANISATION_KIND_LABELS = {
    OrganisationKind.MUNICIPALITY: _l("自治体"),
    OrganisationKind.PUBLIC_BODY: _l("公的機関"),
    OrganisationKind.FINANCIAL: _l("金融機関"),
    OrganisationKind.CHAMBER: _l("商工会・商工会議所"),
    OrganisationKind.EDUCATION: _l("教育機関"),
    OrganisationKind.IT_VENDOR: _l("ITベンダー"),
    OrganisationKind.SUPPORT_CENTRE: _l("支援機関"),
    OrganisationKind.COMPANY: _l("企業"),
    OrganisationKind.CITIZENS: _l("市民団体"),
    OrganisationKind.OTHER: _l("その他"),
}
ROLE_LABELS = {
    Role.SECRETARIAT: _l("事務局"),
    Role.COORDINATOR: _l("コーディネーター"),
    Role.MEMBER: _l("メンバー"),
    Role.EXPERT: _l("専門家"),
}


@blp.app_context_processor
def labels():
    return {
        "LAB_KIND_LABELS": LAB_KIND_LABELS,
        "ORGANISATION_KIND_LABELS": ORGANISATION_KIND_LABELS,
        "ROLE_LABELS": ROLE_LABELS,
    }


def _user():
    return current_user._get_current_object()


@blp.get("")
def index():
    region = request.args.get("region") or None
    prefecture = request.args.get("prefecture") or None
    regions = services.list_regions()
    if region not in {r.code for r in regions}:
        region = None
    if prefecture not in {p.code for r in regions for p in r.prefectures}:
        prefecture = None
    labs = services.labs_for_directory(region=region, prefecture=prefecture)
    by_region = {r.code: [] for r in regions}
    for lab in labs:
        for lab_region in lab.regions:
            by_region[lab_region.code].append(lab)
    return render_template(
        "labs/index.html",
        regions=regions,
        by_region=by_region,
        region=region,
        prefecture=prefecture,
        count=len(labs),
        can_create=current_user.is_authenticated and current_user.is_secretariat,
    )


def _lab_form(lab=None):
    errors: dict = {}
    if request.method == "POST":
        if lab is None:
            action = partial(services.do_create_lab, _user())
            saved, errors = submit_form(LabSchema(), request.form, action)
        else:
            action = partial(services.do_update_lab, _user(), lab)
            saved, errors = submit_form(LabUpdateSchema(), request.form, action, partial=True)
        if not errors:
            flash(_("ラボを保存しました。"), "success")
            return redirect(url_for("labs.detail", slug=saved.slug))
    return (
        render_template(
            "labs/form.html",
            lab=lab,
            errors=errors,
            form=request.form if request.method == "POST" else None,
            regions=services.list_regions(),
        ),
        422 if errors else 200,
    )


@blp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    services.check_can_create_lab(_user())
    return _lab_form()


@blp.get("/<slug>")
def detail(slug: str):
    lab = services.get_lab_by_slug(slug)
    return render_template(
        "labs/detail.html",
        lab=lab,
        can_manage=services.can_manage_lab(_user(), lab),
        show_contacts=services.can_see_member_contacts(_user(), lab),
        recommended_experts=experts.recommend_for_lab_page(lab),
        recommended_title=_("このラボに合う専門家"),
    )


@blp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    lab = services.get_lab_by_slug(slug)
    services.check_can_manage_lab(_user(), lab)
    return _lab_form(lab)


@blp.get("/<slug>/manage")
@login_required
def manage(slug: str, errors: dict | None = None, new_link: str | None = None, status: int = 200):
    lab = services.get_lab_by_slug(slug)
    invitations = services.list_invitations(_user(), lab)
    return (
        render_template(
            "labs/manage.html",
            lab=lab,
            invitations=invitations,
            now=utcnow(),
            errors=errors or {},
            new_link=new_link,
        ),
        status,
    )


def _after_write(slug: str, message: str):
    flash(message, "success")
    return redirect(url_for("labs.manage", slug=slug))


def _manage_form(slug: str, schema, do, section: str, done: str):
    """A form on the manage page: the service's errors go back to the page, under ``section``."""
    lab = services.get_lab_by_slug(slug)
    _result, errors = submit_form(schema, request.form, partial(do, _user(), lab))
    if errors:
        return manage(slug, errors={section: errors}, status=422)
    return _after_write(slug, done)


@blp.post("/<slug>/organisations")
@login_required
def add_organisation(slug: str):
    return _manage_form(
        slug, OrganisationSchema(), services.do_add_organisation, "organisation",
        _("構成団体を追加しました。"),
    )  # fmt: skip


@blp.post("/<slug>/organisations/<int:organisation_id>/delete")
@login_required
def remove_organisation(slug: str, organisation_id: int):
    lab = services.get_lab_by_slug(slug)
    services.do_remove_organisation(_user(), services.get_organisation(lab, organisation_id))
    return _after_write(slug, _("構成団体を削除しました。"))


@blp.post("/<slug>/coordinators")
@login_required
def appoint(slug: str):
    return _manage_form(
        slug, AppointSchema(), services.do_appoint_coordinator, "appoint",
        _("コーディネーターを任命しました。"),
    )  # fmt: skip


@blp.post("/<slug>/members/<int:user_id>/role")
@login_required
def change_role(slug: str, user_id: int):
    lab = services.get_lab_by_slug(slug)
    data, errors = load_form(MemberRoleSchema(), request.form)
    if errors:
        return manage(slug, errors={"members": errors}, status=422)
    services.do_change_member_role(_user(), services.get_membership(lab, user_id), data["role"])
    return _after_write(slug, _("役割を変更しました。"))


@blp.post("/<slug>/members/<int:user_id>/remove")
@login_required
def remove_member(slug: str, user_id: int):
    lab = services.get_lab_by_slug(slug)
    services.do_remove_member(_user(), services.get_membership(lab, user_id))
    if user_id == current_user.id:
        flash(_("ラボから退出しました。"), "info")
        return redirect(url_for("labs.detail", slug=slug))
    return _after_write(slug, _("メンバーを外しました。"))


@blp.post("/<slug>/invitations")
@login_required
def invite(slug: str):
    lab = services.get_lab_by_slug(slug)
    data, errors = load_form(InvitationCreateSchema(), request.form)
    if errors:
        return manage(slug, errors={"invite": errors}, status=422)
    _invitation, raw = services.do_create_invitation(_user(), lab, **data)
    link = url_for("labs.invitation", token=raw, _external=True)
    return manage(slug, new_link=link, status=201)


@blp.post("/<slug>/invitations/<int:invitation_id>/revoke")
@login_required
def revoke_invitation(slug: str, invitation_id: int):
    lab = services.get_lab_by_slug(slug)
    services.do_revoke_invitation(_user(), services.get_invitation(lab, invitation_id))
    return _after_write(slug, _("招待を取り消しました。"))


@blp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token: str):
    found = services.find_invitation(token)
    problem = None
    try:
        services.check_invitation_open(found)
    except HTTPException as error:
        problem = error.description
    if request.method == "POST" and problem is None:
        if not current_user.is_authenticated:
            return redirect(url_for("accounts.login", next=request.path))
        try:
            services.do_accept_invitation(_user(), token)
        except HTTPException as error:
            problem = error.description
        else:
            flash(_("%(lab)sに参加しました。", lab=found.lab.name), "success")
            return redirect(url_for("labs.detail", slug=found.lab.slug))
    return render_template("labs/invitation.html", invitation=found, problem=problem), (
        410 if problem else 200
    )
