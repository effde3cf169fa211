"""Experts in one call each, and people with clients of their own."""

from __future__ import annotations

from community.accounts.models import Role
from community.experts import services

PROFILE = {
    "headline": "製造業の生産管理とIoT導入を伴走支援します",
    "organisation": "みやぎ産業DX研究所",
    "fields": ["manufacturing", "iot"],
    "regions": [],
    "prefectures": ["04"],
    "online": True,
    "in_person": True,
    "honorarium_eligible": True,
    "bio": "## 経歴\n\n**中小企業診断士**。<script>alert(1)</script>",
    "availability": "accepting",
    "availability_note": "月2件まで",
}


def make_expert(make, *, name: str | None = None, **changes):
    """A user with the role of expert and a profile written through the service."""
    user = make.user(role=Role.EXPERT, name=name)
    data = {**PROFILE, **changes}
    data["expert_fields"] = data.pop("fields")
    profile = services.do_create_profile(user, **data)
    return profile
