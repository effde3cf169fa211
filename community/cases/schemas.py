from __future__ import annotations

from marshmallow import ValidationError as SchemaError
from marshmallow import fields, validate, validates_schema

from community.cases.reference import (
    CHALLENGES,
    INDUSTRIES,
    POLICIES,
    SIZE_BANDS,
    SUBSIDY_PROGRAMMES,
)
from community.core.i18n import N_
from community.core.pagination import PageArgsSchema, PageMetaSchema
from community.core.validation import BaseSchema, PartialUpdate
from community.labs.schemas import PREFECTURE_CODE, REGION_CODES

YEN = validate.Range(min=0, max=10**13)


ID = validate.Range(min=1, max=2**31 - 1)


class OutcomeSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    metric = fields.String(required=True, validate=validate.Length(min=1, max=100))
    value_before = fields.Float(allow_none=True, load_default=None, allow_nan=False)
    value_after = fields.Float(allow_none=True, load_default=None, allow_nan=False)
    unit = fields.String(load_default="", validate=validate.Length(max=30))
    period = fields.String(load_default="", validate=validate.Length(max=60))
    evidence = fields.String(load_default="", validate=validate.Length(max=2000))


class SubsidyUsageSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    programme = fields.String(required=True, validate=validate.OneOf(list(SUBSIDY_PROGRAMMES)))
    frame = fields.String(load_default="", validate=validate.Length(max=60))
    administering_body = fields.String(load_default="", validate=validate.Length(max=100))
    fiscal_year = fields.Integer(
        allow_none=True, load_default=None, validate=validate.Range(min=1990, max=2100)
    )
    amount_granted = fields.Integer(allow_none=True, load_default=None, validate=YEN)
    subsidy_rate = fields.Float(
        allow_none=True, load_default=None, allow_nan=False, validate=validate.Range(min=0, max=1)
    )
    total_cost = fields.Integer(allow_none=True, load_default=None, validate=YEN)
    adopted = fields.Boolean(load_default=True)
    vendor = fields.String(load_default="", validate=validate.Length(max=100))
    notes = fields.String(load_default="", validate=validate.Length(max=2000))


class PolicyUseSchema(BaseSchema):
    policy = fields.String(required=True, validate=validate.OneOf(list(POLICIES)))
    count = fields.Integer(load_default=1, validate=validate.Range(min=0, max=1_000_000))


TAG = fields.String(validate=validate.Length(min=1, max=40))


class CaseSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    lab_id = fields.Integer(required=True, validate=ID)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    summary = fields.String(load_default="", validate=validate.Length(max=2000))
    body = fields.String(load_default="", validate=validate.Length(max=50_000))
    prefecture = fields.String(allow_none=True, validate=PREFECTURE_CODE.validate)
    industry = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(list(INDUSTRIES))
    )
    size_band = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(list(SIZE_BANDS))
    )
    challenges = fields.List(
        fields.String(validate=validate.OneOf(list(CHALLENGES))), load_default=list
    )
    tags = fields.List(TAG, load_default=list, validate=validate.Length(max=20))
    technologies = fields.List(TAG, load_default=list, validate=validate.Length(max=20))
    simple_dx = fields.Boolean(load_default=False)
    status = fields.String(load_default="draft", validate=validate.OneOf(["draft", "published"]))
    period_start = fields.Date(allow_none=True, load_default=None)
    period_end = fields.Date(allow_none=True, load_default=None)
    contact = fields.String(load_default="", validate=validate.Length(max=1000))
    outcomes = fields.List(
        fields.Nested(OutcomeSchema), load_default=list, validate=validate.Length(max=50)
    )
    subsidies = fields.List(
        fields.Nested(SubsidyUsageSchema), load_default=list, validate=validate.Length(max=50)
    )
    policies = fields.List(
        fields.Nested(PolicyUseSchema), load_default=list, validate=validate.Length(max=10)
    )
    adapted_from_id = fields.Integer(
        load_only=True,
        allow_none=True,
        validate=ID,
        metadata={"description": "The case this one adapts to its own region (横展開)"},
    )

    @validates_schema
    def period_in_order(self, data, **kwargs):
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            raise SchemaError(N_("終了日は開始日より後にしてください。"), "period_end")


class CaseUpdateSchema(PartialUpdate, CaseSchema):
    """Any field may be left out; a list sent replaces the stored rows."""


class CaseOutSchema(BaseSchema):
    id = fields.Integer()
    lab_id = fields.Integer()
    lab_name = fields.String(attribute="lab.name")
    title = fields.String()
    summary = fields.String()
    prefecture = fields.String(attribute="prefecture_code", allow_none=True)
    region = fields.String(attribute="region_code", allow_none=True)
    industry = fields.String(allow_none=True)
    size_band = fields.String(allow_none=True)
    challenges = fields.List(fields.String(), attribute="challenge_codes")
    tags = fields.List(fields.String(), attribute="tag_names")
    technologies = fields.List(fields.String())
    simple_dx = fields.Boolean()
    status = fields.String()
    rollout_count = fields.Integer()
    interest_count = fields.Integer()
    published_at = fields.DateTime(allow_none=True)
    updated_at = fields.DateTime()


class CaseDetailSchema(CaseOutSchema):
    body = fields.String()
    body_html = fields.String()
    period_start = fields.Date(allow_none=True)
    period_end = fields.Date(allow_none=True)
    contact = fields.String()
    outcomes = fields.List(fields.Nested(OutcomeSchema))
    subsidies = fields.List(fields.Nested(SubsidyUsageSchema))
    policies = fields.List(fields.Nested(PolicyUseSchema))
    moderation_note = fields.String()
    adapted_from = fields.Function(
        lambda case: _case_ref(case.adaptation_of.case) if case.adaptation_of else None
    )


def _case_ref(case) -> dict:
    return {"id": case.id, "title": case.title, "lab_name": case.lab.name}


class CaseRefSchema(BaseSchema):
    id = fields.Integer()
    title = fields.String()
    lab_name = fields.String(attribute="lab.name")
    status = fields.String()


ROLLOUT_STATUSES = ["planned", "in_progress", "done"]


class RolloutSchema(BaseSchema):
    """A lab's adoption of the case: its own record, or a link to the lab's adapted case."""

    lab_id = fields.Integer(
        validate=ID, metadata={"description": "Adopting lab; defaults to the actor's only lab"}
    )
    prefecture = fields.String(allow_none=True, validate=PREFECTURE_CODE.validate)
    status = fields.String(load_default="planned", validate=validate.OneOf(ROLLOUT_STATUSES))
    changes = fields.String(load_default="", validate=validate.Length(max=5000))
    adapted_case_id = fields.Integer(allow_none=True, validate=ID)
    outcomes = fields.List(
        fields.Nested(OutcomeSchema), load_default=list, validate=validate.Length(max=50)
    )


class RolloutUpdateSchema(PartialUpdate, RolloutSchema):
    """Any field may be left out; the adopting lab does not change."""

    class Meta:
        exclude = ("lab_id",)


class RolloutOutSchema(BaseSchema):
    id = fields.Integer()
    case_id = fields.Integer()
    lab_id = fields.Integer()
    lab_name = fields.String(attribute="lab.name")
    prefecture = fields.String(attribute="prefecture_code", allow_none=True)
    region = fields.Function(lambda r: r.prefecture.region.code if r.prefecture else None)
    status = fields.String()
    changes = fields.String()
    adapted_case = fields.Nested(CaseRefSchema, allow_none=True)
    outcomes = fields.List(fields.Nested(OutcomeSchema))
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class LineageEntrySchema(BaseSchema):
    kind = fields.String(metadata={"description": "original, adaptation (a case) or adoption"})
    case = fields.Nested(CaseRefSchema, allow_none=True)
    rollout = fields.Nested(RolloutOutSchema, allow_none=True)
    lab_name = fields.String()
    prefecture = fields.String(allow_none=True)
    region = fields.String(allow_none=True)
    status = fields.String()
    outcomes = fields.List(fields.Nested(OutcomeSchema))


class LineageSchema(BaseSchema):
    original = fields.Nested(CaseRefSchema)
    entries = fields.List(fields.Nested(LineageEntrySchema))
    regions_reached = fields.Integer()
    prefectures_reached = fields.Integer()
    labs_reached = fields.Integer()


class InterestSchema(BaseSchema):
    lab_id = fields.Integer(
        validate=ID, metadata={"description": "The lab that wants to try it; defaults to yours"}
    )


class InterestStateSchema(BaseSchema):
    interested = fields.Boolean()
    interest_count = fields.Integer()


class QuestionSchema(BaseSchema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=5000))


class AnswerSchema(BaseSchema):
    answer = fields.String(required=True, validate=validate.Length(min=1, max=5000))


class QuestionOutSchema(BaseSchema):
    id = fields.Integer()
    case_id = fields.Integer()
    asker_name = fields.Function(lambda q: q.asker.display_name if q.asker else None)
    lab_name = fields.Function(lambda q: q.lab.name if q.lab else None)
    body = fields.String()
    body_html = fields.String()
    answer = fields.String()
    answer_html = fields.String()
    answered_by_name = fields.Function(
        lambda q: q.answered_by.display_name if q.answered_by else None
    )
    answered_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()


class UnpublishSchema(BaseSchema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class FacetCountsSchema(BaseSchema):
    region = fields.Dict(keys=fields.String(), values=fields.Integer())
    prefecture = fields.Dict(keys=fields.String(), values=fields.Integer())
    industry = fields.Dict(keys=fields.String(), values=fields.Integer())
    size_band = fields.Dict(keys=fields.String(), values=fields.Integer())
    challenge = fields.Dict(keys=fields.String(), values=fields.Integer())
    programme = fields.Dict(keys=fields.String(), values=fields.Integer())
    fiscal_year = fields.Dict(keys=fields.String(), values=fields.Integer())
    simple_dx = fields.Dict(keys=fields.String(), values=fields.Integer())
    has_outcomes = fields.Dict(keys=fields.String(), values=fields.Integer())
    lab = fields.Dict(keys=fields.String(), values=fields.Integer())


class CaseListMetaSchema(PageMetaSchema):
    next_cursor = fields.String(
        allow_none=True, metadata={"description": "Pass as ``cursor`` for the next page"}
    )
    total_exact = fields.Boolean(
        metadata={
            "description": "False when a text search found more matches than it counts: "
            "``total`` and the facet counts then cover the 500 most recently indexed ones"
        }
    )


class CasePageSchema(BaseSchema):
    items = fields.List(fields.Nested(CaseOutSchema))
    meta = fields.Nested(CaseListMetaSchema)
    facets = fields.Nested(FacetCountsSchema)


class CaseQueryArgsSchema(PageArgsSchema):
    q = fields.String(validate=validate.Length(max=200))
    region = fields.String(validate=validate.OneOf(REGION_CODES))
    prefecture = PREFECTURE_CODE
    industry = fields.String(validate=validate.OneOf(list(INDUSTRIES)))
    size_band = fields.String(validate=validate.OneOf(list(SIZE_BANDS)))
    challenge = fields.String(validate=validate.OneOf(list(CHALLENGES)))
    programme = fields.String(validate=validate.OneOf(list(SUBSIDY_PROGRAMMES)))
    fiscal_year = fields.Integer(validate=validate.Range(min=1990, max=2100))
    simple_dx = fields.Boolean()
    has_outcomes = fields.Boolean()
    lab = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    status = fields.String(validate=validate.OneOf(["draft", "published"]))
    sort = fields.String(
        load_default="relevance", validate=validate.OneOf(["relevance", "newest", "rolled_out"])
    )
    cursor = fields.String(
        validate=validate.Length(max=200),
        metadata={"description": "From ``meta.next_cursor``; with sort=newest or rolled_out"},
    )
