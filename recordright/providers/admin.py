from django.contrib import admin
from django.db import models

from recordright.providers.models import Provider


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "holder_type", "city", "state", "owner"]
    list_filter = ["holder_type", "state"]
    search_fields = ["name", "npi", "city"]
    # Which patients were seen here is health data: not for administrators.
    exclude = ["patients"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
