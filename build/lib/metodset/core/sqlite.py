"""SQLite's LIKE folds the case of ASCII letters only, so «иванова» would not find
«Иванова» on a SQLite deployment while it does on PostgreSQL. Every SQLite connection gets
a LIKE that folds the case of any letter, as the Russian interface needs."""

import re
from functools import lru_cache

from django.db.backends.signals import connection_created


@lru_cache(maxsize=512)
def _pattern(pattern: str, escape: str | None) -> re.Pattern:
    parts, chars = [], iter(pattern)
    for char in chars:
        if escape and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.DOTALL | re.IGNORECASE)


def like(pattern, value, escape=None) -> bool | None:
    """SQLite's like(X, Y[, Z]): does Y match the pattern X (with Z as its escape)?"""
    if pattern is None or value is None:
        return None
    return _pattern(pattern, escape).fullmatch(str(value)) is not None


def _install(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, like, deterministic=True)
        connection.connection.create_function("like", 3, like, deterministic=True)


def install() -> None:
    connection_created.connect(_install, dispatch_uid="metodset-sqlite-unicode-like")
