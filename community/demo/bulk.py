"""Generated cases for benchmarks: ``flask seed bulk --cases 100000``.

Cases are composed from Japanese vocabulary (industries, places, technologies, challenges,
subsidies) by a seeded random generator, so two runs with the same seed and labs write the same
text. The weights give common two-character terms realistic hit counts: 補助 and 補助金 in most
cases, 製造 in about a quarter, 農業 in a few thousand, 組子 in a few dozen at 100,000 cases.
Everything generated is fictitious; only programme names (IT導入補助金 and its 枠, 講師謝金支援,
地域DXコミュニティ, マナビDX Quest…) are real.

Rows are written with SQLAlchemy Core in batches (one multi-row INSERT a table a batch) and
indexed with :func:`community.core.search.index_documents`, not one service call a case.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlalchemy as sa

from community.cases.models import Case, CaseChallenge, CaseTag, Outcome, PolicyUse, SubsidyUsage
from community.cases.services import LIBRARY, SEARCH_KIND, case_facet_tokens
from community.core.cache import mark_changed
from community.core.db import vacuum_analyze
from community.core.markdown import render_markdown
from community.core.search import (
    GIN_INDEX,
    SearchDocument,
    SearchText,
    index_documents,
    tidy_after_rebuild,
)
from community.extensions import db

# (JSIC code, weight, word used in the text, businesses)
INDUSTRIES: list[tuple[str, int, str, list[str]]] = [
    ("A", 7, "農業", ["農業法人", "果樹園", "米農家", "酪農家", "茶園", "花き農家", "養鶏場"]),
    ("A", 1, "林業", ["林業会社", "製材所"]),
    ("B", 3, "漁業", ["漁業協同組合", "養殖業者", "定置網漁の会社"]),
    ("D", 8, "建設業", ["工務店", "建設会社", "設備工事会社", "塗装店"]),
    (
        "E",
        22,
        "製造業",
        [
            "部品工場",
            "金属加工会社",
            "食品製造会社",
            "水産加工会社",
            "酒蔵",
            "精密機械メーカー",
            "木工所",
            "印刷会社",
            "縫製工場",
            "樹脂成形工場",
        ],
    ),
    ("G", 4, "情報通信業", ["ソフトウェア会社", "ITベンダー", "ケーブルテレビ局"]),
    ("H", 6, "物流", ["運送会社", "倉庫会社", "タクシー会社"]),
    ("I", 12, "小売業", ["卸売会社", "商店", "ホームセンター", "酒販店", "青果卸", "鮮魚店"]),
    ("K", 2, "不動産業", ["不動産会社", "レンタル会社"]),
    ("L", 3, "専門サービス", ["設計事務所", "税理士事務所", "測量会社"]),
    ("M", 10, "観光", ["旅館", "ホテル", "飲食店", "居酒屋", "民宿"]),
    ("N", 4, "生活関連サービス", ["美容室", "クリーニング店", "葬祭会社"]),
    ("O", 2, "教育", ["学習塾", "専門学校"]),
    ("P", 8, "医療・福祉", ["介護施設", "クリニック", "訪問看護ステーション", "保育園"]),
    ("R", 2, "サービス業", ["ビルメンテナンス会社", "警備会社"]),
    ("S", 4, "行政", ["市役所", "町役場", "村役場"]),
]
LOADED_TABLES = tuple(
    model.__table__ for model in (Case, CaseChallenge, CaseTag, Outcome, SubsidyUsage, PolicyUse)
)
# one case in ~2,000 is a 組子 workshop: the rare term of the benchmark
RARE_BUSINESS = ("E", "製造業", "組子細工の工房")

# (technology shown as a tag, weight, tasks it answers, tags)
TECHNOLOGIES: list[tuple[str, int, list[str], list[str]]] = [
    ("kintone", 10, ["受発注管理", "顧客管理", "案件管理", "日報"], ["ノーコード", "業務アプリ"]),
    ("生成AI", 10, ["提案書の作成", "商品説明文の作成", "議事録の作成"], ["AI活用"]),
    ("RAG", 3, ["社内規程への問い合わせ対応", "マニュアル検索"], ["生成AI", "ナレッジ共有"]),
    ("チャットボット", 7, ["問い合わせ対応", "予約受付", "FAQ対応"], ["顧客対応"]),
    ("IoTセンサー", 9, ["設備の稼働監視", "温湿度管理", "水位監視"], ["IoT", "見える化"]),
    ("クラウド会計", 8, ["経理", "請求書処理", "経費精算"], ["バックオフィス"]),
    ("RPA", 5, ["伝票入力", "請求書の発行"], ["自動化"]),
    ("BIツール", 5, ["売上分析", "在庫分析"], ["データ活用"]),
    ("受発注システム", 8, ["受発注", "受注入力"], ["受発注", "クラウド"]),
    ("在庫管理システム", 6, ["在庫管理", "棚卸し"], ["在庫"]),
    ("POSレジ", 5, ["売上管理", "会計"], ["店舗DX"]),
    ("画像認識", 4, ["検品", "外観検査"], ["AI活用", "品質管理"]),
    ("ドローン", 3, ["圃場の見回り", "測量"], ["スマート農業"]),
    ("電子帳簿保存", 4, ["帳票管理", "請求書の保管"], ["インボイス"]),
    ("予約管理システム", 4, ["予約受付", "顧客管理"], ["顧客対応"]),
    ("ECサイト", 5, ["ネット販売", "受注"], ["販路開拓"]),
    ("勤怠管理クラウド", 4, ["勤怠管理", "シフト作成"], ["働き方改革"]),
    ("タブレット", 5, ["現場報告", "点検記録"], ["ペーパーレス"]),
]

PLACES: dict[str, list[str]] = {
    "01": ["札幌市", "函館市", "旭川市", "帯広市", "釧路市", "北見市"],
    "02": ["青森市", "弘前市", "八戸市"],
    "04": ["仙台市", "石巻市", "気仙沼市", "塩竈市", "大崎市"],
    "05": ["秋田市", "横手市", "大館市"],
    "07": ["福島市", "郡山市", "会津若松市", "いわき市"],
    "08": ["水戸市", "つくば市", "日立市", "土浦市"],
    "16": ["富山市", "高岡市", "射水市"],
    "17": ["金沢市", "羽咋市", "七尾市", "輪島市", "小松市"],
    "21": ["岐阜市", "大垣市", "関市", "高山市"],
    "22": ["静岡市", "浜松市", "沼津市", "富士市", "焼津市"],
    "23": ["名古屋市", "豊田市", "岡崎市", "一宮市"],
    "24": ["津市", "四日市市", "伊勢市", "鈴鹿市"],
    "27": ["大阪市", "堺市", "東大阪市", "八尾市"],
    "31": ["鳥取市", "米子市"],
    "32": ["松江市", "出雲市"],
    "33": ["岡山市", "倉敷市"],
    "34": ["広島市", "福山市", "呉市"],
    "35": ["山口市", "下関市", "宇部市", "周南市"],
    "37": ["高松市", "坂出市", "丸亀市", "琴平町"],
    "38": ["松山市", "西条市", "新居浜市", "今治市", "宇和島市"],
    "40": ["福岡市", "北九州市", "久留米市", "大川市"],
    "47": ["那覇市", "沖縄市", "名護市", "石垣市", "宮古島市"],
}

CHALLENGE_TEXT: dict[str, list[str]] = {
    "talent": [
        "社内にデジタルに詳しい人材がおらず、伴走してくれる支援者もいなかった",
        "高齢化で担い手が減り、業務を見直す余裕がなかった",
    ],
    "motivation": [
        "経営者はDXを利益につながるものと考えていなかった",
        "日々の業務に追われ、デジタル化の優先度は低かった",
    ],
    "awareness": [
        "ラボの相談窓口の存在を知らず、どこに相談すればよいか分からなかった",
        "地域の支援機関の支援メニューが知られていなかった",
    ],
    "support": [
        "金融機関や商工会とITベンダーをつなぐ仕組みがなかった",
        "地元にIT企業とのマッチングの場がなかった",
    ],
    "funding": [
        "導入費用の負担が大きく、投資に踏み切れなかった",
        "支援は実質ボランティアで、継続のための財源がなかった",
    ],
}
CHALLENGE_WEIGHTS = {"talent": 30, "motivation": 25, "awareness": 12, "support": 15, "funding": 18}

# (programme, weight, frames, administering body or None for the prefecture/municipality)
PROGRAMMES: list[tuple[str, int, list[str], str | None]] = [
    (
        "it_introduction",
        40,
        [
            "通常枠",
            "インボイス枠（インボイス対応類型）",
            "インボイス枠（電子取引類型）",
            "セキュリティ対策推進枠",
            "複数社連携IT導入枠",
        ],
        "中小企業基盤整備機構",
    ),
    ("mic", 8, ["地域デジタル基盤活用推進事業", "地域情報化アドバイザー派遣"], "総務省"),
    ("honorarium", 10, ["DXラボ支援メニュー"], "情報処理推進機構"),
    ("regional_dx_community", 6, ["地域DX支援活動"], "経済産業省"),
    ("prefectural", 20, ["DX推進補助金", "デジタル化支援補助金"], None),
    ("municipal", 14, ["中小企業デジタル化補助金", "業務効率化支援補助金"], None),
    ("other", 2, ["商工会議所の小規模事業者支援"], "商工会議所"),
]
PROGRAMME_NAMES = {
    "it_introduction": "IT導入補助金",
    "mic": "総務省の補助事業",
    "honorarium": "講師謝金支援",
    "regional_dx_community": "地域DXコミュニティの補助事業",
    "prefectural": "県の補助金",
    "municipal": "市の補助金",
    "other": "小規模事業者向けの補助金",
}
VENDORS = ["地元のITベンダー", "県内のIT導入支援事業者", "地域の販売店", "大学発ベンチャー"]

# (metric, unit, low, high of the value before, whether lower is better)
METRICS: list[tuple[str, str, int, int, bool]] = [
    ("作業時間", "時間/月", 40, 300, True),
    ("入力ミス", "件/月", 5, 60, True),
    ("残業時間", "時間/月", 20, 120, True),
    ("問い合わせ対応時間", "時間/月", 10, 80, True),
    ("在庫回転日数", "日", 20, 90, True),
    ("売上", "万円/月", 100, 3000, False),
    ("設備稼働率", "%", 40, 80, False),
    ("新規顧客数", "件/月", 3, 40, False),
]

VERBS = ["効率化", "自動化", "見える化", "クラウド化", "省力化", "標準化"]
OPENERS = [
    "{place}の{business}では、{task}を紙と表計算ソフトで行っていた。",
    "{place}で{years}年続く{business}は、{task}に多くの手間をかけていた。",
    "{place}の{business}は、{task}を担当者の経験に頼っていた。",
]
EXTRAS = [
    "導入前に現場の担当者と業務の流れを書き出し、手作業が残る箇所を洗い出した。",
    "ラボのコーディネーターが月に一度訪問し、使い方の定着まで伴走した。",
    "地元の金融機関が取引先に声をかけ、同じ悩みを持つ企業の勉強会も開いた。",
    "マナビDX Questの受講生チームがデータ分析と業務設計を手伝った。",
    "比較的簡単なDXから始め、小さな成果を社内で共有して意欲を高めた。",
    "高専の学生がアプリの画面を試作し、現場の声を聞きながら改良した。",
    "セミナーで事例を紹介したところ、近隣の企業からも相談が寄せられた。",
]
CLOSERS = [
    "今後は{tech}で集めたデータを経営判断にも生かす。",
    "この取組は地域の他の{industry_word}にも横展開できると考えている。",
    "次は取引先とのデータ連携に取り組む予定だ。",
    "浮いた時間を新商品の開発と接客に充てている。",
]
RESULTS = [
    "担当者が手作業から解放され、顧客への対応に時間を使えるようになった。",
    "数字で効果が見えたことで、社内の他の部署からも導入の希望が出ている。",
    "情報が一か所にまとまり、担当者が休んでも業務が止まらなくなった。",
    "取引先からの評価も上がり、新しい引き合いにつながった。",
]
FY = [2019, 2020, 2021, 2022, 2023, 2024, 2025]
FY_WEIGHTS = [3, 6, 9, 12, 16, 18, 12]


@dataclass
class LabRef:
    id: int
    author_id: int | None
    prefectures: list[tuple[str, str]]  # (code, name_ja)


@dataclass
class GeneratedCase:
    row: dict
    challenges: list[str]
    tags: list[str]
    outcomes: list[dict] = field(default_factory=list)
    subsidies: list[dict] = field(default_factory=list)
    policies: list[dict] = field(default_factory=list)


def _pick(rng: random.Random, items: list, weights: list[int]):
    return rng.choices(items, weights=weights)[0]


def generate_cases(count: int, labs: list[LabRef], seed: int = 2026) -> Iterator[GeneratedCase]:
    """``count`` fictitious cases, the same ones for the same seed and labs."""
    rng = random.Random(seed)
    industry_weights = [w for _, w, _, _ in INDUSTRIES]
    tech_weights = [w for _, w, _, _ in TECHNOLOGIES]
    programme_weights = [w for _, w, _, _ in PROGRAMMES]
    challenge_codes = list(CHALLENGE_WEIGHTS)
    challenge_weights = list(CHALLENGE_WEIGHTS.values())
    epoch = dt.datetime(2023, 4, 1, tzinfo=dt.UTC)
    for number in range(count):
        lab = labs[number % len(labs)] if number < len(labs) else rng.choice(labs)
        pref_code, pref_name = rng.choice(lab.prefectures)
        place = rng.choice(PLACES.get(pref_code) or [pref_name])
        if rng.random() < 0.0005:
            industry, industry_word, business = RARE_BUSINESS
        else:
            industry, _w, industry_word, businesses = _pick(rng, INDUSTRIES, industry_weights)
            business = rng.choice(businesses)
        tech, _w, tasks, tech_tags = _pick(rng, TECHNOLOGIES, tech_weights)
        task = rng.choice(tasks)
        verb = rng.choice(VERBS)
        challenges = list(
            dict.fromkeys(rng.choices(challenge_codes, challenge_weights, k=rng.randint(1, 2)))
        )

        subsidies: list[dict] = []
        n_subsidies = rng.choices([0, 1, 2], weights=[25, 60, 15])[0]
        for position in range(n_subsidies):
            programme, _w, frames, body = _pick(rng, PROGRAMMES, programme_weights)
            if body is None:
                body = pref_name if programme == "prefectural" else place
            total = rng.randrange(300_000, 12_000_000, 10_000)
            rate = rng.choice([0.5, 0.5, 2 / 3, 0.75])
            subsidies.append(
                {
                    "position": position,
                    "programme": programme,
                    "frame": rng.choice(frames),
                    "administering_body": body,
                    "fiscal_year": _pick(rng, FY, FY_WEIGHTS),
                    "amount_granted": int(total * rate) // 1000 * 1000,
                    "subsidy_rate": round(rate, 2),
                    "total_cost": total,
                    "adopted": True,
                    "vendor": rng.choice(VENDORS),
                    "notes": "",
                }
            )

        metric, unit, low, high, lower_better = rng.choice(METRICS)
        before = rng.randint(low, high)
        change = rng.uniform(0.15, 0.6)
        after = round(before * (1 - change) if lower_better else before * (1 + change))
        if unit == "%":
            after = min(after, 98)
        outcomes = [
            {
                "position": 0,
                "metric": f"{task}の{metric}" if metric == "作業時間" else metric,
                "value_before": float(before),
                "value_after": float(after),
                "unit": unit,
                "period": f"導入{rng.choice([3, 6, 12])}か月後",
                "evidence": "",
            }
        ]

        title_forms = [
            f"{tech}で{task}を{verb}した{place}の{business}",
            f"{place}の{business}が{tech}で{task}を{verb}",
            f"{task}の{verb}：{business}の{tech}活用（{pref_name}）",
        ]
        title = rng.choice(title_forms)
        summary = (
            f"{pref_name}{place}の{business}が{tech}を導入し、{task}を{verb}。"
            f"{outcomes[0]['metric']}を{before}{unit}から{after}{unit}に改善した。"
        )
        if subsidies:
            first = subsidies[0]
            summary += f"{PROGRAMME_NAMES[first['programme']]}を活用。"

        opener = rng.choice(OPENERS).format(
            place=place, business=business, task=task, years=rng.randint(10, 80)
        )
        background = opener + "".join(rng.choice(CHALLENGE_TEXT[c]) + "。" for c in challenges)
        vendor = subsidies[0]["vendor"] if subsidies else rng.choice(VENDORS)
        work = f"地域DX推進ラボに相談し、{tech}で{task}を{verb}する仕組みを整えた。"
        work += f"{vendor}が初期設定を担い、社員{rng.randint(2, 30)}名が操作の研修を受けた。"
        work += "".join(rng.sample(EXTRAS, 2))
        for subsidy in subsidies:
            name = PROGRAMME_NAMES[subsidy["programme"]]
            work += (
                f"費用は{name}（{subsidy['frame']}）を活用し、"
                f"{subsidy['fiscal_year']}年度に{subsidy['amount_granted'] // 10_000}万円の補助を受けた。"
            )
        if industry == "A" and rng.random() < 0.5:
            work += "地域の農業を支える若手の就農者にも使い方を伝えている。"
        if industry == "E":
            work += rng.choice(
                ["製造現場の班長が中心となって運用を決めた。", "製造ラインごとに担当者を置いた。"]
            )
        result = f"{outcomes[0]['metric']}は{before}{unit}から{after}{unit}になった。"
        result += rng.choice(RESULTS)
        plans = rng.choice(CLOSERS).format(tech=tech, industry_word=industry_word)
        body = (
            f"## 背景\n\n{background}\n\n## 取組\n\n{work}\n\n"
            f"## 成果\n\n{result}\n\n## 今後\n\n{plans}\n"
        )

        tags = list(
            dict.fromkeys([*tech_tags, industry_word, *(["組子"] if "組子" in business else [])])
        )
        policies = []
        if rng.random() < 0.1:
            policy = rng.choice(["dx_certification", "manabi_dx", "mitou_akatsuki", "dx_selection"])
            policies.append({"policy": policy, "count": rng.randint(1, 5)})
        published = epoch + dt.timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
        start = published.date() - dt.timedelta(days=rng.randint(90, 540))
        row = {
            "lab_id": lab.id,
            "title": title[:200],
            "summary": summary,
            "body": body,
            "body_html": render_markdown(body),
            "prefecture_code": pref_code,
            "industry": industry,
            "size_band": rng.choices(
                ["1-5", "6-20", "21-50", "51-100", "101-300", "301+"], [20, 30, 22, 14, 10, 4]
            )[0],
            "simple_dx": rng.random() < 0.45,
            "status": "published",
            "period_start": start,
            "period_end": start + dt.timedelta(days=rng.randint(60, 360)),
            "contact": "",
            "technologies": [tech],
            "published_at": published,
            "created_by_id": lab.author_id,
            "created_at": published,
            "updated_at": published,
        }
        yield GeneratedCase(row, challenges, tags, outcomes, subsidies, policies)


def lab_refs() -> list[LabRef]:
    """Every lab that has a prefecture, with its first coordinator as the author."""
    from community.labs.models import Lab

    refs = []
    for lab in db.session.scalars(sa.select(Lab).order_by(Lab.id)):
        prefectures = [(p.code, p.name_ja) for p in lab.prefectures]
        if prefectures:
            author = lab.coordinators[0].id if lab.coordinators else None
            refs.append(LabRef(lab.id, author, prefectures))
    return refs


def load_bulk_cases(
    count: int,
    *,
    seed: int = 2026,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``count`` generated cases, their facet rows and their search entries.

    One transaction a batch; every INSERT names its columns, so columns added to these tables
    later with a default do not break it.
    """
    labs = lab_refs()
    if not labs:
        raise RuntimeError("no lab with a prefecture: load the demo labs first")
    case_table = Case.__table__
    insert_case = sa.insert(case_table).returning(case_table.c.id, sort_by_parameter_order=True)
    written = 0
    batch: list[GeneratedCase] = []

    def flush() -> None:
        ids = db.session.scalars(insert_case, [c.row for c in batch]).all()
        challenges, tags, outcomes, subsidies, policies, documents = [], [], [], [], [], []
        for case_id, case in zip(ids, batch, strict=True):
            challenges += [{"case_id": case_id, "code": c} for c in case.challenges]
            tags += [{"case_id": case_id, "name": t} for t in case.tags]
            outcomes += [{"case_id": case_id, **o} for o in case.outcomes]
            subsidies += [{"case_id": case_id, **s} for s in case.subsidies]
            policies += [{"case_id": case_id, **p} for p in case.policies]
            row = case.row
            # the texts the case service indexes, tags in the order it loads them (by name)
            documents.append(
                (
                    case_id,
                    [
                        row["title"],
                        row["summary"],
                        row["body"],
                        *sorted(case.tags),
                        *row["technologies"],
                    ],
                    case_facet_tokens(
                        lab_id=row["lab_id"],
                        prefecture_code=row["prefecture_code"],
                        industry=row["industry"],
                        size_band=row["size_band"],
                        simple_dx=row["simple_dx"],
                        challenges=case.challenges,
                        subsidies=[(s["programme"], s["fiscal_year"]) for s in case.subsidies],
                        has_outcomes=bool(case.outcomes),
                    ),
                )
            )
        for table, rows in zip(
            LOADED_TABLES[1:], (challenges, tags, outcomes, subsidies, policies), strict=True
        ):
            if rows:
                db.session.execute(sa.insert(table), rows)
        index_documents(SEARCH_KIND, documents)
        mark_changed(LIBRARY)  # Core inserts bypass the unit of work that would mark it
        db.session.commit()
        if progress:
            progress(len(batch))
        batch.clear()

    with _gin_index_built_afterwards():
        for case in generate_cases(count, labs, seed):
            batch.append(case)
            written += 1
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    return written


@contextmanager
def _gin_index_built_afterwards() -> Iterator[None]:
    """On PostgreSQL, drop the search GIN index for the load and build it again at the end;
    on both databases, refresh the planner's statistics of the loaded tables.

    The index has ``fastupdate`` off, so every row would update it in place (about 3 s for
    1,000 cases here); one build over the loaded table takes seconds. The index is rebuilt from
    the model's own definition, even when the load fails.

    Without statistics SQLite takes the index on ``status`` for the library's first page and
    sorts every case (740 ms at 100,000 cases) instead of reading ``ix_case_newest`` (1 ms).
    """
    if db.session.get_bind().dialect.name != "postgresql":
        yield
        tidy_after_rebuild()
        return
    index = next(i for i in SearchDocument.__table__.indexes if i.name == GIN_INDEX)
    db.session.commit()  # DROP INDEX waits for every open transaction on the table, ours too
    with db.engine.begin() as connection:
        index.drop(connection, checkfirst=True)
    try:
        yield
    finally:
        db.session.rollback()
        with db.engine.begin() as connection:
            index.create(connection, checkfirst=True)
        # fresh statistics: before autovacuum gets round to it, the planner would take 100,000
        # published cases for a thousand and pick nested loops over all of them; and pages
        # marked all-visible, so that a list reads a case's tags and challenge codes from their
        # indexes alone
        vacuum_analyze(db.engine, (*LOADED_TABLES, SearchDocument.__table__, SearchText.__table__))
