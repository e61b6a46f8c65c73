#!/usr/bin/env python3
"""A fresh build against its copy floor: builds in turn, then `cp -r` of the output.

    bench/floor.py --root /dev/shm/c10k --rounds 24 target/release/jianbao OTHER_BIN...

Each round builds the site at --root with every binary given, in turn, into the same empty
folder on tmpfs (the output, its record and the site's cache removed first), then copies the
last output with `cp -r` into another empty folder: the floor, the least any tool that
writes those files must spend. Builds run in turn, so that a drift in the machine's speed
hits every binary alike. Prints, for each binary and for the copy, the median wall time and
its quartiles, the median CPU time (user and system, from the process's own accounting),
and each build's median over the copy's.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import time


def run(cmd):
    """Wall and CPU seconds of one command, which must succeed."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"floor.py: {' '.join(cmd)} failed ({status})")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def removed(path):
    if os.path.lexists(path):
        shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)


def summary(times):
    walls = [w for w, _ in times]
    quartiles = statistics.quantiles(walls, n=4)
    return statistics.median(walls), quartiles, statistics.median(c for _, c in times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="the site to build")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scratch", default="/dev/shm/jianbao-floor", help="where outputs go (tmpfs)")
    parser.add_argument("bins", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.scratch, exist_ok=True)
    output, copy = os.path.join(args.scratch, "site"), os.path.join(args.scratch, "copy")
    builds = {b: [] for b in args.bins}
    copies = []
    try:
        for _ in range(args.rounds):
            for b in args.bins:
                for path in (output, os.path.join(args.scratch, ".site.jianbao-build"),
                             os.path.join(args.scratch, ".site.jianbao-manifest"),
                             os.path.join(args.root, ".jianbao-cache")):
                    removed(path)
                builds[b].append(run([b, "build", "--quiet", "--root", args.root, "--output", output]))
            removed(copy)
            copies.append(run(["cp", "-r", output, copy]))
    finally:
        shutil.rmtree(args.scratch, ignore_errors=True)
    floor, quartiles, cpu = summary(copies)
    print(f"cp -r\twall {floor:.3f} s\tquartiles {quartiles[0]:.3f}-{quartiles[2]:.3f}\tcpu {cpu:.3f} s")
    for b, times in builds.items():
        wall, quartiles, cpu = summary(times)
        print(f"{b}\twall {wall:.3f} s\tquartiles {quartiles[0]:.3f}-{quartiles[2]:.3f}"
              f"\tcpu {cpu:.3f} s\tover the copy {wall / floor:.2f}x")


if __name__ == "__main__":
    main()
