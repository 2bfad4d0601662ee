"""Create an analyst's key to the statistics API and print it once."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from observatory.tokens import TokenNotAllowed, create_token


class Command(BaseCommand):
    help = "Create a statistics API key for an analyst, given by e-mail address, and print it."

    def add_arguments(self, parser):
        parser.add_argument("email", help="E-mail address of the analyst's account.")
        parser.add_argument("--name", default="", help="A label to recognise the key later.")

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"No account has the e-mail address {options['email']}.")
        try:
            token, key = create_token(user, options["name"])
        except TokenNotAllowed:
            raise CommandError(
                "This account may not read exact statistics: give it the analyst role first."
            ) from None
        self.stdout.write(f"Token {token.pk} created. Send it as 'Authorization: Bearer {key}'.")
        self.stdout.write("The key is shown only now; it cannot be read back later.")
