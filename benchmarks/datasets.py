"""Benchmark data sets, by size.

`make bench` always loads the demo content (``seed_demo``) first. A part of Convive that needs
more data to be measured fairly registers a filler here::

    @dataset_filler
    def fill_practices(*, size: str) -> None:
        target = {"demo": 0, "medium": 1_000, "large": 10_000}[size]
        ...  # create practices until there are `target` of them (idempotent)

Fillers run inside Django (bench settings, the benchmark database) in registration order and
must be idempotent: running the benchmark twice does not double the data. Add a size by adding
it to SIZES with a one-line description.
"""

import argparse
from collections.abc import Callable

Filler = Callable[..., None]

SIZES: dict[str, str] = {
    "demo": "the demo content only (seed_demo)",
    "medium": "demo content plus what each filler calls a medium network",
    "large": "demo content plus what each filler calls a large network",
}
FILLERS: list[Filler] = []


def dataset_filler(function: Filler) -> Filler:
    """Register a function ``(*, size: str) -> None`` that adds benchmark data for a size."""
    FILLERS.append(function)
    return function


def dataset_fill(*, size: str) -> None:
    """Run every registered filler for `size`."""
    if size not in SIZES:
        raise ValueError(f"Unknown data set size {size!r}; choose from {', '.join(SIZES)}.")
    for filler in FILLERS:
        print(f"Filling {size} data set: {filler.__name__}")
        filler(size=size)


def main() -> None:
    parser = argparse.ArgumentParser(description="Add benchmark data of a given size.")
    parser.add_argument("--size", choices=list(SIZES), default="demo")
    arguments = parser.parse_args()

    import django

    django.setup()
    dataset_fill(size=arguments.size)


if __name__ == "__main__":
    main()
