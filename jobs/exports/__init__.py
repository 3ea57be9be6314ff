"""CSV exports of a job's applications (the board's "Export CSV")."""
