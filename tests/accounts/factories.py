"""Factories for accounts: users with traits for each role and for verified contacts."""

import factory
from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "Bamako-2025-mot-de-passe"


class UserFactory(factory.django.DjangoModelFactory):
    """A job seeker with an unverified e-mail address and the password `PASSWORD`.

    Traits: `seeker` (the default role), `editor`, `analyst`, `with_phone` (a verified Malian
    number), `verified` (a verified primary allauth EmailAddress).
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.ml")
    first_name = "Awa"
    last_name = "Traoré"
    password = factory.django.Password(PASSWORD)

    class Params:
        seeker = factory.Trait(platform_role=User.PlatformRole.NONE)
        editor = factory.Trait(platform_role=User.PlatformRole.EDITOR)
        analyst = factory.Trait(platform_role=User.PlatformRole.ANALYST)
        with_phone = factory.Trait(
            phone=factory.Sequence(lambda n: f"+22376{n % 1_000_000:06d}"),
            phone_verified=True,
        )
        verified = factory.Trait(
            email_address=factory.RelatedFactory(
                "tests.accounts.factories.EmailAddressFactory", factory_related_name="user"
            )
        )


class EmailAddressFactory(factory.django.DjangoModelFactory):
    """The allauth record of a user's e-mail address, verified and primary."""

    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda address: address.user.email)
    verified = True
    primary = True
