/**
 * Faults: opt-in misbehaviour for testing clients against a server that does not follow the rules.
 * Nothing here is on by default. Pass them to `startEmulator({ faults })` or swap them at runtime with
 * `emulator.setFaults(...)` (which replaces the whole set; `setFaults({})` turns every fault off).
 */

/** Misbehaviour of the Akeeba backup loop; each applies to the first stepBackup reply of a run. */
export interface AkeebaFaults {
  /** The first stepBackup reply's stepNumber is previous + 2 (1 -> 3); later replies continue from there. */
  readonly skipStepNumber?: boolean;
  /** The first stepBackup reply has `Error` set while `HasRun` is still true; the run has failed (later steps: status 500). */
  readonly errorWithHasRun?: boolean;
  /** The first stepBackup reply carries a different `backupid` (the server "restarted" the run). */
  readonly changeBackupId?: boolean;
}

export interface HangFault {
  /** Request path (no query) that hangs, e.g. `/enterprise/control/agent.php`. */
  readonly path: string;
  /** How long the request stays unanswered; after that it is answered normally (if the client still listens). */
  readonly ms: number;
  /** Only this many matching requests hang (default: all of them). */
  readonly times?: number;
}

export interface Status503Fault {
  readonly path: string;
  /**
   * Answer with HTTP status 503 even on the Akeeba path. Without it the Akeeba path answers as a real
   * server whose JSON API is switched off: HTTP 200 with `{"status":503,"data":"Access denied"}`.
   */
  readonly http?: boolean;
}

export interface Faults {
  readonly akeeba?: AkeebaFaults;
  /** Requests to this path are answered only after `ms` (a client timeout shorter than that fires). */
  readonly hang?: HangFault;
  /**
   * "Access denied" with status 503 on this path (a string is `{ path }`): on the Akeeba path the real
   * server's envelope (HTTP 200, body status 503), elsewhere HTTP 503 with a text body.
   */
  readonly status503?: string | Status503Fault;
  readonly plesk?: {
    /** Every authenticated-or-not packet is refused with a `<system>` errcode 1014 parser error. */
    readonly parserError?: boolean;
  };
  readonly jetbackup?: {
    /** The next call (true) or the next N calls fail with `success: 0` (after authentication). */
    readonly failNext?: boolean | number;
    /** Message of those failures (default: "Emulated failure (faults.jetbackup.failNext)"). */
    readonly message?: string;
  };
}

/** The live fault state: the faults as set, plus the counters that one-shot faults consume. */
export class FaultState {
  #faults: Faults = {};
  #hangLeft = Infinity;
  #failLeft = 0;

  constructor(faults: Faults = {}) {
    this.set(faults);
  }

  get current(): Faults {
    return this.#faults;
  }

  set(faults: Faults): void {
    this.#faults = faults;
    this.#hangLeft = faults.hang?.times ?? Infinity;
    const f = faults.jetbackup?.failNext;
    this.#failLeft = f === true ? 1 : typeof f === 'number' && f > 0 ? Math.floor(f) : 0;
  }

  /** Milliseconds this request must hang (0: none); consumes one of `hang.times`. */
  takeHang(path: string): number {
    const h = this.#faults.hang;
    if (!h || h.path !== path || this.#hangLeft <= 0 || !(h.ms > 0)) return 0;
    this.#hangLeft -= 1;
    return h.ms;
  }

  /** The 503 fault for this path, if any. */
  status503(path: string): Status503Fault | undefined {
    const s = this.#faults.status503;
    if (s === undefined) return undefined;
    const fault = typeof s === 'string' ? { path: s } : s;
    return fault.path === path ? fault : undefined;
  }

  get pleskParserError(): boolean {
    return this.#faults.plesk?.parserError === true;
  }

  get akeeba(): AkeebaFaults {
    return this.#faults.akeeba ?? {};
  }

  /** The failure message when this JetBackup call must fail (consumes one), else undefined. */
  takeJetBackupFailure(): string | undefined {
    if (this.#failLeft <= 0) return undefined;
    this.#failLeft -= 1;
    return this.#faults.jetbackup?.message ?? 'Emulated failure (faults.jetbackup.failNext)';
  }
}
