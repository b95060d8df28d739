# Production syncs by hand: Argo CD never applies, prunes or self-heals prod on its own.
package idp.production_sync_manual

import rego.v1

deny contains v if {
	some name, env in input.environments
	env.spec.tier == "production"
	some key in ["automated", "prune", "selfHeal"]
	env.spec.sync[key] == true
	v := {
		"msg": sprintf("production environment `%s` must sync by hand: `sync.%s` must be false", [name, key]),
		"file": env.file,
		"path": sprintf("/sync/%s", [key]),
	}
}
