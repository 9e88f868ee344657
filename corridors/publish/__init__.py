"""Publishing: exports (GeoJSON, CSV, GeoPackage, KML), citations (CSL-JSON, BibTeX, RIS) and Web Annotations."""
