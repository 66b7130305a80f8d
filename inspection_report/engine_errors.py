"""What WeasyPrint could not print, as the build's error.

WeasyPrint reports much of what it could not print (a PDF/UA document missing alt text or a
language, a missing resource, a link to no anchor) only in its log, and goes on. Here every
such record, and a resource the sandbox refused, fails the build with a message that says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from inspection_report.errors import PublishError


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def engine_errors() -> Iterator[None]:
    """Run the block with WeasyPrint's errors collected; raise them as one PublishError."""
    from inspection_report.fetcher import ResourceRefused

    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.ERROR)
    collect = _Collect()
    logger.addHandler(collect)
    try:
        yield
    except ResourceRefused as refused:
        raise PublishError(f"the PDF engine was stopped: {refused}") from None
    finally:
        logger.removeHandler(collect)
    if collect.messages:
        raise PublishError(
            "the PDF could not be printed as it stands: " + "; ".join(dict.fromkeys(collect.messages))
        )
