"""JSON API for the case library: thin handlers over ``cases.services``."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from community.cases import services
from community.cases.schemas import (
    CaseDetailSchema,
    CasePageSchema,
    CaseQueryArgsSchema,
    CaseSchema,
    CaseUpdateSchema,
    FacetCountsSchema,
)

cases_blp = Blueprint(
    "cases_api", __name__, url_prefix="/api/cases", description="Success cases (成功事例)"
)
blueprints = (cases_blp,)


def _user():
    return current_user._get_current_object()


def _filters(args: dict) -> dict:
    """The query's text and facets, without paging and order."""
    return {k: v for k, v in args.items() if k not in ("page", "per_page", "sort")}


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

    @cases_blp.arguments(CaseUpdateSchema(partial=True))
    @cases_blp.response(200, CaseDetailSchema)
    def patch(self, data, case_id):
        """Update a case; a list sent (outcomes, subsidies, tags…) replaces the stored one."""
        return services.do_update_case(_user(), services.get_case(_user(), case_id), **data)

    @cases_blp.response(204)
    def delete(self, case_id):
        """Delete a case."""
        services.do_delete_case(_user(), services.get_case(_user(), case_id))
