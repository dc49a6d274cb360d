from django.contrib import admin

from command_center.models import BackgroundJob


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "status",
        "done",
        "total",
        "created_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["kind", "status", "court"]
    search_fields = ["celery_task_id", "message", "created_by__username"]
    autocomplete_fields = ["court", "created_by"]
    readonly_fields = ["created_at", "started_at", "finished_at", "celery_task_id", "attempts"]
