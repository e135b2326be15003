"""One search over muscles, conditions, regions and zones, forgiving of case and small typos.

Pure functions. Every entry has names (label, synonyms, lay words from the data) and
the view that answers it: a muscle opens its pattern, a condition or a zone opens the
pain finder on the zones where it is felt, a region opens the body map.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from tpatlas.conditions import Conditions, normalize
from tpatlas.data import Atlas, split_list

KINDS = ("muscle", "condition", "region", "zone")  # also the order of equal scores
KIND_NAMES = {"muscle": "Muscle", "condition": "Condition", "region": "Body region", "zone": "Body area"}
PAGES = {
    "muscle": "pages/pattern.py",
    "condition": "pages/finder.py",
    "region": "pages/body_map.py",
    "zone": "pages/finder.py",
}
# Words that say nothing about where or what ("pain in my calf muscle" -> "calf").
STOP_WORDS = frozenset(
    {"a", "an", "the", "my", "me", "i", "im", "is", "it", "its", "of", "in", "on", "at", "to",
     "and", "or", "with", "have", "has", "got", "muscle", "muscles", "pain", "pains", "painful",
     "ache", "aches", "aching", "achy", "hurt", "hurts", "hurting", "sore"}
)  # fmt: skip
MAX_QUERY = 100
MIN_SCORE = 0.5


@dataclass(frozen=True)
class Entry:
    """Something the search can find, with the names it answers to and where it leads."""

    kind: str
    key: str  # tp_id (a muscle's first trigger point), condition, region or zone id
    label: str
    names: tuple[str, ...]  # normalized
    params: tuple[tuple[str, str], ...]  # query parameters of its view

    @property
    def page(self) -> str:
        return PAGES[self.kind]


@dataclass(frozen=True)
class Hit:
    """A search result: the entry, the name that matched and how well (0-1)."""

    entry: Entry
    matched: str
    score: float


def tokens(text: str) -> tuple[str, ...]:
    """The meaningful words of a text, normalized."""
    return tuple(w for w in normalize(text).split() if w not in STOP_WORDS)


def _entry(kind: str, key: str, label: str, names: Iterable[str], params: dict[str, str]) -> Entry:
    unique = dict.fromkeys(n for n in (normalize(x) for x in (label, *names)) if n)
    return Entry(kind, key, label, tuple(unique), tuple(params.items()))


def build_index(atlas: Atlas, conditions: Conditions) -> tuple[Entry, ...]:
    """Every searchable thing in the atlas, muscles first."""
    entries = []
    tps = atlas.trigger_points
    for muscle, group in tps.groupby("muscle", sort=True):
        aliases = [a for cell in group["aliases"] for a in split_list(cell)]
        first = str(group.index[0])
        entries.append(_entry("muscle", first, str(muscle), aliases, {"muscle": first}))
    for cid, rec in conditions.table.iterrows():
        zones = ",".join(split_list(rec["zones"]))
        entries.append(
            _entry("condition", str(cid), rec["label"], split_list(rec["aliases"]),
                   {"zones": zones, "condition": str(cid)})
        )  # fmt: skip
    for region, rec in atlas.regions.iterrows():
        entries.append(_entry("region", str(region), rec["label"], [str(region)], {"region": str(region)}))
    for zone, info in sorted(atlas.zones.items()):
        entries.append(_entry("zone", zone, info.label, [zone.replace("_", " ")], {"zones": zone}))
    return tuple(entries)


@lru_cache(maxsize=65536)
def word_similarity(query_word: str, name_word: str) -> float:
    """1 for the same word, high for a plural, a typed prefix or a small typo, else 0."""
    if query_word == name_word:
        return 1.0
    if query_word.rstrip("s") == name_word.rstrip("s"):
        return 0.97
    if len(query_word) >= 3 and name_word.startswith(query_word):
        return 0.9
    if min(len(query_word), len(name_word)) < 4 or abs(len(query_word) - len(name_word)) > 3:
        return 0.0
    matcher = SequenceMatcher(None, query_word, name_word)
    if matcher.real_quick_ratio() < 0.8 or matcher.quick_ratio() < 0.8:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= 0.8 else 0.0


def name_score(query: str, name: str) -> float:
    """How well a normalized query matches one normalized name, from 0 to 1.

    The whole name scores 1; the same meaningful words 0.95; otherwise each query word
    is matched to its most similar word of the name, and words of the name left
    unmatched cost a little.
    """
    if query == name:
        return 1.0
    q_words = tuple(w for w in query.split() if w not in STOP_WORDS)
    n_words = tuple(w for w in name.split() if w not in STOP_WORDS)
    if not q_words or not n_words:
        return 0.0
    if q_words == n_words:
        return 0.95
    best = [max(word_similarity(q, n) for n in n_words) for q in q_words]
    used = sum(1 for n in n_words if any(word_similarity(q, n) for q in q_words))
    return 0.9 * (sum(best) / len(best)) * (0.7 + 0.3 * used / len(n_words))


def search(index: Iterable[Entry], query: str, limit: int = 8) -> list[Hit]:
    """The best entries for ``query``, best first (equal scores: muscles, conditions, regions, zones)."""
    q = normalize(query[:MAX_QUERY])
    if len(q) < 2:
        return []
    hits = []
    for entry in index:
        score, matched = max((name_score(q, n), n) for n in entry.names)
        if score >= MIN_SCORE:
            hits.append(Hit(entry, matched, round(score, 3)))
    hits.sort(key=lambda h: (-h.score, KINDS.index(h.entry.kind), h.entry.label.lower()))
    return hits[:limit]


def describe(hit: Hit) -> str:
    """A result's line: "Upper trapezius · muscle (matched 'traps')"."""
    kind = KIND_NAMES[hit.entry.kind].lower()
    plain = normalize(hit.entry.label)
    extra = f" (matched '{hit.matched}')" if hit.matched != plain else ""
    return f"{hit.entry.label} · {kind}{extra}"
