/**
 * The session ledger every party keeps: the sessions it created and how they ended, plus an ordered list of
 * dotted events. Served at `GET /__harness/sessions`; the harness judges logouts from it, never from a party's
 * internals. The event names are documented in `docs/events.md`.
 */

import { TRACE_LIMIT } from './hop-trace.js';
import { nextSeq } from './sequence.js';

/** How a session ended. `replaced`: the same browser signed in as someone else over it. */
export type EndedBy = 'logout' | 'propagation' | 'expiry' | 'reset' | 'replaced';

/** One session as the ledger records it. */
export interface LedgerSession {
  party: string;
  sessionId: string;
  subject: string;
  clientId?: string;
  createdAt: string;
  endedAt?: string;
  endedBy?: EndedBy;
}

/** One dotted event (`session.created`, `logout.return_rejected`, …). */
export interface LedgerEvent {
  seq: number;
  at: string;
  party: string;
  name: string;
  sessionId?: string;
  subject?: string;
  detail?: Record<string, unknown>;
}

/** What `GET /__harness/sessions` returns. */
export interface LedgerSnapshot {
  party: string;
  sessions: LedgerSession[];
  events: LedgerEvent[];
}


/** The in-memory ledger of one party. */
export class SessionLedger {
  private sessions: LedgerSession[] = [];
  private open_ = new Map<string, LedgerSession>();
  private events: LedgerEvent[] = [];
  private resetHooks: Array<() => void | Promise<void>> = [];

  constructor(readonly party: string) {}

  /**
   * Records a new session and emits `session.created`. Opening an id that is already open for the same subject
   * returns that session; for another subject the old one ends as `replaced` first.
   */
  open(input: { sessionId: string; subject: string; clientId?: string; detail?: Record<string, unknown> }): LedgerSession {
    const existing = this.open_.get(input.sessionId);
    if (existing && existing.subject === input.subject) return existing;
    if (existing) this.end(input.sessionId, 'replaced');
    const session: LedgerSession = {
      party: this.party,
      sessionId: input.sessionId,
      subject: input.subject,
      ...(input.clientId ? { clientId: input.clientId } : {}),
      createdAt: new Date().toISOString(),
    };
    this.sessions.push(session);
    this.open_.set(session.sessionId, session);
    // Bounded like the trace: the oldest ended sessions go first; open ones always stay.
    if (this.sessions.length > TRACE_LIMIT) this.sessions = this.sessions.filter((s, i) => !s.endedAt || i >= this.sessions.length - TRACE_LIMIT / 2);
    this.event('session.created', { sessionId: session.sessionId, subject: session.subject, detail: { clientId: input.clientId, ...input.detail } });
    return session;
  }

  /** Ends an open session and emits `session.ended`. Returns false when no such open session exists. */
  end(sessionId: string, endedBy: EndedBy, detail?: Record<string, unknown>): boolean {
    const session = this.open_.get(sessionId);
    if (!session) return false;
    this.open_.delete(sessionId);
    session.endedAt = new Date().toISOString();
    session.endedBy = endedBy;
    this.event('session.ended', { sessionId, subject: session.subject, detail: { endedBy, ...detail } });
    return true;
  }

  /** The open session with this id, if any. */
  findOpen(sessionId: string): LedgerSession | undefined {
    return this.open_.get(sessionId);
  }

  /** Appends a dotted event. */
  event(name: string, fields: { sessionId?: string; subject?: string; detail?: Record<string, unknown> } = {}): void {
    const detail = fields.detail && Object.fromEntries(Object.entries(fields.detail).filter(([, v]) => v !== undefined));
    this.events.push({
      seq: nextSeq(),
      at: new Date().toISOString(),
      party: this.party,
      name,
      ...(fields.sessionId ? { sessionId: fields.sessionId } : {}),
      ...(fields.subject ? { subject: fields.subject } : {}),
      ...(detail && Object.keys(detail).length ? { detail } : {}),
    });
    if (this.events.length > TRACE_LIMIT) this.events.splice(0, this.events.length - TRACE_LIMIT);
  }

  /** A copy of every session and event, oldest first. */
  snapshot(): LedgerSnapshot {
    return {
      party: this.party,
      sessions: this.sessions.map((s) => ({ ...s })),
      events: this.events.map((e) => ({ ...e })),
    };
  }

  /** Registers work to do on reset (a party clears its protocol stores there). */
  onReset(hook: () => void | Promise<void>): void {
    this.resetHooks.push(hook);
  }

  /** Forgets every session and event, and runs the reset hooks. */
  async reset(): Promise<void> {
    for (const hook of this.resetHooks) await hook();
    this.sessions = [];
    this.open_.clear();
    this.events = [];
  }
}
