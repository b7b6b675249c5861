// `npm ci`, unless node_modules is what `npm ci` installed from this very package-lock.json (with this
// Node on this platform): the stamp it leaves says so. Saves the minutes a fresh install takes on every build.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const stamp = join(here, 'node_modules/.installed-from');
const lock = createHash('sha256').update(readFileSync(join(here, 'package-lock.json')))
  .update(`${process.version} ${process.platform} ${process.arch}`).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lock) {
  console.log('node_modules is as package-lock.json says: npm ci left out');
} else {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  writeFileSync(stamp, lock);
}
