#!/usr/bin/env python3
"""Adds editions to a generated site: `bench/editions.py SITE [--editions 500] [--per 20]`.

Writes SITE/issues/N.md for N = 1 … editions, each listing `per` articles of
SITE/content in date order (oldest first) in three sections, as a bulletin
published every few days would; the benchmark of editions builds the site with
and without them.
"""
import argparse
import pathlib
import re

DATE = re.compile(r"^date:\s*(\S+)", re.M)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=pathlib.Path)
    parser.add_argument("--editions", type=int, default=500)
    parser.add_argument("--per", type=int, default=20)
    args = parser.parse_args()
    content = args.site / "content"
    dated = []
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = DATE.search(text)
        if match and "\ndraft: true" not in text:
            dated.append((match.group(1)[:10], path.relative_to(content).as_posix()))
    dated.sort()
    issues = args.site / "issues"
    issues.mkdir(exist_ok=True)
    for n in range(args.editions):
        chunk = dated[n * args.per:(n + 1) * args.per]
        if not chunk:
            break
        date = chunk[-1][0]
        paths = [p for _, p in chunk]
        lead, news, briefs = paths[:1], paths[1:-4], paths[-4:]
        lines = ["---", f"number: {n + 1}", f"date: {date}", "sections:"]
        for title, items in (("头条", lead), ("要闻", news), ("短讯", briefs)):
            if items:
                lines.append(f"  - title: {title}")
                lines.append("    articles:")
                lines.extend(f"      - {p}" for p in items)
        lines += ["---", f"第{n + 1}期编者按：本期刊登各区基层消息{len(paths)}篇。", ""]
        (issues / f"{n + 1}.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
