"""The discussion spaces a new site starts with, and the condition tags threads can carry.

Spaces live in the database (created by the migrations; `flask set-space` edits or adds one).
Tags are fixed here so every filter link stays stable.
"""

DEFAULT_SPACES = [
    ("introductions", "Introductions", "Say hello, and a little about yourself if you like."),
    ("mind-and-body", "Mind and body", "How your condition and your mood affect each other."),
    (
        "living-with-my-condition",
        "Living with my condition",
        "Day-to-day life with a long-term condition: what is hard and what helps.",
    ),
    (
        "asking-for-help",
        "Asking for help and getting care",
        "Talking to your GP or care team, and finding support.",
    ),
    ("good-days", "Good days: what helped", "Small wins and things that made a difference."),
    (
        "family-friends-carers",
        "Family, friends and carers",
        "Relationships, telling people, and the people who support you.",
    ),
    ("off-topic", "Off-topic and chat", "Anything else: hobbies, pets, the weather."),
]

CONDITION_TAGS = {
    "diabetes": "Diabetes",
    "copd-lung": "COPD and lung conditions",
    "arthritis-joint-pain": "Arthritis and joint pain",
    "heart": "Heart conditions",
    "chronic-pain": "Chronic pain",
    "kidney": "Kidney conditions",
    "multiple": "Multiple conditions",
    "other": "Other conditions",
}

# Where a learn page's readers can talk about it, by the page's first topic.
LEARN_TOPIC_SPACES = {
    "mind-and-body": "mind-and-body",
    "low-mood": "mind-and-body",
    "thoughts-and-feelings": "mind-and-body",
    "getting-help": "asking-for-help",
    "relationships": "family-friends-carers",
    "peer-support": "introductions",
    "being-active": "good-days",
}
DEFAULT_LEARN_SPACE = "living-with-my-condition"
