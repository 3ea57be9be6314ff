"""ats_cjk_bigrams, generated from the one CJK definition (candidates.parsing.textutil.CJK_CLASS)
that the query side uses too, instead of a copy of it (migration 0004's function is the same)."""
from django.db import migrations

from candidates.search.cjk import bigrams_function_sql


class Migration(migrations.Migration):

    dependencies = [("candidates", "0005_activity_and_bulkaction_moved_out")]

    operations = [migrations.RunSQL(bigrams_function_sql(), reverse_sql=migrations.RunSQL.noop)]
