# Production cannot be reached without platform approval, and cannot be skipped.
package idp.production_gates

import rego.v1

platform_label := input.config.approvals.labels.platform

deny contains v if {
	some name, env in input.environments
	env.spec.tier == "production"
	not platform_label in object.get(env.spec, ["gates", "approvals"], [])
	v := {
		"msg": sprintf("production environment `%s` must require the `%s` approval label in `gates.approvals`", [name, platform_label]),
		"file": env.file,
		"path": "/gates/approvals",
	}
}

deny contains v if {
	some name, env in input.environments
	env.spec.tier == "production"
	env.spec.promotion.allowSkip == true
	v := {
		"msg": sprintf("production environment `%s` cannot be skipped in the promotion order", [name]),
		"file": env.file,
		"path": "/promotion/allowSkip",
	}
}
