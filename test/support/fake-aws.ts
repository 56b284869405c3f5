// A loopback AWS endpoint for the JSON-protocol services a scan calls (SageMaker, the Tagging
// API, Config) plus STS GetCallerIdentity, so tests go through the real SDK stack: retries,
// error parsing, pagination. Each call is counted; a handler answers by operation name.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { nameFailedCalls } from '../../cli/aws-errors.js';
import type { RegionClients } from '../../cli/live-sources.js';
import { clientConfig, type ClientOptions } from '../../rules/_core/clients.js';
import { readBody } from './fake-config-endpoint.js';

/** An answer: JSON (`body`), or a raw text body such as an HTML error page. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  raw?: string;
  contentType?: string;
}

export type Handler = (input: any, call: number) => FakeAnswer;

export interface FakeAws {
  url: string;
  /** Calls per operation, e.g. `ListEndpoints`. */
  calls: Map<string, number>;
  count(...operations: string[]): number;
  clients(region?: string, options?: Omit<ClientOptions, 'region'>): RegionClients;
  close(): Promise<void>;
}

export const ACCOUNT = '123456789012';
const CALLER = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
<Arn>arn:aws:iam::${ACCOUNT}:user/ml-platform-ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>${ACCOUNT}</Account>
</GetCallerIdentityResult><ResponseMetadata><RequestId>4b3c2d1e</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

/** No recorder: a scan reads recorded types through the direct adapters. */
const DEFAULTS: Record<string, Handler> = {
  DescribeConfigurationRecorders: () => ({ status: 200, body: { ConfigurationRecorders: [] } }),
  DescribeConfigurationRecorderStatus: () => ({ status: 200, body: { ConfigurationRecordersStatus: [] } }),
};

export const json = (body: unknown): FakeAnswer => ({ status: 200, body });
export const awsError = (status: number, type: string, message: string): FakeAnswer => ({
  status,
  body: { __type: type, message },
});
export const htmlPage = (status = 500): FakeAnswer => ({
  status,
  raw: '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>',
  contentType: 'text/html; charset=utf-8',
});

export async function startFakeAws(handlers: Record<string, Handler>): Promise<FakeAws> {
  const calls = new Map<string, number>();
  const all = { ...DEFAULTS, ...handlers };
  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    const target = req.headers['x-amz-target'];
    const operation = target ? String(target).split('.').pop()! : (new URLSearchParams(text).get('Action') ?? '');
    const n = calls.get(operation) ?? 0;
    calls.set(operation, n + 1);
    if (operation === 'GetCallerIdentity') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(CALLER);
      return;
    }
    const handler = all[operation];
    const answer = handler ? handler(text ? JSON.parse(text) : {}, n) : htmlPage(500);
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/x-amz-json-1.1' });
    res.end(answer.raw ?? JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const credentials = {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  };
  return {
    url,
    calls,
    count: (...operations) => operations.reduce((sum, op) => sum + (calls.get(op) ?? 0), 0),
    clients(region = 'us-east-1', options = {}) {
      const config = () => ({ ...clientConfig({ region, ...options }), endpoint: url, credentials });
      return {
        region,
        config: nameFailedCalls(new ConfigServiceClient(config())),
        sagemaker: nameFailedCalls(new SageMakerClient(config())),
        s3: nameFailedCalls(new S3Client({ ...config(), forcePathStyle: true })),
        sts: nameFailedCalls(new STSClient(config())),
        tagging: nameFailedCalls(new ResourceGroupsTaggingAPIClient(config())),
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Serve a list in pages of its MaxResults (or `size`), with numeric NextTokens. */
export function paged<T>(items: () => T[], key: string, options: { token?: string; size?: string } = {}): Handler {
  const tokenField = options.token ?? 'NextToken';
  return (input) => {
    const size = Number(input[options.size ?? 'MaxResults'] ?? 10);
    const start = input[tokenField] ? Number(input[tokenField]) : 0;
    const all = items();
    const next = start + size < all.length ? { [tokenField]: String(start + size) } : {};
    return json({ [key]: all.slice(start, start + size), ...next });
  };
}
