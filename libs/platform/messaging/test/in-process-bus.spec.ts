import { InProcessBus } from '../src/in-process/in-process-bus';
import { describeMessageBusContract } from './message-bus.contract';

describeMessageBusContract('in-process', async () => {
  const bus = new InProcessBus(10);
  return { bus, close: () => bus.close() };
});
