"""On PostgreSQL, fill SearchEntry.search_vector from the stored terms and index it with GIN.

The terms are already folded and stemmed in Python (search.text), the same way as the
Elasticsearch analyzer, so the vector uses the `simple` configuration: PostgreSQL's `french`
configuration would stem them again with Snowball. A trigger keeps the vector in step with
every write, bulk inserts included. On SQLite this migration does nothing.
"""

from django.db import migrations

CREATE_STATEMENTS = (
    """
CREATE FUNCTION search_searchentry_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := setweight(
        setweight(to_tsvector('pg_catalog.simple', coalesce(NEW.search_text, '')), 'B'),
        'A',
        tsvector_to_array(to_tsvector('pg_catalog.simple', coalesce(NEW.title_text, '')))
    );
    RETURN NEW;
END
$$
""",
    """
CREATE TRIGGER search_searchentry_vector_update
    BEFORE INSERT OR UPDATE OF title_text, search_text ON search_searchentry
    FOR EACH ROW EXECUTE FUNCTION search_searchentry_vector()
""",
    "UPDATE search_searchentry SET search_text = search_text",
    "CREATE INDEX search_searchentry_vector_gin ON search_searchentry USING gin (search_vector)",
)

DROP_STATEMENTS = (
    "DROP INDEX IF EXISTS search_searchentry_vector_gin",
    "DROP TRIGGER IF EXISTS search_searchentry_vector_update ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_searchentry_vector()",
    "UPDATE search_searchentry SET search_vector = NULL",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE_STATEMENTS:
            schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP_STATEMENTS:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_search_entry_analysis_version_and_vector"),
    ]

    operations = [migrations.RunPython(create, drop)]
