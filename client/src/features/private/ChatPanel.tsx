import { useEffect, useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CHAT_MAX_LENGTH } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import { useChat } from './useChat';
import { formatTime } from '../../lib/format';

interface ChatPanelProps {
  partnerId: string;
  me: 'partner' | 'therapist';
  otherName: string;
  /** Whether this panel is on screen (messages are marked read only then). */
  visible: boolean;
}

/** The private line: only this partner and the therapist receive it. */
export function ChatPanel({ partnerId, me, otherName, visible }: ChatPanelProps) {
  const { t, i18n } = useTranslation();
  const { messages, error, send, markRead } = useChat(partnerId);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const inputId = useId();

  const lastFromOther = [...messages].reverse().find((m) => m.author !== me);
  useEffect(() => {
    if (visible && lastFromOther && !lastFromOther.readAt) markRead(lastFromOther.id);
  }, [visible, lastFromOther, markRead]);

  const submit = async () => {
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    if (await send(text)) setDraft('');
    setSending(false);
  };
  const time = (iso: string) => formatTime(iso, i18n.language);

  return (
    <div className="chat">
      <div
        className="chat-log"
        role="log"
        aria-live="polite"
        aria-label={t('private.chat.logLabel', { name: otherName })}
      >
        <ol className="chat-list">
          {messages.length === 0 ? <li className="muted">{t('private.chat.empty')}</li> : null}
          {messages.map((m) => (
            <li key={m.id} className="chat-message" data-mine={m.author === me || undefined}>
              <span className="chat-author">{m.author === me ? t('private.chat.you') : otherName}</span>
              <p className="chat-text">{m.text}</p>
              <span className="chat-meta">
                <time dateTime={m.createdAt}>{time(m.createdAt)}</time>
                {m.author === me ? <> · {m.readAt ? t('private.chat.read') : t('private.chat.delivered')}</> : null}
              </span>
            </li>
          ))}
        </ol>
      </div>
      <ErrorNotice error={error} />
      <form
        className="chat-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={inputId} className="field-label">
          {t('private.chat.messageLabel', { name: otherName })}
        </label>
        <textarea
          id={inputId}
          className="input textarea"
          rows={2}
          maxLength={CHAT_MAX_LENGTH}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <Button type="submit" className="btn btn-primary btn-small" isDisabled={sending || !draft.trim()}>
          {t('private.chat.send')}
        </Button>
      </form>
    </div>
  );
}
