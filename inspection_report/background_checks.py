"""A report's checks, run beside its build instead of before it.

Rendering and layout need only the loaded and derived findings; the checks decide whether the
result may be published. They take a fifth to a third of a second on the sample, the whole
of what stands between an edit and the start of its one layout in a warm process, so they
run in a process forked for them (a thread would share the interpreter's lock with the
rendering, and gain nothing) while the charts are drawn, the HTML rendered and the parts laid
out; nothing is published until they have passed. Findings with errors stop the build as
soon as the checks know: the layouts are abandoned, and whatever rendering the unchecked
findings raised is reported as those errors, as if the checks had run first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from inspection_report.checks import check_report
from inspection_report.derive import Derived
from inspection_report.errors import FindingsError, Problem
from inspection_report.forked_call import call_in_fork
from inspection_report.validate import stops_the_build


class BackgroundChecks:
    """The checks of `derived`, started at once; `on_errors` is called from their thread as
    soon as they find an error (with `strict`, any problem) or fail."""

    def __init__(self, derived: Derived, strict: bool, on_errors: Callable[[], None] | None = None) -> None:
        self._derived, self._strict, self._on_errors = derived, strict, on_errors
        self._problems: list[Problem] = []
        self._fault: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="checks", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._problems = call_in_fork(check_report, self._derived)
        except BaseException as err:  # a fault in a check, raised again in the build's thread
            self._fault = err
        if self._on_errors is not None and (self._fault is not None or self._failed()):
            self._on_errors()

    def _failed(self) -> bool:
        return stops_the_build(self._problems, self._strict)

    def warnings(self) -> list[Problem]:
        """Wait for the checks, then raise with every problem if any is an error, or return
        the warnings."""
        self._thread.join()
        if self._fault is not None:
            raise self._fault
        if self._failed():
            raise FindingsError(self._problems)
        return self._problems
