"""The search re-stemmed so that «опыт» and «опыта» find the same entries (the words of
`search.STEM_FIXES` are stemmed as their genitive), and on PostgreSQL a narrower, faster row.

PostgreSQL: the tsvector is kept uncompressed (STORAGE EXTERNAL) and inline up to a whole
page (toast_tuple_target), since decompressing each match's vector was most of the time of
a search ranking thousands of matches; the stems column, which only the other databases
read, is emptied. Elsewhere: the stems are recomputed."""

from django.db import migrations

FOLDED = "regexp_replace(replace(lower({0}), 'ё', 'е'), %s, '\\1а', 'g')"
# Built from constants only: the two column names; the pattern goes as a parameter.
REVECTOR = (
    "UPDATE library_searchentry SET stems = '', vector = "  # nosec B608
    f"setweight(to_tsvector('russian', {FOLDED.format('title')}), 'A') || "
    f"setweight(to_tsvector('russian', {FOLDED.format('body')}), 'B')"
)


def restem(apps, schema_editor):
    from metodset.library.search import FIXES_PATTERN, stem_line

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE library_searchentry ALTER COLUMN vector SET STORAGE EXTERNAL"
        )
        schema_editor.execute("ALTER TABLE library_searchentry SET (toast_tuple_target = 8160)")
        schema_editor.execute(REVECTOR, [FIXES_PATTERN, FIXES_PATTERN])
        return
    Entry = apps.get_model("library", "SearchEntry")
    batch = []
    for entry in Entry.objects.only("pk", "title", "body", "stems").iterator(chunk_size=2000):
        stems = stem_line(entry.title, entry.body)
        if stems != entry.stems:
            entry.stems = stems
            batch.append(entry)
        if len(batch) >= 2000:
            Entry.objects.bulk_update(batch, ["stems"])
            batch = []
    Entry.objects.bulk_update(batch, ["stems"])


def unstore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE library_searchentry ALTER COLUMN vector SET STORAGE EXTENDED"
        )
        schema_editor.execute("ALTER TABLE library_searchentry RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_bank_practices_reviews_news_search")]

    operations = [migrations.RunPython(restem, unstore)]
