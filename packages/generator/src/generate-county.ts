// generateCounty: wires the model, the change layer and the protection layers together.
import type { ChangeType, MultiPolygon, NestedMultiPolygon } from '@landwatch/core';
import { changeFeatures, type GeneratedFeature } from './change-pieces.ts';
import { CHANGE_FIELDS, type ChangeField } from './change-fields.ts';
import { buildCountyModel } from './county-model.ts';
import { farmlandReserveLayer, highStandardFarmlandLayer, permanentFarmlandLayer } from './farmland-layers.ts';
import type { InvalidKind } from './invalid-geometry.ts';
import type { GeneratedLayer, LayerContext } from './layer-types.ts';
import { resolveOptions, type GenerateOptions } from './options.ts';
import { outputConverter, outputEpsg } from './output-crs.ts';
import { approvedConstructionLayer, facilityFilingLayer, temporaryUseLayer } from './piece-layers.ts';
import { ecologicalRedlineLayer, grainZoneLayer, urbanDevelopmentBoundaryLayer } from './zone-layers.ts';

export interface GeneratedCounty {
  countyCode: string;
  countyName: string;
  surveyYear: number;
  /** EPSG code of every layer's coordinates (e.g. 4525 = CGCS2000 GK zone 37 with prefix, or 4490). */
  crsEpsg: number;
  /** DLTBGXGC schema. */
  changeFields: ChangeField[];
  /** The change pieces, generated lazily; iterating twice gives the same output. */
  changes(): Iterable<GeneratedFeature>;
  /** One layer per protection kind (docs/ARCHITECTURE.md, "Protection layers"), the context kind included. */
  layers: GeneratedLayer[];
  expected: Expected;
}

/** What the generator intended, for tests and demos. */
export interface Expected {
  /** Pieces per change_type (every type ≥ 1). */
  changeTypeCounts: Record<ChangeType, number>;
  /** Pieces that are not detections. */
  nonDetections: number;
  /** Pieces with invalid geometry, by BSM. Exactly one is 'unrepairable' when any are requested. */
  invalidGeometries: { index: number; bsm: string; kind: InvalidKind }[];
  /** Features of the permanent-farmland layer. */
  permanentFarmlandPolygons: number;
  /** Patches (blocks of adjacent pieces) the pieces form. */
  patches: number;
}

export function generateCounty(options: GenerateOptions): GeneratedCounty {
  const opts = resolveOptions(options);
  const model = buildCountyModel(opts);
  const frame = model.layout.frame;
  const output: (g: NestedMultiPolygon) => MultiPolygon = outputConverter(frame, opts.crs);
  const ctx: LayerContext = { model, output };
  return {
    countyCode: opts.countyCode,
    countyName: model.divisions.countyName,
    surveyYear: opts.surveyYear,
    crsEpsg: outputEpsg(frame, opts.crs),
    changeFields: CHANGE_FIELDS.map((f) => ({ ...f })),
    changes: () => changeFeatures(model, output),
    layers: [
      permanentFarmlandLayer(ctx),
      farmlandReserveLayer(ctx),
      highStandardFarmlandLayer(ctx),
      ecologicalRedlineLayer(ctx),
      urbanDevelopmentBoundaryLayer(ctx),
      approvedConstructionLayer(ctx),
      facilityFilingLayer(ctx),
      temporaryUseLayer(ctx),
      grainZoneLayer(ctx),
    ],
    expected: {
      changeTypeCounts: { ...model.changeTypeCounts },
      nonDetections: model.nonDetections,
      invalidGeometries: [...model.invalid.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([index, kind]) => ({ index, bsm: `${opts.countyCode}${String(index + 1).padStart(12, '0')}`, kind })),
      permanentFarmlandPolygons: model.patchFarmlandPolygons + model.fillerPolygons,
      patches: model.patches,
    },
  };
}
