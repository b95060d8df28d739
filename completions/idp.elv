
use builtin;
use str;

set edit:completion:arg-completer[idp] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'idp'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'idp'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a platform repo'
            cand validate 'Check files against the schemas, cross-file rules and Rego policies'
            cand env 'Environments: list, show, add, set'
            cand pr 'Pull requests on the configured forge'
            cand new-app 'Create an app from a golden path: its repository and one platform pull request'
            cand golden-path 'Golden paths: list, show, render'
            cand upgrade 'Re-apply a newer golden path version to a generated app repository (three-way merge)'
            cand provision 'Provisioning requests (S3, RDS, EBS, EC2, ECR, EKS, secrets) rendered to Terraform inputs'
            cand adr 'Architecture decision records'
            cand runbook 'Runbooks: operational guidance in one format'
            cand image 'The image an app runs in an environment'
            cand promote 'Promote an app''s image to the next environment, by digest, behind its gates'
            cand rollback 'Restore an earlier image of an app in one environment'
            cand health 'Check an environment''s cluster and platform services after an apply (exit 3 when unhealthy, 1 when the cluster cannot be reached)'
            cand drift 'Drift between git, what idp renders, the cluster and the cloud; remediated by each environment''s policy (`drift.remediate`)'
            cand whoami 'Who you are: the actor commits and records carry, how it was verified, its groups and roles; and the AWS identity (STS)'
            cand login 'Sign in to idp.yaml''s `identity.oidc` issuer (OAuth 2.0 device authorization grant); the tokens are cached under ~/.config/idp (0600)'
            cand logout 'Delete the cached tokens of `idp login` (revoked at the issuer when it can)'
            cand status 'Every app in every environment: image, when and by whom, open promotions, lag'
            cand history 'The promotion log of an app: promotions, image write-backs and rollbacks'
            cand docs 'Docs and metadata: lint (with catalog quality), coverage, review freshness'
            cand graph 'The relation graph of environments, apps, requests, teams, ADRs, runbooks, promotions'
            cand teardown 'Tear down an environment: the GitOps change (this), `run` its stage plan, `report` on the SLO'
            cand records 'Workflow records (.idp/records/): record a pipeline step idp did not run, list runs, migrate legacy .jsonl records'
            cand migrate 'Move what earlier idp versions wrote to what this one writes, as a change'
            cand metrics 'Pipeline and drift metrics from the records: export them, push them to a Pushgateway'
            cand backstage 'Backstage: software templates generated from the golden paths and request schemas'
            cand mcp 'An MCP server over stdio: the commands as tools (changes are dry runs unless `apply`), the platform repo''s docs, schemas and graph as resources, guided prompts'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one page per subcommand into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;init'= {
            cand --org 'Organisation name (GitHub org, Backstage namespace)'
            cand --prefix 'Naming prefix for cloud resources'
            cand --region 'Default AWS region'
            cand --domain 'Base DNS domain for ingress hosts'
            cand --action 'The idp GitHub Action the workflows use, `owner/repo@ref` (default: `ci.action` of an existing idp.yaml, else `<org>/idp@v<this version>`)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --force 'Add missing files to an existing platform repo (existing files are never overwritten)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;validate'= {
            cand --base 'With --changed: the branch the changes are measured from (default: the forge''s base branch, `origin/<base>` when the remote has it)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --changed 'Only what this branch changes since --base (committed and not), and the files whose cross-file rules depend on them: what the pull request workflow runs'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;env'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List environments in promotion order'
            cand show 'Show one environment'
            cand add 'Add an environment to the promotion order'
            cand set 'Set one field of an environment file, keeping comments and formatting'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;env;list'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;env;show'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;env;add'= {
            cand --after 'The environment it is promoted from'
            cand --owner 'Owning team (default: the `after` environment''s owner)'
            cand --account 'AWS account id (default: the `after` environment''s account)'
            cand --region 'AWS region (default: the `after` environment''s region)'
            cand --cluster 'EKS cluster name (default: <prefix>-<name>)'
            cand --tier 'Environment tier'
            cand -f 'Read the whole environment from a YAML file (`-` for stdin); flags override it'
            cand --file 'Read the whole environment from a YAML file (`-` for stdin); flags override it'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;env;set'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;env;help'= {
            cand list 'List environments in promotion order'
            cand show 'Show one environment'
            cand add 'Add an environment to the promotion order'
            cand set 'Set one field of an environment file, keeping comments and formatting'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;env;help;list'= {
        }
        &'idp;env;help;show'= {
        }
        &'idp;env;help;add'= {
        }
        &'idp;env;help;set'= {
        }
        &'idp;env;help;help'= {
        }
        &'idp;pr'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List pull requests'
            cand show 'Show one pull request'
            cand diff 'Print the diff of a pull request'
            cand merge 'Merge a pull request into its base branch'
            cand approve 'Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)'
            cand protect 'GitHub: protect the base branch so GitHub enforces approvals (code-owner review of `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`'
            cand close 'Close a pull request without merging'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;pr;list'= {
            cand --state 'Which pull requests to list'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;pr;show'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;pr;diff'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;pr;merge'= {
            cand --strategy 'auto: fast-forward when possible, else a merge commit'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --delete-branch 'Delete the head branch after merging'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;pr;approve'= {
            cand --label 'The approval label, e.g. platform-approved'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;pr;protect'= {
            cand --branch 'The branch to protect (default: `forge.baseBranch`)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;pr;close'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;pr;help'= {
            cand list 'List pull requests'
            cand show 'Show one pull request'
            cand diff 'Print the diff of a pull request'
            cand merge 'Merge a pull request into its base branch'
            cand approve 'Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)'
            cand protect 'GitHub: protect the base branch so GitHub enforces approvals (code-owner review of `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`'
            cand close 'Close a pull request without merging'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;pr;help;list'= {
        }
        &'idp;pr;help;show'= {
        }
        &'idp;pr;help;diff'= {
        }
        &'idp;pr;help;merge'= {
        }
        &'idp;pr;help;approve'= {
        }
        &'idp;pr;help;protect'= {
        }
        &'idp;pr;help;close'= {
        }
        &'idp;pr;help;help'= {
        }
        &'idp;new-app'= {
            cand -t 'Golden path (see `--list`)'
            cand --template 'Golden path (see `--list`)'
            cand --owner 'Owning team'
            cand --description 'One line on what the app does'
            cand --replicas 'Replicas in staging and prod'
            cand --port 'Container port'
            cand --values 'Parameters from a YAML file (a mapping of parameter to value)'
            cand --set 'One parameter, `key=value` (the value is read as YAML: `3`, `true`, `text`)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --no-ingress 'Do not expose the app through Kong'
            cand --list 'List the golden paths and exit'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;golden-path'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List golden paths'
            cand show 'Show a golden path: version, parameters, files'
            cand eject 'Copy an embedded golden path into the platform repo (as a change) to customise it'
            cand render 'Render a golden path''s app repository into a directory (no git, no pull request)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;golden-path;list'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;golden-path;show'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;golden-path;eject'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;golden-path;render'= {
            cand --out 'Directory to render into (must be empty or missing)'
            cand --values 'Parameters from a YAML file (a mapping of parameter to value)'
            cand --set 'One parameter, `key=value` (the value is read as YAML: `3`, `true`, `text`)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;golden-path;help'= {
            cand list 'List golden paths'
            cand show 'Show a golden path: version, parameters, files'
            cand eject 'Copy an embedded golden path into the platform repo (as a change) to customise it'
            cand render 'Render a golden path''s app repository into a directory (no git, no pull request)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;golden-path;help;list'= {
        }
        &'idp;golden-path;help;show'= {
        }
        &'idp;golden-path;help;eject'= {
        }
        &'idp;golden-path;help;render'= {
        }
        &'idp;golden-path;help;help'= {
        }
        &'idp;upgrade'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --check 'Exit 5 when a newer golden path version is available, 0 when up to date'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand s3 'Request an S3 bucket'
            cand rds 'Request a PostgreSQL database on RDS'
            cand ebs 'Request an EBS volume'
            cand ec2 'Request EC2 instances'
            cand ecr 'Request an ECR repository'
            cand eks 'Request an EKS cluster'
            cand secrets 'Request a secret (its value is set in the secret store, never in git)'
            cand list 'List requests (merged, and requested in open pull requests)'
            cand show 'Show one request'
            cand render 'Re-render every request''s generated files'
            cand approvals 'Check a pull request''s approvals against those its requests need (exit 3 if missing)'
            cand plan 'Run `terraform plan` in an environment''s Terraform root (needs terraform installed)'
            cand example 'Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`'
            cand delete 'Delete a request, its generated files and its catalog entry, as a pull request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;provision;s3'= {
            cand --env 'Environment (default: the request file''s `environment:`; both given must agree)'
            cand --owner 'Owning team'
            cand --name 'The resource''s name (bucket, database, repository, cluster or secret name)'
            cand --size 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)'
            cand --application 'The app this resource belongs to'
            cand --title 'A title for reviewers'
            cand --description 'What it is for'
            cand --set 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`'
            cand -f 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --file 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --values 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;rds'= {
            cand --env 'Environment (default: the request file''s `environment:`; both given must agree)'
            cand --owner 'Owning team'
            cand --name 'The resource''s name (bucket, database, repository, cluster or secret name)'
            cand --size 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)'
            cand --application 'The app this resource belongs to'
            cand --title 'A title for reviewers'
            cand --description 'What it is for'
            cand --set 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`'
            cand -f 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --file 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --values 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;ebs'= {
            cand --env 'Environment (default: the request file''s `environment:`; both given must agree)'
            cand --owner 'Owning team'
            cand --name 'The resource''s name (bucket, database, repository, cluster or secret name)'
            cand --size 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)'
            cand --application 'The app this resource belongs to'
            cand --title 'A title for reviewers'
            cand --description 'What it is for'
            cand --set 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`'
            cand -f 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --file 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --values 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;ec2'= {
            cand --env 'Environment (default: the request file''s `environment:`; both given must agree)'
            cand --owner 'Owning team'
            cand --name 'The resource''s name (bucket, database, repository, cluster or secret name)'
            cand --size 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)'
            cand --application 'The app this resource belongs to'
            cand --title 'A title for reviewers'
            cand --description 'What it is for'
            cand --set 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`'
            cand -f 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --file 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --values 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;ecr'= {
            cand --env 'Environment (default: the request file''s `environment:`; both given must agree)'
            cand --owner 'Owning team'
            cand --name 'The resource''s name (bucket, database, repository, cluster or secret name)'
            cand --size 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)'
            cand --application 'The app this resource belongs to'
            cand --title 'A title for reviewers'
            cand --description 'What it is for'
            cand --set 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`'
            cand -f 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --file 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --values 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;eks'= {
            cand --env 'Environment (default: the request file''s `environment:`; both given must agree)'
            cand --owner 'Owning team'
            cand --name 'The resource''s name (bucket, database, repository, cluster or secret name)'
            cand --size 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)'
            cand --application 'The app this resource belongs to'
            cand --title 'A title for reviewers'
            cand --description 'What it is for'
            cand --set 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`'
            cand -f 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --file 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --values 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;secrets'= {
            cand --env 'Environment (default: the request file''s `environment:`; both given must agree)'
            cand --owner 'Owning team'
            cand --name 'The resource''s name (bucket, database, repository, cluster or secret name)'
            cand --size 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)'
            cand --application 'The app this resource belongs to'
            cand --title 'A title for reviewers'
            cand --description 'What it is for'
            cand --set 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`'
            cand -f 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --file 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --values 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;list'= {
            cand --env 'Only this environment'
            cand --kind 'Only this kind'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;show'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;render'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --check 'Exit 5 when a generated file differs from a fresh render (a hand edit, a stale render)'
            cand --fix 'Heal the differences through a pull request'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;approvals'= {
            cand --labels 'The labels the pull request has, comma-separated (ignored with `--pr`)'
            cand --pr 'Check who approved pull request N instead of its labels: reviews at its head commit on GitHub, the approvals of its record on the local forge, against the roles'
            cand --base 'Compare with this ref to find the changed requests (default: the base branch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;plan'= {
            cand --env 'Environment'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --detailed-exitcode 'Exit 5 when the plan has changes (terraform''s -detailed-exitcode)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;example'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;delete'= {
            cand --break-glass 'Confirm destroying a production database: `--break-glass "destroy RDS-0001"`'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;provision;help'= {
            cand s3 'Request an S3 bucket'
            cand rds 'Request a PostgreSQL database on RDS'
            cand ebs 'Request an EBS volume'
            cand ec2 'Request EC2 instances'
            cand ecr 'Request an ECR repository'
            cand eks 'Request an EKS cluster'
            cand secrets 'Request a secret (its value is set in the secret store, never in git)'
            cand list 'List requests (merged, and requested in open pull requests)'
            cand show 'Show one request'
            cand render 'Re-render every request''s generated files'
            cand approvals 'Check a pull request''s approvals against those its requests need (exit 3 if missing)'
            cand plan 'Run `terraform plan` in an environment''s Terraform root (needs terraform installed)'
            cand example 'Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`'
            cand delete 'Delete a request, its generated files and its catalog entry, as a pull request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;provision;help;s3'= {
        }
        &'idp;provision;help;rds'= {
        }
        &'idp;provision;help;ebs'= {
        }
        &'idp;provision;help;ec2'= {
        }
        &'idp;provision;help;ecr'= {
        }
        &'idp;provision;help;eks'= {
        }
        &'idp;provision;help;secrets'= {
        }
        &'idp;provision;help;list'= {
        }
        &'idp;provision;help;show'= {
        }
        &'idp;provision;help;render'= {
        }
        &'idp;provision;help;approvals'= {
        }
        &'idp;provision;help;plan'= {
        }
        &'idp;provision;help;example'= {
        }
        &'idp;provision;help;delete'= {
        }
        &'idp;provision;help;help'= {
        }
        &'idp;adr'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand new 'Write a new ADR (the next free number) and update the index, as a change'
            cand list 'List ADRs'
            cand show 'Show one ADR'
            cand status 'Change an ADR''s status; `superseded --by M` updates both ADRs'
            cand lint 'Check every ADR: numbers (also against the base branch), ids, links, required fields, sections, and that accepted decisions were not edited (exit 3 with file:line)'
            cand index 'Regenerate the index table in adrs/README.md (between its markers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;adr;new'= {
            cand --domain 'Domain (e.g. platform-core, delivery)'
            cand --owner 'Owning team'
            cand --supersedes 'ADRs this one supersedes (ids)'
            cand --relates-to 'Related ADRs or runbooks (ids)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;adr;list'= {
            cand --status 'Only this status'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;adr;show'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;adr;status'= {
            cand --by 'The ADR that supersedes this one'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;adr;lint'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;adr;index'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --check 'Exit 5 when the committed index differs (drift), write nothing'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;adr;help'= {
            cand new 'Write a new ADR (the next free number) and update the index, as a change'
            cand list 'List ADRs'
            cand show 'Show one ADR'
            cand status 'Change an ADR''s status; `superseded --by M` updates both ADRs'
            cand lint 'Check every ADR: numbers (also against the base branch), ids, links, required fields, sections, and that accepted decisions were not edited (exit 3 with file:line)'
            cand index 'Regenerate the index table in adrs/README.md (between its markers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;adr;help;new'= {
        }
        &'idp;adr;help;list'= {
        }
        &'idp;adr;help;show'= {
        }
        &'idp;adr;help;status'= {
        }
        &'idp;adr;help;lint'= {
        }
        &'idp;adr;help;index'= {
        }
        &'idp;adr;help;help'= {
        }
        &'idp;runbook'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand new 'Write a new runbook (the next free number) and update the index, as a change'
            cand list 'List runbooks'
            cand lint 'Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)'
            cand index 'Regenerate the index table in runbooks/README.md (between its markers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;runbook;new'= {
            cand --domain 'Domain (teardown, terraform, access, delivery, health, …)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;runbook;list'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;runbook;lint'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;runbook;index'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --check 'Exit 5 when the committed index differs (drift), write nothing'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;runbook;help'= {
            cand new 'Write a new runbook (the next free number) and update the index, as a change'
            cand list 'List runbooks'
            cand lint 'Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)'
            cand index 'Regenerate the index table in runbooks/README.md (between its markers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;runbook;help;new'= {
        }
        &'idp;runbook;help;list'= {
        }
        &'idp;runbook;help;lint'= {
        }
        &'idp;runbook;help;index'= {
        }
        &'idp;runbook;help;help'= {
        }
        &'idp;image'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand set 'Pin an app''s image in one environment by digest (CI''s write-back after a build), as a change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/'
            cand latest 'The newest image in ECR whose tag matches an environment''s pattern (dev: a git SHA; others: `<env>-<sha7>`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;image;set'= {
            cand --env 'The environment whose overlay is edited'
            cand --digest 'The image digest, `sha256:<64 hex>`'
            cand --tag 'The tag the digest was pushed with (recorded; the overlay pins the digest)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --force 'Replace a rollback of this environment (refused otherwise)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;image;latest'= {
            cand --env 'The environment whose tag pattern to match'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;image;help'= {
            cand set 'Pin an app''s image in one environment by digest (CI''s write-back after a build), as a change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/'
            cand latest 'The newest image in ECR whose tag matches an environment''s pattern (dev: a git SHA; others: `<env>-<sha7>`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;image;help;set'= {
        }
        &'idp;image;help;latest'= {
        }
        &'idp;image;help;help'= {
        }
        &'idp;promote'= {
            cand --to 'The target environment'
            cand --from 'The source environment (default: the one before the target in the promotion order)'
            cand --skip-reason 'Why environments in between are skipped (each must allow it)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --no-registry 'Make no registry calls (offline): the digest is not checked in ECR and not tagged'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;rollback'= {
            cand --env 'The environment to roll back'
            cand --to 'A promotion record id (`P-0003`) or a digest (default: the image before the current one)'
            cand --reason 'Why (recorded, and in the pull request)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;health'= {
            cand --env 'The environment (its file gives the kube context, namespaces and endpoints: `health:`)'
            cand --tier 'The highest tier to check: 0 API, nodes, kube-system; 1 Argo CD, system pods, ExternalSecrets, ingresses, Kong; 2 Backstage, Grafana; 3 Keycloak'
            cand --kubeconfig 'The kubeconfig file (default: `$KUBECONFIG`, then `~/.kube/config`)'
            cand --context 'The kubeconfig context (default: the environment''s `health.context`, then the current context)'
            cand --timeout 'How long --wait polls'
            cand --retries 'Retries after an unhealthy run (default: the environment''s `health.retries`, else 3)'
            cand --backoff 'The pause before each retry or poll (default: `health.backoff`, else 30s)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --wait 'Poll until healthy (or until --timeout), e.g. right after an apply'
            cand --record 'Record the result in .idp/records/health/ENV/, as a change (promotion gates read it)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;drift'= {
            cand --env 'Only this environment (default: every one; the cluster layer needs its kube context)'
            cand --layer 'Only these layers (repeatable; default: all three)'
            cand --kubeconfig 'The kubeconfig file (default: `$KUBECONFIG`, then `~/.kube/config`)'
            cand --context 'The kubeconfig context (default: the environment''s `health.context`)'
            cand --plan 'A Terraform plan of the environment''s root, as JSON (`terraform show -json PLANFILE` or `terraform plan -json`), instead of running Terraform; needs --env'
            cand --remediate 'What to do about the drift found, for this run (default: each environment''s `drift.remediate`; `alert` in production, else `pr`)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --record 'Record each environment''s run in .idp/records/drift/ENV/, as a change (`--direct` applies to the record: a remediation is always a pull request)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'idp;whoami'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --no-aws 'Skip the AWS identity (STS GetCallerIdentity)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;login'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;logout'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;status'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;history'= {
            cand --env 'Only this environment'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;docs'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand lint 'Check the metadata of every doc, app, request and environment (schemas/metadata/, folder metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)'
            cand coverage 'Metadata coverage by kind; exit 3 below 100%'
            cand freshness 'Review state of every doc from its review cadence and last review date'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;docs;lint'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;docs;coverage'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;docs;freshness'= {
            cand --warn-within 'Report docs due within this many days as `due-soon`'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --fail 'Exit 3 when a doc is overdue'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;docs;help'= {
            cand lint 'Check the metadata of every doc, app, request and environment (schemas/metadata/, folder metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)'
            cand coverage 'Metadata coverage by kind; exit 3 below 100%'
            cand freshness 'Review state of every doc from its review cadence and last review date'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;docs;help;lint'= {
        }
        &'idp;docs;help;coverage'= {
        }
        &'idp;docs;help;freshness'= {
        }
        &'idp;docs;help;help'= {
        }
        &'idp;graph'= {
            cand --format 'Output format of the whole graph (`-o json` is the same as `--format json`)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand why 'Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the runbooks that cover it, and how it got to its current state'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;graph;why'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;graph;help'= {
            cand why 'Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the runbooks that cover it, and how it got to its current state'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;graph;help;why'= {
        }
        &'idp;graph;help;help'= {
        }
        &'idp;teardown'= {
            cand --env 'The environment whose apps, Argo CD applications and requests are removed'
            cand --build-id 'Only the requests of this build (`dd-mm-yy-NN`, their `spec.buildId`)'
            cand --lifecycle '`persistent` keeps databases and secrets even where the environment file says ephemeral (a persistent environment cannot be made ephemeral here)'
            cand --confirm 'Confirm by naming the environment (required for production)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand run 'Run the environment''s ordered stage plan (`teardown.stages`): timeouts, retries, break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails'
            cand report 'Teardown runs against the environment''s SLO (p50/p95/p99, break-glass rate); a missed SLO is written as a Known limitation through a change'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;teardown;run'= {
            cand --env 'The environment'
            cand --build-id 'The build being torn down (`dd-mm-yy-NN`), recorded with the run'
            cand --resume 'Resume a failed or interrupted run from the stage that did not finish'
            cand --confirm 'Confirm by naming the environment (asked on a terminal when missing)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the stages that would run, run nothing and record nothing'
            cand --no-push 'Do not push the run''s record to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;teardown;report'= {
            cand --env 'Only this environment (default: every environment with teardown runs)'
            cand --last 'Only the last N runs of each environment'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --fail 'Exit 3 when an SLO is missed'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;teardown;help'= {
            cand run 'Run the environment''s ordered stage plan (`teardown.stages`): timeouts, retries, break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails'
            cand report 'Teardown runs against the environment''s SLO (p50/p95/p99, break-glass rate); a missed SLO is written as a Known limitation through a change'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;teardown;help;run'= {
        }
        &'idp;teardown;help;report'= {
        }
        &'idp;teardown;help;help'= {
        }
        &'idp;records'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a break-glass step or note to an earlier run (`--run-id`)'
            cand list 'List pipeline runs (each in its latest state), oldest first'
            cand migrate 'Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a change (the first write of a kind of record does the same); a second run has nothing to do'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;records;add'= {
            cand --phase 'The phase: plan, apply, teardown, promote, build, deploy, … (lowercase, `-`)'
            cand --env 'The environment'
            cand --build-id 'The build (`dd-mm-yy-NN`): unique per environment and phase'
            cand --result 'How the step ended (default: from --exit-code, else success)'
            cand --exit-code 'The step''s exit code'
            cand --start 'When the step started (RFC 3339 UTC, `2026-11-26T10:00:00Z`)'
            cand --end 'When the step ended (default: now)'
            cand --duration 'How long it took, in seconds (default: from --start and --end)'
            cand --retries 'Extra attempts the step made'
            cand --terraform-output 'Terraform''s output (`-` for stdin): the resource counts are read from its summary line'
            cand --run-id 'Add to this earlier run instead of recording a new one (with --break-glass, --note)'
            cand --note 'What was done and why'
            cand --service 'The service the step belongs to (a metrics label)'
            cand --team 'The owning team (a metrics label)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --break-glass 'Break-glass was used (with --run-id: a step done by hand on that run)'
            cand --dry-run 'Print the record and the change, write nothing'
            cand --no-push 'Do not push the record to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'idp;records;list'= {
            cand --env 'Only this environment'
            cand --phase 'Only this phase'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;records;migrate'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;records;help'= {
            cand add 'Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a break-glass step or note to an earlier run (`--run-id`)'
            cand list 'List pipeline runs (each in its latest state), oldest first'
            cand migrate 'Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a change (the first write of a kind of record does the same); a second run has nothing to do'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;records;help;add'= {
        }
        &'idp;records;help;list'= {
        }
        &'idp;records;help;migrate'= {
        }
        &'idp;records;help;help'= {
        }
        &'idp;migrate'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand external-secrets 'Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer served by the External Secrets Operator) to `v1`; a second run has nothing to do'
            cand policy-inventory 'Move the policies'' lookups of other requests over `input.requests` (written before ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at its line and nothing changes; a second run has nothing to do'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;migrate;external-secrets'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;migrate;policy-inventory'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;migrate;help'= {
            cand external-secrets 'Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer served by the External Secrets Operator) to `v1`; a second run has nothing to do'
            cand policy-inventory 'Move the policies'' lookups of other requests over `input.requests` (written before ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at its line and nothing changes; a second run has nothing to do'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;migrate;help;external-secrets'= {
        }
        &'idp;migrate;help;policy-inventory'= {
        }
        &'idp;migrate;help;help'= {
        }
        &'idp;metrics'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand export 'Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV'
            cand push 'Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;metrics;export'= {
            cand --format 'The export format (default: Prometheus text exposition; `-o json` or `-o yaml` give the metric families as JSON or YAML, like `--format json`); `--format` wins over `-o`'
            cand --env 'Only this environment'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;metrics;push'= {
            cand --gateway 'The Pushgateway, e.g. `http://pushgateway:9091`'
            cand --job 'The `job` grouping label'
            cand --env 'Only this environment'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;metrics;help'= {
            cand export 'Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV'
            cand push 'Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;metrics;help;export'= {
        }
        &'idp;metrics;help;push'= {
        }
        &'idp;metrics;help;help'= {
        }
        &'idp;backstage'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand templates 'Generate a Backstage template per golden path and request kind (and a catalog Location) into the platform repo, as a change'
            cand enable 'Run Backstage in an environment, as one change: idp.yaml''s `backstage.environments`, the RDS request of its database (when there is none) and its add-on files'
            cand disable 'Stop running Backstage in an environment, as one change: idp.yaml''s `backstage.environments` and its add-on files (its database stays)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;backstage;templates'= {
            cand --out 'Write the files into this directory instead (no git, no pull request)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --check 'Exit 5 when the committed templates differ from a fresh generation; write nothing'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;backstage;enable'= {
            cand --tag 'Pin the platform''s Backstage image to this tag (`backstage.image.tag`)'
            cand --digest 'Pin the platform''s Backstage image to this digest (`backstage.image.digest`)'
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;backstage;disable'= {
            cand --base 'The branch the change is based on and merged into (default: forge.baseBranch)'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --dry-run 'Print the plan (unified diff) and write nothing'
            cand --detailed-exitcode 'With --dry-run: exit 5 when there is something to change'
            cand --direct 'Commit straight to the base branch instead of opening a pull request'
            cand --no-push 'Do not push to the `origin` remote'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;backstage;help'= {
            cand templates 'Generate a Backstage template per golden path and request kind (and a catalog Location) into the platform repo, as a change'
            cand enable 'Run Backstage in an environment, as one change: idp.yaml''s `backstage.environments`, the RDS request of its database (when there is none) and its add-on files'
            cand disable 'Stop running Backstage in an environment, as one change: idp.yaml''s `backstage.environments` and its add-on files (its database stays)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;backstage;help;templates'= {
        }
        &'idp;backstage;help;enable'= {
        }
        &'idp;backstage;help;disable'= {
        }
        &'idp;backstage;help;help'= {
        }
        &'idp;mcp'= {
            cand --allow-dir 'Let tools read files in DIR too (repeatable). Tools read paths inside the platform repo and these directories only; any other path an agent passes is refused'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --list 'Print the tool catalogue (names, commands, input schemas with `-o json`) and exit'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;completions'= {
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;man'= {
            cand --out-dir 'Write `idp.1` and one page per subcommand (`idp-adr-new.1`, …) into this directory (created if missing) instead of printing the top page'
            cand --platform 'The platform repo (default: walk up from the current directory to `idp.yaml`)'
            cand -o 'Output format for results on stdout'
            cand --output 'Output format for results on stdout'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Print results only, no status lines'
            cand --quiet 'Print results only, no status lines'
            cand -v 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More logging on stderr (-v info, -vv debug, -vvv trace)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'idp;help'= {
            cand init 'Create a platform repo'
            cand validate 'Check files against the schemas, cross-file rules and Rego policies'
            cand env 'Environments: list, show, add, set'
            cand pr 'Pull requests on the configured forge'
            cand new-app 'Create an app from a golden path: its repository and one platform pull request'
            cand golden-path 'Golden paths: list, show, render'
            cand upgrade 'Re-apply a newer golden path version to a generated app repository (three-way merge)'
            cand provision 'Provisioning requests (S3, RDS, EBS, EC2, ECR, EKS, secrets) rendered to Terraform inputs'
            cand adr 'Architecture decision records'
            cand runbook 'Runbooks: operational guidance in one format'
            cand image 'The image an app runs in an environment'
            cand promote 'Promote an app''s image to the next environment, by digest, behind its gates'
            cand rollback 'Restore an earlier image of an app in one environment'
            cand health 'Check an environment''s cluster and platform services after an apply (exit 3 when unhealthy, 1 when the cluster cannot be reached)'
            cand drift 'Drift between git, what idp renders, the cluster and the cloud; remediated by each environment''s policy (`drift.remediate`)'
            cand whoami 'Who you are: the actor commits and records carry, how it was verified, its groups and roles; and the AWS identity (STS)'
            cand login 'Sign in to idp.yaml''s `identity.oidc` issuer (OAuth 2.0 device authorization grant); the tokens are cached under ~/.config/idp (0600)'
            cand logout 'Delete the cached tokens of `idp login` (revoked at the issuer when it can)'
            cand status 'Every app in every environment: image, when and by whom, open promotions, lag'
            cand history 'The promotion log of an app: promotions, image write-backs and rollbacks'
            cand docs 'Docs and metadata: lint (with catalog quality), coverage, review freshness'
            cand graph 'The relation graph of environments, apps, requests, teams, ADRs, runbooks, promotions'
            cand teardown 'Tear down an environment: the GitOps change (this), `run` its stage plan, `report` on the SLO'
            cand records 'Workflow records (.idp/records/): record a pipeline step idp did not run, list runs, migrate legacy .jsonl records'
            cand migrate 'Move what earlier idp versions wrote to what this one writes, as a change'
            cand metrics 'Pipeline and drift metrics from the records: export them, push them to a Pushgateway'
            cand backstage 'Backstage: software templates generated from the golden paths and request schemas'
            cand mcp 'An MCP server over stdio: the commands as tools (changes are dry runs unless `apply`), the platform repo''s docs, schemas and graph as resources, guided prompts'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one page per subcommand into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'idp;help;init'= {
        }
        &'idp;help;validate'= {
        }
        &'idp;help;env'= {
            cand list 'List environments in promotion order'
            cand show 'Show one environment'
            cand add 'Add an environment to the promotion order'
            cand set 'Set one field of an environment file, keeping comments and formatting'
        }
        &'idp;help;env;list'= {
        }
        &'idp;help;env;show'= {
        }
        &'idp;help;env;add'= {
        }
        &'idp;help;env;set'= {
        }
        &'idp;help;pr'= {
            cand list 'List pull requests'
            cand show 'Show one pull request'
            cand diff 'Print the diff of a pull request'
            cand merge 'Merge a pull request into its base branch'
            cand approve 'Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)'
            cand protect 'GitHub: protect the base branch so GitHub enforces approvals (code-owner review of `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`'
            cand close 'Close a pull request without merging'
        }
        &'idp;help;pr;list'= {
        }
        &'idp;help;pr;show'= {
        }
        &'idp;help;pr;diff'= {
        }
        &'idp;help;pr;merge'= {
        }
        &'idp;help;pr;approve'= {
        }
        &'idp;help;pr;protect'= {
        }
        &'idp;help;pr;close'= {
        }
        &'idp;help;new-app'= {
        }
        &'idp;help;golden-path'= {
            cand list 'List golden paths'
            cand show 'Show a golden path: version, parameters, files'
            cand eject 'Copy an embedded golden path into the platform repo (as a change) to customise it'
            cand render 'Render a golden path''s app repository into a directory (no git, no pull request)'
        }
        &'idp;help;golden-path;list'= {
        }
        &'idp;help;golden-path;show'= {
        }
        &'idp;help;golden-path;eject'= {
        }
        &'idp;help;golden-path;render'= {
        }
        &'idp;help;upgrade'= {
        }
        &'idp;help;provision'= {
            cand s3 'Request an S3 bucket'
            cand rds 'Request a PostgreSQL database on RDS'
            cand ebs 'Request an EBS volume'
            cand ec2 'Request EC2 instances'
            cand ecr 'Request an ECR repository'
            cand eks 'Request an EKS cluster'
            cand secrets 'Request a secret (its value is set in the secret store, never in git)'
            cand list 'List requests (merged, and requested in open pull requests)'
            cand show 'Show one request'
            cand render 'Re-render every request''s generated files'
            cand approvals 'Check a pull request''s approvals against those its requests need (exit 3 if missing)'
            cand plan 'Run `terraform plan` in an environment''s Terraform root (needs terraform installed)'
            cand example 'Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`'
            cand delete 'Delete a request, its generated files and its catalog entry, as a pull request'
        }
        &'idp;help;provision;s3'= {
        }
        &'idp;help;provision;rds'= {
        }
        &'idp;help;provision;ebs'= {
        }
        &'idp;help;provision;ec2'= {
        }
        &'idp;help;provision;ecr'= {
        }
        &'idp;help;provision;eks'= {
        }
        &'idp;help;provision;secrets'= {
        }
        &'idp;help;provision;list'= {
        }
        &'idp;help;provision;show'= {
        }
        &'idp;help;provision;render'= {
        }
        &'idp;help;provision;approvals'= {
        }
        &'idp;help;provision;plan'= {
        }
        &'idp;help;provision;example'= {
        }
        &'idp;help;provision;delete'= {
        }
        &'idp;help;adr'= {
            cand new 'Write a new ADR (the next free number) and update the index, as a change'
            cand list 'List ADRs'
            cand show 'Show one ADR'
            cand status 'Change an ADR''s status; `superseded --by M` updates both ADRs'
            cand lint 'Check every ADR: numbers (also against the base branch), ids, links, required fields, sections, and that accepted decisions were not edited (exit 3 with file:line)'
            cand index 'Regenerate the index table in adrs/README.md (between its markers)'
        }
        &'idp;help;adr;new'= {
        }
        &'idp;help;adr;list'= {
        }
        &'idp;help;adr;show'= {
        }
        &'idp;help;adr;status'= {
        }
        &'idp;help;adr;lint'= {
        }
        &'idp;help;adr;index'= {
        }
        &'idp;help;runbook'= {
            cand new 'Write a new runbook (the next free number) and update the index, as a change'
            cand list 'List runbooks'
            cand lint 'Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)'
            cand index 'Regenerate the index table in runbooks/README.md (between its markers)'
        }
        &'idp;help;runbook;new'= {
        }
        &'idp;help;runbook;list'= {
        }
        &'idp;help;runbook;lint'= {
        }
        &'idp;help;runbook;index'= {
        }
        &'idp;help;image'= {
            cand set 'Pin an app''s image in one environment by digest (CI''s write-back after a build), as a change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/'
            cand latest 'The newest image in ECR whose tag matches an environment''s pattern (dev: a git SHA; others: `<env>-<sha7>`)'
        }
        &'idp;help;image;set'= {
        }
        &'idp;help;image;latest'= {
        }
        &'idp;help;promote'= {
        }
        &'idp;help;rollback'= {
        }
        &'idp;help;health'= {
        }
        &'idp;help;drift'= {
        }
        &'idp;help;whoami'= {
        }
        &'idp;help;login'= {
        }
        &'idp;help;logout'= {
        }
        &'idp;help;status'= {
        }
        &'idp;help;history'= {
        }
        &'idp;help;docs'= {
            cand lint 'Check the metadata of every doc, app, request and environment (schemas/metadata/, folder metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)'
            cand coverage 'Metadata coverage by kind; exit 3 below 100%'
            cand freshness 'Review state of every doc from its review cadence and last review date'
        }
        &'idp;help;docs;lint'= {
        }
        &'idp;help;docs;coverage'= {
        }
        &'idp;help;docs;freshness'= {
        }
        &'idp;help;graph'= {
            cand why 'Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the runbooks that cover it, and how it got to its current state'
        }
        &'idp;help;graph;why'= {
        }
        &'idp;help;teardown'= {
            cand run 'Run the environment''s ordered stage plan (`teardown.stages`): timeouts, retries, break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails'
            cand report 'Teardown runs against the environment''s SLO (p50/p95/p99, break-glass rate); a missed SLO is written as a Known limitation through a change'
        }
        &'idp;help;teardown;run'= {
        }
        &'idp;help;teardown;report'= {
        }
        &'idp;help;records'= {
            cand add 'Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a break-glass step or note to an earlier run (`--run-id`)'
            cand list 'List pipeline runs (each in its latest state), oldest first'
            cand migrate 'Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a change (the first write of a kind of record does the same); a second run has nothing to do'
        }
        &'idp;help;records;add'= {
        }
        &'idp;help;records;list'= {
        }
        &'idp;help;records;migrate'= {
        }
        &'idp;help;migrate'= {
            cand external-secrets 'Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer served by the External Secrets Operator) to `v1`; a second run has nothing to do'
            cand policy-inventory 'Move the policies'' lookups of other requests over `input.requests` (written before ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at its line and nothing changes; a second run has nothing to do'
        }
        &'idp;help;migrate;external-secrets'= {
        }
        &'idp;help;migrate;policy-inventory'= {
        }
        &'idp;help;metrics'= {
            cand export 'Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV'
            cand push 'Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)'
        }
        &'idp;help;metrics;export'= {
        }
        &'idp;help;metrics;push'= {
        }
        &'idp;help;backstage'= {
            cand templates 'Generate a Backstage template per golden path and request kind (and a catalog Location) into the platform repo, as a change'
            cand enable 'Run Backstage in an environment, as one change: idp.yaml''s `backstage.environments`, the RDS request of its database (when there is none) and its add-on files'
            cand disable 'Stop running Backstage in an environment, as one change: idp.yaml''s `backstage.environments` and its add-on files (its database stays)'
        }
        &'idp;help;backstage;templates'= {
        }
        &'idp;help;backstage;enable'= {
        }
        &'idp;help;backstage;disable'= {
        }
        &'idp;help;mcp'= {
        }
        &'idp;help;completions'= {
        }
        &'idp;help;man'= {
        }
        &'idp;help;help'= {
        }
    ]
    $completions[$command]
}
