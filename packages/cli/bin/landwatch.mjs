#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build` (also run by `npm ci` through postinstall). A run of a large
// change layer is started again with a larger young generation (src/launch.ts says why).
import { fileURLToPath } from 'node:url';
import { relaunchOptions, runAgain } from '../dist/launch.mjs';

const args = process.argv.slice(2);
const options = relaunchOptions(args, process.execArgv, process.env);
if (options) runAgain(options, fileURLToPath(import.meta.url), args);
else await import('../dist/landwatch.mjs');
