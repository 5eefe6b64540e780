"""The head cashier's office (thủ quỹ): the shift hand-over and the bank deposit."""
