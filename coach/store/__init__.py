"""The store: the only package that speaks SQL."""
from .connection import (  # noqa: F401
    CorruptDatabaseError,
    LockedDatabaseError,
    NewerDatabaseError,
    NotCoachDatabaseError,
    StoreError,
    close_database,
    open_database,
)
