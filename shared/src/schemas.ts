/** zod schemas for every inbound REST body and Socket.IO event. Server-side (and forms) only. */
import { z } from 'zod';
import { chatEventSchemas } from './chat.schemas.js';
import type {
  ChangePasswordBody,
  CreateCoupleBody,
  CancelSessionBody,
  CreateSeriesBody,
  CreateSessionBody,
  LoginBody,
  RedeemBody,
  SetupBody,
  UpdateCoupleBody,
  UpdateSessionBody,
} from './api.js';
import { EMAIL_MAX, TIME_ZONE_MAX, isTimeZone, type EmailInviteBody } from './mail.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwordRules.js';
import {
  CONFIDENTIALITY_POLICIES,
  INVITE_TOKEN_PATTERN,
  LANGUAGES,
  SERIES_MAX_COUNT,
  SERIES_MIN_COUNT,
  SERIES_REPEATS,
  SESSION_KINDS,
} from './domain.js';
import { DOC_LIMITS, SHARE_FIELDS } from './map.js';
import type { ClientEventName, ClientEventPayload } from './protocol.js';
import { safeText } from './names.schemas.js';
import { videoEventSchemas } from './video.schemas.js';
import { scriptEventSchemas } from './scripts.schemas.js';
import { timerEventSchemas } from './timers.schemas.js';
import { safetyEventSchemas } from './safety.schemas.js';
import { draftEventSchemas } from './drafts.schemas.js';
import { measureEventSchemas } from './instruments.schemas.js';

const id = z.uuid();
const name = safeText({ min: 1, max: 80 });
const email = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** Shape only; how guessable a new password is, is judged by the server with `checkPassword` (password.ts). */
const newPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const setupBodySchema = z
  .object({ name, email, password: newPassword, setupToken: z.string().min(1).max(200) })
  .strict() satisfies z.ZodType<SetupBody>;

export const changePasswordBodySchema = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword })
  .strict() satisfies z.ZodType<ChangePasswordBody>;

export const loginBodySchema = z
  .object({ email, password: z.string().min(1).max(200) })
  .strict() satisfies z.ZodType<LoginBody>;

/** A partner's contact details (issue 16): size-limited, the zone checked with Intl. */
const timeZone = z.string().max(TIME_ZONE_MAX).refine(isTimeZone, 'must be an IANA time zone such as Europe/Madrid');
const partnerInput = z
  .object({
    displayName: name,
    language: z.enum(LANGUAGES),
    email: z.string().trim().toLowerCase().pipe(z.email().max(EMAIL_MAX)).nullable().optional(),
    timeZone: timeZone.nullable().optional(),
  })
  .strict();

export const createCoupleBodySchema = z
  .object({
    name: name,
    policy: z.enum(CONFIDENTIALITY_POLICIES),
    partners: z.tuple([partnerInput, partnerInput]),
  })
  .strict() satisfies z.ZodType<CreateCoupleBody>;

export const updateCoupleBodySchema = z
  .object({
    name: name.optional(),
    policy: z.enum(CONFIDENTIALITY_POLICIES).optional(),
    archived: z.boolean().optional(),
    partners: z.tuple([partnerInput, partnerInput]).optional(),
  })
  .strict() satisfies z.ZodType<UpdateCoupleBody>;

/** A session's title as the therapist typed it ('' = untitled). */
const SESSION_TITLE_MAX = 120;
const sessionTitle = safeText({ min: 0, max: SESSION_TITLE_MAX });

const sessionFields = {
  coupleId: id,
  kind: z.enum(SESSION_KINDS),
  partnerId: id.optional(),
  title: sessionTitle.optional(),
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
  durationMinutes: z.number().int().min(10).max(240).optional(),
};
const individualNeedsPartner = {
  message: 'An individual session needs partnerId',
  path: ['partnerId'],
};

export const createSessionBodySchema = z
  .object({ ...sessionFields, emailInvites: z.boolean().optional() })
  .strict()
  .refine(
    (b) => b.kind === 'joint' || b.partnerId !== undefined,
    individualNeedsPartner,
  ) satisfies z.ZodType<CreateSessionBody>;

/** A recurring series: the first session needs a time; 2 to 26 sessions, weekly or fortnightly. */
export const createSeriesBodySchema = z
  .object({
    ...sessionFields,
    scheduledAt: z.iso.datetime({ offset: true }),
    repeat: z.enum(SERIES_REPEATS),
    count: z.number().int().min(SERIES_MIN_COUNT).max(SERIES_MAX_COUNT),
    /** The therapist's IANA time zone: the series keeps its local time across daylight-saving changes. */
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'timeZone: an IANA time zone').optional(),
  })
  .strict()
  .refine(
    (b) => b.kind === 'joint' || b.partnerId !== undefined,
    individualNeedsPartner,
  ) satisfies z.ZodType<CreateSeriesBody>;

export const cancelSessionBodySchema = z
  .object({ following: z.boolean().optional() })
  .strict() satisfies z.ZodType<CancelSessionBody>;

export const updateSessionBodySchema = z
  .object({
    title: sessionTitle.optional(),
    scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
    durationMinutes: z.number().int().min(10).max(240).optional(),
  })
  .strict()
  .refine(
    (b) => Object.keys(b).length > 0,
    'change at least one of title, scheduledAt, durationMinutes',
  ) satisfies z.ZodType<UpdateSessionBody, unknown>;

/** The schedule's window: from an instant (the client's local midnight), 1 to 31 days. */
export const scheduleQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    days: z.coerce.number().int().min(1).max(31).default(7),
  })
  .strict();

/** Invite tokens are 32 random bytes, base64url. */
export const inviteTokenSchema = z.string().regex(INVITE_TOKEN_PATTERN);
export const redeemBodySchema = z.object({ token: inviteTokenSchema }).strict() satisfies z.ZodType<RedeemBody>;

export const idParamSchema = id;

/** Issuing a partner's link: by default it replaces the earlier one and ends its devices. */
export const issueInviteBodySchema = z
  .object({
    /** Keep the devices already signed in (a link for another device of the same person). */
    keepDevices: z.boolean().optional(),
  })
  .strict();

/** E-mailing the link just shown: its token proves it is the partner's current one (nothing of it is stored). */
export const emailInviteBodySchema = z
  .object({ token: inviteTokenSchema })
  .strict() satisfies z.ZodType<EmailInviteBody>;

const empty = z.object({}).strict();
const deviceTarget = z.object({ partnerId: id, deviceId: id.optional() }).strict();
const deviceRemove = z.object({ partnerId: id, deviceId: id }).strict();

const lobbyEventSchemas = {
  'session:hello': empty,
  'lobby:admit': deviceTarget,
  'lobby:decline': deviceTarget,
  'lobby:remove-device': deviceRemove,
  'session:end': empty,
};

const mapEventSchemas = {
  'map:lock': z.object({ locked: z.boolean() }).strict(),
  // Up to a panel's size here: the service answers PAYLOAD_TOO_LARGE above a card's limit.
  'map:share': z
    .object({ field: z.enum(SHARE_FIELDS), text: z.string().trim().min(1).max(DOC_LIMITS.privateTextChars) })
    .strict(),
};

/** One schema per client->server event; an event without a schema does not compile. */
export const clientEventSchemas = {
  ...lobbyEventSchemas,
  ...mapEventSchemas,
  ...chatEventSchemas,
  ...videoEventSchemas,
  ...timerEventSchemas,
  ...scriptEventSchemas,
  ...safetyEventSchemas,
  ...draftEventSchemas,
  ...measureEventSchemas,
} satisfies { [E in ClientEventName]: z.ZodType<ClientEventPayload<E>> };

export const handshakeAuthSchema = z.object({
  protocolVersion: z.number().int(),
  sessionId: id,
});

/** Turn a zod error into one short, safe message (field paths, no values echoed). */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}

export { pauseSettingsSchema } from './timers.schemas.js';
export { safeText, UNSAFE_NAME_MESSAGE } from './names.schemas.js';
export { scriptBodySchema, scriptContentSchema, scriptIdSchema } from './scripts.schemas.js';
export { stopSignalBodySchema, stopLabelBodySchema } from './safety.schemas.js';
export { progressNoteBodySchema, addendumBodySchema, sessionRecordSchema, noteText } from './record.schemas.js';
export {
  summaryAudienceParamSchema,
  summaryDraftBodySchema,
  releaseSummaryBodySchema,
  partnerSummarySchema,
  releasedSummarySchema,
} from './summary.schemas.js';
export { practiceBodySchema, pdfQuerySchema, timeZoneSchema, mapCompareQuerySchema } from './pdf.schemas.js';
export {
  instrumentDefinitionSchema,
  importInstrumentBodySchema,
  instrumentIdSchema,
  measureAnswersSchema,
} from './instruments.schemas.js';
export {
  caseRedeemBodySchema,
  homeworkBodySchema,
  homeworkMarkBodySchema,
  conflictEntryBodySchema,
  weeklyAnswerBodySchema,
} from './between.schemas.js';
export {
  planContentSchema,
  addReviewBodySchema,
  planVersionParamSchema,
  progressQuerySchema,
  isoDateSchema,
} from './plan.schemas.js';
export {
  intakeBodySchema,
  jointWorkBodySchema,
  locationBodySchema,
  screeningAnswerBodySchema,
} from './screening.schemas.js';
export { caseStatusBodySchema, maintenanceContentSchema, maintenancePartBodySchema } from './followup.schemas.js';
export { setPolicyBodySchema, acknowledgePolicyBodySchema } from './policy.schemas.js';
export {
  signInCodeBodySchema,
  totpConfirmBodySchema,
  totpDisableBodySchema,
  requireSecondFactorBodySchema,
  deviceIdParamSchema,
  auditQuerySchema,
} from './security.schemas.js';
export {
  practiceSettingsBodySchema,
  createStaffInviteBodySchema,
  staffInviteLookupQuerySchema,
  acceptStaffInviteBodySchema,
  updatePersonBodySchema,
  deactivatePersonBodySchema,
  transferCoupleBodySchema,
  coupleSharesBodySchema,
  addSessionClinicianBodySchema,
  supervisionConsentBodySchema,
} from './practice.schemas.js';
export {
  deleteConfirmBodySchema,
  retentionBodySchema,
  forgotPasswordBodySchema,
  resetPasswordBodySchema,
} from './clientData.schemas.js';
