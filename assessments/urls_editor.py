"""The questionnaire editor's addresses, under /<language>/assessments/manage/ in the
``assessments`` namespace (views in ``views_editor``)."""

from django.urls import path

from .views_editor import choices, elements, questionnaires, review

urlpatterns = [
    # -- Questionnaires and versions (views_editor/questionnaires.py) ----------------------
    path("questionnaires/", questionnaires.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/new/", questionnaires.questionnaire_create, name="questionnaire_create"),
    path("versions/<int:pk>/", questionnaires.version_detail, name="version_detail"),
    path("versions/<int:pk>/settings/", questionnaires.version_settings, name="version_settings"),
    # -- Elements (views_editor/elements.py) -----------------------------------------------
    path("versions/<int:pk>/elements/new/", elements.element_add, name="element_add"),
    path("elements/<int:pk>/", elements.element_detail, name="element_detail"),
    path("elements/<int:pk>/edit/", elements.element_edit, name="element_edit"),
    path("elements/<int:pk>/delete/", elements.element_delete, name="element_delete"),
    path("elements/<int:pk>/move/", elements.element_move, name="element_move"),
    path("elements/<int:pk>/fix/", elements.element_text_fix, name="element_text_fix"),
    # -- Choice lists (views_editor/choices.py) --------------------------------------------
    path("versions/<int:pk>/lists/new/", choices.choice_list_add, name="choice_list_add"),
    path("lists/<int:pk>/", choices.choice_list_detail, name="choice_list_detail"),
    path("lists/<int:pk>/delete/", choices.choice_list_delete, name="choice_list_delete"),
    path("lists/<int:pk>/choices/new/", choices.choice_add, name="choice_add"),
    path("choices/<int:pk>/", choices.choice_edit, name="choice_edit"),
    path("choices/<int:pk>/delete/", choices.choice_delete, name="choice_delete"),
    path("choices/<int:pk>/move/", choices.choice_move, name="choice_move"),
    path("choices/<int:pk>/fix/", choices.choice_text_fix, name="choice_text_fix"),
    # -- Review, approval, publishing (views_editor/review.py) -----------------------------
    path("versions/<int:pk>/comments/", review.version_comment_add, name="version_comment_add"),
    path("elements/<int:pk>/comments/", review.element_comment_add, name="element_comment_add"),
    path("comments/<int:pk>/resolve/", review.comment_resolve, name="comment_resolve"),
    path("versions/<int:pk>/review/", review.version_submit, name="version_submit"),
    path("versions/<int:pk>/send-back/", review.version_send_back, name="version_send_back"),
    path("versions/<int:pk>/approve/", review.version_approve, name="version_approve"),
    path("versions/<int:pk>/publish/", review.version_publish, name="version_publish"),
    path("versions/<int:pk>/retire/", review.version_retire, name="version_retire"),
    path("versions/<int:pk>/new-version/", review.version_copy, name="version_copy"),
]
