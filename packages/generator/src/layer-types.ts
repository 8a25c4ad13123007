// Shapes shared by the protection-layer modules.
import type { MultiPolygon, NestedMultiPolygon, ProtectionKind } from '@landwatch/core';
import type { GeneratedFeature } from './change-pieces.ts';
import type { CountyModel } from './county-model.ts';

export interface LayerField {
  name: string;
  type: 'string' | 'double' | 'int';
  /** 中文 */
  title: string;
}

export interface GeneratedLayer {
  /** Registry id, e.g. 'permanent-farmland'. */
  id: string;
  kind: ProtectionKind;
  /** 中文 title. */
  title: string;
  /** e.g. 'permanent-farmland.fgb' */
  fileName: string;
  /** Column schema (every feature carries exactly these properties, in this order). */
  fields: LayerField[];
  /** layers.json "fields" when the layer's attribute columns differ from the defaults of its kind (docs/RULES.md). */
  attributeFields?: Record<string, string>;
  /** Lazily generated; iterating twice gives the same output. */
  features(): Iterable<GeneratedFeature>;
}

/** What a layer module needs: the model and the converter to the output CRS. */
export interface LayerContext {
  model: CountyModel;
  output: (g: NestedMultiPolygon) => MultiPolygon;
}

export const areaField = (name = 'MJ', title = '面积'): LayerField => ({ name, type: 'double', title });
export const stringField = (name: string, title: string): LayerField => ({ name, type: 'string', title });
