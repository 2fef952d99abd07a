#!/usr/bin/env node
/* global process, console */
// Draws the app icon and writes the PNGs electron-builder packages (no image library: a small PNG
// encoder over node:zlib). Run `node build/make-icons.mjs` after changing the drawing; the output
// is deterministic and checked in:
//   build/icon.png            512×512 (macOS .icns and Windows .ico are made from it)
//   build/icons/512x512.png   Linux icon set
//   build/icons/256x256.png
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA pixels (width × height × 4 bytes) as a PNG: 8-bit truecolour with alpha, no filtering. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0; // filter: none
    rgba.copy(raw, y * (1 + width * 4) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const clamp01 = (x) => Math.min(1, Math.max(0, x));
const mix = (a, b, t) => a + (b - a) * t;

/** Distance from p to the segment a–b. */
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp01(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Signed distance to a rounded square centred in the unit square (negative inside). */
function roundedSquare(x, y, half, radius) {
  const qx = Math.abs(x - 0.5) - (half - radius);
  const qy = Math.abs(y - 0.5) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/**
 * The icon: an indigo-to-teal tile with a route that forks from one node to two, the upper branch
 * (the chosen route) bright, the other dimmed. Coverage is computed per pixel from distances, so
 * edges are anti-aliased at any size.
 */
export function renderIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const px = 1 / size;
  const chosen = [0.3, 0.3];
  const other = [0.3, 0.7];
  const start = [0.24, 0.5];
  const fork = [0.5, 0.5];
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) * px;
      const y = (j + 0.5) * px;
      const tile = clamp01(0.5 - roundedSquare(x, y, 0.46, 0.1) / px);
      if (tile === 0) continue;
      const t = clamp01((x + y) / 2);
      let r = mix(79, 13, t);
      let g = mix(70, 148, t);
      let b = mix(229, 136, t);
      const paint = (coverage, cr, cg, cb, alpha = 1) => {
        const a = coverage * alpha;
        r = mix(r, cr, a);
        g = mix(g, cg, a);
        b = mix(b, cb, a);
      };
      const stroke = 0.045;
      const line = (p, q) => clamp01(0.5 - (segmentDistance(x, y, p[0], p[1], q[0], q[1]) - stroke / 2) / px);
      const dot = (c, radius) => clamp01(0.5 - (Math.hypot(x - c[0], y - c[1]) - radius) / px);
      paint(Math.max(line(fork, [1 - other[0], other[1]]), dot([1 - other[0], other[1]], 0.075)), 255, 255, 255, 0.45);
      paint(Math.max(line(start, fork), line(fork, [1 - chosen[0], chosen[1]])), 255, 255, 255);
      paint(dot(start, 0.085), 255, 255, 255);
      paint(dot([1 - chosen[0], chosen[1]], 0.085), 255, 255, 255);
      paint(dot(fork, 0.04), 255, 255, 255);
      const o = (j * size + i) * 4;
      pixels[o] = Math.round(r);
      pixels[o + 1] = Math.round(g);
      pixels[o + 2] = Math.round(b);
      pixels[o + 3] = Math.round(tile * 255);
    }
  }
  return encodePng(size, size, pixels);
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(join(here, 'icons'), { recursive: true });
  const big = renderIcon(512);
  writeFileSync(join(here, 'icon.png'), big);
  writeFileSync(join(here, 'icons', '512x512.png'), big);
  writeFileSync(join(here, 'icons', '256x256.png'), renderIcon(256));
  console.log('wrote build/icon.png, build/icons/512x512.png, build/icons/256x256.png');
}
