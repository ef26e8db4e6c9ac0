/** Messages of editions (comparing two years of division codes), in the three languages. */
export const editionMessages = {
  'zh-Hans': {
    'error.edition.unknown-code': '代码“{value}”在 {from} 版和 {to} 版区划中都没有',
    'error.edition.out-of-scope': '代码“{value}”不在比较的范围 {scope} 内',
    'error.edition.no-editions': '这份区划变化不是本次由 diffEditions 得出的，请同时给出新旧两版区划',
  },
  'zh-Hant': {
    'error.edition.unknown-code': '代碼「{value}」在 {from} 版和 {to} 版區劃中都沒有',
    'error.edition.out-of-scope': '代碼「{value}」不在比較的範圍 {scope} 內',
    'error.edition.no-editions': '這份區劃變化不是本次由 diffEditions 得出的，請同時給出新舊兩版區劃',
  },
  en: {
    'error.edition.unknown-code': 'code "{value}" is in neither the {from} nor the {to} edition',
    'error.edition.out-of-scope': 'code "{value}" is outside the compared scope {scope}',
    'error.edition.no-editions': 'this diff did not come from diffEditions in this session: give the two editions as well',
  },
} as const;
