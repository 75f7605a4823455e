"""Pages of a long list: which page, how many there are."""

from dataclasses import dataclass
from typing import Any


@dataclass
class Page:
    items: list[Any]
    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def page_count(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def page_number(requested: int, total: int, per_page: int) -> tuple[int, int]:
    """The page to show (the requested one, kept in range) and how many pages there are."""
    pages = page_count(total, per_page)
    return min(max(requested, 1), pages), pages
