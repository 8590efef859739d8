"""``coach homework``: write a pack (trainer), open it, see progress, hand it in (trainee)."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import i18n
from . import opened_store


def register(sub) -> None:
    p = sub.add_parser("homework", help="homework packs between course sessions")
    hs = p.add_subparsers(dest="homework_command", metavar="ACTION", required=True)
    new = hs.add_parser("new", help="write a homework pack (from flags, or asked interactively)")
    new.add_argument("-o", "--output", required=True, help="the pack file (.toml or .json)")
    new.add_argument("--title", help="title (one language, or use --title-en / --title-zh)")
    new.add_argument("--title-en")
    new.add_argument("--title-zh")
    new.add_argument("--course", default="")
    new.add_argument("--session", default="")
    new.add_argument("--trainer", default="")
    new.add_argument("--assignment", "-a", action="append", default=[],
                     metavar="TOOL:COUNT:DUE:PROMPT",
                     help="e.g. abcde:2:2026-11-27:Reframe one tense moment (DUE may be empty)")
    new.set_defaults(func=run_new)
    op = hs.add_parser("open", help="open a pack for the Homework page")
    op.add_argument("file")
    op.set_defaults(func=run_open)
    st = hs.add_parser("status", help="progress of the open pack")
    st.set_defaults(func=run_status)
    cl = hs.add_parser("close", help="close the open pack (entries stay)")
    cl.set_defaults(func=run_close)
    hi = hs.add_parser("handin", help="write the hand-in PDF and JSON of the open pack")
    hi.add_argument("--name", required=True, help="your name as the trainer should see it")
    hi.add_argument("-o", "--output", required=True, help="folder for the two files")
    hi.add_argument("--leave-out", action="append", default=[], metavar="UUID",
                    help="an entry not to hand in (repeat)")
    hi.set_defaults(func=run_handin)


def _ask(prompt: str, default: str = "") -> str:
    answer = input(f"{prompt}{f' [{default}]' if default else ''}: ").strip()
    return answer or default


def run_new(args) -> int:
    from ..homework import PackError, from_dict, save
    from ..tools import registry

    assignments = list(args.assignment)
    title = args.title
    if not assignments:
        if not sys.stdin.isatty():
            print(i18n.tr("homework.cli.need_assignment"), file=sys.stderr)
            return 2
        print(i18n.tr("homework.cli.tools", tools=", ".join(registry())))
        title = title or _ask(i18n.tr("homework.cli.ask_title"))
        args.session = args.session or _ask(i18n.tr("homework.cli.ask_session"))
        while True:
            tool = _ask(i18n.tr("homework.cli.ask_tool"))
            if not tool:
                break
            count = _ask(i18n.tr("homework.cli.ask_count"), "1")
            due = _ask(i18n.tr("homework.cli.ask_due"))
            prompt = _ask(i18n.tr("homework.cli.ask_prompt"))
            assignments.append(f"{tool}:{count}:{due}:{prompt}")
    doc_assignments = []
    for i, spec in enumerate(assignments):
        parts = spec.split(":", 3)
        if len(parts) < 2:
            print(i18n.tr("homework.cli.bad_assignment", value=spec), file=sys.stderr)
            return 2
        tool, count, due, prompt = (parts + ["", ""])[:4]
        item = {"id": str(i + 1), "tool": tool, "prompt": prompt,
                "min_count": int(count) if count.strip().isdigit() else count}
        if due.strip():
            item["due"] = due.strip()
        doc_assignments.append(item)
    title_value = title or ""
    if args.title_en or args.title_zh:
        title_value = {k: v for k, v in (("en", args.title_en), ("zh_CN", args.title_zh)) if v}
    try:
        pack = from_dict({"title": title_value, "course": args.course, "session": args.session,
                          "trainer": args.trainer, "assignments": doc_assignments})
    except PackError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    path = save(pack, Path(args.output).expanduser())
    print(i18n.tr("homework.cli.written", path=str(path), count=len(pack.assignments)))
    return 0


def run_open(args) -> int:
    from .. import homework

    try:
        pack = homework.load(Path(args.file).expanduser())
    except homework.PackError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    with opened_store(args):
        homework.open_pack(pack)
        print(i18n.tr("homework.cli.opened", title=pack.title.get(), count=len(pack.assignments)))
        _print_status(homework.current())
    return 0


def _print_status(op) -> None:
    from .. import homework
    from ..tools import get

    for p in homework.progress(op):
        mark = "✓" if p.complete else ("!" if p.overdue else " ")
        due = i18n.format_date(p.assignment.due) if p.assignment.due else "—"
        print(f" {mark} {get(p.assignment.tool).name.get()}: {p.done}/{p.required} · "
              f"{i18n.tr('homework.due', date=due)}"
              f"{' · ' + i18n.tr('homework.overdue') if p.overdue else ''}")
        prompt = p.assignment.prompt.get()
        if prompt:
            print(f"     {prompt}")


def run_status(args) -> int:
    from .. import homework

    with opened_store(args, write=False):
        op = homework.current()
        if op is None:
            print(i18n.tr("homework.cli.none_open"), file=sys.stderr)
            return 1
        print(op.pack.title.get() + (f" · {op.pack.session}" if op.pack.session else ""))
        _print_status(op)
    return 0


def run_close(args) -> int:
    from .. import homework

    with opened_store(args):
        homework.close_pack()
    print(i18n.tr("homework.cli.closed"))
    return 0


def run_handin(args) -> int:
    from importlib import import_module

    from .. import homework
    from ..export.service import private_note

    if not args.name.strip():
        print(i18n.tr("homework.need_name"), file=sys.stderr)
        return 2
    with opened_store(args, write=False):
        op = homework.current()
        if op is None:
            print(i18n.tr("homework.cli.none_open"), file=sys.stderr)
            return 1
        uuids = [u for u in homework.answering_uuids(op) if u not in set(args.leave_out)]
        if not uuids:
            print(i18n.tr("homework.nothing_to_hand_in"), file=sys.stderr)
            return 1
        print(private_note(), file=sys.stderr)
        pdf, js = homework.handin(op, args.name, uuids, Path(args.output).expanduser(),
                                  i18n.current(), pdf_writer=import_module("coach.ui.pdf").write_pdf)
    print(i18n.tr("homework.handed_in", pdf=str(pdf), json=str(js), count=len(uuids)))
    return 0
