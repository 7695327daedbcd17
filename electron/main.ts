// Electron main: windows, menus, dialogs. It starts the core in a utilityProcess (DuckDB never runs here),
// hands each window a MessagePort to it, restarts it and tells the user if it dies. Kept thin: every capability
// lives in electron/core and is tested in plain Node.
import { app, BrowserWindow, dialog, ipcMain, MessageChannelMain, session, utilityProcess, type UtilityProcess } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { browserWindowOptions, isAllowedNavigation } from './window-options';

let core: UtilityProcess | null = null;
const windows = new Set<BrowserWindow>();

function startCore(): UtilityProcess {
  const child = utilityProcess.fork(path.join(__dirname, 'core-host.js'), [], {
    serviceName: 'cws-core',
    env: { ...process.env, CWS_WORKSPACE: process.env.CWS_WORKSPACE ?? '' },
  });
  child.on('exit', (code) => {
    if (core !== child) return;
    core = null;
    if (code !== 0) {
      dialog.showErrorBox('数据引擎已重启', `数据处理进程意外退出（代码 ${code}）。已自动重启，未保存的操作需要重新执行。`);
      core = startCore();
      for (const w of windows) connectWindow(w);
    }
  });
  return child;
}

function connectWindow(win: BrowserWindow): void {
  if (!core) return;
  const { port1, port2 } = new MessageChannelMain();
  core.postMessage({ type: 'connect' }, [port1]);
  win.webContents.postMessage('cws:port', null, [port2]);
}

function createWindow(): void {
  const win = new BrowserWindow(browserWindowOptions(path.join(__dirname, '../preload/preload.cjs')));
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  const appUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${path.join(__dirname, '../renderer/index.html')}`;
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('did-finish-load', () => connectWindow(win));
  win.once('ready-to-show', () => win.show());
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(path.join(__dirname, '../renderer/index.html'));
}

// File dialogs are the one thing the renderer needs from main; the sender must be one of our windows.
ipcMain.handle('cws:pick-file', async (event, filters: { name: string; extensions: string[] }[]) => {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win || !windows.has(win)) throw new Error('unknown sender');
  const result = await dialog.showOpenDialog(win, { properties: ['openFile'], filters });
  return result.canceled ? null : result.filePaths[0];
});

// Reports print to PDF with Chromium's own engine: the self-contained HTML goes into a hidden window with
// JavaScript off, printToPDF honours its @page CSS (A4, page numbers).
ipcMain.handle('cws:print-pdf', async (event, html: Uint8Array) => {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win || !windows.has(win)) throw new Error('unknown sender');
  const file = path.join(app.getPath('temp'), `cws-report-${process.pid}-${Date.now()}.html`);
  fs.writeFileSync(file, html);
  const printer = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
  try {
    await printer.loadFile(file);
    return new Uint8Array(await printer.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }));
  } finally {
    printer.destroy();
    fs.rmSync(file, { force: true });
  }
});

app.whenReady().then(() => {
  // No network at run time: refuse every request that is not the app's own file or dev server.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ok = details.url.startsWith('file://') || details.url.startsWith('devtools://') || (!!process.env.ELECTRON_RENDERER_URL && details.url.startsWith(process.env.ELECTRON_RENDERER_URL));
    callback({ cancel: !ok });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  core = startCore();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  core?.kill();
  core = null;
  if (process.platform !== 'darwin') app.quit();
});
