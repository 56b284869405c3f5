"""The fraud-detection team's ML platform: a KMS key, the training-data bucket and a notebook,
and the ml-config-rules component watching them, in the Pulumi Python program the team already
runs. The component's arguments are the stack configuration keys of docs/deploy.md, snake_cased
by the generated SDK."""

import json

import pulumi
import pulumi_aws as aws
import pulumi_ml_config_rules as ml_config_rules

config = pulumi.Config()
pipeline = config.get("pipeline") or "fraud-detection"
alert_email = config.require("alertEmail")
tags = {"ml-pipeline": pipeline, "team": "risk-ml"}

key = aws.kms.Key(
    "ml-data",
    description=f"{pipeline}: training data, notebooks and model artifacts",
    enable_key_rotation=True,
    tags=tags,
)

data = aws.s3.Bucket("training-data", tags=tags)
aws.s3.BucketVersioning(
    "training-data-versioning",
    bucket=data.id,
    versioning_configuration={"status": "Enabled"},
)
aws.s3.BucketServerSideEncryptionConfiguration(
    "training-data-encryption",
    bucket=data.id,
    rules=[
        {
            "apply_server_side_encryption_by_default": {
                "sse_algorithm": "aws:kms",
                "kms_master_key_id": key.arn,
            },
            "bucket_key_enabled": True,
        }
    ],
)
aws.s3.BucketPublicAccessBlock(
    "training-data-public-access",
    bucket=data.id,
    block_public_acls=True,
    block_public_policy=True,
    ignore_public_acls=True,
    restrict_public_buckets=True,
)

role = aws.iam.Role(
    "notebook-execution",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "sagemaker.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
    tags=tags,
)

notebook = aws.sagemaker.NotebookInstance(
    "fraud-explore",
    instance_type="ml.t3.medium",
    role_arn=role.arn,
    kms_key_id=key.arn,
    direct_internet_access="Disabled",
    root_access="Disabled",
    platform_identifier="notebook-al2023-v1",
    subnet_id=config.require("subnetId"),
    security_groups=[config.require("securityGroupId")],
    tags=tags,
)

# The rule pack, scoped to this pipeline's resources by its tag. The key ARN is known only once
# the key exists, and the component takes plain values (its arguments are validated before any
# resource), so the KMS rules accept any customer-managed key here.
guardrails = ml_config_rules.MlConfigRules(
    "guardrails",
    rules=[
        "s3-bucket-kms-encryption",
        "s3-bucket-versioning-enabled",
        "s3-bucket-public-access-blocked",
        "sagemaker-notebook-kms-key",
        "sagemaker-notebook-no-direct-internet",
        "sagemaker-notebook-in-vpc",
        "sagemaker-endpoint-config-kms-key",
        "sagemaker-training-job-volume-kms",
        "sagemaker-resource-tagged",
    ],
    parameters={"sagemaker-resource-tagged": {"requiredTagKeys": "ml-pipeline,team"}},
    scope_tag_key="ml-pipeline",
    scope_tag_value=pipeline,
    name_prefix="fraud-",
    create_recorder=ml_config_rules.CreateRecorder.AUTO,
    recording_frequency=ml_config_rules.RecordingFrequency.CONTINUOUS,
    notifications=alert_email,
    tracking=ml_config_rules.Tracking.ON,
    tracking_retention_days=90,
)

pulumi.export("notebook", notebook.name)
pulumi.export("trainingDataBucket", data.bucket)
pulumi.export("configRules", guardrails.config_rules)
pulumi.export("complianceTopic", guardrails.notification_topic_arn)
