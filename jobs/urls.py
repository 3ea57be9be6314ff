"""Every job URL, by feature: jobs and their stage editor, the board, bulk actions on the board."""
from django.urls import path

from jobs import views
from jobs.applications import views as board
from jobs.bulk import views as bulk
from jobs.careers import views as careers
from jobs.exports import views as exports

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("new/", views.job_create, name="create"),
    path("<int:job_id>/", board.job_board, name="detail"),
    path("<int:job_id>/edit/", views.job_edit, name="edit"),
    path("<int:job_id>/status/", views.job_status, name="status"),
    path("<int:job_id>/stages/", views.stage_list, name="stages"),
    path("<int:job_id>/questions/", careers.question_list, name="questions"),
    path("<int:job_id>/questions/<int:question_id>/", careers.question_update, name="question_update"),
    path("<int:job_id>/questions/<int:question_id>/remove/", careers.question_remove, name="question_remove"),
    path("<int:job_id>/stages/options/", views.stage_options, name="stage_options"),
    path("<int:job_id>/stages/add/", views.stage_add, name="stage_add"),
    path("<int:job_id>/stages/reorder/", views.stage_reorder, name="stage_reorder"),
    path("<int:job_id>/stages/<int:stage_id>/rename/", views.stage_rename, name="stage_rename"),
    path("<int:job_id>/stages/<int:stage_id>/review/", views.stage_review, name="stage_review"),
    path("<int:job_id>/stages/<int:stage_id>/email/", views.stage_email, name="stage_email"),
    path("<int:job_id>/stages/<int:stage_id>/remove/", views.stage_remove, name="stage_remove"),
    path("<int:job_id>/board/stages/<int:stage_id>/", board.column_page, name="column"),
    path("<int:job_id>/applications.csv", exports.application_export, name="export"),
    path("<int:job_id>/board/closed/", board.closed_list, name="closed"),
    path("<int:job_id>/applications/bulk/", bulk.board_bulk, name="bulk"),
    path("<int:job_id>/applications/bulk/<int:action_id>/undo/", bulk.board_bulk_undo, name="bulk_undo"),
    path("<int:job_id>/applications/<int:application_id>/move/", board.application_move, name="move"),
    path("<int:job_id>/applications/<int:application_id>/undo/", board.application_undo, name="undo"),
    path("<int:job_id>/applications/<int:application_id>/restore/", board.application_restore, name="restore"),
]
