"""The model: the dataset built from what passed validation, the one join of features to their claims, and its on-disk cache."""
