"""Helpers shared by benches/cold.py and benches/writes.py.

Both run quiver through its command line and LadybugDB through its Python
API. cold.py reuses the peer harness (`--harness`, default ../shared/bench
beside the checkout) for the datasets, the start node and the LadybugDB
loader, so the data and the loading are the harness's own.
"""
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_HARNESS = os.path.join(os.path.dirname(REPO), "shared", "bench")


def default_quiver():
    """$QUIVER_BIN, else this checkout's release build."""
    return os.environ.get("QUIVER_BIN") or os.path.join(REPO, "target", "release", "quiver")


def add_common_args(parser, harness=True):
    parser.add_argument("--quiver", default=default_quiver(),
                        help="the quiver binary (default $QUIVER_BIN, else target/release/quiver)")
    parser.add_argument("--work", default=os.path.join(os.getcwd(), ".bench"),
                        help="work folder: data/ is read from it, databases and results go in it")
    parser.add_argument("--json", metavar="FILE", help="also write the measurements as JSON")
    if harness:
        parser.add_argument("--harness", default=DEFAULT_HARNESS,
                            help="the peer harness folder (its loaders and dataset helpers are reused)")


def use_harness(harness, work):
    """Makes the harness's modules importable, working in `work` (they read
    $BENCH_WORK when first imported)."""
    os.environ["BENCH_WORK"] = os.path.abspath(work)
    if harness not in sys.path:
        sys.path.insert(0, harness)


def quiver_version(binary):
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def quiver_commit():
    out = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True)
    return out.stdout.strip() or None


def ladybug_version():
    import ladybug
    return ladybug.__version__


TIME = "/usr/bin/time"


def measure(cmd):
    """Runs `cmd` to the end; returns (wall s, peak RSS KiB, exit status,
    stdout, stderr). The wall time is from spawn to exit. The peak RSS is
    the child's ru_maxrss as GNU time reports it: time forks the command
    from its own small process, where a child forked from this Python
    process would report this process's size when that is bigger (Linux
    keeps the high-water mark of the memory a child was forked from)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as rss:
        t0 = time.perf_counter()
        p = subprocess.run([TIME, "-f", "%M", "-o", rss.name, "--"] + cmd,
                           stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        kib = rss.read().strip().splitlines()
        return wall, int(kib[-1]) if kib else None, p.returncode, out.read(), err.read()


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "kernel": platform.release(),
            "utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


def fresh_dir(path):
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)
    return path


def markdown_table(header, rows):
    """A markdown table; numbers right-aligned."""
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---" if i == 0 else "---:" for i in range(len(header))) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def write_json(path, data):
    if path:
        with open(path, "w") as f:
            json.dump(data, f, indent=1)
        print(f"results: {path}", file=sys.stderr)
