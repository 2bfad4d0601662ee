import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_registration_number_keys(apps, schema_editor):
    # Mirrors organisations.models.make_registration_number_key as it was when this migration
    # was written: whitespace removed, letters upper-cased.
    Organisation = apps.get_model("organisations", "Organisation")
    for organisation in Organisation.objects.only("pk", "registration_number"):
        key = "".join(organisation.registration_number.split()).upper()
        Organisation.objects.filter(pk=organisation.pk).update(registration_number_key=key)


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="registration_number_key",
            field=models.CharField(editable=False, max_length=60, null=True),
        ),
        migrations.RunPython(fill_registration_number_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="registration_number_key",
            field=models.CharField(editable=False, max_length=60, unique=True),
        ),
        migrations.CreateModel(
            name="OrganisationEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("action", models.CharField(choices=[("registered", "Inscription"), ("updated", "Modification"), ("resubmitted", "Nouvelle soumission"), ("verified", "Vérification"), ("rejected", "Refus"), ("member_invited", "Invitation d’un membre"), ("member_joined", "Arrivée d’un membre"), ("member_removed", "Retrait d’un membre")], max_length=30, verbose_name="action")),
                ("before", models.JSONField(blank=True, null=True, verbose_name="avant")),
                ("after", models.JSONField(blank=True, null=True, verbose_name="après")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="date")),
                ("actor", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="auteur")),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="events", to="organisations.organisation", verbose_name="organisation")),
            ],
            options={
                "verbose_name": "événement d’organisation",
                "verbose_name_plural": "événements d’organisation",
                "ordering": ["-created_at", "-pk"],
            },
        ),
    ]
