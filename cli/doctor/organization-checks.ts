// `doctor --organization`: each organization rule's status in every member account, and the
// aggregator's source status. Run from the management (or delegated administrator) account.
// https://docs.aws.amazon.com/config/latest/APIReference/API_GetOrganizationConfigRuleDetailedStatus.html
// https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationAggregatorSourcesStatus.html
import {
  paginateDescribeConfigurationAggregatorSourcesStatus,
  paginateDescribeOrganizationConfigRules,
  paginateGetOrganizationConfigRuleDetailedStatus,
  type ConfigServiceClient,
  type MemberAccountStatus,
} from '@aws-sdk/client-config-service';
import { aggregatorName, configRuleName } from '../../deploy/names.js';
import type { Rule } from '../../rules/_core/rule.js';
import type { CheckRow } from './row.js';
import { append } from '../../rules/_core/arrays.js';

export async function organizationRuleRows(
  config: ConfigServiceClient,
  rules: readonly Rule[],
  prefix: string,
  target: (n: string) => string,
): Promise<CheckRow[]> {
  const wanted = new Set(rules.map((r) => configRuleName(prefix, r.id)));
  const names: string[] = [];
  for await (const page of paginateDescribeOrganizationConfigRules({ client: config }, {})) {
    for (const r of page.OrganizationConfigRules ?? [])
      if (r.OrganizationConfigRuleName && wanted.has(r.OrganizationConfigRuleName))
        names.push(r.OrganizationConfigRuleName);
  }
  if (names.length === 0) {
    return [
      {
        check: 'organization-rules',
        target: target(`${prefix}*`),
        status: 'fail',
        detail: `no organization rule named ${prefix}<rule id>: deploy with organization=true from the management or delegated administrator account`,
      },
    ];
  }
  const rows: CheckRow[] = [];
  for (const name of names.sort()) {
    const members: MemberAccountStatus[] = [];
    for await (const page of paginateGetOrganizationConfigRuleDetailedStatus(
      { client: config },
      { OrganizationConfigRuleName: name },
    )) {
      append(members, page.OrganizationConfigRuleDetailedStatus ?? []);
    }
    let fine = 0;
    for (const m of members) {
      const status = m.MemberAccountRuleStatus ?? 'unknown';
      const t = target(`${name} @ ${m.AccountId}`);
      if (status.endsWith('_FAILED')) {
        rows.push({
          check: 'organization-rule',
          target: t,
          status: 'fail',
          detail:
            `${status} in account ${m.AccountId}: ${m.ErrorCode ?? ''} ${m.ErrorMessage ?? ''}`.trim() +
            '; a member needs a recorder before the rule can deploy there',
        });
      } else if (status.endsWith('_IN_PROGRESS')) {
        rows.push({
          check: 'organization-rule',
          target: t,
          status: 'warn',
          detail: `${status} in account ${m.AccountId}: look again in a few minutes`,
        });
      } else fine++;
    }
    rows.push({
      check: 'organization-rule',
      target: target(name),
      status: fine === members.length ? 'ok' : 'warn',
      detail: `deployed in ${fine} of ${members.length} member accounts`,
    });
  }
  return rows;
}

export async function aggregatorRows(
  config: ConfigServiceClient,
  prefix: string,
  target: (n: string) => string,
): Promise<CheckRow[]> {
  const name = aggregatorName(prefix);
  const rows: CheckRow[] = [];
  try {
    for await (const page of paginateDescribeConfigurationAggregatorSourcesStatus(
      { client: config },
      { ConfigurationAggregatorName: name },
    )) {
      for (const s of page.AggregatedSourceStatusList ?? []) {
        const t = target(`${name}: ${s.SourceId ?? s.SourceType} ${s.AwsRegion ?? ''}`.trim());
        if (s.LastUpdateStatus === 'FAILED') {
          rows.push({
            check: 'aggregator-source',
            target: t,
            status: 'fail',
            detail: `collection failed with ${s.LastErrorCode ?? 'an error'}: ${s.LastErrorMessage ?? 'no message'}; check the aggregator role's AWSConfigRoleForOrganizations policy`,
          });
        } else if (s.LastUpdateStatus === 'OUTDATED') {
          rows.push({
            check: 'aggregator-source',
            target: t,
            status: 'warn',
            detail: 'OUTDATED: the source has not reported lately; look again later',
          });
        }
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'NoSuchConfigurationAggregatorException') throw error;
    return [
      {
        check: 'aggregator',
        target: target(name),
        status: 'fail',
        detail: `aggregator ${name} does not exist: deploy with organization=true, or pass the stack's --prefix`,
      },
    ];
  }
  if (rows.length === 0)
    rows.push({
      check: 'aggregator',
      target: target(name),
      status: 'ok',
      detail: `aggregator ${name}: every source collected`,
    });
  return rows;
}
