// A delivery as the run reads it: a FlatGeobuf path, either the input itself or a converted copy in a private temp
// folder that `cleanup` removes. Used by the CLI (run, inspect, index, layer registries). The copy keeps the
// source's feature order (no index): messages then number features as the delivery does, and the run indexes the
// copy as it indexes any unindexed FlatGeobuf.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { convertToFlatGeobuf, deliveryFormat, type ConvertResult, type DeliveryFormat } from './convert.ts';

export interface FlatGeobufDelivery {
  /** The FlatGeobuf to read. */
  path: string;
  /** The input as given (file, .gdb folder or zip). */
  original: string;
  format: DeliveryFormat;
  /** Set when a conversion was made. */
  conversion?: ConvertResult;
  /** Removes the converted copy (nothing for a FlatGeobuf input). */
  cleanup(): Promise<void>;
}

export interface DeliveryOptions {
  /** Layer to read (--layer / the registry's "layer"). */
  layer?: string;
  /** Parent of the private temp folder (default: the system's). */
  tmpDir?: string;
  /** Index the converted copy (default false: source order, so feature numbers in messages are the delivery's). */
  spatialIndex?: boolean;
}

/** The input itself when it is a FlatGeobuf (or not a delivery format: the FlatGeobuf reader then says why), else a converted copy. */
export async function asFlatGeobuf(input: string, opts: DeliveryOptions = {}): Promise<FlatGeobufDelivery> {
  const format = await deliveryFormat(input);
  if (format === undefined || format === 'fgb') {
    return { path: input, original: input, format: format ?? 'fgb', cleanup: async () => {} };
  }
  const work = await mkdtemp(join(resolve(opts.tmpDir ?? tmpdir()), 'landwatch-delivery-'));
  const cleanup = () => rm(work, { recursive: true, force: true });
  try {
    const conversion = await convertToFlatGeobuf(input, {
      outPath: join(work, 'converted.fgb'),
      tmpDir: work,
      layer: opts.layer,
      spatialIndex: opts.spatialIndex ?? false,
    });
    return { path: conversion.outPath, original: input, format, conversion, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
