// `landwatch inspect FILE`: header, CRS, fields, counts, index, code histogram — and every validation problem.
import { crsFromDescription, landUseCodeTable, type ClassificationOption } from '@landwatch/core';
import { openFileByteSource, readHeader } from '@landwatch/fgb';
import { openChangeLayer, scanWithClassification } from '@landwatch/pipeline';

export async function inspectFile(path: string, classification: ClassificationOption = 'auto'): Promise<{ text: string; problems: string[] }> {
  const source = await openFileByteSource(path);
  try {
    const header = await readHeader(source);
    const lines: string[] = [];
    lines.push(`file:          ${path} (${source.size} bytes)`);
    lines.push(`name:          ${header.name ?? ''}${header.title ? ` — ${header.title}` : ''}`);
    lines.push(`geometry:      ${header.geometryTypeName}${header.hasZ ? ' Z' : ''}`);
    lines.push(`features:      ${header.featuresCount}`);
    let crsText = header.crs ? `${header.crs.org ?? 'EPSG'}:${header.crs.code}` : 'none';
    try {
      const crs = crsFromDescription(header.crs ?? {});
      crsText += ` (${crs.name}${crs.kind === 'gauss-kruger' ? `, central meridian ${crs.centralMeridianDeg}°E` : ''})`;
    } catch (err) {
      crsText += ` — unsupported: ${(err as Error).message}`;
    }
    lines.push(`crs:           ${crsText}`);
    lines.push(`spatial index: ${header.indexNodeSize > 0 ? `packed Hilbert R-tree, node size ${header.indexNodeSize}, ${header.indexSize} bytes` : 'none (run `landwatch index`)'}`);
    if (header.envelope) {
      const e = header.envelope;
      lines.push(`envelope:      ${e.minX} ${e.minY} ${e.maxX} ${e.maxY}`);
    }
    lines.push(`fields (${header.columns.length}):`);
    for (const c of header.columns) lines.push(`  ${c.name.padEnd(12)} ${c.type.padEnd(8)} ${c.title ?? ''}`);
    const opened = await openChangeLayer(source);
    const problems: string[] = [];
    if (!opened.ok) {
      problems.push(...opened.reasons);
    } else {
      // [issue-9 classification] codes are read in the classification asked for, or the one their codes show
      const { scan, decision } = await scanWithClassification(opened.layer, classification);
      if (!decision.ok) problems.push(...decision.reasons);
      const codes = decision.ok ? decision.table : landUseCodeTable();
      problems.push(...scan.reasons);
      lines.push(`land-use codes (before + after, code table ${codes.version}):`);
      for (const [code, n] of Object.entries(scan.codeHistogram).sort((a, b) => b[1] - a[1])) {
        const entry = codes.get(code);
        lines.push(`  ${code.padEnd(6)} ${String(n).padStart(8)}  ${entry ? `${entry.name} (${entry.landClass})` : 'UNKNOWN'}`);
      }
      lines.push(`survey years: ${JSON.stringify(scan.surveyYears)}`);
    }
    lines.push(problems.length === 0 ? 'checks: ok' : `checks: ${problems.length} problem(s):`);
    for (const p of problems) lines.push(`  ${p}`);
    return { text: lines.join('\n'), problems };
  } finally {
    await source.close();
  }
}
