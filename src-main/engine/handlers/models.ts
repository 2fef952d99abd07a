import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { publishModel, retireModel, setProfile } from '../catalog';
import { catalogContextOf } from '../compose/catalog';
import { producerKeyOf } from '../identity/identity';

export function modelHandlers(engine: Engine): Pick<Handlers, 'models.publish' | 'models.retire' | 'producers.get' | 'producers.setProfile'> {
  const catalog = catalogContextOf(engine);
  const producer = (producerKey: string) => ({
    producerKey,
    profile: engine.catalog.profile(producerKey),
    models: engine.catalog.modelCountOf(producerKey),
    isMe: producerKey === producerKeyOf(engine.keys).publicKey,
  });
  return {
    'models.publish': async ({ price, ...listing }) => publishModel(catalog, listing, price),
    'models.retire': async ({ modelId }) => retireModel(catalog, modelId),
    'producers.get': async ({ producerKey }) => producer(producerKey ?? producerKeyOf(engine.keys).publicKey),
    'producers.setProfile': async (profile) => {
      await setProfile(catalog, profile);
      return producer(producerKeyOf(engine.keys).publicKey);
    },
  };
}
