import { buildRenderer } from '../../electron/cli/build';

/** The e2e tests drive the built renderer, exactly what `npm start` serves. */
export default async function globalSetup(): Promise<void> {
  await buildRenderer();
}
