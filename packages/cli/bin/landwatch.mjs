#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build` (also run by `npm ci` through postinstall).
import '../dist/landwatch.mjs';
