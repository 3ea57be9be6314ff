"""`reports:page` (every report, charts and tables) and `reports:csv` (one report's numbers)."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ats.core.access import signed_in
from ats.core.exports import export_response
from ats.core.http import options_html
from jobs.reports.charts import report_chart
from jobs.reports.forms import ReportFilterForm
from jobs.reports.selectors import ReportFilters, report_filter_choices, report_get, reports_for


def _form(request: HttpRequest) -> ReportFilterForm:
    default = ReportFilters.default()
    jobs, departments = report_filter_choices(request.user)
    return ReportFilterForm(
        request.GET or None, initial={"start": default.start, "end": default.end}, jobs=jobs, departments=departments
    )


@signed_in
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    """Recruiters report on every job, a hiring manager on theirs (the selectors' scope); a job
    outside it is not a choice of the form, so asking for it shows the default instead."""
    form = _form(request)
    filters = form.filters()
    reports = reports_for(user=request.user, filters=filters)
    query = request.GET.urlencode()
    sections = [(report, report_chart(report)) for report in reports]
    # Pre-built options: at 2,000 jobs the widget's template per option cost more than every report.
    job_options = options_html(form.jobs, filters.job_id)
    context = {"form": form, "filters": filters, "sections": sections, "query": query, "job_options": job_options}
    return render(request, "reports/reports.html", context)


@signed_in
@require_GET
def report_csv(request: HttpRequest) -> HttpResponse:
    """Exactly the numbers of one report's table (`?report=funnel`), for the same filters."""
    key = request.GET.get("report", "")
    filters = _form(request).filters()
    report = report_get(user=request.user, filters=filters, key=key)
    if report is None:
        raise Http404
    name = f"report {report.key} {filters.start.isoformat()} to {filters.end.isoformat()}"
    return export_response(user=request.user, name=name, header=report.columns, rows=report.rows, filters=request.GET)
