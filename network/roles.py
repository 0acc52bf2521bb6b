"""The network's roles. Each is a Django group whose *name is the stable code* below; labels are
translated for display only and are never used as keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    OFFICIAL = "official", _("Official")
    COORDINATOR = "coordinator", _("Coordinator")
    RESEARCHER = "researcher", _("Researcher")
    TUTOR = "tutor", _("Tutor")
    JUROR = "juror", _("Juror")
    PARTNER = "partner", _("Partner")
    MODERATOR = "moderator", _("Moderator")
