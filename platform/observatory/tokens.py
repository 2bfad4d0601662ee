"""API tokens for analysts: created once, shown once, stored as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import logging
import secrets
from typing import TYPE_CHECKING

from django.utils import timezone

from accounts.roles import Permission, can

from .models import ApiToken

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


class TokenNotAllowed(Exception):
    """The user may not read exact statistics, so no token is issued to them."""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for an analyst and return it with its key, which is not stored anywhere."""
    if not can(user, Permission.VIEW_STATISTICS):
        raise TokenNotAllowed(user.pk)
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, key_hash=_hash(key), name=name)
    logger.info("API token created: token=%s user=%s", token.pk, user.pk)
    return token, key


def user_for_key(key: str) -> User | None:
    """Return the analyst who owns `key`, or None when the key is unknown or its owner may no
    longer read exact statistics. Records the time of use."""
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
    if token is None or not can(token.user, Permission.VIEW_STATISTICS):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
