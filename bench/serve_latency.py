#!/usr/bin/env python3
"""Preview latency of `jianbao serve`, per kind of change: from saving a file to the changed page being served.

    bench/serve_latency.py --bin target/release/jianbao --root /var/tmp/jianbao-bench/jianbao-10000
    bench/serve_latency.py --bin target/release/jianbao --root SITE --kinds body,search --edits 10 --builds 0

Copies the site (--root) into a fresh tmpfs folder, so the corpus itself is never edited, and
"settles" the copy: every file gets a modification time an hour ago, as `serve` distrusts fresh
times once and would otherwise make the first rebuild a slow one. Starts
`jianbao --lang en serve --port 0` on the copy and waits for the line with its URL; on a site
with search, then --warm-up-s more, while serve reads every article's search tokens once.

`serve` makes the pages open in a browser first. A page counts as open while a client holds the
event stream `GET /__jianbao/events?page=<URL path, percent-encoded>` open; so for every change a
thread holds that stream open for each page being measured (and reads it), opened ~200 ms before
the change so that the server has registered it. Each kind of change is measured --edits times
(--kinds picks a subset, comma-separated), timing from just before the write until an HTTP GET
(polled every --poll-ms) shows the change:

  body        append a paragraph with a marker to an article (two articles, alternating); until its
              page shows the marker.
  title       set an article's `title:` to one with a marker; until its page shows it.
  tags        set an article's `tags:` to one of two sets (alternating), each time with a new tag
              with a marker (标签X…); until its page shows the new tag.
  add         write a new article file (a copy of an article with a new title with a marker) beside
              it; until its URL answers 200 with the marker. The open page is the new URL itself.
  delete      delete an article file made (untimed) just before; until its URL answers 404.
  rename      os.rename an article file to a new name; until the new URL answers 200 with its title
              and the old one 404 (both URLs held open).
  template    write `templates/article.html` in the site (the theme's, from --theme-dir, with an HTML
              comment with a marker before `</body>`, else before the template's last
              `{% endblock`, else at the end; the first time adds the file, then modifies it); until
              the open article page shows the marker.
  stylesheet  write `static/style.css` in the site (the theme's plus a comment with a marker; first
              adds, then modifies); until the open article page links a stylesheet (hashed name)
              whose body has the marker.
  site.yaml   set the `title:` line of site.yaml to one with a marker; until the open article page
              shows it.
  search      (only if site.yaml has `search: true`) append a paragraph with a unique word of
              Chinese characters to an article; the time from the write until the server prints its
              `search index updated` line after it. That line is printed once the new index is
              served, so it stands in for polling the index shards.

After each change the script waits for the server's `rebuilt in N ms` line (the background pass
over the rest of the site; a page is served earlier than that) and then --settle-ms more (again, if
more rebuilds came meanwhile), so that each change is a rebuild of its own and background passes do
not overlap the next measurement; on a site with search, after a change to articles it waits for the
`search index updated` line too. Untimed setup changes (the article `delete` removes) are waited for
the same way.
Prints a table per kind: the median and p90 latency, the median of the server's own "open pages
served first in N ms" and "rebuilt in N ms" figures for that kind's changes (and how many such lines
came), and any changes that never showed. With --builds N > 0, also the median wall time of N full
`jianbao build` runs of the same site into an empty tmpfs folder, and its ratio to the body median.
Last, the server's peak resident memory (VmHWM) once every change was made.
With SERVE_LATENCY_DEBUG=1 in the environment, the server's lines (time, kind, ms) go to stderr at
the end; with SERVE_LATENCY_STDERR=FILE, the server's own stderr (JIANBAO_TIMINGS=1 phase laps) goes to FILE. Python 3 standard library only; talks to 127.0.0.1 only.
"""
import argparse
import html
import http.client
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

KINDS = ["body", "title", "tags", "add", "delete", "rename", "template", "stylesheet", "site.yaml", "search"]
INDEXED_KINDS = {"body", "title", "tags", "add", "delete", "rename", "search"}  # changes that change the search index
CHINESE_DIGITS = "甲乙丙丁戊己庚辛壬癸"


def percentile(xs, p):
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100 * len(xs)) - 1)]


def get(host, port, path, conn):
    """GET path on a kept-alive connection; returns (status, body, connection); status 0 on failure."""
    for _ in range(2):
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=5)
            conn.request("GET", path)
            resp = conn.getresponse()
            return resp.status, resp.read(), conn
        except (http.client.HTTPException, OSError):
            if conn is not None:
                conn.close()
            conn = None
    return 0, b"", None


class OpenPage:
    """Holds the event stream of one page open, as a browser showing it would, and reads it."""

    def __init__(self, host, port, page):
        self.sock = socket.create_connection((host, port), timeout=10)
        query = urllib.parse.quote(page, safe="")
        self.sock.sendall(f"GET /__jianbao/events?page={query} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                          f"Accept: text/event-stream\r\n\r\n".encode())
        self.sock.settimeout(None)
        self.received = []
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    break
                self.received.append(data)
        except OSError:
            pass

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self.thread.join(2)


class ServerLog:
    """The server's stdout lines of interest: (arrival time, what, ms)."""

    PATTERNS = [
        ("preview", re.compile(r"open pages served first in \W?(\d+)\W? ms")),
        ("rebuilt", re.compile(r"rebuilt in \W?(\d+)\W? ms")),
        ("search", re.compile(r"search index updated in \W?(\d+)\W? ms")),
        ("failed", re.compile(r"rebuild failed in \W?(\d+)\W? ms")),
    ]

    def __init__(self, proc):
        self.proc = proc
        self.cond = threading.Condition()
        self.lines = []
        self.url = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            now = time.perf_counter()
            with self.cond:
                m = re.search(r"serving .* at \W?http://([0-9.]+):(\d+)/", line)
                if m:
                    self.url = (m.group(1), int(m.group(2)))
                for what, pattern in self.PATTERNS:
                    m = pattern.search(line)
                    if m:
                        self.lines.append((now, what, int(m.group(1))))
                self.cond.notify_all()
        with self.cond:
            self.lines.append((time.perf_counter(), "exit", 0))
            self.cond.notify_all()

    def mark(self):
        with self.cond:
            return len(self.lines)

    def wait_for(self, what, since, timeout):
        """The first (time, what, ms) line of kind `what` (or "failed") at index >= since, or None."""
        deadline = time.perf_counter() + timeout
        with self.cond:
            while True:
                for entry in self.lines[since:]:
                    if entry[1] in (what, "failed", "exit"):
                        return entry
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def between(self, what, start, end):
        with self.cond:
            return [ms for _, w, ms in self.lines[start:end] if w == what]

    def wait_url(self, timeout):
        deadline = time.perf_counter() + timeout
        with self.cond:
            while self.url is None and time.perf_counter() < deadline:
                self.cond.wait(0.5)
            return self.url


def page_of(site, path):
    return "/" + str(path.relative_to(site / "content").with_suffix("")).replace(os.sep, "/") + "/"


def set_front_matter(text, key, value):
    """text with the first `key:` line of its front matter set to value (added if missing)."""
    head, sep, rest = text.partition("\n---")
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.M)
    line = f"{key}: {value}"
    if pattern.search(head):
        head = pattern.sub(lambda _: line, head, count=1)
    else:
        head = head + "\n" + line
    return head + sep + rest


def title_of(text):
    m = re.search(r"^title:\s*(.*?)\s*$", text, re.M)
    return m.group(1).strip("'\"") if m else ""


def peak_memory_mb(pid):
    """The process's peak resident memory in MB (Linux's VmHWM), or None where /proc has no such line."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1000
    except OSError:
        pass
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/release/jianbao", help="the jianbao binary")
    ap.add_argument("--root", type=Path, required=True, help="a jianbao site, e.g. a 10,000-article corpus")
    ap.add_argument("--edits", type=int, default=10, help="changes measured per kind")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma list of kinds to measure: " + ",".join(KINDS))
    ap.add_argument("--theme-dir", type=Path, default=Path(__file__).resolve().parent.parent / "themes" / "default",
                    help="the theme whose templates/article.html and static/style.css are copied")
    ap.add_argument("--poll-ms", type=float, default=2.0)
    ap.add_argument("--settle-ms", type=float, default=400.0)
    ap.add_argument("--open-wait-ms", type=float, default=200.0, help="wait after opening a page's event stream")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one change to show")
    ap.add_argument("--warm-up-s", type=float, default=3.0,
                    help="on a site with search, seconds to wait after startup for serve's search warm-up")
    ap.add_argument("--builds", type=int, default=3, help="full builds timed for the ratio (0: none)")
    args = ap.parse_args()

    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    for k in kinds:
        if k not in KINDS:
            sys.exit(f"serve_latency.py: unknown kind {k!r}; kinds: {', '.join(KINDS)}")
    site_yaml_text = (args.root / "site.yaml").read_text(encoding="utf-8")
    has_search = re.search(r"^search:\s*true\s*$", site_yaml_text, re.M) is not None
    if "search" in kinds and not has_search:
        print("serve_latency.py: the site has no `search: true`; skipping kind search", file=sys.stderr)
        kinds.remove("search")
    if "template" in kinds and not (args.theme_dir / "templates" / "article.html").is_file():
        sys.exit(f"serve_latency.py: no templates/article.html in --theme-dir {args.theme_dir}")
    if "stylesheet" in kinds and not (args.theme_dir / "static" / "style.css").is_file():
        sys.exit(f"serve_latency.py: no static/style.css in --theme-dir {args.theme_dir}")

    scratch = Path(tempfile.mkdtemp(prefix="jianbao-serve-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    site = scratch / "site"
    t_copy = time.perf_counter()
    shutil.copytree(args.root, site)
    # Settle: serve distrusts modification times this fresh once; an hour ago avoids a slow first rebuild.
    old = time.time() - 3600
    for dirpath, _, filenames in os.walk(site):
        for name in filenames:
            os.utime(os.path.join(dirpath, name), (old, old))
    t_copy = time.perf_counter() - t_copy
    all_articles = sorted(site.glob("content/*/*/*.md"))
    n_articles = len(all_articles)
    if n_articles < 8:
        sys.exit("serve_latency.py: the site needs at least eight articles under content/YYYY/MM/")
    # Distinct articles per kind, so that one kind's edits do not change another's pages.
    pick = {"body": all_articles[0:2], "title": all_articles[2:4], "tags": all_articles[4:6],
            "add": all_articles[6:7], "delete": all_articles[6:7], "rename": all_articles[7:8],
            "search": all_articles[0:2]}
    watched = all_articles[0]  # the open page for template, stylesheet and site.yaml

    stderr_path = os.environ.get("SERVE_LATENCY_STDERR")
    stderr = open(stderr_path, "w") if stderr_path else subprocess.DEVNULL
    proc = subprocess.Popen([args.bin, "--lang", "en", "serve", "--port", "0", "--root", str(site)],
                            stdout=subprocess.PIPE, stderr=stderr, text=True, start_new_session=True)
    log = ServerLog(proc)
    results = {k: [] for k in kinds}     # latencies, ms
    missed = {k: [] for k in kinds}      # descriptions of changes that never showed
    windows = {k: [] for k in kinds}     # (first, end) indexes of log lines belonging to each change
    setups = []                          # first log indexes of untimed setup changes
    pid = os.getpid()
    conn = None
    peak_mb = None
    try:
        t0 = time.perf_counter()
        url = log.wait_url(120)
        if url is None:
            sys.exit("serve_latency.py: jianbao serve printed no URL within 120 s")
        startup = time.perf_counter() - t0
        host, port = url
        for a in all_articles[:8]:
            status, body, conn = get(host, port, page_of(site, a), conn)
            if status != 200:
                sys.exit(f"serve_latency.py: GET {page_of(site, a)} answered {status}")
        time.sleep(args.settle_ms / 1000)
        if has_search:
            # serve reads every article's search tokens once after its first build, on every core.
            time.sleep(args.warm_up_s)

        def poll(check, label, kind, t0):
            """Polls check() (which GETs) until true; returns the latency in ms or None."""
            nonlocal conn
            while True:
                ok = check()
                t1 = time.perf_counter()
                if ok:
                    return (t1 - t0) * 1000
                if t1 - t0 > args.timeout:
                    missed[kind].append(label)
                    print(f"serve_latency.py: {kind}: {label} did not show within {args.timeout} s", file=sys.stderr)
                    return None
                time.sleep(args.poll_ms / 1000)

        def page_has(page, needle, status=200):
            def check():
                nonlocal conn
                s, body, conn = get(host, port, page, conn)
                return s == status and (needle is None or needle in body)
            return check

        def wait_rebuilt(since, timeout=None):
            """Waits for the background pass of a change (its `rebuilt in` line), then --settle-ms; again
            while that brought more lines (a save the watcher saw as two bursts makes two rebuilds)."""
            timeout = args.timeout if timeout is None else timeout
            at = since
            while True:
                entry = log.wait_for("rebuilt", at, timeout)
                if entry is None:
                    if at == since and timeout == args.timeout:
                        print(f"serve_latency.py: no `rebuilt in` line within {timeout} s", file=sys.stderr)
                    time.sleep(args.settle_ms / 1000)
                    return
                with log.cond:
                    at = log.lines.index(entry, at) + 1
                time.sleep(args.settle_ms / 1000)
                with log.cond:
                    later = [w for _, w, _ in log.lines[at:] if w in ("preview", "rebuilt", "failed")]
                previews, rebuilds = len(log.between("preview", since, None)), len(log.between("rebuilt", since, None))
                if not later and rebuilds >= previews:
                    return

        def make_folder(folder):
            """Makes a folder of the site, untimed, and waits out the rebuild it may cause."""
            if not folder.exists():
                since = log.mark()
                folder.mkdir()  # a new folder: the server may look at every file
                wait_rebuilt(since, timeout=3)

        def untimed(change):
            """A setup change: made, then its rebuild waited for."""
            since = log.mark()
            setups.append(since)  # ends the window of the change before
            change()
            wait_rebuilt(since)

        def measure(kind, k, open_pages, change, check, label, wait_line=None):
            opened = [OpenPage(host, port, p) for p in open_pages]
            time.sleep(args.open_wait_ms / 1000)
            since = log.mark()
            t0 = time.perf_counter()
            change()
            if wait_line is not None:
                entry = log.wait_for(wait_line, since, args.timeout)
                latency = (entry[0] - t0) * 1000 if entry is not None and entry[1] == wait_line else None
                if latency is None:
                    missed[kind].append(label)
                    print(f"serve_latency.py: {kind}: no `{wait_line}` line for {label}", file=sys.stderr)
                else:
                    check()  # a look at the page too, for the record
            else:
                latency = poll(check, label, kind, t0)
            if latency is not None:
                results[kind].append(latency)
            wait_rebuilt(since)
            if has_search and kind in INDEXED_KINDS:
                # The index is built after the background pass, on a thread of its own: let it finish too.
                if log.wait_for("search", since, args.timeout) is None:
                    print(f"serve_latency.py: {kind}: no `search index updated` line for {label}", file=sys.stderr)
                time.sleep(args.settle_ms / 1000)
            for o in opened:
                o.close()
            windows[kind].append((since, None))

        theme_template = (args.theme_dir / "templates" / "article.html").read_text(encoding="utf-8")
        theme_css = (args.theme_dir / "static" / "style.css").read_text(encoding="utf-8")
        css_cache = {}

        for kind in kinds:
            for k in range(args.edits):
                marker = f"BENCHMARKER{k:04d}X{pid}{kind.replace('.', '').upper()}"
                needle = marker.encode()
                if kind == "body":
                    a = pick["body"][k % 2]

                    def change(a=a, marker=marker):
                        with open(a, "a", encoding="utf-8") as f:
                            f.write(f"\n{marker}\n")
                    measure(kind, k, [page_of(site, a)], change, page_has(page_of(site, a), needle), marker)
                elif kind == "search":
                    a = pick["search"][k % 2]
                    word = "检索" + "".join(CHINESE_DIGITS[int(d)] for d in f"{pid}{k:04d}")

                    def change(a=a, word=word):
                        with open(a, "a", encoding="utf-8") as f:
                            f.write(f"\n{word}\n")
                    measure(kind, k, [page_of(site, a)], change, page_has(page_of(site, a), word.encode()), word,
                            wait_line="search")
                elif kind == "title":
                    a = pick["title"][k % 2]
                    text = a.read_text(encoding="utf-8")
                    new = set_front_matter(text, "title", f"标题 {marker}")
                    measure(kind, k, [page_of(site, a)], lambda a=a, new=new: a.write_text(new, encoding="utf-8"),
                            page_has(page_of(site, a), needle), marker)
                elif kind == "tags":
                    a = pick["tags"][k % 2]
                    tag = f"标签X{k}{pid}"
                    base = ["合作社", "农民增收"] if k % 2 == 0 else ["垃圾分类"]
                    new = set_front_matter(a.read_text(encoding="utf-8"), "tags", "[" + ", ".join(base + [tag]) + "]")
                    measure(kind, k, [page_of(site, a)], lambda a=a, new=new: a.write_text(new, encoding="utf-8"),
                            page_has(page_of(site, a), tag.encode()), tag)
                elif kind == "add":
                    src = pick["add"][0]
                    dest = src.with_name(f"benchadd{k:04d}x{pid}.md")
                    new = set_front_matter(src.read_text(encoding="utf-8"), "title", f"新文章 {marker}")
                    measure(kind, k, [page_of(site, dest)], lambda dest=dest, new=new: dest.write_text(new, encoding="utf-8"),
                            page_has(page_of(site, dest), needle), dest.name)
                elif kind == "delete":
                    src = pick["delete"][0]
                    dest = src.with_name(f"benchdel{k:04d}x{pid}.md")
                    new = set_front_matter(src.read_text(encoding="utf-8"), "title", f"待删 {marker}")
                    untimed(lambda dest=dest, new=new: dest.write_text(new, encoding="utf-8"))
                    if get(host, port, page_of(site, dest), conn)[0] != 200:
                        print(f"serve_latency.py: delete: setup article {dest.name} not served", file=sys.stderr)
                    measure(kind, k, [page_of(site, dest)], lambda dest=dest: dest.unlink(),
                            page_has(page_of(site, dest), None, status=404), dest.name)
                elif kind == "rename":
                    a = pick["rename"][0]
                    dest = a.with_name(f"benchren{k:04d}x{pid}.md")
                    title = html.escape(title_of(a.read_text(encoding="utf-8")), quote=False).encode()
                    old_page, new_page = page_of(site, a), page_of(site, dest)
                    new_ok, old_gone = page_has(new_page, title), page_has(old_page, None, status=404)

                    def check(new_ok=new_ok, old_gone=old_gone):
                        return new_ok() and old_gone()
                    measure(kind, k, [new_page, old_page], lambda a=a, dest=dest: os.rename(a, dest), check,
                            f"{a.name} -> {dest.name}")
                    pick["rename"][0] = dest
                elif kind == "template":
                    path = site / "templates" / "article.html"
                    make_folder(path.parent)
                    comment = f"<!-- {marker} -->"
                    if "</body>" in theme_template:
                        new = theme_template.replace("</body>", comment + "</body>", 1)
                    elif "{% endblock" in theme_template:
                        at = theme_template.rindex("{% endblock")
                        new = theme_template[:at] + comment + "\n" + theme_template[at:]
                    else:
                        new = theme_template + comment + "\n"
                    measure(kind, k, [page_of(site, watched)], lambda path=path, new=new: path.write_text(new, encoding="utf-8"),
                            page_has(page_of(site, watched), needle), marker)
                elif kind == "stylesheet":
                    path = site / "static" / "style.css"
                    make_folder(path.parent)
                    new = theme_css + f"\n/* {marker} */\n"
                    page = page_of(site, watched)

                    def check(page=page, needle=needle):
                        nonlocal conn
                        s, body, conn = get(host, port, page, conn)
                        if s != 200:
                            return False
                        for href in re.findall(rb'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', body):
                            href = urllib.parse.urlsplit(html.unescape(href.decode())).path
                            if (href, needle) not in css_cache:
                                s, css, conn = get(host, port, href, conn)
                                if s != 200:
                                    continue
                                css_cache[(href, needle)] = needle in css
                            if css_cache[(href, needle)]:
                                return True
                        return False
                    measure(kind, k, [page], lambda path=path, new=new: path.write_text(new, encoding="utf-8"),
                            check, marker)
                elif kind == "site.yaml":
                    path = site / "site.yaml"
                    new = set_front_matter(path.read_text(encoding="utf-8") + "\n---", "title", f"基准简报 {marker}")
                    new = new[: -len("\n---")]
                    measure(kind, k, [page_of(site, watched)], lambda path=path, new=new: path.write_text(new, encoding="utf-8"),
                            page_has(page_of(site, watched), needle), marker)
        if conn is not None:
            conn.close()
        end_mark = log.mark()
        peak_mb = peak_memory_mb(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    # The log lines of a change run from its mark to the next change's (or setup's) mark.
    marks = sorted([(start, kind) for kind in kinds for start, _ in windows[kind]] + [(start, "") for start in setups])
    server = {k: {"preview": [], "rebuilt": [], "search": [], "failed": []} for k in kinds}
    for i, (start, kind) in enumerate(marks):
        if not kind:
            continue
        end = marks[i + 1][0] if i + 1 < len(marks) else end_mark
        for what in server[kind]:
            server[kind][what] += log.between(what, start, end)

    builds = []
    for _ in range(args.builds):
        out = scratch / "out"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        t0 = time.perf_counter()
        subprocess.run([args.bin, "build", "--root", str(args.root), "--output", str(out)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        builds.append((time.perf_counter() - t0) * 1000)
    shutil.rmtree(scratch)
    if os.environ.get("SERVE_LATENCY_DEBUG"):
        t_start = log.lines[0][0] if log.lines else 0
        for t, w, ms in log.lines:
            print(f"  log {t - t_start:9.3f} s  {w} {ms}", file=sys.stderr)

    def med(xs):
        return f"{statistics.median(xs):.0f}" if xs else "-"

    print(f"serve: {n_articles} articles{' (search: true)' if has_search else ''}; "
          f"copy and settle: {t_copy:.1f} s; first build and bind: {startup * 1000:.0f} ms; {args.edits} changes per kind")
    print(f"{'kind':<11} {'median ms':>9} {'p90 ms':>8} {'min':>7} {'max':>7}  "
          f"{'srv first':>9} {'srv rebuilt':>11} {'lines':>5}  missed")
    for kind in kinds:
        xs, s = results[kind], server[kind]
        stats = (f"{statistics.median(xs):>9.1f} {percentile(xs, 90):>8.1f} {min(xs):>7.1f} {max(xs):>7.1f}"
                 if xs else f"{'-':>9} {'-':>8} {'-':>7} {'-':>7}")
        extra = f"{len(missed[kind])}" + (f" ({', '.join(missed[kind][:3])})" if missed[kind] else "")
        if s["failed"]:
            extra += f"; {len(s['failed'])} failed rebuilds"
        if kind == "search" and s["search"]:
            extra += f"; server's index time median {med(s['search'])} ms"
        print(f"{kind:<11} {stats}  {med(s['preview']):>9} {med(s['rebuilt']):>11} {len(s['rebuilt']):>5}  {extra}")
    print("(srv first / srv rebuilt: medians of the server's own 'open pages served first in' and 'rebuilt in'"
          " figures for that kind's changes; lines: how many 'rebuilt in' lines they made)")
    for kind in kinds:
        print(f"{kind} latencies (ms): " + " ".join(f"{x:.1f}" for x in results[kind]))
    if peak_mb is not None:
        print(f"server's peak resident memory (VmHWM) after every change: {peak_mb} MB")
    if "search" in kinds:
        print("server's 'search index updated in' figures during search changes (ms): "
              + " ".join(str(x) for x in server["search"]["search"]))
    if builds:
        full = statistics.median(builds)
        line = f"full build of the same site (median of {len(builds)}): {full:.0f} ms"
        if results.get("body"):
            line += f"; ratio full build / body median: {full / statistics.median(results['body']):.1f}x"
        print(line)


if __name__ == "__main__":
    main()
