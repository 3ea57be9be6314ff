from django.apps import AppConfig
from django.db.backends.signals import connection_created

# pg_trgm's word similarity from which a typed name word matches a word of a candidate's name
# (its default, 0.6, misses two typos in a long surname: "Meriwether" for "Merriweather" is 0.5).
# A session setting, as the index scan reads it: behind PgBouncer's transaction pooling it may
# fall back to 0.6 on some connections (fewer fuzzy matches, never wrong ones).
NAME_WORD_SIMILARITY = 0.45
# The whole-name similarity from which two candidates may be the same person (duplicate suggestions),
# also pg_trgm's `%` threshold: the index then counts shared trigrams before any row is read, where
# a filter on similarity() rechecks every row sharing a word (a common surname: thousands).
NAME_SIMILARITY = 0.6


def _set_name_word_similarity(sender, connection, **kwargs) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {float(NAME_WORD_SIMILARITY)}")
            cursor.execute(f"SET pg_trgm.similarity_threshold = {float(NAME_SIMILARITY)}")


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self) -> None:
        connection_created.connect(_set_name_word_similarity, dispatch_uid="candidates-name-word-similarity")
