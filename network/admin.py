"""Django admin (/django-admin/) for superusers: the raw tables of the network app.

Day-to-day review of join requests happens in the Wagtail admin (see wagtail_hooks.py).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Invitation, JoinRequest, LocalAuthority, Membership, PartnerOrganisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["local_authority", "partner"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "preferred_language", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "position",
                    "photo",
                    "preferred_language",
                    "languages_spoken",
                    "other_languages",
                )
            },
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "country", "is_member", "joined_at"]
    list_filter = ["is_member", "country", "level"]
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "local_authority", "partner", "position", "is_focal_point"]
    list_filter = ["is_focal_point"]
    search_fields = ["user__email", "local_authority__name", "partner__name"]
    autocomplete_fields = ["user", "local_authority", "partner"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Joining a member authority by a coordinator's hand also makes the person an official.
        services.membership_add(
            user=obj.user,
            organisation=obj.organisation,
            position=obj.position,
            is_focal_point=obj.is_focal_point,
        )


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["authority_name", "country", "contact_email", "status", "created_at"]
    list_filter = ["status", "country"]
    search_fields = ["authority_name", "contact_name", "contact_email"]
    readonly_fields = ["decided_by", "decided_at", "created_at", "updated_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "local_authority", "partner", "role", "expires_at", "accepted_at"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by", "created_at", "updated_at"]
    autocomplete_fields = ["local_authority", "partner", "invited_by"]
