"""Who works at the counter and what they did: sign-in and sessions, the permission table,
approvals, the hash-chained journal and its check, and what logs may not show."""
