"""Storage: where the data lives, the only code that opens its files, the tables and GeoJSON as read, and atomic writes.

Nothing here knows what a route or a claim means; every problem is recorded, never raised.
"""
