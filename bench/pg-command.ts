// Runs one external program (psql, ogr2ogr, initdb, pg_ctl, apt-get) and collects its output.
// Used only by the PostGIS peer of the benchmark; never through a shell, so paths need no quoting.
import { spawn } from 'node:child_process';

export interface CommandOptions {
  /** Text written to the program's stdin (e.g. an SQL script for `psql -f -`). */
  input?: string;
  /** Extra environment variables, merged over process.env. */
  env?: Record<string, string>;
  /** Run as this OS user id (requires root); postgres refuses to run as root. */
  uid?: number;
  /** Group id that goes with `uid`. */
  gid?: number;
  /** Working directory of the program. */
  cwd?: string;
}

/** Characters of stderr kept in a CommandFailedError message. */
const STDERR_TAIL = 4000;

export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    const shown = [command, ...args].join(' ');
    const reason = exitCode === null ? 'could not be run' : `exited with code ${exitCode}`;
    super(`${shown} ${reason}${stderr ? `:\n${stderr.slice(-STDERR_TAIL)}` : ''}`, options);
  }
}

/** Runs `command args…` and resolves with its stdout; rejects with CommandFailedError on a non-zero exit. */
export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      uid: options.uid,
      gid: options.gid,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (cause) => reject(new CommandFailedError(command, args, null, String(cause), { cause })));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new CommandFailedError(command, args, code, stderr));
    });
    // A program that exits before reading stdin closes the pipe; its exit code tells what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Like runCommand, but resolves with undefined instead of rejecting when the program is missing or fails. */
export async function tryCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<string | undefined> {
  try {
    return await runCommand(command, args, options);
  } catch {
    return undefined;
  }
}
