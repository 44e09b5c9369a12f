"""The care plan portal. ``create_app`` wires the parts together, nothing else."""

from __future__ import annotations

from typing import Any

from flask import Flask

from portal.config import PROJECT_ROOT, load_config


def create_app(config: dict[str, Any] | None = None) -> Flask:
    from portal import access, cli, db, errors, i18n, personal_choices, security, templating
    from portal.account import bp as account_bp
    from portal.admin import bp as admin_bp
    from portal.auth import bp as auth_bp
    from portal.carers import bp as carers_bp
    from portal.careteam import bp as careteam_bp
    from portal.core import bp as core_bp
    from portal.editor import bp as editor_bp
    from portal.extensions import babel, csrf, htmx, limiter, login_manager
    from portal.i18n import TRANSLATIONS_DIR, select_locale
    from portal.invitations import bp as invitations_bp
    from portal.models import User
    from portal.people import bp as people_bp
    from portal.plan import bp as plan_bp
    from portal.reviews import bp as reviews_bp
    from portal.sessions import DatabaseSessionInterface
    from portal.staff import bp as staff_bp

    app = Flask(
        __name__,
        static_folder=str(PROJECT_ROOT / "static"),
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(load_config(config))

    db.init_app(app)
    app.session_interface = DatabaseSessionInterface(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(TRANSLATIONS_DIR),
    )
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = None  # server-side sessions do this job
    login_manager.login_view = "auth.sign_in"

    def load_user(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.is_active else None

    login_manager.user_loader(load_user)

    i18n.init_app(app)
    templating.init_app(app)
    personal_choices.init_app(app)
    security.init_app(app)
    access.init_app(app)
    errors.init_app(app)
    cli.init_app(app)

    for blueprint in (core_bp, auth_bp, account_bp, people_bp, admin_bp, plan_bp, editor_bp):
        app.register_blueprint(blueprint)
    # Issue 4, people: the caseload, registering and inviting, accepting a link.
    for blueprint in (staff_bp, invitations_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(careteam_bp)
    # Issue 5: carers and family.
    app.register_blueprint(carers_bp)
    # Issue 6: asking for a review, and the team's requests.
    app.register_blueprint(reviews_bp)
    return app
