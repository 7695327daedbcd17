#!/usr/bin/env node
// Release engineering for the bundled DuckDB httpfs extension (writable encrypted workspaces need its OpenSSL).
// Runs on a machine WITH network, before packaging; the app itself never downloads or INSTALLs anything.
//
//   node electron/bin/duckdb-extensions.mjs fetch [platform…]   download + gunzip into electron/resources/duckdb-extensions/<platform>/
//   node electron/bin/duckdb-extensions.mjs pin [platform…]     record the SHA-256 of the fetched files in manifest.json
//   node electron/bin/duckdb-extensions.mjs verify [--require platform,…|--require-all]
//                                                          check every present file against its pinned SHA-256
//
// fetch refuses a download whose checksum differs from an already pinned one. Pin once per DuckDB version (compare
// the digests with a second download from another network, and keep the manifest change in review), then every
// later fetch and every build verifies against the pin. DuckDB also checks the extension's signature at LOAD.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'duckdb-extensions');
const manifestFile = path.join(dir, 'manifest.json');
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf-8'));
const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

function platformsFrom(args) {
  const names = args.filter((a) => !a.startsWith('--'));
  const all = Object.keys(manifest.platforms);
  for (const n of names) if (!all.includes(n)) throw new Error(`unknown platform ${n} (manifest has ${all.join(', ')})`);
  return names.length ? names : all;
}

async function fetchOne(platform) {
  const entry = manifest.platforms[platform];
  const res = await fetch(entry.url);
  if (!res.ok) throw new Error(`${platform}: HTTP ${res.status} for ${entry.url}`);
  const body = zlib.gunzipSync(Buffer.from(await res.arrayBuffer()));
  const digest = sha256(body);
  if (entry.sha256 && entry.sha256 !== digest) throw new Error(`${platform}: downloaded file ${digest} does not match pinned ${entry.sha256}; not written`);
  const target = path.join(dir, entry.file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, body);
  console.log(`${platform}: ${entry.file} ${body.length} bytes sha256 ${digest}${entry.sha256 ? ' (matches pin)' : ' (not pinned yet: run pin)'}`);
}

function pin(platforms) {
  for (const p of platforms) {
    const file = path.join(dir, manifest.platforms[p].file);
    if (!fs.existsSync(file)) {
      console.log(`${p}: not fetched, left unpinned`);
      continue;
    }
    manifest.platforms[p].sha256 = sha256(fs.readFileSync(file));
    console.log(`${p}: pinned ${manifest.platforms[p].sha256}`);
  }
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
}

function verify(args) {
  const i = args.indexOf('--require');
  const required = args.includes('--require-all') ? Object.keys(manifest.platforms) : i >= 0 ? (args[i + 1] ?? '').split(',').filter(Boolean) : [];
  let failed = false;
  for (const [p, entry] of Object.entries(manifest.platforms)) {
    const file = path.join(dir, entry.file);
    const present = fs.existsSync(file);
    if (!present) {
      if (required.includes(p)) {
        console.error(`${p}: MISSING ${entry.file}`);
        failed = true;
      }
      continue;
    }
    if (!entry.sha256) {
      console.error(`${p}: ${entry.file} present but not pinned`);
      failed = true;
      continue;
    }
    const digest = sha256(fs.readFileSync(file));
    if (digest !== entry.sha256) {
      console.error(`${p}: CHECKSUM MISMATCH ${digest} != ${entry.sha256}`);
      failed = true;
    } else console.log(`${p}: ok`);
  }
  if (failed) process.exitCode = 1;
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'fetch') for (const p of platformsFrom(rest)) await fetchOne(p);
else if (command === 'pin') pin(platformsFrom(rest));
else if (command === 'verify') verify(rest);
else {
  console.error('usage: node electron/bin/duckdb-extensions.mjs fetch|pin|verify …');
  process.exitCode = 1;
}
