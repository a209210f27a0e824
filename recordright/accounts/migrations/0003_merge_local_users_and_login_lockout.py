"""Joins two parallel branches' migrations (vault-intake's local users, main's login
lockout cache table); nothing to change."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_add_user_is_local"),
        ("accounts", "0002_login_lockout_cache_table"),
    ]
    operations = []
