// Drive a policy pack as the Pulumi engine does, without the Pulumi CLI: start the pack's program,
// read the port it prints, and call its Analyzer service over gRPC (the protocol in
// @pulumi/pulumi's proto/analyzer.proto) with one resource's inputs.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

// gRPC and protobuf as @pulumi/pulumi itself resolves them (they are its dependencies, not ours).
const require = createRequire(createRequire(import.meta.url).resolve('@pulumi/pulumi/package.json'));
const grpc = require('@grpc/grpc-js');
const services = require('@pulumi/pulumi/proto/analyzer_grpc_pb.js');
const messages = require('@pulumi/pulumi/proto/analyzer_pb.js');
const { Struct } = require('google-protobuf/google/protobuf/struct_pb.js');

export interface Diagnostic {
  policy: string;
  message: string;
}

/** Run the pack at `main`, analyze one resource, stop the pack. */
export function analyzeWithPack(
  main: string,
  resource: { type: string; name: string; properties: Record<string, unknown> },
): Promise<Diagnostic[]> {
  const pack = spawn(process.execPath, [main], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  pack.stderr.on('data', (d) => (stderr += d));
  return new Promise<Diagnostic[]>((resolve, reject) => {
    pack.once('exit', (code) => reject(new Error(`the policy pack exited ${code} before answering: ${stderr}`)));
    pack.stdout.once('data', (data) => {
      const port = String(data).trim();
      const client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      const request = new messages.AnalyzeRequest();
      request.setType(resource.type);
      request.setName(resource.name);
      request.setUrn(`urn:pulumi:dev::ml-platform::${resource.type}::${resource.name}`);
      request.setOptions(new messages.AnalyzerResourceOptions());
      request.setProperties(Struct.fromJavaScript(resource.properties));
      client.analyze(request, (error: Error | null, response: any) => {
        client.close();
        if (error) return reject(error);
        resolve(
          response.getDiagnosticsList().map((d: any) => ({ policy: d.getPolicyname(), message: d.getMessage() })),
        );
      });
    });
  }).finally(() => {
    pack.removeAllListeners('exit');
    pack.kill();
  });
}
