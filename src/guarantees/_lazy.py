"""Lazy exports (PEP 562): a package's public names are imported on first use.

``guarantees`` and ``guarantees.analysis`` use it so that importing them, or starting the command
line, loads no pydantic model, YAML, rule or numpy until a program touches one. Type checkers see
each package's eager imports under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["install"]


def install(package: str, table: Mapping[str, str | None], *, keep: Iterable[str] = ()) -> None:
    """Give ``package`` (already in ``sys.modules``) a ``__getattr__`` that imports its names.

    ``table`` maps each public name to the submodule (relative to the package) that defines it; a
    name mapped to ``None`` is itself a submodule. A name, once imported, is stored on the package,
    so later look-ups do not reach the ``__getattr__``.

    The import system binds every submodule on its package once loaded, so the first import of
    ``guarantees.analysis.plan`` (done by whatever uses it first) would replace the function
    ``plan`` with the submodule of the same name. The package refuses that binding for every
    exported name that is not a submodule, and for the names in ``keep`` (functions the package
    defines itself), as eager imports did by binding the function last. ``from package.plan
    import ...`` and ``importlib.import_module`` are unaffected: they read ``sys.modules``.
    """
    module = sys.modules[package]
    namespace = vars(module)
    guarded = frozenset([*(name for name, where in table.items() if where is not None), *keep])

    def lazy_getattr(name: str) -> Any:
        try:
            module_name = table[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        if module_name is None:
            value: Any = import_module(f".{name}", package)
        else:
            value = getattr(import_module(module_name, package), name)
        namespace[name] = value
        return value

    class LazyPackage(types.ModuleType):
        def __setattr__(self, name: str, value: Any) -> None:
            if name in guarded and isinstance(value, types.ModuleType):
                return
            super().__setattr__(name, value)

    namespace["__getattr__"] = lazy_getattr
    module.__class__ = LazyPackage
