"""The status bar every window has, one small widget per file for each of its parts
(qutebrowser's ``mainwindow/statusbar/``): ``bar.py`` composes them."""
