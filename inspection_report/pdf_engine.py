"""WeasyPrint loaded without the compiler runs of its library lookup.

WeasyPrint asks cffi for each native library (Pango, HarfBuzz, fontconfig...) under several
names, one per platform. On Linux each name before the soname fails, and each failure makes
`ctypes.util.find_library` run ldconfig, gcc and ld: about sixteen compiler runs, a fifth of
a second or more before the first layout can start (WeasyPrint issue #1125). The sonames load
through dlopen itself, which searches LD_LIBRARY_PATH and the linker cache as always, so while
WeasyPrint loads, the lookup answers "not found" at once. The same libraries are loaded.
"""

from __future__ import annotations

import ctypes.util
import sys


def load_engine() -> None:
    """Import WeasyPrint and the tagging that hooks into it, once per process."""
    if "weasyprint" not in sys.modules and sys.platform.startswith("linux"):
        lookup = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None
        try:
            import weasyprint  # noqa: F401
        finally:
            ctypes.util.find_library = lookup
    import inspection_report.pdf_tags  # noqa: F401
