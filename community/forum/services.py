"""The forum: who may write what, threads and posts, answers, follows, moderation, search.

``check_*`` validates and authorises, ``do_*`` changes and commits, ``notify_*`` tells people in
the same transaction (the live push leaves after the commit). Markdown is rendered once, when a
post is written; a page decides what its reader may do once (``Viewer``), never per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from markupsafe import escape
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.exceptions import Conflict, NotFound

from community.accounts.models import Role, User
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.markdown import render_markdown
from community.core.pagination import Page, paginate
from community.core.permissions import NOT_ALLOWED, require, require_user
from community.core.search import (
    facet_token,
    index_documents,
    matches,
    relevance,
    remove_document,
)
from community.core.validation import ValidationFailed
from community.experts import services as experts
from community.extensions import db
from community.forum.models import (
    CategorySubscription,
    ForumCategory,
    ForumPost,
    ForumThread,
    PostRevision,
    ThreadSubscription,
)
from community.forum.reference import CATEGORIES
from community.notifications.services import do_notify

SEARCH_KIND = "forum_post"
SEARCH_WINDOW = 500
PER_PAGE = 20

THREAD_NOT_FOUND = N_("スレッドが見つかりません。")
POST_NOT_FOUND = N_("投稿が見つかりません。")
CATEGORY_NOT_FOUND = N_("カテゴリが見つかりません。")
USER_NOT_FOUND = N_("利用者が見つかりません。")
THREAD_LOCKED = N_("このスレッドはロックされています。")
SECRETARIAT_ONLY = N_("このカテゴリでスレッドを作成できるのは事務局だけです。")
EDIT_WINDOW_OVER = N_("編集できる期間を過ぎました。")
NOT_MODERATOR = N_("この操作は事務局だけが行えます。")
NOT_A_QUESTION = N_("質問スレッドではありません。")
NOT_AN_ANSWER = N_("この投稿は回答に選べません。")
OPENING_POST = N_("最初の投稿は削除できません。スレッドを削除してください。")

# @handle, not inside a word, an e-mail address or a path
MENTION = re.compile(r"(?<![A-Za-z0-9_@/.])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])")
_TAG = re.compile(r"(<[^>]*>)")


# --- who may do what -------------------------------------------------------------------------


def _signed_in(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_moderator(user: User | None) -> bool:
    return _signed_in(user) and user.is_secretariat


def edit_window() -> timedelta:
    return timedelta(seconds=current_app.config.get("FORUM_EDIT_WINDOW_SECONDS", 3600))


@dataclass(frozen=True)
class Viewer:
    """What one reader may do on a page, decided once for the whole page."""

    user_id: int | None
    moderator: bool
    edit_since: datetime  # an author edits posts written after this

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    def may_edit(self, post: ForumPost, thread: ForumThread) -> bool:
        if self.moderator:
            return True
        return (
            self.user_id is not None
            and post.author_id == self.user_id
            and not thread.locked
            and post.created_at >= self.edit_since
        )

    def may_accept(self, thread: ForumThread) -> bool:
        return thread.is_question and (
            self.moderator or (self.user_id is not None and thread.author_id == self.user_id)
        )


def viewer(user: User | None) -> Viewer:
    signed_in = _signed_in(user)
    return Viewer(
        user_id=user.id if signed_in else None,
        moderator=is_moderator(user),
        edit_since=utcnow() - edit_window(),
    )


def can_start_thread(user: User | None, category: ForumCategory) -> bool:
    return _signed_in(user) and (not category.secretariat_only or user.is_secretariat)


def check_can_start_thread(user: User | None, category: ForumCategory) -> None:
    require_user(user)
    require(can_start_thread(user, category), SECRETARIAT_ONLY)


def check_can_edit(user: User | None, post: ForumPost) -> None:
    """The author within the edit window, the secretariat at any time; nobody else."""
    require_user(user)
    if user.is_secretariat:
        return
    require(post.author_id == user.id, NOT_ALLOWED)
    if post.thread.locked:
        raise Conflict(THREAD_LOCKED)
    if post.created_at < utcnow() - edit_window():
        raise Conflict(EDIT_WINDOW_OVER)


def check_moderator(user: User | None) -> None:
    require_user(user)
    require(user.is_secretariat, NOT_MODERATOR)


def check_can_accept(user: User | None, thread: ForumThread) -> None:
    require_user(user)
    require(user.is_secretariat or thread.author_id == user.id, NOT_ALLOWED)
    if not thread.is_question:
        raise Conflict(NOT_A_QUESTION)


def check_open(thread: ForumThread) -> None:
    if thread.locked:
        raise Conflict(THREAD_LOCKED)


# --- categories ------------------------------------------------------------------------------


def load_categories() -> int:
    """Insert or update the fixed categories (with the reference data); safe to run again."""
    found = {c.slug: c for c in db.session.scalars(sa.select(ForumCategory))}
    for position, (slug, name, description, secretariat_only) in enumerate(CATEGORIES):
        category = found.get(slug) or ForumCategory(slug=slug)
        category.name, category.description = name, description
        category.position, category.secretariat_only = position, secretariat_only
        db.session.add(category)
    db.session.commit()
    return len(CATEGORIES)


def list_categories() -> list[ForumCategory]:
    return list(db.session.scalars(sa.select(ForumCategory).order_by(ForumCategory.position)))


def category_stats(user: User | None) -> list[tuple[ForumCategory, int, int]]:
    """Each category with its threads and posts that ``user`` sees, in two statements."""
    counted = sa.select(
        ForumThread.category_id,
        sa.func.count(ForumThread.id),
        sa.func.coalesce(sa.func.sum(ForumThread.reply_count + 1), 0),
    ).group_by(ForumThread.category_id)
    counts = {
        row[0]: (row[1], row[2]) for row in db.session.execute(_visible_threads(counted, user))
    }
    return [(c, *counts.get(c.id, (0, 0))) for c in list_categories()]


def get_category(slug_or_id: str | int) -> ForumCategory:
    column = ForumCategory.id if isinstance(slug_or_id, int) else ForumCategory.slug
    category = db.session.scalar(sa.select(ForumCategory).where(column == slug_or_id))
    if category is None:
        raise NotFound(CATEGORY_NOT_FOUND)
    return category


# --- reading ---------------------------------------------------------------------------------

# authors without their lab memberships (a selectin load of each user's, unused here)
_THREAD_OPTIONS = (
    joinedload(ForumThread.category),
    joinedload(ForumThread.author).lazyload(User.memberships),
    joinedload(ForumThread.last_poster).lazyload(User.memberships),
)


def _visible_threads(stmt: sa.Select, user: User | None) -> sa.Select:
    return stmt if is_moderator(user) else stmt.where(ForumThread.hidden.is_(False))


def browse_threads(
    user: User | None,
    *,
    category: str | None = None,
    q: str | None = None,
    unsolved: bool = False,
    author: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page:
    """A page of threads, latest activity first, or best match first with ``q``: two
    statements whatever its length (the count, the threads with their authors)."""
    stmt = _visible_threads(sa.select(ForumThread), user)
    tokens = []
    category_id = None
    if category:
        category_id = get_category(category).id
        stmt = stmt.where(ForumThread.category_id == category_id)
        tokens.append(facet_token("category", category_id))
    if unsolved:
        stmt = stmt.where(ForumThread.is_question.is_(True), ForumThread.accepted_post_id.is_(None))
    if author is not None:
        stmt = stmt.where(ForumThread.author_id == author)
    order = [ForumThread.last_posted_at.desc(), ForumThread.id.desc()]
    if q and q.strip():
        found = matches(SEARCH_KIND, q, tokens, limit=SEARCH_WINDOW)
        if found is None:  # only one-character terms: nothing can match
            stmt = stmt.where(sa.false())
        else:
            score = relevance(q, [(ForumThread.title, 3), (ForumPost.body, 1)])
            hits = (
                sa.select(ForumPost.thread_id, sa.func.max(score).label("score"))
                .join(found, found.c.object_id == ForumPost.id)
                .join(ForumThread, ForumThread.id == ForumPost.thread_id)
            )
            if not is_moderator(user):
                hits = hits.where(ForumPost.hidden.is_(False))
            hits = hits.group_by(ForumPost.thread_id).subquery("hits")
            stmt = stmt.join(hits, hits.c.thread_id == ForumThread.id)
            order = [hits.c.score.desc(), *order]
    return paginate(stmt.options(*_THREAD_OPTIONS).order_by(*order), page, per_page)


def latest_threads(user: User | None, limit: int = 10) -> list[ForumThread]:
    stmt = _visible_threads(sa.select(ForumThread), user).options(*_THREAD_OPTIONS)
    stmt = stmt.order_by(ForumThread.last_posted_at.desc(), ForumThread.id.desc()).limit(limit)
    return list(db.session.scalars(stmt))


def get_thread(user: User | None, thread_id: int) -> ForumThread:
    """One thread as ``user`` may see it: a hidden thread exists only for the secretariat."""
    thread = db.session.scalar(
        sa.select(ForumThread).where(ForumThread.id == thread_id).options(*_THREAD_OPTIONS)
    )
    if thread is None or (thread.hidden and not is_moderator(user)):
        raise NotFound(THREAD_NOT_FOUND)
    return thread


def _visible_posts(stmt: sa.Select, user: User | None) -> sa.Select:
    return stmt if is_moderator(user) else stmt.where(ForumPost.hidden.is_(False))


def list_posts(
    user: User | None, thread: ForumThread, *, page: int = 1, per_page: int = PER_PAGE
) -> Page:
    """A page of a thread's posts, oldest first, with their authors: two statements."""
    stmt = _visible_posts(sa.select(ForumPost).where(ForumPost.thread_id == thread.id), user)
    stmt = stmt.options(joinedload(ForumPost.author).lazyload(User.memberships))
    stmt = stmt.order_by(ForumPost.id)
    result = paginate(stmt, page, per_page)
    for post in result.items:
        set_committed_value(post, "thread", thread)  # loaded already: no statement per post
    return result


def get_post(user: User | None, post_id: int) -> ForumPost:
    post = db.session.scalar(
        sa.select(ForumPost)
        .where(ForumPost.id == post_id)
        .options(
            joinedload(ForumPost.author).lazyload(User.memberships),
            joinedload(ForumPost.thread),
        )
    )
    if post is None or (not is_moderator(user) and (post.hidden or post.thread.hidden)):
        raise NotFound(POST_NOT_FOUND)
    return post


def page_of_post(user: User | None, post: ForumPost, per_page: int = PER_PAGE) -> int:
    """The page of its thread on which ``post`` is shown to ``user``."""
    before = _visible_posts(
        sa.select(sa.func.count())
        .select_from(ForumPost)
        .where(ForumPost.thread_id == post.thread_id, ForumPost.id < post.id),
        user,
    )
    return db.session.scalar(before) // per_page + 1


def list_revisions(user: User | None, post: ForumPost) -> list[PostRevision]:
    return list(
        db.session.scalars(
            sa.select(PostRevision)
            .where(PostRevision.post_id == post.id)
            .options(joinedload(PostRevision.editor).lazyload(User.memberships))
            .order_by(PostRevision.id.desc())
        )
    )


def subscription_state(user: User | None, thread: ForumThread) -> dict[str, str]:
    """``following``/``muted``/``none`` for the thread and its category, in one statement."""
    state = {"thread": "none", "category": "none"}
    if not _signed_in(user):
        return state
    rows = db.session.execute(
        sa.select(sa.literal("thread"), ThreadSubscription.muted)
        .where(ThreadSubscription.user_id == user.id, ThreadSubscription.thread_id == thread.id)
        .union_all(
            sa.select(sa.literal("category"), CategorySubscription.muted).where(
                CategorySubscription.user_id == user.id,
                CategorySubscription.category_id == thread.category_id,
            )
        )
    )
    for target, muted in rows:
        state[target] = "muted" if muted else "following"
    return state


def category_state(user: User | None, category: ForumCategory) -> str:
    if not _signed_in(user):
        return "none"
    muted = db.session.scalar(
        sa.select(CategorySubscription.muted).where(
            CategorySubscription.user_id == user.id,
            CategorySubscription.category_id == category.id,
        )
    )
    return "none" if muted is None else ("muted" if muted else "following")


def get_user_by_handle(handle: str) -> User:
    user = db.session.scalar(sa.select(User).where(User.handle == handle.lower()))
    if user is None or not user.active:
        raise NotFound(USER_NOT_FOUND)
    return user


# --- mentions --------------------------------------------------------------------------------


def mentioned_handles(body: str) -> list[str]:
    return list(dict.fromkeys(m.lower() for m in MENTION.findall(body or "")))


def _mentioned_users(body: str) -> dict[str, int]:
    handles = mentioned_handles(body)
    if not handles:
        return {}
    return dict(
        db.session.execute(
            sa.select(User.handle, User.id).where(User.handle.in_(handles), User.active.is_(True))
        ).all()
    )


def user_path(handle: str) -> str:
    return f"/forum/users/{handle}"


def link_mentions(html: str, handles: Iterable[str], linked: set[str] | None = None) -> str:
    """``@handle`` of a known user becomes a link, in text only (not in code or links); the
    handles linked are added to ``linked``."""
    known = set(handles)
    linked = set() if linked is None else linked
    if not known:
        return html
    out, skip = [], 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            if name in ("a", "code", "pre"):
                skip += 1
            elif name in ("/a", "/code", "/pre"):
                skip = max(0, skip - 1)
            out.append(part)
        elif skip or "@" not in part:
            out.append(part)
        else:

            def link(match: re.Match) -> str:
                handle = match[1].lower()
                if handle not in known:
                    return match[0]
                linked.add(handle)
                return f'<a class="mention" href="{user_path(handle)}">@{escape(handle)}</a>'

            out.append(MENTION.sub(link, part))
    return "".join(out)


def _render(body: str) -> tuple[str, dict[str, int]]:
    """The post's HTML (once, at write time) and the users it mentions by handle: those
    linked, not those named inside code."""
    users = _mentioned_users(body)
    linked: set[str] = set()
    html = link_mentions(render_markdown(body), users, linked)
    return html, {handle: users[handle] for handle in linked}


# --- search ----------------------------------------------------------------------------------


def _document(post: ForumPost, thread: ForumThread) -> tuple[int, list[str], list[str]]:
    texts = [thread.title if post.is_opening else None, post.body]
    return post.id, texts, [facet_token("category", thread.category_id)]


def _index_posts(thread: ForumThread, posts: Iterable[ForumPost]) -> None:
    """The index holds what every reader sees: hidden posts and threads leave it."""
    shown, gone = [], []
    for post in posts:
        (gone if post.hidden or thread.hidden else shown).append(post)
    for post in gone:
        remove_document(SEARCH_KIND, post.id)
    if shown:
        index_documents(SEARCH_KIND, [_document(post, thread) for post in shown])


def _reindex_thread(thread: ForumThread) -> None:
    posts = db.session.scalars(sa.select(ForumPost).where(ForumPost.thread_id == thread.id))
    _index_posts(thread, list(posts))


def reindex_all(progress=None, batch_size: int = 500) -> int:
    """Rebuild the forum's part of the index (``flask search reindex``)."""
    from community.core.search import SearchDocument

    db.session.execute(sa.delete(SearchDocument).where(SearchDocument.kind == SEARCH_KIND))
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            sa.text("DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_document)")
        )
    ids = list(
        db.session.scalars(
            sa.select(ForumPost.id)
            .join(ForumThread)
            .where(ForumPost.hidden.is_(False), ForumThread.hidden.is_(False))
            .order_by(ForumPost.id)
        )
    )
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        posts = db.session.scalars(
            sa.select(ForumPost)
            .where(ForumPost.id.in_(chunk))
            .options(joinedload(ForumPost.thread))
        )
        index_documents(SEARCH_KIND, [_document(p, p.thread) for p in posts])
        db.session.commit()
        if progress:
            progress(len(chunk))
    db.session.commit()
    return len(ids)


def count_indexable() -> int:
    return db.session.scalar(sa.select(sa.func.count(ForumPost.id))) or 0


# --- notifications ---------------------------------------------------------------------------


def post_path(post_id: int) -> str:
    """Where a notification points: the post, on whatever page of its thread it is."""
    return f"/forum/posts/{post_id}"


def _send(recipients: Iterable[int], *, kind: str, subject: str, url: str, actor: User) -> None:
    recipients = list(recipients)
    if recipients:
        do_notify(recipients, kind=kind, subject=subject, url=url, actor=actor)


def reply_recipients(
    thread: ForumThread, actor: User, mentioned: Iterable[int]
) -> dict[str, list[int]]:
    """Who hears of a reply, each once: those it mentions, then the asker of a question, then
    the thread's followers (minus those who muted the thread or its category)."""
    told = {actor.id}
    mention = sorted(set(mentioned) - told)
    told |= set(mention)
    answered: list[int] = []
    muted_thread = set(
        db.session.scalars(
            sa.select(ThreadSubscription.user_id).where(
                ThreadSubscription.thread_id == thread.id, ThreadSubscription.muted.is_(True)
            )
        )
    )
    muted_category = set(
        db.session.scalars(
            sa.select(CategorySubscription.user_id).where(
                CategorySubscription.category_id == thread.category_id,
                CategorySubscription.muted.is_(True),
            )
        )
    )
    asker = thread.author_id if thread.is_question else None
    if asker is not None and asker not in told and asker not in muted_thread:
        answered = [asker]
        told.add(asker)
    followers = db.session.scalars(
        sa.select(ThreadSubscription.user_id).where(
            ThreadSubscription.thread_id == thread.id, ThreadSubscription.muted.is_(False)
        )
    )
    reply = sorted(set(followers) - told - muted_category)
    return {"mention": mention, "question_answered": answered, "thread_reply": reply}


def notify_reply(thread: ForumThread, post: ForumPost, actor: User, mentioned: Iterable[int]):
    for kind, ids in reply_recipients(thread, actor, mentioned).items():
        _send(ids, kind=kind, subject=thread.title, url=post_path(post.id), actor=actor)


def new_thread_recipients(
    thread: ForumThread, actor: User, mentioned: Iterable[int]
) -> dict[str, list[int]]:
    """Those the opening post mentions, then the category's followers."""
    mention = sorted(set(mentioned) - {actor.id})
    followers = db.session.scalars(
        sa.select(CategorySubscription.user_id).where(
            CategorySubscription.category_id == thread.category_id,
            CategorySubscription.muted.is_(False),
        )
    )
    return {
        "mention": mention,
        "thread_reply": sorted(set(followers) - {actor.id} - set(mention)),
    }


def notify_new_thread(thread: ForumThread, post: ForumPost, actor: User, mentioned):
    for kind, ids in new_thread_recipients(thread, actor, mentioned).items():
        _send(ids, kind=kind, subject=thread.title, url=post_path(post.id), actor=actor)


def notify_accepted(thread: ForumThread, post: ForumPost, actor: User) -> None:
    if post.author_id is not None:
        _send(
            [post.author_id],
            kind="answer_accepted",
            subject=thread.title,
            url=post_path(post.id),
            actor=actor,
        )


# --- writing ---------------------------------------------------------------------------------


def _follow(user_id: int, thread_id: int) -> None:
    exists = db.session.get(ThreadSubscription, (user_id, thread_id))
    if exists is None:
        db.session.add(ThreadSubscription(user_id=user_id, thread_id=thread_id, muted=False))


def do_create_thread(
    actor: User | None,
    *,
    category_id: int,
    title: str,
    body: str,
    is_question: bool = False,
) -> ForumThread:
    """Start a thread with its opening post; the author follows it from now on."""
    require_user(actor)
    category = db.session.get(ForumCategory, category_id)
    if category is None:
        raise ValidationFailed({"category_id": [CATEGORY_NOT_FOUND]})
    check_can_start_thread(actor, category)
    now = utcnow()
    thread = ForumThread(
        category_id=category.id,
        author_id=actor.id,
        title=title.strip(),
        is_question=is_question,
        last_posted_at=now,
        last_poster_id=actor.id,
    )
    html, mentioned = _render(body)
    post = ForumPost(thread=thread, author_id=actor.id, is_opening=True, body=body, body_html=html)
    db.session.add_all([thread, post])
    db.session.flush()
    _follow(actor.id, thread.id)
    _index_posts(thread, [post])
    notify_new_thread(thread, post, actor, mentioned.values())
    db.session.commit()
    return thread


def opening_post(thread: ForumThread) -> ForumPost:
    return db.session.scalar(
        sa.select(ForumPost).where(ForumPost.thread_id == thread.id, ForumPost.is_opening)
    )


def _revise(actor: User, post: ForumPost, *, title: str | None = None) -> None:
    db.session.add(
        PostRevision(
            post_id=post.id,
            editor_id=actor.id,
            title=title,
            body=post.body,
            body_html=post.body_html,
        )
    )
    post.revision_count += 1
    post.edited_at = utcnow()


def _edit_body(actor: User, post: ForumPost, thread: ForumThread, body: str) -> None:
    """A new body, rendered now; those it newly mentions are told (once per post)."""
    before = set(_render(post.body)[1].values())
    html, mentioned = _render(body)
    post.body, post.body_html = body, html
    fresh = set(mentioned.values()) - before - {actor.id}
    _send(fresh, kind="mention", subject=thread.title, url=post_path(post.id), actor=actor)


def do_update_thread(actor: User | None, thread: ForumThread, **fields) -> ForumThread:
    """The author (within the window) or the secretariat changes the title, the opening post or
    whether it is a question; no longer a question, it loses its accepted answer."""
    post = opening_post(thread)
    set_committed_value(post, "thread", thread)
    check_can_edit(actor, post)
    title = fields.get("title", thread.title).strip()
    body = fields.get("body", post.body)
    if title != thread.title or body != post.body:
        _revise(actor, post, title=thread.title)
        thread.title = title
        if body != post.body:
            _edit_body(actor, post, thread, body)
    if "is_question" in fields:
        thread.is_question = fields["is_question"]
        if not thread.is_question:
            thread.accepted_post_id, thread.solved_at = None, None
    db.session.flush()
    _index_posts(thread, [post])
    db.session.commit()
    return thread


def do_create_post(actor: User | None, thread: ForumThread, *, body: str) -> ForumPost:
    """A reply: not to a locked thread (409). The thread's counters move in SQL, so that two
    replies at once both count."""
    require_user(actor)
    check_open(thread)
    now = utcnow()
    html, mentioned = _render(body)
    post = ForumPost(thread_id=thread.id, author_id=actor.id, body=body, body_html=html)
    db.session.add(post)
    db.session.execute(
        sa.update(ForumThread)
        .where(ForumThread.id == thread.id)
        .values(
            reply_count=ForumThread.reply_count + 1,
            last_posted_at=now,
            last_poster_id=actor.id,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    set_committed_value(post, "thread", thread)
    _index_posts(thread, [post])
    notify_reply(thread, post, actor, mentioned.values())
    db.session.commit()
    db.session.refresh(thread)
    return post


def do_update_post(actor: User | None, post: ForumPost, *, body: str) -> ForumPost:
    check_can_edit(actor, post)
    thread = post.thread
    if body != post.body:
        _revise(actor, post)
        _edit_body(actor, post, thread, body)
        db.session.flush()
        _index_posts(thread, [post])
    db.session.commit()
    return post


def _count_reply(thread_id: int, delta: int) -> None:
    db.session.execute(
        sa.update(ForumThread)
        .where(ForumThread.id == thread_id)
        .values(reply_count=ForumThread.reply_count + delta)
        .execution_options(synchronize_session=False)
    )


def do_delete_post(actor: User | None, post: ForumPost) -> None:
    """A reply goes (its author within the window, or the secretariat); the opening post goes
    only with its thread."""
    check_can_edit(actor, post)
    if post.is_opening:
        raise Conflict(OPENING_POST)
    thread = post.thread
    if thread.accepted_post_id == post.id:
        thread.accepted_post_id, thread.solved_at = None, None
    if not post.hidden:
        _count_reply(thread.id, -1)
    remove_document(SEARCH_KIND, post.id)
    db.session.delete(post)
    db.session.commit()


def do_delete_thread(actor: User | None, thread: ForumThread) -> None:
    check_moderator(actor)
    for post_id in db.session.scalars(
        sa.select(ForumPost.id).where(ForumPost.thread_id == thread.id)
    ):
        remove_document(SEARCH_KIND, post_id)
    db.session.execute(sa.delete(ForumPost).where(ForumPost.thread_id == thread.id))
    db.session.delete(thread)
    db.session.commit()


def do_accept(actor: User | None, thread: ForumThread, *, post_id: int) -> ForumThread:
    """The asker or the secretariat picks a reply as the answer; its author is told."""
    check_can_accept(actor, thread)
    post = db.session.get(ForumPost, post_id)
    if post is None or post.thread_id != thread.id or post.is_opening or post.hidden:
        raise ValidationFailed({"post_id": [NOT_AN_ANSWER]})
    if thread.accepted_post_id != post.id:
        thread.accepted_post_id, thread.solved_at = post.id, utcnow()
        _credit_expert(thread, post)
        notify_accepted(thread, post, actor)
    db.session.commit()
    return thread


def _credit_expert(thread: ForumThread, post: ForumPost) -> None:
    """An expert's accepted answer counts among their past answers in the thread's fields,
    which rank them for such questions (``experts.recommend_experts``)."""
    if post.author is not None and post.author.role == Role.EXPERT:
        experts.do_record_answer(post.author_id, experts.thread_fields(thread), commit=False)


def do_unaccept(actor: User | None, thread: ForumThread) -> ForumThread:
    check_can_accept(actor, thread)
    thread.accepted_post_id, thread.solved_at = None, None
    db.session.commit()
    return thread


def _subscribe(model, key: dict, state: str) -> None:
    row = db.session.get(model, tuple(key.values()))
    if state == "none":
        if row is not None:
            db.session.delete(row)
    else:
        row = row or model(**key)
        row.muted = state == "mute"
        db.session.add(row)
    try:
        db.session.commit()
    except sa.exc.IntegrityError:  # the same choice made twice at once
        db.session.rollback()


def do_subscribe_thread(actor: User | None, thread: ForumThread, *, state: str) -> str:
    """``follow`` (replies are told), ``mute`` (never told of replies) or ``none``."""
    require_user(actor)
    _subscribe(ThreadSubscription, {"user_id": actor.id, "thread_id": thread.id}, state)
    return subscription_state(actor, thread)["thread"]


def do_subscribe_category(actor: User | None, category: ForumCategory, *, state: str) -> str:
    """``follow`` (new threads are told), ``mute`` (no reply notices from its threads) or
    ``none``."""
    require_user(actor)
    _subscribe(CategorySubscription, {"user_id": actor.id, "category_id": category.id}, state)
    return category_state(actor, category)


# --- moderation ------------------------------------------------------------------------------


def do_moderate_thread(
    actor: User | None,
    thread: ForumThread,
    *,
    hidden: bool | None = None,
    locked: bool | None = None,
    category_id: int | None = None,
) -> ForumThread:
    """The secretariat hides a thread, locks it, or moves it to another category."""
    check_moderator(actor)
    reindex = False
    if category_id is not None and category_id != thread.category_id:
        if db.session.get(ForumCategory, category_id) is None:
            raise ValidationFailed({"category_id": [CATEGORY_NOT_FOUND]})
        thread.category_id = category_id
        reindex = True
    if hidden is not None and hidden != thread.hidden:
        thread.hidden = hidden
        reindex = True
    if locked is not None:
        thread.locked = locked
    db.session.flush()
    if reindex:
        _reindex_thread(thread)
    db.session.commit()
    db.session.refresh(thread)
    return thread


def do_moderate_post(actor: User | None, post: ForumPost, *, hidden: bool) -> ForumPost:
    """The secretariat hides a post (others no longer see it, nor find it) or shows it again."""
    check_moderator(actor)
    thread = post.thread
    if hidden != post.hidden:
        post.hidden = hidden
        if not post.is_opening:
            _count_reply(thread.id, -1 if hidden else 1)
        if hidden and thread.accepted_post_id == post.id:
            thread.accepted_post_id, thread.solved_at = None, None
        db.session.flush()
        _index_posts(thread, [post])
    db.session.commit()
    return post
