import os

from django.core.asgi import get_asgi_application

from plenary.embedded_pg import ensure_embedded_server

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
application = get_asgi_application()
# With DATABASE_URL unset the embedded PostgreSQL, as in plenary/wsgi.py.
ensure_embedded_server()
