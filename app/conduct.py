"""The code of conduct as the site uses it: the rules people report under and moderators cite,
and the steps taken when they are broken.

content/pages/code-of-conduct.md says the same in full; a test keeps the two in step.
"""

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Rule:
    key: str
    number: int
    title: str

    @property
    def label(self) -> str:
        return f"Rule {self.number}: {self.title}"


RULES = (
    Rule("kind", 1, "Be kind"),
    Rule("experiences", 2, "Share experiences, not medical instructions"),
    Rule("anonymous", 3, "Keep yourself and others anonymous"),
    Rule("content-note", 4, "Use a content note for difficult topics"),
    Rule("no-methods", 5, "No graphic detail of self-harm or suicide methods"),
    Rule("no-selling", 6, "No selling or promotion"),
)
RULES_BY_KEY = {rule.key: rule for rule in RULES}

# Reasons to report that are not a broken rule. A worried report puts the post with the
# possible-risk items and never counts towards hiding it: being worried about someone is not a
# reason to take their words away.
WORRIED = "worried"
OTHER = "other"
REPORT_REASONS = {
    WORRIED: "I am worried about the person who wrote this",
    **{rule.key: rule.label for rule in RULES},
    OTHER: "Something else",
}


def reason_label(key: str | None) -> str:
    if key in RULES_BY_KEY:
        return RULES_BY_KEY[key].label
    return REPORT_REASONS.get(key, "")


# Suspension lengths, the third to fifth steps after a reminder and a warning.
SUSPENSIONS = {
    "2-weeks": ("2 weeks", timedelta(days=14)),
    "1-month": ("1 month (30 days)", timedelta(days=30)),
    "permanent": ("Permanently", None),
}

# How long a member can hide Talk from themselves, in days.
BREAKS = {1: "1 day", 7: "7 days", 30: "30 days"}
