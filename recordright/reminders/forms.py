from django import forms

from recordright.reminders.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["email_enabled", "days_before"]
        widgets = {"days_before": forms.NumberInput(attrs={"min": 0, "max": 30})}
