"""Reading the admin's CSV exports (delegations/exports.py) in tests: the action answers with
the export's page; the worker makes the file, which the page's link downloads."""

import csv
import io

from delegations.models import Export
from tests.tasks import tasks_run

BYTE_ORDER_MARK = "\ufeff".encode()


def export_made(client, response) -> bytes:
    """Run the worker, then download the file of the export the action's `response` opened,
    as the organiser does from its page. Tests that call it need
    `django_db(transaction=True)`."""
    export = Export.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == export.get_absolute_url()
    tasks_run()
    download = client.get(Export.objects.get(pk=export.pk).file_url())
    assert download.status_code == 200, download
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(download.streaming_content)


def exported_rows(client, response) -> list[list[str]]:
    """The header and rows of the export the action's `response` opened, once made."""
    content = export_made(client, response)
    assert content.startswith(BYTE_ORDER_MARK)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
