// The change-layer scan under a classification option (docs/CLASSIFICATIONS.md): a declared classification scans in
// its table; 'auto' scans once accepting codes of either table (membership only), decides from the codes found, and
// scans again in the chosen table only when some codes are unknown to it (so that those are reported per feature).
import {
  defaultClassificationTables,
  resolveClassification,
  type ClassificationDecision,
  type ClassificationOption,
  type ClassificationTables,
  type LandUseCode,
  type LandUseCodeTable,
} from '@landwatch/core';
import { scanChangeLayer, type ChangeLayer, type ScanResult } from './change-layer.ts';

export interface ClassifiedScan {
  scan: ScanResult;
  decision: ClassificationDecision;
}

export async function scanWithClassification(
  layer: ChangeLayer,
  option: ClassificationOption,
  onProgress?: (featuresRead: number) => void,
  tables: ClassificationTables = defaultClassificationTables(),
): Promise<ClassifiedScan> {
  if (option !== 'auto') {
    const decision = resolveClassification(option, [], layer.source.name, tables);
    return { scan: await scanChangeLayer(layer, tables[option], onProgress), decision };
  }
  const first = await scanChangeLayer(layer, eitherTable(tables), onProgress);
  const decision = resolveClassification('auto', Object.keys(first.codeHistogram), layer.source.name, tables);
  if (!decision.ok) return { scan: first, decision };
  const chosen = decision.table;
  const known = new Set(chosen.all().map((c) => c.code));
  const unknownToChosen = Object.keys(first.codeHistogram).some((c) => c.trim() !== '' && !known.has(c.trim().toUpperCase()) && isListed(c, tables));
  return { scan: unknownToChosen ? await scanChangeLayer(layer, chosen, onProgress) : first, decision };
}

function isListed(raw: string, tables: ClassificationTables): boolean {
  const code = raw.trim().toUpperCase();
  return tables.sandiao.all().some((c) => c.code === code) || tables.ydyh.all().some((c) => c.code === code);
}

/** A membership-only table over the code lists of both tables: the scan asks only whether a code exists. */
function eitherTable(tables: ClassificationTables): LandUseCodeTable {
  const listed = new Map<string, LandUseCode>();
  for (const entry of [...tables.sandiao.all(), ...tables.ydyh.all()]) if (!listed.has(entry.code)) listed.set(entry.code, entry);
  return {
    version: `${tables.sandiao.version}|${tables.ydyh.version}`,
    get: (code) => listed.get(code),
    all: () => [...listed.values()],
    ruleConcept: () => undefined,
  };
}
