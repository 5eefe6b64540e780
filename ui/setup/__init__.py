"""Setting the counter up: the first-run wizard, the printer page, the administrator's settings."""
