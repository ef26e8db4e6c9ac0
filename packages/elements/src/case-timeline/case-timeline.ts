import { describeError } from '@gualian/core';
import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Hierarchy, Lang } from '@gualian/core';
import {
  actionsFor,
  actsWithin,
  applyEvent,
  deadlineHistory,
  describeDisputeError,
  DisputeError,
  dueOf,
  replayCase,
  taskForceProgress,
  type Actor,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type DeadlineRun,
  type DisputePolicy,
  type DisputePolicyInput,
  type DueItem,
  type PartyContact,
} from '@gualian/core/disputes';
import { GualianElement } from '../base/gualian-element.js';
import { tonePalette } from '../base/styles.js';
import { registerUiMessages, type MessageKey } from '../i18n/index.js';
import { formatNumber, formatStamp, stampOf } from '../score-sheet/format.js';
import { GualianCaseEventEvent, GualianCaseRefusedEvent } from './events.js';
import { checkEvent, CONSENT_FORMS, fieldsOf, payloadOf, type FieldProblem, type FieldSpec } from './form.js';
import { caseBadgeStyles, caseTimelineStyles } from './styles.js';
import { caseWords, momentOf, placeName } from './words.js';
import { messages } from './messages.zh-Hans.js';

// This widget's own labels: zh-Hans with the code, zh-Hant and en loaded when first spoken.
registerUiMessages({ 'zh-Hans': messages, 'zh-Hant': () => import('./messages.zh-Hant.js'), en: () => import('./messages.en.js') });

/**
 * One dispute case's life: its facts (parties without their contact data unless asked), its
 * task force and the progress of its duties, what is due and what is overdue as of a moment
 * (the core's `dueOf`) and the deadlines missed on the way (`deadlineHistory`), every event in
 * order — what happened, who, when and its salient fields — and a form of the next actions offering only what the core's `actionsFor` leaves open to the
 * acting user (their role's allowed events; none outside their division).
 *
 * Picking an action shows only that event's fields. Submitting builds the event (a new id from
 * `idGenerator`, the time from `clock`), checks it against the core's schema (a problem is named
 * per field, as text), then runs it through the core's `applyEvent` with the same hierarchy and
 * policy. Only an accepted event is appended and fired (`gualian-case-event`); a refusal is shown
 * with the core's message in the reader's language, and nothing is recorded.
 *
 * Printing shows the record without the form.
 *
 * @tag gualian-case-timeline
 * @summary A dispute case's events in order, its deadlines and task force, and a form of the legal next actions.
 *
 * @attr {string} case-id - The case to show when `events` is a whole record (default: the case of the first event).
 * @attr {string} as-of - The moment deadlines are measured at: a date (`2024-12-31`, its end) or a timestamp; default now.
 * @attr {boolean} show-contacts - Show the parties' contact data from `contacts` (withheld by default).
 * @prop {CaseEvent[]} events - The case's events in order, or the whole record (with `case-id`).
 * @prop {Actor | null} actor - Who is using the timeline: id, role, unit and division. Without one the timeline is read-only.
 * @prop {DisputePolicyInput | null} policy - The dispute policy (deadlines, permissions); default national practice.
 * @prop {PartyContact[]} contacts - The parties' contact data, shown only with `show-contacts`.
 * @prop {(() => string) | null} idGenerator - Makes the id of a new event (default `crypto.randomUUID()`).
 * @prop {(() => Date) | null} clock - Where the time of a new event is read (default: `new Date()`).
 *
 * @fires {GualianCaseEventEvent} gualian-case-event - The core accepted an event from the form: `event` and the case's new `state`.
 * @fires {GualianCaseRefusedEvent} gualian-case-refused - The core refused an event from the form: `error` (a DisputeError) and `event`; nothing was recorded.
 *
 * @csspart case - The whole timeline.
 * @csspart header - The case id, status and summary.
 * @csspart facts - The case's facts and parties.
 * @csspart task-force - The task force, its units and duties.
 * @csspart deadlines - What is due, with days left or over.
 * @csspart events - The list of events.
 * @csspart event - One event.
 * @csspart form - The form of next actions.
 * @csspart refusal - The core's refusal of the last event asked for (role=alert).
 * @csspart outcome - The last event recorded (role=status).
 * @csspart notice - A message shown instead of the form or the case.
 * @csspart status - The loading or error message.
 *
 * @example
 * <gualian-case-timeline src="/data/2023/5306.json" case-id="5306-2024-000042"></gualian-case-timeline>
 * <script type="module">
 *   const timeline = document.querySelector('gualian-case-timeline');
 *   timeline.events = record.entries;
 *   timeline.actor = { id: 'H1-530602', role: 'handler', unit: '县司法局', division: '530602' };
 *   timeline.addEventListener('gualian-case-event', (e) => record.append(e.event));
 * </script>
 */
export class GualianCaseTimeline extends GualianElement {
  static override styles = [...GualianElement.styles, tonePalette, caseBadgeStyles, caseTimelineStyles];

  static override properties: PropertyDeclarations = {
    events: { attribute: false },
    caseId: { attribute: 'case-id', reflect: true },
    asOf: { attribute: 'as-of', reflect: true },
    showContacts: { type: Boolean, attribute: 'show-contacts', reflect: true },
    actor: { attribute: false },
    policy: { attribute: false },
    contacts: { attribute: false },
    idGenerator: { attribute: false },
    clock: { attribute: false },
  };

  /** The case's events in order, or the whole record (with `case-id`). */
  declare events: readonly CaseEvent[];

  /** The case to show when `events` is a whole record. */
  declare caseId: string | null;

  /** The moment deadlines are measured at (a date or a timestamp); default now. */
  declare asOf: string | null;

  /** Show the parties' contact data from `contacts`. */
  declare showContacts: boolean;

  /** Who is using the timeline; without one it is read-only. */
  declare actor: Actor | null;

  /** The dispute policy; default national practice. */
  declare policy: DisputePolicyInput | DisputePolicy | null;

  /** The parties' contact data, shown only with `show-contacts`. */
  declare contacts: readonly PartyContact[];

  /** Makes the id of a new event (default `crypto.randomUUID()`). */
  declare idGenerator: (() => string) | null;

  /** Where the time of a new event is read (default: `new Date()`). */
  declare clock: (() => Date) | null;

  #memo: unknown[] = [];
  #own: CaseEvent[] = [];
  #state: CaseState | null = null;
  #broken: Error | null = null;
  #type: CaseEventType | '' = '';
  #values: Record<string, string> = {};
  #problems: FieldProblem[] = [];
  #refusal: DisputeError | null = null;
  #recorded: CaseEvent | null = null;
  #focus: string | null = null;

  constructor() {
    super();
    this.events = [];
    this.caseId = null;
    this.asOf = null;
    this.showContacts = false;
    this.actor = null;
    this.policy = null;
    this.contacts = [];
    this.idGenerator = null;
    this.clock = null;
  }

  /** The case as its events leave it (with the events recorded through the form), or `null`. */
  get state(): CaseState | null {
    return this.#state;
  }

  /** The case's events as shown, in order, those recorded through the form included. */
  get caseEvents(): readonly CaseEvent[] {
    return this.#own;
  }

  /** The event types the form offers now: the core's `actionsFor` the actor (their role's allowed events, none outside their division). */
  get offered(): CaseEventType[] {
    if (!this.#state || !this.actor) return [];
    return actionsFor(this.#state, this.actor, this.policy ? { policy: this.policy } : {});
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const h = this.divisions.hierarchy;
    const memo = [this.events, this.caseId, this.policy, h];
    if (memo.some((x, i) => x !== this.#memo[i])) {
      this.#memo = memo;
      const id = this.caseId ?? this.events[0]?.caseId ?? null;
      this.#own = id === null ? [] : this.events.filter((e) => e.caseId === id);
      this.#replay(h);
    }
    const offered = this.offered;
    if (!offered.includes(this.#type as CaseEventType)) this.#choose(offered[0] ?? '');
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focus) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focus);
      this.#focus = null;
      target?.focus();
    }
  }

  #context(h: Hierarchy | null) {
    return { ...(h ? { hierarchy: h } : {}), ...(this.policy ? { policy: this.policy } : {}) };
  }

  #replay(h: Hierarchy | null): void {
    this.#broken = null;
    this.#state = null;
    if (this.#own.length === 0) return;
    try {
      this.#state = replayCase(this.#own, this.#context(h));
    } catch (error) {
      this.#broken = error instanceof Error ? error : new Error(String(error));
    }
  }

  protected override divisionsOptional = true;

  protected override render(): TemplateResult {
    const status = this.renderStatus();
    if (status) return status;
    const lang = this.resolvedLang;
    if (this.#broken) return html`<p class="notice error" part="notice" role="alert">${this.#describe(this.#broken, lang)}</p>`;
    const state = this.#state;
    if (!state) return html`<p class="notice" part="notice">${this.t('ui.caseTimeline.noCase')}</p>`;
    const at = momentOf(this.asOf);
    const due = dueOf(state, at, this.policy ?? undefined);
    return html`
      <article class="case" part="case" aria-labelledby="case-title">
        ${this.#renderHeader(state)} ${this.#renderFacts(state, lang)} ${this.#renderTaskForce(state, at, lang)} ${this.#renderDeadlines(due, deadlineHistory(state, at, this.policy ?? undefined), at, lang)}
        ${this.#renderEvents(state, lang)} ${this.#renderForm(state, due)}
      </article>
    `;
  }

  // ── The case ────────────────────────────────────────────────────────────────────────────

  #renderHeader(state: CaseState): TemplateResult {
    const t = this.t.bind(this);
    return html`<header part="header">
      <h2 id="case-title">${this.t('ui.caseTimeline.title', { id: state.id })}</h2>
      <p class="badges">
        <span class="badge status-${state.status}">${caseWords.status(t, state.status)}</span>
        <span class="badge severity-${state.facts.severity}">${caseWords.severity(t, state.facts.severity)}</span>
        <span class="badge">${caseWords.level(t, state.level)}</span>
      </p>
      <p class="summary">${state.facts.summary}</p>
    </header>`;
  }

  #renderFacts(state: CaseState, lang: Lang): TemplateResult {
    const t = this.t.bind(this);
    const f = state.facts;
    const h = this.divisions.hierarchy;
    const contacts = this.showContacts ? this.contacts.filter((c) => c.caseId === state.id) : [];
    return html`<section part="facts" aria-labelledby="facts-title">
      <h3 id="facts-title">${this.t('ui.caseTimeline.facts')}</h3>
      <dl class="facts">
        <dt>${this.t('ui.case.category')}</dt>
        <dd>${caseWords.category(t, f.category)}</dd>
        <dt>${this.t('ui.caseTimeline.source')}</dt>
        <dd>${this.t(`dispute.source.${f.source}` as MessageKey)}</dd>
        <dt>${this.t('ui.case.place')}</dt>
        <dd>${placeName(h, f.place, t)}</dd>
        <dt>${this.t('ui.caseTimeline.registeredAt')}</dt>
        <dd>${formatStamp(lang, state.registeredAt)}</dd>
        ${f.riskFlags.length > 0
          ? html`<dt>${this.t('ui.caseTimeline.riskFlags')}</dt>
              <dd>${f.riskFlags.map((r) => this.#riskFlag(r)).join('、')}</dd>`
          : nothing}
        ${f.workOrderId ? html`<dt>${this.t('ui.caseTimeline.workOrder')}</dt><dd>${f.workOrderId}</dd>` : nothing}
        ${state.assignee
          ? html`<dt>${this.t('ui.caseTimeline.assignee')}</dt>
              <dd>${state.assignee.unit} · ${state.assignee.handler}</dd>`
          : nothing}
      </dl>
      <h4>${this.t('ui.caseTimeline.parties')}</h4>
      <ul class="parties">
        ${f.parties.map((p) => {
          const c = contacts.find((x) => x.partyId === p.id);
          return html`<li>
            <span class="party-name">${p.name}</span>
            <span class="muted">${[this.t(`ui.caseTimeline.kind.${p.kind}` as MessageKey), p.side ? this.t(`ui.caseTimeline.side.${p.side}` as MessageKey) : ''].filter(Boolean).join(' · ')}</span>
            ${c ? html`<span class="contact">${[c.phone, c.idNumber, c.address].filter(Boolean).join(' · ')}</span>` : nothing}
          </li>`;
        })}
      </ul>
      ${this.showContacts ? nothing : html`<p class="muted hint">${this.t('ui.caseTimeline.contactsWithheld')}</p>`}
    </section>`;
  }

  #riskFlag(flag: string): string {
    const key = `ui.caseTimeline.risk.${flag}` as MessageKey;
    const label = this.t(key);
    return label === key ? flag : label;
  }

  #renderTaskForce(state: CaseState, at: string, lang: Lang): TemplateResult | typeof nothing {
    const tf = state.taskForce;
    const progress = taskForceProgress(state, at);
    if (!tf || !progress) return nothing;
    const today = at.slice(0, 10);
    const people = new Map([tf.lead, ...tf.members].map((m) => [m.id, m.name ? `${m.name}（${m.unit}）` : m.unit]));
    return html`<section part="task-force" aria-labelledby="tf-title">
      <h3 id="tf-title">${this.t('ui.caseTimeline.taskForce')}</h3>
      <p>${this.t('ui.caseTimeline.taskForceLead', { lead: people.get(tf.lead.id) ?? tf.lead.id, formed: formatStamp(lang, tf.formedAt) })}</p>
      <p>${this.t('ui.caseTimeline.taskForceUnits', { count: progress.units.length, units: progress.units.join('、') })}</p>
      <p class="progress">
        ${this.t('ui.caseTimeline.taskForceProgress', { done: progress.done, duties: progress.duties, share: formatNumber(lang, Math.round(progress.share * 100)) })}
        <meter min="0" max=${progress.duties} value=${progress.done} aria-label=${this.t('ui.caseTimeline.taskForce')}></meter>
      </p>
      <ul class="duties">
        ${tf.duties.map((d) => {
          const overdue = !d.done && today > d.due;
          const late = progress.doneLate.some((x) => x.id === d.id);
          return html`<li class=${overdue ? 'overdue' : d.done ? 'done' : ''}>
            <span class="duty-title">${d.title}</span>
            <span class="muted">${this.t('ui.caseTimeline.dutyWho', { who: people.get(d.assignee) ?? d.assignee, due: d.due })}</span>
            <span class="badge ${overdue ? 'bad' : d.done ? 'ok' : ''}"
              >${this.t(overdue ? 'ui.caseTimeline.dutyOverdue' : d.done ? (late ? 'ui.caseTimeline.dutyDoneLate' : 'ui.caseTimeline.dutyDone') : 'ui.caseTimeline.dutyOpen')}</span
            >
            ${d.lastNote ? html`<span class="muted note">${d.lastNote}</span>` : nothing}
          </li>`;
        })}
      </ul>
    </section>`;
  }

  #renderDeadlines(due: readonly DueItem[], history: readonly DeadlineRun[], at: string, lang: Lang): TemplateResult {
    const missed = history.filter((r) => r.ended !== undefined && r.missed);
    return html`<section part="deadlines" aria-labelledby="due-title">
      <h3 id="due-title">${this.t('ui.caseTimeline.deadlines', { date: at.slice(0, 10) })}</h3>
      ${due.length === 0
        ? html`<p class="muted">${this.t('ui.caseTimeline.nothingDue')}</p>`
        : html`<ul class="due">
            ${due.map(
              (d) => html`<li class=${d.overdue ? 'overdue' : ''} data-due=${d.id}>
                <span class="due-what">${d.kind === 'duty' ? (d.label ?? d.id) : this.#ruleLabel(d.id)}</span>
                <span>${this.t('ui.caseTimeline.dueOn', { due: d.due, since: d.since })}</span>
                <span class="badge ${d.overdue ? 'bad' : d.daysLeft <= 3 ? 'warn' : 'ok'}"
                  >${d.overdue ? this.t('ui.case.daysOver', { days: formatNumber(lang, -d.daysLeft) }) : this.t('ui.case.daysLeft', { days: formatNumber(lang, d.daysLeft) })}</span
                >
              </li>`,
            )}
          </ul>`}
      ${missed.length > 0
        ? html`<h4>${this.t('ui.caseTimeline.missed')}</h4>
            <ul class="due missed">
              ${missed.map(
                (r) => html`<li data-missed=${r.id}>
                  <span class="due-what">${this.#ruleLabel(r.id)}</span>
                  <span>${this.t('ui.caseTimeline.missedRun', { due: r.due, ended: r.ended! })}</span>
                  <span class="badge bad">${this.t('ui.case.daysOver', { days: formatNumber(lang, r.daysLate) })}</span>
                </li>`,
              )}
            </ul>`
        : nothing}
    </section>`;
  }

  #ruleLabel(id: string): string {
    const key = `dispute.deadline.${id}` as MessageKey;
    const label = this.t(key);
    return label === key ? id : label;
  }

  #renderEvents(state: CaseState, lang: Lang): TemplateResult {
    return html`<section aria-labelledby="events-title">
      <h3 id="events-title">${this.t('ui.caseTimeline.events', { count: state.events })}</h3>
      <ol class="events" part="events">
        ${this.#own.map(
          (e) => html`<li part="event" data-event=${e.id} data-type=${e.type} tabindex="-1">
            <p class="event-head">
              <time datetime=${e.at}>${formatStamp(lang, e.at)}</time>
              <strong class="event-name">${this.t(`dispute.event.${e.type}` as MessageKey)}</strong>
            </p>
            <p class="who muted">${this.t('ui.caseTimeline.by', { unit: e.actor.unit, role: this.t(`dispute.role.${e.actor.role}` as MessageKey), id: e.actor.id })}</p>
            ${this.#renderPayload(e, state)}
          </li>`,
        )}
      </ol>
    </section>`;
  }

  /** The salient fields of an event's payload, as label and text. */
  #renderPayload(e: CaseEvent, state: CaseState): TemplateResult | typeof nothing {
    const rows = this.#payloadRows(e, state);
    if (rows.length === 0) return nothing;
    return html`<dl class="payload">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
  }

  #payloadRows(e: CaseEvent, state: CaseState): [string, string][] {
    const field = (name: string) => this.t(`ui.caseTimeline.field.${name}` as MessageKey);
    const t = this.t.bind(this);
    const rows: [string, string][] = [];
    const p = e.payload as Record<string, unknown>;
    const add = (name: string, value: string | undefined) => {
      if (value !== undefined && value !== '') rows.push([field(name), value]);
    };
    switch (e.type) {
      case 'registered':
        add('level', caseWords.level(t, e.payload.level));
        break;
      case 'agreement-reached': {
        add('terms', e.payload.terms);
        const names = new Map(state.facts.parties.map((x) => [x.id, x.name]));
        add('consents', e.payload.consents.map((c) => `${names.get(c.party) ?? c.party}：${this.t(`ui.caseTimeline.consent.${c.form}` as MessageKey)}`).join('；'));
        add('effectiveOn', e.payload.effectiveOn);
        break;
      }
      case 'referred':
        add('to', this.t(`dispute.referral.${e.payload.to}` as MessageKey));
        add('body', e.payload.body);
        add('reason', e.payload.reason);
        break;
      case 'escalated':
      case 'sent-down':
        add('to', caseWords.level(t, e.payload.to));
        add('reason', e.payload.reason);
        break;
      case 'followed-up':
        add('outcome', this.t(`ui.caseTimeline.outcome.${e.payload.outcome}` as MessageKey));
        add('note', e.payload.note);
        break;
      case 'taskforce-formed':
        add('lead', e.payload.lead.name ? `${e.payload.lead.name}（${e.payload.lead.unit}）` : e.payload.lead.unit);
        add('members', e.payload.members.map((m) => (m.name ? `${m.name}（${m.unit}）` : m.unit)).join('、'));
        add('duties', e.payload.duties.map((d) => `${d.title}（${d.due}）`).join('；'));
        break;
      case 'duty-progress':
        {
          const title = state.taskForce?.duties.find((d) => d.id === e.payload.duty)?.title ?? e.payload.duty;
          add('duty', e.payload.done ? `${title}（${this.t('ui.caseTimeline.dutyDone')}）` : title);
        }
        add('note', e.payload.note);
        break;
      case 'deadline-extended':
        add('rule', this.#ruleLabel(e.payload.rule));
        add('days', String(e.payload.days));
        add('reason', e.payload.reason);
        break;
      case 'mediation-started':
        add('mediators', e.payload.mediators?.join('、'));
        add('note', e.payload.note);
        break;
      case 'answered':
        add('opinion', e.payload.opinion);
        add('deliveredOn', e.payload.deliveredOn);
        break;
      case 'review-answered':
      case 're-review-answered':
        add('outcome', this.t(`dispute.review-outcome.${e.payload.outcome}` as MessageKey));
        add('opinion', e.payload.opinion);
        add('deliveredOn', e.payload.deliveredOn);
        break;
      case 'severity-changed':
        add('severity', this.t(`dispute.severity.${e.payload.to}` as MessageKey));
        add('reason', e.payload.reason);
        break;
      default:
        for (const name of ['unit', 'handler', 'reason', 'court', 'ruling', 'into', 'note']) add(name, typeof p[name] === 'string' ? (p[name] as string) : undefined);
    }
    return rows;
  }

  // ── The form of next actions ────────────────────────────────────────────────────────────

  #renderForm(state: CaseState, due: readonly DueItem[]): TemplateResult {
    const actor = this.actor;
    if (!actor) {
      return html`<section class="actions" aria-labelledby="form-title">
        <h3 id="form-title">${this.t('ui.caseTimeline.next')}</h3>
        <p class="notice" part="notice">${this.t('ui.caseTimeline.noActor')}</p>
      </section>`;
    }
    const offered = this.offered;
    const recorded = this.#recorded;
    const type = this.#type;
    const fields = type ? fieldsOf(type, state, due) : [];
    return html`<section class="actions" aria-labelledby="form-title">
      <h3 id="form-title">${this.t('ui.caseTimeline.next')}</h3>
      <p class="muted">${this.t('ui.caseTimeline.actingAs', { unit: actor.unit, role: this.t(`dispute.role.${actor.role}` as MessageKey), id: actor.id })}</p>
      <p class="outcome" part="outcome" role="status">${recorded ? this.t('ui.caseTimeline.recorded', { event: this.t(`dispute.event.${recorded.type}` as MessageKey), state: caseWords.status(this.t.bind(this), state.status) }) : nothing}</p>
      ${this.#refusal ? html`<p id="refusal" class="refusal" part="refusal" role="alert" tabindex="-1">${describeDisputeError(this.#refusal, this.resolvedLang)}</p>` : nothing}
      ${offered.length === 0
        ? html`<p class="notice" part="notice">
            ${actsWithin(actor, state.facts.place)
              ? this.t('ui.caseTimeline.nothingOpen', { role: this.t(`dispute.role.${actor.role}` as MessageKey) })
              : this.t('ui.caseTimeline.outOfScope', { division: placeName(this.divisions.hierarchy, actor.division, this.t.bind(this)) })}
          </p>`
        : html`<form part="form" novalidate aria-labelledby="form-title" @submit=${this.#onSubmit}>
            <div class="field">
              <label for="f-type">${this.t('ui.caseTimeline.action')}</label>
              <select id="f-type" @change=${(e: Event) => this.#pick((e.target as HTMLSelectElement).value as CaseEventType)}>
                ${offered.map((o) => html`<option value=${o} .selected=${o === type}>${this.t(`dispute.event.${o}` as MessageKey)}</option>`)}
              </select>
            </div>
            ${fields.map((f) => this.#renderField(f, state))}
            <button type="submit" class="primary" part="submit">${this.t('ui.caseTimeline.submit')}</button>
          </form>`}
    </section>`;
  }

  #renderField(f: FieldSpec, state: CaseState): TemplateResult {
    const id = `f-${f.name}`;
    const label = this.t(`ui.caseTimeline.field.${f.name}` as MessageKey);
    const problem = this.#problems.find((p) => p.field === f.name);
    const invalid = problem ? 'true' : undefined;
    const errorId = `${id}-error`;
    const hintKey = `ui.caseTimeline.hint.${f.name}` as MessageKey;
    const hint = this.t(hintKey) === hintKey ? '' : this.t(hintKey);
    const described = [hint ? `${id}-hint` : '', problem ? errorId : ''].filter(Boolean).join(' ') || undefined;
    const value = this.#values[f.name] ?? '';
    const set = (e: Event) => this.#edit(f.name, (e.target as HTMLInputElement).value);
    const error = problem ? html`<span id=${errorId} class="field-error">${this.t(problem.problem === 'missing' ? 'ui.caseTimeline.missing' : 'ui.caseTimeline.invalid', { field: label })}</span>` : nothing;
    const hintText = hint ? html`<span id="${id}-hint" class="hint">${hint}</span>` : nothing;
    const required = f.required ? html` <span class="muted">${this.t('ui.caseTimeline.required')}</span>` : nothing;
    switch (f.kind) {
      case 'consents':
        return html`<fieldset class="field" id=${id} tabindex="-1" aria-invalid=${ifDefined(invalid)} aria-describedby=${ifDefined(described)}>
          <legend>${label}${required}</legend>
          ${state.facts.parties.map(
            (p) => html`<label class="consent"
              ><span>${p.name}</span>
              <select id="f-consent-${p.id}" @change=${(e: Event) => this.#edit(`consent.${p.id}`, (e.target as HTMLSelectElement).value)}>
                <option value="" .selected=${!this.#values[`consent.${p.id}`]}>${this.t('ui.caseTimeline.consent.none')}</option>
                ${CONSENT_FORMS.map((c) => html`<option value=${c} .selected=${this.#values[`consent.${p.id}`] === c}>${this.t(`ui.caseTimeline.consent.${c}` as MessageKey)}</option>`)}
              </select></label
            >`,
          )}
          ${hintText} ${error}
        </fieldset>`;
      case 'select':
        return html`<div class="field">
          <label for=${id}>${label}${required}</label>
          <select id=${id} aria-invalid=${ifDefined(invalid)} aria-describedby=${ifDefined(described)} @change=${set}>
            ${(f.options ?? []).map((o) => html`<option value=${o.value} .selected=${o.value === value}>${o.literal ? o.label : this.#optionLabel(o.label)}</option>`)}
          </select>
          ${hintText} ${error}
        </div>`;
      case 'checkbox':
        return html`<div class="field check">
          <label
            ><input id=${id} type="checkbox" .checked=${live(value === 'true')} @change=${(e: Event) => this.#edit(f.name, String((e.target as HTMLInputElement).checked))} />
            ${label}</label
          >
        </div>`;
      case 'textarea':
      case 'lines':
        return html`<div class="field">
          <label for=${id}>${label}${required}</label>
          <textarea id=${id} rows=${f.kind === 'lines' ? 3 : 2} aria-invalid=${ifDefined(invalid)} aria-describedby=${ifDefined(described)} .value=${live(value)} @input=${set}></textarea>
          ${hintText} ${error}
        </div>`;
      default:
        return html`<div class="field">
          <label for=${id}>${label}${required}</label>
          <input
            id=${id}
            type=${f.kind === 'date' ? 'date' : 'text'}
            inputmode=${ifDefined(f.kind === 'number' ? 'numeric' : undefined)}
            autocomplete="off"
            aria-invalid=${ifDefined(invalid)}
            aria-describedby=${ifDefined(described)}
            .value=${live(value)}
            @input=${set}
          />
          ${hintText} ${error}
        </div>`;
    }
  }

  #optionLabel(key: string): string {
    return key.startsWith('level.') ? caseWords.level(this.t.bind(this), key.slice(6) as CaseState['level']) : this.#ruleOrKey(key);
  }

  #ruleOrKey(key: string): string {
    const label = this.t(key as MessageKey);
    return label === key ? key.slice(key.lastIndexOf('.') + 1) : label;
  }

  #pick(type: CaseEventType): void {
    this.#choose(type);
    this.requestUpdate();
  }

  /** Start a new form for `type`: selects start on their first choice. */
  #choose(type: CaseEventType | ''): void {
    this.#type = type;
    this.#values = {};
    this.#problems = [];
    const state = this.#state;
    if (!type || !state) return;
    for (const f of fieldsOf(type, state, dueOf(state, momentOf(this.asOf), this.policy ?? undefined))) {
      if (f.kind === 'select' && f.options?.[0]) this.#values[f.name] = f.options[0].value;
    }
  }

  #edit(name: string, value: string): void {
    this.#values = { ...this.#values, [name]: value };
    const problems = this.#problems.filter((p) => p.field !== name && !(name.startsWith('consent.') && p.field === 'consents'));
    if (problems.length !== this.#problems.length) {
      this.#problems = problems;
      this.requestUpdate();
    }
  }

  #onSubmit = (e: Event): void => {
    e.preventDefault();
    this.record();
  };

  /**
   * Record the event the form holds through the core, as the submit button does: `true` if the
   * core accepted it (it is appended and fired), `false` if a field or the core refused it.
   * @example
   * timeline.shadowRoot.querySelector('#f-reason').value = '…'; // or type into the form
   * timeline.record();
   */
  record(): boolean {
    const state = this.#state;
    const actor = this.actor;
    const type = this.#type;
    if (!state || !actor || !type) return false;
    const h = this.divisions.hierarchy;
    const fields = fieldsOf(type, state, dueOf(state, momentOf(this.asOf), this.policy ?? undefined));
    const event = {
      id: this.idGenerator?.() ?? crypto.randomUUID(),
      caseId: state.id,
      type,
      at: stampOf(this.clock?.() ?? new Date()),
      actor,
      payload: payloadOf(fields, this.#values, state),
    } as CaseEvent;
    const problems = checkEvent(event, fields, this.#values);
    if (problems) {
      this.#problems = problems;
      this.#refusal = null;
      this.#recorded = null;
      const first = problems.find((p) => fields.some((f) => f.name === p.field));
      if (first) this.#focus = `#f-${first.field}`;
      else {
        this.#refusal = new DisputeError('dispute.invalid-event', { event: event.id, field: problems[0]!.field, reason: problems[0]!.problem });
        this.#focus = '#refusal';
      }
      this.requestUpdate();
      return false;
    }
    let next: CaseState;
    try {
      next = applyEvent(state, event, this.#context(h));
    } catch (error) {
      if (!(error instanceof DisputeError)) throw error;
      this.#refusal = error;
      this.#problems = [];
      this.#recorded = null;
      this.#focus = '#refusal';
      this.requestUpdate();
      this.dispatchEvent(new GualianCaseRefusedEvent(error, event));
      return false;
    }
    this.#own = [...this.#own, event];
    this.#state = next;
    this.#refusal = null;
    this.#problems = [];
    this.#recorded = event;
    this.#focus = `[data-event="${event.id.replace(/["\\]/g, '\\$&')}"]`;
    const offered = this.offered;
    this.#choose(offered.includes(type) ? type : (offered[0] ?? ''));
    this.requestUpdate();
    this.dispatchEvent(new GualianCaseEventEvent(event, next));
    return true;
  }

  #describe(error: Error, lang: Lang): string {
    return describeError(error, lang);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gualian-case-timeline': GualianCaseTimeline;
  }
}
