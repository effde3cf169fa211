"""DX Lab Exchange: where Japan's Regional DX Promotion Labs share what worked."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

import community.core.validation  # noqa: F401  validation messages before any schema is built
from community.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Config | str | None = None, **overrides) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config if isinstance(config, Config) else load_config(config))
    app.config.update(overrides)
    register_logging(app)
    register_converters(app)
    register_extensions(app)
    register_security(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_cli(app)
    return app


def register_logging(app: Flask) -> None:
    from community.core.logging import register_logging as register

    register(app)


def register_converters(app: Flask) -> None:
    from community.core.routing import register_converters as register

    register(app)


def register_extensions(app: Flask) -> None:
    from community.accounts.auth import register_user_loaders
    from community.core.i18n import install_template_gettext, select_locale
    from community.core.realtime import client_manager, origin_policy
    from community.core.websocket import install_direct_writes
    from community.extensions import api, babel, csrf, db, login_manager, migrate, socketio

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    import community.models  # noqa: F401  every model is mapped before first use

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # an unreachable server fails a request in seconds (a 503), never hangs it
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        options["connect_args"] = {
            "connect_timeout": app.config["DATABASE_CONNECT_TIMEOUT"],
            **options.get("connect_args", {}),
        }
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    register_user_loaders(login_manager)
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(ROOT / "translations"),
    )
    install_template_gettext(app)
    api.init_app(app)
    queue = {
        "message_queue": app.config["SOCKETIO_MESSAGE_QUEUE"],
        "channel": app.config["SOCKETIO_CHANNEL"],
    }
    manager = client_manager(queue["message_queue"], queue["channel"])
    socketio.init_app(
        app,
        async_mode="threading",
        **({"client_manager": manager} if manager else queue),  # a log-out closes sockets
        cors_allowed_origins=origin_policy(app.config["SOCKETIO_CORS_ALLOWED_ORIGINS"] or []),
        manage_session=False,
    )
    install_direct_writes(socketio.server)


def register_security(app: Flask) -> None:
    from community.core.security import register_security as register

    register(app)


def register_blueprints(app: Flask) -> None:
    from community.accounts import api as accounts_api
    from community.accounts import sockets as accounts_sockets
    from community.accounts import views as accounts_views
    from community.cases import api as cases_api
    from community.cases import views as cases_views
    from community.channels import api as channels_api
    from community.channels import sockets as channels_sockets
    from community.channels import views as channels_views
    from community.core import views as core_views
    from community.events import api as events_api
    from community.events import views as events_views
    from community.experts import api as experts_api
    from community.experts import views as experts_views
    from community.extensions import api
    from community.forum import api as forum_api
    from community.forum import views as forum_views
    from community.labs import api as labs_api
    from community.labs import views as labs_views
    from community.notifications import api as notifications_api
    from community.notifications import views as notifications_views
    from community.site import views as site_views

    app.register_blueprint(core_views.blp)
    app.register_blueprint(site_views.blp)
    app.register_blueprint(accounts_views.blp)
    app.register_blueprint(labs_views.blp)
    app.register_blueprint(cases_views.blp)
    app.register_blueprint(events_views.blp)
    app.register_blueprint(forum_views.blp)
    app.register_blueprint(notifications_views.blp)
    app.register_blueprint(experts_views.blp)
    app.register_blueprint(channels_views.blp)
    for blueprint in (
        *accounts_api.blueprints,
        *labs_api.blueprints,
        *cases_api.blueprints,
        *events_api.blueprints,
        *forum_api.blueprints,
        *notifications_api.blueprints,
        *experts_api.blueprints,
        *channels_api.blueprints,
    ):
        api.register_blueprint(blueprint)
    accounts_sockets.register(app)
    channels_sockets.register(app)


def register_error_handlers(app: Flask) -> None:
    from community.core.errors import register_error_handlers as register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from community.core.templating import register_template_helpers as register

    register(app)


def register_cli(app: Flask) -> None:
    from community.cli import register_commands

    register_commands(app)
