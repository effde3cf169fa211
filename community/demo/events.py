"""Demo joint events for ``flask seed demo``: labs of several regions hosting together.

Every event is created, published, registered for, checked in, reported on or cancelled through
``community.events.services``, as the host lab's coordinator and the members would do it, so the
seat counters, quotas, waitlists and lottery applications are the real ones.

Dates are given in days from the day of loading in Japan time, so the upcoming events are always
upcoming. An event that lies in the past is first scheduled in the future (registration is only
open before an event), registered for, then moved to its date by its host; check-ins and the
closing report follow. Its registration and check-in times are therefore those of the loading.

Keyed by title (events) and by person (registrations), so loading twice changes nothing.
People are ``(lab slug, n)``: n = 1 is ``member<lab>@example.jp``, the lab's existing demo
member, n >= 2 is ``member<lab>-<n>@example.jp``, added here; ``("expert", n)`` is
``expert<n>@example.jp`` (no lab). The first member of each lab appears on public lists.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from community.demo.data import DEMO_LABS

TOKYO = ZoneInfo("Asia/Tokyo")
MEMBERS_PER_LAB = 5  # member<lab>@ plus member<lab>-2@ … member<lab>-5@
# a past event is first scheduled this many days after its real date, while people register
PAST_SHIFT_DAYS = 120

Person = tuple[str, int]


def _people(slug: str, *numbers: int) -> list[Person]:
    return [(slug, n) for n in numbers]


HOKKAIDO = "shinsetsu-hokkaido"
MIYAGI = "wasshoi-lab-miyagi"
TOHOKU = "sparkle-tohoku"
IBARAKI = "hitachi-frogs-ibaraki"
SHIZUOKA = "expact-shizuoka"
HOKURIKU = "jec-hokuriku"
TOKAI = "juroku-chubu"
OSAKA = "osaka-sangyo"
CHUGOKU = "samurai-chugoku"
SHIKOKU = "iyobank-shikoku"
FUKUOKA = "jellyware-fukuoka"
OKINAWA = "frogs-okinawa"

# Each event: ``hosts`` is ``[(lab slug, seat quota or None)]``, the first creates the event;
# ``day`` counts from today in Japan time, ``start``/``end`` are Japan times that day;
# ``closes_days_before``: registration closes that many days before the start at 17:00;
# ``registrants`` register in that order; ``cancellations`` then cancel their registration;
# ``absent`` are confirmed people who did not check in (a past event); ``report`` is the
# closing report (a past event); ``cancel_reason`` cancels the event after registrations.
DEMO_EVENTS: list[dict] = [
    {
        "title": "東北・北海道合同 生成AI活用セミナー",
        "hosts": [(MIYAGI, 10), (HOKKAIDO, 10), (TOHOKU, 10)],
        "kind": "hybrid",
        "venue": "仙台市中小企業活性化センター（AER 5階）",
        "prefecture": "04",
        "online_url": "https://meet.example.jp/tohoku-hokkaido-genai",
        "day": -42,
        "start": "13:30",
        "end": "17:00",
        "closes_days_before": 2,
        "capacity": 50,
        "target_audience": "北海道・東北の中小企業の経営者、情報システム担当者、支援機関の職員",
        "challenges": ["talent", "motivation"],
        "related_cases": [
            "移住相談に答えるLLM＋RAGチャットボット「NOTOBIRA」",
            "高専生と生成AIで見積書づくりを早めた日立の金属加工会社",
        ],
        "description": (
            "北海道・東北の3つのDX推進ラボが合同で開く、中小企業向けの生成AI活用セミナーです。"
            "「何から始めればよいかわからない」という経営者の方に、身近な業務で効果が出た事例を紹介します。\n\n"
            "## プログラム\n\n"
            "- 13:30 開会・趣旨説明（宮城DX推進ラボ）\n"
            "- 13:40 基調講演「中小企業の生成AI活用、はじめの一歩」\n"
            "- 14:30 事例紹介：移住相談に答えるLLM＋RAGチャットボット「NOTOBIRA」（北陸DX推進ラボからオンライン登壇）\n"
            "- 15:10 事例紹介：高専生と生成AIで見積書づくりを早めた金属加工会社\n"
            "- 15:40 ハンズオン：社内文書を使った問い合わせ対応の試作\n"
            "- 16:30 個別相談（各ラボの相談窓口）\n\n"
            "会場参加とオンライン参加を選べます。共催の3ラボには各10席の優先枠があります。"
        ),
        "registrants": [
            *_people(MIYAGI, 1, 2, 3, 4, 5),
            *_people(HOKKAIDO, 1, 2, 3, 4, 5),
            *_people(TOHOKU, 1, 2, 3, 4),
            *_people(IBARAKI, 2, 3, 4),
            *_people(HOKURIKU, 2),
            ("expert", 1),
            ("expert", 3),
        ],
        "cancellations": [(TOHOKU, 4)],
        "absent": [(MIYAGI, 5), (HOKKAIDO, 4), (IBARAKI, 4)],
        "report": {
            "attendance": 19,
            "summary": (
                "会場とオンラインをあわせて19名が参加しました（受付でのチェックインは会場参加者のみ）。"
                "NOTOBIRAの開発チームによる、表を含む移住資料をRAGで扱う工夫と、"
                "回答に出典を示す設計の紹介に質問が集中しました。"
            ),
            "outcomes": (
                "- 十勝の町が、移住・就農相談のRAGチャットボットの試作に着手し、事例として登録\n"
                "- 参加企業3社が、ラボの相談窓口で生成AIの個別相談を予約\n"
                "- 次回は製造業向けに見積・図面の活用をテーマに開催することを合意"
            ),
            "cases": ["移住・就農の相談に出典付きで答えるRAGチャットボット（十勝の町）"],
        },
    },
    {
        "title": "九州・沖縄 DX事例発表会",
        "hosts": [(FUKUOKA, None), (OKINAWA, None)],
        "kind": "in_person",
        "venue": "天神 貸会議室（福岡市中央区）",
        "prefecture": "40",
        "online_url": "",
        "day": -14,
        "start": "14:00",
        "end": "17:30",
        "closes_days_before": 1,
        "capacity": 40,
        "target_audience": "九州・沖縄の中小企業、自治体・商工会の職員、地域のITベンダー",
        "challenges": ["motivation", "awareness"],
        "related_cases": [
            "生成AIで組子のデザイン案を提案する「kumikoAI」",
            "モバイルオーダーで注文とレジ締めを楽にした福岡の居酒屋",
            "タブレットで客室清掃の状況を共有した那覇のホテル",
            "多言語チャットボットで予約と問い合わせに答える函館の旅館",
        ],
        "description": (
            "福岡と沖縄のDX推進ラボが、地域の企業が取り組んだ「比較的簡単なDX」の事例を持ち寄る発表会です。"
            "発表者と参加者が直接話せる交流の時間を長めにとります。\n\n"
            "## 発表\n\n"
            "1. 生成AIで組子のデザイン案を提案する「kumikoAI」\n"
            "2. モバイルオーダーで注文とレジ締めを楽にした福岡の居酒屋\n"
            "3. タブレットで客室清掃の状況を共有した那覇のホテル\n"
            "4. 【ゲスト】多言語チャットボットで予約に答える函館の旅館（北海道からオンライン）\n\n"
            "発表のあと、17:00まで交流会（名刺交換・個別相談）を行います。"
        ),
        "registrants": [
            *_people(FUKUOKA, 2, 3, 4, 5),
            *_people(OKINAWA, 1, 2, 3, 4, 5),
            *_people(SHIKOKU, 1, 2),
            *_people(CHUGOKU, 1),
            *_people(OSAKA, 1),
            ("expert", 2),
        ],
        "cancellations": [],
        "absent": [(OKINAWA, 5), (SHIKOKU, 2)],
        "report": {
            "attendance": None,  # the check-ins
            "summary": (
                "4件の事例発表と交流会を行いました。函館の旅館の多言語チャットボットには、"
                "離島の宿泊施設から導入費用と運用の手間について多くの質問がありました。"
            ),
            "outcomes": (
                "- 宮古島の民宿が函館の事例を参考に多言語チャットボットを導入し、事例として登録\n"
                "- 組子の事業者と県内の家具メーカーが、kumikoAIの試用について個別に打ち合わせ"
            ),
            "cases": ["函館の旅館に学んだ多言語チャットボットで予約に答える宮古島の民宿"],
        },
    },
    {
        "title": "オンライン IT導入補助金 相談会",
        "hosts": [(SHIKOKU, None), (CHUGOKU, None), (OSAKA, None)],
        "kind": "online",
        "venue": "",
        "prefecture": None,
        "online_url": "https://meet.example.jp/it-hojokin-soudan",
        "day": 9,
        "start": "18:30",
        "end": "20:00",
        "closes_days_before": 1,
        "capacity": 100,
        "target_audience": "IT導入補助金の申請を考えている中小企業・小規模事業者、支援機関の職員",
        "challenges": ["funding", "awareness"],
        "related_cases": [
            "IT導入補助金で受発注をクラウド化した水産加工会社",
            "インボイス対応とクラウド会計で経理を半分にした農産物直売所",
            "セキュリティ対策推進枠でサイバー攻撃に備えた大阪の卸売会社",
        ],
        "description": (
            "四国・中国・近畿のDX推進ラボによる、IT導入補助金のオンライン相談会です。"
            "仕事帰りに参加できるよう夜に開催します。\n\n"
            "## 内容\n\n"
            "- 申請の流れと、対象となるITツール・IT導入支援事業者の選び方\n"
            "- インボイス枠・セキュリティ対策推進枠の使いどころ（活用事例つき）\n"
            "- 事前に準備するもの（gBizIDプライム、SECURITY ACTIONの宣言など）\n"
            "- 質疑応答、ラボ別のブレイクアウト相談\n\n"
            "参加URLは参加確定後にこのページに表示されます。"
        ),
        "registrants": [
            *_people(SHIKOKU, 3, 4, 5),
            *_people(CHUGOKU, 2, 3, 4),
            *_people(OSAKA, 2, 3, 4),
            *_people(IBARAKI, 5),
            *_people(TOKAI, 5),
            *_people(OKINAWA, 2),
            *_people(MIYAGI, 3),
        ],
        "cancellations": [(OSAKA, 4)],
    },
    {
        "title": "北陸×中部 製造DX 工場見学会",
        "hosts": [(HOKURIKU, 4), (TOKAI, 4), (SHIZUOKA, None)],
        "kind": "in_person",
        "venue": "高岡市内の銅器メーカー工場（集合：新高岡駅 12:45）",
        "prefecture": "16",
        "online_url": "",
        "day": 23,
        "start": "13:00",
        "end": "17:00",
        "closes_days_before": 7,
        "capacity": 12,
        "target_audience": "製造業の経営者・工場長・生産技術の担当者（工場の安全のため定員12名）",
        "challenges": ["motivation", "talent"],
        "related_cases": [
            "3Dスキャンで鋳物の型をデータ化した高岡の銅器メーカー",
            "後付けIoTで刃物工場の設備稼働を見える化（関市）",
            "IoTセンサーで設備の稼働を見える化した部品工場",
        ],
        "description": (
            "北陸・東海・静岡のDX推進ラボが共催する、製造DXの現場を見る工場見学会です。"
            "3Dスキャンで鋳物の型をデータ化した高岡の銅器メーカーを訪ね、導入の経緯と費用、"
            "職人の技能をデータに残す工夫を現場で伺います。\n\n"
            "## 行程\n\n"
            "- 12:45 新高岡駅 集合（貸切バス）\n"
            "- 13:15 工場見学（鋳造・仕上げ・3Dスキャン）\n"
            "- 15:00 意見交換：後付けIoTで設備稼働を見える化した関市・静岡の事例と比べて\n"
            "- 16:40 新高岡駅 解散\n\n"
            "北陸と東海のラボには各4席の優先枠があります。満席の場合はキャンセル待ちで受け付け、"
            "キャンセルが出たら順に繰り上げます。"
        ),
        "registrants": [
            *_people(HOKURIKU, 1, 2, 3, 4, 5),
            *_people(TOKAI, 1, 2, 3, 4),
            *_people(SHIZUOKA, 1, 2, 3),
            *_people(OSAKA, 5),
            *_people(IBARAKI, 4),
            *_people(HOKKAIDO, 5),
        ],
        # an open seat given back: the first person waiting for the open seats moves up
        "cancellations": [(SHIZUOKA, 2)],
    },
    {
        "title": "生成AI×伝統工芸 kumikoAI ワークショップ（抽選）",
        "hosts": [(FUKUOKA, None), (HOKURIKU, None)],
        "kind": "in_person",
        "venue": "大川市内の木工所（福岡県大川市）",
        "prefecture": "40",
        "online_url": "",
        "day": 30,
        "start": "13:00",
        "end": "17:00",
        "mode": "lottery",
        "lottery_deadline": {"day": 16, "time": "23:59"},
        "capacity": 8,
        "target_audience": "伝統工芸・ものづくりの事業者、工芸産地の支援機関",
        "challenges": ["motivation", "talent"],
        "related_cases": [
            "生成AIで組子のデザイン案を提案する「kumikoAI」",
            "3Dスキャンで鋳物の型をデータ化した高岡の銅器メーカー",
        ],
        "description": (
            "組子のデザイン案を生成AIで提案する「kumikoAI」の開発者と、高岡銅器の産地から"
            "北陸DX推進ラボが参加する少人数のワークショップです。"
            "自社の製品写真をもとにデザイン案を生成し、職人の目で選ぶところまで体験します。\n\n"
            "材料と機材の都合で定員は8名です。申込締切のあと抽選で参加者を決め、"
            "落選した方は抽選順にキャンセル待ちとなります。"
        ),
        "registrants": [
            *_people(FUKUOKA, 1, 2, 3),
            *_people(HOKURIKU, 2, 3),
            *_people(OKINAWA, 3),
            *_people(TOKAI, 2),
            *_people(SHIZUOKA, 1),
            *_people(OSAKA, 2),
            *_people(CHUGOKU, 5),
            *_people(SHIKOKU, 4),
            *_people(TOHOKU, 1),
            *_people(MIYAGI, 2),
            ("expert", 1),
        ],
        "cancellations": [],
    },
    {
        "title": "関東・東北 DX認定取得 準備勉強会",
        "hosts": [(IBARAKI, None), (MIYAGI, None)],
        "kind": "in_person",
        "venue": "水戸市内 貸会議室（茨城県水戸市）",
        "prefecture": "08",
        "online_url": "",
        "day": 12,
        "start": "14:00",
        "end": "16:30",
        "closes_days_before": 2,
        "capacity": 30,
        "target_audience": "DX認定の取得を目指す中小企業の経営者・経営企画の担当者",
        "challenges": ["awareness", "support"],
        "related_cases": [],
        "description": (
            "DX認定の申請に必要な「経営ビジョン」「DX戦略」「推進体制」の書き方を、"
            "認定を取得した企業の担当者と一緒に確認する勉強会です。\n\n"
            "- 認定制度の概要と申請の流れ\n"
            "- 取得企業の申請書（抜粋）を読む\n"
            "- 自社のDX戦略のたたき台をつくるワーク"
        ),
        "registrants": [
            *_people(IBARAKI, 1, 2, 3),
            *_people(MIYAGI, 4, 5),
            *_people(TOHOKU, 2),
        ],
        "cancellations": [],
        "cancel_reason": (
            "講師の都合により開催を見合わせます。日程を改めてオンラインで開催する予定です。"
            "ご登録いただいた方には、決まり次第ご案内します。"
        ),
    },
    {
        "title": "中国・四国合同 マナビDX Quest 成果共有会",
        "hosts": [(CHUGOKU, 10), (SHIKOKU, 10)],
        "kind": "hybrid",
        "venue": "岡山市内会場（岡山県岡山市）＋オンライン",
        "prefecture": "33",
        "online_url": "https://meet.example.jp/chugoku-shikoku-manabi-dx-quest",
        "day": 40,
        "start": "13:30",
        "end": "16:30",
        "closes_days_before": 3,
        "capacity": 30,
        "target_audience": "マナビDX Questの受講生・協力企業、DX人材の育成に関心のある企業と支援機関",
        "challenges": ["talent"],
        "related_cases": [
            "マナビDX Questの受講生チームと作った飲食店の仕込み量予測",
            "kintoneで縫製の進み具合を共有した倉敷のデニム工場",
        ],
        "description": (
            "マナビDX Questで地域企業と課題解決に取り組んだ受講生チームが、成果と学びを発表します。"
            "協力企業にとっての効果と、受講生を地域の伴走支援の担い手につなげる方法を話し合います。\n\n"
            "## プログラム\n\n"
            "- 受講生チームの成果発表（4チーム）\n"
            "- 協力企業の声：倉敷のデニム工場\n"
            "- パネル討論「学んだ人を地域の伴走支援者に」\n\n"
            "中国・四国の両ラボに各10席の優先枠があります。"
        ),
        "registrants": [
            *_people(CHUGOKU, 1, 2, 3),
            *_people(SHIKOKU, 1, 2),
            *_people(OSAKA, 1),
            *_people(MIYAGI, 1),
            ("expert", 3),
        ],
        "cancellations": [],
    },
]


def _at(today: date, day: int, clock: str) -> datetime:
    """``clock`` (HH:MM, Japan time) on the day ``day`` days after ``today``, in UTC."""
    hour, minute = (int(part) for part in clock.split(":"))
    moment = datetime.combine(today + timedelta(days=day), time(hour, minute), tzinfo=TOKYO)
    return moment.astimezone(UTC)


def schedule(entry: dict, today: date) -> dict:
    """The event's times for the service, as aware UTC datetimes."""
    times = {
        "starts_at": _at(today, entry["day"], entry["start"]),
        "ends_at": _at(today, entry["day"], entry["end"]),
    }
    if "closes_days_before" in entry:
        times["registration_closes_at"] = _at(
            today, entry["day"] - entry["closes_days_before"], "17:00"
        )
    if entry.get("mode") == "lottery":
        deadline = entry["lottery_deadline"]
        times["lottery_deadline"] = _at(today, deadline["day"], deadline["time"])
    return times


def person_email(person: Person) -> str:
    slug, number = person
    if slug == "expert":
        return f"expert{number}@example.jp"
    position = next(i for i, lab in enumerate(DEMO_LABS, start=1) if lab["slug"] == slug)
    return (
        f"member{position}@example.jp" if number == 1 else f"member{position}-{number}@example.jp"
    )


def load_demo_members() -> None:
    """Members 2…5 of each demo lab, so that events fill up. Skipped where they exist.

    They share one hash of the demo password: hashing it once per account would make
    ``flask seed demo`` seconds slower for the same password.
    """
    from community.accounts.models import Role, User
    from community.accounts.services import hash_password, normalise_email
    from community.cli import DEMO_PASSWORD
    from community.extensions import db
    from community.labs.models import Lab, LabMembership

    password_hash = None
    for entry in DEMO_LABS:
        lab = db.session.scalar(sa.select(Lab).where(Lab.slug == entry["slug"]))
        for number in range(2, MEMBERS_PER_LAB + 1):
            email = normalise_email(person_email((entry["slug"], number)))
            user = db.session.scalar(sa.select(User).where(User.email == email))
            if user is None:
                password_hash = password_hash or hash_password(DEMO_PASSWORD)
                user = User(
                    email=email,
                    display_name=f"{entry['name']} メンバー{number}",
                    password_hash=password_hash,
                    role=Role.MEMBER.value,
                )
                db.session.add(user)
                db.session.flush()
            if not any(m.user_id == user.id for m in lab.memberships):
                lab.memberships.append(LabMembership(user=user, role=Role.MEMBER.value))
    db.session.commit()


def load_demo_events(today: date | None = None) -> int:
    """The demo events, each step through the events service; returns how many were created.

    ``today`` (Japan time) anchors the dates; by default the day of loading.
    """
    load_demo_members()
    today = today or datetime.now(TOKYO).date()
    return sum(_load_event(entry, today) for entry in DEMO_EVENTS)


def _load_event(entry: dict, today: date) -> bool:
    from community.accounts.models import User
    from community.cases.models import Case
    from community.core.db import utcnow
    from community.events import services
    from community.events.models import Event, EventReport, EventStatus, Registration
    from community.extensions import db
    from community.labs.models import Lab

    def lab_id(slug: str) -> int:
        return db.session.scalar(sa.select(Lab.id).where(Lab.slug == slug))

    def case_ids(titles: list[str]) -> list[int]:
        return [db.session.scalar(sa.select(Case.id).where(Case.title == t)) for t in titles]

    def user(person: Person) -> User:
        return db.session.scalar(sa.select(User).where(User.email == person_email(person)))

    def registration_of(event_id: int, person: Person) -> Registration | None:
        return db.session.scalar(
            sa.select(Registration)
            .join(User, User.id == Registration.user_id)
            .where(Registration.event_id == event_id, User.email == person_email(person))
        )

    lead_lab = db.session.get(Lab, lab_id(entry["hosts"][0][0]))
    lead = lead_lab.coordinators[0]
    times = schedule(entry, today)
    in_past = times["ends_at"] <= utcnow()
    event_id = db.session.scalar(sa.select(Event.id).where(Event.title == entry["title"]))
    created = event_id is None
    if created:
        opened = times
        if in_past:  # open for registration first; moved to its date below
            shift = timedelta(days=PAST_SHIFT_DAYS)
            opened = {name: moment + shift for name, moment in times.items()}
        event = services.do_create_event(
            lead,
            lab_id=lead_lab.id,
            hosts=[{"lab_id": lab_id(slug), "seat_quota": quota} for slug, quota in entry["hosts"]],
            title=entry["title"],
            description=entry["description"],
            kind=entry["kind"],
            venue=entry["venue"],
            prefecture=entry["prefecture"],
            online_url=entry["online_url"],
            capacity=entry["capacity"],
            target_audience=entry["target_audience"],
            challenges=entry["challenges"],
            related_case_ids=case_ids(entry["related_cases"]),
            mode=entry.get("mode", "first_come"),
            **opened,
        )
        event_id = event.id
    event = services.get_event(lead, event_id)
    if event.status == EventStatus.DRAFT:
        event = services.do_publish_event(lead, event)

    if event.status == EventStatus.PUBLISHED and event.starts_at > utcnow():
        for person in entry["registrants"]:
            if registration_of(event_id, person) is None:
                services.do_register(
                    user(person), services.get_event(lead, event_id), show_publicly=person[1] == 1
                )
        for person in entry.get("cancellations", ()):
            registration = registration_of(event_id, person)
            if registration.status != "cancelled":
                services.do_cancel_registration(user(person), registration)

    event = services.get_event(lead, event_id)
    if entry.get("cancel_reason") and event.status == EventStatus.PUBLISHED:
        services.do_cancel_event(lead, event, reason=entry["cancel_reason"])

    if in_past and event.starts_at > utcnow():  # the hosts set the real date
        event = services.do_update_event(lead, event, **times)
    if "report" in entry:
        absent = {person_email(p) for p in entry["absent"]}
        for person in entry["registrants"]:
            registration = registration_of(event_id, person)
            if (
                person_email(person) not in absent
                and registration.status == "confirmed"
                and registration.attended_at is None
            ):
                services.do_check_in(lead, event, registration_id=registration.id)
        if db.session.get(EventReport, event_id) is None:
            report = entry["report"]
            services.do_record_report(
                lead,
                services.get_event(lead, event_id),
                summary=report["summary"],
                outcomes=report["outcomes"],
                attendance=report["attendance"],
                case_ids=case_ids(report["cases"]),
            )
    return created
