"""Development tools, never imported by the product (nothing in ``corridors/`` imports them).

``browser`` starts servers and Chromium and drives the dashboard for tests, benchmarks and
screenshots; ``pagejs`` holds the JavaScript that finds, waits for and clicks map features, written
once; ``trace`` is the recipe that chooses route vertices from the reference geodata.
"""
