"""The Journal's widgets (the page itself is coach/ui/sections/journal.py)."""
