"""The counter (quầy thu): the cashier's main window and the dialogs it opens (payment,
receipts, shifts, requests, tools). The agent's and the collector's windows reuse the
payment and shift dialogs."""
