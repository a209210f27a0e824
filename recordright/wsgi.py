import os

from django.core.wsgi import get_wsgi_application

from recordright import startup

# Never a new key here: 'recordright run' makes it on the first run, after its checks.
startup.prepare(create_key=False)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recordright.settings")
application = get_wsgi_application()
