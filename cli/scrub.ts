// Scrub a recorded configuration item before it becomes a committed fixture: account ids
// (wherever they appear: ARNs, ECR image URIs, bucket names), the account part of every ARN,
// and values that look like e-mail addresses (owner and contact tags). Each real account maps to
// one documentation account, consistently, so "same account" and "other account" survive the
// scrub; the item's own account becomes 123456789012. JSON strings inside the item
// (API-form `configuration`, bucket policies) are scrubbed too.

/** The item's own account, then the other example accounts AWS documentation uses. */
export const EXAMPLE_ACCOUNTS = ['123456789012', '111122223333', '444455556666', '777788889999', '210987654321'];
export const EXAMPLE_EMAIL_DOMAIN = 'example.com';

const ARN_ACCOUNT = /\barn:(aws[a-z-]*):([a-z0-9-]*):([a-z0-9-]*):(\d{12}):/g;
const EMAIL = /^[^\s@"'<>]+@[^\s@"'<>]+\.[A-Za-z]{2,}$/;

export interface ScrubReport {
  accounts: Record<string, string>;
  emails: number;
}

export class Scrubber {
  private readonly accounts = new Map<string, string>();
  private readonly emails = new Map<string, string>();

  /** `ownAccount` is the item's account: it becomes 123456789012. */
  constructor(ownAccount?: string) {
    if (ownAccount && /^\d{12}$/.test(ownAccount)) this.accounts.set(ownAccount, EXAMPLE_ACCOUNTS[0]!);
  }

  private accountFor(real: string): string {
    if (EXAMPLE_ACCOUNTS.includes(real) && !this.accounts.has(real) && ![...this.accounts.values()].includes(real)) {
      // Already an example account: keep it, and never hand its number to another account.
      this.accounts.set(real, real);
    }
    let fake = this.accounts.get(real);
    if (!fake) {
      const used = new Set(this.accounts.values());
      fake = EXAMPLE_ACCOUNTS.find((a) => !used.has(a)) ?? String(100000000000 + this.accounts.size).padStart(12, '0');
      this.accounts.set(real, fake);
    }
    return fake;
  }

  /** Learn every account named in ARNs first, so bare occurrences (ECR hosts, bucket names) map the same way. */
  learn(value: unknown): void {
    if (typeof value === 'string') {
      for (const m of value.matchAll(ARN_ACCOUNT)) this.accountFor(m[4]!);
      if (looksLikeJson(value)) this.learn(tryParse(value));
    } else if (Array.isArray(value)) value.forEach((v) => this.learn(v));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if ((k === 'accountId' || k === 'awsAccountId') && typeof v === 'string' && /^\d{12}$/.test(v)) this.accountFor(v);
        this.learn(v);
      }
    }
  }

  private string(value: string): string {
    if (looksLikeJson(value)) {
      const parsed = tryParse(value);
      if (parsed !== undefined) return JSON.stringify(this.scrub(parsed));
    }
    if (EMAIL.test(value)) {
      let fake = this.emails.get(value);
      if (!fake) this.emails.set(value, (fake = `user${this.emails.size + 1}@${EXAMPLE_EMAIL_DOMAIN}`));
      return fake;
    }
    let out = value.replace(ARN_ACCOUNT, (_m, partition, service, region, account) => `arn:${partition}:${service}:${region}:${this.accountFor(account)}:`);
    for (const [real, fake] of this.accounts) if (real !== fake) out = out.replace(new RegExp(`(?<!\\d)${real}(?!\\d)`, 'g'), fake);
    return out;
  }

  scrub<T>(value: T): T {
    if (typeof value === 'string') return this.string(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.scrub(v)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.string(k)] = this.scrub(v);
      return out as T;
    }
    return value;
  }

  report(): ScrubReport {
    return {
      accounts: Object.fromEntries([...this.accounts].filter(([real, fake]) => real !== fake)),
      emails: this.emails.size,
    };
  }
}

function looksLikeJson(value: string): boolean {
  const first = value.trimStart()[0];
  return (first === '{' || first === '[') && value.length > 1;
}

function tryParse(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Scrub one value (or several that must share one account mapping, e.g. an item and its lookups). */
export function scrubAll<T extends unknown[]>(ownAccount: string | undefined, ...values: T): { values: T; report: ScrubReport } {
  const scrubber = new Scrubber(ownAccount);
  for (const v of values) scrubber.learn(v);
  return { values: values.map((v) => scrubber.scrub(v)) as T, report: scrubber.report() };
}
