"""Draws Convive's raster images with Pillow: the favicon's PNG fallbacks, the sharing image and
the demo site's illustrations (abstract shapes, no photographs). Run from the repository root:
``.venv/bin/python docs/identity/generate_images.py``; the output is committed."""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static" / "img"
DEMO = ROOT / "outreach" / "demo_media"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

# The palette of static/css/convive.css.
BRAND_DARK = (8, 63, 83)
BRAND = (11, 93, 122)
SKY = (207, 232, 242)
SAND = (246, 239, 226)
ACCENT = (232, 152, 52)
TERRACOTTA = (163, 48, 11)
WHITE = (255, 255, 255)


def mark(size: int, *, radius_ratio: float = 0.2) -> Image.Image:
    """The mark: a C that holds a dot, on a rounded square (the drawing of favicon.svg)."""
    scale = 8
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (0, 0, big - 1, big - 1), radius=int(big * radius_ratio), fill=BRAND_DARK
    )
    unit = big / 40
    centre, ring = 20 * unit, 10 * unit
    width = int(4 * unit)
    box = (centre - ring, centre - ring, centre + ring, centre + ring)
    draw.arc(box, 45, 315, fill=WHITE, width=width)
    for angle in (45, 315):
        x = centre + (ring - width / 2) * math.cos(math.radians(angle))
        y = centre + (ring - width / 2) * math.sin(math.radians(angle))
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=WHITE)
    dot = 3.4 * unit
    draw.ellipse((centre - dot, centre - dot, centre + dot, centre + dot), fill=ACCENT)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def icons() -> None:
    mark(32).save(STATIC / "favicon-32.png", optimize=True)
    # Apple draws its own rounded corners: a square without transparency.
    touch = Image.new("RGB", (180, 180), BRAND_DARK)
    touch.paste(mark(180, radius_ratio=0), (0, 0), mark(180, radius_ratio=0))
    touch.save(STATIC / "apple-touch-icon.png", optimize=True)


def share_image() -> None:
    image = Image.new("RGB", (1200, 630), BRAND)
    draw = ImageDraw.Draw(image)
    rng = random.Random(7)  # noqa: S311 (a fixed drawing, not a secret)
    _network(draw, rng, box=(560, 0, 1200, 630), colour=(52, 128, 154), dots=ACCENT)
    image.paste(mark(160), (90, 150), mark(160))
    draw.text((280, 160), "Convive", font=ImageFont.truetype(FONT, 104), fill=WHITE)
    lines = ("Local governments of the Americas", "welcoming migrants and refugees")
    for number, line in enumerate(lines):
        draw.text(
            (94, 370 + number * 56), line, font=ImageFont.truetype(FONT_REGULAR, 42), fill=SKY
        )
    draw.rectangle((94, 500, 294, 508), fill=ACCENT)
    image.save(STATIC / "convive-share.png", optimize=True)


def _network(draw, rng, *, box, colour, dots, count=18) -> None:
    """Points joined to their nearest neighbours: a network of places."""
    left, top, right, bottom = box
    points = [(rng.uniform(left, right), rng.uniform(top, bottom)) for _ in range(count)]
    for x, y in points:
        nearest = sorted(points, key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)[1:3]
        for other in nearest:
            draw.line((x, y, *other), fill=colour, width=3)
    for x, y in points:
        radius = rng.choice((6, 8, 11))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=dots)


def _blob(rng, *, centre, size, points=14) -> list[tuple[float, float]]:
    """A smooth irregular outline, like a coast or a district on a map."""
    cx, cy = centre
    radii = [size * rng.uniform(0.7, 1.15) for _ in range(points)]
    outline = []
    for step in range(points * 6):
        t = step / (points * 6) * points
        index = int(t)
        blend = t - index
        radius = radii[index % points] * (1 - blend) + radii[(index + 1) % points] * blend
        angle = 2 * math.pi * step / (points * 6)
        outline.append((cx + radius * math.cos(angle) * 1.3, cy + radius * math.sin(angle)))
    return outline


PALETTES = {
    "harbour": (SKY, BRAND, BRAND_DARK, ACCENT),
    "market": (SAND, (199, 120, 70), TERRACOTTA, BRAND_DARK),
    "highlands": ((226, 238, 222), (86, 140, 100), (40, 86, 70), ACCENT),
    "river": ((222, 233, 246), (70, 110, 170), (30, 60, 110), (240, 190, 90)),
    "dusk": ((240, 228, 236), (140, 80, 120), (70, 40, 80), (250, 200, 120)),
    "plaza": ((250, 244, 230), (210, 160, 60), BRAND_DARK, TERRACOTTA),
}


def illustration(name: str, seed: int, *, size=(1600, 900)) -> Path:
    """An abstract landscape: layered hills, map-like patches and a network of places."""
    light, middle, dark, highlight = PALETTES[name]
    rng = random.Random(seed)  # noqa: S311 (a fixed drawing, not a secret)
    width, height = size
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    for layer in range(3):
        colour = tuple(
            int(light[i] + (middle[i] - light[i]) * (0.35 + 0.3 * layer)) for i in range(3)
        )
        base = height * (0.45 + 0.17 * layer)
        amplitude = height * 0.07
        phase, frequency = rng.uniform(0, 6), rng.uniform(1.2, 2.6)
        outline = [
            (x, base + amplitude * math.sin(phase + frequency * x / width * math.pi * 2))
            for x in range(0, width + 20, 20)
        ]
        draw.polygon([*outline, (width, height), (0, height)], fill=colour)
    patches = Image.new("RGBA", size, (0, 0, 0, 0))
    patch_draw = ImageDraw.Draw(patches)
    for _ in range(5):
        centre = (rng.uniform(0.1, 0.9) * width, rng.uniform(0.15, 0.85) * height)
        patch_draw.polygon(_blob(rng, centre=centre, size=rng.uniform(60, 150)), fill=(*middle, 90))
    image.paste(patches, (0, 0), patches.filter(ImageFilter.GaussianBlur(1)))
    draw = ImageDraw.Draw(image)
    _network(
        draw, rng, box=(80, 80, width - 80, height - 80), colour=dark, dots=highlight, count=14
    )
    sun = rng.uniform(0.65, 0.9) * width, height * 0.22
    draw.ellipse((sun[0] - 70, sun[1] - 70, sun[0] + 70, sun[1] + 70), fill=highlight)
    path = DEMO / f"{name}.jpg"
    image.save(path, quality=82, optimize=True, progressive=True)
    return path


if __name__ == "__main__":
    STATIC.mkdir(parents=True, exist_ok=True)
    DEMO.mkdir(parents=True, exist_ok=True)
    icons()
    share_image()
    for seed, name in enumerate(PALETTES, start=3):
        illustration(name, seed)
