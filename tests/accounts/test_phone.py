import pytest
from django.core.exceptions import ValidationError

from accounts.phone import PhoneNumberField, format_phone, normalize_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("70 12 34 56", "+22370123456"),
        ("70123456", "+22370123456"),
        ("0022370123456", "+22370123456"),
        ("+223 70-12-34-56", "+22370123456"),
        ("+223 66 12 34 56", "+22366123456"),
        ("20 22 33 44", "+22320223344"),
        (" 76.12.34.56 ", "+22376123456"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("+1 650 253 0000", "+16502530000"),
    ],
)
def test_normalize_phone_valid(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "12345", "+22370", "7012345", "701234567", "06 12 34 56 78", "bonjour"]
)
def test_normalize_phone_invalid(typed):
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone(typed)

    assert excinfo.value.code == "invalid_phone"
    assert excinfo.value.messages == [
        f"«\u00a0{typed.strip()}\u00a0» n’est pas un numéro de téléphone valide. Saisissez un "
        "numéro malien à 8 chiffres (par exemple 70 12 34 56) ou un numéro international "
        "commençant par +."
    ]


def test_other_default_region():
    assert normalize_phone("06 12 34 56 78", region="FR") == "+33612345678"


def test_format_phone_international():
    assert format_phone("+22370123456") == "+223 70 12 34 56"


def test_phone_field_cleans():
    field = PhoneNumberField(required=False)

    assert field.clean("70 12 34 56") == "+22370123456"
    assert field.clean("") == ""
    with pytest.raises(ValidationError):
        field.clean("12")


def test_phone_field_required():
    with pytest.raises(ValidationError) as excinfo:
        PhoneNumberField(required=True).clean("")

    assert excinfo.value.messages == ["Champ requis."]
