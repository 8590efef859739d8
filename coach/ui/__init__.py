"""The PySide6 front end. Nothing outside this package imports Qt."""
