// The badges of the Zhaotong tree demo: what a township or village is, as the national coding
// rules tell it from the code (and, for villages, the name). Real facts, no invented figures;
// a category is neutral information, so every badge has the `info` tone.
import { townshipKind, villageKind, translate, resolveLang } from './gualian-core.js';

const tree = document.getElementById('ht-zhaotong');
if (tree) {
  const lang = () => resolveLang(tree.getAttribute('lang') ?? document.documentElement.lang);
  tree.badges = (division) => {
    let kind = null;
    if (division.level === 'township') kind = townshipKind(division.code);
    else if (division.level === 'village') kind = division.kind ?? villageKind(division.code, division.name);
    return kind ? { label: translate(`kind.${kind}`, lang()), tone: 'info' } : null;
  };
}
