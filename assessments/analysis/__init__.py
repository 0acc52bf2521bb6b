"""The analysis of an assessment's answers: flattening, suppression of small cells, charts."""
