// What a tile worker needs, opened once per worker: the change layer, the protection layers, the rule set.
import { createRuleSet, divisionNamesFrom, landUseCodeTable, type FieldMap } from '@landwatch/core';
import { openFileByteSource, type TilePlan } from '@landwatch/fgb';
import {
  openChangeLayer,
  openProtectionLayers,
  runTile,
  type LayerEntry,
  type TileContext,
  type TileRun,
} from '@landwatch/pipeline';

export interface TileSessionInit {
  changesPath: string;
  fieldMap: FieldMap;
  /** layer entries whose `path` is already resolved to an absolute file path */
  layers: LayerEntry[];
  runId: string;
  surveyYear: number;
  codeTableVersion: string;
  /** county and township names of this run's codes (a small record, not the whole national table) */
  divisionNames: Record<string, string>;
}

export interface TileSession {
  run(tile: TilePlan): Promise<TileRun>;
  close(): Promise<void>;
}

export async function openTileSession(init: TileSessionInit): Promise<TileSession> {
  const sources: { close(): Promise<void> }[] = [];
  const open = async (path: string) => {
    const s = await openFileByteSource(path);
    sources.push(s);
    return s;
  };
  const opened = await openChangeLayer(await open(init.changesPath), init.fieldMap);
  if (!opened.ok) throw new Error(opened.reasons.join('\n'));
  // issue 13: the run validated these layers in full before planning tiles; a worker reads only their headers
  const { layers, reasons } = await openProtectionLayers(init.layers, (e) => open(e.path), { scan: false });
  if (reasons.length > 0) throw new Error(reasons.join('\n'));
  const ctx: TileContext = {
    runId: init.runId,
    surveyYear: init.surveyYear,
    changes: opened.layer,
    layers,
    rules: createRuleSet({ surveyYear: init.surveyYear }, landUseCodeTable(init.codeTableVersion)),
    names: divisionNamesFrom(init.divisionNames),
  };
  return {
    run: (tile) => runTile(tile, ctx),
    close: async () => {
      await Promise.all(sources.map((s) => s.close()));
    },
  };
}
