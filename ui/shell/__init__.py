"""The shell every window stands on: status bar, task lanes, core events, the idle lock, sign-out."""
