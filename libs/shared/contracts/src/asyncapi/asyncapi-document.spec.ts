import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS, TOPICS } from '../registry/registry';
import { buildAsyncApiDocument, renderAsyncApiYaml } from './asyncapi-document';

const root = join(__dirname, '../../../../..');

describe('AsyncAPI document', () => {
  it('describes every topic and every event type of the registry', () => {
    const doc = buildAsyncApiDocument('1.0.0') as {
      channels: Record<string, { address: string }>;
      components: { messages: Record<string, { payload: { type: string } }> };
    };
    expect(
      Object.values(doc.channels)
        .map((c) => c.address)
        .sort(),
    ).toEqual(TOPICS.map((t) => t.name).sort());
    expect(Object.keys(doc.components.messages).sort()).toEqual(EVENTS.map((e) => e.type).sort());
    for (const message of Object.values(doc.components.messages)) expect(message.payload.type).toBe('object');
  });

  it('is committed up to date in docs/asyncapi.yaml (run `npm run asyncapi`)', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const committed = readFileSync(join(root, 'docs/asyncapi.yaml'), 'utf8');
    expect(committed.slice(committed.indexOf('\n') + 1)).toBe(renderAsyncApiYaml(version));
  });
});
