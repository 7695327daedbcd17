// Contract handlers of the workstation: 总览, 主体画像 and the grid (export, column statistics). Each runs on its
// own connection so a page's calls do not queue behind each other and a cancel interrupts only that call.
// Profile views and exports are audited; natural persons' data stays masked unless an unmask grant is active.
import type { HandlerMap } from '../context';
import { exportHandlers } from '../export/services';
import { exportFileName, writeExport } from '../export/files';
import { freshness, overviewSummary } from './overview';
import { searchSubjects } from './search';
import { subjectProfile } from './profile';
import { profileHtml, profileXlsx } from './render';

type ProfileCalls = 'overview.summary' | 'overview.freshness' | 'profile.search' | 'profile.get' | 'profile.export';

const own: HandlerMap<ProfileCalls> = {
  'overview.summary': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const { refresh, ...filter } = input;
    return ws.withConnection((conn) => overviewSummary(conn, filter, ws.path, !!refresh), ctx.signal);
  },

  'overview.freshness': async (_input, ctx) => {
    const ws = await ctx.session.workspace();
    return ws.withConnection((conn) => freshness(conn, ws.path), ctx.signal);
  },

  'profile.search': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const started = performance.now();
    const rows = await ws.withConnection((conn) => searchSubjects(conn, input.q, input.limit ?? 20), ctx.signal);
    return { rows, elapsedMs: Math.round(performance.now() - started) };
  },

  'profile.get': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const grant = ctx.session.unmaskGrant();
    const profile = await ws.withConnection((conn) => subjectProfile(conn, input.uscc, !!grant), ctx.signal);
    await ctx.session.audit({
      action: 'profile.view',
      target: profile.uscc,
      purpose: grant?.purpose ?? null,
      detail: { name: profile.name, unmasked: !!grant },
    });
    return profile;
  },

  'profile.export': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const grant = ctx.session.unmaskGrant();
    const profile = await ws.withConnection((conn) => subjectProfile(conn, input.uscc, !!grant), ctx.signal);
    const operator = ctx.session.operator;
    const bytes =
      input.format === 'xlsx' ? profileXlsx(profile, operator) : new TextEncoder().encode(profileHtml(profile, operator));
    const fileName = exportFileName(`一户一档-${profile.name}`, input.format);
    const path = input.path ? writeExport(input.path, bytes) : undefined;
    await ctx.session.audit({
      action: 'export.file',
      target: path ?? fileName,
      purpose: grant?.purpose ?? null,
      detail: { kind: 'profile', uscc: profile.uscc, name: profile.name, format: input.format, unmasked: !!grant },
    });
    const rows = profile.sections.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.rows.length, 0), 0);
    return { fileName, rows, format: input.format, ...(path ? { path } : { bytes }) };
  },
};

export const profileHandlers = { ...own, ...exportHandlers };
