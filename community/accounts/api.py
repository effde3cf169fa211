"""JSON API for accounts: thin handlers over ``accounts.services``."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint
from flask_wtf.csrf import generate_csrf

from community.accounts import services
from community.accounts.schemas import (
    CsrfSchema,
    LanguageSchema,
    LoginSchema,
    MeSchema,
    PasswordChangeSchema,
    ProfileUpdateSchema,
    RegisterSchema,
    TokenCreatedSchema,
    TokenCreateSchema,
    TokenSchema,
)
from community.core.permissions import require_user

auth_blp = Blueprint(
    "auth_api", __name__, url_prefix="/api/auth", description="Register, log in and log out"
)
me_blp = Blueprint(
    "me_api", __name__, url_prefix="/api/me", description="The current user and API tokens"
)
blueprints = (auth_blp, me_blp)


def _me():
    require_user(current_user)
    return current_user._get_current_object()


@auth_blp.route("/csrf")
class Csrf(MethodView):
    @auth_blp.response(200, CsrfSchema)
    def get(self):
        """A CSRF token for cookie-session clients: send it as ``X-CSRFToken``."""
        return {"csrf_token": generate_csrf()}


@auth_blp.route("/register")
class Register(MethodView):
    @auth_blp.arguments(RegisterSchema)
    @auth_blp.response(201, MeSchema)
    @auth_blp.alt_response(409, description="The address is registered already")
    def post(self, data):
        """Create an account and start a session."""
        return services.do_register(**data)


@auth_blp.route("/login")
class Login(MethodView):
    @auth_blp.arguments(LoginSchema)
    @auth_blp.response(200, MeSchema)
    @auth_blp.alt_response(401, description="Wrong address or password")
    @auth_blp.alt_response(
        429, description="Too many attempts from this address or for this account"
    )
    def post(self, data):
        """Start a cookie session. Rate-limited per IP and per account."""
        return services.do_log_in(**data)


@auth_blp.route("/logout")
class Logout(MethodView):
    @auth_blp.response(204)
    def post(self):
        """End the session."""
        services.do_log_out()


@auth_blp.route("/language")
class Language(MethodView):
    @auth_blp.arguments(LanguageSchema)
    @auth_blp.response(204)
    def post(self, data):
        """Switch the interface language (and the user's preference when logged in)."""
        services.set_language(current_user._get_current_object(), data["language"])


@me_blp.route("")
class Me(MethodView):
    @me_blp.response(200, MeSchema)
    @me_blp.alt_response(401, description="Not logged in")
    def get(self):
        """The logged-in user, with roles and lab memberships."""
        return _me()

    @me_blp.arguments(ProfileUpdateSchema, required=False)  # every field optional
    @me_blp.response(200, MeSchema)
    def patch(self, data):
        """Change display name or preferred language."""
        return services.do_update_profile(_me(), **data)


@me_blp.route("/password")
class Password(MethodView):
    @me_blp.arguments(PasswordChangeSchema)
    @me_blp.response(204)
    def post(self, data):
        """Change the password; the current one is required."""
        services.do_change_password(_me(), **data)


@me_blp.route("/tokens")
class Tokens(MethodView):
    @me_blp.response(200, TokenSchema(many=True))
    def get(self):
        """The user's API tokens (never their secrets)."""
        return services.list_tokens(_me())

    @me_blp.arguments(TokenCreateSchema)
    @me_blp.response(201, TokenCreatedSchema)
    def post(self, data):
        """Create a bearer token; the secret is in this response only."""
        token, raw = services.do_create_token(_me(), **data)
        token.secret = raw  # carried to this response only; never stored
        return token


@me_blp.route("/tokens/<int:token_id>")
class TokenItem(MethodView):
    @me_blp.response(204)
    @me_blp.alt_response(404, description="No such token of yours")
    def delete(self, token_id):
        """Revoke a token."""
        services.do_revoke_token(_me(), token_id)
