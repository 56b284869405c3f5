// `doctor`, per rule: the pack's Config rules exist (by name prefix), are ACTIVE, have evaluated
// without error, periodic ones ran within their frequency, and remediations name a document that
// exists. Names come from the deploy (deploy/names.ts); organization rules show up in an account
// as OrgConfigRule-<name>-<suffix>.
// ConfigRuleNames takes at most 25 names per call in DescribeConfigRuleEvaluationStatus and
// DescribeRemediationConfigurations:
// https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigRuleEvaluationStatus.html
// https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeRemediationConfigurations.html
import {
  DescribeConfigRuleEvaluationStatusCommand,
  DescribeRemediationConfigurationsCommand,
  paginateDescribeConfigRules,
  type ConfigRule,
  type ConfigRuleEvaluationStatus,
  type ConfigServiceClient,
} from '@aws-sdk/client-config-service';
import { DescribeDocumentCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { batches } from '../../rules/_core/evaluations.js';
import { frequencyOf, type Frequency, type Rule } from '../../rules/_core/rule.js';
import { configRuleName } from '../../deploy/names.js';
import type { CheckRow } from './row.js';
import { append } from '../../rules/_core/arrays.js';

const HOUR_MS = 3_600_000;
export const FREQUENCY_HOURS: Record<Frequency, number> = {
  One_Hour: 1,
  Three_Hours: 3,
  Six_Hours: 6,
  Twelve_Hours: 12,
  TwentyFour_Hours: 24,
};

export interface DeployedRule {
  rule: Rule;
  configRule: ConfigRule;
}

/** The pack's rules deployed here: named prefix + id, or OrgConfigRule-<prefix + id>-<suffix>. */
export async function deployedRules(
  config: ConfigServiceClient,
  rules: readonly Rule[],
  prefix: string,
): Promise<DeployedRule[]> {
  const all: ConfigRule[] = [];
  for await (const page of paginateDescribeConfigRules({ client: config }, {})) append(all, page.ConfigRules ?? []);
  const found: DeployedRule[] = [];
  for (const rule of rules) {
    const name = configRuleName(prefix, rule.id);
    const configRule = all.find(
      (c) => c.ConfigRuleName === name || c.ConfigRuleName?.startsWith(`OrgConfigRule-${name}-`),
    );
    if (configRule) found.push({ rule, configRule });
  }
  return found;
}

/** Rules not found: a warning when the stack may select only some, a failure for rules the user named. */
export function presenceRows(
  expected: readonly Rule[],
  deployed: DeployedRule[],
  prefix: string,
  named: boolean,
  target: (n: string) => string,
): CheckRow[] {
  const have = new Set(deployed.map((d) => d.rule.id));
  const missing = expected.filter((r) => !have.has(r.id));
  if (deployed.length === 0) {
    return [
      {
        check: 'rules',
        target: target(`${prefix}*`),
        status: 'fail',
        detail: `no Config rule named ${prefix}<rule id> here: run pulumi up for this Region, or pass the stack's --prefix`,
      },
    ];
  }
  if (named) {
    return missing.map((r) => ({
      check: 'rules',
      target: target(configRuleName(prefix, r.id)),
      status: 'fail' as const,
      detail: `rule ${configRuleName(prefix, r.id)} does not exist: add ${r.id} to the stack's rules and run pulumi up`,
    }));
  }
  if (missing.length === 0)
    return [
      {
        check: 'rules',
        target: target(`${prefix}*`),
        status: 'ok',
        detail: `all ${expected.length} rules of the pack are deployed`,
      },
    ];
  const names =
    missing
      .slice(0, 5)
      .map((r) => r.id)
      .join(', ') + (missing.length > 5 ? `, … +${missing.length - 5} more` : '');
  return [
    {
      check: 'rules',
      target: target(`${prefix}*`),
      status: 'warn',
      detail: `${deployed.length} of ${expected.length} rules deployed; not deployed: ${names} (fine if the stack selects only some)`,
    },
  ];
}

export function stateRow(d: DeployedRule, target: (n: string) => string): CheckRow {
  const name = d.configRule.ConfigRuleName!;
  const state = d.configRule.ConfigRuleState ?? 'unknown';
  if (state === 'ACTIVE') return { check: 'rule-state', target: target(name), status: 'ok', detail: 'ACTIVE' };
  if (state === 'EVALUATING')
    return {
      check: 'rule-state',
      target: target(name),
      status: 'warn',
      detail: 'EVALUATING: Config is running it now; look again in a few minutes',
    };
  return {
    check: 'rule-state',
    target: target(name),
    status: 'fail',
    detail: `${state}: the rule is not active; run pulumi up to recreate it`,
  };
}

const iso = (d: Date | undefined) => (d ? d.toISOString().replace(/\.\d+Z$/, 'Z') : 'never');

/** DescribeConfigRuleEvaluationStatus: errors, no first evaluation, and periodic rules that are late. */
export function evaluationRows(
  d: DeployedRule,
  status: ConfigRuleEvaluationStatus | undefined,
  now: Date,
  target: (n: string) => string,
): CheckRow[] {
  const name = d.configRule.ConfigRuleName!;
  const t = target(name);
  // AWS documents that this call may return nothing for custom Lambda rules: absent is not ok.
  if (!status) {
    return [
      {
        check: 'rule-evaluation',
        target: t,
        status: 'warn',
        detail: `Config returns no evaluation status for ${name} (custom Lambda rules may have none): read the function's log group /aws/lambda/<function>`,
      },
    ];
  }
  const failedLast =
    status.LastFailedInvocationTime &&
    (!status.LastSuccessfulInvocationTime || status.LastFailedInvocationTime > status.LastSuccessfulInvocationTime);
  const rows: CheckRow[] = [];
  if (status.LastErrorCode && failedLast) {
    rows.push({
      check: 'rule-evaluation',
      target: t,
      status: 'fail',
      detail: `last run failed at ${iso(status.LastFailedInvocationTime)} with ${status.LastErrorCode}: ${status.LastErrorMessage ?? 'no message'}; see the function's log`,
    });
  } else if (!status.FirstEvaluationStarted) {
    rows.push({
      check: 'rule-evaluation',
      target: t,
      status: 'warn',
      detail:
        'has not evaluated yet: Config runs a new rule within minutes; look again, or start an evaluation from the console',
    });
  } else {
    rows.push({
      check: 'rule-evaluation',
      target: t,
      status: 'ok',
      detail: `last successful run ${iso(status.LastSuccessfulInvocationTime)}`,
    });
  }
  const frequency = frequencyOf(d.rule);
  if (frequency && status.FirstEvaluationStarted) {
    const last = status.LastSuccessfulInvocationTime;
    const hours = FREQUENCY_HOURS[frequency];
    // One frequency period, plus an hour of slack for Config's own scheduling.
    const late = !last || now.getTime() - last.getTime() > (hours + 1) * HOUR_MS;
    rows.push(
      late
        ? {
            check: 'rule-schedule',
            target: t,
            status: 'warn',
            detail: `no successful run in the last ${hours} h (its frequency ${frequency}); last ${iso(last)}: check the function's errors`,
          }
        : { check: 'rule-schedule', target: t, status: 'ok', detail: `ran within its ${frequency} frequency` },
    );
  }
  return rows;
}

export async function evaluationStatuses(
  config: ConfigServiceClient,
  deployed: DeployedRule[],
): Promise<Map<string, ConfigRuleEvaluationStatus>> {
  const byName = new Map<string, ConfigRuleEvaluationStatus>();
  for (const batch of batches(
    deployed.map((d) => d.configRule.ConfigRuleName!),
    25,
  )) {
    const out = await config.send(new DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: batch }));
    for (const s of out.ConfigRulesEvaluationStatus ?? []) if (s.ConfigRuleName) byName.set(s.ConfigRuleName, s);
  }
  return byName;
}

/** Each remediation configuration of the pack's rules names an SSM document that exists here. */
export async function remediationRows(
  config: ConfigServiceClient,
  ssm: SSMClient,
  deployed: DeployedRule[],
  target: (n: string) => string,
): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  const names = deployed.map((d) => d.configRule.ConfigRuleName!);
  for (const batch of batches(names, 25)) {
    const out = await config.send(new DescribeRemediationConfigurationsCommand({ ConfigRuleNames: batch }));
    for (const r of out.RemediationConfigurations ?? []) {
      const t = target(r.ConfigRuleName ?? '?');
      try {
        await ssm.send(
          new DescribeDocumentCommand({
            Name: r.TargetId!,
            ...(r.TargetVersion ? { DocumentVersion: r.TargetVersion } : {}),
          }),
        );
        rows.push({
          check: 'remediation',
          target: t,
          status: 'ok',
          detail: `remediation document ${r.TargetId} exists`,
        });
      } catch (error) {
        if ((error as Error).name !== 'InvalidDocument') throw error;
        rows.push({
          check: 'remediation',
          target: t,
          status: 'fail',
          detail: `remediation points at ${r.TargetId}, which does not exist in this Region: set remediation=off or use a Region that has it`,
        });
      }
    }
  }
  return rows;
}
