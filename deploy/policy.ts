// IAM policy documents as JSON, from statements that may hold outputs (ARNs, account ids).
import * as pulumi from '@pulumi/pulumi';
import type { PolicyStatement } from './permissions.js';

export function policyJson(statements: pulumi.Input<pulumi.Input<PolicyStatement>[]>): pulumi.Output<string> {
  return pulumi.output(statements).apply((s) => JSON.stringify({ Version: '2012-10-17', Statement: s }));
}

/** Trust policy of a role a service assumes, bound to this account where the service supports it. */
export function serviceTrust(service: string, accountId?: pulumi.Input<string>): pulumi.Output<string> {
  return policyJson([
    {
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      ...(accountId !== undefined ? { Condition: { StringEquals: { 'aws:SourceAccount': accountId } } } : {}),
    },
  ]);
}
