"""What every editor view shares: loading an object for someone who may at least view
questionnaires, refusing with the rule's reason (or asking for the second factor), and putting
a service's errors back on the form."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from network.permissions import decide

# Refusing with the rule's reason, or asking for the second factor: the site's one way.
from network.views import denied as denied

from .. import permissions
from ..models import QuestionnaireVersion


def viewing(loader):
    """Load the object a view works on (``loader(pk)``, None → 404) for people who may view
    questionnaires; the view gets it in place of ``pk``."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
            decision = decide(request.user, permissions.QUESTIONNAIRE_VIEW)
            if not decision:
                return denied(request, decision)
            obj = loader(pk=pk)
            if obj is None:
                raise Http404
            return view(request, obj, **kwargs)

        return wrapped

    return decorator


def posted(request: HttpRequest):
    """The submitted data, or None for a GET: an empty POST still binds the form (a publish
    form with no box ticked)."""
    return request.POST if request.method == "POST" else None


def errors_to(form, error: ValidationError, *, aliases: dict[str, str] | None = None) -> None:
    """Put a service's errors on the form, by field where the form has one."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            name = aliases.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def version_url(version: QuestionnaireVersion, anchor: str = "") -> str:
    url = reverse("assessments:version_detail", kwargs={"pk": version.pk})
    return f"{url}#{anchor}" if anchor else url
