/**
 * The `idp:run` scaffolder action: its input and output schemas (zod callbacks, as
 * `createTemplateAction` of @backstage/plugin-scaffolder-node 1.x takes them) around
 * {@link runIdp}.
 */
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { IdpRunSettings, runIdp } from './run';

export const ACTION_ID = 'idp:run';

/** The `idp:run` action, running `settings.binary` (default `IDP_BIN` or `idp`). */
export function createIdpRunAction(settings: Partial<IdpRunSettings> = {}) {
  const resolved: IdpRunSettings = {
    binary: settings.binary ?? process.env.IDP_BIN ?? 'idp',
    platform: settings.platform,
  };
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Runs the idp CLI (always `--output json`; `--dry-run` on a dry run) and maps its JSON result to step outputs.',
    supportsDryRun: true,
    examples: [
      {
        description: 'A new app from a golden path',
        example: [
          'steps:',
          '  - id: idp',
          '    action: idp:run',
          '    input:',
          "      command: [new-app, '${{ parameters.name }}', --template, stateless-app]",
          '      values:',
          "        owner: ${{ parameters.owner | parseEntityRef | pick('name') }}",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        command: z =>
          z
            .union([z.string(), z.array(z.string())])
            .describe('idp subcommand words, e.g. ["new-app", "payments"] or "provision s3 --env dev"'),
        values: z =>
          z
            .record(z.string(), z.any())
            .optional()
            .describe('Written to a temporary JSON file passed as `--values FILE`'),
        args: z => z.array(z.string()).optional().describe('More arguments, after the command'),
        options: z =>
          z
            .record(z.string(), z.any())
            .optional()
            .describe(
              'Flags by long name: `--name=value` per value (arrays repeat it), `true` a bare `--name`; empty, false and missing values are left out',
            ),
        positionals: z =>
          z
            .array(z.union([z.string(), z.number()]))
            .optional()
            .describe('Positional arguments, passed last after `--`'),
        workingDirectory: z =>
          z.string().optional().describe('Where idp runs, relative to the workspace'),
      },
      output: {
        status: z => z.string().optional().describe('planned, opened, updated, committed, unchanged…'),
        branch: z => z.string().optional().describe('The change branch'),
        prUrl: z => z.string().optional().describe('The pull request URL'),
        prNumber: z => z.number().optional().describe('The pull request number'),
        repository: z => z.string().optional().describe('The app repository (new-app)'),
        entityRef: z => z.string().optional().describe('The catalog entity the change creates'),
        requestId: z => z.string().optional().describe('The request ID (provision), e.g. S3-0001'),
      },
    },
    async handler(ctx) {
      await runIdp(
        {
          input: ctx.input,
          isDryRun: ctx.isDryRun,
          workspacePath: ctx.workspacePath,
          logger: ctx.logger,
          // Every top-level field of idp's result, not only those declared above.
          output: (name, value) =>
            (ctx.output as (name: string, value: unknown) => void)(name, value),
          createTemporaryDirectory: () => ctx.createTemporaryDirectory(),
          signal: ctx.signal,
        },
        resolved,
      );
    },
  });
}
