
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'idp' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'idp'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'idp' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a platform repo')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check files against the schemas, cross-file rules and Rego policies')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Environments: list, show, add, set')
            [CompletionResult]::new('pr', 'pr', [CompletionResultType]::ParameterValue, 'Pull requests on the configured forge')
            [CompletionResult]::new('new-app', 'new-app', [CompletionResultType]::ParameterValue, 'Create an app from a golden path: its repository and one platform pull request')
            [CompletionResult]::new('golden-path', 'golden-path', [CompletionResultType]::ParameterValue, 'Golden paths: list, show, render')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Re-apply a newer golden path version to a generated app repository (three-way merge)')
            [CompletionResult]::new('provision', 'provision', [CompletionResultType]::ParameterValue, 'Provisioning requests (S3, RDS, EBS, EC2, ECR, EKS, secrets) rendered to Terraform inputs')
            [CompletionResult]::new('adr', 'adr', [CompletionResultType]::ParameterValue, 'Architecture decision records')
            [CompletionResult]::new('runbook', 'runbook', [CompletionResultType]::ParameterValue, 'Runbooks: operational guidance in one format')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'The image an app runs in an environment')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Promote an app''s image to the next environment, by digest, behind its gates')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Restore an earlier image of an app in one environment')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check an environment''s cluster and platform services after an apply (exit 3 when unhealthy, 1 when the cluster cannot be reached)')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Drift between git, what idp renders, the cluster and the cloud; remediated by each environment''s policy (`drift.remediate`)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Who you are: the actor commits and records carry, how it was verified, its groups and roles; and the AWS identity (STS)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in to idp.yaml''s `identity.oidc` issuer (OAuth 2.0 device authorization grant); the tokens are cached under ~/.config/idp (0600)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete the cached tokens of `idp login` (revoked at the issuer when it can)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every app in every environment: image, when and by whom, open promotions, lag')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The promotion log of an app: promotions, image write-backs and rollbacks')
            [CompletionResult]::new('docs', 'docs', [CompletionResultType]::ParameterValue, 'Docs and metadata: lint (with catalog quality), coverage, review freshness')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'The relation graph of environments, apps, requests, teams, ADRs, runbooks, promotions')
            [CompletionResult]::new('teardown', 'teardown', [CompletionResultType]::ParameterValue, 'Tear down an environment: the GitOps change (this), `run` its stage plan, `report` on the SLO')
            [CompletionResult]::new('records', 'records', [CompletionResultType]::ParameterValue, 'Workflow records (.idp/records/): record a pipeline step idp did not run, list runs, migrate legacy .jsonl records')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move what earlier idp versions wrote to what this one writes, as a change')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'Pipeline and drift metrics from the records: export them, push them to a Pushgateway')
            [CompletionResult]::new('backstage', 'backstage', [CompletionResultType]::ParameterValue, 'Backstage: software templates generated from the golden paths and request schemas')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'An MCP server over stdio: the commands as tools (changes are dry runs unless `apply`), the platform repo''s docs, schemas and graph as resources, guided prompts')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one page per subcommand into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;init' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organisation name (GitHub org, Backstage namespace)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Naming prefix for cloud resources')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default AWS region')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Base DNS domain for ingress hosts')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'The idp GitHub Action the workflows use, `owner/repo@ref` (default: `ci.action` of an existing idp.yaml, else `<org>/idp@v<this version>`)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Add missing files to an existing platform repo (existing files are never overwritten)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;validate' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'With --changed: the branch the changes are measured from (default: the forge''s base branch, `origin/<base>` when the remote has it)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--changed', '--changed', [CompletionResultType]::ParameterName, 'Only what this branch changes since --base (committed and not), and the files whose cross-file rules depend on them: what the pull request workflow runs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;env' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments in promotion order')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one environment')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an environment to the promotion order')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one field of an environment file, keeping comments and formatting')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;env;list' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;env;show' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;env;add' {
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'The environment it is promoted from')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team (default: the `after` environment''s owner)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'AWS account id (default: the `after` environment''s account)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: the `after` environment''s region)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'EKS cluster name (default: <prefix>-<name>)')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'Environment tier')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the whole environment from a YAML file (`-` for stdin); flags override it')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the whole environment from a YAML file (`-` for stdin); flags override it')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;env;set' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;env;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments in promotion order')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one environment')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an environment to the promotion order')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one field of an environment file, keeping comments and formatting')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;env;help;list' {
            break
        }
        'idp;env;help;show' {
            break
        }
        'idp;env;help;add' {
            break
        }
        'idp;env;help;set' {
            break
        }
        'idp;env;help;help' {
            break
        }
        'idp;pr' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull requests')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull request')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Print the diff of a pull request')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge a pull request into its base branch')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)')
            [CompletionResult]::new('protect', 'protect', [CompletionResultType]::ParameterValue, 'GitHub: protect the base branch so GitHub enforces approvals (code-owner review of `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a pull request without merging')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;pr;list' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Which pull requests to list')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;pr;show' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;pr;diff' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;pr;merge' {
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'auto: fast-forward when possible, else a merge commit')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--delete-branch', '--delete-branch', [CompletionResultType]::ParameterName, 'Delete the head branch after merging')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;pr;approve' {
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'The approval label, e.g. platform-approved')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;pr;protect' {
            [CompletionResult]::new('--branch', '--branch', [CompletionResultType]::ParameterName, 'The branch to protect (default: `forge.baseBranch`)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;pr;close' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;pr;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull requests')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull request')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Print the diff of a pull request')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge a pull request into its base branch')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)')
            [CompletionResult]::new('protect', 'protect', [CompletionResultType]::ParameterValue, 'GitHub: protect the base branch so GitHub enforces approvals (code-owner review of `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a pull request without merging')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;pr;help;list' {
            break
        }
        'idp;pr;help;show' {
            break
        }
        'idp;pr;help;diff' {
            break
        }
        'idp;pr;help;merge' {
            break
        }
        'idp;pr;help;approve' {
            break
        }
        'idp;pr;help;protect' {
            break
        }
        'idp;pr;help;close' {
            break
        }
        'idp;pr;help;help' {
            break
        }
        'idp;new-app' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Golden path (see `--list`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Golden path (see `--list`)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'One line on what the app does')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Replicas in staging and prod')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Container port')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Parameters from a YAML file (a mapping of parameter to value)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'One parameter, `key=value` (the value is read as YAML: `3`, `true`, `text`)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-ingress', '--no-ingress', [CompletionResultType]::ParameterName, 'Do not expose the app through Kong')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the golden paths and exit')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;golden-path' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List golden paths')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a golden path: version, parameters, files')
            [CompletionResult]::new('eject', 'eject', [CompletionResultType]::ParameterValue, 'Copy an embedded golden path into the platform repo (as a change) to customise it')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a golden path''s app repository into a directory (no git, no pull request)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;golden-path;list' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;golden-path;show' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;golden-path;eject' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;golden-path;render' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Directory to render into (must be empty or missing)')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Parameters from a YAML file (a mapping of parameter to value)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'One parameter, `key=value` (the value is read as YAML: `3`, `true`, `text`)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;golden-path;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List golden paths')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a golden path: version, parameters, files')
            [CompletionResult]::new('eject', 'eject', [CompletionResultType]::ParameterValue, 'Copy an embedded golden path into the platform repo (as a change) to customise it')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a golden path''s app repository into a directory (no git, no pull request)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;golden-path;help;list' {
            break
        }
        'idp;golden-path;help;show' {
            break
        }
        'idp;golden-path;help;eject' {
            break
        }
        'idp;golden-path;help;render' {
            break
        }
        'idp;golden-path;help;help' {
            break
        }
        'idp;upgrade' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit 5 when a newer golden path version is available, 0 when up to date')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('s3', 's3', [CompletionResultType]::ParameterValue, 'Request an S3 bucket')
            [CompletionResult]::new('rds', 'rds', [CompletionResultType]::ParameterValue, 'Request a PostgreSQL database on RDS')
            [CompletionResult]::new('ebs', 'ebs', [CompletionResultType]::ParameterValue, 'Request an EBS volume')
            [CompletionResult]::new('ec2', 'ec2', [CompletionResultType]::ParameterValue, 'Request EC2 instances')
            [CompletionResult]::new('ecr', 'ecr', [CompletionResultType]::ParameterValue, 'Request an ECR repository')
            [CompletionResult]::new('eks', 'eks', [CompletionResultType]::ParameterValue, 'Request an EKS cluster')
            [CompletionResult]::new('secrets', 'secrets', [CompletionResultType]::ParameterValue, 'Request a secret (its value is set in the secret store, never in git)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List requests (merged, and requested in open pull requests)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one request')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Re-render every request''s generated files')
            [CompletionResult]::new('approvals', 'approvals', [CompletionResultType]::ParameterValue, 'Check a pull request''s approvals against those its requests need (exit 3 if missing)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Run `terraform plan` in an environment''s Terraform root (needs terraform installed)')
            [CompletionResult]::new('example', 'example', [CompletionResultType]::ParameterValue, 'Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a request, its generated files and its catalog entry, as a pull request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;provision;s3' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment (default: the request file''s `environment:`; both given must agree)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The resource''s name (bucket, database, repository, cluster or secret name)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)')
            [CompletionResult]::new('--application', '--application', [CompletionResultType]::ParameterName, 'The app this resource belongs to')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'A title for reviewers')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What it is for')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;rds' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment (default: the request file''s `environment:`; both given must agree)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The resource''s name (bucket, database, repository, cluster or secret name)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)')
            [CompletionResult]::new('--application', '--application', [CompletionResultType]::ParameterName, 'The app this resource belongs to')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'A title for reviewers')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What it is for')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;ebs' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment (default: the request file''s `environment:`; both given must agree)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The resource''s name (bucket, database, repository, cluster or secret name)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)')
            [CompletionResult]::new('--application', '--application', [CompletionResultType]::ParameterName, 'The app this resource belongs to')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'A title for reviewers')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What it is for')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;ec2' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment (default: the request file''s `environment:`; both given must agree)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The resource''s name (bucket, database, repository, cluster or secret name)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)')
            [CompletionResult]::new('--application', '--application', [CompletionResultType]::ParameterName, 'The app this resource belongs to')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'A title for reviewers')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What it is for')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;ecr' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment (default: the request file''s `environment:`; both given must agree)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The resource''s name (bucket, database, repository, cluster or secret name)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)')
            [CompletionResult]::new('--application', '--application', [CompletionResultType]::ParameterName, 'The app this resource belongs to')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'A title for reviewers')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What it is for')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;eks' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment (default: the request file''s `environment:`; both given must agree)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The resource''s name (bucket, database, repository, cluster or secret name)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)')
            [CompletionResult]::new('--application', '--application', [CompletionResultType]::ParameterName, 'The app this resource belongs to')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'A title for reviewers')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What it is for')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;secrets' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment (default: the request file''s `environment:`; both given must agree)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The resource''s name (bucket, database, repository, cluster or secret name)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)')
            [CompletionResult]::new('--application', '--application', [CompletionResultType]::ParameterName, 'The app this resource belongs to')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'A title for reviewers')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What it is for')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the same (the name a Backstage `idp:run` step uses)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;list' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only this kind')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;show' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;render' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit 5 when a generated file differs from a fresh render (a hand edit, a stale render)')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Heal the differences through a pull request')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;approvals' {
            [CompletionResult]::new('--labels', '--labels', [CompletionResultType]::ParameterName, 'The labels the pull request has, comma-separated (ignored with `--pr`)')
            [CompletionResult]::new('--pr', '--pr', [CompletionResultType]::ParameterName, 'Check who approved pull request N instead of its labels: reviews at its head commit on GitHub, the approvals of its record on the local forge, against the roles')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Compare with this ref to find the changed requests (default: the base branch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;plan' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'Exit 5 when the plan has changes (terraform''s -detailed-exitcode)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;example' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;delete' {
            [CompletionResult]::new('--break-glass', '--break-glass', [CompletionResultType]::ParameterName, 'Confirm destroying a production database: `--break-glass "destroy RDS-0001"`')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;provision;help' {
            [CompletionResult]::new('s3', 's3', [CompletionResultType]::ParameterValue, 'Request an S3 bucket')
            [CompletionResult]::new('rds', 'rds', [CompletionResultType]::ParameterValue, 'Request a PostgreSQL database on RDS')
            [CompletionResult]::new('ebs', 'ebs', [CompletionResultType]::ParameterValue, 'Request an EBS volume')
            [CompletionResult]::new('ec2', 'ec2', [CompletionResultType]::ParameterValue, 'Request EC2 instances')
            [CompletionResult]::new('ecr', 'ecr', [CompletionResultType]::ParameterValue, 'Request an ECR repository')
            [CompletionResult]::new('eks', 'eks', [CompletionResultType]::ParameterValue, 'Request an EKS cluster')
            [CompletionResult]::new('secrets', 'secrets', [CompletionResultType]::ParameterValue, 'Request a secret (its value is set in the secret store, never in git)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List requests (merged, and requested in open pull requests)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one request')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Re-render every request''s generated files')
            [CompletionResult]::new('approvals', 'approvals', [CompletionResultType]::ParameterValue, 'Check a pull request''s approvals against those its requests need (exit 3 if missing)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Run `terraform plan` in an environment''s Terraform root (needs terraform installed)')
            [CompletionResult]::new('example', 'example', [CompletionResultType]::ParameterValue, 'Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a request, its generated files and its catalog entry, as a pull request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;provision;help;s3' {
            break
        }
        'idp;provision;help;rds' {
            break
        }
        'idp;provision;help;ebs' {
            break
        }
        'idp;provision;help;ec2' {
            break
        }
        'idp;provision;help;ecr' {
            break
        }
        'idp;provision;help;eks' {
            break
        }
        'idp;provision;help;secrets' {
            break
        }
        'idp;provision;help;list' {
            break
        }
        'idp;provision;help;show' {
            break
        }
        'idp;provision;help;render' {
            break
        }
        'idp;provision;help;approvals' {
            break
        }
        'idp;provision;help;plan' {
            break
        }
        'idp;provision;help;example' {
            break
        }
        'idp;provision;help;delete' {
            break
        }
        'idp;provision;help;help' {
            break
        }
        'idp;adr' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new ADR (the next free number) and update the index, as a change')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List ADRs')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one ADR')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Change an ADR''s status; `superseded --by M` updates both ADRs')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check every ADR: numbers (also against the base branch), ids, links, required fields, sections, and that accepted decisions were not edited (exit 3 with file:line)')
            [CompletionResult]::new('index', 'index', [CompletionResultType]::ParameterValue, 'Regenerate the index table in adrs/README.md (between its markers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;adr;new' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Domain (e.g. platform-core, delivery)')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Owning team')
            [CompletionResult]::new('--supersedes', '--supersedes', [CompletionResultType]::ParameterName, 'ADRs this one supersedes (ids)')
            [CompletionResult]::new('--relates-to', '--relates-to', [CompletionResultType]::ParameterName, 'Related ADRs or runbooks (ids)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;adr;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only this status')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;adr;show' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;adr;status' {
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'The ADR that supersedes this one')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;adr;lint' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;adr;index' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit 5 when the committed index differs (drift), write nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;adr;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new ADR (the next free number) and update the index, as a change')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List ADRs')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one ADR')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Change an ADR''s status; `superseded --by M` updates both ADRs')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check every ADR: numbers (also against the base branch), ids, links, required fields, sections, and that accepted decisions were not edited (exit 3 with file:line)')
            [CompletionResult]::new('index', 'index', [CompletionResultType]::ParameterValue, 'Regenerate the index table in adrs/README.md (between its markers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;adr;help;new' {
            break
        }
        'idp;adr;help;list' {
            break
        }
        'idp;adr;help;show' {
            break
        }
        'idp;adr;help;status' {
            break
        }
        'idp;adr;help;lint' {
            break
        }
        'idp;adr;help;index' {
            break
        }
        'idp;adr;help;help' {
            break
        }
        'idp;runbook' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new runbook (the next free number) and update the index, as a change')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List runbooks')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)')
            [CompletionResult]::new('index', 'index', [CompletionResultType]::ParameterValue, 'Regenerate the index table in runbooks/README.md (between its markers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;runbook;new' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Domain (teardown, terraform, access, delivery, health, …)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;runbook;list' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;runbook;lint' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;runbook;index' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit 5 when the committed index differs (drift), write nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;runbook;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new runbook (the next free number) and update the index, as a change')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List runbooks')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)')
            [CompletionResult]::new('index', 'index', [CompletionResultType]::ParameterValue, 'Regenerate the index table in runbooks/README.md (between its markers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;runbook;help;new' {
            break
        }
        'idp;runbook;help;list' {
            break
        }
        'idp;runbook;help;lint' {
            break
        }
        'idp;runbook;help;index' {
            break
        }
        'idp;runbook;help;help' {
            break
        }
        'idp;image' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Pin an app''s image in one environment by digest (CI''s write-back after a build), as a change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/')
            [CompletionResult]::new('latest', 'latest', [CompletionResultType]::ParameterValue, 'The newest image in ECR whose tag matches an environment''s pattern (dev: a git SHA; others: `<env>-<sha7>`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;image;set' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment whose overlay is edited')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'The image digest, `sha256:<64 hex>`')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'The tag the digest was pushed with (recorded; the overlay pins the digest)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a rollback of this environment (refused otherwise)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;image;latest' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment whose tag pattern to match')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;image;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Pin an app''s image in one environment by digest (CI''s write-back after a build), as a change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/')
            [CompletionResult]::new('latest', 'latest', [CompletionResultType]::ParameterValue, 'The newest image in ECR whose tag matches an environment''s pattern (dev: a git SHA; others: `<env>-<sha7>`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;image;help;set' {
            break
        }
        'idp;image;help;latest' {
            break
        }
        'idp;image;help;help' {
            break
        }
        'idp;promote' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The target environment')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The source environment (default: the one before the target in the promotion order)')
            [CompletionResult]::new('--skip-reason', '--skip-reason', [CompletionResultType]::ParameterName, 'Why environments in between are skipped (each must allow it)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-registry', '--no-registry', [CompletionResultType]::ParameterName, 'Make no registry calls (offline): the digest is not checked in ECR and not tagged')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;rollback' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment to roll back')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'A promotion record id (`P-0003`) or a digest (default: the image before the current one)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded, and in the pull request)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;health' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment (its file gives the kube context, namespaces and endpoints: `health:`)')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'The highest tier to check: 0 API, nodes, kube-system; 1 Argo CD, system pods, ExternalSecrets, ingresses, Kong; 2 Backstage, Grafana; 3 Keycloak')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig file (default: `$KUBECONFIG`, then `~/.kube/config`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context (default: the environment''s `health.context`, then the current context)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait polls')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after an unhealthy run (default: the environment''s `health.retries`, else 3)')
            [CompletionResult]::new('--backoff', '--backoff', [CompletionResultType]::ParameterName, 'The pause before each retry or poll (default: `health.backoff`, else 30s)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Poll until healthy (or until --timeout), e.g. right after an apply')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Record the result in .idp/records/health/ENV/, as a change (promotion gates read it)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;drift' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only this environment (default: every one; the cluster layer needs its kube context)')
            [CompletionResult]::new('--layer', '--layer', [CompletionResultType]::ParameterName, 'Only these layers (repeatable; default: all three)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig file (default: `$KUBECONFIG`, then `~/.kube/config`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context (default: the environment''s `health.context`)')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'A Terraform plan of the environment''s root, as JSON (`terraform show -json PLANFILE` or `terraform plan -json`), instead of running Terraform; needs --env')
            [CompletionResult]::new('--remediate', '--remediate', [CompletionResultType]::ParameterName, 'What to do about the drift found, for this run (default: each environment''s `drift.remediate`; `alert` in production, else `pr`)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Record each environment''s run in .idp/records/drift/ENV/, as a change (`--direct` applies to the record: a remediation is always a pull request)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'idp;whoami' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-aws', '--no-aws', [CompletionResultType]::ParameterName, 'Skip the AWS identity (STS GetCallerIdentity)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;login' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;logout' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;status' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;history' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;docs' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check the metadata of every doc, app, request and environment (schemas/metadata/, folder metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)')
            [CompletionResult]::new('coverage', 'coverage', [CompletionResultType]::ParameterValue, 'Metadata coverage by kind; exit 3 below 100%')
            [CompletionResult]::new('freshness', 'freshness', [CompletionResultType]::ParameterValue, 'Review state of every doc from its review cadence and last review date')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;docs;lint' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;docs;coverage' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;docs;freshness' {
            [CompletionResult]::new('--warn-within', '--warn-within', [CompletionResultType]::ParameterName, 'Report docs due within this many days as `due-soon`')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--fail', '--fail', [CompletionResultType]::ParameterName, 'Exit 3 when a doc is overdue')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;docs;help' {
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check the metadata of every doc, app, request and environment (schemas/metadata/, folder metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)')
            [CompletionResult]::new('coverage', 'coverage', [CompletionResultType]::ParameterValue, 'Metadata coverage by kind; exit 3 below 100%')
            [CompletionResult]::new('freshness', 'freshness', [CompletionResultType]::ParameterValue, 'Review state of every doc from its review cadence and last review date')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;docs;help;lint' {
            break
        }
        'idp;docs;help;coverage' {
            break
        }
        'idp;docs;help;freshness' {
            break
        }
        'idp;docs;help;help' {
            break
        }
        'idp;graph' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the whole graph (`-o json` is the same as `--format json`)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('why', 'why', [CompletionResultType]::ParameterValue, 'Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the runbooks that cover it, and how it got to its current state')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;graph;why' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;graph;help' {
            [CompletionResult]::new('why', 'why', [CompletionResultType]::ParameterValue, 'Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the runbooks that cover it, and how it got to its current state')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;graph;help;why' {
            break
        }
        'idp;graph;help;help' {
            break
        }
        'idp;teardown' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment whose apps, Argo CD applications and requests are removed')
            [CompletionResult]::new('--build-id', '--build-id', [CompletionResultType]::ParameterName, 'Only the requests of this build (`dd-mm-yy-NN`, their `spec.buildId`)')
            [CompletionResult]::new('--lifecycle', '--lifecycle', [CompletionResultType]::ParameterName, '`persistent` keeps databases and secrets even where the environment file says ephemeral (a persistent environment cannot be made ephemeral here)')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'Confirm by naming the environment (required for production)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the environment''s ordered stage plan (`teardown.stages`): timeouts, retries, break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Teardown runs against the environment''s SLO (p50/p95/p99, break-glass rate); a missed SLO is written as a Known limitation through a change')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;teardown;run' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--build-id', '--build-id', [CompletionResultType]::ParameterName, 'The build being torn down (`dd-mm-yy-NN`), recorded with the run')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Resume a failed or interrupted run from the stage that did not finish')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'Confirm by naming the environment (asked on a terminal when missing)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the stages that would run, run nothing and record nothing')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push the run''s record to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;teardown;report' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only this environment (default: every environment with teardown runs)')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'Only the last N runs of each environment')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--fail', '--fail', [CompletionResultType]::ParameterName, 'Exit 3 when an SLO is missed')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;teardown;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the environment''s ordered stage plan (`teardown.stages`): timeouts, retries, break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Teardown runs against the environment''s SLO (p50/p95/p99, break-glass rate); a missed SLO is written as a Known limitation through a change')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;teardown;help;run' {
            break
        }
        'idp;teardown;help;report' {
            break
        }
        'idp;teardown;help;help' {
            break
        }
        'idp;records' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a break-glass step or note to an earlier run (`--run-id`)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pipeline runs (each in its latest state), oldest first')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a change (the first write of a kind of record does the same); a second run has nothing to do')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;records;add' {
            [CompletionResult]::new('--phase', '--phase', [CompletionResultType]::ParameterName, 'The phase: plan, apply, teardown, promote, build, deploy, … (lowercase, `-`)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment')
            [CompletionResult]::new('--build-id', '--build-id', [CompletionResultType]::ParameterName, 'The build (`dd-mm-yy-NN`): unique per environment and phase')
            [CompletionResult]::new('--result', '--result', [CompletionResultType]::ParameterName, 'How the step ended (default: from --exit-code, else success)')
            [CompletionResult]::new('--exit-code', '--exit-code', [CompletionResultType]::ParameterName, 'The step''s exit code')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'When the step started (RFC 3339 UTC, `2026-11-26T10:00:00Z`)')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'When the step ended (default: now)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long it took, in seconds (default: from --start and --end)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Extra attempts the step made')
            [CompletionResult]::new('--terraform-output', '--terraform-output', [CompletionResultType]::ParameterName, 'Terraform''s output (`-` for stdin): the resource counts are read from its summary line')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Add to this earlier run instead of recording a new one (with --break-glass, --note)')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'What was done and why')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service the step belongs to (a metrics label)')
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'The owning team (a metrics label)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--break-glass', '--break-glass', [CompletionResultType]::ParameterName, 'Break-glass was used (with --run-id: a step done by hand on that run)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the record and the change, write nothing')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push the record to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'idp;records;list' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--phase', '--phase', [CompletionResultType]::ParameterName, 'Only this phase')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;records;migrate' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;records;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a break-glass step or note to an earlier run (`--run-id`)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pipeline runs (each in its latest state), oldest first')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a change (the first write of a kind of record does the same); a second run has nothing to do')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;records;help;add' {
            break
        }
        'idp;records;help;list' {
            break
        }
        'idp;records;help;migrate' {
            break
        }
        'idp;records;help;help' {
            break
        }
        'idp;migrate' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('external-secrets', 'external-secrets', [CompletionResultType]::ParameterValue, 'Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer served by the External Secrets Operator) to `v1`; a second run has nothing to do')
            [CompletionResult]::new('policy-inventory', 'policy-inventory', [CompletionResultType]::ParameterValue, 'Move the policies'' lookups of other requests over `input.requests` (written before ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at its line and nothing changes; a second run has nothing to do')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;migrate;external-secrets' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;migrate;policy-inventory' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;migrate;help' {
            [CompletionResult]::new('external-secrets', 'external-secrets', [CompletionResultType]::ParameterValue, 'Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer served by the External Secrets Operator) to `v1`; a second run has nothing to do')
            [CompletionResult]::new('policy-inventory', 'policy-inventory', [CompletionResultType]::ParameterValue, 'Move the policies'' lookups of other requests over `input.requests` (written before ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at its line and nothing changes; a second run has nothing to do')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;migrate;help;external-secrets' {
            break
        }
        'idp;migrate;help;policy-inventory' {
            break
        }
        'idp;migrate;help;help' {
            break
        }
        'idp;metrics' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;metrics;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The export format (default: Prometheus text exposition; `-o json` or `-o yaml` give the metric families as JSON or YAML, like `--format json`); `--format` wins over `-o`')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;metrics;push' {
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'The Pushgateway, e.g. `http://pushgateway:9091`')
            [CompletionResult]::new('--job', '--job', [CompletionResultType]::ParameterName, 'The `job` grouping label')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;metrics;help' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;metrics;help;export' {
            break
        }
        'idp;metrics;help;push' {
            break
        }
        'idp;metrics;help;help' {
            break
        }
        'idp;backstage' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('templates', 'templates', [CompletionResultType]::ParameterValue, 'Generate a Backstage template per golden path and request kind (and a catalog Location) into the platform repo, as a change')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Run Backstage in an environment, as one change: idp.yaml''s `backstage.environments`, the RDS request of its database (when there is none) and its add-on files')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop running Backstage in an environment, as one change: idp.yaml''s `backstage.environments` and its add-on files (its database stays)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;backstage;templates' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the files into this directory instead (no git, no pull request)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Exit 5 when the committed templates differ from a fresh generation; write nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;backstage;enable' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Pin the platform''s Backstage image to this tag (`backstage.image.tag`)')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Pin the platform''s Backstage image to this digest (`backstage.image.digest`)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;backstage;disable' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The branch the change is based on and merged into (default: forge.baseBranch)')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (unified diff) and write nothing')
            [CompletionResult]::new('--detailed-exitcode', '--detailed-exitcode', [CompletionResultType]::ParameterName, 'With --dry-run: exit 5 when there is something to change')
            [CompletionResult]::new('--direct', '--direct', [CompletionResultType]::ParameterName, 'Commit straight to the base branch instead of opening a pull request')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Do not push to the `origin` remote')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;backstage;help' {
            [CompletionResult]::new('templates', 'templates', [CompletionResultType]::ParameterValue, 'Generate a Backstage template per golden path and request kind (and a catalog Location) into the platform repo, as a change')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Run Backstage in an environment, as one change: idp.yaml''s `backstage.environments`, the RDS request of its database (when there is none) and its add-on files')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop running Backstage in an environment, as one change: idp.yaml''s `backstage.environments` and its add-on files (its database stays)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;backstage;help;templates' {
            break
        }
        'idp;backstage;help;enable' {
            break
        }
        'idp;backstage;help;disable' {
            break
        }
        'idp;backstage;help;help' {
            break
        }
        'idp;mcp' {
            [CompletionResult]::new('--allow-dir', '--allow-dir', [CompletionResultType]::ParameterName, 'Let tools read files in DIR too (repeatable). Tools read paths inside the platform repo and these directories only; any other path an agent passes is refused')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'Print the tool catalogue (names, commands, input schemas with `-o json`) and exit')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;completions' {
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write `idp.1` and one page per subcommand (`idp-adr-new.1`, …) into this directory (created if missing) instead of printing the top page')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'The platform repo (default: walk up from the current directory to `idp.yaml`)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print results only, no status lines')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More logging on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'idp;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a platform repo')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check files against the schemas, cross-file rules and Rego policies')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Environments: list, show, add, set')
            [CompletionResult]::new('pr', 'pr', [CompletionResultType]::ParameterValue, 'Pull requests on the configured forge')
            [CompletionResult]::new('new-app', 'new-app', [CompletionResultType]::ParameterValue, 'Create an app from a golden path: its repository and one platform pull request')
            [CompletionResult]::new('golden-path', 'golden-path', [CompletionResultType]::ParameterValue, 'Golden paths: list, show, render')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Re-apply a newer golden path version to a generated app repository (three-way merge)')
            [CompletionResult]::new('provision', 'provision', [CompletionResultType]::ParameterValue, 'Provisioning requests (S3, RDS, EBS, EC2, ECR, EKS, secrets) rendered to Terraform inputs')
            [CompletionResult]::new('adr', 'adr', [CompletionResultType]::ParameterValue, 'Architecture decision records')
            [CompletionResult]::new('runbook', 'runbook', [CompletionResultType]::ParameterValue, 'Runbooks: operational guidance in one format')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'The image an app runs in an environment')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Promote an app''s image to the next environment, by digest, behind its gates')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Restore an earlier image of an app in one environment')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check an environment''s cluster and platform services after an apply (exit 3 when unhealthy, 1 when the cluster cannot be reached)')
            [CompletionResult]::new('drift', 'drift', [CompletionResultType]::ParameterValue, 'Drift between git, what idp renders, the cluster and the cloud; remediated by each environment''s policy (`drift.remediate`)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Who you are: the actor commits and records carry, how it was verified, its groups and roles; and the AWS identity (STS)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in to idp.yaml''s `identity.oidc` issuer (OAuth 2.0 device authorization grant); the tokens are cached under ~/.config/idp (0600)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete the cached tokens of `idp login` (revoked at the issuer when it can)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every app in every environment: image, when and by whom, open promotions, lag')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'The promotion log of an app: promotions, image write-backs and rollbacks')
            [CompletionResult]::new('docs', 'docs', [CompletionResultType]::ParameterValue, 'Docs and metadata: lint (with catalog quality), coverage, review freshness')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'The relation graph of environments, apps, requests, teams, ADRs, runbooks, promotions')
            [CompletionResult]::new('teardown', 'teardown', [CompletionResultType]::ParameterValue, 'Tear down an environment: the GitOps change (this), `run` its stage plan, `report` on the SLO')
            [CompletionResult]::new('records', 'records', [CompletionResultType]::ParameterValue, 'Workflow records (.idp/records/): record a pipeline step idp did not run, list runs, migrate legacy .jsonl records')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move what earlier idp versions wrote to what this one writes, as a change')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'Pipeline and drift metrics from the records: export them, push them to a Pushgateway')
            [CompletionResult]::new('backstage', 'backstage', [CompletionResultType]::ParameterValue, 'Backstage: software templates generated from the golden paths and request schemas')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'An MCP server over stdio: the commands as tools (changes are dry runs unless `apply`), the platform repo''s docs, schemas and graph as resources, guided prompts')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one page per subcommand into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'idp;help;init' {
            break
        }
        'idp;help;validate' {
            break
        }
        'idp;help;env' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments in promotion order')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one environment')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an environment to the promotion order')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one field of an environment file, keeping comments and formatting')
            break
        }
        'idp;help;env;list' {
            break
        }
        'idp;help;env;show' {
            break
        }
        'idp;help;env;add' {
            break
        }
        'idp;help;env;set' {
            break
        }
        'idp;help;pr' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pull requests')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one pull request')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Print the diff of a pull request')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge a pull request into its base branch')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)')
            [CompletionResult]::new('protect', 'protect', [CompletionResultType]::ParameterValue, 'GitHub: protect the base branch so GitHub enforces approvals (code-owner review of `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a pull request without merging')
            break
        }
        'idp;help;pr;list' {
            break
        }
        'idp;help;pr;show' {
            break
        }
        'idp;help;pr;diff' {
            break
        }
        'idp;help;pr;merge' {
            break
        }
        'idp;help;pr;approve' {
            break
        }
        'idp;help;pr;protect' {
            break
        }
        'idp;help;pr;close' {
            break
        }
        'idp;help;new-app' {
            break
        }
        'idp;help;golden-path' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List golden paths')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a golden path: version, parameters, files')
            [CompletionResult]::new('eject', 'eject', [CompletionResultType]::ParameterValue, 'Copy an embedded golden path into the platform repo (as a change) to customise it')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a golden path''s app repository into a directory (no git, no pull request)')
            break
        }
        'idp;help;golden-path;list' {
            break
        }
        'idp;help;golden-path;show' {
            break
        }
        'idp;help;golden-path;eject' {
            break
        }
        'idp;help;golden-path;render' {
            break
        }
        'idp;help;upgrade' {
            break
        }
        'idp;help;provision' {
            [CompletionResult]::new('s3', 's3', [CompletionResultType]::ParameterValue, 'Request an S3 bucket')
            [CompletionResult]::new('rds', 'rds', [CompletionResultType]::ParameterValue, 'Request a PostgreSQL database on RDS')
            [CompletionResult]::new('ebs', 'ebs', [CompletionResultType]::ParameterValue, 'Request an EBS volume')
            [CompletionResult]::new('ec2', 'ec2', [CompletionResultType]::ParameterValue, 'Request EC2 instances')
            [CompletionResult]::new('ecr', 'ecr', [CompletionResultType]::ParameterValue, 'Request an ECR repository')
            [CompletionResult]::new('eks', 'eks', [CompletionResultType]::ParameterValue, 'Request an EKS cluster')
            [CompletionResult]::new('secrets', 'secrets', [CompletionResultType]::ParameterValue, 'Request a secret (its value is set in the secret store, never in git)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List requests (merged, and requested in open pull requests)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one request')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Re-render every request''s generated files')
            [CompletionResult]::new('approvals', 'approvals', [CompletionResultType]::ParameterValue, 'Check a pull request''s approvals against those its requests need (exit 3 if missing)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Run `terraform plan` in an environment''s Terraform root (needs terraform installed)')
            [CompletionResult]::new('example', 'example', [CompletionResultType]::ParameterValue, 'Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a request, its generated files and its catalog entry, as a pull request')
            break
        }
        'idp;help;provision;s3' {
            break
        }
        'idp;help;provision;rds' {
            break
        }
        'idp;help;provision;ebs' {
            break
        }
        'idp;help;provision;ec2' {
            break
        }
        'idp;help;provision;ecr' {
            break
        }
        'idp;help;provision;eks' {
            break
        }
        'idp;help;provision;secrets' {
            break
        }
        'idp;help;provision;list' {
            break
        }
        'idp;help;provision;show' {
            break
        }
        'idp;help;provision;render' {
            break
        }
        'idp;help;provision;approvals' {
            break
        }
        'idp;help;provision;plan' {
            break
        }
        'idp;help;provision;example' {
            break
        }
        'idp;help;provision;delete' {
            break
        }
        'idp;help;adr' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new ADR (the next free number) and update the index, as a change')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List ADRs')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one ADR')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Change an ADR''s status; `superseded --by M` updates both ADRs')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check every ADR: numbers (also against the base branch), ids, links, required fields, sections, and that accepted decisions were not edited (exit 3 with file:line)')
            [CompletionResult]::new('index', 'index', [CompletionResultType]::ParameterValue, 'Regenerate the index table in adrs/README.md (between its markers)')
            break
        }
        'idp;help;adr;new' {
            break
        }
        'idp;help;adr;list' {
            break
        }
        'idp;help;adr;show' {
            break
        }
        'idp;help;adr;status' {
            break
        }
        'idp;help;adr;lint' {
            break
        }
        'idp;help;adr;index' {
            break
        }
        'idp;help;runbook' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new runbook (the next free number) and update the index, as a change')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List runbooks')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)')
            [CompletionResult]::new('index', 'index', [CompletionResultType]::ParameterValue, 'Regenerate the index table in runbooks/README.md (between its markers)')
            break
        }
        'idp;help;runbook;new' {
            break
        }
        'idp;help;runbook;list' {
            break
        }
        'idp;help;runbook;lint' {
            break
        }
        'idp;help;runbook;index' {
            break
        }
        'idp;help;image' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Pin an app''s image in one environment by digest (CI''s write-back after a build), as a change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/')
            [CompletionResult]::new('latest', 'latest', [CompletionResultType]::ParameterValue, 'The newest image in ECR whose tag matches an environment''s pattern (dev: a git SHA; others: `<env>-<sha7>`)')
            break
        }
        'idp;help;image;set' {
            break
        }
        'idp;help;image;latest' {
            break
        }
        'idp;help;promote' {
            break
        }
        'idp;help;rollback' {
            break
        }
        'idp;help;health' {
            break
        }
        'idp;help;drift' {
            break
        }
        'idp;help;whoami' {
            break
        }
        'idp;help;login' {
            break
        }
        'idp;help;logout' {
            break
        }
        'idp;help;status' {
            break
        }
        'idp;help;history' {
            break
        }
        'idp;help;docs' {
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check the metadata of every doc, app, request and environment (schemas/metadata/, folder metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)')
            [CompletionResult]::new('coverage', 'coverage', [CompletionResultType]::ParameterValue, 'Metadata coverage by kind; exit 3 below 100%')
            [CompletionResult]::new('freshness', 'freshness', [CompletionResultType]::ParameterValue, 'Review state of every doc from its review cadence and last review date')
            break
        }
        'idp;help;docs;lint' {
            break
        }
        'idp;help;docs;coverage' {
            break
        }
        'idp;help;docs;freshness' {
            break
        }
        'idp;help;graph' {
            [CompletionResult]::new('why', 'why', [CompletionResultType]::ParameterValue, 'Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the runbooks that cover it, and how it got to its current state')
            break
        }
        'idp;help;graph;why' {
            break
        }
        'idp;help;teardown' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run the environment''s ordered stage plan (`teardown.stages`): timeouts, retries, break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Teardown runs against the environment''s SLO (p50/p95/p99, break-glass rate); a missed SLO is written as a Known limitation through a change')
            break
        }
        'idp;help;teardown;run' {
            break
        }
        'idp;help;teardown;report' {
            break
        }
        'idp;help;records' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a break-glass step or note to an earlier run (`--run-id`)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List pipeline runs (each in its latest state), oldest first')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a change (the first write of a kind of record does the same); a second run has nothing to do')
            break
        }
        'idp;help;records;add' {
            break
        }
        'idp;help;records;list' {
            break
        }
        'idp;help;records;migrate' {
            break
        }
        'idp;help;migrate' {
            [CompletionResult]::new('external-secrets', 'external-secrets', [CompletionResultType]::ParameterValue, 'Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer served by the External Secrets Operator) to `v1`; a second run has nothing to do')
            [CompletionResult]::new('policy-inventory', 'policy-inventory', [CompletionResultType]::ParameterValue, 'Move the policies'' lookups of other requests over `input.requests` (written before ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at its line and nothing changes; a second run has nothing to do')
            break
        }
        'idp;help;migrate;external-secrets' {
            break
        }
        'idp;help;migrate;policy-inventory' {
            break
        }
        'idp;help;metrics' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)')
            break
        }
        'idp;help;metrics;export' {
            break
        }
        'idp;help;metrics;push' {
            break
        }
        'idp;help;backstage' {
            [CompletionResult]::new('templates', 'templates', [CompletionResultType]::ParameterValue, 'Generate a Backstage template per golden path and request kind (and a catalog Location) into the platform repo, as a change')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Run Backstage in an environment, as one change: idp.yaml''s `backstage.environments`, the RDS request of its database (when there is none) and its add-on files')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop running Backstage in an environment, as one change: idp.yaml''s `backstage.environments` and its add-on files (its database stays)')
            break
        }
        'idp;help;backstage;templates' {
            break
        }
        'idp;help;backstage;enable' {
            break
        }
        'idp;help;backstage;disable' {
            break
        }
        'idp;help;mcp' {
            break
        }
        'idp;help;completions' {
            break
        }
        'idp;help;man' {
            break
        }
        'idp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
