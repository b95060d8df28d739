# RDS databases (CONTRACTS.md, "RDS (postgres)"). Databases are never destroyed by a change.
package idp.requests_rds

import rego.v1

rds contains r if {
	some r in input.requests
	r.kind == "rds"
}

deny contains v if {
	some r in rds
	r.tier == "development"
	r.request.spec.size != "small"
	v := {"msg": sprintf("development databases are small only (got `%s`)", [r.request.spec.size]), "file": r.file, "path": "/spec/size"}
}

deny contains v if {
	some r in rds
	r.tier == "production"
	r.request.spec.backupRetentionDays < 14
	v := {"msg": sprintf("production databases keep backups for at least 14 days (got %d)", [r.request.spec.backupRetentionDays]), "file": r.file, "path": "/spec/backupRetentionDays"}
}

warn contains v if {
	some r in rds
	r.tier == "production"
	not r.request.spec.multiAz
	v := {"msg": "production databases should be multi-AZ", "file": r.file, "path": "/spec/multiAz"}
}

deny contains v if {
	some r in rds
	r.request.spec.maxStorageGb <= r.request.spec.storageGb
	v := {"msg": sprintf("maxStorageGb (%d) must be greater than storageGb (%d)", [r.request.spec.maxStorageGb, r.request.spec.storageGb]), "file": r.file, "path": "/spec/maxStorageGb"}
}

approvals contains {"label": "rds-large-approved", "reason": "large and xlarge databases need a size exception", "file": r.file} if {
	some r in rds
	r.request.spec.size in {"large", "xlarge"}
}

# No change can take deletion protection away from a database's Terraform inputs.
deny contains v if {
	some path, tfvars in input.generated
	contains(path, "/rds/generated/")
	some key in ["deletion_protection", "prevent_destroy"]
	tfvars[key] != true
	v := {"msg": sprintf("databases are never destroyed by a change: `%s` must stay true", [key]), "file": path, "path": sprintf("/%s", [key])}
}
