#!/usr/bin/env python3
"""What a reader's browser downloads for a first search on a built site.

    bench/search_transfer.py OUTPUT_DIR [QUERY ...]

Follows what the default theme's search.js does for a query typed on a fresh visit: the
search page, its stylesheet and script, search/index/meta.json, the shard of every pair or
word of the query, and the document files of the first 10 results. Prints, per query, the
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


def parse(query):
    """Runs of Han characters (two or more) and words (two characters or more), as search.js."""
    terms, run, word = [], [], []
    for raw in query:
        c = chr(ord(raw) - 0xFEE0) if 0xFF01 <= ord(raw) <= 0xFF5E else raw
        if is_ideograph(c):
            if len(word) >= 2:
                terms.append(("word", "".join(word).lower()[:32]))
            word = []
            run.append(c)
        elif c.isalnum():
            if len(run) >= 2:
                terms.append(("han", "".join(run)))
            run = []
            word.append(c)
        else:
            if len(run) >= 2:
                terms.append(("han", "".join(run)))
            if len(word) >= 2:
                terms.append(("word", "".join(word).lower()[:32]))
            run, word = [], []
    if len(run) >= 2:
        terms.append(("han", "".join(run)))
    if len(word) >= 2:
        terms.append(("word", "".join(word).lower()[:32]))
    return terms


def shard_of(token, shards):
    h = 0x811C9DC5
    for b in "".join(list(token)[:2]).encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h & (shards - 1)


def varint(data, at):
    n, shift = 0, 0
    while True:
        b = data[at]
        at += 1
        n |= (b & 0x7F) << shift
        if b < 0x80:
            return n, at
        shift += 7


def decode(data):
    assert data[:4] == b"JBS1"
    count, at = varint(data, 4)
    out = {}
    for _ in range(count):
        length, at = varint(data, at)
        token = data[at:at + length].decode("utf-8")
        at += length
        n, at = varint(data, at)
        doc, postings = 0, []
        for _ in range(n):
            gap, at = varint(data, at)
            doc += gap
            postings.append((doc, data[at]))
            at += 1
        out[token] = postings
    return out


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
    shards = {}
    hits = None
    for kind, text in parse(query):
        if kind == "han":
            chars = list(text)
            term = None
            for a, b in zip(chars, chars[1:]):
                n = shard_of(a + b, meta["shards"])
                shards.setdefault(n, None)
                postings = dict(decode((index / "s" / f"{n}.bin").read_bytes()).get(a + b, []))
                pair = {d: score(w) for d, w in postings.items()}
                term = pair if term is None else {d: s + pair[d] for d, s in term.items() if d in pair}
        else:
            n = shard_of(text, meta["shards"])
            shards.setdefault(n, None)
            term = {}
            for token, postings in decode((index / "s" / f"{n}.bin").read_bytes()).items():
                if token.startswith(text):
                    for d, w in postings:
                        term[d] = max(term.get(d, 0), score(w) + (token == text))
        hits = term if hits is None else {d: s + term[d] for d, s in hits.items() if d in term}
    hits = hits or {}
    ranked = sorted(hits, key=lambda d: (-hits[d], d))
    fetched += [index / "s" / f"{n}.bin" for n in shards]
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
    print(f"index: {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {len(files)} files; "
          f"{meta['documents']} documents, {meta['shards']} shards "
          f"(median {statistics.median(shard_sizes) / 1e3:.0f} KB, largest {shard_sizes[-1] / 1e3:.0f} KB)")
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
