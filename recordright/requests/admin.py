"""Admin lists show no health details: which request, its state, not its content."""

from django.contrib import admin

from recordright.requests.models import RecordsRequest


@admin.register(RecordsRequest)
class RecordsRequestAdmin(admin.ModelAdmin):
    list_display = ["id", "right", "provider", "created_at", "assessed_on"]
    list_filter = ["right"]
    fields = ["right", "state", "assessed_on"]
    readonly_fields = fields
