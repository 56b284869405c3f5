// The names of the types the pack records itself: `<namespace>::SageMaker::<Resource>`, the
// namespace chosen per deploy (default MLConfigRules). CloudFormation type names are three parts of
// 2-64 letters and digits, and some namespaces are AWS's own
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_RegisterType.html;
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html names aws,
// amzn, amazon, alexa and custom; the registry adds Dev).
// This module is tiny on purpose: every rule's Lambda bundle maps a recorded type back to the
// AWS type its rules name (awsTypeOf), and must not carry the specs for that.

export const DEFAULT_TRACKING_NAMESPACE = 'MLConfigRules';
export const RESERVED_NAMESPACES = ['AWS', 'Amazon', 'AMZN', 'Alexa', 'Custom', 'Dev'] as const;

/** The SageMaker resources the pack records (the specs are in specs/, keyed by these). */
export const TRACKED_RESOURCES = [
  'TrainingJob',
  'ProcessingJob',
  'Endpoint',
  'Pipeline',
  'PipelineExecution',
  'ModelPackage',
  'ModelPackageGroup',
] as const;
export type TrackedResource = (typeof TRACKED_RESOURCES)[number];

const SEGMENT = /^[A-Za-z0-9]{2,64}$/;

/** Why a namespace cannot be used, or undefined when it can. */
export function namespaceProblem(namespace: string): string | undefined {
  if (!SEGMENT.test(namespace)) return `${JSON.stringify(namespace)} must be 2 to 64 letters and digits`;
  const reserved = RESERVED_NAMESPACES.find((r) => r.toLowerCase() === namespace.toLowerCase());
  if (reserved) return `${JSON.stringify(namespace)} is reserved by AWS (${RESERVED_NAMESPACES.join(', ')} are)`;
  return undefined;
}

export const trackedTypeName = (namespace: string, resource: string): string => `${namespace}::SageMaker::${resource}`;

const TRACKED_TYPE = /^([A-Za-z0-9]{2,64})::SageMaker::([A-Za-z0-9]{2,64})$/;

/** The tracked resource a recorded type name stands for, whatever its namespace; undefined for any other type. */
export function trackedResourceOf(type: string): TrackedResource | undefined {
  const m = TRACKED_TYPE.exec(type);
  if (!m || m[1] === 'AWS') return undefined;
  return (TRACKED_RESOURCES as readonly string[]).includes(m[2]!) ? (m[2] as TrackedResource) : undefined;
}

/** The AWS type a rule names for a recorded type (`MLConfigRules::SageMaker::Endpoint` → `AWS::SageMaker::Endpoint`). */
export function awsTypeOf(type: string): string {
  const resource = trackedResourceOf(type);
  return resource ? `AWS::SageMaker::${resource}` : type;
}

/** Does the pack record this AWS type itself (when tracking is on)? */
export const isTrackable = (awsType: string): boolean =>
  awsType.startsWith('AWS::SageMaker::') && (TRACKED_RESOURCES as readonly string[]).includes(awsType.slice(16));
