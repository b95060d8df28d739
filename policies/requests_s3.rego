# S3 buckets (CONTRACTS.md, "S3").
package idp.requests_s3

import rego.v1

prefix := input.config.naming.prefix

s3 contains r if {
	some r in input.requests
	r.kind == "s3"
}

strict(r) if r.tier in {"staging", "production"}

deny contains v if {
	some r in s3
	strict(r)
	r.request.spec.encryption.type != "sse-kms"
	v := {"msg": sprintf("%s buckets require sse-kms encryption", [r.tier]), "file": r.file, "path": "/spec/encryption/type"}
}

deny contains v if {
	some r in s3
	strict(r)
	not r.request.spec.accessLogging.enabled
	v := {"msg": sprintf("%s buckets require access logging (`accessLogging.enabled: true`)", [r.tier]), "file": r.file, "path": "/spec/accessLogging"}
}

deny contains v if {
	some r in s3
	not startswith(r.request.spec.bucketName, sprintf("%s-%s-", [prefix, r.environment]))
	v := {"msg": sprintf("bucket names follow `<prefix>-<env>-<app>-<purpose>`: `%s` must start with `%s-%s-`", [r.request.spec.bucketName, prefix, r.environment]), "file": r.file, "path": "/spec/bucketName"}
}

deny contains v if {
	some r in s3
	app := r.request.spec.application
	want := sprintf("%s-%s-%s-%s", [prefix, r.environment, app, r.request.spec.purpose.type])
	r.request.spec.bucketName != want
	v := {"msg": sprintf("bucket names follow `<prefix>-<env>-<app>-<purpose>`: expected `%s`", [want]), "file": r.file, "path": "/spec/bucketName"}
}

deny contains v if {
	some r in s3
	r.request.spec.accessLogging.enabled
	want := sprintf("%s-%s-logs", [prefix, r.environment])
	r.request.spec.accessLogging.targetBucket != want
	v := {"msg": sprintf("access logs go to the environment's log bucket `%s`", [want]), "file": r.file, "path": "/spec/accessLogging/targetBucket"}
}

approvals contains {"label": input.config.approvals.labels.security, "reason": "public access is an exception that needs security approval", "file": r.file} if {
	some r in s3
	r.request.spec.publicAccess == "exception-approved"
}

approvals contains {"label": input.config.approvals.labels.platform, "reason": "public access and static-asset buckets need platform approval", "file": r.file} if {
	some r in s3
	exposed(r.request.spec)
}

exposed(spec) if spec.publicAccess == "exception-approved"

exposed(spec) if spec.purpose.type == "static-assets"
