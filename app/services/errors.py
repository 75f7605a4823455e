"""What services raise; views turn each into the right answer for the person."""

from typing import TypeVar

T = TypeVar("T")


class ServiceError(Exception):
    pass


class FieldError(ServiceError):
    """Bad input for one form field, with a message to show beside it."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class Conflict(ServiceError):
    """The thing has already changed (another moderator acted, or the author removed the post):
    nothing was done, and the message says what the state is now."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def found(thing: T | None, key: object) -> T:
    """What a lookup found; NotFound(key) when it found nothing."""
    if thing is None:
        raise NotFound(key)
    return thing
