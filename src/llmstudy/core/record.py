"""``Record``: a frozen, typed record that costs almost nothing to define.

``typing.NamedTuple`` builds each class with ``exec`` (about 0.15 ms apiece here); the
hot commands import a few dozen result types, which came to most of a bare Python
start. A ``Record`` subclass is an ordinary class: fields come from its annotations,
the type checker sees a frozen dataclass (``dataclass_transform``), and instances
offer ``_asdict`` and ``_replace`` like a NamedTuple.
"""

from __future__ import annotations

# The hot commands never import typing (a few ms, a fifth of a bare Python start): its names
# are for the type checker only, which reads any ``TYPE_CHECKING`` as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, Self, dataclass_transform
else:

    def dataclass_transform(**_: object) -> object:
        return lambda cls: cls

_MISSING = object()


@dataclass_transform(frozen_default=True)
class Record:
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}  # per class, set once in __init_subclass__

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = tuple(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063 - inspect is slow to import
        cls._fields = tuple(f for f in cls._fields if f not in own) + own
        cls._defaults = {f: cls.__dict__[f] for f in own if f in cls.__dict__} | {
            f: v for f, v in cls._defaults.items() if f not in own
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} fields, got {len(args)}")
        values = dict(zip(fields, args, strict=False))
        for name, value in kwargs.items():
            if name not in fields or name in values:
                raise TypeError(f"{type(self).__name__}: unexpected or repeated field {name!r}")
            values[name] = value
        for name in fields:
            value = values.get(name, self._defaults.get(name, _MISSING))
            if value is _MISSING:
                raise TypeError(f"{type(self).__name__} is missing field {name!r}")
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def _asdict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self._fields}

    def _replace(self, **changes: Any) -> Self:
        return type(self)(**(self._asdict() | changes))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._fields)

    def __hash__(self) -> int:
        return hash((type(self).__name__, *(getattr(self, f) for f in self._fields)))

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({inner})"
