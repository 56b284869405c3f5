// What each AWS service accepts as a name, as data: one row per kind of name the deploy builds,
// with the API reference page that states the rule. `nameProblem` says what is wrong with a
// name, or nothing; the stack configuration checks every name the deploy builds against its row
// (built-names.ts), so `pulumi preview` refuses a name before AWS would, mid-deploy.
import { RESERVED_NAMESPACES } from '../rules/_tracking/names.js';

export type NameKind =
  | 'stackSet'
  | 'bucket'
  | 'iamRole'
  | 'lambdaFunction'
  | 'configRule'
  | 'organizationConfigRule'
  | 'aggregator'
  | 'recorder'
  | 'deliveryChannel'
  | 'logGroup'
  | 'snsTopic'
  | 'eventRule'
  | 'eventBus'
  | 'resourceType'
  | 'kmsAlias';

export interface NameRule {
  /** What the name names, as an error message says it. */
  what: string;
  /** The service that refuses a name breaking the rule. */
  service: string;
  min: number;
  max: number;
  /** The whole name must match. */
  pattern: RegExp;
  /** The pattern in words, after "must". */
  form: string;
  reservedPrefixes?: readonly string[];
  reservedSuffixes?: readonly string[];
  /** A rule the pattern cannot say; returns what is wrong. */
  other?: (name: string) => string | undefined;
  /** The page that states the rule. */
  doc: string;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export const NAME_RULES: Record<NameKind, NameRule> = {
  // "A stack name can contain only alphanumeric characters (case-sensitive) and hyphens. It must
  // start with an alphabetic character and can't be longer than 128 characters."
  stackSet: {
    what: 'stack set name',
    service: 'CloudFormation',
    min: 1,
    max: 128,
    pattern: /^[A-Za-z][A-Za-z0-9-]*$/,
    form: 'start with a letter and hold only letters, digits and hyphens',
    doc: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html',
  },
  // General purpose buckets: 3-63 characters; lowercase letters, digits, dots and hyphens; begin
  // and end with a letter or digit; no two adjacent periods; not an IP address; reserved prefixes
  // and suffixes (the newer page versions add --x-s3 and --table-s3).
  bucket: {
    what: 'S3 bucket name',
    service: 'S3',
    min: 3,
    max: 63,
    pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    form: 'hold only lowercase letters, digits, dots and hyphens, and start and end with a letter or digit',
    reservedPrefixes: ['xn--', 'sthree-', 'amzn-s3-demo-'],
    reservedSuffixes: ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'],
    other: (name) =>
      name.includes('..')
        ? 'holds two adjacent periods'
        : IPV4.test(name)
          ? 'is formatted as an IP address'
          : undefined,
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
  },
  iamRole: {
    what: 'IAM role name',
    service: 'IAM',
    min: 1,
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    form: 'hold only letters, digits and _+=,.@-',
    doc: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
  },
  // "If you specify only the function name, it is limited to 64 characters in length."
  lambdaFunction: {
    what: 'Lambda function name',
    service: 'Lambda',
    min: 1,
    max: 64,
    pattern: /^[A-Za-z0-9_-]+$/,
    form: 'hold only letters, digits, hyphens and underscores',
    doc: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html',
  },
  configRule: {
    what: 'Config rule name',
    service: 'AWS Config',
    min: 1,
    max: 128,
    pattern: /\S/,
    form: 'not be blank',
    doc: 'https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigRule.html',
  },
  // The input pattern is .*\S.* but the OrganizationConfigRule type shows [A-Za-z0-9-_]+
  // (https://docs.aws.amazon.com/config/latest/APIReference/API_OrganizationConfigRule.html):
  // the narrower one satisfies both.
  organizationConfigRule: {
    what: 'organization Config rule name',
    service: 'AWS Config',
    min: 1,
    max: 64,
    pattern: /^[A-Za-z0-9_-]+$/,
    form: 'hold only letters, digits, hyphens and underscores',
    doc: 'https://docs.aws.amazon.com/config/latest/APIReference/API_PutOrganizationConfigRule.html',
  },
  aggregator: {
    what: 'configuration aggregator name',
    service: 'AWS Config',
    min: 1,
    max: 256,
    pattern: /^[\w-]+$/,
    form: 'hold only letters, digits, hyphens and underscores',
    doc: 'https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationAggregator.html',
  },
  // "The prefix "AWSConfigurationRecorderFor" is reserved for service-linked configuration recorders."
  recorder: {
    what: 'configuration recorder name',
    service: 'AWS Config',
    min: 1,
    max: 256,
    pattern: /\S/,
    form: 'not be blank',
    reservedPrefixes: ['AWSConfigurationRecorderFor'],
    doc: 'https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorder.html',
  },
  deliveryChannel: {
    what: 'delivery channel name',
    service: 'AWS Config',
    min: 1,
    max: 256,
    pattern: /\S/,
    form: 'not be blank',
    doc: 'https://docs.aws.amazon.com/config/latest/APIReference/API_DeliveryChannel.html',
  },
  logGroup: {
    what: 'log group name',
    service: 'CloudWatch Logs',
    min: 1,
    max: 512,
    pattern: /^[.\-_/#A-Za-z0-9]+$/,
    form: "hold only letters, digits and '_-/.#'",
    doc: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html',
  },
  snsTopic: {
    what: 'SNS topic name',
    service: 'SNS',
    min: 1,
    max: 256,
    pattern: /^[A-Za-z0-9_-]+$/,
    form: 'hold only letters, digits, underscores and hyphens',
    doc: 'https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html',
  },
  eventRule: {
    what: 'EventBridge rule name',
    service: 'EventBridge',
    min: 1,
    max: 64,
    pattern: /^[.\-_A-Za-z0-9]+$/,
    form: 'hold only letters, digits, dots, hyphens and underscores',
    doc: 'https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html',
  },
  // "Custom event bus names can't contain the / character" and "You can't use the name default".
  eventBus: {
    what: 'EventBridge event bus name',
    service: 'EventBridge',
    min: 1,
    max: 256,
    pattern: /^[.\-_A-Za-z0-9]+$/,
    form: 'hold only letters, digits, dots, hyphens and underscores',
    other: (name) => (name === 'default' ? 'is default, the name of the default bus' : undefined),
    doc: 'https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html',
  },
  // RegisterType: company_or_organization::service::type, each part 2-64 letters and digits, and
  // "The following organization namespaces are reserved": Alexa, AMZN, Amazon, AWS, Custom, Dev.
  resourceType: {
    what: 'CloudFormation resource type name',
    service: 'CloudFormation',
    min: 10,
    max: 204,
    pattern: /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/,
    form: 'be three parts of 2 to 64 letters and digits, joined by ::',
    other: (name) => {
      const namespace = name.split('::')[0]!.toLowerCase();
      return RESERVED_NAMESPACES.some((r) => r.toLowerCase() === namespace)
        ? `starts with ${name.split('::')[0]}, a namespace AWS reserves`
        : undefined;
    },
    doc: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_RegisterType.html',
  },
  // "must begin with alias/ followed by a name"; 1-256 characters of letters, digits, / _ -; the
  // name cannot begin with alias/aws/. The CloudFormation pattern ^alias/[a-zA-Z0-9/_-]+$ is the narrower.
  kmsAlias: {
    what: 'KMS alias',
    service: 'KMS',
    min: 7,
    max: 256,
    pattern: /^alias\/[A-Za-z0-9/_-]+$/,
    form: "be alias/ followed by letters, digits and '/_-'",
    reservedPrefixes: ['alias/aws/'],
    doc: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html',
  },
};

/** What is wrong with a name of this kind (one clause), or undefined when AWS accepts it. */
export function nameProblem(kind: NameKind, name: string): string | undefined {
  const rule = NAME_RULES[kind];
  if (name.length > rule.max) return `is ${name.length} characters, over the ${rule.max} ${rule.service} allows`;
  if (name.length < rule.min) return `is ${name.length} characters, under the ${rule.min} ${rule.service} requires`;
  if (!rule.pattern.test(name)) return `must ${rule.form}`;
  const prefix = rule.reservedPrefixes?.find((p) => name.startsWith(p));
  if (prefix) return `starts with ${JSON.stringify(prefix)}, which ${rule.service} reserves`;
  const suffix = rule.reservedSuffixes?.find((s) => name.endsWith(s));
  if (suffix) return `ends with ${JSON.stringify(suffix)}, which ${rule.service} reserves`;
  return rule.other?.(name);
}
