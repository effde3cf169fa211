"""Small guards that services use; the rules themselves live in each feature's services."""

from __future__ import annotations

from werkzeug.exceptions import Forbidden, Unauthorized

from community.core.i18n import N_

NOT_ALLOWED = N_("この操作を行う権限がありません。")
LOGIN_REQUIRED = N_("ログインが必要です。")


def require_user(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False):
        raise Unauthorized(LOGIN_REQUIRED)


def require(allowed: bool, message: str = NOT_ALLOWED) -> None:
    if not allowed:
        raise Forbidden(message)
