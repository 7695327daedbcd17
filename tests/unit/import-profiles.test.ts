import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestProfile, headerIsYuan, loadProfiles, loadValidation, matchProfile, normaliseHeader, findProfile, looksLikeHeader, uniqueHeaders } from '../../electron/core/import/profiles';
import { CANONICAL_TABLES } from '../../shared/domain/tables';
import { IMPORT_MACROS_SQL } from '../../electron/core/import/sql';
import { makeUscc, validateUscc, USCC_CHARSET } from '../../shared/domain/uscc';
import { idCheckChar, validateIdNumber } from '../../shared/domain/idcard';
import { completeUtf8Length } from '../../electron/core/import/encoding';
import { splitCsvLine, guessDelimiter } from '../../electron/core/import/source';
import { emptyWorkspace } from '../helpers/workspace';
import type { Workspace } from '../../electron/core/workspace';

describe('mapping profiles', () => {
  it('load, validate and cover every canonical table', () => {
    const profiles = loadProfiles();
    const tables = new Set(profiles.map((p) => p.table));
    for (const t of CANONICAL_TABLES) expect(tables.has(t.name), t.name).toBe(true);
    const v = loadValidation();
    expect(Object.keys(v.tables).sort()).toEqual(CANONICAL_TABLES.map((t) => t.name).sort());
  });

  it('normalise case, spaces and full-width brackets', () => {
    expect(normaliseHeader('行政相对人代码_1（统一社会信用代码）')).toBe(normaliseHeader('行政相对人代码_1(统一社会信用代码)'));
    expect(normaliseHeader(' CF_WSH ')).toBe('cf_wsh');
    expect(normaliseHeader('罚款金额（万元）')).toBe('罚款金额(万元)');
    expect(normaliseHeader('Ｃｆ＿ｗｓｈ')).toBe('cf_wsh');
    expect(normaliseHeader('*处罚机关：')).toBe('处罚机关');
  });

  const penalties = () => findProfile('penalties-xyzg');
  const expectMapped = (headers: string[], expected: Record<string, string>) => {
    const m = matchProfile(penalties(), headers).mapping;
    for (const [h, col] of Object.entries(expected)) expect(m[h], h).toBe(col);
  };

  it('maps the 信用中国 Chinese headers, with their bracket variants', () => {
    expectMapped(
      ['行政相对人名称', '行政相对人类别', '行政相对人代码_1（统一社会信用代码）', '行政处罚决定书文号', '罚款金额（万元）', '没收违法所得、没收非法财物的金额（万元）', '处罚决定日期', '处罚机关', '处罚机关统一社会信用代码', '数据来源单位', '备注', '证件号码', '法定代表人证件号码'],
      {
        行政相对人名称: 'subject_name', 行政相对人类别: 'subject_kind', '行政相对人代码_1（统一社会信用代码）': 'uscc', 行政处罚决定书文号: 'decision_no',
        '罚款金额（万元）': 'fine_wan', '没收违法所得、没收非法财物的金额（万元）': 'confiscated_wan', 处罚决定日期: 'decision_date', 处罚机关: 'authority',
        处罚机关统一社会信用代码: 'authority_uscc', 数据来源单位: 'source_dept', 备注: 'remark', 证件号码: 'id_number', 法定代表人证件号码: 'legal_rep_id_number',
      },
    );
    expectMapped(['行政相对人代码_1(统一社会信用代码)'], { '行政相对人代码_1(统一社会信用代码)': 'uscc' });
    expectMapped(['违法企业名称或违法自然人姓名', '社会诚信代码', '主要违法事实', '处罚名称', '处罚部门', '法定代表人姓名'], {
      违法企业名称或违法自然人姓名: 'subject_name', 社会诚信代码: 'uscc', 主要违法事实: 'facts', 处罚名称: 'violation_type', 处罚部门: 'authority', 法定代表人姓名: 'legal_rep_name',
    });
  });

  it('maps the older CF_* and newer cf_* pinyin codes and English names', () => {
    expectMapped(['CF_WSH', 'CF_XDR_MC', 'CF_XDR_SHXYM', 'CF_JDRQ', 'CF_XZJG', 'CF_SY', 'CF_YJ', 'CF_JG', 'CF_XDR_SFZ', 'CF_FR', 'BZ'], {
      CF_WSH: 'decision_no', CF_XDR_MC: 'subject_name', CF_XDR_SHXYM: 'uscc', CF_JDRQ: 'decision_date', CF_XZJG: 'authority', CF_SY: 'facts',
      CF_YJ: 'basis', CF_JG: 'content', CF_XDR_SFZ: 'id_number', CF_FR: 'legal_rep_name', BZ: 'remark',
    });
    expectMapped(['cf_wsh', 'cf_xdr_mc', 'cf_xdr_lb', 'cf_xdr_shxym', 'cf_jdrq', 'cf_cfjg', 'cf_nr_fk', 'cf_nr_wfff', 'cf_xdr_zjlx', 'cf_xdr_zjhm', 'cf_fr_zjhm', 'cf_gsjzq', 'cf_sjly', 'bz'], {
      cf_wsh: 'decision_no', cf_xdr_mc: 'subject_name', cf_xdr_lb: 'subject_kind', cf_xdr_shxym: 'uscc', cf_jdrq: 'decision_date', cf_cfjg: 'authority',
      cf_nr_fk: 'fine_wan', cf_nr_wfff: 'confiscated_wan', cf_xdr_zjlx: 'id_type', cf_xdr_zjhm: 'id_number', cf_fr_zjhm: 'legal_rep_id_number',
      cf_gsjzq: 'publish_end_date', cf_sjly: 'source_dept', bz: 'remark',
    });
    expectMapped(['Decision Number', 'Subject Name', 'USCC', 'Decision Date', 'Authority', 'Fine'], {
      'Decision Number': 'decision_no', 'Subject Name': 'subject_name', USCC: 'uscc', 'Decision Date': 'decision_date', Authority: 'authority', Fine: 'fine_wan',
    });
  });

  it('maps the licence format, Chinese and XK_*', () => {
    const lic = findProfile('licenses-xyzg');
    const m = matchProfile(lic, ['XK_XDR_MC', 'XK_WSH', 'XK_JDRQ', 'XK_YXQZ', 'XK_YXQZI', 'XK_XKJG', '许可证书名称', '当前状态']).mapping;
    expect(m).toEqual({
      XK_XDR_MC: 'subject_name', XK_WSH: 'decision_no', XK_JDRQ: 'decision_date', XK_YXQZ: 'valid_from_date', XK_YXQZI: 'valid_to_date',
      XK_XKJG: 'authority', 许可证书名称: 'license_name', 当前状态: 'status',
    });
  });

  it('chooses the best profile by header score', () => {
    expect(bestProfile(['CF_WSH', 'CF_XDR_MC', 'CF_JDRQ', 'CF_XZJG'])?.profile.table).toBe('penalties');
    expect(bestProfile(['XK_WSH', 'XK_XDR_MC', 'XK_JDRQ', 'XK_XKJG'])?.profile.table).toBe('licenses');
    expect(bestProfile(['名单类型', '统一社会信用代码', '列入日期'])?.profile.table).toBe('credit_lists');
    expect(bestProfile(['foo', 'bar'])).toBeNull();
  });

  it('detects amounts in 元 and header rows', () => {
    expect(headerIsYuan('罚款金额（元）')).toBe(true);
    expect(headerIsYuan('罚款金额(元)')).toBe(true);
    expect(headerIsYuan('罚款金额（万元）')).toBe(false);
    expect(headerIsYuan('fine_yuan')).toBe(true);
    expect(headerIsYuan('罚款金额')).toBe(false);
    expect(looksLikeHeader(['2026年奉贤区行政处罚公示'])).toBe(false);
    expect(looksLikeHeader(['行政相对人名称', '行政处罚决定书文号', '处罚机关'])).toBe(true);
    expect(uniqueHeaders(['a', 'a', '', 'b'])).toEqual(['a', 'a_2', '列3', 'b']);
  });
});

describe('CSV helpers', () => {
  it('split quoted lines and guess the delimiter', () => {
    expect(splitCsvLine('a,"b,c","d""e"', ',')).toEqual(['a', 'b,c', 'd"e']);
    expect(guessDelimiter('名称\t文号\t日期')).toBe('\t');
    expect(guessDelimiter('名称;文号;日期')).toBe(';');
    expect(guessDelimiter('名称,"文;号",日期')).toBe(',');
  });

  it('cuts UTF-8 chunks on character boundaries', () => {
    const bytes = Buffer.from('ab中', 'utf8'); // 61 62 e4 b8 ad
    expect(completeUtf8Length(bytes)).toBe(5);
    expect(completeUtf8Length(bytes.subarray(0, 4))).toBe(2);
    expect(completeUtf8Length(bytes.subarray(0, 3))).toBe(2);
    const four = Buffer.from('a𠀀', 'utf8'); // 61 f0 a0 80 80
    expect(completeUtf8Length(four.subarray(0, 4))).toBe(1);
    expect(completeUtf8Length(four)).toBe(5);
  });
});

describe('unrolled code checks in SQL agree with shared/domain', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await emptyWorkspace();
  });
  afterAll(() => ws.close());

  it('USCC and ID numbers: valid, mutated and malformed', async () => {
    const usccs: string[] = [];
    for (let i = 0; i < 300; i++) {
      const body = (i * 7919).toString(36).toUpperCase().padStart(8, '0').slice(-8).replace(/[IOSVZ]/g, '1');
      const code = makeUscc(i % 3 === 0 ? '92' : '91', '310120', body);
      usccs.push(code);
      const pos = i % 18;
      const swap = USCC_CHARSET[(USCC_CHARSET.indexOf(code[pos]!) + 1 + (i % 5)) % 31]!;
      usccs.push(code.slice(0, pos) + swap + code.slice(pos + 1));
    }
    usccs.push('', '91310120MA1FL0015', '91310120MA1FL0015BB', '91310120MA1FLO015B', '9131012OMA1FL0015B');
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const first17 = `310120${1960 + (i % 60)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i).padStart(3, '0')}`;
      const id = first17 + idCheckChar(first17);
      ids.push(id, first17 + (id[17] === '0' ? '1' : '0'));
    }
    ids.push('', '31012019900230123X', '3101201990010112', '31012019900101123A');
    const check = async (fn: string, xs: string[]) =>
      ws.withConnection(async (c) => {
        await c.run(IMPORT_MACROS_SQL);
        const values = xs.map((x, i) => `(${i}, '${x}')`).join(', ');
        return c.all<{ i: number; ok: boolean }>(`SELECT i, coalesce(${fn}(v), false) AS ok FROM (VALUES ${values}) t(i, v) ORDER BY i`);
      });
    const u = await check('cws_uscc_ok', usccs);
    expect(u.map((r) => r.ok)).toEqual(usccs.map((x) => validateUscc(x).valid));
    expect(u.filter((r) => r.ok).length).toBeGreaterThanOrEqual(300);
    const d = await check('cws_id_ok', ids);
    expect(d.map((r) => r.ok)).toEqual(ids.map((x) => validateIdNumber(x).valid));
    expect(d.filter((r) => r.ok).length).toBe(300);
  });
});
