// Template resources → configuration items, in the shape AWS Config records each type, so each
// rule's `evaluate` reads the same fields it reads in a live account.
//  - SageMaker types: Config records them from the CloudFormation registry, so `Properties` are
//    the item's `configuration` (PascalCase, the same names); `Tags` become the item's tags.
//  - AWS::SageMaker::Pipeline: `PipelineDefinition.PipelineDefinitionBody` is the definition string
//    DescribePipeline returns as `PipelineDefinition`.
//  - AWS::S3::Bucket: see ./s3-bucket.ts.
// Resource id: the logical id (a bucket with a literal BucketName: that name, as Config names buckets).
import { isUnresolved, unresolved } from '../../rules/_core/before-deploy.js';
import type { ConfigItem } from '../../rules/_core/items.js';
import { dictionary } from '../../rules/_core/own.js';
import { createResolver, type Resolver } from './intrinsics.js';
import type { ExpansionBudget } from './limits.js';
import type { Template, TemplateResource } from './parse.js';
import { bucketPolicies, bucketPolicyText, s3BucketSupplementary, S3_BUCKET } from './s3-bucket.js';

export interface TemplateItem {
  logicalId: string;
  item: ConfigItem;
  /** The resource's own `Condition`, when it has one. */
  condition?: string;
  /** Conditions an Fn::If in its properties left undecided. */
  undecided: Set<string>;
}

export interface ItemOptions {
  parameters: Record<string, string>;
  assumed?: ReadonlyMap<string, boolean>;
  budget?: ExpansionBudget;
}

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A tag value as text: a list or mapping left after resolving is a value only deploy time knows. */
const tagText = (value: unknown): string =>
  value === undefined || value === null
    ? ''
    : typeof value === 'object'
      ? unresolved(JSON.stringify(value))
      : String(value);

/** Tags as a list of {Key, Value} (most types) or as a map; a tag present with an unresolved value still counts. */
function tagsOf(tags: unknown): Record<string, string> {
  const out = dictionary<string>();
  if (Array.isArray(tags)) {
    for (const t of tags) if (isObject(t) && typeof t.Key === 'string') out[t.Key] = tagText(t.Value);
  } else if (isObject(tags)) {
    for (const [k, v] of Object.entries(tags)) out[k] = tagText(v);
  }
  return out;
}

function pipelineDefinition(configuration: Record<string, any>): unknown {
  const definition = configuration.PipelineDefinition;
  if (!isObject(definition)) return definition;
  if (definition.PipelineDefinitionBody !== undefined) return definition.PipelineDefinitionBody;
  const s3 = definition.PipelineDefinitionS3Location;
  // The definition is in S3: the template does not hold it.
  return unresolved(`PipelineDefinitionS3Location s3://${s3?.Bucket ?? '?'}/${s3?.Key ?? '?'}`);
}

/**
 * Bucket logical id → the id its item gets and `Ref` gives (a literal BucketName, else the logical
 * id), and each bucket id's policy resource.
 */
function buckets(template: Template, options: ItemOptions) {
  const plain = createResolver({
    template,
    parameters: options.parameters,
    ...(options.budget ? { budget: options.budget } : {}),
  });
  const ids = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== S3_BUCKET) continue;
    const name = plain.resolve(resource.Properties?.BucketName);
    ids.set(logicalId, typeof name === 'string' && !isUnresolved(name) ? name : logicalId);
  }
  const refs = createResolver({
    template,
    parameters: options.parameters,
    ...(options.budget ? { budget: options.budget } : {}),
    refOf: (id) => ids.get(id),
  });
  return { ids, policies: bucketPolicies(template, refs) };
}

export function templateItems(template: Template, types: ReadonlySet<string>, options: ItemOptions): TemplateItem[] {
  const { parameters } = options;
  const { ids: bucketIdOf, policies } = buckets(template, options);
  const resolverFor = () =>
    createResolver({
      template,
      parameters,
      ...(options.assumed ? { assumed: options.assumed } : {}),
      ...(options.budget ? { budget: options.budget } : {}),
      refOf: (id) => bucketIdOf.get(id),
      getAttOf: (id, attribute) =>
        bucketIdOf.has(id) && attribute === 'Arn' ? `arn:aws:s3:::${bucketIdOf.get(id)}` : undefined,
    });
  const out: TemplateItem[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!types.has(resource.Type)) continue;
    const resolver = resolverFor();
    const item = itemOf(logicalId, resource, resolver, { ids: bucketIdOf, policies }, parameters);
    out.push({
      logicalId,
      item,
      undecided: resolver.undecided,
      ...(resource.Condition ? { condition: resource.Condition } : {}),
    });
  }
  return out;
}

function itemOf(
  logicalId: string,
  resource: TemplateResource,
  resolver: Resolver,
  buckets: { ids: Map<string, string>; policies: Map<string, TemplateResource> },
  parameters: Record<string, string>,
): ConfigItem {
  const properties = resolver.resolve(resource.Properties ?? {}) as Record<string, any>;
  const { Tags, ...configuration } = properties;
  const item: ConfigItem = {
    resourceType: resource.Type,
    resourceId: logicalId,
    configurationItemStatus: 'OK',
    tags: tagsOf(Tags),
    configuration,
    supplementaryConfiguration: {},
  };
  // The account is known only when the user says (--parameters with AWS::AccountId); a rule whose
  // default depends on it (the model's own ECR account) then names it as unresolved.
  item.awsAccountId = parameters['AWS::AccountId'] ?? unresolved('Ref AWS::AccountId');
  if (parameters['AWS::Region']) item.awsRegion = parameters['AWS::Region'];
  if (resource.Type === 'AWS::SageMaker::Pipeline')
    configuration.PipelineDefinition = pipelineDefinition(configuration);
  if (resource.Type === S3_BUCKET) {
    const id = buckets.ids.get(logicalId)!;
    item.resourceId = id;
    item.configuration = { name: id };
    item.supplementaryConfiguration = s3BucketSupplementary(
      id,
      configuration,
      bucketPolicyText(buckets.policies.get(id), resolver),
    );
  }
  return item;
}
