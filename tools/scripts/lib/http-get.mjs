// A GET with node:http for the local health probes of the development scripts. Not fetch(): fetch refuses
// ports on the WHATWG "bad ports" list (6000, 6665-6669, …), which STEERCO_SERVICE_PORTS may well name.
import http from 'node:http';

/**
 * Resolves with the status and the body as text; rejects when there is no answer within timeoutMs
 * (error.code is then ETIMEDOUT; otherwise the socket's own code, such as ECONNREFUSED).
 * @param {string | URL} url
 * @returns {Promise<{ status: number, body: string }>}
 */
export function httpGet(url, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    // agent: false: a fresh connection per probe, so a closing service is never probed over a stale socket.
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('timeout', () =>
      request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    request.on('error', reject);
  });
}
