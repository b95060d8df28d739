# Every environment is owned by a team that idp.yaml knows.
package idp.environment_owner

import rego.v1

teams contains t.name if some t in input.config.teams

deny contains v if {
	some name, env in input.environments
	not env.spec.owner
	v := {
		"msg": sprintf("environment `%s` has no owner team", [name]),
		"file": env.file,
		"path": "/owner",
	}
}

deny contains v if {
	some name, env in input.environments
	owner := env.spec.owner
	not owner in teams
	v := {
		"msg": sprintf("environment `%s` is owned by `%s`, which is not a team in idp.yaml (teams: %s)", [name, owner, concat(", ", sort([t | some t in teams]))]),
		"file": env.file,
		"path": "/owner",
	}
}
