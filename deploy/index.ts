// Entry of the Pulumi program (Pulumi.yaml `main`): read and validate the stack configuration,
// deploy the pack, export what an operator looks up afterwards (null where a part is off).
import { readStackConfig } from './config.js';
import { deployPack } from './program.js';

const deployed = deployPack(readStackConfig());

export const configRules = deployed.pack.rules.map((r) => r.name);
export const functions = Object.fromEntries(deployed.pack.rules.map((r) => [r.rule.id, r.function.arn]));
export const deliveryBucket = deployed.recorder?.bucket.id ?? null;
export const recorder = deployed.recorder?.recorder.name ?? null;
export const notificationTopicArn = deployed.notifications?.topicArn ?? null;
export const aggregator = deployed.organization?.aggregator.name ?? null;
export const memberRoleStackSet = deployed.organization?.stackSet.name ?? null;
// The member role's template: with managementAccount include, deployed by hand in the management account.
export const memberRoleTemplate = deployed.organization?.stackSet.templateBody ?? null;
