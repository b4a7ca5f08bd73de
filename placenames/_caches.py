"""Bounded caches that live as long as their gazetteer: in a stream of documents the same names
and the same places recur, and looking them up again costs SQLite queries and model building."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from ._normalize import normalize

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

T = TypeVar("T")
# by id(gazetteer): a plain dict is read in a fraction of a WeakKeyDictionary's time, and a
# finalizer drops a gazetteer's caches when it is collected (before its id can be reused)
_caches: dict[int, dict[Callable[..., Any], Callable[..., Any]]] = {}
_lock = threading.Lock()


def cached(gaz: Gazetteer, func: Callable[..., T], maxsize: int) -> Callable[..., T]:
    """``func(gaz, *args)`` as a function of ``args``, memoized per gazetteer (an LRU of
    ``maxsize`` entries; thread-safe, as functools.lru_cache is)."""
    memo = _caches.get(id(gaz), {}).get(func)   # without the lock: the common case, and dicts read atomically
    if memo is not None:
        return memo
    with _lock:
        per_gaz = _caches.get(id(gaz))
        if per_gaz is None:
            per_gaz = _caches[id(gaz)] = {}
            weakref.finalize(gaz, _caches.pop, id(gaz), None)
        memo = per_gaz.get(func)
        if memo is None:
            proxy = weakref.proxy(gaz)   # the cache must not keep its gazetteer alive
            memo = per_gaz[func] = lru_cache(maxsize=maxsize)(lambda *args: func(proxy, *args))
        return memo


NORMALIZED = 65_536   # distinct strings whose normalized form is kept
NORMALIZED_LENGTH = 64   # ... when this short: words and names (a run of Han text is one "word")
_normalized = lru_cache(maxsize=NORMALIZED)(normalize)


def normalized(text: str) -> str:
    """``normalize``, memoized for short strings: the words and names of news recur, within
    and across texts."""
    return _normalized(text) if len(text) <= NORMALIZED_LENGTH else normalize(text)
