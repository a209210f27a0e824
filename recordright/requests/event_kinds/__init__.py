"""One module per event type the rights engine reads, each defining ``KIND`` (a
``base.EventKind``): its form fields, their checks, and the facts it gives the engine.
``registry.py`` lists them; ``requests.event_forms.EventForm`` is built from it."""
