#!/usr/bin/env node
// `cws`: the command-line face. Runs the TypeScript sources through tsx (no build step needed after npm install).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli.ts');
process.exitCode = await main(process.argv.slice(2));
