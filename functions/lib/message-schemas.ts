// JSON Schema validation of the messages we send (functions/schemas/*.json), compiled once per container.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { COUNTY_ALERT_SCHEMA, COUNTY_ALERT_SCHEMA_V1, RUN_EVENT_SCHEMA } from './messages.ts';
import countyAlertSchemaV1 from '../schemas/county-alert.v1.schema.json' with { type: 'json' };
import countyAlertSchema from '../schemas/county-alert.v2.schema.json' with { type: 'json' };
import runEventSchema from '../schemas/run-event.v1.schema.json' with { type: 'json' };

/** A message does not match its JSON Schema: a bug in the sender, never sent. */
export class MessageValidationError extends Error {
  override readonly name = 'MessageValidationError';
  constructor(
    /** The schema id, e.g. `landwatch.county-alert/v1`. */
    readonly schema: string,
    /** ajv's errors, as it reported them. */
    readonly errors: readonly ErrorObject[],
  ) {
    super(`invalid ${schema} message: ${errors.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ')}`);
  }
}

// RFC 3339 date-time with a time zone (ajv-formats is not installed).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

let compiled: { countyAlert: ValidateFunction; countyAlertV1: ValidateFunction; runEvent: ValidateFunction } | undefined;

function validators() {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    ajv.addFormat('date-time', (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    compiled = { countyAlert: ajv.compile(countyAlertSchema), countyAlertV1: ajv.compile(countyAlertSchemaV1), runEvent: ajv.compile(runEventSchema) };
  }
  return compiled;
}

/**
 * Throws MessageValidationError unless `message` matches the county-alert schema it names: v1 (what older consumers
 * read, county-alert.v1.schema.json) or v2 (what we send, county-alert.v2.schema.json); any other is checked as v2.
 */
export function validateCountyAlert(message: unknown): void {
  const v1 = (message as { schema?: unknown } | null)?.schema === COUNTY_ALERT_SCHEMA_V1;
  const validate = v1 ? validators().countyAlertV1 : validators().countyAlert;
  if (!validate(message)) throw new MessageValidationError(v1 ? COUNTY_ALERT_SCHEMA_V1 : COUNTY_ALERT_SCHEMA, validate.errors ?? []);
}

/** Throws MessageValidationError unless `message` matches run-event.v1.schema.json. */
export function validateRunEvent(message: unknown): void {
  const validate = validators().runEvent;
  if (!validate(message)) throw new MessageValidationError(RUN_EVENT_SCHEMA, validate.errors ?? []);
}
