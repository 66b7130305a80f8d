"""The font files the report's type resolves to, as fontconfig matches them, for the
fingerprint: a font installed, removed or replaced is a change to every report.

A fresh process asks `fc-match`, all four lookups at once: loading fontconfig's bindings
would cost more than the lookups. The warm process loads the bindings and a configuration
once (`keep_configuration`); its commands ask fontconfig itself, with that configuration
while fontconfig says none of its files (settings, font folders) changed since it was
loaded, else with one loaded afresh, as `fc-match` would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

FONTS = (
    ("Liberation Sans", None),
    ("Liberation Sans", "Bold"),
    ("Liberation Sans", "Italic"),
    ("DejaVu Sans", None),
)
"""Each family and style (None for the regular face) the report's stylesheet uses."""

_DECLARATIONS = """
typedef struct _FcConfig FcConfig;
typedef struct _FcPattern FcPattern;
typedef unsigned char FcChar8;
typedef int FcBool;
typedef enum { FcResultMatch, FcResultNoMatch, FcResultTypeMismatch, FcResultNoId,
               FcResultOutOfMemory } FcResult;
typedef enum { FcMatchPattern, FcMatchFont, FcMatchScan } FcMatchKind;
FcConfig *FcInitLoadConfigAndFonts(void);
FcBool FcConfigUptoDate(FcConfig *config);
void FcConfigDestroy(FcConfig *config);
FcPattern *FcPatternCreate(void);
FcBool FcPatternAddString(FcPattern *p, const char *object, const FcChar8 *s);
FcBool FcConfigSubstitute(FcConfig *config, FcPattern *p, FcMatchKind kind);
void FcDefaultSubstitute(FcPattern *pattern);
FcPattern *FcFontMatch(FcConfig *config, FcPattern *p, FcResult *result);
FcResult FcPatternGetString(const FcPattern *p, const char *object, int n, FcChar8 **s);
void FcPatternDestroy(FcPattern *p);
"""


class _Fontconfig:
    """fontconfig's library and a configuration loaded when this was made."""

    def __init__(self) -> None:
        from cffi import FFI

        self.ffi = FFI()
        self.ffi.cdef(_DECLARATIONS)
        self.lib: Any = self.ffi.dlopen("libfontconfig.so.1")
        self.config = self.lib.FcInitLoadConfigAndFonts()

    def files(self) -> list[str]:
        if self.config != self.ffi.NULL and self.lib.FcConfigUptoDate(self.config):
            return self._matched(self.config)
        config = self.lib.FcInitLoadConfigAndFonts()
        if config == self.ffi.NULL:
            return []
        try:
            return self._matched(config)
        finally:
            self.lib.FcConfigDestroy(config)

    def _matched(self, config: Any) -> list[str]:
        ffi, lib = self.ffi, self.lib
        found = []
        for family, style in FONTS:
            pattern = lib.FcPatternCreate()
            lib.FcPatternAddString(pattern, b"family", family.encode())
            if style:
                lib.FcPatternAddString(pattern, b"style", style.encode())
            lib.FcConfigSubstitute(config, pattern, lib.FcMatchPattern)
            lib.FcDefaultSubstitute(pattern)
            match = lib.FcFontMatch(config, pattern, ffi.new("FcResult *"))
            lib.FcPatternDestroy(pattern)
            if match == ffi.NULL:
                continue
            name = ffi.new("FcChar8 **")
            if lib.FcPatternGetString(match, b"file", 0, name) == lib.FcResultMatch:
                found.append(ffi.string(name[0]).decode(sys.getfilesystemencoding(), "surrogateescape"))
            lib.FcPatternDestroy(match)
        return found


_kept: _Fontconfig | None = None


def keep_configuration() -> None:
    """Load fontconfig's bindings and configuration for this process and those it forks;
    where fontconfig cannot be loaded, lookups stay with `fc-match`."""
    global _kept
    try:
        _kept = _Fontconfig()
    except (OSError, ImportError):
        _kept = None


def configuration_is_current(config: Any, ffi: Any) -> bool:
    """Whether fontconfig finds none of the files of `config` (a configuration made through
    another set of bindings, `ffi`: WeasyPrint's) changed since it was loaded. Always true in
    a process that has not loaded fontconfig's bindings (`keep_configuration`): one that
    lives for a single build has no need to ask."""
    if _kept is None:
        return True
    pointer = _kept.ffi.cast("FcConfig *", int(ffi.cast("uintptr_t", config)))
    return bool(_kept.lib.FcConfigUptoDate(pointer))


def font_files() -> list[Path]:
    """The files FONTS match, sorted, each once; none where fontconfig is missing."""
    found = _kept.files() if _kept is not None else _asked_of_fc_match()
    return sorted({Path(name) for name in found if name and Path(name).is_file()})


def _pattern(family: str, style: str | None) -> str:
    return f"{family}:style={style}" if style else family


def _asked_of_fc_match() -> list[str]:
    if shutil.which("fc-match") is None:
        return []
    lookups = [
        subprocess.Popen(
            ["fc-match", "-f", "%{file}", _pattern(family, style)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for family, style in FONTS
    ]
    answers = [lookup.communicate()[0] for lookup in lookups]
    return [answer for lookup, answer in zip(lookups, answers, strict=True) if lookup.returncode == 0]
