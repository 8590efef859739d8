#!/usr/bin/env python3
"""Dashboard speed: 20,000 completed entries vs an empty diary, in the same run.

    python benchmarks/dashboard.py [--entries 20000] [--repeat 5]

Measures, for the period "all" and "12 months", the median time to compute
the dashboard data (coach.progress.dashboard) and to build its figures
(coach.charts.build_charts), and separately the time to render them with Agg
(what the page pays when it paints). The entries are bulk-inserted in one
transaction with realistic values for every installed tool. Target: data +
figures for 20,000 entries < 400 ms.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def measure(period, repeat: int) -> dict:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from coach.charts import build_charts
    from coach.progress import dashboard

    from coach.progress import clear_cache

    data_t, build_t, draw_t, cached_t = [], [], [], []
    for _ in range(repeat):
        clear_cache()  # cold: the first view after the diary changed
        t0 = time.perf_counter()
        data = dashboard(period)
        t1 = time.perf_counter()
        charts = build_charts(data, "zh_CN")
        t2 = time.perf_counter()
        for c in charts:
            FigureCanvasAgg(c.figure).draw()
        t3 = time.perf_counter()
        data_t.append(t1 - t0)
        t4 = time.perf_counter()
        dashboard(period)  # unchanged diary: the per-tool results come from the cache
        cached_t.append(time.perf_counter() - t4)
        build_t.append(t2 - t1)
        draw_t.append(t3 - t2)
    med = statistics.median
    return {"data": med(data_t) * 1000, "figures": med(build_t) * 1000,
            "ready": med([a + b for a, b in zip(data_t, build_t)]) * 1000,
            "draw": med(draw_t) * 1000, "charts": len(charts), "cached": med(cached_t) * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from benchmarks.sample_data import seed
    from coach.charts import register_cjk_font
    from coach.progress import Period
    from coach.store import close_database, open_database

    register_cjk_font()
    results = {}
    for label, n in (("empty", 0), ("full", args.entries)):
        folder = Path(tempfile.mkdtemp(prefix="coach-bench-"))
        database = open_database(folder / "coach.sqlite3")
        t = time.perf_counter()
        seed(n, days=3 * 365) if n else None
        insert = time.perf_counter() - t
        measure(Period("all"), 1)  # warm caches (fonts, SQLite pages)
        results[label] = {p: measure(Period(p), args.repeat) for p in ("all", "12m")}
        results[label]["insert"] = insert
        close_database(database)
    import os

    print(f"load average: {', '.join(f'{v:.1f}' for v in os.getloadavg())} on "
          f"{os.cpu_count()} cores (other work on the machine slows every figure)")
    print(f"entries: {args.entries:,} (bulk insert in one transaction: "
          f"{results['full']['insert']:.2f} s)")
    for p in ("all", "12m"):
        e, f = results["empty"][p], results["full"][p]
        print(f"period {p:>3}: data {f['data']:6.0f} ms + figures {f['figures']:5.0f} ms "
              f"= ready {f['ready']:6.0f} ms  | empty diary ready {e['ready']:5.0f} ms "
              f"| ratio {f['ready'] / e['ready']:.1f}x | Agg render of {f['charts']} charts "
              f"{f['draw']:.0f} ms (empty {e['draw']:.0f} ms)")
        print(f"           unchanged diary (cached data) {f['cached']:.0f} ms + figures "
              f"{f['figures']:.0f} ms = {f['cached'] + f['figures']:.0f} ms")
    worst = max(results["full"][p]["ready"] for p in ("all", "12m"))
    print(f"target < 400 ms: {'met' if worst < 400 else 'MISSED'} ({worst:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
