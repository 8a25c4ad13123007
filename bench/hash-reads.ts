// `node --import tsx bench/hash-reads.ts FILE [REPEAT]`: md5 then sha256 of FILE (what a local run's pins of its
// change layer compute), read through a stream of 1 MiB chunks and through one refilled 1 MiB buffer, alternately,
// with wall and CPU time (bench/RESULTS.md). Not part of the test suite.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

const [path, repeatArg] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: node --import tsx bench/hash-reads.ts FILE [REPEAT]\n');
  process.exit(2);
}

async function throughStream(algorithm: string): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path!, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function throughOneBuffer(algorithm: string): Promise<string> {
  const hash = createHash(algorithm);
  const buffer = Buffer.allocUnsafe(1 << 20);
  const handle = await open(path!, 'r');
  try {
    for (let n; (n = (await handle.read(buffer, 0, buffer.length, null)).bytesRead) > 0; ) hash.update(buffer.subarray(0, n));
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

for (let r = 0; r < Number(repeatArg ?? 3); r++) {
  for (const [name, digest] of [['stream', throughStream], ['one buffer', throughOneBuffer]] as const) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const md5 = await digest('md5');
    const sha256 = await digest('sha256');
    const cpu = process.cpuUsage(c0);
    process.stdout.write(`${name.padEnd(10)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms wall ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6)} ms CPU  md5 ${md5.slice(0, 8)} sha256 ${sha256.slice(0, 8)}\n`);
  }
}
