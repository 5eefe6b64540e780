"""Staying in step with central: the HTTP client, applying pulled changes,
pushing the outbox, and the background loop."""
