// The environment every scheduled function gets (rule-pack.ts), and that `npm run bench:scale` runs
// the built bundles with, so that the benchmark measures what the deploy configures.
//
// A scheduled run makes thousands of List, Search and Describe calls to APIs whose rates AWS does
// not publish; the SDK's adaptive retry mode (AWS_RETRY_MODE, read by rules/_core/clients.ts)
// slows a client down to the rate an API answers without throttling, where the standard mode
// would only retry. https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
export const SCHEDULED_FUNCTION_ENV: Readonly<Record<string, string>> = { AWS_RETRY_MODE: 'adaptive' };
