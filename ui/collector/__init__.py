"""The field collector's window (thu lưu động)."""
