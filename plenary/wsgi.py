import os

from django.core.wsgi import get_wsgi_application

from plenary.embedded_pg import ensure_embedded_server

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
application = get_wsgi_application()
# With DATABASE_URL unset (development, bench/): gunicorn's workers start the embedded
# PostgreSQL together, one server for all of them. Nothing happens in production.
ensure_embedded_server()
