// One CloudFormation registry entry per tracked type, from its schema handler package
// (schema-packages.ts): what PutResourceConfig requires ("The custom resource type must be
// registered with CloudFormation", https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html).
// No handlers and no execution role: Config needs none
// (https://docs.aws.amazon.com/config/latest/developerguide/customresources-adding.html).
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { TrackedResource } from '../rules/_tracking/names.js';
import type { SchemaPackage } from './schema-packages.js';

export interface Registration {
  resource: TrackedResource;
  typeName: string;
  /** The AWS type the pack's rules name (`AWS::SageMaker::TrainingJob`). */
  awsType: string;
  type: aws.cloudformation.CloudFormationType;
}

/**
 * A changed schema is a new package key, and every input of the registry resource forces a new
 * one: so a schema change replaces the registration. Replaced delete-first, because of how the
 * provider's resource handles versions: creating registers a version (RegisterType) and never
 * makes it the default; deleting deregisters that version, or the whole type when it is the last
 * LIVE one. Replaced create-first, the new version would be registered beside the old default one,
 * and the old one's delete would then fail: "You can't deregister the default version of an
 * extension if there are other active version of that extension"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeregisterType.html).
 * Deleted first, the type is deregistered and registered again, and its only version is the
 * default. The capture function's environment takes the new version id, so it records under it.
 */
export const REPLACED_DELETE_FIRST: pulumi.CustomResourceOptions = { deleteBeforeReplace: true };

export function registerTypes(name: string, packages: SchemaPackage[], parent: pulumi.Resource): Registration[] {
  return packages.map(({ type, object, url }) => ({
    resource: type.resource,
    typeName: type.typeName,
    awsType: type.awsType,
    type: new aws.cloudformation.CloudFormationType(
      `${name}-${type.resource}`,
      { type: 'RESOURCE', typeName: type.typeName, schemaHandlerPackage: url },
      { parent, dependsOn: [object], ...REPLACED_DELETE_FIRST },
    ),
  }));
}

/** The registered version of each type, as the capture function reads it (TRACKING_ENV.schemaVersions). */
export function schemaVersionsJson(registrations: Registration[]): pulumi.Output<string> {
  return pulumi
    .all(registrations.map((r) => r.type.versionId))
    .apply((ids) => JSON.stringify(Object.fromEntries(registrations.map((r, i) => [r.resource, ids[i]]))));
}
