/**
 * Workers allowed to evaluate strings: OpenCV.js's embind builds its bindings with `new Function`.
 * The auto-crop Worker has no DOM and talks only by postMessage, so the exception stays inside it;
 * pages keep the strict policy. (A worker's CSP comes from its own script response.)
 */
const EVAL_WORKERS = /\/assets\/crop\.worker-[\w-]+\.js$/;

/** Content-Security-Policy for every renderer page and script, in both hosts. */
export function contentSecurityPolicy(pathname = '/'): string {
  return [
    "default-src 'self'",
    EVAL_WORKERS.test(pathname) ? "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'" : "script-src 'self' 'wasm-unsafe-eval'",
    // Ant Design injects its CSS-in-JS as <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
