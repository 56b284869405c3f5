// The policy pack Pulumi loads: `pulumi preview --policy-pack <repository>/policy` (see docs/preventive.md).
import { PolicyPack } from '@pulumi/policy';
import { policies } from './policies.js';

new PolicyPack('ml-config-rules', { policies, enforcementLevel: 'advisory' });
