"""Receipts (phiếu thu) as data first; renderers turn the same object into
a raster image for ESC/POS printers, printer bytes, and PDF."""
