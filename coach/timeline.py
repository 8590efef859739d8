"""A person's timeline: every entry about them across tools, with key facts.

Works from the tool specs alone, so a tool added later (conflict log, plan,
message …) appears here without a change: its pick-list answers (e.g. the
conflict mode used) become the entry's key facts and are counted into the
patterns shown on top, such as "Mode used: Avoiding ×3".
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from . import i18n
from .store import people as people_store
from .tools import registry
from .tools.view import choice_values, key_facts


@dataclass
class FollowUpLine:
    text: str
    owner: str
    due_date: str | None
    done: bool


@dataclass
class TimelineItem:
    uuid: str
    tool: str
    tool_name: str
    title: str
    status: str
    created_at: datetime
    people: list[int]
    facts: list[tuple[str, str]] = field(default_factory=list)
    followups: list[FollowUpLine] = field(default_factory=list)


@dataclass
class Pattern:
    """How often each answer of one pick-list field was given in these entries."""

    tool_name: str
    label: str
    counts: list[tuple[str, int]]  # (answer label, times), most frequent first
    total: int  # entries of this tool that answered the field


@dataclass
class Timeline:
    items: list[TimelineItem]
    patterns: list[Pattern]

    def by_tool(self) -> dict[str, int]:
        return dict(Counter(i.tool_name for i in self.items))


def build(person_ids: list[int], lang: str | None = None) -> Timeline:
    """The timeline of the entries linked to any of ``person_ids`` (newest first)."""
    lang = lang or i18n.current()
    tools = registry()
    records = people_store.entries_about(person_ids)
    followups = people_store.followups_of([r.uuid for r in records])
    items: list[TimelineItem] = []
    tallies: dict[tuple[str, str], Counter] = {}
    answered: Counter = Counter()
    for rec in records:
        spec = tools.get(rec.tool)
        facts: list[tuple[str, str]] = []
        name = rec.tool
        if spec is not None:
            name = spec.name.get(lang)
            facts = key_facts(spec, rec.data, lang)
            seen_fields = set()
            for f, value in choice_values(spec, rec.data):
                tallies.setdefault((rec.tool, f.key), Counter())[value] += 1
                if f.key not in seen_fields:
                    answered[(rec.tool, f.key)] += 1
                    seen_fields.add(f.key)
        title = rec.display_title(lang) or i18n.tr("entry.untitled", lang=lang)
        items.append(TimelineItem(
            rec.uuid, rec.tool, name, title, rec.status, rec.created_at, rec.people, facts,
            [FollowUpLine(*f) for f in followups.get(rec.uuid, [])]))
    patterns: list[Pattern] = []
    for (tool, key), counter in tallies.items():
        spec = tools[tool]
        f = spec.field(key)
        counts = [(f.choice_label(v, lang), n) for v, n in counter.most_common(4)]
        patterns.append(Pattern(spec.name.get(lang), f.label.get(lang), counts,
                                answered[(tool, key)]))
    # The strongest habits first: a field whose top answer repeats most often.
    patterns.sort(key=lambda p: (-p.counts[0][1], p.tool_name, p.label))
    return Timeline(items, patterns)
