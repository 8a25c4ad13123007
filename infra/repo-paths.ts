// Locations in the repository that the CDK app needs (independent of the working directory).
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (this file lives in `infra/`). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The npm lock file that pins every bundled dependency. */
export const LOCK_FILE = path.join(REPO_ROOT, 'package-lock.json');

/** Entry of a Lambda handler: `functions/{name}/handler.ts`, named export `handler` (docs/ARCHITECTURE.md, "Handler contract"). */
export function handlerEntry(functionName: string): string {
  return path.join(REPO_ROOT, 'functions', functionName, 'handler.ts');
}
