"""A forum thread page with 20 posts, as HTML, against a bare hello-world in the same run.

Both are served by the same gunicorn command (one worker, eight threads) on free local ports,
on a SQLite database with the demo data plus one thread of 20 posts written through the forum
service (Markdown, a mention, an accepted answer), and loaded by the same keep-alive client for
``BENCH_SECONDS``. Prints requests per second, p50/p99 latency, errors and the ratio to
hello-world; the goal is a ratio of at least 0.15 (DESIGN.md, "Speed: what a peer teaches").
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import BIN, CLIENTS, DURATION, ROOT, load, serve

GOAL = 0.15
POSTS = 20


def prepare(env: dict) -> int:
    """Migrate, load the demo, and write one thread of ``POSTS`` posts; returns its id."""
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for args in (["db", "upgrade"], ["seed", "demo"]):
        subprocess.run([*flask, *args], cwd=ROOT, env=env, check=True, capture_output=True)

    import community.models  # noqa: F401  every model is mapped before the services load
    from community import create_app
    from community.accounts.models import User
    from community.extensions import db
    from community.forum import services
    from community.forum.models import ForumCategory

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=env["DATABASE_URL"])
    with app.app_context():
        people = list(db.session.scalars(db.select(User).order_by(User.id).limit(6)))
        category = db.session.scalar(db.select(ForumCategory).where(ForumCategory.slug == "talent"))
        thread = services.do_create_thread(
            people[1],
            category_id=category.id,
            title="伴走支援の人材育成、どこから始めましたか（ベンチマーク）",
            body="## 相談\n\n地域で**伴走支援**できる人を育てたいと考えています。",
            is_question=True,
        )
        answer = None
        for n in range(POSTS - 1):
            author = people[2 + n % 4]
            body = (
                f"返信{n + 1}: マナビDX Questの修了者が翌年に伴走役になる流れを作りました。\n\n"
                f"- 半年の実践\n- 地元企業の課題\n- @{people[1].handle} さんへの報告\n\n"
                "詳しくは[事例ライブラリ](/cases)をご覧ください。"
            )
            post = services.do_create_post(author, thread, body=body)
            answer = answer or post
        services.do_accept(people[1], thread, post_id=answer.id)
        thread_id = thread.id
        db.engine.dispose()
    return thread_id


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-forum-"))
    env = {
        **os.environ,
        "COMMUNITY_ENV": "production",
        "SECRET_KEY": "bench",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite'}",
    }
    thread_id = prepare(env)
    hello, hello_port = serve("bench.hello:app", env)
    app, app_port = serve("wsgi:app", env)
    try:
        baseline = load(hello_port, "/")
        print(f"\nSQLite, gunicorn -w 1 --threads 8, {CLIENTS} clients, {DURATION:.0f} s each")
        print(f"{'endpoint':<22}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'× hello':>9}")
        row = "{:<22}{rps:>10.0f}{p50:>9.1f}{p99:>9.1f}{errors:>8}{ratio:>9.3f}"
        print(row.format("hello-world", ratio=1.0, **baseline))
        results = {}
        for name, path in (
            (f"thread page ({POSTS} posts)", f"/forum/threads/{thread_id}"),
            ("forum index", "/forum"),
            ("category page", "/forum/c/talent"),
        ):
            result = load(app_port, path)
            results[name] = ratio = result["rps"] / baseline["rps"]
            print(row.format(name, ratio=ratio, **result))
    finally:
        for process in (hello, app):
            process.terminate()
            process.wait(timeout=10)
    ratio = results[f"thread page ({POSTS} posts)"]
    verdict = "meets" if ratio >= GOAL else "misses"
    print(f"thread page: {ratio:.3f}× hello-world, {verdict} the goal of {GOAL}×")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
