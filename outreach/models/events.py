from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from base.blocks import BodyBlock
from base.models import BasePage, IndexPage
from base.timezones import ZonedTime, zone_get, zoned_time
from network.time_zones import zone_choices


class EventIndexPage(IndexPage):
    subpage_types = ["outreach.EventPage"]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.event_listing(index=self, request=request))
        return context


class EventPage(BasePage):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=zone_choices,
        default="UTC",
        help_text=_("Times are shown to visitors in this time zone."),
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ONLINE
    )
    location = models.CharField(
        _("location"), max_length=300, blank=True, help_text=_("Venue and city, if in person.")
    )
    online_link = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown only to people who registered."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_open_until = models.DateTimeField(
        _("registration open until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept registrations until the event starts."),
    )
    summary = models.TextField(_("summary"), help_text=_("One or two sentences for listings."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("format"),
                FieldPanel("location"),
                FieldPanel("online_link"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration_open_until")],
            heading=_("Registration"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("location"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    override_translatable_fields = [
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("capacity"),
        SynchronizedField("registration_open_until"),
        SynchronizedField("online_link"),
        SynchronizedField("image"),
    ]

    parent_page_types = ["outreach.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.registration_open_until and self.end and self.registration_open_until > self.end:
            errors["registration_open_until"] = _("Registration must close before the event ends.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> ZoneInfo:
        return zone_get(self.time_zone)

    @property
    def start_time(self) -> ZonedTime:
        """The start in the event's zone: ``.local`` (for ``|date``), ``.label``, ``.iso``."""
        return zoned_time(value=self.start, zone_key=self.time_zone)

    @property
    def end_time(self) -> ZonedTime:
        """The end in the event's zone: ``.local`` (for ``|date``), ``.label``, ``.iso``."""
        return zoned_time(value=self.end, zone_key=self.time_zone)

    @property
    def registration_deadline(self):
        return self.registration_open_until or self.start

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.event_registration_state(event=self, user=request.user))
        return context


class EventRegistration(models.Model):
    """A person's place at an event. One row per (event, person); cancelling keeps the row."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
        help_text=_("Always the event in the default language, whichever translation was used."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="eventregistration_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"
