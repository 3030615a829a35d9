"""Django's PostgreSQL backend; a connection that has seen an error is not reused.

With prepared statements (settings.DATABASES), a statement prepared before a migration changed
the type of a column it reads fails with "cached plan must not change result type" at every
later run on that connection, and Django keeps a connection after an error as long as it still
answers `SELECT 1`: the instances still running while an update migrates would fail such
requests until restarted. Closed after the error instead, the next request's connection
prepares its statements against the new schema. Errors are rare; reconnecting is cheap.
"""

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_unusable_or_obsolete(self) -> None:
        if self.connection is not None and self.errors_occurred:
            self.close()
            return
        super().close_if_unusable_or_obsolete()
