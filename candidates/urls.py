"""Every candidate URL, by feature: the profile, search, lists, merges, résumés; bulk actions on
search results are jobs.bulk's (they can add to jobs, move and reject)."""
from django.urls import path

from candidates import views
from candidates.erasure import views as erasure
from candidates.exports import views as exports
from candidates.lists import views as lists
from candidates.merges import views as merges
from candidates.resumes import views as resumes
from candidates.search import views as search
from jobs.bulk import views as bulk

app_name = "candidates"
urlpatterns = [
    path("", search.candidate_list, name="list"),
    path("export.csv", exports.candidate_export, name="export"),
    path("<int:candidate_id>/", views.candidate_detail, name="detail"),
    path("<int:candidate_id>/section/<str:section>/", views.candidate_section, name="section"),
    path("<int:candidate_id>/notes/", views.note_add, name="note_add"),
    path("<int:candidate_id>/tags/", views.tag_add, name="tag_add"),
    path("<int:candidate_id>/tags/<int:tag_id>/remove/", views.tag_remove, name="tag_remove"),
    path("<int:candidate_id>/add-to-job/", views.add_to_job, name="add_to_job"),
    path("<int:candidate_id>/erase/", erasure.candidate_erase_view, name="erase"),
    path("<int:candidate_id>/retention/", erasure.candidate_retention_view, name="retention"),
    path("<int:candidate_id>/updates/<int:update_id>/<str:section>/", views.profile_update_decide, name="profile_update_decide"),
    path("tags/suggest/", views.tag_suggestions, name="tag_suggestions"),
    path("<int:candidate_id>/merge/<int:other_id>/", merges.merge_preview, name="merge_preview"),
    path("merges/<int:merge_id>/undo/", merges.merge_undo, name="merge_undo"),
    path("searches/", lists.saved_search_create, name="saved_search_create"),
    path("searches/<int:search_id>/delete/", lists.saved_search_delete, name="saved_search_delete"),
    path("lists/", lists.candidate_list_create, name="list_create"),
    path("lists/<int:list_id>/delete/", lists.candidate_list_delete, name="list_delete"),
    path("bulk/preview/", bulk.bulk_preview, name="bulk_preview"),
    path("bulk/apply/", bulk.bulk_apply, name="bulk_apply"),
    path("bulk/<int:action_id>/undo/", bulk.bulk_undo, name="bulk_undo"),
    path("<int:candidate_id>/parsing/", resumes.parsing_status, name="parsing_status"),
    path("upload/", resumes.upload, name="upload"),
    path("upload/<uuid:batch_id>/", resumes.upload_batch, name="upload_batch"),
    path("resumes/", resumes.resume_list, name="resume_list"),
    path("resumes/<int:resume_id>/reparse/", resumes.resume_reparse_view, name="resume_reparse"),
    path("resumes/<int:resume_id>/download/", resumes.resume_download, name="resume_download"),
    path("resumes/<int:resume_id>/preview/", resumes.resume_preview, name="resume_preview"),
    path("resumes/<int:resume_id>/pages/<int:page>.png", resumes.resume_page_image, name="resume_page_image"),
]
