"""JSON API for the expert directory: thin handlers over ``experts.services``."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from community.cases import services as cases
from community.experts import services
from community.experts.schemas import (
    ExpertDetailSchema,
    ExpertPageSchema,
    ExpertProfileSchema,
    ExpertProfileUpdateSchema,
    ExpertQueryArgsSchema,
    FieldCountSchema,
    RecommendationArgsSchema,
    RecommendationsSchema,
)
from community.forum import services as forum
from community.labs import services as labs

experts_blp = Blueprint(
    "experts_api",
    __name__,
    url_prefix="/api/experts",
    description="Expert directory (分野ごとの専門家リスト) and who fits a case or a lab",
)
blueprints = (experts_blp,)


def _user():
    return current_user._get_current_object()


@experts_blp.route("")
class Experts(MethodView):
    @experts_blp.arguments(ExpertQueryArgsSchema, location="query")
    @experts_blp.response(200, ExpertPageSchema)
    def get(self, args):
        """Listed experts, filtered by field, region, prefecture, mode, 講師謝金支援,
        availability and words; ``sort=field`` groups them by their main field."""
        return services.browse_experts(_user(), **args)

    @experts_blp.arguments(ExpertProfileSchema)
    @experts_blp.response(201, ExpertDetailSchema)
    @experts_blp.alt_response(401, description="Not logged in")
    @experts_blp.alt_response(403, description="Only the expert themself and the secretariat")
    @experts_blp.alt_response(409, description="The expert already has a profile")
    def post(self, data):
        """Create an expert's profile: an expert their own, the secretariat anyone's with the
        role of expert (``user_id``)."""
        return services.do_create_profile(_user(), **data)


@experts_blp.route("/fields")
class Fields(MethodView):
    @experts_blp.response(200, FieldCountSchema(many=True))
    def get(self):
        """The fields (the five challenge categories and the technology fields), each with the
        number of listed experts."""
        return services.field_counts()


@experts_blp.route("/me")
class MyProfile(MethodView):
    @experts_blp.response(200, ExpertDetailSchema)
    @experts_blp.alt_response(401, description="Not logged in")
    @experts_blp.alt_response(404, description="You have no profile yet")
    def get(self):
        """Your own profile, listed or not."""
        return services.get_own_profile(_user())


@experts_blp.route("/<int:expert_id>")
class ExpertItem(MethodView):
    @experts_blp.response(200, ExpertDetailSchema)
    @experts_blp.alt_response(404, description="No such profile, or unlisted and not yours")
    def get(self, expert_id):
        """One expert's profile; an unlisted one only for the expert and the secretariat."""
        return services.get_profile(_user(), expert_id)

    @experts_blp.arguments(ExpertProfileUpdateSchema)
    @experts_blp.response(200, ExpertDetailSchema)
    @experts_blp.alt_response(401, description="Not logged in")
    @experts_blp.alt_response(403, description="Only the expert themself and the secretariat")
    @experts_blp.alt_response(404, description="No such profile")
    def patch(self, data, expert_id):
        """Change a profile; lists sent (fields, regions, prefectures) replace the stored ones."""
        profile = services.get_profile(_user(), expert_id)
        return services.do_update_profile(_user(), profile, **data)

    @experts_blp.response(204)
    @experts_blp.alt_response(401, description="Not logged in")
    @experts_blp.alt_response(403, description="Only the expert themself and the secretariat")
    @experts_blp.alt_response(404, description="No such profile")
    def delete(self, expert_id):
        """Delete a profile; the answers the expert gave stay counted."""
        services.do_delete_profile(_user(), services.get_profile(_user(), expert_id))


@experts_blp.route("/recommendations")
class Recommendations(MethodView):
    @experts_blp.arguments(RecommendationArgsSchema, location="query")
    @experts_blp.response(200, RecommendationsSchema)
    def get(self, args):
        """Experts who fit fields and prefectures, best first, with a score and the reasons:
        fields matched, then the place (prefecture > its region > same region > online), then
        answers given in those fields. ``fields=ai,talent&prefectures=04``."""
        return services.recommendations(**args)


@experts_blp.route("/for-case/<int:case_id>")
class ForCase(MethodView):
    @experts_blp.response(200, RecommendationsSchema)
    @experts_blp.alt_response(404, description="No such case, or a draft you may not read")
    def get(self, case_id):
        """この案件に合う専門家: experts for a case's challenges and the technology fields its
        words hint at, in its prefecture."""
        return services.experts_for_case(cases.get_case(_user(), case_id))


@experts_blp.route("/for-thread/<int:thread_id>")
class ForThread(MethodView):
    @experts_blp.response(200, RecommendationsSchema)
    @experts_blp.alt_response(404, description="No such thread, or a hidden one")
    def get(self, thread_id):
        """Experts for a forum thread: its challenge category and the technology fields its
        words hint at, near the asker's labs."""
        return services.experts_for_thread(forum.get_thread(_user(), thread_id))


@experts_blp.route("/for-lab/<int:lab_id>")
class ForLab(MethodView):
    @experts_blp.response(200, RecommendationsSchema)
    @experts_blp.alt_response(404, description="No such lab")
    def get(self, lab_id):
        """Experts for a lab: every field, in the lab's prefectures."""
        return services.experts_for_lab(labs.get_lab(lab_id))
