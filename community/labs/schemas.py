from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from community.accounts.models import Role
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.pagination import PageArgsSchema, page_schema
from community.core.validation import BaseSchema
from community.labs.models import LabKind, OrganisationKind
from community.labs.reference import REGIONS

PREFECTURE_CODE = fields.String(
    validate=validate.Regexp(
        r"^(0[1-9]|[1-3][0-9]|4[0-7])$", error=N_("都道府県コードは01〜47です。")
    )
)
RESERVED_SLUGS = ("new", "invitations")  # paths under /labs/ that are not labs
REGION_CODES = tuple(code for code, _name_ja, _name_en in REGIONS)


class PrefectureRefSchema(BaseSchema):
    code = fields.String()
    name_ja = fields.String()
    name_en = fields.String()


class PrefectureSchema(PrefectureRefSchema):
    region = fields.String(attribute="region.code")


class RegionSchema(BaseSchema):
    code = fields.String()
    name_ja = fields.String()
    name_en = fields.String()
    prefectures = fields.List(fields.Nested(PrefectureRefSchema))


class RegionRefSchema(BaseSchema):
    code = fields.String()
    name_ja = fields.String()
    name_en = fields.String()


class OrganisationSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    kind = fields.String(
        required=True, validate=validate.OneOf([k.value for k in OrganisationKind])
    )
    is_key_person = fields.Boolean(load_default=False)


class OrganisationUpdateSchema(OrganisationSchema):
    """Loaded with ``partial=True``."""


class LabMemberSchema(BaseSchema):
    user_id = fields.Integer()
    display_name = fields.String(attribute="user.display_name")
    role = fields.String()
    joined_at = fields.DateTime(attribute="created_at")


class LabMemberWithContactSchema(LabMemberSchema):
    email = fields.String(attribute="user.email")


class LabSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    slug = fields.String(
        required=True,
        validate=[
            validate.Length(min=2, max=60),
            validate.Regexp(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                error=N_("英小文字・数字・ハイフンで入力してください。"),
            ),
            validate.NoneOf(RESERVED_SLUGS, error=N_("この識別子は使えません。")),
        ],
    )
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    kind = fields.String(
        load_default=LabKind.DX.value, validate=validate.OneOf([k.value for k in LabKind])
    )
    transition_deadline = fields.Date(allow_none=True, load_default=None)
    prefectures = fields.List(
        PREFECTURE_CODE, required=True, validate=validate.Length(min=1, max=47)
    )
    vision = fields.String(load_default="", validate=validate.Length(max=5000))
    kpi = fields.String(load_default="", validate=validate.Length(max=5000))
    consultation_contact = fields.String(load_default="", validate=validate.Length(max=2000))
    description = fields.String(load_default="", validate=validate.Length(max=20000))
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)

    @validates_schema
    def deadline_for_transition(self, data, **kwargs):
        if data.get("kind") == LabKind.IOT_TRANSITION and not data.get("transition_deadline"):
            raise ValidationError(
                N_("移行中のIoT推進ラボには移行期限が必要です。"), "transition_deadline"
            )


class LabUpdateSchema(LabSchema):
    """Loaded with ``partial=True``: only the fields sent change."""

    @validates_schema
    def deadline_for_transition(self, data, **kwargs):
        """Checked against the stored lab in the service, where the other half of the pair is."""


class LabOutSchema(LabSchema):
    prefectures = fields.Function(lambda lab: [p.code for p in lab.prefectures])
    regions = fields.List(fields.Nested(RegionRefSchema), dump_only=True)
    description_html = fields.String(dump_only=True)
    coordinators = fields.Function(
        lambda lab: [{"user_id": u.id, "display_name": u.display_name} for u in lab.coordinators]
    )
    member_count = fields.Function(lambda lab: len(lab.memberships))


class LabDetailSchema(LabOutSchema):
    organisations = fields.List(fields.Nested(OrganisationSchema), dump_only=True)


LabPageSchema = page_schema(LabOutSchema, "LabPage")


class LabQueryArgsSchema(PageArgsSchema):
    region = fields.String(validate=validate.OneOf(REGION_CODES))
    prefecture = PREFECTURE_CODE


class AppointSchema(BaseSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))


class MemberRoleSchema(BaseSchema):
    role = fields.String(
        required=True, validate=validate.OneOf([Role.COORDINATOR.value, Role.MEMBER.value])
    )


class InvitationCreateSchema(BaseSchema):
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))
    role = fields.String(
        load_default=Role.MEMBER.value,
        validate=validate.OneOf([Role.COORDINATOR.value, Role.MEMBER.value]),
    )
    ttl_days = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1, max=90)
    )


class InvitationSchema(BaseSchema):
    id = fields.Integer()
    email = fields.String(allow_none=True)
    role = fields.String()
    created_at = fields.DateTime()
    expires_at = fields.DateTime()
    accepted_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)
    state = fields.Function(lambda invitation: invitation.state(utcnow()))


class InvitationCreatedSchema(InvitationSchema):
    url = fields.String(
        metadata={"description": "The invitation link; its secret is shown only here."}
    )
    token = fields.String(attribute="secret")


class LabRefSchema(BaseSchema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()


class InvitationPreviewSchema(BaseSchema):
    lab = fields.Nested(LabRefSchema)
    role = fields.String()
    expires_at = fields.DateTime()
    state = fields.Function(lambda invitation: invitation.state(utcnow()))
