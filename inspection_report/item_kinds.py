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
    unused: Literal["warning", "error", "never"] = "warning"
    """What it means when no prose uses an item of this kind."""
    illustrative: bool = False
    """Whether an item of this kind may be declared illustrative (not from the source)."""


ITEM_KINDS: tuple[ItemKind, ...] = (
    ItemKind("counts", "count", "count", Count, "inline", illustrative=True),
    ItemKind("measures", "measure", "measure", Measure, "inline", illustrative=True),
    ItemKind(
        "key_facts", "fact", "key fact", KeyFact, "inline", role="fact", unused="never", illustrative=True
    ),
    ItemKind("footnotes", "note", "footnote", Footnote, "inline", role="footnote", unused="error"),
    ItemKind("examples", "example", "practice example", PracticeExample, "block", role="example"),
    ItemKind("quotes", "quote", "quote", Quote, "block", role="quote"),
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
        role="recommendation",
        unused="never",
    ),
    ItemKind("glossary", None, "glossary entry", GlossaryEntry, "list", role="glossary", unused="never"),
    ItemKind("exhibits", "exhibit", "exhibit", Exhibit, "block", role="exhibit"),
)
BY_COLLECTION = {kind.collection: kind for kind in ITEM_KINDS}
BY_REFERENCE = {kind.reference: kind for kind in ITEM_KINDS if kind.reference}
COLLECTIONS = tuple(BY_COLLECTION)
