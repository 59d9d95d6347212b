import { net, protocol, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../services/web/csp';
import { resolveStatic } from '../services/web/static-files';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;

/** Must run before `app.ready`: the scheme behaves like https (secure context, fetch, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the built renderer on app://renderer/, with the CSP header; file:// is refused. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'renderer') return new Response('not found', { status: 404 });
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return new Response('not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy(url.pathname));
    return new Response(res.body, { status: res.status, headers });
  });
  protocol.handle('file', () => new Response('blocked', { status: 403 }));

  // Camera (高拍仪) for our own pages only; everything else is refused.
  session.defaultSession.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const fromUs = (details.requestingUrl ?? webContents.getURL()).startsWith(`${APP_ORIGIN}/`);
    callback(fromUs && permission === 'media');
  });
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => requestingOrigin === APP_ORIGIN && permission === 'media');
}
