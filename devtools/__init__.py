"""Development tools that build the curated data; never imported by the app or the tests."""
