"""Saved searches and candidate lists: create and delete (adding to a list is a bulk action)."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from ats.core.access import recruiters_only
from candidates.lists import services
from candidates.lists.forms import CandidateListForm, SavedSearchForm
from candidates.lists.selectors import candidate_lists_for, saved_searches_for


@recruiters_only
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST)
    query_string = request.POST.get("query_string", "")
    if form.is_valid():
        services.saved_search_save(
            actor=request.user, name=form.cleaned_data["name"], query_string=form.cleaned_data["query_string"] or ""
        )
        messages.success(request, f"Search “{form.cleaned_data['name']}” saved.")
    else:
        messages.error(request, "Give the search a name to save it.")
    return redirect(f"{reverse('candidates:list')}?{query_string}")


@recruiters_only
@require_POST
def saved_search_delete(request: HttpRequest, search_id: int) -> HttpResponse:
    search = get_object_or_404(saved_searches_for(request.user), pk=search_id)
    services.saved_search_delete(actor=request.user, search=search)
    messages.success(request, f"Saved search “{search.name}” deleted.")
    return redirect("candidates:list")


@recruiters_only
@require_POST
def candidate_list_create(request: HttpRequest) -> HttpResponse:
    form = CandidateListForm(request.POST)
    if form.is_valid():
        candidate_list, created = services.candidate_list_create(actor=request.user, name=form.cleaned_data["name"])
        messages.success(request, f"List “{candidate_list.name}” {'created' if created else 'already exists'}.")
        return redirect(f"{reverse('candidates:list')}?list={candidate_list.pk}")
    messages.error(request, "Give the list a name.")
    return redirect("candidates:list")


@recruiters_only
@require_POST
def candidate_list_delete(request: HttpRequest, list_id: int) -> HttpResponse:
    candidate_list = get_object_or_404(candidate_lists_for(request.user), pk=list_id)
    services.candidate_list_delete(actor=request.user, candidate_list=candidate_list)
    messages.success(request, f"List “{candidate_list.name}” deleted. The candidates in it are still in the pool.")
    return redirect("candidates:list")
