// Bundles the CLI and its tile worker into packages/cli/dist with esbuild (fast; tsc only type-checks).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = {
  landwatch: 'packages/cli/src/main.ts',
  'tile-worker': 'packages/cli/src/tile-worker.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(f)));
if (Object.keys(entryPoints).length > 0) {
  await build({
    entryPoints,
    outdir: 'packages/cli/dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    logLevel: 'warning',
    // CommonJS dependencies bundled into ESM need a require().
    banner: { js: "import { createRequire as __lwCreateRequire } from 'node:module'; const require = __lwCreateRequire(import.meta.url);" },
    // gdal3.js loads its .wasm and .data files from its package folder at run time (docs/FORMATS.md)
    external: ['geos-wasm', 'gdal3.js'],
    // yazl's CRC-32 through Node's zlib instead of a JavaScript table loop (see the file)
    alias: { 'buffer-crc32': './scripts/buffer-crc32-zlib.cjs' },
  });
}
