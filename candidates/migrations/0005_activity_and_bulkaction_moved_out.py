"""Activity moved to ats.core (app "core") and BulkAction to jobs.bulk (app "jobs").

State only: the tables keep their names (candidates_activity, candidates_bulkaction) and their
rows; the models that own them now say so with Meta.db_table.
"""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("candidates", "0004_search_functions_and_verbs"),
        # After the roles migration, which grants permissions on both models where they were.
        ("jobs", "0005_application_waiting_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="bulkaction", name="actor"),
                migrations.DeleteModel(name="Activity"),
                migrations.DeleteModel(name="BulkAction"),
            ],
            database_operations=[],
        ),
    ]
