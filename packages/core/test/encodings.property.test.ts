/**
 * No silent mojibake: for text in GB18030 or Big5, `decodeText` either returns exactly the text
 * that was written or refuses with `file.encoding-ambiguous`; it never returns other text.
 * Seeded, with the characters of real lists (names, units, places). Node only: the browser has
 * no GB18030 or Big5 encoder (the browser runner skips this suite).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { decodeText } from '../src/io/encodings.js';
import { GualianError } from '../src/errors/index.js';

const SIMPLIFIED = '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文法院检察公安司法局镇村社区网格县乡街道干部编号单位职级处级厅级一般挂联包走访日期时长分钟入户数工作内容普法送法化解矛盾纠纷收集社情民意昭通市云南省鲁甸彝良镇雄大关永善绥江水富巧家盐津威信';
const TRADITIONAL = '張王李趙劉陳楊黃周吳徐孫胡朱高林何郭馬羅梁宋鄭謝韓唐馮于董蕭程曹袁鄧許傅沈曾彭呂蘇盧蔣蔡賈丁魏薛葉閻余潘杜戴夏鍾汪田任姜范方石姚譚廖鄒熊金陸郝孔白崔康毛邱秦江史顧侯邵孟龍萬段雷錢湯尹黎易常武喬賀賴龔文法院檢察公安司法局鎮村社區網格縣鄉街道幹部編號單位職級處級廳級一般掛聯包走訪日期時長分鐘入戶數工作內容普法送法化解矛盾糾紛收集社情民意臺北市高雄新竹桃園';

const inNode = typeof window === 'undefined';

(inNode ? describe : describe.skip)('decodeText: no silent mojibake (property, seeded)', function () {
  this.timeout(120_000);
  let iconv: typeof import('iconv-lite');
  before(async () => {
    iconv = ((await import(/* @vite-ignore */ 'iconv-lite' as string)) as { default: typeof import('iconv-lite') }).default;
  });

  const csvText = (chars: string) => fc.array(fc.tuple(fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 6 }), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 12 })), { minLength: 1, maxLength: 30 }).map((rows) => rows.map(([a, b]) => `${a},${b}`).join('\n'));

  for (const [encoding, chars] of [['gb18030', SIMPLIFIED], ['big5', TRADITIONAL]] as const) {
    it(`${encoding}: the text as written, or a refusal; never other text`, () => {
      let read = 0;
      fc.assert(
        fc.property(csvText(chars), (text) => {
          const bytes = new Uint8Array(iconv.encode(text, encoding));
          try {
            const got = decodeText(bytes);
            expect(got).to.deep.equal({ text, encoding });
            read++;
          } catch (e) {
            expect(e).to.be.instanceOf(GualianError);
            expect((e as GualianError).code).to.equal('file.encoding-ambiguous');
          }
        }),
        { seed: 13_001, numRuns: 10_000 },
      );
      // Detection is of use: most files of real characters are read, not refused.
      expect(read).to.be.above(8_000);
    });
  }
});
