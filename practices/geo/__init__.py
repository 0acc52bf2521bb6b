"""Outlines of the network's countries for the practice map (see ``build_map.mjs``): projected
SVG paths at 1:110m from Natural Earth (public domain), and a point for each small island state
too small to draw at that scale. Read from ``americas.json``; nothing is fetched at run time."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

OUTLINES = Path(__file__).with_name("americas.json")


@dataclass(frozen=True)
class CountryOutline:
    code: str
    path: str  # SVG path data, "" for an island state drawn as a dot
    x: float  # where its label or dot goes
    y: float


@dataclass(frozen=True)
class MapOutlines:
    width: int
    height: int
    countries: dict[str, CountryOutline]


@cache
def americas() -> MapOutlines:
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    return MapOutlines(
        width=data["width"],
        height=data["height"],
        countries={
            code: CountryOutline(code=code, path=shape["d"], x=shape["x"], y=shape["y"])
            for code, shape in data["countries"].items()
        },
    )
