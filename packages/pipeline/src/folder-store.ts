// The results store as a plain folder (the CLI's --out): what `landwatch verify` and `landwatch register` read and
// write. Writes go to a temporary name and are renamed, so a reader never sees half a file.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { RegisterStore } from './register-files.ts';
import type { StoredFile } from './run-port.ts';

export class FolderStore implements RegisterStore {
  constructor(readonly root: string) {}

  private path(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(resolve(this.root) + sep)) throw new Error(`key outside the folder: ${key}`);
    return path;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return readFile(this.path(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
  }

  async put(file: StoredFile): Promise<void> {
    const path = this.path(file.key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.part`, file.bytes);
    await rename(`${path}.part`, path);
  }

  async list(prefix: string): Promise<string[]> {
    const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
    const names = await readdir(this.path(base.slice(0, -1)), { recursive: true, withFileTypes: true }).catch(() => []);
    return names
      .filter((d) => d.isFile() && !d.name.endsWith('.part'))
      .map((d) => `${base}${resolve(d.parentPath ?? d.path, d.name).slice(this.path(base.slice(0, -1)).length + 1).split(sep).join('/')}`)
      .sort();
  }
}
