"""The pages `make bench` measures. Add a page by appending a BenchPage; keep names unique."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str


PAGES: list[BenchPage] = [
    BenchPage(name="home", path="/en/"),
]
