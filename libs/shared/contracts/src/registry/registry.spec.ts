import { EVENTS, TOPICS } from './registry';
import { SERVICE_NAMES } from './define';

describe('event registry', () => {
  it('names topics steerco.<service>.<aggregate>.v<major>, once each', () => {
    for (const topic of TOPICS) {
      expect(topic.name).toBe(`steerco.${topic.service}.${topic.aggregate}.v${topic.major}`);
      expect(SERVICE_NAMES).toContain(topic.service);
    }
    expect(new Set(TOPICS.map((t) => t.name)).size).toBe(TOPICS.length);
  });

  it('names event types steerco.<service>.<aggregate>.<verb>.v<major>, once each, on a registered topic', () => {
    for (const event of EVENTS) {
      expect(event.type).toBe(
        `steerco.${event.topic.service}.${event.topic.aggregate}.${event.verb}.v${event.major}`,
      );
      expect(TOPICS).toContain(event.topic);
      expect(event.description.length).toBeGreaterThan(10);
    }
    expect(new Set(EVENTS.map((e) => e.type)).size).toBe(EVENTS.length);
  });
});
