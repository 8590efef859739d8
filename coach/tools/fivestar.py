"""Five-star cross-department message (跨部门"五星"沟通) — our interpretation.

One step per star, each with a self-rating 1–5; then the message composed
from the stars, which the user edits and copies; afterwards the reply time
and whether the request was granted. The wording star and the message are
checked for absolute and blaming words (:mod:`coach.wording`).
"""
from __future__ import annotations

from datetime import date

from .. import i18n
from ..wording import count_flags
from .base import Choice, Field, Figure, Section, T, ToolSpec, mean

GRANTED = (
    Choice("yes", T("Yes", "同意了")),
    Choice("partly", T("Partly", "部分同意")),
    Choice("no", T("No", "没有同意")),
)
GRANTED_SCORE = {"yes": 1.0, "partly": 0.5, "no": 0.0}

STAR_HELP = T("1 = not there yet, 5 = I would be glad to receive this.",
              "1 = 还差得远，5 = 如果我是收信人会很乐意收到。")


def _rating(key: str) -> Field:
    return Field(key, "rating", T("My rating of this star", "这颗星我给自己打几分"), STAR_HELP,
                 min=1, max=5)


# (star key, its rating field) in order
STARS = (
    ("subject", "subject_stars"),
    ("logic", "logic_stars"),
    ("wording", "wording_stars"),
    ("emotion", "emotion_stars"),
    ("interests", "interests_stars"),
)
STAR_NAMES = {
    "subject": T("Clear subject", "主题明确"),
    "logic": T("Clear logic", "逻辑清晰"),
    "wording": T("Wording", "语言包装"),
    "emotion": T("Emotion", "理解情绪"),
    "interests": T("Interests", "关注利益"),
}

SECTIONS = (
    Section(
        "subject", T("★1 Subject", "★1 主题"),
        T("Star 1 · clear subject: say in one sentence what this is about and what you ask for, "
          "so that a busy reader knows at once.",
          "第一颗星 · 主题明确：用一句话说清是什么事、请对方做什么，让忙碌的读者一眼就明白。"),
        (
            Field("subject", "text", T("The point and the ask, in one sentence", "一句话：什么事，请对方做什么"),
                  required=True,
                  placeholder=T("e.g. Could IT set up laptops and accounts for our 5 new hires by "
                                "Friday 18:00?",
                                "例如：请 IT 部在本周五 18:00 前为 5 位新同事准备好电脑和账号。")),
            _rating("subject_stars"),
        ),
    ),
    Section(
        "logic", T("★2 Logic", "★2 逻辑"),
        T("Star 2 · clear logic: background → problem → proposal → what I need, by when.",
          "第二颗星 · 逻辑清晰：背景 → 问题 → 建议 → 我需要什么、什么时候要。"),
        (
            Field("background", "longtext", T("Background", "背景"),
                  placeholder=T("What the reader needs to know first.", "读者需要先知道的情况。")),
            Field("problem", "longtext", T("Problem", "问题"),
                  placeholder=T("What is in the way, as facts.", "遇到了什么阻碍，用事实说。")),
            Field("proposal", "longtext", T("My proposal", "我的建议"),
                  placeholder=T("What you suggest, including what you will do yourself.",
                                "你的建议，包括你自己会做什么。")),
            Field("need", "text", T("What I need from them", "我需要对方做什么"), required=True),
            Field("need_by", "date", T("By when", "什么时候之前")),
            _rating("logic_stars"),
        ),
    ),
    Section(
        "wording", T("★3 Wording", "★3 措辞"),
        T("Star 3 · wording: write the sentence that needs the most care. Absolute words "
          "(always, never, must…) and blaming phrasing (your department…) are highlighted as you "
          "type, with a softer form to use instead.",
          "第三颗星 · 语言包装：写下最需要斟酌的那句话。绝对化用词（总是、从来、必须……）和指责式说法"
          "（你们部门……）会在输入时被标出，并给出更柔和的说法。"),
        (
            Field("wording", "longtext", T("The sentence that needs care", "最需要斟酌的那句话"),
                  widget="wording_text",
                  placeholder=T("e.g. Could we look together at where the request is waiting?",
                                "例如：想和您一起看看申请现在卡在哪个环节？")),
            _rating("wording_stars"),
        ),
    ),
    Section(
        "emotion", T("★4 Emotion", "★4 情绪"),
        T("Star 4 · emotion: acknowledge their situation and how they may feel about it.",
          "第四颗星 · 理解情绪：体谅对方的处境，以及他们对这件事可能的感受。"),
        (
            Field("emotion", "longtext", T("Their situation and feeling", "对方的处境和感受"),
                  placeholder=T("e.g. I know the start of the month is your busiest time.",
                                "例如：知道月初是你们最忙的时候。")),
            _rating("emotion_stars"),
        ),
    ),
    Section(
        "interests", T("★5 Interests", "★5 利益"),
        T("Star 5 · interests: what do they gain, and which of their own goals does it serve?",
          "第五颗星 · 关注利益：对方能得到什么？这对他们自己的哪个目标有帮助？"),
        (
            Field("interests", "longtext", T("What's in it for them", "对方的收益"),
                  placeholder=T("e.g. Fewer urgent tickets on Monday morning.",
                                "例如：周一上午少一批紧急工单。")),
            _rating("interests_stars"),
        ),
    ),
    Section(
        "message", T("Message", "消息"),
        T("Compose the message from the stars, edit it until it sounds like you, then copy it "
          "into your mail or chat. The wording check keeps running while you edit.",
          "根据五星生成消息，改到像你自己说的话，再复制到邮件或聊天工具里。编辑时用词检查会一直进行。"),
        (
            Field("message", "longtext", T("The message", "消息正文"), required=True,
                  widget="message_editor"),
            Field("message_flags", "slider", T("Flagged words in the message", "消息中被标出的词"),
                  min=0, max=100000, hidden=True),
        ),
    ),
    Section(
        "after", T("Afterwards", "事后"),
        T("Once they answered: how long did it take, and did you get what you asked for?",
          "对方回复之后：用了多长时间？你的请求得到满足了吗？"),
        (
            Field("reply_hours", "slider", T("Reply time (hours)", "回复用时（小时）"),
                  T("0 = within the hour. Leave empty if no reply came.", "0 = 一小时内。没有回复就留空。"),
                  min=0, max=336),
            Field("granted", "choice", T("Was the request granted?", "请求被同意了吗？"), choices=GRANTED),
            Field("outcome_note", "longtext", T("What I learned", "我的收获")),
        ),
        context=("subject", "need", "need_by"),
    ),
)


# --- composing ------------------------------------------------------------------

COMPOSE_LABELS = {
    "subject": T("Subject: ", "主题："),
    "background": T("Background: ", "背景："),
    "problem": T("The problem: ", "问题："),
    "proposal": T("My proposal: ", "建议："),
    "interests": T("What's in it for your team: ", "对您这边的好处："),
    "need": T("What I need: ", "需要您支持："),
    "need_by": T("What I need (by {date}): ", "需要您支持（{date}前）："),
    "thanks": T("Thank you!", "谢谢！"),
}


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return " ".join(value.split()) if isinstance(value, str) else ""


def compose_message(data: dict, lang: str | None = None) -> str:
    """A first draft of the message from the five stars ("" when they are empty).

    Order: subject, acknowledgement, background, problem, the carefully worded
    sentence, proposal, what is in it for them, the ask with its date, thanks.
    """
    label = {k: v.get(lang) for k, v in COMPOSE_LABELS.items()}
    parts: list[str] = []
    if _text(data, "subject"):
        parts.append(label["subject"] + _text(data, "subject"))
    if _text(data, "emotion"):
        parts.append(_text(data, "emotion"))
    body = []
    for key in ("background", "problem"):
        if _text(data, key):
            body.append(label[key] + _text(data, key))
    if _text(data, "wording"):
        body.append(_text(data, "wording"))
    for key in ("proposal", "interests"):
        if _text(data, key):
            body.append(label[key] + _text(data, key))
    if body:
        parts.append("\n".join(body))
    need = _text(data, "need")
    when = data.get("need_by")
    try:
        when_text = i18n.format_date(date.fromisoformat(when), lang) if isinstance(when, str) else ""
    except ValueError:
        when_text = ""
    if need:
        head = label["need_by"].format(date=when_text) if when_text else label["need"]
        parts.append(head + need)
    if not parts:
        return ""
    parts.append(label["thanks"])
    return "\n\n".join(parts)


# --- figures ------------------------------------------------------------------------

def _rating_of(data: dict, key: str) -> int | None:
    v = data.get(key)
    return v if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5 else None


def star_average(data: dict) -> float | None:
    """Mean of the stars the user rated in one entry."""
    return mean(_rating_of(data, rating) for _, rating in STARS)


def flags_of(data: dict) -> int | None:
    """Flagged words in the message: as counted while it was written (which
    includes the user's own words), else with the built-in list."""
    stored = data.get("message_flags")
    if isinstance(stored, int) and not isinstance(stored, bool) and stored >= 0:
        return stored
    message = data.get("message")
    return count_flags(message) if isinstance(message, str) and message.strip() else None


def flag_trend(entries: list[dict], recent: int = 5) -> tuple[float | None, float | None]:
    """Average flagged words per message: the last ``recent`` messages, and those before."""
    counts = [c for c in (flags_of(d) for d in entries) if c is not None]
    return mean(counts[-recent:]), mean(counts[:-recent]) if len(counts) > recent else None


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def figures(entries: list[dict]) -> list[Figure]:
    averages = [a for a in (star_average(d) for d in entries) if a is not None]
    granted = [GRANTED_SCORE[d["granted"]] for d in entries if d.get("granted") in GRANTED_SCORE]
    hours = [d["reply_hours"] for d in entries
             if isinstance(d.get("reply_hours"), int) and not isinstance(d.get("reply_hours"), bool)]
    per_star = {key: mean(_rating_of(d, rating) for d in entries) for key, rating in STARS}
    rated = {k: v for k, v in per_star.items() if v is not None}
    weakest = None
    if len(rated) > 1 and len(set(rated.values())) > 1:
        key = min(rated, key=lambda k: (rated[k], [s for s, _ in STARS].index(k)))
        weakest = T(f"{STAR_NAMES[key].en} ({_fmt(rated[key])})",
                    f"{STAR_NAMES[key].zh_CN}（{_fmt(rated[key])}）")
    last, earlier = flag_trend(entries)
    n_flags = sum(1 for d in entries if flags_of(d) is not None)
    trend = None
    if last is not None and earlier is not None:
        trend = T(f"last 5: {_fmt(last)} · before: {_fmt(earlier)}",
                  f"最近 5 条：{_fmt(last)} · 之前：{_fmt(earlier)}")
    elif last is not None:
        trend = T(f"{_fmt(last)} (no earlier messages to compare yet)",
                  f"{_fmt(last)}（还没有更早的消息可比较）")
    return [
        Figure("stars", T("Average stars (1–5)", "平均星级（1–5）"), mean(averages), "number",
               len(averages)),
        Figure("weakest", T("Weakest star on average", "平均最弱的一颗星"), None, "text",
               len(averages), weakest),
        Figure("granted", T("Requests granted (partly counts half)", "请求被同意（部分同意算一半）"),
               mean(granted), "percent", len(granted)),
        Figure("reply_hours", T("Average reply time (hours)", "平均回复用时（小时）"), mean(hours),
               "number", len(hours)),
        Figure("flags", T("Flagged words per message", "每条消息被标出的词"), last, "text",
               n_flags, trend),
    ]


EXAMPLE_EN = {
    "subject": "Could IT set up laptops and CRM accounts for our 5 new hires by Friday 18:00?",
    "subject_stars": 4,
    "background": "Five new colleagues join Marketing on Monday; at 10:00 they start customer "
                  "training, which runs in the CRM.",
    "problem": "We filed the onboarding request in the OA system last Wednesday; it still shows "
               "“awaiting assignment”, so we are worried the laptops won't be ready on Monday.",
    "proposal": "Today I'll send you the names, roles and the software each of them needs, and "
                "we'll collect the laptops from the IT desk ourselves on Friday afternoon.",
    "need": "Please confirm by Friday 18:00 that laptops and CRM accounts will be ready; if it's "
            "difficult, tell me by Thursday and I'll move the training.",
    "need_by": "2026-12-04",
    "logic_stars": 4,
    "wording": "Could we check together where the request is waiting, and whether there is "
               "anything we can prepare on our side?",
    "wording_stars": 3,
    "emotion": "I know the start of the month is your busiest time, with the company-wide "
               "system upgrade on top — thank you for squeezing this in.",
    "emotion_stars": 4,
    "interests": "With the list in hand early, there will be fewer urgent tickets on Monday "
                 "morning, and the new hires won't need account fixes later.",
    "interests_stars": 5,
    "message": "Subject: Could IT set up laptops and CRM accounts for our 5 new hires by Friday "
               "18:00?\n\nI know the start of the month is your busiest time, with the "
               "company-wide system upgrade on top — thank you for squeezing this in.\n\n"
               "Background: Five new colleagues join Marketing on Monday; at 10:00 they start "
               "customer training, which runs in the CRM.\nThe problem: We filed the onboarding "
               "request in the OA system last Wednesday; it still shows “awaiting assignment”.\n"
               "Could we check together where the request is waiting, and whether there is "
               "anything we can prepare on our side?\nMy proposal: Today I'll send you the names, "
               "roles and software list; we'll collect the laptops ourselves on Friday afternoon."
               "\n\nWhat I need: Please confirm by Friday 18:00 that laptops and CRM accounts will "
               "be ready; if it's difficult, tell me by Thursday and I'll move the training.\n\n"
               "Thank you!",
    "message_flags": 0,
    "reply_hours": 3,
    "granted": "yes",
    "outcome_note": "Liu from IT answered the same afternoon and asked for the software list as "
                    "a spreadsheet — next time I'll attach it to the first message.",
}

EXAMPLE_ZH = {
    "subject": "请 IT 部在本周五 18:00 前为下周一入职的 5 位新同事准备好电脑和 CRM 账号。",
    "subject_stars": 4,
    "background": "市场部下周一有 5 位新同事入职，周一上午 10 点就要参加客户培训，培训要用 CRM 系统。",
    "problem": "入职申请上周三已在 OA 提交，目前流程显示“待分配”，我们担心周一拿不到电脑。",
    "proposal": "我今天就把 5 个人的姓名、岗位和需要安装的软件清单发给您，周五下午我们自己去 IT 服务台领电脑。",
    "need": "请在周五 18:00 前确认电脑和 CRM 账号能否准备好；如果有困难，周四告诉我，我好调整培训安排。",
    "need_by": "2026-12-04",
    "logic_stars": 4,
    "wording": "想和您一起看看申请现在卡在哪个环节，我们这边有没有可以提前准备的。",
    "wording_stars": 3,
    "emotion": "知道月初 IT 部要处理全公司的系统升级，工单特别多，辛苦了。",
    "emotion_stars": 4,
    "interests": "提前拿到清单，周一上午可以少一批临时工单；新同事第一天就能用上 CRM，后面的账号问题也会少很多。",
    "interests_stars": 5,
    "message": "主题：请 IT 部在本周五 18:00 前为下周一入职的 5 位新同事准备好电脑和 CRM 账号。\n\n"
               "知道月初 IT 部要处理全公司的系统升级，工单特别多，辛苦了。\n\n"
               "背景：市场部下周一有 5 位新同事入职，周一上午 10 点就要参加客户培训，培训要用 CRM 系统。\n"
               "问题：入职申请上周三已在 OA 提交，目前流程显示“待分配”。\n"
               "想和您一起看看申请现在卡在哪个环节，我们这边有没有可以提前准备的。\n"
               "建议：我今天就把姓名、岗位和软件清单发给您，周五下午我们自己去领电脑。\n\n"
               "需要您支持：请在周五 18:00 前确认电脑和 CRM 账号能否准备好；如果有困难，周四告诉我，"
               "我好调整培训安排。\n\n谢谢！",
    "message_flags": 0,
    "reply_hours": 3,
    "granted": "yes",
    "outcome_note": "IT 部的刘工当天下午就回复了，还请我把软件清单做成表格——下次第一条消息就附上。",
}

SPEC = ToolSpec(
    key="fivestar",
    version=1,
    name=T("Five-star message", "五星沟通"),
    summary=T("Write a cross-department request that is clear, kind and hard to refuse.",
              "写一条清楚、体贴、让对方乐于答应的跨部门请求。"),
    sections=SECTIONS,
    icon="fivestar",
    title_field="subject",
    examples={"en": EXAMPLE_EN, "zh_CN": EXAMPLE_ZH},
    figures=figures,
    order=50,
)
