# Rules every provisioning request follows, whatever its kind.
package idp.requests_common

import rego.v1

platform_label := input.config.approvals.labels.platform

security_label := input.config.approvals.labels.security

# The file says what it is: its id and environment match its path.
deny contains v if {
	some r in input.requests
	r.request.id != r.id
	v := {"msg": sprintf("request id `%s` does not match its file name `%s.yaml`", [r.request.id, r.id]), "file": r.file, "path": "/id"}
}

deny contains v if {
	some r in input.requests
	r.request.environment != r.environment
	v := {"msg": sprintf("request environment `%s` does not match its directory `requests/%s/%s/`", [r.request.environment, r.kind, r.environment]), "file": r.file, "path": "/environment"}
}

deny contains v if {
	some r in input.requests
	not input.environments[r.environment]
	v := {"msg": sprintf("`%s` is not an environment of this platform", [r.environment]), "file": r.file, "path": "/environment"}
}

# Production needs platform approval; high risk needs security approval.
approvals contains {"label": platform_label, "reason": "production requests need platform approval", "file": r.file} if {
	some r in input.requests
	r.tier == "production"
}

approvals contains {"label": security_label, "reason": "high-risk requests need security approval", "file": r.file} if {
	some r in input.requests
	high_risk(r.request.spec)
}

high_risk(spec) if spec.risk == "high"

high_risk(spec) if spec.risk.tier == "high"
