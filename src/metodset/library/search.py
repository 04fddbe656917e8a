"""Russian full-text search over the bank, plans and events.

PostgreSQL: each `SearchEntry` keeps a tsvector of its title (weight A) and text (weight B)
built with the `russian` configuration, under a GIN index; a query is a websearch tsquery
in the same configuration, ranked by `ts_rank` and shown with `ts_headline` snippets.

Every other database (SQLite in development and the demo): each entry keeps « stem stem … »
of the same text made by the Snowball Russian stemmer, and a query matches entries that hold
every stem of its words, so «объединения» finds «объединение» there too.

Both fold «ё» into «е» on the stored text and on the query, and both read the few words whose
base form Snowball cuts short («опыт» → «оп», but «опыта» → «опыт») as their genitive, so that
«опыт» and «опыта» find the same entries (`STEM_FIXES`). Snippets are made from the
escaped text with <mark> around the matched words: no user text is ever marked safe as is.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

import snowballstemmer
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Func, IntegerField, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from metodset.library.models import SearchEntry

WORD = re.compile(r"\w+", re.UNICODE)
START, STOP = "\x01", "\x02"  # headline markers, replaced by <mark> after escaping
SNIPPET_WORDS = 30
_local = threading.local()


def _stemmer():
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("russian")
    return _local.stemmer


# Masculine nouns whose nominative the Snowball Russian stemmer (Python's and PostgreSQL's
# alike) takes for a verb form and cuts short: «опыт» → «оп» while «опыта», «опыту», «опытом»
# → «опыт». Each is stemmed as its genitive (the word + «а»), on the stored text and on the query.
STEM_FIXES = (
    "опыт",
    "коллектив",
    "актив",
    "архив",
    "мотив",
    "визит",
    "лимит",
    "кредит",
    "алфавит",
)
FIXES_PATTERN = r"\m(" + "|".join(STEM_FIXES) + r")\M"  # PostgreSQL's word boundaries
_FIXED = frozenset(STEM_FIXES)


def normalize(text: str) -> str:
    return (text or "").lower().replace("ё", "е")


def _fixed(word: str) -> str:
    return word + "а" if word in _FIXED else word


def stem_word(word: str) -> str:
    """The stem of one word (any case, ё or е)."""
    return _stemmer().stemWord(_fixed(normalize(word)))


def stems_of(text: str) -> list[str]:
    """The Snowball Russian stems of the words of `text` (ё folded into е), in order."""
    return _stemmer().stemWords([_fixed(w) for w in WORD.findall(normalize(text))])


def stem_line(*texts: str) -> str:
    """« stem stem … »: the distinct stems, space-delimited on both sides for exact matches."""
    unique = dict.fromkeys(s for text in texts for s in stems_of(text))
    return " " + " ".join(unique) + " " if unique else ""


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _folded(column: str):
    folded = Replace(Lower(F(column)), Value("ё"), Value("е"), output_field=TextField())
    return Func(
        folded,
        Value(FIXES_PATTERN),
        Value(r"\1а"),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def vector_expression():
    """The tsvector of an entry, built in the database from its own columns."""
    return SearchVector(_folded("title"), weight="A", config="russian") + SearchVector(
        _folded("body"), weight="B", config="russian"
    )


def refresh_vectors(entries: QuerySet[SearchEntry]) -> None:
    """Recompute the tsvector of `entries` (PostgreSQL only; a no-op elsewhere). PostgreSQL
    never reads the stems, so they are emptied there: the narrower the row, the faster a
    search that ranks thousands of matches (see also the migration keeping the vector
    uncompressed, `0003_search_vector_storage`)."""
    if uses_postgres():
        entries.update(vector=vector_expression(), stems="")


# --- Querying -------------------------------------------------------------------------------


@dataclass
class Hit:
    entry: SearchEntry
    snippet: SafeString
    rank: float = 0.0


# A search counts its matches up to this many: beyond, the total reads «более N», the page
# is taken in the bank's browsing order (newest school year, then title) through its index
# rather than by ranking every match, and the user is asked to narrow the query.
COUNT_CAP = 1000


@dataclass
class Result:
    query: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    # True: more than `total` (= COUNT_CAP) entries match, the page is not ranked by relevance.
    capped: bool = False


def _query_words(query: str) -> list[str]:
    return [w for w in WORD.findall(normalize(query)) if len(w) > 1][:12]


def matching(entries: QuerySet[SearchEntry], query: str) -> QuerySet[SearchEntry]:
    """`entries` that match every word of `query` in any of its forms."""
    words = _query_words(query)
    if not words:
        return entries.none()
    if uses_postgres():
        return entries.filter(vector=_tsquery(words))
    for stem in _stemmer().stemWords([_fixed(w) for w in words]):
        entries = entries.filter(stems__contains=f" {stem} ")
    return entries


def _tsquery(words: list[str]) -> SearchQuery:
    return SearchQuery(" ".join(_fixed(w) for w in words), config="russian", search_type="plain")


def _headline_query(words: list[str]) -> SearchQuery:
    """The query whose words the snippet marks: also the base forms of `STEM_FIXES` as the
    body has them («опыт», stemmed «оп»), since the snippet is cut from the text as written."""
    query = _tsquery(words)
    fixed_stems = {stem_word(fix): fix for fix in STEM_FIXES}
    for word in words:
        if (base := fixed_stems.get(stem_word(word))) is not None:
            query |= SearchQuery(base, config="russian", search_type="plain")
    return query


BROWSE_ORDER = ("-school_year", "title", "pk")  # served by the index `library_entry_browse`


def search(entries: QuerySet[SearchEntry], query: str, *, offset: int = 0, limit: int = 20):
    """The page [offset, offset+limit) of `entries` matching `query`, with snippets, in a
    fixed number of queries whatever the page or the number of matches.

    The matches are counted up to `COUNT_CAP` + 1 (the count stops there). A narrow query
    (at most `COUNT_CAP` matches) is exact: PostgreSQL ranks every match (`ts_rank`), other
    databases list them newest first. A broad one reads «более COUNT_CAP», and its page comes
    in the browsing order through the index, so that neither database ranks or sorts
    thousands of rows; its pages stay within the first `COUNT_CAP` matches."""
    words = _query_words(query)
    if not words:
        return Result(query, 0)
    found = matching(entries, query)
    if uses_postgres():
        return _search_postgres(found, query, words, offset, limit)
    counted = _capped(found).count()
    total, capped = min(counted, COUNT_CAP), counted > COUNT_CAP
    if offset >= total:
        return Result(query, total, capped=capped)
    limit = min(limit, total - offset)
    page = list(found.order_by(*BROWSE_ORDER).defer("vector")[offset : offset + limit])
    stems = {stem_word(w) for w in words}
    hits = [Hit(e, highlight(e.body, stems)) for e in page]
    return Result(query, total, hits, capped=capped)


def _capped(found: QuerySet[SearchEntry]) -> QuerySet:
    return found.order_by().values("pk")[: COUNT_CAP + 1]


def _snippet(words: list[str]) -> SearchHeadline:
    return SearchHeadline(
        "body",
        _headline_query(words),
        config="russian",
        start_sel=START,
        stop_sel=STOP,
        max_words=SNIPPET_WORDS,
        min_words=12,
    )


def _search_postgres(found, query: str, words: list[str], offset: int, limit: int) -> Result:
    """One round trip for a broad query: the page in the browsing order (the index, 20 rows
    read past the ones that do not match), each row with its rank, its snippet and the
    capped count. A narrow one then takes one more: its page ranked, with the snippets."""
    if offset >= COUNT_CAP:
        return Result(query, COUNT_CAP, capped=_capped(found).count() > COUNT_CAP)
    try:
        sql, params = _capped(found).query.sql_with_params()
    except EmptyResultSet:  # a filter nothing can match: a year or an id out of range
        return Result(query, 0)
    # The SQL is Django's own compilation of the queryset, its values passed as parameters.
    counted = RawSQL(  # noqa: S611  # nosec B611
        f"SELECT count(*) FROM ({sql}) AS capped",  # noqa: S608  # nosec B608
        params,
        output_field=IntegerField(),
    )
    rank = SearchRank(F("vector"), _tsquery(words))
    window = min(limit, COUNT_CAP - offset)
    page = list(
        found.annotate(rank=rank, snippet=_snippet(words), matches=counted)
        .defer("vector", "stems", "body")
        .order_by(*BROWSE_ORDER)[offset : offset + window]
    )
    if not page:
        counted_rows = _capped(found).count() if offset else 0
        return Result(query, min(counted_rows, COUNT_CAP), capped=counted_rows > COUNT_CAP)
    if page[0].matches > COUNT_CAP:
        hits = [Hit(e, _marked(e.snippet or ""), e.rank) for e in page]
        return Result(query, COUNT_CAP, hits, capped=True)
    # Narrow: every match ranked; PostgreSQL makes the snippets after the sort, for the
    # page's rows only.
    ranked = (
        found.annotate(rank=rank, snippet=_snippet(words))
        .defer("vector", "stems", "body")
        .order_by("-rank", "title", "pk")[offset : offset + limit]
    )
    hits = [Hit(e, _marked(e.snippet or ""), e.rank) for e in ranked]
    return Result(query, page[0].matches, hits)


def _marked(text: str) -> SafeString:
    # Escaped first; only our own markers become tags.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def highlight(text: str, stems: set[str], words: int = SNIPPET_WORDS) -> SafeString:
    """A window of `text` around its first matched word, matched words in <mark>."""
    tokens = re.split(r"(\w+)", text or "")
    matched = [i for i in range(1, len(tokens), 2) if stem_word(tokens[i]) in stems]
    first = matched[0] if matched else 1
    start = max(0, first - words // 3 * 2)
    end = min(len(tokens), start + words * 2)
    for i in matched:
        if start <= i < end:
            tokens[i] = f"{START}{tokens[i]}{STOP}"
    snippet = "".join(tokens[start:end]).strip()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return _marked(f"{prefix}{snippet}{suffix}")
