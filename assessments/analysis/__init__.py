"""Analysis of needs-assessment answers (issue 14). ``suppression`` protects small cells in
every figure shown outside the assessment team; ``charts`` draws the figures as SVG."""
