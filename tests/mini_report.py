"""A tiny report written from Python, for tests that need small drafts to compare or break."""

from __future__ import annotations

import textwrap
from pathlib import Path

FILES = {
    "report.yaml": """
        report:
          id: mini
          title: Quality & Impact inspection
          area: Testshire
          programme: Quality & Impact
          inspectorate: HM Inspectorate of Probation
          published: 2020-05
          status: draft
          signatory: {name: A Chief, role: HM Chief Inspector of Probation}
          plain_abbreviations: [HM]
        organisations:
          - {id: crc, short: CRC, name: Community Rehabilitation Company}
          - {id: nps, short: NPS, name: National Probation Service}
        """,
    "cases.yaml": """
        counts:
          - {id: all-cases, value: 20, description: Cases inspected}
          - {id: crc, value: 12, of: all-cases, partition: sample, description: CRC cases inspected}
          - {id: nps, value: 8, of: all-cases, partition: sample, description: NPS cases inspected}
        """,
    "parts/01-foreword.md": """
        ---
        id: foreword
        title: Foreword
        kind: front
        ---
        We inspected probation work in Testshire.

        The work was good.

        {signature}
        """,
    "parts/02-findings/index.md": """
        ---
        id: findings
        title: Findings
        ---
        This chapter reports what we found.
        """,
    "parts/02-findings/1-crc.md": """
        ---
        id: findings-crc
        title: Effectiveness of the CRC
        ---
        In {count:crc-abided} of the {count:crc} cases the service user abided by the sentence,
        that is {count:crc-abided|percent} of them.

        Staff were well trained.{note:training-source}

        {example:amy}

        {quote:officer}

        {enablers-barriers:eb-crc}
        """,
    "parts/02-findings/2-nps.md": """
        ---
        id: findings-nps
        title: Effectiveness of the NPS
        ---
        Work by the NPS was thorough in {count:nps-thorough} of {count:nps} cases.

        {exhibit:chart-abiding}
        """,
    "parts/02-findings/items.yaml": """
        counts:
          - {id: crc-abided, value: 9, of: crc, description: CRC cases that abided by the sentence}
          - {id: nps-thorough, value: 6, of: nps, description: NPS cases with thorough work}
        footnotes:
          - {id: training-source, text: Training records for 2019}
        examples:
          - id: amy
            kind: good
            organisation: crc
            pseudonym: Amy
            text: Amy found work and kept it for a whole year.
        quotes:
          - {id: officer, speaker: CRC responsible officer, text: We know our cases well}
        enablers_barriers:
          - id: eb-crc
            enablers: [Staff knew their cases., Managers supported staff.]
            barriers: [Travel was hard.]
        exhibits:
          - id: chart-abiding
            label: Chart
            title: Abiding by the Sentence
            chart: case-findings
            questions:
              - text: Did the service user abide by the sentence?
                counts: [crc-abided]
        """,
    "parts/03-recommendations/index.md": """
        ---
        id: recommendations
        title: Recommendations
        ---
        {recommendations}
        """,
    "parts/03-recommendations/recommendations.yaml": """
        recommendation_groups:
          - id: to-crc
            addressees: [crc]
            recommendations:
              - {id: supervise-staff, text: provide regular supervision to all staff}
              - {id: review-cases, text: review cases when circumstances change}
          - id: to-nps
            addressees: [nps]
            recommendations:
              - {id: share-forms, text: share complete allocation forms with the CRC}
        """,
    "parts/04-glossary/index.md": """
        ---
        id: glossary
        title: Glossary
        kind: appendix
        ---
        {glossary}

        {team}
        """,
    "parts/04-glossary/glossary.yaml": """
        glossary:
          - {id: glossary-crc, term: CRC, abbreviation: CRC, definition: Community Rehabilitation Company}
          - {id: glossary-nps, term: NPS, abbreviation: NPS, definition: National Probation Service}
        team:
          - role: Lead Inspector
            members: [{name: Sam Lead, title: Inspector}]
        """,
}


def write_mini_report(findings: Path) -> Path:
    """Write the tiny report under `findings/mini/` and return its folder."""
    folder = findings / "mini"
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder
