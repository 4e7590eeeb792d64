"""Read proposals (and other models) from YAML, JSON or TOML; write them back as YAML or JSON.

Every failure is a :class:`~guarantees.errors.GuaranteesError` that names the file, the line where
the format gives one, the field path as a JSON Pointer and, for a near miss, a suggestion. All
problems are reported at once. Inputs over :data:`MAX_BYTES` are refused before parsing.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
import types
import typing
from collections.abc import Iterator, Mapping
from enum import Enum
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import ErrorDetail, InputTooLarge, InvalidPolicy, InvalidProposal
from .model import Proposal

__all__ = [
    "MAX_BYTES",
    "Format",
    "dump",
    "load",
    "load_model",
    "read_data",
    "save",
    "validate",
    "write_atomic",
]

MAX_BYTES = 1_000_000
"""Largest input accepted, in bytes (about 1 MB: real proposals are a few kilobytes)."""

Format = Literal["yaml", "json", "toml"]
M = TypeVar("M", bound=BaseModel)
Lines = dict[tuple[str | int, ...], int]

_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


def load(
    source: str | bytes | os.PathLike[str],
    *,
    format: Format | None = None,
    name: str | None = None,
) -> Proposal:
    """Load and validate one proposal from a path, from text or from the bytes of a file.

    A :class:`~pathlib.Path`, or a one-line string ending in ``.yaml``, ``.yml``, ``.json`` or
    ``.toml``, is read as a file; any other string is parsed as text, and ``bytes`` as a file's
    content (UTF-8, at most :data:`MAX_BYTES`; e.g. standard input). The format comes from
    ``format``, else the suffix, else the content. ``name`` is what error messages call text or
    bytes (``"<stdin>"``); a file is called by its path.
    """
    return load_model(Proposal, source, format=format, name=name)


def load_model(
    model: type[M],
    source: str | bytes | os.PathLike[str],
    *,
    format: Format | None = None,
    name: str | None = None,
) -> M:
    """Load any pydantic model with the same error reporting as :func:`load`."""
    error = InvalidPolicy if model.__name__ == "Policy" else InvalidProposal
    text, name, fmt = _read(source, format, error, name)
    try:
        data, lines = read_data(text, fmt, name, error)
    except RecursionError:  # `[` 100,000 times: json and PyYAML recurse once per level
        detail = ErrorDetail("", "nested too deeply to read (lists or mappings within each other)")
        raise error([detail], name) from None
    return validate(model, data, name=name, lines=lines, error=error)


def validate(
    model: type[M],
    data: Any,
    *,
    name: str | None = None,
    lines: Lines | None = None,
    error: type[InvalidProposal] | type[InvalidPolicy] = InvalidProposal,
) -> M:
    """Validate plain data as ``model``, turning pydantic's errors into ours (all of them)."""
    if not isinstance(data, Mapping):
        got = type(data).__name__ if data is not None else "nothing"
        raise error([ErrorDetail("", f"expected a mapping of fields, got {got}")], name)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = [_detail(model, e, lines or {}) for e in exc.errors(include_url=False)]
        raise error(details, name) from None


def read_data(
    text: str,
    fmt: Format | None,
    name: str | None = None,
    error: type[InvalidProposal] | type[InvalidPolicy] = InvalidProposal,
) -> tuple[Any, Lines]:
    """Parse text as YAML, JSON or TOML; return the data and a map from field path to line."""
    if fmt is None:
        fmt = _sniff(text)
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise error([ErrorDetail("", f"not valid JSON: {exc.msg}", exc.lineno)], name) from None
        # JSON is (nearly) YAML, so the YAML composer can tell us where each field stands.
        try:
            lines = _yaml_lines(yaml.compose(text, Loader=yaml.SafeLoader))
        except yaml.YAMLError:
            lines = {}
        return data, lines
    if fmt == "toml":
        try:
            return tomllib.loads(text), {}
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"line (\d+)", str(exc))
            line = int(match.group(1)) if match else None
            raise error([ErrorDetail("", f"not valid TOML: {exc}", line)], name) from None
    return _load_yaml(text, name, error)


def dump(model: BaseModel, format: Literal["yaml", "json"] = "yaml") -> str:
    """Write a model as YAML or JSON; fields left at their defaults are omitted.

    ``load(dump(p)) == p`` for every valid proposal: nothing lost, nothing invented.
    """
    data = model.model_dump(mode="json", exclude_defaults=True)
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    """The safe dumper, double-quoting strings that hold a NEL (U+0085).

    PyYAML writes such a string single-quoted with the NEL as a raw line break, which its own
    reader then folds into a space, so ``load(dump(p)) != p`` (found by the property tests).
    Double quotes escape it as ``\\N``.
    """


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if "\x85" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def save(model: BaseModel, path: str | os.PathLike[str]) -> None:
    """Write a model to ``path`` (format from the suffix) atomically: all of it or nothing."""
    target = Path(path)
    fmt: Literal["yaml", "json"] = "json" if target.suffix.lower() == ".json" else "yaml"
    write_atomic(target, dump(model, fmt))


def write_atomic(target: Path, text: str) -> None:
    """Write text through a temporary file and a rename, so no reader sees half a file.

    The temporary file is created with mode ``0o666`` and the kernel applies the umask, so the
    result has the permissions a plain ``open(target, "w")`` gives (``tempfile.mkstemp`` would
    leave an owner-only file, unreadable to whoever the report is for). An ``OSError`` names
    ``target``, not the temporary file beside it.
    """
    tmp: Path | None = None  # set once the temporary file exists, so a failure removes it
    try:
        while tmp is None:
            name = target.parent / f".{target.name}.{os.urandom(6).hex()}.tmp"
            try:
                fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:  # pragma: no cover - a 48-bit name collision
                continue
            tmp = name
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None
        raise


# -- reading ---------------------------------------------------------------------------------


def _read(
    source: str | bytes | os.PathLike[str],
    fmt: Format | None,
    error: type[InvalidProposal] | type[InvalidPolicy],
    label: str | None = None,
) -> tuple[str, str | None, Format | None]:
    if isinstance(source, str) and not _looks_like_path(source):
        if len(source.encode("utf-8")) > MAX_BYTES:
            raise InputTooLarge(label or "<text>", len(source.encode("utf-8")), MAX_BYTES)
        return source, label, fmt
    if isinstance(source, bytes):
        label = label or "<bytes>"
        return _decode(source, label, error), label, fmt
    path = Path(source)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputTooLarge(name, size, MAX_BYTES)
        raw = path.read_bytes()
    except OSError as exc:
        raise error([ErrorDetail("", f"cannot read file: {exc.strerror or exc}")], name) from None
    return _decode(raw, name, error), name, fmt or _SUFFIXES.get(path.suffix.lower())


def _decode(raw: bytes, name: str, error: type[InvalidProposal] | type[InvalidPolicy]) -> str:
    """A file's bytes as text: at most :data:`MAX_BYTES`, UTF-8, a byte order mark dropped."""
    if len(raw) > MAX_BYTES:  # a file that grew between stat and read, or standard input
        raise InputTooLarge(name, len(raw), MAX_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error([ErrorDetail("", f"not UTF-8 text (byte {exc.start})")], name) from None
    return text


def _looks_like_path(text: str) -> bool:
    return "\n" not in text and Path(text).suffix.lower() in _SUFFIXES


def _sniff(text: str) -> Format:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "json"
    if re.match(r"^\s*(\[[\w.\"-]+\]|[\w\"-]+\s*=)", text):
        return "toml"
    return "yaml"


class _Loader(yaml.SafeLoader):
    """The safe loader, reporting duplicate keys instead of silently keeping the last."""


def _load_yaml(
    text: str, name: str | None, error: type[InvalidProposal] | type[InvalidPolicy]
) -> tuple[Any, Lines]:
    try:
        # The reader refuses control characters (U+001F, ...) already when it is built.
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        at = text.count("\n", 0, max(exc.position, 0)) + 1
        message = f"not valid YAML: character U+{exc.character:04X} is not allowed"
        raise error([ErrorDetail("", message, at)], name) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        duplicates = list(_duplicate_keys(node, ()))
        if duplicates:
            raise error(duplicates, name)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise error([ErrorDetail("", f"not valid YAML: {problem}", line)], name) from None
    finally:
        loader.dispose()
    return data, _yaml_lines(node)


def _duplicate_keys(node: yaml.Node, path: tuple[str | int, ...]) -> Iterator[ErrorDetail]:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            k = str(key.value)
            if k in seen:
                yield ErrorDetail(
                    _pointer((*path, k)), "key appears twice", key.start_mark.line + 1
                )
            seen.add(k)
            yield from _duplicate_keys(value, (*path, k))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*path, i))


def _yaml_lines(node: yaml.Node | None) -> Lines:
    lines: Lines = {}
    stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(node, ())] if node else []
    while stack:
        current, path = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                sub = (*path, str(key.value))
                lines[sub] = key.start_mark.line + 1
                stack.append((value, sub))
        elif isinstance(current, yaml.SequenceNode):
            for i, item in enumerate(current.value):
                lines[(*path, i)] = item.start_mark.line + 1
                stack.append((item, (*path, i)))
    return lines


# -- errors ------------------------------------------------------------------------------------


def _pointer(loc: tuple[str | int, ...]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in loc)


def _detail(model: type[BaseModel], err: Mapping[str, Any], lines: Lines) -> ErrorDetail:
    loc = tuple(p for p in err["loc"] if not _is_tagged_union_tag(p))
    kind = err["type"]
    message = str(err["msg"])
    suggestion: str | None = None
    if kind == "extra_forbidden":
        message = "unknown field"
        parent = _annotation_at(model, loc[:-1])
        if isinstance(parent, type) and issubclass(parent, BaseModel):
            suggestion = _closest(str(loc[-1]), list(parent.model_fields))
            message = f"unknown field (expected one of: {', '.join(parent.model_fields)})"
    elif kind == "enum":
        target = _annotation_at(model, loc)
        if isinstance(target, type) and issubclass(target, Enum):
            values = [str(m.value) for m in target]
            suggestion = _closest(str(err.get("input")), values)
            message = f"{err.get('input')!r} is not one of: {', '.join(values)}"
    elif kind == "unknown_party":
        known = str(err.get("ctx", {}).get("known", "")).split(", ")
        suggestion = _closest(str(err.get("input")), known)
    elif kind == "missing":
        message = "required field is missing"
    elif (
        "input" in err
        and not isinstance(err["input"], (dict, list))
        and kind != "value_error"
        and not message.endswith(repr(err["input"]))
    ):
        message = f"{message} (got {err['input']!r})"
    line = None
    for cut in range(len(loc), 0, -1):
        if loc[:cut] in lines:
            line = lines[loc[:cut]]
            break
    return ErrorDetail(_pointer(loc), message, line, suggestion)


def _is_tagged_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and part.startswith(("function-", "tagged-union"))


def _closest(word: str, candidates: list[str]) -> str | None:
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not matches:
        # a singular/plural or prefix slip ("sanction" for "sanctions_escalator")
        prefixed = [c for c in candidates if word and (c.startswith(word) or word.startswith(c))]
        return prefixed[0] if len(prefixed) == 1 else None
    return matches[0]


def _annotation_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    """The type found at ``loc`` inside ``model``, looking through tuples and optionals."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            if not args:
                return None
            current = args[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return _unwrap(current)


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp
