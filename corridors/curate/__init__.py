"""Curation tools: ingest proposes claims from a new article, review accepts or rejects them."""
