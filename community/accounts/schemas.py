from __future__ import annotations

from marshmallow import fields, validate

from community.accounts.models import LANGUAGES
from community.core.i18n import N_
from community.core.validation import BaseSchema

EMAIL = fields.Email(required=True, validate=validate.Length(max=254))
PASSWORD_RULE = validate.Length(
    min=10, max=256, error=N_("パスワードは10文字以上256文字以下にしてください。")
)
DISPLAY_NAME_RULE = validate.Length(min=1, max=80)


class RegisterSchema(BaseSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    display_name = fields.String(required=True, validate=DISPLAY_NAME_RULE)
    password = fields.String(required=True, load_only=True, validate=PASSWORD_RULE)
    preferred_language = fields.String(load_default="ja", validate=validate.OneOf(LANGUAGES))


class LoginSchema(BaseSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(min=1, max=256)
    )
    remember = fields.Boolean(load_default=False)


class MembershipSummarySchema(BaseSchema):
    lab_id = fields.Integer()
    lab_name = fields.String(attribute="lab.name")
    lab_slug = fields.String(attribute="lab.slug")
    role = fields.String()


class UserSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    display_name = fields.String()
    handle = fields.String(dump_only=True)
    role = fields.String(dump_only=True)


class MeSchema(UserSchema):
    email = fields.Email(dump_only=True)
    preferred_language = fields.String()
    roles = fields.List(fields.String(), dump_only=True)
    memberships = fields.List(fields.Nested(MembershipSummarySchema), dump_only=True)
    created_at = fields.DateTime(dump_only=True)


class ProfileUpdateSchema(BaseSchema):
    display_name = fields.String(validate=DISPLAY_NAME_RULE)
    preferred_language = fields.String(validate=validate.OneOf(LANGUAGES))


class PasswordChangeSchema(BaseSchema):
    current_password = fields.String(
        required=True, load_only=True, validate=validate.Length(max=256)
    )
    new_password = fields.String(required=True, load_only=True, validate=PASSWORD_RULE)


class TokenCreateSchema(BaseSchema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    expires_in_days = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1, max=3650)
    )


class TokenSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    prefix = fields.String()
    created_at = fields.DateTime()
    expires_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)


class TokenCreatedSchema(TokenSchema):
    token = fields.String(
        attribute="secret", metadata={"description": "The secret; shown only in this response."}
    )


class CsrfSchema(BaseSchema):
    csrf_token = fields.String()


class LanguageSchema(BaseSchema):
    language = fields.String(required=True, validate=validate.OneOf(LANGUAGES))
