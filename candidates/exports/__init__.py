"""CSV exports of candidates: the search page's results."""
