#!/usr/bin/env python3
"""The cost of one statement's round trip through a pipe, beside `cat`.

    python3 benches/round_trip.py --quiver target/release/quiver [--n 5000] [--rounds 3]

A client like benches/writes.py's writes one line on a process's standard
input and waits for the line it answers before it writes the next. Here the
process is, in turns:

* cat: echoes a result-sized line back; nothing but the two pipes and the
  two processes waking each other (the least any engine in another process
  can cost a statement);
* quiver: `quiver --format json` without a database, running `RETURN 1 AS
  x`; its JSON `elapsed_us` is the statement's own time.

It prints, per round, each one's microseconds a statement, and for quiver
its engine time, so that what quiver adds to the pipe is the difference
between its line and cat's.
"""
import argparse
import json
import subprocess
import time

LINE = b'{"columns":["x"],"rows":[[1]],"elapsed_us":5}\n'


def turn(args, line, n, engine):
    """Microseconds a round trip (and the engine's own, when it reports it)."""
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    own = 0.0
    start = time.perf_counter()
    for _ in range(n):
        proc.stdin.write(line)
        proc.stdin.flush()
        answer = proc.stdout.readline()
        if not answer:
            raise RuntimeError(f"{args[0]} exited (status {proc.wait()})")
        if engine:
            own += json.loads(answer)["elapsed_us"]
    took = time.perf_counter() - start
    proc.stdin.close()
    proc.wait()
    return took / n * 1e6, own / n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quiver", default="target/release/quiver")
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    print("round | cat µs | quiver µs | quiver elapsed_us | quiver minus cat")
    for r in range(a.rounds):
        cat, _ = turn(["cat"], LINE, a.n, False)
        quiver, own = turn([a.quiver, "--format", "json"], b"RETURN 1 AS x;\n", a.n, True)
        print(f"{r + 1} | {cat:.1f} | {quiver:.1f} | {own:.1f} | {quiver - cat:.1f}")


if __name__ == "__main__":
    main()
