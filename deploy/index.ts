// Entry of the Pulumi program (Pulumi.yaml `main`): the stack's `ml-config-rules:*` values into one
// MlConfigRules component (component.ts), and what an operator looks up afterwards as stack
// outputs (null where a part is off).
import type * as pulumi from '@pulumi/pulumi';
import { MlConfigRules, type MlConfigRulesArgs } from './component.js';
import { rawStackConfig } from './config.js';
import { keepStackUrns } from './stack-urns.js';

// The stack file's values are strings, which the component takes for every key as they are: it
// validates them exactly as it validates typed arguments (component.ts, stackValuesOf).
const stackValues = rawStackConfig() as MlConfigRulesArgs;
const NAME = 'ml-config-rules';
const pack = new MlConfigRules(NAME, stackValues, { transformations: [keepStackUrns(NAME)] });

const orNull = (value: pulumi.Output<string>) => value.apply((v) => (v === '' ? null : v));
export const configRules = pack.configRules;
export const functions = pack.functions;
export const deliveryBucket = orNull(pack.deliveryBucket);
export const recorder = orNull(pack.recorder);
export const existingRecorder = orNull(pack.existingRecorder);
export const notificationTopicArn = orNull(pack.notificationTopicArn);
export const aggregator = orNull(pack.aggregator);
export const memberRoleStackSet = orNull(pack.memberRoleStackSet);
export const memberRoleTemplate = orNull(pack.memberRoleTemplate);
export const captureFunction = orNull(pack.captureFunction);
export const trackedTypes = pack.trackedTypes.apply((t) => (t.length === 0 ? null : t));
