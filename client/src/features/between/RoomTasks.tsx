import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { useSessionSocket } from '../session/useSessionSocket';
import { TaskCard } from './TaskCard';
import '../../styles/between.css';

/** In a partner's private panel: their open tasks, to tick and reflect on (nothing shows when there are none). */
export function RoomTasks() {
  const { t } = useTranslation();
  const { sessionId } = useSessionSocket();
  const tasks = useQuery(`room-tasks:${sessionId}`, (signal) => api.roomTasks(sessionId, { signal }));
  if (!tasks.data || tasks.data.length === 0) return null;
  return (
    <div className="room-tasks" data-section="room-tasks">
      <h4 className="room-tasks-heading">{t('between.tasks.heading')}</h4>
      <ul className="between-tasks">
        {tasks.data.map((task) => (
          <TaskCard
            key={task.id}
            task={task}
            headingLevel={4}
            save={(body) => api.markRoomTask(sessionId, task.id, body)}
            onSaved={(saved) => tasks.setData((list) => list.map((x) => (x.id === saved.id ? saved : x)))}
          />
        ))}
      </ul>
    </div>
  );
}
