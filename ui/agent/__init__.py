"""The agent's window (đại lý thu hộ)."""
