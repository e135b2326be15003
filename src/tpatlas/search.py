"""One search over muscles, conditions, regions and zones, forgiving of case and small typos.

Pure functions. Every entry has names (label, synonyms, lay words from the data) and
the view that answers it: a muscle opens its pattern, a condition or a zone opens the
pain finder on the zones where it is felt, a region opens the body map.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from tpatlas.conditions import Conditions, normalize
from tpatlas.data import Atlas, data_dir, split_list

KINDS = ("muscle", "condition", "region", "zone", "learn")  # also the order of equal scores
KIND_NAMES = {
    "muscle": "Muscle",
    "condition": "Condition",
    "region": "Body region",
    "zone": "Body area",
    "learn": "Learn page",
}
PAGES = {
    "muscle": "pages/pattern.py",
    "condition": "pages/finder.py",
    "region": "pages/body_map.py",
    "zone": "pages/finder.py",
    "learn": "pages/learn.py",
}
# Words that say nothing about where or what ("pain in my calf muscle" -> "calf").
STOP_WORDS = frozenset(
    {"a", "an", "the", "my", "me", "i", "im", "is", "it", "its", "of", "in", "on", "at", "to",
     "and", "or", "with", "have", "has", "got", "muscle", "muscles", "pain", "pains", "painful",
     "ache", "aches", "aching", "achy", "hurt", "hurts", "hurting", "sore",
     # filler of a sentence ("shoulder pain when lifting my arm", "what is dry needling")
     "when", "while", "after", "before", "if", "for", "from", "by", "up", "down", "out", "into",
     "this", "that", "there", "here", "what", "how", "why", "does", "do", "can", "cant", "get",
     "gets", "getting", "feel", "feels", "feeling", "really", "very", "bit", "lot", "so", "some",
     "be", "am", "are", "was", "been", "you", "your", "about", "also", "too", "just"}
)  # fmt: skip
# wider names score a little lower: a muscle's region and zone ("shoulder" finds the shoulder
# muscles), a Learn page's tab
BROAD = 0.85
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
    broad: tuple[str, ...] = ()  # wider names, matched at BROAD (a muscle's region)

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


def _entry(
    kind: str, key: str, label: str, names: Iterable[str], params: dict[str, str], broad: Iterable[str] = ()
) -> Entry:
    unique = dict.fromkeys(n for n in (normalize(x) for x in (label, *names)) if n)
    wide = tuple(n for n in dict.fromkeys(normalize(x) for x in broad) if n and n not in unique)
    return Entry(kind, key, label, tuple(unique), tuple(params.items()), wide)


_TITLE = re.compile(r"^(title|tab):\s*(.+?)\s*$")


def learn_titles(folder: Path) -> list[tuple[str, str, str]]:
    """(file stem, title, tab) of each Learn page in ``folder``/learn, read from its front matter."""
    out = []
    for path in sorted((folder / "learn").glob("*.md")):
        found: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8").splitlines()[1:12]:
            if line.strip() == "---":
                break
            if m := _TITLE.match(line):
                found[m.group(1)] = m.group(2)
        if "title" in found:
            out.append((path.stem, found["title"], found.get("tab", "")))
    return out


def build_index(atlas: Atlas, conditions: Conditions, folder: Path | None = None) -> tuple[Entry, ...]:
    """Every searchable thing in the atlas, muscles first; Learn pages from ``folder`` (data_dir())."""
    entries = []
    tps = atlas.trigger_points
    region_names = atlas.regions["label"]
    for muscle, group in tps.groupby("muscle", sort=True):
        aliases = [a for cell in group["aliases"] for a in split_list(cell)]
        first = str(group.index[0])
        broad = [region_names[r] for r in dict.fromkeys(group["region"])] + [
            atlas.zones[z].label for z in dict.fromkeys(group["location_zone"]) if z in atlas.zones
        ]
        entries.append(_entry("muscle", first, str(muscle), aliases, {"muscle": first}, broad))
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
    for stem, title, tab in learn_titles(folder or data_dir()):
        entries.append(_entry("learn", stem, title, [], {}, ["dry needling " + tab.lower()]))
    return tuple(entries)


def _singulars(word: str) -> set[str]:
    """The forms a word may have in the singular: 'calves' -> calf, 'injuries' -> injury."""
    out = {word, word.rstrip("s")}
    if word.endswith("es"):
        out.add(word[:-2])
    if word.endswith("ves"):
        out.update({word[:-3] + "f", word[:-3] + "fe"})
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    return {w for w in out if len(w) >= 3}


@lru_cache(maxsize=65536)
def word_similarity(query_word: str, name_word: str) -> float:
    """1 for the same word, high for a plural, a typed prefix or a small typo, else 0."""
    if query_word == name_word:
        return 1.0
    if _singulars(query_word) & _singulars(name_word):
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
    forward = 0.9 * (sum(best) / len(best)) * (0.7 + 0.3 * used / len(n_words))
    if len(q_words) < 2:
        return forward
    # a phrase or sentence: how much of the name it contains ("shoulder pain when lifting arm" holds
    # "shoulder"), a little lower for each word of the sentence the name does not explain
    within = [max(word_similarity(q, n) for q in q_words) for n in n_words]
    hit = sum(1 for b in best if b)
    contained = 0.85 * (sum(within) / len(within)) * (0.7 + 0.3 * hit / len(q_words))
    return max(forward, contained)


def search(index: Iterable[Entry], query: str, limit: int = 8) -> list[Hit]:
    """The best entries for ``query``, best first (equal scores: muscles, conditions, regions, zones)."""
    q = normalize(query[:MAX_QUERY])
    if len(q) < 2:
        return []
    hits = []
    for entry in index:
        score, matched = max((name_score(q, n), n) for n in entry.names)
        if entry.broad:
            score, matched = max((score, matched), *((BROAD * name_score(q, n), n) for n in entry.broad))
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
