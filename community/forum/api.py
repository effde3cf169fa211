"""JSON API for the forum: thin handlers over ``forum.services``."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from community.core.pagination import PageArgsSchema
from community.forum import services
from community.forum.schemas import (
    AcceptSchema,
    CategoryStatsSchema,
    PostModerationSchema,
    PostOutSchema,
    PostPageSchema,
    PostSchema,
    RevisionOutSchema,
    SubscriptionOutSchema,
    SubscriptionSchema,
    ThreadModerationSchema,
    ThreadOutSchema,
    ThreadPageSchema,
    ThreadQueryArgsSchema,
    ThreadSchema,
    ThreadUpdateSchema,
)

forum_blp = Blueprint(
    "forum_api", __name__, url_prefix="/api/forum", description="Forum (フォーラム)"
)
blueprints = (forum_blp,)


def _user():
    return current_user._get_current_object()


def _thread(thread_id: int):
    return services.get_thread(_user(), thread_id)


def _post(post_id: int):
    return services.get_post(_user(), post_id)


@forum_blp.route("/categories")
class Categories(MethodView):
    @forum_blp.response(200, CategoryStatsSchema(many=True))
    def get(self):
        """The categories, with the threads and posts each holds."""
        return [
            {**CategoryStatsSchema().dump(category), "threads": threads, "posts": posts}
            for category, threads, posts in services.category_stats(_user())
        ]


@forum_blp.route("/categories/<slug>/subscription")
class CategorySubscription(MethodView):
    @forum_blp.arguments(SubscriptionSchema)
    @forum_blp.response(200, SubscriptionOutSchema)
    @forum_blp.alt_response(401, description="Log in first")
    @forum_blp.alt_response(404, description="No such category")
    def put(self, data, slug):
        """Follow a category (told of new threads), mute it, or neither (``none``)."""
        category = services.get_category(slug)
        return {"state": services.do_subscribe_category(_user(), category, **data)}


@forum_blp.route("/threads")
class Threads(MethodView):
    @forum_blp.arguments(ThreadQueryArgsSchema, location="query")
    @forum_blp.response(200, ThreadPageSchema)
    def get(self, args):
        """Threads, latest activity first; ``q`` searches titles and posts (best match first),
        ``unsolved`` keeps questions without an accepted answer."""
        return services.browse_threads(_user(), **args)

    @forum_blp.arguments(ThreadSchema)
    @forum_blp.response(201, ThreadOutSchema)
    @forum_blp.alt_response(401, description="Log in first")
    @forum_blp.alt_response(403, description="Only the secretariat starts threads in お知らせ")
    @forum_blp.alt_response(422, description="Invalid input or unknown category")
    def post(self, data):
        """Start a thread with its opening post; you follow it from now on."""
        return services.do_create_thread(_user(), **data)


@forum_blp.route("/threads/<int:thread_id>")
class ThreadItem(MethodView):
    @forum_blp.response(200, ThreadOutSchema)
    @forum_blp.alt_response(404, description="No such thread, or hidden")
    def get(self, thread_id):
        """One thread."""
        return _thread(thread_id)

    @forum_blp.arguments(ThreadUpdateSchema)
    @forum_blp.response(200, ThreadOutSchema)
    @forum_blp.alt_response(403, description="Not the author nor the secretariat")
    @forum_blp.alt_response(409, description="The edit window is over, or the thread is locked")
    def patch(self, data, thread_id):
        """Change the title, the opening post or the question flag (the history is kept)."""
        return services.do_update_thread(_user(), _thread(thread_id), **data)

    @forum_blp.response(204)
    @forum_blp.alt_response(403, description="Only the secretariat")
    def delete(self, thread_id):
        """Delete a thread with its posts."""
        services.do_delete_thread(_user(), _thread(thread_id))


@forum_blp.route("/threads/<int:thread_id>/posts")
class Posts(MethodView):
    @forum_blp.arguments(PageArgsSchema, location="query")
    @forum_blp.response(200, PostPageSchema)
    @forum_blp.alt_response(404, description="No such thread, or hidden")
    def get(self, args, thread_id):
        """The thread's posts, oldest first; hidden ones only for the secretariat."""
        return services.list_posts(_user(), _thread(thread_id), **args)

    @forum_blp.arguments(PostSchema)
    @forum_blp.response(201, PostOutSchema)
    @forum_blp.alt_response(401, description="Log in first")
    @forum_blp.alt_response(409, description="The thread is locked")
    def post(self, data, thread_id):
        """Reply; followers, the asker and those mentioned are told."""
        return services.do_create_post(_user(), _thread(thread_id), **data)


@forum_blp.route("/threads/<int:thread_id>/accept")
class Accept(MethodView):
    @forum_blp.arguments(AcceptSchema)
    @forum_blp.response(200, ThreadOutSchema)
    @forum_blp.alt_response(403, description="Not the asker nor the secretariat")
    @forum_blp.alt_response(409, description="Not a question")
    @forum_blp.alt_response(422, description="Not a reply of this thread")
    def post(self, data, thread_id):
        """Accept a reply as the answer (solved); its author is told."""
        return services.do_accept(_user(), _thread(thread_id), **data)

    @forum_blp.response(200, ThreadOutSchema)
    @forum_blp.alt_response(403, description="Not the asker nor the secretariat")
    @forum_blp.alt_response(409, description="Not a question")
    def delete(self, thread_id):
        """Take the accepted answer back (unsolved again)."""
        return services.do_unaccept(_user(), _thread(thread_id))


@forum_blp.route("/threads/<int:thread_id>/subscription")
class ThreadSubscription(MethodView):
    @forum_blp.arguments(SubscriptionSchema)
    @forum_blp.response(200, SubscriptionOutSchema)
    @forum_blp.alt_response(401, description="Log in first")
    def put(self, data, thread_id):
        """Follow a thread (told of replies), mute it, or neither (``none``)."""
        return {"state": services.do_subscribe_thread(_user(), _thread(thread_id), **data)}


@forum_blp.route("/threads/<int:thread_id>/moderation")
class ThreadModeration(MethodView):
    @forum_blp.arguments(ThreadModerationSchema)
    @forum_blp.response(200, ThreadOutSchema)
    @forum_blp.alt_response(403, description="Only the secretariat")
    @forum_blp.alt_response(422, description="Unknown category")
    def post(self, data, thread_id):
        """Hide or show, lock or unlock, or move a thread to another category."""
        return services.do_moderate_thread(_user(), _thread(thread_id), **data)


@forum_blp.route("/posts/<int:post_id>")
class PostItem(MethodView):
    @forum_blp.response(200, PostOutSchema)
    @forum_blp.alt_response(404, description="No such post, or hidden")
    def get(self, post_id):
        """One post."""
        return _post(post_id)

    @forum_blp.arguments(PostSchema)
    @forum_blp.response(200, PostOutSchema)
    @forum_blp.alt_response(403, description="Not the author nor the secretariat")
    @forum_blp.alt_response(409, description="The edit window is over, or the thread is locked")
    def patch(self, data, post_id):
        """Edit a post (the author within FORUM_EDIT_WINDOW_SECONDS, the secretariat always);
        the previous text is kept as a revision."""
        return services.do_update_post(_user(), _post(post_id), **data)

    @forum_blp.response(204)
    @forum_blp.alt_response(403, description="Not the author nor the secretariat")
    @forum_blp.alt_response(409, description="The opening post, or the edit window is over")
    def delete(self, post_id):
        """Delete a reply."""
        services.do_delete_post(_user(), _post(post_id))


@forum_blp.route("/posts/<int:post_id>/revisions")
class Revisions(MethodView):
    @forum_blp.response(200, RevisionOutSchema(many=True))
    @forum_blp.alt_response(404, description="No such post, or hidden")
    def get(self, post_id):
        """The post's earlier versions (編集履歴), newest first."""
        return services.list_revisions(_user(), _post(post_id))


@forum_blp.route("/posts/<int:post_id>/moderation")
class PostModeration(MethodView):
    @forum_blp.arguments(PostModerationSchema)
    @forum_blp.response(200, PostOutSchema)
    @forum_blp.alt_response(403, description="Only the secretariat")
    def post(self, data, post_id):
        """Hide a post (others no longer see or find it) or show it again."""
        return services.do_moderate_post(_user(), _post(post_id), **data)
