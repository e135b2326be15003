"""A bounded CPU burner for `make test-under-load`: keeps N cores busy for at most N seconds.

    python tools/burn.py --seconds 600 --workers 2

Each worker spins in pure Python and stops by itself at the deadline (or on Ctrl-C / SIGTERM).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import signal
import time


def _spin(deadline: float) -> int:
    """Busy arithmetic until the deadline; returns how many rounds ran."""
    rounds = 0
    x = 1
    while time.monotonic() < deadline:
        for _ in range(10_000):
            x = (x * 1_103_515_245 + 12_345) % 2_147_483_648
        rounds += 1
    return rounds


def main(argv: list[str] | None = None) -> int:
    """Start the workers and wait for them (at most ``--seconds`` plus a second)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, required=True, help="how long to burn (at most 3600)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="busy processes")
    args = parser.parse_args(argv)
    seconds = max(0.0, min(args.seconds, 3600.0))
    deadline = time.monotonic() + seconds
    workers = [mp.Process(target=_spin, args=(deadline,), daemon=True) for _ in range(max(1, args.workers))]
    for w in workers:
        w.start()

    def stop(_signum: int, _frame: object) -> None:
        for w in workers:
            w.terminate()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for w in workers:
        w.join(timeout=seconds + 5)
    print(f"burn: {len(workers)} workers for {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
