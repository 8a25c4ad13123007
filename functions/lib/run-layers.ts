// Protection layers on S3: the registry (layers.json in the reference bucket) pinned to each layer's ETag, and
// byte sources opened on exactly those versions.
import type { S3Client } from '@aws-sdk/client-s3';
import { openProtectionLayers, parseLayerRegistry, type LayerEntry, type OpenProtectionOptions, type ProtectionLayer } from '@landwatch/pipeline';
import { RejectedInputError } from './errors.ts';
import type { PinnedObject } from './run-objects.ts';
import { getBytes, headObject } from './s3-objects.ts';
import { s3ByteSource } from './s3-byte-source.ts';

/** Reads layers.json and pins every layer it names. Problems are reported together as a rejection. */
export async function pinnedRegistry(
  s3: S3Client,
  bucket: string,
  registryKey: string,
): Promise<(LayerEntry & { object: PinnedObject })[]> {
  let entries: LayerEntry[];
  try {
    entries = parseLayerRegistry(new TextDecoder().decode(await getBytes(s3, bucket, registryKey)), `s3://${bucket}/${registryKey}`);
  } catch (err) {
    const reasons = (err as { reasons?: string[] }).reasons ?? [(err as Error).message];
    throw new RejectedInputError(reasons.map((r) => `layer registry s3://${bucket}/${registryKey}: ${r}`), { cause: err });
  }
  const reasons: string[] = [];
  const pinned: (LayerEntry & { object: PinnedObject })[] = [];
  for (const e of entries) {
    const info = await headObject(s3, bucket, e.path);
    if (!info) reasons.push(`layer ${e.id}: s3://${bucket}/${e.path} does not exist`);
    else pinned.push({ ...e, object: { bucket, key: e.path, etag: info.etag, size: info.size } });
  }
  if (reasons.length > 0) throw new RejectedInputError(reasons);
  return pinned;
}

/** Opens the pinned layers: headers, and unless `options.scan` is false the full validation of every feature. */
export async function openPinnedLayers(
  s3: S3Client,
  layers: readonly (LayerEntry & { object: PinnedObject })[],
  options: OpenProtectionOptions = {},
): Promise<{ layers: ProtectionLayer[]; reasons: string[] }> {
  const byId = new Map(layers.map((l) => [l.id, l.object]));
  return openProtectionLayers(layers, (e) => {
    const o = byId.get(e.id)!;
    return s3ByteSource(s3, o.bucket, o.key, { etag: o.etag, size: o.size });
  }, options);
}
