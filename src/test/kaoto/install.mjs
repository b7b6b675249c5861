// npm ci, unless node_modules already holds what package.json and package-lock.json pin (mvn verify
// run again): npm ci deletes node_modules and writes its 1.6 GB again, minutes on a CI machine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const stamp = join(here, 'node_modules/.installed-from.sha256');
const pinned = createHash('sha256')
  .update(readFileSync(join(here, 'package.json')))
  .update(readFileSync(join(here, 'package-lock.json')))
  .digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === pinned) {
  console.log('node_modules holds package-lock.json already: no npm ci');
} else {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  writeFileSync(stamp, pinned);
}
