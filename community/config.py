"""Configuration read from the environment.

``COMMUNITY_ENV`` picks the profile: ``production`` (the default), ``development`` or
``testing``. Production refuses to start without ``SECRET_KEY``.
"""

from __future__ import annotations

import os
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


def normalise_database_url(url: str) -> str:
    """Route PostgreSQL URLs to psycopg 3, whatever scheme the operator wrote."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


class ConfigError(RuntimeError):
    pass


def _origins(value: str | None) -> list[str]:
    origins = [origin.rstrip("/") for origin in _list(value)]
    if any("*" in origin for origin in origins):
        raise ConfigError("SOCKETIO_CORS_ALLOWED_ORIGINS lists origins; '*' is not allowed")
    return origins


class Config:
    ENV_NAME = "production"
    DEBUG = False
    TESTING = False

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    DATABASE_CONNECT_TIMEOUT = 5  # seconds; PostgreSQL only

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True

    WTF_CSRF_CHECK_DEFAULT = False  # checked in core.security, which knows about bearer tokens
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    API_TITLE = "DX Lab Exchange API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "/docs"
    OPENAPI_SWAGGER_UI_URL = "/vendor/swagger-ui-dist/"  # installed from the npm registry
    OPENAPI_REDOC_PATH = None

    BABEL_DEFAULT_LOCALE = "ja"
    BABEL_DEFAULT_TIMEZONE = "Asia/Tokyo"
    LANGUAGES = ("ja", "en")

    LOGIN_RATE_LIMIT_PER_IP = "20 per minute"
    LOGIN_RATE_LIMIT_PER_ACCOUNT = "5 per minute"
    REGISTER_RATE_LIMIT_PER_IP = "10 per hour"

    INVITATION_TTL_DAYS = 14
    # authors edit their forum posts this long; the secretariat always
    FORUM_EDIT_WINDOW_SECONDS = 3600
    CHANNEL_EDIT_WINDOW_SECONDS = 15 * 60
    CHANNEL_SEND_RATE_LIMIT = "20 per 10 seconds"
    CHANNEL_PRESENCE_TTL_SECONDS = 90  # a connection's presence lapses without a heartbeat
    PAGE_SIZE_DEFAULT = 20
    PAGE_SIZE_MAX = 100

    def __init__(self) -> None:
        env = os.environ
        self.SECRET_KEY = env.get("SECRET_KEY") or self.default_secret_key()
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            env.get("DATABASE_URL") or self.default_database_url()
        )
        self.SOCKETIO_MESSAGE_QUEUE = env.get("SOCKETIO_MESSAGE_QUEUE") or None
        # the Redis channel the processes of one deployment share; another name, another site
        self.SOCKETIO_CHANNEL = env.get("SOCKETIO_CHANNEL") or "flask-socketio"
        self.RATELIMIT_STORAGE_URI = env.get("RATELIMIT_STORAGE_URI") or "memory://"
        self.CHANNEL_SEND_RATE_LIMIT = (
            env.get("CHANNEL_SEND_RATE_LIMIT") or type(self).CHANNEL_SEND_RATE_LIMIT
        )
        # an explicit list: the app's own origin is always allowed besides; never "*"
        self.SOCKETIO_CORS_ALLOWED_ORIGINS = _origins(env.get("SOCKETIO_CORS_ALLOWED_ORIGINS"))
        self.LOG_LEVEL = env.get("LOG_LEVEL", "INFO")
        self.SERVER_NAME = env.get("SERVER_NAME") or None
        if "PREFERRED_URL_SCHEME" in env:
            self.PREFERRED_URL_SCHEME = env["PREFERRED_URL_SCHEME"]

    def default_secret_key(self) -> str:
        raise ConfigError("SECRET_KEY must be set outside development and testing")

    def default_database_url(self) -> str:
        return f"sqlite:///{INSTANCE_DIR / 'community.sqlite'}"


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False

    def default_secret_key(self) -> str:
        return "dev-only-secret-key-not-for-production"


class TestingConfig(DevelopmentConfig):
    ENV_NAME = "testing"
    TESTING = True
    PASSWORD_HASHING = "fast"  # argon2id at its least cost; never outside the tests
    LOGIN_RATE_LIMIT_PER_IP = "1000 per minute"
    LOGIN_RATE_LIMIT_PER_ACCOUNT = "1000 per minute"
    REGISTER_RATE_LIMIT_PER_IP = "1000 per minute"
    CHANNEL_SEND_RATE_LIMIT = "1000 per 10 seconds"

    def default_database_url(self) -> str:
        return "sqlite://"


PROFILES: dict[str, type[Config]] = {
    "production": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def load_config(name: str | None = None) -> Config:
    name = name or os.environ.get("COMMUNITY_ENV", "production")
    try:
        return PROFILES[name]()
    except KeyError:
        raise ConfigError(
            f"COMMUNITY_ENV must be one of {', '.join(PROFILES)}, not {name!r}"
        ) from None
