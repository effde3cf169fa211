"""Expert fields: the five challenge categories (課題分類) and the technology fields."""

from __future__ import annotations

from community.cases.reference import CHALLENGES

TECHNOLOGY_FIELDS: dict[str, str] = {
    "ai": "AI活用",
    "iot": "IoT",
    "data": "データ活用",
    "security": "セキュリティ",
    "cloud": "クラウド",
    "operations": "業務改善",
    "ec": "EC",
    "manufacturing": "製造DX",
}

# Every field an expert may cover, and every public channel's topic: code -> Japanese name.
FIELDS: dict[str, str] = {**CHALLENGES, **TECHNOLOGY_FIELDS}
