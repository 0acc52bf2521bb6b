"""Coordinators review join requests in the Wagtail admin.

The listing, inspection and the Approve / Decline screens all ask ``network.permissions``;
Django's model permissions only decide whether the snippet appears at all. Join requests are
never edited or deleted in the admin: the only changes are the two decisions.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet

from . import permissions, services
from .admin_exports import SafeSnippetIndexView
from .mfa import second_factor_prompt
from .models import JoinRequest, LocalAuthority


def _refusal(request, decision: permissions.Decision):
    """Send a coordinator without two-factor in this session to give or set it up; refuse
    anyone else."""
    if decision.needs_mfa:
        return second_factor_prompt(request, decision)
    raise PermissionDenied(decision.reason)


class ReviewRequiredMixin:
    """Only people who may review join requests (coordinators with two-factor) get in."""

    def dispatch(self, request, *args, **kwargs):
        decision = permissions.decide(request.user, permissions.JOIN_REQUEST_REVIEW)
        if not decision:
            return _refusal(request, decision)
        return super().dispatch(request, *args, **kwargs)


class JoinRequestFilterSet(WagtailFilterSet):
    class Meta:
        model = JoinRequest
        fields = ["status", "country", "level", "preferred_language"]


class JoinRequestIndexView(ReviewRequiredMixin, SafeSnippetIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if permissions.can(self.request.user, permissions.JOIN_REQUEST_REVIEW, instance):
            buttons += [
                Button(
                    _("Approve"),
                    url=reverse(self.viewset.get_url_name("approve"), args=[instance.pk]),
                    icon_name="check",
                    priority=5,
                ),
                Button(
                    _("Decline"),
                    url=reverse(self.viewset.get_url_name("decline"), args=[instance.pk]),
                    icon_name="cross",
                    priority=6,
                ),
            ]
        return buttons

    @cached_property
    def viewset(self):
        return join_request_viewset


class JoinRequestInspectView(ReviewRequiredMixin, InspectView):
    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        if permissions.can(self.request.user, permissions.JOIN_REQUEST_REVIEW, self.object):
            for name, label, icon in (
                ("approve", _("Approve"), "check"),
                ("decline", _("Decline"), "cross"),
            ):
                buttons.append(
                    Button(
                        label,
                        url=reverse(join_request_viewset.get_url_name(name), args=[self.object.pk]),
                        icon_name=icon,
                    )
                )
        return buttons


class ApproveForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=gettext_lazy("Link to an existing local authority"),
        queryset=LocalAuthority.objects.order_by("country", "name"),
        required=False,
        help_text=gettext_lazy(
            "Leave empty to use the authority of the same name and country, or to create it."
        ),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("The contact person receives this reason by email."),
    )


class JoinRequestDecisionView(WagtailAdminTemplateMixin, FormView):
    """Shared by Approve and Decline: load the request, check the decision, show the form."""

    template_name = "network/admin/join_request_decide.html"
    header_icon = "group"

    def dispatch(self, request, pk):
        self.join_request = get_object_or_404(JoinRequest, pk=pk)
        # First: is this person a reviewer at all? (403, or the two-factor setup page.)
        decision = permissions.decide(request.user, permissions.JOIN_REQUEST_REVIEW)
        if not decision:
            return _refusal(request, decision)
        # Then: can this request still be decided? (Back to the list with the reason.)
        decision = permissions.decide(
            request.user, permissions.JOIN_REQUEST_REVIEW, self.join_request
        )
        if not decision:
            messages.error(request, decision.reason)
            return redirect(self.list_url)
        return super().dispatch(request, pk)

    @property
    def list_url(self) -> str:
        return reverse(join_request_viewset.get_url_name("list"))

    def get_page_subtitle(self):
        return str(self.join_request)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.list_url, "label": _("Join requests")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            join_request=self.join_request,
            list_url=self.list_url,
            submit_label=self.submit_label,
            **kwargs,
        )

    def form_invalid_from(self, form, error: ValidationError):
        for messages_ in getattr(error, "message_dict", {"": error.messages}).values():
            for message in messages_:
                form.add_error(None, message)
        return self.form_invalid(form)


class JoinRequestApproveView(JoinRequestDecisionView):
    form_class = ApproveForm
    page_title = gettext_lazy("Approve join request")
    submit_label = gettext_lazy("Approve and invite the contact person")

    def form_valid(self, form):
        services.join_request_approve(
            join_request=self.join_request,
            by=self.request.user,
            authority=form.cleaned_data["authority"],
        )
        messages.success(
            self.request,
            _("%(authority)s is now a member. We emailed %(email)s an invitation.")
            % {
                "authority": self.join_request.authority_name,
                "email": self.join_request.contact_email,
            },
        )
        return redirect(self.list_url)


class JoinRequestDeclineView(JoinRequestDecisionView):
    form_class = DeclineForm
    page_title = gettext_lazy("Decline join request")
    submit_label = gettext_lazy("Decline and notify the contact person")

    def form_valid(self, form):
        try:
            services.join_request_decline(
                join_request=self.join_request,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            return self.form_invalid_from(form, error)
        messages.success(
            self.request,
            _("The request of %(authority)s was declined.")
            % {"authority": self.join_request.authority_name},
        )
        return redirect(self.list_url)


class JoinRequestViewSet(SnippetViewSet):
    model = JoinRequest
    icon = "group"
    menu_label = gettext_lazy("Join requests")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    index_view_class = JoinRequestIndexView
    inspect_view_class = JoinRequestInspectView
    filterset_class = JoinRequestFilterSet
    search_backend_name = None
    search_fields = ["authority_name", "contact_name", "contact_email", "region"]
    list_display = ["authority_name", "country", "contact_name", "status", "created_at"]
    list_export = [
        "authority_name",
        "level",
        "country",
        "region",
        "contact_name",
        "contact_email",
        "contact_position",
        "preferred_language",
        "status",
        "decision_reason",
        "created_at",
        "decided_at",
    ]
    inspect_view_fields = [
        "authority_name",
        "level",
        "country",
        "region",
        "population_band",
        "website",
        "contact_name",
        "contact_email",
        "contact_position",
        "preferred_language",
        "message",
        "status",
        "decided_by",
        "decided_at",
        "decision_reason",
        "local_authority",
        "created_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", JoinRequestApproveView.as_view(), name="approve"),
            path("decline/<int:pk>/", JoinRequestDeclineView.as_view(), name="decline"),
        ]


join_request_viewset = JoinRequestViewSet()
register_snippet(join_request_viewset)
