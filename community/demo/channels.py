"""Demo conversations in the expert channels, for ``flask seed demo``.

Every message is sent through the channels service as its author would, with a fixed
``client_id`` (``demo-…``), so running the seed again stores nothing twice; then the demo
moves the times into the past (hours and days ago) so the queue and its figures look lived in.
The people are the demo users of ``cli.load_demo_data``: ``memberN`` / ``coordinatorN`` of the
N-th demo lab and the experts ``expert1`` (AI活用), ``expert2`` (製造DX), ``expert3`` (データ活用).
The questions and answers are illustrations; none records a real consultation.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

# (key, author e-mail, minutes ago, body, is_question, answers key or None)
Line = tuple[str, str, int, str, bool, str | None]

FIELD_CONVERSATIONS: dict[str, list[Line]] = {
    "ai": [
        (
            "ai-1",
            "member11@example.jp",
            3 * 1440 + 300,
            "組子のデザイン案を生成AIで作りたいのですが、社内にある作品の写真は300枚ほどです。"
            "この量でも始められますか？",
            True,
            None,
        ),
        (
            "ai-2",
            "expert1@example.jp",
            3 * 1440 + 260,
            "300枚あれば十分に始められます。最初は追加学習をせず、**参照画像とプロンプト**で"
            "試作して、職人さんに良し悪しを付けてもらうのがおすすめです。評価が溜まってから"
            "学習に進むと手戻りが少ないです。",
            False,
            "ai-1",
        ),
        (
            "ai-3",
            "member11@example.jp",
            3 * 1440 + 240,
            "ありがとうございます。職人さんの図面を参照画像に使う場合、気をつけることはありますか？",
            False,
            None,
        ),
        (
            "ai-4",
            "expert1@example.jp",
            3 * 1440 + 200,
            "自社で撮影した作品写真なら問題ありません。図面は作者と社内での利用範囲を"
            "書面で確認しておくと、展示会や販売に使うときも安心です。",
            False,
            None,
        ),
        (
            "ai-5",
            "member6@example.jp",
            1440 + 120,
            "移住相談のチャットボットをLLMとRAGで作っています。結合セルのあるExcelの表を"
            "うまく読み込めません。前処理のコツはありますか？",
            True,
            None,
        ),
        (
            "ai-6",
            "expert3@example.jp",
            1440 + 45,
            "結合セルは読み込む前に値を各セルへ展開するのが確実です。pandasなら `ffill()` で"
            "埋めてから、表の見出しを各行に付けた文章に直して索引に入れると、"
            "回答に出典も付けやすくなります。",
            False,
            "ai-5",
        ),
        (
            "ai-7",
            "member3@example.jp",
            300,
            "自治体の職員向けに生成AIの利用ガイドラインを作ることになりました。"
            "雛形や、最初に決めておくべき項目を教えてください。",
            True,
            None,
        ),
    ],
    "manufacturing": [
        (
            "mfg-1",
            "member4@example.jp",
            2 * 1440 + 600,
            "町工場の設備の稼働状況をIoTで見える化したいです。古い機械にも後付けできる"
            "センサーの選び方を教えてください。",
            True,
            None,
        ),
        (
            "mfg-2",
            "expert2@example.jp",
            2 * 1440 + 420,
            "動力線に**電流センサー（CTクランプ）**を付けるのが一番手軽です。"
            "機械を改造せずに、1台数千円から稼働・停止を取れます。",
            False,
            "mfg-1",
        ),
        (
            "mfg-3",
            "member7@example.jp",
            2 * 1440 + 380,
            "CTクランプのデータはどこに貯めるのがよいでしょうか？",
            False,
            None,
        ),
        (
            "mfg-4",
            "expert2@example.jp",
            2 * 1440 + 350,
            "数台ならクラウドの無料枠で十分です。まず1か月分を貯めて、"
            "停止の多い時間帯を朝礼で共有するところから始めましょう。",
            False,
            None,
        ),
    ],
    "funding": [
        (
            "fund-1",
            "coordinator10@example.jp",
            360,
            "IT導入補助金で生産管理のクラウドサービスを導入する場合、"
            "利用料は何年分まで補助の対象になりますか？",
            True,
            None,
        ),
    ],
}

ROOM = {
    "lab": "jellyware-fukuoka",
    "name": "kumikoAI 相談ルーム",
    "description": "展示会に向けた組子デザインAIの試作について、専門家に相談します。",
    "creator": "coordinator11@example.jp",
    "invite": "expert1@example.jp",
    "lines": [
        (
            "room-1",
            "coordinator11@example.jp",
            1440 + 600,
            "佐藤さん、来月の展示会に向けて、試作の進め方を相談させてください。",
            False,
            None,
        ),
        (
            "room-2",
            "expert1@example.jp",
            1440 + 540,
            "承知しました。展示したい作品の点数と、準備にかけられる期間を教えてください。",
            False,
            None,
        ),
        (
            "room-3",
            "member11@example.jp",
            1440 + 500,
            "10点ほどを3週間で考えています。職人2名が評価に参加できます。",
            False,
            None,
        ),
    ],
}


def load_demo_channels() -> int:
    """The demo conversations and room; returns how many messages were stored now."""
    from community.accounts.models import User
    from community.channels import services
    from community.channels.models import Channel, ChannelMember, ChannelMessage
    from community.core.db import utcnow
    from community.extensions import db
    from community.labs.models import Lab

    services.ensure_field_channels()
    people = {u.email: u for u in db.session.scalars(sa.select(User))}
    now = utcnow()
    stored: dict[str, ChannelMessage] = {}
    created = 0

    def say(channel: Channel, lines: list[Line]) -> None:
        nonlocal created
        for key, email, minutes, body, is_question, _answers in lines:
            author = people[email]
            message, new = services.do_send(
                author, channel, body=body, client_id=f"demo-{key}", is_question=is_question
            )
            if new:
                created += 1
                message.created_at = now - timedelta(minutes=minutes)
            stored[key] = message
        db.session.commit()

    for code, lines in FIELD_CONVERSATIONS.items():
        channel = db.session.scalar(sa.select(Channel).where(Channel.field_code == code))
        say(channel, lines)

    lab = db.session.scalar(sa.select(Lab).where(Lab.slug == ROOM["lab"]))
    room = db.session.scalar(
        sa.select(Channel).where(Channel.lab_id == lab.id, Channel.name == ROOM["name"])
    )
    creator = people[ROOM["creator"]]
    if room is None:
        room = services.do_create_room(
            creator, lab_id=lab.id, name=ROOM["name"], description=ROOM["description"]
        )
    expert = people[ROOM["invite"]]
    if not db.session.scalar(
        sa.select(ChannelMember.id).where(
            ChannelMember.channel_id == room.id, ChannelMember.user_id == expert.id
        )
    ):
        services.do_invite(creator, room, user_id=expert.id)
    say(room, ROOM["lines"])

    # the first expert reply and the answers, at the times of the story
    for lines in [*FIELD_CONVERSATIONS.values(), ROOM["lines"]]:
        for key, _email, _minutes, _body, is_question, _answers in lines:
            if not is_question:
                continue
            question = stored[key]
            later = [
                stored[k]
                for k, *_ in lines
                if stored[k].id > question.id
                and stored[k].author is not None
                and stored[k].author.role == "expert"
            ]
            question.first_expert_reply_at = later[0].created_at if later else None
        db.session.commit()
        for key, _email, _minutes, _body, _q, answers in lines:
            if answers and stored[answers].answered_at is None:
                question, answer = stored[answers], stored[key]
                services.do_answer(question.author, question, answer_id=answer.id)
                question.answered_at = answer.created_at + timedelta(minutes=10)
                db.session.commit()
    return created
