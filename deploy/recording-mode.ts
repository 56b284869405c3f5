// A recorder's recording mode. Config does not take daily recording for its own compliance and
// recorder types (AWS::Config::ResourceCompliance, ConformancePackCompliance,
// ConfigurationRecorder: "Daily recording cannot be specified for the following resource types",
// https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingMode.html,
// https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingModeOverride.html). The pack
// records AWS::Config::ResourceCompliance when its rules read nothing else from Config, so with
// `recordingFrequency: DAILY` those types get an override back to continuous.
import type { RecordingFrequency } from './config.js';

export const CONTINUOUS_ONLY_TYPES = [
  'AWS::Config::ResourceCompliance',
  'AWS::Config::ConformancePackCompliance',
  'AWS::Config::ConfigurationRecorder',
] as const;

export interface RecordingModeSpec {
  recordingFrequency: RecordingFrequency;
  /** Types recorded continuously whatever the default: those daily recording cannot take. */
  continuousOverride?: string[];
}

export function recordingModeFor(frequency: RecordingFrequency, types: readonly string[]): RecordingModeSpec {
  const exempt =
    frequency === 'DAILY' ? types.filter((t) => (CONTINUOUS_ONLY_TYPES as readonly string[]).includes(t)) : [];
  return { recordingFrequency: frequency, ...(exempt.length > 0 ? { continuousOverride: exempt } : {}) };
}

export const OVERRIDE_DESCRIPTION = 'Config takes only continuous recording for these types';
