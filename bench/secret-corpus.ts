// The corpus the secret detector is measured on (bench/secrets.ts) and checked against
// secretlint's own engine with (test/secret-formats.test.ts). Each case is a short lifecycle
// script, as SageMaker runs it, that either holds a secret or is a safe look-alike.
//
// Secrets: every format of secretlint's recommended preset (its rule list and docs), formats
// from gitleaks' rule list that the preset lacks (Google API keys, JWTs, Azure storage keys,
// Datadog, Twilio, PyPI, Heroku...), each where scripts put them: exported under its usual name,
// under a name that says nothing, bare in a command, in Python, YAML, JSON, a header or a flag;
// and passwords in the places the third review named (netrc, .npmrc, docker login -p,
// mysql -p, $'...', connection strings, presigned URLs). Safe: the look-alikes that review named
// and the lines of real lifecycle scripts (AWS's samples: auto-stop, conda environments, git,
// CodeArtifact, Secrets Manager and SSM reads). All values are fakes (test/support/fake-tokens.ts).
import { fakeString, fakeTokens } from '../test/support/fake-tokens.js';

export interface CorpusCase {
  /** Where the value sits, for the per-category table. */
  category: string;
  name: string;
  script: string;
  secret: boolean;
}

const script = (...lines: string[]) => `#!/bin/bash\nset -euo pipefail\n${lines.join('\n')}\n`;

/** Formats of secretlint's preset, each with the variable name its vendor's docs use. */
function presetFormats(t: ReturnType<typeof fakeTokens>): [string, string, string][] {
  return [
    ['AWS access key id', 'AWS_ACCESS_KEY_ID', t.awsAccessKeyId],
    ['AWS session key id', 'AWS_ACCESS_KEY_ID', t.awsSessionKeyId],
    ['GitHub classic token', 'GITHUB_TOKEN', t.githubClassic],
    ['GitHub fine-grained token', 'GH_TOKEN', t.githubFineGrained],
    ['GitLab token', 'GITLAB_TOKEN', t.gitlab],
    ['Slack bot token', 'SLACK_BOT_TOKEN', t.slackBot],
    ['Slack webhook URL', 'SLACK_WEBHOOK_URL', t.slackWebhook],
    ['npm token', 'NPM_TOKEN', t.npm],
    ['OpenAI project key', 'OPENAI_API_KEY', t.openaiProject],
    ['Anthropic key', 'ANTHROPIC_API_KEY', t.anthropic],
    ['Hugging Face token', 'HF_TOKEN', t.huggingface],
    ['Stripe live key', 'STRIPE_API_KEY', t.stripeLive],
    ['SendGrid key', 'SENDGRID_API_KEY', t.sendgrid],
    ['Groq key', 'GROQ_API_KEY', t.groq],
    ['Linear key', 'LINEAR_API_KEY', t.linear],
    ['Notion token', 'NOTION_TOKEN', t.notion],
    ['Shopify token', 'SHOPIFY_ACCESS_TOKEN', t.shopify],
    ['Databricks token', 'DATABRICKS_TOKEN', t.databricks],
    ['Docker Hub token', 'DOCKER_TOKEN', t.docker],
    ['Figma token', 'FIGMA_TOKEN', t.figma],
    ['Vault token', 'VAULT_TOKEN', t.vault],
    ['Tailscale key', 'TS_AUTHKEY', t.tailscale],
    ['Vercel token', 'VERCEL_TOKEN', t.vercel],
    ['Grafana token', 'GRAFANA_TOKEN', t.grafana],
  ];
}

/** Formats from gitleaks' rule list that secretlint's preset lacks: found by name, or by their look. */
function otherFormats(seed: number, t: ReturnType<typeof fakeTokens>): [string, string, string][] {
  const s = (n: number, length: number, alphabet: string) => fakeString(seed * 7919 + n, length, alphabet);
  const hex = '0123456789abcdef';
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [
    ['Google API key', 'GOOGLE_API_KEY', t.googleApiKey],
    ['JWT', 'AUTH_TOKEN', t.jwt],
    ['Datadog API key', 'DD_API_KEY', s(1, 32, hex)],
    ['Twilio API key', 'TWILIO_API_KEY', `SK${s(2, 32, hex)}`],
    ['PyPI token', 'PYPI_TOKEN', `pypi-AgEIcHlwaS5vcmc${s(3, 60, `${alnum}_-`)}`],
    [
      'Heroku API key',
      'HEROKU_API_KEY',
      `${s(4, 8, hex)}-${s(5, 4, hex)}-4${s(6, 3, hex)}-a${s(7, 3, hex)}-${s(8, 12, hex)}`,
    ],
    ['Mailgun key', 'MAILGUN_API_KEY', `key-${s(9, 32, hex)}`],
    ['Weights & Biases key', 'WANDB_API_KEY', s(10, 40, hex)],
    ['Azure client secret', 'AZURE_CLIENT_SECRET', `${s(11, 3, alnum)}8Q~${s(12, 34, `${alnum}_.~-`)}`],
    ['Atlassian token', 'ATLASSIAN_API_TOKEN', `ATATT3xFfGF0${s(13, 180, `${alnum}_-`)}`],
  ];
}

function secrets(seed: number): CorpusCase[] {
  const t = fakeTokens(seed);
  const out: CorpusCase[] = [];
  const add = (category: string, name: string, ...lines: string[]) =>
    out.push({ category, name, script: script(...lines), secret: true });
  for (const [name, variable, value] of [...presetFormats(t), ...otherFormats(seed, t)]) {
    add('exported under its usual name', name, `export ${variable}=${value}`);
    add('Python os.environ', name, `python3 - <<'EOF'\nimport os\nos.environ["${variable}"] = "${value}"\nEOF`);
    add(
      'YAML or JSON config',
      name,
      `cat > ~/.config/ml/settings.yaml <<'EOF'\n${variable.toLowerCase()}: ${value}\nEOF`,
    );
  }
  for (const [name, , value] of presetFormats(t)) {
    add('under a name that says nothing', name, `export CFG_${seed}=${value}`);
    add('bare in a command', name, `curl -fsS -d "payload=${value}" https://hooks.corp.example/ingest`);
  }
  // Formats the preset lacks, with no name to go by: found only when the value looks generated.
  for (const [name, , value] of otherFormats(seed, t)) {
    add('bare, a format the preset lacks', name, `./sync-features --endpoint https://fs.corp.example ${value}`);
  }
  add('under a name that says nothing', 'Google API key under *_KEY', `export MAPS_KEY=${t.googleApiKey}`);
  add('bare in a command', 'JWT', `curl -fsS https://api.corp.example/v1/jobs --data-binary ${t.jwt}`);
  add('header', 'Bearer JWT', `curl -H "Authorization: Bearer ${t.jwt}" https://api.corp.example/v1/jobs`);
  add('header', 'token header', `curl -H "Authorization: token ${t.githubClassic}" https://api.github.com/user`);
  add('header', 'API key header', `curl -H "X-Api-Key: ${t.password}" https://feature-store.corp.example/v1`);
  add('private key', 'RSA key block', `cat > ~/.ssh/id_rsa <<'EOF'\n${t.privateKeyBlock}\nEOF`);
  const p = t.password;
  const passwords: [string, string][] = [
    ['netrc line', `echo "machine git.corp.example login ml-ci password ${p}" >> ~/.netrc`],
    ['netrc block', `cat > ~/.netrc <<'EOF'\nmachine git.corp.example\nlogin ml-ci\npassword ${p}\nEOF`],
    ['.npmrc _authToken', `echo "//npm.corp.example/:_authToken=${p}" > ~/.npmrc`],
    ['.npmrc _auth', `echo "_auth=${Buffer.from(`ml:${p}`).toString('base64')}" >> ~/.npmrc`],
    ['docker login -p', `docker login -u ml-ci -p ${p} registry.corp.example`],
    ['docker login --password', `docker login --username ml-ci --password ${p} registry.corp.example`],
    ['mysql -pSECRET', `mysql -h db.corp.example -u ml -p${p} features < schema.sql`],
    ['mysqldump --password=', `mysqldump --password=${p} -h db.corp.example features > /tmp/f.sql`],
    ['sshpass -p', `sshpass -p ${p} scp model.tar.gz ml@batch.corp.example:/data`],
    ['redis-cli -a', `redis-cli -h cache.corp.example -a ${p} PING`],
    ["$'...' quoting", `export DB_PASSWORD=$'${p}'`],
    ['double-quoted password', `export DB_PASSWORD="${p}"`],
    [
      'INI credentials',
      `cat > ~/.aws/credentials <<'EOF'\n[lake]\naws_access_key_id = ${t.awsAccessKeyId}\naws_secret_access_key = ${t.awsSecretKey}\nEOF`,
    ],
    ['AWS secret key starting with /', `export AWS_SECRET_ACCESS_KEY=${t.awsSecretKeyWithSlash}`],
    ['aws configure set', `aws configure set aws_secret_access_key ${t.awsSecretKey} --profile lake`],
    [
      'Azure storage AccountKey',
      `export AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=mlfeatures;AccountKey=${t.awsSecretKey}${t.awsSecretKey.slice(0, 46)}==;EndpointSuffix=core.windows.net"`,
    ],
    [
      'Azure SAS signature',
      `azcopy copy "https://mlfeatures.blob.core.windows.net/data?sv=2022-11-02&ss=b&sig=${encodeURIComponent(t.awsSecretKey)}" /tmp/data`,
    ],
    [
      'presigned URL',
      `curl -o model.tar.gz "https://ml-artifacts.s3.amazonaws.com/m.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${t.awsAccessKeyId}%2F20261120%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=${fakeString(seed, 64, '0123456789abcdef')}"`,
    ],
    [
      'presigned URL with session token',
      `curl -o m.tar.gz "https://b.s3.amazonaws.com/m?X-Amz-Security-Token=${encodeURIComponent(t.awsSecretKey + t.awsSecretKey)}"`,
    ],
    ['URL with credentials', `pip install --index-url https://ml-ci:${p}@pypi.corp.example/simple churn-features`],
    ['database URL', `export FEATURE_DB_URL=postgresql://ml:${p}@db.corp.example:5432/features`],
    ['JSON password', `echo '{"user": "ml", "password": "${p}"}' > /home/ec2-user/.db.json`],
    ['YAML password', `cat > /etc/ml/db.yaml <<'EOF'\ndatabase:\n  user: ml\n  password: ${p}\nEOF`],
    ['Python keyword argument', `python3 -c "import psycopg2; psycopg2.connect(host='db', password='${p}')"`],
    ['Jupyter token', `echo "c.ServerApp.token = '${p}'" >> ~/.jupyter/jupyter_server_config.py`],
  ];
  for (const [name, line] of passwords) add('password in its place', name, line);
  return out;
}

function safe(seed: number): CorpusCase[] {
  const s = (n: number, length: number, alphabet: string) => fakeString(seed * 104729 + n, length, alphabet);
  const hex = '0123456789abcdef';
  const lines: [string, string][] = [
    ['tokenizer name', 'export TOKENIZER_NAME=bert-base-uncased'],
    ['secret id as a name', 'export SECRET_ID=ml/prod/hf-token'],
    ['secret ARN', 'export DB_SECRET_ARN=arn:aws:secretsmanager:us-east-1:123456789012:secret:ml/prod/db-AbCdEf'],
    ['token secret ARN', 'export HF_TOKEN_SECRET=arn:aws:secretsmanager:us-east-1:123456789012:secret:ml/hf-Xy12Ab'],
    ['SSM parameter name', 'export DB_PASSWORD_PARAMETER=/ml/prod/db-password'],
    ['SSM name as the value', 'export DB_PASSWORD=/ml/prod/db-password'],
    ['API key header name', 'export API_KEY_HEADER=X-Api-Key'],
    ['package spec', 'pip install --quiet secretflow==1.2.0 tokenizers==0.20.3'],
    ['package spec >=', 'pip install "secret-sauce>=2.0" "passlib>=1.7.4"'],
    ['angle-bracket placeholder', 'export HF_TOKEN=<your-token>'],
    ['REPLACE_ME', 'export GITHUB_TOKEN=REPLACE_ME'],
    ['changeme placeholder', 'export DB_PASSWORD=changeme'],
    ['YOUR_..._HERE placeholder', 'export OPENAI_API_KEY=YOUR_API_KEY_HERE'],
    ['xxx placeholder', 'export SLACK_TOKEN=xxxxxxxxxxxxxxxx'],
    ['template placeholder', 'export DB_PASSWORD={{ db_password }}'],
    ['commented-out example', '# export OPENAI_API_KEY=sk-your-key-goes-here-123456'],
    ['commented-out example password', '# mysql -u ml -pYourPasswordHere features'],
    ['variable', 'export WANDB_API_KEY=$WANDB_KEY_FROM_ENV'],
    ['braced variable with default', 'export DB_PASSWORD="${DB_PASSWORD:-}"'],
    [
      'command substitution',
      'export HF_TOKEN=$(aws secretsmanager get-secret-value --secret-id ml/hf --query SecretString --output text)',
    ],
    [
      'SSM read',
      'DB_PASSWORD="$(aws ssm get-parameter --name /ml/db --with-decryption --query Parameter.Value --output text)"',
    ],
    [
      'backticks',
      'NPM_TOKEN=`aws codeartifact get-authorization-token --domain ml --query authorizationToken --output text`',
    ],
    [
      'CodeArtifact login',
      'aws codeartifact login --tool pip --domain ml --domain-owner 123456789012 --repository pypi-store',
    ],
    [
      'IMDSv2 token',
      'TOKEN=$(curl -s -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")',
    ],
    [
      'IMDS header with variable',
      'curl -s -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/instance-id',
    ],
    ['password file path', 'export PASSWORD_FILE=/home/ec2-user/.secrets/db-password'],
    ['home-relative token file', 'export TOKEN_FILE=~/.config/ml/token'],
    [
      'docker login from stdin',
      'aws ecr get-login-password | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com',
    ],
    ['mysql -p prompting', 'mysql -h db.corp.example -u ml -p features'],
    ['docker port mapping', 'docker run -d -p 8888:8888 -p 6006:6006 jupyter/base-notebook'],
    ['Python environ read', 'python3 -c "import os; token = os.environ.get(\'HF_TOKEN\')"'],
    ['Python getenv', "python3 -c \"import os; password = os.getenv('DB_PASSWORD', '')\""],
    ['max tokens flag', 'python3 generate.py --max_tokens 4096 --tokenizer bert-base-uncased'],
    ['password length setting', 'export PASSWORD_MIN_LENGTH=12345678'],
    ['token TTL', 'export SESSION_TOKEN_TTL=43200'],
    ['signature version', 'aws configure set default.s3.signature_version s3v4'],
    ['partition key', 'export PARTITION_KEY=customer_id_hash'],
    ['S3 object key', 'export S3_KEY=datasets/churn/2026-11/train.parquet'],
    ['KMS key id', 'export KMS_KEY_ID=0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f'],
    ['KMS key ARN', 'export KMS_KEY=arn:aws:kms:us-east-1:123456789012:key/0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f'],
    ['git commit', `git -C /home/ec2-user/SageMaker/churn checkout ${s(1, 40, hex)}`],
    ['image digest', `docker pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/churn@sha256:${s(2, 64, hex)}`],
    ['checksum check', `echo "${s(3, 64, hex)}  model.tar.gz" | sha256sum -c -`],
    ['S3 copy', 'aws s3 cp s3://acme-ml-artifacts-123456789012/churn/v3/model.tar.gz /home/ec2-user/SageMaker/'],
    ['conda env', 'conda create --yes --name churn python=3.11 && conda activate churn'],
    [
      'pip with index from CodeArtifact',
      'pip install --index-url "https://aws:${CODEARTIFACT_TOKEN}@ml-123456789012.d.codeartifact.us-east-1.amazonaws.com/pypi/pypi-store/simple/" churn',
    ],
    [
      'git clone with token variable',
      'git clone https://x-access-token:${GITHUB_TOKEN}@github.com/example-org/churn.git',
    ],
    [
      'URL without credentials',
      'curl -fsSL https://raw.githubusercontent.com/aws-samples/amazon-sagemaker-notebook-instance-lifecycle-config-samples/master/scripts/auto-stop-idle/autostop.py -o /home/ec2-user/autostop.py',
    ],
    [
      'auto-stop cron',
      '(crontab -l 2>/dev/null; echo "*/5 * * * * /usr/bin/python3 /home/ec2-user/autostop.py --time 3600 --ignore-connections") | crontab -',
    ],
    ['jupyter config without secret', 'echo "c.ServerApp.open_browser = False" >> ~/.jupyter/jupyter_server_config.py'],
    ['nohup service', 'nohup sudo -u ec2-user -i jupyter lab build >/tmp/build.log 2>&1 &'],
    ['instance metadata read', 'NOTEBOOK_ARN=$(jq -r ".ResourceArn" /opt/ml/metadata/resource-metadata.json)'],
    [
      'tag read',
      'TEAM=$(aws sagemaker list-tags --resource-arn "$NOTEBOOK_ARN" --query "Tags[?Key==\'team\'].Value" --output text)',
    ],
    ['comparison', 'if [ "$GITHUB_TOKEN" = "placeholder-value" ]; then exit 1; fi'],
    ['environment name', 'export ENVIRONMENT=production-eu-west-1'],
    ['model name', `export MODEL_NAME=churn-xgb-2026-11-20-${s(4, 6, hex)}`],
    ['systemd restart', 'sudo systemctl restart jupyter-server'],
    ['secret word in prose', 'echo "Rotate the token in Secrets Manager, never in this script" > /etc/motd'],
    ['Secrets Manager describe', 'aws secretsmanager describe-secret --secret-id ml/prod/db --query ARN --output text'],
    ['gh auth from file', 'gh auth login --with-token < /home/ec2-user/.secrets/gh-token'],
    ['npmrc from variable', 'echo "//npm.corp.example/:_authToken=${NPM_TOKEN}" > ~/.npmrc'],
    ['netrc from variable', 'echo "machine git.corp.example login ml-ci password $GIT_PASSWORD" >> ~/.netrc'],
    ['presigned URL from a variable', 'curl -o model.tar.gz "$PRESIGNED_URL"'],
    [
      'database URL from variables',
      'export FEATURE_DB_URL="postgresql://${DB_USER}:${DB_PASSWORD}@db.corp.example:5432/features"',
    ],
    ['Bearer from a variable', 'curl -H "Authorization: Bearer $API_TOKEN" https://api.corp.example/v1/jobs'],
    [
      'Azure connection from a variable',
      'az storage blob list --connection-string "$AZURE_STORAGE_CONNECTION_STRING" -c data',
    ],
    [
      'yaml reference',
      "cat > /etc/ml/db.yaml <<'EOF'\ndatabase:\n  user: ml\n  password_secret_arn: arn:aws:secretsmanager:us-east-1:123456789012:secret:ml/db-AbCdEf\nEOF",
    ],
    [
      'python keyword from a variable',
      "python3 -c \"import os, psycopg2; psycopg2.connect(host='db', password=os.environ['DB_PASSWORD'])\"",
    ],
    ['example access key from the docs', 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'],
    ['feature flag', 'export ENABLE_TOKEN_REFRESH=true'],
  ];
  return lines.map(([name, line]) => ({ category: 'safe look-alike', name, script: script(line), secret: false }));
}

/** The corpus: every case with two sets of fake values, so no value is counted on its own luck. */
export function secretCorpus(): CorpusCase[] {
  return [1, 2].flatMap((seed) => [...secrets(seed), ...safe(seed)]);
}
