"""Everything that ends on paper: receipts as data and their renderers (ESC/POS raster or
CP1258 text, PDF), documents and slips, the persistent print queue and its printer thread,
printer transports, and the printer emulator."""
