// Runs `npm ci` only when node_modules is missing or older than package-lock.json, so that
// every Maven build does not wipe and reinstall node_modules. npm rewrites
// node_modules/.package-lock.json on each install, which makes its time the install time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const mtimeMs = (file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;

if (mtimeMs('node_modules/.package-lock.json') > mtimeMs('package-lock.json')) {
  console.log('node_modules is up to date with package-lock.json; skipping npm ci');
} else {
  // npm_execpath is the npm that started this script; reuse it rather than whatever is on PATH.
  const npm = process.env.npm_execpath;
  const ciArgs = ['ci', '--no-audit', '--no-fund'];
  const result = npm
    ? spawnSync(process.execPath, [npm, ...ciArgs], { stdio: 'inherit' })
    : spawnSync('npm', ciArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  process.exitCode = result.status ?? 1;
}
