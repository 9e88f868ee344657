"""Development tools: a real browser driving the dashboard, for tests, benchmarks and screenshots.

Not part of the product (nothing in ``corridors/`` imports it). ``browser`` starts servers and
Chromium; ``pagejs`` holds the JavaScript that finds, waits for and clicks map features, written
once and used by the sync helpers here and by the asyncio load test alike.
"""
