from django.urls import path

from candidates import views, views_resumes

app_name = "candidates"
urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("<int:candidate_id>/", views.candidate_detail, name="detail"),
    path("<int:candidate_id>/section/<str:section>/", views.candidate_section, name="section"),
    path("<int:candidate_id>/notes/", views.note_add, name="note_add"),
    path("<int:candidate_id>/tags/", views.tag_add, name="tag_add"),
    path("<int:candidate_id>/tags/<int:tag_id>/remove/", views.tag_remove, name="tag_remove"),
    path("<int:candidate_id>/add-to-job/", views.add_to_job, name="add_to_job"),
    path("<int:candidate_id>/merge/<int:other_id>/", views.merge_preview, name="merge_preview"),
    path("merges/<int:merge_id>/undo/", views.merge_undo, name="merge_undo"),
    path("tags/suggest/", views.tag_suggestions, name="tag_suggestions"),
    path("searches/", views.saved_search_create, name="saved_search_create"),
    path("searches/<int:search_id>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("lists/", views.candidate_list_create, name="list_create"),
    path("lists/<int:list_id>/delete/", views.candidate_list_delete, name="list_delete"),
    path("bulk/preview/", views.bulk_preview, name="bulk_preview"),
    path("bulk/apply/", views.bulk_apply, name="bulk_apply"),
    path("bulk/<int:action_id>/undo/", views.bulk_undo, name="bulk_undo"),
    path("<int:candidate_id>/parsing/", views_resumes.parsing_status, name="parsing_status"),
    path("upload/", views_resumes.upload, name="upload"),
    path("upload/<uuid:batch_id>/", views_resumes.upload_batch, name="upload_batch"),
    path("resumes/<int:resume_id>/reparse/", views_resumes.resume_reparse_view, name="resume_reparse"),
    path("resumes/<int:resume_id>/download/", views_resumes.resume_download, name="resume_download"),
    path("resumes/<int:resume_id>/preview/", views_resumes.resume_preview, name="resume_preview"),
]
