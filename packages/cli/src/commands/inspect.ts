// `landwatch inspect FILE`: header, CRS, fields, counts, index, code histogram — and what the file is fit for: a
// change layer (DLTBGXGC, checked as `run` checks an upload), a protection layer (checked as `run` checks one), or
// neither, with every reason (docs/INPUT-CHECKS.md).
import { crsFromDescription, landUseCodeTable, resolveChangeSchema, type ClassificationOption, type Crs } from '@landwatch/core';
import { openFileByteSource, readHeader, type ByteSource, type FgbHeader } from '@landwatch/fgb';
import { messageNaming, openChangeLayer, scanWithClassification, validateProtectionLayer } from '@landwatch/pipeline';

interface Fitness {
  ok: boolean;
  /** why not (empty when ok) */
  reasons: string[];
}

/** As `run` checks a protection layer: indexed, Polygon/MultiPolygon, supported CRS, every feature and index node. */
async function protectionFitness(path: string, source: ByteSource, header: FgbHeader, crs: Crs | undefined, crsProblem: string | undefined): Promise<Fitness> {
  const reasons: string[] = [];
  if (![0, 3, 6].includes(header.geometryType)) reasons.push(`${path}: geometry type ${header.geometryTypeName} is not Polygon or MultiPolygon`);
  if (crsProblem) reasons.push(`${path}: ${crsProblem}`);
  if (header.indexNodeSize === 0) reasons.push(`${path}: has no spatial index (write one with \`landwatch index\`)`);
  if (reasons.length === 0 && crs) {
    const check = await validateProtectionLayer(path, source, header, crs);
    reasons.push(...check.reasons);
    if (check.reasons.length === 0 && check.features === 0) reasons.push(`${path}: no features`);
  }
  return { ok: reasons.length === 0, reasons };
}

export async function inspectFile(path: string, classification: ClassificationOption = 'auto'): Promise<{ text: string; problems: string[] }> {
  const source = await openFileByteSource(path);
  try {
    let header: FgbHeader;
    try {
      header = await readHeader(source);
    } catch (err) {
      const problem = messageNaming(path, err);
      return { text: `file:          ${path} (${source.size} bytes)\nfit for:       neither a change layer nor a protection layer\nchecks: 1 problem(s):\n  ${problem}`, problems: [problem] };
    }
    const lines: string[] = [];
    lines.push(`file:          ${path} (${source.size} bytes)`);
    lines.push(`name:          ${header.name ?? ''}${header.title ? ` — ${header.title}` : ''}`);
    lines.push(`geometry:      ${header.geometryTypeName}${header.hasZ ? ' Z' : ''}`);
    lines.push(`features:      ${header.featuresCount === 0 ? 'unknown (header says 0), counted by reading' : header.featuresCount}`);
    // a file may store the CRS as WKT only (code 0): then the code shown is the one recognised from the WKT
    const stored = header.crs && (header.crs.code ?? 0) > 0 ? `${header.crs.org ?? 'EPSG'}:${header.crs.code}` : undefined;
    let crsText = stored ?? (header.crs ? 'WKT without a code' : 'none');
    let crs: Crs | undefined;
    let crsProblem: string | undefined;
    try {
      crs = crsFromDescription(header.crs ?? {});
      if (stored === undefined) crsText += `, read as EPSG:${crs.epsg}`;
      crsText += ` (${crs.name}${crs.kind === 'gauss-kruger' ? `, central meridian ${crs.centralMeridianDeg}°E` : ''})`;
    } catch (err) {
      crsProblem = (err as Error).message;
      crsText += ` — unsupported: ${crsProblem}`;
    }
    lines.push(`crs:           ${crsText}`);
    lines.push(`spatial index: ${header.indexNodeSize > 0 ? `packed Hilbert R-tree, node size ${header.indexNodeSize}, ${header.indexSize} bytes` : 'none (run `landwatch index`)'}`);
    if (header.envelope) {
      const e = header.envelope;
      lines.push(`envelope:      ${e.minX} ${e.minY} ${e.maxX} ${e.maxY}`);
    }
    lines.push(`fields (${header.columns.length}):`);
    for (const c of header.columns) lines.push(`  ${c.name.padEnd(12)} ${c.type.padEnd(8)} ${c.title ?? ''}`);

    // as a change layer: exactly the checks of `run` (header, then every feature, the index when there is one)
    const change: Fitness = { ok: false, reasons: [] };
    const opened = await openChangeLayer(source);
    if (!opened.ok) {
      change.reasons.push(...opened.reasons);
    } else {
      // codes are read in the classification asked for, or the one their codes show (docs/CLASSIFICATIONS.md)
      const { scan, decision } = await scanWithClassification(opened.layer, classification);
      if (!decision.ok) change.reasons.push(...decision.reasons);
      const codes = decision.ok ? decision.table : landUseCodeTable();
      change.reasons.push(...scan.reasons);
      change.ok = change.reasons.length === 0;
      lines.push(`features read: ${scan.featuresRead}`);
      lines.push(`land-use codes (before + after, code table ${codes.version}):`);
      for (const [code, n] of Object.entries(scan.codeHistogram).sort((a, b) => b[1] - a[1])) {
        const entry = codes.get(code);
        lines.push(`  ${code.padEnd(6)} ${String(n).padStart(8)}  ${entry ? `${entry.name} (${entry.landClass})` : 'UNKNOWN'}`);
      }
      lines.push(`survey years: ${JSON.stringify(scan.surveyYears)}`);
      if (scan.areaMismatches.length > 0) lines.push(`declared vs computed area (TBBGMJ) apart by more than 1 %: ${scan.areaMismatches.length} piece(s)`);
    }
    const protection = await protectionFitness(path, source, header, crs, crsProblem);

    const fitFor = [change.ok ? 'change layer (DLTBGXGC)' : '', protection.ok ? 'protection layer' : ''].filter(Boolean);
    lines.push(`fit for:       ${fitFor.length > 0 ? fitFor.join(' and ') : 'neither a change layer nor a protection layer'}`);
    // A file that carries the change layer's required fields is meant as one: its change-layer problems fail
    // inspect (exit 2) even when it would pass as a protection layer. Otherwise a file fit for one use is fine, and
    // why it does not fit the other is information, not a failure.
    const meantAsChangeLayer = resolveChangeSchema(header.columns.map((c) => c.name)).problems.length === 0;
    const problems = meantAsChangeLayer && !change.ok
      ? change.reasons
      : fitFor.length > 0 ? [] : [...change.reasons, ...protection.reasons.filter((r) => !change.reasons.includes(r))];
    if (problems.length === 0) {
      if (!change.ok) lines.push(`not a change layer: ${change.reasons.length} reason(s):`, ...change.reasons.map((r) => `  ${r}`));
      if (!protection.ok) lines.push(`not a protection layer: ${protection.reasons.length} reason(s):`, ...protection.reasons.map((r) => `  ${r}`));
    }
    lines.push(problems.length === 0 ? 'checks: ok' : `checks: ${problems.length} problem(s):`);
    for (const p of problems) lines.push(`  ${p}`);
    return { text: lines.join('\n'), problems };
  } finally {
    await source.close();
  }
}
