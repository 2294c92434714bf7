#!/usr/bin/env node
/**
 * The first half of `npm test`: ESLint, the type check and the unit and integration tests, side by
 * side. Vitest runs its files in two processes here (its default on two cores is one), and the
 * linter and the type checker share the cores with it: about 63 s on two cores, against 88 s with
 * one vitest process and about 110 s one after another. The timing tests among them (backoff,
 * pacing, the herd) run on a fake clock, so sharing the cores slows them but does not fail them. Each one's
 * output is printed whole when it ends, so the logs do not interleave; the exit code is 1 if any
 * of them failed.
 */
import { spawn } from 'node:child_process';

const TASKS = [
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['test:unit', 'npm', ['run', '--silent', 'test:unit', '--', '--maxWorkers=2']],
];

function run([name, command, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      process.stdout.write(`\n── ${name} (${Math.round((Date.now() - started) / 1000)} s, exit ${code}) ──\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(TASKS.map(run));
const failed = TASKS.filter((_, i) => !results[i]).map(([name]) => name);
if (failed.length > 0) {
  console.error(`\nchecks: failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nchecks: lint, typecheck and unit tests passed');
