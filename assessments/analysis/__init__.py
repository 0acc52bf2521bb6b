"""Analysis of needs-assessment answers: ``flatten`` makes the flat table the aggregates read,
``figures`` a section's figures, ``suppression`` protects small cells in every figure shown
outside the assessment team, and ``charts`` draws the figures as SVG."""
