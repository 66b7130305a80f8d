"""The typed model of a report's findings.

Each field is declared once with its type and a description; the descriptions become the
hover help of the JSON Schema that editors' tools read. Validation here is about shape and
type; rules that span items (counts adding up, references resolving) live in `checks`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

ItemId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    Field(description="Stable identifier: lower-case words joined by hyphens, unique in the report."),
]
Text = Annotated[str, StringConstraints(min_length=1)]
# House-style slips are short phrases ("risk if harm"); matching them relies on it.
MAX_SLIP_WORDS = 8
# No case sample comes near this; a larger count is a typing slip (or an attack on the arithmetic).
MAX_COUNT = 10_000_000
CHANGE_DESCRIPTION = (
    "True when the figure is a rise or fall rather than a level: it may then be negative and, "
    "as a percentage, over 100."
)
Markdown = Annotated[
    str,
    StringConstraints(min_length=1),
    Field(description="Markdown text; may use {kind:id} references."),
]


class Strict(BaseModel):
    """Unknown keys are mistakes (a misspelt field would otherwise vanish silently)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class Signatory(Strict):
    name: Text = Field(description="Who signs the foreword.")
    role: Text = Field(description="The signatory's title, as printed under the name.")


def _placeholders(value: str, allowed: set[str]) -> str:
    """A wording pattern may use only the placeholders it is given ({names}, {what}, {section})."""
    used = set(re.findall(r"\{([^{}]*)\}", value))
    unknown = sorted(used - allowed)
    if unknown:
        known = ", ".join("{" + a + "}" for a in sorted(allowed))
        raise ValueError(f"unknown placeholder {{{unknown[0]}}} in {value!r}; this wording may use {known}")
    return value


class Wording(Strict):
    """The report's fixed wording, for reports whose house wording differs from the defaults."""

    addressees: Text = Field(
        default="{names} should:",
        description="The line before each group of recommendations; {names} is the addressees, "
        "each with its article, joined with commas and 'and'.",
    )
    enablers: Text = Field(default="Enablers", description="Heading of the enablers column.")
    barriers: Text = Field(default="Barriers", description="Heading of the barriers column.")
    enabler: Text = Field(default="Enabler", description="Label of one enabler where columns stack.")
    barrier: Text = Field(default="Barrier", description="Label of one barrier where columns stack.")
    enablers_and_barriers: Text = Field(
        default="Enablers and barriers", description="How a table with both columns is named in its caption."
    )
    table_caption: Text = Field(
        default="{what}: {section}",
        description="Caption of an enablers and barriers table; {what} names what it lists, {section} "
        "is the section's number and title.",
    )
    no_enablers: Text = Field(
        default="There were no identified enablers to this work.",
        description="Printed with a table that lists barriers only.",
    )
    no_barriers: Text = Field(
        default="There were no identified barriers to this work.",
        description="Printed with a table that lists enablers only.",
    )

    @field_validator("addressees")
    @classmethod
    def _addressees(cls, value: str) -> str:
        return _placeholders(value, {"names"})

    @field_validator("table_caption")
    @classmethod
    def _caption(cls, value: str) -> str:
        return _placeholders(value, {"what", "section"})


PUBLISHED_TODO = "TODO"


class ReportMeta(Strict):
    id: ItemId = Field(description="The report id; must match the findings folder name.")
    title: Text = Field(description="Report title, e.g. 'Quality & Impact inspection'.")
    area: Text = Field(description="The area inspected, e.g. 'York & North Yorkshire'.")
    programme: Text = Field(description="The inspection programme.")
    inspectorate: Text = Field(description="The publishing inspectorate.")
    published: str = Field(
        description="Month of publication as YYYY-MM, or TODO while it is not known (a TODO "
        "marker: a warning in a draft, an error in a final report).",
        json_schema_extra={"pattern": r"^(\d{4}-(0[1-9]|1[0-2])|TODO)$"},
    )
    status: Literal["draft", "final"] = Field(description="draft or final.")
    fictional: bool = Field(
        default=False,
        description="A made-up report (for tests and training): its cover, its description and "
        "the PDF's keywords say so, so that it is never taken for an inspection.",
    )
    language: str = Field(default="en-GB", description="Document language (BCP 47 tag).")
    marking: str = Field(
        default="OFFICIAL-SENSITIVE: draft, not for publication",
        description="Protective marking printed in the header and footer of every page of a draft.",
    )
    signatory: Signatory
    plain_abbreviations: list[str] = Field(
        default_factory=list,
        description="Capitalised words that need no glossary entry or expansion: well-known "
        "abbreviations such as IT or HM, and names written in capitals.",
    )
    not_case_counts: list[Text] = Field(
        default_factory=list,
        description="Phrases that read like a case count typed by hand but are not, such as "
        "'one of the two offices': `check` leaves them alone where they stand in the prose.",
    )
    wording: Wording = Field(default_factory=Wording, description="Fixed wording, where it differs.")

    @field_validator("published")
    @classmethod
    def _year_month(cls, value: str) -> str:
        if value == PUBLISHED_TODO:
            return value
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"expected a month as YYYY-MM, such as 2016-08 (or TODO), got {value!r}")
        return value

    @property
    def published_month(self) -> tuple[int, int] | None:
        """(year, month) of publication, or None while it is still TODO."""
        if self.published == PUBLISHED_TODO:
            return None
        year, month = self.published.split("-")
        return int(year), int(month)

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.area}"


class Organisation(Strict):
    id: ItemId
    short: Text = Field(description="Short name used in prose, e.g. CRC.")
    name: Text = Field(description="Name used in headings, e.g. Community Rehabilitation Company.")
    full_name: str | None = Field(default=None, description="The full legal or local name.")
    article: Literal["the", ""] = Field(
        default="the",
        description="The article read before the name in running text ('the National Probation "
        "Service'), or '' for a name that takes none ('HM Prison and Probation Service').",
    )


class Count(Strict):
    id: ItemId
    value: int = Field(ge=0, le=MAX_COUNT, description="A whole number of cases.")
    of: ItemId | None = Field(default=None, description="Id of the count this is part of (its base).")
    partition: ItemId | None = Field(
        default=None,
        description="Counts sharing a partition and a base split that base: they must add up to it.",
    )
    description: Text = Field(description="What is counted, in plain words.")
    illustrative: bool = Field(default=False, description="True when the source does not give this value.")
    note: str | None = Field(
        default=None, description="Why the value is illustrative, or where it comes from."
    )


class Measure(Strict):
    id: ItemId
    value: float = Field(description="The figure: a level, 0 to 100 as a percentage, unless 'change'.")
    unit: Literal["percent", "number"] = "number"
    change: bool = Field(default=False, description=CHANGE_DESCRIPTION)
    description: Text
    source: str | None = None
    illustrative: bool = False
    note: str | None = None


class KeyFact(Strict):
    id: ItemId
    value: float = Field(
        description="The figure: a level, 0 to 100 as a percentage; negative only for a 'change'."
    )
    unit: Literal["percent", "number"] = "number"
    change: bool = Field(default=False, description=CHANGE_DESCRIPTION)
    qualifier: str | None = Field(default=None, description="Words before the value, e.g. 'just under'.")
    out_of: int | None = Field(default=None, ge=1, description="The whole the value is part of: '5 (of 21)'.")
    share_of: ItemId | None = Field(
        default=None, description="Facts sharing this name are shares of one whole and add to 100%."
    )
    description: Markdown
    source: ItemId | None = Field(default=None, description="Id of the footnote giving the source.")
    illustrative: bool = False


class Footnote(Strict):
    id: ItemId
    text: Markdown


class PracticeExample(Strict):
    id: ItemId
    kind: Literal["good", "poor", "neutral"] = Field(description="good, poor or neutral practice.")
    organisation: ItemId | None = Field(default=None, description="Organisation id, e.g. crc.")
    pseudonym: str | None = Field(default=None, description="The pseudonym the example uses.")
    text: Markdown


class Quote(Strict):
    id: ItemId
    speaker: Text = Field(description="Who is speaking, by role, e.g. 'CRC responsible officer'.")
    organisation: ItemId | None = None
    text: Markdown


class EnablersBarriers(Strict):
    id: ItemId
    enablers: list[Markdown] = Field(default_factory=list)
    barriers: list[Markdown] = Field(default_factory=list)


class Recommendation(Strict):
    id: ItemId
    text: Markdown


class RecommendationGroup(Strict):
    id: ItemId
    addressees: list[ItemId] = Field(min_length=1, description="Organisation ids addressed.")
    recommendations: list[Recommendation] = Field(min_length=1)


class GlossaryEntry(Strict):
    id: ItemId
    term: Text = Field(description="The term as printed in the glossary.")
    abbreviation: str | None = Field(default=None, description="The abbreviation the report uses, e.g. BBR.")
    definition: Markdown
    standard: bool = Field(
        default=False,
        description="Part of the inspectorate's standard glossary: kept even when this report never uses it.",
    )


class TeamMember(Strict):
    name: Text
    title: Text


class TeamRole(Strict):
    role: Text
    members: list[TeamMember] = Field(min_length=1)


class DataRow(Strict):
    name: Text = Field(description="Row label, e.g. a local authority.")
    values: list[float] = Field(min_length=1, description="One value per series.")
    illustrative: bool = Field(default=False, description="True when the source does not give these values.")


class Question(Strict):
    text: Text = Field(description="The inspection question, printed beside its bar.")
    counts: list[ItemId] = Field(min_length=1, description="Count ids whose sum is the 'Yes' answers.")


class Exhibit(Strict):
    id: ItemId
    label: Literal["Figure", "Table", "Chart"] = Field(description="Word printed before the number.")
    title: Text
    source: str | None = Field(default=None, description="Source line printed under the exhibit.")
    chart: Literal["bar", "grouped-bar", "stacked-bar", "table", "case-findings"]
    unit: Literal["percent", "number", "rank", "score"] = "number"
    series: list[Text] = Field(default_factory=list)
    rows: list[DataRow] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    note: str | None = Field(default=None, description="Note printed under the exhibit.")


class FindingsFile(Strict):
    """One YAML file of findings: any mix of item kinds, each a list."""

    report: ReportMeta | None = None
    organisations: list[Organisation] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    key_facts: list[KeyFact] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    examples: list[PracticeExample] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    enablers_barriers: list[EnablersBarriers] = Field(default_factory=list)
    recommendation_groups: list[RecommendationGroup] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    team: list[TeamRole] = Field(default_factory=list)
    exhibits: list[Exhibit] = Field(default_factory=list)


_EXHIBIT_PREFIX = re.compile(r"^(?:[A-Z]|\d{1,3})(?:\.\d{1,3})*\.$")


class FrontMatter(Strict):
    id: ItemId
    title: Text
    kind: Literal["front", "chapter", "appendix", "section"] = "chapter"
    exhibit_prefix: str | None = Field(
        default=None,
        description="Prefix for exhibit numbers in this part, e.g. '4.' gives 4.1, 4.2.",
        json_schema_extra={"pattern": _EXHIBIT_PREFIX.pattern},
    )

    @field_validator("exhibit_prefix")
    @classmethod
    def _prefix_ends_in_a_dot(cls, value: str | None) -> str | None:
        if value is None or _EXHIBIT_PREFIX.fullmatch(value):
            return value
        core = value.strip(" .:-")
        hint = f"; did you mean '{core}.'?" if _EXHIBIT_PREFIX.fullmatch(f"{core}.") else ""
        raise ValueError(
            f"{value!r} is not an exhibit prefix: write a number or capital letter and a dot, "
            f"such as '4.' (giving 4.1, 4.2) or 'A.'{hint}"
        )


class HouseStyle(BaseModel):
    """`findings/house-style.yaml`: the inspectorate's known slips, shared by every report."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    substitutions: dict[str, str] = Field(
        default_factory=dict, description="Slip → what to write instead; matched ignoring case."
    )
    repeated_words_allowed: list[str] = Field(
        default_factory=list, description="Words that may stand twice in a row, such as 'had had'."
    )
    quotes: Literal["typographic", "any"] = Field(
        default="any",
        description="typographic: quotes and apostrophes in prose must be curly (’ ‘ “ ”), and a "
        "straight one is an error that names the mark to write; any: either kind may be used.",
    )

    @field_validator("substitutions")
    @classmethod
    def _slips_are_short(cls, value: dict[str, str]) -> dict[str, str]:
        for slip in value:
            if not slip.strip():
                raise ValueError("a slip cannot be empty")
            if len(slip.split()) > MAX_SLIP_WORDS:
                raise ValueError(f"'{slip[:40]}…' is not a slip: a slip is at most {MAX_SLIP_WORDS} words")
        return value
