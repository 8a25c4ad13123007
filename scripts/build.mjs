// Bundles the CLI and its tile worker into packages/cli/dist with esbuild (fast; tsc only type-checks).
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const entries = {
  landwatch: 'packages/cli/src/main.ts',
  'tile-worker': 'packages/cli/src/tile-worker.ts',
  // what bin/landwatch.mjs decides before it loads the CLI (whether a run starts again with other Node options)
  launch: 'packages/cli/src/launch.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(f)));
const outdir = 'packages/cli/dist';
if (Object.keys(entryPoints).length > 0) {
  rmSync(outdir, { recursive: true, force: true });
  // Two builds. The CLI is split: what a command imports only when it runs (`landwatch aws` and the AWS SDK, 1.1 MB)
  // goes into chunks of its own, which a `landwatch run` never reads or parses (`landwatch --help`, 10 alternating
  // starts: median 281 -> 237 ms). The tile worker stays one file: split with the CLI it would
  // load the CLI's 2.7 MB shared chunk instead of its own 0.8 MB bundle at every start. The launcher's decision is
  // its own small file too.
  for (const [name, entry] of Object.entries(entryPoints)) await bundle({ [name]: entry }, name === 'landwatch');
  // Node reads an ES module's source through a UTF-8 decode, which takes the slow path for the whole 4 MB as soon as
  // one byte is not ASCII (35 ms of every start, the tile worker's too). The bundler escapes Chinese in strings and
  // plain templates, not in regular expression literals or String.raw templates: write those from strings.
  for (const name of readdirSync(outdir).filter((f) => f.endsWith('.mjs'))) {
    const file = `${outdir}/${name}`;
    const text = readFileSync(file, 'latin1');
    const at = text.search(/[^\x00-\x7f]/);
    if (at >= 0) {
      const line = text.slice(0, at).split('\n').length;
      throw new Error(`${file}:${line}: a non-ASCII character in the bundle (${JSON.stringify(text.slice(Math.max(0, at - 40), at + 20))}); write that pattern or text from a string literal, which the bundler escapes`);
    }
  }
}

async function bundle(points, splitting) {
  await build({
    entryPoints: points,
    outdir,
    splitting,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    // no comments or indentation: a fifth less source for every start to read and parse (the names stay)
    minifyWhitespace: true,
    logLevel: 'warning',
    // CommonJS dependencies bundled into ESM need a require().
    banner: { js: "import { createRequire as __lwCreateRequire } from 'node:module'; const require = __lwCreateRequire(import.meta.url);" },
    // gdal3.js loads its .wasm and .data files from its package folder at run time (docs/FORMATS.md)
    external: ['geos-wasm', 'gdal3.js'],
    // yazl's CRC-32 through Node's zlib instead of a JavaScript table loop (see the file)
    alias: { 'buffer-crc32': './scripts/buffer-crc32-zlib.cjs' },
  });
}
