"""JSON API for labs and reference data: thin handlers over ``labs.services``."""

from __future__ import annotations

from flask import jsonify, url_for
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from community.labs import services
from community.labs.schemas import (
    AppointSchema,
    InvitationCreatedSchema,
    InvitationCreateSchema,
    InvitationPreviewSchema,
    InvitationSchema,
    LabDetailSchema,
    LabMemberSchema,
    LabMemberWithContactSchema,
    LabPageSchema,
    LabQueryArgsSchema,
    LabSchema,
    LabUpdateSchema,
    MemberRoleSchema,
    OrganisationSchema,
    OrganisationUpdateSchema,
    PrefectureSchema,
    RegionSchema,
)

reference_blp = Blueprint(
    "reference_api", __name__, url_prefix="/api", description="Regions and prefectures (JIS codes)"
)
labs_blp = Blueprint(
    "labs_api", __name__, url_prefix="/api/labs", description="Regional DX Promotion Labs"
)
invitations_blp = Blueprint(
    "invitations_api",
    __name__,
    url_prefix="/api/invitations",
    description="Accepting lab invitations",
)
blueprints = (reference_blp, labs_blp, invitations_blp)


def _user():
    return current_user._get_current_object()


@reference_blp.route("/regions")
class Regions(MethodView):
    @reference_blp.response(200, RegionSchema(many=True))
    def get(self):
        """The nine regions, each with its prefectures."""
        return list(services.list_regions())


@reference_blp.route("/prefectures")
class Prefectures(MethodView):
    @reference_blp.response(200, PrefectureSchema(many=True))
    def get(self):
        """All 47 prefectures by JIS code."""
        return services.list_prefectures()


@labs_blp.route("")
class Labs(MethodView):
    @labs_blp.arguments(LabQueryArgsSchema, location="query")
    @labs_blp.response(200, LabPageSchema)
    def get(self, args):
        """Labs, filtered by region code or prefecture JIS code, a page at a time."""
        page = services.list_labs(**args)
        return {"items": page.items, "meta": page.meta}

    @labs_blp.arguments(LabSchema)
    @labs_blp.response(201, LabDetailSchema)
    @labs_blp.alt_response(403, description="Only the secretariat creates labs")
    def post(self, data):
        """Create a lab (secretariat)."""
        return services.do_create_lab(_user(), **data)


@labs_blp.route("/<int:lab_id>")
class LabItem(MethodView):
    @labs_blp.response(200, LabDetailSchema)
    def get(self, lab_id):
        """One lab with its organisations."""
        return services.get_lab(lab_id)

    @labs_blp.arguments(LabUpdateSchema(partial=True))
    @labs_blp.response(200, LabDetailSchema)
    @labs_blp.alt_response(
        403, description="Only the lab's coordinators and the secretariat edit it"
    )
    def patch(self, data, lab_id):
        """Update a lab (its coordinators or the secretariat)."""
        return services.do_update_lab(_user(), services.get_lab(lab_id), **data)


@labs_blp.route("/<int:lab_id>/members")
class LabMembers(MethodView):
    @labs_blp.response(200, LabMemberWithContactSchema(many=True))
    def get(self, lab_id):
        """The lab's members; e-mail addresses only for its coordinators and the secretariat."""
        lab = services.get_lab(lab_id)
        if services.can_see_member_contacts(_user(), lab):
            return lab.memberships
        return jsonify(LabMemberSchema(many=True).dump(lab.memberships))


@labs_blp.route("/<int:lab_id>/coordinators")
class LabCoordinators(MethodView):
    @labs_blp.arguments(AppointSchema)
    @labs_blp.response(201, LabMemberWithContactSchema)
    def post(self, data, lab_id):
        """Appoint a registered user as a coordinator (secretariat)."""
        return services.do_appoint_coordinator(_user(), services.get_lab(lab_id), **data)


@labs_blp.route("/<int:lab_id>/members/<int:user_id>")
class LabMember(MethodView):
    @labs_blp.arguments(MemberRoleSchema)
    @labs_blp.response(200, LabMemberWithContactSchema)
    def patch(self, data, lab_id, user_id):
        """Change a member's role in the lab."""
        membership = services.get_membership(services.get_lab(lab_id), user_id)
        return services.do_change_member_role(_user(), membership, data["role"])

    @labs_blp.response(204)
    def delete(self, lab_id, user_id):
        """Remove a member, or leave the lab yourself."""
        services.do_remove_member(
            _user(), services.get_membership(services.get_lab(lab_id), user_id)
        )


@labs_blp.route("/<int:lab_id>/organisations")
class LabOrganisations(MethodView):
    @labs_blp.response(200, OrganisationSchema(many=True))
    def get(self, lab_id):
        """The lab's member organisations."""
        return services.get_lab(lab_id).organisations

    @labs_blp.arguments(OrganisationSchema)
    @labs_blp.response(201, OrganisationSchema)
    @labs_blp.alt_response(409, description="An organisation of that name is registered already")
    def post(self, data, lab_id):
        """Add a member organisation."""
        return services.do_add_organisation(_user(), services.get_lab(lab_id), **data)


@labs_blp.route("/<int:lab_id>/organisations/<int:organisation_id>")
class LabOrganisation(MethodView):
    @labs_blp.arguments(OrganisationUpdateSchema(partial=True))
    @labs_blp.response(200, OrganisationSchema)
    def patch(self, data, lab_id, organisation_id):
        """Update a member organisation."""
        organisation = services.get_organisation(services.get_lab(lab_id), organisation_id)
        return services.do_update_organisation(_user(), organisation, **data)

    @labs_blp.response(204)
    def delete(self, lab_id, organisation_id):
        """Remove a member organisation."""
        organisation = services.get_organisation(services.get_lab(lab_id), organisation_id)
        services.do_remove_organisation(_user(), organisation)


@labs_blp.route("/<int:lab_id>/invitations")
class LabInvitations(MethodView):
    @labs_blp.response(200, InvitationSchema(many=True))
    def get(self, lab_id):
        """The lab's invitations (its coordinators and the secretariat)."""
        return services.list_invitations(_user(), services.get_lab(lab_id))

    @labs_blp.arguments(InvitationCreateSchema)
    @labs_blp.response(201, InvitationCreatedSchema)
    def post(self, data, lab_id):
        """Create an expiring invitation link."""
        invitation, raw = services.do_create_invitation(_user(), services.get_lab(lab_id), **data)
        invitation.secret = raw  # carried to this response only; stored as a hash
        invitation.url = url_for("labs.invitation", token=raw, _external=True)
        return invitation


@labs_blp.route("/<int:lab_id>/invitations/<int:invitation_id>")
class LabInvitation(MethodView):
    @labs_blp.response(204)
    def delete(self, lab_id, invitation_id):
        """Revoke an invitation that has not been used."""
        invitation = services.get_invitation(services.get_lab(lab_id), invitation_id)
        services.do_revoke_invitation(_user(), invitation)


@invitations_blp.route("/<token>")
class InvitationByToken(MethodView):
    @invitations_blp.response(200, InvitationPreviewSchema)
    def get(self, token):
        """What an invitation link offers."""
        return services.find_invitation(token)


@invitations_blp.route("/<token>/accept")
class InvitationAccept(MethodView):
    @invitations_blp.response(201, LabMemberWithContactSchema)
    @invitations_blp.alt_response(410, description="Expired, revoked or used")
    def post(self, token):
        """Join the lab with an invitation."""
        return services.do_accept_invitation(_user(), token)
