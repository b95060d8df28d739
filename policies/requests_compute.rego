# EBS volumes and EC2 instances: approval routing (EBS: platform; EC2: platform and security).
package idp.requests_compute

import rego.v1

approvals contains {"label": input.config.approvals.labels.platform, "reason": "EBS volumes need platform approval", "file": r.file} if {
	some r in input.requests
	r.kind == "ebs"
}

approvals contains {"label": input.config.approvals.labels.platform, "reason": "EC2 instances need platform approval", "file": r.file} if {
	some r in input.requests
	r.kind == "ec2"
}

approvals contains {"label": input.config.approvals.labels.security, "reason": "EC2 instances need security approval", "file": r.file} if {
	some r in input.requests
	r.kind == "ec2"
}

# A volume attached to an instance names an EC2 request of the same environment.
deny contains v if {
	some r in input.requests
	r.kind == "ebs"
	target := r.request.spec.attachTo.ec2Request
	not ec2_in(target, r.environment)
	v := {"msg": sprintf("`attachTo.ec2Request` names `%s`, which is not an EC2 request in `%s`", [target, r.environment]), "file": r.file, "path": "/spec/attachTo/ec2Request"}
}

# (`input.inventory.ec2`: every EC2 request, whichever the change touches.)
ec2_in(id, env) if {
	some o in input.inventory.ec2
	o.kind == "ec2"
	o.id == id
	o.environment == env
}
