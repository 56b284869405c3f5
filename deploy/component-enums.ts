// The component's enumerated arguments, as named string enums: Pulumi's component analyzer turns
// each into an enum of the package schema (Python: `ml_config_rules.RecordingFrequency.DAILY`),
// where an unnamed union of literals is refused. Values are the stack configuration's own.
export const CreateRecorder = { Auto: 'auto', True: 'true', False: 'false' } as const;
export type CreateRecorder = (typeof CreateRecorder)[keyof typeof CreateRecorder];

export const RecordingFrequency = { Continuous: 'CONTINUOUS', Daily: 'DAILY' } as const;
export type RecordingFrequency = (typeof RecordingFrequency)[keyof typeof RecordingFrequency];

export const SnapshotFrequency = {
  OneHour: 'One_Hour',
  ThreeHours: 'Three_Hours',
  SixHours: 'Six_Hours',
  TwelveHours: 'Twelve_Hours',
  TwentyFourHours: 'TwentyFour_Hours',
} as const;
export type SnapshotFrequency = (typeof SnapshotFrequency)[keyof typeof SnapshotFrequency];

export const DeliveryBucketEncryption = { SseS3: 'SSE-S3', Kms: 'KMS' } as const;
export type DeliveryBucketEncryption = (typeof DeliveryBucketEncryption)[keyof typeof DeliveryBucketEncryption];

export const Remediation = { Off: 'off', Manual: 'manual', Automatic: 'automatic' } as const;
export type Remediation = (typeof Remediation)[keyof typeof Remediation];

export const MemberRecorder = { Create: 'create', Existing: 'existing' } as const;
export type MemberRecorder = (typeof MemberRecorder)[keyof typeof MemberRecorder];

export const ManagementAccount = { Exclude: 'exclude', Include: 'include' } as const;
export type ManagementAccount = (typeof ManagementAccount)[keyof typeof ManagementAccount];

export const Tracking = { On: 'on', Off: 'off' } as const;
export type Tracking = (typeof Tracking)[keyof typeof Tracking];
