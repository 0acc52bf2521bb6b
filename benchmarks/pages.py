"""The pages `make bench` measures. Add a page by appending a BenchPage; keep names unique."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str


PAGES: list[BenchPage] = [
    BenchPage(name="home", path="/en/"),
]

# The practice finder at its heaviest: two facets (one OR-ed pair) and a search term.
PAGES.append(
    BenchPage(
        name="practice-finder",
        path="/en/practices/?q=migracion&country=MX&country=CO&theme=health",
    )
)
