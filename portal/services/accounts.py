"""Sign-ins: checking passwords, changing them, and saving a language choice."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from portal import db
from portal.audit import record
from portal.models import TextSize, User
from portal.models.base import utcnow
from portal.passwords import hash_password, needs_rehash, verify_password


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The user for these credentials, or None.

    An unknown email, a wrong password and a disabled account all give None
    after the same argon2 work, so the answer says nothing about which it was.
    """
    user = find_user_by_email(email)
    password_ok = verify_password(user.password_hash if user else None, password)
    if user is None or not password_ok or not user.is_active:
        return None
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_signed_in_at = utcnow()
    record(
        actor_user_id=user.id,
        acting_as="self",
        action="sign_in",
        object_type="user",
        object_id=user.id,
    )
    return user


def create_user(
    *, email: str, display_name: str, password: str | None, is_admin: bool = False
) -> User:
    user = User(
        email=normalise_email(email),
        display_name=display_name,
        password_hash=hash_password(password) if password else None,
        is_admin=is_admin,
    )
    db.session.add(user)
    db.session.flush()
    return user


def email_in_use(email: str) -> bool:
    return bool(
        db.session.scalar(
            select(func.count()).select_from(User).where(User.email == normalise_email(email))
        )
    )


def change_password(user: User, current_password: str, new_password: str) -> bool:
    """Set a new password if the current one is right. Every other session of
    this person ends, so a stolen session cannot outlive the change."""
    if not verify_password(user.password_hash, current_password):
        return False
    user.password_hash = hash_password(new_password)
    record(
        actor_user_id=user.id,
        acting_as="self",
        action="update",
        object_type="password",
        object_id=user.id,
    )
    current_app.session_interface.end_all_sessions_for(user.id)  # type: ignore[attr-defined]
    return True


def set_language(user: User, code: str) -> None:
    user.preferred_language = code


def set_text_size(user: User, size: TextSize) -> None:
    """The person's own choice: from now on no recorded need overrides it."""
    user.text_size = size


def disable_account(user: User) -> None:
    """Disabled accounts cannot sign in, and their sessions end at once."""
    user.is_active = False
    current_app.session_interface.end_all_sessions_for(user.id)  # type: ignore[attr-defined]
