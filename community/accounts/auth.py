"""How a request finds its user: the session cookie, or else an ``Authorization: Bearer`` token."""

from __future__ import annotations

from flask_login import LoginManager

from community.accounts.models import User
from community.core.i18n import N_
from community.core.security import bearer_token
from community.extensions import db


def register_user_loaders(manager: LoginManager) -> None:
    manager.login_view = "accounts.login"
    manager.login_message = N_("ログインしてください。")
    manager.login_message_category = "info"
    manager.session_protection = "basic"

    @manager.user_loader
    def load_from_session(user_id: str) -> User | None:
        if bearer_token() is not None:
            return None  # a request that names a token is judged by the token alone
        try:
            user = db.session.get(User, int(user_id))
        except ValueError:
            return None
        return user if user is not None and user.active else None

    @manager.request_loader
    def load_from_token(request) -> User | None:
        from community.accounts.services import user_for_token

        raw = bearer_token()
        return user_for_token(raw) if raw else None
