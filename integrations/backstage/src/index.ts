/**
 * `@idp/backstage-plugin-scaffolder-backend-module-idp`: a scaffolder backend module that
 * registers `idp:run`. Install with `backend.add(import('@idp/backstage-plugin-scaffolder-backend-module-idp'))`;
 * configure `idp.binary` (else `IDP_BIN`, else `idp` on PATH) and `idp.platform` (the platform
 * repo, passed as `IDP_PLATFORM`) in app-config.
 */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createIdpRunAction } from './action';

export { ACTION_ID, createIdpRunAction } from './action';
export { IdpRunError, mapOutputs, runIdp } from './run';
export type { IdpRunInput, IdpRunSettings } from './run';

export const scaffolderModuleIdp = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'idp',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createIdpRunAction({
            binary: config.getOptionalString('idp.binary') ?? process.env.IDP_BIN ?? 'idp',
            platform: config.getOptionalString('idp.platform'),
          }),
        );
      },
    });
  },
});

export default scaffolderModuleIdp;
