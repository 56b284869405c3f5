// The tracked types of one deploy: each spec with the type name it is registered and recorded
// under (`<namespace>::SageMaker::<Resource>`) and its CloudFormation resource schema.
import { awsTypeOf, trackedTypeName, type TrackedResource } from './names.js';
import { resourceSchema, type TrackedSpec } from './schema.js';
import { TRACKED_SPECS } from './specs/index.js';

export interface TrackedType {
  resource: TrackedResource;
  /** The type name in the CloudFormation registry and in AWS Config. */
  typeName: string;
  /** The AWS type the pack's rules name (`AWS::SageMaker::TrainingJob`). */
  awsType: string;
  spec: TrackedSpec;
}

export const specOf = (resource: TrackedResource): TrackedSpec => {
  const spec = TRACKED_SPECS.find((s) => s.resource === resource);
  if (!spec) throw new Error(`no tracked spec for ${resource}`);
  return spec;
};

export function trackedTypes(namespace: string): TrackedType[] {
  return TRACKED_SPECS.map((spec) => {
    const typeName = trackedTypeName(namespace, spec.resource);
    return { resource: spec.resource as TrackedResource, typeName, awsType: awsTypeOf(typeName), spec };
  });
}

/** schema.json of a type's schema handler package. */
export const schemaJson = (type: TrackedType): string =>
  `${JSON.stringify(resourceSchema(type.spec, type.typeName), null, 2)}\n`;

/**
 * .rpdk-config of the package: the settings file the CloudFormation CLI writes for a schema-only
 * type, runtime `noexec` and no entrypoint, as a type without handlers has
 * (https://github.com/aws-cloudformation/cloudformation-cli, src/rpdk/core/project.py).
 */
export const rpdkConfig = (type: TrackedType): string =>
  `${JSON.stringify(
    {
      artifact_type: 'RESOURCE',
      typeName: type.typeName,
      language: 'noexec',
      runtime: 'noexec',
      entrypoint: null,
      testEntrypoint: null,
      settings: {},
    },
    null,
    2,
  )}\n`;
