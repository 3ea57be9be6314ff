"""The search page: results, filters, the job pickers and the bulk bar."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ats.core.access import recruiters_only
from ats.core.http import options_html
from candidates.lists.selectors import candidate_lists_for, saved_searches_for
from candidates.search.forms import SearchForm
from candidates.search.selectors import (
    CappedPaginator,
    SearchParams,
    candidate_search,
    skill_datalist_options,
    snippets_for,
)
from jobs.applications.models import RejectionReason
from jobs.bulk.offers import pop_undo_offer
from jobs.selectors import job_choices, stage_choices

PAGE_SIZE = 25


@recruiters_only
@require_GET
def candidate_list(request: HttpRequest) -> HttpResponse:
    """`candidates:list`: hiring managers work from their review inbox; the pool is not theirs to browse."""
    form = SearchForm(request.GET)
    params = SearchParams.from_cleaned(form.cleaned_data if form.is_valid() else {})
    result = candidate_search(user=request.user, params=params)
    paginator = CappedPaginator(result.candidates.prefetch_related("tags"), PAGE_SIZE, countable=result.matching)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    snippets = snippets_for([c.pk for c in rows], result.parsed)
    for candidate in rows:
        candidate.snippet = snippets.get(candidate.pk, "")
    jobs = job_choices(request.user)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    candidate_lists = list(candidate_lists_for(request.user))
    context = {
        "form": form,
        "params": params,
        "page": page,
        "rows": rows,
        "query": params.q,
        "query_string": query_string.urlencode(),
        "job_options": options_html(jobs),
        "job_filter_options": options_html(jobs, selected=params.job),
        "filter_stages": stage_choices([params.job])[params.job] if params.job else [],
        "saved_searches": saved_searches_for(request.user),
        "candidate_lists": candidate_lists,
        # The bulk bar's reject: the managed reasons (a short list), as on a board.
        "rejection_reasons": list(RejectionReason.objects.filter(active=True).select_related("template")),
        "current_list": next((cl for cl in candidate_lists if cl.pk == params.list_id), None),
        "skill_options": skill_datalist_options(),
        "bulk_undo": pop_undo_offer(request, page="search"),
    }
    template = "candidates/candidate_list.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "search-results":
        template += "#results"
    return render(request, template, context)
