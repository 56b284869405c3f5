// Config's quota on the items tracking records, shared by the preview's estimate
// (deploy/tracking-estimate.ts) and doctor (cli/doctor/tracking-checks.ts). An account may hold at
// most 100,000 active custom resources; past it PutResourceConfig answers
// MaxActiveResourcesExceededException
// (https://docs.aws.amazon.com/config/latest/APIReference/API_PutResourceConfig.html).

export const ACTIVE_CUSTOM_RESOURCES_MAX = 100_000;
/** The share of it tracking may fill before a warning: room for other custom types and growth. */
export const SAFE_ACTIVE_RESOURCES = 80_000;
