"""Background tasks of the reminders app (filled in by the reminders work)."""
