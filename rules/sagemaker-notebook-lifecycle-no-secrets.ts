import { defineRule, compliant, nonCompliant } from './_core/rule.js';
import type { JsonObject } from './_core/items.js';
import { describeFinding, findSecrets } from './_core/secrets.js';

// What a lifecycle script must not hold: the shared detector (rules/_core/secrets.ts) decides.
// Annotations name hook, line and variable, never the matched text: Config keeps annotations in
// its compliance history, where a secret must not end up.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const findings = (text: string): string[] => findSecrets(text).map(describeFinding);

/**
 * Content is base64, with or without its `=` padding (the script reads back from either, so a secret
 * in it is exposed either way); anything that is not is scanned as written rather than decoded into
 * noise.
 */
function scriptOf(content: string): { text: string; plain: boolean } {
  const compact = content.replace(/[\r\n]/g, '');
  return BASE64.test(compact)
    ? { text: Buffer.from(compact, 'base64').toString('utf8'), plain: false }
    : { text: content, plain: true };
}

export default defineRule({
  id: 'sagemaker-notebook-lifecycle-no-secrets',
  description:
    "SageMaker notebook lifecycle configurations hold no credential in their OnCreate and OnStart scripts: no token of a format secretlint's preset knows, JWT, private key or URL password, and no literal given to a secret's name.",
  controls: [],
  // Critical, as Security Hub rates CodeBuild.2 (clear-text credentials in a build project environment): the same exposure in a script.
  severity: 'critical',
  rationale:
    "A lifecycle configuration's scripts are stored in plain text (base64) and can be read by anyone allowed DescribeNotebookInstanceLifecycleConfig, copied into templates and Git, and run on every notebook start. A key, token or password written into one is a live credential visible far beyond the notebook's users.",
  manualRemediation:
    "Rotate the credential the annotation names at once (it has been exposed), store it in Secrets Manager or SSM Parameter Store, and have the script read it at run time with the notebook's execution role (`aws secretsmanager get-secret-value --secret-id NAME --query SecretString --output text`). Then update the configuration: console, Lifecycle configurations, Edit; CLI, `aws sagemaker update-notebook-instance-lifecycle-config --notebook-instance-lifecycle-config-name NAME --on-start Content=$(base64 -w0 on-start.sh)`; CloudFormation, `AWS::SageMaker::NotebookInstanceLifecycleConfig`.",
  resourceTypes: ['AWS::SageMaker::NotebookInstanceLifecycleConfig'],
  trigger: 'change',
  parameters: {},
  evaluate: ({ configuration }) => {
    const all: string[] = [];
    const notBase64: string[] = [];
    for (const hook of ['OnCreate', 'OnStart']) {
      // Validated: a list of hook objects, one hook object (read as a list of one), or unset.
      const value = configuration[hook];
      if (value == null) continue;
      const list: JsonObject[] = Array.isArray(value) ? value : [value];
      list.forEach((entry, i) => {
        // Validated: a string, or unset (null or absent); an empty script holds nothing.
        const content: string | null | undefined = entry.Content;
        if (!content) return;
        const { text, plain } = scriptOf(content);
        if (plain) notBase64.push(`${hook}[${i}]`);
        for (const f of findings(text)) all.push(`${hook}[${i}] ${f}`);
      });
    }
    const note = notBase64.length > 0 ? ` (${notBase64.join(', ')} Content is not base64; scanned as written)` : '';
    if (all.length > 0) {
      const more = all.length > 1 ? `; ${all.length - 1} more finding${all.length > 2 ? 's' : ''}` : '';
      return nonCompliant(`${all[0]}${more}${note}`);
    }
    // No script at all means nothing runs on the instance, so nothing can leak.
    return note ? compliant(`no secret found${note}`) : compliant();
  },
});
