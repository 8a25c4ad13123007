// GDAL command-line tools, as analysts use them. Tests fail (not skip) when GDAL is missing: .ci/run installs it.
import { execFileSync } from 'node:child_process';

export function ogrinfo(args: string[]): string {
  return execFileSync('ogrinfo', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function ogr2ogr(args: string[]): string {
  return execFileSync('ogr2ogr', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Feature count of a layer as ogrinfo reports it (optionally under a spatial filter). */
export function ogrFeatureCount(file: string, spat?: [number, number, number, number]): number {
  const out = ogrinfo(['-ro', '-so', '-al', ...(spat ? ['-spat', ...spat.map(String)] : []), file]);
  const m = /Feature Count: (\d+)/.exec(out);
  if (!m) throw new Error(`no feature count in ogrinfo output:\n${out}`);
  return Number(m[1]);
}
