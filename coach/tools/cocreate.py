"""Team co-creation (团队共创): the course's closing workshop tool.

A group answers a focus question: everyone writes idea cards, the cards are
clustered into themes, each theme gets a verb-led name, participants spend
dots on the themes, and the chosen themes get an action plan.

The session is pure data (:class:`Board`) with an undo/redo history of
snapshots, stored as one entry of the tool ``cocreate``. The UI only calls
Board methods; every change can be undone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from .. import i18n
from .base import Field, FollowUpItem, Figure, Problem, Section, T, ToolSpec, mean

STEPS = ("setup", "ideas", "clusters", "themes", "votes", "actions", "summary")
MAX_CARD_LENGTH = 140
DEFAULT_DOTS = 3


class BoardError(ValueError):
    """An operation that does not fit the board (unknown card, too many dots…).

    ``key`` names the message ``cocreate.<key>`` in the catalogs.
    """

    def __init__(self, key: str):
        self.key = key
        super().__init__(key)


@dataclass
class Card:
    id: str
    text: str
    author: str = ""


@dataclass
class Group:
    id: str
    title: str = ""
    cards: list[str] = field(default_factory=list)


@dataclass
class Action:
    id: str
    group: str
    what: str = ""
    owner: str = ""
    due: str | None = None
    first_step: str = ""


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dicts(value) -> list[dict]:
    return [v for v in _list(value) if isinstance(v, dict)]


def _iso_date(value) -> str | None:
    try:
        return value if isinstance(value, str) and value and date.fromisoformat(value) else None
    except ValueError:
        return None


def _int(value, default: int) -> int:
    if isinstance(value, bool):
        return default
    try:
        return int(value) if value not in (None, "") else default
    except (TypeError, ValueError, OverflowError):
        return default


class Board:
    """The state of one co-creation session, with undo/redo."""

    def __init__(self, data: dict | None = None):
        self._history: list[dict] = []
        self._future: list[dict] = []
        self._load(data or {})

    # --- (de)serialisation -------------------------------------------------------
    def _load(self, data: dict) -> None:
        # Stored data may be hand-edited or from another version: take what
        # has the expected shape and never fail on the rest.
        self.question: str = str(data.get("question") or "")
        self.date: str | None = _iso_date(data.get("date"))
        self.participants: list[str] = [str(p) for p in _list(data.get("participants"))]
        self.dots: int = _int(data.get("dots"), DEFAULT_DOTS)
        self.cards: dict[str, Card] = {}
        for c in _dicts(data.get("cards")):
            if "id" in c:
                self.cards[str(c["id"])] = Card(str(c["id"]), str(c.get("text", "")), str(c.get("author", "")))
        self.pool: list[str] = [str(i) for i in _list(data.get("pool")) if str(i) in self.cards]
        self.groups: list[Group] = [
            Group(str(g["id"]), str(g.get("title", "")), [str(i) for i in _list(g.get("cards")) if str(i) in self.cards])
            for g in _dicts(data.get("groups")) if "id" in g
        ]
        placed = set(self.pool) | {cid for g in self.groups for cid in g.cards}
        self.pool += [cid for cid in self.cards if cid not in placed]  # never lose a card
        votes = data.get("votes") if isinstance(data.get("votes"), dict) else {}
        self.votes: dict[str, dict[str, int]] = {
            str(p): {str(g): _int(n, 0) for g, n in v.items()}
            for p, v in votes.items() if isinstance(v, dict)
        }
        self.actions: list[Action] = [
            Action(str(a["id"]), str(a.get("group", "")), str(a.get("what", "")), str(a.get("owner", "")),
                   _iso_date(a.get("due")),
                   str(a.get("first_step", "")))
            for a in _dicts(data.get("actions")) if "id" in a
        ]
        self.step: str = data.get("step") if isinstance(data.get("step"), str) and data.get("step") in STEPS else "setup"
        self._next = _int(data.get("next_id"), 1)
        used = [int(x[1:]) for x in list(self.cards) + [g.id for g in self.groups]
                + [a.id for a in self.actions] if x[1:].isdigit()]
        self._next = max([self._next] + [u + 1 for u in used])

    def to_dict(self) -> dict:
        data = {
            "question": self.question,
            "participants": list(self.participants),
            "dots": self.dots,
            "cards": [{"id": c.id, "text": c.text, "author": c.author} for c in self.cards.values()],
            "pool": list(self.pool),
            "groups": [{"id": g.id, "title": g.title, "cards": list(g.cards)} for g in self.groups],
            "votes": {p: dict(v) for p, v in self.votes.items() if v},
            "actions": [{"id": a.id, "group": a.group, "what": a.what, "owner": a.owner,
                         "due": a.due, "first_step": a.first_step} for a in self.actions],
            "step": self.step,
            "next_id": self._next,
        }
        if self.date:
            data["date"] = self.date
        return data

    # --- history -----------------------------------------------------------------------
    def _change(self) -> None:
        self._history.append(self.to_dict())
        self._future.clear()

    def can_undo(self) -> bool:
        return bool(self._history)

    def can_redo(self) -> bool:
        return bool(self._future)

    def undo(self) -> bool:
        if not self._history:
            return False
        self._future.append(self.to_dict())
        self._restore(self._history.pop())
        return True

    def redo(self) -> bool:
        if not self._future:
            return False
        self._history.append(self.to_dict())
        self._restore(self._future.pop())
        return True

    def _restore(self, state: dict) -> None:
        history, future = self._history, self._future
        step = self.step
        self._load(state)
        self.step = step  # moving between steps is navigation, not an edit
        self._history, self._future = history, future

    def _new_id(self, prefix: str) -> str:
        value = f"{prefix}{self._next}"
        self._next += 1
        return value

    # --- setup ---------------------------------------------------------------------------
    def set_question(self, text: str) -> None:
        if text != self.question:
            self._change()
            self.question = text

    def set_date(self, iso: str | None) -> None:
        if iso:
            date.fromisoformat(iso)
        if iso != self.date:
            self._change()
            self.date = iso

    def add_participant(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise BoardError("err_empty_name")
        if name in self.participants:
            raise BoardError("err_duplicate_participant")
        self._change()
        self.participants.append(name)

    def remove_participant(self, name: str) -> None:
        if name not in self.participants:
            raise BoardError("err_unknown")
        self._change()
        self.participants.remove(name)
        self.votes.pop(name, None)

    def set_dots(self, dots: int) -> None:
        if not 1 <= dots <= 20:
            raise BoardError("err_dots")
        if dots != self.dots:
            self._change()
            self.dots = dots
            for person in list(self.votes):  # trim votes that no longer fit
                self._trim_votes(person)

    # --- cards ---------------------------------------------------------------------------
    def add_card(self, text: str, author: str = "") -> str:
        text = text.strip()
        if not text:
            raise BoardError("err_empty_card")
        if len(text) > MAX_CARD_LENGTH:
            raise BoardError("err_card_length")
        self._change()
        cid = self._new_id("c")
        self.cards[cid] = Card(cid, text, author)
        self.pool.append(cid)
        return cid

    def edit_card(self, cid: str, text: str) -> None:
        card = self._card(cid)
        text = text.strip()
        if not text or len(text) > MAX_CARD_LENGTH:
            raise BoardError("err_card_length")
        if text != card.text:
            self._change()
            card.text = text

    def remove_card(self, cid: str) -> None:
        self._card(cid)
        self._change()
        del self.cards[cid]
        self._detach(cid)

    def _card(self, cid: str) -> Card:
        try:
            return self.cards[cid]
        except KeyError:
            raise BoardError("err_unknown") from None

    def _detach(self, cid: str) -> None:
        if cid in self.pool:
            self.pool.remove(cid)
        for g in self.groups:
            if cid in g.cards:
                g.cards.remove(cid)

    def location(self, cid: str) -> str | None:
        """The group id holding the card, or None for the unsorted pool."""
        for g in self.groups:
            if cid in g.cards:
                return g.id
        return None

    # --- clusters ---------------------------------------------------------------------------
    def group(self, gid: str) -> Group:
        for g in self.groups:
            if g.id == gid:
                return g
        raise BoardError("err_unknown")

    def create_group(self, cards: list[str] | None = None, title: str = "") -> str:
        for cid in cards or []:
            self._card(cid)
        self._change()
        gid = self._new_id("g")
        for cid in cards or []:
            self._detach(cid)
        self.groups.append(Group(gid, title, list(cards or [])))
        return gid

    def move_card(self, cid: str, target: str | None, index: int | None = None) -> None:
        """Move a card into group ``target`` (None = back to the unsorted pool)."""
        self._card(cid)
        dest = self.pool if target is None else self.group(target).cards
        if self.location(cid) == target and (index is None or dest.index(cid) == index):
            return
        self._change()
        self._detach(cid)
        dest.insert(len(dest) if index is None else max(0, min(index, len(dest))), cid)

    def merge_groups(self, keep: str, other: str) -> None:
        if keep == other:
            raise BoardError("err_merge_self")
        a, b = self.group(keep), self.group(other)
        self._change()
        a.cards += b.cards
        if not a.title:
            a.title = b.title
        self.groups.remove(b)
        for votes in self.votes.values():
            if other in votes:
                votes[keep] = votes.get(keep, 0) + votes.pop(other)
        for act in self.actions:
            if act.group == other:
                act.group = keep

    def split_group(self, gid: str, cards: list[str]) -> str:
        g = self.group(gid)
        if not cards or any(c not in g.cards for c in cards):
            raise BoardError("split_hint")
        self._change()
        new = self._new_id("g")
        g.cards = [c for c in g.cards if c not in cards]
        self.groups.insert(self.groups.index(g) + 1, Group(new, "", list(cards)))
        return new

    def delete_group(self, gid: str) -> None:
        g = self.group(gid)
        self._change()
        self.pool += g.cards
        self.groups.remove(g)
        for votes in self.votes.values():
            votes.pop(gid, None)
        self.actions = [a for a in self.actions if a.group != gid]

    def rename_group(self, gid: str, title: str) -> None:
        g = self.group(gid)
        title = " ".join(title.split())
        if title != g.title:
            self._change()
            g.title = title

    # --- votes ----------------------------------------------------------------------------
    def dots_used(self, person: str) -> int:
        return sum(self.votes.get(person, {}).values())

    def vote(self, person: str, gid: str, delta: int = 1) -> None:
        if person not in self.participants:
            raise BoardError("err_unknown")
        self.group(gid)
        current = self.votes.get(person, {}).get(gid, 0)
        if current + delta < 0:
            raise BoardError("err_no_dot_back")
        if delta > 0 and self.dots_used(person) + delta > self.dots:
            raise BoardError("err_no_dots_left")
        self._change()
        mine = self.votes.setdefault(person, {})
        mine[gid] = current + delta
        if mine[gid] == 0:
            del mine[gid]

    def _trim_votes(self, person: str) -> None:
        mine = self.votes.get(person, {})
        while sum(mine.values()) > self.dots:
            gid = max(mine, key=lambda g: mine[g])
            mine[gid] -= 1
            if not mine[gid]:
                del mine[gid]

    def totals(self) -> dict[str, int]:
        out = {g.id: 0 for g in self.groups}
        for mine in self.votes.values():
            for gid, n in mine.items():
                if gid in out:
                    out[gid] += n
        return out

    def ranking(self) -> list[tuple[Group, int]]:
        """Themes by votes (ties keep board order)."""
        totals = self.totals()
        order = {g.id: i for i, g in enumerate(self.groups)}
        return sorted(((g, totals[g.id]) for g in self.groups), key=lambda p: (-p[1], order[p[0].id]))

    # --- actions ----------------------------------------------------------------------------
    def add_action(self, gid: str, what: str = "", owner: str = "", due: str | None = None,
                   first_step: str = "") -> str:
        self.group(gid)
        if due:
            date.fromisoformat(due)
        self._change()
        aid = self._new_id("a")
        self.actions.append(Action(aid, gid, what.strip(), owner.strip(), due, first_step.strip()))
        return aid

    def update_action(self, aid: str, **changes) -> None:
        act = next((a for a in self.actions if a.id == aid), None)
        if act is None:
            raise BoardError("err_unknown")
        if changes.get("due"):
            date.fromisoformat(changes["due"])
        if changes.get("group"):
            self.group(changes["group"])
        new = {k: (v.strip() if isinstance(v, str) and k != "due" else v) for k, v in changes.items()}
        if all(getattr(act, k) == v for k, v in new.items()):
            return
        self._change()
        for k, v in new.items():
            setattr(act, k, v)

    def remove_action(self, aid: str) -> None:
        if not any(a.id == aid for a in self.actions):
            raise BoardError("err_unknown")
        self._change()
        self.actions = [a for a in self.actions if a.id != aid]

    # --- navigation ------------------------------------------------------------------------
    def go(self, step: str) -> None:
        if step not in STEPS:
            raise BoardError("err_unknown")
        self.step = step

    def problems(self) -> list[str]:
        """Step keys that are not done yet (used for the stepper's marks)."""
        missing = []
        if not self.question.strip():
            missing.append("setup")
        if not self.cards:
            missing.append("ideas")
        if not self.groups:
            missing.append("clusters")
        if any(not g.title for g in self.groups):
            missing.append("themes")
        if not any(self.totals().values()):
            missing.append("votes")
        if not self.actions:
            missing.append("actions")
        return missing


# --- summary (text, Markdown-friendly) ------------------------------------------------------

def summary_lines(data: dict, lang: str | None = None) -> list[tuple[str, list[str]]]:
    """The one-page summary as (heading, lines) in one language."""
    b = Board(data)
    tr = lambda key, **kw: i18n.tr(f"cocreate.{key}", lang=lang, **kw)  # noqa: E731
    out: list[tuple[str, list[str]]] = []
    head = [b.question or tr("no_question")]
    if b.date:
        head.append(tr("summary_date", date=i18n.format_date(date.fromisoformat(b.date), lang)))
    if b.participants:
        head.append(tr("summary_participants", names=i18n.join(b.participants, lang)))
    head.append(tr("summary_counts", cards=len(b.cards), themes=len(b.groups)))
    out.append((tr("summary_question"), head))
    themes = []
    for rank, (g, votes) in enumerate(b.ranking(), start=1):
        cards = i18n.join((b.cards[c].text for c in g.cards), lang)
        themes.append(tr("summary_theme", rank=rank, title=g.title or tr("untitled_theme"),
                         votes=votes, cards=cards))
    if themes:
        out.append((tr("summary_themes"), themes))
    if b.pool:
        out.append((tr("summary_unsorted"), [b.cards[c].text for c in b.pool]))
    acts = []
    titles = {g.id: g.title or tr("untitled_theme") for g in b.groups}
    for a in b.actions:
        acts.append(tr("summary_action", what=a.what or "—", theme=titles.get(a.group, "—"),
                       owner=a.owner or "—", due=a.due or "—", first=a.first_step or "—"))
    if acts:
        out.append((tr("summary_actions"), acts))
    return out


def summary_text(data: dict, lang: str | None = None) -> str:
    parts = []
    for heading, lines in summary_lines(data, lang):
        parts.append(heading)
        parts += [f"  • {line}" for line in lines]
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


# --- spec ---------------------------------------------------------------------------------------

def rules(data: dict) -> list[Problem]:
    problems = []
    try:
        board = Board(data)
        json.dumps(board.to_dict())
    except (KeyError, TypeError, ValueError, AttributeError):
        return [Problem("board", T("The workshop data is damaged.", "工作坊数据已损坏。"))]
    for person, mine in board.votes.items():
        if sum(mine.values()) > board.dots:
            problems.append(Problem("votes", T("Someone used more dots than allowed.", "有人投出的点数超过了上限。")))
            break
    return problems


def followups(data: dict) -> list[FollowUpItem]:
    try:
        board = Board(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return []
    items = []
    for a in board.actions:
        if not a.what:
            continue
        text = a.what if not a.first_step else f"{a.what} — {a.first_step}"
        items.append(FollowUpItem(f"action:{a.id}", text, a.owner, a.due))
    return items


def figures(entries: list[dict]) -> list[Figure]:
    boards = []
    for d in entries:
        try:
            boards.append(Board(d))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return [
        Figure("sessions", T("Workshops run", "已开展的共创"), float(len(boards)) if boards else None,
               "number", len(boards)),
        Figure("ideas_per_person", T("Ideas per participant", "人均想法数"),
               mean(len(b.cards) / len(b.participants) for b in boards if b.participants), "number",
               len(boards)),
        Figure("actions", T("Actions agreed per workshop", "每次共创形成的行动"),
               mean(len(b.actions) for b in boards), "number", len(boards)),
    ]


def _example(lang: str) -> dict:
    zh = lang == "zh_CN"
    b = Board()
    b.set_question("如何让跨部门需求交接不再反复返工？" if zh
                   else "How can hand-overs between departments stop bouncing back for rework?")
    b.set_date("2026-11-20")
    people = ["小林", "阿强", "王姐", "Mia"] if zh else ["Lin", "Qiang", "Wang", "Mia"]
    for p in people:
        b.add_participant(p)
    ideas = [
        ("需求单统一模板", 0), ("交接时当面确认一次", 1), ("每周一次跨部门站会", 2),
        ("模板里写清验收标准", 3), ("返工原因做月度统计", 0), ("指定每个部门的接口人", 1),
    ] if zh else [
        ("One template for requests", 0), ("Confirm face to face at hand-over", 1),
        ("Weekly cross-department stand-up", 2), ("Acceptance criteria in the template", 3),
        ("Monthly count of rework causes", 0), ("A named contact in each department", 1),
    ]
    ids = [b.add_card(text, people[who]) for text, who in ideas]
    g1 = b.create_group([ids[0], ids[3]], "统一需求模板" if zh else "Standardise the request form")
    g2 = b.create_group([ids[1], ids[5]], "明确交接责任人" if zh else "Name an owner for every hand-over")
    g3 = b.create_group([ids[2], ids[4]], "定期复盘返工" if zh else "Review rework regularly")
    for person, picks in zip(people, ([g1, g1, g2], [g2, g2, g3], [g1, g2, g1], [g1, g3, g3])):
        for gid in picks:
            b.vote(person, gid)
    b.add_action(g1, "发布需求模板 1.0" if zh else "Publish request template 1.0",
                 people[0], "2026-12-05", "收集三个部门现有表格" if zh else "Collect the forms three departments use today")
    b.add_action(g2, "确定各部门接口人名单" if zh else "Agree the list of department contacts",
                 people[2], "2026-11-30", "在周会上提名" if zh else "Ask for names at the weekly meeting")
    b.go("summary")
    return b.to_dict()


SPEC = ToolSpec(
    key="cocreate",
    version=1,
    name=T("Team co-creation", "团队共创"),
    summary=T("Run the course's workshop with your team: ideas, themes, votes and actions on one screen.",
              "带团队做一次共创：想法、主题、投票和行动计划都在一个屏幕上。"),
    sections=(
        Section("setup", T("Focus question", "聚焦问题"), fields=(
            Field("question", "text", T("Focus question", "聚焦问题"), required=True),
            Field("date", "date", T("Date", "日期")),
            Field("participants", "custom", T("Participants", "参与者"), widget="cocreate_board"),
            Field("dots", "slider", T("Dots per participant", "每人可投点数"), min=1, max=20),
        )),
        Section("board", T("Board", "共创板"), fields=(
            Field("cards", "custom", T("Idea cards", "想法卡片"), widget="cocreate_board"),
            Field("groups", "custom", T("Themes", "主题"), widget="cocreate_board"),
            Field("votes", "custom", T("Dot votes", "投票"), widget="cocreate_board"),
            Field("actions", "custom", T("Action plan", "行动计划"), widget="cocreate_board"),
        )),
    ),
    icon="cocreate",
    title_field="question",
    examples={"en": _example("en"), "zh_CN": _example("zh_CN")},
    rules=rules,
    figures=figures,
    followups=followups,
    order=90,
    ui="cocreate",
    describer=summary_lines,
)
