// One line of `doctor`'s answer: what was checked, on what, how it stands, and what to do.
import { errorText } from '../live-sources.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckRow {
  check: string;
  target: string;
  status: CheckStatus;
  /** One sentence a person can act on. */
  detail: string;
}

/**
 * A check whose AWS call failed (no permission, API not available): a warning naming the call,
 * since the pack may well work; the user can grant the permission and ask again.
 */
export async function guarded(check: string, target: string, run: () => Promise<CheckRow[]>): Promise<CheckRow[]> {
  try {
    return await run();
  } catch (error) {
    return [
      {
        check,
        target,
        status: 'warn',
        detail: `could not check (${errorText(error)}): allow this call to the caller and run doctor again`,
      },
    ];
  }
}
