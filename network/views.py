"""Views of the network app. Thin: they ask network.permissions, call services and render."""

import json
from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import permissions, selectors, services
from .authority_page import authority_sections
from .community.selectors.directory import ForumActivity, authorities_forum_activity
from .countries import AMERICAS
from .forms import AccountDeleteForm, InvitationForm, JoinRequestForm, ProfileForm
from .inputs import integer_parse
from .mfa import second_factor_prompt
from .models import Invitation
from .personal_data import personal_data_export
from .roles import MFA_REQUIRED_ROLES, Role

PAGE_SIZE = 50


def denied(request: HttpRequest, decision: permissions.Decision) -> HttpResponse:
    """Answer a refused decision: send people who only lack two-factor to give or set it up."""
    if decision.needs_mfa:
        return second_factor_prompt(request, decision, next_url=request.path)
    return render(request, "network/forbidden.html", {"reason": decision.reason}, status=403)


def form_errors_to(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)


def admin_sign_in(request: HttpRequest, default_next: str) -> HttpResponse:
    """Wagtail's and Django admin's own sign-in pages. They would sign people in with a password
    alone; everyone signs in through allauth instead (second factor, throttling), then comes
    back to where they were going."""
    query = urlencode({"next": request.GET.get("next") or default_next})
    return redirect(f"{reverse('account_login')}?{query}")


# --- Dashboard and profile -------------------------------------------------------------------
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = selectors.user_roles(user=user)
    # The roles' own decisions say what is missing: an authenticator, or a code in this session.
    mfa_roles = sorted(roles & MFA_REQUIRED_ROLES) or (
        [Role.COORDINATOR] if user.is_superuser else []
    )
    second_factor = next(
        (d for d in (permissions.acting_as(user, role) for role in mfa_roles) if d.needs_mfa), None
    )
    review = permissions.decide(user, permissions.JOIN_REQUEST_REVIEW)
    context = {
        "memberships": list(selectors.user_memberships(user=user)),
        "roles": [Role(code).label for code in sorted(roles)],
        "needs_mfa": second_factor is not None and not second_factor.has_authenticator,
        "second_factor_prompt": second_factor.reason
        if second_factor is not None and second_factor.has_authenticator
        else "",
        "can_review": review.allowed,
        "can_invite": permissions.can(user, permissions.INVITATION_LIST),
        "focal_point_organisations": selectors.focal_point_organisations(user=user),
        # The roles that work on the needs assessments' questionnaires (assessments.permissions
        # decides on each page; this only shows the way there).
        "works_on_questionnaires": user.is_superuser
        or bool(roles & {Role.COORDINATOR, Role.RESEARCHER, Role.PARTNER}),
    }
    if review:
        context["pending_join_requests"] = selectors.join_request_pending_count()
        context["join_requests_admin_url"] = reverse("wagtailsnippets_network_joinrequest:list")
    return render(request, "network/dashboard.html", context)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    decision = permissions.decide(user, permissions.PROFILE_EDIT, user)
    if not decision:
        return denied(request, decision)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=user)
        if form.is_valid():
            try:
                services.profile_update(user=user, by=user, changes=form.profile_changes())
            except ValidationError as error:
                form_errors_to(form, error)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect("network:profile")
        # A rejected form must not leave the half-applied values on request.user.
        user.refresh_from_db()
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "network/profile.html",
        {
            "form": form,
            "memberships": list(selectors.user_memberships(user=user)),
            "notification_preferences_url": reverse("notifications:preferences"),
        },
    )


# --- Joining the network ---------------------------------------------------------------------
def join(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = JoinRequestForm(request.POST)
        if form.is_valid():
            try:
                services.join_request_submit(data=form.service_data())
            except ValidationError as error:
                form_errors_to(form, error)
            else:
                return redirect("network:join_thanks")
    else:
        form = JoinRequestForm(initial={"preferred_language": get_language()})
    return render(request, "network/join.html", {"form": form})


def join_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "network/join_thanks.html")


# --- Invitations -----------------------------------------------------------------------------
@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    decision = permissions.decide(user, permissions.INVITATION_LIST)
    if not decision:
        return denied(request, decision)
    form_kwargs = {
        "organisations": selectors.invitable_organisations(user=user),
        "roles": services.invitation_roles(user=user),
    }
    if request.method == "POST":
        form = InvitationForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                invitation = services.invitation_send(
                    invited_by=user,
                    email=data["email"],
                    organisation=data["organisation"],
                    role=data["role"],
                    position=data["position"],
                    language=data["language"],
                )
            except ValidationError as error:
                form_errors_to(form, error)
            except PermissionDenied as error:
                form.add_error("organisation", str(error))
            else:
                messages.success(
                    request,
                    _("We have emailed an invitation to %(email)s.") % {"email": invitation.email},
                )
                return redirect("network:invitation_list")
    else:
        form = InvitationForm(initial={"language": get_language()}, **form_kwargs)
    page = Paginator(selectors.invitation_list(user=user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/invitation_list.html",
        {
            "form": form,
            "page": page,
            "invitations": page.object_list,
            "ttl_days": settings.INVITATION_TTL_DAYS,
        },
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("local_authority", "partner"), pk=pk
    )
    decision = permissions.decide(request.user, permissions.INVITATION_REVOKE, invitation)
    if not decision:
        return denied(request, decision)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(
        request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email}
    )
    return redirect("network:invitation_list")


def _invitation_unusable(request: HttpRequest, state: str) -> HttpResponse:
    status = 404 if state == "unknown" else 410
    return render(request, "network/invitation_unusable.html", {"state": state}, status=status)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_get_by_token(token=token)
    if invitation is None:
        return _invitation_unusable(request, "unknown")
    if invitation.state != Invitation.State.PENDING:
        return _invitation_unusable(request, invitation.state)

    if not request.user.is_authenticated:
        # The link reached this address's inbox: signing up with it needs no second check.
        get_adapter(request).stash_verified_email(request, invitation.email)
        query = urlencode({"next": request.path, "email": invitation.email})
        return render(
            request,
            "network/invitation_accept.html",
            {
                "invitation": invitation,
                "signup_url": f"{reverse('account_signup')}?{query}",
                "login_url": f"{reverse('account_login')}?{urlencode({'next': request.path})}",
            },
        )

    decision = permissions.decide(request.user, permissions.INVITATION_ACCEPT, invitation)
    if not decision:
        return render(
            request,
            "network/invitation_accept.html",
            {"invitation": invitation, "refusal": decision.reason},
            status=403,
        )
    if request.method == "POST":
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except services.InvitationUnusable as error:
            return _invitation_unusable(request, error.state)
        messages.success(
            request,
            _("Welcome to %(organisation)s on Convive.")
            % {"organisation": membership.organisation},
        )
        return redirect("network:dashboard")
    return render(request, "network/invitation_accept.html", {"invitation": invitation})


# --- Public directory ------------------------------------------------------------------------
def _directory_query(request: HttpRequest) -> tuple[str, str]:
    """The directory's country and its query string (country, page beyond the first), read
    from ``request`` and cleaned: what a link from the directory to an authority carries so
    that the authority's page leads back to the same list."""
    country = str(request.GET.get("country", "")).upper()
    if country not in AMERICAS:
        country = ""
    page = integer_parse(request.GET.get("page"), minimum=2, maximum=10**6)
    pairs = [("country", country)] if country else []
    if page:
        pairs.append(("page", str(page)))
    return country, urlencode(pairs)


def authority_list(request: HttpRequest) -> HttpResponse:
    country, list_query = _directory_query(request)
    page = Paginator(
        selectors.authority_list(country=country, language=request.LANGUAGE_CODE), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    activity = authorities_forum_activity(authority_ids=[a.pk for a in page.object_list])
    for authority in page.object_list:
        authority.forum_activity = activity.get(authority.pk, ForumActivity())
    return render(
        request,
        "network/authority_list.html",
        {
            "page": page,
            "authorities": page.object_list,
            "countries": selectors.authority_countries(),
            "country": country,
            "country_label": AMERICAS.get(country, ""),
            "list_query": list_query,
        },
    )


def authority_detail(request: HttpRequest, slug: str) -> HttpResponse:
    authority = selectors.authority_get(slug=slug)
    if authority is None:
        raise Http404(_("No member authority here."))
    _country, list_query = _directory_query(request)
    back_url = reverse("network:authority_list")
    context = {
        "authority": authority,
        "back_url": f"{back_url}?{list_query}" if list_query else back_url,
        "back_to_results": bool(list_query),
        "people": list(selectors.authority_listed_people(authority=authority)),
        "sections": authority_sections(authority=authority, language=request.LANGUAGE_CODE),
    }
    return render(request, "network/authority_detail.html", context)


# --- The person's own data -------------------------------------------------------------------
@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    decision = permissions.decide(user, permissions.ACCOUNT_DELETE, user)
    if not decision:
        return denied(request, decision)
    form = AccountDeleteForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=user)
        logout(request)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("network:account_deleted")
    return render(request, "network/account_delete.html", {"form": form})


def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "network/account_deleted.html")


@login_required
def personal_data_download(request: HttpRequest) -> HttpResponse:
    user = request.user
    decision = permissions.decide(user, permissions.PERSONAL_DATA_EXPORT, user)
    if not decision:
        return denied(request, decision)
    data = personal_data_export(user=user)
    filename = f"convive-personal-data-{timezone.now():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
