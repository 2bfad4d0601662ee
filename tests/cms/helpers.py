"""POST data for the Wagtail admin's offer form, as a browser would send it."""

from cms.models import OfferPage


def offer_form_data(offer: OfferPage, **overrides) -> dict[str, str]:
    data = {
        "title": offer.title,
        "slug": offer.slug or "offre",
        "kind": offer.kind,
        "description": offer.description,
        "occupation": str(offer.occupation_id),
        "sector": str(offer.sector_id),
        "project_type": offer.project_type,
        "region": str(offer.region_id or ""),
        "cercle": str(offer.cercle_id or ""),
        "commune": str(offer.commune_id or ""),
        "contract_type": offer.contract_type,
        "positions": str(offer.positions),
        "education_level": offer.education_level,
        "experience_years": str(offer.experience_years),
        "closing_date": offer.closing_date.isoformat(),
        "application_method": offer.application_method,
        "application_url": offer.application_url,
        "application_email": offer.application_email,
    }
    data.update(overrides)
    return data
