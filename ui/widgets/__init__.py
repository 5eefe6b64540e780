"""Widgets and models the windows share."""
