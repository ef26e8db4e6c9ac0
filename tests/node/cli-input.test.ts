/**
 * How `gualian check` treats the files staff bring (issue 11): an unclosed quote costs one row,
 * `--encoding` and `--column`, values from the files escaped before they reach a terminal,
 * every error one of gualian's (stable code, three languages), and never a stack trace.
 *
 * Node only: in the browser runner (whose `tests/**` glob finds this file) the suite is skipped.
 */
import { expect } from 'chai';

const inNode = typeof window === 'undefined';
const load = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

let M: typeof import('../../packages/core/src/cli/main.js');
let E: typeof import('../../packages/core/src/cli/errors.js');
let G: typeof import('../../packages/core/src/errors/index.js');
let fs: typeof import('node:fs');
let join: typeof import('node:path').join;
let iconv: typeof import('iconv-lite');
let dir: string;

const DIVISIONS = 'code,name,parentCode\n53,云南省,\n5306,昭通市,53\n530621,鲁甸县,5306\n530621100,文屏镇,530621\n530621100201,砚池社区,530621100\n';
const CADRES = '工号,姓名,单位,职级\nC1,张三,县法院,处级\nC2,李四,县公安局,一般干部\n';
const PAIRINGS = '干部编号,挂联类型,挂联村代码\nC1,挂村,530621100201\nC2,挂村,530621100201\n';
const VISITS = '编号,干部编号,村代码,日期,时长（分钟）,入户数,工作内容\nV1,C1,530621100201,2024-03-01,90,3,普法送法\n';

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await M.main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

function files(name: string, contents: Record<string, string | Uint8Array>): string[] {
  const sub = join(dir, name);
  fs.mkdirSync(sub, { recursive: true });
  for (const [file, text] of Object.entries({ 'divisions.csv': DIVISIONS, 'cadres.csv': CADRES, 'pairings.csv': PAIRINGS, 'visits.csv': VISITS, ...contents })) fs.writeFileSync(join(sub, file), text);
  return ['check', '--year', '2024', '--divisions', join(sub, 'divisions.csv'), '--cadres', join(sub, 'cadres.csv'), '--pairings', join(sub, 'pairings.csv'), '--visits', join(sub, 'visits.csv')];
}

(inNode ? describe : describe.skip)('gualian check: the files staff bring', function () {
  this.timeout(60_000);
  before(async () => {
    const [main, errors, core, fsModule, path, os, iconvModule] = await Promise.all(
      ['../../packages/core/src/cli/main.js', '../../packages/core/src/cli/errors.js', '../../packages/core/src/errors/index.js', 'node:fs', 'node:path', 'node:os', 'iconv-lite'].map(load),
    );
    M = main as typeof M;
    E = errors as typeof E;
    G = core as typeof G;
    fs = fsModule as typeof fs;
    join = (path as typeof import('node:path')).join;
    iconv = (iconvModule as { default: typeof import('iconv-lite') }).default;
    dir = fs.mkdtempSync(join((os as typeof import('node:os')).tmpdir(), 'gualian-input-'));
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports an unclosed quote at its line and keeps the rows after it', async () => {
    const visits = `${VISITS}V2,C1,530621100201,2024-04-01,90,3,"普法送法\nV3,C1,530621100201,2024-05-01,90,3,法治课\nV4,C2,530621100201,2024-05-02,60,1,其他\n`;
    const r = await run(...files('quote', { 'visits.csv': visits }), '--format', 'json', '--lang', 'en');
    expect(r.stderr).to.equal('');
    const report = JSON.parse(r.stdout) as { inputs: Array<{ input: string; rows: number; accepted: number; rejected: number }>; inputIssues: Array<{ line: number; code: string; message: string }> };
    expect(report.inputs.find((i) => i.input === 'visits')).to.include({ rows: 4, accepted: 3, rejected: 1 });
    expect(report.inputIssues.map((i) => [i.line, i.code])).to.deep.equal([[3, 'row.quote']]);
    expect(report.inputIssues[0]!.message).to.contain('never closed');
  });

  it('refuses a file whose encoding it cannot tell, and reads it with --encoding', async () => {
    // 干 alone reads as Chinese in GB18030 and in Big5.
    const cadres = new Uint8Array(iconv.encode('id,name,unit,rank\nC1,干,court,staff\nC2,Li,police,staff\n', 'gb18030'));
    const args = files('encoding', { 'cadres.csv': cadres });
    const refused = await run(...args);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.contain('cadres.csv').and.contain('--encoding gb18030');
    const read = await run(...args, '--encoding', 'gb18030', '--format', 'json');
    expect(read.stderr).to.equal('');
    expect((JSON.parse(read.stdout) as { inputs: Array<{ encoding: string }> }).inputs[0]!.encoding).to.equal('gb18030');
    const bad = await run(...args, '--encoding', 'latin1', '--lang', 'en');
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('--encoding').and.contain('gb18030');
  });

  it('maps columns with --column, and names the missing one with the header it read', async () => {
    const visits = '干部编号,村代码,日期,在村多久,户,工作内容\nC1,530621100201,2024-03-01,90,3,普法送法\n';
    const args = files('columns', { 'visits.csv': visits });
    const missing = await run(...args);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('minutes').and.contain('读到的表头（第 1 行）：干部编号 | 村代码 | 日期 | 在村多久 | 户 | 工作内容');
    const mapped = await run(...args, '--column', '在村多久=minutes', '--column', '户=households', '--format', 'json');
    expect(mapped.stderr).to.equal('');
    expect((JSON.parse(mapped.stdout) as { inputs: Array<{ accepted: number }> }).inputs[2]!.accepted).to.equal(1);
    const text = await run(...files('notes', { 'cadres.csv': '工号,姓名,单位,职级,联系电话\nC1,张三,县法院,处级,138\nC2,李四,县公安局,一般干部,139\n' }));
    expect(text.stdout).to.contain('未识别的列（已忽略，可用 --column 表头=字段 映射）：联系电话');
    const bad = await run(...args, '--column', '在村多久=duration', '--lang', 'en');
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('HEADER=FIELD');
  });

  it('escapes control characters from the data in text printed to the terminal', async () => {
    const cadres = '工号,姓名,单位,职级\nC1,张三,县法院,处级\nC2,李四,县公安局,"\u001b[2J\u001b]0;pwned\u0007局\r长\u202e"\n';
    const r = await run(...files('escape', { 'cadres.csv': cadres }));
    expect(r.stdout).to.contain('\\u{1b}[2J');
    // eslint-disable-next-line no-control-regex
    expect(r.stdout + r.stderr).not.to.match(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  });

  it('every error is one of gualian’s, in three languages, and no stack trace reaches the terminal', async () => {
    const e = new E.UnusableInput('cli.file.missing', { file: '干部.csv' });
    expect(e).to.be.instanceOf(G.GualianError);
    expect(e.code).to.equal('cli.file.missing');
    expect(e.describe('en')).to.equal('干部.csv: no such file, or it cannot be read');
    expect(e.describe('zh-Hant')).to.equal('干部.csv：檔案不存在或無法讀取');
    expect(G.describeError(e, 'zh-Hans')).to.equal('干部.csv：文件不存在或无法读取');
    let stderr = '';
    const code = await M.main(['schema'], {
      stdout: {
        write: () => {
          throw new TypeError('boom');
        },
      },
      stderr: { write: (s: string) => (stderr += s) },
    });
    expect(code).to.equal(2);
    expect(stderr).to.contain('TypeError').and.not.contain('boom').and.not.contain('    at ');
    const kind = await run('check', '--year', '2024', '--cadres', 'a.xls', '--pairings', 'p.csv', '--visits', 'v.csv');
    expect(kind.stderr).to.contain('a.xls').and.contain('.xlsx');
  });
});
