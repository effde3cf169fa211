"""Demo forum threads for ``flask seed demo``: labs of different regions asking each other.

Every thread, reply and accepted answer goes through ``community.forum.services``, as the demo
people would do it, so counters, follows, the search index and notifications are the real ones.
People are ``("coordinator", lab slug)``, ``("member", lab slug)``, ``("expert", n)`` or
``("secretariat",)``, the accounts ``flask seed demo`` creates. Keyed by title: loading twice
changes nothing.
"""

from __future__ import annotations

import sqlalchemy as sa

from community.demo.data import DEMO_LABS

HOKKAIDO = "shinsetsu-hokkaido"
MIYAGI = "wasshoi-lab-miyagi"
TOHOKU = "sparkle-tohoku"
IBARAKI = "hitachi-frogs-ibaraki"
SHIZUOKA = "expact-shizuoka"
HOKURIKU = "jec-hokuriku"
CHUBU = "juroku-chubu"
OSAKA = "osaka-sangyo"
CHUGOKU = "samurai-chugoku"
SHIKOKU = "iyobank-shikoku"
FUKUOKA = "jellyware-fukuoka"
OKINAWA = "frogs-okinawa"


def _position(slug: str) -> int:
    return next(i for i, lab in enumerate(DEMO_LABS, start=1) if lab["slug"] == slug)


def email_of(person: tuple) -> str:
    kind = person[0]
    if kind == "secretariat":
        return "secretariat@example.jp"
    if kind == "expert":
        return f"expert{person[1]}@example.jp"
    return f"{kind}{_position(person[1])}@example.jp"


def handle_of(person: tuple) -> str:
    """The demo accounts' handles are their e-mail addresses' local parts."""
    return email_of(person).split("@", 1)[0]


# (category, title, author, is_question, body, [(author, body)], accepted reply index or None)
DEMO_THREADS: list[tuple] = [
    (
        "exchange",
        "移住相談のRAGチャットボット、北海道と九州・沖縄で知見を共有しませんか",
        ("coordinator", HOKKAIDO),
        False,
        "十勝の町で、移住・就農の相談に**出典付き**で答えるチャットボットを試しています。\n\n"
        "石川県羽咋市のNOTOBIRAのように、結合セルのある表を読ませるところで苦労しました。"
        "同じような取組をしているラボがあれば、月1回のオンライン勉強会を一緒にやりませんか。",
        [
            (
                ("coordinator", FUKUOKA),
                "福岡でも自治体の問い合わせ対応で生成AIを検討中です。勉強会、ぜひ参加させてください。"
                f"\n\n@{handle_of(('expert', 1))} さんにRAGの評価方法を伺えると助かります。",
            ),
            (
                ("member", OKINAWA),
                "沖縄は離島の移住相談が多く、回答の根拠を示せるのは大事だと感じています。"
                "表の前処理の手順を共有いただけると嬉しいです。",
            ),
            (
                ("expert", 1),
                "評価は「出典が正しいか」と「答えてはいけない質問に答えていないか」を分けて"
                "見るのがおすすめです。勉強会で事例をお見せします。",
            ),
        ],
        None,
    ),
    (
        "talent",
        "伴走支援ができる人材をどう育てていますか？",
        ("member", TOHOKU),
        True,
        "福島・秋田・青森で中小企業の相談を受けていますが、**伴走支援**できる人が足りません。"
        "ITベンダー任せにせず、地域で担い手を育てている例を教えてください。",
        [
            (
                ("coordinator", MIYAGI),
                "宮城ではマナビDX Questの地域拠点として、学習者が地元企業の課題に取り組む"
                "プログラムを回しています。修了者が次の年に伴走役になる流れができました。",
            ),
            (
                ("expert", 2),
                "製造業なら、工場の現場リーダーを半年かけて「社内DX担当」に育てる方法もあります。"
                "外部人材は最初の3か月だけ入るのが続けやすいです。",
            ),
        ],
        0,
    ),
    (
        "motivation",
        "「比較的簡単なDX」の事例を経営者に伝えるコツ",
        ("coordinator", SHIZUOKA),
        False,
        "浜松の小規模事業者からは「DXは儲からない」という声が多いです。"
        "紙の日報をタブレットに変えただけ、のような**簡単な事例**で関心を持ってもらえた"
        "経験があれば教えてください。",
        [
            (
                ("coordinator", CHUBU),
                "岐阜では、在庫表をクラウドの表計算に移して棚卸しが半日短くなった事例が"
                "一番響きました。金額より「時間が浮いた」話が伝わりやすいです。",
            ),
            (
                ("member", OSAKA),
                "事例ライブラリの「簡単なDX」で絞り込んだ一覧を印刷して、商工会の窓口に"
                "置いています。",
            ),
        ],
        None,
    ),
    (
        "awareness",
        "ラボの相談窓口を地域の企業に知ってもらう方法は？",
        ("member", IBARAKI),
        True,
        "茨城DX推進ラボの相談窓口を開いて1年になりますが、相談件数が伸びません。"
        "認知度を上げるために効果があった取組を教えてください。",
        [
            (
                ("coordinator", CHUBU),
                "地銀の営業担当に窓口のチラシを持ってもらったところ、相談が月5件ほど増えました。",
            ),
        ],
        None,
    ),
    (
        "support",
        "金融機関・商工会・ITベンダーの三者連携をどう始めましたか",
        ("coordinator", SHIKOKU),
        False,
        "香川・愛媛では伊予銀行が事務局を担っています。商工会とITベンダーをつなぐ"
        "**マッチング会**を始めたいのですが、最初の一歩で気をつけることはありますか。",
        [
            (
                ("coordinator", CHUGOKU),
                "中国地方では、ITベンダーの営業の場にしないよう、最初の2回は企業の課題発表だけに"
                "しました。信頼ができてから個別相談に進むのがよかったです。",
            ),
            (
                ("member", OSAKA),
                "大阪では商工会議所が会場、金融機関が企業集め、ベンダーが事例紹介と役割を"
                "決めてから始めました。",
            ),
        ],
        None,
    ),
    (
        "funding",
        "IT導入補助金と講師謝金支援は同じ取組で併用できますか？",
        ("member", HOKURIKU),
        True,
        "北陸のラボで、会計ソフトの導入（IT導入補助金）と、導入前の勉強会（講師謝金支援）を"
        "同じ企業向けに計画しています。併用してよいものでしょうか。",
        [
            (
                ("secretariat",),
                "対象となる経費が重ならなければ併用できます。ソフトの購入費はIT導入補助金、"
                "勉強会の講師への謝金は講師謝金支援、と分けて計上してください。",
            ),
            (
                ("expert", 3),
                "事例ライブラリの「IT導入補助金」で絞り込むと、申請の流れを書いた事例が"
                "いくつか見られます。",
            ),
        ],
        0,
    ),
    (
        "funding",
        "ボランティア頼みの運営から抜け出すには",
        ("coordinator", OKINAWA),
        False,
        "ラボの活動がほぼボランティアで回っていて、担当者の負担が限界です。"
        "活動資金を確保できたラボの工夫を聞かせてください。",
        [
            (
                ("coordinator", HOKKAIDO),
                "北海道では自治体の事業を受託して、その中でラボの相談会を開く形にしました。",
            ),
        ],
        None,
    ),
    (
        "exchange",
        "kumikoAIの取組を他地域の伝統工芸に横展開したい",
        ("coordinator", HOKURIKU),
        False,
        "福岡の組子細工で生成AIをデザインに使う**kumikoAI**の事例を見ました。"
        "石川の伝統工芸でも試したいので、"
        f"@{handle_of(('coordinator', FUKUOKA))} さん、進め方を伺えますか。",
        [
            (
                ("coordinator", FUKUOKA),
                "ぜひ。職人さんの図案を学習させる前に、権利の扱いを最初に決めておくのが大事でした。"
                "来月のワークショップにもご招待します。",
            ),
        ],
        None,
    ),
    (
        "announcements",
        "【事務局】活動報告の提出と、DX認定・マナビDXの活用実績の記入について",
        ("secretariat",),
        False,
        "各ラボの皆さま\n\n今年度の**活動報告**の受付を始めます。"
        "DX認定、未踏・AKATSUKI、マナビDX・マナビDX Questの活用実績も数値でご記入ください。"
        "表彰の選考にも使います。",
        [],
        None,
    ),
]


def load_demo_forum() -> int:
    """The demo threads, each through the forum service; returns how many were created."""
    from community.accounts.models import User
    from community.extensions import db
    from community.forum import services
    from community.forum.models import ForumCategory, ForumThread

    def person(who: tuple) -> User:
        return db.session.scalar(sa.select(User).where(User.email == email_of(who)))

    created = 0
    for slug, title, author, is_question, body, replies, accepted in DEMO_THREADS:
        if db.session.scalar(sa.select(ForumThread.id).where(ForumThread.title == title)):
            continue
        category = db.session.scalar(sa.select(ForumCategory).where(ForumCategory.slug == slug))
        thread = services.do_create_thread(
            person(author),
            category_id=category.id,
            title=title,
            body=body,
            is_question=is_question,
        )
        posts = [services.do_create_post(person(who), thread, body=text) for who, text in replies]
        if accepted is not None:
            services.do_accept(person(author), thread, post_id=posts[accepted].id)
        created += 1
    return created
