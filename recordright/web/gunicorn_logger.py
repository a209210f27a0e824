"""gunicorn's logger, with tokens in URL paths redacted from access and error logs.

``recordright run`` starts gunicorn with ``--logger-class`` pointing here.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from recordright.web.redact import RedactTokensFilter


class RedactingLogger(Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            if not any(isinstance(each, RedactTokensFilter) for each in log.filters):
                log.addFilter(RedactTokensFilter())
