"""HTML pages for accounts: thin handlers over ``accounts.services``."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import Unauthorized

from community.accounts import services
from community.accounts.schemas import (
    LanguageSchema,
    LoginSchema,
    PasswordChangeSchema,
    ProfileUpdateSchema,
    RegisterSchema,
    TokenCreateSchema,
)
from community.core.validation import load_form, submit_form

blp = Blueprint("accounts", __name__)


def _safe_next(default: str) -> str:
    target = request.values.get("next", "")
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        return target
    return default


def _user():
    return current_user._get_current_object()


@blp.route("/register", methods=["GET", "POST"])
def register():
    errors: dict = {}
    if request.method == "POST":
        _registered, errors = submit_form(RegisterSchema(), request.form, services.do_register)
        if not errors:
            flash(_("登録が完了しました。ようこそ！"), "success")
            return redirect(_safe_next(url_for("accounts.profile")))
    status = 422 if errors else 200
    return render_template("accounts/register.html", errors=errors, form=request.form), status


@blp.route("/login", methods=["GET", "POST"])
def login():
    errors: dict = {}
    message = None
    if request.method == "POST":
        data, errors = load_form(LoginSchema(), request.form)
        if not errors:
            try:
                services.do_log_in(**data)
            except Unauthorized as error:
                message = error.description
            else:
                flash(_("ログインしました。"), "success")
                return redirect(_safe_next(url_for("site.home")))
    status = 401 if message else 422 if errors else 200
    return (
        render_template("accounts/login.html", errors=errors, message=message, form=request.form),
        status,
    )


@blp.post("/logout")
def logout():
    services.do_log_out()
    flash(_("ログアウトしました。"), "info")
    return redirect(url_for("site.home"))


@blp.post("/language")
def language():
    data, errors = load_form(LanguageSchema(), request.form)
    if not errors:
        services.set_language(_user(), data["language"])
    return redirect(_safe_next(url_for("site.home")))


@blp.get("/language/<any(ja, en):language>")
def switch_language(language: str):
    """A visitor's switch: the session remembers it; a user's preference changes only by POST."""
    services.set_language(None, language)
    return redirect(_safe_next(url_for("site.home")))


@blp.route("/me", methods=["GET", "POST"])
@login_required
def profile():
    errors: dict = {}
    if request.method == "POST":
        data, errors = load_form(ProfileUpdateSchema(), request.form)
        if not errors:
            services.do_update_profile(_user(), **data)
            flash(_("プロフィールを更新しました。"), "success")
            return redirect(url_for("accounts.profile"))
    return (
        render_template("accounts/profile.html", errors=errors, password_errors={}),
        422 if errors else 200,
    )


@blp.post("/me/password")
@login_required
def change_password():
    action = partial(services.do_change_password, _user())
    _nothing, errors = submit_form(PasswordChangeSchema(), request.form, action)
    if not errors:
        flash(_("パスワードを変更しました。"), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", errors={}, password_errors=errors), 422


@blp.route("/me/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    errors: dict = {}
    new_secret = None
    if request.method == "POST":
        data, errors = load_form(TokenCreateSchema(), request.form)
        if not errors:
            # shown once, in this response; the secret is never stored in clear
            _token, new_secret = services.do_create_token(_user(), **data)
    return (
        render_template(
            "accounts/tokens.html",
            tokens=services.list_tokens(_user()),
            errors=errors,
            new_secret=new_secret,
            form={} if new_secret else request.form,
        ),
        422 if errors else 200,
    )


@blp.post("/me/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    services.do_revoke_token(_user(), token_id)
    flash(_("トークンを失効させました。"), "info")
    return redirect(url_for("accounts.tokens"))
