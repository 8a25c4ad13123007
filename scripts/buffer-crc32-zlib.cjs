// Stands in for the `buffer-crc32` package inside the CLI bundle (scripts/build.mjs aliases it here). yazl, the zip
// writer behind detections.xlsx, checksums every member with buffer-crc32, a byte-at-a-time table loop in
// JavaScript; Node's zlib.crc32 (Node >= 20.15, zlib's own CRC-32) gives the same value for a fraction of the time.
// Measured in bench/RESULTS.md: the JavaScript loop was 54 ms of the 20 000-piece run and 0.27 s at 100 000.
// Only what yazl calls is provided: crc32.unsigned(buffer[, previous]), plus the package's other two forms.
'use strict';
const { crc32: native } = require('node:zlib');

/** The CRC-32 of `buf` continuing from `previous` (a number or the 4-byte big-endian form), unsigned. */
function unsigned(buf, previous) {
  const data = typeof buf === 'string' ? Buffer.from(buf) : buf;
  const from = previous === undefined ? 0 : Buffer.isBuffer(previous) ? previous.readUInt32BE(0) : previous >>> 0;
  return native(data, from);
}

/** The CRC-32 as a 4-byte big-endian buffer (the package's default export). */
function crc32(buf, previous) {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(unsigned(buf, previous), 0);
  return out;
}
crc32.unsigned = unsigned;
crc32.signed = (buf, previous) => unsigned(buf, previous) | 0;

module.exports = crc32;
