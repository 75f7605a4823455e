"""Finding phrases that may mean someone is at risk, in what members write.

The list is content/safety/risk-phrases.txt, kept by people and reviewed with the moderators; its
header explains how phrases are matched. It is read once and again whenever the file changes.
"""

import re
import threading
from pathlib import Path


def phrase_pattern(phrase: str) -> str:
    """A phrase as a regular expression: spaces, hyphens and apostrophes matched loosely."""
    parts = []
    for char in phrase.strip():
        if char.isspace():
            if parts[-1:] != [r"\s+"]:
                parts.append(r"\s+")
        elif char == "-":
            parts.append(r"[-\s]?")
        elif char in "'\u2019":
            parts.append("['\u2019]?")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def read_phrases(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def compile_phrases(phrases: list[str]) -> re.Pattern | None:
    if not phrases:
        return None
    # Longest first, so "ending it all" is reported rather than a shorter phrase inside it.
    alternatives = "|".join(phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


class RiskPhrases:
    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._signature = None
        self._pattern = None

    def _current(self) -> re.Pattern | None:
        try:
            stat = self.path.stat()
            signature = (stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            signature = None
        if signature != self._signature:
            with self._lock:
                self._pattern = compile_phrases(read_phrases(self.path)) if signature else None
                self._signature = signature
        return self._pattern

    def find(self, text: str) -> list[str]:
        """The phrases found in text, each once, as they were written there (lower case)."""
        pattern = self._current()
        if pattern is None or not text:
            return []
        found = (" ".join(m.group(0).lower().split()) for m in pattern.finditer(text))
        return list(dict.fromkeys(found))
