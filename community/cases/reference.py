"""Codes for a case's facets, with their Japanese names."""

from __future__ import annotations

# 課題分類: what labs say they lack (DOMAIN.md)
CHALLENGES: dict[str, str] = {
    "talent": "人材不足",
    "motivation": "意欲醸成",
    "awareness": "理解不足",
    "support": "支援整備",
    "funding": "財源不足",
}

# Japan Standard Industrial Classification, major divisions
INDUSTRIES: dict[str, str] = {
    "A": "農業，林業",
    "B": "漁業",
    "C": "鉱業，採石業，砂利採取業",
    "D": "建設業",
    "E": "製造業",
    "F": "電気・ガス・熱供給・水道業",
    "G": "情報通信業",
    "H": "運輸業，郵便業",
    "I": "卸売業，小売業",
    "J": "金融業，保険業",
    "K": "不動産業，物品賃貸業",
    "L": "学術研究，専門・技術サービス業",
    "M": "宿泊業，飲食サービス業",
    "N": "生活関連サービス業，娯楽業",
    "O": "教育，学習支援業",
    "P": "医療，福祉",
    "Q": "複合サービス事業",
    "R": "サービス業（他に分類されないもの）",
    "S": "公務（他に分類されるものを除く）",
    "T": "分類不能の産業",
}

SIZE_BANDS: dict[str, str] = {
    "1-5": "1〜5人",
    "6-20": "6〜20人",
    "21-50": "21〜50人",
    "51-100": "51〜100人",
    "101-300": "101〜300人",
    "301+": "301人以上",
}

SUBSIDY_PROGRAMMES: dict[str, str] = {
    "it_introduction": "IT導入補助金",
    "mic": "総務省の事業",
    "honorarium": "講師謝金支援",
    "regional_dx_community": "地域DXコミュニティ",
    "prefectural": "都道府県の補助金",
    "municipal": "市区町村の補助金",
    "other": "その他",
}

POLICIES: dict[str, str] = {
    "dx_certification": "DX認定",
    "mitou_akatsuki": "未踏・AKATSUKI",
    "manabi_dx": "マナビDX・マナビDX Quest",
    "dx_selection": "DXセレクション推薦",
}
