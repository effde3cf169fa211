"""Demo labs for ``flask seed demo``, named after organisations in the source documents.

Every lab is named after a real organisation listed in shared/seeds/000 (METI study group,
4th meeting, 2025-03-19): an AKATSUKI project FY2024 adoptee or a マナビDX Quest FY2025
regional hub, placed in the prefectures the document gives for it. Everything else (visions,
KPIs, consultation windows, lab membership, lab kind) is illustrative: e-mail addresses use
``.example.jp`` and telephone numbers are all zeros. Member organisations are either named in
the seeds, real municipalities, or descriptive names built on a real place name.

Pure data: no imports other than ``__future__``. The ``description`` field is Markdown.
Keep the order of ``DEMO_LABS`` stable: the seed command numbers demo users by position.
"""

from __future__ import annotations

DEMO_LABS: list[dict] = [
    # 北海道 -- seed 000, AKATSUKI FY2024 No.1 「新雪 北海道全域」
    # (No.2 北海道エンブリッジ: 札幌、函館; No.3 Ezofrogs: 北海道)
    {
        "slug": "shinsetsu-hokkaido",
        "name": "北海道DX推進ラボ（新雪）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["01"],
        "vision": (
            "北海道全域で発掘・育成した若手IT人材と地域企業をつなぎ、"
            "一次産業と観光の現場をDXで変革して、稼ぐ力を道内に循環させる。"
        ),
        "kpi": (
            "2028年までにDX認定を取得する道内中小企業を30社にする\n"
            "2027年度までに若手人材と地域企業の共同プロジェクトを年10件実施する\n"
            "2026年度に札幌・函館以外の市町村で相談会を12回開催する"
        ),
        "consultation_contact": (
            "北海道DX推進ラボ 相談窓口（事務局：新雪）\n"
            "メール: soudan@shinsetsu.example.jp\n"
            "電話: 011-000-0000\n"
            "受付: 平日10:00〜17:00"
        ),
        "description": (
            "AKATSUKIプロジェクト2024年度の採択事業者「新雪」（北海道全域）を事務局とするラボです。"
            "同じく道内で採択された北海道エンブリッジ（札幌、函館）、Ezofrogsとも連携し、"
            "地方発の未踏的なアイデアを持つ若手人材を地域企業の課題解決につなげます。"
        ),
        "organisations": [
            {"name": "新雪", "kind": "other", "is_key_person": True},
            {"name": "北海道", "kind": "municipality", "is_key_person": True},
            {"name": "札幌市", "kind": "municipality", "is_key_person": False},
            {"name": "函館市", "kind": "municipality", "is_key_person": False},
            {"name": "北海道エンブリッジ", "kind": "other", "is_key_person": False},
            {"name": "Ezofrogs", "kind": "citizens", "is_key_person": False},
            {"name": "札幌商工会議所", "kind": "chamber", "is_key_person": False},
        ],
    },
    # 東北 -- seed 000, AKATSUKI FY2024 No.4 「Wasshoi Lab 宮城県」;
    # マナビDX Quest FY2025 hub No.1 「東北 株式会社ミヤックス 宮城県を中心」
    {
        "slug": "wasshoi-lab-miyagi",
        "name": "宮城DX推進ラボ（Wasshoi Lab・ミヤックス）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["04"],
        "vision": (
            "学生・受講生と地域企業が一緒に手を動かし、宮城の中小企業に比較的簡単なDXから定着させる。"
            "支援する側と支援される側の双方が利益を得る好循環を仙台から県内全域へ広げる。"
        ),
        "kpi": (
            "2027年度までに伴走支援した県内企業を累計60社にする\n"
            "2026年度にマナビDX Questの受講生チームを受け入れる企業を10社発掘する\n"
            "2028年までに簡単なDXで付加価値を高めた成功事例を20件公開する"
        ),
        "consultation_contact": (
            "宮城DX推進ラボ 相談窓口\n"
            "メール: hello@wasshoi-lab.example.jp\n"
            "電話: 022-000-0000\n"
            "受付: 平日9:00〜18:00"
        ),
        "description": (
            "AKATSUKIプロジェクト2024年度の採択事業者**Wasshoi Lab**（宮城県）と、"
            "マナビDX Quest 令和7年度の地域ハブ団体である**株式会社ミヤックス**（宮城県を中心）が連携するラボです。"
            "若手人材の育成と、受講生チームが地域企業と協働してデジタル技術の実装に取り組む"
            "地域企業協働プログラムを組み合わせます。"
        ),
        "organisations": [
            {"name": "Wasshoi Lab", "kind": "citizens", "is_key_person": True},
            {"name": "株式会社ミヤックス", "kind": "company", "is_key_person": True},
            {"name": "宮城県", "kind": "municipality", "is_key_person": False},
            {"name": "仙台市", "kind": "municipality", "is_key_person": False},
            {"name": "仙台商工会議所", "kind": "chamber", "is_key_person": False},
            {"name": "宮城県よろず支援拠点", "kind": "support_centre", "is_key_person": False},
        ],
    },
    # 東北 (several prefectures) -- seed 000, AKATSUKI FY2024 No.6 「スパークル 福島県、秋田県、青森県」
    # (No.5 NTT DXパートナー: 秋田県). Lab kind iot_transition is illustrative (seed 002: 移行期間 2〜3年).
    {
        "slug": "sparkle-tohoku",
        "name": "福島・秋田・青森IoT推進ラボ（スパークル）",
        "kind": "iot_transition",
        "transition_deadline": "2027-03-31",
        "prefectures": ["02", "05", "07"],
        "vision": (
            "福島・秋田・青森の3県をまたいで、若手の技術人材が地域課題に挑む場をつくる。"
            "IoTによる個別の生産性向上から、地域企業のビジネスモデルの変革へと取組を広げる。"
        ),
        "kpi": (
            "2027年3月までに地域DX推進ラボへの移行審査（書類・面談）を受ける\n"
            "2026年度に3県合同の課題解決ハッカソンを2回開催する\n"
            "2027年度までに3県の企業との共同プロジェクトを累計15件にする"
        ),
        "consultation_contact": (
            "福島・秋田・青森IoT推進ラボ 事務局（スパークル）\n"
            "メール: lab@sparkle.example.jp\n"
            "電話: 024-000-0000\n"
            "受付: 平日10:00〜17:00"
        ),
        "description": (
            "地方版IoT推進ラボから地域DX推進ラボへの**移行期間中**のラボです。"
            "AKATSUKIプロジェクト2024年度に福島県・秋田県・青森県にまたがって採択された"
            "**スパークル**が事務局となり、県境を越えた地域間の連携で活動しています。"
            "秋田県で採択されたNTT DXパートナーも参加しています。"
        ),
        "organisations": [
            {"name": "スパークル", "kind": "company", "is_key_person": True},
            {"name": "福島県", "kind": "municipality", "is_key_person": False},
            {"name": "秋田県", "kind": "municipality", "is_key_person": False},
            {"name": "青森県", "kind": "municipality", "is_key_person": False},
            {"name": "NTT DXパートナー", "kind": "it_vendor", "is_key_person": False},
            {"name": "会津若松商工会議所", "kind": "chamber", "is_key_person": False},
        ],
    },
    # 関東 -- seed 000, AKATSUKI FY2024 No.8 「常陸FROGS 茨城県全域」
    {
        "slug": "hitachi-frogs-ibaraki",
        "name": "茨城DX推進ラボ（常陸FROGS）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["08"],
        "vision": (
            "茨城県全域の中高生・大学生の挑戦を、地域企業の変革と起業につなげる。"
            "若い世代が地域に残って活躍できる産業基盤をデジタルで育てる。"
        ),
        "kpi": (
            "2028年までに県内企業と学生の共同プロジェクトを累計40件にする\n"
            "2027年度までにラボ発のスタートアップを5社創出する"
        ),
        "consultation_contact": (
            "茨城DX推進ラボ 相談窓口（常陸FROGS）\n"
            "メール: contact@hitachi-frogs.example.jp\n"
            "電話: 029-000-0000\n"
            "受付: 平日10:00〜17:00"
        ),
        "description": (
            "AKATSUKIプロジェクト2024年度の採択事業者**常陸FROGS**（茨城県全域）を核に、"
            "若手人材の発掘・育成と地域企業との協働を進めるラボです。"
            "自治体と商工団体がフィールドを提供し、学生のアイデアを企業の現場で試します。"
        ),
        "organisations": [
            {"name": "常陸FROGS", "kind": "citizens", "is_key_person": True},
            {"name": "茨城県", "kind": "municipality", "is_key_person": True},
            {"name": "水戸市", "kind": "municipality", "is_key_person": False},
            {"name": "水戸商工会議所", "kind": "chamber", "is_key_person": False},
            {"name": "茨城県よろず支援拠点", "kind": "support_centre", "is_key_person": False},
        ],
    },
    # 中部 -- seed 000, AKATSUKI FY2024 No.10 「EXPACT 静岡県」
    {
        "slug": "expact-shizuoka",
        "name": "静岡DX推進ラボ（EXPACT）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["22"],
        "vision": (
            "ものづくりと観光の静岡で、若手人材のアイデアを現場の生産性向上と新規事業に変える。"
        ),
        "kpi": (
            "2027年度までに製造業の業務改善事例を20件公開する\n"
            "2026年度にDX相談を年120件受け付ける\n"
            "2028年までにDX認定を取得する県内企業を15社にする"
        ),
        "consultation_contact": (
            "静岡DX推進ラボ DX相談デスク（EXPACT）\n"
            "メール: dx@expact.example.jp\n"
            "電話: 054-000-0000\n"
            "受付: 平日9:00〜17:00"
        ),
        "description": (
            "AKATSUKIプロジェクト2024年度の採択事業者**EXPACT**（静岡県）が中心となり、"
            "県内の中小製造業と若手人材をつなぐラボです。"
            "企業規模に応じたDX診断と、抵抗のある経営者向けの啓発セミナーから伴走支援へつなげます。"
        ),
        "organisations": [
            {"name": "EXPACT", "kind": "company", "is_key_person": True},
            {"name": "静岡県", "kind": "municipality", "is_key_person": False},
            {"name": "浜松市", "kind": "municipality", "is_key_person": True},
            {"name": "浜松商工会議所", "kind": "chamber", "is_key_person": False},
            {"name": "静岡県産業振興財団", "kind": "public_body", "is_key_person": False},
            {"name": "静岡県内の大学", "kind": "education", "is_key_person": False},
        ],
    },
    # 北陸 -- seed 000, マナビDX Quest FY2025 hub No.5 「北陸 株式会社ジェック経営コンサルタント 富山県、石川県」;
    # example project NOTOBIRA (石川県羽咋市, 石川工業高等専門学校と自治体が連携); AKATSUKI No.11 Asian Bridge (石川県)
    {
        "slug": "jec-hokuriku",
        "name": "北陸DX推進ラボ（ジェック経営コンサルタント）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["16", "17"],
        "vision": (
            "富山・石川の地域企業と学び直しの受講生、高専生をつなぎ、"
            "能登地域の復興と地域企業の競争力強化にデジタルで貢献する。"
        ),
        "kpi": (
            "2026年度にマナビDX Questの受講生チームを受け入れる企業を10社発掘する\n"
            "2028年までにラボ経由のDX伴走支援を累計50社にする\n"
            "2027年度までに自治体向け生成AI活用事例を5件横展開する"
        ),
        "consultation_contact": (
            "北陸DX推進ラボ 事務局\n"
            "メール: hokuriku-lab@jec.example.jp\n"
            "電話: 076-000-0000\n"
            "受付: 平日9:00〜17:00"
        ),
        "description": (
            "マナビDX Quest 令和7年度の地域ハブ団体である**株式会社ジェック経営コンサルタント**"
            "（富山県、石川県）が代表団体のラボです。"
            "石川県羽咋市で石川工業高等専門学校と自治体が連携して開発した、LLMとRAGを組み合わせた"
            "移住情報チャットボット「NOTOBIRA」（結合セルを含む表も読み取り、回答に出典を明記）のような取組の横展開を支援します。"
        ),
        "organisations": [
            {
                "name": "株式会社ジェック経営コンサルタント",
                "kind": "company",
                "is_key_person": True,
            },
            {"name": "富山県", "kind": "municipality", "is_key_person": False},
            {"name": "石川県", "kind": "municipality", "is_key_person": False},
            {"name": "羽咋市", "kind": "municipality", "is_key_person": True},
            {"name": "石川工業高等専門学校", "kind": "education", "is_key_person": False},
            {"name": "Asian Bridge", "kind": "other", "is_key_person": False},
            {"name": "金沢商工会議所", "kind": "chamber", "is_key_person": False},
        ],
    },
    # 中部 (several prefectures) -- seed 000, マナビDX Quest FY2025 hub No.4
    # 「中部 株式会社十六総合研究所 愛知県、岐阜県、三重県」; AKATSUKI No.9 未踏的女子GRITコンソーシアム (富山県、愛知県)
    {
        "slug": "juroku-chubu",
        "name": "東海DX推進ラボ（十六総合研究所）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["21", "23", "24"],
        "vision": (
            "愛知・岐阜・三重の中小企業と支援機関、ITベンダーをつなぐ支援の仕組みを整え、"
            "製造業の集積地である東海の企業の競争優位性をDXで高める。"
        ),
        "kpi": (
            "2027年度までに支援機関経由のDX相談を年200件にする\n"
            "2026年度に補助金（IT導入補助金等）の活用例を示した成功事例を15件公開する\n"
            "2028年までに地域企業とIT企業のマッチングを累計60件にする"
        ),
        "consultation_contact": (
            "東海DX推進ラボ DX相談窓口（十六総合研究所）\n"
            "メール: dx-lab@juroku-ri.example.jp\n"
            "電話: 058-000-0000\n"
            "受付: 平日9:00〜17:00"
        ),
        "description": (
            "マナビDX Quest 令和7年度の地域ハブ団体である**株式会社十六総合研究所**"
            "（愛知県、岐阜県、三重県）が代表団体となり、商工団体・ITベンダーと連携した支援体制を整えるラボです。"
            "AKATSUKIプロジェクト採択事業者の未踏的女子GRITコンソーシアム（富山県、愛知県）も参加しています。"
        ),
        "organisations": [
            {"name": "株式会社十六総合研究所", "kind": "company", "is_key_person": True},
            {"name": "岐阜県", "kind": "municipality", "is_key_person": False},
            {"name": "愛知県", "kind": "municipality", "is_key_person": False},
            {"name": "三重県", "kind": "municipality", "is_key_person": False},
            {"name": "岐阜商工会議所", "kind": "chamber", "is_key_person": False},
            {"name": "名古屋商工会議所", "kind": "chamber", "is_key_person": False},
            {"name": "未踏的女子GRITコンソーシアム", "kind": "education", "is_key_person": False},
        ],
    },
    # 近畿 -- seed 000, AKATSUKI FY2024 No.12 「大阪産業局 大阪府」.
    # Lab kind iot_transition is illustrative (seed 002: 移行期間 当面2〜3年).
    {
        "slug": "osaka-sangyo",
        "name": "大阪IoT推進ラボ（大阪産業局）",
        "kind": "iot_transition",
        "transition_deadline": "2028-03-31",
        "prefectures": ["27"],
        "vision": (
            "大阪のものづくり企業と起業家・若手人材をつなぎ、IoTによる生産性向上から"
            "顧客ニーズに基づく事業変革へと支援を広げる。"
        ),
        "kpi": (
            "2028年3月までに地域DX推進ラボへ移行する\n"
            "2027年度にDXセレクションへの推薦企業を3社出す\n"
            "2026年度に府内企業のDX相談を年150件受け付ける"
        ),
        "consultation_contact": (
            "大阪IoT推進ラボ 相談窓口（大阪産業局）\n"
            "メール: lab@osaka-sangyo.example.jp\n"
            "電話: 06-0000-0000\n"
            "受付: 平日9:00〜17:30"
        ),
        "description": (
            "AKATSUKIプロジェクト2024年度の採択事業者**大阪産業局**（大阪府）が運営する、"
            "地域DX推進ラボへの**移行期間中**の地方版IoT推進ラボです。"
            "移行に向けて、新規申請と同じ実施計画書と面談審査の準備を進めています。"
        ),
        "organisations": [
            {"name": "大阪産業局", "kind": "public_body", "is_key_person": True},
            {"name": "大阪府", "kind": "municipality", "is_key_person": False},
            {"name": "大阪市", "kind": "municipality", "is_key_person": False},
            {"name": "大阪商工会議所", "kind": "chamber", "is_key_person": False},
            {"name": "大阪府よろず支援拠点", "kind": "support_centre", "is_key_person": False},
        ],
    },
    # 中国 (five prefectures) -- seed 000, マナビDX Quest FY2025 hub No.6
    # 「中国 株式会社SAMURAI 鳥取県、島根県、岡山県、広島県、山口県」; AKATSUKI No.15 山口大学 (山口県)
    {
        "slug": "samurai-chugoku",
        "name": "中国地域DX推進ラボ（SAMURAI）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["31", "32", "33", "34", "35"],
        "vision": (
            "中国地方5県の企業と受講生チーム、大学をつなぎ、県境を越えてDX人材を循環させる。"
        ),
        "kpi": (
            "2026年度に5県で受講生チームを受け入れる企業を10社発掘する\n"
            "2028年までに県をまたぐ共同イベントを年4回開催する\n"
            "2027年度までにラボ経由で学び直しに参加した社会人を累計200人にする"
        ),
        "consultation_contact": (
            "中国地域DX推進ラボ 事務局\n"
            "メール: chugoku-lab@samurai.example.jp\n"
            "電話: 082-000-0000\n"
            "受付: 平日10:00〜18:00"
        ),
        "description": (
            "マナビDX Quest 令和7年度の地域ハブ団体である**株式会社SAMURAI**"
            "（鳥取県、島根県、岡山県、広島県、山口県）が代表団体のラボです。"
            "AKATSUKIプロジェクト採択事業者の山口大学とも連携し、地域企業の課題を題材にした実践教育を行います。"
        ),
        "organisations": [
            {"name": "株式会社SAMURAI", "kind": "company", "is_key_person": True},
            {"name": "山口大学", "kind": "education", "is_key_person": True},
            {"name": "鳥取県", "kind": "municipality", "is_key_person": False},
            {"name": "広島県", "kind": "municipality", "is_key_person": False},
            {"name": "山口県", "kind": "municipality", "is_key_person": False},
            {"name": "広島商工会議所", "kind": "chamber", "is_key_person": False},
        ],
    },
    # 四国 (two prefectures) -- seed 000, AKATSUKI FY2024 No.16 「伊予銀行 香川県、愛媛県」;
    # マナビDX Quest FY2025 hub No.7 「四国 株式会社パソナJOBHUB 愛媛県・香川県
    # 特に愛媛県西条市・新居浜市及び香川県高松市・坂出市・琴平町を中心」
    {
        "slug": "iyobank-shikoku",
        "name": "四国DX推進ラボ（伊予銀行）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["37", "38"],
        "vision": (
            "地域金融機関が企業の成長を見守る「主治医」として伴走し、"
            "愛媛・香川の中小企業のDXを資金と人材の両面から支える。"
        ),
        "kpi": (
            "2027年度までに取引先のDX認定取得を25社にする\n"
            "2026年度に補助金の活用例を含む成功事例を10件公開する\n"
            "2028年までに金融機関経由のDX伴走支援を累計100社にする"
        ),
        "consultation_contact": (
            "四国DX推進ラボ 相談窓口（伊予銀行）\n"
            "メール: dx-lab@iyobank.example.jp\n"
            "電話: 089-000-0000\n"
            "受付: 平日9:00〜17:00（銀行休業日を除く）"
        ),
        "description": (
            "AKATSUKIプロジェクト2024年度に香川県・愛媛県にまたがって採択された**伊予銀行**がキーパーソンとなるラボです。"
            "マナビDX Quest 令和7年度の地域ハブ団体である株式会社パソナJOBHUBと連携し、"
            "愛媛県西条市・新居浜市、香川県高松市・坂出市・琴平町を中心に地域企業を支援します。"
        ),
        "organisations": [
            {"name": "伊予銀行", "kind": "financial", "is_key_person": True},
            {"name": "株式会社パソナJOBHUB", "kind": "company", "is_key_person": False},
            {"name": "愛媛県", "kind": "municipality", "is_key_person": False},
            {"name": "香川県", "kind": "municipality", "is_key_person": False},
            {"name": "西条市", "kind": "municipality", "is_key_person": False},
            {"name": "新居浜市", "kind": "municipality", "is_key_person": False},
            {"name": "高松商工会議所", "kind": "chamber", "is_key_person": False},
        ],
    },
    # 九州 -- seed 000, AKATSUKI FY2024 No.19 「JellyWare 福岡市」, No.18 産学連携機構九州 (福岡県全域);
    # example project kumikoAI (福岡未踏的人材発掘・育成コンソーシアム); マナビDX Quest FY2025 hubs
    # No.9 北九州工業高等専門学校 and No.10 公益財団法人九州先端科学技術研究所 (九州7県)
    {
        "slug": "jellyware-fukuoka",
        "name": "福岡DX推進ラボ（JellyWare）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["40"],
        "vision": (
            "伝統工芸から製造業まで、福岡の現場に生成AIと画像処理を届け、"
            "衰退が懸念される地域の技術を新しい価値に変える。"
        ),
        "kpi": (
            "2027年までに生成AI活用の成功事例を20件公開する\n"
            "2026年度に未踏的人材と地域企業の共同プロジェクトを8件実施する"
        ),
        "consultation_contact": (
            "福岡DX推進ラボ 相談窓口（JellyWare）\n"
            "メール: lab@jellyware.example.jp\n"
            "電話: 092-000-0000\n"
            "受付: 平日10:00〜18:00"
        ),
        "description": (
            "AKATSUKIプロジェクト2024年度の採択事業者**JellyWare**（福岡市）と産学連携機構九州（福岡県全域）が中心のラボです。"
            "福岡未踏的人材発掘・育成コンソーシアムの採択プロジェクト「kumikoAI」は、"
            "生成AIや画像処理で伝統木工技術の組子のデザイン生成と作業効率化を行う組子特化型webサービスです。"
            "こうした取組を地域企業へ横展開します。"
        ),
        "organisations": [
            {"name": "JellyWare", "kind": "it_vendor", "is_key_person": True},
            {"name": "産学連携機構九州", "kind": "other", "is_key_person": False},
            {"name": "福岡市", "kind": "municipality", "is_key_person": True},
            {"name": "福岡県", "kind": "municipality", "is_key_person": False},
            {
                "name": "公益財団法人九州先端科学技術研究所",
                "kind": "public_body",
                "is_key_person": False,
            },
            {"name": "北九州工業高等専門学校", "kind": "education", "is_key_person": False},
            {"name": "福岡商工会議所", "kind": "chamber", "is_key_person": False},
        ],
    },
    # 沖縄 -- seed 000, AKATSUKI FY2024 No.21 「FROGS 沖縄県」
    {
        "slug": "frogs-okinawa",
        "name": "沖縄DX推進ラボ（FROGS）",
        "kind": "dx",
        "transition_deadline": None,
        "prefectures": ["47"],
        "vision": (
            "沖縄の若者が起業家精神とテクノロジーで島の課題を解き、観光と地域産業の担い手になる。"
        ),
        "kpi": (
            "2028年までに県内企業との共同プロジェクトを累計30件にする\n"
            "2027年度までにラボ出身の若手人材による起業を5件にする"
        ),
        "consultation_contact": (
            "沖縄DX推進ラボ 相談窓口（FROGS）\n"
            "メール: hello@frogs-okinawa.example.jp\n"
            "電話: 098-000-0000\n"
            "受付: 平日10:00〜17:00"
        ),
        "description": (
            "AKATSUKIプロジェクト2024年度の採択事業者**FROGS**（沖縄県）が運営するラボです。"
            "地域貢献のマインドを持つ若手人材の育成と、県内企業の事業変革をつなぎます。"
        ),
        "organisations": [
            {"name": "FROGS", "kind": "citizens", "is_key_person": True},
            {"name": "沖縄県", "kind": "municipality", "is_key_person": False},
            {"name": "那覇市", "kind": "municipality", "is_key_person": False},
            {"name": "那覇商工会議所", "kind": "chamber", "is_key_person": False},
            {"name": "沖縄県よろず支援拠点", "kind": "support_centre", "is_key_person": False},
        ],
    },
]

# Figures quoted in the source documents (shared/seeds), for the home page.
SURVEY_FACTS: dict = {
    # seed 002: 平成28年6月に「地方版IoT推進ラボ」を制度化し、全国105地域（都道府県単位では41府県）を選定
    "iot_labs_selected_since_2016": 105,
    "iot_labs_prefecture_level": 41,
    # seed 002: 移行期間（当面2～3年）
    "iot_transition_years": "2〜3",
    # seed 000: IoT推進ラボ アンケート（2025年3月）: 約1年間で活動中の12ラボが減少（5ラボはDXラボへ移行）
    "iot_survey_2025_03": {"active_labs_decrease": 12, "moved_to_dx_labs": 5},
    # seed 000: AKATSUKIプロジェクト 2024年度 地域横断も含め23事業者採択
    "akatsuki_fy2024_adopted": 23,
    # seed 000: 未踏事業 2000年度～, 2000人以上の未踏修了生のコミュニティ
    "mitou_since_year": 2000,
    "mitou_alumni_over": 2000,
    # seed 000: R7年度 地域企業協働プログラムの地域ハブ団体 全国10団体, 1団体あたり7～10社程度の企業発掘
    "manabi_dx_quest_fy2025_hubs": 10,
    "manabi_dx_quest_fy2025_firms_per_hub": "7〜10",
    # seed 000: マナビDXクエスト 2023年度
    "manabi_dx_quest_fy2023": {
        "learners": 468,
        "firms": 82,
        "learner_satisfaction_pct": 85,
        "firm_satisfaction_pct": 97,
    },
}


# Success cases for the library. The projects named in the seeds (kumikoAI, NOTOBIRA) are real;
# figures and subsidy rows are illustrations.
DEMO_CASES: list[dict] = [
    {
        "lab": "jellyware-fukuoka",
        "title": "生成AIで組子のデザイン案を提案する「kumikoAI」",
        "summary": "伝統工芸・組子細工の工房向けに、生成AIと画像処理で図案を提案するwebサービスを開発。試作にかかる時間を短縮した。",
        "body": "## 背景\n\n組子細工の図案づくりは熟練者に頼っており、若手が提案できる機会が少なかった。\n\n## 取組\n\n福岡未踏的人材発掘・育成の取組から生まれた **kumikoAI** を工房で試用。生成AIと画像処理で、組子に特化した図案を提案する。\n\n## 成果\n\n図案の試作回数が増え、顧客への提案が早くなった。",
        "prefecture": "40",
        "industry": "E",
        "size_band": "1-5",
        "challenges": ["talent", "motivation"],
        "tags": ["組子", "伝統工芸", "生成AI"],
        "technologies": ["生成AI", "画像処理"],
        "simple_dx": False,
        "outcomes": [
            {
                "metric": "図案1件あたりの試作時間",
                "value_before": 16,
                "value_after": 6,
                "unit": "時間",
                "period": "2024年度",
            },
        ],
        "subsidies": [],
        "policies": [{"policy": "mitou_akatsuki", "count": 1}],
    },
    {
        "lab": "jec-hokuriku",
        "title": "移住相談に答えるLLM＋RAGチャットボット「NOTOBIRA」",
        "summary": "石川県羽咋市の移住情報を、出典付きで答えるチャットボット。結合セルを含む表も読み取る。",
        "body": "## 取組\n\n能登地域の復興とミライ社会の実現を掲げる **NOTOBIRA** は、LLMとRAGで移住に関する問い合わせに答える。\n\n- 回答には出典を明記\n- 結合セルのある表も読み取れる\n\n## 成果\n\n窓口への定型的な問い合わせが減り、職員が個別相談に時間を使えるようになった。",
        "prefecture": "17",
        "industry": "S",
        "size_band": "51-100",
        "challenges": ["awareness", "support"],
        "tags": ["移住", "チャットボット", "能登"],
        "technologies": ["LLM", "RAG"],
        "simple_dx": False,
        "outcomes": [
            {
                "metric": "定型問い合わせの電話件数",
                "value_before": 300,
                "value_after": 180,
                "unit": "件/月",
            },
        ],
        "subsidies": [
            {
                "programme": "mic",
                "frame": "地域課題解決",
                "administering_body": "総務省",
                "fiscal_year": 2024,
                "amount_granted": 5000000,
                "subsidy_rate": 0.5,
                "total_cost": 10000000,
            },
        ],
        "policies": [],
    },
    {
        "lab": "wasshoi-lab-miyagi",
        "title": "IT導入補助金で受発注をクラウド化した水産加工会社",
        "summary": "FAXと紙の台帳で受けていた注文をクラウドの受発注システムへ。比較的簡単なDXで事務作業を減らした。",
        "body": "## 取組\n\nIT導入補助金（通常枠）を使い、クラウドの受発注システムを導入。地元のIT導入支援事業者が伴走した。\n\n## 成果\n\n受注の入力作業が減り、繁忙期の残業が減った。",
        "prefecture": "04",
        "industry": "E",
        "size_band": "21-50",
        "challenges": ["funding", "motivation"],
        "tags": ["受発注", "クラウド", "水産加工"],
        "technologies": ["クラウド"],
        "simple_dx": True,
        "outcomes": [
            {
                "metric": "受注入力の作業時間",
                "value_before": 120,
                "value_after": 80,
                "unit": "時間/月",
            },
            {"metric": "入力ミス", "value_before": 25, "value_after": 3, "unit": "件/月"},
        ],
        "subsidies": [
            {
                "programme": "it_introduction",
                "frame": "通常枠",
                "administering_body": "中小企業基盤整備機構",
                "fiscal_year": 2024,
                "amount_granted": 1500000,
                "subsidy_rate": 0.5,
                "total_cost": 3000000,
                "vendor": "宮城県内のIT導入支援事業者",
            },
        ],
        "policies": [{"policy": "dx_certification", "count": 1}],
    },
    {
        "lab": "expact-shizuoka",
        "title": "IoTセンサーで設備の稼働を見える化した部品工場",
        "summary": "後付けのIoTセンサーで設備の稼働状況を集め、段取り替えの時間を短縮した。",
        "body": "## 取組\n\n古い設備に後付けのIoTセンサーを取り付け、稼働データをダッシュボードで共有。マナビDX Questの受講生チームがデータ分析を支援した。",
        "prefecture": "22",
        "industry": "E",
        "size_band": "51-100",
        "challenges": ["talent"],
        "tags": ["製造DX", "見える化"],
        "technologies": ["IoT", "ダッシュボード"],
        "simple_dx": True,
        "outcomes": [
            {"metric": "設備稼働率", "value_before": 62, "value_after": 74, "unit": "%"},
        ],
        "subsidies": [
            {
                "programme": "prefectural",
                "frame": "ものづくり支援",
                "administering_body": "静岡県",
                "fiscal_year": 2025,
                "amount_granted": 800000,
                "subsidy_rate": 0.66,
                "total_cost": 1200000,
            },
        ],
        "policies": [{"policy": "manabi_dx", "count": 4}],
    },
]
