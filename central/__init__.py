"""QuayThu's reference central system: the contract of DESIGN.md over HTTP.

Imports its own code and the core's pure helpers only.
"""
