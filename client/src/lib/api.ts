/**
 * The one REST client: fetch + JSON, same-origin cookies, every answer as a Result envelope.
 * Network failures and non-envelope answers become typed errors the UI can translate.
 */
import { ErrorCode } from '@tandem/shared';
import type {
  AcceptStaffInviteBody,
  CoupleCareDto,
  SessionCliniciansDto,
  AddSessionClinicianBody,
  CreateStaffInviteBody,
  CreatedStaffInviteDto,
  PeopleDto,
  PersonDto,
  PracticeSettingsDto,
  StaffInviteLookupDto,
  UpdatePersonBody,
  CancelledDto,
  CreateSeriesBody,
  CreatedSeriesDto,
  ScheduleDto,
  EmailInviteResultDto,
  MailStatusDto,
  SessionMailDto,
  CouplePolicyDto,
  MyPolicyDto,
  SetPolicyBody,
  AuthStateDto,
  UpdateSessionBody,
  ChangePasswordBody,
  CoupleDto,
  CreateCoupleBody,
  CreateSessionBody,
  CreatedSessionDto,
  IssuedInviteDto,
  JoinInfoDto,
  LoginBody,
  RedeemBody,
  RedeemResultDto,
  SessionDto,
  SetupBody,
  SetupStatusDto,
  SignOutEverywhereDto,
  TherapistDto,
  UpdateCoupleBody,
  MapSnapshotDto,
  CoupleHistoryDto,
  InstrumentSummaryDto,
  PlanContent,
  PlanDto,
  PlanVersionDto,
  ProgressDto,
  MapCompareDto,
  MapSnapshotStateDto,
  MapRestoreDto,
  ProgressNoteBody,
  ProgressNoteDto,
  ProgressNoteStateDto,
  SessionRecordDto,
  PartnerSummariesStateDto,
  PartnerSummaryDto,
  ReleasedSummaryDto,
  ReleasedSummaryItemDto,
  SummaryDraftBody,
  PracticeDto,
  StopLabelDto,
  PartnerStopLabelDto,
  BetweenMeDto,
  BetweenOverviewDto,
  CaseLinkDto,
  CaseRedeemResultDto,
  ConflictEntryBody,
  ConflictEntryDto,
  HomeworkBody,
  HomeworkDto,
  HomeworkMarkBody,
  IssuedCaseLinkDto,
  SessionHomeworkDto,
  WeeklyAnswerBody,
  WeeklyStateDto,
  CoupleSafetyDto,
  JointWorkBody,
  IntakeBody,
  IntakeDto,
  LocationBody,
  MyLocationDto,
  MySafetyDto,
  RoomWhereaboutsDto,
  ScreeningAnswerBody,
  CaseStatus,
  FollowUpDto,
  MaintenanceContent,
  MaintenancePartnerPart,
  OwnChartsDto,
  PartnerFollowUpDto,
  LoginResultDto,
  SecurityStateDto,
  TotpEnrolmentDto,
  RecoveryCodesDto,
  TotpDisableBody,
  DeviceDto,
  AuditPageDto,
  AuditQuery,
} from '@tandem/shared';

/** Errors that only the client can observe (the server never sends these). */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  TIMEOUT: 'TIMEOUT',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export type AppErrorCode = ErrorCode | ClientErrorCode;

export interface AppError {
  code: AppErrorCode;
  message: string;
}

/** Same shape as the shared Result<T>, widened with client-side error codes. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: AppError };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  410: ErrorCode.SESSION_ENDED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.UNAVAILABLE,
};

export function failure(code: AppErrorCode, message: string): { ok: false; error: AppError } {
  return { ok: false, error: { code, message } };
}

export function isEnvelope(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; data?: unknown; error?: unknown };
  if (v.ok === true) return 'data' in v;
  if (v.ok !== false) return false;
  const error = v.error as { code?: unknown; message?: unknown } | undefined;
  return typeof error === 'object' && error !== null && typeof error.code === 'string';
}

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    return failure(ClientErrorCode.NETWORK_ERROR, err instanceof Error ? err.message : 'Network error');
  }

  let text = '';
  try {
    text = await response.text();
  } catch (err) {
    return failure(ClientErrorCode.NETWORK_ERROR, err instanceof Error ? err.message : 'Network error');
  }

  if (text === '' && response.ok) return { ok: true, data: null as T };

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (isEnvelope(parsed)) {
    if (parsed.ok) return parsed as ApiResult<T>;
    return failure(parsed.error.code, typeof parsed.error.message === 'string' ? parsed.error.message : '');
  }
  const code = STATUS_CODES[response.status] ?? ErrorCode.INTERNAL;
  return failure(code, `Unexpected response (HTTP ${response.status})`);
}

const enc = encodeURIComponent;

/** The audit log's filters as a query string (empty ones left out). */
export function auditQueryString(q: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

export const api = {
  setupStatus: (o?: RequestOptions) => request<SetupStatusDto>('GET', '/setup', undefined, o),
  setup: (body: SetupBody) => request<TherapistDto>('POST', '/setup', body),

  login: (body: LoginBody) => request<LoginResultDto>('POST', '/auth/login', body),
  /** The sign-in's second step: the app's code or a recovery code. */
  loginCode: (code: string) => request<LoginResultDto>('POST', '/auth/login/code', { code }),
  /** The person is here: keeps this device's sign-in from going idle. */
  activity: () => request<null>('POST', '/auth/activity'),
  security: (o?: RequestOptions) => request<SecurityStateDto>('GET', '/account/security', undefined, o),
  startTotp: () => request<TotpEnrolmentDto>('POST', '/account/security/totp'),
  confirmTotp: (code: string) => request<RecoveryCodesDto>('POST', '/account/security/totp/confirm', { code }),
  disableTotp: (body: TotpDisableBody) => request<SecurityStateDto>('POST', '/account/security/totp/disable', body),
  setRequireSecondFactor: (required: boolean) =>
    request<SecurityStateDto>('PUT', '/account/security/require', { required }),
  devices: (o?: RequestOptions) => request<DeviceDto[]>('GET', '/account/devices', undefined, o),
  signOutDevice: (id: string) => request<null>('DELETE', `/account/devices/${enc(id)}`),
  audit: (q: AuditQuery, o?: RequestOptions) =>
    request<AuditPageDto>('GET', `/audit?${auditQueryString(q)}`, undefined, o),
  logout: () => request<null>('POST', '/auth/logout'),
  me: (o?: RequestOptions) => request<TherapistDto>('GET', '/auth/me', undefined, o),
  /** "Who am I" without an error status for a signed-out visitor (the first visit's console stays clean). */
  authState: (o?: RequestOptions) => request<AuthStateDto>('GET', '/auth/session', undefined, o),
  changePassword: (body: ChangePasswordBody) => request<TherapistDto>('POST', '/auth/password', body),
  signOutEverywhere: () => request<SignOutEverywhereDto>('POST', '/auth/sign-out-everywhere'),
  practice: (o?: RequestOptions) => request<PracticeDto>('GET', '/account/practice', undefined, o),
  setPractice: (body: PracticeDto) => request<PracticeDto>('PUT', '/account/practice', body),

  practiceSettings: (o?: RequestOptions) => request<PracticeSettingsDto>('GET', '/practice/settings', undefined, o),
  setPracticeSettings: (body: PracticeSettingsDto) => request<PracticeSettingsDto>('PUT', '/practice/settings', body),
  people: (o?: RequestOptions) => request<PeopleDto>('GET', '/practice/people', undefined, o),
  updatePerson: (id: string, body: UpdatePersonBody) =>
    request<PersonDto>('PATCH', `/practice/people/${enc(id)}`, body),
  deactivatePerson: (id: string, reassignTo: string | null) =>
    request<PersonDto>('POST', `/practice/people/${enc(id)}/deactivate`, { reassignTo }),
  inviteStaff: (body: CreateStaffInviteBody) => request<CreatedStaffInviteDto>('POST', '/practice/invites', body),
  revokeStaffInvite: (id: string) => request<{ revoked: boolean }>('DELETE', `/practice/invites/${enc(id)}`),
  lookupStaffInvite: (token: string) => request<StaffInviteLookupDto>('POST', '/practice/invites/lookup', { token }),
  acceptStaffInvite: (body: AcceptStaffInviteBody) => request<LoginResultDto>('POST', '/practice/invites/accept', body),
  coupleCare: (id: string, o?: RequestOptions) =>
    request<CoupleCareDto>('GET', `/couples/${enc(id)}/care`, undefined, o),
  transferCouple: (id: string, clinicianId: string) =>
    request<CoupleCareDto>('POST', `/couples/${enc(id)}/transfer`, { clinicianId }),
  shareCouple: (id: string, clinicianIds: string[]) =>
    request<CoupleCareDto>('PUT', `/couples/${enc(id)}/shares`, { clinicianIds }),
  setSupervisionConsent: (id: string, consent: boolean) =>
    request<{ consent: boolean }>('PUT', `/couples/${enc(id)}/supervision`, { consent }),
  sessionClinicians: (id: string, o?: RequestOptions) =>
    request<SessionCliniciansDto>('GET', `/sessions/${enc(id)}/clinicians`, undefined, o),
  addSessionClinician: (id: string, body: AddSessionClinicianBody) =>
    request<SessionCliniciansDto>('POST', `/sessions/${enc(id)}/clinicians`, body),
  removeSessionClinician: (id: string, clinicianId: string) =>
    request<SessionCliniciansDto>('DELETE', `/sessions/${enc(id)}/clinicians/${enc(clinicianId)}`),

  listCouples: (archived: boolean, o?: RequestOptions) =>
    request<CoupleDto[]>('GET', archived ? '/couples?archived=true' : '/couples', undefined, o),
  createCouple: (body: CreateCoupleBody) => request<CoupleDto>('POST', '/couples', body),
  getCouple: (id: string, o?: RequestOptions) => request<CoupleDto>('GET', `/couples/${enc(id)}`, undefined, o),
  updateCouple: (id: string, body: UpdateCoupleBody) => request<CoupleDto>('PATCH', `/couples/${enc(id)}`, body),

  listSessions: (coupleId: string, o?: RequestOptions) =>
    request<SessionDto[]>('GET', `/couples/${enc(coupleId)}/sessions`, undefined, o),
  createSession: (body: CreateSessionBody) => request<CreatedSessionDto>('POST', '/sessions', body),
  updateSession: (id: string, body: UpdateSessionBody) => request<SessionDto>('PATCH', `/sessions/${enc(id)}`, body),
  getSession: (id: string, o?: RequestOptions) => request<SessionDto>('GET', `/sessions/${enc(id)}`, undefined, o),
  createSeries: (body: CreateSeriesBody) => request<CreatedSeriesDto>('POST', '/sessions/series', body),
  cancelSession: (id: string, following = false) =>
    request<CancelledDto>('POST', `/sessions/${enc(id)}/cancel`, following ? { following } : {}),
  schedule: (from: string, days: number, o?: RequestOptions) =>
    request<ScheduleDto>('GET', `/schedule?from=${enc(from)}&days=${days}`, undefined, o),
  mailStatus: (o?: RequestOptions) => request<MailStatusDto>('GET', '/mail', undefined, o),
  coupleMail: (coupleId: string, o?: RequestOptions) =>
    request<SessionMailDto>('GET', `/couples/${enc(coupleId)}/mail`, undefined, o),
  emailInvite: (sessionId: string, partnerId: string, token: string) =>
    request<EmailInviteResultDto>('POST', `/sessions/${enc(sessionId)}/invites/${enc(partnerId)}/email`, { token }),
  reissueInvite: (sessionId: string, partnerId: string) =>
    request<IssuedInviteDto>('POST', `/sessions/${enc(sessionId)}/invites/${enc(partnerId)}`),
  revokeInvite: (sessionId: string, partnerId: string) =>
    request<SessionDto>('DELETE', `/sessions/${enc(sessionId)}/invites/${enc(partnerId)}`),
  endSession: (id: string) => request<SessionDto>('POST', `/sessions/${enc(id)}/end`),

  myStopLabel: (sessionId: string, o?: RequestOptions) =>
    request<StopLabelDto>('GET', `/join/${enc(sessionId)}/stop-signal`, undefined, o),
  stopLabels: (coupleId: string, o?: RequestOptions) =>
    request<PartnerStopLabelDto[]>('GET', `/couples/${enc(coupleId)}/stop-signal`, undefined, o),
  setStopLabel: (coupleId: string, partnerId: string, label: string | null) =>
    request<PartnerStopLabelDto>('PUT', `/couples/${enc(coupleId)}/partners/${enc(partnerId)}/stop-signal`, {
      label,
    }),

  redeem: (body: RedeemBody) => request<RedeemResultDto>('POST', '/join/redeem', body),
  joinInfo: (sessionId: string, o?: RequestOptions) =>
    request<JoinInfoDto>('GET', `/join/${enc(sessionId)}`, undefined, o),
  acknowledge: (sessionId: string, version: number) =>
    request<JoinInfoDto>('POST', `/join/${enc(sessionId)}/acknowledge`, { version }),

  couplePolicy: (coupleId: string, o?: RequestOptions) =>
    request<CouplePolicyDto>('GET', `/couples/${enc(coupleId)}/policy`, undefined, o),
  setCouplePolicy: (coupleId: string, body: SetPolicyBody) =>
    request<CouplePolicyDto>('PUT', `/couples/${enc(coupleId)}/policy`, body),
  myPolicy: (o?: RequestOptions) => request<MyPolicyDto>('GET', '/me/policy', undefined, o),
  acknowledgeMyPolicy: (version: number) => request<MyPolicyDto>('POST', '/me/policy/acknowledge', { version }),

  mapHistory: (coupleId: string, o?: RequestOptions) =>
    request<MapSnapshotDto[]>('GET', `/couples/${enc(coupleId)}/map/history`, undefined, o),
  mapSnapshot: (id: string, o?: RequestOptions) =>
    request<MapSnapshotStateDto>('GET', `/map-snapshots/${enc(id)}`, undefined, o),
  restoreMapSnapshot: (id: string, o?: RequestOptions) =>
    request<MapRestoreDto>('POST', `/map-snapshots/${enc(id)}/restore`, undefined, o),

  plan: (coupleId: string, o?: RequestOptions) =>
    request<PlanDto>('GET', `/couples/${enc(coupleId)}/plan`, undefined, o),
  savePlan: (coupleId: string, body: PlanContent) => request<PlanDto>('PUT', `/couples/${enc(coupleId)}/plan`, body),
  planVersion: (coupleId: string, version: number, o?: RequestOptions) =>
    request<PlanVersionDto>('GET', `/couples/${enc(coupleId)}/plan/versions/${version}`, undefined, o),
  addPlanReview: (coupleId: string, note: string) =>
    request<PlanDto>('POST', `/couples/${enc(coupleId)}/plan/reviews`, { note }),
  progress: (coupleId: string, period: { from: string; to: string }, o?: RequestOptions) =>
    request<ProgressDto>(
      'GET',
      `/couples/${enc(coupleId)}/progress?from=${enc(period.from)}&to=${enc(period.to)}`,
      undefined,
      o,
    ),
  instruments: (o?: RequestOptions) => request<InstrumentSummaryDto[]>('GET', '/instruments', undefined, o),
  coupleHistory: (coupleId: string, o?: RequestOptions) =>
    request<CoupleHistoryDto>('GET', `/couples/${enc(coupleId)}/history`, undefined, o),
  compareMaps: (coupleId: string, from: string, to: string, o?: RequestOptions) =>
    request<MapCompareDto>(
      'GET',
      `/couples/${enc(coupleId)}/history/compare?from=${enc(from)}&to=${enc(to)}`,
      undefined,
      o,
    ),
  sessionRecord: (id: string, o?: RequestOptions) =>
    request<SessionRecordDto>('GET', `/sessions/${enc(id)}/record`, undefined, o),
  progressNote: (id: string, o?: RequestOptions) =>
    request<ProgressNoteStateDto>('GET', `/sessions/${enc(id)}/progress-note`, undefined, o),
  saveProgressNote: (id: string, body: ProgressNoteBody) =>
    request<ProgressNoteDto>('PUT', `/sessions/${enc(id)}/progress-note`, body),
  signProgressNote: (id: string) => request<ProgressNoteDto>('POST', `/sessions/${enc(id)}/progress-note/sign`),
  addAddendum: (id: string, text: string) =>
    request<ProgressNoteDto>('POST', `/sessions/${enc(id)}/progress-note/addenda`, { text }),

  summaries: (id: string, o?: RequestOptions) =>
    request<PartnerSummariesStateDto>('GET', `/sessions/${enc(id)}/summaries`, undefined, o),
  summary: (id: string, audience: string, o?: RequestOptions) =>
    request<PartnerSummaryDto>('GET', `/sessions/${enc(id)}/summaries/${enc(audience)}`, undefined, o),
  saveSummary: (id: string, audience: string, body: SummaryDraftBody) =>
    request<PartnerSummaryDto>('PUT', `/sessions/${enc(id)}/summaries/${enc(audience)}`, body),
  releaseSummary: (id: string, audience: string, contentHash: string) =>
    request<PartnerSummaryDto>('POST', `/sessions/${enc(id)}/summaries/${enc(audience)}/release`, { contentHash }),
  withdrawSummary: (id: string, audience: string) =>
    request<PartnerSummaryDto>('POST', `/sessions/${enc(id)}/summaries/${enc(audience)}/withdraw`),
  releasedSummaries: (sessionId: string, o?: RequestOptions) =>
    request<ReleasedSummaryItemDto[]>('GET', `/join/${enc(sessionId)}/summaries`, undefined, o),
  releasedSummary: (sessionId: string, id: string, o?: RequestOptions) =>
    request<ReleasedSummaryDto>('GET', `/join/${enc(sessionId)}/summaries/${enc(id)}`, undefined, o),

  caseLinks: (coupleId: string, o?: RequestOptions) =>
    request<CaseLinkDto[]>('GET', `/couples/${enc(coupleId)}/case-links`, undefined, o),
  issueCaseLink: (coupleId: string, partnerId: string) =>
    request<IssuedCaseLinkDto>('POST', `/couples/${enc(coupleId)}/case-links/${enc(partnerId)}`),
  revokeCaseLink: (coupleId: string, partnerId: string) =>
    request<CaseLinkDto[]>('DELETE', `/couples/${enc(coupleId)}/case-links/${enc(partnerId)}`),
  betweenOverview: (coupleId: string, o?: RequestOptions) =>
    request<BetweenOverviewDto>('GET', `/couples/${enc(coupleId)}/between`, undefined, o),
  sessionHomework: (sessionId: string, o?: RequestOptions) =>
    request<SessionHomeworkDto>('GET', `/sessions/${enc(sessionId)}/homework`, undefined, o),
  addHomework: (sessionId: string, body: HomeworkBody) =>
    request<SessionHomeworkDto>('POST', `/sessions/${enc(sessionId)}/homework`, body),
  closeHomework: (id: string) => request<HomeworkDto>('POST', `/homework/${enc(id)}/close`),

  roomTasks: (sessionId: string, o?: RequestOptions) =>
    request<HomeworkDto[]>('GET', `/join/${enc(sessionId)}/homework`, undefined, o),
  markRoomTask: (sessionId: string, id: string, body: HomeworkMarkBody) =>
    request<HomeworkDto>('PUT', `/join/${enc(sessionId)}/homework/${enc(id)}/mark`, body),
  redeemCase: (token: string) => request<CaseRedeemResultDto>('POST', '/me/redeem', { token }),
  betweenMe: (o?: RequestOptions) => request<BetweenMeDto>('GET', '/me', undefined, o),
  markHomework: (id: string, body: HomeworkMarkBody) =>
    request<HomeworkDto>('PUT', `/me/homework/${enc(id)}/mark`, body),
  answerWeekly: (body: WeeklyAnswerBody) => request<WeeklyStateDto>('PUT', '/me/weekly', body),
  addConflict: (body: ConflictEntryBody) => request<ConflictEntryDto>('POST', '/me/conflicts', body),
  updateConflict: (id: string, body: ConflictEntryBody) =>
    request<ConflictEntryDto>('PUT', `/me/conflicts/${enc(id)}`, body),
  deleteConflict: (id: string) => request<null>('DELETE', `/me/conflicts/${enc(id)}`),

  mySafety: (o?: RequestOptions) => request<MySafetyDto>('GET', '/me/safety', undefined, o),
  saveIntake: (body: IntakeBody) => request<IntakeDto>('PUT', '/me/intake', body),
  answerScreening: (id: string, body: ScreeningAnswerBody) =>
    request<MySafetyDto>('POST', `/me/screenings/${enc(id)}`, body),
  myLocation: (sessionId: string, o?: RequestOptions) =>
    request<MyLocationDto>('GET', `/join/${enc(sessionId)}/location`, undefined, o),
  confirmLocation: (sessionId: string, body: LocationBody) =>
    request<MyLocationDto>('PUT', `/join/${enc(sessionId)}/location`, body),
  coupleSafety: (coupleId: string, o?: RequestOptions) =>
    request<CoupleSafetyDto>('GET', `/couples/${enc(coupleId)}/safety`, undefined, o),
  setJointWork: (coupleId: string, body: JointWorkBody) =>
    request<{ safety: CoupleSafetyDto; booked: CreatedSessionDto[] }>(
      'PUT',
      `/couples/${enc(coupleId)}/joint-work`,
      body,
    ),
  sendScreening: (coupleId: string, partnerId: string) =>
    request<CoupleSafetyDto>('POST', `/couples/${enc(coupleId)}/partners/${enc(partnerId)}/screenings`),
  whereabouts: (sessionId: string, o?: RequestOptions) =>
    request<RoomWhereaboutsDto>('GET', `/sessions/${enc(sessionId)}/whereabouts`, undefined, o),
  ownCharts: (o?: RequestOptions) => request<OwnChartsDto>('GET', '/me/charts', undefined, o),
  myFollowUp: (o?: RequestOptions) => request<PartnerFollowUpDto>('GET', '/me/follow-up', undefined, o),
  saveMyMaintenancePart: (body: MaintenancePartnerPart) =>
    request<PartnerFollowUpDto>('PUT', '/me/maintenance/mine', body),
  followUp: (coupleId: string, o?: RequestOptions) =>
    request<FollowUpDto>('GET', `/couples/${enc(coupleId)}/follow-up`, undefined, o),
  setCaseStatus: (coupleId: string, status: CaseStatus) =>
    request<FollowUpDto>('PUT', `/couples/${enc(coupleId)}/case-status`, { status }),
  saveMaintenance: (coupleId: string, body: MaintenanceContent) =>
    request<FollowUpDto>('PUT', `/couples/${enc(coupleId)}/maintenance`, body),
};
