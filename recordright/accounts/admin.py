from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from recordright.accounts.models import User


@admin.register(User)
class RecordrightUserAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "kind", "is_staff", "is_demo"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["display_name", "kind", "organization", "is_demo"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
