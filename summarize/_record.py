"""`Record`: `typing.NamedTuple`'s class syntax at run time, without importing `typing`.

Why this exists: `import typing` is a noticeable share of the one-shot `summarize -n 3` start-up
budget (`tests/benchmarks/bench_startup.py` measures the command), and the records of the hot path (`summarize.models`, `Language`, ...) were its only run-time users. Type checkers
see `typing.NamedTuple` itself (modules import it under `if TYPE_CHECKING:`); at run time this
builds the same thing `typing.NamedTuple` builds: a `collections.namedtuple` class with the
annotated fields, their defaults, and the class body's methods, properties and docstring.

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from ._record import Record as NamedTuple

Only what Newsdesk uses is supported: fields with optional defaults (defaults last), methods,
properties, class methods and docstrings; no generics, no multiple inheritance.
"""

from __future__ import annotations

from collections import namedtuple

_NOT_COPIED = frozenset(
    {"__module__", "__qualname__", "__annotations__", "__dict__", "__weakref__", "__classcell__"}
)


class _RecordMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, object]) -> type:
        if not bases:  # `Record` itself
            return super().__new__(mcs, name, bases, namespace)
        annotations = dict(namespace.get("__annotations__", {}))  # type: ignore[call-overload]
        fields = list(annotations)
        defaults = [namespace[f] for f in fields if f in namespace]
        if any(f in namespace for f in fields[: len(fields) - len(defaults)]):
            raise TypeError(f"{name}: fields with defaults must come after fields without")
        module = str(namespace.get("__module__", __name__))
        cls = namedtuple(name, fields, defaults=defaults, module=module)  # type: ignore[misc]
        cls.__annotations__ = annotations
        cls.__qualname__ = str(namespace.get("__qualname__", name))
        for key, value in namespace.items():
            if key not in fields and key not in _NOT_COPIED:
                setattr(cls, key, value)
        return cls


class Record(metaclass=_RecordMeta):
    """Base class: `class Point(Record): x: int; y: int = 0` makes a named tuple type."""

    __slots__ = ()
