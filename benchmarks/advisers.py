#!/usr/bin/env python3
"""Adviser benchmark: the cost per keystroke of the wording check and the reply checker.

    python benchmarks/advisers.py [--repeat 200]

Both run on every keystroke, on the UI thread, so they must stay far below a
frame (16 ms). Measured on realistic long texts in both languages:

- the wording check (``coach.wording.find_flags``) of a 2,000-character
  message with the built-in list plus 30 user words, per block as the
  highlighter does it and over the whole text as the flag list does;
- the empathy reply checker (``coach.tools.triangle.check_reply``) of a
  reply of about 300 characters against facts and needs of about 300 each.

The baseline, measured in the same run, is the naive floor for the same
question: ``str.find`` of every listed word in the lowered text.
Prints median milliseconds and the ratio to the baseline.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ZH = ("王姐，这次报销单的事让你们部门总是很被动，我理解月底结账的压力。我们这边一直在跟进，"
      "但有两张发票还在供应商那里。我可以明天上午先把已经齐的十二张交过去，剩下的周三前补齐。")
EN = ("Wang, I can see the expense reports put your team under pressure at month end. We have "
      "always tried to send them on time, but two invoices are still with the supplier. I can "
      "bring the twelve that are ready tomorrow morning and the rest by Wednesday. ")


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    from coach import wording
    from coach.tools import triangle

    custom = [{"word": f"词{i}号" if i % 2 else f"word{i}", "kind": "absolute", "suggestion": ""}
              for i in range(30)]
    rules = wording.rules(custom)
    words = [r.word.lower() for r in rules]
    results = []
    for lang, unit in (("zh_CN", ZH), ("en", EN)):
        message = (unit * (2000 // len(unit) + 1))[:2000]
        block = unit  # the highlighter sees one paragraph at a time
        low = message.lower()
        baseline = median_ms(lambda: [low.find(w) for w in words], args.repeat)
        results.append((f"baseline str.find x{len(words)} words, 2000 chars ({lang})", baseline, 1.0))
        whole = median_ms(lambda: wording.find_flags(message, rules), args.repeat)
        results.append((f"wording check, whole 2000-char message ({lang})", whole, whole / baseline))
        per_block = median_ms(lambda: wording.find_flags(block, rules), args.repeat)
        results.append((f"wording check, one paragraph ({lang})", per_block, per_block / baseline))
        data = {"facts": unit * 2, "task_need": unit, "feelings": ["anxiety", "wronged"],
                "emotional_needs": ["heard", "support"], "reply": unit * 2}
        check = median_ms(lambda: triangle.check_reply(data), args.repeat)
        results.append((f"reply checker, ~{len(data['reply'])}-char reply ({lang})", check,
                        check / baseline))
        flags = len(wording.find_flags(message, rules))
        touched = triangle.check_reply(data).touched_count
        results.append((f"  ({flags} flags in the message, {touched}/3 corners touched)", None, None))
    width = max(len(name) for name, _, _ in results)
    for name, ms, ratio in results:
        if ms is None:
            print(name)
        else:
            print(f"{name:<{width}}  {ms:8.3f} ms  ×{ratio:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
