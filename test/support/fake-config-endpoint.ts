// A loopback HTTP endpoint that speaks the AWS JSON 1.1 protocol (AWS Config, and SageMaker for
// the inventory adapters), for tests that must go through the real SDK stack (retries,
// serialisation) or run in another process (the bundle).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** The X-Amz-Target prefix: StarlingDoveService (Config) or SageMaker. */
  service: string;
  operation: string;
  body: any;
}

export type Responder = (
  operation: string,
  body: any,
  callIndex: number,
) => { status: number; body: unknown; headers?: Record<string, string> };

export interface FakeConfigEndpoint {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/** A request's body as text (the JSON protocols' bodies are UTF-8). */
export const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });

export async function startFakeConfigEndpoint(respond: Responder): Promise<FakeConfigEndpoint> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    // X-Amz-Target: StarlingDoveService.PutEvaluations
    const [service = '', operation = ''] = String(req.headers['x-amz-target'] ?? '').split('.');
    const body = text ? JSON.parse(text) : {};
    calls.push({ service, operation, body });
    const answer = respond(operation, body, calls.length - 1);
    res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Environment for an SDK client (in this or another process) to talk to the fake endpoint. */
export const fakeAwsEnv = (url: string) => ({
  AWS_ENDPOINT_URL: url,
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'us-east-1',
});

/**
 * Config's answer to PutEvaluations for a type it does not accept, worded as AWS answers it
 * (https://github.com/awslabs/aws-config-rdk/issues/290).
 */
export const invalidResourceType = (type: string) => ({
  status: 400,
  body: {
    __type: 'InvalidParameterValueException',
    message: `The resource type ${type} is invalid. Only the following values are permitted: [AWS::ACM::Certificate, AWS::S3::Bucket, AWS::SageMaker::EndpointConfig, AWS::SageMaker::Model, AWS::SageMaker::NotebookInstance, AWS::::Account]`,
  },
});

export interface RefusingConfigOptions {
  /** The type PutEvaluations refuses; every other is accepted. */
  refusedType: string;
  /** What GetComplianceDetailsByConfigRule returns: results the rule reported before. */
  previous?: { resourceType: string; resourceId: string }[];
  /** Answers for other services' operations (SageMaker), by operation name. */
  others?: Record<string, (body: any) => unknown>;
}

/** A Config endpoint that refuses one resource type in PutEvaluations, as a real account may. */
export function refusingConfig(options: RefusingConfigOptions): Responder {
  return (operation, body) => {
    if (operation === 'PutEvaluations') {
      const refused = (body.Evaluations ?? []).some((e: any) => e.ComplianceResourceType === options.refusedType);
      return refused ? invalidResourceType(options.refusedType) : { status: 200, body: { FailedEvaluations: [] } };
    }
    if (operation === 'GetComplianceDetailsByConfigRule') {
      const results = (options.previous ?? []).map((p) => ({
        EvaluationResultIdentifier: {
          EvaluationResultQualifier: {
            ConfigRuleName: body.ConfigRuleName,
            ResourceType: p.resourceType,
            ResourceId: p.resourceId,
          },
        },
        ComplianceType: 'NON_COMPLIANT',
      }));
      return { status: 200, body: { EvaluationResults: results } };
    }
    const other = options.others?.[operation];
    if (other) return { status: 200, body: other(body) };
    return {
      status: 400,
      body: { __type: 'UnknownOperationException', message: `the fake endpoint does not answer ${operation}` },
    };
  };
}
