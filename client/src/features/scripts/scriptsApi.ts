import type { ScriptBody, ScriptDto } from '@tandem/shared';
import { request } from '../../lib/api';
import type { RequestOptions } from '../../lib/api';

/** REST for the script library (/api/scripts). */
export const scriptsApi = {
  list: (options?: RequestOptions) => request<ScriptDto[]>('GET', '/scripts', undefined, options),
  get: (id: string, options?: RequestOptions) =>
    request<ScriptDto>('GET', `/scripts/${encodeURIComponent(id)}`, undefined, options),
  create: (body: ScriptBody) => request<ScriptDto>('POST', '/scripts', body),
  update: (id: string, body: ScriptBody) => request<ScriptDto>('PUT', `/scripts/${encodeURIComponent(id)}`, body),
  remove: (id: string) => request<null>('DELETE', `/scripts/${encodeURIComponent(id)}`),
};
