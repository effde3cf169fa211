"""Demo experts for ``flask seed demo``: fifteen fictional people across fields and regions.

Every person and organisation here is fictional: IT coordinators (ITコーディネータ), 中小企業診断士,
university researchers and vendor engineers of the kind labs ask for in the source documents
(shared/seeds/000: "分野ごとの専門家リスト", 専門家派遣, 講師謝金支援). E-mail addresses use
``.example.jp``; every account has the demo password.

People are ``expert<n>@example.jp`` in the order of ``DEMO_EXPERTS`` (the first three already
exist: the seed command creates them; their names are set here). Each profile is written by
the expert through ``community.experts.services`` and its answers recorded with
``do_record_answer``, as the forum and the channels will; keyed by e-mail address, so loading
twice changes nothing.
"""

from __future__ import annotations

DEMO_EXPERTS: list[dict] = [
    {
        "name": "佐藤 美咲",
        "headline": "生成AI・RAGの業務活用を、小さく始めて確かめる伴走支援",
        "organisation": "ことのはAIラボ株式会社",
        "fields": ["ai", "data", "motivation"],
        "regions": [],
        "prefectures": ["13"],
        "online": True,
        "in_person": False,
        "honorarium_eligible": True,
        "availability": "accepting",
        "availability_note": "オンライン相談は随時",
        "bio": (
            "AIベンダーで社内文書検索（RAG）とチャットボットの導入を50社以上支援してきました。\n\n"
            "- 問い合わせ対応や規程集の検索など、**効果が見えやすい業務**から始めます\n"
            "- 表や結合セルを含む資料の読み込み、回答への出典表示の工夫をお伝えします\n"
            "- 経営者向けの「生成AIで何ができるか」勉強会の講師も担当します"
        ),
        "answers": {"ai": 14, "data": 5},
    },
    {
        "name": "鈴木 健太",
        "headline": "町工場の生産管理とIoT見える化を、現場の目線で",
        "organisation": "鈴木技術士事務所（技術士・機械部門）",
        "fields": ["manufacturing", "iot", "operations"],
        "regions": ["chubu"],
        "prefectures": [],
        "online": True,
        "in_person": True,
        "honorarium_eligible": True,
        "availability": "limited",
        "availability_note": "現地訪問は月2社まで",
        "bio": (
            "自動車部品メーカーの生産技術を20年経験し、独立しました。"
            "稼働監視センサーの後付け、紙の日報の電子化、段取り替え時間の短縮など、"
            "**投資を抑えたスモールスタート**を得意としています。"
        ),
        "answers": {"manufacturing": 9, "iot": 6},
    },
    {
        "name": "高橋 由紀",
        "headline": "自治体データ連携基盤とオープンデータの活用",
        "organisation": "東都情報科学大学 地域データ研究センター",
        "fields": ["data", "awareness", "ai"],
        "regions": ["kanto"],
        "prefectures": [],
        "online": True,
        "in_person": True,
        "honorarium_eligible": True,
        "availability": "accepting",
        "availability_note": "",
        "bio": (
            "准教授。地域の移動・観光データの分析と、自治体のオープンデータ公開を研究しています。"
            "ラボの勉強会で、データの集め方から可視化までをハンズオンで紹介できます。"
        ),
        "answers": {"data": 11, "awareness": 2},
    },
    {
        "name": "伊藤 直樹",
        "headline": "補助金を活かしたIT投資計画づくり（IT導入補助金・ものづくり補助金）",
        "organisation": "伊藤経営研究所（中小企業診断士）",
        "fields": ["funding", "support", "operations"],
        "regions": ["tohoku"],
        "prefectures": [],
        "online": True,
        "in_person": True,
        "honorarium_eligible": True,
        "availability": "accepting",
        "availability_note": "申請時期（春・秋）は早めにご相談ください",
        "bio": (
            "中小企業診断士。事業計画と補助金申請の支援で、IT導入補助金の採択実績は80件を超えます。"
            "採択後の**効果測定と報告**まで伴走し、成功事例として横展開できる形にまとめます。"
        ),
        "answers": {"funding": 18, "support": 4},
    },
    {
        "name": "渡辺 さやか",
        "headline": "小売・飲食のEC立ち上げとキャッシュレス対応",
        "organisation": "ITコーディネータ 渡辺オフィス",
        "fields": ["ec", "motivation", "cloud"],
        "regions": ["kyushu-okinawa"],
        "prefectures": ["40"],
        "online": True,
        "in_person": True,
        "honorarium_eligible": True,
        "availability": "accepting",
        "availability_note": "",
        "bio": (
            "ITコーディネータ。商店街や飲食店のネットショップ開設、SNS集客、"
            "キャッシュレス決済の導入を支援しています。「まず1商品から」の簡単なDXが得意です。"
        ),
        "answers": {"ec": 7, "motivation": 3},
    },
    {
        "name": "山本 拓也",
        "headline": "中小企業の情報セキュリティ対策とSECURITY ACTION",
        "organisation": "北斗セキュリティ株式会社",
        "fields": ["security", "cloud"],
        "regions": [],
        "prefectures": ["01"],
        "online": True,
        "in_person": False,
        "honorarium_eligible": False,
        "availability": "accepting",
        "availability_note": "",
        "bio": (
            "情報処理安全確保支援士。ランサムウェア対策、クラウド利用時の設定見直し、"
            "社員向けの標的型メール訓練などをオンラインで支援します。"
        ),
        "answers": {"security": 6},
    },
    {
        "name": "中村 亜希子",
        "headline": "DX人材育成とリスキリング（マナビDX・マナビDX Questの活用）",
        "organisation": "株式会社みらいスキル研究所",
        "fields": ["talent", "motivation"],
        "regions": ["kinki"],
        "prefectures": [],
        "online": True,
        "in_person": True,
        "honorarium_eligible": True,
        "availability": "accepting",
        "availability_note": "",
        "bio": (
            "企業内研修の設計を15年。マナビDXの講座選びから、"
            "地域企業と学習者が課題に取り組む実践型プログラムの運営までお手伝いします。"
        ),
        "answers": {"talent": 12, "motivation": 4},
    },
    {
        "name": "小林 誠",
        "headline": "kintone・Google Workspaceで紙とExcelの業務を整理",
        "organisation": "小林ITコンサルティング",
        "fields": ["cloud", "operations"],
        "regions": ["hokuriku"],
        "prefectures": [],
        "online": True,
        "in_person": True,
        "honorarium_eligible": True,
        "availability": "accepting",
        "availability_note": "",
        "bio": (
            "ノーコードツールでの業務アプリ作りを、社員の方が自分で直せる形で進めます。"
            "受発注、在庫、日報のペーパーレス化の実績が多数あります。"
        ),
        "answers": {"cloud": 8, "operations": 10},
    },
    {
        "name": "加藤 陽介",
        "headline": "農業・水産業のIoTセンシングと遠隔監視",
        "organisation": "南海センシング株式会社",
        "fields": ["iot", "data"],
        "regions": ["shikoku"],
        "prefectures": [],
        "online": False,
        "in_person": True,
        "honorarium_eligible": False,
        "availability": "accepting",
        "availability_note": "",
        "bio": (
            "ハウス栽培の温湿度管理、養殖いけすの水温・酸素濃度の遠隔監視などを手がける"
            "ベンダーのエンジニアです。現地で機器を見ながらご相談に乗ります。"
        ),
        "answers": {"iot": 3},
    },
    {
        "name": "吉田 真理子",
        "headline": "金融機関・商工会とITベンダーをつなぐ支援体制づくり",
        "organisation": "地域金融DX研究会",
        "fields": ["support", "funding", "awareness"],
        "regions": ["chugoku"],
        "prefectures": [],
        "online": True,
        "in_person": True,
        "honorarium_eligible": True,
        "availability": "accepting",
        "availability_note": "",
        "bio": (
            "地方銀行で取引先のIT化支援を担当したのち独立。"
            "金融機関・商工会議所・ITベンダーが同じ案件を一緒に追いかける仕組みづくりと、"
            "ラボの相談窓口の立ち上げを支援しています。"
        ),
        "answers": {"support": 7, "funding": 2},
    },
    {
        "name": "山田 健",
        "headline": "画像認識AIで検品・外観検査を自動化",
        "organisation": "瀬戸内工科大学 情報工学部",
        "fields": ["ai", "manufacturing"],
        "regions": [],
        "prefectures": ["33", "34"],
        "online": True,
        "in_person": True,
        "honorarium_eligible": True,
        "availability": "not_accepting",
        "availability_note": "2027年3月まで在外研究のため受付停止",
        "bio": "教授。少ない不良品画像から学習する外観検査AIを、地域の製造業と共同研究しています。",
        "answers": {"ai": 4, "manufacturing": 2},
    },
    {
        "name": "佐々木 恵",
        "headline": "相談窓口の広報とDXセミナーの企画",
        "organisation": "佐々木広報企画",
        "fields": ["awareness", "motivation"],
        "regions": [],
        "prefectures": ["02", "03", "05"],
        "online": True,
        "in_person": False,
        "honorarium_eligible": True,
        "availability": "accepting",
        "availability_note": "",
        "bio": (
            "ラボの相談窓口が知られていない、セミナーに人が集まらない、という悩みに、"
            "チラシ・SNS・地元紙との連携で応えます。"
        ),
        "answers": {"awareness": 5},
    },
    {
        "name": "山口 大輔",
        "headline": "観光・特産品の越境ECとデジタルマーケティング",
        "organisation": "琉球デジタルマーケティング合同会社",
        "fields": ["ec", "data"],
        "regions": [],
        "prefectures": ["47"],
        "online": True,
        "in_person": True,
        "honorarium_eligible": False,
        "availability": "accepting",
        "availability_note": "",
        "bio": "特産品の海外向けネット販売、観光客のアクセス解析と広告運用を支援しています。",
        "answers": {"ec": 2},
    },
    {
        "name": "松本 千尋",
        "headline": "RPAとノーコードで事務作業を半分に",
        "organisation": "松本業務改善事務所（ITコーディネータ）",
        "fields": ["operations", "talent", "cloud"],
        "regions": [],
        "prefectures": [],
        "online": True,
        "in_person": False,
        "honorarium_eligible": True,
        "availability": "limited",
        "availability_note": "平日夜・土曜のみ",
        "bio": "経理・総務の定型作業の自動化と、それを社内で続けられる人を育てる支援をしています。",
        "answers": {"operations": 6, "talent": 1},
    },
    {
        "name": "井上 隆",
        "headline": "中堅製造業向け生産管理システムの導入（ベンダーSE）",
        "organisation": "株式会社東海システムソリューションズ",
        "fields": ["manufacturing", "data", "security"],
        "regions": [],
        "prefectures": ["21", "23", "24"],
        "online": True,
        "in_person": True,
        "honorarium_eligible": False,
        "availability": "accepting",
        "availability_note": "",
        "bio": "生産管理・原価管理システムの要件定義から稼働後の定着まで、SEとして担当しています。",
        "answers": {"manufacturing": 3},
    },
]


def load_demo_experts() -> int:
    """Create the demo experts' accounts, profiles and answer tallies; returns how many
    profiles were created."""
    import sqlalchemy as sa

    from community.accounts.models import Role, User
    from community.accounts.services import hash_password, normalise_email
    from community.cli import DEMO_PASSWORD
    from community.experts.models import ExpertProfile
    from community.experts.services import do_create_profile, do_record_answer
    from community.extensions import db

    created = 0
    password_hash = None
    for number, entry in enumerate(DEMO_EXPERTS, start=1):
        data = dict(entry)
        name, answers = data.pop("name"), data.pop("answers")
        email = normalise_email(f"expert{number}@example.jp")
        user = db.session.scalar(sa.select(User).where(User.email == email))
        if user is None:
            password_hash = password_hash or hash_password(DEMO_PASSWORD)
            user = User(email=email, display_name=name, password_hash=password_hash)
            db.session.add(user)
        user.display_name, user.role = name, Role.EXPERT.value
        db.session.commit()
        if db.session.scalar(sa.select(ExpertProfile.id).where(ExpertProfile.user_id == user.id)):
            continue
        data["expert_fields"] = data.pop("fields")
        do_create_profile(user, **data)
        created += 1
        for field, count in answers.items():
            for _ in range(count):
                do_record_answer(user.id, [field], commit=False)
        db.session.commit()
    return created
