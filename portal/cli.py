"""Command-line tasks: ``flask --app portal db-upgrade | seed-demo | create-admin``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from portal import db


def init_app(app: Flask) -> None:
    @app.cli.command("db-upgrade")
    def db_upgrade() -> None:
        """Apply every database migration not yet applied."""
        from portal.migrations import upgrade

        upgrade(db.engine())
        click.echo("Database is up to date.")

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Do nothing if anyone has an account.")
    def seed_demo(if_empty: bool) -> None:
        """Load the demo team, people and sign-ins (see README)."""
        from portal.models import User
        from portal.services.demo import DEMO_PASSWORD, load_demo_data

        if if_empty and db.session.scalar(select(func.count()).select_from(User)):
            click.echo("The database already has people in it; demo data not loaded.")
            return
        accounts = load_demo_data()
        db.session.commit()
        click.echo("Demo data loaded. Sign in with any of these, password: " + DEMO_PASSWORD)
        for email, description in accounts:
            click.echo(f"  {email:40} {description}")

    @app.cli.command("create-admin")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt="Display name")
    @click.password_option()
    def create_admin(email: str, name: str, password: str) -> None:
        """Create an administrator account."""
        from portal.passwords import MIN_LENGTH
        from portal.services.accounts import create_user, email_in_use

        if len(password) < MIN_LENGTH:
            raise click.BadParameter(f"use at least {MIN_LENGTH} characters", param_hint="password")
        if email_in_use(email):
            raise click.BadParameter(
                "an account with this email already exists", param_hint="email"
            )
        create_user(email=email, display_name=name, password=password, is_admin=True)
        db.session.commit()
        click.echo(f"Administrator {email} created.")

    @app.cli.command("purge-sessions")
    def purge_sessions() -> None:
        """Delete sessions that have timed out (safe to run from cron)."""
        removed = current_app.session_interface.purge_expired()  # type: ignore[attr-defined]
        click.echo(f"Removed {removed} expired sessions.")
