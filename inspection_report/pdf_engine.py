"""WeasyPrint loaded without the compiler runs of its library lookup, and without a C parse
for each array size it allocates.

WeasyPrint asks cffi for each native library (Pango, HarfBuzz, fontconfig...) under several
names, one per platform. On Linux each name before the soname fails, and each failure makes
`ctypes.util.find_library` run ldconfig, gcc and ld: about sixteen compiler runs, a fifth of
a second or more before the first layout can start (WeasyPrint issue #1125). The sonames load
through dlopen itself, which searches LD_LIBRARY_PATH and the linker cache as always, so while
WeasyPrint loads, the lookup answers "not found" at once. The same libraries are loaded.

When it subsets a font, WeasyPrint allocates its glyph lists as `ffi.new(f"hb_codepoint_t[{n}]")`:
a type named by its length. cffi parses every type name it has not seen with its C parser,
so each document pays a parse for each font, each glyph count being new: 29 of the 37 parses
in laying out the sample's parts, about 0.08 s (`bench/sized_arrays.py`). Such a name is
answered here with the array type built from its item type, the very type object the parse
would give.
"""

from __future__ import annotations

import ctypes.util
import re
import sys
from typing import Any

_SIZED_ARRAY = re.compile(r"\s*(?P<item>[A-Za-z_][\w ]*?)\s*\[\s*(?P<length>\d+)\s*\]\s*")


def load_engine() -> None:
    """Import WeasyPrint and the tagging that hooks into it, once per process."""
    if "weasyprint" not in sys.modules and sys.platform.startswith("linux"):
        lookup = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None
        try:
            import weasyprint  # noqa: F401
        finally:
            ctypes.util.find_library = lookup
    from weasyprint.text.ffi import ffi

    if not getattr(ffi.new, "builds_sized_arrays", False):
        ffi.new = _sized_arrays_built(ffi)
    import inspection_report.pdf_tags  # noqa: F401


def _sized_arrays_built(ffi: Any) -> Any:
    """`ffi.new` for which a one-dimensional array type of a fixed length, such as "uint8_t[40]",
    is built from its item's pointer type instead of parsed; any other type name is parsed."""
    import _cffi_backend

    new = ffi.new

    def sized_new(cdecl: Any, init: Any = None) -> Any:
        match = _SIZED_ARRAY.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if match is not None:
            pointer = ffi.typeof(f"{match['item']} *")
            cdecl = _cffi_backend.new_array_type(pointer, int(match["length"]))
        return new(cdecl, init)

    sized_new.builds_sized_arrays = True  # type: ignore[attr-defined]
    return sized_new
