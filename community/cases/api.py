"""JSON API for the case library: thin handlers over ``cases.services``."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from community.cases import services
from community.cases.schemas import (
    AnswerSchema,
    CaseDetailSchema,
    CasePageSchema,
    CaseQueryArgsSchema,
    CaseSchema,
    CaseUpdateSchema,
    FacetCountsSchema,
    InterestSchema,
    InterestStateSchema,
    LineageSchema,
    OutcomeSchema,
    QuestionOutSchema,
    QuestionSchema,
    RolloutOutSchema,
    RolloutSchema,
    RolloutUpdateSchema,
    SubsidyUsageSchema,
    UnpublishSchema,
)

cases_blp = Blueprint(
    "cases_api", __name__, url_prefix="/api/cases", description="Success cases (成功事例)"
)
blueprints = (cases_blp,)


def _user():
    return current_user._get_current_object()


def _filters(args: dict) -> dict:
    """The query's text and facets, without paging and order."""
    return {k: v for k, v in args.items() if k not in ("page", "per_page", "sort", "cursor")}


def _case(case_id: int):
    return services.get_case(_user(), case_id)


@cases_blp.route("")
class Cases(MethodView):
    @cases_blp.arguments(CaseQueryArgsSchema, location="query")
    @cases_blp.response(200, CasePageSchema)
    def get(self, args):
        """Search the library: ``q`` (Japanese terms of two or more characters, AND) and facets."""
        return services.browse_cases(_user(), **args)

    @cases_blp.arguments(CaseSchema)
    @cases_blp.response(201, CaseDetailSchema)
    @cases_blp.alt_response(
        403, description="Only the lab's members and the secretariat write its cases"
    )
    def post(self, data):
        """Create a case for a lab, with its outcomes, subsidy usage and policy use."""
        return services.do_create_case(_user(), **data)


@cases_blp.route("/facets")
class CaseFacets(MethodView):
    @cases_blp.arguments(CaseQueryArgsSchema, location="query")
    @cases_blp.response(200, FacetCountsSchema)
    def get(self, args):
        """Counts per facet value for the cases that match the same query."""
        return services.facet_counts(_user(), **_filters(args))


@cases_blp.route("/<int:case_id>")
class CaseItem(MethodView):
    @cases_blp.response(200, CaseDetailSchema)
    def get(self, case_id):
        """One case; a draft only for its lab and the secretariat."""
        return services.get_case(_user(), case_id)

    @cases_blp.arguments(CaseUpdateSchema)
    @cases_blp.response(200, CaseDetailSchema)
    def patch(self, data, case_id):
        """Update a case; a list sent (outcomes, subsidies, tags…) replaces the stored one."""
        return services.do_update_case(_user(), services.get_case(_user(), case_id), **data)

    @cases_blp.response(204)
    def delete(self, case_id):
        """Delete a case."""
        services.do_delete_case(_user(), services.get_case(_user(), case_id))


@cases_blp.route("/<int:case_id>/unpublish")
class CaseUnpublish(MethodView):
    @cases_blp.arguments(UnpublishSchema)
    @cases_blp.response(200, CaseDetailSchema)
    @cases_blp.alt_response(403, description="Only the secretariat moderates")
    def post(self, data, case_id):
        """Moderation: the secretariat takes a case out of the library, with the reason."""
        return services.do_unpublish_case(_user(), _case(case_id), **data)


def _register_rows(kind: str, schema: type, what: str) -> None:
    """``/api/cases/{id}/<kind>`` and ``…/<kind>/{row_id}`` for one kind of row."""
    # a class of its own, so that OpenAPI names the partial schema apart from the full one
    update_schema = type(schema.__name__.replace("Schema", "UpdateSchema"), (schema,), {})

    class Rows(MethodView):
        @cases_blp.doc(summary=f"List the {what}")
        @cases_blp.response(200, schema(many=True))
        def get(self, case_id):
            return getattr(_case(case_id), kind)

        @cases_blp.doc(summary=f"Add a row of {what}")
        @cases_blp.arguments(schema)
        @cases_blp.response(201, schema)
        def post(self, data, case_id):
            return services.do_add_row(_user(), _case(case_id), kind, **data)

    class Row(MethodView):
        @cases_blp.doc(summary=f"Change a row of {what}")
        @cases_blp.arguments(update_schema(partial=True))
        @cases_blp.response(200, schema)
        def patch(self, data, case_id, row_id):
            case = _case(case_id)
            row = services.get_row(case, kind, row_id)
            return services.do_update_row(_user(), case, row, **data)

        @cases_blp.doc(summary=f"Delete a row of {what}")
        @cases_blp.response(204)
        def delete(self, case_id, row_id):
            case = _case(case_id)
            services.do_delete_row(_user(), case, kind, services.get_row(case, kind, row_id))

    cases_blp.route(f"/<int:case_id>/{kind}", endpoint=f"{kind}_rows")(Rows)
    cases_blp.route(f"/<int:case_id>/{kind}/<int:row_id>", endpoint=f"{kind}_row")(Row)


_register_rows("outcomes", OutcomeSchema, "outcomes (measured results)")
_register_rows("subsidies", SubsidyUsageSchema, "subsidy usage")


@cases_blp.route("/<int:case_id>/rollouts")
class Rollouts(MethodView):
    @cases_blp.response(200, RolloutOutSchema(many=True))
    def get(self, case_id):
        """The labs that adopted this case (横展開), with status, region and outcomes."""
        return services.list_rollouts(_case(case_id))

    @cases_blp.arguments(RolloutSchema)
    @cases_blp.response(201, RolloutOutSchema)
    @cases_blp.alt_response(409, description="This lab's rollout is already recorded")
    def post(self, data, case_id):
        """Record that your lab adopts this case: a record, or a link to your adapted case."""
        return services.do_record_rollout(_user(), _case(case_id), **data)


@cases_blp.route("/<int:case_id>/rollouts/<int:rollout_id>")
class RolloutItem(MethodView):
    @cases_blp.response(200, RolloutOutSchema)
    def get(self, case_id, rollout_id):
        """One rollout."""
        return services.get_rollout(_case(case_id), rollout_id)

    @cases_blp.arguments(RolloutUpdateSchema)
    @cases_blp.response(200, RolloutOutSchema)
    def patch(self, data, case_id, rollout_id):
        """Update the status, region, what changed or the outcome rows of a rollout."""
        rollout = services.get_rollout(_case(case_id), rollout_id)
        return services.do_update_rollout(_user(), rollout, **data)

    @cases_blp.response(204)
    def delete(self, case_id, rollout_id):
        """Delete a rollout record."""
        services.do_delete_rollout(_user(), services.get_rollout(_case(case_id), rollout_id))


@cases_blp.route("/<int:case_id>/lineage")
class Lineage(MethodView):
    @cases_blp.response(200, LineageSchema)
    def get(self, case_id):
        """The original case and every adaptation and adoption of it, by region."""
        return services.lineage(_user(), _case(case_id))


@cases_blp.route("/<int:case_id>/interest")
class Interest(MethodView):
    @cases_blp.response(200, InterestStateSchema)
    def get(self, case_id):
        """The やってみたい count, and whether you pressed it."""
        return services.interest_state(_user(), _case(case_id))

    @cases_blp.arguments(InterestSchema)
    @cases_blp.response(200, InterestStateSchema)
    def post(self, data, case_id):
        """やってみたい: your lab wants to try this case (pressing twice counts once)."""
        return services.do_register_interest(_user(), _case(case_id), data.get("lab_id"))

    @cases_blp.response(200, InterestStateSchema)
    def delete(self, case_id):
        """Withdraw your やってみたい."""
        return services.do_withdraw_interest(_user(), _case(case_id))


@cases_blp.route("/<int:case_id>/questions")
class Questions(MethodView):
    @cases_blp.response(200, QuestionOutSchema(many=True))
    def get(self, case_id):
        """Questions to the case's lab, with its answers."""
        return services.list_questions(_case(case_id))

    @cases_blp.arguments(QuestionSchema)
    @cases_blp.response(201, QuestionOutSchema)
    def post(self, data, case_id):
        """Ask the case's lab a question (counts as やってみたい)."""
        return services.do_ask_question(_user(), _case(case_id), **data)


@cases_blp.route("/<int:case_id>/questions/<int:question_id>")
class QuestionItem(MethodView):
    @cases_blp.response(204)
    def delete(self, case_id, question_id):
        """Withdraw your question (the secretariat may remove any)."""
        services.do_delete_question(_user(), services.get_question(_case(case_id), question_id))


@cases_blp.route("/<int:case_id>/questions/<int:question_id>/answer")
class QuestionAnswer(MethodView):
    @cases_blp.arguments(AnswerSchema)
    @cases_blp.response(200, QuestionOutSchema)
    def put(self, data, case_id, question_id):
        """The case's lab answers a question, or corrects its answer."""
        question = services.get_question(_case(case_id), question_id)
        return services.do_answer_question(_user(), question, **data)
