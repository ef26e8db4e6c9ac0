// Prints the events a demo widget fires, as text (textContent only: event data is never
// parsed as HTML). Markup: <pre class="event-log" data-log-for="ELEMENT-ID" data-events="a b">.
const MAX_LINES = 30;

function formatValue(v) {
  if (v === null || v === undefined || v === '') return '—';
  // A path: the names are enough, the last code is the event's value anyway.
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' && 'name' in x ? String(x.name) : formatValue(x))).join(' / ') || '—';
  if (typeof v === 'object') {
    if ('name' in v && 'code' in v) return `${v.name} (${v.code})`;
    if ('name' in v) return String(v.name);
    try {
      const text = JSON.stringify(v);
      return text.length > 120 ? `${text.slice(0, 119)}…` : text;
    } catch {
      return String(v);
    }
  }
  return String(v);
}

/** The fields an event carries: its `detail` for a CustomEvent, its own fields for a typed event class. */
export function eventFields(event) {
  const fields = {};
  if (event.detail && typeof event.detail === 'object') Object.assign(fields, event.detail);
  else if (event.detail !== undefined && event.detail !== null) fields.detail = event.detail;
  for (const key of Object.keys(event)) if (key !== 'isTrusted') fields[key] = event[key];
  return fields;
}

export function describeEvent(event) {
  const time = new Date().toTimeString().slice(0, 8);
  const parts = Object.entries(eventFields(event)).map(([k, v]) => `${k}=${formatValue(v)}`);
  return `${time}  ${event.type}${parts.length ? `  ${parts.join('  ')}` : ''}`;
}

for (const log of document.querySelectorAll('[data-log-for]')) {
  const target = document.getElementById(log.dataset.logFor);
  if (!target) continue;
  const lines = [];
  for (const type of (log.dataset.events ?? '').split(/\s+/).filter(Boolean)) {
    target.addEventListener(type, (event) => {
      lines.unshift(describeEvent(event));
      lines.length = Math.min(lines.length, MAX_LINES);
      log.textContent = lines.join('\n');
    });
  }
}
