"""Specific exceptions of the core; the CLIs map each to a one-line message and an exit code."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error the core raises on purpose. `str(error)` is a one-line message."""

    exit_code = 1


class InputError(NewsdeskError):
    """The input could not be read or used (missing file, failed URL, undecodable bytes)."""


class EmptyInputError(InputError):
    """The input holds no text (empty or whitespace only)."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class UsageError(NewsdeskError):
    """The caller asked for something that does not exist (exit code 2)."""

    exit_code = 2


class UnknownMethodError(UsageError):
    """No summarization method has that name."""


class UnsupportedLanguageError(UsageError):
    """The language is not one Newsdesk can segment, stem and summarize."""


class InvalidLengthError(UsageError):
    """A summary length (sentences, ratio, words) that makes no sense."""


class LibraryError(NewsdeskError):
    """The article library could not be opened or written (wrong file, newer schema, ...)."""
