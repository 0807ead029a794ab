"""The editor's dialogs: export, preferences, recovery after a crash, and about.

Each dialog is shown with ``open()`` (window-modal, without a nested event loop), reports what
the user chose through signals or callbacks, and keeps its widgets as attributes so that tests
can drive it like a user would.
"""
