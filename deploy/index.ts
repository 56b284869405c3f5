// Entry of the Pulumi program (Pulumi.yaml `main`): read and validate the stack configuration,
// look at this Region's recorder (unless createRecorder is false), at preview count what tracking
// would keep in Config (unless tracking is off), deploy the pack, export what an operator looks up
// afterwards (null where a part is off).
import * as pulumi from '@pulumi/pulumi';
import { readStackConfig } from './config.js';
import { stackRecordingLookup } from './existing-recorder.js';
import { deployPack } from './program.js';
import { planRecorder } from './recorder-plan.js';
import { estimateTracking, stackTrackedListing } from './tracking-estimate.js';

const config = readStackConfig();
// `pulumi up` runs the program twice, for its preview and for the update: the count is made once.
const trackingEstimate = pulumi.runtime.isDryRun() ? await estimateTracking(config, stackTrackedListing()) : [];
const deployed = deployPack(config, {
  recorder: await planRecorder(config, stackRecordingLookup()),
  trackingEstimate,
});

export const configRules = deployed.pack.rules.map((r) => r.name);
export const functions = Object.fromEntries(deployed.pack.rules.map((r) => [r.rule.id, r.function.arn]));
export const deliveryBucket = deployed.recorder?.bucket.id ?? null;
export const recorder = deployed.recorder?.recorder.name ?? null;
/** The account's own recorder the rules use (adopted or extended), when the stack created none. */
export const existingRecorder =
  deployed.recorderPlan.action === 'adopt' || deployed.recorderPlan.action === 'extend'
    ? deployed.recorderPlan.recorder
    : null;
export const notificationTopicArn = deployed.notifications?.topicArn ?? null;
export const aggregator = deployed.organization?.aggregator.name ?? null;
export const memberRoleStackSet = deployed.organization?.stackSet.name ?? null;
// The member role's template: with managementAccount include, deployed by hand in the management account.
export const memberRoleTemplate = deployed.organization?.stackSet.templateBody ?? null;
export const captureFunction = deployed.tracking?.capture.fn.name ?? null;
export const trackedTypes = deployed.tracking?.registrations.map((r) => r.typeName) ?? null;
