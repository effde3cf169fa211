"""The fixed forum categories: cross-region exchange, one per challenge category, announcements."""

from __future__ import annotations

from community.cases.reference import CHALLENGES
from community.core.i18n import N_

# (slug, name, description, secretariat_only); names are message ids, shown translated
CATEGORIES: list[tuple[str, str, str, bool]] = [
    (
        "exchange",
        N_("地域間交流"),
        N_("地域を越えて、ラボどうしで相談・情報交換する場です。"),
        False,
    ),
    ("talent", N_("人材不足"), N_("伴走支援の担い手づくり、人材育成の悩みと工夫。"), False),
    (
        "motivation",
        N_("意欲醸成"),
        N_("中小企業にDXの価値を伝える、比較的簡単なDXの始め方。"),
        False,
    ),
    ("awareness", N_("理解不足"), N_("相談窓口やラボの活動を知ってもらうための取組。"), False),
    (
        "support",
        N_("支援整備"),
        N_("金融機関・商工会・ITベンダーとの連携、マッチングの仕組み。"),
        False,
    ),
    ("funding", N_("財源不足"), N_("補助金・支援制度の活用例と、活動資金のやりくり。"), False),
    ("announcements", N_("お知らせ"), N_("事務局からのお知らせです。"), True),
]
assert [slug for slug, *_ in CATEGORIES[1:6]] == list(CHALLENGES)
