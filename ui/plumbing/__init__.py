"""The app's plumbing: start-up progress, the crash reporter, the one error presenter,
the language, the Qt self-test."""
