#!/usr/bin/env python3
"""Preview latency of `jianbao serve`: from saving an article to its rebuilt page being served.

    bench/serve_latency.py --bin target/release/jianbao --root /var/tmp/jianbao-bench/jianbao-10000

Copies the site (--root) into a fresh tmpfs folder, so the corpus itself is never edited, starts
`jianbao serve --port 0` on that copy and waits for the line with its URL. Then, --edits times,
appends a paragraph with a unique marker to one of two articles (alternating), timing from just
before the write until an HTTP GET of that article's page (polled every --poll-ms) returns the
marker. Waits --settle-ms between edits so that each edit is a rebuild of its own. Prints every
latency, the median and the 90th percentile, and beside them the median wall time of --builds full
`jianbao build` runs of the same site into an empty tmpfs folder, and the ratio of the two.
Python 3 standard library only; talks to 127.0.0.1 only.
"""
import argparse
import http.client
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def percentile(xs, p):
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100 * len(xs)) - 1)]


def get(host, port, path, conn):
    """GET path on a kept-alive connection; returns (body, connection)."""
    for _ in range(2):
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=5)
            conn.request("GET", path)
            resp = conn.getresponse()
            return resp.read(), conn
        except (http.client.HTTPException, OSError):
            if conn is not None:
                conn.close()
            conn = None
    return b"", None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/release/jianbao", help="the jianbao binary")
    ap.add_argument("--root", type=Path, required=True, help="a jianbao site, e.g. a 10,000-article corpus")
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--poll-ms", type=float, default=2.0)
    ap.add_argument("--settle-ms", type=float, default=400.0)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one edit to show")
    ap.add_argument("--builds", type=int, default=3, help="full builds timed for the ratio (0: none)")
    args = ap.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="jianbao-serve-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    site = scratch / "site"
    shutil.copytree(args.root, site)
    articles = sorted(site.glob("content/*/*/*.md"))[:2]
    if len(articles) < 2:
        sys.exit("serve_latency.py: the site needs at least two articles under content/YYYY/MM/")
    pages = ["/" + str(a.relative_to(site / "content").with_suffix("")) + "/" for a in articles]

    proc = subprocess.Popen([args.bin, "--lang", "en", "serve", "--port", "0", "--root", str(site)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    url_line = threading.Event()
    found = {}
    rebuilds = []  # the server's own "rebuilt in N ms" figures

    def read_stdout():
        for line in proc.stdout:
            m = re.search(r"serving .* at \W?http://([0-9.]+):(\d+)/", line)
            if m:
                found["host"], found["port"] = m.group(1), int(m.group(2))
                url_line.set()
            m = re.search(r"rebuilt in \W?(\d+)\W? ms", line)
            if m:
                rebuilds.append(int(m.group(1)))

    threading.Thread(target=read_stdout, daemon=True).start()
    latencies = []
    try:
        t0 = time.perf_counter()
        if not url_line.wait(120):
            sys.exit("serve_latency.py: jianbao serve printed no URL within 120 s")
        startup = time.perf_counter() - t0
        host, port = found["host"], found["port"]
        conn = None
        for k, page in enumerate(pages):
            body, conn = get(host, port, page, conn)
            if not body:
                sys.exit(f"serve_latency.py: GET {page} failed")
        time.sleep(args.settle_ms / 1000)
        first_rebuild = len(rebuilds)
        for k in range(args.edits):
            which = k % 2
            marker = f"BENCHMARKER{k:04d}X{os.getpid()}"
            needle = marker.encode()
            t0 = time.perf_counter()
            with open(articles[which], "a", encoding="utf-8") as f:
                f.write(f"\n{marker}\n")
            while True:
                body, conn = get(host, port, pages[which], conn)
                t1 = time.perf_counter()
                if needle in body:
                    break
                if t1 - t0 > args.timeout:
                    sys.exit(f"serve_latency.py: edit {k} did not show on {pages[which]} within {args.timeout} s")
                time.sleep(args.poll_ms / 1000)
            latencies.append((t1 - t0) * 1000)
            time.sleep(args.settle_ms / 1000)
        if conn is not None:
            conn.close()
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

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

    med, p90 = statistics.median(latencies), percentile(latencies, 90)
    print(f"serve: {len(list(args.root.glob('content/*/*/*.md')))} articles; first build and bind: {startup * 1000:.0f} ms")
    print("save-to-served latencies (ms): " + " ".join(f"{x:.1f}" for x in latencies))
    print(f"save-to-served: median {med:.1f} ms, p90 {p90:.1f} ms, min {min(latencies):.1f} ms, "
          f"max {max(latencies):.1f} ms over {len(latencies)} edits")
    srv = rebuilds[first_rebuild:]
    if srv:
        print(f"server's own rebuild time: median {statistics.median(srv)} ms over {len(srv)} rebuilds")
    if builds:
        full = statistics.median(builds)
        print(f"full build of the same site (median of {len(builds)}): {full:.0f} ms; "
              f"ratio full build / save-to-served median: {full / med:.1f}x")


if __name__ == "__main__":
    main()
