"""Accounts: registration, log-in, profile and API tokens.

``check_*`` validates and authorises, ``do_*`` changes and commits.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, request, session
from flask_login import current_user, login_user, logout_user
from werkzeug.exceptions import Conflict, NotFound, Unauthorized

from community.accounts.models import LANGUAGES, ApiToken, Role, User, unique_handle
from community.core.db import utcnow
from community.core.i18n import N_
from community.core.permissions import require_user
from community.core.ratelimit import check_rate as core_check_rate
from community.core.realtime import disconnect_user
from community.core.validation import ValidationFailed
from community.extensions import db

password_hasher = PasswordHasher()  # argon2id with the library's current parameters
# The test suite's argon2id: the same algorithm at its least cost, so that a thousand log-ins
# do not take minutes (PASSWORD_HASHING = "fast", set by TestingConfig only).
_fast_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_DUMMY_HASHES = {
    hasher: hasher.hash("not a real password") for hasher in (password_hasher, _fast_hasher)
}
TOKEN_PREFIX = "dxl_"

BAD_CREDENTIALS = N_("メールアドレスまたはパスワードが正しくありません。")
TOO_MANY_ATTEMPTS = N_("ログインの試行回数が多すぎます。しばらくしてから再度お試しください。")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _hasher() -> PasswordHasher:
    fast = current_app.config.get("PASSWORD_HASHING") == "fast"
    return _fast_hasher if fast else password_hasher


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(user: User | None, password: str) -> bool:
    """Constant-ish time: a missing user still costs one verification."""
    try:
        hasher = _hasher()
        return hasher.verify(user.password_hash if user else _DUMMY_HASHES[hasher], password) and (
            user is not None
        )
    except (VerificationError, InvalidHashError):
        return False


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


# --- registration -------------------------------------------------------------------------


def check_email_free(email: str) -> None:
    if get_user_by_email(email) is not None:
        raise Conflict(N_("このメールアドレスは既に登録されています。"))


def do_register(
    *, email: str, display_name: str, password: str, preferred_language: str = "ja"
) -> User:
    check_rate("register", current_app.config["REGISTER_RATE_LIMIT_PER_IP"], _client_ip())
    check_email_free(email)
    user = User(
        email=normalise_email(email),
        handle=unique_handle(db.session, normalise_email(email)),
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        preferred_language=preferred_language,
        role=Role.MEMBER.value,
    )
    db.session.add(user)
    try:
        db.session.commit()
    except sa.exc.IntegrityError:  # a concurrent registration took the address first
        db.session.rollback()
        raise Conflict(N_("このメールアドレスは既に登録されています。")) from None
    start_session(user)
    return user


# --- log-in ---------------------------------------------------------------------------------


def _client_ip() -> str:
    return request.remote_addr or "unknown"


def check_rate(scope: str, limit: str, *key: str, count: bool = True) -> None:
    """One rule for the page and the API: raise 429 once ``limit`` is spent for ``key``."""
    core_check_rate(limit, scope, *key, message=TOO_MANY_ATTEMPTS, count=count)


def do_log_in(*, email: str, password: str, remember: bool = False) -> User:
    """Check the limits, verify the password and start a session.

    Every attempt counts against the client's IP; only failures count against the account,
    so that nobody can lock a person out by trying their address from many places at once.
    """
    config = current_app.config
    address = normalise_email(email)
    check_rate("login-ip", config["LOGIN_RATE_LIMIT_PER_IP"], _client_ip())
    check_rate("login-account", config["LOGIN_RATE_LIMIT_PER_ACCOUNT"], address, count=False)
    user = get_user_by_email(address)
    if not verify_password(user, password) or not user.active:
        check_rate("login-account", config["LOGIN_RATE_LIMIT_PER_ACCOUNT"], address)
        raise Unauthorized(BAD_CREDENTIALS)
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.commit()
    start_session(user, remember=remember)
    return user


def start_session(user: User, remember: bool = False) -> None:
    session.clear()  # a new session id for the new identity
    login_user(user, remember=remember)
    session["lang"] = user.preferred_language


def do_log_out() -> None:
    """End the session, and close the user's open sockets, which the old session opened."""
    user_id = current_user.id if current_user.is_authenticated else None
    logout_user()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    if user_id is not None:
        disconnect_user(user_id)


# --- profile --------------------------------------------------------------------------------


def do_update_profile(user: User, **changes) -> User:
    require_user(user)
    if "display_name" in changes:
        user.display_name = changes["display_name"].strip()
    if "preferred_language" in changes:
        user.preferred_language = changes["preferred_language"]
        session["lang"] = user.preferred_language
    db.session.commit()
    return user


def do_change_password(user: User, *, current_password: str, new_password: str) -> None:
    require_user(user)
    if not verify_password(user, current_password):
        raise ValidationFailed({"current_password": [N_("現在のパスワードが正しくありません。")]})
    user.password_hash = hash_password(new_password)
    db.session.commit()


def set_language(user: User | None, language: str) -> None:
    """The language switch: remembered in the session, and as the preference of a user."""
    if language not in LANGUAGES:
        raise ValidationFailed({"language": [N_("対応していない言語です。")]})
    session["lang"] = language
    if user is not None and user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        db.session.commit()


# --- API tokens -----------------------------------------------------------------------------


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def do_create_token(
    user: User, *, name: str, expires_in_days: int | None = None
) -> tuple[ApiToken, str]:
    """Returns the token and its secret, which is shown once and stored only as a hash."""
    require_user(user)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name.strip(),
        prefix=raw[:12],
        token_hash=hash_token(raw),
        expires_at=utcnow() + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    db.session.add(token)
    db.session.commit()
    return token, raw


def list_tokens(user: User) -> list[ApiToken]:
    require_user(user)
    return list(
        db.session.scalars(
            sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def do_revoke_token(user: User, token_id: int) -> ApiToken:
    require_user(user)
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(N_("トークンが見つかりません。"))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()
    return token


def user_for_token(raw: str, now: datetime | None = None) -> User | None:
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == hash_token(raw)))
    if token is None or not token.is_usable(now or utcnow()) or not token.user.active:
        return None
    return token.user
