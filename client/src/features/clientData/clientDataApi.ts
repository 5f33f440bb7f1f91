/** REST calls of the client's data and password reset (issue 16). */
import type {
  ErasureResultDto,
  ForgotPasswordBody,
  ForgotPasswordDto,
  ResetLinkDto,
  ResetPasswordBody,
  RetentionDto,
} from '@tandem/shared';
import { request, type RequestOptions } from '../../lib/api';
import { downloadFile } from '../../lib/download';

export const clientDataApi = {
  exportPartner: (coupleId: string, partnerId: string) =>
    downloadFile(`/couples/${coupleId}/partners/${partnerId}/export.zip`, 'tandem-partner-data.zip'),
  eraseCouple: (coupleId: string, confirmName: string) =>
    request<ErasureResultDto>('POST', `/couples/${coupleId}/erase`, { confirmName }),
  erasePartner: (coupleId: string, partnerId: string, confirmName: string) =>
    request<ErasureResultDto>('POST', `/couples/${coupleId}/partners/${partnerId}/erase`, { confirmName }),
  retention: (options?: RequestOptions) => request<RetentionDto>('GET', '/practice/retention', undefined, options),
  setRetention: (years: number | null) => request<RetentionDto>('PUT', '/practice/retention', { years }),
  resetLink: (therapistId: string) => request<ResetLinkDto>('POST', `/practice/accounts/${therapistId}/reset-link`),
  forgot: (body: ForgotPasswordBody) => request<ForgotPasswordDto>('POST', '/auth/password-reset', body),
  reset: (body: ResetPasswordBody) => request<null>('POST', '/auth/password-reset/complete', body),
};
