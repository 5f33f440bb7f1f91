import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields';
import { useLocalMedia, useLocalMediaState } from './VideoContext';

/** Camera and microphone pickers (native selects), shown in the preview and during the call. */
export function DevicePickers() {
  const { t } = useTranslation();
  const media = useLocalMedia();
  const state = useLocalMediaState();
  const options = (list: { id: string; label: string }[], kind: 'camera' | 'mic') =>
    list.map((d, i) => ({ id: d.id, label: d.label || t(`video.devices.${kind}N`, { n: i + 1 }) }));
  const cams = options(state.devices.video, 'camera');
  const mics = options(state.devices.audio, 'mic');
  return (
    <div className="device-pickers">
      {cams.length ? (
        <SelectField
          label={t('video.devices.camera')}
          options={cams}
          value={state.camId ?? cams[0]?.id ?? ''}
          onChange={(id) => void media.switchDevice('video', id)}
        />
      ) : null}
      {mics.length ? (
        <SelectField
          label={t('video.devices.mic')}
          options={mics}
          value={state.micId ?? mics[0]?.id ?? ''}
          onChange={(id) => void media.switchDevice('audio', id)}
        />
      ) : null}
    </div>
  );
}
