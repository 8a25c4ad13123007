// Deployment configuration: read once from CDK context by the app entry point, then passed down as props.
import type { Node } from 'constructs';

/** Everything the stacks need to know about one deployment. */
export interface LandWatchConfig {
  /** Key of the layer registry in the reference bucket (LANDWATCH_LAYERS_KEY). */
  readonly layersKey: string;
  /** 6-digit county codes that get a read-only role on their own `results/{year}/{countyCode}/` prefix. */
  readonly countyCodes: readonly string[];
  /** E-mail addresses subscribed to the alarm topic (may be empty). */
  readonly alarmEmails: readonly string[];
  /** Data teams, each with its own run-events queue `landwatch-run-events-{team}` (default: one, `data`). */
  readonly dataTeams: readonly string[];
  /** Days after which work files under `runs/` in the results bucket expire. */
  readonly runsExpirationDays: number;
}

/** A context value that cannot be used as configuration. */
export class InvalidContextError extends Error {
  constructor(
    /** The context key. */
    readonly key: string,
    /** What the key must hold. */
    readonly expected: string,
    /** The value that arrived. */
    readonly received: unknown,
  ) {
    super(`context "${key}": expected ${expected}, got ${JSON.stringify(received)}`);
    this.name = 'InvalidContextError';
  }
}

const COUNTY_CODE = /^\d{6}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const OBJECT_KEY = /^[^/](.*[^/])?$/;

/**
 * Reads the LandWatch configuration from CDK context (cdk.json or `-c key=value`).
 * Lists may be JSON arrays or, from the command line, JSON text or comma-separated strings.
 */
export function configFromContext(node: Node): LandWatchConfig {
  const layersKey = node.tryGetContext('layersKey') ?? 'layers.json';
  if (typeof layersKey !== 'string' || !OBJECT_KEY.test(layersKey)) {
    throw new InvalidContextError('layersKey', 'an S3 object key without leading or trailing "/"', layersKey);
  }
  const countyCodes = stringList(node, 'countyCodes');
  const badCode = countyCodes.find((code) => !COUNTY_CODE.test(code));
  if (badCode !== undefined) throw new InvalidContextError('countyCodes', 'a list of 6-digit county codes', badCode);
  const alarmEmails = stringList(node, 'alarmEmails');
  const badEmail = alarmEmails.find((email) => !EMAIL.test(email));
  if (badEmail !== undefined) throw new InvalidContextError('alarmEmails', 'a list of e-mail addresses', badEmail);
  const dataTeams = stringList(node, 'dataTeams');
  const badTeam = dataTeams.find((team) => !/^[a-z0-9][a-z0-9-]{0,39}$/.test(team));
  if (badTeam !== undefined) throw new InvalidContextError('dataTeams', 'a list of lower-case names (a-z, 0-9, -; ≤ 40 characters)', badTeam);
  const runsExpirationDays = Number(node.tryGetContext('runsExpirationDays') ?? 30);
  if (!Number.isInteger(runsExpirationDays) || runsExpirationDays < 1) {
    throw new InvalidContextError('runsExpirationDays', 'a whole number of days ≥ 1', runsExpirationDays);
  }
  return {
    layersKey,
    countyCodes: [...new Set(countyCodes)].sort(),
    alarmEmails,
    dataTeams: dataTeams.length > 0 ? [...new Set(dataTeams)].sort() : ['data'],
    runsExpirationDays,
  };
}

function stringList(node: Node, key: string): string[] {
  const raw: unknown = node.tryGetContext(key) ?? [];
  const list = typeof raw === 'string' ? parseListText(raw) : raw;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw new InvalidContextError(key, 'a list of strings', raw);
  }
  return list.map((item) => item.trim()).filter((item) => item !== '');
}

function parseListText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return trimmed === '' ? [] : trimmed.split(',');
}
