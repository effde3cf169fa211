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


def _o(metric: str, before: float, after: float, unit: str, period: str = "") -> dict:
    """An outcome row: ``metric`` went from ``before`` to ``after`` (in ``unit``)."""
    return {
        "metric": metric,
        "value_before": before,
        "value_after": after,
        "unit": unit,
        "period": period,
    }


def _s(
    programme: str,
    frame: str,
    body: str,
    fiscal_year: int,
    amount: int | None,
    rate: float | None,
    total: int | None,
    vendor: str,
) -> dict:
    """A subsidy row: programme code (cases/reference.py), 枠, administering body, amounts in yen."""
    return {
        "programme": programme,
        "frame": frame,
        "administering_body": body,
        "fiscal_year": fiscal_year,
        "amount_granted": amount,
        "subsidy_rate": None if rate is None else round(rate, 2),
        "total_cost": total,
        "vendor": vendor,
    }


# Success cases for the library, at least one in each of the nine regions and for each demo lab.
# The projects named in the seeds (kumikoAI, NOTOBIRA) are real, and so are the programmes and
# their 枠 (IT導入補助金 通常枠, インボイス枠, セキュリティ対策推進枠; 総務省 schemes; 講師謝金支援;
# 地域DXコミュニティ; DX認定, 未踏/AKATSUKI, マナビDX Quest, DXセレクション). Every firm, figure,
# amount, vendor and subsidy row is an illustration: none describes a real company's result.
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
    {
        "lab": "shinsetsu-hokkaido",
        "title": "IoT首輪で乳牛の発情と体調を見守る十勝の酪農家",
        "summary": "首輪型のIoTセンサーで乳牛の活動量と反すうを記録し、発情や体調の変化をスマホに通知。夜間の見回りを減らし、受胎率を上げた。",
        "body": "## 背景\n\n十勝地方の家族経営の酪農家では、約120頭の乳牛の発情や体調の変化を夜間の見回りで確かめていた。後継者は一人で、高齢の両親の負担が限界に来ていた。\n\n## 取組\n\n道の補助金で首輪型のIoTセンサーと牧場用クラウドを導入。ラボの若手メンバーが、通知の条件を牧場の実態に合わせて調整した。\n\n## 成果\n\n- 夜間の見回りは毎晩から、通知があった日だけに\n- 発情の見逃しが減り、受胎率が上がった\n\n酪農の現場でも、データを見ながら判断する習慣が根付き始めている。",
        "prefecture": "01",
        "industry": "A",
        "size_band": "1-5",
        "challenges": ["talent", "funding"],
        "tags": ["酪農", "スマート農業", "見える化"],
        "technologies": ["IoT", "クラウド"],
        "simple_dx": True,
        "outcomes": [
            _o("夜間の見回り回数", 30, 8, "回/月", "導入後6か月"),
            _o("受胎率", 42, 51, "%", "2024年度"),
        ],
        "subsidies": [
            _s(
                "prefectural",
                "スマート農業導入支援",
                "北海道",
                2024,
                1800000,
                0.5,
                3600000,
                "道内の農業機械販売店",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "shinsetsu-hokkaido",
        "title": "多言語チャットボットで予約と問い合わせに答える函館の旅館",
        "summary": "英語・中国語・韓国語の問い合わせにチャットボットが24時間答え、予約システムと連携。フロントの電話対応を減らした。",
        "body": "## 背景\n\n函館の老舗旅館では、外国人客からのメールと電話の問い合わせが増え、夜間はフロント1人で対応していた。\n\n## 取組\n\nIT導入補助金（通常枠）で予約管理システムと多言語チャットボットを導入。よくある質問（送迎、夕食の時間、温泉の入り方）を旅館のスタッフが自分で登録した。\n\n## 成果\n\n問い合わせの6割をチャットボットが受け、スタッフは接客に時間を使えるようになった。比較的簡単なDXで、口コミの評価も上がった。",
        "prefecture": "01",
        "industry": "M",
        "size_band": "21-50",
        "challenges": ["motivation", "talent"],
        "tags": ["観光", "インバウンド", "多言語"],
        "technologies": ["チャットボット", "予約管理システム"],
        "simple_dx": True,
        "outcomes": [
            _o("電話での問い合わせ", 450, 180, "件/月", "導入後6か月"),
            _o("口コミ評価", 4.1, 4.5, "点（5点満点）", "2023年度"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "通常枠",
                "中小企業基盤整備機構",
                2023,
                1250000,
                0.5,
                2500000,
                "函館市内のIT導入支援事業者",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "shinsetsu-hokkaido",
        "title": "移住・就農の相談に出典付きで答えるRAGチャットボット（十勝の町）",
        "summary": "NOTOBIRAの仕組みを参考に、町の移住・就農支援制度の資料をRAGで検索して答えるチャットボットを町役場と高専生が開発した。",
        "body": "## 背景\n\n十勝地方の町役場では、移住や新規就農の支援制度が複数の課にまたがり、問い合わせに答えるまでに時間がかかっていた。\n\n## 取組\n\n石川県羽咋市の **NOTOBIRA** の取組を参考に、LLMとRAGで町の要綱や補助制度の表を検索し、出典を付けて答えるチャットボットを試作。結合セルを含む補助額の表は、高専生が前処理の方法を工夫した。\n\n## 成果\n\n定型的な問い合わせへの回答時間が短くなり、移住相談会への参加申込も増えた。",
        "prefecture": "01",
        "industry": "S",
        "size_band": "51-100",
        "challenges": ["awareness", "talent"],
        "tags": ["移住", "就農", "チャットボット", "横展開"],
        "technologies": ["LLM", "RAG", "生成AI"],
        "simple_dx": False,
        "outcomes": [
            _o("問い合わせ1件の回答時間", 2.5, 0.5, "日", "試行3か月"),
            _o("移住相談会の申込", 14, 23, "件/年", "2025年度"),
        ],
        "subsidies": [
            _s(
                "mic",
                "地域デジタル基盤活用推進事業",
                "総務省",
                2025,
                3000000,
                0.5,
                6000000,
                "道内のAIベンチャー",
            ),
        ],
        "policies": [{"policy": "mitou_akatsuki", "count": 2}],
    },
    {
        "lab": "wasshoi-lab-miyagi",
        "title": "kintoneで受発注と在庫を一元化した気仙沼の水産加工会社",
        "summary": "電話・FAX・メールで届く注文をkintoneのアプリに集約し、在庫と出荷予定を全員で共有。転記ミスと残業を減らした。",
        "body": "## 背景\n\n気仙沼の水産加工会社では、取引先からの注文が電話・FAX・メールで届き、事務員2人が手書きの台帳と表計算ソフトに転記していた。\n\n## 取組\n\nIT導入補助金（通常枠）でkintoneを導入し、受注・在庫・出荷の3つのアプリを作成。地元のITベンダーが最初の2か月伴走し、その後は社員が自分で項目を追加している。\n\n## 成果\n\n転記ミスがほぼなくなり、繁忙期の残業が半分になった。比較的簡単なDXでも利益につながることが社内で共有された。",
        "prefecture": "04",
        "industry": "E",
        "size_band": "21-50",
        "challenges": ["motivation", "funding"],
        "tags": ["受発注", "水産加工", "在庫管理"],
        "technologies": ["kintone", "クラウド"],
        "simple_dx": True,
        "outcomes": [
            _o("受注の転記ミス", 18, 1, "件/月", "導入後6か月"),
            _o("繁忙期の残業時間", 60, 30, "時間/月", "2023年12月"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "通常枠",
                "中小企業基盤整備機構",
                2023,
                900000,
                0.5,
                1800000,
                "宮城県内のkintone販売パートナー",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "wasshoi-lab-miyagi",
        "title": "マナビDX Questの受講生チームと作った飲食店の仕込み量予測",
        "summary": "仙台の飲食店グループが、受講生チームとPOSデータと天気から仕込み量を予測するBIダッシュボードを作り、食品ロスを減らした。",
        "body": "## 背景\n\n仙台市内で5店舗を営む飲食店グループでは、仕込み量を店長の勘で決めており、食材の廃棄が多かった。\n\n## 取組\n\nマナビDX Quest（地域企業協働プログラム）に参加し、受講生チームと約2か月でPOSデータ、天気、近隣のイベント情報を組み合わせた予測モデルを試作。BIツールで店長が毎朝確認できるようにした。\n\n## 成果\n\n食材の廃棄が減り、店長の発注作業も短くなった。「利害関係のない第三者の意見が役立った」と経営者は話す。",
        "prefecture": "04",
        "industry": "M",
        "size_band": "51-100",
        "challenges": ["talent", "motivation"],
        "tags": ["食品ロス", "需要予測", "データ活用"],
        "technologies": ["BIツール", "POSレジ", "機械学習"],
        "simple_dx": False,
        "outcomes": [
            _o("食材の廃棄額", 320000, 210000, "円/月", "2024年1〜3月"),
            _o("発注作業の時間", 40, 15, "分/日"),
        ],
        "subsidies": [],
        "policies": [{"policy": "manabi_dx", "count": 5}],
    },
    {
        "lab": "sparkle-tohoku",
        "title": "IoT温度センサーで仕込みタンクを見守る会津の酒蔵",
        "summary": "もろみのタンクに無線の温度センサーを付け、杜氏がスマホで温度を確認。夜間の見回りを減らし、品質のばらつきを抑えた。",
        "body": "## 背景\n\n会津若松市の酒蔵では、冬の仕込み期間に杜氏と蔵人が夜中も2時間おきにタンクの温度を測っていた。担い手の高齢化で、この働き方を続けられなくなっていた。\n\n## 取組\n\n福島県の補助金で無線の温度センサーとクラウドのダッシュボードを導入。ラボの学生メンバーが、温度の上限と下限を超えたら通知する仕組みを作った。\n\n## 成果\n\n夜間の見回りが減り、温度の記録が残るようになったことで、仕込みの振り返りもできるようになった。",
        "prefecture": "07",
        "industry": "E",
        "size_band": "6-20",
        "challenges": ["talent"],
        "tags": ["酒蔵", "製造DX", "見える化"],
        "technologies": ["IoT", "ダッシュボード"],
        "simple_dx": True,
        "outcomes": [
            _o("夜間の見回り", 6, 1, "回/夜", "2024年の仕込み期"),
            _o("温度記録の欠け", 12, 0, "日/シーズン"),
        ],
        "subsidies": [
            _s(
                "prefectural",
                "中小企業デジタル化支援",
                "福島県",
                2024,
                600000,
                2 / 3,
                900000,
                "会津地域のIT企業",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "sparkle-tohoku",
        "title": "ドローン測量と3次元データで現場を省力化した秋田の建設会社",
        "summary": "ドローンで撮影した写真から3次元の地形データを作り、測量と出来形管理の時間を短縮。若手が現場の中心になった。",
        "body": "## 背景\n\n秋田県横手市の建設会社では、測量に熟練の技術者3人が数日かけていた。技術者の高齢化が進み、若手の採用も難しかった。\n\n## 取組\n\n県の補助金でドローンと解析ソフトを導入し、ラボの勉強会で若手社員が操作を学んだ。NTT DXパートナーの技術者が解析の手順づくりを助けた。\n\n## 成果\n\n測量にかかる日数が大きく減り、3次元データを使った発注者への説明もわかりやすくなった。",
        "prefecture": "05",
        "industry": "D",
        "size_band": "21-50",
        "challenges": ["talent", "support"],
        "tags": ["建設", "ICT施工", "測量"],
        "technologies": ["ドローン", "3次元データ"],
        "simple_dx": False,
        "outcomes": [
            _o("1現場あたりの測量日数", 4, 1, "日", "2024年度"),
            _o("測量に必要な人員", 3, 1, "人"),
        ],
        "subsidies": [
            _s(
                "prefectural",
                "建設業ICT活用支援",
                "秋田県",
                2024,
                2000000,
                0.5,
                4000000,
                "県内の測量機器販売会社",
            ),
        ],
        "policies": [{"policy": "dx_certification", "count": 1}],
    },
    {
        "lab": "sparkle-tohoku",
        "title": "スマホで作業記録をつけ、防除の計画を共有した弘前のりんご園",
        "summary": "紙の作業日誌をスマホの営農アプリに置き換え、家族と従業員で防除や収穫の予定を共有した。",
        "body": "## 背景\n\n弘前市のりんご園では、防除（農薬散布）の記録を紙の日誌につけており、JAへの提出のたびに集計し直していた。\n\n## 取組\n\n市の補助金で営農管理アプリを導入。ラボが開いた農家向けの相談会で使い方を覚え、従業員もスマホで入力するようになった。\n\n## 成果\n\n記録の集計時間が減り、作業の重複や抜けもなくなった。農業の現場で無理なく始められる比較的簡単なDXの例として、近隣の農家にも紹介している。",
        "prefecture": "02",
        "industry": "A",
        "size_band": "6-20",
        "challenges": ["motivation", "awareness"],
        "tags": ["農業", "りんご", "ペーパーレス"],
        "technologies": ["スマホアプリ", "クラウド"],
        "simple_dx": True,
        "outcomes": [
            _o("防除記録の集計時間", 12, 2, "時間/月", "2024年度"),
        ],
        "subsidies": [
            _s(
                "municipal",
                "農業経営デジタル化支援",
                "弘前市",
                2024,
                150000,
                0.5,
                300000,
                "営農アプリの提供会社",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "hitachi-frogs-ibaraki",
        "title": "インボイス対応とクラウド会計で経理を半分にした農産物直売所",
        "summary": "IT導入補助金のインボイス枠でPOSレジとクラウド会計を連携。出荷者への精算と適格請求書の発行を自動化した。",
        "body": "## 背景\n\n茨城県内の農産物直売所では、約150人の出荷者ごとの売上を手作業で集計し、精算書を作っていた。インボイス制度の開始で、事務がさらに増える見込みだった。\n\n## 取組\n\nIT導入補助金（インボイス枠（インボイス対応類型））で、POSレジとクラウド会計を導入。地元の商工会が申請を支援し、会計事務所が設定を担当した。\n\n## 成果\n\n月末の精算作業が半分以下になり、出荷者からの問い合わせも減った。",
        "prefecture": "08",
        "industry": "I",
        "size_band": "6-20",
        "challenges": ["funding", "support"],
        "tags": ["インボイス", "直売所", "経理"],
        "technologies": ["クラウド会計", "POSレジ"],
        "simple_dx": True,
        "outcomes": [
            _o("月末の精算作業", 40, 15, "時間/月", "導入後6か月"),
            _o("出荷者からの問い合わせ", 35, 10, "件/月"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "インボイス枠（インボイス対応類型）",
                "中小企業基盤整備機構",
                2023,
                1050000,
                0.75,
                1400000,
                "茨城県内の会計事務所",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "hitachi-frogs-ibaraki",
        "title": "高専生と生成AIで見積書づくりを早めた日立の金属加工会社",
        "summary": "過去の図面と見積をもとに、生成AIが見積の下書きと類似案件を示す仕組みを高専生と試作。見積回答までの日数を短縮した。",
        "body": "## 背景\n\n日立市の金属加工会社では、見積の作成をベテラン1人に頼っており、回答までに数日かかって受注を逃すこともあった。\n\n## 取組\n\nAKATSUKIプロジェクトの流れをくむ常陸FROGSの高専生チームが、過去の見積データを整理し、生成AIで類似案件と見積の下書きを示すツールを試作。講師謝金支援で専門家を招き、データの扱いの勉強会も開いた。\n\n## 成果\n\n若手社員でも見積の下書きを作れるようになり、回答までの日数が短くなった。",
        "prefecture": "08",
        "industry": "E",
        "size_band": "21-50",
        "challenges": ["talent"],
        "tags": ["見積", "製造DX", "高専"],
        "technologies": ["生成AI", "RAG"],
        "simple_dx": False,
        "outcomes": [
            _o("見積回答までの日数", 4, 1.5, "日", "試行4か月"),
            _o("見積を作れる社員", 1, 4, "人"),
        ],
        "subsidies": [
            _s(
                "honorarium",
                "DXラボ支援メニュー",
                "情報処理推進機構",
                2024,
                200000,
                1.0,
                200000,
                "",
            ),
        ],
        "policies": [{"policy": "mitou_akatsuki", "count": 3}],
    },
    {
        "lab": "expact-shizuoka",
        "title": "センサーとドローンで茶園の見回りを減らした牧之原の茶農家",
        "summary": "茶園に気温・土壌水分センサーを置き、霜の危険をスマホに通知。ドローンで生育を撮影し、摘採の時期を決めやすくした。",
        "body": "## 背景\n\n静岡県牧之原台地の茶農家では、春先の霜対策と生育の確認のため、広い茶園を早朝から見回っていた。\n\n## 取組\n\n県の補助金でセンサーとドローンを導入。ラボの若手人材が、撮影した画像から新芽の生育を比べる簡単なツールを作った。\n\n## 成果\n\n早朝の見回りが減り、摘採の時期を畑ごとに判断できるようになった。",
        "prefecture": "22",
        "industry": "A",
        "size_band": "6-20",
        "challenges": ["talent", "funding"],
        "tags": ["茶", "スマート農業", "農業"],
        "technologies": ["IoT", "ドローン", "画像解析"],
        "simple_dx": False,
        "outcomes": [
            _o("早朝の見回り", 20, 6, "回/月", "2025年春"),
        ],
        "subsidies": [
            _s(
                "prefectural",
                "スマート農業推進",
                "静岡県",
                2025,
                1000000,
                0.5,
                2000000,
                "県内の農業ICT事業者",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "jec-hokuriku",
        "title": "3Dスキャンで鋳物の型をデータ化した高岡の銅器メーカー",
        "summary": "職人が手で直してきた木型や原型を3Dスキャンでデータ化。再注文への対応を早め、若手への技術の継承にも使っている。",
        "body": "## 背景\n\n高岡市の銅器メーカーでは、古い原型の保管場所が足りず、再注文のたびに職人が型を探して手直ししていた。\n\n## 取組\n\n地域DXコミュニティの補助事業を活用し、県内の大学と3Dスキャナーで原型をデータ化。データは製品番号で検索できるように整理した。\n\n## 成果\n\n再注文の納期が短くなり、3Dデータを使った新商品の試作も始まった。",
        "prefecture": "16",
        "industry": "E",
        "size_band": "21-50",
        "challenges": ["talent", "support"],
        "tags": ["伝統工芸", "鋳物", "技術継承"],
        "technologies": ["3Dスキャン", "3Dプリンター"],
        "simple_dx": False,
        "outcomes": [
            _o("再注文の納期", 45, 20, "日", "2024年度"),
            _o("データ化した原型", 0, 380, "点"),
        ],
        "subsidies": [
            _s(
                "regional_dx_community",
                "地域DX支援活動",
                "経済産業省",
                2024,
                2500000,
                2 / 3,
                3750000,
                "富山県内の大学",
            ),
        ],
        "policies": [{"policy": "dx_selection", "count": 1}],
    },
    {
        "lab": "juroku-chubu",
        "title": "後付けIoTで刃物工場の設備稼働を見える化（関市）",
        "summary": "静岡の部品工場の事例を参考に、古い研磨機に後付けの電流センサーを取り付け、稼働と停止の理由を記録した。",
        "body": "## 背景\n\n岐阜県関市の刃物工場では、研磨工程の設備が古く、どの機械がいつ止まっているのか分からなかった。\n\n## 取組\n\n静岡の部品工場の事例（後付けのIoTセンサー）を参考に、電流センサーと安価な通信機器で稼働データを集めた。停止の理由はタブレットで作業者が選ぶだけにした。\n\n## 成果\n\n段取り替えの待ち時間が見え、設備稼働率が上がった。",
        "prefecture": "21",
        "industry": "E",
        "size_band": "51-100",
        "challenges": ["talent", "motivation"],
        "tags": ["製造DX", "見える化", "横展開"],
        "technologies": ["IoT", "タブレット", "ダッシュボード"],
        "simple_dx": True,
        "outcomes": [
            _o("設備稼働率", 58, 71, "%", "導入後6か月"),
        ],
        "subsidies": [
            _s(
                "municipal",
                "ものづくりDX支援",
                "関市",
                2025,
                500000,
                0.5,
                1000000,
                "岐阜県内のFA機器商社",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "juroku-chubu",
        "title": "RPAで受注データの入力を自動化した豊田の自動車部品メーカー",
        "summary": "取引先のWeb-EDIから受注データを取り出し、生産管理システムに入れる作業をRPAで自動化した。",
        "body": "## 背景\n\n豊田市の自動車部品メーカーでは、複数の取引先のWeb-EDIから毎日受注データをダウンロードし、生産管理システムに手で入力していた。\n\n## 取組\n\nIT導入補助金（通常枠）でRPAツールを導入。地元の金融機関の紹介でITベンダーと出会い、入力の手順を一つずつロボットに置き換えた。\n\n## 成果\n\n毎朝2時間かかっていた入力作業がなくなり、担当者は納期調整に時間を使えるようになった。",
        "prefecture": "23",
        "industry": "E",
        "size_band": "101-300",
        "challenges": ["support"],
        "tags": ["受発注", "自動化", "製造DX"],
        "technologies": ["RPA", "EDI"],
        "simple_dx": True,
        "outcomes": [
            _o("受注入力の作業時間", 44, 4, "時間/月", "導入後3か月"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "通常枠",
                "中小企業基盤整備機構",
                2022,
                750000,
                0.5,
                1500000,
                "愛知県内のRPA販売会社",
            ),
        ],
        "policies": [{"policy": "dx_certification", "count": 1}],
    },
    {
        "lab": "juroku-chubu",
        "title": "POSレジと在庫のクラウド連携で欠品を減らした伊勢の土産物店",
        "summary": "インボイス枠でPOSレジを入れ替え、在庫と売れ筋をクラウドで共有。欠品と過剰在庫を同時に減らした。",
        "body": "## 背景\n\n伊勢市の土産物店では、繁忙期に人気商品の欠品が続き、閑散期には在庫が余っていた。\n\n## 取組\n\nIT導入補助金（インボイス枠（インボイス対応類型））でPOSレジとタブレットを導入し、在庫管理のクラウドと連携。発注点を商品ごとに設定した。\n\n## 成果\n\n欠品が減り、棚卸しの時間も短くなった。",
        "prefecture": "24",
        "industry": "I",
        "size_band": "6-20",
        "challenges": ["funding"],
        "tags": ["観光", "在庫管理", "インボイス"],
        "technologies": ["POSレジ", "在庫管理システム", "クラウド"],
        "simple_dx": True,
        "outcomes": [
            _o("繁忙期の欠品", 25, 6, "件/月", "2024年度"),
            _o("棚卸しの時間", 16, 6, "時間/回"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "インボイス枠（インボイス対応類型）",
                "中小企業基盤整備機構",
                2024,
                560000,
                0.75,
                750000,
                "三重県内のレジ販売店",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "osaka-sangyo",
        "title": "図面から見積の下書きを作る生成AIを入れた東大阪の町工場",
        "summary": "PDFの図面から材質・寸法・加工を読み取り、過去の実績と照らして見積の下書きを作る仕組みを導入した。",
        "body": "## 背景\n\n東大阪市の町工場では、1日に数十件届く見積依頼に社長が一人で対応していた。\n\n## 取組\n\n大阪産業局の専門家相談を受け、生成AIで図面を読み取り、過去の見積と照らして下書きを作るサービスを導入。社員が最終確認する手順を決めた。\n\n## 成果\n\n見積の回答が早くなり、受注率が上がった。DX認定も取得した。",
        "prefecture": "27",
        "industry": "E",
        "size_band": "6-20",
        "challenges": ["talent", "motivation"],
        "tags": ["見積", "町工場", "製造DX"],
        "technologies": ["生成AI", "OCR"],
        "simple_dx": False,
        "outcomes": [
            _o("見積回答までの日数", 3, 1, "日", "導入後6か月"),
            _o("見積からの受注率", 18, 26, "%"),
        ],
        "subsidies": [
            _s(
                "prefectural",
                "中小企業DX推進補助金",
                "大阪府",
                2024,
                1500000,
                0.5,
                3000000,
                "大阪府内のAIベンダー",
            ),
        ],
        "policies": [{"policy": "dx_certification", "count": 1}],
    },
    {
        "lab": "osaka-sangyo",
        "title": "セキュリティ対策推進枠でサイバー攻撃に備えた大阪の卸売会社",
        "summary": "取引先からの要請を受け、IT導入補助金のセキュリティ対策推進枠で監視サービスを導入。社員教育も合わせて実施した。",
        "body": "## 背景\n\n大阪市の日用品卸売会社では、大手の取引先からサプライチェーン全体のセキュリティ対策を求められていた。社内に専任の担当者はいなかった。\n\n## 取組\n\nIT導入補助金（セキュリティ対策推進枠）で、サイバーセキュリティお助け隊サービスを導入。ラボの相談窓口で、社員向けの標的型メール訓練の進め方も紹介を受けた。\n\n## 成果\n\n不審な通信を早く見つけられるようになり、訓練での開封率も下がった。",
        "prefecture": "27",
        "industry": "I",
        "size_band": "21-50",
        "challenges": ["awareness", "funding"],
        "tags": ["セキュリティ", "サプライチェーン"],
        "technologies": ["セキュリティ監視", "UTM"],
        "simple_dx": True,
        "outcomes": [
            _o("訓練メールの開封率", 32, 9, "%", "2024年度"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "セキュリティ対策推進枠",
                "中小企業基盤整備機構",
                2024,
                400000,
                0.5,
                800000,
                "お助け隊サービスの提供事業者",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "samurai-chugoku",
        "title": "直売所の事例に学び、クラウド会計とインボイス対応を進めた広島の青果卸",
        "summary": "茨城の直売所の事例を参考に、インボイス枠でクラウド会計と請求書発行を導入。仕入先への支払通知も電子化した。",
        "body": "## 背景\n\n広島市の青果卸では、約80の仕入先と100の得意先との請求・支払を紙で処理していた。\n\n## 取組\n\nラボで紹介された茨城の直売所の事例を参考に、IT導入補助金（インボイス枠（インボイス対応類型））でクラウド会計と請求書発行サービスを導入。地元の信用金庫が導入の計画づくりを支援した。\n\n## 成果\n\n請求書の発行と郵送にかかる時間が減り、月次決算が早くなった。",
        "prefecture": "34",
        "industry": "I",
        "size_band": "21-50",
        "challenges": ["funding", "support"],
        "tags": ["インボイス", "経理", "横展開"],
        "technologies": ["クラウド会計", "電子請求書"],
        "simple_dx": True,
        "outcomes": [
            _o("請求書の発行・郵送の時間", 30, 8, "時間/月", "導入後6か月"),
            _o("月次決算の締め", 20, 10, "日"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "インボイス枠（インボイス対応類型）",
                "中小企業基盤整備機構",
                2024,
                1200000,
                2 / 3,
                1800000,
                "広島県内の会計ソフト販売店",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "samurai-chugoku",
        "title": "kintoneで縫製の進み具合を共有した倉敷のデニム工場",
        "summary": "工程ごとの進み具合をタブレットからkintoneに入力し、営業と工場で納期を共有。問い合わせへの回答が早くなった。",
        "body": "## 背景\n\n倉敷市児島のデニム工場では、取引先から納期の問い合わせが来るたびに、営業が工場に電話して確認していた。\n\n## 取組\n\nマナビDX Questの受講生チームが業務の流れを整理し、kintoneで工程管理のアプリを作成。IT導入補助金（通常枠）で導入費用をまかなった。\n\n## 成果\n\n納期の問い合わせに営業がその場で答えられるようになり、工場への電話が減った。",
        "prefecture": "33",
        "industry": "E",
        "size_band": "21-50",
        "challenges": ["talent", "motivation"],
        "tags": ["繊維", "工程管理", "製造DX"],
        "technologies": ["kintone", "タブレット"],
        "simple_dx": True,
        "outcomes": [
            _o("工場への確認の電話", 120, 30, "件/月", "導入後3か月"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "通常枠",
                "中小企業基盤整備機構",
                2024,
                800000,
                0.5,
                1600000,
                "岡山県内のkintone販売パートナー",
            ),
        ],
        "policies": [{"policy": "manabi_dx", "count": 4}],
    },
    {
        "lab": "samurai-chugoku",
        "title": "生成AIで会議録と住民向け文書の下書きを作る鳥取の町役場",
        "summary": "閉じた環境の生成AIで、会議録の要約と住民向けのお知らせの下書きを作成。職員の文書作成の時間を減らした。",
        "body": "## 背景\n\n鳥取県内の町役場では、職員数が減るなかで、会議録やお知らせの作成に多くの時間がかかっていた。\n\n## 取組\n\n総務省の地域情報化アドバイザー派遣で助言を受け、個人情報を外に出さない環境で生成AIを試行。使ってよい業務と確認の手順を、ガイドラインにまとめた。\n\n## 成果\n\n会議録の作成時間が大きく減り、他の課にも利用が広がった。",
        "prefecture": "31",
        "industry": "S",
        "size_band": "101-300",
        "challenges": ["talent"],
        "tags": ["自治体DX", "文書作成"],
        "technologies": ["生成AI", "音声認識"],
        "simple_dx": True,
        "outcomes": [
            _o("会議録1件の作成時間", 4, 1, "時間", "試行6か月"),
        ],
        "subsidies": [
            _s("mic", "地域情報化アドバイザー派遣", "総務省", 2024, 0, None, None, ""),
        ],
        "policies": [],
    },
    {
        "lab": "iyobank-shikoku",
        "title": "気仙沼の事例を参考にkintoneで受発注をまとめた宇和島の水産加工会社",
        "summary": "宮城の水産加工会社の事例を伊予銀行の担当者が紹介。kintoneで受注・在庫・出荷を一元化し、FAXの転記をなくした。",
        "body": "## 背景\n\n宇和島市の水産加工会社（真鯛の加工）では、FAXと電話の注文を手書きの台帳に写していた。\n\n## 取組\n\n取引銀行の担当者がラボの事例ライブラリで気仙沼の事例を見つけ、同じ構成（受注・在庫・出荷の3アプリ）をIT導入補助金（通常枠）で導入。宮城のラボのメンバーにオンラインで相談し、つまずいた点を事前に知ることができた。\n\n## 成果\n\n転記ミスが減り、出荷の準備が早くなった。",
        "prefecture": "38",
        "industry": "E",
        "size_band": "21-50",
        "challenges": ["support", "motivation"],
        "tags": ["受発注", "水産加工", "横展開"],
        "technologies": ["kintone", "クラウド"],
        "simple_dx": True,
        "outcomes": [
            _o("受注の転記ミス", 15, 2, "件/月", "導入後6か月"),
            _o("出荷準備の時間", 3, 2, "時間/日"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "通常枠",
                "中小企業基盤整備機構",
                2025,
                850000,
                0.5,
                1700000,
                "愛媛県内のkintone販売パートナー",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "iyobank-shikoku",
        "title": "銀行・商工会議所・ITベンダーの合同相談会で取引先のDXを後押し（高松）",
        "summary": "金融機関、商工会議所、ITベンダーが月1回の合同相談会を開き、企業の課題に合うITベンダーを紹介する仕組みをつくった。",
        "body": "## 背景\n\n香川県では、DXの相談を受けても、金融機関や商工団体とITベンダーの間に紹介の仕組みがなく、相談が途切れていた。\n\n## 取組\n\n地域DXコミュニティの補助事業で、高松市内で月1回の合同相談会を開催。相談の内容と紹介先を共有シートで管理し、3か月後に結果を確かめる。\n\n## 成果\n\n相談から導入に至った件数が増え、ラボの相談窓口の認知度も上がった。",
        "prefecture": "37",
        "industry": "J",
        "size_band": "301+",
        "challenges": ["support", "awareness"],
        "tags": ["支援体制", "マッチング", "相談窓口"],
        "technologies": ["kintone"],
        "simple_dx": False,
        "outcomes": [
            _o("相談から導入に至った件数", 4, 17, "件/年", "2024年度"),
            _o("相談会の参加企業", 0, 96, "社/年"),
        ],
        "subsidies": [
            _s(
                "regional_dx_community",
                "地域DX支援活動",
                "経済産業省",
                2024,
                3000000,
                2 / 3,
                4500000,
                "",
            ),
        ],
        "policies": [{"policy": "dx_selection", "count": 2}],
    },
    {
        "lab": "iyobank-shikoku",
        "title": "ハウスの環境制御をスマホで行う西条の農業法人",
        "summary": "ビニールハウスの温度・湿度・CO2をセンサーで測り、換気と灌水を自動化。講師謝金支援で招いた専門家と設定を詰めた。",
        "body": "## 背景\n\n愛媛県西条市の農業法人では、30棟のハウスの換気を従業員が見回って手で調整していた。\n\n## 取組\n\n市の補助金で環境制御装置とセンサーを導入。講師謝金支援で招いた農業ICTの専門家と、作物ごとの設定値を決めた。\n\n## 成果\n\n見回りの時間が減り、収量も上がった。",
        "prefecture": "38",
        "industry": "A",
        "size_band": "21-50",
        "challenges": ["talent", "funding"],
        "tags": ["農業", "スマート農業", "施設園芸"],
        "technologies": ["IoT", "環境制御"],
        "simple_dx": False,
        "outcomes": [
            _o("ハウスの見回り時間", 90, 30, "時間/月", "2024年度"),
            _o("10aあたりの収量", 8.0, 9.2, "t"),
        ],
        "subsidies": [
            _s(
                "municipal",
                "スマート農業導入支援",
                "西条市",
                2024,
                1500000,
                0.5,
                3000000,
                "四国内の農業資材会社",
            ),
            _s(
                "honorarium",
                "DXラボ支援メニュー",
                "情報処理推進機構",
                2024,
                150000,
                1.0,
                150000,
                "",
            ),
        ],
        "policies": [{"policy": "manabi_dx", "count": 2}],
    },
    {
        "lab": "jellyware-fukuoka",
        "title": "モバイルオーダーで注文とレジ締めを楽にした福岡の居酒屋",
        "summary": "客席のQRコードから注文できるモバイルオーダーとPOSレジを連携。ホールの人手不足をしのいだ。",
        "body": "## 背景\n\n福岡市の居酒屋では、ホールのアルバイトが集まらず、週末は注文を取るのに時間がかかっていた。\n\n## 取組\n\nIT導入補助金（インボイス枠（インボイス対応類型））で、モバイルオーダーとPOSレジを導入。メニューの写真と説明はスタッフが自分で更新している。\n\n## 成果\n\nホールの人数を減らしても回るようになり、客単価も上がった。比較的簡単なDXの例としてラボのセミナーで紹介された。",
        "prefecture": "40",
        "industry": "M",
        "size_band": "6-20",
        "challenges": ["talent", "motivation"],
        "tags": ["飲食", "人手不足", "インボイス"],
        "technologies": ["モバイルオーダー", "POSレジ"],
        "simple_dx": True,
        "outcomes": [
            _o("週末のホール人員", 5, 3, "人", "導入後3か月"),
            _o("客単価", 3200, 3600, "円"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "インボイス枠（インボイス対応類型）",
                "中小企業基盤整備機構",
                2024,
                500000,
                0.75,
                660000,
                "福岡市内のレジ販売店",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "frogs-okinawa",
        "title": "タブレットで客室清掃の状況を共有した那覇のホテル",
        "summary": "清掃スタッフがタブレットで客室の状態を入力し、フロントがすぐにチェックインを案内。紙の清掃表と無線連絡をなくした。",
        "body": "## 背景\n\n那覇市のホテルでは、清掃の終わった部屋を紙の表と無線で伝えていたため、チェックインの待ち時間が長かった。\n\n## 取組\n\nIT導入補助金（通常枠）で客室管理システムとタブレットを導入。多言語の画面で外国人スタッフも使えるようにした。\n\n## 成果\n\nチェックインの待ち時間が短くなり、清掃の進み具合もリアルタイムで分かるようになった。",
        "prefecture": "47",
        "industry": "M",
        "size_band": "51-100",
        "challenges": ["talent"],
        "tags": ["観光", "ホテル", "ペーパーレス"],
        "technologies": ["タブレット", "クラウド"],
        "simple_dx": True,
        "outcomes": [
            _o("チェックインの待ち時間", 25, 10, "分", "導入後3か月"),
        ],
        "subsidies": [
            _s(
                "it_introduction",
                "通常枠",
                "中小企業基盤整備機構",
                2024,
                1400000,
                0.5,
                2800000,
                "沖縄県内のホテル向けシステム会社",
            ),
        ],
        "policies": [],
    },
    {
        "lab": "frogs-okinawa",
        "title": "函館の旅館に学んだ多言語チャットボットで予約に答える宮古島の民宿",
        "summary": "函館の旅館の事例を参考に、英語・中国語・韓国語で予約と問い合わせに答えるチャットボットを導入。オーナー夫婦の夜間対応を減らした。",
        "body": "## 背景\n\n宮古島市の民宿では、オーナー夫婦が二人で予約サイトとSNSの問い合わせに答えており、夜中の対応が続いていた。\n\n## 取組\n\nラボの事例ライブラリで函館の旅館の事例を見つけ、同じ種類のチャットボットを導入。FROGSの学生が、送迎や島の交通など離島ならではの質問を登録した。\n\n## 成果\n\n夜間の問い合わせ対応が減り、予約の取りこぼしもなくなった。",
        "prefecture": "47",
        "industry": "M",
        "size_band": "1-5",
        "challenges": ["talent", "motivation"],
        "tags": ["観光", "インバウンド", "横展開"],
        "technologies": ["チャットボット", "予約管理システム"],
        "simple_dx": True,
        "outcomes": [
            _o("夜間の問い合わせ対応", 40, 12, "件/月", "導入後6か月"),
        ],
        "subsidies": [
            _s(
                "prefectural",
                "小規模事業者デジタル化支援",
                "沖縄県",
                2025,
                300000,
                2 / 3,
                450000,
                "県内のIT企業",
            ),
        ],
        "policies": [],
    },
]

# (original title, adaptation title): the same idea rolled out in another region (横展開).
DEMO_ADAPTATIONS: list[tuple[str, str]] = [
    (
        "kintoneで受発注と在庫を一元化した気仙沼の水産加工会社",
        "気仙沼の事例を参考にkintoneで受発注をまとめた宇和島の水産加工会社",
    ),
    (
        "移住相談に答えるLLM＋RAGチャットボット「NOTOBIRA」",
        "移住・就農の相談に出典付きで答えるRAGチャットボット（十勝の町）",
    ),
    (
        "IoTセンサーで設備の稼働を見える化した部品工場",
        "後付けIoTで刃物工場の設備稼働を見える化（関市）",
    ),
    (
        "インボイス対応とクラウド会計で経理を半分にした農産物直売所",
        "直売所の事例に学び、クラウド会計とインボイス対応を進めた広島の青果卸",
    ),
    (
        "多言語チャットボットで予約と問い合わせに答える函館の旅館",
        "函館の旅館に学んだ多言語チャットボットで予約に答える宮古島の民宿",
    ),
]

# Adoption records of labs that rolled a case out without writing a case of their own yet:
# (original title, adopting lab, status, what changed, outcome rows).
DEMO_ROLLOUTS: list[tuple[str, str, str, str, list[dict]]] = [
    (
        "IT導入補助金で受発注をクラウド化した水産加工会社",
        "frogs-okinawa",
        "in_progress",
        "FAXの受注をクラウドに集める部分から始め、もずく加工の2社で試行中。",
        [],
    ),
    (
        "生成AIで組子のデザイン案を提案する「kumikoAI」",
        "jec-hokuriku",
        "planned",
        "組子の代わりに高岡銅器の文様で、デザイン案を出す仕組みを検討。",
        [],
    ),
    (
        "IoTセンサーで設備の稼働を見える化した部品工場",
        "samurai-chugoku",
        "done",
        "センサーは同じものを使い、集計は表計算から始めて費用を抑えた。",
        [_o("設備稼働率", 58, 71, "%", "導入後6か月")],
    ),
    (
        "マナビDX Questの受講生チームと作った飲食店の仕込み量予測",
        "jellyware-fukuoka",
        "in_progress",
        "博多の居酒屋3店で、受講生チームと売上データの整理から始めた。",
        [],
    ),
]

# (case title, asking lab, question, answer or None): やってみたい labs asking the owning lab.
DEMO_QUESTIONS: list[tuple[str, str, str, str | None]] = [
    (
        "生成AIで組子のデザイン案を提案する「kumikoAI」",
        "osaka-sangyo",
        "学習に使った図案は何点くらいでしたか。職人さんの了解はどう取りましたか。",
        "約300点です。図案を出した職人さんと使い道を文書で取り決めてから学習に使いました。",
    ),
    (
        "kintoneで受発注と在庫を一元化した気仙沼の水産加工会社",
        "shinsetsu-hokkaido",
        "IT導入補助金の申請で、支援事業者とのやり取りに何か月かかりましたか。",
        "相談から交付決定まで約3か月でした。見積の比較に1か月かけています。",
    ),
    (
        "移住相談に答えるLLM＋RAGチャットボット「NOTOBIRA」",
        "iyobank-shikoku",
        "回答の誤りをどうやって見つけ、直していますか。",
        None,
    ),
]
