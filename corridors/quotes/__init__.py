"""Quotes: finding a quote word for word in its article, and the anchors that say where it stands."""
