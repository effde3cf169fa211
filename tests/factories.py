"""Test data in one call each. Passwords share one argon2id hash, computed once."""

from __future__ import annotations

import itertools
from functools import cache

from community.accounts.models import Role, User
from community.accounts.services import hash_password
from community.extensions import db
from community.labs.models import Lab, LabMembership, MemberOrganisation, Prefecture

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


@cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


def user(
    *,
    role: Role = Role.MEMBER,
    email: str | None = None,
    name: str | None = None,
    language: str = "ja",
) -> User:
    n = next(_seq)
    created = User(
        email=email or f"user{n}@example.jp",
        display_name=name or f"利用者{n}",
        password_hash=_password_hash(),
        role=role.value,
        preferred_language=language,
    )
    db.session.add(created)
    db.session.commit()
    return created


def lab(
    *, prefectures: tuple[str, ...] = ("04",), name: str | None = None, kind: str = "dx", **fields
) -> Lab:
    n = next(_seq)
    created = Lab(
        slug=fields.pop("slug", f"lab-{n}"),
        name=name or f"テストDX推進ラボ{n}",
        kind=kind,
        **fields,
    )
    created.prefectures = [db.session.get(Prefecture, code) for code in prefectures]
    db.session.add(created)
    db.session.commit()
    return created


def membership(lab_: Lab, user_: User, role: Role = Role.MEMBER) -> LabMembership:
    created = LabMembership(lab_id=lab_.id, user_id=user_.id, role=role.value)
    db.session.add(created)
    db.session.commit()
    db.session.refresh(user_)
    return created


def coordinator(lab_: Lab, **kwargs) -> User:
    created = user(**kwargs)
    membership(lab_, created, Role.COORDINATOR)
    return created


def member(lab_: Lab, **kwargs) -> User:
    created = user(**kwargs)
    membership(lab_, created, Role.MEMBER)
    return created


def organisation(
    lab_: Lab, *, name: str | None = None, kind: str = "municipality", key: bool = False
) -> MemberOrganisation:
    created = MemberOrganisation(
        lab_id=lab_.id, name=name or f"団体{next(_seq)}", kind=kind, is_key_person=key
    )
    db.session.add(created)
    db.session.commit()
    return created


ACTORS = ("anonymous", "member", "coordinator", "other_coordinator", "expert", "secretariat")


def cast(lab_: Lab) -> dict[str, User]:
    """One person for every kind of actor the permission matrices try, around ``lab_``."""
    return {
        "member": member(lab_),
        "coordinator": coordinator(lab_),
        "other_coordinator": coordinator(lab()),
        "expert": user(role=Role.EXPERT),
        "secretariat": user(role=Role.SECRETARIAT),
    }
