"""Saved searches: save, list and delete them, and the signed token of the unsubscribe link."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Permission, can

from .models import SavedSearch
from .params import parse_search_params
from .service import FACET_NAMES, SearchQuery

logger = logging.getLogger(__name__)

MAX_SAVED_SEARCHES = 20
UNSUBSCRIBE_SALT = "search.saved.unsubscribe"
RESUBSCRIBE_SALT = "search.saved.resubscribe"
# How long the button shown after unsubscribing can restore the alert.
RESUBSCRIBE_MAX_AGE_SECONDS = 30 * 24 * 3600


class SavedSearchError(Exception):
    """A saved search could not be written; the message is French and meant for the seeker."""


def normalised_query_string(query: SearchQuery) -> str:
    """Return the GET parameters that describe `query`, sorted, without the sort and the page.

    Only values that search.params accepted are kept, so parsing the string again gives the
    same search.
    """
    pairs: list[tuple[str, str]] = []
    text = " ".join(query.text.split())
    if text:
        pairs.append(("q", text))
    filters = query.filters
    for name in FACET_NAMES:
        pairs.extend(
            (name, str(value)) for value in sorted({str(v) for v in getattr(filters, name)})
        )
    if filters.closing_after:
        pairs.append(("closing_after", filters.closing_after.isoformat()))
    if filters.near_commune is not None and filters.near_commune >= 0:
        if filters.radius_km is not None and filters.radius_km > 0:
            pairs.append(("commune", str(filters.near_commune)))
            pairs.append(("radius", format(filters.radius_km, "g")))
    return urlencode(sorted(pairs))


def query_of(saved: SavedSearch) -> SearchQuery:
    """Return the search that `saved` describes."""
    query, _messages = parse_search_params(QueryDict(saved.query_string))
    return query


def saved_searches_of(user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user)


def save_search(user: User, params: QueryDict, channel: str, frequency: str) -> SavedSearch:
    """Save the search that the GET parameters `params` describe, for alerts on `channel`.

    Raises SavedSearchError with a French message when the user may not save searches, the
    channel or frequency is invalid, SMS is chosen without a verified phone, e-mail without
    an address, the search is already saved or the user reached MAX_SAVED_SEARCHES.
    """
    if not can(user, Permission.SAVE_SEARCH):
        logger.info("Saved search rejected: user=%s reason=permission", user.pk)
        raise SavedSearchError(
            _("Seuls les chercheurs d’emploi peuvent enregistrer une recherche.")
        )
    error = _channel_error(user, channel, frequency)
    if error:
        logger.info("Saved search rejected: user=%s reason=channel", user.pk)
        raise SavedSearchError(error)

    query, _messages = parse_search_params(params)
    query_string = normalised_query_string(query)
    with transaction.atomic():
        # Locking the user row serialises concurrent saves, so the limit holds.
        User.objects.select_for_update().filter(pk=user.pk).first()
        existing = saved_searches_of(user)
        if existing.filter(query_string=query_string).exists():
            logger.info("Saved search rejected: user=%s reason=duplicate", user.pk)
            raise SavedSearchError(_("Cette recherche est déjà enregistrée."))
        if existing.count() >= MAX_SAVED_SEARCHES:
            logger.info("Saved search rejected: user=%s reason=limit", user.pk)
            raise SavedSearchError(
                _("Vous avez déjà %(count)s recherches enregistrées : supprimez-en une d’abord.")
                % {"count": MAX_SAVED_SEARCHES}
            )
        try:
            with transaction.atomic():
                saved = SavedSearch.objects.create(
                    user=user, query_string=query_string, channel=channel, frequency=frequency
                )
        except IntegrityError:
            logger.info("Saved search rejected: user=%s reason=duplicate", user.pk)
            raise SavedSearchError(_("Cette recherche est déjà enregistrée.")) from None
    logger.info("Saved search created: saved_search=%s user=%s", saved.pk, user.pk)
    return saved


def _channel_error(user: User, channel: str, frequency: str) -> str:
    if frequency not in SavedSearch.Frequency.values:
        return _("Choisissez une fréquence : chaque jour ou chaque semaine.")
    if channel == SavedSearch.Channel.SMS:
        if not (user.phone and user.phone_verified):
            return _(
                "Vérifiez d’abord votre numéro de téléphone pour recevoir les alertes par SMS."
            )
        return ""
    if channel == SavedSearch.Channel.EMAIL:
        if not user.email:
            return _(
                "Ajoutez une adresse e-mail à votre compte pour recevoir les alertes par e-mail."
            )
        return ""
    return _("Choisissez un canal : e-mail ou SMS.")


def delete_saved_search(user: User, saved_search_id: int) -> bool:
    """Delete the user's saved search `saved_search_id`, returning False if the user has none."""
    with transaction.atomic():
        deleted, _rows = saved_searches_of(user).filter(pk=saved_search_id).delete()
    if not deleted:
        logger.info(
            "Saved search delete rejected: saved_search=%s user=%s", saved_search_id, user.pk
        )
        return False
    logger.info("Saved search deleted: saved_search=%s user=%s", saved_search_id, user.pk)
    return True


# Unsubscribe links


def unsubscribe_token(saved: SavedSearch) -> str:
    """Return the signed token that lets the link in an alert delete `saved` without login."""
    return signing.dumps({"saved_search": saved.pk, "user": saved.user_id}, salt=UNSUBSCRIBE_SALT)


class InvalidUnsubscribeToken(Exception):
    """The token was not signed by this site or was altered."""


def unsubscribe(token: str) -> bool:
    """Delete the saved search that `token` names; return False when it was already deleted.

    Raises InvalidUnsubscribeToken when the signature does not match.
    """
    return unsubscribe_with_undo(token) is not None


def unsubscribe_with_undo(token: str) -> str | None:
    """Delete the saved search that `token` names and return a token that restores it.

    Return None when the search was already deleted. Raises InvalidUnsubscribeToken when the
    signature does not match.
    """
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        saved_search_id = int(payload["saved_search"])
        user_id = int(payload["user"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        logger.info("Unsubscribe rejected: reason=invalid_token")
        raise InvalidUnsubscribeToken from None

    with transaction.atomic():
        saved = (
            SavedSearch.objects.select_for_update()
            .filter(pk=saved_search_id, user_id=user_id)
            .first()
        )
        if saved is not None:
            undo = signing.dumps(
                {
                    "user": user_id,
                    "query_string": saved.query_string,
                    "channel": saved.channel,
                    "frequency": saved.frequency,
                },
                salt=RESUBSCRIBE_SALT,
            )
            saved.delete()
    logger.info(
        "Saved search unsubscribed: saved_search=%s user=%s deleted=%s",
        saved_search_id,
        user_id,
        saved is not None,
    )
    return undo if saved is not None else None


class InvalidResubscribeToken(Exception):
    """The re-subscribe token was not signed by this site, was altered or has expired."""


def resubscribe(token: str) -> SavedSearch:
    """Save again the search that `unsubscribe_with_undo` deleted, with its channel and frequency.

    Raises InvalidResubscribeToken for a bad or expired token (RESUBSCRIBE_MAX_AGE_SECONDS),
    and SavedSearchError, as `save_search` does, when the search cannot be saved.
    """
    try:
        payload = signing.loads(token, salt=RESUBSCRIBE_SALT, max_age=RESUBSCRIBE_MAX_AGE_SECONDS)
        user_id = int(payload["user"])
        params = QueryDict(str(payload["query_string"]))
        channel = str(payload["channel"])
        frequency = str(payload["frequency"])
    except signing.SignatureExpired:
        logger.info("Resubscribe rejected: reason=expired_token")
        raise InvalidResubscribeToken(
            _(
                "Ce bouton de réabonnement a expiré : enregistrez à nouveau la recherche "
                "depuis la page de recherche."
            )
        ) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        logger.info("Resubscribe rejected: reason=invalid_token")
        raise InvalidResubscribeToken(_("Ce bouton de réabonnement n’est pas valide.")) from None

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        logger.info("Resubscribe rejected: user=%s reason=no_user", user_id)
        raise InvalidResubscribeToken(_("Ce compte n’existe plus."))
    saved = save_search(user, params, channel, frequency)
    logger.info("Saved search resubscribed: saved_search=%s user=%s", saved.pk, user_id)
    return saved
