"""Regions and the 47 prefectures with their JIS X 0401 codes."""

from __future__ import annotations

# (code, name_ja, name_en)
REGIONS: list[tuple[str, str, str]] = [
    ("hokkaido", "北海道", "Hokkaido"),
    ("tohoku", "東北", "Tohoku"),
    ("kanto", "関東", "Kanto"),
    ("chubu", "中部", "Chubu"),
    ("hokuriku", "北陸", "Hokuriku"),
    ("kinki", "近畿", "Kinki"),
    ("chugoku", "中国", "Chugoku"),
    ("shikoku", "四国", "Shikoku"),
    ("kyushu-okinawa", "九州・沖縄", "Kyushu and Okinawa"),
]

# (JIS code, name_ja, name_en, region code)
PREFECTURES: list[tuple[str, str, str, str]] = [
    ("01", "北海道", "Hokkaido", "hokkaido"),
    ("02", "青森県", "Aomori", "tohoku"),
    ("03", "岩手県", "Iwate", "tohoku"),
    ("04", "宮城県", "Miyagi", "tohoku"),
    ("05", "秋田県", "Akita", "tohoku"),
    ("06", "山形県", "Yamagata", "tohoku"),
    ("07", "福島県", "Fukushima", "tohoku"),
    ("08", "茨城県", "Ibaraki", "kanto"),
    ("09", "栃木県", "Tochigi", "kanto"),
    ("10", "群馬県", "Gunma", "kanto"),
    ("11", "埼玉県", "Saitama", "kanto"),
    ("12", "千葉県", "Chiba", "kanto"),
    ("13", "東京都", "Tokyo", "kanto"),
    ("14", "神奈川県", "Kanagawa", "kanto"),
    ("15", "新潟県", "Niigata", "hokuriku"),
    ("16", "富山県", "Toyama", "hokuriku"),
    ("17", "石川県", "Ishikawa", "hokuriku"),
    ("18", "福井県", "Fukui", "hokuriku"),
    ("19", "山梨県", "Yamanashi", "chubu"),
    ("20", "長野県", "Nagano", "chubu"),
    ("21", "岐阜県", "Gifu", "chubu"),
    ("22", "静岡県", "Shizuoka", "chubu"),
    ("23", "愛知県", "Aichi", "chubu"),
    ("24", "三重県", "Mie", "chubu"),
    ("25", "滋賀県", "Shiga", "kinki"),
    ("26", "京都府", "Kyoto", "kinki"),
    ("27", "大阪府", "Osaka", "kinki"),
    ("28", "兵庫県", "Hyogo", "kinki"),
    ("29", "奈良県", "Nara", "kinki"),
    ("30", "和歌山県", "Wakayama", "kinki"),
    ("31", "鳥取県", "Tottori", "chugoku"),
    ("32", "島根県", "Shimane", "chugoku"),
    ("33", "岡山県", "Okayama", "chugoku"),
    ("34", "広島県", "Hiroshima", "chugoku"),
    ("35", "山口県", "Yamaguchi", "chugoku"),
    ("36", "徳島県", "Tokushima", "shikoku"),
    ("37", "香川県", "Kagawa", "shikoku"),
    ("38", "愛媛県", "Ehime", "shikoku"),
    ("39", "高知県", "Kochi", "shikoku"),
    ("40", "福岡県", "Fukuoka", "kyushu-okinawa"),
    ("41", "佐賀県", "Saga", "kyushu-okinawa"),
    ("42", "長崎県", "Nagasaki", "kyushu-okinawa"),
    ("43", "熊本県", "Kumamoto", "kyushu-okinawa"),
    ("44", "大分県", "Oita", "kyushu-okinawa"),
    ("45", "宮崎県", "Miyazaki", "kyushu-okinawa"),
    ("46", "鹿児島県", "Kagoshima", "kyushu-okinawa"),
    ("47", "沖縄県", "Okinawa", "kyushu-okinawa"),
]

# the region of each prefecture, as the reference tables hold it (seeded from the lists above)
REGION_OF: dict[str, str] = {code: region for code, _ja, _en, region in PREFECTURES}
