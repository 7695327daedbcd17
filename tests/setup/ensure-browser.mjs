#!/usr/bin/env node
// Before the tests: make sure a Chromium and a CJK font are present for the headless UI tests.
// Debian/Ubuntu as root: installs `chromium` (--no-install-recommends) and `fonts-wqy-zenhei` when missing.
// Elsewhere (Windows/macOS): uses CHROMIUM_PATH or an installed Chrome/Edge; see tests/e2e/browser.ts.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const have = (cmd) => {
  try {
    execSync(cmd, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

if (process.env.CHROMIUM_PATH) process.exit(0);
if (process.platform !== 'linux') process.exit(0);

const needChromium = !existsSync('/usr/bin/chromium');
const needFont = !have('fc-list :lang=zh | grep -q .');
if (!needChromium && !needFont) process.exit(0);

const packages = [needChromium && 'chromium', needFont && 'fonts-wqy-zenhei'].filter(Boolean);
const isRoot = process.getuid?.() === 0;
if (!isRoot || !have('command -v apt-get')) {
  console.error(`界面测试需要 ${packages.join(' 和 ')}：请以 root 运行 apt-get install -y --no-install-recommends ${packages.join(' ')}，或设置 CHROMIUM_PATH。`);
  process.exit(1);
}
console.error(`正在安装界面测试所需的软件包：${packages.join(' ')} ……`);
execSync('apt-get update -qq', { stdio: 'inherit' });
execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')} fontconfig`, { stdio: 'inherit' });
if (needFont) execSync('fc-cache -f', { stdio: 'ignore' });
