/**
 * The partner's room (video, the private panel, Yjs) loaded only once they are admitted: the join page
 * (the link's first screen, consent, waiting) stays small. Same names and props as the modules they wrap.
 */
import { Suspense, lazy, type ComponentProps, type ComponentType } from 'react';
import type { SessionRoom as RoomType } from './SessionRoom';
import { Loading } from '../../components/feedback';

function deferred<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function Deferred(props: P) {
    return (
      <Suspense fallback={<Loading />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const SessionRoom: ComponentType<ComponentProps<typeof RoomType>> = deferred(
  async () => (await import('./SessionRoom')).SessionRoom,
);
export const VideoProvider = deferred(async () => (await import('../video/VideoProvider')).VideoProvider);
export const VideoRegion = deferred(async () => (await import('../video/VideoRegion')).VideoRegion);
export const PartnerPanel = deferred(async () => (await import('../private/PartnerPanel')).PartnerPanel);
export const PartnerDrafting = deferred(async () => (await import('../drafts/PartnerDrafting')).PartnerDrafting);
export const PartnerMeasures = deferred(async () => (await import('../measures/PartnerMeasures')).PartnerMeasures);
