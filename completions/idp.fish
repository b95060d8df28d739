# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_idp_global_optspecs
    string join \n platform= o/output= q/quiet v/verbose color= h/help V/version
end

function __fish_idp_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_idp_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_idp_using_subcommand
    set -l cmd (__fish_idp_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c idp -n "__fish_idp_needs_command" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_needs_command" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_needs_command" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_needs_command" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_needs_command" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c idp -n "__fish_idp_needs_command" -s V -l version -d 'Print version'
complete -c idp -n "__fish_idp_needs_command" -f -a "init" -d 'Create a platform repo'
complete -c idp -n "__fish_idp_needs_command" -f -a "validate" -d 'Check files against the schemas, cross-file rules and Rego policies'
complete -c idp -n "__fish_idp_needs_command" -f -a "env" -d 'Environments: list, show, add, set'
complete -c idp -n "__fish_idp_needs_command" -f -a "pr" -d 'Pull requests on the configured forge'
complete -c idp -n "__fish_idp_needs_command" -f -a "new-app" -d 'Create an app from a golden path: its repository and one platform pull request'
complete -c idp -n "__fish_idp_needs_command" -f -a "golden-path" -d 'Golden paths: list, show, render'
complete -c idp -n "__fish_idp_needs_command" -f -a "upgrade" -d 'Re-apply a newer golden path version to a generated app repository (three-way merge)'
complete -c idp -n "__fish_idp_needs_command" -f -a "provision" -d 'Provisioning requests (S3, RDS, EBS, EC2, ECR, EKS, secrets) rendered to Terraform inputs'
complete -c idp -n "__fish_idp_needs_command" -f -a "adr" -d 'Architecture decision records'
complete -c idp -n "__fish_idp_needs_command" -f -a "runbook" -d 'Runbooks: operational guidance in one format'
complete -c idp -n "__fish_idp_needs_command" -f -a "image" -d 'The image an app runs in an environment'
complete -c idp -n "__fish_idp_needs_command" -f -a "promote" -d 'Promote an app\'s image to the next environment, by digest, behind its gates'
complete -c idp -n "__fish_idp_needs_command" -f -a "rollback" -d 'Restore an earlier image of an app in one environment'
complete -c idp -n "__fish_idp_needs_command" -f -a "health" -d 'Check an environment\'s cluster and platform services after an apply (exit 3 when unhealthy, 1 when the cluster cannot be reached)'
complete -c idp -n "__fish_idp_needs_command" -f -a "drift" -d 'Drift between git, what idp renders, the cluster and the cloud; remediated by each environment\'s policy (`drift.remediate`)'
complete -c idp -n "__fish_idp_needs_command" -f -a "whoami" -d 'Who you are: the actor commits and records carry, how it was verified, its groups and roles; and the AWS identity (STS)'
complete -c idp -n "__fish_idp_needs_command" -f -a "login" -d 'Sign in to idp.yaml\'s `identity.oidc` issuer (OAuth 2.0 device authorization grant); the tokens are cached under ~/.config/idp (0600)'
complete -c idp -n "__fish_idp_needs_command" -f -a "logout" -d 'Delete the cached tokens of `idp login` (revoked at the issuer when it can)'
complete -c idp -n "__fish_idp_needs_command" -f -a "status" -d 'Every app in every environment: image, when and by whom, open promotions, lag'
complete -c idp -n "__fish_idp_needs_command" -f -a "history" -d 'The promotion log of an app: promotions, image write-backs and rollbacks'
complete -c idp -n "__fish_idp_needs_command" -f -a "docs" -d 'Docs and metadata: lint (with catalog quality), coverage, review freshness'
complete -c idp -n "__fish_idp_needs_command" -f -a "graph" -d 'The relation graph of environments, apps, requests, teams, ADRs, runbooks, promotions'
complete -c idp -n "__fish_idp_needs_command" -f -a "teardown" -d 'Tear down an environment: the GitOps change (this), `run` its stage plan, `report` on the SLO'
complete -c idp -n "__fish_idp_needs_command" -f -a "records" -d 'Workflow records (.idp/records/): record a pipeline step idp did not run, list runs, migrate legacy .jsonl records'
complete -c idp -n "__fish_idp_needs_command" -f -a "migrate" -d 'Move what earlier idp versions wrote to what this one writes, as a change'
complete -c idp -n "__fish_idp_needs_command" -f -a "metrics" -d 'Pipeline and drift metrics from the records: export them, push them to a Pushgateway'
complete -c idp -n "__fish_idp_needs_command" -f -a "backstage" -d 'Backstage: software templates generated from the golden paths and request schemas'
complete -c idp -n "__fish_idp_needs_command" -f -a "mcp" -d 'An MCP server over stdio: the commands as tools (changes are dry runs unless `apply`), the platform repo\'s docs, schemas and graph as resources, guided prompts'
complete -c idp -n "__fish_idp_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c idp -n "__fish_idp_needs_command" -f -a "man" -d 'Print the man page (roff), or write one page per subcommand into a directory'
complete -c idp -n "__fish_idp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand init" -l org -d 'Organisation name (GitHub org, Backstage namespace)' -r
complete -c idp -n "__fish_idp_using_subcommand init" -l prefix -d 'Naming prefix for cloud resources' -r
complete -c idp -n "__fish_idp_using_subcommand init" -l region -d 'Default AWS region' -r
complete -c idp -n "__fish_idp_using_subcommand init" -l domain -d 'Base DNS domain for ingress hosts' -r
complete -c idp -n "__fish_idp_using_subcommand init" -l action -d 'The idp GitHub Action the workflows use, `owner/repo@ref` (default: `ci.action` of an existing idp.yaml, else `<org>/idp@v<this version>`)' -r
complete -c idp -n "__fish_idp_using_subcommand init" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand init" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand init" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand init" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand init" -l force -d 'Add missing files to an existing platform repo (existing files are never overwritten)'
complete -c idp -n "__fish_idp_using_subcommand init" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand init" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand init" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand init" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand init" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand init" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand init" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand validate" -l base -d 'With --changed: the branch the changes are measured from (default: the forge\'s base branch, `origin/<base>` when the remote has it)' -r
complete -c idp -n "__fish_idp_using_subcommand validate" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand validate" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand validate" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand validate" -l changed -d 'Only what this branch changes since --base (committed and not), and the files whose cross-file rules depend on them: what the pull request workflow runs'
complete -c idp -n "__fish_idp_using_subcommand validate" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand validate" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand validate" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -f -a "list" -d 'List environments in promotion order'
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -f -a "show" -d 'Show one environment'
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -f -a "add" -d 'Add an environment to the promotion order'
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -f -a "set" -d 'Set one field of an environment file, keeping comments and formatting'
complete -c idp -n "__fish_idp_using_subcommand env; and not __fish_seen_subcommand_from list show add set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from list" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from show" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l after -d 'The environment it is promoted from' -r
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l owner -d 'Owning team (default: the `after` environment\'s owner)' -r
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l account -d 'AWS account id (default: the `after` environment\'s account)' -r
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l region -d 'AWS region (default: the `after` environment\'s region)' -r
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l cluster -d 'EKS cluster name (default: <prefix>-<name>)' -r
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l tier -d 'Environment tier' -r -f -a "development\t''
testing\t''
staging\t''
production\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -s f -l file -d 'Read the whole environment from a YAML file (`-` for stdin); flags override it' -r -F
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "list" -d 'List environments in promotion order'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one environment'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an environment to the promotion order'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one field of an environment file, keeping comments and formatting'
complete -c idp -n "__fish_idp_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -f -a "list" -d 'List pull requests'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -f -a "show" -d 'Show one pull request'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -f -a "diff" -d 'Print the diff of a pull request'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -f -a "merge" -d 'Merge a pull request into its base branch'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -f -a "approve" -d 'Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -f -a "protect" -d 'GitHub: protect the base branch so GitHub enforces approvals (code-owner review of `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -f -a "close" -d 'Close a pull request without merging'
complete -c idp -n "__fish_idp_using_subcommand pr; and not __fish_seen_subcommand_from list show diff merge approve protect close help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from list" -l state -d 'Which pull requests to list' -r -f -a "open\t''
merged\t''
closed\t''
all\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from list" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from show" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from diff" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from diff" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from diff" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from diff" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from merge" -l strategy -d 'auto: fast-forward when possible, else a merge commit' -r -f -a "auto\t''
ff\t''
merge\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from merge" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from merge" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from merge" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from merge" -l delete-branch -d 'Delete the head branch after merging'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from merge" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from merge" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from merge" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from approve" -l label -d 'The approval label, e.g. platform-approved' -r
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from approve" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from approve" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from approve" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from approve" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from approve" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from approve" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from protect" -l branch -d 'The branch to protect (default: `forge.baseBranch`)' -r
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from protect" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from protect" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from protect" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from protect" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from protect" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from protect" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from close" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from close" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from close" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from close" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from close" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from help" -f -a "list" -d 'List pull requests'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one pull request'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Print the diff of a pull request'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from help" -f -a "merge" -d 'Merge a pull request into its base branch'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from help" -f -a "protect" -d 'GitHub: protect the base branch so GitHub enforces approvals (code-owner review of `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from help" -f -a "close" -d 'Close a pull request without merging'
complete -c idp -n "__fish_idp_using_subcommand pr; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand new-app" -s t -l template -d 'Golden path (see `--list`)' -r
complete -c idp -n "__fish_idp_using_subcommand new-app" -l owner -d 'Owning team' -r
complete -c idp -n "__fish_idp_using_subcommand new-app" -l description -d 'One line on what the app does' -r
complete -c idp -n "__fish_idp_using_subcommand new-app" -l replicas -d 'Replicas in staging and prod' -r
complete -c idp -n "__fish_idp_using_subcommand new-app" -l port -d 'Container port' -r
complete -c idp -n "__fish_idp_using_subcommand new-app" -l values -d 'Parameters from a YAML file (a mapping of parameter to value)' -r -F
complete -c idp -n "__fish_idp_using_subcommand new-app" -l set -d 'One parameter, `key=value` (the value is read as YAML: `3`, `true`, `text`)' -r
complete -c idp -n "__fish_idp_using_subcommand new-app" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand new-app" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand new-app" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand new-app" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand new-app" -l no-ingress -d 'Do not expose the app through Kong'
complete -c idp -n "__fish_idp_using_subcommand new-app" -l list -d 'List the golden paths and exit'
complete -c idp -n "__fish_idp_using_subcommand new-app" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand new-app" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand new-app" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand new-app" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand new-app" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand new-app" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand new-app" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -f -a "list" -d 'List golden paths'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -f -a "show" -d 'Show a golden path: version, parameters, files'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -f -a "eject" -d 'Copy an embedded golden path into the platform repo (as a change) to customise it'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -f -a "render" -d 'Render a golden path\'s app repository into a directory (no git, no pull request)'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and not __fish_seen_subcommand_from list show eject render help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from list" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from show" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from eject" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from render" -l out -d 'Directory to render into (must be empty or missing)' -r -F
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from render" -l values -d 'Parameters from a YAML file (a mapping of parameter to value)' -r -F
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from render" -l set -d 'One parameter, `key=value` (the value is read as YAML: `3`, `true`, `text`)' -r
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from render" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from render" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from render" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from render" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from render" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from help" -f -a "list" -d 'List golden paths'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a golden path: version, parameters, files'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from help" -f -a "eject" -d 'Copy an embedded golden path into the platform repo (as a change) to customise it'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from help" -f -a "render" -d 'Render a golden path\'s app repository into a directory (no git, no pull request)'
complete -c idp -n "__fish_idp_using_subcommand golden-path; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand upgrade" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand upgrade" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand upgrade" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand upgrade" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand upgrade" -l check -d 'Exit 5 when a newer golden path version is available, 0 when up to date'
complete -c idp -n "__fish_idp_using_subcommand upgrade" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand upgrade" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand upgrade" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand upgrade" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand upgrade" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand upgrade" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand upgrade" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "s3" -d 'Request an S3 bucket'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "rds" -d 'Request a PostgreSQL database on RDS'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "ebs" -d 'Request an EBS volume'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "ec2" -d 'Request EC2 instances'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "ecr" -d 'Request an ECR repository'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "eks" -d 'Request an EKS cluster'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "secrets" -d 'Request a secret (its value is set in the secret store, never in git)'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "list" -d 'List requests (merged, and requested in open pull requests)'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "show" -d 'Show one request'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "render" -d 'Re-render every request\'s generated files'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "approvals" -d 'Check a pull request\'s approvals against those its requests need (exit 3 if missing)'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "plan" -d 'Run `terraform plan` in an environment\'s Terraform root (needs terraform installed)'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "example" -d 'Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "delete" -d 'Delete a request, its generated files and its catalog entry, as a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and not __fish_seen_subcommand_from s3 rds ebs ec2 ecr eks secrets list show render approvals plan example delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l env -d 'Environment (default: the request file\'s `environment:`; both given must agree)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l owner -d 'Owning team' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l name -d 'The resource\'s name (bucket, database, repository, cluster or secret name)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l size -d 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l application -d 'The app this resource belongs to' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l title -d 'A title for reviewers' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l description -d 'What it is for' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l set -d 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -s f -l file -l values -d 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from s3" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l env -d 'Environment (default: the request file\'s `environment:`; both given must agree)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l owner -d 'Owning team' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l name -d 'The resource\'s name (bucket, database, repository, cluster or secret name)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l size -d 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l application -d 'The app this resource belongs to' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l title -d 'A title for reviewers' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l description -d 'What it is for' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l set -d 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -s f -l file -l values -d 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from rds" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l env -d 'Environment (default: the request file\'s `environment:`; both given must agree)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l owner -d 'Owning team' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l name -d 'The resource\'s name (bucket, database, repository, cluster or secret name)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l size -d 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l application -d 'The app this resource belongs to' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l title -d 'A title for reviewers' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l description -d 'What it is for' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l set -d 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -s f -l file -l values -d 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ebs" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l env -d 'Environment (default: the request file\'s `environment:`; both given must agree)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l owner -d 'Owning team' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l name -d 'The resource\'s name (bucket, database, repository, cluster or secret name)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l size -d 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l application -d 'The app this resource belongs to' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l title -d 'A title for reviewers' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l description -d 'What it is for' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l set -d 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -s f -l file -l values -d 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ec2" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l env -d 'Environment (default: the request file\'s `environment:`; both given must agree)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l owner -d 'Owning team' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l name -d 'The resource\'s name (bucket, database, repository, cluster or secret name)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l size -d 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l application -d 'The app this resource belongs to' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l title -d 'A title for reviewers' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l description -d 'What it is for' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l set -d 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -s f -l file -l values -d 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from ecr" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l env -d 'Environment (default: the request file\'s `environment:`; both given must agree)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l owner -d 'Owning team' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l name -d 'The resource\'s name (bucket, database, repository, cluster or secret name)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l size -d 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l application -d 'The app this resource belongs to' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l title -d 'A title for reviewers' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l description -d 'What it is for' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l set -d 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -s f -l file -l values -d 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from eks" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l env -d 'Environment (default: the request file\'s `environment:`; both given must agree)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l owner -d 'Owning team' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l name -d 'The resource\'s name (bucket, database, repository, cluster or secret name)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l size -d 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l application -d 'The app this resource belongs to' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l title -d 'A title for reviewers' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l description -d 'What it is for' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l set -d 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -s f -l file -l values -d 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from secrets" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from list" -l env -d 'Only this environment' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from list" -l kind -d 'Only this kind' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from list" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from show" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -l check -d 'Exit 5 when a generated file differs from a fresh render (a hand edit, a stale render)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -l fix -d 'Heal the differences through a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from approvals" -l labels -d 'The labels the pull request has, comma-separated (ignored with `--pr`)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from approvals" -l pr -d 'Check who approved pull request N instead of its labels: reviews at its head commit on GitHub, the approvals of its record on the local forge, against the roles' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from approvals" -l base -d 'Compare with this ref to find the changed requests (default: the base branch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from approvals" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from approvals" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from approvals" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from approvals" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from approvals" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from approvals" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from plan" -l env -d 'Environment' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from plan" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from plan" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from plan" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from plan" -l detailed-exitcode -d 'Exit 5 when the plan has changes (terraform\'s -detailed-exitcode)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from example" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from example" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from example" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from example" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from example" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from example" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -l break-glass -d 'Confirm destroying a production database: `--break-glass "destroy RDS-0001"`' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "s3" -d 'Request an S3 bucket'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "rds" -d 'Request a PostgreSQL database on RDS'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "ebs" -d 'Request an EBS volume'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "ec2" -d 'Request EC2 instances'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "ecr" -d 'Request an ECR repository'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "eks" -d 'Request an EKS cluster'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "secrets" -d 'Request a secret (its value is set in the secret store, never in git)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "list" -d 'List requests (merged, and requested in open pull requests)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "render" -d 'Re-render every request\'s generated files'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "approvals" -d 'Check a pull request\'s approvals against those its requests need (exit 3 if missing)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Run `terraform plan` in an environment\'s Terraform root (needs terraform installed)'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "example" -d 'Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a request, its generated files and its catalog entry, as a pull request'
complete -c idp -n "__fish_idp_using_subcommand provision; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -f -a "new" -d 'Write a new ADR (the next free number) and update the index, as a change'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -f -a "list" -d 'List ADRs'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -f -a "show" -d 'Show one ADR'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -f -a "status" -d 'Change an ADR\'s status; `superseded --by M` updates both ADRs'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -f -a "lint" -d 'Check every ADR: numbers (also against the base branch), ids, links, required fields, sections, and that accepted decisions were not edited (exit 3 with file:line)'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -f -a "index" -d 'Regenerate the index table in adrs/README.md (between its markers)'
complete -c idp -n "__fish_idp_using_subcommand adr; and not __fish_seen_subcommand_from new list show status lint index help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l domain -d 'Domain (e.g. platform-core, delivery)' -r
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l owner -d 'Owning team' -r
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l supersedes -d 'ADRs this one supersedes (ids)' -r
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l relates-to -d 'Related ADRs or runbooks (ids)' -r
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from list" -l status -d 'Only this status' -r
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from list" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from show" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -l by -d 'The ADR that supersedes this one' -r
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from lint" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from lint" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from lint" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from lint" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -l check -d 'Exit 5 when the committed index differs (drift), write nothing'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from index" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from help" -f -a "new" -d 'Write a new ADR (the next free number) and update the index, as a change'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from help" -f -a "list" -d 'List ADRs'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one ADR'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from help" -f -a "status" -d 'Change an ADR\'s status; `superseded --by M` updates both ADRs'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Check every ADR: numbers (also against the base branch), ids, links, required fields, sections, and that accepted decisions were not edited (exit 3 with file:line)'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from help" -f -a "index" -d 'Regenerate the index table in adrs/README.md (between its markers)'
complete -c idp -n "__fish_idp_using_subcommand adr; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -f -a "new" -d 'Write a new runbook (the next free number) and update the index, as a change'
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -f -a "list" -d 'List runbooks'
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -f -a "lint" -d 'Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -f -a "index" -d 'Regenerate the index table in runbooks/README.md (between its markers)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and not __fish_seen_subcommand_from new list lint index help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -l domain -d 'Domain (teardown, terraform, access, delivery, health, …)' -r
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from list" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from lint" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from lint" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from lint" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from lint" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -l check -d 'Exit 5 when the committed index differs (drift), write nothing'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from index" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from help" -f -a "new" -d 'Write a new runbook (the next free number) and update the index, as a change'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from help" -f -a "list" -d 'List runbooks'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from help" -f -a "index" -d 'Regenerate the index table in runbooks/README.md (between its markers)'
complete -c idp -n "__fish_idp_using_subcommand runbook; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand image; and not __fish_seen_subcommand_from set latest help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand image; and not __fish_seen_subcommand_from set latest help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand image; and not __fish_seen_subcommand_from set latest help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand image; and not __fish_seen_subcommand_from set latest help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand image; and not __fish_seen_subcommand_from set latest help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand image; and not __fish_seen_subcommand_from set latest help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand image; and not __fish_seen_subcommand_from set latest help" -f -a "set" -d 'Pin an app\'s image in one environment by digest (CI\'s write-back after a build), as a change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/'
complete -c idp -n "__fish_idp_using_subcommand image; and not __fish_seen_subcommand_from set latest help" -f -a "latest" -d 'The newest image in ECR whose tag matches an environment\'s pattern (dev: a git SHA; others: `<env>-<sha7>`)'
complete -c idp -n "__fish_idp_using_subcommand image; and not __fish_seen_subcommand_from set latest help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l env -d 'The environment whose overlay is edited' -r
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l digest -d 'The image digest, `sha256:<64 hex>`' -r
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l tag -d 'The tag the digest was pushed with (recorded; the overlay pins the digest)' -r
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l force -d 'Replace a rollback of this environment (refused otherwise)'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from latest" -l env -d 'The environment whose tag pattern to match' -r
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from latest" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from latest" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from latest" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from latest" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from latest" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from latest" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "set" -d 'Pin an app\'s image in one environment by digest (CI\'s write-back after a build), as a change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "latest" -d 'The newest image in ECR whose tag matches an environment\'s pattern (dev: a git SHA; others: `<env>-<sha7>`)'
complete -c idp -n "__fish_idp_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand promote" -l to -d 'The target environment' -r
complete -c idp -n "__fish_idp_using_subcommand promote" -l from -d 'The source environment (default: the one before the target in the promotion order)' -r
complete -c idp -n "__fish_idp_using_subcommand promote" -l skip-reason -d 'Why environments in between are skipped (each must allow it)' -r
complete -c idp -n "__fish_idp_using_subcommand promote" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand promote" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand promote" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand promote" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand promote" -l no-registry -d 'Make no registry calls (offline): the digest is not checked in ECR and not tagged'
complete -c idp -n "__fish_idp_using_subcommand promote" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand promote" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand promote" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand promote" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand promote" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand promote" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand promote" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand rollback" -l env -d 'The environment to roll back' -r
complete -c idp -n "__fish_idp_using_subcommand rollback" -l to -d 'A promotion record id (`P-0003`) or a digest (default: the image before the current one)' -r
complete -c idp -n "__fish_idp_using_subcommand rollback" -l reason -d 'Why (recorded, and in the pull request)' -r
complete -c idp -n "__fish_idp_using_subcommand rollback" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand rollback" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand rollback" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand rollback" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand rollback" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand rollback" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand rollback" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand rollback" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand rollback" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand rollback" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand rollback" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand health" -l env -d 'The environment (its file gives the kube context, namespaces and endpoints: `health:`)' -r
complete -c idp -n "__fish_idp_using_subcommand health" -l tier -d 'The highest tier to check: 0 API, nodes, kube-system; 1 Argo CD, system pods, ExternalSecrets, ingresses, Kong; 2 Backstage, Grafana; 3 Keycloak' -r
complete -c idp -n "__fish_idp_using_subcommand health" -l kubeconfig -d 'The kubeconfig file (default: `$KUBECONFIG`, then `~/.kube/config`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand health" -l context -d 'The kubeconfig context (default: the environment\'s `health.context`, then the current context)' -r
complete -c idp -n "__fish_idp_using_subcommand health" -l timeout -d 'How long --wait polls' -r
complete -c idp -n "__fish_idp_using_subcommand health" -l retries -d 'Retries after an unhealthy run (default: the environment\'s `health.retries`, else 3)' -r
complete -c idp -n "__fish_idp_using_subcommand health" -l backoff -d 'The pause before each retry or poll (default: `health.backoff`, else 30s)' -r
complete -c idp -n "__fish_idp_using_subcommand health" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand health" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand health" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand health" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand health" -l wait -d 'Poll until healthy (or until --timeout), e.g. right after an apply'
complete -c idp -n "__fish_idp_using_subcommand health" -l record -d 'Record the result in .idp/records/health/ENV/, as a change (promotion gates read it)'
complete -c idp -n "__fish_idp_using_subcommand health" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand health" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand health" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand health" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand health" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand health" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand health" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand drift" -l env -d 'Only this environment (default: every one; the cluster layer needs its kube context)' -r
complete -c idp -n "__fish_idp_using_subcommand drift" -l layer -d 'Only these layers (repeatable; default: all three)' -r -f -a "render\t'Generated files against a fresh render; apps on an older golden path'
cluster\t'Argo CD Applications and running image digests, through the Kubernetes API'
cloud\t'A Terraform plan of the environment\'s root'"
complete -c idp -n "__fish_idp_using_subcommand drift" -l kubeconfig -d 'The kubeconfig file (default: `$KUBECONFIG`, then `~/.kube/config`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand drift" -l context -d 'The kubeconfig context (default: the environment\'s `health.context`)' -r
complete -c idp -n "__fish_idp_using_subcommand drift" -l plan -d 'A Terraform plan of the environment\'s root, as JSON (`terraform show -json PLANFILE` or `terraform plan -json`), instead of running Terraform; needs --env' -r -F
complete -c idp -n "__fish_idp_using_subcommand drift" -l remediate -d 'What to do about the drift found, for this run (default: each environment\'s `drift.remediate`; `alert` in production, else `pr`)' -r -f -a "auto\t'Open or update the remediation pull request; Argo CD self-heals the cluster'
pr\t'Open or update one remediation pull request per environment'
alert\t'Report, record and exit 5'"
complete -c idp -n "__fish_idp_using_subcommand drift" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand drift" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand drift" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand drift" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand drift" -l record -d 'Record each environment\'s run in .idp/records/drift/ENV/, as a change (`--direct` applies to the record: a remediation is always a pull request)'
complete -c idp -n "__fish_idp_using_subcommand drift" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand drift" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand drift" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand drift" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand drift" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand drift" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand drift" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c idp -n "__fish_idp_using_subcommand whoami" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand whoami" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand whoami" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand whoami" -l no-aws -d 'Skip the AWS identity (STS GetCallerIdentity)'
complete -c idp -n "__fish_idp_using_subcommand whoami" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand whoami" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand login" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand login" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand login" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand login" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand login" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand login" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand logout" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand logout" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand logout" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand logout" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand logout" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand logout" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand status" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand status" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand status" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand status" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand status" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand status" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand history" -l env -d 'Only this environment' -r
complete -c idp -n "__fish_idp_using_subcommand history" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand history" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand history" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand history" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand history" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand history" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -f -a "lint" -d 'Check the metadata of every doc, app, request and environment (schemas/metadata/, folder metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)'
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -f -a "coverage" -d 'Metadata coverage by kind; exit 3 below 100%'
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -f -a "freshness" -d 'Review state of every doc from its review cadence and last review date'
complete -c idp -n "__fish_idp_using_subcommand docs; and not __fish_seen_subcommand_from lint coverage freshness help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from lint" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from lint" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from lint" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from lint" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from coverage" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from coverage" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from coverage" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from coverage" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from coverage" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from coverage" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from freshness" -l warn-within -d 'Report docs due within this many days as `due-soon`' -r
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from freshness" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from freshness" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from freshness" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from freshness" -l fail -d 'Exit 3 when a doc is overdue'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from freshness" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from freshness" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from freshness" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Check the metadata of every doc, app, request and environment (schemas/metadata/, folder metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "coverage" -d 'Metadata coverage by kind; exit 3 below 100%'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "freshness" -d 'Review state of every doc from its review cadence and last review date'
complete -c idp -n "__fish_idp_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand graph; and not __fish_seen_subcommand_from why help" -l format -d 'Output format of the whole graph (`-o json` is the same as `--format json`)' -r -f -a "json\t''
dot\t''
mermaid\t''"
complete -c idp -n "__fish_idp_using_subcommand graph; and not __fish_seen_subcommand_from why help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand graph; and not __fish_seen_subcommand_from why help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand graph; and not __fish_seen_subcommand_from why help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand graph; and not __fish_seen_subcommand_from why help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand graph; and not __fish_seen_subcommand_from why help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand graph; and not __fish_seen_subcommand_from why help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand graph; and not __fish_seen_subcommand_from why help" -f -a "why" -d 'Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the runbooks that cover it, and how it got to its current state'
complete -c idp -n "__fish_idp_using_subcommand graph; and not __fish_seen_subcommand_from why help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand graph; and __fish_seen_subcommand_from why" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand graph; and __fish_seen_subcommand_from why" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand graph; and __fish_seen_subcommand_from why" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand graph; and __fish_seen_subcommand_from why" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand graph; and __fish_seen_subcommand_from why" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand graph; and __fish_seen_subcommand_from why" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand graph; and __fish_seen_subcommand_from help" -f -a "why" -d 'Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the runbooks that cover it, and how it got to its current state'
complete -c idp -n "__fish_idp_using_subcommand graph; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l env -d 'The environment whose apps, Argo CD applications and requests are removed' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l build-id -d 'Only the requests of this build (`dd-mm-yy-NN`, their `spec.buildId`)' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l lifecycle -d '`persistent` keeps databases and secrets even where the environment file says ephemeral (a persistent environment cannot be made ephemeral here)' -r -f -a "ephemeral\t''
persistent\t''"
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l confirm -d 'Confirm by naming the environment (required for production)' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -f -a "run" -d 'Run the environment\'s ordered stage plan (`teardown.stages`): timeouts, retries, break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -f -a "report" -d 'Teardown runs against the environment\'s SLO (p50/p95/p99, break-glass rate); a missed SLO is written as a Known limitation through a change'
complete -c idp -n "__fish_idp_using_subcommand teardown; and not __fish_seen_subcommand_from run report help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -l env -d 'The environment' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -l build-id -d 'The build being torn down (`dd-mm-yy-NN`), recorded with the run' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -l resume -d 'Resume a failed or interrupted run from the stage that did not finish' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -l confirm -d 'Confirm by naming the environment (asked on a terminal when missing)' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -l dry-run -d 'Print the stages that would run, run nothing and record nothing'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -l no-push -d 'Do not push the run\'s record to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l env -d 'Only this environment (default: every environment with teardown runs)' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l last -d 'Only the last N runs of each environment' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l fail -d 'Exit 3 when an SLO is missed'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from report" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run the environment\'s ordered stage plan (`teardown.stages`): timeouts, retries, break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from help" -f -a "report" -d 'Teardown runs against the environment\'s SLO (p50/p95/p99, break-glass rate); a missed SLO is written as a Known limitation through a change'
complete -c idp -n "__fish_idp_using_subcommand teardown; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -f -a "add" -d 'Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a break-glass step or note to an earlier run (`--run-id`)'
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -f -a "list" -d 'List pipeline runs (each in its latest state), oldest first'
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -f -a "migrate" -d 'Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a change (the first write of a kind of record does the same); a second run has nothing to do'
complete -c idp -n "__fish_idp_using_subcommand records; and not __fish_seen_subcommand_from add list migrate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l phase -d 'The phase: plan, apply, teardown, promote, build, deploy, … (lowercase, `-`)' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l env -d 'The environment' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l build-id -d 'The build (`dd-mm-yy-NN`): unique per environment and phase' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l result -d 'How the step ended (default: from --exit-code, else success)' -r -f -a "success\t''
failed\t''
interrupted\t'Stopped by Ctrl-C (SIGINT/SIGTERM); resumable like a failed run'"
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l exit-code -d 'The step\'s exit code' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l start -d 'When the step started (RFC 3339 UTC, `2026-11-26T10:00:00Z`)' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l end -d 'When the step ended (default: now)' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l duration -d 'How long it took, in seconds (default: from --start and --end)' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l retries -d 'Extra attempts the step made' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l terraform-output -d 'Terraform\'s output (`-` for stdin): the resource counts are read from its summary line' -r -F
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l run-id -d 'Add to this earlier run instead of recording a new one (with --break-glass, --note)' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l note -d 'What was done and why' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l service -d 'The service the step belongs to (a metrics label)' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l team -d 'The owning team (a metrics label)' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l break-glass -d 'Break-glass was used (with --run-id: a step done by hand on that run)'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l dry-run -d 'Print the record and the change, write nothing'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -l no-push -d 'Do not push the record to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from list" -l env -d 'Only this environment' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from list" -l phase -d 'Only this phase' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from list" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from help" -f -a "add" -d 'Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a break-glass step or note to an earlier run (`--run-id`)'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from help" -f -a "list" -d 'List pipeline runs (each in its latest state), oldest first'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a change (the first write of a kind of record does the same); a second run has nothing to do'
complete -c idp -n "__fish_idp_using_subcommand records; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand migrate; and not __fish_seen_subcommand_from external-secrets policy-inventory help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand migrate; and not __fish_seen_subcommand_from external-secrets policy-inventory help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand migrate; and not __fish_seen_subcommand_from external-secrets policy-inventory help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand migrate; and not __fish_seen_subcommand_from external-secrets policy-inventory help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand migrate; and not __fish_seen_subcommand_from external-secrets policy-inventory help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand migrate; and not __fish_seen_subcommand_from external-secrets policy-inventory help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand migrate; and not __fish_seen_subcommand_from external-secrets policy-inventory help" -f -a "external-secrets" -d 'Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer served by the External Secrets Operator) to `v1`; a second run has nothing to do'
complete -c idp -n "__fish_idp_using_subcommand migrate; and not __fish_seen_subcommand_from external-secrets policy-inventory help" -f -a "policy-inventory" -d 'Move the policies\' lookups of other requests over `input.requests` (written before ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at its line and nothing changes; a second run has nothing to do'
complete -c idp -n "__fish_idp_using_subcommand migrate; and not __fish_seen_subcommand_from external-secrets policy-inventory help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from external-secrets" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from policy-inventory" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "external-secrets" -d 'Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer served by the External Secrets Operator) to `v1`; a second run has nothing to do'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "policy-inventory" -d 'Move the policies\' lookups of other requests over `input.requests` (written before ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at its line and nothing changes; a second run has nothing to do'
complete -c idp -n "__fish_idp_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand metrics; and not __fish_seen_subcommand_from export push help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand metrics; and not __fish_seen_subcommand_from export push help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand metrics; and not __fish_seen_subcommand_from export push help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand metrics; and not __fish_seen_subcommand_from export push help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand metrics; and not __fish_seen_subcommand_from export push help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand metrics; and not __fish_seen_subcommand_from export push help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand metrics; and not __fish_seen_subcommand_from export push help" -f -a "export" -d 'Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV'
complete -c idp -n "__fish_idp_using_subcommand metrics; and not __fish_seen_subcommand_from export push help" -f -a "push" -d 'Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)'
complete -c idp -n "__fish_idp_using_subcommand metrics; and not __fish_seen_subcommand_from export push help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from export" -l format -d 'The export format (default: Prometheus text exposition; `-o json` or `-o yaml` give the metric families as JSON or YAML, like `--format json`); `--format` wins over `-o`' -r -f -a "prometheus\t''
json\t''
csv\t''"
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from export" -l env -d 'Only this environment' -r
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from export" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from export" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from export" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from push" -l gateway -d 'The Pushgateway, e.g. `http://pushgateway:9091`' -r
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from push" -l job -d 'The `job` grouping label' -r
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from push" -l env -d 'Only this environment' -r
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from push" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from push" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from push" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from push" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV'
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)'
complete -c idp -n "__fish_idp_using_subcommand metrics; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -f -a "templates" -d 'Generate a Backstage template per golden path and request kind (and a catalog Location) into the platform repo, as a change'
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -f -a "enable" -d 'Run Backstage in an environment, as one change: idp.yaml\'s `backstage.environments`, the RDS request of its database (when there is none) and its add-on files'
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -f -a "disable" -d 'Stop running Backstage in an environment, as one change: idp.yaml\'s `backstage.environments` and its add-on files (its database stays)'
complete -c idp -n "__fish_idp_using_subcommand backstage; and not __fish_seen_subcommand_from templates enable disable help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -l out -d 'Write the files into this directory instead (no git, no pull request)' -r -F
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -l check -d 'Exit 5 when the committed templates differ from a fresh generation; write nothing'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from templates" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -l tag -d 'Pin the platform\'s Backstage image to this tag (`backstage.image.tag`)' -r
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -l digest -d 'Pin the platform\'s Backstage image to this digest (`backstage.image.digest`)' -r
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -l base -d 'The branch the change is based on and merged into (default: forge.baseBranch)' -r
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -l dry-run -d 'Print the plan (unified diff) and write nothing'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -l detailed-exitcode -d 'With --dry-run: exit 5 when there is something to change'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -l direct -d 'Commit straight to the base branch instead of opening a pull request'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -l no-push -d 'Do not push to the `origin` remote'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from help" -f -a "templates" -d 'Generate a Backstage template per golden path and request kind (and a catalog Location) into the platform repo, as a change'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Run Backstage in an environment, as one change: idp.yaml\'s `backstage.environments`, the RDS request of its database (when there is none) and its add-on files'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Stop running Backstage in an environment, as one change: idp.yaml\'s `backstage.environments` and its add-on files (its database stays)'
complete -c idp -n "__fish_idp_using_subcommand backstage; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand mcp" -l allow-dir -d 'Let tools read files in DIR too (repeatable). Tools read paths inside the platform repo and these directories only; any other path an agent passes is refused' -r -F
complete -c idp -n "__fish_idp_using_subcommand mcp" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand mcp" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand mcp" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand mcp" -l list -d 'Print the tool catalogue (names, commands, input schemas with `-o json`) and exit'
complete -c idp -n "__fish_idp_using_subcommand mcp" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand mcp" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand mcp" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand completions" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand completions" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand completions" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand completions" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand completions" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand man" -l out-dir -d 'Write `idp.1` and one page per subcommand (`idp-adr-new.1`, …) into this directory (created if missing) instead of printing the top page' -r -F
complete -c idp -n "__fish_idp_using_subcommand man" -l platform -d 'The platform repo (default: walk up from the current directory to `idp.yaml`)' -r -F
complete -c idp -n "__fish_idp_using_subcommand man" -s o -l output -d 'Output format for results on stdout' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c idp -n "__fish_idp_using_subcommand man" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c idp -n "__fish_idp_using_subcommand man" -s q -l quiet -d 'Print results only, no status lines'
complete -c idp -n "__fish_idp_using_subcommand man" -s v -l verbose -d 'More logging on stderr (-v info, -vv debug, -vvv trace)'
complete -c idp -n "__fish_idp_using_subcommand man" -s h -l help -d 'Print help'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "init" -d 'Create a platform repo'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "validate" -d 'Check files against the schemas, cross-file rules and Rego policies'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "env" -d 'Environments: list, show, add, set'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "pr" -d 'Pull requests on the configured forge'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "new-app" -d 'Create an app from a golden path: its repository and one platform pull request'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "golden-path" -d 'Golden paths: list, show, render'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "upgrade" -d 'Re-apply a newer golden path version to a generated app repository (three-way merge)'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "provision" -d 'Provisioning requests (S3, RDS, EBS, EC2, ECR, EKS, secrets) rendered to Terraform inputs'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "adr" -d 'Architecture decision records'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "runbook" -d 'Runbooks: operational guidance in one format'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "image" -d 'The image an app runs in an environment'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "promote" -d 'Promote an app\'s image to the next environment, by digest, behind its gates'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "rollback" -d 'Restore an earlier image of an app in one environment'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "health" -d 'Check an environment\'s cluster and platform services after an apply (exit 3 when unhealthy, 1 when the cluster cannot be reached)'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "drift" -d 'Drift between git, what idp renders, the cluster and the cloud; remediated by each environment\'s policy (`drift.remediate`)'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "whoami" -d 'Who you are: the actor commits and records carry, how it was verified, its groups and roles; and the AWS identity (STS)'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "login" -d 'Sign in to idp.yaml\'s `identity.oidc` issuer (OAuth 2.0 device authorization grant); the tokens are cached under ~/.config/idp (0600)'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "logout" -d 'Delete the cached tokens of `idp login` (revoked at the issuer when it can)'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "status" -d 'Every app in every environment: image, when and by whom, open promotions, lag'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "history" -d 'The promotion log of an app: promotions, image write-backs and rollbacks'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "docs" -d 'Docs and metadata: lint (with catalog quality), coverage, review freshness'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "graph" -d 'The relation graph of environments, apps, requests, teams, ADRs, runbooks, promotions'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "teardown" -d 'Tear down an environment: the GitOps change (this), `run` its stage plan, `report` on the SLO'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "records" -d 'Workflow records (.idp/records/): record a pipeline step idp did not run, list runs, migrate legacy .jsonl records'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "migrate" -d 'Move what earlier idp versions wrote to what this one writes, as a change'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "metrics" -d 'Pipeline and drift metrics from the records: export them, push them to a Pushgateway'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "backstage" -d 'Backstage: software templates generated from the golden paths and request schemas'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "mcp" -d 'An MCP server over stdio: the commands as tools (changes are dry runs unless `apply`), the platform repo\'s docs, schemas and graph as resources, guided prompts'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "man" -d 'Print the man page (roff), or write one page per subcommand into a directory'
complete -c idp -n "__fish_idp_using_subcommand help; and not __fish_seen_subcommand_from init validate env pr new-app golden-path upgrade provision adr runbook image promote rollback health drift whoami login logout status history docs graph teardown records migrate metrics backstage mcp completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "list" -d 'List environments in promotion order'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "show" -d 'Show one environment'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "add" -d 'Add an environment to the promotion order'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "set" -d 'Set one field of an environment file, keeping comments and formatting'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from pr" -f -a "list" -d 'List pull requests'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from pr" -f -a "show" -d 'Show one pull request'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from pr" -f -a "diff" -d 'Print the diff of a pull request'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from pr" -f -a "merge" -d 'Merge a pull request into its base branch'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from pr" -f -a "approve" -d 'Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from pr" -f -a "protect" -d 'GitHub: protect the base branch so GitHub enforces approvals (code-owner review of `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from pr" -f -a "close" -d 'Close a pull request without merging'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from golden-path" -f -a "list" -d 'List golden paths'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from golden-path" -f -a "show" -d 'Show a golden path: version, parameters, files'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from golden-path" -f -a "eject" -d 'Copy an embedded golden path into the platform repo (as a change) to customise it'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from golden-path" -f -a "render" -d 'Render a golden path\'s app repository into a directory (no git, no pull request)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "s3" -d 'Request an S3 bucket'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "rds" -d 'Request a PostgreSQL database on RDS'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "ebs" -d 'Request an EBS volume'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "ec2" -d 'Request EC2 instances'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "ecr" -d 'Request an ECR repository'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "eks" -d 'Request an EKS cluster'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "secrets" -d 'Request a secret (its value is set in the secret store, never in git)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "list" -d 'List requests (merged, and requested in open pull requests)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "show" -d 'Show one request'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "render" -d 'Re-render every request\'s generated files'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "approvals" -d 'Check a pull request\'s approvals against those its requests need (exit 3 if missing)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "plan" -d 'Run `terraform plan` in an environment\'s Terraform root (needs terraform installed)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "example" -d 'Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from provision" -f -a "delete" -d 'Delete a request, its generated files and its catalog entry, as a pull request'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from adr" -f -a "new" -d 'Write a new ADR (the next free number) and update the index, as a change'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from adr" -f -a "list" -d 'List ADRs'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from adr" -f -a "show" -d 'Show one ADR'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from adr" -f -a "status" -d 'Change an ADR\'s status; `superseded --by M` updates both ADRs'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from adr" -f -a "lint" -d 'Check every ADR: numbers (also against the base branch), ids, links, required fields, sections, and that accepted decisions were not edited (exit 3 with file:line)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from adr" -f -a "index" -d 'Regenerate the index table in adrs/README.md (between its markers)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from runbook" -f -a "new" -d 'Write a new runbook (the next free number) and update the index, as a change'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from runbook" -f -a "list" -d 'List runbooks'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from runbook" -f -a "lint" -d 'Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from runbook" -f -a "index" -d 'Regenerate the index table in runbooks/README.md (between its markers)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "set" -d 'Pin an app\'s image in one environment by digest (CI\'s write-back after a build), as a change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "latest" -d 'The newest image in ECR whose tag matches an environment\'s pattern (dev: a git SHA; others: `<env>-<sha7>`)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "lint" -d 'Check the metadata of every doc, app, request and environment (schemas/metadata/, folder metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "coverage" -d 'Metadata coverage by kind; exit 3 below 100%'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "freshness" -d 'Review state of every doc from its review cadence and last review date'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from graph" -f -a "why" -d 'Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the runbooks that cover it, and how it got to its current state'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from teardown" -f -a "run" -d 'Run the environment\'s ordered stage plan (`teardown.stages`): timeouts, retries, break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from teardown" -f -a "report" -d 'Teardown runs against the environment\'s SLO (p50/p95/p99, break-glass rate); a missed SLO is written as a Known limitation through a change'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from records" -f -a "add" -d 'Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a break-glass step or note to an earlier run (`--run-id`)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from records" -f -a "list" -d 'List pipeline runs (each in its latest state), oldest first'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from records" -f -a "migrate" -d 'Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a change (the first write of a kind of record does the same); a second run has nothing to do'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "external-secrets" -d 'Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer served by the External Secrets Operator) to `v1`; a second run has nothing to do'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "policy-inventory" -d 'Move the policies\' lookups of other requests over `input.requests` (written before ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at its line and nothing changes; a second run has nothing to do'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from metrics" -f -a "export" -d 'Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from metrics" -f -a "push" -d 'Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from backstage" -f -a "templates" -d 'Generate a Backstage template per golden path and request kind (and a catalog Location) into the platform repo, as a change'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from backstage" -f -a "enable" -d 'Run Backstage in an environment, as one change: idp.yaml\'s `backstage.environments`, the RDS request of its database (when there is none) and its add-on files'
complete -c idp -n "__fish_idp_using_subcommand help; and __fish_seen_subcommand_from backstage" -f -a "disable" -d 'Stop running Backstage in an environment, as one change: idp.yaml\'s `backstage.environments` and its add-on files (its database stays)'
