// Builds practices/geo/americas.json, the outlines the practice map draws, from Natural Earth's
// public-domain country borders as packaged by world-atlas (1:110m; 1:50m only to place the small
// island states that 1:110m leaves out). Run it only to change the map; the site and the tests
// read the JSON and need neither Node nor the internet:
//
//   cd practices/geo && npm install --no-save world-atlas@2.0.2 d3-geo@3.1.2 \
//     topojson-client@3.1.0 i18n-iso-countries@7.14.0 && node build_map.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoAzimuthalEqualArea, geoCentroid, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import countries from "i18n-iso-countries";

const require = createRequire(import.meta.url);
const WIDTH = 600;
const HEIGHT = 760;
// The network's countries (network/countries.py).
const AMERICAS = `AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE
  KN LC VC SR TT US UY VE`.split(/\s+/);

function load(name) {
  const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), "utf8"));
  return feature(topology, topology.objects.countries).features;
}

const alpha2 = (item) => countries.numericToAlpha2(item.id);
const coarse = new Map(load("countries-110m.json").map((item) => [alpha2(item), item]));
const fine = new Map(load("countries-50m.json").map((item) => [alpha2(item), item]));

// Fit the mainland Americas (Alaska's Aleutians and the Arctic islands would shrink the rest).
const frame = {
  type: "Feature",
  geometry: {
    type: "Polygon",
    coordinates: [[[-130, 56], [-55, 56], [-32, -8], [-67, -56], [-76, -56], [-118, 22], [-130, 56]]],
  },
};
const projection = geoAzimuthalEqualArea()
  .rotate([80, -12])
  .fitExtent([[10, 10], [WIDTH - 10, HEIGHT - 10]], frame)
  .clipExtent([[0, 0], [WIDTH, HEIGHT]]);
const path = geoPath(projection).digits(1);
const round = (value) => Math.round(value * 10) / 10;

const shapes = {};
for (const code of AMERICAS) {
  const outline = coarse.get(code);
  const [x, y] = projection(geoCentroid(fine.get(code)));
  shapes[code] = outline
    ? { d: path(outline), x: round(x), y: round(y) }
    : { d: "", x: round(x), y: round(y) }; // too small at 1:110m: drawn as a dot
}
writeFileSync(
  new URL("americas.json", import.meta.url),
  `${JSON.stringify({ width: WIDTH, height: HEIGHT, countries: shapes })}\n`,
);
