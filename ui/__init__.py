"""The Qt skin of QuayThu: windows, models and background workers.

Imports ``desktop`` and PySide6 only; never the store or the central server.
"""
