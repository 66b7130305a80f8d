"""Every kind of findings item, declared once: its YAML list, its reference word, its name.

The loader reads `counts:` lists, prose writes `{count:id}`, messages say "count", and the
diff groups "counts": these are one kind, and this table is the only place that says so.
Everything else (loading, reference checks, usage checks, reading order, diff) looks a kind
up here rather than keeping a table of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from inspection_report.model import (
    Count,
    EnablersBarriers,
    Exhibit,
    Footnote,
    GlossaryEntry,
    KeyFact,
    Measure,
    PracticeExample,
    Quote,
    RecommendationGroup,
)

Placement = Literal["inline", "block", "list"]
Role = Literal[
    "prose", "example", "quote", "table", "exhibit", "fact", "recommendation", "glossary", "footnote"
]


@dataclass(frozen=True)
class ItemKind:
    collection: str
    """The YAML list that holds these items (`counts:`), and their key in `Findings.items`."""
    reference: str | None
    """The word prose uses to refer to one item (`{count:id}`), if it can."""
    words: str
    """How a message names one item: 'count', 'practice example'."""
    model: type[BaseModel]
    placement: Placement
    """inline: quoted inside a sentence; block: placed by a paragraph of its own; list: placed
    all together by a reference that takes no id (`{recommendations}`)."""
    role: Role | None = None
    """What the reader meets when the item's text is read, for checks that care where text is."""
    main: str | None = None
    """The field that says what an item is, shown when a diff names it."""
    unused: Literal["warning", "error", "never"] = "warning"
    """What it means when no prose uses an item of this kind."""
    number: bool = False
    """A figure that prose quotes, that may be declared illustrative (not from the source), and
    whose change touches every sentence, chart and percentage that uses it."""


ITEM_KINDS: tuple[ItemKind, ...] = (
    ItemKind("counts", "count", "count", Count, "inline", main="description", number=True),
    ItemKind("measures", "measure", "measure", Measure, "inline", main="description", number=True),
    ItemKind(
        "key_facts", "fact", "key fact", KeyFact, "inline", "fact", "description", unused="never", number=True
    ),
    ItemKind("footnotes", "note", "footnote", Footnote, "inline", "footnote", "text", unused="error"),
    ItemKind("examples", "example", "practice example", PracticeExample, "block", "example", "text"),
    ItemKind("quotes", "quote", "quote", Quote, "block", "quote", "text"),
    ItemKind(
        "enablers_barriers",
        "enablers-barriers",
        "enablers and barriers table",
        EnablersBarriers,
        "block",
        "table",
    ),
    ItemKind(
        "recommendation_groups",
        None,
        "recommendation group",
        RecommendationGroup,
        "list",
        "recommendation",
        unused="never",
    ),
    ItemKind(
        "glossary", None, "glossary entry", GlossaryEntry, "list", "glossary", "definition", unused="never"
    ),
    ItemKind("exhibits", "exhibit", "exhibit", Exhibit, "block", "exhibit", "title"),
)
BY_COLLECTION = {kind.collection: kind for kind in ITEM_KINDS}
BY_REFERENCE = {kind.reference: kind for kind in ITEM_KINDS if kind.reference}
BY_WORDS = {kind.words: kind for kind in ITEM_KINDS}
COLLECTIONS = tuple(BY_COLLECTION)
