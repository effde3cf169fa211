from __future__ import annotations

from marshmallow import ValidationError as SchemaError
from marshmallow import fields, pre_load, validate, validates_schema

from community.core.i18n import N_
from community.core.pagination import PageArgsSchema, PageMetaSchema
from community.core.validation import BaseSchema, PartialUpdate
from community.experts.models import Availability
from community.experts.reference import FIELDS
from community.labs.schemas import PREFECTURE_CODE, REGION_CODES

ID = validate.Range(min=1, max=2**31 - 1)
FIELD_CODE = validate.OneOf(list(FIELDS))
SORTS = ("field", "name", "answers", "recent")
MODES = ("online", "in_person")
NO_MODE = N_("オンラインか対面のどちらかを選んでください。")
LIST_SEPARATORS = (",", "、", "，")


def _unique(values: list) -> None:
    if len(set(values)) != len(values):
        raise SchemaError(N_("同じ値が重複しています。"))


class ExpertProfileSchema(BaseSchema):
    user_id = fields.Integer(
        validate=ID,
        metadata={"description": "The expert; the secretariat names one, an expert leaves it out"},
    )
    headline = fields.String(required=True, validate=validate.Length(min=1, max=120))
    organisation = fields.String(load_default="", validate=validate.Length(max=120))
    expert_fields = fields.List(
        fields.String(validate=FIELD_CODE),
        data_key="fields",
        required=True,
        validate=[
            validate.Length(min=1, error=N_("分野を1つ以上選んでください。")),
            validate.Length(max=len(FIELDS)),
            _unique,
        ],
        metadata={"description": "Codes of ``GET /api/experts/fields``; the first is the main"},
    )
    regions = fields.List(
        fields.String(validate=validate.OneOf(REGION_CODES)),
        load_default=list,
        validate=[validate.Length(max=len(REGION_CODES)), _unique],
        metadata={"description": "Regions covered, with all their prefectures"},
    )
    prefectures = fields.List(
        PREFECTURE_CODE,
        load_default=list,
        validate=[validate.Length(max=47), _unique],
        metadata={"description": "Prefectures covered one by one (JIS codes 01–47)"},
    )
    online = fields.Boolean(load_default=True, metadata={"description": "オンライン"})
    in_person = fields.Boolean(load_default=False, metadata={"description": "対面"})
    honorarium_eligible = fields.Boolean(
        load_default=False, metadata={"description": "講師謝金支援の対象"}
    )
    bio = fields.String(load_default="", validate=validate.Length(max=20_000))
    availability = fields.String(
        load_default=Availability.ACCEPTING.value, validate=validate.OneOf(list(Availability))
    )
    availability_note = fields.String(load_default="", validate=validate.Length(max=200))
    listed = fields.Boolean(load_default=True, metadata={"description": "Shown in the directory"})

    @validates_schema(skip_on_field_errors=False)
    def some_mode(self, data, partial=None, **kwargs):
        if data.get("online") is False and data.get("in_person") is False:
            raise SchemaError(NO_MODE, "online")


class ExpertProfileUpdateSchema(PartialUpdate, ExpertProfileSchema):
    """Any field may be left out; the expert a profile belongs to never changes."""

    class Meta:
        exclude = ("user_id",)


class TallySchema(BaseSchema):
    field = fields.String()
    count = fields.Integer()


class ExpertOutSchema(BaseSchema):
    id = fields.Integer()
    user_id = fields.Integer()
    display_name = fields.String(attribute="user.display_name")
    headline = fields.String()
    organisation = fields.String()
    fields_ = fields.List(fields.String(), attribute="field_codes", data_key="fields")
    regions = fields.List(fields.String(), attribute="region_codes")
    prefectures = fields.List(fields.String(), attribute="prefecture_codes")
    online = fields.Boolean()
    in_person = fields.Boolean()
    honorarium_eligible = fields.Boolean()
    availability = fields.String()
    availability_note = fields.String()
    listed = fields.Boolean()
    answers = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={"description": "Answers given per field (accepted forum answers, channels)"},
    )
    answer_total = fields.Integer()
    can_edit = fields.Boolean(attribute="viewer_can_edit")


class ExpertDetailSchema(ExpertOutSchema):
    bio = fields.String()
    bio_html = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ExpertPageSchema(BaseSchema):
    items = fields.List(fields.Nested(ExpertOutSchema))
    meta = fields.Nested(PageMetaSchema)


class ExpertQueryArgsSchema(PageArgsSchema):
    field = fields.String(validate=FIELD_CODE)
    region = fields.String(
        validate=validate.OneOf(REGION_CODES),
        metadata={"description": "Covers the region, or a prefecture of it"},
    )
    prefecture = fields.String(
        validate=PREFECTURE_CODE.validate,
        metadata={"description": "Covers the prefecture, or its whole region"},
    )
    mode = fields.String(validate=validate.OneOf(MODES))
    honorarium = fields.Boolean(metadata={"description": "講師謝金支援の対象"})
    availability = fields.String(validate=validate.OneOf(list(Availability)))
    q = fields.String(
        validate=validate.Length(max=100),
        metadata={"description": "Words in the name, headline, organisation or bio"},
    )
    sort = fields.String(
        load_default="field",
        validate=validate.OneOf(SORTS),
        metadata={"description": "field (grouped by main field), name, answers, recent"},
    )


class FieldCountSchema(BaseSchema):
    code = fields.String()
    name = fields.String()
    count = fields.Integer(metadata={"description": "Listed experts in the field"})


def _split(value) -> list:
    """``a,b`` or repeated keys: both give a list."""
    values = value if isinstance(value, list | tuple) else [value]
    out = []
    for item in values:
        if isinstance(item, str):
            for sep in LIST_SEPARATORS:
                item = item.replace(sep, ",")
            out += [part.strip() for part in item.split(",") if part.strip()]
        else:
            out.append(item)
    return out


class RecommendationArgsSchema(BaseSchema):
    field_codes = fields.List(
        fields.String(validate=FIELD_CODE),
        data_key="fields",
        load_default=list,
        validate=validate.Length(max=len(FIELDS)),
        metadata={"description": "Field codes, repeated or comma-separated; none: any field"},
    )
    prefecture_codes = fields.List(
        fields.String(validate=PREFECTURE_CODE.validate),
        data_key="prefectures",
        load_default=list,
        validate=validate.Length(max=47),
        metadata={"description": "Prefecture codes, repeated or comma-separated"},
    )
    limit = fields.Integer(load_default=5, validate=validate.Range(min=1, max=20))

    @pre_load
    def split_lists(self, data, **kwargs):
        if not hasattr(data, "keys"):
            return data  # refused by the schema as a wrong type
        return {
            key: _split(data[key]) if key in ("fields", "prefectures") else data[key]
            for key in data
        }


class RecommendationSchema(BaseSchema):
    expert = fields.Nested(ExpertOutSchema)
    score = fields.Float()
    reasons = fields.List(fields.String())


class RecommendationsSchema(BaseSchema):
    fields_ = fields.List(
        fields.String(),
        attribute="fields",
        data_key="fields",
        metadata={"description": "The fields looked for"},
    )
    prefectures = fields.List(fields.String())
    items = fields.List(fields.Nested(RecommendationSchema))
