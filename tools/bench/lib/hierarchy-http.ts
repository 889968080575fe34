/** A small keep-alive HTTP client for the hierarchy benchmarks' load (node:http, no extra dependency). */
import { Agent, request } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request over `agent` (keep-alive); resolves once the whole body has arrived. */
export function httpRequest(
  agent: Agent,
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: options.method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}
