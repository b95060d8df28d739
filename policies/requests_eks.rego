# EKS clusters (CONTRACTS.md, "EKS").
package idp.requests_eks

import rego.v1

eks contains r if {
	some r in input.requests
	r.kind == "eks"
}

deny contains v if {
	some r in eks
	s := r.request.spec
	min := object.get(s, "nodeMin", s.nodeDesired)
	min > s.nodeDesired
	v := {"msg": sprintf("nodeMin (%d) must not exceed nodeDesired (%d)", [min, s.nodeDesired]), "file": r.file, "path": "/spec/nodeMin"}
}

deny contains v if {
	some r in eks
	s := r.request.spec
	s.nodeDesired > s.nodeMax
	v := {"msg": sprintf("nodeDesired (%d) must not exceed nodeMax (%d)", [s.nodeDesired, s.nodeMax]), "file": r.file, "path": "/spec/nodeDesired"}
}

# Against every EKS request (`input.inventory.eks`), not only those the change touches.
deny contains v if {
	some r in eks
	some o in input.inventory.eks
	r.file != o.file
	r.environment == o.environment
	r.request.spec.buildId
	r.request.spec.buildId == o.request.spec.buildId
	v := {"msg": sprintf("buildId `%s` is already used in `%s` by %s", [r.request.spec.buildId, r.environment, o.id]), "file": r.file, "path": "/spec/buildId"}
}

approvals contains {"label": input.config.approvals.labels.platform, "reason": "every EKS cluster needs platform approval", "file": r.file} if {
	some r in eks
}

approvals contains {"label": "eks-large-approved", "reason": "large and xlarge node tiers need a size exception", "file": r.file} if {
	some r in eks
	r.request.spec.nodeTier in {"large", "xlarge"}
}
