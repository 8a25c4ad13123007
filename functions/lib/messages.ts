// Types of the messages LandWatch sends; the JSON Schemas in functions/schemas/ are the contract.
import type { CountyAlert, Severity } from '@landwatch/core';

export type { CountyAlert };

export const COUNTY_ALERT_SCHEMA = 'landwatch.county-alert/v2';
export const RUN_EVENT_SCHEMA = 'landwatch.run-event/v1';

/** Most severe first (a local copy of core's SEVERITIES: this module must not load core at run time). */
export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const satisfies readonly Severity[];

/** The upload a run comes from. */
export interface UploadRef {
  bucket: string;
  key: string;
  /** Without quotes. */
  etag: string;
  size?: number;
}

interface RunEventBase {
  schema: typeof RUN_EVENT_SCHEMA;
  runId: string;
  surveyYear?: number;
  /** ISO 8601 */
  occurredAt: string;
  upload?: UploadRef;
  /** runs/{runId}/status.json */
  statusKey?: string;
  warnings?: string[];
}

/** DESIGN §6 run events, discriminated by `type`. */
export type RunEvent =
  | (RunEventBase & { type: 'accepted'; upload: UploadRef; features: number; tiles: number })
  | (RunEventBase & { type: 'rejected'; upload: UploadRef; reasons: string[] })
  | (RunEventBase & { type: 'tile-failed'; tileId: string; reason: string; receiveCount?: number })
  | (RunEventBase & {
      type: 'finished';
      detections: number;
      counties: Array<{ code: string; detections: number; alertBatchId: string }>;
    });

/** What a sender provides: `schema` and (unless given) `occurredAt` are filled in. */
export type RunEventInput = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'schema' | 'occurredAt'> & { occurredAt?: string }
    : never
  : never;
