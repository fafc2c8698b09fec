import type { DetectedFormat, FindingCode, SkippedCheck } from './types.js'
import type { Window } from './window.js'

/** What one probe learnt about content that carries its format's signature. */
export class Examination {
  readonly findings: { code: FindingCode; message: string }[] = []
  readonly skipped: Omit<SkippedCheck, 'format'>[] = []
  readonly details: Record<string, string | number> = {}
  virtualSize?: number

  find(code: FindingCode, message: string): void {
    this.findings.push({ code, message })
  }

  skip(check: string, reason: string): void {
    this.skipped.push({ check, reason })
  }
}

/**
 * One format: `detect` looks for the signature only (cheap, shared head);
 * `examine` runs on a match, reads what the format's checks need and records
 * findings. Structural surprises in `examine` are thrown as `Malformed`.
 */
export interface Probe {
  format: Exclude<DetectedFormat, 'raw'>
  /** `result` takes skipped checks only; findings belong to `examine`. */
  detect(window: Window, result: Examination): Promise<boolean>
  examine(window: Window, result: Examination): Promise<void>
}
