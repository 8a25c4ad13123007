// The system tools the tests open results with, installed when missing (Debian/Ubuntu, as root) or named in one line
// to run: GDAL reads every result layer, PostGIS is the benchmark's peer, PROJ cross-checks our transforms, Chromium
// renders the report, zip packs delivery fixtures. `.ci/run` installs the same list.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const postgis = () => {
  const root = '/usr/share/postgresql';
  return existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/extension/postgis.control`));
};

/** [package(s), present?] in the order apt installs them. */
const TOOLS = [
  [['gdal-bin'], () => has('ogrinfo')],
  [['zip'], () => has('zip')],
  [['postgresql', 'postgis'], postgis],
  [['proj-bin'], () => has('cs2cs')],
  [['chromium'], () => has('chromium')],
];

export function ensureTestTools() {
  const missing = TOOLS.filter(([, present]) => !present()).flatMap(([packages]) => packages);
  if (missing.length === 0) return true;
  const line = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && has('apt-get')) {
    process.stderr.write(`test tools missing (${missing.join(', ')}): installing with apt-get\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 && spawnSync('sh', ['-c', `${line} -qq >/dev/null`], { stdio: 'inherit', env });
    if (install && install.status === 0) return true;
  }
  process.stderr.write(`the tests need ${missing.join(', ')}; install them first:\n  sudo ${line}\n`);
  return false;
}
