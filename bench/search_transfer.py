#!/usr/bin/env python3
"""What a reader's browser downloads for a first search on a built site.

    bench/search_transfer.py OUTPUT_DIR [QUERY ...]

Follows what the default theme's search.js does for a query typed on a fresh visit: the
search page, its stylesheet and script, search/index/meta.json, the fold files of the
query's characters, the postings file of every pair, word or single character of the query,
the positions files of the pairs of a run of three units or more, and the document files of
the first 10 results. Works on indexes of format 2; an older jianbao's index (format 1)
is measured by the copy of this script in the commit that wrote it. Prints, per query, the
number of results and the bytes fetched (as stored and gzip-compressed, which is what most
static hosts send), then the median and the worst. Without queries it uses a fixed list of
towns, names, topics, Latin words and a word that is nowhere. Also prints the index's size
on disk and its number of files. Python 3 standard library only.
"""
import gzip
import json
import re
import statistics
import sys
import unicodedata
from pathlib import Path

PAGE = 10
DEFAULT_QUERIES = [
    "消防", "消防安全", "练塘镇", "白鹤镇", "佘山镇", "枫泾", "垃圾分类", "河道疏浚", "老年活动中心",
    "群租房专项整治", "廉政文艺汇演", "村规民约", "网格员", "志愿者", "组团式服务", "防汛防台",
    "何振华", "许丹丹", "周建新", "卫红", "社区卫生服务站", "两新组织党建", "迎新春", "文体团队",
    "党员", "村民", "居委会", "中小学生", "上海", "2013", "rust", "g60", "恐龙", "火星基地",
    "消防 练塘", "白鹤 志愿者", "社区助餐点建设", "吉祥村",
]


def is_ideograph(c):
    n = ord(c)
    return (0x4E00 <= n <= 0x9FFF or 0x3400 <= n <= 0x4DBF or 0x20000 <= n <= 0x2EBEF
            or 0x30000 <= n <= 0x323AF or 0xF900 <= n <= 0xFAFF or n == 0x3007
            or 0x3041 <= n <= 0x3096 or 0x30A1 <= n <= 0x30FA or n == 0x30FC)


JOINERS = set("\"'“”‘’「」『』〝〞()[]{}【】〔〕〖〗《》〈〉·・‧")
CLEAN, SPACED, BROKEN = 0, 1, 2


def units(text):
    """(is_han, text, gap) for each unit of folded text, as search.js's readUnits."""
    out, gap, word, dot = [], BROKEN, None, False

    def end_word():
        nonlocal word, gap, dot
        if dot:
            dot = False
            end_word()
            gap = BROKEN
            return
        if word is not None:
            out.append((False, word[:32], gap))
            word = None
            gap = CLEAN

    for c in text:
        if dot:
            dot = False
            if c.isdigit() and c.isascii():
                word += "." + c
                continue
            end_word()
            gap = BROKEN
        if is_ideograph(c):
            end_word()
            out.append((True, c, gap))
            gap = CLEAN
        elif c.isalnum():
            word = (word or "") + c
        elif c == "." and word and word[-1].isascii() and word[-1].isdigit():
            dot = True
        else:
            end_word()
            if c in JOINERS:
                pass
            elif c.isspace() and c not in "\n\r\v\f\x85\u2028\u2029":
                gap = SPACED if gap == CLEAN else gap
            else:
                gap = BROKEN
    end_word()
    return out


def fold_query(query, index, meta):
    """The query in NFKC, lower case and simplified, with the fold files it needed."""
    text = unicodedata.normalize("NFKC", query)
    needed = sorted({ord(c) % meta["fold"] for c in text if is_ideograph(c)})
    folds = {}
    for n in needed:
        pairs = (index / "f" / f"{n}.txt").read_text(encoding="utf-8")
        folds.update(zip(pairs[0::2], pairs[1::2]))
    out = "".join(folds.get(c, c) if is_ideograph(c) else c.lower() for c in text)
    return out, [index / "f" / f"{n}.txt" for n in needed]


def parse(folded):
    """Terms: lists of units in a row, as search.js's parse."""
    terms, term = [], []
    for han, text, gap in units(folded):
        if not (term and gap == CLEAN and (han or term[-1][0])):
            terms.append(term)
            term = []
        term.append((han, text))
    terms.append(term)
    terms = [t for t in terms if t and not (len(t) == 1 and not t[0][0] and len(t[0][1]) < 2)]
    seen, out = set(), []
    for t in terms:
        if tuple(t) not in seen:
            seen.add(tuple(t))
            out.append(t)
    return out


def token_hash(token, files):
    whole = any(is_ideograph(c) for c in token)
    h = 0x811C9DC5
    for b in (token if whole else "".join(list(token)[:2])).encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h & (files - 1)


def varint(data, at):
    n, shift = 0, 0
    while True:
        b = data[at]
        at += 1
        n |= (b & 0x7F) << shift
        if b < 0x80:
            return n, at
        shift += 7


def decode_entries(data, magic, body):
    """The entries of an index file: token -> what body(data, at) reads, as search.rs writes them."""
    assert data[:4] == magic
    count, at = varint(data, 4)
    out = {}
    for _ in range(count):
        length, at = varint(data, at)
        token = data[at:at + length].decode("utf-8")
        out[token], at = body(data, at + length)
    return out


def read_postings(data, at):
    n, at = varint(data, at)
    doc, found = 0, []
    for _ in range(n):
        gap, at = varint(data, at)
        doc += gap
        found.append((doc, data[at]))
        at += 1
    return found, at


def read_positions(data, at):
    size, at = varint(data, at)
    end, lists = at + size, []
    while at < end:
        n, at = varint(data, at)
        p, found = 0, set()
        for _ in range(n):
            gap, at = varint(data, at)
            p += gap
            found.add(p)
        lists.append(found)
    return lists, at


def decode(data):
    return decode_entries(data, b"JBS2", read_postings)


def decode_positions(data):
    return decode_entries(data, b"JBP2", read_positions)


def score(w):
    import math
    return (8 if w & 64 else 0) + (4 if w & 32 else 0) + math.log2(1 + (w & 31))


def sizes(path):
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


def first_search(out, meta, query):
    index = out / "search" / "index"
    fetched = [out / "search" / "index.html", index / "meta.json"]
    fetched += sorted(out.glob("style.*.css"))[:1] + sorted(out.glob("search.*.js"))[:1]
    folded, fold_files = fold_query(query, index, meta)
    fetched += fold_files
    files = {}

    def load(path, decoder):
        if path not in files:
            files[path] = decoder(path.read_bytes())
        return files[path]

    hits = None
    for term in parse(folded):
        if len(term) == 1 and term[0][0]:
            char = term[0][1]
            postings = load(index / "c" / f"{token_hash(char, meta['chars'])}.bin", decode).get(char, [])
            found = {d: score(w) for d, w in postings}
        elif len(term) == 1:
            word = term[0][1]
            found = {}
            for token, postings in load(index / "s" / f"{token_hash(word, meta['shards'])}.bin", decode).items():
                if token.startswith(word) and not any(is_ideograph(c) for c in token):
                    for d, w in postings:
                        found[d] = max(found.get(d, 0), score(w) + (token == word))
        else:
            pairs = [a[1] + b[1] for a, b in zip(term, term[1:])]
            lists = [load(index / "s" / f"{token_hash(p, meta['shards'])}.bin", decode).get(p, []) for p in pairs]
            found = None
            for postings in lists:
                pair = {d: score(w) for d, w in postings}
                found = pair if found is None else {d: s + pair[d] for d, s in found.items() if d in pair}
            if len(pairs) > 1 and found:
                positions = [load(index / "p" / f"{token_hash(p, meta['positions'])}.bin", decode_positions).get(p, [])
                             for p in pairs]
                order = [{d: i for i, (d, _) in enumerate(postings)} for postings in lists]
                found = {d: s for d, s in found.items()
                         if any(all(start + i in positions[i][order[i][d]] for i in range(1, len(pairs)))
                                for start in positions[0][order[0][d]])}
        hits = found if hits is None else {d: s + found[d] for d, s in hits.items() if d in found}
    hits = hits or {}
    ranked = sorted(hits, key=lambda d: (-hits[d], d))
    fetched += list(files)
    fetched += [index / "d" / f"{d}.json" for d in ranked[:PAGE]]
    raw = sum(sizes(p)[0] for p in fetched)
    zipped = sum(sizes(p)[1] for p in fetched)
    return len(ranked), raw, zipped


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    queries = sys.argv[2:] or DEFAULT_QUERIES
    meta = json.loads((out / "search" / "index" / "meta.json").read_text())
    files = [p for p in (out / "search" / "index").rglob("*") if p.is_file()]
    shard_sizes = sorted(p.stat().st_size for p in (out / "search" / "index" / "s").iterdir())
    by_dir = {}
    for p in files:
        key = p.parent.name if p.parent.name != "index" else "meta"
        by_dir[key] = by_dir.get(key, 0) + p.stat().st_size
    print(f"index: {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {len(files)} files; "
          f"{meta['documents']} documents, {meta['shards']} shards "
          f"(median {statistics.median(shard_sizes) / 1e3:.0f} KB, largest {shard_sizes[-1] / 1e3:.0f} KB)")
    print("by folder: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(by_dir.items())))
    rows = []
    for q in queries:
        n, raw, zipped = first_search(out, meta, q)
        rows.append((raw, zipped))
        print(f"{q}\t{n} results\t{raw / 1e3:.0f} KB\t{zipped / 1e3:.0f} KB gzip")
    raws = [r for r, _ in rows]
    zips = [z for _, z in rows]
    print(f"first search: median {statistics.median(raws) / 1e3:.0f} KB ({statistics.median(zips) / 1e3:.0f} KB gzip), "
          f"worst {max(raws) / 1e3:.0f} KB ({max(zips) / 1e3:.0f} KB gzip), "
          f"{sum(r < 300_000 for r in raws)} of {len(raws)} under 300 KB as stored")


if __name__ == "__main__":
    main()
