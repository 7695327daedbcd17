// The contract boundary: every call has a handler, bad input is a typed error, cancel works through the core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, calls } from '../../shared/contract';
import { handlers } from '../../electron/core/services';
import { testCore } from '../helpers/core';
import { tempWorkspacePath } from '../helpers/workspace';
import { openWorkspace } from '../../electron/core/workspace';
import type { Core } from '../../electron/core/services';

let core: Core;
beforeAll(async () => {
  const path = tempWorkspacePath();
  (await openWorkspace(path, { create: true })).close();
  core = testCore(path);
});
afterAll(() => core?.close());

describe('contract', () => {
  it('binds every call to a handler', () => {
    const missing = CALL_NAMES.filter((n) => n !== 'query.cancel' && !(n in handlers));
    expect(missing).toEqual([]);
    for (const name of CALL_NAMES) expect(calls[name].description.length).toBeGreaterThan(1);
  });

  it('rejects unknown calls and bad input with typed errors', async () => {
    expect(await core.call({ call: 'nope.nothing', input: {} })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await core.call({ call: 'query.run', input: { sql: 42 } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await core.call({ call: 'query.run', input: { sql: 'select 1', evil: true } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await core.call({ call: 'query.run', input: { sql: 'select 1', limit: -1 } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await core.call(null as never)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const reply = await core.call({ call: 'query.run', input: { sql: 'select 1' } });
    expect(reply.ok).toBe(true);
  });

  it('without a workspace says so', async () => {
    const bare = testCore(undefined);
    expect(await bare.call({ call: 'workspace.info', input: {} })).toMatchObject({ ok: false, error: { code: 'NO_WORKSPACE' } });
    bare.close();
  });

  it('cancels a running job by id', async () => {
    const running = core.call({ call: 'query.run', input: { sql: 'SELECT count(*) FROM range(10000000000)' }, jobId: 'job-x' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await core.call({ call: 'query.cancel', input: { jobId: 'job-x' } })).toEqual({ ok: true, result: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await core.call({ call: 'query.cancel', input: { jobId: 'job-x' } })).toEqual({ ok: true, result: { cancelled: false } });
  });
});
