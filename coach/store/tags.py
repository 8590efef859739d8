"""Tags across the diary: counts, rename and merge everywhere.

Tag names are unique without regard to case. Renaming onto an existing name
merges the two. Each change is one transaction that also refreshes the
search text (and through the triggers the full-text index) of every entry
that carries the tag.
"""
from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from .entries import refresh_search_text
from .models import EntryTag, Tag, db


class TagError(ValueError):
    """A tag operation the user asked for cannot be done (``key`` is an i18n key)."""

    def __init__(self, key: str, **args):
        self.key = key
        self.args_ = args
        super().__init__(key)


@dataclass
class TagCount:
    name: str
    live: int  # entries not in the trash
    trashed: int


def clean(name: str) -> str:
    return " ".join((name or "").split())


def counts() -> list[TagCount]:
    """Every tag with how many live and trashed entries carry it, by name."""
    rows = db.execute_sql(
        "SELECT t.name,"
        " SUM(CASE WHEN e.id IS NOT NULL AND e.deleted_at IS NULL THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN e.deleted_at IS NOT NULL THEN 1 ELSE 0 END)"
        " FROM tag t LEFT JOIN entry_tag et ON et.tag_id = t.id"
        " LEFT JOIN entry e ON e.id = et.entry_id"
        " GROUP BY t.id ORDER BY t.name COLLATE NOCASE").fetchall()
    return [TagCount(name, live or 0, trashed or 0) for name, live, trashed in rows]


def names() -> list[str]:
    """Tag names for autocompletion (the ones in use first, then by name)."""
    return [c.name for c in sorted(counts(), key=lambda c: (c.live == 0, c.name.casefold()))]


def _get(name: str) -> Tag | None:
    return Tag.get_or_none(fn.lower(Tag.name) == clean(name).lower())


def _entry_ids(tag_id: int) -> list[int]:
    return [link.entry_id for link in EntryTag.select(EntryTag.entry).where(EntryTag.tag == tag_id)]


def rename(old: str, new: str) -> int:
    """Rename ``old`` to ``new`` everywhere; onto an existing tag this merges.

    Returns the number of entries that carry the tag afterwards.
    """
    new_clean = clean(new)
    if not new_clean:
        raise TagError("tags.error.empty")
    if "," in new_clean or "，" in new_clean:
        raise TagError("tags.error.comma")
    with db.atomic():
        source = _get(old)
        if source is None:
            raise TagError("tags.error.missing", name=old)
        target = _get(new_clean)
        if target is not None and target.id != source.id:
            return _merge_into([source], target)
        affected = _entry_ids(source.id)
        Tag.update(name=new_clean).where(Tag.id == source.id).execute()
        refresh_search_text(affected)
        return len(affected)


def merge(sources: list[str], target: str) -> int:
    """Move every entry of ``sources`` onto ``target`` (created if needed); drop the sources."""
    target_clean = clean(target)
    if not target_clean:
        raise TagError("tags.error.empty")
    with db.atomic():
        dest = _get(target_clean) or Tag.create(name=target_clean)
        found = []
        for name in sources:
            tag = _get(name)
            if tag is None:
                raise TagError("tags.error.missing", name=name)
            if tag.id != dest.id:
                found.append(tag)
        return _merge_into(found, dest)


def _merge_into(sources: list[Tag], dest: Tag) -> int:
    affected: set[int] = set()
    for tag in sources:
        ids = _entry_ids(tag.id)
        affected.update(ids)
        db.execute_sql("INSERT OR IGNORE INTO entry_tag (entry_id, tag_id)"
                       " SELECT entry_id, ? FROM entry_tag WHERE tag_id = ?", (dest.id, tag.id))
        Tag.delete().where(Tag.id == tag.id).execute()  # its links go by cascade
    refresh_search_text(affected)
    return EntryTag.select().where(EntryTag.tag == dest.id).count()


def delete(name: str) -> int:
    """Remove a tag from every entry (the entries stay). Returns how many carried it."""
    with db.atomic():
        tag = _get(name)
        if tag is None:
            raise TagError("tags.error.missing", name=name)
        affected = _entry_ids(tag.id)
        Tag.delete().where(Tag.id == tag.id).execute()
        refresh_search_text(affected)
        return len(affected)
