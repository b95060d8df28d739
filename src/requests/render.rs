//! What every request renders to, kind by kind: the Terraform inputs (named after the inputs of
//! the terraform-aws-modules modules the environment roots call), the extras (an IAM policy for
//! S3 access, ExternalSecrets for databases and secrets — never a secret value) and the
//! Backstage Resource. Output is deterministic: the same request gives the same bytes.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{RequestFile, catalog_path, generated_path, json_text, rds, tfvars_path};

/// Platform facts a render needs.
#[derive(Debug, Clone)]
pub struct RenderCtx {
    pub org: String,
    pub prefix: String,
    /// The request's environment: its tier, region and account.
    pub tier: String,
    pub region: String,
    pub account: String,
}

impl RenderCtx {
    pub fn new(
        config: &crate::platform::Config,
        env: &crate::platform::environments::EnvFile,
    ) -> Self {
        let get = |p: &str| {
            env.get(p)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        RenderCtx {
            org: config.org.clone(),
            prefix: config.naming.prefix.clone(),
            tier: get("/tier"),
            region: get("/region"),
            account: get("/account"),
        }
    }
}

fn s<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn tags(req: &RequestFile) -> Value {
    let spec = req.spec();
    let mut t = serde_json::Map::new();
    t.insert("idp-request".into(), json!(req.id));
    t.insert("environment".into(), json!(req.env));
    t.insert("owner".into(), json!(req.owner()));
    if let Some(app) = spec.get("application").and_then(Value::as_str) {
        t.insert("application".into(), json!(app));
    }
    if let Some(user) = spec.get("tags").and_then(Value::as_object) {
        for (k, v) in user {
            let key = match k.as_str() {
                "costCenter" => "cost-center".to_string(),
                other => other.to_string(),
            };
            t.insert(key, v.clone());
        }
    }
    Value::Object(t)
}

/// Every generated file of one request: path → text.
pub fn generated(req: &RequestFile, ctx: &RenderCtx) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let kind = req.kind.name;
    let (tfvars, extras): (Value, Vec<(String, String)>) = match kind {
        "s3" => s3(req, ctx),
        "rds" => rds_files(req, ctx),
        "ebs" => (ebs(req), Vec::new()),
        "ec2" => (ec2(req), Vec::new()),
        "ecr" => (ecr(req), Vec::new()),
        "eks" => (eks(req), Vec::new()),
        "secrets" => secrets(req, ctx),
        _ => (Value::Null, Vec::new()),
    };
    out.insert(tfvars_path(kind, &req.env, &req.id), json_text(&tfvars));
    out.extend(extras);
    out.insert(catalog_path(&req.id), resource(req, ctx));
    out
}

fn s3(req: &RequestFile, _ctx: &RenderCtx) -> (Value, Vec<(String, String)>) {
    let spec = req.spec();
    let bucket = s(spec, "/bucketName");
    let kms = s(spec, "/encryption/type") == "sse-kms";
    let public = s(spec, "/publicAccess") == "exception-approved";
    let mut lifecycle = Vec::new();
    if let Some(l) = spec.get("lifecycle").filter(|l| l.is_object()) {
        let mut rule = json!({"id": "idp-lifecycle", "enabled": true});
        let mut transitions = Vec::new();
        if let Some(d) = l.get("transitionToIaDays").and_then(Value::as_u64) {
            transitions.push(json!({"days": d, "storage_class": "STANDARD_IA"}));
        }
        if let Some(d) = l.get("transitionToGlacierDays").and_then(Value::as_u64) {
            transitions.push(json!({"days": d, "storage_class": "GLACIER"}));
        }
        if !transitions.is_empty() {
            rule["transition"] = json!(transitions);
        }
        if let Some(d) = l.get("expireDays").and_then(Value::as_u64) {
            rule["expiration"] = json!({"days": d});
        }
        lifecycle.push(rule);
    }
    let logging = if spec.pointer("/accessLogging/enabled") == Some(&json!(true)) {
        json!({"target_bucket": s(spec, "/accessLogging/targetBucket"), "target_prefix": format!("{bucket}/")})
    } else {
        json!({})
    };
    let sse = if kms {
        json!({"rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": s(spec, "/encryption/kmsKeyAlias")}, "bucket_key_enabled": true}})
    } else {
        json!({"rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}})
    };
    let tfvars = json!({
        "request_id": req.id,
        "bucket": bucket,
        "force_destroy": false,
        "versioning": {"enabled": spec.get("versioning").and_then(Value::as_bool).unwrap_or(true)},
        "server_side_encryption_configuration": sse,
        "block_public_acls": !public,
        "block_public_policy": !public,
        "ignore_public_acls": !public,
        "restrict_public_buckets": !public,
        "lifecycle_rule": lifecycle,
        "logging": logging,
        "intelligent_tiering": if s(spec, "/storageClass") == "intelligent-tiering" { json!({"general": {"status": "Enabled", "tiering": {"ARCHIVE_ACCESS": {"days": 125}}}}) } else { json!({}) },
        "cors_rule": if spec.get("corsEnabled") == Some(&json!(true)) { json!([{"allowed_methods": ["GET", "HEAD"], "allowed_origins": ["*"], "max_age_seconds": 3000}]) } else { json!([]) },
        "cost_alert_gb": spec.get("costAlertGb").cloned().unwrap_or(Value::Null),
        "tags": tags(req),
    });
    let arn = format!("arn:aws:s3:::{bucket}");
    let mut statements = vec![
        json!({"Sid": "ListBucket", "Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation"], "Resource": [arn]}),
        json!({"Sid": "ReadWriteObjects", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], "Resource": [format!("{arn}/*")]}),
    ];
    if kms {
        statements.push(json!({
            "Sid": "UseBucketKey", "Effect": "Allow",
            "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
            "Resource": "*",
            "Condition": {"ForAnyValue:StringEquals": {"kms:ResourceAliases": s(spec, "/encryption/kmsKeyAlias")}}
        }));
    }
    let policy = json!({"Version": "2012-10-17", "Statement": statements});
    (
        tfvars,
        vec![(
            generated_path("s3", &req.env, &req.id, "iam-policy.json"),
            json_text(&policy),
        )],
    )
}

fn rds_files(req: &RequestFile, ctx: &RenderCtx) -> (Value, Vec<(String, String)>) {
    let spec = req.spec();
    let db = s(spec, "/databaseName");
    let size = s(spec, "/size");
    let (class, max_connections) = rds::instance_class(size).unwrap_or(("db.t3.micro", 87));
    let identifier = format!("{}-{}", req.env, db.replace('_', "-"));
    let tfvars = json!({
        "request_id": req.id,
        "identifier": identifier,
        "engine": "postgres",
        "engine_version": "16",
        "family": "postgres16",
        "major_engine_version": "16",
        "instance_class": class,
        "max_connections": max_connections,
        "allocated_storage": spec.get("storageGb").cloned().unwrap_or(json!(20)),
        "max_allocated_storage": spec.get("maxStorageGb").cloned().unwrap_or(json!(50)),
        "db_name": db,
        "username": s(spec, "/username"),
        "manage_master_user_password": true,
        "multi_az": spec.get("multiAz").cloned().unwrap_or(json!(false)),
        "backup_retention_period": spec.get("backupRetentionDays").cloned().unwrap_or(json!(7)),
        "performance_insights_enabled": spec.get("performanceInsights").cloned().unwrap_or(json!(true)),
        "deletion_protection": true,
        "prevent_destroy": true,
        "skip_final_snapshot": false,
        "final_snapshot_identifier_prefix": format!("{identifier}-final"),
        "secret_name": rds::secret_key(&ctx.prefix, &req.env, db),
        "tags": tags(req),
    });
    let target = format!("{}-db", db.replace('_', "-"));
    let es = rds::external_secret(&ctx.prefix, &req.env, db, &target);
    (
        tfvars,
        vec![(
            generated_path("rds", &req.env, &req.id, "externalsecret.yaml"),
            es,
        )],
    )
}

fn ebs(req: &RequestFile) -> Value {
    let spec = req.spec();
    let io2 = s(spec, "/volumeType") == "io2";
    json!({
        "request_id": req.id,
        "size": spec.get("sizeGb").cloned().unwrap_or(Value::Null),
        "type": s(spec, "/volumeType"),
        "iops": spec.get("iops").cloned().unwrap_or(Value::Null),
        "throughput": if io2 { Value::Null } else { spec.get("throughputMbps").cloned().unwrap_or(Value::Null) },
        "encrypted": true,
        "kms_key_id": spec.pointer("/kmsKeyAlias").cloned().unwrap_or(Value::Null),
        "availability_zone": spec.pointer("/availabilityZone").cloned().unwrap_or(Value::Null),
        "attach_to_request": spec.pointer("/attachTo/ec2Request").cloned().unwrap_or(Value::Null),
        "device_name": spec.pointer("/attachTo/deviceName").cloned().unwrap_or(Value::Null),
        "snapshot_enabled": spec.pointer("/snapshot/enabled").cloned().unwrap_or(json!(true)),
        "snapshot_retention_days": spec.pointer("/snapshot/retentionDays").cloned().unwrap_or(json!(7)),
        "tags": tags(req),
    })
}

fn ec2(req: &RequestFile) -> Value {
    let spec = req.spec();
    let size = s(spec, "/size");
    let default_type = match size {
        "medium" => "t3.medium",
        "large" => "m6i.xlarge",
        "xlarge" => "m6i.2xlarge",
        _ => "t3.small",
    };
    let instance_type = spec
        .get("instanceType")
        .and_then(Value::as_str)
        .unwrap_or(default_type);
    json!({
        "request_id": req.id,
        "name": format!("{}-{}", req.env, req.id.to_ascii_lowercase()),
        "instance_count": spec.get("count").cloned().unwrap_or(json!(1)),
        "instance_type": instance_type,
        "ami": spec.pointer("/ami/id").cloned().unwrap_or(Value::Null),
        "ami_ssm_parameter": spec.pointer("/ami/ssmParameter").cloned().unwrap_or(Value::Null),
        "subnet_tier": s(spec, "/subnetTier"),
        "associate_public_ip_address": s(spec, "/subnetTier") == "public",
        "metadata_options": {"http_endpoint": "enabled", "http_tokens": "required", "http_put_response_hop_limit": 1},
        "root_block_device": [{
            "volume_size": spec.pointer("/rootVolume/sizeGb").cloned().unwrap_or(json!(20)),
            "volume_type": "gp3",
            "encrypted": true
        }],
        "create_iam_instance_profile": true,
        "iam_role_policies": {"AmazonSSMManagedInstanceCore": "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"},
        "key_name": Value::Null,
        "tags": tags(req),
    })
}

/// Tagged images kept by risk: low 20, medium 30, high 50; untagged expire after 7 days.
pub fn ecr_policy(risk: &str) -> (&'static str, &'static str, u32) {
    match risk {
        "high" => ("IMMUTABLE", "KMS", 50),
        "medium" => ("MUTABLE", "AES256", 30),
        _ => ("MUTABLE", "AES256", 20),
    }
}

fn ecr(req: &RequestFile) -> Value {
    let spec = req.spec();
    let (mutability, encryption, keep) = ecr_policy(s(spec, "/risk"));
    let lifecycle = json!({"rules": [
        {"rulePriority": 1, "description": "Expire untagged images after 7 days",
         "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
         "action": {"type": "expire"}},
        {"rulePriority": 2, "description": format!("Keep the last {keep} tagged images"),
         "selection": {"tagStatus": "tagged", "tagPatternList": ["*"], "countType": "imageCountMoreThan", "countNumber": keep},
         "action": {"type": "expire"}}
    ]});
    json!({
        "request_id": req.id,
        "repository_name": s(spec, "/repositoryName"),
        "repository_image_tag_mutability": mutability,
        "repository_encryption_type": encryption,
        "repository_image_scan_on_push": true,
        "repository_lifecycle_policy": lifecycle.to_string(),
        "tags": tags(req),
    })
}

fn eks(req: &RequestFile) -> Value {
    let spec = req.spec();
    let tier_type = match s(spec, "/nodeTier") {
        "medium" => "t3.medium",
        "large" => "t3.large",
        "xlarge" => "t3.xlarge",
        _ => "t3.small",
    };
    let instance_type = spec
        .get("instanceType")
        .and_then(Value::as_str)
        .unwrap_or(tier_type);
    let desired = spec.get("nodeDesired").cloned().unwrap_or(json!(2));
    let min = spec.get("nodeMin").cloned().unwrap_or(desired.clone());
    json!({
        "request_id": req.id,
        "mode": s(spec, "/mode"),
        "build_id": spec.get("buildId").cloned().unwrap_or(Value::Null),
        "cluster_name": s(spec, "/clusterName"),
        "cluster_version": s(spec, "/kubernetesVersion"),
        "cluster_lifecycle": s(spec, "/clusterLifecycle"),
        "eks_managed_node_groups": {"default": {
            "instance_types": [instance_type],
            "min_size": min,
            "desired_size": desired,
            "max_size": spec.get("nodeMax").cloned().unwrap_or(json!(3)),
            "capacity_type": s(spec, "/capacityType"),
        }},
        "gitops_controller": spec.pointer("/gitops/controller").cloned().unwrap_or(json!("argocd")),
        "ingress_provider": spec.pointer("/ingress/provider").cloned().unwrap_or(json!("kong")),
        "aws_lb_type": spec.pointer("/ingress/awsLbType").cloned().unwrap_or(json!("nlb")),
        "ssm_break_glass": spec.pointer("/access/ssmBreakGlass").cloned().unwrap_or(json!(true)),
        "ssh_access": spec.pointer("/access/ssh").cloned().unwrap_or(json!(false)),
        "tags": tags(req),
    })
}

/// Recovery window by risk tier: low 0, medium 7, high 30 days.
pub fn recovery_window(risk: &str) -> u32 {
    match risk {
        "high" => 30,
        "medium" => 7,
        _ => 0,
    }
}

fn secrets(req: &RequestFile, ctx: &RenderCtx) -> (Value, Vec<(String, String)>) {
    let spec = req.spec();
    let name = s(spec, "/name");
    let service = s(spec, "/service");
    let key = format!("{}/{}/{service}/{name}", ctx.prefix, req.env);
    let rotation = s(spec, "/rotation/rotationClass");
    let rotation_days = spec
        .pointer("/rotation/intervalDays")
        .and_then(Value::as_u64)
        .unwrap_or(match rotation {
            "high" => 30,
            "standard" => 90,
            _ => 0,
        });
    let tfvars = json!({
        "request_id": req.id,
        "name": key,
        "description": format!("{} for {service} ({}); the value is set in the secret store, never in git", s(spec, "/secretType"), req.env),
        "recovery_window_in_days": recovery_window(s(spec, "/risk/tier")),
        "ignore_secret_changes": true,
        "enable_rotation": rotation != "none",
        "rotation_rules": if rotation_days > 0 { json!({"automatically_after_days": rotation_days}) } else { Value::Null },
        "lifecycle_status": s(spec, "/lifecycle/status"),
        "ttl_days": spec.get("ttlDays").cloned().unwrap_or(json!(30)),
        "tags": tags(req),
    });
    let target = s(spec, "/access/k8sSecretName");
    let namespace = s(spec, "/access/namespace");
    let es = [
        format!(
            "# `{key}` from the secret store into `{namespace}/{target}`; no value is ever in git."
        ),
        format!("apiVersion: {}", rds::EXTERNAL_SECRETS_API),
        "kind: ExternalSecret".into(),
        "metadata:".into(),
        format!("  name: {target}"),
        format!("  namespace: {namespace}"),
        "spec:".into(),
        "  refreshInterval: 1h".into(),
        "  secretStoreRef:".into(),
        "    kind: ClusterSecretStore".into(),
        format!("    name: {}", rds::SECRET_STORE),
        "  target:".into(),
        format!("    name: {target}"),
        "    creationPolicy: Owner".into(),
        "  dataFrom:".into(),
        "    - extract:".into(),
        format!("        key: {key}"),
        String::new(),
    ]
    .join("\n");
    (
        tfvars,
        vec![(
            generated_path("secrets", &req.env, &req.id, "externalsecret.yaml"),
            es,
        )],
    )
}

/// The Backstage Resource of a request.
fn resource(req: &RequestFile, ctx: &RenderCtx) -> String {
    let spec = req.spec();
    let title = req
        .full
        .pointer("/metadata/title")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("{} {}", req.kind.title, req.id));
    let mut depends: Vec<String> = Vec::new();
    if let Some(app) = spec.get("application").and_then(Value::as_str) {
        depends.push(format!("component:default/{app}"));
    }
    if let Some(ec2) = spec.pointer("/attachTo/ec2Request").and_then(Value::as_str) {
        depends.push(format!("resource:default/{}", ec2.to_ascii_lowercase()));
    }
    let mut doc = json!({
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "Resource",
        "metadata": {
            "name": req.id.to_ascii_lowercase(),
            "title": title,
            "annotations": {
                "idp.dev/request": req.path,
                "idp.dev/environment": req.env,
            },
            "tags": [req.kind.name, req.env],
        },
        "spec": {
            "type": req.kind.resource_type,
            "owner": format!("group:default/{}", req.owner()),
            "system": format!("{}-platform", ctx.org),
        },
    });
    if !depends.is_empty() {
        doc["spec"]["dependsOn"] = json!(depends);
    }
    format!(
        "# Generated by idp from {}; edit the request, not this file.\n{}",
        req.path,
        crate::yaml::to_string(&doc).unwrap_or_default()
    )
}
