"""`candidates:export`: the search page's results as CSV."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ats.core.access import recruiters_only
from ats.core.exports import export_response
from candidates.exports.selectors import CANDIDATE_EXPORT_HEADER, candidate_export_rows
from candidates.search.forms import SearchForm
from candidates.search.selectors import SearchParams


@recruiters_only
@require_GET
def candidate_export(request: HttpRequest) -> HttpResponse:
    """The same filters as the search page (its query string), every matching candidate."""
    form = SearchForm(request.GET)
    params = SearchParams.from_cleaned(form.cleaned_data if form.is_valid() else {})
    rows = candidate_export_rows(user=request.user, params=params)
    return export_response(user=request.user, name="candidates", header=CANDIDATE_EXPORT_HEADER, rows=rows, filters=request.GET)
